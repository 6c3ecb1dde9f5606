"""Named paragraph and character styles (styles.xml): each carries the layout's
font, size, colour, indents and grid spacing, so paragraphs only name a style.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from . import header
from .xml import STYLE_ORDER, color_hex, el, half_points, on, ordered, ppr, rpr, twips

if TYPE_CHECKING:
    from .writer import DocxWriter

# Word's built-in styles keep their English names in the file (Word shows them
# localised: Normal → 正文, Title → 标题, Subtitle → 副标题); their ids are fixed.
BUILTIN = {"Normal": "Normal", "Title": "Title", "Subtitle": "Subtitle", "heading 1": "Heading1", "heading 2": "Heading2"}

def latin_role(sec) -> str | None:
    """The font role a layout section (`header.number`, `banji`, `table` …) names
    for digits and Latin letters, None where it names none (its own font then)."""
    return sec.text("latin", "") or None


def pstyle_el(
    w: "DocxWriter",
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
    cp = w.geo.char_pitch_pt
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
        # §17.3.1.33 spacing: grid lines as twips of the grid's pitch (not
        # beforeLines/afterLines: with no document grid, Word's "line" is the font's)
        "w:before": twips(before + (before_lines or 0) * w.geo.line_pitch_pt),
        "w:after": twips(after + (after_lines or 0) * w.geo.line_pitch_pt),
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
    rp = style_rpr(w, role, size, color, tracking, ascii_role)
    return style_el(w, "paragraph", key, p, rp, default=default)


def style_rpr(
    w: "DocxWriter", role: str, size: float, color: str, tracking: float | None = None, ascii_role: str | None = None
):
    return rpr(
        w.rfonts(role, ascii_role),
        el("w:color", {"w:val": color_hex(w.layout.color(color))}),
        # §17.3.2.35 spacing: letter-spacing in twentieths of a point
        # (written for every paragraph style, 0 too: they are based on Normal, which has the grid's)
        el("w:spacing", {"w:val": twips(tracking)}) if tracking is not None else None,
        el("w:sz", {"w:val": half_points(size)}),
        el("w:szCs", {"w:val": half_points(size)}),
    )


def style_el(w: "DocxWriter", kind: str, key: str, p, rp, default: bool = False):
    name = w.style_names[key]
    s = ordered(
        "w:style",
        [
            el("w:name", {"w:val": name}),
            None if default or kind != "paragraph" else el("w:basedOn", {"w:val": w.sid("body")}),
            el("w:qFormat"),
            p,
            rp,
        ],
        STYLE_ORDER,
    )
    s.set(qn("w:type"), kind)
    s.set(qn("w:styleId"), w.sid(key))
    if default:
        s.set(qn("w:default"), "1")
    if name not in BUILTIN:
        s.set(qn("w:customStyle"), "1")
    return s


def write_styles(w: "DocxWriter") -> None:
    L, st = w.layout, w.layout.styles
    hd, geo = L.root.sub("header"), w.geo
    body = st["body"]
    styles = []
    # Text on the grid, as the layout sets it: each character a cell wide
    # (letter-spacing), each line one grid line high (exact, §17.3.1.33 —
    # the same 28.95 pt in Word and in LibreOffice, whatever the font's height).
    on_grid = dict(tracking=geo.tracking, exact=geo.line_pitch_pt)
    # The body is Word's Normal (正文): on the grid, first line indented in grid characters.
    styles.append(
        pstyle_el(w,
            "body", role=body.font, size=body.size, color=body.color, jc=body.align,
            first_chars=body.indent, default=True, ascii_role=body.latin, **on_grid,
            extra_ppr=(on("w:widowControl"),),
        )
    )

    def text_style(key: str, style_key: str, **kw):
        s = st[style_key]
        align = s.align
        indent = s.indent if align in ("justify", "left") else 0
        args = dict(
            role=s.font, size=s.size, color=s.color, jc=align, first_chars=indent,
            before_lines=s.space_before or None, after_lines=s.space_after or None, ascii_role=s.latin,
        )
        args.update(kw)
        styles.append(pstyle_el(w, key, **args))

    # ECMA-376 Part 1 §17.3.1.14/15 keepNext, keepLines: a title never stands alone at a foot.
    text_style("title", "title", exact=geo.line_pitch_pt, snap=False, keep_next=True, keep_lines=True, outline=0)
    text_style("subtitle", "subtitle", keep_next=True, after_lines=st["title"].space_after or None, **on_grid)
    text_style("section", "section", keep_next=True, **on_grid)
    text_style("heading", "heading", keep_next=True, outline=1, **on_grid)
    text_style("source", "source", **on_grid)
    cap_gap = int(L.root.sub("pictures").number("caption_gap", 0))
    text_style("caption", "caption", before_lines=cap_gap or None, **on_grid)
    # a picture's paragraph: its font 1 pt (anchor_size), so that the baseline, where
    # the picture stands, is on the foot of its exact line (articles.figure)
    styles.append(
        pstyle_el(
            w, "picture", role=body.font, size=w.cfg.length("anchor_size", default=1), color=body.color,
            jc="center", keep_next=True, snap=False, ascii_role=body.latin,
        )
    )
    from . import footnotes, tables  # the table cells' and the footnotes' styles

    styles += tables.styles(w) + footnotes.styles(w)

    # The header lines: exact line heights put each baseline where the layout says.
    w.header_heights = header.header_line_heights(w)
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
            pstyle_el(w,
                key, role=sec.text("font"), size=size, color=sec.text("color", "black"), jc=align,
                # letter-spacing follows the last character too: shift a centred line back by half
                left=tracking if align == "center" else sec.length("indent", em=size, default=0),
                tracking=tracking, exact=w.header_heights[key], snap=False, extra_ppr=extra,
                ascii_role=latin_role(sec),
            )
        )
    lab = hd.sub("box").sub("label")
    styles.append(
        pstyle_el(w, "box", role=lab.text("font"), size=lab.length("size"), color=lab.text("color", "black"), jc="left", snap=False,
                  ascii_role=latin_role(lab))
    )
    toc = hd.sub("toc")
    # the 目录's pitch as the PDF took it; the box as tall less a little slack
    w.toc_pitch = w.decided.toc_pitch
    w.box_height = w.decided.box_height - w.cfg.length("box_slack", default=3.0)
    ts, te = toc.sub("section"), toc.sub("entry")
    styles.append(
        pstyle_el(w,
            "toc_section", role=ts.text("font"), size=ts.length("size"), color=ts.text("color", "black"), jc="left",
            first_chars=ts.number("indent", 0), exact=w.toc_pitch, keep_next=True,
            # the 目录's pitch is its own (tightened when long), not the grid's
            snap=False, tracking=geo.cell_tracking(ts.length("size")), ascii_role=latin_role(ts),
        )
    )
    styles.append(
        pstyle_el(w,
            "toc_entry", role=te.text("font"), size=te.length("size"), color=te.text("color", "black"), jc="left",
            # a title's later lines (after its w:br) hang `continuation` cells further in
            left_chars=te.number("indent", 0) + te.number("continuation", 0),
            hanging_chars=te.number("continuation", 0),
            right_chars=te.number("right_indent", 0) or None, exact=w.toc_pitch,
            snap=False, tracking=geo.cell_tracking(te.length("size")),
            keep_lines=True,  # §17.3.1.15 keepLines: an entry is never parted by a page break
            ascii_role=latin_role(te),
        )
    )
    bj = L.root.sub("banji")
    styles.append(
        pstyle_el(w,
            "banji", role=bj.text("font"), size=bj.length("size"), color=bj.text("color", "black"), jc="justify",
            exact=bj.length("pitch"), snap=False, ascii_role=latin_role(bj),
        )
    )
    pn = L.root.sub("page_number")
    pn_size = pn.length("size")
    inset = pn.length("inset", em=pn_size)
    face = w.fonts.face(pn.text("font"))
    pn_line = (face.ascent - face.descent) * pn_size
    for key, jc, l, r in (("page_number", "right", 0, inset), ("page_number_even", "left", inset, 0)):
        # GB/T 9704 §7.5: 4号半角宋体阿拉伯数字 — the digits in the Song face too
        styles.append(
            pstyle_el(w,
                key, role=pn.text("font"), size=pn_size, color=pn.text("color", "black"), jc=jc, left=l, right=r,
                exact=pn_line, snap=False, ascii_role=pn.text("font"),
            )
        )
    lead = st["lead"]
    styles.append(style_el(w, "character", "lead", None, style_rpr(w, lead.font, lead.size, lead.color, ascii_role=lead.latin)))
    emph = st["emphasis"]  # *emphasis*: the layout's emphasis face (楷体), a character style an editor can change
    emph_rpr = style_rpr(w, emph.font, emph.size, emph.color, ascii_role=emph.latin)
    if emph.marks == "dot":
        emph_rpr.append(el("w:em", {"w:val": "dot"}))  # §17.3.2.12 em: 着重号 under each character
    styles.append(style_el(w, "character", "emphasis", None, emph_rpr))

    from .family import family_styles

    styles += family_styles(w)  # only the family elements this document has

    root = w.d.styles.element
    latent = root.find(qn("w:latentStyles"))
    for child in list(root):
        root.remove(child)
    root.append(doc_defaults(w))
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


def doc_defaults(w: "DocxWriter"):
    body = w.layout.styles["body"]
    rp = rpr(
        w.rfonts(body.font, body.latin),
        el("w:sz", {"w:val": half_points(body.size)}),
        el("w:szCs", {"w:val": half_points(body.size)}),
        # ECMA-376 Part 1 §17.3.2.20 lang: East Asian text is Chinese (PRC)
        el("w:lang", {"w:val": "en-US", "w:eastAsia": w.cfg.text("east_asia_lang", "zh-CN"), "w:bidi": "ar-SA"}),
    )
    auto_space = w.cfg.flag("auto_space", False)
    pp = ppr(
        # §17.3.1.16 kinsoku: 避头尾 (line-start and line-end rules for CJK punctuation)
        on("w:kinsoku"),
        # §17.3.1.21 overflowPunct: off, so punctuation does not hang past the right edge
        on("w:overflowPunct", w.cfg.flag("overflow_punct", False)),
        # §17.3.1.2/3 autoSpaceDE/DN: no automatic space between CJK and Latin/digits
        on("w:autoSpaceDE", auto_space),
        on("w:autoSpaceDN", auto_space),
        el("w:spacing", {"w:line": 240, "w:lineRule": "auto"}),
    )
    return el(
        "w:docDefaults", None, el("w:rPrDefault", None, rp), el("w:pPrDefault", None, pp)
    )
