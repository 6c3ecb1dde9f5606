"""A Markdown table as it prints: ruled, full type width, rows on the grid.

GB/T 9704 §8 practice for a table in the text: as wide as the type area,
cells in 4号 仿宋, the header row in 黑体, rules round every cell. Each row
takes a whole number of grid lines so the text after the table stays on
the grid; cell text is broken by our own line breaker. The result is one
slot per row (text boxes and rules at fixed points in the row), so the
paginator splits a table only between rows, and every row carries the
header row as its `head`, printed first when the row opens a page. The PDF
writer only draws; the DOCX writer lowers the column widths and row heights
recorded in the decided issue (`Decided.tables`).

Every size, font and rule width comes from the layout's `table:` block.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..errors import ContentError, Where
from ..model import Table
from .boxes import RuleBox, TextBox, VRuleBox
from .decided import TableGeometry
from .flow import Slot, Typesetter
from .text import RunStyle, _clusters, _pair_compress, join_words

ALIGNS = ("left", "center", "right", "justify")
MOVE_STEPS = (1, 2, 3, 4, 6, 8, 12)  # half characters of width moved at once between two columns when the table is balanced


@dataclass(frozen=True)
class TableStyle:
    """The layout's `table:` block, read and checked once."""

    font: str
    header_font: str
    latin: str | None
    size: float
    color: str
    cell_pitch: float  # between the lines of a cell's text
    padding: float  # inside a cell, left and right
    rule: float
    frame: float
    align: str
    header_align: str
    number_align: str  # a column of numbers without its own :---: alignment ("" : as `align`)
    short_cell: float  # characters: a column whose cells are no longer stays unbroken, room allowing
    space_before: int  # grid lines
    space_after: int
    keep_rows: int  # body rows kept together at a page's foot (under the header) and at its head

    @classmethod
    def of(cls, ts: Typesetter) -> "TableStyle":
        t = ts.layout.root.sub("table")
        size = t.length("size")
        st = cls(
            font=t.text("font"),
            header_font=t.text("header_font"),
            latin=t.text("latin", "") or None,
            size=size,
            color=t.text("color", "black"),
            cell_pitch=t.length("cell_pitch", em=size),
            padding=t.length("padding", em=size),
            rule=t.length("rule"),
            frame=t.length("frame"),
            align=t.text("align", "justify"),
            header_align=t.text("header_align", "center"),
            number_align=t.text("number_align", ""),
            short_cell=t.number("short_cell", 6),
            space_before=int(t.number("space_before", 0)),
            space_after=int(t.number("space_after", 0)),
            keep_rows=int(t.number("keep_rows", 1)),
        )
        for key in ("font", "header_font"):
            if getattr(st, key) not in ts.layout.fonts:
                raise ContentError(Where(ts.layout.path), f"layout key `table.{key}: {getattr(st, key)}` is not a font role under `fonts`.")
        if st.number_align and st.number_align not in ALIGNS:
            raise ContentError(Where(ts.layout.path), f"layout key `table.number_align` should be one of {', '.join(ALIGNS)}.")
        for key in ("align", "header_align"):
            if getattr(st, key) not in ALIGNS:
                raise ContentError(Where(ts.layout.path), f"layout key `table.{key}` should be one of {', '.join(ALIGNS)}.")
        if st.keep_rows < 1:
            raise ContentError(Where(ts.layout.path), "layout key `table.keep_rows` should be 1 or more (1: any row may end or start a page).")
        if st.cell_pitch <= 0 or st.padding < 0 or st.rule < 0 or st.frame < 0:
            raise ContentError(Where(ts.layout.path), "layout keys `table.cell_pitch`, `padding`, `rule`, `frame` should be positive lengths.")
        return st


def column_widths(table: Table, ts: Typesetter, st: TableStyle, total: float) -> list[float]:
    """Widths from the cells' content, summing to the type width.

    As browsers do for an automatic table: every column gets at least its
    longest unbreakable piece (a number, a word), then the room left is
    shared in proportion to how much each column's longest cell lacks.
    """
    n = len(table.header)
    # padding on both sides, and the rules' width (Word draws a border half inside its cell)
    edges = 2 * st.padding + st.frame
    natural = [0.0] * n
    body = [0.0] * n  # the natural width of the body's cells alone
    least = [0.0] * n
    for r, row in enumerate((table.header,) + table.rows):
        rs = _style(ts, st, header=r == 0)
        for c, text in enumerate(row):
            atoms = ts.shaper.atoms([(text, rs)], table.where, total)
            if not atoms:
                continue
            join_words(atoms, ts.unbreakable)  # (a column is never narrower than 习近平)
            _pair_compress(atoms)
            natural[c] = max(natural[c], sum(a.cur_width for a in atoms) + edges)
            if r:
                body[c] = max(body[c], sum(a.cur_width for a in atoms) + edges)
            widest = max(sum(a.cur_width for a in atoms[a0:a1]) for a0, a1 in _clusters(atoms))
            least[c] = max(least[c], widest + edges)
    least = [max(w, st.size + edges) for w in least]  # room for one character
    # a short cell (区市, 注册用户) stays on one line where the table has room; a header
    # (总投资（万元）) may take two lines over a column of short numbers
    short = st.short_cell * st.size + edges
    cells = body if table.rows else natural
    floor = [max(b, min(a, short)) for a, b in zip(cells, least)]
    if sum(floor) <= total:
        least = floor
    natural = [max(a, b) for a, b in zip(natural, least)]
    if sum(natural) <= total:
        extra = total - sum(natural)
        return [w + extra * w / sum(natural) for w in natural]
    if sum(least) >= total:
        return [w * total / sum(least) for w in least]
    lack = [a - b for a, b in zip(natural, least)]
    room = total - sum(least)
    shared = [b + room * d / sum(lack) for b, d in zip(least, lack)]
    return _fewer_lines(table, ts, st, shared, least)


def _fewer_lines(table: Table, ts: Typesetter, st: TableStyle, widths: list[float], least: list[float]) -> list[float]:
    """Widths moved between two columns, half a character to six at a time,
    while that makes the table shorter in printed grid lines or leaves fewer cells with a last
    line of one or two characters (安平丝网产业园二 / 期, 完成 / 率): the share
    in proportion to what each column lacks knows nothing of where cells
    break. Each cell is set once per width tried."""
    rows = (table.header,) + table.rows
    n, count = len(widths), len(rows)
    styles = [_style(ts, st, header=r == 0) for r in range(count)]
    step = st.size / 2  # half a character: a column a little short of a word (完成 / 率) gets it
    cache: dict[tuple[int, int], list[tuple[int, bool]]] = {}

    def column(c: int, k: int) -> list[tuple[int, bool]]:
        """Each cell's lines in column c at widths[c] + k steps, and whether its last line is a runt."""
        if (c, k) not in cache:
            out = []
            for r in range(count):
                text = rows[r][c] if c < len(rows[r]) else ""
                if not text:
                    out.append((1, False))
                    continue
                # the measure the cell prints at (table_slots: the width less its padding)
                lines = ts.line_texts([(text, styles[r])], widths[c] + k * step - 2 * st.padding, table.where)
                out.append((len(lines), len(lines) > 1 and len(lines[-1].strip()) <= 2))
            cache[(c, k)] = out
        return cache[(c, k)]

    pitch = ts.grid.line_pitch

    def printed(lines: int) -> int:
        """Grid lines a row of cells this many lines deep takes, as table_slots sets it."""
        return max(1, math.ceil(lines * st.cell_pitch / pitch - 1e-6))

    shift = [0] * n
    cur = [column(c, 0) for c in range(n)]
    best = (sum(printed(max(cur[c][r][0] for c in range(n))) for r in range(count)), sum(x for col in cur for _, x in col))
    for _ in range(n):
        tops = [sorted(((cur[c][r][0], c) for c in range(n)), reverse=True)[:3] for r in range(count)]
        runts = [sum(x for _, x in col) for col in cur]
        found = None
        for give in range(n):
            for k in MOVE_STEPS:
                if widths[give] + (shift[give] - k) * step < least[give] - 1e-6:
                    break
                g = column(give, shift[give] - k)
                for take in range(n):
                    if take == give:
                        continue
                    t = column(take, shift[take] + k)
                    height = 0
                    for r in range(count):
                        other = next((v for v, c in tops[r] if c != give and c != take), 0)
                        height += printed(max(other, g[r][0], t[r][0]))
                    cost = (height, sum(runts) - runts[give] - runts[take] + sum(x for _, x in g) + sum(x for _, x in t))
                    if cost < best and (found is None or cost < found[0]):
                        found = (cost, give, take, k)
        if found is None:
            break
        best, give, take, k = found
        shift[give] -= k
        shift[take] += k
        cur[give], cur[take] = column(give, shift[give]), column(take, shift[take])
    return [w + k * step for w, k in zip(widths, shift)]


# a number and its unit, if any: 86000, 25.0%, 2.4万, 162817吨, 1.2万公顷, 3.5个百分点, units as a
# statistics table prints them (not 第3位, a rank; nor 12345热线, 3个工作日, 110指挥中心: names and phrases)
UNIT_CHARS = "余多万亿千百十元角分吨斤克头只匹羽亩顷公里米厘毫升个件户人次家所座台辆套条项名位倍天年月日时秒度平方立瓦伏栋间床册本份张篇部场届期号批轮岁周点"
NUMBER = re.compile(rf"[-+−]?[\d,，.]*\d[\d,，.]*\s*(%|％|‰|℃|[{UNIT_CHARS}]{{1,5}})?")


def cell_aligns(table: Table, st: TableStyle) -> list[list[str]]:
    """Each cell's alignment: the editor's :---: for its column, else the
    header's, else `number_align` for a column whose body is numbers (a
    dash for none allowed: 合计 | — | 624900; a 序号 column of small whole
    numbers is centred), else the layout's `align`.
    Decided once: the DOCX lowers it (Decided.tables)."""
    n = len(table.header)
    numeric = [
        bool(st.number_align)
        and any(NUMBER.fullmatch(row[c].strip()) for row in table.rows if c < len(row))
        and all(NUMBER.fullmatch(row[c].strip()) or row[c].strip() in ("", "—", "-", "－", "/") for row in table.rows if c < len(row))
        for c in range(n)
    ]
    # a column of small whole numbers counts the rows (序号): centred, as editors set it
    serial = [all(row[c].strip().isdigit() and len(row[c].strip()) <= 3 for row in table.rows if c < len(row)) for c in range(n)]
    out = []
    for r, row in enumerate((table.header,) + table.rows):
        line = []
        for c in range(len(row)):
            given = table.aligns[c] if c < len(table.aligns) else ""
            body = ("center" if serial[c] else st.number_align) if numeric[c] else st.align
            line.append(given or (st.header_align if r == 0 else body))
        out.append(line)
    return out


def _style(ts: Typesetter, st: TableStyle, header: bool) -> RunStyle:
    return ts.style_of(st.header_font if header else st.font, st.size, st.color, 0.0, st.latin or "")


def table_slots(table: Table, ts: Typesetter, index: int | None = None) -> list[Slot]:
    """The table → one slot per row; the header keeps with the first
    `keep_rows` rows and the last `keep_rows` rows keep together."""
    st = TableStyle.of(ts)
    grid = ts.grid
    pitch = grid.line_pitch
    color = ts.layout.color(st.color)
    widths = column_widths(table, ts, st, grid.width)
    xs = [grid.left]
    for w in widths:
        xs.append(xs[-1] + w)
    xs[-1] = grid.right
    rows = (table.header,) + table.rows
    aligns = cell_aligns(table, st)
    geometry = TableGeometry(widths, [], aligns, [])
    heights, keeps = geometry.heights, geometry.keeps
    if index is not None:
        ts.decided.tables[index] = geometry  # what the DOCX's w:tbl lowers
    slots: list[Slot] = []
    for _ in range(st.space_before):
        slots.append(Slot(1, [], discardable=True, kind="gap"))
    header: Slot | None = None
    for r, row in enumerate(rows):
        rs = _style(ts, st, header=r == 0)
        cells = []
        for c, text in enumerate(row):
            align = aligns[r][c]
            measure = widths[c] - 2 * st.padding
            cells.append(ts.set([(text, rs)], measure, align=align, where=table.where) if text else [])
        most = max((len(lines) for lines in cells), default=1) or 1
        n = max(1, math.ceil(most * st.cell_pitch / pitch - 1e-6))
        if n + (header.lines if header else 0) > grid.lines:
            raise ContentError(
                table.where,
                f"表格第 {r} 行太长 row {r} of this table is taller than a page ({most} lines), and a row is never "
                "split: shorten its text or split it into several rows.",
            )
        height = n * pitch
        heights.append(height)
        boxes: list = []
        for c, lines in enumerate(cells):
            top = (height - len(lines) * st.cell_pitch) / 2
            for j, line in enumerate(lines):
                base = top + j * st.cell_pitch + ts.baseline(st.size, rs.role, st.cell_pitch)
                boxes.append(TextBox(line.glyphs, xs[c] + st.padding, base, "table-header" if r == 0 else "table-cell"))
        last = r == len(rows) - 1
        boxes.append(RuleBox(grid.left, grid.right, 0.0, st.frame if r == 0 else st.rule, color))
        boxes.append(RuleBox(grid.left, grid.right, height, st.frame if last else st.rule, color))
        for k, x in enumerate(xs):
            edge = k in (0, len(xs) - 1)
            boxes.append(VRuleBox(x, 0.0, height, st.frame if edge else st.rule, color))
        # the header keeps with the first rows, the last rows with each other: no header with one row
        # at a page's foot, no row alone under the repeated header at the next page's head
        keep = r < st.keep_rows or (r > 0 and r >= len(rows) - st.keep_rows)
        keeps.append(keep and not last)
        slot = Slot(n, boxes, keep_with_next=keep and not last, kind="table-header" if r == 0 else "table-row")
        if r == 0:
            header = slot
        else:
            slot.head = header
        slots.append(slot)
    for _ in range(st.space_after):
        slots.append(Slot(1, [], discardable=True, kind="gap"))
    return slots
