"""The 版记: a table floating at the foot of the last page, its rows broken
where the PDF broke them, the staff line spread by tab stops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .xml import TBLPR_ORDER, TCPR_ORDER, color_hex, eighths, el, half_points, on, ordered, ppr, twips

if TYPE_CHECKING:
    from .writer import DocxWriter


def banji(w: "DocxWriter") -> None:
    """The 版记: a table floating at the foot of the last page's type area.

    ECMA-376 Part 1 §17.4.58 tblpPr with vertAnchor="margin" and
    tblpYSpec="bottom" puts the table's bottom on the bottom margin, on
    the page of the paragraph that follows it (the last one of the
    document), text kept `min_gap` grid lines clear above it. Where the
    last page has no room, that paragraph, and with it the table, goes
    to a new page: the 版记 at the foot of a page of its own.
    """
    L, bj_model = w.layout, w.doc_model.banji
    bj = L.root.sub("banji")
    size = bj.length("size")
    role = bj.text("font")
    face = w.fonts.face(role)
    inset = bj.length("indent", em=size)
    color = color_hex(L.color(bj.text("color", "black")))
    W = w.geo.text_w
    label_w = max((sum(face.advance(c) for c in label) * size for label, _ in bj_model.rows), default=0)
    col1 = twips(inset + label_w)
    col2 = W - col1

    def border(width):
        return {"w:val": "single", "w:sz": eighths(width), "w:space": 0, "w:color": color}

    thick, thin = border(bj.length("thick")), border(bj.length("thin"))
    nil = {"w:val": "nil"}
    gap = bj.number("min_gap", 0) * w.geo.line_pitch
    tbl = el(
        "w:tbl",
        None,
        ordered(
            "w:tblPr",
            [
                el(
                    "w:tblpPr",
                    {
                        "w:leftFromText": 0, "w:rightFromText": 0, "w:topFromText": int(round(gap)),
                        "w:bottomFromText": 0, "w:vertAnchor": "margin", "w:horzAnchor": "margin",
                        "w:tblpXSpec": "center", "w:tblpYSpec": "bottom",
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
        el("w:tblGrid", None, el("w:gridCol", {"w:w": col1}), el("w:gridCol", {"w:w": col2})),
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
        return el("w:tc", None, tcpr, paragraph)

    def row(*cells):
        # §17.4.6 cantSplit; keepNext in every paragraph keeps the rows together
        return el("w:tr", None, el("w:trPr", None, el("w:cantSplit")), *cells)

    def bpara(runs, **ind):
        p = el("w:p", None, ppr(el("w:pStyle", {"w:val": w.sid("banji")}), el("w:keepNext"), el("w:ind", ind) if ind else None))
        for r in runs:
            p.append(r)
        return p

    breaks = banji_breaks(w)
    for (label, text), cuts in zip(bj_model.rows, breaks):
        runs: list = []
        pos = 0
        for cut in list(cuts) + [len(text)]:
            if pos:
                runs.append(w.br())
            runs += w.runs(text[pos:cut], role)
            pos = cut
        tbl.append(
            row(
                cell(col1, bpara(w.runs(label, role), **{"w:left": twips(inset)})),
                cell(col2, bpara(runs, **{"w:right": twips(inset)})),
            )
        )
    if bj_model.staff:
        tbl.append(row(cell(W, staff_paragraph(w, bj_model.staff, role, size, inset, bpara), span=2, top=thin)))
    w.body_insert(tbl)
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


def banji_breaks(w: "DocxWriter") -> list[tuple[int, ...]]:
    """Where the PDF broke each 版记 row between two items (a list reads by
    its items): there the row gets a w:br; inside an item Word breaks itself."""
    bj = w.doc_model.banji
    out: list[tuple[int, ...]] = [() for _ in bj.rows]
    items = getattr(bj, "items", ()) or ()
    lines = [
        "".join(g.ch for g in item.glyphs)
        for page in w.r.pages[-1:]
        for item in page.items
        if getattr(item, "kind", None) == "banji" and hasattr(item, "glyphs")
    ]
    row = -1
    for line in lines:
        if row + 1 < len(bj.rows) and line.startswith(bj.rows[row + 1][0]):
            row += 1
            pos, cuts = 0, []
            line = line[len(bj.rows[row][0]):]
            out[row] = ()
        if row < 0:
            return [() for _ in bj.rows]
        text = bj.rows[row][1]
        if not text.startswith(line, pos):
            return [() for _ in bj.rows]  # not the lines we expected: let Word break
        pos += len(line)
        if pos < len(text) and row < len(items):
            bounds, acc = set(), 0
            for it in items[row]:
                acc += len(it)
                bounds.add(acc)
            if pos in bounds:
                cuts.append(pos)
        out[row] = tuple(cuts)
    return out


def staff_paragraph(w: "DocxWriter", items, role, size, inset, bpara):
    """承办…电话 spread evenly: first flush left, last flush right (tab stops)."""
    face = w.fonts.face(role)
    measure = w.geo.text_w / 20 - 2 * inset
    widths = [sum(face.advance(c) for c in t) * size for t in items]
    min_gap = w.layout.root.sub("banji").length("staff_min_gap", em=size, default=0)
    runs: list = []
    tabs = []
    if len(items) > 1:
        gap = (measure - sum(widths)) / (len(items) - 1)
        if gap >= min_gap:
            x = 0.0
            for k, width in enumerate(widths[:-1]):
                x += width + gap
                if k < len(items) - 2:
                    tabs.append(el("w:tab", {"w:val": "left", "w:pos": twips(inset + x)}))
            tabs.append(el("w:tab", {"w:val": "right", "w:pos": twips(inset + measure)}))
    for k, t in enumerate(items):
        if k:
            runs.append(el("w:r", None, el("w:tab")) if tabs else w.runs("  ", role)[0])
        runs += w.runs(t, role)
    p = bpara(runs, **{"w:left": twips(inset), "w:right": twips(inset)})
    if tabs:
        p[0].insert(2, el("w:tabs", None, *tabs))  # after pStyle, keepNext (schema order)
    return p
