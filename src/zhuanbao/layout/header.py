"""The header's family elements: marks above the masthead, a masthead of any
length, and numbered copies.

`front_page` (pages.py) calls `place_marks` first: it prints 密级, the
restriction mark, the copy number and the line over the masthead on the
first lines of the type area and returns how far everything under them
moves down; then `place_masthead` sets the masthead, shrinking size and
letter-spacing together only as far as the type width needs, or breaking a
long name onto lines as the layout says. Every size, place and label is a
layout value (`header.marks`, `header.copy_number`, `header.over_masthead`,
`header.masthead`).
"""

from __future__ import annotations

import copy
import dataclasses
import math

from ..document import Document
from .boxes import Page, TextBox
from .flow import Typesetter
from .text import moved

COPY_NUMBER_KIND = "copy-number"


def place_marks(doc: Document, ts: Typesetter, page: Page) -> float:
    """Marks on the first lines of the type area; returns the header's shift.

    Lines, from the top: 密级 (secrecy), then the restriction mark, flush
    left; the copy number flush right (or as the layout says) on the first
    line; the over-masthead line centred under them. With none of these the
    shift is 0 and the header prints where it always did.
    """
    left = [t for t in doc.marks if t]
    if not left and not doc.copy_number and not doc.over_masthead:
        return 0.0
    layout, grid = ts.layout, ts.grid
    hd = layout.root.sub("header")
    mk = hd.sub("marks")
    pitch = mk.length("pitch")
    base0 = grid.top + mk.length("baseline")
    n = 0
    for text in left:
        _line(ts, mk, text, "left", base0 + n * pitch, page, "mark", doc)
        n += 1
    if doc.copy_number:
        cn = hd.sub("copy_number")
        _line(ts, cn, doc.copy_number, cn.text("align", "right"), base0, page, COPY_NUMBER_KIND, doc)
        n = max(n, 1)
    if doc.over_masthead:
        om = hd.sub("over_masthead")
        _line(ts, om, doc.over_masthead, "center", base0 + n * pitch, page, "over-masthead", doc)
        n += 1
    return n * pitch + mk.length("extra_shift", default=0)


def _line(ts: Typesetter, sec, text: str, align: str, baseline: float, page: Page, kind: str, doc: Document) -> None:
    size = sec.length("size")
    tracking = sec.length("tracking", em=size, default=0)
    rs = ts.style_of(sec.text("font"), size, sec.text("color", "black"), tracking, sec.text("latin", ""))
    for line in ts.set([(text, rs)], ts.grid.width, align=align, where=doc.header_where):
        shift = (tracking / 2 if align == "center" else 0) + (tracking if align == "right" else 0)
        page.items.append(TextBox(moved(line.glyphs, shift), ts.grid.left, baseline, kind))


def masthead_rows(text: str, max_chars: int) -> list[str]:
    """A masthead longer than `max_chars` in as few, as even rows as fit."""
    n = len(text)
    if n <= max_chars:
        return [text]
    rows = math.ceil(n / max_chars)
    per = math.ceil(n / rows)
    return [text[i : i + per] for i in range(0, n, per)]


def masthead_fits(doc: Document, ts: Typesetter) -> bool:
    """True when the masthead prints at the layout's size on one row."""
    sec = ts.layout.root.sub("header").sub("masthead")
    size = sec.length("size")
    tracking = sec.length("tracking", em=size, default=0)
    rows = masthead_rows(doc.masthead, int(sec.number("max_chars_per_line", 12)))
    return len(rows) == 1 and _natural(ts, sec, rows[0], size, tracking) <= ts.grid.width + 1e-6


def _natural(ts: Typesetter, sec, text: str, size: float, tracking: float) -> float:
    """The row's ink width: its characters and the spaces between them."""
    rs = ts.style_of(sec.text("font"), size, sec.text("color", "black"), tracking, sec.text("latin", ""))
    atoms = ts.shaper.atoms([(text, rs)], None, 1e9)
    return sum(a.width for a in atoms) - tracking


def place_masthead(doc: Document, ts: Typesetter, page: Page, shift: float) -> float:
    """The masthead, fitted to the type width; returns the extra shift of a
    masthead broken onto more than one row (0 for one row).

    A name wider than the type width is first condensed, its characters
    and their spacing narrowed (a 长体, as houses set a long 报头), down to
    the layout's `min_hscale`: it keeps the height that makes it a
    masthead. Only past that do size and letter-spacing shrink, by one
    factor, as far as the widest row needs. Rows are centred and share one
    size and one scale.
    """
    layout, grid = ts.layout, ts.grid
    sec = layout.root.sub("header").sub("masthead")
    size0 = sec.length("size")
    tracking0 = sec.length("tracking", em=size0, default=0)
    rows = masthead_rows(doc.masthead, int(sec.number("max_chars_per_line", 12)))
    widest = max(_natural(ts, sec, r, size0, tracking0) for r in rows)
    need = min(1.0, grid.width / widest) if widest > 0 else 1.0
    floor = float(sec.number("min_hscale", 1.0))
    if not 0.5 <= floor <= 1.0:
        from ..errors import ContentError, Where

        raise ContentError(Where(layout.path), f"layout key `header.masthead.min_hscale: {floor:g}` should be from 0.5 to 1 "
                           "(how far a long masthead's characters may be narrowed).")
    hscale = max(need, floor)
    factor = min(1.0, need / hscale)
    size, tracking = size0 * factor, tracking0 * factor
    rs = ts.style_of(sec.text("font"), size, sec.text("color", "black"), tracking, sec.text("latin", ""))
    row_pitch = sec.length("line_pitch", em=size, default=size * 1.15)
    base = grid.top + sec.length("baseline") + shift
    d = ts.decided
    d.masthead_rows, d.masthead_size, d.masthead_row_pitch, d.masthead_hscale = tuple(rows), size, row_pitch, hscale
    for k, row in enumerate(rows):
        line = ts.set([(row, rs)], 1e9, align="left", where=doc.header_where)[0]
        glyphs = [dataclasses.replace(g, x=g.x * hscale, hscale=g.hscale * hscale) for g in line.glyphs]
        # each glyph sits centred in its cell (size + tracking): the ink
        # starts half the tracking in and ends half of it short
        ink = (line.width - tracking) * hscale
        dx = (grid.width - ink) / 2 - tracking * hscale / 2
        page.items.append(TextBox(moved(glyphs, dx), grid.left, base + k * row_pitch, "masthead"))
    return (len(rows) - 1) * row_pitch


def numbered_copies(pages: list[Page], count: int, ts_fmt: str) -> list[Page]:
    """`count` complete copies of the laid-out pages, each with its number.

    The layout is done once: only the copy number's digits change, and each
    digit keeps the x the layout gave the first copy's digit (a number of
    fixed length in a font with even figures, as the layout's Latin font
    has). Bookmarks stay with the first copy.
    """
    out: list[Page] = []
    for n in range(1, count + 1):
        text = ts_fmt.format(n=n)
        for page in pages:
            clone = Page(page.number, [], list(page.bookmarks) if n == 1 else [], page.numbered)
            for item in page.items:
                if isinstance(item, TextBox) and item.kind == COPY_NUMBER_KIND:
                    glyphs = [copy.copy(g) for g in item.glyphs]
                    if len(text) != len(glyphs):
                        raise ValueError("copy numbers of unequal length")
                    for g, ch in zip(glyphs, text):
                        g.ch = ch
                    item = TextBox(glyphs, item.x, item.baseline, item.kind)
                clone.items.append(item)
            out.append(clone)
    return out


def with_copies(pages: list[Page], doc: Document, count: int, where) -> list[Page]:
    """`render --copies N`: N numbered copies, or one message if the issue
    does not number its copies (`copy_number: true`)."""
    from ..errors import ContentError

    if not doc.copy_number:
        raise ContentError(
            where,
            "--copies 需要编号 numbers copies only when publication.yaml or issue.yaml says `copy_number: true`.",
        )
    if count < 1 or len(doc.copy_format.format(n=count)) != len(doc.copy_number):
        raise ContentError(where, f"--copies {count}: give a number from 1 to the largest the copy number's format holds.")
    return numbered_copies(pages, count, doc.copy_format)


def publisher_size(doc: "Document", ts: "Typesetter", date_width: float) -> float | None:
    """The size the publisher prints at when, at the layout's size, it would
    not leave `publisher_line.min_gap` before the date on their shared line
    (a long 发文机关 name would overprint the date); None when it fits.

    The name shrinks only as far as needed and the decision is recorded for
    the DOCX, with a warning naming publication.yaml.
    """
    from ..errors import Diagnostic

    pl = ts.layout.root.sub("header").sub("publisher_line")
    size = pl.length("size")
    indent = pl.length("indent", em=size, default=0)
    gap = pl.length("min_gap", em=size, default=size)
    rs = ts.style_of(pl.text("font"), size, pl.text("color", "black"), 0.0, pl.text("latin", ""))
    natural = sum(line.width for line in ts.set([(doc.publisher, rs)], 1e6, align="left", where=doc.header_where))
    room = ts.grid.width - indent - date_width - gap
    if natural <= room + 0.01:
        return None
    shrunk = size * room / natural
    ts.decided.publisher_size = shrunk
    ts.shaper.warnings.append(
        Diagnostic(
            "warning",
            doc.header_where,
            f"发文机关 publisher “{doc.publisher}” 太长 is too long to share its line with the date at "
            f"{size:g} pt: it prints at {shrunk:.1f} pt. Shorten it, or give the layout a smaller "
            "`header.publisher_line.size`.",
        )
    )
    return shrunk
