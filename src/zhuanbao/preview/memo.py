"""A Typesetter that remembers the lines it has set, for the preview.

Setting text into lines (shaping, CJK line breaking, justification) is most
of a layout, and after a save all but one article's paragraphs are set with
the same text, style, measure and place as before. Typesetter.set is a pure
function of those arguments, the layout and the fonts; this subclass keeps
its results in a dict that the pipeline owns (and empties when the layout or
a font changes) and hands out copies of the lines; their glyphs are shared,
as the page builder moves copies of them (layout.text.moved), never them.
A call with a character that was warned about (a fallback glyph) is not
remembered, so its warning is given again on every render, as `render` would.
"""

from __future__ import annotations

from ..errors import Diagnostic
from ..fonts import FontBook
from ..layout.boxes import Grid
from ..layout.flow import Typesetter
from ..layout.text import Line
from ..layoutfile import Layout


def _clone(obj):
    """A shallow copy of a plain dataclass instance, without __init__ (fast)."""
    new = object.__new__(type(obj))
    new.__dict__ = obj.__dict__.copy()  # a quarter faster than update() (6,000 glyphs a render)
    return new


def _copy_lines(lines: list[Line]) -> list[Line]:
    """New Line shells over new lists of the same glyphs: the layout may set
    a line's attributes or give it moved copies of its glyphs
    (layout.text.moved), but changes no glyph in place."""
    out = []
    for line in lines:
        c = _clone(line)
        c.glyphs = list(line.glyphs)
        out.append(c)
    return out


class MemoTypesetter(Typesetter):
    def __init__(self, layout: Layout, fonts: FontBook, grid: Grid, warnings: list[Diagnostic], memo: dict):
        super().__init__(layout, fonts, grid, warnings)
        self.memo = memo
        self.hits = 0

    def set(self, runs, measure, **options) -> list[Line]:
        """Typesetter.set, remembered by all its arguments, whatever they are
        (a new option of Typesetter.set needs nothing here)."""
        key = (tuple(runs), measure, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items())))
        got = self.memo.get(key)
        if got is not None:
            self.hits += 1
            return _copy_lines(got)
        before = len(self.shaper.warnings)
        lines = super().set(runs, measure, **options)
        # The Shaper warns once per character: a call that holds a character
        # warned about (here or earlier) is not remembered, so the warning
        # comes back on the next render even if the first paragraph with it goes.
        warned = getattr(self.shaper, "_warned", None) or ()
        if len(self.shaper.warnings) == before and not any(ch in warned for text, _ in runs for ch in text):
            self.memo[key] = _copy_lines(lines)
        return lines
