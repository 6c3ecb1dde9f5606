"""Pages: the page-1 header and 目录, pagination on the grid, the 版记, page numbers."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..document import Document, Para
from ..errors import ContentError, Diagnostic, Where, front_line
from ..fonts import FontBook
from ..layoutfile import Layout
from .banji import BanjiFit, BanjiSettings, Trial, plan
from .boxes import Bookmark, FrameBox, Grid, Page, RuleBox, TextBox
from . import header, notes
from .banji_extra import banji_page
from .decided import Decided, TocEntry, TocSection, line_starts
from .flow import Note, Slot, Typesetter, build_flow
from .text import Line, moved


def _text_box(line: Line, x: float, baseline: float, kind: str, shift: float = 0.0) -> TextBox:
    return TextBox(moved(line.glyphs, shift) if shift else line.glyphs, x, baseline, kind)


def front_page(doc: Document, ts: Typesetter, page: Page, reserve: float = 0.0) -> tuple[float, list[Slot]]:
    """Masthead, number, publisher and date, red rule, 领导批示 box, 目录.

    Returns the y where the 目录 ends, and the 目录 lines that did not fit
    (set as slots at the head of the flow, so nothing is lost).
    """
    layout, grid = ts.layout, ts.grid
    hd = layout.root.sub("header")
    W = grid.width
    down = header.place_marks(doc, ts, page)  # 0 without marks: the header as before

    def header_line(key: str, text: str, align: str) -> None:
        sec = hd.sub(key)
        size = sec.length("size")
        tracking = sec.length("tracking", em=size, default=0)
        rs = ts.style_of(sec.text("font"), size, sec.text("color", "black"), tracking, sec.text("latin", ""))
        indent = sec.length("indent", em=size, default=0)
        for line in ts.set([(text, rs)], W - indent, align=align, where=doc.header_where):
            # letter-spacing adds space after the last character too: take it back
            shift = indent + (tracking / 2 if align == "center" else 0) + (tracking if align == "right" else 0)
            page.items.append(_text_box(line, grid.left, grid.top + sec.length("baseline") + down, key, shift))

    if header.masthead_fits(doc, ts):
        header_line("masthead", doc.masthead, "center")
    else:  # too long for the layout's size: shrunk to the type width, or on rows
        down += header.place_masthead(doc, ts, page, down)
    header_line("number", doc.number_label, "center")
    pl = hd.sub("publisher_line")
    size = pl.length("size")
    rs = ts.style_of(pl.text("font"), size, pl.text("color", "black"), 0.0, pl.text("latin", ""))
    date_lines = ts.set([(doc.date_label, rs)], W, align="right", where=doc.header_where)
    shrunk = header.publisher_size(doc, ts, date_lines[0].width if date_lines else 0.0)
    if shrunk is None:
        header_line("publisher_line", doc.publisher, "left")
    else:  # too long to share the line with the date: set smaller, on one line
        p_rs = ts.style_of(pl.text("font"), shrunk, pl.text("color", "black"), 0.0, pl.text("latin", ""))
        for line in ts.set([(doc.publisher, p_rs)], W, align="left", where=doc.header_where)[:1]:
            x = pl.length("indent", em=size, default=0)
            page.items.append(_text_box(line, grid.left, grid.top + pl.length("baseline") + down, "publisher_line", x))
    for line in date_lines:
        page.items.append(_text_box(line, grid.left, grid.top + pl.length("baseline") + down, "date"))

    rule = hd.sub("rule")
    thick = rule.length("thickness")
    y_rule = grid.top + rule.length("top") + down
    red = layout.color(rule.text("color"))
    page.items.append(RuleBox(grid.left, grid.right, y_rule, thick, red))
    bottom = y_rule + thick / 2
    thin = rule.length("thin_thickness", default=0)
    if thin > 0:
        y_thin = bottom + rule.length("thin_gap") + thin / 2
        page.items.append(RuleBox(grid.left, grid.right, y_thin, thin, red))
        bottom = y_thin + thin / 2

    return toc_and_box(doc, ts, page, bottom, reserve)


def toc_and_box(
    doc: Document, ts: Typesetter, page: Page, bottom: float, reserve: float = 0.0
) -> tuple[float, list[Slot]]:
    """The 领导批示 box and the 目录 under the red rule (which ends at `bottom`);
    `reserve` is kept free under the 目录 (the issue's 编者按).

    The 目录 is set first and the box takes what it leaves, within its
    bounds. A long 目录 first tightens its lines to `toc.min_pitch`, then
    takes the box down to `box.shrink_to`; what still does not fit continues
    at the top of the next pages at the same pitch, in whole entries (an
    entry's lines are never parted by a page break), each page's share one
    slot of whole grid lines so the articles after it stay on the grid.
    """
    layout, grid = ts.layout, ts.grid
    hd = layout.root.sub("header")
    W = grid.width
    toc = hd.sub("toc")
    pitch = toc.length("pitch")
    groups = _toc_entries(doc, ts)
    n_lines = sum(len(g) for g in groups)

    box = hd.sub("box")
    shown = box.flag("show", True)  # a 工作简报 has no 领导批示 box
    y_box = bottom + box.length("gap_above")
    room = grid.bottom - y_box
    min_box = box.number("min_fraction") * room if shown else 0.0
    gap_below = box.length("gap_below") if shown else 0.0
    room -= reserve  # kept under the 目录 (the issue's 编者按)
    if n_lines and n_lines * pitch > room - min_box - gap_below:
        # a long 目录 tightens its lines first
        pitch = max(toc.length("min_pitch"), (room - min_box - gap_below) / n_lines)
    if shown and n_lines and n_lines * pitch > room - min_box - gap_below:
        # then the box gives up room, down to the layout's minimum, before the 目录 runs onto page 2
        shrink = box.number("shrink_to", box.number("min_fraction"))
        if not 0 < shrink <= box.number("min_fraction"):
            raise ContentError(Where(layout.path), "layout key `header.box.shrink_to` should be a fraction above 0 and at most `min_fraction`.")
        min_box = max(shrink * (room + reserve), room - gap_below - n_lines * pitch)
    toc_h = n_lines * pitch + gap_below
    box_h = min(max(room - toc_h, min_box), box.number("max_fraction") * room)
    if not layout.page.flag("articles_on_new_page", True) or not doc.show_toc:
        box_h = min_box  # the articles follow the 目录 (or the header): leave them the room
    ts.decided.toc_pitch, ts.decided.box_height = pitch, (box_h if shown else 0.0)
    if shown:
        frame = box.length("frame", default=0)
        if frame > 0:
            page.items.append(FrameBox(grid.left, y_box, W, box_h, frame, layout.color(box.text("color", "black"))))
        lab = box.sub("label")
        l_size = lab.length("size")
        l_rs = ts.style_of(lab.text("font"), l_size, lab.text("color", "black"))
        pad = box.length("padding")
        for line in ts.set([(doc.box_label, l_rs)], W - 2 * pad, align="left"):
            face = ts.fonts.face(lab.text("font"))
            page.items.append(_text_box(line, grid.left + pad, y_box + pad + face.ascent * l_size, "box-label"))
    y = y_box + box_h + gap_below
    end, overflow = _place_toc(groups, ts, page, y, pitch, toc.sub("entry").text("font"))
    return end, overflow


def _toc_entries(doc: Document, ts: Typesetter) -> list[list[tuple[Line, str]]]:
    """The 目录's lines, grouped: a section label with its first entry, then
    each entry's lines (a title broken where the article's title breaks)."""
    layout, grid = ts.layout, ts.grid
    toc = layout.root.sub("header").sub("toc")
    W = grid.width
    sec_st, ent_st = toc.sub("section"), toc.sub("entry")
    cp = grid.char_pitch
    groups: list[list[tuple[Line, str]]] = []
    title_rs = ts.run_style("title", on_grid=False)
    ts.decided.toc.clear()  # (page 1 may be laid out twice: the 目录 is recorded once)
    ts.decided.runin_toc_breaks.clear()
    for section in doc.toc:
        decided_section = TocSection(section.label)
        ts.decided.toc.append(decided_section)
        s_rs = ts.style_of(sec_st.text("font"), sec_st.length("size"), sec_st.text("color", "black"), cp - sec_st.length("size"))
        label = [(line, "toc-section") for line in ts.set([(section.label, s_rs)], W, indent=sec_st.number("indent") * cp, align="left")]
        e_size = ent_st.length("size")
        e_rs = ts.style_of(ent_st.text("font"), e_size, ent_st.text("color", "black"), cp - e_size, ent_st.text("latin", ""))
        left = ent_st.number("indent") * cp
        measure = W - left - ent_st.number("right_indent", 0) * cp
        hang = ent_st.number("continuation", 0) * cp  # later lines of a title, so entries stand apart
        for n, (entry, where) in enumerate(zip(section.entries, section.wheres)):
            k = 0
            lines = list(label) if n == 0 else []  # a section label never ends a page alone
            if len(entry) == 1 and not section.runin:  # not broken by hand: break it where the article's title breaks
                entry = tuple(ts.title_pieces(entry[0], title_rs, W, where))
            elif len(entry) == 1 and ts.width_of(entry[0], e_rs, where) > measure + 0.01:
                # a run-in 简讯 title has no title lines: too long for the entry's line, it breaks by
                # its grammar at the entry's size as a title would (…专项整治工 / 作先进单位” as text);
                # one that fits stays whole, couplet or not (it prints as no title)
                entry = tuple(ts.title_pieces(entry[0], e_rs, measure - hang, where))
            set_lines: list[str] = []
            for title_line in entry:
                for line in ts.set([(title_line, e_rs)], measure - (hang if k else 0), align="left", where=where):
                    lines.append((_shifted(line, left + (hang if k else 0)), "toc-entry"))
                    set_lines.append(line.text)
                    k += 1
            decided_section.entries.append(TocEntry(tuple(set_lines)))
            if section.runin and len(section.entries[n]) == 1 and len(set_lines) > 1:
                ts.decided.runin_toc_breaks.append((tuple(line.strip() for line in set_lines), where))
            groups.append(lines)
    return groups


def _place_toc(
    groups: list[list[tuple[Line, str]]], ts: Typesetter, page: Page, y: float, pitch: float, role: str
) -> tuple[float, list[Slot]]:
    """The 目录's lines from y on page 1, then at the top of the next pages at
    the same pitch; an entry that does not fit whole moves on whole.
    Returns where page 1's 目录 ends and the continuation as slots."""
    grid = ts.grid
    overflow: list[Slot] = []
    chunk: Slot | None = None
    cap = grid.lines
    for group in groups:
        height = len(group) * pitch
        if chunk is None and y + height <= grid.bottom + 0.01:
            for line, kind in group:
                page.items.append(TextBox(line.glyphs, grid.left, y + ts.baseline(line.size, role, pitch), kind))
                y += pitch
            continue
        fill = len(chunk.boxes) * pitch if chunk else 0.0
        if chunk is None or fill + height > cap * grid.line_pitch + 0.01:
            chunk = Slot(0, [], kind="toc-entry")
            overflow.append(chunk)
            fill = 0.0
        for line, kind in group:
            chunk.boxes.append(TextBox(line.glyphs, grid.left, fill + ts.baseline(line.size, role, pitch), kind))
            fill += pitch
        chunk.lines = min(cap, math.ceil(fill / grid.line_pitch - 1e-6))
    return y, overflow


def _shifted(line: Line, dx: float) -> Line:
    line.glyphs = moved(line.glyphs, dx)
    return line


def paginate(slots: list[Slot], grid: Grid, first_page: Page | None, first_free_line: int) -> tuple[list[Page], int]:
    """Fill pages with slots, breaking only where the keep rules allow.

    A break is taken after the last slot on the page that does not keep with
    the next one; where a whole page keeps together (a pathological chain) the
    page is cut where it is full, so the flow always moves on.
    """
    pages: list[Page] = []
    page = first_page or Page(1)
    cap = grid.lines
    used = first_free_line if first_page else 0
    page.first_line = used
    placed: list[tuple[int, int]] = []  # (slot index, line where it starts); -1-k: slot k's head
    broke = -1  # the slot a carry break was made before
    i = 0
    deferred: list[int] = []  # floating pictures waiting for the next page
    shrunk: dict[int, Slot] = {}  # pictures set smaller to fit where they stand (Slot.smaller)

    def at(idx: int) -> Slot:
        return shrunk.get(idx, slots[idx]) if idx >= 0 else slots[-1 - idx].head  # type: ignore[return-value]

    def finish(upto: list[tuple[int, int]]) -> None:
        for idx, line_no in upto:
            s = at(idx)
            top = grid.top + line_no * grid.line_pitch
            for box in s.boxes:
                if isinstance(box, TextBox):
                    page.items.append(TextBox(box.glyphs, box.x, top + box.baseline, box.kind))
                else:
                    clone = type(box)(**{**box.__dict__, "y": top + box.y})
                    page.items.append(clone)
            if s.bookmark:
                page.bookmarks.append(Bookmark(s.bookmark, top))
            if idx >= 0:
                page.slots.append(idx)
                page.slot_lines.append(line_no)
                if idx in shrunk:
                    page.shrunk[idx] = shrunk[idx]
        pages.append(page)

    while i < len(slots):
        s = slots[i]
        if used == 0 and s.discardable:
            i += 1
            continue
        # a picture waiting for the next page ends its article there: the next
        # article (its section label, its title) starts after it, not before, on
        # as many pages as the waiting pictures take (an article's pictures are
        # never printed inside the next one); only at the article's first slot (a
        # title's second line stays with its first)
        opens_article = (
            bool(deferred)
            and s.kind in ARTICLE_OPENERS
            and not (placed and at(placed[-1][0]).kind in ARTICLE_OPENERS)
        )
        # and its source line (（供稿：…）) signs the article off after them: the
        # pictures are printed before it, as written, when all its lines fit under
        # the last of them (a source of two lines is not parted; under a picture
        # that fills a page alone, the source flows up instead)
        closes_article = (
            bool(deferred)
            and s.kind in ARTICLE_CLOSERS
            and not (placed and at(placed[-1][0]).kind in ARTICLE_CLOSERS)
            and _room_under([slots[d].lines for d in deferred], cap) >= _chain_lines(slots, i)
        )
        # (after such a break the pictures that did not fit the new page wait for the
        # next: the break is taken again until none waits; each one places a picture)
        if (s.break_before or opens_article or closes_article) and placed and (broke != i or deferred):
            broke = i
            finish(placed)
            page = Page(len(pages) + 1)
            placed, used = [], 0
            while deferred and used + slots[deferred[0]].lines <= cap:
                placed.append((deferred.pop(0), used))
                used += slots[placed[-1][0]].lines
            continue
        if s.head is not None and all(at(idx).floats for idx, _ in placed) and s.lines + s.head.lines <= cap:
            placed.append((-1 - i, used))  # a table row at a page's head: its header row first
            used += s.head.lines
        # (a picture kept in place keeps its caption with it: the smaller setting must leave it room)
        kept = _chain_lines(slots, i) - s.lines if s.smaller else 0
        smaller = next((v for v in s.smaller if used + v.lines + kept <= cap), None) if used and not deferred else None
        # and the source line that signs its article off stays under it, not alone at the next
        # page's head, where a smaller setting makes room for both
        signed = i + 1 < len(slots) and slots[i + 1].kind in ARTICLE_CLOSERS
        source = _chain_lines(slots, i + 1) if signed and s.smaller else 0
        if source and used and not deferred and used + s.lines + source > cap:
            smaller = next((v for v in s.smaller if used + v.lines + source <= cap), smaller)
        if smaller is not None and (used + s.lines + kept > cap or (signed and smaller.lines < s.lines)):
            shrunk[i] = replace(smaller, bookmark=s.bookmark, block=s.block)  # a picture set smaller fills the room left, where the editor put it
            placed.append((i, used))
            used += smaller.lines
            i += 1
            continue
        if s.floats and (deferred or (used > 0 and used + s.lines > cap >= s.lines)):
            deferred.append(i)  # to the next page; the text after it flows up into the gap
            i += 1
            continue
        if used + s.lines <= cap:
            placed.append((i, used))
            used += s.lines
            i += 1
            continue
        cut = len(placed)
        while cut > 0 and at(placed[cut - 1][0]).keep_with_next:
            cut -= 1
        # the pictures that opened the page stay: the flow after them was placed before
        cut = max(cut, next((k for k, (idx, _) in enumerate(placed) if not at(idx).floats), len(placed)))
        # On a page of its own the flow must move on, so a chain that keeps
        # together all page long is cut where the page is full; page 1, which
        # holds the header, can hand its share of the flow to page 2.
        own_page = page is not first_page
        if own_page and (cut == 0 or all(at(idx).discardable for idx, _ in placed[:cut])):
            cut = len(placed)
        carried = sum(at(idx).lines for idx, _ in placed[cut:] if not at(idx).discardable)
        if cut < len(placed):
            i = placed[cut][0] if placed[cut][0] >= 0 else -1 - placed[cut][0]
            deferred = [d for d in deferred if d < i]  # those after the cut meet the flow again
            shrunk = {k: v for k, v in shrunk.items() if k < i}  # and are set again, at the size their new place allows
        if not placed and used == 0:
            # a slot taller than a whole page: give it a page of its own
            placed.append((i, used))
            i += 1
            cut = 1
        finish(placed[:cut])
        page = Page(len(pages) + 1, carried=carried if cut < len(placed) else 0)
        placed, used = [], 0
        while deferred and used + slots[deferred[0]].lines <= cap:
            placed.append((deferred.pop(0), used))
            used += slots[placed[-1][0]].lines
    while deferred:  # pictures left over at the end of the flow
        if used + slots[deferred[0]].lines > cap:
            finish(placed)
            page = Page(len(pages) + 1)
            placed, used = [], 0
        placed.append((deferred.pop(0), used))
        used += slots[placed[-1][0]].lines
    finish(placed)
    return pages, used


ARTICLE_OPENERS = ("section", "title")  # slots that start an article: no picture of the one before floats past them
ARTICLE_CLOSERS = ("source",)  # the line that ends an article: a picture of its own floats past it only if the
# source does not fit under the last of its waiting pictures


def _gap_side(slots: list[Slot], i: int) -> tuple[int | None, str]:
    """The block a gap slot belongs to, and whether it stands before that
    block's lines (a label's, a title's space above) or after them."""
    block = slots[i].block
    nxt = next((s.block for s in slots[i + 1 :] if s.kind != "gap"), None)
    return block, "before" if nxt == block else "after"


def _as_printed(slots: list[Slot], pages: list[Page], ts: Typesetter) -> list[Slot]:
    """The flow as the pages print it: a picture set smaller (by the
    pagination, to fit where it stands, or by the 版记's `picture` economy)
    in place of its full size, with what the writers need of that size: the
    size and grid lines the DOCX prints (decided.pictures), the bytes prepared
    again for it (no more than `pictures.max_dpi` at the printed size, in both
    writers), and a note for `proof`."""
    out = list(slots)
    for page in pages:
        for i, small in page.shrunk.items():
            out[i] = small
    resized = [i for i, s in enumerate(out) if s.size and s.block is not None and ts.decided.pictures.get(s.block) != s.size]
    if not resized:
        return out
    from ..pictures import prepare
    from .boxes import ImageBox

    pics = ts.layout.root.sub("pictures")
    max_dpi, quality = pics.number("max_dpi", 300), int(pics.number("jpeg_quality", 90))
    for i in resized:
        small, block = out[i], out[i].block
        whole = ts.decided.pictures[block]
        image = next(b for b in small.boxes if isinstance(b, ImageBox))
        # (its warnings, a CMYK picture's say, were given when it was prepared at full size)
        prepared = prepare(image.path, image.width, image.height, max_dpi, quality, image.where, [])
        ts.decided.pictures[block] = small.size
        ts.decided.prepared[block] = prepared
        out[i] = replace(small, notes=[*small.notes, Note("shrunk", f"{image.width / whole[0]:.0%} of its size")])
        for page in pages:
            if i in page.slots:
                for item in page.items:
                    if isinstance(item, ImageBox) and item.path == image.path and item.width == image.width:
                        item.picture = prepared
    return out


def _shrinkable(slots: list[Slot], page: Page, as_set: bool = True) -> list[tuple[int, int]]:
    """The pictures on `page` that may be set smaller (Slot.smaller), from the
    bottom up: (slot index, grid lines each may give up from its size there,
    or from its full size if not `as_set`)."""
    out = []
    for i in reversed(page.slots):
        if slots[i].smaller:
            now = (page.shrunk.get(i, slots[i]) if as_set else slots[i]).lines
            least = slots[i].smaller[-1].lines
            if now > least:
                out.append((i, now - least))
    return out


def _shrink_pictures(slots: list[Slot], page: Page, lines: int, as_set: bool = True) -> list[Slot] | None:
    """The flow with the pictures on `page` set `lines` grid lines smaller in
    all (than they are set there, or than their full size if not `as_set`),
    from the bottom up, each as far as it may; None if they cannot give that
    many."""
    out = list(slots)
    for i, spare in _shrinkable(slots, page, as_set):
        take = min(spare, lines)
        target = (page.shrunk.get(i, slots[i]) if as_set else slots[i]).lines - take
        small = next(v for v in slots[i].smaller if v.lines == target)
        out[i] = replace(small, bookmark=slots[i].bookmark, block=slots[i].block)
        lines -= take
        if not lines:
            return out
    return None


def _room_under(pictures: list[int], cap: int) -> int:
    """Grid lines left on the page that takes the last of `pictures` (their
    lines), set in order from a new page, each on the next page if it does
    not fit under the one before."""
    used = 0
    for n in pictures:
        used = n if used + n > cap else used + n
    return cap - used


def _chain_lines(slots: list[Slot], i: int) -> int:
    """Grid lines of slot `i` and the slots it keeps with (a source of two lines)."""
    n, j = slots[i].lines, i
    while slots[j].keep_with_next and j + 1 < len(slots):
        j += 1
        n += slots[j].lines
    return n


def floated_pictures(pages: list[Page], slots: list[Slot]) -> dict[int, int]:
    """Each picture the pagination carried past text that follows it in the
    source → the last block printed before it, read off the pages in order."""
    out: dict[int, int] = {}
    before: int | None = None
    for i in (i for page in pages for i in page.slots):
        s = slots[i]
        if s.block is None or s.kind == "gap":
            continue  # (a gap is made with the block after it: 〔简讯〕's space above it)
        if s.floats and before is not None and before > s.block:
            out[s.block] = before
        else:
            before = s.block if before is None else max(before, s.block)
    return out


def floated_places(pages: list[Page], slots: list[Slot], floated: dict[int, int]) -> dict[int, tuple[int, int]]:
    """Where each floated picture (a block of `floated`) is printed: its page's
    number and the grid line its slot starts on, read off the pages, for the
    warning and for `proof`."""
    return {
        slots[i].block: (page.number, at)
        for page in pages
        for i, at in zip(page.slots, page.slot_lines)
        if slots[i].kind == "picture" and slots[i].block in floated
    }


def moved_text(doc: Document, picture: int, chars: int = 12) -> str:
    """The start of the text that follows a floated picture in the source (and
    flowed up before it), to name it in a message."""
    for b in doc.body[picture + 1:]:
        text = "".join((getattr(b, "text", "") or "").split())
        if text:
            return text[:chars] + ("…" if len(text) > chars else "")
    return ""


def floated_warnings(doc: Document, pages: list[Page], slots: list[Slot], floated: dict[int, int]) -> list[Diagnostic]:
    """A picture that the pagination carried past the text after it is
    printed out of the order the editor wrote: each is said, at the picture's
    line in the source, with the text now printed before it and what to do."""
    out = []
    for block, (number, at) in sorted(floated_places(pages, slots, floated).items()):
        fig = doc.body[block]
        where = "at the top of" if at == 0 else "on"
        out.append(
            Diagnostic(
                "warning",
                getattr(fig, "where", None) or doc.header_where,
                f"图片移页 the picture {Path(str(fig.path)).name} does not fit in what is left of page {number - 1}: "
                f"it prints {where} page {number}, and the text that follows it in the source (from "
                f"「{moved_text(doc, block)}」) flows up before it. To keep it where it is written, shorten the text "
                "before it or move it in the source; or set `pictures.float: false` in the layout (the rest of the "
                "page is then left blank).",
            )
        )
    return out


OPENING_ROOM = 3  # grid lines left empty on page 1 that are worth a warning


def _first_chain(flow: list[Slot]) -> tuple[int, list[int]]:
    """Grid lines of the flow's first slots that keep together (an article's
    label, title, subtitle, 编者按 and first lines), the opening gaps left
    out, and the blocks the chain sets, in order."""
    lines, blocks = 0, []
    for s in flow:
        if s.kind == "gap" and not blocks:
            continue
        if s.block is not None and s.block not in blocks:
            blocks.append(s.block)
        lines += s.lines
        if not s.keep_with_next:
            break
    return lines, blocks


def _opening_warning(doc: Document, flow: list[Slot], room: int) -> list[Diagnostic]:
    """When the articles may start on page 1 but the first one's opening
    holds together in more lines than page 1 has left, page 1's foot stays
    empty: say so, and by how much the opening would have to shrink (the
    editor may shorten the 编者按 or the subtitle), rather than leave the
    editor to find it on the page."""
    need, blocks = _first_chain(flow)
    if need <= room or room < OPENING_ROOM or not blocks:
        return []
    first = blocks[0]
    where = getattr(doc.body[first], "where", None)
    if where is not None and where.path is not None and where.path.suffix == ".md":
        where = front_line(where.path, "title", where)  # the article's title line
    # name only what this opening holds: the 编者按 and the subtitle if it has them, else the title
    kinds = {getattr(doc.body[k], "kind", "") for k in blocks}
    what = " or ".join(name for kind, name in (("note", "the 编者按"), ("subtitle", "the subtitle")) if kind in kinds)
    return [
        Diagnostic(
            "warning",
            where or doc.header_where,
            f"首篇移至第 2 页 the first article's opening (its title, subtitle, 编者按 and first lines hold together: "
            f"{need} grid lines) does not fit in the {room} lines left on page 1, so page 1's foot stays empty. "
            f"Shorten {what or 'the title (to one line) or the 目录'} by {need - room} line(s) to start the article on page 1.",
        )
    ]


def banji_lines(doc: Document, ts: Typesetter) -> tuple[list[list], list[list]]:
    """The 版记's distribution rows (报/送/发, items hanging under the first)
    and its staff lines, as glyph lists from the left of its measure."""
    layout, grid = ts.layout, ts.grid
    bj = layout.root.sub("banji")
    size = bj.length("size")
    inset = bj.length("indent", em=size)
    rs = ts.style_of(bj.text("font"), size, bj.text("color", "black"), 0.0, bj.text("latin", ""))
    measure = grid.width - 2 * inset
    rows: list[list] = []
    where = doc.header_where
    ts.decided.banji_label_widths = []  # each row's own label: where the DOCX hangs its items too
    for (label, _), items in zip(doc.banji.rows, doc.banji.items):
        # the label (报：) is a fixed box; the items hang under the first one
        label_line = ts.set([(label, rs)], measure, align="left", where=where)[0]
        label_w = label_line.width
        ts.decided.banji_label_width = max(ts.decided.banji_label_width, label_w)
        ts.decided.banji_label_widths.append(label_w)
        texts = _pack_items(items, ts, rs, measure - label_w, where, bj.number("item_fill"))
        for k, (text, full) in enumerate(texts):
            line = ts.set([(text, rs)], measure - label_w, align="justify" if full else "left", where=where)
            natural = sum(g.face.advance(g.ch) * g.size for g in line[0].glyphs)
            ts.decided.banji_line(k == 0, label * (k == 0) + text, natural, line[0].width, len(line[0].glyphs))
            glyphs = _shifted(line[0], label_w).glyphs
            rows.append((label_line.glyphs + glyphs) if k == 0 else glyphs)
    staff_lines = _spread(doc.banji.staff, ts, rs, measure, bj.length("staff_min_gap", em=size), doc.header_where)
    if doc.banji.copies and staff_lines and len(staff_lines[-1]) == len(doc.banji.copies):
        staff_lines[-1] = _flush_right(staff_lines[-1], measure)  # （共印 N 份） alone on the last line
    ts.decided.staff_rows(doc.banji.staff, staff_lines)
    printed = doc.banji.printed_by
    printed_lines = _spread(printed, ts, rs, measure, bj.length("staff_min_gap", em=size), where) if printed else []
    ts.decided.staff_rows(printed or (), printed_lines, into=ts.decided.banji_printed)
    return rows, staff_lines, printed_lines


def place_banji(
    ts: Typesetter, page: Page, rows: list[list], staff_lines: list[list], pitch: float, printed_lines: list[list] = ()
) -> None:
    """The 版记 on `page`: its last rule on the bottom edge of the type area,
    each block of lines centred between its rules, rows `pitch` apart."""
    layout, grid = ts.layout, ts.grid
    bj = layout.root.sub("banji")
    size = bj.length("size")
    inset = bj.length("indent", em=size)
    role = bj.text("font")
    color = layout.color(bj.text("color", "black"))
    base = ts.baseline(size, role, pitch)
    height = (len(rows) + len(staff_lines) + len(printed_lines)) * pitch
    thick, thin = bj.length("thick"), bj.length("thin")
    x0, x1 = grid.left, grid.right
    y = grid.bottom - height
    ts.decided.banji_top, ts.decided.banji_height, ts.decided.banji_page = y - grid.top, height, page.number
    ts.decided.banji_pitch = pitch
    page.items.append(RuleBox(x0, x1, y + thick / 2, thick, color))
    # each block of lines is centred between the inner edges of its rules
    shift = (thick - (thin / 2 if staff_lines or printed_lines else thick)) / 2
    for glyphs in rows:
        page.items.append(TextBox(glyphs, x0 + inset, y + base + shift, "banji"))
        y += pitch
    if staff_lines:
        page.items.append(RuleBox(x0, x1, y, thin, color))
        shift = (thin / 2 - thick) / 2 if not printed_lines else 0.0
        for glyphs in staff_lines:
            page.items.append(TextBox(glyphs, x0 + inset, y + base + shift, "banji-staff"))
            y += pitch
    if printed_lines:  # the 印发 line, between its own rules (GB/T 9704 §7.4.3)
        page.items.append(RuleBox(x0, x1, y, thin, color))
        shift = (thin / 2 - thick) / 2
        for glyphs in printed_lines:
            page.items.append(TextBox(glyphs, x0 + inset, y + base + shift, "banji-printed"))
            y += pitch
    page.items.append(RuleBox(x0, x1, grid.bottom - thick / 2, thick, color))


def _flush_right(glyphs: list, measure: float) -> list:
    g = glyphs[-1]
    return moved(glyphs, measure - (g.x + g.face.advance(g.ch) * g.size))


ITEM_PARTS = "、"  # an item's own parts (市局机关各处室、直属各单位): where it may be broken


def _part_ends(item: str) -> list[int]:
    """Where an item may be broken: after its own 、, not inside brackets
    (各区（县、市）… is one name)."""
    out, depth = [], 0
    for k, c in enumerate(item[:-1]):
        depth += (c in "（(〔[【") - (c in "）)〕]】")
        if c in ITEM_PARTS and depth == 0:
            out.append(k + 1)
    return out


def _pack_items(
    items: tuple[str, ...], ts: Typesetter, rs, measure: float, where, fill: float
) -> list[tuple[str, bool]]:
    """The lines of one 版记 row: whole items where they fit (a list reads by
    its items); where keeping an item whole would leave a line less than
    `fill` full, the item is broken after one of its own 、 (市局机关各处室、 /
    直属各单位), never inside a name, or else starts the next line whole.
    Only an item longer than a line with no such place is broken as running
    text, after what the line already holds. Returns (text, ends flush) per line."""
    def fits(text: str) -> bool:
        return len(ts.set([(text, rs)], measure, align="left", where=where)) == 1

    out: list[tuple[str, bool]] = []
    cur = ""
    pending = list(items)
    while pending:
        item = pending.pop(0)
        if fits(cur + item):
            cur += item
            continue
        if cur and ts.set([(cur, rs)], measure, align="left")[0].width >= measure * fill:
            out.append((cur, False))  # the item starts the next line whole
            cur = ""
            pending.insert(0, item)
            continue
        head = max((k for k in _part_ends(item) if fits(cur + item[:k])), default=0)
        if head:
            out.append((cur + item[:head], False))
            cur = ""
            pending.insert(0, item[head:])
            continue
        if cur and fits(item):
            out.append((cur, False))  # no part of it fits: whole, on the next line
            cur = ""
            pending.insert(0, item)
            continue
        # longer than a line (no part fits): broken as running text, after what the line holds
        lines = ts.set([(cur + item, rs)], measure, align="left", where=where)
        out.extend((line.text, True) for line in lines[:-1])
        cur = lines[-1].text
    if cur:
        out.append((cur, False))
    return out


def _spread(items: tuple[str, ...], ts: Typesetter, rs, measure: float, min_gap: float, where=None) -> list[list]:
    """Staff items spaced evenly across the measure, first flush left, last
    flush right; items that need more than one row are dealt out evenly
    (承办 … 审核 / 编辑 … 电话, not three and one left alone)."""
    sets = [ts.set([(t, rs)], measure, align="left", where=where) for t in items]
    if all(len(lines) == 1 for lines in sets):
        rows = _even_rows([lines[0] for lines in sets], measure, min_gap)
        if rows:
            return [_spread_row(row, measure) for row in rows]
    out: list[list] = []
    row: list[Line] = []
    for lines in sets:
        if len(lines) != 1:
            out.extend([ln.glyphs for ln in lines])
            continue
        if row and sum(r.width for r in row) + lines[0].width + min_gap * len(row) > measure:
            out.append(_spread_row(row, measure))
            row = []
        row.append(lines[0])
    if row:
        out.append(_spread_row(row, measure))
    return out


def _even_rows(lines: list[Line], measure: float, min_gap: float) -> list[list[Line]] | None:
    """The items in order in as few rows as hold them `min_gap` apart, and
    among those the split most even in count (then the first rows the
    fuller); None if one item alone is wider than the measure."""
    def fits(row: list[Line]) -> bool:
        return sum(r.width for r in row) + min_gap * (len(row) - 1) <= measure

    n = len(lines)
    for count in range(1, n + 1):
        best: tuple[tuple[int, ...], list[list[Line]]] | None = None
        for cuts in itertools.combinations(range(1, n), count - 1):
            bounds = (0, *cuts, n)
            rows = [lines[bounds[k]:bounds[k + 1]] for k in range(count)]
            if not all(fits(row) for row in rows):
                continue
            sizes = [len(row) for row in rows]
            key = (max(sizes) - min(sizes), *(-x for x in sizes))
            if best is None or key < best[0]:
                best = (key, rows)
        if best is not None:
            return best[1]
    return None


def _spread_row(row: list[Line], measure: float) -> list:
    total = sum(r.width for r in row)
    gap = (measure - total) / (len(row) - 1) if len(row) > 1 else 0
    x = 0.0
    glyphs = []
    for r in row:
        glyphs += moved(r.glyphs, x)
        x += r.width + gap
    return glyphs


def number_pages(ts: Typesetter, pages: list[Page]) -> None:
    """"— n —" under the type area: odd pages right, even pages left, 1 character in."""
    layout, grid = ts.layout, ts.grid
    pn = layout.root.sub("page_number")
    size = pn.length("size")
    role = pn.text("font")
    rs = ts.style_of(role, size, pn.text("color", "black"))
    fmt = layout.label(pn.text("format_key"))
    inset = pn.length("inset", em=size)
    baseline = grid.bottom + pn.length("dash_below") + pn.length("dash_rise", em=size)
    first = layout.page.flag("number_first_page", True)
    for page in pages:
        if (page.number == 1 and not first) or not page.numbered:
            continue
        text = fmt.format(n=page.number)
        if page.number % 2:
            line = ts.set([(text, rs)], grid.width - inset, align="right")[0]
            page.items.append(TextBox(line.glyphs, grid.left, baseline, "page-number"))
        else:
            line = ts.set([(text, rs)], grid.width, align="left")[0]
            page.items.append(TextBox(line.glyphs, grid.left + inset, baseline, "page-number"))


def _carry(slots: list[Slot], pages: list[Page], grid: Grid, rows: int, settings: BanjiSettings, run):
    """The last resort: break the last page early, where the keep rules allow,
    so that at least two lines of text go over to the 版记's new page: before
    a paragraph (or a heading, an item) where its lines fit there, so that the
    page before ends where a sentence does — a break inside a sentence above
    empty lines reads as text lost — else inside the last paragraph.
    Returns (slots, pages, lines carried), or None if no break works."""
    last = pages[-1].slots
    room = grid.lines - settings.min_gap - rows * settings.pitch / grid.line_pitch
    for whole in (True, False):
        for k in range(len(last) - 1, 0, -1):
            here = slots[last[k]]
            j = k - 1  # the slot before, past the blank lines between (dropped at a page's head: 〔简讯〕 may start one)
            while j > 0 and slots[last[j]].discardable:
                j -= 1
            before = slots[last[j]]
            # (a picture goes over at its full size: at the head of the 版记's page it has the room)
            tail = [slots[i] for i in last[k:] if not slots[i].discardable]
            lines = sum(s.lines for s in tail)
            if lines < 2 or here.discardable or before.discardable or before.keep_with_next:
                continue
            base = slots
            if lines > room + 1e-6:
                # a picture that goes over may be set smaller to fit there (an article that ends with a photo)
                need = math.ceil(lines - room - 1e-6)
                if need > sum(n for i, n in _shrinkable(slots, pages[-1], as_set=False) if i in last[k:]):
                    break
                base = _shrink_pictures(slots, pages[-1], need, as_set=False) or slots
                lines -= need
            if whole and before.block == here.block:
                continue
            trial = list(base)
            trial[last[k]] = replace(base[last[k]], break_before=True)
            new_pages, used = run(trial)
            fits = (grid.lines - used - settings.min_gap) * grid.line_pitch + 0.01 >= rows * settings.pitch
            if len(new_pages) == len(pages) + 1 and fits:
                return trial, new_pages, lines
    return None


def carried_break(doc: Document, slots: list[Slot]) -> tuple[int, int] | None:
    """Where the carry economy broke the page (the slot it set break_before
    on): its block and the offset of its line in the block's text (0, before
    the block, where the line is not found as the lines run)."""
    j = next((i for i in range(len(slots) - 1, -1, -1) if slots[i].break_before and slots[i].block is not None), None)
    if j is None:
        return None
    k = slots[j].block
    block = doc.body[k]
    if not isinstance(block, Para) or block.kind != "body":
        return (k, 0)
    lines = [s.text for s in slots[: j + 1] if s.block == k and s.kind != "gap" and s.text]
    starts = line_starts("".join(r.text for forced in block.lines for r in forced), lines)
    return (k, starts[-1]) if lines and len(starts) == len(lines) else (k, 0)


@dataclass
class Laid:
    """The issue laid out, with what the layout decided about the 版记."""

    pages: list[Page]
    slots: list[Slot]
    banji: BanjiFit
    typesetter: Typesetter
    front: list[tuple[Slot, int]] = field(default_factory=list)  # slots set on page 1 outside the flow (the issue's 编者按), with their grid lines


def lay_out(
    doc: Document,
    layout: Layout,
    fonts: FontBook,
    warnings: list[Diagnostic],
    decided: Decided | None = None,
    ts: Typesetter | None = None,
) -> Laid:
    """Front page, flow, pagination, the 版记 fitted with the layout's economies, page numbers.

    `decided`, when given, is filled in with what a flow writer needs
    (layout/decided.py). `ts` lets the preview pass a Typesetter that
    remembers lines it has set (preview/memo.py); it must be built on this
    layout, fonts and warnings.
    """
    grid = Grid.from_layout(layout)
    ts = ts or Typesetter(layout, fonts, grid, warnings)
    if decided is not None:
        ts.decided = decided
    page1 = Page(1)
    base_flow = build_flow(doc, ts)
    new_page = layout.page.flag("articles_on_new_page", True) and doc.show_toc
    issue_note = notes.issue_note_lines(base_flow)
    lead = issue_note if new_page else 0  # the issue's 编者按 goes under the 目录
    said = len(warnings)
    toc_end, overflow = front_page(doc, ts, page1, notes.reserve(lead, grid))
    free = min(math.ceil((toc_end - grid.top) / grid.line_pitch - 1e-6) + 1, grid.lines)
    moved = bool(lead) and not overflow and free + lead > grid.lines
    room = max(grid.lines - free, 0)
    if moved:
        # the 编者按 starts page 2 all the same: page 1 is laid out as without it, the
        # 领导批示 box as tall as the 目录 leaves it (not shrunk for a note that went)
        del warnings[said:]
        page1 = Page(1)
        toc_end, overflow = front_page(doc, ts, page1)
    on_new_page = new_page or bool(overflow)
    ts.decided.articles_on_new_page = on_new_page and not overflow  # (after a run-on 目录, under it)
    free = min(math.ceil((toc_end - grid.top) / grid.line_pitch - 1e-6) + 1, grid.lines)
    skip = 0
    if lead and not overflow and not moved:
        paginate(base_flow[:lead], grid, page1, free)
        skip = lead
    elif moved:
        warnings.append(
            Diagnostic(
                "warning",
                getattr(doc.body[0], "where", None) or doc.header_where,
                f"编者按移至下页 the issue's 编者按 ({lead} lines) does not fit under the 目录 on page 1 (room for "
                f"{room}): it starts page 2, page 1 holding the header, the 领导批示 box and the 目录. "
                + (f"Shorten it by {lead - room} line(s) to keep it on page 1." if room else
                   "Page 1 has no line to spare under the 目录, so it stands at the head of page 2, before the "
                   "first article."),
            )
        )
    settings = BanjiSettings.from_layout(layout)
    rows, staff_lines, printed_lines = banji_lines(doc, ts)
    n_rows = len(rows) + len(staff_lines) + len(printed_lines)
    # a 版记 that must stand on an even page gains nothing from economies on an odd one
    parity = layout.root.sub("banji").text("page", "any") == "even"

    def flow(pull: int) -> list[Slot]:
        made = build_flow(doc, ts, {k: settings.pull_squeeze for k in candidates[:pull]}) if pull else base_flow
        # the articles follow a 目录 that ran on, a blank grid line below its last entries (a
        # section's label brings its own); on a page of their own they left the rest of it
        # empty: an unseen issue's page 2 held one entry and 21 empty lines
        gap = [Slot(1, [], discardable=True, kind="gap")] if overflow and made[skip:skip + 1] and made[skip].kind != "gap" else []
        return overflow + gap + made[skip:]

    def run(slots: list[Slot]) -> tuple[list[Page], int]:
        if on_new_page:
            rest, used = paginate(slots, grid, None, 0)
            pages = [Page(1, list(page1.items), list(page1.bookmarks))] + rest
            for k, p in enumerate(pages):
                p.number = k + 1
            return pages, used
        return paginate(slots, grid, Page(1, list(page1.items), list(page1.bookmarks)), free)

    def last_gaps(slots: list[Slot], pages: list[Page]) -> list[int]:
        return [i for i in pages[-1].slots if slots[i].kind == "gap"] if len(pages) > 1 or not on_new_page else []

    candidates: list[int] = []
    base_slots = flow(0)
    base_pages, _ = run(base_slots)
    # paragraphs of the last page, from the bottom: the ones a tighter setting shortens
    for i in reversed(base_pages[-1].slots):
        k = base_slots[i].block
        if k is not None and k not in candidates and isinstance(doc.body[k], Para) and doc.body[k].kind == "body":
            candidates.append(k)
    cache: dict[tuple[int, int, int], tuple[list[Slot], list[Page], int]] = {}
    dropped: dict[tuple[int, int, int], list[tuple[int | None, str]]] = {}  # the gaps each attempt dropped

    def attempt(drop: int, pull: int, shrink: int = 0) -> tuple[list[Slot], list[Page], int]:
        if (drop, pull, shrink) not in cache:
            slots = flow(pull) if pull else base_slots
            pages, used = run(slots)
            if drop:
                gone = set(last_gaps(slots, pages)[-drop:])
                dropped[(drop, pull, shrink)] = [_gap_side(slots, i) for i in sorted(gone)]
                slots = [s for i, s in enumerate(slots) if i not in gone]
                pages, used = run(slots)
            smaller = _shrink_pictures(slots, pages[-1], shrink) if shrink else None
            if smaller is not None:
                slots = smaller
                pages, used = run(slots)
            cache[(drop, pull, shrink)] = (slots, pages, used)
        return cache[(drop, pull, shrink)]

    def trial(drop: int, pull: int, shrink: int) -> Trial:
        _, pages, used = attempt(drop, pull, shrink)
        return Trial(len(pages), grid.lines - used)

    if parity and len(base_pages) % 2:
        settings = replace(settings, economies=())
    spare = sum(n for _, n in _shrinkable(base_slots, base_pages[-1]))
    fit = plan(settings, n_rows, grid.line_pitch, trial, len(last_gaps(base_slots, base_pages)), len(candidates), spare)
    slots, pages, _ = attempt(fit.drop, fit.pull, fit.shrink)
    if fit.own_page and "carry" in settings.economies and not parity:
        carried = _carry(slots, pages, grid, n_rows, settings, run)
        if carried is not None:
            slots, pages, lines = carried
            fit = BanjiFit(settings.pitch, settings.min_gap, used=["carry"], missing=fit.missing, carried=lines)
            warnings.append(
                Diagnostic(
                    "warning",
                    getattr(doc.body[-1], "where", None) or doc.header_where,
                    f"版记另起一页 the 版记 does not fit under the last article on page {len(pages) - 1}, even with "
                    f"the economies the layout allows: {fit.missing} grid line(s) missing, so the last {lines} "
                    f"line(s) go over to page {len(pages)} with it. Shorten the issue by {fit.missing} line(s) to save the page.",
                )
            )
    if fit.own_page:
        pages.append(Page(len(pages) + 1))
        last = doc.body[-1] if doc.body else None
    if fit.own_page and not parity:
        warnings.append(
            Diagnostic(
                "warning",
                getattr(last, "where", None) or doc.header_where,
                f"版记单独成页 the 版记 does not fit under the last article on page {len(pages) - 1}, even with "
                f"the economies the layout allows ({', '.join(settings.economies) or 'none'}): "
                f"{fit.missing} grid line(s) missing, so page {len(pages)} holds only the 版记. "
                f"Shorten the issue by {fit.missing} line(s) to save the page.",
            )
        )
    for block, side in dropped.get((fit.drop, fit.pull, fit.shrink), []) if fit.drop else ():
        if block is not None:  # the blank lines the `gaps` economy dropped, for the DOCX to drop as well
            ts.decided.dropped_gaps.setdefault(block, set()).add(side)
    slots = _as_printed(slots, pages, ts)
    ts.decided.page_break = carried_break(doc, slots) if "carry" in fit.used else None
    place_banji(ts, banji_page(layout, pages, pages[-1]), rows, staff_lines, fit.pitch, printed_lines)
    ts.decided.banji_gap = fit.gap
    number_pages(ts, pages)
    ts.decided.pages = len(pages)
    ts.decided.floated = floated_pictures(pages, slots)
    if not on_new_page and not skip:
        warnings.extend(_opening_warning(doc, base_flow, grid.lines - free))
    warnings.extend(floated_warnings(doc, pages, slots, ts.decided.floated))
    # the issue's 编者按 on page 1: set under the 目录 above (page1's own
    # slots), or the flow's first slot on page 1 (no new page for the
    # articles); the grid line its first line stands on
    first_line = page1.slot_lines[0] if skip else pages[0].slot_lines[0] if issue_note and pages[0].slots[:1] == [0] else None
    if first_line is not None:
        ts.decided.issue_note_on_first_page = issue_note
        ts.decided.issue_note_gap = grid.top + first_line * grid.line_pitch - toc_end
    elif not on_new_page and pages and pages[0].slots[:1] == [0]:
        # to the first block's first line (its gap above, blank lines, is in the distance)
        line = next((ln for i, ln in zip(pages[0].slots, pages[0].slot_lines) if slots[i].kind != "gap"), None)
        if line is not None:
            ts.decided.articles_gap = grid.top + line * grid.line_pitch - toc_end
    elif overflow:
        # under the 目录's run-on entries: from the last entry's line to the first block's first line
        last = len(overflow) - 1  # the run-on entries' last slot
        page = next((p for p in pages if last in p.slots), None)
        if page is not None:
            at = page.slots.index(last)
            line = next((ln for i, ln in zip(page.slots[at + 1:], page.slot_lines[at + 1:]) if slots[i].kind != "gap"), None)
            if line is not None:
                toc_pitch = ts.decided.toc_pitch
                ends = page.slot_lines[at] * grid.line_pitch + len(slots[last].boxes) * toc_pitch
                ts.decided.articles_gap = line * grid.line_pitch - ends
    front = list(zip(base_flow[:skip], page1.slot_lines))  # the issue's 编者按 under the 目录, for proof
    return Laid(pages, slots, fit, ts, front)
