"""The wheel, installed as a new user would, renders from any folder (issue 10).

The wheel is built from a copy of the checkout (nothing is written into the
worktree), offline (`--no-isolation`: the test extra pins `build` and
`setuptools`), and installed without its dependencies into a fresh venv that
sees the already installed ones (`--system-site-packages`), so the test needs
no network. The render then runs the venv's own `zhuanbao` command in a folder
that holds nothing but a copy of content/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import pdfread
from conftest import CONTENT, ROOT

PDF = "宣传信息专报第13期.pdf"


def _run(cmd: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    # PYTHONPATH is the test run's own (it may point at src/): the venv must not see it.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("checkout")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in ("src", "layouts", "fonts"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    dist = tmp_path_factory.mktemp("dist")
    proc = _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(src)], src)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (whl,) = dist.glob("zhuanbao-*.whl")
    return whl


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    env = tmp_path_factory.mktemp("venv")
    proc = _run([sys.executable, "-m", "venv", "--system-site-packages", str(env)], env)
    assert proc.returncode == 0, proc.stderr
    proc = _run([str(env / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], env)
    assert proc.returncode == 0, proc.stderr
    return env


@pytest.fixture
def empty_folder(tmp_path) -> Path:
    """A user's folder elsewhere: content/ and nothing else (no layouts/, no fonts/)."""
    site = tmp_path / "site"
    shutil.copytree(CONTENT, site / "content")
    return site


def test_wheel_carries_the_layouts_the_fonts_and_their_licences(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"zhuanbao/{p.relative_to(ROOT)}"
        for folder in ("layouts", "fonts")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts
    }
    assert any(n.endswith(".yaml") for n in shipped) and any(n.endswith(".ttf") for n in shipped)
    assert "zhuanbao/fonts/README.md" in shipped and any("/LICENSES/" in n for n in shipped)
    assert shipped <= names, sorted(shipped - names)
    modules = {f"zhuanbao/{p.relative_to(ROOT / 'src' / 'zhuanbao')}" for p in (ROOT / "src" / "zhuanbao").rglob("*.py")}
    assert modules <= names, sorted(modules - names)


def test_installed_wheel_renders_from_an_empty_folder(venv, empty_folder, issue13_pdf):
    where = _run([str(venv / "bin" / "python"), "-c", "import zhuanbao; print(zhuanbao.__file__)"], empty_folder)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr  # the wheel, not the checkout
    proc = _run([str(venv / "bin" / "zhuanbao"), "render", "13"], empty_folder)
    assert proc.returncode == 0, proc.stderr
    pdf = empty_folder / "out" / "13" / PDF
    assert proc.stdout.split() == [f"out/13/{PDF}", f"out/13/{PDF[:-4]}.docx"]
    assert pdfread.page_count(pdf) == pdfread.page_count(issue13_pdf) == 11  # issue 7: no page for the 版记 alone
    assert pdfread.text(pdf) == pdfread.text(issue13_pdf)
    assert sorted(p.name for p in empty_folder.iterdir()) == ["content", "out"]


def test_a_layout_in_the_current_folder_wins_over_the_installed_one(venv, empty_folder):
    installed = next((venv / "lib").glob("python3*/site-packages/zhuanbao"))
    text = (installed / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    assert 'page_number: "— {n} —"' in text and "file: ../fonts/" in text
    text = text.replace('page_number: "— {n} —"', 'page_number: "第 {n} 页"')
    text = text.replace("file: ../fonts/", f"file: {installed / 'fonts'}/")
    (empty_folder / "layouts").mkdir()
    (empty_folder / "layouts" / "zhuanbao.yaml").write_text(text, encoding="utf-8")
    proc = _run([str(venv / "bin" / "zhuanbao"), "render", "13", "--format", "pdf"], empty_folder)
    assert proc.returncode == 0, proc.stderr
    pages = pdfread.text(empty_folder / "out" / "13" / PDF)
    assert "第 2 页" in pages.replace("\u3000", " ") and "— 2 —" not in pages


def test_a_layout_in_the_current_folder_has_its_fonts_next_to_it(venv, empty_folder):
    """Font paths are relative to the layout file: a copied layout without fonts/ is named, not fallen back from."""
    installed = next((venv / "lib").glob("python3*/site-packages/zhuanbao"))
    (empty_folder / "layouts").mkdir()
    shutil.copy2(installed / "layouts" / "zhuanbao.yaml", empty_folder / "layouts" / "zhuanbao.yaml")
    proc = _run([str(venv / "bin" / "zhuanbao"), "render", "13"], empty_folder)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "layouts/zhuanbao.yaml" in proc.stderr and str(empty_folder / "fonts") in proc.stderr
    assert not (empty_folder / "out").exists()


def test_installed_wheel_renders_the_other_layouts_example(venv, tmp_path):
    """examples/jianbao names the jianbao layout: it and what it names beside it (title_words.txt) travel too."""
    site = tmp_path / "jianbao"
    shutil.copytree(ROOT / "examples" / "jianbao" / "content", site / "content")
    proc = _run([str(venv / "bin" / "zhuanbao"), "render", "5", "--format", "pdf"], site)
    assert proc.returncode == 0, proc.stderr
    (pdf,) = (site / "out" / "5").glob("*.pdf")
    assert pdfread.page_count(pdf) >= 2
    assert sorted(p.name for p in site.iterdir()) == ["content", "out"]
