"""Where zhuanbao keeps what it computed once and can compute again.

~/.cache/zhuanbao (under XDG_CACHE_HOME when set); nowhere with
ZHUANBAO_NO_FONT_CACHE=1, which turns every such cache off (fonts, font
subsets, parsed articles and YAML, compiled dataclass methods). A module of
its own, importing nothing of zhuanbao, so that the start of a command can
ask before anything else is imported.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path | None:
    if os.environ.get("ZHUANBAO_NO_FONT_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zhuanbao"


def prune(folder: Path, pattern: str, keep: int) -> None:
    """Delete the least recently used files matching `pattern` in `folder`
    beyond `keep` bytes (a read marks a file used by touching it). Another
    run may be reading or removing the same files: any trouble leaves the
    rest for the next prune."""
    try:
        stats = [(p, p.stat()) for p in folder.glob(pattern)]
    except OSError:
        return
    total = 0
    for p, st in sorted(stats, key=lambda e: e[1].st_mtime, reverse=True):
        total += st.st_size
        if total > keep:
            try:
                p.unlink(missing_ok=True)
            except OSError:
                pass
