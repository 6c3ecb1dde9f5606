"""Ordinary accidents during `zhuanbao render` (issue 10 "Faults").

Each ends in whole outputs or in one message naming the file or folder and
what to do, exit status 1 (130 for an interrupt), no traceback, no temporary
file left, and the outputs of an earlier render unchanged.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import time
import zipfile
from pathlib import Path

import pytest

import child
import pdfread
from conftest import CONTENT

PDF = "宣传信息专报第13期.pdf"
DOCX = "宣传信息专报第13期.docx"
EARLIER_PDF = b"%PDF-1.4 an earlier render\n"
EARLIER_DOCX = b"PK an earlier render\n"


@pytest.fixture
def site(tmp_path) -> Path:
    """content/ and an out/13/ holding an earlier render's two files."""
    shutil.copytree(CONTENT, tmp_path / "content")
    old = tmp_path / "out" / "13"
    old.mkdir(parents=True)
    (old / PDF).write_bytes(EARLIER_PDF)
    (old / DOCX).write_bytes(EARLIER_DOCX)
    return tmp_path


def assert_one_message(r: child.Result, *names: str) -> None:
    assert "Traceback" not in r.stderr, r.stderr
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    for name in names:
        assert name in lines[0], (name, lines[0])
    assert r.stdout == ""


def assert_earlier_render_untouched(site: Path) -> None:
    folder = site / "out" / "13"
    assert sorted(p.name for p in folder.iterdir()) == sorted([PDF, DOCX])  # no temporary file left
    assert (folder / PDF).read_bytes() == EARLIER_PDF
    assert (folder / DOCX).read_bytes() == EARLIER_DOCX


def test_out_that_is_a_file(site):
    (site / "report.pdf").write_bytes(b"someone's file")
    r = child.run(child.command("render", "13", "--out", "report.pdf"), site)
    assert r.returncode == 1
    assert_one_message(r, "report.pdf", "不是文件夹", "--out")
    assert (site / "report.pdf").read_bytes() == b"someone's file"
    assert_earlier_render_untouched(site)


def run_read_only(site, folder, *args: str):
    """Run zhuanbao with `folder` made read-only (0555) for the run: a real
    refusal, the child cannot override modes (child.without_root_override)."""
    folder.chmod(0o555)
    try:
        return child.run(child.command(*args), site, preexec=child.without_root_override)
    finally:
        folder.chmod(0o755)


def test_out_folder_without_write_permission(site):
    """Real refusal: the folder is 0555 and the child cannot override modes (see child.without_root_override)."""
    r = run_read_only(site, site / "out" / "13", "render", "13")
    assert r.returncode == 1
    assert_one_message(r, "out/13: ", "没有写入权限", "--out")
    assert_earlier_render_untouched(site)


def test_out_folder_that_cannot_be_created(site):
    shutil.rmtree(site / "out")
    (site / "out").mkdir()
    r = run_read_only(site, site / "out", "render", "13")
    assert r.returncode == 1
    assert_one_message(r, "out/13", "没有写入权限")
    assert list((site / "out").iterdir()) == []


def test_disk_fills_up_while_the_pdf_is_written(site):
    """RLIMIT_FSIZE below the PDF's size: the write fails with EFBIG half-way, as on a full disk."""
    r = child.run(child.command("render", "13"), site, preexec=child.file_size_limit(100_000))
    assert r.returncode == 1
    assert_one_message(r, f"out/13/{PDF}", "磁盘已满", "Nothing was changed")
    assert_earlier_render_untouched(site)


def test_disk_fills_up_in_a_fresh_out_folder_leaves_no_empty_folder(site):
    shutil.rmtree(site / "out")
    r = child.run(child.command("render", "13"), site, preexec=child.file_size_limit(100_000))
    assert r.returncode == 1
    assert_one_message(r, PDF, "磁盘已满")
    assert not (site / "out").exists()


def _running(pid: int) -> bool:
    """Whether the child still runs, without reaping it (Popen.poll would, and wait4 then fails)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _loaded(pid: int, library: str) -> bool:
    try:
        return library in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _wait_for(predicate, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.002)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_while_writing(site, sig):
    """The signal arrives while the PDF is being written (its temporary file exists)."""
    folder = site / "out" / "13"
    started = time.monotonic()
    proc, out, err = child.start(child.command("render", "13"), site)
    _wait_for(lambda: any(p.name.endswith(".tmp") for p in folder.iterdir()) or not _running(proc.pid))
    assert _running(proc.pid), "the render ended before it wrote anything"
    os.kill(proc.pid, sig)
    r = child.finish(proc, out, err, started)
    assert r.returncode == 130
    assert_one_message(r, "已中断 interrupted")
    assert_earlier_render_untouched(site)


def _locked(pid: int) -> bool:
    """Whether process `pid` waits for a lock (/proc/locks shows a waiter as `->`)."""
    return any("->" in line and f" {pid} " in line for line in Path("/proc/locks").read_text().splitlines())


def test_the_pair_is_renamed_under_a_lock(site):
    """While another holder has out/13 locked, a finished render waits, its files still temporary."""
    folder = site / "out" / "13"
    fd = os.open(folder, os.O_RDONLY)
    started = time.monotonic()
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        proc, out, err = child.start(child.command("render", "13"), site)
        _wait_for(lambda: _locked(proc.pid) or not _running(proc.pid))
        assert _running(proc.pid)
        temps = sorted(p.name.rsplit(".", 2)[-2] for p in folder.iterdir() if p.name.endswith(".tmp"))
        assert temps == ["docx", "pdf"]  # both written, neither in place
        assert (folder / PDF).read_bytes() == EARLIER_PDF and (folder / DOCX).read_bytes() == EARLIER_DOCX
    finally:
        os.close(fd)
    r = child.finish(proc, out, err, started)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([PDF, DOCX])
    assert pdfread.page_count(folder / PDF) == 11  # issue 7: the 版记 under the last article, no page of its own


def test_three_renders_of_the_same_issue_at_once(site):
    """Three content folders, told apart by a word in a title, render issue 13 into one out/ together."""
    markers = ("甲", "乙", "丙")
    procs = []
    started = time.monotonic()
    for i, marker in enumerate(markers):
        content = site / f"content-{i}"
        shutil.copytree(CONTENT, content)
        art = sorted((content / "13").glob("*.md"))[0]
        text = art.read_text(encoding="utf-8")
        body_at = text.index("\n---\n", 4) + 5
        art.write_text(text[:body_at] + f"标记{marker}。" + text[body_at:], encoding="utf-8")
        procs.append(child.start(child.command("render", "13", "--content", str(content)), site))
    results = [child.finish(p, o, e, started) for p, o, e in procs]
    for r in results:
        assert r.returncode == 0, r.stderr
    folder = site / "out" / "13"
    assert sorted(p.name for p in folder.iterdir()) == sorted([PDF, DOCX])
    pdf_text = pdfread.text(folder / PDF)
    with zipfile.ZipFile(folder / DOCX) as z:
        assert z.testzip() is None
        docx_text = z.read("word/document.xml").decode("utf-8")
    in_pdf = [m for m in markers if f"标记{m}" in pdf_text]
    in_docx = [m for m in markers if f"标记{m}" in docx_text]
    assert len(in_pdf) == 1 and in_pdf == in_docx, (in_pdf, in_docx)
    assert pdfread.page_count(folder / PDF) == 11


# --- the other commands ----------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("render", "13"),
        ("check", "13"),
        ("list",),
        ("new", "14"),
        ("import", "sub.txt", "--issue", "13", "--section", "经验交流"),
    ],
    ids=lambda a: a[0],
)
def test_every_command_names_a_folder_it_may_not_read(site, args):
    (site / "sub.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    issue = site / "content" / "13"
    issue.chmod(0)
    try:
        r = child.run(child.command(*args), site, preexec=child.without_root_override)
    finally:
        issue.chmod(0o755)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert r.stderr.startswith("content/13"), r.stderr
    assert "没有" in r.stderr.splitlines()[0]  # 没有权限 / 没有读取权限: says it is a permission
    assert sorted(p.name for p in site.iterdir()) == ["content", "out", "sub.txt"]
    assert sorted(p.name for p in (site / "content").iterdir()) == ["13", "publication.yaml"]


def test_import_on_a_full_disk_leaves_no_article(site):
    (site / "sub.txt").write_text("标题\n\n" + "正文。" * 200 + "\n", encoding="utf-8")
    before = sorted(p.name for p in (site / "content" / "13").iterdir())
    r = child.run(
        child.command("import", "sub.txt", "--issue", "13", "--section", "经验交流"), site, preexec=child.file_size_limit(300)
    )
    assert r.returncode == 1
    assert_one_message(r, "content/13/07-sub.md", "磁盘已满")
    assert sorted(p.name for p in (site / "content" / "13").iterdir()) == before


def test_new_in_a_content_folder_without_write_permission(site):
    r = run_read_only(site, site / "content", "new", "14")
    assert r.returncode == 1
    assert_one_message(r, "content/14", "没有写入权限")
    assert not (site / "content" / "14").exists()


def test_an_unexpected_error_is_one_line_unless_debugging(monkeypatch, capsys):
    from zhuanbao import cli, listing

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(listing, "rows", broken)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    assert cli.main(["list"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "内部错误 internal error: RuntimeError: boom. This is a bug in zhuanbao: run the command again "
        "with ZHUANBAO_DEBUG=1 for the details and report them."
    ]
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    with pytest.raises(RuntimeError, match="boom"):
        cli.main(["list"])


def test_a_killed_renders_temporary_files_are_removed_by_the_next(site):
    """kill -9 or a power cut leaves a hidden .tmp; the next render removes it once it is an hour old."""
    folder = site / "out" / "13"
    stale = folder / f".{PDF[:-4]}-abc123.pdf.tmp"
    recent = folder / f".{PDF[:-4]}-def456.docx.tmp"  # another render's, still being written
    other = folder / ".notes-abc.pdf.tmp"  # not ours
    for p in (stale, recent, other):
        p.write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    r = child.run(child.command("render", "13"), site)
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in folder.iterdir()) == sorted([PDF, DOCX, recent.name, other.name])


def test_disk_full_with_a_cold_cache_leaves_nothing_in_the_cache(site, tmp_path, monkeypatch):
    """The font, subset and article caches write whole files or none: no .tmp piles up run after run."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("ZHUANBAO_NO_FONT_CACHE", raising=False)
    r = child.run(child.command("render", "13"), site, preexec=child.file_size_limit(100_000))
    assert r.returncode == 1
    assert_one_message(r, "磁盘已满")
    assert cache.is_dir()  # the caches were tried
    assert [p.name for p in cache.rglob("*.tmp")] == []
    assert_earlier_render_untouched(site)


def _submission_with_pictures(path: Path, pictures: int = 3) -> Path:
    """A Word submission with large photos, so writing them takes a while."""
    import random as _random

    from docx import Document
    from docx.shared import Cm
    from PIL import Image as PILImage

    doc = Document()
    doc.add_paragraph("网格员入户走访").alignment = 1
    rnd = _random.Random(3)
    for k in range(pictures):
        doc.add_paragraph(f"第{k + 1}段：市北区积极实施党建引领基层治理工程。")
        img = path.parent / f"photo{k}.png"
        PILImage.frombytes("RGB", (1200, 900), rnd.randbytes(1200 * 900 * 3)).save(img)
        doc.add_picture(str(img), width=Cm(10))
        img.unlink()
    doc.add_paragraph("（市北区委宣传部）")
    doc.save(str(path))
    return path


@pytest.mark.parametrize("interrupted", ["07-sub-2.png", "07-sub.md"], ids=["second picture", "article"])
def test_ctrl_c_while_an_import_writes_leaves_nothing(site, monkeypatch, interrupted):
    """Ctrl-C half-way through writing a picture or the article: every file the import made is removed."""
    from zhuanbao import importer

    sub = _submission_with_pictures(site / "sub.docx")
    issue = site / "content" / "13"
    before = sorted(p.name for p in issue.iterdir())
    real = importer.create_new

    def create_then_interrupt(path, made, *args, **kwargs):
        fh = real(path, made, *args, **kwargs)
        if path.name != interrupted:
            return fh
        write = fh.write

        def half_then_ctrl_c(data):
            write(data[: len(data) // 2])
            raise KeyboardInterrupt

        fh.write = half_then_ctrl_c
        return fh

    monkeypatch.setattr(importer, "create_new", create_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        importer.import_file(sub, site / "content", "13", "经验交流")
    assert sorted(p.name for p in issue.iterdir()) == before
