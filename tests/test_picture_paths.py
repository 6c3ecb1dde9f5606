"""A picture is a file of the issue folder (issue 10): `..`, absolute paths and
links pointing out are refused with the picture named, by render, check and
import alike, so that a folder copied from a colleague cannot print other
files of this machine and an issue folder is complete on its own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from conftest import run_cli
from test_bad_input import ARTICLE, edit, expect_error, line_of, site  # noqa: F401 (site is a fixture)


def _photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (300, 200), (200, 30, 30)).save(path)
    return path


def _refer(site: Path, src: str) -> tuple[Path, int]:
    art = site / "content/13" / ARTICLE
    edit(art, "\n**共驻共建", f"\n![网格员入户走访]({src})\n\n**共驻共建")
    return art, line_of(art, "网格员入户走访")


@pytest.mark.parametrize("src", ["../../secret.png", "../12/photo.png", "pics/../../../secret.png"])
def test_a_picture_up_and_out_of_the_issue_folder(site, src):
    _photo(site / "secret.png")
    _photo(site / "content/12/photo.png")
    art, line = _refer(site, src)
    expect_error(site, f"content/13/{ARTICLE}", line, rf"picture `{src.replace('.', '[.]')}` is outside content/13.*copy it into")


def test_a_picture_by_absolute_path(site):
    photo = _photo(site / "elsewhere" / "photo.png")
    art, line = _refer(site, str(photo))
    expect_error(site, f"content/13/{ARTICLE}", line, r"is an absolute path: copy the picture into content/13")


def test_an_absolute_path_into_the_issue_folder_is_refused_too(site):
    """It would break as soon as the folder is copied elsewhere."""
    photo = _photo(site / "content/13/photo.png")
    art, line = _refer(site, str(photo.resolve()))
    expect_error(site, f"content/13/{ARTICLE}", line, r"absolute path")


def test_a_link_in_the_issue_folder_pointing_out(site):
    target = _photo(site / "elsewhere" / "photo.png")
    os.symlink(target, site / "content/13/photo.png")
    art, line = _refer(site, "photo.png")
    expect_error(site, f"content/13/{ARTICLE}", line, r"picture `photo[.]png` is outside content/13")


def test_a_picture_in_a_subfolder_and_a_link_inside_are_fine(site):
    _photo(site / "content/13/pics/photo.png")
    os.symlink("pics/photo.png", site / "content/13/same.png")
    art = site / "content/13" / ARTICLE
    edit(art, "\n**共驻共建", "\n![网格员入户走访](pics/photo.png)\n\n![同一张](same.png)\n\n**共驻共建")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 0, proc.stderr


def test_import_of_markdown_whose_picture_leaves_its_folder(site):
    _photo(site / "secret.png")
    sub = site / "subs" / "article.md"
    sub.parent.mkdir()
    sub.write_text("# 标题\n\n正文。\n\n![说明](../secret.png)\n", encoding="utf-8")
    before = sorted(p.name for p in (site / "content/13").iterdir())
    proc = run_cli("import", str(sub), "--issue", "13", "--section", "经验交流", cwd=site)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"{sub}: ") and "picture `../secret.png` is outside" in proc.stderr, proc.stderr
    assert sorted(p.name for p in (site / "content/13").iterdir()) == before
