"""Shared fixtures: the repository's content rendered once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))  # this checkout's code, not another checkout's editable install


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `zhuanbao` as an editor would, in a separate process.

    The child imports this checkout's src/ whatever its working folder: a
    relative PYTHONPATH=src, or another checkout's editable install, would
    otherwise test other code than this one.
    """
    path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
    return subprocess.run(
        [sys.executable, "-m", "zhuanbao", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": path, **(env or {})},
    )


@pytest.fixture(scope="session")
def issue13_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    proc = run_cli("render", "13", "--format", "pdf", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    pdf = out / "13" / "宣传信息专报第13期.pdf"
    assert proc.stdout.strip() == str(pdf)
    return pdf


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of content/, for tests that break or extend it."""
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst
