"""Issue model → the document that prints: every label and element in order.

This is the one place that decides *what* is printed (section labels, the
简讯 run-in, the 版记 lines, the 目录 entries, the date format); the PDF layout
and the DOCX writer both consume it and decide only *where*. So the two
outputs cannot disagree about the text.
"""

from __future__ import annotations

import datetime as dt

from collections.abc import Callable
from dataclasses import dataclass

from .errors import ContentError, Diagnostic, Where
from .layoutfile import Layout
from .familydoc import banji_additions, header_fields, heading_kind, issue_note, note_para, number_label as family_number_label
from .model import HARD_BREAK, Article, Heading, Issue, NoteRef, Notes, Paragraph, Picture, Span, Table


@dataclass(frozen=True)
class Run:
    text: str
    style: str  # a style name of the layout: body, lead, title, …


@dataclass(frozen=True)
class Para:
    """A block of text. `lines` are forced lines (a title broken by hand, a
    paragraph with a hard line break); running text is one entry that the
    layout breaks."""

    kind: str  # body | heading | section | title | subtitle | source | caption
    lines: tuple[tuple[Run, ...], ...]
    where: Where | None = None
    article: int | None = None  # index of the article a title starts
    broken_by_hand: bool = True

    @property
    def text(self) -> str:
        return "".join(r.text for line in self.lines for r in line)


@dataclass(frozen=True)
class Figure:
    path: object  # pathlib.Path
    caption: str
    where: Where


@dataclass(frozen=True)
class NoteList:
    """An article's notes as they print after its source: (mark, text) each;
    the same marks stand in the text as Run(mark, "noteref")."""

    items: tuple[tuple[str, str], ...]
    where: Where


@dataclass(frozen=True)
class TocSection:
    label: str
    entries: tuple[tuple[str, ...], ...]  # each entry's title lines
    wheres: tuple[Where, ...] = ()  # each entry's article, for messages
    runin: bool = False  # a run-in section (简讯): its titles print as no title, so the 目录 breaks them only to fit


@dataclass(frozen=True)
class Banji:
    rows: tuple[tuple[str, str], ...]  # ("报：", "省委宣传部，市委常委，…")
    staff: tuple[str, ...]  # ("承办：政策法规研究室", …)
    items: tuple[tuple[str, ...], ...] = ()  # each row's items, with their separators
    printed_by: tuple[str, str] | None = None  # the 印发 line: (organ, "2022 年 9 月 29 日印发")
    copies: str | None = None  # （共印 120 份）, also the last item of `staff`



@dataclass(frozen=True)
class Document:
    title: str  # document metadata: 宣传信息专报 第13期
    author: str
    masthead: str
    number_label: str
    publisher: str
    date_label: str
    box_label: str
    toc: tuple[TocSection, ...]
    body: tuple[Para | Figure | Table | NoteList, ...]
    banji: Banji
    article_titles: tuple[str, ...]
    header_where: Where | None = None  # publication.yaml, for messages about header text
    # family.md's header elements; empty: the header prints as it always did
    marks: tuple[str, ...] = ()  # flush left above the masthead: 密级, then the restriction mark
    copy_number: str | None = None  # "000001"; `render --copies N` varies it
    copy_format: str = "{n:06d}"
    over_masthead: str | None = None
    show_toc: bool = True
    date: dt.date | None = None  # the issue's date: every writer's document date (the PDF's and OFD's CreationDate)
    subject: str = ""  # document metadata (the layout's `pdf.subject`, its {masthead} filled): every writer's


def section_label(layout: Layout, name: str) -> str:
    if len(name) == 2 and layout.label("section_two_chars"):
        return layout.label("section_two_chars").format(first=name[0], second=name[1], name=name)
    return layout.label("section").format(name=name)


def span_style(span: Span) -> str:
    """The layout style a span prints in: a bold lead wins over emphasis."""
    return "lead" if span.lead else "emphasis" if span.emphasis else "body"


def paragraph_lines(
    spans: tuple[Span, ...], layout: Layout, first: tuple[Run, ...] = (), to_run: Callable[[Span], Run] | None = None
) -> tuple[tuple[Run, ...], ...]:
    """A paragraph's spans → its forced lines of runs (a hard break ends one).

    A link's URL prints after its text, in the layout's `labels.link_url`,
    when `typesetting.link_urls` is true; else only the text prints (and
    `link_warnings` says so). `to_run` turns any other span into its run
    (default: its text in `span_style`).
    """
    show_urls = layout.link_urls
    lines: list[list[Run]] = [list(first)]
    for s in spans:
        if s.text == HARD_BREAK:
            lines.append([])
        elif s.link is not None:
            if show_urls:
                lines[-1].append(Run(layout.format_label("link_url", "（{url}）", url=s.link), "body"))
        else:
            run = to_run(s) if to_run else Run(s.text, span_style(s))
            if run.text:
                lines[-1].append(run)
    return tuple(tuple(line) for line in lines if line)


def link_warnings(issue: Issue, layout: Layout) -> list[Diagnostic]:
    """Links whose URL will not print (the layout's `typesetting.link_urls` is false)."""
    if layout.link_urls:
        return []
    return [
        Diagnostic(
            "warning",
            where,
            f"链接地址不印出 the link's address {url} does not print, only its text: write it into the "
            "text if readers need it (or set `typesetting.link_urls: true` in the layout).",
        )
        for art in issue.articles
        for url, where in art.links
    ]


def source_text(art: Article, layout: Layout) -> str | None:
    """The source line: the unit, and the byline where the layout puts it
    (default `（市北区委宣传部 记者 张三）`)."""
    if art.sources and art.author:
        inner = layout.format_label("source_author", "{source} {author}", source=art.sources, author=art.author)
    else:
        inner = art.sources or art.author
    return layout.label("source").format(source=inner) if inner else None


def note_marks(layout: Layout, blocks) -> dict[str, str]:
    """Each note's mark (①, ②, …) in the order the text first refers to it."""
    keys: list[str] = []
    for b in blocks:
        for s in getattr(b, "spans", ()):
            if isinstance(s, NoteRef) and s.note not in keys:
                keys.append(s.note)
    if not keys:
        return {}  # a layout without `notes:` serves articles without notes
    marks = layout.root.sub("notes").text("marks")
    return {k: marks[n] if n < len(marks) else f"[{n + 1}]" for n, k in enumerate(keys)}


def _run(span: Span, marks: dict[str, str]) -> Run:
    """A span's run; a note reference prints its mark (style `noteref`)."""
    if isinstance(span, NoteRef):
        return Run(marks[span.note], "noteref")
    return Run(span.text, span_style(span))


def build_document(issue: Issue, layout: Layout) -> Document:
    runin = set(layout.root.raw("runin_sections", []) or [])
    d = issue.date
    body: list[Para | Figure | Table | NoteList] = issue_note(issue, layout)
    toc: list[TocSection] = []
    current = None
    head = header_fields(issue, layout)
    for index, art in enumerate(issue.articles):
        label = section_label(layout, art.section)
        if art.section != current:
            current = art.section
            toc.append(TocSection(label, (), runin=art.section in runin))
            if head["show_toc"] or layout.root.sub("header").sub("toc").flag("section_label_without_toc", False):
                body.append(Para("section", ((Run(label, "section"),),), art.where))
        toc[-1] = TocSection(
            toc[-1].label, toc[-1].entries + (art.title_lines,), toc[-1].wheres + (art.where,), toc[-1].runin
        )
        blocks = list(art.blocks)
        marks = note_marks(layout, art.blocks)
        notes = [b for b in blocks if isinstance(b, Notes)]
        blocks = [b for b in blocks if not isinstance(b, Notes)]

        def to_run(span: Span, marks: dict[str, str] = marks) -> Run:
            return _run(span, marks)

        if art.section in runin:
            # The title runs in at the start of the first paragraph, in the lead font, and its
            # subtitle with it (…宣传——“守护消费”进社区。): an item has no title line to print it under
            title = art.title
            if art.subtitle:
                sub = art.subtitle.strip()
                title += sub if sub.startswith(("——", "—")) else layout.label_or("runin_subtitle", "——") + sub
            if not title.endswith(tuple(layout.label("stops"))):
                title += layout.label("runin_stop")
            first = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph)), None)
            runs = (Run(title, "lead"),)
            if first is not None:
                p = blocks.pop(first)
                lines = paragraph_lines(p.spans, layout, runs, to_run)
                where = p.where
            else:
                lines = (runs,)
                where = art.where
            if art.note:  # a run-in item has no title line: its 编者按 goes first
                body.append(note_para(art.note, art.where, layout))
            body.append(Para("body", lines, where, article=index))
        else:
            body.append(
                Para("title", tuple((Run(t, "title"),) for t in art.title_lines), art.title_where or art.where, index,
                     art.title_broken)
            )
            if art.subtitle:
                body.append(Para("subtitle", ((Run(art.subtitle, "subtitle"),),), art.where))
            if art.note:
                body.append(note_para(art.note, art.where, layout))
        for b in blocks:
            if isinstance(b, Paragraph):
                body.append(Para("body", paragraph_lines(b.spans, layout, to_run=to_run), b.where))
            elif isinstance(b, Heading):
                kind = heading_kind(b.level, layout)
                body.append(Para(kind, ((Run(b.text, kind),),), b.where))
            elif isinstance(b, Picture):
                body.append(Figure(b.path, b.caption, b.where))
            elif isinstance(b, Table):
                body.append(b)
        text = source_text(art, layout)
        if text:
            body.append(Para("source", ((Run(text, "source"),),), art.source_where or art.where))
        for n in notes:  # the notes print after the source
            items = tuple((marks[key], text) for key, text, _ in n.items if key in marks)
            if items:
                order = list(marks.values())
                body.append(NoteList(tuple(sorted(items, key=lambda it: order.index(it[0]))), n.where))
    sep, item_sep, staff_sep = layout.label("distribution_sep"), layout.label("item_sep"), layout.label("staff_sep")
    extra_rows, extra_staff, printed_by = banji_additions(issue, layout)
    distribution = issue.distribution + extra_rows
    banji = Banji(
        rows=tuple((f"{k}{sep}", item_sep.join(v)) for k, v in distribution),
        staff=tuple(f"{k}{staff_sep}{v}" for k, v in issue.staff) + extra_staff,
        items=tuple(tuple(f"{x}{item_sep}" for x in v[:-1]) + (v[-1],) for _, v in distribution),
        printed_by=printed_by,
        copies=extra_staff[0] if extra_staff else None,
    )
    number_label = family_number_label(issue, layout)
    subject = layout.root.sub("pdf").text("subject", "")
    try:
        subject = subject.format(masthead=issue.masthead)
    except (KeyError, IndexError, ValueError):
        raise ContentError(
            Where(layout.path), f"layout key `pdf.subject: {subject}` may only use {{masthead}}."
        ) from None
    return Document(
        date=d,
        subject=subject,
        title=f"{issue.masthead} {number_label.replace(' ', '')}",
        author=issue.publisher,
        masthead=issue.masthead,
        number_label=number_label,
        publisher=issue.publisher,
        date_label=layout.label("date").format(year=d.year, month=d.month, day=d.day),
        box_label=layout.label("box"),
        toc=tuple(toc) if head["show_toc"] else (),
        body=tuple(body),
        banji=banji,
        article_titles=tuple(a.title for a in issue.articles),
        header_where=Where(issue.content_dir / "publication.yaml"),
        marks=head["marks"],
        copy_number=head["copy_number"],
        copy_format=head["copy_format"],
        over_masthead=head["over_masthead"],
        show_toc=head["show_toc"],
    )
