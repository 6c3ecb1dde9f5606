"""The articles: titles (broken where the PDF broke them), subtitles, section
labels, headings, paragraphs with their leads, pictures and captions.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Emu

from ..document import Figure, NoteList, Para
from ..model import Table
from . import footnotes, tables
from .xml import el, emu, on, twips

if TYPE_CHECKING:
    from .writer import DocxWriter


def articles(w: "DocxWriter") -> None:
    L = w.layout
    st = L.styles
    body = w.doc_model.body
    decided = w.decided
    new_page = decided.articles_on_new_page
    # the issue's 编者按, where the layout set it on page 1 (under the 目录, or
    # in page 1's flow), stays there: it does not keep with the first article
    first = 0
    if decided.issue_note_on_first_page:
        while first < len(body) and isinstance(body[first], Para) and body[first].kind == "note":
            first += 1
    # a picture the PDF carried to the next page stands after the block it follows there
    follows: dict[int, list[int]] = {}
    for fig, after in sorted(decided.floated.items()):
        follows.setdefault(after, []).append(fig)
    order = [j for k in range(len(body)) if k not in decided.floated for j in (k, *follows.get(k, ()))]
    for k in order:
        block = body[k]
        props: tuple = ()
        # where the layout carried the last lines over with the 版记, the page breaks there too
        brk = decided.page_break[1] if decided.page_break and decided.page_break[0] == k else None
        if (k == first and new_page) or (brk == 0 and isinstance(block, (Para, Figure))):
            # §17.3.1.23 pageBreakBefore: the articles start on page 2, or the carried lines
            # (a title, a section's label, a paragraph, a picture) the 版记's page, on its first line
            # (Word keeps space before after a page break; the PDF drops it at a page's head)
            props = (el("w:pageBreakBefore"), el("w:spacing", {"w:before": 0}))
        if k == order[0] and decided.articles_gap is not None and isinstance(block, Para) and block.kind != "note":
            # the articles under page 1's 目录: the first stands on the grid line the layout chose,
            # as far below the 目录 as in the PDF (Word and LibreOffice would set it right under)
            gap = decided.articles_gap
            box = L.root.sub("header").sub("box")
            if not decided.toc and box.flag("show", True):
                gap += box.length("gap_below")  # no 目录 took the space under the box (docx/header)
            props = _spacing(props, {"w:before": twips(gap)})
        nxt = body[k + 1] if k + 1 < len(body) else None
        if k in decided.dropped_gaps and isinstance(block, Para):
            # the blank line the 版记's economy dropped on the last page (a label's or title's)
            props = _spacing(props, {f"w:{side}": 0 for side in sorted(decided.dropped_gaps[k])})
        if isinstance(block, Figure):
            figure(w, block, decided.pictures[k], props, decided.prepared.get(k), decided.caption_lines.get(k))
            continue
        if isinstance(block, Table):
            tables.table(w, block, decided.tables[k])
            continue
        if isinstance(block, NoteList):
            continue  # its notes are the footnotes of the references above (footnotes.py)
        if block.kind == "note":  # 编者按: its own paragraph style
            from .family import note

            # first under a 目录 that ran on to page 2: as far below its last entry as the PDF sets it,
            # and like the PDF's, free to end that page (a section's blank line follows it)
            under = k == order[0] and not new_page and decided.articles_gap is not None
            note(w, block, props, k, keep=k >= first and not under, before=decided.articles_gap if under else 0.0)
            continue
        role = st[block.kind].font
        if block.kind == "title":
            if isinstance(nxt, Para) and nxt.kind == "subtitle":
                # the gap goes under the subtitle instead
                props = _spacing(props, {"w:after": 0})
            # the title's lines as the layout broke them (by hand or balanced)
            w.para("title", w.lines_runs(list(decided.title_lines[k]), role), props=props)
            continue
        if k in decided.subtitle_lines:  # too long for a line: its lines as the layout broke them
            w.para("subtitle", w.lines_runs(list(decided.subtitle_lines[k]), role), props=props)
            continue
        if k in decided.keep_with_next:
            props += (el("w:keepNext"),)  # §17.3.1.15: as the layout kept it with its table
        spans = decided.body_squeezes.get(k, []) if block.kind == "body" else []
        runs: list = []
        at = 0  # offset of the run in the paragraph's text (decided.body_squeezes)
        for li, line in enumerate(block.lines):
            if li:
                runs.append(w.br())
            for run in line:
                if run.style == "noteref":
                    runs += footnotes.reference(w, run.text, k)
                else:
                    rstyle = run.style if run.style in ("lead", "emphasis") else None  # character styles
                    rst = st[run.style] if rstyle else st.get(run.style, st[block.kind])
                    role = rst.font
                    parts = [(run.text, at)]
                    if brk and at < brk < at + len(run.text):
                        parts = [(run.text[: brk - at], at), (run.text[brk - at :], brk)]
                    for text, start in parts:
                        if brk and start == brk:
                            runs.append(el("w:r", None, el("w:br", {"w:type": "page"})))  # §17.3.3.1
                        for piece, spacing in squeezed_pieces(text, start, spans, w.geo.tracking):
                            runs += w.runs(piece, role, rstyle=rstyle, spacing=spacing, latin=bool(rst.latin))
                at += len(run.text)
        w.para(block.kind, runs, props=props)


def _spacing(props: tuple, attrs: dict) -> tuple:
    """`props` with `attrs` in its w:spacing (one element: a paragraph has one, §17.3.1.33)."""
    for p in props:
        if p.tag == qn("w:spacing"):
            for name, value in attrs.items():
                p.set(qn(name), str(value))
            return props
    return props + (el("w:spacing", attrs),)


def squeezed_pieces(
    text: str, at: int, spans: list[tuple[int, int, float]], tracking: float
) -> list[tuple[str, int | None]]:
    """`text` (at offset `at` of its paragraph) cut where the lines the layout
    fitted by squeezing punctuation begin and end; each piece of such a line
    gets the body's letter-spacing (`tracking`) less what its characters gave
    up, in twentieths of a point rounded to condense at least as much as the
    PDF did, so that the line still fits (§17.3.2.35 w:spacing replaces the
    style's, it does not add to it). Other pieces keep the style's (None)."""
    out: list[tuple[str, int | None]] = []
    pos, end = at, at + len(text)
    for start, stop, pt in spans:
        lo, hi = max(start, pos), min(stop, end)
        if lo >= hi:
            continue
        if lo > pos:
            out.append((text[pos - at:lo - at], None))
        out.append((text[lo - at:hi - at], round(tracking * 20) - math.ceil(pt * 20 - 1e-9)))
        pos = hi
    if pos < end or not out:
        out.append((text[pos - at:], None))
    return out


def figure(
    w: "DocxWriter", fig: Figure, size: tuple[float, float, int], props: tuple, prepared=None,
    caption_lines: tuple[str, ...] | None = None,
) -> None:
    """The picture at the size the layout gave it, in the whole grid lines
    the layout gave it, so that the text after it stays on the pitch: one line
    of at least that height (§17.3.1.33 lineRule="atLeast"; not "exact", which
    LibreOffice fills from the baseline up, above the paragraph's top), the
    picture style's 1 pt font keeping the baseline on the line's foot. Its
    caption under it, on the lines the layout broke it into if too long
    for one. The bytes are those the layout prepared for both
    writers (pictures.prepare: RGB JPEG or PNG, at most max_dpi), not the
    editor's file."""
    L = w.layout
    width, height, lines = size
    spacing = {"w:before": 0, "w:after": 0, "w:line": lines * w.geo.line_pitch, "w:lineRule": "atLeast"}
    data = io.BytesIO(prepared.data) if prepared is not None else str(fig.path)
    inline = w.d.part.new_pic_inline(data, Emu(emu(width)), Emu(emu(height)))
    # no distance from the text around it, said (§20.4.2.8 inline: distT … distR): without them
    # LibreOffice keeps 0.125 in at the sides and a picture as wide as the type area runs 9 pt
    # past the right margin
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")
    run = el("w:r", None, el("w:drawing", None, inline))
    keep = () if fig.caption else (on("w:keepNext", False),)
    pic_props = tuple(p for p in props if p.tag != qn("w:spacing"))  # the page break's zero before gives way
    w.para("picture", run, props=pic_props + keep + (el("w:spacing", spacing),))
    if fig.caption:
        role = L.styles["caption"].font
        w.para("caption", w.lines_runs(list(caption_lines), role) if caption_lines else w.runs(fig.caption, role))
