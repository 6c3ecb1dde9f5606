"""The DOCX goes out, an editor changes it in an office suite, and it comes
back: opened, edited (a word changed in an article, a paragraph added) and
saved by LibreOffice, it imports (`zhuanbao import`) into the article files
with only that change (issue 8)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import CONTENT, run_cli
from test_docx_libreoffice import _soffice

OLD, NEW = "全力以赴争创全国文明典范城市", "全力以赴创建全国文明典范城市"
ADDED = "市北区还将持续深化共驻共建机制，推动更多驻区单位参与文明创建。"


def _save_with_libreoffice(docx: Path, folder: Path) -> Path:
    """LibreOffice opens the file and saves it as Word 2007–365 (.docx)."""
    exe = _soffice()
    home = folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    out = folder / "saved"
    proc = subprocess.run(
        [exe, "--headless", "--norestore", f"-env:UserInstallation={(home / 'profile').as_uri()}",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(docx)],
        env=dict(os.environ, HOME=str(home)), capture_output=True, text=True, timeout=300,
    )
    saved = out / docx.name
    assert proc.returncode == 0 and saved.is_file(), proc.stdout + proc.stderr
    return saved


def _edit(src: Path, dst: Path) -> None:
    """What an editor does in Word: one word changed, one paragraph added after it."""
    from docx import Document

    doc = Document(str(src))
    paras = doc.paragraphs
    k = next(i for i, p in enumerate(paras) if OLD in p.text)
    target = paras[k]
    runs = [r for r in target.runs if OLD in r.text]
    assert runs, "the sentence is in one run"
    runs[0].text = runs[0].text.replace(OLD, NEW)
    added = paras[k + 1].insert_paragraph_before(ADDED)
    added.style = target.style
    doc.save(str(dst))


def test_a_docx_edited_and_saved_by_libreoffice_imports_with_only_that_change(tmp_path):
    _soffice()
    site = tmp_path
    shutil.copytree(CONTENT, site / "content")
    proc = run_cli("render", "13", "--format", "docx", "--out", str(site / "out"), "--content", str(site / "content"))
    assert proc.returncode == 0, proc.stderr
    edited = site / "edited" / "宣传信息专报第13期.docx"
    edited.parent.mkdir()
    _edit(Path(proc.stdout.strip()), edited)
    saved = _save_with_libreoffice(edited, site)
    assert run_cli("new", "14", "--date", "2022-10-13", "--content", str(site / "content")).returncode == 0
    proc = run_cli("import", str(saved), "--issue", "14", "--section", "经验交流", "--content", str(site / "content"))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    originals = sorted((site / "content/13").glob("*.md"))
    imported = sorted((site / "content/14").glob("*.md"))
    assert len(imported) == len(originals) == 6  # named after the file: NN-13.md
    changed = 0
    for o, i in zip(originals, imported):
        want = o.read_text(encoding="utf-8")
        if OLD in want:
            para = next(line for line in want.split("\n") if OLD in line)
            want = want.replace(para, para.replace(OLD, NEW) + "\n\n" + ADDED)
            changed += 1
        assert i.read_text(encoding="utf-8") == want, i.name
    assert changed == 1


def test_the_edit_is_a_real_edit():
    """The words the test changes are in issue 13 once, so the test above
    cannot pass by editing nothing."""
    text = "".join(p.read_text(encoding="utf-8") for p in (CONTENT / "13").glob("*.md"))
    assert text.count(OLD) == 1 and NEW not in text and ADDED not in text
