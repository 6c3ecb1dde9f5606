"""Writing a file whole or not at all.

The caches (fonts, font subsets, parsed articles) write beside files other
runs are reading: a temporary file in the same folder, renamed over the
target once complete. A failure part-way (a full disk, Ctrl-C) must not leave
the temporary file behind either, or every failed run adds one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_replacing(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call `write` on a temporary file beside `target`, then rename it to `target`.

    Raises whatever writing raised, after removing the temporary file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
