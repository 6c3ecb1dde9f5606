"""The bulletin family's elements in the DOCX (../shared/spec/family.md):
marks above the masthead, the copy number as editable text, the line over
the masthead, a masthead the layout shrank or broke, heading levels, the
编者按 in its own paragraph style (`编者按`), the 印发 line.

Styles are added only for the elements a document has, so a document with
none of them is the DOCX it always was. Sizes, fonts and frames come from
the layout; where the layout decided a size (the shrunk masthead), it is
read from the laid-out page, not measured again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..document import Para
from docx.oxml.ns import qn

from .xml import color_hex, eighths, el, twips

if TYPE_CHECKING:
    from .writer import DocxWriter

# Word style names when a layout's docx.styles does not name them.
DEFAULT_NAMES = {
    "heading3": "小标题二级",
    "heading4": "小标题三级",
    "note": "编者按",
    "note_label": "编者按标签",
    "marks": "版头标识",
    "over_masthead": "报头上行",
}


def _ensure_names(w: "DocxWriter") -> None:
    for key, name in DEFAULT_NAMES.items():
        if key not in w.style_names:
            w.style_names[key] = name
            w.style_ids[key] = "zb" + "".join(p.capitalize() for p in key.split("_"))


def _kinds(w: "DocxWriter") -> set[str]:
    return {b.kind for b in w.doc_model.body if isinstance(b, Para)}


def family_styles(w: "DocxWriter") -> list:
    """Paragraph and character styles of the family elements this document uses."""
    from .styles import latin_role, pstyle_el, style_el, style_rpr

    _ensure_names(w)
    L, st, dm = w.layout, w.layout.styles, w.doc_model
    kinds = _kinds(w)
    out = []
    # text on the body's grid, as the layout sets it (styles.write_styles)
    on_grid = dict(tracking=w.geo.tracking, exact=w.geo.line_pitch_pt)
    for key in ("heading3", "heading4"):
        if key in kinds:
            s = st[key]
            p = pstyle_el(
                w, key, role=s.font, size=s.size, color=s.color, jc=s.align,
                first_chars=s.indent if s.align in ("justify", "left") else 0, keep_next=True,
                outline=int(key[-1]) - 1, ascii_role=s.latin, **on_grid,
            )
            if s.stroke:  # the PDF strokes a face without bold; Word has its own bold
                rp = p.find(qn("w:rPr"))
                rp.insert(1, el("w:b"))  # after rFonts (§17.3.2.28 order)
            out.append(p)
    if "note" in kinds:
        s = st["note"]
        frame = note_frame(w)
        edge = {"w:val": "single", "w:sz": frame.sz, "w:space": 0,
                "w:color": color_hex(L.color(L.root.sub("editor_note").text("color", "black")))}
        side = dict(edge, **{"w:space": frame.side_space})
        borders = [el("w:top", edge), el("w:left", side), el("w:bottom", edge), el("w:right", side)]
        if not frame.box:
            borders = [borders[0], borders[2]]
        # ECMA-376 Part 1 §17.3.1.24 pBdr: paragraphs of one style share one border
        # set, so the rules (or the box) enclose the whole note. On the grid like
        # the body (exact pitch, the body's letter-spacing), inset by the box's
        # padding as the PDF sets it (layout/notes.py); note() takes the rules'
        # height back out of its lines.
        out.append(
            pstyle_el(
                w, "note", role=s.font, size=s.size, color=s.color, jc=s.align, first_chars=s.indent,
                left=frame.pad, right=frame.right, keep_next=True, extra_ppr=(el("w:pBdr", None, *borders),),
                ascii_role=s.latin, **on_grid,
            )
        )
        lab = st.get("note_label", st["lead"])
        out.append(style_el(w, "character", "note_label", None, style_rpr(w, lab.font, lab.size, lab.color, ascii_role=lab.latin)))
    hd = L.root.sub("header")
    if dm.marks or dm.copy_number:
        mk = hd.sub("marks")
        out.append(
            pstyle_el(
                w, "marks", role=mk.text("font"), size=mk.length("size"), color=mk.text("color", "black"), jc="left",
                exact=mk.length("pitch"), snap=False, ascii_role=latin_role(mk),
                extra_ppr=(el("w:tabs", None, el("w:tab", {"w:val": "right", "w:pos": w.geo.text_w})),),
            )
        )
    if dm.over_masthead:
        om = hd.sub("over_masthead")
        out.append(
            pstyle_el(
                w, "over_masthead", role=om.text("font"), size=om.length("size"), color=om.text("color", "black"),
                jc="center", exact=hd.sub("marks").length("pitch"), snap=False, ascii_role=latin_role(om),
            )
        )
    return out


def marks(w: "DocxWriter") -> None:
    """Lines above the masthead: 密级 and the mark flush left, the copy number
    flush right on the first (plain, editable text), the over-masthead line."""
    dm, hd = w.doc_model, w.layout.root.sub("header")
    lines = list(dm.marks) or ([""] if dm.copy_number else [])
    role = hd.sub("marks").text("font")
    for k, text in enumerate(lines):
        children = list(w.runs(text, role)) if text else []
        if k == 0 and dm.copy_number:
            cn = hd.sub("copy_number")
            children.append(el("w:r", None, el("w:tab")))
            children += w.runs(dm.copy_number, cn.text("font"))
        w.para("marks", children)
    if dm.over_masthead:
        w.para("over_masthead", w.runs(dm.over_masthead, hd.sub("over_masthead").text("font")))


def masthead(w: "DocxWriter") -> bool:
    """A masthead the layout condensed, shrank or broke: its rows at the size
    and scale the layout set them (the decided issue). Returns False when it prints at the
    layout's size (the usual paragraph)."""
    sec = w.layout.root.sub("header").sub("masthead")
    d = w.decided
    if not d.masthead_rows:
        return False
    size = d.masthead_size
    tracking = sec.length("tracking", em=sec.length("size"), default=0) * size / sec.length("size")
    role = sec.text("font")
    # Word adds the letter-spacing after every character and would wrap a row
    # the PDF fits exactly: the last character of a row gets none, the row no
    # indent, and size and spacing are rounded down to Word's units.
    # A condensed masthead (the layout's 长体) narrows its characters by w:w, a
    # percentage (ECMA-376 Part 1 §17.3.2.43), rounded down; Word does not
    # scale w:spacing with it, so the spacing is narrowed here.
    scale = math.floor(d.masthead_hscale * 100)
    sz, sp = math.floor(size * 2), math.floor(tracking * d.masthead_hscale * 20)
    for k, text in enumerate(d.masthead_rows):
        children: list = []
        for piece, spacing in ((text[:-1], sp), (text[-1:], 0)):
            for r in w.runs(piece, role) if piece else []:
                rp = r[0]  # rPr: rStyle? rFonts — spacing, w and sz follow in schema order (§17.3.2.28)
                if spacing:
                    rp.append(el("w:spacing", {"w:val": spacing}))
                if scale < 100:
                    rp.append(el("w:w", {"w:val": scale}))
                rp.append(el("w:sz", {"w:val": sz}))
                rp.append(el("w:szCs", {"w:val": sz}))
                children.append(r)
        # a paragraph a row: the first as tall as the style's exact line (its baseline where the
        # layout's is), each later one a row pitch lower, as the PDF sets them (one paragraph of
        # exact lines a pitch each set the first row a pitch tall and moved all below it down)
        later = (el("w:spacing", {"w:line": twips(d.masthead_row_pitch), "w:lineRule": "exact"}),) if k else ()
        indent = el("w:ind", {"w:left": 0, "w:right": 0, "w:firstLine": 0, "w:firstLineChars": 0})
        w.para("masthead", children, props=later + (indent,))
    return True


@dataclass(frozen=True)
class NoteFrame:
    """The 编者按's rules or box as paragraph borders."""

    box: bool
    pad: float  # pt: the text's inset from the box, left (0 for rules)
    right: float  # pt: the text's inset on the right (see note_frame)
    sz: int  # border width, eighths of a point
    side_space: int  # pt between the text and the box's left/right side

    @property
    def height(self) -> int:
        """Twips the top and bottom borders add to the note (w:space 0)."""
        return 2 * twips(self.sz / 8)


def note_frame(w: "DocxWriter") -> NoteFrame:
    """The box's sides on the type area's edges, as the PDF draws them: the
    text `padding` in, the border `padding` outside it (§17.3.4 space, 0…31
    pt). The top and bottom rules touch the note's first and last line boxes
    (space 0; the text stands clear of them inside its exact lines), so that
    they take as little of the note's grid lines as can be.

    The PDF's measure (type width less the padding) holds n grid cells; the
    DOCX's cells are a little narrower (the letter-spacing is rounded down to
    whole twips, Geometry.tracking), so the right inset grows just enough
    that n + 1 of them never fit where the PDF fits n: the lines break alike."""
    en = w.layout.root.sub("editor_note")
    box = en.text("frame", "rules") == "box"
    size = w.layout.styles["note"].size
    pad = en.length("padding", em=size, default=0) if box else 0.0
    geo = w.geo
    measure = geo.text_w / 20 - 2 * pad
    cells = math.floor(measure / geo.char_pitch_pt + 1e-6)
    fits = min(measure, (cells + 1) * (size + geo.tracking) - 0.05)
    return NoteFrame(box, pad, geo.text_w / 20 - pad - fits, eighths(en.length("rule")), max(0, min(31, int(pad))))


def note(w: "DocxWriter", block: Para, props: tuple, index: int, keep: bool = True, before: float = 0.0) -> None:
    """The 编者按: one paragraph of style `编者按` per paragraph, the label a
    character style. `keep=False` for the issue's note the layout set on page
    1: it does not keep with the article that starts page 2. `before` (pt):
    more room above it, where it is the first block under a 目录 that ran on
    to page 2 (Decided.articles_gap).

    The PDF's rules (or box) lie on the edges of the grid lines the note
    takes (layout/notes.py); Word and LibreOffice add a border's width and
    space to the paragraph's height, so the note's lines are that much
    shorter in all, and the text after it stays on the grid: its lines
    exactly `Decided.note_lines` grid lines tall with the borders, the
    rounding left over as space before the first."""
    from .xml import on

    st = w.layout.styles
    frame = note_frame(w)
    d = w.decided
    lines = d.note_lines.get(index) or sum(1 for _ in block.lines)
    total = lines * w.geo.line_pitch - frame.height
    line = total // lines
    rest = total - line * lines
    if not keep and index == 0:  # the issue's note on page 1: as far below the 目录 as the layout set it
        rest += twips(d.issue_note_gap)
    rest += twips(before)  # (pt: the note first under a 目录 that ran on, Decided.articles_gap)
    props = tuple(p for p in props if p.tag != qn("w:spacing"))  # a page break's zero before gives way
    if not keep:
        props = props + (on("w:keepNext", False),)
    from .articles import squeezed_pieces

    for k, para in enumerate(block.lines):
        runs: list = []
        spans = d.note_squeezes.get((index, k), [])  # lines the layout fitted by squeezing: condensed as much
        at = 0
        for run in para:
            if run.style == "note_label":
                rstyle, role = "note_label", st.get("note_label", st["lead"]).font
            else:
                rstyle, role = None, st["note"].font
            latin = bool(st.get("note_label", st["lead"]).latin if rstyle else st["note"].latin)
            for piece, spacing in squeezed_pieces(run.text, at, spans, w.geo.tracking):
                runs += w.runs(piece, role, rstyle=rstyle, spacing=spacing, latin=latin)
            at += len(run.text)
        spacing = el("w:spacing", {"w:before": rest if k == 0 else 0, "w:line": line, "w:lineRule": "exact"})
        own = props if k == 0 else tuple(p for p in props if p.tag == qn("w:keepNext"))
        w.para("note", runs, props=own + (spacing,))


def even_banji(w: "DocxWriter") -> None:
    """`banji.page: even` where the PDF left a blank page before the 版记:
    the 版记 starts a section of its own on the next even page (§17.6.22
    type evenPage; Word inserts the blank page), whose footers are empty, so
    neither the blank page nor the 版记 page is numbered (GB/T 9704 §7.5)."""
    import copy

    from docx.enum.section import WD_SECTION

    pages = w.r.pages
    if not pages or pages[-1].numbered or getattr(w, "banji_table", None) is None:
        return
    final = w.body[-1]
    p = el("w:p", None, el("w:pPr", None, copy.deepcopy(final)))
    w.banji_table.addprevious(p)  # the articles' section ends here, with its numbered footers
    for ref in final.findall(qn("w:footerReference")):
        final.remove(ref)
    last = w.d.sections[-1]
    last.start_type = WD_SECTION.EVEN_PAGE
    for footer in (last.footer, last.even_page_footer):
        footer.is_linked_to_previous = False  # a new, empty footer: no page number
