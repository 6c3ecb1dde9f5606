"""The page: the GB/T 9704 page and margins, the document grid (sectPr), and
the page numbers in odd and even footers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Twips

from ..layoutfile import Layout
from .xml import el, ppr, rpr, twips

if TYPE_CHECKING:
    from .writer import DocxWriter


@dataclass(frozen=True)
class Geometry:
    """The section's page in twips, and the document grid derived from it."""

    page_w: int
    page_h: int
    top: int
    bottom: int
    left: int
    right: int
    line_pitch: int  # twips
    char_pitch_pt: float  # the grid cell: type width / chars
    tracking: float  # pt added after each character on the grid: 28 cells hold 28 characters
    lines: int
    chars: int

    @property
    def text_w(self) -> int:
        return self.page_w - self.left - self.right

    @property
    def text_h(self) -> int:
        return self.page_h - self.top - self.bottom

    @property
    def line_pitch_pt(self) -> float:
        return self.line_pitch / 20

    def cell_tracking(self, size: float) -> float:
        """Letter-spacing that makes a `size` character take one grid cell, in
        whole twips, rounded down so that a line's cells all fit."""
        return math.floor((self.char_pitch_pt - size) * 20 + 1e-9) / 20

    @classmethod
    def of(cls, layout: Layout) -> "Geometry":
        p = layout.page
        pw, ph = twips(p.length("width")), twips(p.length("height"))
        top, left = twips(p.length("margin_top")), twips(p.length("margin_left"))
        right = pw - left - twips(p.length("type_width"))
        bottom = ph - top - twips(p.length("type_height"))
        lines, chars = int(p.number("lines")), int(p.number("chars"))
        # Word puts floor(text height / linePitch) lines on a page: round the
        # pitch down so that exactly `lines` fit.
        line_pitch = (ph - top - bottom) // lines
        char_pitch = (pw - left - right) / 20 / chars
        body = layout.styles["body"].size
        # The layout sets grid text at the cell's pitch (a 16 pt character in a
        # 15.79 pt cell). In the DOCX that is letter-spacing (§17.3.2.35, in
        # twentieths of a point), rounded down so that `chars` characters fit.
        tracking = math.floor((char_pitch - body) * 20 + 1e-9) / 20
        return cls(pw, ph, top, bottom, left, right, line_pitch, char_pitch, tracking, lines, chars)

def section(w: "DocxWriter") -> None:
    g, L = w.geo, w.layout
    sec = w.d.sections[0]
    # ECMA-376 Part 1 §17.6.13 pgSz and §17.6.11 pgMar: A4 and the GB/T 9704 margins
    sec.page_width, sec.page_height = Twips(g.page_w), Twips(g.page_h)
    sec.top_margin, sec.bottom_margin = Twips(g.top), Twips(g.bottom)
    sec.left_margin, sec.right_margin = Twips(g.left), Twips(g.right)
    sec.gutter = Twips(0)
    sec.header_distance = Twips(twips(w.cfg.length("header_distance")))
    pn = L.root.sub("page_number")
    size = pn.length("size")
    face = w.fonts.face(pn.text("font"))
    # the 一字线 `dash_below` under the type area: baseline, then the line's bottom (its descent)
    baseline_from_edge = g.bottom / 20 - pn.length("dash_below") - pn.length("dash_rise", em=size)
    sec.footer_distance = Twips(twips(baseline_from_edge + face.descent * size))
    sectPr = sec._sectPr
    grid = sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = el("w:docGrid")
        sectPr.append(grid)
    # ECMA-376 Part 1 §17.6.5 docGrid: no grid (type "default"), linePitch
    # kept for the record. The 22 × 28 page comes from the styles instead:
    # every one has exact line spacing (§17.3.1.33), the grid styles at the
    # 28.95 pt pitch, and the grid styles' letter-spacing (§17.3.2.35,
    # Geometry.tracking) puts 28 characters on a line. Word reads
    # `linesAndChars` with charSpace −849 (§17.6.5: "the difference between
    # the desired character pitch and the character pitch [of] the Normal
    # font", × 4096; what Word's 公文 templates write) as 28 cells of
    # 15.79 pt, but LibreOffice 7.4 gives a 16 pt character two such cells
    # (14 a line), and with `lines` it shifts lines off the pitch around
    # titles; with no grid both set the same lines (README, "The DOCX in Word
    # and LibreOffice").
    for attr in ("w:type", "w:charSpace"):
        if grid.get(qn(attr)) is not None:
            del grid.attrib[qn(attr)]
    grid.set(qn("w:linePitch"), str(g.line_pitch))
    if not L.page.flag("number_first_page", True):
        # §17.10.6 titlePg: page 1 has a footer of its own, an empty one
        sec.different_first_page_header_footer = True
        sec.first_page_footer.is_linked_to_previous = False


def footers(w: "DocxWriter") -> None:
    L = w.layout
    sec = w.d.sections[0]
    pn = L.root.sub("page_number")
    fmt = L.label(pn.text("format_key", "page_number"))
    before, _, after = fmt.partition("{n}")
    role = pn.text("font")
    # §17.10.1 evenAndOddHeaders (settings) + default (odd) and even footers
    for footer, key in ((sec.footer, "page_number"), (sec.even_page_footer, "page_number_even")):
        footer.is_linked_to_previous = False
        ftr = footer._element
        for child in list(ftr):
            ftr.remove(child)
        p = el("w:p", None, ppr(el("w:pStyle", {"w:val": w.sid(key)})))
        for r in w.runs(before, role):
            p.append(r)
        for r in page_field(w, role):
            p.append(r)
        for r in w.runs(after, role):
            p.append(r)
        ftr.append(p)


def page_field(w: "DocxWriter", role: str) -> list:
    """ECMA-376 Part 1 §17.16.18 fldChar + §17.16.23 instrText: a complex PAGE field (§17.16.5, field definitions)."""

    def fld(kind):
        return el("w:r", None, rpr(el("w:rFonts", {"w:hint": "eastAsia"})), el("w:fldChar", {"w:fldCharType": kind}))

    w.used.setdefault(role, set()).update("0123456789")  # any page's number, for an embedded subset
    instr = el("w:instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [
        fld("begin"),
        el("w:r", None, rpr(el("w:rFonts", {"w:hint": "eastAsia"})), instr),
        fld("separate"),
        *w.runs("1", role),
        fld("end"),
    ]
