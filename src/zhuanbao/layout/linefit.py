"""Candidate lines weighed without setting their atoms: the arithmetic of
the paragraph-wide search (text._search), done once per paragraph.

The search weighs, at every line start it reaches, a handful of line ends.
Done plainly, each candidate is set (`_pair_compress`) and walked again for
its width (`_width`), the spacing justification would still add
(`_residual`) and whether its punctuation could give the rest (`_squeeze`);
that walking was most of a layout's time. Here the paragraph's atoms are
read once into flat lists; the adjacent-mark compression of a line [s, e) is
the closed form of `_pair_squeezes` (a line's first two atoms and its last
are the only ones whose compression differs from the paragraph's); and a line
start keeps its running widths, so a candidate's width is one lookup and its
residual and squeeze room walk only the line's marks.

Every figure is the plain computation's, float for float: the same terms
added in the same order (a difference of prefix sums would round otherwise
and could tip a comparison or break a tie another way), so the search
decides exactly as before. tests/test_linefit.py holds the two together.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from itertools import accumulate

from .text import EPS, INK_LEFT, INK_RIGHT, Atom


class LineFit:
    """The exact width, residual spacing and squeeze room of any line
    atoms[s:e] of one paragraph, as `_pair_compress` would set it (its last
    atom hung where `hung`), with `max_squeeze` and the hanging marks `hang`
    of that paragraph."""

    def __init__(self, atoms: list[Atom], max_squeeze: float, hang: str):
        n = len(atoms)
        self.n = n
        self.atoms = atoms
        self.max_squeeze = max_squeeze
        self.hang = hang
        self.w = w = [a.width for a in atoms]
        self.c = c = [a.compressible for a in atoms]
        self.marks = marks = [k for k in range(n) if c[k]]
        # what a mark gives away from a line's edges (_pair_squeezes): half
        # its cell when the atom after it is a mark too; and the half itself
        self.h = h = dict.fromkeys(marks, 0.0)
        self.g = g = [0.0] * n
        for k in marks:
            h[k] = half = atoms[k].half
            if k + 1 < n and c[k + 1]:
                g[k] = half
        self.t = [w[k] - g[k] for k in range(n)] if marks else w  # the term `_width` adds for an inner atom
        # an upper bound of `room`, for a quick no: most[i], what marks[:i]
        # give at their limits; a closing mark ending a line gives at most
        # its whole half, `widest`
        self.most = list(accumulate((min(h[k], max_squeeze * atoms[k].style.size) for k in marks), initial=0.0))
        self.widest = max(h.values(), default=0.0)
        self.body_end = body_end = list(range(-1, n))  # body_end[e]: the last atom before e that is not a space
        for e in range(1, n + 1):
            if atoms[e - 1].kind == "space":
                body_end[e] = body_end[e - 1]
        self._runs: dict[int, list[float]] = {}

    def squeezing(self, max_squeeze: float, hang: str | None = None) -> LineFit:
        """The same paragraph's LineFit for another `max_squeeze` and hanging
        marks (the search's last resort): widths and running widths shared,
        computed once for both."""
        other = copy.copy(self)
        other.max_squeeze = max_squeeze
        if hang is not None:
            other.hang = hang
        other.most = list(
            accumulate((min(self.h[k], max_squeeze * self.atoms[k].style.size) for k in self.marks), initial=0.0)
        )
        return other

    def _right(self, k: int) -> bool:
        return self.atoms[k].text in INK_RIGHT

    def _left(self, k: int) -> bool:
        return self.atoms[k].text in INK_LEFT

    # -- the compression of atoms[s:e] --------------------------------------

    def squeeze(self, s: int, e: int, k: int) -> float:
        """What `_pair_compress(atoms[s:e])` takes from atom k (s <= k < e)."""
        if k - s >= 2:
            return self.g[k] if k < e - 1 else 0.0
        c, g = self.c, self.g
        if k == s:
            # an opening mark that starts a line keeps its cell
            return g[s] if k < e - 1 and g[s] and not self._right(s) else 0.0
        # k == s + 1: given by the first atom's special case, else as inside
        first = (self.h[k] if self._left(k) else 0.0) if c[s] and c[k] and self._right(s) else 0.0
        if first or k == e - 1:
            return first
        return g[k]

    def _run(self, s: int, upto: int) -> list[float]:
        """run[j]: the sum of the first j terms of a line from s, for j up to `upto` - s,
        added left to right as `_width` adds them."""
        run = self._runs.get(s)
        if run is not None and len(run) > upto - s:
            return run
        n, w = self.n, self.w
        if run is None:
            # the first two atoms as inside a longer line (their values at a
            # line's end are `squeeze`'s business), then the inner terms
            run = [0.0]
            for k in range(s, min(s + 2, n)):
                run.append(run[-1] + (w[k] - self.squeeze(s, k + 2, k)))
        done = s + len(run) - 1  # atoms s .. done-1 are summed
        stop = min(n, upto)
        if stop > done:
            more = accumulate(self.t[done:stop], initial=run[-1])
            next(more)
            run.extend(more)
        self._runs[s] = run
        return run

    def width(self, s: int, e: int, hung: bool = False) -> float:
        """`_width(atoms[s:e])` after `_pair_compress`, the last atom hung if `hung`."""
        last = self.body_end[e]
        if last < s:
            return 0.0
        run = self._runs.get(s)
        if run is None or len(run) <= last + 1 - s:
            run = self._run(s, last + 1)
        if hung and last == e - 1:
            return run[last - s]
        if last - s >= 2:  # `squeeze` of an inner atom or of the line's last
            return run[last - s] + (self.w[last] - (self.g[last] if last < e - 1 else 0.0))
        return run[last - s] + (self.w[last] - self.squeeze(s, e, last))

    def hangs(self, s: int, e: int) -> bool:
        """`_hangs(atoms[s:e], hang)`."""
        atoms = self.atoms
        return bool(self.hang) and e - s > 1 and atoms[e - 1].text in self.hang and atoms[e - 2].style == atoms[e - 1].style

    def _marks(self, s: int, e: int) -> list[int]:
        marks = self.marks
        return marks[bisect_left(marks, s) : bisect_left(marks, e)]

    def residual(self, s: int, e: int, avail: float, hung: bool = False) -> float:
        """`_residual(atoms[s:e], avail)` of the line as `_pair_compress` sets it."""
        slack = avail - self.width(s, e, hung)
        h = self.h
        for k in self._marks(s, e):
            if hung and k == e - 1:
                continue
            sq = self.squeeze(s, e, k)
            if sq > 0 and slack >= h[k] - EPS:
                slack -= sq
        return max(slack, 0.0)

    def squeezable(self, s: int, e: int, over: float, hung: bool = False) -> bool:
        """Whether `_squeeze(atoms[s:e], over, max_squeeze)` on the line as
        `_pair_compress` sets it (last atom hung if `hung`) would succeed."""
        i0, i1 = bisect_left(self.marks, s), bisect_left(self.marks, e)
        if self.most[i1] - self.most[i0] + self.widest + 1e-6 < over - EPS:
            return False  # even every mark at its limit cannot give that much: no need to weigh them
        return not self.room(s, e, hung) < over - EPS

    def room(self, s: int, e: int, hung: bool = False) -> float:
        """What `_squeeze` finds the line's punctuation can give: its marks'
        limits summed in its order (those of marks next to a compressed
        mark, then the others), and the blank half a closing mark at the
        line's end has left."""
        marks = self._marks(s, e)
        g = self.g
        sq = {k: g[k] for k in marks}  # what `squeeze` gives inside the line; its edges apart
        for k in (s, s + 1, e - 1):
            if k in sq:
                sq[k] = self.squeeze(s, e, k)
        c = self.c
        pairs: list[tuple[int, bool]] = []
        singles: list[int] = []
        for k in marks:
            if sq[k] > 0 or (hung and k == e - 1) or (k == s and self._right(s)):
                continue
            before = k > s and c[k - 1] and sq[k - 1] > 0
            after = k + 1 < e and c[k + 1] and sq[k + 1] > 0
            if before or after:
                pairs.append((k, before))
            else:
                singles.append(k)
        atoms, h = self.atoms, self.h
        cap = {k: min(h[k], self.max_squeeze * atoms[k].style.size) for k, _ in pairs}
        for k in singles:
            cap[k] = min(h[k], self.max_squeeze * atoms[k].style.size)
        w = self.w
        for k, before in pairs:
            # two adjacent marks keep at least a full glyph's width together
            p = k - 1 if before else k + 1
            wide = max(atoms[k].style.cell, _advance(atoms[k]), _advance(atoms[p]))
            cap[k] = min(cap[k], max((w[p] - sq[p]) + w[k] - wide - EPS, 0.0))
        end = self.body_end[e - 1 if hung and self.body_end[e] == e - 1 else e]
        extra = sum(h[k] - cap[k] for k in (end,) if k >= s and self._left(k) and k in cap)
        return sum(cap.values()) + extra


def _advance(atom: Atom) -> float:
    """The widest advance of a mark's glyphs, in pt."""
    return max(f.advance(ch) * atom.style.size for ch, f in atom.glyphs)
