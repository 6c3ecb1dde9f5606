"""The articles: titles (broken where the PDF broke them), subtitles, section
labels, headings, paragraphs with their leads, pictures and captions.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.shared import Emu

from ..document import Figure, NoteList, Para
from ..model import Table
from . import footnotes, tables
from .xml import el, emu, on

if TYPE_CHECKING:
    from .writer import DocxWriter


def articles(w: "DocxWriter") -> None:
    L = w.layout
    st = L.styles
    body = w.doc_model.body
    decided = w.decided
    new_page = decided.articles_on_new_page
    from .family import issue_note_lines

    # the issue's 编者按, where the PDF set it under the 目录, stays on page 1
    first = 0
    if new_page and issue_note_lines(w):
        while first < len(body) and isinstance(body[first], Para) and body[first].kind == "note":
            first += 1
    for k, block in enumerate(body):
        props: tuple = ()
        if k == first and new_page:
            # §17.3.1.23 pageBreakBefore: the articles start on page 2, on its first
            # line (Word keeps space before after a page break; the PDF does not)
            props = (el("w:pageBreakBefore"), el("w:spacing", {"w:before": 0}))
        nxt = body[k + 1] if k + 1 < len(body) else None
        if isinstance(block, Figure):
            figure(w, block, decided.pictures[k], props, decided.prepared.get(k))
            continue
        if isinstance(block, Table):
            tables.table(w, block, decided.tables[k])
            continue
        if isinstance(block, NoteList):
            continue  # its notes are the footnotes of the references above (footnotes.py)
        if block.kind == "note":  # 编者按: its own paragraph style
            from .family import note

            note(w, block, props, keep=k >= first)
            continue
        role = st[block.kind].font
        if block.kind == "title":
            if isinstance(nxt, Para) and nxt.kind == "subtitle":
                # the gap goes under the subtitle instead
                props += (el("w:spacing", {"w:after": 0}),)
            # the title's lines as the layout broke them (by hand or balanced)
            w.para("title", w.lines_runs(list(decided.title_lines[k]), role), props=props)
            continue
        runs: list = []
        for li, line in enumerate(block.lines):
            if li:
                runs.append(w.br())
            for run in line:
                if run.style in ("lead", "emphasis"):  # character styles
                    runs += w.runs(run.text, st[run.style].font, rstyle=run.style)
                elif run.style == "noteref":
                    runs += footnotes.reference(w, run.text, k)
                else:
                    runs += w.runs(run.text, st.get(run.style, st[block.kind]).font)
        w.para(block.kind, runs, props=props)


def figure(w: "DocxWriter", fig: Figure, size: tuple[float, float, int], props: tuple, prepared=None) -> None:
    """The picture at the size the layout gave it, in the whole grid lines
    the layout gave it, so that the text after it stays on the pitch: one line
    of at least that height (§17.3.1.33 lineRule="atLeast"; not "exact", which
    LibreOffice fills from the baseline up, above the paragraph's top), the
    picture style's 1 pt font keeping the baseline on the line's foot. Its
    caption under it. The bytes are those the layout prepared for both
    writers (pictures.prepare: RGB JPEG or PNG, at most max_dpi), not the
    editor's file."""
    L = w.layout
    width, height, lines = size
    spacing = {"w:before": 0, "w:after": 0, "w:line": lines * w.geo.line_pitch, "w:lineRule": "atLeast"}
    data = io.BytesIO(prepared.data) if prepared is not None else str(fig.path)
    inline = w.d.part.new_pic_inline(data, Emu(emu(width)), Emu(emu(height)))
    run = el("w:r", None, el("w:drawing", None, inline))
    keep = () if fig.caption else (on("w:keepNext", False),)
    pic_props = tuple(p for p in props if p.tag != qn("w:spacing"))  # the page break's zero before gives way
    w.para("picture", run, props=pic_props + keep + (el("w:spacing", spacing),))
    if fig.caption:
        w.para("caption", w.runs(fig.caption, L.styles["caption"].font))
