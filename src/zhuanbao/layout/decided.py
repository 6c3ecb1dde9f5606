"""The decided issue: what the layout decided that a flow writer (the DOCX)
must lower as it is, instead of working it out a second time.

The PDF reads positioned glyphs; Word and WPS break their own lines, so the
DOCX gets the decisions themselves: where a title and a 版记 row break, the
目录's entries as broken, the 领导批示 box and the 目录's pitch, picture
sizes, where the articles start and where the 版记 stands. The layout fills
this in at the point where it decides each one (`Typesetter.decided`);
nothing here measures text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Where


@dataclass
class TocEntry:
    """One 目录 entry: its lines as set (a title's breaks and any wrap)."""

    lines: tuple[str, ...]


@dataclass
class TocSection:
    label: str
    entries: list[TocEntry] = field(default_factory=list)


@dataclass
class BanjiLine:
    """One line of a 版记 row as set; `squeeze` is the pt each character gave
    up so that the line fits (punctuation squeezed), 0 for most lines."""

    text: str
    squeeze: float = 0.0


@dataclass
class TableGeometry:
    """What the layout decided about a table, for the DOCX to lower."""

    widths: list[float]  # each column's, in pt
    heights: list[float] = field(default_factory=list)  # each row's incl. the header, in pt
    aligns: list[list[str]] = field(default_factory=list)  # each row's cells' alignment
    keeps: list[bool] = field(default_factory=list)  # each row keeps with the next (table.keep_rows)


@dataclass
class Decided:
    """Filled in by `layout.pages.lay_out`; every length in pt."""

    # the articles start on a page of their own (page 2), not under the 目录 (on page 1, or
    # under its last entries where it ran on: then articles_gap is how far below them)
    articles_on_new_page: bool = True
    # index of a title block in Document.body → its lines as the PDF set them
    title_lines: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # titles set on three lines though two lines' width (a quotation or a number kept whole): check says so
    # → why: "quote" (a quotation or number kept whole) or "space" (the first of two lines could not end
    # at the editor's typed space, so a line ends there and the title takes a third)
    titles_kept_whole: dict[int, str] = field(default_factory=dict)
    # index of a subtitle too long for a line → its lines, broken as a title is (never inside a word)
    subtitle_lines: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # index of a figure whose caption is too long for a line → the caption's lines, broken as a title is
    caption_lines: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # index of a body paragraph in Document.body → its lines whose marks the
    # layout squeezed: (start, end) offsets of the line in the paragraph's
    # text (its runs, hand-broken lines run together) and the pt each of the
    # line's characters gives up to condense the line by as much. Word and
    # LibreOffice break the lines themselves and squeeze no mark: condensed
    # so, they take the same characters on a line as the PDF.
    body_squeezes: dict[int, list[tuple[int, int, float]]] = field(default_factory=dict)
    # the same for the paragraphs of a 编者按: (index of the note block, its
    # paragraph) → the squeezed lines' spans in that paragraph's text
    note_squeezes: dict[tuple[int, int], list[tuple[int, int, float]]] = field(default_factory=dict)
    # index of a Figure in Document.body → (width, height, grid lines it takes):
    # the picture centred in that many whole lines
    pictures: dict[int, tuple[float, float, int]] = field(default_factory=dict)
    # index of a Figure → the picture as both writers embed it (pictures.prepare)
    prepared: dict[int, object] = field(default_factory=dict)
    # index of a Figure the pagination carried past the text after it
    # (pictures.float) → index of the block it now follows: the DOCX prints
    # it there too (Word and LibreOffice would leave the gap and add a page)
    floated: dict[int, int] = field(default_factory=dict)
    # where the last page begins when the layout carried lines of the last
    # article over with the 版记 (its carry economy): (index of the block,
    # offset in its text, 0 before it). The DOCX breaks the page there too:
    # without it Word and LibreOffice set those lines on the page before and
    # the 版记 alone on the last
    page_break: tuple[int, int] | None = None
    # index of a Table → its columns' widths, rows' heights, cells' alignment and rows' keeps
    tables: dict[int, "TableGeometry"] = field(default_factory=dict)
    # body paragraphs that keep with the block after them (主要战果如下表： with its table)
    keep_with_next: set[int] = field(default_factory=set)
    toc: list[TocSection] = field(default_factory=list)
    # 简讯 titles (run in, no title lines) the layout broke in the 目录: their lines and article,
    # for check and proof to name
    runin_toc_breaks: list[tuple[tuple[str, ...], Where | None]] = field(default_factory=list)
    toc_pitch: float = 0.0  # the 目录's line pitch, tightened when it is long
    box_height: float = 0.0  # the 领导批示 box
    publisher_size: float = 0.0  # the publisher shrunk to share its line with the date; 0: the layout's size
    # each 版记 row's lines as broken (the label in the first)
    banji_lines: list[list[BanjiLine]] = field(default_factory=list)
    banji_label_width: float = 0.0  # the widest row label (报：), where the items hang
    # each row's own label width, where that row's items hang (the PDF hangs a
    # row after its own label, not after the widest one)
    banji_label_widths: list[float] = field(default_factory=list)
    # the staff line(s) under the thin rule: each row's items with the x where
    # each starts, from the left of the 版记's measure
    banji_staff: list[list[tuple[str, float]]] = field(default_factory=list)
    # the 印发 line(s) between their own rules, recorded like the staff rows
    banji_printed: list[list[tuple[str, float]]] = field(default_factory=list)
    banji_top: float = 0.0  # the 版记's top edge, from the top of the type area of its page
    banji_height: float = 0.0  # from its top edge to the foot of the type area
    banji_page: int = 0  # the page it stands on (the last)
    # its rows' pitch and the grid lines kept free above it, as the economies
    # left them (layout/banji.py: rows closer, less blank above): the DOCX's
    # rows and its text's distance from the table are these, not the layout's
    banji_pitch: float = 0.0
    banji_gap: float | None = None
    # blocks of the last page whose blank grid line the 版记's `gaps` economy dropped: "before"
    # (a section label's, a title's) or "after" it (a title's); the DOCX drops that space too
    dropped_gaps: dict[int, set[str]] = field(default_factory=dict)
    pages: int = 0
    # the masthead as set: its rows, their size and the pitch between rows
    # (the layout shrinks or breaks a masthead that does not fit)
    masthead_rows: tuple[str, ...] = ()
    masthead_size: float = 0.0
    masthead_row_pitch: float = 0.0
    masthead_hscale: float = 1.0  # its characters' width, condensed to fit (a 长体), 1 if not
    # index of a 编者按 block in Document.body → the grid lines it takes
    note_lines: dict[int, int] = field(default_factory=dict)
    # grid lines of the issue's 编者按 the layout set on page 1 (0: none
    # there, or no issue note): the DOCX keeps it there
    issue_note_on_first_page: int = 0
    issue_note_gap: float = 0.0  # from the end of page 1's 目录 to the top of that note
    # the articles under page 1's 目录 (no 编者按 there): from the 目录's end to the top of the
    # grid line the first block's first line stands on, its blank lines above included (None:
    # the articles start on a page of their own)
    articles_gap: float | None = None

    def banji_line(self, first: bool, text: str, natural: float, width: float, n: int) -> None:
        """Record a 版记 line: `natural` and `width` are its width before and
        after the line was fitted, `n` its characters."""
        if first:
            self.banji_lines.append([])
        squeeze = max(0.0, natural - width) / n if n else 0.0
        self.banji_lines[-1].append(BanjiLine(text, squeeze))

    def squeezed_marks(self, index: int, text: str, lines: list) -> None:
        """Record the lines of body paragraph `index` (its `text` set as
        `lines`, each with the `squeezes` of its marks) whose marks the layout
        squeezed."""
        spans = squeezed_spans(text, lines)
        if spans:
            self.body_squeezes[index] = spans
        else:
            self.body_squeezes.pop(index, None)

    def squeezed_note(self, index: int, para: int, text: str, lines: list) -> None:
        """The same for paragraph `para` of the 编者按 at `index`."""
        spans = squeezed_spans(text, lines)
        if spans:
            self.note_squeezes[(index, para)] = spans
        else:
            self.note_squeezes.pop((index, para), None)


    def staff_rows(self, items: tuple[str, ...], rows: list[list], into: list | None = None) -> None:
        """Record where the layout spread the staff items (`rows`: each row's
        glyphs, x from the measure's left). A row whose glyphs are not whole
        items (an item broken across lines) is recorded as one piece."""
        todo = list(items)
        for glyphs in rows:
            text = "".join(g.ch for g in glyphs)
            row: list[tuple[str, float]] = []
            pos = 0
            while todo and text.startswith(todo[0], pos) and todo[0]:
                row.append((todo[0], glyphs[pos].x))
                pos += len(todo.pop(0))
            if pos != len(text):
                row = [(text, glyphs[0].x if glyphs else 0.0)]
            (self.banji_staff if into is None else into).append(row)


def squeezed_spans(text: str, lines: list) -> list[tuple[int, int, float]]:
    """The lines of a paragraph (its `text` set as `lines`, each with the
    `squeezes` of its marks and the `overhang` of a mark it hung) whose marks
    the layout squeezed or hung: (start, end) in the text and the pt each
    character gives up, so that a writer whose lines end flush (the DOCX)
    still holds the line's text on one line. A line not found in the text
    where expected (the shaper changed it) ends the record there rather than
    give a wrong offset."""
    spans: list[tuple[int, int, float]] = []
    for line, at in zip(lines, line_starts(text, [line.text for line in lines])):
        end = at + len(line.text.rstrip())
        if (line.squeezes or line.overhang) and end > at:
            spans.append((at, end, (sum(pt for _, pt in line.squeezes) + line.overhang) / (end - at)))
    return spans


def line_starts(text: str, lines: list[str]) -> list[int]:
    """Where each of a paragraph's `lines` (their texts, in order) starts in
    its `text` (its runs, hand-broken lines run together), found as they run;
    the first line not found where expected (the shaper changed it) ends the
    list, so an offset is never wrong."""
    starts: list[int] = []
    pos = 0
    for line in lines:
        at = text.find(line, pos) if line else pos
        if at < 0 or text[pos:at].strip():
            break
        starts.append(at)
        pos = at + len(line)
    return starts
