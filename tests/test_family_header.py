"""Family header (family.md): a masthead of any length, marks above it.

Engine rules on the layout's frames (fast, exact): every masthead glyph
inside the type area, none on top of another, the name centred; marks where
family.md puts them and nothing overlapping the masthead.
"""

from __future__ import annotations

import dataclasses

import pytest

from conftest import CONTENT
from zhuanbao.layout.boxes import Page, TextBox
from zhuanbao.layout.flow import Typesetter
from zhuanbao.layout.pages import front_page
from zhuanbao.render import prepare

NAMES = "文明实践工作简报信息专报增刊动态"


@pytest.fixture(scope="module")
def base():
    r = prepare(CONTENT, "13")
    from zhuanbao.layout.boxes import Grid

    ts = Typesetter(r.layout, r.fonts, Grid.from_layout(r.layout), [])
    return r, ts


def _front(r, ts, **changes) -> Page:
    page = Page(1)
    front_page(dataclasses.replace(r.document, **changes), ts, page)
    return page


def _boxes(page: Page, kind: str) -> list[TextBox]:
    return [i for i in page.items if isinstance(i, TextBox) and i.kind == kind]


def _extent(box: TextBox, g) -> tuple[float, float]:
    x0 = box.x + g.x
    return x0, x0 + g.face.advance(g.ch) * g.size * g.hscale


@pytest.mark.parametrize("n", range(4, 13))
def test_masthead_of_n_characters_fits_one_row_apart_and_centred(base, n):
    r, ts = base
    grid = ts.grid
    name = NAMES[:n]
    rows = _boxes(_front(r, ts, masthead=name), "masthead")
    assert len(rows) == 1
    box = rows[0]
    assert "".join(g.ch for g in box.glyphs) == name
    spans = [_extent(box, g) for g in box.glyphs]
    assert spans[0][0] >= grid.left - 0.01 and spans[-1][1] <= grid.right + 0.01
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        assert a1 <= b0 + 0.01, f"{name}: glyphs overlap"
    left, right = spans[0][0] - grid.left, grid.right - spans[-1][1]
    size = box.glyphs[0].size
    if n <= 6:
        assert size == pytest.approx(70.0)  # the layout's size where it fits
        # where it fits the masthead prints as it always did: 2.8 pt (the
        # tracking, 1 mm) right of centre, kept so issue 13 is byte for byte the same
        assert left - right == pytest.approx(0.04 * 70, abs=0.01)
    else:
        assert abs(left - right) < 0.01, f"{name}: not centred ({left:.2f} vs {right:.2f})"
        assert right < 0.01  # narrowed only as far as the type width needs
        hscale = box.glyphs[0].hscale
        assert {g.hscale for g in box.glyphs} == {hscale}
        if n <= 8:  # condensed (a 长体) at the layout's size: the masthead keeps its height
            assert size == pytest.approx(70.0) and 0.7 < hscale < 1.0
        else:  # condensed as far as the layout allows, then smaller
            assert hscale == pytest.approx(0.7) and size < 70.0
        # size and tracking together, narrowed by the same scale
        assert box.glyphs[1].x - box.glyphs[0].x == pytest.approx(size * 1.04 * hscale)


def test_masthead_longer_than_the_layouts_row_breaks_onto_two_centred_rows(base):
    r, ts = base
    rows = _boxes(_front(r, ts, masthead=NAMES[:14]), "masthead")
    assert ["".join(g.ch for g in b.glyphs) for b in rows] == [NAMES[:7], NAMES[7:14]]
    assert rows[1].baseline - rows[0].baseline >= rows[0].glyphs[0].size
    number = _boxes(_front(r, ts, masthead=NAMES[:14]), "number")[0]
    plain = _boxes(_front(r, ts), "number")[0]
    assert number.baseline - plain.baseline == pytest.approx(rows[1].baseline - rows[0].baseline)


def test_marks_above_the_masthead_without_touching_it(base):
    r, ts = base
    grid = ts.grid
    page = _front(r, ts, marks=("秘密★1年", "内部资料 注意保存"), copy_number="000001", over_masthead="中共青岛市委宣传部")
    marks = _boxes(page, "mark")
    assert ["".join(g.ch for g in b.glyphs) for b in marks] == ["秘密★1年", "内部资料 注意保存"]
    assert all(b.x + b.glyphs[0].x == pytest.approx(grid.left) for b in marks)  # flush left
    assert marks[0].baseline < marks[1].baseline
    assert marks[0].glyphs[0].face.spec.docx_name == "黑体" and marks[0].glyphs[0].size == 16
    cn = _boxes(page, "copy-number")[0]
    assert "".join(g.ch for g in cn.glyphs) == "000001" and cn.baseline == marks[0].baseline
    last = cn.glyphs[-1]
    assert cn.x + last.x + last.face.advance(last.ch) * last.size == pytest.approx(grid.right, abs=0.05)
    om = _boxes(page, "over-masthead")[0]
    assert om.glyphs[0].color.lower() == r.layout.color("red").lower()
    mast = _boxes(page, "masthead")[0]
    face = mast.glyphs[0].face
    mast_top = mast.baseline - face.ascent * mast.glyphs[0].size
    assert om.baseline < mast_top and om.baseline > marks[1].baseline
    plain = _boxes(_front(r, ts), "masthead")[0]
    assert mast.baseline - plain.baseline == pytest.approx(3 * 28)  # three lines × the layout's pitch


def test_issue13_header_is_where_it_always_was(base):
    """No family key: the header's glyph positions are the ones issue 13 always had."""
    r, ts = base
    page = _front(r, ts)
    assert not _boxes(page, "mark") and not _boxes(page, "copy-number")
    mast = _boxes(page, "masthead")[0]
    assert mast.baseline == pytest.approx(ts.grid.top + 64)
    assert [round(mast.x + g.x, 3) for g in mast.glyphs] == [
        round(ts.grid.left + (ts.grid.width - 6 * 72.8) / 2 + 2.8 + k * 72.8, 3) for k in range(6)
    ]


def _frame_digest(pages) -> tuple[str, int]:
    """The header, 版记, rules and page numbers of a laid-out issue, as text."""
    import hashlib

    from zhuanbao.layout.boxes import RuleBox

    rows = []
    for p in pages:
        for i in p.items:
            if isinstance(i, TextBox) and (
                i.kind.startswith("banji") or i.kind in ("masthead", "number", "publisher_line", "date", "page-number")
            ):
                rows.append((p.number, i.kind, round(i.baseline, 3), tuple((g.ch, round(i.x + g.x, 3), g.size) for g in i.glyphs)))
            elif isinstance(i, RuleBox):
                rows.append((p.number, "rule", round(i.y, 3), round(i.x0, 3), round(i.x1, 3), round(i.thickness, 3)))
    return hashlib.sha256(repr(rows).encode()).hexdigest(), len(rows)


def test_issue13_header_and_banji_glyphs_are_those_before_the_family_keys(base):
    """Issue 13 uses no family key: its header, 版记, rules and page numbers
    sit glyph for glyph where they did before this work. The digest was taken
    from commit adbe3ee (the branch point) with this same function; a change
    that moves any of them for content without the new keys fails here.
    Issue 7 moved the 版记 from page 12 (alone) to the foot of page 11,
    glyph for glyph as before, and left 11 page numbers: the digest below is
    adbe3ee's with those two changes (checked row by row)."""
    r, _ts = base
    assert _frame_digest(r.pages) == ("1b614bce916f85bce35949e0ab668f55350ee7aacbe10e3dfceb3b02fa61b27e", 28)


def test_a_masthead_may_not_be_condensed_out_of_shape(base, tmp_path):
    """`header.masthead.min_hscale` outside 0.5–1 (0 would narrow a long name
    to nothing, and Word's w:w takes 1–600 %) gets one message naming the key."""
    from zhuanbao.errors import ContentError
    from zhuanbao.layout.boxes import Grid
    from zhuanbao.layoutfile import load_layout

    r, _ = base
    text = r.layout.path.read_text(encoding="utf-8").replace("min_hscale: 0.7", "min_hscale: 0")
    text = text.replace("../fonts/", str(r.layout.path.parent.parent / "fonts") + "/")
    (tmp_path / "bad-hscale.yaml").write_text(text, encoding="utf-8")
    layout = load_layout(tmp_path / "bad-hscale.yaml")
    bts = Typesetter(layout, r.fonts, Grid.from_layout(layout), [])
    with pytest.raises(ContentError, match="min_hscale"):
        _front(r, bts, masthead=NAMES[:8])
