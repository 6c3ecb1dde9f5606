"""Running `zhuanbao` as a child process under the conditions of an accident.

`run` returns what an editor would see (exit status, stdout, stderr) and what
a reviewer measures: the child's own peak memory (from wait4, not the
cumulative RUSAGE_CHILDREN) and its wall time. `preexec` helpers set up the
accident in the child before it starts: a file size limit standing in for a
full disk, or root's permission override dropped so a read-only folder is
read-only even for root.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from conftest import ROOT

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float  # the child's maximum resident set size
    seconds: float


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "zhuanbao", *args]


def start(
    args: list[str], cwd: Path, preexec: Callable[[], None] | None = None
) -> tuple[subprocess.Popen, Path, Path]:
    """Start the child with stdout/stderr in files (so nothing blocks on a full pipe)."""
    out = Path(tempfile.mkstemp(prefix="zhuanbao-stdout-")[1])
    err = Path(tempfile.mkstemp(prefix="zhuanbao-stderr-")[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)}
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(args, cwd=cwd, stdout=o, stderr=e, preexec_fn=interruptible(preexec), env=env)
    return proc, out, err


def interruptible(preexec: Callable[[], None] | None = None) -> Callable[[], None]:
    """The child takes Ctrl-C as from a terminal: a shell that starts the tests
    in the background (`pytest &`) leaves them SIGINT ignored, and the child
    would inherit that (Python then installs no KeyboardInterrupt)."""

    def setup() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if preexec is not None:
            preexec()

    return setup


def finish(proc: subprocess.Popen, out: Path, err: Path, started: float, timeout: float = 300) -> Result:
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = Result(
        proc.returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        usage.ru_maxrss / 1024,
        time.monotonic() - started,
    )
    out.unlink()
    err.unlink()
    return result


def run(args: list[str], cwd: Path, preexec: Callable[[], None] | None = None, timeout: float = 300) -> Result:
    started = time.monotonic()
    proc, out, err = start(args, cwd, preexec)
    return finish(proc, out, err, started, timeout)


def file_size_limit(limit: int) -> Callable[[], None]:
    """A disk that fills up: writes past `limit` bytes fail with EFBIG (SIGXFSZ ignored, as a full disk sends none)."""

    def setup() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return setup


def memory_limit(limit: int) -> Callable[[], None]:
    def setup() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return setup


def without_root_override() -> None:
    """Root writes into a read-only folder through CAP_DAC_OVERRIDE; drop it (and its kin) for the child.

    A capability dropped from the bounding set is gone after exec, so the
    child is root that obeys file modes, as an ordinary user is. Not root:
    file modes already apply, nothing to do.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")
