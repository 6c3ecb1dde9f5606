"""Page 1: the masthead, number and publisher lines, the red rule, the
领导批示 box and the 目录.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .xml import TBLPR_ORDER, TCPR_ORDER, color_hex, eighths, el, half_points, on, ordered, ppr, twips

if TYPE_CHECKING:
    from .writer import DocxWriter


def header_line_heights(w: "DocxWriter") -> dict[str, float]:
    """Exact heights of the masthead, number and publisher lines.

    Word sets a line of exact height with its descent on the line's
    bottom, so each baseline of the layout (from the type-area top) is
    reached by making the line end one descent below it.
    """
    hd = w.layout.root.sub("header")
    out, prev = {}, 0.0
    for key in ("masthead", "number", "publisher_line"):
        sec = hd.sub(key)
        face = w.fonts.face(sec.text("font"))
        bottom = sec.length("baseline") - face.descent * sec.length("size")
        out[key] = max(bottom - prev, 1.0)
        prev = bottom
    w.header_bottom = prev
    return out


def rule_geometry(w: "DocxWriter") -> tuple[float, float, float, float]:
    """(space before the rule, thick, gap, thin) of the red rule under the header."""
    rule = w.layout.root.sub("header").sub("rule")
    thick = rule.length("thickness")
    thin = rule.length("thin_thickness", default=0)
    gap = rule.length("thin_gap", default=0) if thin > 0 else 0
    before = max(rule.length("top") - thick / 2 - w.header_bottom, 0)
    return before, thick, gap, thin


def front_page(w: "DocxWriter") -> None:
    dm, L = w.doc_model, w.layout
    hd = L.root.sub("header")
    from . import family

    family.marks(w)  # nothing without marks
    if not family.masthead(w):
        w.para("masthead", w.runs(dm.masthead, hd.sub("masthead").text("font")))
    w.para("number", w.runs(dm.number_label, hd.sub("number").text("font")))
    role = hd.sub("publisher_line").text("font")
    tab = el("w:r", None, el("w:tab"))
    publisher = w.runs(dm.publisher, role)
    if w.decided.publisher_size:  # the layout shrank a long name to share the line with the date
        sz = math.floor(w.decided.publisher_size * 2)  # §17.3.2.38 sz, half-points, rounded down so it still fits
        for r in publisher:
            r[0].append(el("w:sz", {"w:val": sz}))
            r[0].append(el("w:szCs", {"w:val": sz}))
    w.para("publisher_line", publisher, tab, w.runs(dm.date_label, role))
    before, thick, gap, thin = rule_geometry(w)
    red = color_hex(L.color(hd.sub("rule").text("color")))
    box = hd.sub("box")
    # ECMA-376 Part 1 §17.3.1.24 pBdr: the red rule (and the thin one under it)
    # as the borders of an empty paragraph as tall as the gap between them
    borders = [el("w:top", {"w:val": "single", "w:sz": eighths(thick), "w:space": 0, "w:color": red})]
    if thin > 0:
        borders.append(el("w:bottom", {"w:val": "single", "w:sz": eighths(thin), "w:space": 0, "w:color": red}))
    anchor = w.cfg.length("anchor_size", default=1)
    w.para(
        None,
        props=(
            on("w:snapToGrid", False),
            el("w:pBdr", None, *borders),
            el("w:spacing", {"w:before": twips(before), "w:after": twips(box.length("gap_above")),
                             "w:line": max(twips(gap or anchor), 1), "w:lineRule": "exact"}),
            el("w:ind", {"w:firstLine": 0, "w:firstLineChars": 0}),
            el("w:rPr", None, el("w:sz", {"w:val": half_points(anchor)}), el("w:szCs", {"w:val": half_points(anchor)})),
        ),
    )
    # The 领导批示 box: a one-cell table of the layout's height (§17.4.81 trHeight exact)
    frame = box.length("frame", default=0)
    fcolor = color_hex(L.color(box.text("color", "black")))
    edge = (
        {"w:val": "single", "w:sz": eighths(frame), "w:space": 0, "w:color": fcolor} if frame > 0 else {"w:val": "nil"}
    )
    pad = twips(box.length("padding"))
    W = w.geo.text_w
    tbl = el(
        "w:tbl",
        None,
        ordered(
            "w:tblPr",
            [
                el("w:tblW", {"w:w": W, "w:type": "dxa"}),
                el("w:tblBorders", None, *(el(f"w:{s}", edge) for s in ("top", "left", "bottom", "right"))),
                el("w:tblLayout", {"w:type": "fixed"}),
                el("w:tblCellMar", None, *(el(f"w:{s}", {"w:w": pad, "w:type": "dxa"}) for s in ("top", "left", "bottom", "right"))),
                el("w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0, "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1, "w:noVBand": 1}),
            ],
            TBLPR_ORDER,
        ),
        el("w:tblGrid", None, el("w:gridCol", {"w:w": W})),
    )
    tr = el(
        "w:tr",
        None,
        el("w:trPr", None, el("w:cantSplit"), el("w:trHeight", {"w:val": twips(w.box_height), "w:hRule": "exact"})),
    )
    tc = el("w:tc", None, ordered("w:tcPr", [el("w:tcW", {"w:w": W, "w:type": "dxa"})], TCPR_ORDER))
    p = el("w:p", None, ppr(el("w:pStyle", {"w:val": w.sid("box")})))
    for r in w.runs(w.doc_model.box_label, box.sub("label").text("font")):
        p.append(r)
    tc.append(p)
    tr.append(tc)
    tbl.append(tr)
    shown = box.flag("show", True)
    if shown:
        w.body_insert(tbl)
    # The 目录
    toc = hd.sub("toc")
    gap_below = box.length("gap_below") if shown else 0.0
    first = True
    for section in w.decided.toc:
        props = (el("w:spacing", {"w:before": twips(gap_below)}),) if first else ()
        w.para("toc_section", w.runs(section.label, toc.sub("section").text("font")), props=props)
        first = False
        for entry in section.entries:
            # the entry's lines as the PDF set them (a title's break and any wrap)
            w.para("toc_entry", w.lines_runs(list(entry.lines), toc.sub("entry").text("font")))
