"""The 目录's pitch and the 领导批示 box's height as the layout decided them.

The layout (layout/pages.py toc_and_box) shrinks the box first for a long
目录, then tightens the 目录's lines; the DOCX takes both from page 1's
frames rather than deciding them a second time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..layout.boxes import FrameBox, TextBox

if TYPE_CHECKING:
    from .writer import DocxWriter


def laid_out_sizes(w: "DocxWriter") -> tuple[float, float] | None:
    """(目录 pitch, box height) in pt from page 1, or None when it has no box."""
    if not w.r.pages:
        return None
    page = w.r.pages[0]
    boxes = [i for i in page.items if isinstance(i, FrameBox)]
    if not boxes:
        return None
    toc = sorted(i.baseline for i in page.items if isinstance(i, TextBox) and i.kind in ("toc-section", "toc-entry"))
    steps = [b - a for a, b in zip(toc, toc[1:])]
    pitch = min(steps) if steps else w.layout.root.sub("header").sub("toc").length("pitch")
    return pitch, boxes[0].height
