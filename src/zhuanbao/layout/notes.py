"""The 编者按 (editor's note) as grid slots, set off by rules or framed.

family.md: the label (编者按：) in the lead font, the text in 楷体 on the
body's grid, first line indented two characters with the label inside the
indent, broken and justified like the body; a thin rule above and below
across the type width, or a box (layout `editor_note.frame: rules | box`,
`rule`, `color`, `padding`). The rules and the frame lie on the edges of
the grid lines the note takes, so the text after it stays on the grid.
"""

from __future__ import annotations

from ..document import Para
from ..errors import ContentError, Where
from .boxes import FrameBox, Grid, RuleBox, TextBox
from .flow import Slot, Typesetter, line_notes

FRAMES = ("rules", "box")


def note_slots(block: Para, ts: Typesetter, index: int | None = None) -> list[Slot]:
    """One slot a line; the whole note keeps together and with what follows.
    With the block's `index`, the lines whose marks were squeezed are
    recorded for the DOCX (Decided.note_squeezes)."""
    layout, grid = ts.layout, ts.grid
    en = layout.root.sub("editor_note")
    frame = en.text("frame", "rules")
    if frame not in FRAMES:
        raise ContentError(Where(layout.path), f"layout key `editor_note.frame: {frame}` should be rules or box.")
    st = layout.styles["note"]
    size = st.size
    pad = en.length("padding", em=size, default=0) if frame == "box" else 0.0
    measure = grid.width - 2 * pad
    indent = st.indent * grid.char_pitch
    slots: list[Slot] = []
    for k, para in enumerate(block.lines):
        runs = [(r.text, ts.run_style(r.style)) for r in para]
        # searched and squeezed as the body is (no letter-spaced lines), but no mark
        # hangs past the note's rules or frame
        lines = ts.set(runs, measure, indent=indent, align=st.align, where=block.where, fill=True)
        if index is not None:
            ts.decided.squeezed_note(index, k, "".join(r.text for r in para), lines)
        for line in lines:
            base = ts.baseline(line.size or size, st.font)
            slots.append(Slot(1, [TextBox(line.glyphs, grid.left + pad, base, "note")], keep_with_next=True, kind="note",
                              notes=line_notes(line)))  # proof lists its compromises as the body's
    if not slots:
        return slots
    thick = en.length("rule")
    color = layout.color(en.text("color", "black"))
    if frame == "box":
        slots[0].boxes.append(FrameBox(grid.left, 0.0, grid.width, len(slots) * grid.line_pitch, thick, color))
    else:
        slots[0].boxes.append(RuleBox(grid.left, grid.right, 0.0, thick, color))
        slots[-1].boxes.append(RuleBox(grid.left, grid.right, grid.line_pitch, thick, color))
    return slots


def issue_note_lines(flow: list[Slot]) -> int:
    """Lines of the issue's 编者按: the note slots the flow starts with (an
    article's note follows its title, so a note first is the issue's)."""
    n = 0
    while n < len(flow) and flow[n].kind == "note":
        n += 1
    return n


def reserve(lines: int, grid: Grid) -> float:
    """Room the front page keeps under the 目录 for `lines` note lines: the
    lines, the grid line the 目录 ends inside, and one blank line between."""
    return (lines + 2) * grid.line_pitch if lines else 0.0
