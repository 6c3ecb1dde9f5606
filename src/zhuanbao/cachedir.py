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
