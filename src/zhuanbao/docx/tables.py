"""A Markdown table as a real Word table (ECMA-376 Part 1 §17.4).

The layout decided the column widths and each row's height in grid lines
(layout/table.py, recorded in Decided.tables); this module writes w:tbl: full type
width, fixed layout, the layout's rules as borders, the header row marked
w:tblHeader so Word repeats it on every page, every row w:cantSplit so a
row never breaks across pages, as in the PDF.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Table
from .xml import TBLPR_ORDER, TCPR_ORDER, color_hex, eighths, el, ordered, ppr, twips

if TYPE_CHECKING:
    from ..layout.decided import TableGeometry
    from .writer import DocxWriter

STYLE_NAMES = {"table": "表格", "table_header": "表头"}


def _ensure_styles(w: "DocxWriter") -> None:
    for key, name in STYLE_NAMES.items():
        if key not in w.style_names:
            w.style_names[key] = name
            w.style_ids[key] = "zb" + "".join(p.capitalize() for p in key.split("_"))


def styles(w: "DocxWriter") -> list:
    """The cell styles: 4号 仿宋 and the 黑体 header, lines at the cell pitch, off the grid."""
    from .styles import latin_role, pstyle_el

    if not any(isinstance(b, Table) for b in w.doc_model.body):
        return []  # only a document with a table carries its styles
    _ensure_styles(w)
    t = w.layout.root.sub("table")
    size = t.length("size")
    pitch = t.length("cell_pitch", em=size)
    latin = latin_role(t)
    common = dict(size=size, color=t.text("color", "black"), exact=pitch, snap=False, ascii_role=latin)
    return [
        pstyle_el(w, "table", role=t.text("font"), jc=t.text("align", "left"), **common),
        pstyle_el(w, "table_header", role=t.text("header_font"), jc=t.text("header_align", "center"), **common),
    ]


def _border(tag: str, width: float, color: str):
    return el(tag, {"w:val": "single", "w:sz": eighths(width), "w:space": 0, "w:color": color})


def table(w: "DocxWriter", table: Table, geometry: "TableGeometry") -> None:
    """`geometry`: the column widths, row heights, cell alignment and row keeps
    the layout decided (Decided.tables): a row that keeps with the next
    (table.keep_rows) has its paragraphs keep with the next (§17.3.1.15
    keepNext: Word keeps the rows together)."""
    _ensure_styles(w)
    t = w.layout.root.sub("table")
    size = t.length("size")
    color = color_hex(w.layout.color(t.text("color", "black")))
    frame, rule = t.length("frame"), t.length("rule")
    pad = t.length("padding", em=size)
    widths, heights = geometry.widths, geometry.heights
    total = w.geo.text_w
    tw = [twips(x) for x in widths]
    tw[-1] += total - sum(tw)  # rounding: the table is exactly the type width
    tbl_pr = ordered(
        "w:tblPr",
        [
            el("w:tblW", {"w:w": total, "w:type": "dxa"}),  # §17.4.64 tblW
            el("w:jc", {"w:val": "center"}),
            el(
                "w:tblBorders",  # §17.4.39 tblBorders
                None,
                _border("w:top", frame, color),
                _border("w:left", frame, color),
                _border("w:bottom", frame, color),
                _border("w:right", frame, color),
                _border("w:insideH", rule, color),
                _border("w:insideV", rule, color),
            ),
            el("w:tblLayout", {"w:type": "fixed"}),  # §17.4.53: the widths as given, not Word's
            el(
                "w:tblCellMar",
                None,
                el("w:left", {"w:w": twips(pad), "w:type": "dxa"}),
                el("w:right", {"w:w": twips(pad), "w:type": "dxa"}),
            ),
            el("w:tblLook", {"w:val": "0420", "w:firstRow": 1, "w:lastRow": 0, "w:firstColumn": 0,
                             "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1}),
        ],
        TBLPR_ORDER,
    )
    # each row in the DOCX's own grid lines (Geometry.line_pitch, rounded down so that the
    # page holds its lines), not the PDF's points rounded up a twip a line; and the last row
    # the frame's width shorter: LibreOffice sets the bottom border under the rows, the PDF
    # inside its grid lines. Else the table's page ran a point longer than its grid lines and
    # LibreOffice moved the next article, its lines just fitting, to the next page
    pitch = w.geo.text_h / 20 / w.geo.lines  # the layout's grid pitch, pt (a row is whole lines of it: layout/table.py)
    rows_tw = [w.geo.line_pitch * max(1, round(h / pitch)) for h in heights]
    rows_tw[-1] -= twips(frame)
    grid = el("w:tblGrid", None, *[el("w:gridCol", {"w:w": x}) for x in tw])
    tbl = el("w:tbl", None, tbl_pr, grid)
    for r, row in enumerate((table.header,) + table.rows):
        tr_pr = el(
            "w:trPr",
            None,
            el("w:cantSplit"),  # §17.4.6: a row never breaks across pages
            el("w:trHeight", {"w:val": rows_tw[r], "w:hRule": "atLeast"}),  # §17.4.81
            el("w:tblHeader") if r == 0 else None,  # §17.4.49: repeated at the top of each page
        )
        tr = el("w:tr", None, tr_pr)
        key = "table_header" if r == 0 else "table"
        for c, text in enumerate(row):
            align = geometry.aligns[r][c]
            tc_pr = ordered(
                "w:tcPr",
                [el("w:tcW", {"w:w": tw[c], "w:type": "dxa"}), el("w:vAlign", {"w:val": "center"})],
                TCPR_ORDER,
            )
            p_pr = ppr(
                el("w:pStyle", {"w:val": w.sid(key)}),
                el("w:keepNext") if geometry.keeps[r] else None,  # the header with its first rows: the layout's keeps
                el("w:jc", {"w:val": {"justify": "both"}.get(align, align)}),
            )
            role = t.text("header_font") if r == 0 else t.text("font")
            p = el("w:p", None, p_pr, *w.runs(text, role, latin=bool(t.text("latin", ""))))
            tr.append(el("w:tc", None, tc_pr, p))
        tbl.append(tr)
    if len(w.body) > 1 and w.body[len(w.body) - 2].tag == tbl.tag:
        w.para(None)  # two tables in a row would be one table to Word: a paragraph parts them
    w.body_insert(tbl)
