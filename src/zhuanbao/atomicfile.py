"""Writing a file whole or not at all.

The caches (fonts, font subsets, parsed articles) write beside files other
runs are reading: a temporary file in the same folder, renamed over the
target once complete. A failure part-way (a full disk, Ctrl-C) must not leave
the temporary file behind either, or every failed run adds one.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO


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


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (a pending one is raised at its end).

    For the few instructions between creating a file and recording that this
    run created it, and for renaming a set of outputs together.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def create_new(path: Path, made: list[Path], mode: str = "xb", **kwargs: Any) -> IO:
    """Open a file that must not exist yet, and record it in `made` in the same breath.

    Whoever cleans up after a failure removes exactly the files in `made`:
    never one that was there before (FileExistsError leaves `made` alone),
    never a half-written one forgotten because Ctrl-C came in between.
    """
    with signals_held():
        fh = open(path, mode, **kwargs)
        made.append(path)
    return fh
