"""Footnotes in the DOCX: real Word footnotes with the PDF's marks.

ECMA-376 Part 1 §17.11: each reference in the text is a run holding
w:footnoteReference (§17.11.14) whose w:id names a w:footnote in the
footnotes part (/word/footnotes.xml, §17.11.12), reached through a
relationship of type …/relationships/footnotes from the document part and
listed in [Content_Types].xml with the footnotes content type (python-docx
writes that entry for every part it holds). The part starts with the
separator and continuation-separator footnotes (ids -1 and 0, §17.11.23)
that Word draws above the notes.

The PDF numbers notes per article (①, ② … after each source), so each
reference carries w:customMarkFollows="1" and its mark as text: Word prints
that mark instead of its own running number, in the text and in the note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from ..document import NoteList
from .xml import el, half_points, ppr, rpr

if TYPE_CHECKING:
    from .writer import DocxWriter

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLE_NAMES = {"footnote": "脚注"}


def _ensure_styles(w: "DocxWriter") -> None:
    for key, name in STYLE_NAMES.items():
        if key not in w.style_names:
            w.style_names[key] = name
            w.style_ids[key] = "zb" + key.capitalize()  # zbFootnote


def styles(w: "DocxWriter") -> list:
    """The note text: 4号 仿宋 (the layout's `notes:`), on the grid, like the PDF's notes."""
    from .styles import latin_role, pstyle_el

    if not any(isinstance(b, NoteList) for b in w.doc_model.body):
        return []  # only a document with notes carries their style
    _ensure_styles(w)
    nt = w.layout.root.sub("notes")
    size = nt.length("size")
    return [
        pstyle_el(w, "footnote", role=nt.text("font"), size=size, color=nt.text("color", "black"), jc="justify",
                  snap=False, exact=w.geo.line_pitch_pt, ascii_role=latin_role(nt))
    ]


def _text_of(w: "DocxWriter", k: int, mark: str) -> str:
    """The note for `mark` at body block k: in the first note list after it (its article's)."""
    for block in w.doc_model.body[k + 1 :]:
        if isinstance(block, NoteList):
            for m, text in block.items:
                if m == mark:
                    return text
            break
    return ""


def _state(w: "DocxWriter") -> list:
    if not hasattr(w, "footnotes"):
        w.footnotes = []  # type: ignore[attr-defined]
    return w.footnotes  # type: ignore[attr-defined]


def _mark_rpr(w: "DocxWriter"):
    nt = w.layout.root.sub("notes")
    return rpr(
        w.rfonts(nt.text("mark_font")),
        el("w:sz", {"w:val": half_points(w.layout.styles["body"].size)}),
        el("w:vertAlign", {"w:val": "superscript"}),  # §17.3.2.42
    )


def reference(w: "DocxWriter", mark: str, k: int) -> list:
    """The runs for a mark in the text at body block k: a footnote reference with its own mark."""
    notes = _state(w)
    note_id = len(notes) + 1
    notes.append((note_id, mark, _text_of(w, k, mark)))
    w.used.setdefault(w.layout.root.sub("notes").text("mark_font"), set()).update(mark)
    t = el("w:t")
    t.text = mark
    # the mark follows the reference in the same run, as Word writes it
    return [el("w:r", None, _mark_rpr(w), el("w:footnoteReference", {"w:customMarkFollows": 1, "w:id": note_id}), t)]


def write_part(w: "DocxWriter") -> None:
    """footnotes.xml with every note referenced, related from the document part."""
    notes = _state(w)
    if not notes:
        return
    _ensure_styles(w)
    nt = w.layout.root.sub("notes")
    root = etree.Element(f"{{{W_NS}}}footnotes", nsmap={"w": W_NS})
    for nid, kind, child in ((-1, "separator", "w:separator"), (0, "continuationSeparator", "w:continuationSeparator")):
        fn = el("w:footnote", {"w:type": kind, "w:id": nid}, el("w:p", None, el("w:r", None, el(child))))
        root.append(fn)
    for nid, mark, text in notes:
        mark_run = el("w:r", None, rpr(w.rfonts(nt.text("font")), el("w:sz", {"w:val": half_points(nt.length("size"))})))
        t = el("w:t")
        t.text = mark
        mark_run.append(t)
        p = el("w:p", None, ppr(el("w:pStyle", {"w:val": w.sid("footnote")})), mark_run, *w.runs(text, nt.text("font")))
        root.append(el("w:footnote", {"w:id": nid}, p))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, w.d.part.package)
    w.d.part.relate_to(part, RT.FOOTNOTES)
