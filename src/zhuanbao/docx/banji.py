"""The 版记: a table floating at the foot of the last page, its rows broken
where the PDF broke them, the staff line spread by tab stops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .xml import TBLPR_ORDER, TCPR_ORDER, color_hex, eighths, el, half_points, on, ordered, ppr, twips

if TYPE_CHECKING:
    from .writer import DocxWriter


GAP_SLACK = 10  # twips kept off the text's distance above the 版记 (banji: rounding)


def banji(w: "DocxWriter") -> None:
    """The 版记: a table floating at the foot of the last page's type area.

    ECMA-376 Part 1 §17.4.58 tblpPr with vertAnchor="margin" and tblpY
    puts the table's top where the layout put the 版记's (its rows' exact
    line heights make it end on the foot of the type area), on the page of
    the paragraph that follows it (the last one of the document), text kept
    `min_gap` grid lines clear above it. An absolute tblpY rather than
    tblpYSpec="bottom", and tblpX from the page's edge (horzAnchor="page")
    rather than centred in the margins: LibreOffice 7.4 makes a floating
    table of the type area's full width an ordinary table after the text
    unless its position is relative to the page (writerfilter's
    FloatingTableConversion); Word reads both as the same place. Where the last
    page has no room, that paragraph, and with it the table, goes to a new
    page, where the offset holds as well.
    """
    L, bj_model = w.layout, w.doc_model.banji
    bj = L.root.sub("banji")
    size = bj.length("size")
    role = bj.text("font")
    inset = bj.length("indent", em=size)
    color = color_hex(L.color(bj.text("color", "black")))
    W = w.geo.text_w
    # each row's items hang after that row's own label, where the layout hung
    # them (a longer label, 本期增发：, does not push 报：'s items in): a grid
    # column edge at each label width, a row's label cell spanning to its own
    rows_model = list(zip(bj_model.rows, w.decided.banji_lines))
    widths = w.decided.banji_label_widths
    edges = sorted({twips(inset + lw) for lw in widths}) or [twips(inset + w.decided.banji_label_width)]
    cols = [b - a for a, b in zip([0] + edges, edges + [W])]

    def border(width):
        return {"w:val": "single", "w:sz": eighths(width), "w:space": 0, "w:color": color}

    thick, thin = border(bj.length("thick")), border(bj.length("thin"))
    nil = {"w:val": "nil"}
    # the blank above it and its rows' pitch as the layout's economies left them (a 版记 that only
    # fitted with its rows closer: at the layout's pitch its last row ran into the page number)
    gap_lines = w.decided.banji_gap if w.decided.banji_gap is not None else bj.number("min_gap", 0)
    # less a slack of half a point: a gap the economies cut to the room left is exact, and the
    # twips Word and LibreOffice round the lines above to push the table to a page of its own
    gap = max(0, int(gap_lines * w.geo.line_pitch) - GAP_SLACK)
    tbl = el(
        "w:tbl",
        None,
        ordered(
            "w:tblPr",
            [
                el(
                    "w:tblpPr",
                    {
                        "w:leftFromText": 0, "w:rightFromText": 0, "w:topFromText": gap,
                        "w:bottomFromText": 0, "w:vertAnchor": "margin", "w:horzAnchor": "page",
                        "w:tblpX": w.geo.left, "w:tblpY": twips(w.decided.banji_top),
                    },
                ),
                el("w:tblOverlap", {"w:val": "never"}),  # §17.4.56
                el("w:tblW", {"w:w": W, "w:type": "dxa"}),
                el(
                    "w:tblBorders",
                    None,
                    el("w:top", thick), el("w:left", nil), el("w:bottom", thick), el("w:right", nil),
                    el("w:insideH", nil), el("w:insideV", nil),
                ),
                el("w:tblLayout", {"w:type": "fixed"}),
                el("w:tblCellMar", None, *(el(f"w:{s}", {"w:w": 0, "w:type": "dxa"}) for s in ("top", "left", "bottom", "right"))),
                el("w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0, "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1}),
            ],
            TBLPR_ORDER,
        ),
        el("w:tblGrid", None, *(el("w:gridCol", {"w:w": c}) for c in cols)),
    )

    def cell(width: int, paragraph, span: int = 1, top=None):
        tcpr = ordered(
            "w:tcPr",
            [
                el("w:tcW", {"w:w": width, "w:type": "dxa"}),
                el("w:gridSpan", {"w:val": span}) if span > 1 else None,
                el("w:tcBorders", None, el("w:top", top)) if top else None,
            ],
            TCPR_ORDER,
        )
        paragraphs = paragraph if isinstance(paragraph, list) else [paragraph]
        return el("w:tc", None, tcpr, *paragraphs)

    pitch = w.decided.banji_pitch or bj.length("pitch")
    closer = abs(pitch - bj.length("pitch")) > 0.01  # the style's exact line (docx/styles.py) is the layout's pitch

    def row(n_lines: int, *cells):
        # §17.4.6 cantSplit; keepNext in every paragraph keeps the rows together;
        # §17.4.81 trHeight exact: n lines of the 版记's pitch, borders inside
        # them, so that the table is as tall as the layout's 版记
        height = el("w:trHeight", {"w:val": twips(n_lines * pitch), "w:hRule": "exact"})
        return el("w:tr", None, el("w:trPr", None, el("w:cantSplit"), height), *cells)

    def bpara(runs, **ind):
        spacing = el("w:spacing", {"w:line": twips(pitch), "w:lineRule": "exact"}) if closer else None
        p = el("w:p", None, ppr(el("w:pStyle", {"w:val": w.sid("banji")}), el("w:keepNext"), spacing, el("w:ind", ind) if ind else None))
        for r in runs:
            p.append(r)
        return p

    for ((label, _), lines), lw in zip(rows_model, widths):
        edge = twips(inset + lw)
        span = edges.index(edge) + 1
        # each line as the layout set it, a w:br after all but the last; a line
        # the layout fitted by squeezing its punctuation is condensed as much
        # (Word and LibreOffice do not squeeze the same marks)
        runs: list = []
        for k, line in enumerate(lines):
            if k:
                runs.append(w.br())
            runs += w.runs(line.text[len(label):] if k == 0 else line.text, role, tracking=line.squeeze)
        tbl.append(
            row(
                len(lines),
                cell(edge, bpara(w.runs(label, role), **{"w:left": twips(inset)}), span=span),
                cell(W - edge, bpara(runs, **{"w:right": twips(inset)}), span=len(cols) - span),
            )
        )
    if bj_model.staff:
        rows = w.decided.banji_staff
        tbl.append(row(len(rows), cell(W, staff_paragraphs(w, rows, role, inset, bpara), span=len(cols), top=thin)))
    if w.decided.banji_printed:  # the 印发 line, between its own rules: organ left, date right
        rows = w.decided.banji_printed
        tbl.append(row(len(rows), cell(W, staff_paragraphs(w, rows, role, inset, bpara), span=len(cols), top=thin)))
    w.body_insert(tbl)
    w.banji_table = tbl  # for docx/family.even_banji
    # The anchor: the document's last paragraph, as small as Word allows.
    anchor = w.cfg.length("anchor_size", default=1)
    w.para(
        None,
        props=(
            on("w:snapToGrid", False),
            el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": twips(anchor), "w:lineRule": "exact"}),
            el("w:ind", {"w:firstLine": 0, "w:firstLineChars": 0}),
            el("w:rPr", None, el("w:sz", {"w:val": half_points(anchor)}), el("w:szCs", {"w:val": half_points(anchor)})),
        ),
    )


def staff_paragraphs(w: "DocxWriter", rows: list, role: str, inset: float, bpara) -> list:
    """承办…电话 (or the 印发 line) as the layout spread them: a paragraph a
    row, the first item flush left, the middle ones on left tab stops where the
    layout put them, the last on a right tab stop at the end of the measure
    (§17.3.1.37 tab); a lone item the layout set off the left edge (（共印 N
    份）) flush right (§17.3.1.13 jc)."""
    measure = w.geo.text_w / 20 - 2 * inset
    out = []
    for row in rows:
        runs: list = []
        tabs = []
        for k, (text, x) in enumerate(row):
            if k:
                runs.append(el("w:r", None, el("w:tab")))
                if k < len(row) - 1:
                    tabs.append(el("w:tab", {"w:val": "left", "w:pos": twips(inset + x)}))
            runs += w.runs(text, role)
        if len(row) > 1:
            tabs.append(el("w:tab", {"w:val": "right", "w:pos": twips(inset + measure)}))
        p = bpara(runs, **{"w:left": twips(inset), "w:right": twips(inset)})
        if tabs:
            p[0].insert(2, el("w:tabs", None, *tabs))  # after pStyle, keepNext (schema order)
        elif len(row) == 1 and row[0][1] > 0.5:
            p[0].append(el("w:jc", {"w:val": "right"}))  # after w:ind (schema order)
        out.append(p)
    return out
