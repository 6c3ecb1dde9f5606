"""The articles: titles (broken where the PDF broke them), subtitles, section
labels, headings, paragraphs with their leads, pictures and captions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Figure, NoteList, Para
from ..model import Table
from . import footnotes, pictures, tables
from .xml import el

if TYPE_CHECKING:
    from .writer import DocxWriter


def pdf_title_lines(w: "DocxWriter") -> list[str]:
    """The title lines the PDF printed, in order (a title the layout broke)."""
    out = []
    for page in w.r.pages:
        for item in page.items:
            if getattr(item, "kind", None) == "title" and hasattr(item, "glyphs"):
                out.append("".join(g.ch for g in item.glyphs))
    return out


def title_lines(w: "DocxWriter", block: Para, pdf_lines: list[str]) -> list[str]:
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


def articles(w: "DocxWriter") -> None:
    L = w.layout
    st = L.styles
    body = w.doc_model.body
    pdf_lines = pdf_title_lines(w)
    new_page = L.page.flag("articles_on_new_page", False)
    for k, block in enumerate(body):
        props: tuple = ()
        if k == 0 and new_page:
            # §17.3.1.23 pageBreakBefore: the articles start on page 2, on its first
            # line (Word keeps space before after a page break; the PDF does not)
            props = (el("w:pageBreakBefore"), el("w:spacing", {"w:before": 0, "w:beforeLines": 0}))
        nxt = body[k + 1] if k + 1 < len(body) else None
        if isinstance(block, Figure):
            pictures.figure(w, block, props)
            continue
        if isinstance(block, Table):
            tables.table(w, block, props)
            continue
        if isinstance(block, NoteList):
            continue  # its notes are the footnotes of the references above (footnotes.py)
        role = st[block.kind].font
        if block.kind == "title":
            if isinstance(nxt, Para) and nxt.kind == "subtitle":
                # the gap goes under the subtitle instead
                props += (el("w:spacing", {"w:after": 0, "w:afterLines": 0}),)
            w.para("title", w.lines_runs(title_lines(w, block, pdf_lines), role), props=props)
            continue
        runs: list = []
        for li, line in enumerate(block.lines):
            if li:
                runs.append(w.br())
            for run in line:
                if run.style == "lead":
                    runs += w.runs(run.text, st["lead"].font, rstyle="lead")
                elif run.style == "noteref":
                    runs += footnotes.reference(w, run.text, k)
                else:
                    runs += w.runs(run.text, st.get(run.style, st[block.kind]).font)
        w.para(block.kind, runs, props=props)
