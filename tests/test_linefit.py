"""The search's fast measures agree with the plain ones, float for float.

layout/linefit.py weighs a candidate line atoms[s:e] without setting it;
the paragraph search decides on its figures. Here, on random lines full of
adjacent marks, opening marks at line starts, spaces, digits, runs of
another style and marks that may hang, every candidate of a paragraph is
also set plainly (`_pair_compress`, then `_width`, `_residual`, `_squeeze`)
and the two must be equal exactly: a figure off by one rounding could tip a
comparison or a tie, and the search would break the paragraph elsewhere. The
greedy breaker sets the atoms from these figures too (`_take_in`), so the
compression of each atom of each candidate line is compared as well.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhuanbao.fonts import FontBook
from zhuanbao.layout.boxes import Grid
from zhuanbao.layout.flow import Typesetter
from zhuanbao.layout.linefit import LineFit
from zhuanbao.layout.text import EPS, _hangs, _pair_compress, _pair_squeezes, _residual, _squeeze, _width
from zhuanbao.layoutfile import load_layout

ROOT = Path(__file__).resolve().parent.parent
HANG = "，。、"

SETTINGS = settings(
    max_examples=40,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

piece = st.sampled_from(
    ["国", "家", "建", "设", "，", "。", "、", "：", "；", "！", "？", "“", "”", "‘", "’", "（", "）", "《", "》",
     "——", "……", "·", "2023", "GDP", "3.5%", " "]
)
text = st.lists(piece, min_size=1, max_size=40).map("".join)


@pytest.fixture(scope="module")
def ts() -> Typesetter:
    layout = load_layout(ROOT / "layouts" / "zhuanbao.yaml")
    return Typesetter(layout, FontBook(layout), Grid.from_layout(layout), [])


def _plain(atoms, s: int, e: int, hung: bool):
    seg = atoms[s:e]
    _pair_compress(seg)
    if hung:
        seg[-1].hang = True
    return seg


@SETTINGS
@given(parts=st.lists(st.tuples(text, st.sampled_from(["body", "emphasis", "note"])), min_size=1, max_size=3),
       squeeze=st.sampled_from([0.0, 0.1, 0.25, 0.5]), cells=st.sampled_from([3, 5, 8, 28]))
def test_linefit_measures_every_candidate_line_as_setting_it_would(ts, parts, squeeze, cells):
    styles = {"body": ts.run_style("body"), "emphasis": ts.run_style("emphasis"),
              "note": ts.style_of("fang", 10.0, "black")}
    atoms = ts.shaper.atoms([(t, styles[name]) for t, name in parts], None, 28 * styles["body"].cell)
    fit = LineFit(atoms, squeeze, HANG)
    other = LineFit(atoms, 0.5, HANG)  # the last-resort search's fit, derived from another limit's
    other.width(0, len(atoms))
    other = other.squeezing(squeeze)
    cell = styles["body"].cell
    for s in range(len(atoms)):
        for e in range(s + 1, min(len(atoms), s + 45) + 1):
            assert [fit.squeeze(s, e, k) for k in range(s, e)] == _pair_squeezes(atoms[s:e])
            assert fit.hangs(s, e) == _hangs(atoms[s:e], HANG)
            for hung in (False, True) if fit.hangs(s, e) else (False,):
                width = fit.width(s, e, hung)
                assert width == _width(_plain(atoms, s, e, hung)), (s, e, hung)
                for avail in (cells * cell, width, width - 0.5 * cell, width + cell / 2, width - 3.0):
                    assert fit.residual(s, e, avail, hung) == _residual(_plain(atoms, s, e, hung), avail)
                # whether the marks can give `over`: far from and right at the limit of what they have
                room = fit.room(s, e, hung)
                assert other.room(s, e, hung) == room and other.width(s, e, hung) == width
                for over in (3.0, cell / 2, cell, room + EPS - 1e-6, room + EPS + 1e-6):
                    assert fit.squeezable(s, e, over, hung) == _squeeze(_plain(atoms, s, e, hung), over, squeeze)
                    assert other.squeezable(s, e, over, hung) == fit.squeezable(s, e, over, hung)


def test_linefit_reads_a_line_start_that_opens_with_a_mark_pair(ts):
    # “《 at a line start: the opening mark keeps its cell and its partner,
    # also an opening mark, gives nothing; inside a line “ would give half
    rs = ts.run_style("body")
    atoms = ts.shaper.atoms([("甲“《乙》”，丙", rs)], None, 400)
    fit = LineFit(atoms, 0.25, "")
    assert fit.width(1, 8) == _width(_plain(atoms, 1, 8, False)) == pytest.approx(6 * rs.cell)
    assert fit.width(0, 8) == _width(_plain(atoms, 0, 8, False)) == pytest.approx(6.5 * rs.cell)
