"""The DOCX lowers what the layout decided, so the two files cannot disagree:
where the articles start, the 目录's entries as broken, the titles' and the
版记's line breaks (issue 8). And the keep rules Word and WPS need to keep
what the PDF keeps (issue 10: dropping them must fail a test)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

import pdfread
from conftest import CONTENT, ROOT, run_cli
from expect import squash
from samples import write_issue
from test_docx import NS, Docx, style_prop, text_of, w

MM = 72 / 25.4


def _lines(p) -> list[str]:
    """A paragraph's text cut at its w:br."""
    out = [""]
    for x in p.iter(w("t"), w("br")):
        if etree.QName(x).localname == "br":
            out.append("")
        else:
            out[-1] += x.text or ""
    return out


def _render(content: Path, folder: str, out: Path, cwd: Path | None = None) -> tuple[Path, Docx]:
    proc = run_cli("render", folder, "--content", str(content), "--out", str(out), cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    pdf, docx = (Path(p) for p in proc.stdout.split())
    return pdf, Docx(docx)


def _toc_lines_of_pdf(pdf: Path) -> list[str]:
    """The 目录 on page 1: the 16 pt lines under the 领导批示 box."""
    chars = pdfread.chars(pdf)
    frame = [p for p in pdfread.paths(pdf) if p.page == 1 and p.y1 - p.y0 > 100][0]
    rows = pdfread.lines_of([c for c in chars if c.page == 1 and c.origin_y < frame.y0 and c.size > 15])
    return ["".join(c.ch for c in r) for r in rows]


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    root = tmp_path_factory.mktemp("decided-other")
    content = write_issue(root)
    return _render(content, "2023-6", root / "out")


def test_toc_entries_break_where_the_pdf_breaks_them(other):
    """A title written on one line, broken by the layout: the DOCX 目录
    entry carries the same break (a w:br) as the PDF's 目录."""
    pdf, dx = other
    want = [squash(t) for t in _toc_lines_of_pdf(pdf)]
    entries = [p for p in dx.body_paragraphs() if dx.para_style(p) in (dx.style_id("目录"), dx.style_id("目录栏目"))]
    got = [squash(t) for p in entries for t in _lines(p)]
    assert got == want
    long_title = "我县深化放管服改革持续优化营商环境推动高质量发展取得新成效"
    entry = next(p for p in entries if squash(text_of(p)) == long_title)
    assert len(_lines(entry)) == 2  # written on one line, broken in two


def test_titles_break_where_the_pdf_breaks_them(other):
    pdf, dx = other
    chars = pdfread.chars(pdf)
    pdf_titles = ["".join(c.ch for c in r) for r in pdfread.lines_of([c for c in chars if c.page > 1 and c.size > 20])]
    titles = [p for p in dx.body_paragraphs() if dx.para_style(p) == dx.style_id("Title")]
    got = [t for p in titles for t in _lines(p)]
    assert got == pdf_titles
    assert any(len(_lines(p)) == 2 and "\n" not in text_of(p) for p in titles)


@pytest.fixture(scope="module")
def issue13_both(tmp_path_factory):
    return _render(CONTENT, "13", tmp_path_factory.mktemp("decided-13"))


def test_banji_rows_break_where_the_pdf_breaks_them(issue13_both):
    pdf, dx = issue13_both
    chars = pdfread.chars(pdf)
    last = pdfread.page_count(pdf)
    rows = pdfread.lines_of([c for c in chars if c.page == last and c.size == 14 and c.origin_y > 99.2 + 2])
    pdf_lines = [squash("".join(c.ch for c in r)) for r in rows]
    tbl = dx.document.xpath("/w:document/w:body/w:tbl[last()]", namespaces=NS)[0]
    got = []
    for tr in tbl.findall(w("tr"))[:-1]:  # the staff row is spread by tab stops
        label, text = (text_of(tc) for tc in tr.findall(w("tc")))
        lines = _lines(tr.findall(w("tc"))[1].find(w("p")))
        got += [squash(label + lines[0])] + [squash(t) for t in lines[1:]]
    assert got == pdf_lines[: len(got)]
    assert len(got) >= 7  # issue 13's three rows take seven lines


def test_articles_start_where_the_pdf_starts_them_when_the_layout_says_nothing(tmp_path):
    """`articles_on_new_page` left out of a layout: the layout's default (a
    page of their own) holds in the PDF and the DOCX alike."""
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    text = text.replace("../fonts/", str(ROOT / "fonts") + "/")
    text, n = re.subn(r"(?m)^\s*articles_on_new_page:.*\n", "", text)
    assert n == 1
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "quiet.yaml").write_text(text, encoding="utf-8")
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    pub = content / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("layout: zhuanbao", "layout: quiet"), encoding="utf-8")
    pdf, dx = _render(content, "13", tmp_path / "out", cwd=tmp_path)
    chars = pdfread.chars(pdf)
    page2 = squash("".join(c.ch for c in chars if c.page == 2))
    assert page2.startswith("〔工作动态〕我市举办")
    assert "我市举办“学习强国”" not in squash("".join(c.ch for c in chars if c.page == 1 and c.size > 20))
    first_body = next(p for p in dx.body_paragraphs() if dx.para_style(p) == dx.style_id("栏目"))
    assert text_of(first_body) == "〔工作动态〕"
    assert first_body.xpath("w:pPr/w:pageBreakBefore", namespaces=NS)


def test_keep_rules_for_word(issue13_both):
    """Word keeps what the PDF keeps only when told: the body's widow and
    orphan control, a title kept with the next line and whole, labels,
    headings and subtitles kept with what follows, a picture with its caption."""
    _, dx = issue13_both
    assert style_prop(dx, "Normal", "w:pPr/w:widowControl/@w:val") in ("1", "true", "on")
    for name in ("Title", "Subtitle", "栏目", "小标题", "图片"):
        assert style_prop(dx, name, "w:pPr/w:keepNext") is not None, name
        assert style_prop(dx, name, "w:pPr/w:keepNext/@w:val") in (None, "1", "true", "on"), name
    assert style_prop(dx, "Title", "w:pPr/w:keepLines") is not None
    # nothing switches them off paragraph by paragraph, but a picture without caption
    for p in dx.body_paragraphs():
        for tag in ("keepNext", "widowControl"):
            off = p.xpath(f"w:pPr/w:{tag}[@w:val='0' or @w:val='false' or @w:val='off']", namespaces=NS)
            assert not off or dx.para_style(p) == dx.style_id("图片"), etree.tostring(p, encoding="unicode")[:200]


def test_the_decided_issue_agrees_with_the_pages():
    """The decided issue is what the pages show: its numbers are the PDF's."""
    from zhuanbao.layout.boxes import TextBox
    from zhuanbao.render import prepare

    r = prepare(CONTENT, "13")
    d = r.decided
    assert d.pages == len(r.pages) == 11 and d.articles_on_new_page  # issue 7: no page for the 版记 alone
    assert d.banji_page == 11 and abs(d.banji_top + d.banji_height - 225 * MM) < 0.01
    shown = [
        "".join(g.ch for g in item.glyphs)
        for page in r.pages
        for item in page.items
        if isinstance(item, TextBox) and item.kind == "title"
    ]
    assert [line for k in sorted(d.title_lines) for line in d.title_lines[k]] == shown
    assert [squash("".join(e.lines)) for s in d.toc for e in s.entries] == [
        squash("".join(e)) for s in r.document.toc for e in s.entries
    ]
    rows = [squash(label + text) for label, text in r.document.banji.rows]
    assert ["".join(line.text for line in lines) for lines in d.banji_lines] == rows
    assert [item for row in d.banji_staff for item, _ in row] == list(r.document.banji.staff)
    assert 0 < d.toc_pitch <= 24 and 0 < d.box_height


MARKS = set("，。、；：？！“”‘’（）《》〔〕")
OPENING = set("“‘（《〔")


def _squeezed_lines(pdf: Path) -> list[tuple[str, float]]:
    """Issue 13's body lines in which the PDF squeezed a mark (the next glyph
    starts less than a cell after it; an opening mark stands flush right in
    its cell, its 16 pt glyph wider than the 15.79 pt cell): each line's text
    and the pt its marks gave up."""
    cell = 156 * MM / 28
    rows = pdfread.lines_of([c for c in pdfread.chars(pdf) if c.page > 1 and c.size == 16 and c.origin_y > 99.2 - 1])
    out = []
    for row in rows:
        given = 0.0
        for a, b in zip(row, row[1:]):
            if a.ch in MARKS or b.ch in OPENING:
                expected = cell + (cell - 16 if b.ch in OPENING else 0) + (16 - cell if a.ch in OPENING else 0)
                if b.origin_x - a.origin_x < expected - 0.1:
                    given += expected - (b.origin_x - a.origin_x)
        if given:
            out.append(("".join(c.ch for c in row), given))
    return out


def test_squeezed_marks_are_condensed_runs(issue13_both):
    """Where the PDF squeezed punctuation to take one more character on a
    body line, the DOCX's runs holding that line are condensed (§17.3.2.35
    w:spacing below the body's letter-spacing) by at least as much, so that
    Word and LibreOffice take the same characters on the line; the rest of
    the body keeps the style's spacing, and no w:br goes into the paragraph
    (it stays editable)."""
    pdf, dx = issue13_both
    normal = int(dx.styles.xpath("w:style[@w:styleId='Normal']/w:rPr/w:spacing/@w:val", namespaces=NS)[0])
    squeezed = _squeezed_lines(pdf)
    assert len(squeezed) >= 20, len(squeezed)  # issue 13 squeezes marks on many lines
    body = [p for p in dx.body_paragraphs() if dx.para_style(p) == "Normal"]  # the body's paragraphs
    condensed: list[tuple[str, int]] = []  # (text, twips given up per character) of each condensed run
    for p in body:
        for r in p.findall(w("r")):
            val = r.xpath("w:rPr/w:spacing/@w:val", namespaces=NS)
            if val and int(val[0]) < normal:
                condensed.append((squash(text_of(r)), normal - int(val[0])))
    assert condensed
    joined = "".join(t for t, _ in condensed)
    for text, given in squeezed:
        at = joined.find(text)
        assert at >= 0, text  # the whole line, not only its marks, in condensed runs
        pos, twips_given = 0, 0
        for t, d in condensed:
            lo, hi = max(pos, at), min(pos + len(t), at + len(text))
            twips_given += max(0, hi - lo) * d
            pos += len(t)
        assert twips_given / 20 >= given - 0.1, (text, twips_given / 20, given)
    # nothing condensed that the PDF did not squeeze
    lines = [text for text, _ in squeezed]
    for t, _ in condensed:
        assert any(t in line for line in lines), t
    assert not any(p.findall(f".//{w('br')}") for p in body)


def test_squeezed_pieces_cut_runs_at_the_lines_the_layout_condensed():
    """A run crossing the start and the end of a condensed line is cut
    there; the line's piece gets the body's spacing less what each character
    gave up, rounded up to whole twips (never less than the PDF's)."""
    from zhuanbao.docx.articles import squeezed_pieces

    # the run starts at offset 10 of its paragraph; a line from 12 to 15 gave 0.52 pt a character
    assert squeezed_pieces("甲乙丙丁戊己庚", 10, [(12, 15, 0.52)], -0.25) == [
        ("甲乙", None), ("丙丁戊", -5 - 11), ("己庚", None),
    ]
    # a line before the run and one that covers its end
    assert squeezed_pieces("甲乙丙", 10, [(0, 9, 1.0), (11, 20, 0.05)], -0.25) == [("甲", None), ("乙丙", -6)]
    assert squeezed_pieces("甲乙", 0, [], -0.25) == [("甲乙", None)]


def test_decided_records_each_squeezed_line_by_its_offsets():
    """The layout's lines of a body paragraph found in its text in order:
    a line with squeezed marks is recorded as (start, end, pt a character),
    its trailing space not counted; lines with none are not recorded."""
    from zhuanbao.layout.decided import Decided
    from zhuanbao.layout.text import Line

    def line(text, squeezes=()):
        return Line([], 0.0, 0.0, 0.0, False, 16.0, text=text, squeezes=squeezes)

    d = Decided()
    text = "甲乙，丙丁。戊 己庚"
    d.squeezed_marks(3, text, [line("甲乙，"), line("丙丁。戊 ", ((2, 1.0), (3, 0.2))), line("己庚")])
    assert d.body_squeezes == {3: [(3, 7, 1.2 / 4)]}
    d.squeezed_marks(3, text, [line("甲乙，丙丁。戊 己庚")])  # set again (the 版记 economies): nothing left
    assert 3 not in d.body_squeezes
    # a line that hung its last mark past the edge (the last resort) holds that
    # mark's width more than its measure: condensed by it, as Word ends lines flush
    hung = Line([], 0.0, 0.0, 0.0, False, 16.0, text="甲乙，丙丁。", hung="。", overhang=16.0)
    d.squeezed_marks(4, "甲乙，丙丁。戊", [hung, line("戊")])
    assert d.body_squeezes == {4: [(0, 6, 16.0 / 6)]}


def test_a_picture_the_pdf_carried_on_stands_in_the_docx_where_the_pdf_prints_it(content_copy, tmp_path):
    """A picture that does not fit at a page's foot goes to the next page and
    the text after it flows up (pictures.float). The DOCX prints it after the
    same text (layout/decided.py `floated`): in source order, Word and
    LibreOffice would leave the gap and run a page longer. Both print it
    before its article's source line, which signs the article off."""
    from PIL import Image

    Image.new("RGB", (1600, 1000), (120, 160, 200)).save(content_copy / "13" / "photo.jpg")
    art = content_copy / "13" / "01-xuexi-qiangguo.md"
    _, head, body = art.read_text(encoding="utf-8").split("---\n", 2)
    paras = body.strip().split("\n\n")
    art.write_text("---\n" + head + "---\n" + "\n\n".join(paras[:2] + ["![图为测试图片。](photo.jpg)"] + paras[2:]) + "\n", encoding="utf-8")
    after = squash(paras[-1])[:12]  # the article's last paragraph, after the picture in the source
    pdf, dx = _render(content_copy, "13", tmp_path / "out")
    chars = pdfread.chars(pdf)
    text = squash("".join(c.ch for c in chars))
    # the PDF carried it past the text after it, and printed it before the article's source line
    assert text.index(after) < text.index("图为测试图片。") < text.index("（市委讲师团）")
    paras = [p for p in dx.document.iter(w("p"))]
    said = ["".join(t.text or "" for t in p.iter(w("t"))) for p in paras]
    at = {i for i, p in enumerate(paras) if p.find(".//" + w("drawing")) is not None}
    source = said.index("（市委讲师团）")
    last = next(i for i, t in enumerate(said) if squash(t).startswith(after))
    assert len(at) == 1 and last < min(at) < source, (at, last, source)


def test_the_page_the_layout_carried_over_with_the_banji_breaks_in_the_docx_too(tmp_path):
    """bench/samples/liuxi:21 needs the carry economy: its last lines go over
    to the 版记's page (layout/decided.py `page_break`). The DOCX breaks the
    page before the same characters: before the paragraph (§17.3.1.23
    pageBreakBefore) where the layout carried a whole item, as here, or inside
    it (§17.3.3.1 w:br w:type="page"); without it Word sets them on the page
    before and the 版记 alone on the last. The sample made just too long for
    its 版记 carries the last lines of a paragraph too long to go whole."""
    from samples import banji_short_sample

    def carried(content: Path, issue: str, out: Path):
        """The DOCX's body, and the first body line of the PDF's last page."""
        pdf, dx = _render(content, issue, out)
        chars = pdfread.chars(pdf)
        last = pdfread.page_count(pdf)
        first_line = pdfread.lines_of([c for c in chars if c.page == last and c.size == 16])[0]
        return dx.document.find(w("body")), squash("".join(c.ch for c in first_line))

    body, starts = carried(ROOT / "bench" / "samples" / "liuxi", "21", tmp_path / "out")
    assert not [br for br in body.iter(w("br")) if br.get(w("type")) == "page"]
    before = [p for p in body.iter(w("p")) if p.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None]
    said = [squash("".join(t.text or "" for t in p.iter(w("t")))) for p in before]
    assert [t for t in said if t.startswith(starts[:10])] and starts, (said, starts)
    # a last paragraph too long to go over whole: its last lines go, the page breaks inside it
    body, starts = carried(banji_short_sample(tmp_path / "long", start=12), "7", tmp_path / "out-long")
    breaks = [br for br in body.iter(w("br")) if br.get(w("type")) == "page"]
    assert len(breaks) == 1
    run = breaks[0].getparent()
    before = "".join(t.text or "" for r in run.itersiblings(preceding=True) for t in r.iter(w("t")))
    after = "".join(t.text or "" for r in run.itersiblings() for t in r.iter(w("t")))
    assert squash(after).startswith(starts[:10]) and starts and before, (after[:20], starts)
    # before a section's label (examples/jianbao:5 carries its 〔简讯〕 whole): the label opens the page,
    # its blank line above dropped as the PDF drops it (Word keeps space before after a page break)
    body, starts = carried(ROOT / "examples" / "jianbao" / "content", "5", tmp_path / "out-section")
    before = [p for p in body.iter(w("p")) if p.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None]
    label = [p for p in before if squash("".join(t.text or "" for t in p.iter(w("t")))) == starts == "〔简讯〕"]
    assert len(label) == 1 and label[0].find(f"{w('pPr')}/{w('spacing')}").get(w("before")) == "0"


def test_the_banji_rows_stand_as_close_in_the_docx_as_the_economies_set_them(tmp_path):
    """The sample made long enough that its 版记 fits only with its rows
    closer (layout/banji.py `pitch`): the DOCX's rows are that pitch (§17.4.81
    trHeight exact), their paragraphs' lines too (§17.3.1.33 spacing), and the
    table still ends on the foot of the type area. At the layout's own pitch
    the rows of an unseen issue ended 28 pt below it, and LibreOffice printed
    its last row over the page number."""
    from samples import banji_economy_sample

    from zhuanbao.content import load_issue
    from zhuanbao.document import build_document
    from zhuanbao.fonts import FontBook
    from zhuanbao.layout.pages import lay_out
    from zhuanbao.layoutfile import load_layout

    content = banji_economy_sample(tmp_path / "pitch", "pitch")
    layout = load_layout(ROOT / "layouts" / "zhuanbao.yaml")
    fit = lay_out(build_document(load_issue(content, "7").issue, layout), layout, FontBook(layout), []).banji
    assert "pitch" in fit.used and fit.pitch < 26 - 0.1
    _, dx = _render(content, "7", tmp_path / "out")
    tbl = dx.document.find(w("body"))[-3]
    pos = tbl.find(w("tblPr")).find(w("tblpPr"))
    heights = [int(r.find(w("trPr")).find(w("trHeight")).get(w("val"))) for r in tbl.findall(w("tr"))]
    pitch = round(fit.pitch * 20)
    assert all(abs(h / pitch - round(h / pitch)) * pitch <= 1 for h in heights)  # whole rows of the fitted pitch
    assert abs(int(pos.get(w("tblpY"))) + sum(heights) - round(225 * MM * 20)) <= len(heights)  # on the foot
    lines = {p.find(f"{w('pPr')}/{w('spacing')}").get(w("line")) for p in tbl.iter(w("p"))}
    assert lines == {str(pitch)}


def test_a_blank_line_the_banjis_economy_dropped_is_dropped_in_the_docx_too(tmp_path):
    """The sample made long enough that its 版记 fits only with a section's or
    title's blank line on the last page dropped (layout/banji.py `gaps`): the
    DOCX's paragraph has no space there either (Decided.dropped_gaps). It kept
    its style's line, and LibreOffice set an unseen 通报's 版记 on a page of
    its own (6 pages against the PDF's 5)."""
    from samples import banji_economy_sample

    from zhuanbao.content import load_issue
    from zhuanbao.document import build_document
    from zhuanbao.fonts import FontBook
    from zhuanbao.layout.pages import lay_out
    from zhuanbao.layoutfile import load_layout

    content = banji_economy_sample(tmp_path / "gaps", "gaps", sample=("content", "13", "05-pingdu.md"))
    layout = load_layout(ROOT / "layouts" / "zhuanbao.yaml")
    doc = build_document(load_issue(content, "13").issue, layout)
    laid = lay_out(doc, layout, FontBook(layout), [])
    ts = laid.typesetter
    assert "gaps" in laid.banji.used and ts.decided.dropped_gaps, laid.banji
    _, dx = _render(content, "13", tmp_path / "out")
    paras = dx.body_paragraphs()
    for k, sides in ts.decided.dropped_gaps.items():
        block = doc.body[k]
        mine = [q for q in paras if squash(text_of(q)) == squash(block.text)]
        assert mine, block.text
        for side in sides:
            assert mine[-1].find(f"{w('pPr')}/{w('spacing')}").get(w(side)) == "0", (block.text, side)  # (the 目录 has its text first)


@pytest.mark.parametrize(
    "content, issue",
    [(CONTENT, "13")] + [(d.parent, d.name) for d in sorted((ROOT / "bench" / "samples").glob("*/*")) if (d / "issue.yaml").is_file()],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_the_docx_holds_what_the_pdf_prints_no_more_no_less(content, issue, tmp_path):
    """Every Han character the PDF prints is in the DOCX as many times (its
    body, footnotes, headers and footers), and nothing more: page 1 laid out
    twice once recorded the 目录 twice, and the DOCX printed it twice."""
    import collections
    import zipfile

    proc = run_cli("render", issue, "--content", str(content), "--out", str(tmp_path), "--format", "pdf,docx")
    assert proc.returncode == 0, proc.stderr
    pdf, docx = proc.stdout.split()
    han = re.compile(r"[\u4e00-\u9fff]")
    printed = collections.Counter(han.findall("".join(c.ch for c in pdfread.chars(Path(pdf)))))
    with zipfile.ZipFile(docx) as z:
        parts = [z.read(n).decode("utf-8") for n in z.namelist() if re.fullmatch(r"word/(document|footnotes|header\d*|footer\d*)\.xml", n)]
    words = "".join(t for xml in parts for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    written = collections.Counter(han.findall(words))
    assert printed == written, (dict((printed - written).most_common(5)), dict((written - printed).most_common(5)))


def test_a_caption_too_long_for_a_line_breaks_as_a_title_in_both_files(tmp_path):
    """A press caption of two lines is broken where a title would be, the
    lines centred and as even as the words allow, not filled to the right
    edge with 情 / 况（马骁 摄） left on the second (a new user's issue); the
    DOCX carries the same break (a w:br), so Word does not refill it."""
    content = write_issue(tmp_path)
    caption = "检查组在东川经济技术开发区查看企业挥发性有机物在线监测设备运行情况（马骁 摄）"
    art = content / "2023-6" / "01-fangguanfu.md"
    art.write_text(art.read_text(encoding="utf-8").replace("![县政务服务中心大厅]", f"![{caption}]"), encoding="utf-8")
    pdf, dx = _render(content, "2023-6", tmp_path / "out")
    rows = ["".join(c.ch for c in r if not c.ch.isspace()) for r in pdfread.lines_of(pdfread.chars(pdf))]
    squashed = caption.replace(" ", "")
    printed = [r for r in rows if r and r in squashed]
    assert "".join(printed) == squashed and len(printed) == 2, printed
    assert not printed[1].startswith("况") and abs(len(printed[0]) - len(printed[1])) <= 6, printed
    sid = dx.style_id
    [cap] = [p for p in dx.body_paragraphs() if dx.para_style(p) == sid("图题")]
    assert [ln.replace(" ", "") for ln in _lines(cap)] == printed
