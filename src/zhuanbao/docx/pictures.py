"""Pictures in the DOCX: the bytes and the size the layout prepared.

The layout decided each picture's printed size and prepared, once, the file
both writers embed (pictures.prepare: RGB JPEG or PNG, at most
`pictures.max_dpi` at that size); this module only finds that ImageBox in
the pages and embeds it — no second conversion, no second sizing.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx.shared import Emu

from ..document import Figure
from ..layout.boxes import ImageBox
from .xml import el, emu, on

if TYPE_CHECKING:
    from .writer import DocxWriter


def laid_out(w: "DocxWriter", fig: Figure) -> ImageBox:
    """The layout's box for this figure (matched by its file and Markdown line)."""
    for page in w.r.pages:
        for item in page.items:
            if isinstance(item, ImageBox) and item.path == fig.path and item.where == fig.where:
                return item
    raise LookupError(f"the layout placed no picture for {fig.path}")  # a layout bug, not an editor's


def figure(w: "DocxWriter", fig: Figure, props: tuple) -> None:
    box = laid_out(w, fig)
    data = io.BytesIO(box.picture.data) if box.picture else str(box.path)
    inline = w.d.part.new_pic_inline(data, Emu(emu(box.width)), Emu(emu(box.height)))
    run = el("w:r", None, el("w:drawing", None, inline))
    keep = () if fig.caption else (on("w:keepNext", False),)
    w.para("picture", run, props=props + keep)
    if fig.caption:
        w.para("caption", w.runs(fig.caption, w.layout.styles["caption"].font))
