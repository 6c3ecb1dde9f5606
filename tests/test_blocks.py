"""Tables, footnotes and pictures, end to end (issue 12): the editor's
Markdown in a copy of content/, `zhuanbao render` in a subprocess, the PDF
read back with pypdfium2 and the DOCX as XML.

Expectations come from the Markdown written here and from GB/T 9704's page
(22 grid lines in 225 mm from 37 mm down), not from zhuanbao's code.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfread
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from lxml import etree
from PIL import Image

from conftest import run_cli
from expect import squash

MM = 72 / 25.4
PAGE_H = 297 * MM
LEFT, RIGHT = 28 * MM, 184 * MM
TYPE_TOP_Y = PAGE_H - 37 * MM
PITCH = 225 * MM / 22
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ARTICLE = "01-xuexi-qiangguo.md"

ROWS = [
    (f"第{i}区", f"{i * 37 % 900 + 10}.{i % 10}万", f"{90 + i % 10}.{i % 7}%",
     "通过开展学习平台推广使用活动取得阶段性成效" * (1 + i % 3) + f"编号{i}")
    for i in range(1, 31)
]


INTRO = "各区市注册和活跃情况如下表："


def _table_md() -> str:
    lines = ["| 区市 | 注册用户 | 活跃率 | 备注 |", "|---|---:|:---:|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in ROWS]
    return "\n".join(lines)


def _add_to_article(content: Path, before: str, after: str = "") -> Path:
    path = content / "13" / ARTICLE
    text = path.read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    path.write_text(f"---\n{head}---\n{before}{body}{after}", encoding="utf-8")
    return path


def _render(content: Path, out: Path, fmt: str | None = None) -> tuple[Path, Path | None, str]:
    args = ["render", "13", "--content", str(content), "--out", str(out)]
    if fmt:
        args += ["--format", fmt]
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    pdf = out / "13" / "宣传信息专报第13期.pdf"
    docx = out / "13" / "宣传信息专报第13期.docx"
    return pdf, (docx if docx.exists() else None), proc.stderr


def _xml(docx: Path, name: str):
    with zipfile.ZipFile(docx) as z:
        return etree.fromstring(z.read(name))


# --- tables --------------------------------------------------------------------


@pytest.fixture(scope="module")
def table_issue(tmp_path_factory):
    from conftest import CONTENT
    import shutil

    root = tmp_path_factory.mktemp("table")
    content = root / "content"
    shutil.copytree(CONTENT, content)
    _add_to_article(content, "", "\n" + INTRO + "\n\n" + _table_md() + "\n\n表后的一段文字继续排在网格上。\n")
    pdf, docx, _ = _render(content, root / "out")
    return pdf, docx


def _table_rules(pdf: Path):
    """Horizontal and vertical rules drawn in black inside the type area (no 版记: those are wider)."""
    hs, vs = [], []
    for p in pdfread.paths(pdf):
        if p.stroke[:3] != (0, 0, 0):
            continue
        if abs(p.y1 - p.y0) <= 2.5 and p.x1 - p.x0 > 100:
            hs.append(p)
        elif abs(p.x1 - p.x0) <= 2.5 and p.y1 - p.y0 > 5:
            vs.append(p)
    return hs, vs


def test_table_cells_print_between_their_rules_on_the_grid(table_issue):
    pdf, _ = table_issue
    chars = pdfread.chars(pdf)
    text = squash("".join(c.ch for c in chars))
    for row in ROWS:
        for cell in row:
            assert squash(cell) in text  # every cell, whole (a cell's lines read in order)
    hs, vs = _table_rules(pdf)
    pages = sorted({v.page for v in vs})
    assert len(pages) >= 2, "30 rows take more than a page"
    for pno in pages:
        ys = sorted({round((h.y0 + h.y1) / 2, 1) for h in hs if h.page == pno}, reverse=True)
        # every horizontal rule of the table lies on a grid line
        for y in ys:
            k = (TYPE_TOP_Y - y) / PITCH
            assert abs(k - round(k)) < 0.02, (pno, y, k)
        # every table character lies between two rules of its page, in one column
        xs = sorted({round((v.x0 + v.x1) / 2, 1) for v in vs if v.page == pno})
        assert abs(xs[0] - LEFT) < 1 and abs(xs[-1] - RIGHT) < 1  # full type width
        top, bottom = ys[0], ys[-1]
        cells = [c for c in chars if c.page == pno and bottom < c.origin_y < top and LEFT < c.x0 < RIGHT]
        assert cells
        for c in cells:
            assert c.size == pytest.approx(14, abs=0.01)  # 4号
            assert any(a <= c.x0 and c.x1 <= b + 0.5 for a, b in zip(xs, xs[1:])), c


def test_table_header_repeats_and_no_row_is_split(table_issue):
    pdf, _ = table_issue
    chars = pdfread.chars(pdf)
    hs, vs = _table_rules(pdf)
    pages = sorted({v.page for v in vs})
    for pno in pages:
        lines = pdfread.lines_of([c for c in chars if c.page == pno])
        ys = sorted({round((h.y0 + h.y1) / 2, 1) for h in hs if h.page == pno}, reverse=True)
        header = [ln for ln in lines if "".join(c.ch for c in ln).replace(" ", "") == "区市注册用户活跃率备注"]
        assert len(header) == 1, pno  # the header row on every page the table crosses
        assert "Hei" in header[0][0].font or "Sans" in header[0][0].font  # 黑体
        assert ys[0] > header[0][0].origin_y > ys[1]  # the first row under the top rule
        # each row's cells sit between two consecutive rules: no row is cut by a page break
        for k, (a, b) in enumerate(zip(ys, ys[1:])):
            inside = "".join(c.ch for c in chars if c.page == pno and b < c.origin_y < a and LEFT < c.x0 < RIGHT)
            if k == 0:
                continue
            match = [r for r in ROWS if inside.startswith(r[0])]
            assert match, (pno, inside)
            assert squash(inside) == squash("".join(match[-1])), "a row split across pages"


def test_the_line_that_introduces_a_table_keeps_with_it(table_issue):
    """The PDF sets the introduction on the page of the table's header; the
    DOCX marks it keepNext, so Word and LibreOffice do the same."""
    pdf, docx = table_issue
    chars = pdfread.chars(pdf)
    lines = pdfread.lines_of(chars)
    intro = [ln for ln in lines if "".join(c.ch for c in ln).replace(" ", "") == INTRO]
    header = [ln for ln in lines if "".join(c.ch for c in ln).replace(" ", "") == "区市注册用户活跃率备注"]
    assert len(intro) == 1 and header
    assert intro[0][0].page == header[0][0].page
    doc = _xml(docx, "word/document.xml")
    paras = [p for p in doc.iter(f"{{{W}}}p") if "".join(p.itertext()) == INTRO]
    assert len(paras) == 1
    assert paras[0].find("w:pPr/w:keepNext", NS) is not None
    nxt = paras[0].getnext()
    assert nxt.tag == f"{{{W}}}tbl"
    # no other body paragraph is marked so
    body = [p for p in doc.iter(f"{{{W}}}p") if p.find("w:pPr/w:keepNext", NS) is not None and "表后" in "".join(p.itertext())]
    assert body == []


def test_table_in_docx_is_a_word_table(table_issue):
    _, docx = table_issue
    doc = _xml(docx, "word/document.xml")
    tbls = doc.findall(".//w:body/w:tbl", NS)
    tables = [t for t in tbls if "区市" in "".join(t.itertext())]
    assert len(tables) == 1
    t = tables[0]
    rows = t.findall("w:tr", NS)
    assert len(rows) == 1 + len(ROWS)
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
    assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    cols = [int(g.get(f"{{{W}}}w")) for g in t.findall("w:tblGrid/w:gridCol", NS)]
    assert len(cols) == 4 and sum(cols) == round(156 * MM * 20)  # the full type width, in twips
    assert cols[3] == max(cols)  # the longest text gets the widest column
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        assert t.find(f"w:tblPr/w:tblBorders/w:{side}", NS).get(f"{{{W}}}val") == "single"
    texts = ["".join(tc.itertext()) for tc in rows[4].findall("w:tc", NS)]
    assert texts == list(ROWS[3])
    # the rows the layout keeps together (table.keep_rows: 2) keep with the next in Word too, and
    # each cell has the alignment the layout gave it (the editor's ---: and :---:)
    keeps = [all(p.find("w:pPr/w:keepNext", NS) is not None for p in r.findall("w:tc/w:p", NS)) for r in rows]
    assert keeps == [True, True] + [False] * (len(rows) - 4) + [True, False]
    jc = [p.find("w:pPr/w:jc", NS).get(f"{{{W}}}val") for p in rows[4].findall("w:tc/w:p", NS)]
    assert jc == ["left", "right", "center", "left"]
    # each row the DOCX's own grid lines tall (the section's docGrid linePitch, rounded down so
    # that a page holds its 22 lines), the last a frame's width less: LibreOffice sets the
    # bottom border under the rows, so the table takes its grid lines, no more, and what
    # follows it on the page still fits there as in the PDF
    pitch = int(doc.find(".//w:sectPr/w:docGrid", NS).get(f"{{{W}}}linePitch"))
    heights = [int(r.find("w:trPr/w:trHeight", NS).get(f"{{{W}}}val")) for r in rows]
    import yaml
    from conftest import ROOT

    frame = round(float(str(yaml.safe_load((ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8"))["table"]["frame"]).removesuffix("pt")) * 20)
    assert heights[:-1] == [pitch * round(h / pitch) for h in heights[:-1]] and heights[-1] + frame == pitch * round((heights[-1] + frame) / pitch)
    assert pitch * 22 <= round(225 * MM * 20)


def test_table_without_its_dash_row_names_the_line(content_copy, tmp_path):
    path = _add_to_article(content_copy, "| 区市 | 注册用户 |\n| 市南区 | 12.5万 |\n\n")
    proc = run_cli("render", "13", "--content", str(content_copy), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    line = path.read_text(encoding="utf-8").splitlines().index("| 区市 | 注册用户 |") + 1
    assert f"{path}:{line}" in proc.stderr and "|---|" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out" / "13").exists() or not any((tmp_path / "out" / "13").iterdir())


# --- footnotes -------------------------------------------------------------------


def test_footnotes_print_after_the_source_and_in_the_docx(content_copy, tmp_path):
    path = content_copy / "13" / ARTICLE
    text = path.read_text(encoding="utf-8")
    text = text.replace("参加会议。", "参加会议[^1]。", 1).replace("成效进行了总结", "成效进行了总结[^two]", 1)
    text += "\n[^1]: 参加会议的还有各区市分管负责同志。\n[^two]: 数据截至2022年9月底。\n"
    path.write_text(text, encoding="utf-8")
    pdf, docx, _ = _render(content_copy, tmp_path / "out")
    chars = pdfread.chars(pdf)
    all_text = "".join(c.ch for c in chars)
    assert "[^" not in all_text
    # the marks in the text: small and raised above their line's baseline
    marks = [c for c in chars if c.ch in "①②" and c.size < 12]
    assert [c.ch for c in marks] == ["①", "②"]
    for m in marks:
        line = [c for c in chars if c.page == m.page and abs(c.x0 - m.x0) < 40 and c.size == 16 and c is not m]
        assert line and min(abs(m.origin_y - c.origin_y) for c in line) > 2  # raised
    # the notes: after the article's source, in 4号, on the grid, marks in order
    squashed = squash(all_text)
    src = squashed.index("（市委讲师团）")
    n1 = squashed.index("①参加会议的还有各区市分管负责同志。")
    n2 = squashed.index("②数据截至2022年9月底。")
    assert src < n1 < n2
    lines = pdfread.lines_of(chars)
    note_lines = [ln for ln in lines if "".join(c.ch for c in ln).startswith(("①参加", "②数据"))]
    assert len(note_lines) == 2
    note_chars = [c for ln in note_lines for c in ln]
    assert all(c.size == pytest.approx(14, abs=0.01) for c in note_chars)
    # one note a grid line, the next on the next grid line
    assert note_lines[0][0].origin_y - note_lines[1][0].origin_y == pytest.approx(PITCH, abs=0.05)
    k = (TYPE_TOP_Y - note_lines[0][0].origin_y) / PITCH
    assert 0.5 < k % 1 < 0.9  # the baseline in its grid line's lower half, like the body's
    # the DOCX: references in the text, the notes in footnotes.xml, related and typed
    doc = _xml(docx, "word/document.xml")
    refs = doc.findall(".//w:footnoteReference", NS)
    assert len(refs) == 2
    notes = _xml(docx, "word/footnotes.xml")
    by_id = {f.get(f"{{{W}}}id"): "".join(f.itertext()) for f in notes.findall("w:footnote", NS)}
    got = [by_id[r.get(f"{{{W}}}id")] for r in refs]
    assert got == ["①参加会议的还有各区市分管负责同志。", "②数据截至2022年9月底。"]
    with zipfile.ZipFile(docx) as z:
        assert "footnotes.xml" in z.read("word/_rels/document.xml.rels").decode()
        assert "wordprocessingml.footnotes+xml" in z.read("[Content_Types].xml").decode()


def test_footnote_reference_without_a_note_is_an_error(content_copy, tmp_path):
    path = _add_to_article(content_copy, "这里引用了注释[^9]。\n\n")
    proc = run_cli("check", "13", "--content", str(content_copy))
    assert proc.returncode == 1
    line = path.read_text(encoding="utf-8").splitlines().index("这里引用了注释[^9]。") + 1
    assert f"{path}:{line}" in proc.stdout + proc.stderr and "[^9]" in proc.stdout + proc.stderr


def test_a_note_written_with_a_full_width_colon_is_one_error_that_says_so(content_copy, tmp_path):
    """`[^1]：…` (a Chinese keyboard's colon): Markdown reads no note there, and
    check said twice that the reference had no note, once at the note's own
    line, as if it were a second reference. One error, at the note, saying
    what to write."""
    path = _add_to_article(content_copy, "这里引用了注释[^1]。\n\n", "\n[^1]：注释的内容。\n")
    n = len(path.read_text(encoding="utf-8").splitlines())
    proc = run_cli("check", "13", "--content", str(content_copy))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and out.count(": 错误 error:") == 1, out
    assert f"{path}:{n}: 错误 error: 注释的冒号要用半角" in out and "`[^1]: `" in out, out


def test_note_never_referenced_is_a_warning(content_copy, tmp_path):
    path = _add_to_article(content_copy, "", "\n[^x]: 没有被引用的注释。\n")
    n = len(path.read_text(encoding="utf-8").splitlines())
    proc = run_cli("check", "13", "--content", str(content_copy))
    out = proc.stdout + proc.stderr
    assert f"{path}:{n}" in out and "[^x]" in out


# --- pictures -----------------------------------------------------------------------


def _photo(size=(2400, 1600)) -> Image.Image:
    im = Image.new("RGB", size)
    px = im.load()
    for x in range(0, size[0], 7):
        for y in range(0, size[1], 7):
            px[x, y] = (x * 255 // size[0], y * 255 // size[1], (x + y) % 256)
    return im


def _write_picture(folder: Path, kind: str) -> str:
    im = _photo()
    if kind == "webp":
        im.save(folder / "p.webp", "WEBP", quality=80)
        return "p.webp"
    if kind == "cmyk":
        im.convert("CMYK").save(folder / "p.jpg", "JPEG", dpi=(300, 300))
        return "p.jpg"
    if kind == "tiff":
        im.save(folder / "p.tif", "TIFF", dpi=(600, 600))
        return "p.tif"
    if kind == "bmp":
        im.save(folder / "p.bmp", "BMP")  # no resolution: 96 dpi, printed at most the type width
        return "p.bmp"
    if kind == "png16":
        grey = Image.new("I;16", (1600, 1200))
        grey.putdata([(x * 40) % 65536 for x in range(1600 * 1200)])
        grey.save(folder / "p.png", "PNG", dpi=(150, 150))
        return "p.png"
    raise AssertionError(kind)


def _pdf_images(pdf: Path) -> list[tuple[int, tuple[float, float, float, float], tuple[int, int]]]:
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for k in range(len(doc)):
        for o in doc[k].get_objects():
            if o.type == raw.FPDF_PAGEOBJ_IMAGE:
                out.append((k + 1, o.get_bounds(), o.get_px_size()))
    return out


@pytest.mark.parametrize("kind", ["webp", "cmyk", "tiff", "bmp", "png16"])
def test_every_picture_format_prints_in_both_outputs_at_most_300_dpi(content_copy, tmp_path, kind):
    folder = content_copy / "13"
    name = _write_picture(folder, kind)
    _add_to_article(content_copy, f"![图片说明{kind}]({name})\n\n")
    before = {p.name: p.stat().st_size for p in folder.iterdir()}
    pdf, docx, err = _render(content_copy, tmp_path / "out")
    assert "Traceback" not in err
    assert {p.name: p.stat().st_size for p in folder.iterdir()} == before  # nothing written beside it
    assert ("CMYK" in err) == (kind == "cmyk")  # a warning where colours are converted
    (page, (x0, y0, x1, y1), (w_px, h_px)), = _pdf_images(pdf)
    assert LEFT - 0.5 <= x0 and x1 <= RIGHT + 0.5
    assert w_px / ((x1 - x0) / 72) <= 300.5 and h_px / ((y1 - y0) / 72) <= 300.5
    assert f"图片说明{kind}" in pdfread.text(pdf)
    with zipfile.ZipFile(docx) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and media[0].rsplit(".", 1)[1] in ("jpeg", "jpg", "png")
        data = z.read(media[0])
        doc = etree.fromstring(z.read("word/document.xml"))
    ext = doc.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    cx_in = int(ext.get("cx")) / 914400
    with Image.open(io.BytesIO(data)) as im:
        assert im.mode in ("RGB", "L")
        assert im.width / cx_in <= 300.5
    assert abs(cx_in * 72 - (x1 - x0)) < 0.5  # the same printed size as the PDF's
    assert len(data) < 1_500_000


def test_a_photo_is_set_smaller_to_fill_a_page_foot_in_both_outputs(content_copy, tmp_path):
    """A photo that would leave a gap at the foot of page 2 (full width it
    needs 11 grid lines) is set smaller there, down to pictures.min_scale,
    rather than carried on: the PDF and the DOCX print it at one size, no
    more than 300 dpi, no 图片移页 warning, and `proof` names the compromise."""
    _photo((2400, 1600)).save(content_copy / "13" / "p.jpg", "JPEG")
    full_h = (RIGHT - LEFT) * 1600 / 2400
    for k in range(2, 16):  # one-line paragraphs before it, until what is left of page 2 is short of it
        path = content_copy / "13" / ARTICLE
        original = path.read_text(encoding="utf-8")
        _add_to_article(content_copy, "".join(f"第{j}段。\n\n" for j in range(k)) + "![会场全景](p.jpg)\n\n")
        out = tmp_path / f"out{k}"
        pdf, docx, err = _render(content_copy, out)
        (page, (x0, y0, x1, y1), (w_px, h_px)), = _pdf_images(pdf)
        if page == 2 and y1 - y0 < full_h - 1:
            break
        path.write_text(original, encoding="utf-8")
    else:
        raise AssertionError("no number of lines before the photo left room for it only set smaller")
    assert "图片移页" not in err
    assert y0 >= PAGE_H - 37 * MM - 225 * MM - 0.5  # above the foot of the type area, on page 2
    assert (y1 - y0) >= 0.7 * full_h - 0.5  # no smaller than min_scale
    assert w_px / ((x1 - x0) / 72) <= 300.5 and h_px / ((y1 - y0) / 72) <= 300.5
    assert abs((x0 + x1) / 2 - (LEFT + RIGHT) / 2) < 0.5  # centred
    assert "会场全景" in pdfread.text(pdf)
    ext = _xml(docx, "word/document.xml").find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    assert abs(int(ext.get("cx")) / 12700 - (x1 - x0)) < 0.5 and abs(int(ext.get("cy")) / 12700 - (y1 - y0)) < 0.5
    with zipfile.ZipFile(docx) as z:
        media, = [n for n in z.namelist() if n.startswith("word/media/")]
        with Image.open(io.BytesIO(z.read(media))) as im:
            assert im.width / (int(ext.get("cx")) / 914400) <= 300.5
    proc = run_cli("proof", "13", "--content", str(content_copy), "--out", str(tmp_path / "proof"))
    assert proc.returncode == 0, proc.stderr
    assert re.search(rf"content/13/{ARTICLE}:\d+: 第 2 页第 \d+ 行 图片缩小 .* \d+% of its size", proc.stdout + proc.stderr)


@pytest.mark.parametrize("height, economy", [(1300, "picture"), (1600, "carry")])
def test_an_issue_that_ends_with_a_photo_never_leaves_the_banji_alone(content_copy, tmp_path, height, economy):
    """Issue 13 with a photo under its last 简讯: the 版记 no longer fits under
    it. A 3:1.3 photo is set a grid line or two smaller (the 版记's `picture`
    economy) and all stays on page 11; a 3:2 photo, still a line short at
    pictures.min_scale, goes over to the 版记's page with its source (carry),
    never leaving a page that holds only the 版记 — in the PDF and in the DOCX
    (a page break before the picture), at one size in both."""
    _photo((2400, height)).save(content_copy / "13" / "p.jpg", "JPEG")
    art = content_copy / "13" / "06-xihaian.md"
    art.write_text(art.read_text(encoding="utf-8").rstrip("\n") + "\n\n![宣传片截图](p.jpg)\n", encoding="utf-8")
    pdf, docx, err = _render(content_copy, tmp_path / "out")
    assert "版记单独成页" not in err
    n = len(pdfium.PdfDocument(str(pdf)))
    (page, (x0, y0, x1, y1), _), = _pdf_images(pdf)
    last = pdfread.text(pdf).split("— 11 —")[-1] if n == 12 else ""
    if economy == "picture":
        assert n == 11 and page == 11 and "版记另起一页" not in err
        assert (y1 - y0) < (RIGHT - LEFT) * height / 2400 - 1  # set smaller
    else:
        assert n == 12 and page == 12 and "版记另起一页" in err
        assert "宣传片截图" in last and "（黄岛区委宣传部）" in last and "报：" in last
    ext = _xml(docx, "word/document.xml").find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    assert abs(int(ext.get("cx")) / 12700 - (x1 - x0)) < 0.5 and abs(int(ext.get("cy")) / 12700 - (y1 - y0)) < 0.5
    body = _xml(docx, "word/document.xml")
    pic, = [p for p in body.iter(f"{{{W}}}p") if p.find(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}pic") is not None]
    assert (pic.find(f"{{{W}}}pPr/{{{W}}}pageBreakBefore") is not None) == (economy == "carry")
    proof = run_cli("proof", "13", "--content", str(content_copy), "--out", str(tmp_path / "proof"))
    said = proof.stdout + proof.stderr
    assert ("picture(s) set" in said) == (economy == "picture") and ("carried over with it" in said) == (economy == "carry")


def test_a_picture_is_converted_once_while_its_file_stays_as_it_is(tmp_path):
    """The preview lays the issue out on every save: a press photo is decoded
    and encoded once for a size, not on every layout, yet its colour warning
    is said every time, at the place asked; a file saved again is read again,
    and a damaged one names the place of each call."""
    import os

    from zhuanbao.errors import ContentError, Where
    from zhuanbao.pictures import prepare

    name = _write_picture(tmp_path, "cmyk")
    path = tmp_path / name
    first, second = [], []
    a = prepare(path, 300, 200, 300, 90, Where(path, 3), first)
    b = prepare(path, 300, 200, 300, 90, Where(path, 9), second)
    assert a is b  # remembered
    assert [d.where.line for d in first] == [3] and [d.where.line for d in second] == [9] and "CMYK" in second[0].message
    assert prepare(path, 200, 133, 300, 90, None, []) is not a  # another size, another conversion
    _photo((600, 400)).save(path, "JPEG")  # saved again, as RGB
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    again: list = []
    c = prepare(path, 300, 200, 300, 90, None, again)
    assert c is not a and c.pixels[0] <= 600 and not again
    path.write_bytes(b"not a picture")
    for line in (4, 5):
        with pytest.raises(ContentError) as err:
            prepare(path, 300, 200, 300, 90, Where(path, line), [])
        assert err.value.where.line == line


def test_picture_name_with_a_space_needs_no_angle_brackets(content_copy, tmp_path):
    _photo((600, 400)).save(content_copy / "13" / "my photo.jpg", "JPEG")
    _photo((400, 600)).save(content_copy / "13" / "照片 (1).jpg", "JPEG")  # Windows' name for a copy
    _add_to_article(content_copy, "![会场](my photo.jpg)\n\n![会场二](照片 (1).jpg \"标题\")\n\n")
    pdf, docx, _ = _render(content_copy, tmp_path / "out")
    assert len(_pdf_images(pdf)) == 2
    text = pdfread.text(pdf)
    assert "会场" in text and "会场二" in text and "![" not in text and "photo" not in text and "(1)" not in text
    with zipfile.ZipFile(docx) as z:
        assert len([n for n in z.namelist() if n.startswith("word/media/")]) == 2


def test_a_picture_between_lines_of_text_stands_where_it_is_written(content_copy, tmp_path):
    """Pasted text has one newline between paragraphs, and the picture line
    among them: each line is a paragraph, and the picture stands after the
    line before it, not after the last line of the block (it printed at the
    article's end, on an unseen issue, with no word). Inline in a line of
    text, it stands after that line's paragraph."""
    from zhuanbao.content import Paragraph, Picture, parse_body

    folder = content_copy / "13"
    _photo((600, 400)).save(folder / "p.jpg", "JPEG")
    body = "第一段文字。\n第二段文字。\n![会场](p.jpg)\n第三段文字。\n第四段有图![会场二](p.jpg)在行中。\n第五段。\n"
    blocks = parse_body(body, folder / ARTICLE, 5, folder)
    kinds = [("图" if isinstance(b, Picture) else "".join(sp.text for sp in b.spans)) for b in blocks]
    assert kinds == ["第一段文字。", "第二段文字。", "图", "第三段文字。", "第四段有图在行中。", "图", "第五段。"]
    assert all(isinstance(b, (Paragraph, Picture)) for b in blocks)
    _add_to_article(content_copy, "", "\n起始段落写在图片之前。\n![会场照片](p.jpg)\n写在图片之后的段落。\n")
    pdf, _, _ = _render(content_copy, tmp_path / "out")
    text = squash(pdfread.text(pdf))
    assert text.index("起始段落写在图片之前") < text.index("会场照片") < text.index("写在图片之后的段落")


def test_broken_picture_reference_is_an_error_not_text(content_copy, tmp_path):
    path = _add_to_article(content_copy, "正文里写了 ![会场](missing photo.jpg 还有字。\n\n![说明](没有这个文件.jpg)\n\n")
    proc = run_cli("render", "13", "--content", str(content_copy), "--out", str(tmp_path / "out"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    line = path.read_text(encoding="utf-8").splitlines().index("正文里写了 ![会场](missing photo.jpg 还有字。") + 1
    assert f"{path}:{line}" in proc.stderr


# --- the 目录 of a big issue --------------------------------------------------------

TITLES = [
    "我市举办“学习强国”学习平台推广使用工作“成效擂台”",
    "市北区以党建引领基层治理“组合拳”打好文明典范城市创建“攻坚战”",
    "李沧区推动新时代文明实践走深走实",
    "胶州市打造“胶东文化”品牌激发基层活力",
]


def test_forty_articles_toc_continues_whole_entries_at_one_pitch(content_copy, tmp_path):
    folder = content_copy / "13"
    for p in folder.glob("*.md"):
        p.unlink()
    sections = ["工作动态", "经验交流", "简讯"]
    titles = []
    for i in range(40):
        title = TITLES[i % 4] + f"第{i + 1}篇"
        titles.append(title)
        (folder / f"{i + 1:02d}-a.md").write_text(
            f"---\nsection: {sections[min(i // 14, 2)]}\ntitle: {title}\nsource: 测试单位\n---\n正文内容第{i + 1}篇。\n",
            encoding="utf-8",
        )
    pdf, docx, _ = _render(content_copy, tmp_path / "out")
    # in the DOCX too, an entry's lines keep together (the 目录 entry style: keepLines)
    styles = _xml(docx, "word/styles.xml")
    entry_style = [s for s in styles.findall("w:style", NS) if s.find("w:name", NS).get(f"{{{W}}}val") == "目录"]
    assert entry_style and entry_style[0].find("w:pPr/w:keepLines", NS) is not None
    chars = pdfread.chars(pdf)
    # the 目录: every 16 pt 仿宋/黑体 line before the first article title (22 pt)
    first_title = min((c.page, -c.origin_y) for c in chars if c.size > 20 and c.page > 1)
    toc = [c for c in chars if (c.page, -c.origin_y) < first_title and c.size == 16 and c.origin_y > TYPE_TOP_Y - 225 * MM - 1]
    lines = [ln for ln in pdfread.lines_of(toc) if not (ln[0].page == 1 and ln[0].origin_y > TYPE_TOP_Y - 200)]
    # (up to the last entry: the first article's section label follows it on its page)
    last_entry = max((ln[0].page, -ln[0].origin_y) for ln in lines if "篇" in "".join(c.ch for c in ln))
    lines = [ln for ln in lines if (ln[0].page, -ln[0].origin_y) <= last_entry]
    pages = sorted({ln[0].page for ln in lines if "篇" in "".join(c.ch for c in ln)})  # pages with entries
    lines = [ln for ln in lines if ln[0].page in pages]
    assert len(pages) >= 2 and len(pages) <= 4  # five pages before
    # one pitch on every page: the gaps between consecutive lines of a page are all equal
    gaps = [a[0].origin_y - b[0].origin_y for a, b in zip(lines, lines[1:]) if a[0].page == b[0].page]
    assert max(gaps) - min(gaps) < 0.05, sorted(set(round(g, 2) for g in gaps))
    # no entry is split across a page break: each title's text lies on one page
    text_by_page = {p: squash("".join(c.ch for ln in lines if ln[0].page == p for c in ln)) for p in pages}
    for title in titles:
        assert sum(title in t for t in text_by_page.values()) == 1, title
    # a continuation page's 目录 starts at the top of the type area
    for p in pages[1:]:
        top = max(ln[0].origin_y for ln in lines if ln[0].page == p)
        assert TYPE_TOP_Y - PITCH < top < TYPE_TOP_Y  # on the first grid line
    # the 领导批示 box gave up room first, but kept its minimum
    frames = [q for q in pdfread.paths(pdf) if q.page == 1 and q.y1 - q.y0 > 20 and q.x1 - q.x0 > 300]
    assert frames
    # the articles follow the 目录's last entries (test_articles_follow_a_toc_that_runs_on), here on
    # the next page: the 目录's last page is full
    left = (-last_entry[1] - (TYPE_TOP_Y - 225 * MM)) / PITCH  # grid lines under the last entry
    assert first_title[0] == pages[-1] + 1 and left < 8, left  # (label, title, the first lines: 8)
    # and the articles after the 目录 are on the grid
    body = [c for c in chars if c.size == 16 and c.page >= pages[-1] and c.ch == "正"]
    assert body
    for c in body:
        k = (TYPE_TOP_Y - c.origin_y) / PITCH
        ref = (TYPE_TOP_Y - body[0].origin_y) / PITCH
        assert abs((k - ref) - round(k - ref)) < 0.01


def test_a_long_runin_title_breaks_in_the_toc_between_words(content_copy, tmp_path):
    """A 简讯 title runs in at its paragraph's start, so it has no title
    lines; too long for a 目录 line, its entry was broken as running text,
    anywhere: …作风问题专项整治工 / 作先进单位” (an unseen 组工信息). It breaks by
    its grammar, as a title does, at the entry's size and measure."""
    title = "高新区获评“全市群众身边腐败和作风问题专项整治工作先进单位”"
    (content_copy / "13" / "07-gaoxin.md").write_text(
        f"---\nsection: 简讯\ntitle: {title}\nsource: 高新区纪工委\n---\n近日，高新区获评先进单位。\n", encoding="utf-8")
    pdf, _, _ = _render(content_copy, tmp_path / "out")
    rows = ["".join(c.ch for c in r) for r in pdfread.lines_of([c for c in pdfread.chars(pdf) if c.page == 1 and c.size == 16])]
    at = next(k for k, r in enumerate(rows) if r.startswith("高新区获评"))
    first, second = rows[at], rows[at + 1]
    assert squash(first + second) == squash(title), rows
    assert not (first.endswith("工") and second.startswith("作")), (first, second)  # never inside 工作
    assert first.endswith(("和", "败", "”", "评", "题")), (first, second)  # at a word's end
    # check says so, as of a title the layout broke, with the lines to paste
    proc = run_cli("check", "13", "--content", str(content_copy))
    said = [ln for ln in proc.stderr.splitlines() if "07-gaoxin.md:3" in ln and "标题由版式断行" in ln]
    assert len(said) == 1 and f"{first} / {second}" in said[0], proc.stderr
    # written by hand, the 目录 breaks it there, the paragraph runs it in whole, and check is quiet
    art = content_copy / "13" / "07-gaoxin.md"
    art.write_text(art.read_text(encoding="utf-8").replace(
        f"title: {title}", "title: |\n  高新区获评“全市群众身边腐败和作风问题\n  专项整治工作先进单位”"), encoding="utf-8")
    pdf, _, _ = _render(content_copy, tmp_path / "out2")
    text = pdfread.text(pdf)
    rows = ["".join(c.ch for c in r) for r in pdfread.lines_of([c for c in pdfread.chars(pdf) if c.page == 1 and c.size == 16])]
    assert "高新区获评“全市群众身边腐败和作风问题" in rows and "专项整治工作先进单位”" in rows, rows
    assert "07-gaoxin.md:3" not in run_cli("check", "13", "--content", str(content_copy)).stderr
    assert "作风问题专项整治" in squash(text)  # run in whole in its paragraph


def test_articles_follow_a_toc_that_runs_on(content_copy, tmp_path):
    """Ten articles with long titles: the 目录 runs on to page 2 by an entry
    or two, and the articles follow it there, a blank grid line below its last
    entry (on a page of their own they left the rest of page 2 empty, and an
    unseen issue took a page more); the DOCX starts them there too, with no
    page break before the first."""
    folder = content_copy / "13"
    for p in folder.glob("*.md"):
        p.unlink()
    for i in range(10):
        (folder / f"{i + 1:02d}-a.md").write_text(
            f"---\nsection: {['工作动态', '经验交流', '简讯'][i * 3 // 10]}\ntitle: {TITLES[i % 4]}第{i + 1}篇\nsource: 测试单位\n---\n正文内容第{i + 1}篇。\n",
            encoding="utf-8",
        )
    pdf, docx, _ = _render(content_copy, tmp_path / "out")
    chars = [c for c in pdfread.chars(pdf) if c.page == 2]
    rows = pdfread.lines_of([c for c in chars if c.size == 16])
    texts = ["".join(c.ch for c in r) for r in rows]
    entries = [k for k, t in enumerate(texts) if t.endswith("篇")]
    assert entries and entries[0] <= 1, texts[:3]  # page 2 starts with the 目录's last entries
    label = next(k for k, t in enumerate(texts) if t.startswith("〔"))
    line_of = lambda row: int((TYPE_TOP_Y - row[0].origin_y) // PITCH)  # noqa: E731  (the grid line a row stands in)
    assert label == entries[-1] + 1 and line_of(rows[label]) == line_of(rows[entries[-1]]) + 2  # one blank line between
    assert any(c.size > 20 for c in chars)  # the first article's title on page 2
    doc = _xml(docx, "word/document.xml")
    assert not doc.findall(".//w:pageBreakBefore", NS)
    # with the issue's 编者按 first under it: free to end the page, as the PDF's is (its keepNext
    # chained to the first article's title, and LibreOffice moved it to the next page)
    issue = folder / "issue.yaml"
    issue.write_text(issue.read_text(encoding="utf-8") + "note: 本期集中刊发各地的经验做法，供学习参考。\n", encoding="utf-8")
    pdf, docx, _ = _render(content_copy, tmp_path / "out-note")
    doc = _xml(docx, "word/document.xml")
    notes = [q for q in doc.iter(f"{{{W}}}p") if "编者按" in "".join(q.itertext())]
    assert notes and all(q.find("w:pPr/w:keepNext", NS) is not None and q.find("w:pPr/w:keepNext", NS).get(f"{{{W}}}val") == "0"
                         for q in notes)
    assert all(q.find("w:pPr/w:pageBreakBefore", NS) is None for q in notes)  # under the 目录, no new page


# --- floating pictures (the paginator, exact) -----------------------------------------


def _slots(spec: str):
    """'t' a text line, 'P5' a 5-line floating picture, 'K5' a 5-line picture kept in place."""
    from zhuanbao.layout.flow import Slot

    out = []
    for tok in spec.split():
        if tok == "t":
            out.append(Slot(1, [], kind="body"))
        else:
            out.append(Slot(int(tok[1:]), [], kind="picture", floats=tok[0] == "P"))
    return out


def _grid():
    from zhuanbao.layout.boxes import Grid

    return Grid(595, 842, 79, 105, 442, 638, 22, 28)


def _order(spec: str):
    from zhuanbao.layout.pages import paginate

    slots = _slots(spec)
    for k, s in enumerate(slots):
        s.bookmark = str(k)
    pages, _ = paginate(slots, _grid(), None, 0)
    return [[int(b.title) for b in p.bookmarks] for p in pages]


def test_a_picture_that_does_not_fit_moves_on_and_the_text_flows_up():
    spec = " ".join(["t"] * 20 + ["P5"] + ["t"] * 6)
    pages = _order(spec)
    # lines 21..22 of page 1 take the text after the picture; the picture opens page 2
    assert pages[0] == list(range(20)) + [21, 22]
    assert pages[1] == [20, 23, 24, 25, 26]


def test_a_picture_kept_in_place_leaves_the_gap():
    spec = " ".join(["t"] * 20 + ["K5"] + ["t"] * 6)
    pages = _order(spec)
    assert pages[0] == list(range(20))
    assert pages[1] == list(range(20, 27))


def test_a_picture_does_not_float_past_the_next_article():
    """A picture carried to the next page ends its article there: the text
    of its own article flows up, but the next article's section label and
    title (and all after them) wait until the picture has been printed."""
    from zhuanbao.layout.flow import Slot

    slots = _slots(" ".join(["t"] * 20 + ["P5"] + ["t"]))
    slots += [Slot(1, [], kind="section"), Slot(1, [], kind="title")] + _slots("t t")
    for k, s in enumerate(slots):
        s.bookmark = str(k)
    from zhuanbao.layout.pages import paginate

    pages = [[int(b.title) for b in p.bookmarks] for p in paginate(slots, _grid(), None, 0)[0]]
    assert pages[0] == list(range(20)) + [21]  # its own article's line flows up
    assert pages[1] == [20, 22, 23, 24, 25]  # the picture, then the next article
    # pictures that fill more than a page: each waits for a page with room, and the next
    # article still waits for them all (an article's pictures are never printed inside the
    # next one); the keep rules hold (a label with its title, a title's lines together)
    slots = _slots(" ".join(["t"] * 16 + ["P12", "P12", "t"]))
    slots += [Slot(1, [], kind="section", keep_with_next=True), Slot(1, [], kind="title", keep_with_next=True),
              Slot(1, [], kind="title", keep_with_next=True)] + _slots("t t")
    for k, s in enumerate(slots):
        s.bookmark = str(k)
    pages = [[int(b.title) for b in p.bookmarks] for p in paginate(slots, _grid(), None, 0)[0]]
    assert pages == [list(range(16)) + [18], [16], [17, 19, 20, 21, 22, 23]]


def test_a_picture_is_not_carried_past_its_articles_source_line():
    """The source line (（供稿：…）) ends its article: a picture carried to the
    next page is printed before it, as the editor wrote them, not after the
    article has been signed off; the text before the source still flows up."""
    from zhuanbao.layout.flow import Slot
    from zhuanbao.layout.pages import floated_pictures, paginate

    slots = _slots(" ".join(["t"] * 20 + ["P5"] + ["t"]))
    slots += [Slot(1, [], kind="source"), Slot(1, [], kind="section"), Slot(1, [], kind="title")] + _slots("t t")
    for k, s in enumerate(slots):
        s.bookmark, s.block = str(k), k
    pages, _ = paginate(slots, _grid(), None, 0)
    order = [[int(b.title) for b in p.bookmarks] for p in pages]
    assert order[0] == list(range(20)) + [21]  # the article's text flows up
    assert order[1] == [20, 22, 23, 24, 25, 26]  # the picture, its article's source line, the next article
    assert floated_pictures(pages, slots) == {20: 21}  # the DOCX prints it after line 21, before the source
    # a picture that fills the next page alone: the source line is not held back (it flows up)
    slots = _slots(" ".join(["t"] * 20 + ["P22"] + ["t"])) + [Slot(1, [], kind="source")]
    for k, s in enumerate(slots):
        s.bookmark = str(k)
    order = [[int(b.title) for b in p.bookmarks] for p in paginate(slots, _grid(), None, 0)[0]]
    assert order == [list(range(20)) + [21, 22], [20]]
    # a source of two lines (its first keeps with the next): both follow the picture, or neither
    slots = _slots(" ".join(["t"] * 20 + ["P21", "t"]))
    slots[-1].keep_with_next = True  # the article's last line keeps with its source
    slots += [Slot(1, [], kind="source", keep_with_next=True), Slot(1, [], kind="source")]
    for k, s in enumerate(slots):
        s.bookmark = str(k)
    order = [[int(b.title) for b in p.bookmarks] for p in paginate(slots, _grid(), None, 0)[0]]
    where = {k: n for n, p in enumerate(order) for k in p}
    assert sorted(where) == list(range(len(slots))) and where[22] == where[23]
    # two pictures that do not fit one page together: the source follows the second, on its page
    slots = _slots(" ".join(["t"] * 18 + ["P12", "P12", "t"]))
    slots += [Slot(1, [], kind="source"), Slot(1, [], kind="section"), Slot(1, [], kind="title")] + _slots("t t")
    for k, s in enumerate(slots):
        s.bookmark = str(k)
    order = [[int(b.title) for b in p.bookmarks] for p in paginate(slots, _grid(), None, 0)[0]]
    assert order == [list(range(18)) + [20], [18], [19, 21, 22, 23, 24, 25]]


def test_a_picture_is_set_smaller_to_fit_the_room_left_before_it_floats():
    """A picture that does not fit what is left of a page is set smaller there
    (its Slot.smaller settings, a grid line at a time down to
    pictures.min_scale), as a typesetter fits a photo, rather than carried
    on with the gap filled by the text after it; under its smallest setting
    it floats as before."""
    from zhuanbao.layout.flow import Slot
    from zhuanbao.layout.pages import paginate

    def run(before: int):
        slots = _slots(" ".join(["t"] * before + ["P10"] + ["t"] * 4))
        slots[before].smaller = [Slot(k, [], kind="picture", floats=True) for k in (9, 8, 7)]
        for k, s in enumerate(slots):
            s.bookmark = str(k)
        pages, _ = paginate(slots, _grid(), None, 0)
        return [[int(b.title) for b in p.bookmarks] for p in pages], pages

    order, pages = run(14)  # 8 lines left: the 8-line setting, in place, the text after it on the next page
    assert order == [list(range(15)), [15, 16, 17, 18]]
    assert pages[0].shrunk[14].lines == 8 and pages[0].slot_lines[14] == 14
    order, pages = run(16)  # 6 lines left, the smallest takes 7: it floats, the text flows up
    assert order == [list(range(16)) + [17, 18, 19, 20], [16]] and not pages[0].shrunk and not pages[1].shrunk
    order, pages = run(12)  # it fits whole: its own size
    assert order == [list(range(13)), [13, 14, 15, 16]] and not pages[0].shrunk
    # the source line after it stays under it, a line smaller, rather than stand alone at the
    # head of the next page; where even the smallest leaves it no room, the picture floats and
    # the source still follows it
    for before, size, first in ((12, 9, 14), (14, 7, 16), (16, None, 16)):
        slots = _slots(" ".join(["t"] * before + ["P10"])) + [Slot(1, [], kind="source")] + _slots("t t")
        slots[before].smaller = [Slot(k, [], kind="picture", floats=True) for k in (9, 8, 7)]
        for k, s in enumerate(slots):
            s.bookmark = str(k)
        pages, _ = paginate(slots, _grid(), None, 0)
        order = [[int(b.title) for b in p.bookmarks] for p in pages]
        assert order[1][0] == first and {k: v.lines for k, v in pages[0].shrunk.items()} == ({before: size} if size else {})
        where = {k: n for n, p in enumerate(order) for k in p}
        assert where[before] == where[before + 1]  # the picture and its source on one page
    # a picture kept in place (pictures.float: false) is set smaller too, leaving its caption room
    slots = _slots(" ".join(["t"] * 14 + ["K10", "t", "t", "t"]))
    slots[14].keep_with_next = True  # with its caption (slot 15)
    slots[14].smaller = [Slot(k, [], kind="picture", keep_with_next=True) for k in (9, 8, 7)]
    for k, s in enumerate(slots):
        s.bookmark = str(k)
    pages, _ = paginate(slots, _grid(), None, 0)
    assert [[int(b.title) for b in p.bookmarks] for p in pages] == [list(range(16)), [16, 17]]
    assert pages[0].shrunk[14].lines == 7  # 14 + 7 + the caption's line = 22


def test_two_floating_pictures_keep_their_order():
    spec = " ".join(["t"] * 19 + ["P5", "t", "P4"] + ["t"] * 3)
    pages = _order(spec)
    assert pages[0] == list(range(19)) + [20, 22, 23]
    assert pages[1] == [19, 21, 24]


def test_the_pages_say_after_which_block_a_floated_picture_stands():
    """The DOCX prints a picture the paginator carried on where the PDF does
    (layout/decided.py `floated`): after the last block printed before it, a
    gap (made with the block after it) not counted."""
    from zhuanbao.layout.pages import floated_pictures, paginate

    slots = _slots(" ".join(["t"] * 20 + ["P5"] + ["t"] * 6))
    for k, s in enumerate(slots):
        s.block = k
    pages, _ = paginate(slots, _grid(), None, 0)
    assert floated_pictures(pages, slots) == {20: 22}  # lines 21 and 22 flowed up before it
    slots[22].kind = "gap"  # page 1's last slot is a gap made with block 23
    slots[22].block = 23
    assert floated_pictures(pages, slots) == {20: 21}
    kept = _slots(" ".join(["t"] * 20 + ["K5"] + ["t"] * 6))
    for k, s in enumerate(kept):
        s.block = k
    assert floated_pictures(paginate(kept, _grid(), None, 0)[0], kept) == {}  # kept in place: nothing moved


# --- import: a Word table becomes a Markdown table ------------------------------------


def test_import_turns_a_word_table_into_a_table_that_prints(content_copy, tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("市南区推进文明城市建设", style="Title")
    doc.add_paragraph("市南区召开会议,部署工作。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([["区市", "人数", "说明"], ["市南区", "120", "含A|B两类"], ["市北区", "98", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "合计98人"
    doc.add_paragraph("（市南区委宣传部）")
    src = tmp_path / "table.docx"
    doc.save(str(src))
    proc = run_cli("import", str(src), "--issue", "13", "--section", "工作动态", "--content", str(content_copy))
    assert proc.returncode == 0, proc.stderr
    art = Path(proc.stdout.split()[0])
    if not art.is_absolute():
        art = content_copy.parent / art
    md = art.read_text(encoding="utf-8")
    assert "| 区市 | 人数 | 说明 |\n|---|---|---|\n| 市南区 | 120 | 含A\\|B两类 |\n| 市北区 | 合计98人 |  |" in md, md
    pdf, docx, _ = _render(content_copy, tmp_path / "out")
    text = squash(pdfread.text(pdf))
    for cell in ("区市人数说明", "市南区120含A|B两类", "市北区合计98人"):
        assert cell in text
    hs, vs = _table_rules(pdf)
    assert len({round(v.x0) for v in vs}) == 4  # three columns, four column rules


# --- what would be lost is an error naming the line ------------------------------------


@pytest.mark.parametrize(
    "markdown, bad_line, words",
    [
        ("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n", "| 1 | 2 | 3 |", "3 cells"),
        ("| a | b |\n|---|---|\n| 1[^1] | 2 |\n\n[^1]: 注。\n", "| a | b |", "table cell"),
        ("## 小标题[^1]\n\n正文。\n\n[^1]: 注。\n", "## 小标题[^1]", "heading"),
        ("正文[^1]。\n\n[^1]: 注一。\n[^1]: 注二。\n", "[^1]: 注二。", "written twice"),
        ("## 小标题![图](p.png)\n\n正文。\n", "## 小标题![图](p.png)", "heading"),
        ("![图](t.jpg)\n", "![图](t.jpg)", "t.jpg"),
        ("| 长 | 表 |\n|---|---|\n| 1 | " + "很长的单元格文字" * 200 + " |\n", "| 长 | 表 |", "taller than a page"),
    ],
    ids=["extra-cells", "note-in-cell", "note-in-heading", "note-twice", "picture-in-heading", "truncated-picture",
         "row-taller-than-a-page"],
)
def test_what_would_not_print_is_an_error_naming_its_line(content_copy, tmp_path, markdown, bad_line, words):
    folder = content_copy / "13"
    Image.new("RGB", (300, 200), "red").save(folder / "p.png")
    whole = io.BytesIO()
    _photo((800, 600)).save(whole, "JPEG")
    (folder / "t.jpg").write_bytes(whole.getvalue()[:2000])  # a picture cut short, its header intact
    path = _add_to_article(content_copy, markdown + "\n")
    line = path.read_text(encoding="utf-8").splitlines().index(bad_line) + 1
    for command in ("render", "check"):
        args = [command, "13", "--content", str(content_copy)]
        if command == "render":
            args += ["--out", str(tmp_path / "out")]
        proc = run_cli(*args)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and "Traceback" not in out, out
        assert f"{path}:{line}" in out and words in out, out
    assert not (tmp_path / "out" / "13").exists() or not any((tmp_path / "out" / "13").iterdir())


def test_a_phone_photo_prints_upright(content_copy, tmp_path):
    im = _photo((1200, 400))
    exif = im.getexif()
    exif[0x0112] = 6  # stored on its side, EXIF says: turn it
    im.save(content_copy / "13" / "r.jpg", "JPEG", exif=exif, dpi=(150, 150))
    _add_to_article(content_copy, "![竖拍的照片](r.jpg)\n\n")
    pdf, docx, _ = _render(content_copy, tmp_path / "out")
    (_, (x0, y0, x1, y1), (w_px, h_px)), = _pdf_images(pdf)
    assert y1 - y0 > x1 - x0 and h_px > w_px  # portrait, as taken
    assert (y1 - y0) / (x1 - x0) == pytest.approx(3, rel=0.01)


# --- the DOCX read by a second program ---------------------------------------------------


def test_libreoffice_reads_the_table_and_the_footnotes(content_copy, tmp_path):
    from test_docx_libreoffice import convert

    path = content_copy / "13" / ARTICLE
    text = path.read_text(encoding="utf-8").replace("参加会议。", "参加会议[^1]。", 1)
    text += "\n" + _table_md() + "\n\n[^1]: 参加会议的还有各区市分管负责同志。\n"
    path.write_text(text, encoding="utf-8")
    _, docx, _ = _render(content_copy, tmp_path / "out", "docx")
    pdf = convert(docx, tmp_path / "lo")
    chars = pdfread.chars(pdf)
    got = squash("".join(c.ch for c in chars))
    assert "参加会议的还有各区市分管负责同志。" in got  # the footnote's text, in LibreOffice's own footnote area
    for row in ROWS:
        assert squash("".join(row)) in got  # each row read in cell order, none lost
    # the header row repeats on every page the table crosses
    lines = pdfread.lines_of(chars)
    header_pages = {ln[0].page for ln in lines if squash("".join(c.ch for c in ln)) == "区市注册用户活跃率备注"}
    row_pages = {c.page for c in chars if c.ch == "第" and c.size == pytest.approx(14, abs=0.01)}
    assert len(header_pages) >= 2 and row_pages <= header_pages


def test_two_tables_in_a_row_stay_two_tables(content_copy, tmp_path):
    _add_to_article(content_copy, "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n| 丙 | 丁 |\n|---|---|\n| 3 | 4 |\n\n")
    pdf, docx, _ = _render(content_copy, tmp_path / "out")
    doc = _xml(docx, "word/document.xml")
    body = doc.find("w:body", NS)
    kids = list(body)
    tables = [k for k, e in enumerate(kids) if e.tag == f"{{{W}}}tbl" and "甲" in "".join(e.itertext()) or
              e.tag == f"{{{W}}}tbl" and "丙" in "".join(e.itertext())]
    assert len(tables) == 2 and tables[1] - tables[0] == 2  # a paragraph between them
    assert squash("甲乙12") in squash(pdfread.text(pdf)) and squash("丙丁34") in squash(pdfread.text(pdf))
    # and the PDF parts them by the grid line that paragraph takes: the second's header a line
    # below the first's last row, not on its bottom rule (read as one broken table)
    from zhuanbao.layout.boxes import Grid
    from zhuanbao.layoutfile import load_layout

    from conftest import ROOT

    pitch = Grid.from_layout(load_layout(ROOT / "layouts" / "zhuanbao.yaml")).line_pitch
    chars = pdfread.chars(pdf)
    jia, bing = [c for c in chars if c.ch == "甲"][-1], [c for c in chars if c.ch == "丙"][-1]
    assert jia.page == bing.page and abs((jia.origin_y - bing.origin_y) - 3 * pitch) < 0.5, (jia, bing)  # header, row, blank


def test_check_says_where_colours_are_converted(content_copy):
    name = _write_picture(content_copy / "13", "cmyk")
    path = _add_to_article(content_copy, f"![印刷照片]({name})\n\n")
    line = path.read_text(encoding="utf-8").splitlines().index(f"![印刷照片]({name})") + 1
    proc = run_cli("check", "13", "--content", str(content_copy))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert re.search(rf"{re.escape(str(path))}:{line}: 警告 warning: .*CMYK", out), out


# --- the new layout keys are checked ----------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, markdown, words",
    [
        ("  float: true ", "  float: 3 ", "![图](p.png)\n\n", "pictures.float"),
        ("  max_dpi: 300 ", "  max_dpi: 0 ", "![图](p.png)\n\n", "pictures.max_dpi"),
        ("  min_scale: 0.7 ", "  min_scale: 1.5 ", "![图](p.png)\n\n", "pictures.min_scale"),
        ("  min_scale: 0.7 ", "  min_scale: 0 ", "![图](p.png)\n\n", "pictures.min_scale"),
        ("  header_align: center", "  header_align: middle", "| a | b |\n|---|---|\n| 1 | 2 |\n\n", "table.header_align"),
        ("  mark_font: fang ", "  mark_font: nosuch ", "正文[^1]。\n\n[^1]: 注。\n\n", "notes.mark_font"),
        ("\ntable:", "\nunused_table:", "| a | b |\n|---|---|\n| 1 | 2 |\n\n", "`table` is missing"),
    ],
    ids=["float-not-a-flag", "dpi-zero", "scale-over-one", "scale-zero", "bad-align", "unknown-font", "no-table-block"],
)
def test_a_bad_layout_value_is_one_message_naming_the_layout(content_copy, tmp_path, old, new, markdown, words):
    from conftest import ROOT

    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1).replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "mine.yaml").write_text(text, encoding="utf-8")
    pub = content_copy / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("layout: zhuanbao", "layout: mine"), encoding="utf-8")
    Image.new("RGB", (300, 200), "red").save(content_copy / "13" / "p.png")
    _add_to_article(content_copy, markdown)
    proc = run_cli("render", "13", "--content", str(content_copy), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "mine.yaml" in proc.stderr and words in proc.stderr, proc.stderr
    if words.startswith("pictures."):  # checked whether pictures float or keep their place
        (tmp_path / "layouts" / "mine.yaml").write_text(text.replace("  float: true ", "  float: false ", 1), encoding="utf-8")
        proc = run_cli("render", "13", "--content", str(content_copy), "--out", str(tmp_path / "out"), cwd=tmp_path)
        assert proc.returncode == 1 and words in proc.stderr, proc.stderr


def test_a_table_survives_the_round_trip_through_our_docx(content_copy, tmp_path):
    """render → DOCX → import: the table comes back as the same Markdown table;
    the 领导批示 box and the 版记 (tables too) are not taken for data."""
    small = ROWS[:3]
    md = "\n".join(["| 区市 | 注册用户 | 活跃率 | 备注 |", "|---|---|---|---|"] + [f"| {' | '.join(r)} |" for r in small])
    _add_to_article(content_copy, md + "\n\n")
    _, docx, _ = _render(content_copy, tmp_path / "out", "docx")
    (content_copy / "14").mkdir()
    (content_copy / "14" / "issue.yaml").write_text("number: 14\ndate: 2022-10-13\n", encoding="utf-8")
    proc = run_cli("import", str(docx), "--issue", "14", "--section", "工作动态", "--content", str(content_copy))
    assert proc.returncode == 0, proc.stderr
    arts = sorted((content_copy / "14").glob("*.md"))
    texts = [a.read_text(encoding="utf-8") for a in arts]
    with_table = [t for t in texts if "|---|" in t]
    assert len(with_table) == 1 and sum(t.count("\n|---|") for t in texts) == 1
    assert md in with_table[0]
    assert not any("领导批示" in t for t in texts)
