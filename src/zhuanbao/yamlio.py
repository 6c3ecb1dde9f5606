"""YAML for editors' and designers' files: parsed once, with line numbers.

Shared by content.py and layoutfile.py, so that a syntax error anywhere gets
the same message naming the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Where

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 5× faster


def parse(text: str, path: Path, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Parse YAML; return the data and the line of each top-level key.

    `first_line` is where the text starts in its file (an article's front
    matter starts on line 2).
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ContentError(
            Where(path, line),
            f"YAML 语法错误 YAML syntax error: {problem}. "
            "Check the indentation, and quote values that contain a colon.",
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(Where(path, first_line), f"YAML 语法错误 YAML syntax error: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            lines[str(key.value)] = key.start_mark.line + first_line
    return data, lines


def scalar(value: str) -> str:
    """`value` written as a YAML scalar that reads back as the same string:
    plain where YAML keeps it as it is, else double-quoted (JSON is YAML)."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    import json

    return json.dumps(value, ensure_ascii=False)
