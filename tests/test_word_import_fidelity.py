"""`zhuanbao import` of Word files as they arrive in an office: what Word
shows is what the article says, and what it does not show (or cannot be
carried over) is said, never dropped or added unsaid.

Each submission is built here from WordprocessingML (ECMA-376 Part 1) put
into python-docx's own package: tracked moves, hidden text, Insert Symbol
characters, footnotes and endnotes, tabs between names, a content
control's placeholder, text boxes, tables with pictures, notes or
nested tables, a chart, a deleted paragraph mark, 甲、乙 numbering, a
letterhead and a sign-off. A new user's 18 files found each fault.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image as PILImage

from conftest import CONTENT, ROOT

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NS = (
    f'{W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" mc:Ignorable="wps"'
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def p(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{''.join(runs)}</w:p>"


def r(text: str = "", rpr: str = "", inner: str = "") -> str:
    body = inner or f'<w:t xml:space="preserve">{text}</w:t>'
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}{body}</w:r>"


TITLE = p(r("市南区开展文明实践活动"), ppr='<w:jc w:val="center"/>')
SOURCE = p(r("（市南区委宣传部）"))


def picture(rid: str, n: int) -> str:
    return (f'<w:r><w:drawing><wp:inline><wp:extent cx="1905000" cy="1270000"/><wp:docPr id="{n}" name="p{n}"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            f'<pic:nvPicPr><pic:cNvPr id="{n}" name="p{n}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>'
            "</wp:inline></w:drawing></w:r>")


def png(color) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (300, 200), color).save(buf, "PNG")
    return buf.getvalue()


def build(path: Path, body: str, parts: dict[str, tuple[str, str, bytes]] | None = None) -> Path:
    """A .docx whose body is `body`; `parts`: rId → (relationship type, part name, bytes)."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    with zipfile.ZipFile(buf) as z:
        files = {n: z.read(n) for n in z.namelist()}
    doc = files["word/document.xml"].decode()
    head = doc[: doc.index("<w:body>")]
    head = head[: head.index("<w:document")] + f"<w:document {NS}>"
    sect = doc[doc.index("<w:sectPr"): doc.index("</w:body>")]
    files["word/document.xml"] = f"{head}<w:body>{body}{sect}</w:body></w:document>".encode()
    rels = files["word/_rels/document.xml.rels"].decode()
    types = files["[Content_Types].xml"].decode()
    for rid, (rtype, name, data) in (parts or {}).items():
        if f"word/{name}" in files:  # the template has one (numbering.xml): ours instead
            files[f"word/{name}"] = data
            continue
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{REL}/{rtype}" Target="{name}"/></Relationships>')
        files[f"word/{name}"] = data
        if name.endswith(".xml"):
            ctype = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{rtype}+xml"
            types = types.replace("</Types>", f'<Override PartName="/word/{name}" ContentType="{ctype}"/></Types>')
        elif 'Extension="png"' not in types:
            types = types.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>')
    files["word/_rels/document.xml.rels"] = rels.encode()
    files["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return path


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    proc = run(tmp_path, "new", "14", "--date", "2022-10-13")
    assert proc.returncode == 0, proc.stderr
    return tmp_path


def run(site: Path, *args: str) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "zhuanbao", *args], cwd=site, env=env, capture_output=True, text=True)


def imported(site: Path, docx: Path) -> tuple[dict, str, str]:
    """(header, body, stderr) of the article `import` wrote."""
    proc = run(site, "import", str(docx), "--issue", "14", "--section", "经验交流")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    text = (site / proc.stdout.splitlines()[0]).read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body, proc.stderr


def test_tracked_moves_hidden_text_and_placeholders_print_as_word_shows_them(site, tmp_path):
    """Moved-away text (w:moveFrom) printed twice, hidden text (w:vanish)
    and a form field's placeholder printed at all; a deleted paragraph
    mark left two paragraphs where Word shows one."""
    body = (
        TITLE
        + p('<w:moveFrom w:id="1" w:author="a" w:date="2024-05-01T00:00:00Z">' + r("二是壮大志愿队伍。") + "</w:moveFrom>",
            r("一是建强阵地。"))
        + p(r("三是丰富活动。"), '<w:moveTo w:id="2" w:author="a" w:date="2024-05-01T00:00:00Z">' + r("二是壮大志愿队伍。") + "</w:moveTo>")
        + p(r("全年开展活动120场"), r("（该项数据暂不对外公开）", "<w:vanish/>"), r("。"))
        + p(r("联系人："), '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>' + r("单击或点击此处输入文字。")
            + "</w:sdtContent></w:sdt>", r("。"))
        + p(r("将持续开展专项整治，"), ppr='<w:rPr><w:del w:id="3" w:author="a" w:date="2024-05-01T00:00:00Z"/></w:rPr>')
        + p(r("确保全年目标完成。"))
        + SOURCE
    )
    head, text, err = imported(site, build(tmp_path / "a.docx", body))
    paras = [x for x in text.split("\n\n") if x.strip()]
    assert paras == ["一是建强阵地。", "三是丰富活动。二是壮大志愿队伍。", "全年开展活动120场。", "联系人：。",
                     "将持续开展专项整治，确保全年目标完成。\n"], paras
    assert "隐藏文字" in err and "（该项数据暂不对外公开）" in err  # said, with the words left out
    assert "占位文字" in err


def test_symbols_tabs_and_stem_numbering_are_carried(site, tmp_path):
    """Insert Symbol's ≤ ≥ → (w:sym, Symbol font) were dropped, changing
    the meaning; a tab between names ran them together; Word's 甲、乙
    numbering printed as 1、2、."""
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}>'
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/>'
        '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()
    num = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr>'
    body = (
        TITLE
        + p(r("PM2.5平均浓度"), r(inner='<w:sym w:font="Symbol" w:char="F0A3"/>'), r("35微克/立方米，优良天数比例"),
            r(inner='<w:sym w:font="Symbol" w:char="F0B3"/>'), r("90%，平度市"), r(inner='<w:sym w:font="Symbol" w:char="F0AE"/>'),
            r("改善最大。"))
        + p(r("参加活动的有：张伟"), r(inner="<w:tab/>"), r("李秀英"), r(inner="<w:tab/><w:tab/>"), r("王建国。"))
        + p(r("甲档街道8个；"), ppr=num) + p(r("乙档街道13个。"), ppr=num)
        + SOURCE
    )
    parts = {"rIdNum": ("numbering", "numbering.xml", numbering)}
    _, text, _ = imported(site, build(tmp_path / "b.docx", body, parts))
    assert "PM2.5平均浓度≤35微克/立方米，优良天数比例≥90%，平度市→改善最大。" in text
    assert "参加活动的有：张伟 李秀英 王建国。" in text
    assert "甲、甲档街道8个；" in text and "乙、乙档街道13个。" in text


def test_footnotes_and_endnotes_become_the_articles_notes(site, tmp_path):
    """Word's footnotes and endnotes vanished, marks and texts; they are the
    article's own notes now, numbered in the order their marks stand, and
    they print. A note in a table cell (where no mark may stand) is set
    under the table as 注：…, and said."""
    def notes(kind: str, texts: dict[int, str]) -> bytes:
        tag = kind[:-1]
        items = "".join(f'<w:{tag} w:id="{k}">{p(r(inner=f"<w:{tag}Ref/>"), r(" " + t))}</w:{tag}>' for k, t in texts.items())
        sep = f'<w:{tag} w:type="separator" w:id="-1">{p(r(inner="<w:separator/>"))}</w:{tag}>'
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind} {W_NS}>{sep}{items}</w:{kind}>'.encode()

    cell = lambda *runs: f"<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>{p(*runs)}</w:tc>"  # noqa: E731
    body = (
        TITLE
        + p(r("黄岛区深入推进“一业一证”改革"), r(inner='<w:footnoteReference w:id="1"/>'), r("，平均审批时限压缩80%。"))
        + p(r("全区市场主体突破35万户"), r(inner='<w:endnoteReference w:id="1"/>'), r("。"))
        + "<w:tbl><w:tblPr><w:tblW w:w=\"6000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
        + "<w:tr>" + cell(r("项目")) + cell(r("进展")) + "</w:tr>"
        + "<w:tr>" + cell(r("托育服务")) + cell(r("新增托位300个"), r(inner='<w:footnoteReference w:id="2"/>')) + "</w:tr></w:tbl>"
        + SOURCE
    )
    parts = {
        "rIdFn": ("footnotes", "footnotes.xml", notes("footnotes", {1: "指将多项许可整合为一张行业综合许可证。", 2: "托位数按备案口径统计。"})),
        "rIdEn": ("endnotes", "endnotes.xml", notes("endnotes", {1: "数据来源：区市场监管局。"})),
    }
    head, text, err = imported(site, build(tmp_path / "c.docx", body, parts))
    assert "“一业一证”改革[^1]，平均审批时限压缩80%。" in text and "突破35万户[^2]。" in text
    assert "[^1]: 指将多项许可整合为一张行业综合许可证。" in text and "[^2]: 数据来源：区市场监管局。" in text
    assert "| 托育服务 | 新增托位300个 |" in text and "注：托位数按备案口径统计。" in text
    assert "表格中的注释" in err
    check = run(site, "check", "14")
    assert check.returncode == 0, check.stderr
    ren = run(site, "render", "14", "--format", "pdf")
    assert ren.returncode == 0, ren.stderr
    import pdfread

    printed = "".join(c.ch for c in pdfread.chars(site / "out" / "14" / "宣传信息专报第14期.pdf"))
    assert "指将多项许可整合为一张行业综合许可证。" in printed and "数据来源：区市场监管局。" in printed


def test_pictures_laid_out_in_a_table_come_out_with_their_captions(site, tmp_path):
    """Two photos side by side in a table, their captions in the row under
    them (a common bulletin layout): the pictures were dropped and the
    captions printed as a table. Now each is a picture with its caption; a
    chart is said to be left out."""
    cell = lambda inner: f"<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>{inner}</w:tc>"  # noqa: E731
    chart = ('<w:r><w:drawing><wp:inline><wp:extent cx="1905000" cy="1270000"/><wp:docPr id="9" name="c"/><a:graphic>'
             '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic></wp:inline></w:drawing></w:r>')
    body = (
        TITLE
        + p(r("5月5日，崂山区开展义诊活动。"))
        + "<w:tbl><w:tblPr><w:tblW w:w=\"6000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
        + "<w:tr>" + cell(p(picture("rIdA", 1))) + cell(p(picture("rIdB", 2))) + "</w:tr>"
        + "<w:tr>" + cell(p(r("专家为村民测量血压"))) + cell(p(r("志愿者发放健康手册"))) + "</w:tr></w:tbl>"
        + p(r("新增就业情况如下图："))
        + p(chart)
        + SOURCE
    )
    parts = {"rIdA": ("image", "media/a.png", png((200, 40, 40))), "rIdB": ("image", "media/b.png", png((40, 40, 200)))}
    _, text, err = imported(site, build(tmp_path / "d.docx", body, parts))
    pics = [x for x in text.split("\n\n") if x.startswith("![")]
    assert [x.split("](")[0] for x in pics] == ["![专家为村民测量血压", "![志愿者发放健康手册"], text
    assert "|" not in text
    assert "图表 a chart was not brought in" in err


def test_a_letterhead_and_a_sign_off_are_no_title_and_no_text(site, tmp_path):
    """A 红头 (unit, date) above the title became the title, and the letter's
    sign-off printed as text with a contact line taken for the source.
    The title is the title; the sign-off's unit is the source; what was
    left out, and the attachments kept as text, are said."""
    center = '<w:jc w:val="center"/>'
    body = (
        p(r("青岛市市北区人力资源和社会保障局", "<w:b/><w:sz w:val=\"52\"/>"), ppr=center)
        + p(r("2024年5月6日"), ppr=center)
        + p(r("市北区“春风行动”招聘会帮助1200余人达成就业意向", '<w:sz w:val="44"/>'), ppr=center)
        + p(r("4月28日，市北区举办2024年“春风行动”大型招聘会。"))
        + p(r("附件：1.参会企业名单"))
        + p(r("青岛市市北区人力资源和社会保障局"))
        + p(r("2024年5月6日"))
        + p(r("（联系人：孙丽，电话：0532-83726651）"))
    )
    head, text, err = imported(site, build(tmp_path / "e.docx", body))
    assert head["title"] == "市北区“春风行动”招聘会帮助1200余人达成就业意向"
    assert head["source"] == "青岛市市北区人力资源和社会保障局"
    assert "2024年5月6日" not in text and "青岛市市北区人力资源和社会保障局" not in text
    assert "红头" in err and "落款" in err and "附件" in err and "联系人：孙丽" in err


def test_form_and_sign_off_tables_and_unprintable_check_marks(site, tmp_path):
    """A 报送单位/报送日期 row and a borderless sign-off table (单位 / 日期)
    printed as ruled tables; ✓ and a ticked box ☒ (Word's Wingdings, a
    check box control) stopped check (no bulletin font has them). The form
    gives the source, the dates are left out and said, and the marks are
    the GB characters forms print (√, ■), each change reported."""
    cell = lambda text: f"<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>{p(r(text))}</w:tc>"  # noqa: E731
    grid = "<w:tblPr><w:tblW w:w=\"6000\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"3000\"/></w:tblGrid>"
    body = (
        TITLE
        + f"<w:tbl>{grid}<w:tr>{cell('报送单位：莱西市委组织部')}{cell('报送日期：2024年5月6日')}</w:tr></w:tbl>"
        + p(r("全市861个村推行积分制管理"), r(inner='<w:sym w:font="Wingdings" w:char="F0FC"/>'), r("，已完成"), r("☒"), r("。"))
        + f"<w:tbl>{grid}<w:tr>{cell('')}{cell('莱西市委组织部')}</w:tr><w:tr>{cell('')}{cell('二〇二四年五月六日')}</w:tr></w:tbl>"
    )
    head, text, err = imported(site, build(tmp_path / "f.docx", body))
    assert head["source"] == "莱西市委组织部"
    assert "|" not in text and "报送" not in text and "二〇二四年五月六日" not in text
    assert "全市861个村推行积分制管理√，已完成■。" in text
    assert "报送日期" in err and "落款" in err and "`✓` → `√`" in err and "`☒` → `■`" in err
    check = run(site, "check", "14")
    assert check.returncode == 0, check.stderr


def test_a_titles_dateline_notes_off_the_text_and_unknown_symbols_are_said(site, tmp_path):
    """A centred title ending in 会 above a dateline was taken for a letterhead
    and dropped; a note on the title was deleted unsaid, one on the source
    left a private-use character check refused, an empty note printed
    `[^1]: `; a Webdings symbol printed as the letter of its code; hidden
    text in the title's second line was dropped unsaid."""
    def notes(texts: dict[int, str]) -> bytes:
        items = "".join(f'<w:footnote w:id="{k}">{p(r(inner="<w:footnoteRef/>"), r(" " + t))}</w:footnote>' for k, t in texts.items())
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W_NS}>{items}</w:footnotes>'.encode()

    center = '<w:jc w:val="center"/>'
    ref = lambda k: r(inner=f'<w:footnoteReference w:id="{k}"/>')  # noqa: E731
    body = (
        p(r("市北区召开2024年度文明实践推进会"), ref(1), ppr=center)
        + p(r("2024年5月6日"), ppr=center)
        + p(r("会上，市北区表彰先进集体10个"), ref(3), r("，推广"), r(inner='<w:sym w:font="Webdings" w:char="F03D"/>'),
            r("经验做法。"))
        + p(r("（市北区委宣传部）"), ref(2))
    )
    parts = {"rIdFn": ("footnotes", "footnotes.xml", notes({1: "本文原载《青岛日报》。", 2: "供稿单位。", 3: ""}))}
    head, text, err = imported(site, build(tmp_path / "g.docx", body, parts))
    assert head["title"] == "市北区召开2024年度文明实践推进会" and head["source"] == "市北区委宣传部"
    assert "会上，市北区表彰先进集体10个，推广经验做法。" in text and "[^" not in text
    assert "本文原载《青岛日报》。" in err and "供稿单位。" in err and "空注释" in err
    assert "Webdings" in err and "红头" not in err
    check = run(site, "check", "14")
    assert check.returncode == 0, check.stderr
