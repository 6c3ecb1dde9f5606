"""Hostile and broken submissions to `zhuanbao import` (issue 10).

Every file is made here, in a temporary folder (no big fixture in git). Each
import runs as a child process, as an editor would run it, under a 2 GB
address-space cap so that a regression fails instead of starving the
machine; the test reads the child's own peak memory (must stay under 1 GB),
its exit status and message, and checks that no article or picture was left
in the issue folder.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pytest

import child
from conftest import CONTENT

PARAGRAPH = "<w:p><w:r><w:t>市北区积极实施党建引领基层治理工程。</w:t></w:r></w:p>"
ARTICLE = "市北区以党建引领基层治理\n\n市北区积极实施“党建引领一网治理”强基工程，推动治理力量向基层下沉。\n\n（市北区委宣传部）\n"


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path


def _template() -> dict[str, bytes]:
    """The parts of an ordinary DOCX (python-docx's own), to wrap a hostile document.xml in."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    with zipfile.ZipFile(buf) as z:
        return {n: z.read(n) for n in z.namelist()}


def _docx_head_tail() -> tuple[bytes, bytes]:
    xml = _template()["word/document.xml"].decode("utf-8")
    body_at = xml.index("<w:body>") + len("<w:body>")
    return xml[:body_at].encode(), xml[body_at:].encode()


def write_docx(path: Path, document: bytes | None = None, chunks=None, level: int = 9) -> Path:
    """A DOCX whose word/document.xml is `document`, or streamed from `chunks` (for a bomb)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in _template().items():
            if name == "word/document.xml":
                if document is not None:
                    z.writestr(name, document)
                else:
                    with z.open(name, "w", force_zip64=True) as fh:
                        for c in chunks:
                            fh.write(c)
            else:
                z.writestr(name, data)
    return path


def zip_bomb(path: Path, megabytes: int, one_paragraph: bool = False) -> Path:
    """`megabytes` of document.xml: short paragraphs, or one paragraph of endless runs."""
    head, tail = _docx_head_tail()
    unit = "<w:r><w:t>市北区积极实施党建引领基层治理工程。</w:t></w:r>" if one_paragraph else PARAGRAPH
    block = (unit * 4000).encode()

    def chunks():
        yield head
        if one_paragraph:
            yield b"<w:p>"
        for _ in range(megabytes * 1_000_000 // len(block)):
            yield block
        if one_paragraph:
            yield b"</w:p>"
        yield tail

    return write_docx(path, chunks=chunks())


def lie_about_sizes(path: Path, member: str, declared: int) -> None:
    """Rewrite the zip's local and central headers so `member` claims `declared` bytes unpacked."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        n, m = struct.unpack_from("<HH", data, local + 26)
        if data[local + 30 : local + 30 + n] == name:
            struct.pack_into("<I", data, local + 22, declared)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + n] == name:
            struct.pack_into("<I", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def entity_bomb(path: Path) -> Path:
    head, tail = _docx_head_tail()
    decl, _, rest = head.decode().partition("?>")
    levels = ['<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)
    ]
    dtd = "<!DOCTYPE w:document [" + "".join(levels) + "]>"
    body = "<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
    return write_docx(path, (decl + "?>" + dtd + rest + body).encode() + tail)


def import_(site: Path, file: Path) -> child.Result:
    return child.run(
        child.command("import", str(file), "--issue", "13", "--section", "经验交流"),
        site,
        preexec=child.memory_limit(2 << 30),
        timeout=120,
    )


def assert_refused(site: Path, r: child.Result, file: Path, *words: str) -> None:
    assert r.returncode == 1, (r.returncode, r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr[-2000:]
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith(f"{file}: "), lines[0]
    for w in words:
        assert w in lines[0], (w, lines[0])
    assert r.peak_mb < 1024, r.peak_mb
    before = sorted(p.name for p in (CONTENT / "13").iterdir())
    assert sorted(p.name for p in (site / "content" / "13").iterdir()) == before  # no article, no picture left


def test_a_zip_bomb_docx(site):
    bomb = zip_bomb(site / "bomb.docx", 400)
    assert bomb.stat().st_size < 3_000_000  # hundreds of MB of XML from a small file
    r = import_(site, bomb)
    assert_refused(site, r, bomb, "解压后太大", "200 MB in all")
    assert int(re.search(r"unpacks to (\d+) MB", r.stderr)[1]) >= 400
    assert r.seconds < 60


def test_a_zip_bomb_docx_that_lies_about_its_size(site):
    """Headers claim 1 KB; python's zipfile stops there and the CRC fails: a damaged file, no flood."""
    bomb = zip_bomb(site / "liar.docx", 40)
    lie_about_sizes(bomb, "word/document.xml", 1000)
    r = import_(site, bomb)
    assert_refused(site, r, bomb, "cannot read this .docx", "CRC")


def test_a_docx_over_the_xml_limit_but_under_the_zip_limit(site):
    bomb = zip_bomb(site / "long.docx", 40, one_paragraph=True)
    r = import_(site, bomb)
    assert_refused(site, r, bomb, "解压后太大", "MB of XML", "32 MB of text and markup")
    assert int(re.search(r"unpacks to (\d+) MB of XML", r.stderr)[1]) > 32


def test_a_docx_of_too_many_paragraphs(site):
    """25,000 short paragraphs are only 1.6 MB of XML, but would take python-docx minutes."""
    head, tail = _docx_head_tail()
    many = write_docx(site / "many.docx", head + (PARAGRAPH * 25_000).encode() + tail)
    r = import_(site, many)
    assert_refused(site, r, many, "段落太多", "20,000 paragraphs")
    assert r.seconds < 30


def test_a_docx_of_too_many_runs(site):
    """One paragraph of 120,000 runs (8 MB of XML): would take python-docx half a minute."""
    bomb = zip_bomb(site / "runs.docx", 8, one_paragraph=True)
    r = import_(site, bomb)
    assert_refused(site, r, bomb, "格式片段太多", "100,000 runs")
    assert r.seconds < 30


def test_a_long_docx_is_read_in_bounded_time(site):
    """5,000 paragraphs (Word's 160 built-in styles looked up once each, not per run): seconds, not minutes."""
    head, tail = _docx_head_tail()
    paras = "".join(f"<w:p><w:r><w:t>第{i}段：市北区积极实施党建引领基层治理工程。</w:t></w:r></w:p>" for i in range(5000))
    title = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>'
    long = write_docx(site / "long.docx", head + (title + paras).encode() + tail)
    r = import_(site, long)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.seconds < 60 and r.peak_mb < 1024, (r.seconds, r.peak_mb)
    (article,) = (site / "content" / "13").glob("*-long.md")
    text = article.read_text(encoding="utf-8")
    assert "第0段：" in text and "第4999段：" in text


def test_an_xml_entity_bomb(site):
    bomb = entity_bomb(site / "lol.docx")
    r = import_(site, bomb)
    assert_refused(site, r, bomb, "DTD", "word/document.xml")


def test_random_bytes_named_docx(site):
    junk = site / "junk.docx"
    junk.write_bytes(random.Random(10).randbytes(200_000))
    r = import_(site, junk)
    assert_refused(site, r, junk, "cannot read this .docx", "save it again as .docx")


def test_a_zip_that_is_not_a_word_file(site):
    odd = site / "odd.docx"
    with zipfile.ZipFile(odd, "w") as z:
        z.writestr("hello.txt", "not a document")
    r = import_(site, odd)
    assert_refused(site, r, odd, "cannot read this .docx")


def test_a_15_mb_text_file(site):
    big = site / "big.txt"
    big.write_text("市北区以党建引领基层治理\n\n" + "市北区积极实施党建引领工程，推动治理力量下沉。\n" * 220_000, encoding="utf-8")
    assert big.stat().st_size > 15_000_000
    r = import_(site, big)
    assert_refused(site, r, big, "文件太大", "1 MB")
    assert r.seconds < 30


def test_a_text_file_just_under_the_limit_is_imported(site):
    """The limit is not a guess at a bulletin: a 0.9 MB article still comes in, in bounded time and memory."""
    ok = site / "long.txt"
    para = "市北区积极实施党建引领工程，推动治理力量下沉。"
    ok.write_text("标题\n\n" + "\n\n".join([para] * 13_000) + "\n", encoding="utf-8")
    assert 800_000 < ok.stat().st_size < 1_000_000
    r = import_(site, ok)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.peak_mb < 1024
    (article,) = (site / "content" / "13").glob("*-long.md")
    assert article.read_text(encoding="utf-8").count(para) == 13_000


@pytest.mark.parametrize(
    "name, data",
    [
        ("utf16.txt", ARTICLE.encode("utf-16-le")),  # Notepad's “Unicode” without its BOM
        ("utf16be.txt", ARTICLE.encode("utf-16-be")),
        ("sjis.txt", "東京都の取り組みについて\n\n東京都は、地域の安全を守るための取り組みを進めています。\n".encode("shift_jis")),
        ("eucjp.txt", "東京都の取り組み\n\n地域の安全を守るための取り組みを進めています。\n".encode("euc_jp")),
        ("random.txt", random.Random(7).randbytes(50_000)),
    ],
    ids=["utf-16-le", "utf-16-be", "shift-jis", "euc-jp", "random"],
)
def test_a_text_file_in_another_encoding(site, name, data):
    f = site / name
    f.write_bytes(data)
    r = import_(site, f)
    assert_refused(site, r, f, "neither UTF-8 nor GB18030", "save it as UTF-8")


def test_a_short_gbk_item_with_dashes_and_a_middle_dot_is_read(site):
    """A 简讯 of three lines in GBK with “3·15” and ——: GB2312 spells · and —
    with other code points, and the guess counted them as rare characters
    and refused the file as neither UTF-8 nor GBK (a new user's)."""
    text = "黄岛区开展“3·15”消费维权宣传\n——“守护消费”进社区\n3月15日，黄岛区市场监管局开展“3·15”宣传活动。\n（黄岛区市场监管局供稿）\n"
    f = site / "gbk.txt"
    f.write_bytes(text.encode("gbk"))
    r = import_(site, f)
    assert r.returncode == 0, r.stderr
    (article,) = (site / "content" / "13").glob("*-gbk.md")
    assert "“3·15”宣传活动" in article.read_text(encoding="utf-8")


@pytest.mark.parametrize("enc", ["gb18030", "utf-16"])
def test_chinese_encodings_that_are_read(site, enc):
    """GB18030 (GBK) text and UTF-16 with its BOM still come in as the same article."""
    f = site / f"sub-{enc}.txt"
    f.write_bytes(ARTICLE.encode(enc))
    r = import_(site, f)
    assert r.returncode == 0, r.stderr
    (article,) = (site / "content" / "13").glob("*-sub-*.md")
    text = article.read_text(encoding="utf-8")
    assert "title: 市北区以党建引领基层治理" in text and "推动治理力量向基层下沉" in text
