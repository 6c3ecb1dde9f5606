"""The table and notes engine on its own frames: exact and fast, no writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from zhuanbao.document import NoteList
from zhuanbao.errors import Where
from zhuanbao.fonts import FontBook
from zhuanbao.layout.boxes import Grid, RuleBox, TextBox, VRuleBox
from zhuanbao.layout.flow import Typesetter
from zhuanbao.layout.footnotes import notes_slots
from zhuanbao.layout.pages import paginate
from zhuanbao.layout.table import TableStyle, column_widths, table_slots
from zhuanbao.layoutfile import load_layout
from zhuanbao.model import Table

WHERE = Where(Path("x.md"), 8)


@pytest.fixture(scope="module")
def ts():
    layout = load_layout(ROOT / "layouts" / "zhuanbao.yaml")
    return Typesetter(layout, FontBook(layout), Grid.from_layout(layout), [])


def _table(rows, header=("区市", "注册用户", "备注")):
    return Table(tuple(header), tuple(tuple(r) for r in rows), ("",) * len(header), WHERE)


def test_columns_fill_the_type_width_and_short_cells_stay_whole(ts):
    t = _table([("市南区", "12.5万", "通过开展学习平台推广使用活动取得阶段性成效" * 3)])
    st = TableStyle.of(ts)
    widths = column_widths(t, ts, st, ts.grid.width)
    assert sum(widths) == pytest.approx(ts.grid.width)
    assert widths[2] > widths[0] and widths[2] > widths[1]
    slots = table_slots(t, ts)
    cells = [b for s in slots for b in s.boxes if isinstance(b, TextBox)]
    header = [b for b in cells if b.kind == "table-header"]
    assert ["".join(g.ch for g in b.glyphs) for b in header] == ["区市", "注册用户", "备注"]  # one line each
    short = [b for b in cells if "".join(g.ch for g in b.glyphs) in ("市南区", "12.5万")]
    assert len(short) == 2


def test_rows_take_whole_grid_lines_and_carry_their_rules(ts):
    t = _table([("甲", "1", "短"), ("乙", "2", "很长的说明文字" * 12)])
    slots = table_slots(t, ts)
    header, *rows = slots
    pitch = ts.grid.line_pitch
    assert header.keep_with_next and header.head is None
    assert all(r.head is header for r in rows)
    assert [r.keep_with_next for r in rows] == [True, False]  # two rows (table.keep_rows: 2): together
    assert [s.lines for s in slots] == [1, 1, rows[1].lines] and rows[1].lines >= 2
    for s in slots:
        hs = [b for b in s.boxes if isinstance(b, RuleBox)]
        vs = [b for b in s.boxes if isinstance(b, VRuleBox)]
        assert sorted(b.y for b in hs) == [0.0, s.lines * pitch]  # its top and bottom rules
        assert len(vs) == 4 and all(b.height == s.lines * pitch for b in vs)
        assert vs[0].x == ts.grid.left and vs[-1].x == ts.grid.right
        for b in s.boxes:
            if isinstance(b, TextBox):
                assert 0 < b.baseline < s.lines * pitch  # inside its row
                assert all(g.size == 14 for g in b.glyphs)


def test_a_row_opening_a_page_brings_the_header(ts):
    t = _table([(f"第{i}行", str(i), "说明") for i in range(40)])
    slots = table_slots(t, ts)
    pages, _ = paginate(slots, ts.grid, None, 0)
    assert len(pages) == 2
    for page in pages:
        texts = ["".join(g.ch for g in b.glyphs) for b in page.items if isinstance(b, TextBox)]
        assert texts[:3] == ["区市", "注册用户", "备注"]
    rows = [t for p in pages for t in ("".join(g.ch for g in b.glyphs) for b in p.items if isinstance(b, TextBox))
            if t.startswith("第")]
    assert rows == [f"第{i}行" for i in range(40)]  # every row once, in order


def test_notes_hang_under_their_mark_one_grid_line_each(ts):
    notes = NoteList((("①", "第一条注释" * 8), ("②", "第二条")), WHERE)
    slots = notes_slots(notes, ts)
    lines = [s.boxes[0] for s in slots]
    assert all(s.lines == 1 for s in slots) and len(lines) == 3
    first, second, third = lines
    mark_x = first.glyphs[0].x
    assert first.glyphs[0].ch == "①" and third.glyphs[0].ch == "②"
    assert mark_x == pytest.approx(2 * 14)  # indent: two characters of 4号
    assert second.glyphs[0].x == pytest.approx(first.glyphs[1].x, abs=0.5)  # hanging under the text, not the mark
    assert all(g.size == 14 for b in lines for g in b.glyphs)


def test_columns_are_balanced_so_that_no_cell_breaks_needlessly(ts):
    """A real office's table (a helper's review): shared in proportion to what
    each column lacked, the names broke 安平丝网产业园二 / 期 and the header
    总投资（万 / 元）, the short numbers' columns kept wide for their headers.
    Balanced, every name is one line, each header breaks at its bracket, and
    no cell ends on a line of one or two characters."""
    names = ["县城北部片区城市更新项目", "安平丝网产业园二期", "滹沱河生态修复工程", "县人民医院新院区建设项目",
             "农村供水保障工程", "新能源汽车零部件项目", "城乡污水处理提标改造工程"]
    t = _table([(str(k), name, str(20000 + 3000 * k), str(5000 + 700 * k), f"{25 + k}.0%") for k, name in enumerate(names, 1)],
               header=("序号", "项目名称", "总投资（万元）", "1—5月完成（万元）", "完成率"))
    st = TableStyle.of(ts)
    widths = column_widths(t, ts, st, ts.grid.width)
    assert sum(widths) == pytest.approx(ts.grid.width)
    edges = 2 * st.padding  # as the cells print (table_slots)
    rs = ts.style_of(st.font, st.size, st.color, 0.0, st.latin or "")
    hs = ts.style_of(st.header_font, st.size, st.color, 0.0, st.latin or "")
    for name in names:
        assert len(ts.set([(name, rs)], widths[1] - edges, align="left")) == 1, name
    assert [ln.text for ln in ts.set([("总投资（万元）", hs)], widths[2] - edges, align="left")] == ["总投资", "（万元）"]
    for row in ((t.header,) + t.rows):
        for c, text in enumerate(row):
            lines = ts.set([(text, hs if row is t.header else rs)], widths[c] - edges, align="left")
            assert len(lines) == 1 or len(lines[-1].text.strip()) > 2, (text, [ln.text for ln in lines])


def test_a_column_of_numbers_is_set_to_the_right_unless_the_editor_says(ts):
    """`table.number_align: right`: a column whose body is numbers (a dash
    for none allowed) without its own :---:; the header keeps header_align,
    text keeps align, and the editor's alignment wins."""
    from zhuanbao.layout.table import cell_aligns

    t = Table(("项目", "投资（万元）", "完成率", "备注"),
              (("甲", "86000", "25.0%", "已开工"), ("乙", "—", "2.4万", "—"), ("合计", "86000", "25.0%", "")),
              ("", "", "center", ""), WHERE)
    aligns = cell_aligns(t, TableStyle.of(ts))
    assert aligns[0] == ["center"] * 4
    assert aligns[1] == ["left", "right", "center", "left"]  # 完成率 centred by the editor's :---:
    assert aligns[2] == ["left", "right", "center", "left"]
    # a 序号 column (small whole numbers) is centred, a column of years or amounts set right
    t = Table(("序号", "年份", "金额"), (("1", "2023", "12"), ("2", "2024", "1300")), ("", "", ""), WHERE)
    assert cell_aligns(t, TableStyle.of(ts))[1] == ["center", "right", "right"]
    # amounts with their units, as a statistics bulletin prints them (162817吨 was set left under
    # a column of percentages set right); a rank (第3位) is no number
    t = Table(("产品", "产量", "增长（%）", "位次"), (("粮食", "162817吨", "0.5", "第3位"), ("生猪", "44383头", "-9.7", "第5位")),
              ("", "", "", ""), WHERE)
    assert cell_aligns(t, TableStyle.of(ts))[1] == ["left", "right", "right", "left"]
    # a name or a phrase that starts with digits is no amount: 12345热线, 3个工作日
    t = Table(("事项", "办理时限", "咨询"), (("甲", "3个工作日", "12345热线"), ("乙", "5个工作日", "110指挥中心")), ("", "", ""), WHERE)
    assert cell_aligns(t, TableStyle.of(ts))[1] == ["left", "left", "left"]


def test_balancing_never_makes_a_table_taller(ts, monkeypatch):
    """The balancer counts lines at the measure the cells print at and rows
    in printed grid lines (a review found a table one line taller: cells
    counted 1 pt narrower than printed); random tables, against the share
    alone."""
    import random

    import zhuanbao.layout.table as tb

    chars = "县城北部片区城市更新项目安平丝网产业园二期滹沱河生态修复工程人民医院新院区建设农村供水保障新能源汽车零部件"
    balanced = tb._fewer_lines
    # the review's table: 5 grid lines shared, 6 when the balancer measured 1 pt narrow
    t = _table([["农区医平丝网件新部二城片件新程人市平程农新", "民医安障", "片程态供安园态汽水新生片目修北更城态区障设项滹农"],
                ["城新生部滹零县北市", "业县安河车工", "汽业期源生平修院北院水河生更沱保丝"]], header=["水北", "人汽", "更农人二"])
    assert sum(s.lines for s in table_slots(t, ts)) == 5
    for seed in range(40):
        rnd = random.Random(seed)
        ncol, nrow = rnd.randint(2, 6), rnd.randint(1, 5)
        header = ["".join(rnd.choice(chars) for _ in range(rnd.randint(2, 4))) for _ in range(ncol)]
        rows = [["".join(rnd.choice(chars) for _ in range(rnd.randint(3, 30))) for _ in range(ncol)] for _ in range(nrow)]
        t = _table(rows, header=header)
        monkeypatch.setattr(tb, "_fewer_lines", lambda table, ts, st, w, least: w)
        shared = sum(s.lines for s in table_slots(t, ts))
        monkeypatch.setattr(tb, "_fewer_lines", balanced)
        assert sum(s.lines for s in table_slots(t, ts)) <= shared, seed
