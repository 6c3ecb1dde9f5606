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
    from .styles import pstyle_el, style_el, style_rpr

    _ensure_names(w)
    L, st, dm = w.layout, w.layout.styles, w.doc_model
    kinds = _kinds(w)
    out = []
    for key in ("heading3", "heading4"):
        if key in kinds:
            s = st[key]
            p = pstyle_el(
                w, key, role=s.font, size=s.size, color=s.color, jc=s.align,
                first_chars=s.indent if s.align in ("justify", "left") else 0, keep_next=True,
                outline=int(key[-1]) - 1,
            )
            if s.stroke:  # the PDF strokes a face without bold; Word has its own bold
                rp = p.find(qn("w:rPr"))
                rp.insert(1, el("w:b"))  # after rFonts (§17.3.2.28 order)
            out.append(p)
    if "note" in kinds:
        s = st["note"]
        en = L.root.sub("editor_note")
        edge = {"w:val": "single", "w:sz": eighths(en.length("rule")), "w:space": 1,
                "w:color": color_hex(L.color(en.text("color", "black")))}
        sides = ("top", "left", "bottom", "right") if en.text("frame", "rules") == "box" else ("top", "bottom")
        # ECMA-376 Part 1 §17.3.1.24 pBdr: paragraphs of one style share one border
        # set, so the rules (or the box) enclose the whole note
        out.append(
            pstyle_el(
                w, "note", role=s.font, size=s.size, color=s.color, jc=s.align, first_chars=s.indent,
                keep_next=True, extra_ppr=(el("w:pBdr", None, *(el(f"w:{x}", edge) for x in sides)),),
            )
        )
        lab = st.get("note_label", st["lead"])
        out.append(style_el(w, "character", "note_label", None, style_rpr(w, lab.font, lab.size, lab.color)))
    hd = L.root.sub("header")
    if dm.marks or dm.copy_number:
        mk = hd.sub("marks")
        out.append(
            pstyle_el(
                w, "marks", role=mk.text("font"), size=mk.length("size"), color=mk.text("color", "black"), jc="left",
                exact=mk.length("pitch"), snap=False,
                extra_ppr=(el("w:tabs", None, el("w:tab", {"w:val": "right", "w:pos": w.geo.text_w})),),
            )
        )
    if dm.over_masthead:
        om = hd.sub("over_masthead")
        out.append(
            pstyle_el(
                w, "over_masthead", role=om.text("font"), size=om.length("size"), color=om.text("color", "black"),
                jc="center", exact=hd.sub("marks").length("pitch"), snap=False,
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
    """A masthead the layout shrank or broke: its rows at the laid-out size.
    Returns False when it prints at the layout's size (the usual paragraph)."""
    sec = w.layout.root.sub("header").sub("masthead")
    boxes = [i for i in w.r.pages[0].items if getattr(i, "kind", None) == "masthead" and hasattr(i, "glyphs")]
    if not boxes or (len(boxes) == 1 and abs(boxes[0].glyphs[0].size - sec.length("size")) < 1e-6):
        return False
    size = boxes[0].glyphs[0].size
    tracking = sec.length("tracking", em=sec.length("size"), default=0) * size / sec.length("size")
    role = sec.text("font")
    # Word adds the letter-spacing after every character and would wrap a row
    # the PDF fits exactly: the last character of a row gets none, the row no
    # indent, and size and spacing are rounded down to Word's units.
    sz, sp = math.floor(size * 2), math.floor(tracking * 20)
    children: list = []
    for k, box in enumerate(boxes):
        if k:
            children.append(w.br())
        text = "".join(g.ch for g in box.glyphs)
        for piece, spacing in ((text[:-1], sp), (text[-1:], 0)):
            for r in w.runs(piece, role) if piece else []:
                rp = r[0]  # rPr: rStyle? rFonts — spacing and sz follow in schema order
                if spacing:
                    rp.append(el("w:spacing", {"w:val": spacing}))
                rp.append(el("w:sz", {"w:val": sz}))
                rp.append(el("w:szCs", {"w:val": sz}))
                children.append(r)
    row_pitch = (boxes[1].baseline - boxes[0].baseline) if len(boxes) > 1 else None
    props: tuple = (el("w:ind", {"w:left": 0, "w:right": 0, "w:firstLine": 0, "w:firstLineChars": 0}),)
    if row_pitch:
        props = (el("w:spacing", {"w:line": twips(row_pitch), "w:lineRule": "exact"}),) + props
    w.para("masthead", children, props=props)
    return True


def note(w: "DocxWriter", block: Para, props: tuple, keep: bool = True) -> None:
    """The 编者按: one paragraph of style `编者按` per paragraph, the label a
    character style. `keep=False` for the issue's note on page 1: it does not
    keep with the article that starts page 2."""
    from .xml import on

    st = w.layout.styles
    if not keep:
        props = props + (on("w:keepNext", False),)
    for k, line in enumerate(block.lines):
        runs: list = []
        for run in line:
            if run.style == "note_label":
                runs += w.runs(run.text, st.get("note_label", st["lead"]).font, rstyle="note_label")
            else:
                runs += w.runs(run.text, st["note"].font)
        w.para("note", runs, props=props if k == 0 or not keep else ())


def issue_note_lines(w: "DocxWriter") -> int:
    """Lines of the issue's 编者按 the PDF set on page 1 under the 目录 (0: none there)."""
    return sum(1 for i in w.r.pages[0].items if getattr(i, "kind", None) == "note")


def header_shift(w: "DocxWriter") -> float:
    """How far the PDF moved the header down for marks and masthead rows (pt)."""
    L = w.layout
    nb = next((i for i in w.r.pages[0].items if getattr(i, "kind", None) == "number" and hasattr(i, "glyphs")), None)
    if nb is None:
        return 0.0
    expected = L.page.length("margin_top") + L.root.sub("header").sub("number").length("baseline")
    return max(nb.baseline - expected, 0.0)


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
