"""The bulletin family (../shared/spec/family.md) on the PDF, read back as an
independent checker would: examples/jianbao rendered in its own layout
(jianbao) and in the default one (zhuanbao).

Expected text comes from the example's files, read here with plain YAML.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
import yaml

import pdfread
from conftest import ROOT, run_cli

EXAMPLE = ROOT / "examples" / "jianbao" / "content"
MM = 72 / 25.4
PAGE_H = 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
WIDTH, HEIGHT = 156 * MM, 225 * MM
RIGHT = LEFT + WIDTH
TYPE_TOP_Y = PAGE_H - TOP
PITCH = HEIGHT / 22
CELL = WIDTH / 28
CLOSING = set("，。、；：？！）》」』】〕”’…—·")
OPENING = set("（《「『【〔“‘")
LAYOUTS = ("jianbao", "zhuanbao")


def _render(tmp: Path, layout: str, folder: str, *extra: str) -> Path:
    content = tmp / "content"
    if not content.exists():
        shutil.copytree(EXAMPLE, content)
        pub = content / "publication.yaml"
        pub.write_text(pub.read_text(encoding="utf-8").replace("layout: jianbao", f"layout: {layout}"), encoding="utf-8")
    out = tmp / "out"
    proc = run_cli("render", folder, "--content", str(content), "--out", str(out), *extra)
    assert proc.returncode == 0, proc.stderr
    return out / folder


@pytest.fixture(scope="module", params=LAYOUTS)
def rendered(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    five = _render(tmp, request.param, "5")
    zk = _render(tmp, request.param, "zk1")
    return {
        "layout": request.param,
        "pdf5": five / "文明实践工作简报第5期.pdf",
        "docx5": five / "文明实践工作简报第5期.docx",
        "pdfzk": zk / "文明实践工作简报增刊第1期.pdf",
        "docxzk": zk / "文明实践工作简报增刊第1期.docx",
        "chars5": pdfread.chars(five / "文明实践工作简报第5期.pdf"),
        "charszk": pdfread.chars(zk / "文明实践工作简报增刊第1期.pdf"),
    }


def _lines(cs):
    return [("".join(c.ch for c in row), row) for row in pdfread.lines_of(cs)]


def _find(cs, text: str):
    hits = [(t, row) for t, row in _lines(cs) if text in t.replace(" ", "")]
    assert hits, f"{text!r} not found"
    return hits[0][1]


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _article(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    paras = [re.sub(r"^#+\s*", "", p.strip()).replace("**", "") for p in body.split("\n\n") if p.strip()]
    return {"meta": meta, "paras": paras}


def test_every_character_prints_and_no_line_breaks_a_rule(rendered):
    for key, folder in (("chars5", "5"), ("charszk", "zk1")):
        # the text as it runs on, without the page numbers between pages
        text = _squash("".join(c.ch for c in rendered[key] if not c.font.startswith("FandolSong")))
        for md in sorted((EXAMPLE / folder).glob("*.md")):
            art = _article(md)
            for para in art["paras"]:
                assert _squash(para) in text, f"{md.name}: {para[:20]} lost"
            if art["meta"].get("note"):
                assert _squash(art["meta"]["note"]) in text
        for t, row in _lines([c for c in rendered[key] if not c.font.startswith("FandolSong")]):
            assert t[0] not in CLOSING, f"line starts with a closing mark: {t}"
            assert t[-1] not in OPENING, f"line ends with an opening mark: {t}"


def test_marks_flush_left_above_the_masthead_and_the_copy_number_flush_right(rendered):
    cs = [c for c in rendered["chars5"] if c.page == 1]
    mark = _find(cs, "内部资料")
    assert mark[0].font.startswith("NotoSansCJK") and round(mark[0].size) == 16
    assert mark[0].x0 == pytest.approx(LEFT, abs=0.5)
    number = _find(cs, "000001")
    assert number[-1].x1 == pytest.approx(RIGHT, abs=0.5)
    assert number[0].origin_y == pytest.approx(mark[0].origin_y, abs=0.1)
    mast = _find(cs, "文明实践工作简报")
    assert mast[0].font.startswith("NotoSerifCJK")
    assert max(c.y1 for c in mast) < min(c.y0 for c in mark) - 1  # below the mark, not on it
    assert mast[0].x0 >= LEFT - 0.5 and mast[-1].x1 <= RIGHT + 0.5
    assert abs((mast[0].x0 - LEFT) - (RIGHT - mast[-1].x1)) < 4  # centred
    for a, b in zip(mast, mast[1:]):
        assert a.x1 <= b.x0 + 0.5
    # eight characters are wider than the type width at the layout's size: condensed
    # (a 长体), they keep its height, full size, the ink narrower than it is tall
    size = {"jianbao": 64, "zhuanbao": 70}[rendered["layout"]]
    assert {round(c.size) for c in mast} == {size}
    assert all(c.x1 - c.x0 < 0.9 * (c.y1 - c.y0) for c in mast if c.ch in "文工")


def test_number_line_carries_the_total_and_the_series(rendered):
    assert "第5期（总第48期）" in _squash("".join(c.ch for c in rendered["chars5"] if c.page == 1))
    assert "增刊第1期" in _squash("".join(c.ch for c in rendered["charszk"] if c.page == 1))


def test_secrecy_above_the_mark_and_the_over_masthead_line_red_and_centred(rendered):
    cs = [c for c in rendered["charszk"] if c.page == 1]
    secrecy, mark = _find(cs, "秘密★1年"), _find(cs, "内部资料")
    assert secrecy[0].origin_y > mark[0].origin_y and secrecy[0].x0 == pytest.approx(LEFT, abs=0.5)
    over = _find(cs, "全区新时代文明实践工作现场观摩会")
    assert over[0].font.startswith("NotoSerifCJK") and round(over[0].size) == 16
    assert over[0].color[0] > 200 and over[0].color[1] < 60  # red
    assert abs((over[0].x0 - LEFT) - (RIGHT - over[-1].x1)) < 1
    mast = _find(cs, "文明实践工作简报")
    assert mark[0].origin_y > over[0].origin_y > max(c.y1 for c in mast)


def _on_grid(row) -> float:
    """A line's baseline offset inside its grid line (the same for every body line)."""
    return round((TYPE_TOP_Y - row[0].origin_y) % PITCH, 1)


def _stroked(pdf: Path) -> str:
    """Text drawn with fill and stroke (render mode 2): the fake bold."""
    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for page in doc:
        tp = page.get_textpage()
        for obj in page.get_objects():
            if obj.type == raw.FPDF_PAGEOBJ_TEXT and raw.FPDFTextObj_GetTextRenderMode(obj) == 2:
                n = raw.FPDFTextObj_GetText(obj, tp, None, 0)
                buf = (ctypes.c_ushort * n)()
                raw.FPDFTextObj_GetText(obj, tp, buf, n)
                out.append(bytes(buf).decode("utf-16-le").rstrip("\x00"))
    return "".join(out)


def test_heading_levels_fonts_indent_and_grid(rendered):
    cs = rendered["chars5"]
    body = _find(cs, "全区组建")
    for text, font in (("一、聚焦宣传群众", "NotoSansCJK"), ("（一）建强理论宣讲队伍", "GBZenKai"), ("线上课堂", "FandolFang")):
        row = _find(cs, text)
        han = [c for c in row if not c.ch.isascii()]
        assert han[0].font.startswith(font), (text, han[0].font)
        assert round(han[0].size) == 16
        assert row[0].x0 == pytest.approx(LEFT + 2 * CELL, abs=0.6), text
        assert _on_grid(row) == _on_grid(body), text
    stroked = _squash(_stroked(rendered["pdf5"]))
    assert "1.线上课堂" in stroked and "2.线下课堂" in stroked
    assert "聚焦" not in stroked and "全区组建" not in stroked  # only the #### level


def test_editor_note_label_text_and_frame(rendered):
    cs = rendered["chars5"]
    row = _find(cs, "编者按：今年是")
    label = row[:4]
    assert "".join(c.ch for c in label) == "编者按：" and all(c.font.startswith("NotoSansCJK") for c in label[:3])
    assert row[5].font.startswith("GBZenKai") and round(row[5].size) == 16
    page = row[0].page
    note_rows = [r for t, r in _lines([c for c in cs if c.page == page]) if r[0].font.startswith("GBZenKai") or "编者按" in "".join(c.ch for c in r)]
    top = max(c.y1 for r in note_rows[:1] for c in r)
    paths = [p for p in pdfread.paths(rendered["pdf5"]) if p.page == page]
    if rendered["layout"] == "jianbao":  # a box around the note
        frames = [p for p in paths if p.y1 - p.y0 > PITCH and p.x0 == pytest.approx(LEFT, abs=1) and p.x1 == pytest.approx(RIGHT, abs=1)]
        assert frames and frames[0].y1 >= top
        pad = 0.5 * 16
        assert row[0].x0 == pytest.approx(LEFT + pad + 2 * CELL, abs=0.6)
    else:  # 0.25 mm rules above and below, type width
        rules = [p for p in paths if p.y1 - p.y0 < 2 and p.width == pytest.approx(0.25 * MM, abs=0.01)]
        assert len(rules) >= 2
        assert all(p.x0 == pytest.approx(LEFT, abs=1) and p.x1 == pytest.approx(RIGHT, abs=1) for p in rules)
        above = [p for p in rules if p.y0 >= top]
        assert above, "no rule above the note"
        assert row[0].x0 == pytest.approx(LEFT + 2 * CELL, abs=0.6)
    assert _on_grid(row) == _on_grid(_find(cs, "全区组建"))


def test_issue_note_under_the_toc_before_the_first_article(rendered):
    cs = rendered["chars5"]
    text = _squash("".join(c.ch for c in cs))
    note = _squash(yaml.safe_load((EXAMPLE / "5" / "issue.yaml").read_text(encoding="utf-8"))["note"])
    title = "全区新时代文明实践中心建设工作推进会召开"
    assert text.index(note) < text.rindex(title)  # after the 目录 entry, before the article
    row = _find(cs, "编者按：新时代")
    toc_last = _find(cs, "开展“文明交通我先行”活动")  # the 目录's last line
    assert row[0].page == toc_last[0].page == 1 and row[0].origin_y < toc_last[0].origin_y
    assert _on_grid(row) == _on_grid(_find(cs, "全区组建"))  # on the body's grid
    doc = zipfile.ZipFile(rendered["docx5"]).read("word/document.xml").decode()
    note_at, brk = doc.index("新时代文明实践中心建设是"), doc.find("pageBreakBefore")
    assert brk == -1 or note_at < brk  # the DOCX keeps it on page 1 too


def test_single_article_issue_has_no_toc_and_follows_the_header(rendered):
    cs = rendered["charszk"]
    text = _squash("".join(c.ch for c in cs))
    # no 目录 entry: the title follows the header (and the 领导批示 box where the layout has one)
    assert re.search("2023年7月5日(领导批示)?全区新时代文明实践工作现场观摩会召开7月4日", text)
    assert "〔工作动态〕" not in text
    assert _find(cs, "现场观摩会召开")[0].page == 1


def test_banji_additions(rendered):
    cs = rendered["chars5"]
    last = max(c.page for c in cs)
    cs = [c for c in cs if c.page == last]
    extra = _find(cs, "本期增发：区委办公室，区政府办公室")
    send = _find(cs, "发：各街道")
    assert extra[0].font == send[0].font and round(extra[0].size) == round(send[0].size) == 14
    copies = _find(cs, "（共印150份）")
    inset = 14  # 1 em of the 版记's 14 pt, from the right edge
    assert copies[-1].x1 == pytest.approx(RIGHT - inset, abs=0.6)
    printed = _find(cs, "中共某区委精神文明建设办公室秘书科")
    assert printed[0].x0 == pytest.approx(LEFT + inset, abs=0.6)
    assert "".join(c.ch for c in printed).replace(" ", "").endswith("2023年6月20日印发")
    assert printed[-1].x1 == pytest.approx(RIGHT - inset, abs=0.6)
    assert printed[0].origin_y < copies[0].origin_y  # the last line
    rules = sorted(
        (p for p in pdfread.paths(rendered["pdf5"]) if p.page == last and p.y1 - p.y0 < 2 and p.x1 - p.x0 > WIDTH - 1),
        key=lambda p: p.y0,
    )
    below = [p for p in rules if p.y1 < printed[0].origin_y]
    above = [p for p in rules if p.y0 > printed[0].origin_y]
    assert below and above  # the 印发 line between its own rules
    assert above[0].y0 < copies[0].origin_y
