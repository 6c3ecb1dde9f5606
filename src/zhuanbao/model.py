"""The issue as editors wrote it: plain data, no layout decisions.

content.py builds it from files; document.py turns it into what prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Where
from .family import Family


@dataclass(frozen=True)
class Span:
    """A run of inline text; `lead` marks a **bold lead** (段首小标题),
    `emphasis` an `*emphasis*` (printed in the layout's emphasis style).

    A span whose text is HARD_BREAK is a line break the editor forced inside
    the paragraph (a line ending in two spaces or `\\`). A span with a `link`
    and no text stands after a link's text: the layout decides whether the
    URL prints there.
    """

    text: str
    lead: bool = False
    emphasis: bool = False
    link: str | None = None


HARD_BREAK = "\n"


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]
    where: Where


@dataclass(frozen=True)
class Heading:
    """A `## …` sub-heading inside an article."""

    text: str
    where: Where
    level: int = 2  # the Markdown level: 2 一、 (黑体), 3 （一） (楷体), 4 1. (仿宋 bold)


@dataclass(frozen=True)
class Picture:
    path: Path
    caption: str
    where: Where


@dataclass(frozen=True)
class NoteRef(Span):
    """A footnote reference `[^1]` inside a paragraph; `note` keys its Notes item."""

    note: str = ""


@dataclass(frozen=True)
class Table:
    """A Markdown pipe table: cells as text, column alignment as written (`:-:`)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    aligns: tuple[str, ...]  # left | center | right | "" (the layout's default)
    where: Where


@dataclass(frozen=True)
class Notes:
    """The article's footnotes, `[^1]: …`, in the order first referenced: (key, text, where)."""

    items: tuple[tuple[str, str, Where], ...]
    where: Where


Block = Paragraph | Heading | Picture | Table | Notes


@dataclass(frozen=True)
class Article:
    path: Path
    section: str
    title_lines: tuple[str, ...]  # one entry when the editor gave no break
    title_broken: bool  # True when the editor broke the title by hand
    subtitle: str | None
    sources: str | None
    blocks: tuple[Block, ...]
    where: Where  # the front matter, for messages about the whole article
    note: str | None = None  # 编者按 (front matter `note`)
    author: str | None = None  # a byline (记者 张三), printed with the source
    links: tuple[tuple[str, Where], ...] = ()  # each link's URL and line, for the layout's link_urls
    source_where: Where | None = None  # the `source:` (or `author:`) line, for messages about the source line
    title_where: Where | None = None  # the `title:` line, for messages about the title (a character no font has)

    @property
    def title(self) -> str:
        return "".join(self.title_lines)


@dataclass(frozen=True)
class Issue:
    folder: Path
    number: str
    date: dt.date
    masthead: str
    publisher: str
    layout: str
    sections: tuple[str, ...]
    distribution: tuple[tuple[str, tuple[str, ...]], ...]
    staff: tuple[tuple[str, str], ...]
    articles: tuple[Article, ...]  # in print order
    content_dir: Path
    extra: dict = field(default_factory=dict)
    family: Family = field(default_factory=Family)  # family.md's optional keys
    formats: tuple[str, ...] = ()  # `formats:` of publication.yaml or issue.yaml, checked; () when not set

    @property
    def name(self) -> str:
        """第 13 期, 增刊第 1 期: how messages name the issue (a 增刊's own counter)."""
        return f"{self.family.series or ''}第 {self.number} 期"
