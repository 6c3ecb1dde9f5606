"""The family keys through the command line, in subprocesses as an editor
runs them: bad values, `check` warnings, `new --series`, `list`,
`render --copies`, `toc`, `banji.page: even`, and the DOCX's parts.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

import pdfread
from conftest import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "jianbao" / "content"


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "content")
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _line(path: Path, key: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):  # top-level keys
        if line.startswith(f"{key}:"):
            return i
    raise AssertionError(key)


@pytest.mark.parametrize(
    "file,old,new,key,words",
    [
        ("publication.yaml", "mark: 内部资料 注意保存", "mark: [内部资料]", "mark", "should be text"),
        ("publication.yaml", "copy_number: true", "copy_number: 是", "copy_number", "true or false"),
        ("5/issue.yaml", "total: 48", "total: 四十八", "total", "whole number"),
        ("5/issue.yaml", "copies: 150", "copies: 0", "copies", "whole number"),
        ("zk1/issue.yaml", "secrecy: 秘密★1年", "secrecy: 秘密1年", "secrecy", "standard's form"),
        ("zk1/issue.yaml", "secrecy: 秘密★1年", "secrecy: 保密★1年", "secrecy", "standard's form"),
        ("zk1/issue.yaml", "secrecy: 秘密★1年", "secrecy: 秘密★一年", "secrecy", "Arabic digits"),
        ("zk1/issue.yaml", "series: 增刊", "series: 周刊", "series", "unknown series"),
        ("5/issue.yaml", "distribution_extra:\n  发: [区委办公室, 区政府办公室]", "distribution_extra: 区委办公室", "distribution_extra", "发: [市委办公厅]"),
        ("5/issue.yaml", "total: 48", "total: 48\ntoc: sometimes", "toc", "auto, always, never"),
        ("5/01-tuijinhui.md", "note: |", "note:\n  - 一\n  - 二\nx: |", "note", "should be text"),
    ],
)
def test_a_bad_family_key_is_one_message_naming_file_and_line(site, file, old, new, key, words):
    path = site / "content" / file
    _edit(path, old, new)
    folder = file.split("/")[0] if "/" in file else "5"
    if file == "publication.yaml" and key == "mark":
        folder = "5"
    out = site / "out"
    proc = run_cli("render", folder, "--content", str(site / "content"), "--out", str(out))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{path}:{_line(path, key)}:" in proc.stderr, proc.stderr
    assert words in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not any(p.is_file() for p in out.rglob("*")) if out.exists() else True


def test_check_warns_on_skipped_and_repeated_heading_numbers(site):
    art = site / "content" / "5" / "01-tuijinhui.md"
    _edit(art, "## 二、聚焦服务群众", "## 三、聚焦服务群众")
    _edit(art, "#### 2. 线下课堂", "#### 1. 线下课堂")
    proc = run_cli("check", "5", "--content", str(site / "content"))
    assert proc.returncode == 0, proc.stderr
    lines = art.read_text(encoding="utf-8").splitlines()
    three = next(i for i, ln in enumerate(lines, 1) if ln.startswith("## 三、聚焦服务群众"))
    one = lines.index("#### 1. 线下课堂") + 1
    assert re.search(rf"{re.escape(str(art))}:{three}: .*“三、聚焦服务群众，推动志愿服务常态长效” 跳号 skips", proc.stderr), proc.stderr
    assert re.search(rf"{re.escape(str(art))}:{one}: .*“1. 线下课堂” 重复 repeats", proc.stderr), proc.stderr
    _edit(art, "开局之年。现将", "开局之年,现将")
    note_line = next(i for i, ln in enumerate(art.read_text(encoding="utf-8").splitlines(), 1) if ln.startswith("note:"))
    proc = run_cli("check", "5", "--content", str(site / "content"))
    assert f"{art}:{note_line}: " in proc.stderr and "半角标点" in proc.stderr, proc.stderr
    # （一） under the next 一、 starts again: no warning for the example as written
    clean = run_cli("check", "5", "--content", str(EXAMPLE))
    assert "标题序号" not in clean.stderr


def test_new_carries_the_total_and_check_warns_when_totals_skip_or_repeat(site):
    content = site / "content"
    proc = run_cli("new", "6", "--date", "2023-07-20", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    text = (content / "6" / "issue.yaml").read_text(encoding="utf-8")
    assert "total: 49" in text and "series" not in text  # the 增刊 does not move the regular counter
    shutil.copy(content / "5" / "03-jianxun.md", content / "6" / "01-jianxun.md")
    iss = content / "6" / "issue.yaml"
    _edit(iss, "total: 49", "total: 51")
    proc = run_cli("check", "6", "--content", str(content))
    assert f"{iss}:{_line(iss, 'total')}:" in proc.stderr and "跳号 total 51" in proc.stderr, proc.stderr
    _edit(iss, "total: 51", "total: 48")
    proc = run_cli("check", "6", "--content", str(content))
    assert "重复 total 48" in proc.stderr and "issue 5" in proc.stderr, proc.stderr


def test_new_series_has_its_own_counter_and_list_shows_it_apart(site):
    content = site / "content"
    proc = run_cli("new", "zk2", "--series", "增刊", "--date", "2023-08-01", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    text = (content / "zk2" / "issue.yaml").read_text(encoding="utf-8")
    assert "series: 增刊" in text and "number: 2" in text
    proc = run_cli("new", "zk3", "--series", "增刊", "--date", "2024-01-10", "--content", str(content))
    assert "number: 1" in (content / "zk3" / "issue.yaml").read_text(encoding="utf-8")  # a new year
    checked = run_cli("check", "zk1", "--content", str(content))  # named as its masthead names it
    assert "增刊第 1 期: " in checked.stderr.splitlines()[-1], checked.stderr
    bad = run_cli("new", "x1", "--series", "周刊", "--content", str(content))
    assert bad.returncode == 1 and "unknown series" in bad.stderr and not (content / "x1").exists()
    listing = run_cli("list", "--content", str(content), "--out", str(site / "out"))
    assert listing.returncode == 0, listing.stderr
    rows = listing.stdout.splitlines()
    head = rows.index("增刊 series:")
    assert rows[1].startswith("5 ") and all(r.split()[0] in ("zk1", "zk2", "zk3") for r in rows[head + 1 :])


def test_render_copies_writes_one_pdf_of_numbered_copies(site):
    content, out = site / "content", site / "out"
    one = run_cli("render", "zk1", "--content", str(content), "--out", str(out / "one"), "--format", "pdf")
    assert one.returncode == 0, one.stderr
    n_pages = pdfread.page_count(out / "one" / "zk1" / "文明实践工作简报增刊第1期.pdf")
    proc = run_cli("render", "zk1", "--content", str(content), "--out", str(out / "many"), "--copies", "3")
    assert proc.returncode == 0, proc.stderr
    pdf = out / "many" / "zk1" / "文明实践工作简报增刊第1期.pdf"
    assert pdfread.page_count(pdf) == 3 * n_pages
    cs = pdfread.chars(pdf)
    for k in range(3):
        first = "".join(c.ch for c in cs if c.page == k * n_pages + 1)
        assert f"00000{k + 1}" in first
        assert "".join(c.ch for c in cs if c.page == k * n_pages + 2).strip()  # each copy complete
    numbers = [[c for c in cs if c.page == k * n_pages + 1 and c.ch.isdigit()][:6] for k in range(3)]
    assert [c.x0 for c in numbers[0]] == [c.x0 for c in numbers[2]]  # laid out once
    docx = out / "many" / "zk1" / "文明实践工作简报增刊第1期.docx"
    assert "000001" in zipfile.ZipFile(docx).read("word/document.xml").decode()
    no = run_cli("render", "5", "--content", str(EXAMPLE.parent.parent.parent / "content"), "--out", str(out / "x"), "--copies", "2")
    assert no.returncode == 1 and not (out / "x").exists()


def test_toc_always_and_never_override_the_layout(site):
    content, out = site / "content", site / "out"
    _append(content / "zk1" / "issue.yaml", "toc: always\n")
    proc = run_cli("render", "zk1", "--content", str(content), "--out", str(out), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    text = pdfread.text(out / "zk1" / "文明实践工作简报增刊第1期.pdf").replace(" ", "")
    assert text.count("全区新时代文明实践工作现场观摩会召开") == 3  # 目录, title, first paragraph
    _append(content / "5" / "issue.yaml", "toc: never\n")
    proc = run_cli("render", "5", "--content", str(content), "--out", str(out), "--format", "pdf")
    text = pdfread.text(out / "5" / "文明实践工作简报第5期.pdf").replace(" ", "")
    assert text.count("东山街道“五个一”工作法") == 1 and "〔基层经验〕" not in text


def test_banji_on_an_even_page(site):
    layouts = site / "layouts"
    layouts.mkdir()
    src = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    src = src.replace("page: any ", "page: even").replace("../fonts/", str(ROOT / "fonts") + "/")
    (layouts / "jianbao.yaml").write_text(src, encoding="utf-8")
    art = site / "content" / "zk1" / "01-guanmo.md"
    text = art.read_text(encoding="utf-8")
    art.write_text(text[: text.index("与会人员")], encoding="utf-8")  # the article and 版记 fit page 1
    pub = site / "content" / "publication.yaml"
    _edit(pub, "printed_by: 中共某区委精神文明建设办公室秘书科\n", "")
    _edit(pub, "  送: [区直各部门主要负责人, 各街道党工委书记]\n", "")
    out = site / "out"
    for name, cwd in (("any", ROOT), ("even", site)):  # layouts/ of the current folder first
        proc = run_cli("render", "zk1", "--content", str(site / "content"), "--out", str(out / name), "--format", "pdf", cwd=cwd)
        assert proc.returncode == 0, proc.stderr
    assert pdfread.page_count(out / "any" / "zk1" / "文明实践工作简报增刊第1期.pdf") == 1
    pdf = out / "even" / "zk1" / "文明实践工作简报增刊第1期.pdf"
    assert pdfread.page_count(pdf) == 2
    cs = pdfread.chars(pdf)
    page2 = "".join(c.ch for c in cs if c.page == 2).replace(" ", "")
    assert page2.startswith("报：") and page2.endswith("（共印80份）—2—")  # the 版记 alone on page 2, numbered


def test_banji_even_after_an_even_page_leaves_a_blank_page_and_both_unnumbered(tmp_path):
    """GB/T 9704 §7.5: a blank page before the 版记 page: neither is numbered."""
    from zhuanbao.layout.banji_extra import banji_page
    from zhuanbao.layout.boxes import Page
    from zhuanbao.layoutfile import load_layout

    src = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8").replace("page: any ", "page: even")
    path = tmp_path / "even.yaml"
    path.write_text(src.replace("../fonts/", str(ROOT / "fonts") + "/"), encoding="utf-8")
    even = load_layout(path)
    pages = [Page(1, ["text"]), Page(2, ["text"]), Page(3)]  # the 版记 did not fit page 2
    where = banji_page(even, pages, pages[-1])
    assert [p.number for p in pages] == [1, 2, 3, 4] and where is pages[3]
    assert [p.numbered for p in pages] == [True, True, False, False]
    pages = [Page(1, ["text"]), Page(2, ["text"])]  # it fits page 2: nothing changes
    assert banji_page(even, pages, pages[-1]) is pages[1] and len(pages) == 2
    pages = [Page(1, ["text"])]
    anyp = load_layout(ROOT / "layouts" / "zhuanbao.yaml")
    assert banji_page(anyp, pages, pages[0]) is pages[0] and len(pages) == 1


def test_docx_holds_every_family_element(tmp_path):
    out = tmp_path / "out"
    for folder in ("5", "zk1"):
        proc = run_cli("render", folder, "--content", str(EXAMPLE), "--out", str(out), "--format", "docx")
        assert proc.returncode == 0, proc.stderr
    z5 = zipfile.ZipFile(out / "5" / "文明实践工作简报第5期.docx")
    doc5, styles5 = z5.read("word/document.xml").decode(), z5.read("word/styles.xml").decode()
    plain = re.sub(r"<[^>]+>", "", doc5)
    for text in ("内部资料 注意保存", "000001", "第 5 期（总第 48 期）", "编者按：", "本期增发：", "区委办公室，区政府办公室",
                 "（共印 150 份）", "中共某区委精神文明建设办公室秘书科", "2023 年 6 月 20 日印发", "（一）建强理论宣讲队伍",
                 "1. 线上课堂"):
        assert text in plain, text
    for name in ("编者按", "编者按标签", "小标题二级", "小标题三级", "版头标识"):
        assert f'w:name w:val="{name}"' in styles5, name
    note_style = re.search(r'<w:style [^>]*w:styleId="zbNote".*?</w:style>', styles5, re.S)[0]
    assert "<w:pBdr>" in note_style and "<w:left " in note_style  # jianbao: a box
    assert 'w:pStyle w:val="zbNote"' in doc5 and 'w:rStyle w:val="zbNoteLabel"' in doc5
    assert "领导批示" not in plain  # no box in a 工作简报
    h4 = re.search(r'<w:style [^>]*w:styleId="zbHeading4".*?</w:style>', styles5, re.S)[0]
    assert "<w:b/>" in h4
    zk = zipfile.ZipFile(out / "zk1" / "文明实践工作简报增刊第1期.docx").read("word/document.xml").decode()
    plain = re.sub(r"<[^>]+>", "", zk)
    for text in ("秘密★1年", "全区新时代文明实践工作现场观摩会", "增刊第 1 期"):
        assert text in plain, text
    assert 'w:pStyle w:val="zbTocEntry"' not in zk and "pageBreakBefore" not in zk


def test_banji_even_after_a_full_even_page_pdf_and_docx(site):
    """The article ends on page 2 with no room left: page 3 stays blank, the
    版记 takes page 4, neither numbered; the DOCX starts the 版记's section on
    an even page (Word adds the blank page) with footers that hold no number."""
    layouts = site / "layouts"
    layouts.mkdir()
    src = (ROOT / "layouts" / "jianbao.yaml").read_text(encoding="utf-8")
    (layouts / "jianbao.yaml").write_text(
        src.replace("page: any ", "page: even").replace("../fonts/", str(ROOT / "fonts") + "/"), encoding="utf-8"
    )
    art = site / "content" / "zk1" / "01-guanmo.md"
    more = "会议强调，要坚持以人民为中心，把文明实践工作做到群众心坎上，持续推动文明实践走深走实。"
    # 7 paragraphs: with 6, issue 7's tighter lines and 版记 economies fit the 版记 under the article on page 2
    art.write_text(art.read_text(encoding="utf-8") + "\n" + "\n\n".join([more] * 7) + "\n", encoding="utf-8")
    out = site / "out"
    proc = run_cli("render", "zk1", "--content", str(site / "content"), "--out", str(out), cwd=site)
    assert proc.returncode == 0, proc.stderr
    pdf = out / "zk1" / "文明实践工作简报增刊第1期.pdf"
    cs = pdfread.chars(pdf)
    assert pdfread.page_count(pdf) == 4
    texts = ["".join(c.ch for c in cs if c.page == k).replace(" ", "") for k in (1, 2, 3, 4)]
    assert texts[0].endswith("—1—") and texts[1].endswith("—2—")
    assert texts[2] == ""  # blank, unnumbered
    assert texts[3].startswith("报：") and texts[3].endswith("印发")  # the 版记, unnumbered
    doc = zipfile.ZipFile(out / "zk1" / "文明实践工作简报增刊第1期.docx")
    xml = doc.read("word/document.xml").decode()
    sects = re.findall(r"<w:sectPr.*?</w:sectPr>", xml, re.S)
    assert len(sects) == 2 and 'w:type w:val="evenPage"' in sects[1]
    assert xml.index(sects[0]) < xml.index("报：")  # the 版记 in the last section
    rels = doc.read("word/_rels/document.xml.rels").decode()
    for rid in re.findall(r'footerReference w:type="\w+" r:id="(\w+)"', sects[1]):
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        name = next(g for g in target.groups() if g)
        assert " PAGE " not in doc.read(f"word/{name}").decode()  # no page number
