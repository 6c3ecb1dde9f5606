"""YAML for editors' and designers' files: parsed once, with line numbers.

Shared by content.py and layoutfile.py, so that a syntax error anywhere gets
the same message naming the file and line.

Importing PyYAML costs a render more than parsing its three files
(publication.yaml, issue.yaml, the layout): it compiles its scanner's
patterns at import. So what a text parsed to is kept on disk beside the
font cache (~/.cache/zhuanbao/yaml, off with ZHUANBAO_NO_FONT_CACHE=1),
keyed by the text itself, the line it starts on, Python's version and the
files of this module and of PyYAML (size and mtime); a render whose YAML
files did not change does not import yaml at all. Only what parsed is kept:
a file with an error is parsed, and reported, every time. Any cache trouble
falls back to parsing.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from .errors import ContentError, Where

FORMAT = 1  # bump when an entry's form changes
KEEP_BYTES = 1 << 20  # disk kept for parsed YAML; the least recently used go first


def parse(text: str, path: Path, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    """Parse YAML; return the data and the line of each top-level key.

    `first_line` is where the text starts in its file (an article's front
    matter starts on line 2).
    """
    entry = _entry(text, first_line)
    if entry is not None:
        try:
            with entry.open("rb") as fh:
                data, lines = pickle.load(fh)
            os.utime(entry)  # used now: pruning keeps the files in use
            return data, lines
        except Exception:  # missing, stale or broken: parse afresh
            pass
    data, lines = _parse(text, path, first_line)
    if entry is not None:
        _save(entry, (data, lines))
    return data, lines


def _parse(text: str, path: Path, first_line: int) -> tuple[Any, dict[str, int]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml when present: 5× faster
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        row = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        indent = row[: len(row) - len(row.lstrip(" \t"))]
        at = row[mark.column] if mark and mark.column < len(row) else ""
        # a tab that indents (or stands where YAML stopped), not one inside a quoted value
        hint = ("The line is indented with a tab (制表符): YAML indents with spaces only, replace it with spaces."
                if "\t" in indent or at == "\t" else "Check the indentation, and quote values that contain a colon.")
        raise ContentError(Where(path, line), f"YAML 语法错误 YAML syntax error: {problem}. {hint}") from None
    except yaml.YAMLError as exc:
        raise ContentError(Where(path, first_line), f"YAML 语法错误 YAML syntax error: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            lines[str(key.value)] = key.start_mark.line + first_line
    return data, lines


def _entry(text: str, first_line: int) -> Path | None:
    """The cache file of this text, or None when the cache is off."""
    from .cachedir import cache_root

    root = cache_root()
    if root is None:
        return None
    key = hashlib.sha1(repr((_code_key(), first_line)).encode() + text.encode("utf-8", "surrogatepass"))
    return root / "yaml" / f"{key.hexdigest()[:24]}.pickle"


@functools.cache
def _code_key() -> tuple:
    """What parsing is made of: this module's file and PyYAML's, found without importing it."""
    from importlib.util import find_spec

    files = [Path(__file__)]
    spec = find_spec("yaml")
    if spec is not None and spec.origin:
        files.append(Path(spec.origin))
    stamps = []
    for f in files:
        try:
            st = os.stat(f)
            stamps.append((str(f), st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append((str(f), None))
    return (FORMAT, sys.version_info[:3], tuple(stamps))


def _save(entry: Path, parsed: tuple[Any, dict[str, int]]) -> None:
    from .atomicfile import write_replacing
    from .cachedir import prune

    try:
        write_replacing(entry, lambda fh: pickle.dump(parsed, fh, protocol=pickle.HIGHEST_PROTOCOL))
        prune(entry.parent, "*.pickle", keep=KEEP_BYTES)
    except Exception:
        pass  # a read-only home or an unpicklable value: no cache, same result


def scalar(value: str) -> str:
    """`value` written as a YAML scalar that reads back as the same string:
    plain where YAML keeps it as it is, else double-quoted (JSON is YAML)."""
    import yaml

    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    import json

    return json.dumps(value, ensure_ascii=False)
