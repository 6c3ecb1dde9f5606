"""The Document → DOCX, for editors who correct a word in Word or WPS.

The same document as the PDF (document.py decides what prints), built with
Word's own structure rather than positioned glyphs: a section with the
GB/T 9704 page and a `linesAndChars` grid, named paragraph styles that carry
the layout's fonts and sizes, the header as paragraphs with borders and a
one-cell table, the 目录, the articles, odd/even footers with a PAGE field,
and the 版记 as a table floating at the foot of the last page.

python-docx provides the package and the pictures; everything it has no API
for is written as WordprocessingML (docx_xml.py keeps the schema order).
Every number comes from the layout. The bytes depend only on the input:
fixed core-properties dates (the issue's date) and fixed zip entry dates.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Emu, Twips

from .document import Document, Figure, Para
from .docx_xml import (
    SETTINGS_ORDER,
    STYLE_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    color_hex,
    eighths,
    el,
    emu,
    half_points,
    on,
    ordered,
    ppr,
    rpr,
    twips,
)
from .layoutfile import Layout

# Word's built-in styles keep their English names in the file (Word shows them
# localised: Normal → 正文, Title → 标题, Subtitle → 副标题); their ids are fixed.
BUILTIN = {"Normal": "Normal", "Title": "Title", "Subtitle": "Subtitle", "heading 1": "Heading1", "heading 2": "Heading2"}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry: no clock in the bytes


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
    char_space: int  # 4096ths of a point, relative to the body size
    char_pitch_pt: float
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

    @classmethod
    def of(cls, layout: Layout) -> "Geometry":
        p = layout.page
        pw, ph = twips(p.length("width")), twips(p.length("height"))
        top, left = twips(p.length("margin_top")), twips(p.length("margin_left"))
        right = pw - left - twips(p.length("type_width"))
        bottom = ph - top - twips(p.length("type_height"))
        lines, chars = int(p.number("lines")), int(p.number("chars"))
        # Word puts floor(text height / linePitch) lines on a page and
        # floor(text width / pitch) characters on a line: round the pitches
        # down so that exactly `lines` × `chars` fit.
        line_pitch = (ph - top - bottom) // lines
        char_pitch = (pw - left - right) / 20 / chars
        body = layout.styles["body"].size
        char_space = math.floor((char_pitch - body) * 4096)
        return cls(pw, ph, top, bottom, left, right, line_pitch, char_space, body + char_space / 4096, lines, chars)


class DocxWriter:
    def __init__(self, r, embed_fonts: bool):
        self.r = r
        self.doc_model: Document = r.document
        self.layout: Layout = r.layout
        self.fonts = r.fonts
        self.embed = embed_fonts
        self.cfg = self.layout.root.sub("docx")
        self.geo = Geometry.of(self.layout)
        self.used: dict[str, set[str]] = {}  # font role → characters set in it
        self.fallback_used: dict[str, set[str]] = {}  # docx name → characters
        self.d = docx.Document()
        self.body = self.d.element.body
        self.style_ids: dict[str, str] = {}
        names = self.cfg.sub("styles")
        for key in names._data:
            name = names.text(key)
            self.style_ids[key] = BUILTIN.get(name, "zb" + "".join(w.capitalize() for w in key.split("_")))
        self.style_names = {key: names.text(key) for key in names._data}

    # ------------------------------------------------------------------ fonts
    def font_name(self, role: str) -> str:
        return self.layout.fonts[role].docx_name

    @property
    def latin(self) -> str | None:
        return self.layout.fonts["latin"].docx_name if "latin" in self.layout.fonts else None

    def rfonts(self, role: str, ascii_role: str | None = None) -> "el":
        latin = self.font_name(ascii_role) if ascii_role else (self.latin or self.font_name(role))
        # ECMA-376 Part 1 §17.3.2.26 rFonts: eastAsia for CJK, ascii/hAnsi for Latin and digits
        return el("w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": self.font_name(role), "w:cs": latin})

    # ----------------------------------------------------------------- styles
    def sid(self, key: str) -> str:
        return self.style_ids[key]

    def pstyle_el(
        self,
        key: str,
        *,
        role: str,
        size: float,
        color: str,
        jc: str,
        first_chars: float = 0,
        left: float = 0,
        right: float = 0,
        left_chars: float | None = None,
        right_chars: float | None = None,
        hanging_chars: float = 0,
        exact: float | None = None,
        before: float = 0,
        after: float = 0,
        before_lines: float | None = None,
        after_lines: float | None = None,
        snap: bool = True,
        keep_next: bool = False,
        keep_lines: bool = False,
        tracking: float = 0,
        outline: int | None = None,
        ascii_role: str | None = None,
        extra_ppr: tuple = (),
        default: bool = False,
    ):
        cp = self.geo.char_pitch_pt
        ind = {
            "w:left": twips(left + (left_chars or 0) * cp),
            "w:leftChars": int(round(left_chars * 100)) if left_chars else None,
            "w:right": twips(right + (right_chars or 0) * cp),
            "w:rightChars": int(round(right_chars * 100)) if right_chars else None,
            # ECMA-376 Part 1 §17.3.1.12 ind: firstLineChars in hundredths of a grid character
            "w:firstLine": twips(first_chars * cp),
            "w:firstLineChars": int(round(first_chars * 100)),
        }
        if hanging_chars:  # firstLine and hanging exclude each other
            del ind["w:firstLine"], ind["w:firstLineChars"]
            ind["w:hanging"] = twips(hanging_chars * cp)
            ind["w:hangingChars"] = int(round(hanging_chars * 100))
        spacing = {
            "w:before": twips(before + (before_lines or 0) * self.geo.line_pitch_pt),
            # §17.3.1.33 spacing: beforeLines/afterLines in hundredths of a grid line
            "w:beforeLines": int(round(before_lines * 100)) if before_lines else None,
            "w:after": twips(after + (after_lines or 0) * self.geo.line_pitch_pt),
            "w:afterLines": int(round(after_lines * 100)) if after_lines else None,
            "w:line": twips(exact) if exact else 240,
            "w:lineRule": "exact" if exact else "auto",
        }
        p = ppr(
            el("w:keepNext") if keep_next else None,
            el("w:keepLines") if keep_lines else None,
            # §17.3.1.32 snapToGrid: off where a line is not a grid line (titles, header, 版记)
            None if snap else on("w:snapToGrid", False),
            el("w:spacing", spacing),
            el("w:ind", ind),
            el("w:jc", {"w:val": {"justify": "both"}.get(jc, jc)}),
            el("w:outlineLvl", {"w:val": outline}) if outline is not None else None,
            *extra_ppr,
        )
        rp = self.style_rpr(role, size, color, tracking, ascii_role)
        return self.style_el("paragraph", key, p, rp, default=default)

    def style_rpr(self, role: str, size: float, color: str, tracking: float = 0, ascii_role: str | None = None):
        return rpr(
            self.rfonts(role, ascii_role),
            el("w:color", {"w:val": color_hex(self.layout.color(color))}),
            # §17.3.2.35 spacing: letter-spacing in twentieths of a point
            el("w:spacing", {"w:val": twips(tracking)}) if tracking else None,
            el("w:sz", {"w:val": half_points(size)}),
            el("w:szCs", {"w:val": half_points(size)}),
        )

    def style_el(self, kind: str, key: str, p, rp, default: bool = False):
        name = self.style_names[key]
        s = ordered(
            "w:style",
            [
                el("w:name", {"w:val": name}),
                None if default or kind != "paragraph" else el("w:basedOn", {"w:val": self.sid("body")}),
                el("w:qFormat"),
                p,
                rp,
            ],
            STYLE_ORDER,
        )
        s.set(qn("w:type"), kind)
        s.set(qn("w:styleId"), self.sid(key))
        if default:
            s.set(qn("w:default"), "1")
        if name not in BUILTIN:
            s.set(qn("w:customStyle"), "1")
        return s

    def write_styles(self) -> None:
        L, st = self.layout, self.layout.styles
        hd, geo = L.root.sub("header"), self.geo
        body = st["body"]
        styles = []
        # The body is Word's Normal (正文): on the grid, first line indented in grid characters.
        styles.append(
            self.pstyle_el(
                "body", role=body.font, size=body.size, color=body.color, jc=body.align,
                first_chars=body.indent, default=True,
                extra_ppr=(on("w:widowControl"),),
            )
        )

        def text_style(key: str, style_key: str, **kw):
            s = st[style_key]
            align = s.align
            indent = s.indent if align in ("justify", "left") else 0
            args = dict(
                role=s.font, size=s.size, color=s.color, jc=align, first_chars=indent,
                before_lines=s.space_before or None, after_lines=s.space_after or None,
            )
            args.update(kw)
            styles.append(self.pstyle_el(key, **args))

        # ECMA-376 Part 1 §17.3.1.14/15 keepNext, keepLines: a title never stands alone at a foot.
        text_style("title", "title", exact=geo.line_pitch_pt, snap=False, keep_next=True, keep_lines=True, outline=0)
        text_style("subtitle", "subtitle", keep_next=True, after_lines=st["title"].space_after or None)
        text_style("section", "section", keep_next=True)
        text_style("heading", "heading", keep_next=True, outline=1)
        text_style("source", "source")
        cap_gap = int(L.root.sub("pictures").number("caption_gap", 0))
        text_style("caption", "caption", before_lines=cap_gap or None)
        styles.append(self.pstyle_el("picture", role=body.font, size=body.size, color=body.color, jc="center", keep_next=True))

        # The header lines: exact line heights put each baseline where the layout says.
        self.header_heights = self.header_line_heights()
        for key in ("masthead", "number", "publisher_line"):
            sec = hd.sub(key)
            size = sec.length("size")
            tracking = sec.length("tracking", em=size, default=0)
            align = {"masthead": "center", "number": "center", "publisher_line": "left"}[key]
            extra = ()
            if key == "publisher_line":
                # §17.3.1.38 tabs: the date flush right at the end of the type area
                extra = (el("w:tabs", None, el("w:tab", {"w:val": "right", "w:pos": geo.text_w})),)
            styles.append(
                self.pstyle_el(
                    key, role=sec.text("font"), size=size, color=sec.text("color", "black"), jc=align,
                    # letter-spacing follows the last character too: shift a centred line back by half
                    left=tracking if align == "center" else sec.length("indent", em=size, default=0),
                    tracking=tracking, exact=self.header_heights[key], snap=False, extra_ppr=extra,
                )
            )
        lab = hd.sub("box").sub("label")
        styles.append(
            self.pstyle_el("box", role=lab.text("font"), size=lab.length("size"), color=lab.text("color", "black"), jc="left", snap=False)
        )
        toc = hd.sub("toc")
        self.toc_pitch, self.box_height = self.front_page_sizes()
        ts, te = toc.sub("section"), toc.sub("entry")
        styles.append(
            self.pstyle_el(
                "toc_section", role=ts.text("font"), size=ts.length("size"), color=ts.text("color", "black"), jc="left",
                first_chars=ts.number("indent", 0), exact=self.toc_pitch, keep_next=True,
            )
        )
        styles.append(
            self.pstyle_el(
                "toc_entry", role=te.text("font"), size=te.length("size"), color=te.text("color", "black"), jc="left",
                # a title's later lines (after its w:br) hang `continuation` cells further in
                left_chars=te.number("indent", 0) + te.number("continuation", 0),
                hanging_chars=te.number("continuation", 0),
                right_chars=te.number("right_indent", 0) or None, exact=self.toc_pitch,
            )
        )
        bj = L.root.sub("banji")
        styles.append(
            self.pstyle_el(
                "banji", role=bj.text("font"), size=bj.length("size"), color=bj.text("color", "black"), jc="justify",
                exact=bj.length("pitch"), snap=False,
            )
        )
        pn = L.root.sub("page_number")
        pn_size = pn.length("size")
        inset = pn.length("inset", em=pn_size)
        face = self.fonts.face(pn.text("font"))
        pn_line = (face.ascent - face.descent) * pn_size
        for key, jc, l, r in (("page_number", "right", 0, inset), ("page_number_even", "left", inset, 0)):
            # GB/T 9704 §7.5: 4号半角宋体阿拉伯数字 — the digits in the Song face too
            styles.append(
                self.pstyle_el(
                    key, role=pn.text("font"), size=pn_size, color=pn.text("color", "black"), jc=jc, left=l, right=r,
                    exact=pn_line, snap=False, ascii_role=pn.text("font"),
                )
            )
        lead = st["lead"]
        styles.append(self.style_el("character", "lead", None, self.style_rpr(lead.font, lead.size, lead.color)))

        root = self.d.styles.element
        latent = root.find(qn("w:latentStyles"))
        for child in list(root):
            root.remove(child)
        root.append(self.doc_defaults())
        if latent is not None:
            root.append(latent)
        root.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
                '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
            )
        )
        root.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="table" w:default="1" w:styleId="TableNormal">'
                '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
                '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
                '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
                "</w:tblCellMar></w:tblPr></w:style>"
            )
        )
        root.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="numbering" w:default="1" w:styleId="NoList">'
                '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
            )
        )
        for s in styles:
            root.append(s)

    def doc_defaults(self):
        body = self.layout.styles["body"]
        rp = rpr(
            self.rfonts(body.font),
            el("w:sz", {"w:val": half_points(body.size)}),
            el("w:szCs", {"w:val": half_points(body.size)}),
            # ECMA-376 Part 1 §17.3.2.20 lang: East Asian text is Chinese (PRC)
            el("w:lang", {"w:val": "en-US", "w:eastAsia": self.cfg.text("east_asia_lang", "zh-CN"), "w:bidi": "ar-SA"}),
        )
        auto_space = self.cfg.flag("auto_space", False)
        pp = ppr(
            # §17.3.1.16 kinsoku: 避头尾 (line-start and line-end rules for CJK punctuation)
            on("w:kinsoku"),
            # §17.3.1.21 overflowPunct: off, so punctuation does not hang past the right edge
            on("w:overflowPunct", self.cfg.flag("overflow_punct", False)),
            # §17.3.1.2/3 autoSpaceDE/DN: no automatic space between CJK and Latin/digits
            on("w:autoSpaceDE", auto_space),
            on("w:autoSpaceDN", auto_space),
            el("w:spacing", {"w:line": 240, "w:lineRule": "auto"}),
        )
        return el(
            "w:docDefaults", None, el("w:rPrDefault", None, rp), el("w:pPrDefault", None, pp)
        )

    # ---------------------------------------------------- front-page geometry
    def header_line_heights(self) -> dict[str, float]:
        """Exact heights of the masthead, number and publisher lines.

        Word sets a line of exact height with its descent on the line's
        bottom, so each baseline of the layout (from the type-area top) is
        reached by making the line end one descent below it.
        """
        hd = self.layout.root.sub("header")
        out, prev = {}, 0.0
        for key in ("masthead", "number", "publisher_line"):
            sec = hd.sub(key)
            face = self.fonts.face(sec.text("font"))
            bottom = sec.length("baseline") - face.descent * sec.length("size")
            out[key] = max(bottom - prev, 1.0)
            prev = bottom
        self.header_bottom = prev
        return out

    def rule_geometry(self) -> tuple[float, float, float, float]:
        """(space before the rule, thick, gap, thin) of the red rule under the header."""
        rule = self.layout.root.sub("header").sub("rule")
        thick = rule.length("thickness")
        thin = rule.length("thin_thickness", default=0)
        gap = rule.length("thin_gap", default=0) if thin > 0 else 0
        before = max(rule.length("top") - thick / 2 - self.header_bottom, 0)
        return before, thick, gap, thin

    def front_page_sizes(self) -> tuple[float, float]:
        """The 目录's line pitch and the 领导批示 box's height, as the PDF takes them."""
        hd = self.layout.root.sub("header")
        rule = hd.sub("rule")
        thick = rule.length("thickness")
        thin = rule.length("thin_thickness", default=0)
        bottom = rule.length("top") + thick / 2 + (rule.length("thin_gap") + thin if thin > 0 else 0)
        box = hd.sub("box")
        toc = hd.sub("toc")
        height = self.layout.page.length("type_height")
        y_box = bottom + box.length("gap_above")
        room = height - y_box
        min_box = box.number("min_fraction") * room
        n = self.toc_line_count(toc)
        pitch = toc.length("pitch")
        if n and n * pitch > room - min_box - box.length("gap_below"):
            pitch = max(toc.length("min_pitch"), (room - min_box - box.length("gap_below")) / n)
        toc_h = n * pitch + box.length("gap_below")
        box_h = min(max(room - toc_h, min_box), box.number("max_fraction") * room)
        if not self.layout.page.flag("articles_on_new_page", True):
            box_h = min_box  # the articles follow the 目录: leave them the room
        return pitch, box_h

    def toc_line_count(self, toc) -> int:
        """Lines of the 目录 as the PDF sets them: a label each, and each title
        line, wrapped where it is wider than its measure (in grid cells)."""
        ent = toc.sub("entry")
        face = self.fonts.face(ent.text("font"))
        chars = self.geo.chars
        first = chars - ent.number("indent", 0) - ent.number("right_indent", 0)
        later = first - ent.number("continuation", 0)
        n = 0
        for section in self.doc_model.toc:
            n += 1
            for entry in section.entries:
                k = 0
                for line in entry:
                    width = sum(max(face.advance(c), 1.0) if ord(c) > 0x7F else face.advance(c) for c in line)
                    while True:
                        cells = first if k == 0 else later
                        k += 1
                        n += 1
                        if width <= cells + 1e-6:
                            break
                        width -= cells
        return n

    # ------------------------------------------------------------ paragraphs
    def runs(self, text: str, role: str, rstyle: str | None = None):
        """Runs of `text` in font role `role`; a character the role's font lacks
        takes the layout's fallback font, as in the PDF."""
        self.used.setdefault(role, set()).update(text)
        pieces: list[tuple[str, str | None]] = []
        for ch in text:
            name = None
            if ord(ch) > 0x7F:
                face = self.fonts.face(role)
                if not face.has(ord(ch)):
                    fb = self.fonts.for_char(role, ch)
                    if fb is not None and fb is not face:
                        name = fb.spec.docx_name
                        self.fallback_used.setdefault(name, set()).add(ch)
            if pieces and pieces[-1][1] == name:
                pieces[-1] = (pieces[-1][0] + ch, name)
            else:
                pieces.append((ch, name))
        out = []
        for piece, name in pieces:
            # ECMA-376 Part 1 §17.3.2.26 rFonts w:hint="eastAsia": quotes, dashes and
            # ellipses (shared by Latin and CJK) take the East Asian font
            fonts = el("w:rFonts", {"w:ascii": name, "w:hAnsi": name, "w:eastAsia": name, "w:hint": "eastAsia"})
            r = el("w:r", None, rpr(el("w:rStyle", {"w:val": self.sid(rstyle)}) if rstyle else None, fonts))
            t = el("w:t")
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
            out.append(r)
        return out

    def para(self, key: str | None, *children, props: tuple = ()):
        pp = ppr(el("w:pStyle", {"w:val": self.sid(key)}) if key and key != "body" else None, *props)
        p = el("w:p", None, pp if len(pp) else None)
        for c in children:
            if isinstance(c, list):
                for x in c:
                    p.append(x)
            elif c is not None:
                p.append(c)
        self.body_insert(p)
        return p

    def body_insert(self, e) -> None:
        self.body.insert(len(self.body) - 1, e)  # before the sectPr

    def br(self):
        return el("w:r", None, el("w:br"))  # §17.3.3.1 br: a line break inside the paragraph

    def lines_runs(self, lines: list[str], role: str) -> list:
        out: list = []
        for k, line in enumerate(lines):
            if k:
                out.append(self.br())
            out += self.runs(line, role)
        return out

    # ------------------------------------------------------------------ build
    def build(self) -> None:
        self.write_styles()
        self.front_page()
        self.articles()
        self.banji()
        self.section()
        self.footers()
        self.settings()
        self.font_table()
        self.properties()

    def front_page(self) -> None:
        dm, L = self.doc_model, self.layout
        hd = L.root.sub("header")
        self.para("masthead", self.runs(dm.masthead, hd.sub("masthead").text("font")))
        self.para("number", self.runs(dm.number_label, hd.sub("number").text("font")))
        role = hd.sub("publisher_line").text("font")
        tab = el("w:r", None, el("w:tab"))
        self.para("publisher_line", self.runs(dm.publisher, role), tab, self.runs(dm.date_label, role))
        before, thick, gap, thin = self.rule_geometry()
        red = color_hex(L.color(hd.sub("rule").text("color")))
        box = hd.sub("box")
        # ECMA-376 Part 1 §17.3.1.24 pBdr: the red rule (and the thin one under it)
        # as the borders of an empty paragraph as tall as the gap between them
        borders = [el("w:top", {"w:val": "single", "w:sz": eighths(thick), "w:space": 0, "w:color": red})]
        if thin > 0:
            borders.append(el("w:bottom", {"w:val": "single", "w:sz": eighths(thin), "w:space": 0, "w:color": red}))
        anchor = self.cfg.length("anchor_size", default=1)
        self.para(
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
        W = self.geo.text_w
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
            el("w:trPr", None, el("w:cantSplit"), el("w:trHeight", {"w:val": twips(self.box_height), "w:hRule": "exact"})),
        )
        tc = el("w:tc", None, ordered("w:tcPr", [el("w:tcW", {"w:w": W, "w:type": "dxa"})], TCPR_ORDER))
        p = el("w:p", None, ppr(el("w:pStyle", {"w:val": self.sid("box")})))
        for r in self.runs(self.doc_model.box_label, box.sub("label").text("font")):
            p.append(r)
        tc.append(p)
        tr.append(tc)
        tbl.append(tr)
        self.body_insert(tbl)
        # The 目录
        toc = hd.sub("toc")
        gap_below = box.length("gap_below")
        first = True
        for section in self.doc_model.toc:
            props = (el("w:spacing", {"w:before": twips(gap_below)}),) if first else ()
            self.para("toc_section", self.runs(section.label, toc.sub("section").text("font")), props=props)
            first = False
            for entry in section.entries:
                self.para("toc_entry", self.lines_runs(list(entry), toc.sub("entry").text("font")))

    def pdf_title_lines(self) -> list[str]:
        """The title lines the PDF printed, in order (a title the layout broke)."""
        out = []
        for page in self.r.pages:
            for item in page.items:
                if getattr(item, "kind", None) == "title" and hasattr(item, "glyphs"):
                    out.append("".join(g.ch for g in item.glyphs))
        return out

    def title_lines(self, block: Para, pdf_lines: list[str]) -> list[str]:
        lines = ["".join(r.text for r in line) for line in block.lines]
        if block.broken_by_hand:
            return lines
        # Use the PDF's balanced break when its lines spell this title.
        want = "".join(lines)
        for start in range(len(pdf_lines)):
            got, k = "", start
            while k < len(pdf_lines) and len(got) < len(want):
                got += pdf_lines[k]
                k += 1
            if got == want:
                return pdf_lines[start:k]
        return lines

    def articles(self) -> None:
        L = self.layout
        st = L.styles
        body = self.doc_model.body
        pdf_lines = self.pdf_title_lines()
        new_page = L.page.flag("articles_on_new_page", False)
        for k, block in enumerate(body):
            props: tuple = ()
            if k == 0 and new_page:
                # §17.3.1.23 pageBreakBefore: the articles start on page 2, on its first
                # line (Word keeps space before after a page break; the PDF does not)
                props = (el("w:pageBreakBefore"), el("w:spacing", {"w:before": 0, "w:beforeLines": 0}))
            nxt = body[k + 1] if k + 1 < len(body) else None
            if isinstance(block, Figure):
                self.figure(block, props)
                continue
            role = st[block.kind].font
            if block.kind == "title":
                if isinstance(nxt, Para) and nxt.kind == "subtitle":
                    # the gap goes under the subtitle instead
                    props += (el("w:spacing", {"w:after": 0, "w:afterLines": 0}),)
                self.para("title", self.lines_runs(self.title_lines(block, pdf_lines), role), props=props)
                continue
            runs: list = []
            for li, line in enumerate(block.lines):
                if li:
                    runs.append(self.br())
                for run in line:
                    if run.style == "lead":
                        runs += self.runs(run.text, st["lead"].font, rstyle="lead")
                    else:
                        runs += self.runs(run.text, st.get(run.style, st[block.kind]).font)
            self.para(block.kind, runs, props=props)

    def figure(self, fig: Figure, props: tuple) -> None:
        from PIL import Image

        L = self.layout
        with Image.open(fig.path) as im:
            w_px, h_px = im.size
            dpi = (im.info.get("dpi") or (96, 96))[0] or 96
        w, h = w_px / float(dpi) * 72, h_px / float(dpi) * 72
        max_w = self.geo.text_w / 20
        max_h = L.page.length("type_height") * L.root.sub("pictures").number("max_height_fraction")
        scale = min(1.0, max_w / w, max_h / h)
        inline = self.d.part.new_pic_inline(str(fig.path), Emu(emu(w * scale)), Emu(emu(h * scale)))
        run = el("w:r", None, el("w:drawing", None, inline))
        keep = () if fig.caption else (on("w:keepNext", False),)
        self.para("picture", run, props=props + keep)
        if fig.caption:
            self.para("caption", self.runs(fig.caption, L.styles["caption"].font))

    def banji(self) -> None:
        """The 版记: a table floating at the foot of the last page's type area.

        ECMA-376 Part 1 §17.4.58 tblpPr with vertAnchor="margin" and
        tblpYSpec="bottom" puts the table's bottom on the bottom margin, on
        the page of the paragraph that follows it (the last one of the
        document), text kept `min_gap` grid lines clear above it. Where the
        last page has no room, that paragraph, and with it the table, goes
        to a new page: the 版记 at the foot of a page of its own.
        """
        L, bj_model = self.layout, self.doc_model.banji
        bj = L.root.sub("banji")
        size = bj.length("size")
        role = bj.text("font")
        face = self.fonts.face(role)
        inset = bj.length("indent", em=size)
        color = color_hex(L.color(bj.text("color", "black")))
        W = self.geo.text_w
        label_w = max((sum(face.advance(c) for c in label) * size for label, _ in bj_model.rows), default=0)
        col1 = twips(inset + label_w)
        col2 = W - col1

        def border(width):
            return {"w:val": "single", "w:sz": eighths(width), "w:space": 0, "w:color": color}

        thick, thin = border(bj.length("thick")), border(bj.length("thin"))
        nil = {"w:val": "nil"}
        gap = bj.number("min_gap", 0) * self.geo.line_pitch
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
            p = el("w:p", None, ppr(el("w:pStyle", {"w:val": self.sid("banji")}), el("w:keepNext"), el("w:ind", ind) if ind else None))
            for r in runs:
                p.append(r)
            return p

        breaks = self.banji_breaks()
        for (label, text), cuts in zip(bj_model.rows, breaks):
            runs: list = []
            pos = 0
            for cut in list(cuts) + [len(text)]:
                if pos:
                    runs.append(self.br())
                runs += self.runs(text[pos:cut], role)
                pos = cut
            tbl.append(
                row(
                    cell(col1, bpara(self.runs(label, role), **{"w:left": twips(inset)})),
                    cell(col2, bpara(runs, **{"w:right": twips(inset)})),
                )
            )
        if bj_model.staff:
            tbl.append(row(cell(W, self.staff_paragraph(bj_model.staff, role, size, inset, bpara), span=2, top=thin)))
        self.body_insert(tbl)
        # The anchor: the document's last paragraph, as small as Word allows.
        anchor = self.cfg.length("anchor_size", default=1)
        self.para(
            None,
            props=(
                on("w:snapToGrid", False),
                el("w:spacing", {"w:before": 0, "w:after": 0, "w:line": twips(anchor), "w:lineRule": "exact"}),
                el("w:ind", {"w:firstLine": 0, "w:firstLineChars": 0}),
                el("w:rPr", None, el("w:sz", {"w:val": half_points(anchor)}), el("w:szCs", {"w:val": half_points(anchor)})),
            ),
        )

    def banji_breaks(self) -> list[tuple[int, ...]]:
        """Where the PDF broke each 版记 row between two items (a list reads by
        its items): there the row gets a w:br; inside an item Word breaks itself."""
        bj = self.doc_model.banji
        out: list[tuple[int, ...]] = [() for _ in bj.rows]
        items = getattr(bj, "items", ()) or ()
        lines = [
            "".join(g.ch for g in item.glyphs)
            for page in self.r.pages[-1:]
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

    def staff_paragraph(self, items, role, size, inset, bpara):
        """承办…电话 spread evenly: first flush left, last flush right (tab stops)."""
        face = self.fonts.face(role)
        measure = self.geo.text_w / 20 - 2 * inset
        widths = [sum(face.advance(c) for c in t) * size for t in items]
        min_gap = self.layout.root.sub("banji").length("staff_min_gap", em=size, default=0)
        runs: list = []
        tabs = []
        if len(items) > 1:
            gap = (measure - sum(widths)) / (len(items) - 1)
            if gap >= min_gap:
                x = 0.0
                for k, w in enumerate(widths[:-1]):
                    x += w + gap
                    if k < len(items) - 2:
                        tabs.append(el("w:tab", {"w:val": "left", "w:pos": twips(inset + x)}))
                tabs.append(el("w:tab", {"w:val": "right", "w:pos": twips(inset + measure)}))
        for k, t in enumerate(items):
            if k:
                runs.append(el("w:r", None, el("w:tab")) if tabs else self.runs("  ", role)[0])
            runs += self.runs(t, role)
        p = bpara(runs, **{"w:left": twips(inset), "w:right": twips(inset)})
        if tabs:
            p[0].insert(2, el("w:tabs", None, *tabs))  # after pStyle, keepNext (schema order)
        return p

    # --------------------------------------------------------- section, footers
    def section(self) -> None:
        g, L = self.geo, self.layout
        sec = self.d.sections[0]
        # ECMA-376 Part 1 §17.6.13 pgSz and §17.6.11 pgMar: A4 and the GB/T 9704 margins
        sec.page_width, sec.page_height = Twips(g.page_w), Twips(g.page_h)
        sec.top_margin, sec.bottom_margin = Twips(g.top), Twips(g.bottom)
        sec.left_margin, sec.right_margin = Twips(g.left), Twips(g.right)
        sec.gutter = Twips(0)
        sec.header_distance = Twips(twips(self.cfg.length("header_distance")))
        pn = L.root.sub("page_number")
        size = pn.length("size")
        face = self.fonts.face(pn.text("font"))
        # the 一字线 `dash_below` under the type area: baseline, then the line's bottom (its descent)
        baseline_from_edge = g.bottom / 20 - pn.length("dash_below") - pn.length("dash_rise", em=size)
        sec.footer_distance = Twips(twips(baseline_from_edge + face.descent * size))
        sectPr = sec._sectPr
        grid = sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = el("w:docGrid")
            sectPr.append(grid)
        # ECMA-376 Part 1 §17.6.5 docGrid: linesAndChars, linePitch in twips and
        # charSpace in 4096ths of a point added to the body size: 22 × 28
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(g.line_pitch))
        grid.set(qn("w:charSpace"), str(g.char_space))
        if not L.page.flag("number_first_page", True):
            # §17.10.6 titlePg: page 1 has a footer of its own, an empty one
            sec.different_first_page_header_footer = True
            sec.first_page_footer.is_linked_to_previous = False

    def footers(self) -> None:
        L = self.layout
        sec = self.d.sections[0]
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
            p = el("w:p", None, ppr(el("w:pStyle", {"w:val": self.sid(key)})))
            for r in self.runs(before, role):
                p.append(r)
            for r in self.page_field(role):
                p.append(r)
            for r in self.runs(after, role):
                p.append(r)
            ftr.append(p)

    def page_field(self, role: str) -> list:
        """ECMA-376 Part 1 §17.16.18 fldChar + §17.16.23 instrText: a complex PAGE field (§17.16.5, field definitions)."""

        def fld(kind):
            return el("w:r", None, rpr(el("w:rFonts", {"w:hint": "eastAsia"})), el("w:fldChar", {"w:fldCharType": kind}))

        self.used.setdefault(role, set()).update("0123456789")  # any page's number, for an embedded subset
        instr = el("w:instrText")
        instr.text = " PAGE "
        instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return [
            fld("begin"),
            el("w:r", None, rpr(el("w:rFonts", {"w:hint": "eastAsia"})), instr),
            fld("separate"),
            *self.runs("1", role),
            fld("end"),
        ]

    # --------------------------------------------------------------- settings
    def settings(self) -> None:
        g = self.geo
        body = self.layout.styles["body"]
        kids = [
            el("w:zoom", {"w:percent": 100}),
            # §17.8.3.8 embedTrueTypeFonts, §17.15.1.75 saveSubsetFonts
            el("w:embedTrueTypeFonts") if self.embed else None,
            el("w:saveSubsetFonts") if self.embed else None,
            # §17.15.1.25 defaultTabStop: the body's first-line indent (two grid characters)
            el("w:defaultTabStop", {"w:val": twips(max(body.indent, 1) * g.char_pitch_pt)}),
            # §17.10.1 evenAndOddHeaders: page numbers right on odd pages, left on even ones
            el("w:evenAndOddHeaders"),
            # §17.15.1.18 characterSpacingControl: compressPunctuation (标点压缩)
            el("w:characterSpacingControl", {"w:val": "compressPunctuation"}),
            el(
                "w:compat",
                None,
                # §17.15.3 compat, doNotExpandShiftReturn: a line ended by w:br (a 版记 row
                # broken between items) is not stretched to the right edge
                el("w:doNotExpandShiftReturn"),
                # §17.15.3 compat, compatSetting: Word 2013+ layout
                el(
                    "w:compatSetting",
                    {
                        "w:name": "compatibilityMode",
                        "w:uri": "http://schemas.microsoft.com/office/word",
                        "w:val": int(self.cfg.number("compat_mode", 15)),
                    },
                ),
            ),
            # §17.15.1.88 themeFontLang: the theme's East Asian language is zh-CN
            el("w:themeFontLang", {"w:val": "en-US", "w:eastAsia": self.cfg.text("east_asia_lang", "zh-CN")}),
            el("w:decimalSymbol", {"w:val": "."}),
            el("w:listSeparator", {"w:val": ","}),
        ]
        root = self.d.settings.element
        for child in list(root):
            root.remove(child)
        for c in ordered("w:settings", kids, SETTINGS_ORDER):
            root.append(c)

    # ------------------------------------------------------------- font table
    def font_table(self) -> None:
        """word/fontTable.xml: every font the styles name (§17.8.3.10 font), and with
        --embed-fonts the open fonts' subsets (§17.8.3.6 embedRegular)."""
        from .docx_fonts import ODTTF, font_key, obfuscate, subset

        part = self.d.part.part_related_by(RT.FONT_TABLE)
        for rId in list(part.rels.keys()):
            part.rels.pop(rId, None)
        alt = self.cfg.raw("alt_names", {}) or {}
        charset = self.cfg.text("east_asia_charset", "")
        cjk_names: dict[str, list[str]] = {}  # docx name → roles using it
        for role, spec in self.layout.fonts.items():
            if role != "latin":
                cjk_names.setdefault(spec.docx_name, []).append(role)
        for spec in self.layout.fallback:
            cjk_names.setdefault(spec.docx_name, [])
        names = list(cjk_names)
        if self.latin and self.latin not in names:
            names.insert(0, self.latin)
        embed_roles = [str(x) for x in (self.cfg.raw("embed_roles", []) or [])]
        fstype = self.cfg.raw("embed_fstype", None)
        root = parse_xml(f"<w:fonts {nsdecls('w', 'r')}/>")
        self.embedded: dict[str, tuple[str, str]] = {}
        n = 0
        for name in names:
            font = el("w:font", {"w:name": name})
            if name in alt:
                font.append(el("w:altName", {"w:val": alt[name]}))
            if name in cjk_names and charset:
                font.append(el("w:charset", {"w:val": charset}))
            font.append(el("w:family", {"w:val": "auto"}))
            font.append(el("w:pitch", {"w:val": "variable"}))
            roles = [ro for ro in cjk_names.get(name, []) if ro in embed_roles]
            if self.embed and roles:
                chars: set[str] = set()
                for ro in roles:
                    chars |= self.used.get(ro, set())
                chars = {c for c in chars if not c.isspace()}
                if chars:
                    data = subset(self.layout.fonts[roles[0]].file, chars, name, fstype)
                    key = font_key(name, data)
                    n += 1
                    fpart = Part(PackURI(f"/word/fonts/font{n}.odttf"), ODTTF, obfuscate(data, key), self.d.part.package)
                    rId = part.relate_to(fpart, RT.FONT)
                    font.append(el("w:embedRegular", {"r:id": rId, "w:fontKey": key, "w:subsetted": 1}))
                    self.embedded[name] = (rId, key)
            root.append(font)
        from lxml import etree

        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # ------------------------------------------------------------- properties
    def properties(self) -> None:
        issue, dm = self.r.issue, self.doc_model
        meta = self.layout.root.sub("pdf")
        cp = self.d.core_properties
        when = dt.datetime(issue.date.year, issue.date.month, issue.date.day, tzinfo=dt.timezone.utc)
        cp.title = dm.title
        cp.author = dm.author
        cp.subject = meta.text("subject", "")
        cp.comments = ""
        cp.keywords = ""
        cp.category = ""
        cp.last_modified_by = meta.text("creator", "")
        cp.revision = 1
        cp.language = self.cfg.text("east_asia_lang", "zh-CN")
        cp.created = when.replace(tzinfo=None)
        cp.modified = when.replace(tzinfo=None)
        pkg = self.d.part.package
        for rId, rel in list(pkg.rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                pkg.rels.pop(rId)
        for rel in pkg.rels.values():
            if rel.reltype == RT.EXTENDED_PROPERTIES:
                app = meta.text("creator", "")
                rel.target_part._blob = (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                    f"<Application>{app}</Application><DocSecurity>0</DocSecurity></Properties>"
                ).encode("utf-8")

    # ------------------------------------------------------------------ bytes
    def to_bytes(self) -> bytes:
        raw = io.BytesIO()
        self.d.save(raw)
        out = io.BytesIO()
        with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
                zi.compress_type = zipfile.ZIP_DEFLATED
                zi.create_system = 0
                zi.external_attr = 0
                zout.writestr(zi, zin.read(info.filename), compresslevel=9)
        return out.getvalue()


def write_docx(r, path: Path, embed_fonts: bool = False) -> None:
    """Write the rendered issue `r` as a DOCX to `path` (render.py makes that a temporary file)."""
    w = DocxWriter(r, embed_fonts)
    w.build()
    Path(path).write_bytes(w.to_bytes())
