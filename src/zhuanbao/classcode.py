"""Dataclass methods compiled once, not at every start of a command.

Python's dataclasses write each class's __init__, __repr__, __eq__ (and a
frozen class's __setattr__, __delattr__ and __hash__) as source text and
compile it while the module is imported: for zhuanbao's fifty-odd classes
that is a tenth of a cold `zhuanbao render`, the same text compiled to the
same code every time. While a command runs, the `exec` that dataclasses
calls is handed the code an earlier run compiled from the very same text,
kept in ~/.cache/zhuanbao/classcode (marshal, keyed by Python's bytecode
version and optimisation level; off with ZHUANBAO_NO_FONT_CACHE=1). A text
never seen before is compiled as dataclasses would compile it, and kept.
Nothing else changes: the class gets the methods it would get.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import MAGIC_NUMBER
from pathlib import Path

from .cachedir import cache_root

KEEP = 4000  # texts kept; beyond that (years of edits to the classes) start over


@contextmanager
def compiled_once() -> Iterator[None]:
    """Within the block, dataclasses take their methods' code from the cache."""
    root = cache_root()
    # dataclasses compiles its text with its own module's __future__ flags
    # (none); where that is not so, compile as it does, uncached
    if root is None or hasattr(dataclasses, "exec") or hasattr(dataclasses, "annotations"):
        yield
        return
    path = root / "classcode" / f"{MAGIC_NUMBER.hex()}-O{sys.flags.optimize}.marshal"
    known = _read(path)
    new: dict[str, object] = {}

    def exec_compiled(source, globals=None, locals=None):
        if isinstance(source, str):
            code = known.get(source)
            if code is None:
                code = new[source] = compile(source, "<string>", "exec", dont_inherit=True)
            source = code
        return builtins.exec(source, globals, locals)

    dataclasses.exec = exec_compiled  # a module global comes before the builtin
    try:
        yield
    finally:
        del dataclasses.exec
        if new:
            _write(path, {**known, **new} if len(known) + len(new) <= KEEP else new)


def _read(path: Path) -> dict:
    try:
        known = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return known if isinstance(known, dict) else {}


def _write(path: Path, codes: dict) -> None:
    from .atomicfile import write_replacing

    try:
        write_replacing(path, lambda fh: fh.write(marshal.dumps(codes)))
    except (OSError, ValueError):
        pass  # a read-only home: no cache, same classes
