"""What editors write reaches the page (issue 12: files, text, inline
Markdown, front matter, the serif fallback).

Each case changes a copy of content/ the way an editor would, runs `zhuanbao
render` and `zhuanbao check` in a subprocess, and reads the PDF's text, fonts
and positions back: what was written prints as meant, or one message names
the file and line (exit 1, nothing written), or a warning says how the page
differs from what was written — the same warning from `check` and `render`.
"""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, ROOT, run_cli
from test_bad_input import edit, expect_error, line_of

import pdfread

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

ARTICLE = "02-shibei.md"  # 经验交流, with bold leads
PDF = "宣传信息专报第13期.pdf"


@pytest.fixture
def site(tmp_path) -> Path:
    """A user's folder with a copy of content/ and an out/ from an earlier render."""
    shutil.copytree(CONTENT, tmp_path / "content")
    old = tmp_path / "out" / "13"
    old.mkdir(parents=True)
    (old / PDF).write_bytes(b"%PDF-1.4 an earlier render\n")
    return tmp_path


def render(site: Path, fmt: str = "pdf"):
    """Render into a fresh folder; return the process and the file."""
    out = site / "fresh"
    proc = run_cli("render", "13", "--format", fmt, "--out", str(out), cwd=site)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc, out / "13" / PDF.replace(".pdf", f".{fmt}")


def warnings(proc) -> list[str]:
    return [l for l in proc.stderr.splitlines() if "警告 warning:" in l]


def check(site: Path):
    proc = run_cli("check", "13", cwd=site)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def same_warnings(site: Path, render_proc) -> list[str]:
    """`check` reports every warning `render` printed, word for word."""
    chk = check(site)
    assert chk.returncode == 0, chk.stderr
    rw = warnings(render_proc)
    assert set(rw) <= set(warnings(chk)), f"render warned\n{rw}\ncheck said\n{chk.stderr}"
    return rw


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text, encoding="utf-8")


def pdf_lines(pdf: Path) -> list[tuple[str, list]]:
    return [("".join(c.ch for c in row), row) for row in pdfread.lines_of(pdfread.chars(pdf))]


def row_with(pdf: Path, needle: str) -> list:
    for text, row in pdf_lines(pdf):
        if needle in text:
            return row
    raise AssertionError(f"{needle!r} is not on any line of the PDF")


def article(site: Path, name: str, body: str, section: str = "工作动态", title: str = "编辑写的测试稿件", extra: str = "source: 测试单位\n") -> Path:
    path = site / "content/13" / name
    path.write_text(f"---\nsection: {section}\ntitle: {title}\n{extra}---\n{body}", encoding="utf-8")
    return path


# --- files -------------------------------------------------------------------------------


def test_an_article_named_in_capitals_is_printed(site):
    """`.MD` from a Windows tool is an article like `.md`."""
    src = site / "content/13/05-pingdu.md"
    src.rename(src.with_name("05-pingdu.MD"))
    proc, pdf = render(site)
    text = re.sub(r"— \d+ —", "", pdfread.text(pdf))  # a page may end inside the phrase
    assert "平度市擦亮“庄户学院”品牌" in text and "庄户学院入选全国学雷锋志愿服务" in text


def test_submissions_left_in_the_folder_are_named(site):
    """A .docx and a .txt in the issue folder are not read: one warning each, saying how to import."""
    (site / "content/13/稿件-即墨.docx").write_bytes(b"PK not really")
    (site / "content/13/07-laixi.txt").write_text("莱西市开展活动", encoding="utf-8")
    proc, _ = render(site)
    ws = same_warnings(site, proc)
    for name in ("稿件-即墨.docx", "07-laixi.txt"):
        hits = [w for w in ws if w.startswith(f"content/13/{name}: ")]
        assert len(hits) == 1 and "zhuanbao import" in hits[0], ws
    assert "save it as .docx" not in "".join(ws)


@pytest.mark.parametrize("copy", ["03-licang - 副本.md", "03-licang (1).md", "Copy of 03-licang.md", "03-licang - 副本 (2).md"])
def test_a_leftover_copy_is_an_error_naming_both(site, copy):
    d = site / "content/13"
    shutil.copy(d / "03-licang.md", d / copy)
    message = expect_error(site, f"content/13/{copy}", None, r"copy of `03-licang\.md`")
    assert copy in message


def test_two_articles_with_one_title(site):
    """Two differently named files with the same title: one would print twice."""
    d = site / "content/13"
    text = (d / "05-pingdu.md").read_text(encoding="utf-8").replace("section: 经验交流", "section: 工作动态")
    (d / "08-pingdu-new.md").write_text(text, encoding="utf-8")
    expect_error(site, "content/13/08-pingdu-new.md", line_of(d / "08-pingdu-new.md", "title:"), r"same title as `05-pingdu\.md`")


def test_prefixes_sort_as_numbers_and_mixed_widths_warn(site):
    d = site / "content/13"
    for old, new in (("03-licang.md", "10-licang.md"), ("04-jiaozhou.md", "9-jiaozhou.md")):
        (d / old).rename(d / new)
    proc, pdf = render(site)
    text = pdfread.text(pdf)
    body = text[text.index("〔经验交流〕", text.index("李沧区")) :]  # after the 目录
    assert body.index("胶州市") < body.index("李沧区"), "9- prints before 10-"
    ws = same_warnings(site, proc)
    assert [w for w in ws if w.startswith("content/13: ") and "9-jiaozhou.md → 09-jiaozhou.md" in w], ws


# --- text ---------------------------------------------------------------------------------


def test_one_newline_starts_a_paragraph(site):
    article(site, "07-lines.md", "崂山区召开专题会议。\n会议要求各街道抓好落实。\n")
    proc, pdf = render(site)
    first, second = row_with(pdf, "崂山区召开专题会议。"), row_with(pdf, "会议要求各街道抓好落实。")
    assert "".join(c.ch for c in first) == "崂山区召开专题会议。"  # not run on into one paragraph
    assert abs(first[0].x0 - second[0].x0) < 0.5, "the second line is indented like a paragraph"
    body_line = row_with(pdf, "市北区积极实施")
    assert abs(second[0].x0 - body_line[0].x0) < 0.5
    assert warnings(proc) == []


def test_a_hard_break_stays_inside_the_paragraph(site):
    """Two spaces or `\\` at a line's end: the line ends there, the next starts at the left edge."""
    article(site, "07-break.md", "时间：10月12日  \n地点：市民中心\\\n内容：部署创城工作。\n")
    _, pdf = render(site)
    rows = [row_with(pdf, s) for s in ("时间：10月12日", "地点：市民中心", "内容：部署创城工作。")]
    assert ["".join(c.ch for c in r) for r in rows] == ["时间：10月12日", "地点：市民中心", "内容：部署创城工作。"]
    left = row_with(pdf, "文明创建任务落到实处")[0].x0  # a continuation line of a paragraph
    assert rows[0][0].x0 > left + 20, "the paragraph's first line is indented"
    assert abs(rows[1][0].x0 - left) < 0.5 and abs(rows[2][0].x0 - left) < 0.5
    # not justified: the characters keep their natural spacing
    gaps = [b.x0 - a.x0 for a, b in zip(rows[1], rows[1][1:])]
    assert max(gaps) - min(gaps) < 0.5


@pytest.mark.parametrize("indent", ["    ", "\t", "\u3000\u3000"])
def test_an_indented_paragraph_is_a_paragraph(site, indent):
    """Four spaces, a tab, or Word's 　　: the paragraph prints, indented by the layout alone."""
    art = article(site, "07-indent.md", f"第一段正文。\n\n{indent}缩进的第二段也要印出来。\n{indent}第三段紧接着。\n")
    proc, pdf = render(site)
    first = row_with(pdf, "第一段正文。")
    for needle in ("缩进的第二段也要印出来。", "第三段紧接着。"):
        row = row_with(pdf, needle)
        assert "".join(c.ch for c in row) == needle
        assert abs(row[0].x0 - first[0].x0) < 0.5, "indented like every paragraph, no more"
    assert check(site).returncode == 0
    assert not [w for w in warnings(proc) if art.name in w]


def test_invisible_characters_are_dropped_with_one_warning(site):
    art = site / "content/13" / ARTICLE
    edit(art, "出好一网治理", "出好\u200b一网\u200d治理")
    edit(art, "共驻共建“妙”招", "共驻共建\ufe0f“妙”招\u2060")
    proc, pdf = render(site)
    assert "出好一网治理“实”招、共驻共建“妙”招" in pdfread.text(pdf)
    ws = [w for w in same_warnings(site, proc) if ARTICLE in w]
    assert len(ws) == 1 and re.search(r"removed 4 invisible", ws[0]), ws
    assert ws[0].startswith(f"content/13/{ARTICLE}:{line_of(art, '出好')}: ")


def test_full_width_digits_and_letters_warn_with_their_line(site):
    art = site / "content/13" / ARTICLE
    edit(art, "新建“楼道无小广告群”", "通过ＡＰＰ新建“楼道无小广告群”")
    edit(art, "哈尔滨路3号楼", "哈尔滨路３号楼")
    proc, pdf = render(site)
    assert "通过ＡＰＰ新建" in pdfread.text(pdf)  # printed as written, but said
    ws = [w for w in same_warnings(site, proc) if "全角" in w]
    assert len(ws) == 2, ws
    assert ws[0].startswith(f"content/13/{ARTICLE}:{line_of(art, '３号楼')}: ") and "“３”" in ws[0]
    assert ws[1].startswith(f"content/13/{ARTICLE}:{line_of(art, 'ＡＰＰ')}: ") and "(APP)" in ws[1]


def test_import_converts_full_width_digits_and_moves_the_byline(site):
    run_cli("new", "14", "--date", "2022-10-13", cwd=site)
    txt = site / "laoshan.txt"
    txt.write_text(
        "崂山区推进垃圾分类\n\n记者 刘喆 通讯员 王堃\n\n"
        "　　崂山区今年新建分类站点１２０个，上线ＡＰＰ一个。\n（崂山区委宣传部）\n",
        encoding="utf-8",
    )
    proc = run_cli("import", str(txt), "--issue", "14", "--section", "工作动态", cwd=site)
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-laoshan.md"
    text = art.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["author"] == "记者 刘喆 通讯员 王堃" and meta["source"] == "崂山区委宣传部"
    assert "新建分类站点120个，上线APP一个。" in text and "记者" not in text.split("---\n", 2)[2]
    assert "`１２０` → `120`" in proc.stderr and "`ＡＰＰ` → `APP`" in proc.stderr


def test_a_name_character_falls_back_to_a_serif_face(site):
    """喆 堃 昇 are not in 仿宋 or 楷体: a serif face prints them, 黑体 only in a 黑体 heading."""
    article(site, "07-names.md", "张喆、王堃和李昇获得表彰。\n\n## 表彰张喆\n\n正文。\n", extra="source: 测试单位\nauthor: 记者 吴昇\n")
    proc, pdf = render(site)
    row = row_with(pdf, "张喆、王堃和李昇")
    fonts = {c.ch: c.font for c in row}
    assert all("NotoSerifCJK" in fonts[ch] for ch in "喆堃昇"), fonts
    assert "Fandol" in fonts["张"]
    heading = {c.ch: c.font for c in row_with(pdf, "表彰张喆")}
    assert "NotoSansCJK" in heading["喆"] and "NotoSansCJK" in heading["表"]
    source = {c.ch: c.font for c in row_with(pdf, "记者 吴昇")}
    assert "NotoSerifCJK" in source["昇"] and "Kai" in source["记"], source
    ws = same_warnings(site, proc)
    assert any("“喆”" in w and "NotoSerifCJKsc-Regular" in w for w in ws), ws


def test_a_layout_with_one_fallback_list_still_renders(site):
    """Layouts written before the per-family fallback (`fallback: [...]`) stay valid."""
    text = (ROOT / "layouts/zhuanbao.yaml").read_text(encoding="utf-8").replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    text = re.sub(r"\nfallback:\n(  .*\n)+", "\nfallback:\n  - {file: %s/NotoSansCJKsc-Regular.ttf, docx: 黑体}\n" % (ROOT / "fonts").as_posix(), text)
    text = re.sub(r"\n  emphasis: \{.*", "", text)  # and without the newer emphasis style
    assert "serif:" not in text
    (site / "layouts").mkdir()
    (site / "layouts/old.yaml").write_text(text, encoding="utf-8")
    edit(site / "content/publication.yaml", "layout: zhuanbao", "layout: old")
    article(site, "07-old.md", "张喆说，*重点*工作要抓实。\n")
    _, pdf = render(site)
    row = {c.ch: c.font for c in row_with(pdf, "张喆说")}
    assert "NotoSansCJK" in row["喆"]  # the one list the old layout gives
    assert "Kai" in row["重"], "emphasis is never plain, even in an old layout"


def test_a_fallback_family_the_layout_lacks_is_named(site):
    text = (ROOT / "layouts/zhuanbao.yaml").read_text(encoding="utf-8").replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    text = text.replace("docx: 黑体, family: sans}", "docx: 黑体, family: gothic}", 1)
    (site / "layouts").mkdir()
    (site / "layouts/broken.yaml").write_text(text, encoding="utf-8")
    edit(site / "content/publication.yaml", "layout: zhuanbao", "layout: broken")
    expect_error(site, "layouts/broken.yaml", line_of(site / "layouts/broken.yaml", "fonts:"), r"fonts\.hei\.family: gothic")


# --- inline Markdown ---------------------------------------------------------------------


def test_emphasis_prints_in_the_emphasis_face(site):
    article(site, "07-em.md", "要突出*重点*，抓好_治理_，*有“实”招。*实施管理。\n")
    proc, pdf = render(site)
    row = row_with(pdf, "要突出重点")
    text = "".join(c.ch for c in row)
    assert "*" not in text and "_" not in text
    assert text == "要突出重点，抓好治理，有“实”招。实施管理。"
    kai = "".join(c.ch for c in row if "Kai" in c.font)
    assert kai == "重点治理有“实”招。", kai
    assert all("Fandol" in c.font for c in row if c.ch in "要突出抓好施管")
    assert warnings(proc) == []


def test_a_lone_star_and_escapes_print_as_written(site):
    article(site, "07-star.md", "带*号的为新增项目，\\*\\*不是加粗\\*\\*，\\_下划线\\_照印。\n")
    _, pdf = render(site)
    text = "".join(c.ch for c in row_with(pdf, "号的为新增项目"))
    assert "带*号的为新增项目，**不是加粗**，_下划线_照印。" in text
    fonts = {c.font for c in row_with(pdf, "号的为新增项目") if c.ch in "不是加粗"}
    assert all("Fandol" in f for f in fonts), "escaped stars do not make a bold lead"


def test_a_link_prints_its_text_and_check_says_the_url_does_not(site):
    art = article(site, "07-link.md", "详见[市文明办网站](http://wmb.qingdao.gov.cn/notice)的通知。\n")
    proc, pdf = render(site)
    text = pdfread.text(pdf)
    assert "详见市文明办网站的通知。" in text and "wmb.qingdao" not in text and "](" not in text
    ws = [w for w in same_warnings(site, proc) if art.name in w]
    assert len(ws) == 1 and ws[0].startswith(f"content/13/{art.name}:6: ") and "http://wmb.qingdao.gov.cn/notice" in ws[0]


def test_a_link_prints_its_url_when_the_layout_says(site):
    text = (ROOT / "layouts/zhuanbao.yaml").read_text(encoding="utf-8").replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    text = text.replace("link_urls: false", "link_urls: true")
    (site / "layouts").mkdir()
    (site / "layouts/urls.yaml").write_text(text, encoding="utf-8")
    edit(site / "content/publication.yaml", "layout: zhuanbao", "layout: urls")
    article(site, "07-link.md", "详见[通知](http://wmb.qd.cn/a)，或访问<http://wmb.qd.cn>。\n")
    proc, pdf = render(site)
    assert "详见通知（http://wmb.qd.cn/a），或访问http://wmb.qd.cn。" in pdfread.text(pdf)
    assert not [w for w in warnings(proc) if "07-link" in w]


@pytest.mark.parametrize("html, tag", [("第一行<br>第二行", "<br>"), ('这是<span style="color:red">红字</span>。', '<span style="color:red">')])
def test_inline_html_is_an_error_naming_the_tag(site, html, tag):
    art = article(site, "07-html.md", f"第一段。\n\n{html}\n")
    expect_error(site, f"content/13/{art.name}", line_of(art, html[:3]), re.escape(f"`{tag}`"))


# --- front matter and the 版记 --------------------------------------------------------------


def test_a_source_written_with_its_brackets_prints_once_bracketed(site):
    edit(site / "content/13" / ARTICLE, "source: 市北区委宣传部", "source: （市北区委宣传部）")
    _, pdf = render(site)
    text = pdfread.text(pdf)
    assert "（市北区委宣传部）" in text and "（（" not in text and "））" not in text


def test_the_author_prints_in_the_source_brackets(site):
    art = site / "content/13" / ARTICLE
    edit(art, "source: 市北区委宣传部", "source: 市北区委宣传部\nauthor: 记者 张三")
    proc, pdf = render(site)
    assert "（市北区委宣传部 记者 张三）" in pdfread.text(pdf)
    assert not [w for w in same_warnings(site, proc) if "author" in w]


def test_an_empty_staff_slot_warns_naming_issue_yaml(site):
    iss = site / "content/13/issue.yaml"
    iss.write_text("number: 13\ndate: 2022-09-29\nstaff:\n  审核:\n  编辑: 王港\n", encoding="utf-8")
    proc, pdf = render(site)
    ws = [w for w in same_warnings(site, proc) if "issue.yaml" in w]
    assert len(ws) == 1 and ws[0].startswith(f"content/13/issue.yaml:{line_of(iss, '审核')}: ") and "审核" in ws[0], ws
    text = pdfread.text(pdf)
    assert "编辑：王港" in text and "审核" not in text


def test_a_slot_no_issue_mentions_warns_too(site):
    (site / "content/13/issue.yaml").write_text("number: 13\ndate: 2022-09-29\nstaff:\n  审核: 王晓峰\n", encoding="utf-8")
    proc = check(site)
    ws = [w for w in warnings(proc) if "issue.yaml" in w]
    assert len(ws) == 1 and "`编辑`" in ws[0], proc.stderr


# --- the DOCX -------------------------------------------------------------------------------


def test_docx_carries_emphasis_breaks_author_and_the_serif_fallback(site):
    article(
        site, "07-docx.md", "会上，*张喆*作了发言。  \n第二行。\n", extra="source: （测试单位）\nauthor: 通讯员 王堃\n"
    )
    _, docx = render(site, "docx")
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
        styles = z.read("word/styles.xml").decode("utf-8")
    m = re.search(r'<w:style w:type="character" w:styleId="(\w+)"[^>]*><w:name w:val="着重文字"/>.*?</w:style>', styles)
    assert m and 'w:eastAsia="楷体_GB2312"' in m[0]
    para = re.search(r"<w:p>(?:(?!</w:p>).)*作了发言。(?:(?!</w:p>).)*</w:p>", xml)[0]
    assert f'<w:rStyle w:val="{m[1]}"/>' in para
    assert "<w:br/>" in para and "第二行。" in para
    assert re.search(r'w:eastAsia="宋体"[^>]*/></w:rPr><w:t xml:space="preserve">喆</w:t>', para)
    assert "（测试单位 通讯员 王堃）" in re.sub(r"<[^>]+>", "", xml)


def test_emphasis_as_dots_when_the_layout_says(site):
    """`marks: dot` (着重号): the emphasised characters in the body face, a dot
    under each Chinese character and none under its punctuation; Word's own
    emphasis mark in the DOCX."""
    text = (ROOT / "layouts/zhuanbao.yaml").read_text(encoding="utf-8").replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    text = re.sub(r"\n  emphasis: \{.*", "\n  emphasis: {font: fang, size: 16pt, latin: latin, marks: dot}", text)
    (site / "layouts").mkdir()
    (site / "layouts/dots.yaml").write_text(text, encoding="utf-8")
    edit(site / "content/publication.yaml", "layout: zhuanbao", "layout: dots")
    article(site, "07-dots.md", "要突出*重点，抓落实*，见成效。\n")
    out = site / "fresh"
    proc = run_cli("render", "13", "--out", str(out), cwd=site)
    assert proc.returncode == 0, proc.stderr
    pdf = out / "13" / PDF
    row = row_with(pdf, "要突出重点")
    assert all("Fandol" in c.font for c in row)
    dots = [p for p in pdfread.paths(pdf) if p.page == row[0].page and p.y1 < row[0].origin_y and p.y1 > row[0].origin_y - 12]
    centres = sorted((p.x0 + p.x1) / 2 for p in dots)
    marked = [c for c in row if c.ch in "重点抓落实"]
    assert len(centres) == 5, centres  # not under the ，
    for c, x in zip(marked, centres):
        assert c.x0 < x < c.x1 and 0.5 < dots[0].x1 - dots[0].x0 < 4
    with zipfile.ZipFile(out / "13" / PDF.replace(".pdf", ".docx")) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    assert re.search(r'<w:name w:val="着重文字"/>(?:(?!</w:style>).)*<w:em w:val="dot"/>', styles)


def test_a_lone_double_star_prints_and_pairs_still_make_leads(site):
    article(site, "07-lone.md", "**有“实”招。**实施网格化管理。\n\n带**号的数据为估算。\n")
    _, pdf = render(site)
    lead = row_with(pdf, "有“实”招。实施网格化管理。")
    assert "".join(c.ch for c in lead if "NotoSansCJK" in c.font) == "有“实”招。"
    row = row_with(pdf, "号的数据为估算")
    assert "".join(c.ch for c in row) == "带**号的数据为估算。"
    assert all("NotoSansCJK" not in c.font for c in row)


def test_bold_inside_a_sentence_is_bold_only_where_the_editor_put_it(site):
    # CommonMark pairs `**` by flanking rules made for spaced scripts: after a lead,
    # `**一是…。**成立专班，坚持**三个聚焦**` printed 成立专班，坚持 bold and the stress plain
    article(site, "07-stress.md", "**一是强化组织。**成立专班，坚持**“三个聚焦”**，推动**工作**落实。\n\n这是***加粗斜体***的文字。\n")
    _, pdf = render(site)
    assert "".join(c.ch for c in row_with(pdf, "加粗斜体")) == "这是加粗斜体的文字。"  # `***` too: no star printed
    row = row_with(pdf, "一是强化组织。成立专班")
    assert "".join(c.ch for c in row) == "一是强化组织。成立专班，坚持“三个聚焦”，推动工作落实。"
    bold = "".join(c.ch for c in row if "NotoSansCJK" in c.font)
    assert bold == "一是强化组织。“三个聚焦”工作"


def test_digits_take_the_font_the_pdf_gives_them_in_the_docx_too(site):
    """Digits and Latin letters are set in a style's `latin` font where the
    layout gives it one (the body: Times New Roman's metrics), else in the
    style's own font (a title's 15 in 小标宋, a lead's 12315 in 黑体): the
    DOCX said Times New Roman for every style, so Word set them thin."""
    import yaml

    article(site, "07-digits.md", "**12315热线。**全年受理诉求3800件。\n", title="县里建成“15分钟阅读圈”")
    _, pdf = render(site)
    title = [c for c in pdfread.chars(pdf) if c.ch.isdigit() and c.size > 20]  # (the 目录's entry is body text)
    row = row_with(pdf, "热线。全年")
    hot = next(c.x0 for c in row if c.ch == "热")
    lead, body = [c for c in row if c.ch.isdigit() and c.x0 < hot], [c for c in row if c.ch.isdigit() and c.x0 > hot]
    assert "".join(c.ch for c in sorted(lead, key=lambda c: c.x0)) == "12315" and len(title) == 2 and len(body) == 4
    layout = yaml.safe_load((ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8"))
    fonts = layout["fonts"]
    files = {role: Path(spec["file"]).stem for role, spec in fonts.items() if isinstance(spec, dict) and "file" in spec}

    def face(chars) -> str:
        names = {c.font.split("+")[-1] for c in chars}
        assert len(names) == 1, names
        return names.pop()

    def role_of(name: str) -> str:
        return next(r for r, stem in files.items() if stem.replace("-", "").lower()[:12] in name.replace("-", "").lower())

    assert (role_of(face(title)), role_of(face(lead)), role_of(face(body))) == ("xbs", "hei", "latin")
    _, docx = render(site, "docx")
    with zipfile.ZipFile(docx) as z:
        styles = z.read("word/styles.xml").decode("utf-8")

    def ascii_of(name: str) -> str:
        m = re.search(rf'<w:name w:val="{name}"/>(?:(?!</w:style>).)*?<w:rFonts w:ascii="([^"]+)"', styles)
        return m[1]

    assert ascii_of("Title") == fonts["xbs"]["docx"] and ascii_of("段首小标题") == fonts["hei"]["docx"]
    assert ascii_of("Normal") == fonts["latin"]["docx"]


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("link_urls: false", "link_urls: 是", r"typesetting\.link_urls: 是.*true or false"),
        ('source_author: "{source} {author}"', 'source_author: "{source} {name}"', r"labels\.source_author.*\{source\}, \{author\}"),
    ],
)
def test_a_bad_new_layout_value_is_named(site, old, new, key):
    text = (ROOT / "layouts/zhuanbao.yaml").read_text(encoding="utf-8").replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    assert old in text
    (site / "layouts").mkdir()
    lay = site / "layouts/broken.yaml"
    lay.write_text(text.replace(old, new), encoding="utf-8")
    edit(site / "content/publication.yaml", "layout: zhuanbao", "layout: broken")
    edit(site / "content/13" / ARTICLE, "source: 市北区委宣传部", "source: 市北区委宣传部\nauthor: 记者 张三")
    article(site, "07-link.md", "见[通知](http://a.cn)。\n")
    anchor = "typesetting:" if "link" in old else "labels:"
    expect_error(site, "layouts/broken.yaml", line_of(lay, anchor), key)


def test_a_newline_next_to_latin_letters(site):
    """A Chinese line that ends or starts in Latin letters is still a line of
    Chinese: new paragraph. Only English wrapped by hand joins, with a space."""
    article(site, "07-latin.md", "平台网址为www.qd.gov.cn\nAPP同步上线。\n\nThe slogan reads Civilized\nQingdao together.\n")
    _, pdf = render(site)
    assert "".join(c.ch for c in row_with(pdf, "平台网址为")) == "平台网址为www.qd.gov.cn"
    assert "".join(c.ch for c in row_with(pdf, "APP同步上线")) == "APP同步上线。"
    row = row_with(pdf, "Thesloganreads")  # pdfium gives no spaces: measure the gap
    assert "".join(c.ch for c in row) == "ThesloganreadsCivilizedQingdaotogether."
    d, q = row[22], row[23]
    assert (d.ch, q.ch) == ("d", "Q") and q.x0 - d.x1 > 2.0, "one line, a space between the joined words"


def test_import_a_word_byline_under_the_title(site):
    """A Word submission: the centred, smaller 记者 line under the title is the author, not text."""
    from docx import Document
    from submissions import body, centered

    run_cli("new", "14", "--date", "2022-10-13", cwd=site)
    doc = Document()
    centered(doc, "即墨区开展文明实践活动")
    centered(doc, "本报记者 孙堃 通讯员 赵昇", size=14)
    body(doc, "即墨区组织志愿者走进社区，开展文明实践活动３０余场。")
    body(doc, "（即墨区委宣传部）")
    src = site / "jimo.docx"
    doc.save(str(src))
    proc = run_cli("import", str(src), "--issue", "14", "--section", "工作动态", cwd=site)
    assert proc.returncode == 0, proc.stderr
    text = (site / "content/14/01-jimo.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["author"] == "本报记者 孙堃 通讯员 赵昇" and meta["title"] == "即墨区开展文明实践活动"
    assert text.split("---\n", 2)[2].strip() == "即墨区组织志愿者走进社区，开展文明实践活动30余场。"
    # and it renders: the byline in the source's brackets, the name characters in a serif face
    (site / "content/14/issue.yaml").write_text("number: 14\ndate: 2022-10-13\nstaff:\n  审核: 王晓峰\n  编辑: 王港\n", encoding="utf-8")
    out = site / "fresh"
    proc = run_cli("render", "14", "--format", "pdf", "--out", str(out), cwd=site)
    assert proc.returncode == 0, proc.stderr
    row = row_with(out / "14" / "宣传信息专报第14期.pdf", "即墨区委宣传部")
    assert "".join(c.ch for c in row).replace(" ", "") == "（即墨区委宣传部本报记者孙堃通讯员赵昇）"
    assert all("NotoSerifCJK" in c.font for c in row if c.ch in "堃昇")
