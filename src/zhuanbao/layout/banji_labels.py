"""Each 版记 row's label width, for the decided issue (layout/decided.py).

The PDF hangs a row's items after that row's own label (`报：`, two
characters), not after the widest label of the 版记 (`本期增发：`); the
DOCX, which lays out the 版记 as a table, needs each row's width to hang
them the same way. The labels are set here as `place_banji` sets them (the
版记's font, size and measure, no tracking), kept apart from it so that the
版记's placing can change without this.
"""

from __future__ import annotations

from ..document import Document
from .flow import Typesetter


def record_label_widths(doc: Document, ts: Typesetter) -> None:
    """Fill `ts.decided.banji_label_widths`: one width (pt) per 版记 row."""
    bj = ts.layout.root.sub("banji")
    size = bj.length("size")
    rs = ts.style_of(bj.text("font"), size, bj.text("color", "black"), 0.0, bj.text("latin", ""))
    measure = ts.grid.width - 2 * bj.length("indent", em=size)
    ts.decided.banji_label_widths = [
        ts.set([(label, rs)], measure, align="left", where=doc.header_where)[0].width for label, _ in doc.banji.rows
    ]
