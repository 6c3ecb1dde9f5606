"""Fitting the 版记 under the last article: the typesetter's economies.

A page that holds nothing but the 版记 is a wasted sheet. When the 版记 does
not fit at the foot of the last page, a typesetter first economises, in an
order and within limits the layout sets (`banji.economies`):

- `pitch`: the 版记's rows closer together, down to `banji.min_pitch`;
- `gap`: less blank above it, down to `banji.tight_gap` grid lines;
- `gaps`: the blank grid lines of titles and section labels on the last page
  dropped, from the bottom up (the body stays on the grid: whole lines go);
- `pull_back`: a paragraph of the last page set tighter (its marks may give
  up `banji.pull_squeeze` em each) so that it takes one line fewer;
- `picture`: a picture of the last page set smaller, a grid line at a time,
  down to `pictures.min_scale` of its size (a picture cannot be carried as
  lines are: an article that ends with a photo would leave the 版记 alone);
- `carry` (the last resort, it costs a page): the last lines of the last
  article go over to a new page with the 版记, as the keep rules allow, so
  that no page holds the 版记 alone.

Only when none of them is allowed or enough does the 版记 take a page of
its own. The plan is plain data, so `proof` can list what was used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from ..errors import ContentError
from ..layoutfile import Layout

ECONOMIES = ("pitch", "gap", "gaps", "pull_back", "picture", "carry")


@dataclass(frozen=True)
class BanjiSettings:
    pitch: float  # pt
    min_pitch: float  # pt
    min_gap: float  # grid lines
    tight_gap: float  # grid lines
    pull_squeeze: float  # em
    economies: tuple[str, ...]

    @classmethod
    def from_layout(cls, layout: Layout) -> "BanjiSettings":
        """Read and check the keys; a bad value names the layout file and key."""
        bj = layout.root.sub("banji")
        pitch = bj.length("pitch")
        min_gap = bj.number("min_gap")
        raw = bj.raw("economies", []) or []
        if not isinstance(raw, list) or any(str(e) not in ECONOMIES for e in raw) or len(set(map(str, raw))) != len(raw):
            raise ContentError(
                bj._where("economies"),
                f"layout key `banji.economies: {raw}` should be a list of distinct names among {', '.join(ECONOMIES)}.",
            )
        min_pitch = bj.length("min_pitch", default=pitch)
        if not 0 < min_pitch <= pitch:
            raise ContentError(bj._where("min_pitch"), "layout key `banji.min_pitch` should be above 0 and at most `banji.pitch`.")
        tight_gap = bj.number("tight_gap", default=min_gap)
        if not 0 <= tight_gap <= min_gap:
            raise ContentError(bj._where("tight_gap"), "layout key `banji.tight_gap` should be between 0 and `banji.min_gap`.")
        squeeze = bj.number("pull_squeeze", default=0.5)
        if not 0 <= squeeze <= 0.5:
            raise ContentError(bj._where("pull_squeeze"), "layout key `banji.pull_squeeze` should be between 0 and 0.5 (em).")
        return cls(pitch, min_pitch, min_gap, tight_gap, squeeze, tuple(str(e) for e in raw))


@dataclass(frozen=True)
class Trial:
    """The last page as one way of economising left it."""

    pages: int
    free_lines: int  # empty grid lines at the foot of the last page


@dataclass
class BanjiFit:
    """How the 版记 was fitted: its pitch, the blank above it, what was given up."""

    pitch: float
    gap: float  # grid lines left free above the 版记
    drop: int = 0  # gap lines dropped on the last page
    pull: int = 0  # paragraphs set tighter
    used: list[str] = field(default_factory=list)  # economies used, in the layout's order
    own_page: bool = False
    missing: int = 0  # grid lines that were missing, when own_page or carried
    carried: int = 0  # lines of the last article carried to the 版记's new page
    shrink: int = 0  # grid lines taken off the last page's pictures


def plan(
    s: BanjiSettings,
    rows: int,
    line_pitch: float,
    trial: Callable[[int, int, int], Trial],
    max_drop: int,
    max_pull: int,
    max_shrink: int = 0,
) -> BanjiFit:
    """Decide how the 版记 of `rows` rows fits under the last article.

    `trial(drop, pull, shrink)` lays the last page out with `drop` gap lines
    removed (from the bottom), `pull` paragraphs (from the bottom) set
    tighter and its pictures `shrink` grid lines smaller.
    Economies are applied in the layout's order until the 版记 fits; then
    each is used as little as still fits, the later (dearer) ones first.
    """
    base = trial(0, 0, 0)

    def fits(st: dict) -> bool:
        t = trial(st["gaps"], st["pull_back"], st["picture"])
        if t.pages != base.pages:
            return False
        return (t.free_lines - st["gap"]) * line_pitch + 0.01 >= rows * st["pitch"]

    none = {"pitch": s.pitch, "gap": s.min_gap, "gaps": 0, "pull_back": 0, "picture": 0}
    if fits(none):
        return BanjiFit(s.pitch, s.min_gap)
    full = {"pitch": s.min_pitch, "gap": s.tight_gap, "gaps": max_drop, "pull_back": max_pull, "picture": max_shrink}
    st = dict(none)
    applied: list[str] = []
    for e in s.economies:
        if e not in full:
            continue  # carry is the caller's, once nothing here fits
        st[e] = full[e]
        applied.append(e)
        if fits(st):
            break
    else:
        t = trial(st["gaps"], st["pull_back"], st["picture"])
        need = rows * st["pitch"] / line_pitch + st["gap"] - t.free_lines
        return BanjiFit(s.pitch, s.min_gap, own_page=True, missing=max(1, math.ceil(need - 1e-6)))
    # use each as little as still fits: the last applied (dearest) first
    for e in reversed(applied):
        if e in ("gaps", "pull_back", "picture"):
            for n in range(0, full[e] + 1):
                if fits({**st, e: n}):
                    st[e] = n
                    break
        elif e == "gap":
            t = trial(st["gaps"], st["pull_back"], st["picture"])
            room = t.free_lines - rows * st["pitch"] / line_pitch
            st[e] = max(s.tight_gap, min(s.min_gap, room))
        else:  # pitch
            t = trial(st["gaps"], st["pull_back"], st["picture"])
            st[e] = max(s.min_pitch, min(s.pitch, (t.free_lines - st["gap"]) * line_pitch / rows))
    used = [e for e in applied if st[e] != none[e]]
    return BanjiFit(st["pitch"], st["gap"], st["gaps"], st["pull_back"], used, shrink=st["picture"])
