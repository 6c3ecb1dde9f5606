"""Issue 13 rendered to PDF, read back as an independent checker would.

The expected text comes straight from the content files (a few lines of
YAML and paragraph splitting here), not from zhuanbao's loader, so a loader
bug cannot hide itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import pdfread
from conftest import CONTENT, ROOT, run_cli

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP = 28 * MM, 37 * MM
WIDTH, HEIGHT = 156 * MM, 225 * MM
RIGHT = LEFT + WIDTH
TYPE_TOP_Y = PAGE_H - TOP  # PDF y of the type area's top edge
TYPE_BOTTOM_Y = PAGE_H - TOP - HEIGHT
PITCH = HEIGHT / 22
CELL = WIDTH / 28
CLOSING = set("，。、；：？！）》」』】〕”’…—·")
OPENING = set("（《「『【〔“‘")


def articles() -> list[dict]:
    out = []
    for path in sorted((CONTENT / "13").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        paras = [p.strip().replace("**", "") for p in body.split("\n\n") if p.strip()]
        out.append(
            {
                "section": meta["section"],
                "title_lines": [t.strip() for t in str(meta["title"]).splitlines() if t.strip()],
                "source": meta.get("source"),
                "paras": paras,
            }
        )
    return out


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def chars(issue13_pdf):
    return pdfread.chars(issue13_pdf)


@pytest.fixture(scope="module")
def body_text(chars) -> str:
    """Text inside the type area of pages 2 on (no page numbers)."""
    return squash("".join(c.ch for c in chars if c.page > 1 and c.origin_y > TYPE_BOTTOM_Y - 1))


def test_a4_and_page_count(issue13_pdf):
    n = pdfread.page_count(issue13_pdf)
    assert 8 <= n <= 14, n
    for p in range(n):
        w, h = pdfread.page_size(issue13_pdf, p)
        assert abs(w - PAGE_W) < 0.5 and abs(h - PAGE_H) < 0.5


def banji_text() -> str:
    pub = yaml.safe_load((CONTENT / "publication.yaml").read_text(encoding="utf-8"))
    iss = yaml.safe_load((CONTENT / "13" / "issue.yaml").read_text(encoding="utf-8"))
    staff = {**pub["staff"], **iss["staff"]}
    text = "".join(f"{k}：" + "，".join(v) for k, v in pub["distribution"].items())
    return text + "".join(f"{k}：{v}" for k, v in staff.items())


def test_body_is_exactly_the_content_once_in_order(body_text):
    """Pages 2… hold the articles and the 版记, every character once, in order."""
    want = []
    section = None
    for art in articles():
        if art["section"] != section:
            section = art["section"]
            want.append(f"〔{section}〕")
        if art["section"] != "简讯":
            want.append("".join(art["title_lines"]))
        else:
            want.append("".join(art["title_lines"]) + "。")
        want += art["paras"]
        if art["source"]:
            want.append(f"（{art['source']}）")
    want.append(banji_text())
    assert body_text == squash("".join(want))


def test_runin_title_starts_its_paragraph(body_text):
    art = next(a for a in articles() if a["section"] == "简讯")
    title = "".join(art["title_lines"])
    assert squash(title + "。" + art["paras"][0]) in body_text


def test_page_one_header_and_toc(chars):
    p1 = squash("".join(c.ch for c in chars if c.page == 1))
    pub = yaml.safe_load((CONTENT / "publication.yaml").read_text(encoding="utf-8"))
    assert p1.startswith(pub["masthead"] + "第13期" + pub["publisher"] + "2022年9月29日领导批示")
    pos = 0
    for art in articles():
        for line in art["title_lines"]:
            at = p1.find(squash(line), pos)
            assert at >= 0, line
            pos = at
    assert "〔简讯〕" in p1 and "〔工作动态〕" in p1


def test_banji_text_and_order(chars):
    last = max(c.page for c in chars)
    text = squash("".join(c.ch for c in chars if c.page == last and c.size == 14))
    assert text == squash(banji_text()) + f"—{last}—"


def test_no_notdef_and_fonts_embedded(issue13_pdf, chars):
    assert all(c.ch not in "\ufffd\x00" for c in chars)
    raw = issue13_pdf.read_bytes()
    base_fonts = set(re.findall(rb"/BaseFont /([^\s/]+)", raw))
    assert base_fonts, "no fonts"
    # every font is a subset (tag+name) with an embedded TrueType program
    assert all(re.fullmatch(rb"[A-Z]{6}\+.+", f) for f in base_fonts), base_fonts
    assert raw.count(b"/FontFile2") == len(base_fonts)


def test_body_on_grid_inside_type_area(chars):
    body = [c for c in chars if c.page > 1 and c.size == 16 and c.origin_y > TYPE_BOTTOM_Y - 1]
    assert len(body) > 4000
    assert pdfread.outside_measure(body, LEFT, RIGHT, CELL) == []
    for c in body:
        assert TYPE_BOTTOM_Y <= c.y0 and c.y1 <= TYPE_TOP_Y, c
    # every baseline sits the same distance below a grid line, on every page:
    # consecutive baselines are whole multiples of the pitch apart
    offsets = {round((TYPE_TOP_Y - c.origin_y) % PITCH, 2) for c in body}
    assert len(offsets) == 1, offsets
    assert 0 < offsets.pop() < PITCH
    for page in {c.page for c in body}:
        baselines = sorted({c.origin_y for c in body if c.page == page}, reverse=True)
        assert TYPE_TOP_Y - baselines[0] < PITCH * 22
        for a, b in zip(baselines, baselines[1:]):
            steps = (a - b) / PITCH
            assert abs(steps - round(steps)) < 0.01 and round(steps) >= 1, (page, a, b)


def _body_lines(chars):
    body = [
        c
        for c in chars
        if c.page > 1 and c.size == 16 and c.origin_y > TYPE_BOTTOM_Y - 1 and "Kai" not in c.font
    ]
    return pdfread.lines_of(body)


def test_kinsoku_no_line_starts_with_closing_or_ends_with_opening(chars):
    inside = [c for c in chars if not c.ch.isspace() and c.origin_y > TYPE_BOTTOM_Y - 1]
    for line in pdfread.lines_of(inside):
        s = "".join(c.ch for c in line)
        assert s[0] not in CLOSING, s
        assert s[-1] not in OPENING, s


def test_justified_lines_flush_and_28_per_line(chars):
    lines = _body_lines(chars)
    # a line ends flush at the right edge, or hangs a ，。、 just past it
    full = [ln for ln in lines if ln[-1].x1 > RIGHT - 0.5]
    assert len(full) > 150
    for ln in full:
        last = ln[-1]
        # a closing mark that ends the line may give up some of its blank half
        squeezed_end = last.ch in pdfread.INK_LEFT and RIGHT - CELL - 0.5 <= last.x0 <= RIGHT - CELL / 2 + 0.5
        assert abs(last.x1 - RIGHT) <= 0.5 or squeezed_end or pdfread.hung(ln, RIGHT), "".join(c.ch for c in ln)
    hung = sum(1 for ln in full if pdfread.hung(ln, RIGHT))
    layout = yaml.safe_load((ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8"))
    if layout["typesetting"]["hanging_punctuation"] is True:
        assert hung >= 5
    elif layout["typesetting"]["hanging_punctuation"] == "last_resort":
        # a mark hangs only where no squeeze spares a letter-spaced line: none
        # in issue 13 (test_layout_text holds the rule)
        assert hung <= 2
    else:  # hanging off: every line ends flush (format.md), as the DOCX's do
        assert hung == 0
    # lines that stop short are last lines: the next body line is indented
    # two characters (a new paragraph) or not body text at all.
    for k, ln in enumerate(lines[:-1]):
        if ln[-1].x1 < RIGHT - 0.5 and ln[0].font == lines[k + 1][0].font:
            nxt = lines[k + 1]
            new_para = abs(nxt[0].x0 - (LEFT + 2 * CELL)) < 1.5
            source = "".join(c.ch for c in nxt).startswith("（")
            assert new_para or source or nxt[0].page != ln[0].page, "".join(c.ch for c in ln)
    # where nothing forces otherwise (no Latin run, no compressed mark), a
    # full line holds 28 characters, or 26 after the paragraph indent
    plain = [
        ln
        for ln in full
        if all(c.x1 - c.x0 > 15 for c in ln) and all(b.x0 - a.x0 > CELL - 0.1 for a, b in zip(ln, ln[1:]))
    ]
    assert len(plain) > 30
    for ln in plain:
        n = len(ln) + (2 if ln[0].x0 > LEFT + CELL else 0) - (1 if pdfread.hung(ln, RIGHT) else 0)
        nxt = "".join(c.ch for c in lines[lines.index(ln) + 1])
        # 27 only where forced: a closing mark would start the next line, an
        # opening mark would end this one, or a Latin/digit run does not fit
        forced = nxt[1:2] in CLOSING or nxt[0] in OPENING or nxt[0].isascii()
        # …or the editor typed a space, which takes less than a cell
        forced = forced or any(b.x0 - a.x0 > CELL * 1.25 for a, b in zip(ln, ln[1:]))
        # …or the paragraph's last line would be one character and its stop
        runt = len(nxt) <= 4 and nxt[-1] in CLOSING and n >= 26
        # a number and its measure word (2000亩) that the squeeze cannot take in can leave two
        wide_run = n == 26 and nxt[0].isascii()
        assert n == 28 or (n == 27 and forced) or wide_run or runt, "".join(c.ch for c in ln)


def test_masthead_largest_red_text_with_red_rule(issue13_pdf, chars):
    p1 = [c for c in chars if c.page == 1 and not c.ch.isspace()]
    biggest = max(c.size for c in p1)
    mast = [c for c in p1 if c.size == biggest]
    assert "".join(c.ch for c in mast) == "宣传信息专报"
    assert all(c.color[0] > 200 and c.color[1] < 60 and c.color[2] < 80 for c in mast)
    assert biggest >= 22 * MM * 0.9  # house practice: characters 22 mm tall or more
    rules = [p for p in pdfread.paths(issue13_pdf) if p.page == 1 and p.stroke[0] > 200 and p.stroke[1] < 60]
    assert rules and all(r.y1 < mast[0].y0 for r in rules)
    assert max(r.x1 - r.x0 for r in rules) > WIDTH - 2


def test_page_numbers_form_and_side(chars, issue13_pdf):
    n = pdfread.page_count(issue13_pdf)
    for page in range(1, n + 1):
        below = [c for c in chars if c.page == page and c.origin_y < TYPE_BOTTOM_Y - 5 and not c.ch.isspace()]
        assert "".join(c.ch for c in below) == f"—{page}—"
        top_of_dash = max(c.y1 for c in below if c.ch == "—")
        assert TYPE_BOTTOM_Y - 7 * MM - 14 < top_of_dash < TYPE_BOTTOM_Y - 7 * MM + 14
        if page % 2:
            assert abs(below[-1].x1 - (RIGHT - 14)) < 1.5
        else:
            assert abs(below[0].x0 - (LEFT + 14)) < 1.5


def test_banji_rule_on_bottom_edge_of_last_page(issue13_pdf):
    n = pdfread.page_count(issue13_pdf)
    rules = [p for p in pdfread.paths(issue13_pdf) if p.page == n and p.x1 - p.x0 > WIDTH - 2]
    assert len(rules) >= 3
    lowest = min(rules, key=lambda r: r.y0)
    centre = (lowest.y0 + lowest.y1) / 2
    assert abs(centre - lowest.width / 2 - TYPE_BOTTOM_Y) < 0.3


def test_metadata_and_bookmarks(issue13_pdf):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(issue13_pdf))
    meta = pdf.get_metadata_dict()
    assert meta["Title"] == "宣传信息专报 第13期"
    assert meta["Author"] == "中共青岛市委宣传部"
    marks = [b.get_title() for b in pdf.get_toc()]
    assert marks == ["".join(a["title_lines"]) for a in articles()]


def test_same_input_same_bytes(issue13_pdf, tmp_path):
    """Twice the same bytes, whether fonts come parsed afresh or from the cache."""
    for k, env in enumerate(({}, {"ZHUANBAO_NO_FONT_CACHE": "1"}, {"XDG_CACHE_HOME": str(tmp_path / "cache")})):
        out = tmp_path / str(k)
        proc = run_cli("render", "13", "--format", "pdf", "--out", str(out), env=env)
        assert proc.returncode == 0, proc.stderr
        assert (out / "13" / "宣传信息专报第13期.pdf").read_bytes() == issue13_pdf.read_bytes()
    assert list((tmp_path / "cache" / "zhuanbao" / "fonts").glob("*.pickle"))


def test_render_from_elsewhere_with_installed_layout(tmp_path):
    """A content folder anywhere renders with the default layout and fonts."""
    import shutil

    shutil.copytree(CONTENT, tmp_path / "content")
    proc = run_cli("render", "13", "--format", "pdf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "13" / "宣传信息专报第13期.pdf").is_file()
    assert Path(proc.stdout.strip()) == Path("out/13/宣传信息专报第13期.pdf")


def test_keep_rules_no_orphans_widows_or_stranded_titles(chars):
    """No title at a page's foot, no paragraph's first line alone at a foot,
    no paragraph's last line alone at a head."""
    inside = [c for c in chars if c.page > 1 and c.origin_y > TYPE_BOTTOM_Y - 1 and c.size in (16, 22)]
    lines = pdfread.lines_of([c for c in inside if not c.ch.isspace()])
    by_page: dict[int, list] = {}
    for ln in lines:
        by_page.setdefault(ln[0].page, []).append(ln)
    indent_x = LEFT + 2 * CELL

    def starts_paragraph(ln) -> bool:
        return abs(ln[0].x0 - indent_x) < 1.5

    def is_body(ln) -> bool:
        if ln[0].size != 16 or "Kai" in ln[0].font or ln[0].ch == "〔":  # not a title, source or label
            return False
        return abs(ln[0].x0 - LEFT) < 1.5 or starts_paragraph(ln)

    pages = sorted(by_page)
    for k, page in enumerate(pages[:-1]):
        here, there = by_page[page], by_page[pages[k + 1]]
        last, first = here[-1], there[0]
        assert last[0].size != 22, "a title stands at the foot of page %d" % page
        if is_body(last) and starts_paragraph(last):
            # the first line of a paragraph at the foot: allowed only when the
            # paragraph is a single line (the next page starts a new one)
            assert not is_body(first) or starts_paragraph(first), f"orphan at the foot of page {page}"
        if is_body(first) and not starts_paragraph(first):
            second = there[1] if len(there) > 1 else None
            assert second is not None and is_body(second) and not starts_paragraph(second), (
                f"widow at the head of page {pages[k + 1]}: " + "".join(c.ch for c in first)
            )


def test_no_paragraph_ends_on_one_character(chars):
    """孤字: a last line of one character and its stop (or the marks that
    close it: 去。”) is pulled together with a character from the line before."""
    for ln in _body_lines(chars):
        s = "".join(c.ch for c in ln if not c.ch.isspace())
        assert not (len(s) >= 2 and all(c in CLOSING for c in s[1:])), s


def test_the_files_dates_are_the_issues(issue13_pdf):
    """CreationDate and ModDate are the issue's date (content/13/issue.yaml:
    2022-09-29), as the OFD's is, not the clock's (the bytes would change at
    each render) nor reportlab's invariant 2000-01-01, which archives and
    电子公文 systems read as the document's date."""
    import pypdfium2

    meta = pypdfium2.PdfDocument(str(issue13_pdf)).get_metadata_dict()
    assert meta["CreationDate"] == meta["ModDate"] == "D:20220929", meta
