"""An article's footnotes: a raised ① in the text, the notes after the source.

A bulletin has no page foot to spare (the 版记 sits there on the last
page), so the notes print as the article's notes, after its source, in 4号
on the grid, each note hanging under its mark. The marks in the text are set
in `notes.mark_size` and raised by `notes.mark_rise`: the line breaker sees
them as narrow characters, and this module lifts them out of the line into a
box of their own, raised, so no writer has to know about superscripts.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import NoteList
from ..errors import ContentError, Where
from .boxes import TextBox
from .flow import Slot, Typesetter, line_notes
from .text import Line, RunStyle, moved


def mark_style(ts: Typesetter) -> RunStyle:
    """The style of a mark in the text (Run(…, "noteref"))."""
    nt = ts.layout.root.sub("notes")
    size = nt.length("mark_size")
    for key in ("font", "mark_font"):
        if nt.text(key) not in ts.layout.fonts:
            raise ContentError(Where(ts.layout.path), f"layout key `notes.{key}: {nt.text(key)}` is not a font role under `fonts`.")
    if not nt.text("marks") or not 0 < size < ts.layout.styles["body"].size:
        raise ContentError(Where(ts.layout.path), "layout keys `notes.marks` (the marks, ①②…) and `notes.mark_size` (smaller than the text) are needed.")
    return replace(ts.style_of(nt.text("mark_font"), size, nt.text("color", "black"), 0.0), attached=True)


def split_marks(box: TextBox, ts: Typesetter) -> list[TextBox]:
    """The line's marks moved into raised boxes of their own (kind `noteref`),
    the boxes in reading order (text before a mark, the mark, the text after),
    so that a reader following the drawing order reads the line in order."""
    nt = ts.layout.root.sub("notes")
    size = nt.length("mark_size")
    marks = set(nt.text("marks"))

    def is_mark(g) -> bool:
        return g.ch in marks and abs(g.size - size) < 1e-6

    if not any(is_mark(g) for g in box.glyphs):
        return [box]
    rise = nt.length("mark_rise", em=size)
    out: list[TextBox] = []
    for g in box.glyphs:
        raised = is_mark(g)
        if out and (out[-1].kind == "noteref") == raised:
            out[-1].glyphs.append(g)
        else:
            out.append(TextBox([g], box.x, box.baseline - rise if raised else box.baseline, "noteref" if raised else box.kind))
    return out


def notes_slots(block: NoteList, ts: Typesetter) -> list[Slot]:
    """Each note on grid lines: its mark at the indent, its text hanging after the mark."""
    nt = ts.layout.root.sub("notes")
    grid = ts.grid
    size = nt.length("size")
    role = nt.text("font")
    rs = ts.style_of(role, size, nt.text("color", "black"), 0.0, nt.text("latin", ""))
    indent = nt.number("indent", 0) * size
    base = ts.baseline(size, role)
    slots: list[Slot] = [Slot(1, [], discardable=True, kind="gap") for _ in range(int(nt.number("space_before", 0)))]
    label = nt.text("label", "")
    lines: list[Line] = []
    if label:
        lines += ts.set([(label, rs)], grid.width, indent=indent, align="left", where=block.where)
    for mark, text in block.items:
        hang = ts.set([(mark, rs)], grid.width, align="left")[0].width
        first = indent
        set_lines = ts.set(
            [(mark, rs), (text, rs)], grid.width, indent=first, where=block.where,
            widths=[grid.width, grid.width - indent - hang],
        )
        for k, line in enumerate(set_lines):
            if k:
                line.glyphs = moved(line.glyphs, indent + hang)
            lines.append(line)
    for k, line in enumerate(lines):
        slots.append(Slot(1, [TextBox(line.glyphs, grid.left, base, "note")], kind="note",
                          keep_with_next=k == 0 or k == len(lines) - 2, notes=line_notes(line)))
    return slots
