"""What a laid-out page is made of: positioned glyphs, rules, frames, images.

Coordinates are in pt from the page's top-left corner, y growing downwards;
the PDF writer flips them. Nothing here knows about reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Where
from ..layoutfile import Layout
from ..pictures import PreparedPicture
from .text import Glyph


@dataclass(frozen=True)
class Grid:
    """The page and its type area (版心) with the 22 × 28 grid."""

    page_width: float
    page_height: float
    left: float
    top: float
    width: float
    height: float
    lines: int
    chars: int

    @property
    def line_pitch(self) -> float:
        return self.height / self.lines

    @property
    def char_pitch(self) -> float:
        return self.width / self.chars

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @classmethod
    def from_layout(cls, layout: Layout) -> "Grid":
        p = layout.page
        return cls(
            page_width=p.length("width"),
            page_height=p.length("height"),
            left=p.length("margin_left"),
            top=p.length("margin_top"),
            width=p.length("type_width"),
            height=p.length("type_height"),
            lines=int(p.number("lines")),
            chars=int(p.number("chars")),
        )


@dataclass
class TextBox:
    """One line of glyphs: x of the line's left edge, y of its baseline."""

    glyphs: list[Glyph]
    x: float
    baseline: float
    kind: str = "body"  # what it is, for tests and the DOCX reader's eyes


@dataclass
class DotBox:
    """A filled dot: a 着重号 under an emphasised character."""

    x: float  # centre
    y: float  # centre, from the top
    radius: float
    color: str


@dataclass
class RuleBox:
    x0: float
    x1: float
    y: float  # centre of the rule
    thickness: float
    color: str


@dataclass
class FrameBox:
    x: float
    y: float
    width: float
    height: float
    thickness: float
    color: str


@dataclass
class ImageBox:
    """A picture at its printed box; `picture` holds the bytes both writers
    embed (pictures.prepare), `where` the Markdown line it came from."""

    path: Path
    x: float
    y: float
    width: float
    height: float
    picture: PreparedPicture | None = None
    where: Where | None = None


@dataclass
class VRuleBox:
    """A vertical rule (a table's column rule): x of its centre, y of its top."""

    x: float
    y: float
    height: float
    thickness: float
    color: str


@dataclass
class Bookmark:
    title: str
    y: float


@dataclass
class Page:
    number: int
    items: list = field(default_factory=list)
    bookmarks: list[Bookmark] = field(default_factory=list)
    slots: list[int] = field(default_factory=list)  # indices of the flow's slots set on it
    slot_lines: list[int] = field(default_factory=list)  # the grid line each of them starts on
    first_line: int = 0  # grid line where its first slot goes (page 1: under the 目录)
    carried: int = 0  # grid lines the keep rules carried over from the page before
    numbered: bool = True  # False: no page number (the blank page before an even-page 版记, and that page)
    shrunk: dict = field(default_factory=dict)  # slot index → the smaller setting of a picture printed on it (Slot.smaller)
