"""Chinese line breaking and justification (W3C clreq, GB/T 15834).

reportlab's Paragraph breaks Chinese lines wrongly and cannot put every line
flush on the grid, so this module does it: text is cut into atoms (a Chinese
character, a punctuation mark, an unbreakable Latin/digit run, a space);
atoms that may not be parted (a closing mark and the character before it, an
opening mark and the character after it, ——, ……) form clusters; lines are
filled greedily with clusters; a cluster that does not fit is first squeezed
in by compressing punctuation, else pushed to the next line; then every line
but the last is justified to the exact measure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..errors import ContentError, Diagnostic, Where
from ..fonts import Face, FontBook

# Marks that never start a line (closing brackets and quotes, stops, pauses).
NO_START = set("，。、；：？！）》」』】〕〗〉］｝”’…—·・‥～％‰℃,.;:?!)]}%")
# Marks that never end a line (opening brackets and quotes).
NO_END = set("（《「『【〔〖〈［｛“‘([{")
# Full-width marks whose ink sits on one side of the em box, so half the box
# can go: closing marks and pauses (ink left), opening marks (ink right).
INK_LEFT = set("，。、；：）》」』】〕〗〉］｝”’")
INK_RIGHT = set("（《「『【〔〖〈［｛“‘")
COMPRESSIBLE = INK_LEFT | INK_RIGHT
# Marks of two characters that must stay together: —— and ……
INSEPARABLE = set("—…")
EPS = 0.01


def is_wide(ch: str) -> bool:
    """A character that takes a full grid cell: Han, kana, full-width forms,
    and in Chinese text the symbols of ambiguous width (℃ ① ※ × °), but not
    accented Latin, Greek or Cyrillic letters."""
    width = unicodedata.east_asian_width(ch)
    if width in ("W", "F") or ch in "“”‘’—…·":
        return True
    if width == "A":
        return not unicodedata.name(ch, "").startswith(("LATIN", "GREEK", "CYRILLIC"))
    return False


@dataclass(frozen=True)
class RunStyle:
    """How a run of text prints: font role, size, colour and its cell."""

    role: str
    size: float
    color: str
    cell: float  # the width of a full-width character of this run (grid pitch)
    latin: str | None = None  # the role for digits and Latin letters, if not `role`
    dots: tuple[float, float] | None = None  # 着重号: (radius, drop below the baseline), in pt


@dataclass
class Glyph:
    ch: str
    face: Face
    size: float
    color: str
    x: float  # from the line's left edge, in pt
    hscale: float = 1.0  # horizontal scaling (a dash stretched to its cell)
    stroke: float = 0.0  # pt of outline stroked over the fill: a fake bold (layout style `stroke`)


@dataclass
class Atom:
    text: str
    kind: str  # wide | open | close | stop (？！) | insep | latin | space
    glyphs: list[tuple[str, Face]]
    style: RunStyle
    width: float  # natural width in pt
    squeeze: float = 0.0  # pt taken from the mark's blank half

    @property
    def half(self) -> float:
        return self.style.cell / 2

    @property
    def cur_width(self) -> float:
        return self.width - self.squeeze

    @property
    def compressed(self) -> bool:
        return self.squeeze > 0

    @property
    def compressible(self) -> bool:
        return self.kind in ("open", "close") and self.text in COMPRESSIBLE

    @property
    def no_start(self) -> bool:
        return self.text[0] in NO_START

    @property
    def no_end(self) -> bool:
        return self.text[-1] in NO_END


@dataclass
class Line:
    glyphs: list[Glyph]
    width: float  # the width the glyphs fill, in pt
    measure: float  # the width available
    indent: float
    last: bool
    size: float  # the largest glyph size on the line
    text: str = field(default="")
    dots: list[tuple[float, float, float, str]] = field(default_factory=list)  # 着重号: (x centre, drop, radius, colour)


class Shaper:
    """Turns runs into atoms, with per-character font fallback."""

    def __init__(self, fonts: FontBook, warnings: list[Diagnostic] | None = None):
        self.fonts = fonts
        self.warnings = warnings if warnings is not None else []
        self._warned: set[str] = set()
        # text that is not the editor's (labels, page numbers) comes from the layout
        self.default_where = Where(fonts.layout.path)

    def face_for(self, role: str, ch: str, where: Where | None) -> Face:
        where = where or self.default_where
        face = self.fonts.for_char(role, ch)
        if face is None:
            raise ContentError(
                where,
                f"没有字体能印出字符 no configured font has the character “{ch}” "
                f"(U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}); replace it or add a fallback font to the layout.",
            )
        primary = self.fonts.face(role)
        if face is not primary and ch not in self._warned and not ch.isspace():
            self._warned.add(ch)
            self.warnings.append(
                Diagnostic(
                    "warning",
                    where,
                    f"字符 “{ch}” (U+{ord(ch):04X}) 不在 {primary.spec.file.name} 中, printed from "
                    f"{face.spec.file.name}.",
                )
            )
        return face

    def atoms(self, runs: list[tuple[str, RunStyle]], where: Where | None, measure: float) -> list[Atom]:
        out: list[Atom] = []
        for text, style in runs:
            i = 0
            n = len(text)
            while i < n:
                ch = text[i]
                if ch in "\r\n\t":
                    i += 1
                    continue
                if ch == " ":
                    face = self.face_for(style.role, ch, where)
                    out.append(Atom(ch, "space", [(ch, face)], style, face.advance(ch) * style.size))
                    i += 1
                    continue
                if not is_wide(ch) and not ch.isspace():
                    j = i
                    while j < n and not is_wide(text[j]) and not text[j].isspace() and text[j] not in "\r\n\t":
                        j += 1
                    out.extend(self._latin(text[i:j], style, where, measure))
                    i = j
                    continue
                if ch in INSEPARABLE and i + 1 < n and text[i + 1] == ch:
                    face = self.face_for(style.role, ch, where)
                    out.append(Atom(ch * 2, "insep", [(ch, face), (ch, face)], style, 2 * style.cell))
                    i += 2
                    continue
                face = self.face_for(style.role, ch, where)
                if ch in INK_RIGHT:
                    kind = "open"
                elif ch in INK_LEFT:
                    kind = "close"
                elif ch in NO_START:
                    kind = "stop"
                else:
                    kind = "wide"
                out.append(Atom(ch, kind, [(ch, face)], style, style.cell))
                i += 1
        return out

    def _latin(self, text: str, style: RunStyle, where: Where | None, measure: float) -> list[Atom]:
        """A run of Latin letters and digits: one atom, split only if wider than a line."""
        role = style.latin or style.role
        glyphs = [(c, self.face_for(role, c, where)) for c in text]
        widths = [f.advance(c) * style.size for c, f in glyphs]
        atoms: list[Atom] = []
        start, acc = 0, 0.0
        for k, w in enumerate(widths):
            if acc + w > measure * 0.9 and k > start:
                atoms.append(Atom(text[start:k], "latin", glyphs[start:k], style, acc))
                start, acc = k, 0.0
            acc += w
        atoms.append(Atom(text[start:], "latin", glyphs[start:], style, acc))
        return atoms


def _clusters(atoms: list[Atom]) -> list[tuple[int, int]]:
    """Group atoms that may not be parted by a line break: [start, end)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for k in range(1, len(atoms) + 1):
        if k == len(atoms):
            bounds.append((start, k))
            break
        prev, cur = atoms[k - 1], atoms[k]
        # a number or letter keeps the character after it (1.2天, A级, 3号楼)
        joined = cur.no_start or prev.no_end or (prev.kind == "latin" and cur.kind in ("latin", "wide"))
        if cur.kind == "space" or prev.kind == "space":
            joined = cur.kind == "space"  # a space stays at the end of its line
        if not joined:
            bounds.append((start, k))
            start = k
    return bounds


def _pair_compress(atoms: list[Atom]) -> None:
    """Adjacent full-width marks (”，  。”  ）、) take 1.5 em together."""
    for a in atoms:
        a.squeeze = 0.0
    for k in range(1, len(atoms)):
        a, b = atoms[k - 1], atoms[k]
        if a.compressible and b.compressible and not a.compressed:
            if k - 1 == 0 and a.text in INK_RIGHT:
                # an opening mark that starts a line keeps its full cell (its
                # box must not leave the type area); squeeze its partner
                b.squeeze = b.half if b.text in INK_LEFT else 0.0
            else:
                a.squeeze = a.half


def _width(atoms: list[Atom]) -> float:
    """Width of a line holding these atoms; a trailing space takes none."""
    end = len(atoms)
    while end and atoms[end - 1].kind == "space":
        end -= 1
    return sum(a.cur_width for a in atoms[:end])


def break_paragraph(
    atoms: list[Atom],
    measure: float,
    first_indent: float = 0.0,
    widths: list[float] | None = None,
    max_squeeze: float = 0.25,
) -> list[tuple[list[Atom], float, float, bool]]:
    """Break atoms into lines: (atoms, indent, measure, last).

    `widths` gives a different measure per line (the first entries), used
    for hanging indents; the last value repeats. `max_squeeze` is the most
    a mark may give up, in em, to keep a closing mark on its line.
    """
    lines: list[tuple[list[Atom], float, float, bool]] = []
    clusters = _clusters(atoms)
    # Widths with the paragraph-wide pair compression, for a fast scan; each
    # candidate line is then measured exactly (compression restarts at a
    # line's edges) and shortened if the scan was optimistic.
    _pair_compress(atoms)
    full, trimmed = [], []
    for a0, a1 in clusters:
        w = sum(a.cur_width for a in atoms[a0:a1])
        full.append(w)
        trimmed.append(w - sum(a.cur_width for a in atoms[a0:a1] if a.kind == "space"))
    ci = 0
    while ci < len(clusters):
        line_no = len(lines)
        indent = first_indent if line_no == 0 else 0.0
        avail = (widths[min(line_no, len(widths) - 1)] if widths else measure) - indent
        cj = ci
        start = clusters[ci][0]
        chosen = None
        run = 0.0
        while cj < len(clusters) and run + trimmed[cj] <= avail + EPS:
            run += full[cj]
            cj += 1
        while cj > ci + 1:
            seg = atoms[start : clusters[cj - 1][1]]
            _pair_compress(seg)
            if _width(seg) <= avail + EPS:
                break
            cj -= 1
        if cj == len(clusters):
            seg = atoms[start:]
            _pair_compress(seg)
            lines.append((seg, indent, avail, True))
            break
        if cj > ci:
            # The cluster cj does not fit: squeeze it in if punctuation
            # compression makes room and it carries a mark that may not
            # start a line (compress first), else push it down.
            a0, a1 = clusters[cj]
            seg = atoms[start:a1]
            _pair_compress(seg)
            over = _width(seg) - avail
            # Only a mark that would start the next line is borrowed back
            # (the character before it fitted), and only by taking a little
            # from every free mark of the line, never from a compressed pair.
            tail, k = 0.0, a1 - 1
            while k > a0 and atoms[k].no_start:
                tail += atoms[k].cur_width
                k -= 1
            if tail > 0 and over <= tail + EPS:
                last = len(seg) - (a1 - a0)  # marks of the borrowed cluster stay whole
                spare = [
                    a
                    for k, a in enumerate(seg[:last])
                    if a.compressible
                    and not a.compressed
                    and not (k == 0 and a.text in INK_RIGHT)
                    and not (k > 0 and seg[k - 1].compressed and seg[k - 1].compressible)
                    and not (k + 1 < len(seg) and seg[k + 1].compressed and seg[k + 1].compressible)
                ]
                cap = {id(a): min(a.half, max_squeeze * a.style.size) for a in spare}
                if sum(cap.values()) >= over - EPS:
                    # every free mark gives up an equal part (as JIS X 4051
                    # and clreq shrink a line), so none looks squashed
                    need = over
                    while need > EPS and spare:
                        share = need / len(spare)
                        for a in list(spare):
                            take = min(share, cap[id(a)] - a.squeeze)
                            a.squeeze += take
                            need -= take
                            if cap[id(a)] - a.squeeze <= EPS:
                                spare.remove(a)
                    chosen = (seg, cj + 1)
            if chosen is None:
                seg = atoms[start : clusters[cj - 1][1]]
                _pair_compress(seg)
                chosen = (seg, cj)
        else:
            # One cluster wider than the line (a long run of marks): take its
            # atoms one by one so nothing is lost.
            a0, a1 = clusters[ci]
            k = a0 + 1  # at least one atom a line, so the loop always advances
            while k < a1 and _width(atoms[a0 : k + 1]) <= avail + EPS:
                k += 1
            seg = atoms[a0:k]
            _pair_compress(seg)
            lines.append((seg, indent, avail, False))
            if k >= a1:
                ci += 1
                if ci == len(clusters):
                    lines[-1] = (seg, indent, avail, True)
            else:
                clusters[ci] = (k, a1)
                full[ci] = sum(a.cur_width for a in atoms[k:a1])
                trimmed[ci] = full[ci] - sum(a.cur_width for a in atoms[k:a1] if a.kind == "space")
            continue
        seg, ci = chosen
        lines.append((seg, indent, avail, False))
        if ci < len(clusters):
            # Spaces carried to a line start print nowhere: they belong to the
            # line before (as in every word processor).
            while ci < len(clusters) and all(a.kind == "space" for a in atoms[clusters[ci][0] : clusters[ci][1]]):
                lines[-1] = (lines[-1][0] + atoms[clusters[ci][0] : clusters[ci][1]], indent, avail, False)
                ci += 1
            if ci == len(clusters):
                lines[-1] = (lines[-1][0], indent, avail, True)
    _avoid_runt(lines)
    return lines


def _avoid_runt(lines: list[tuple[list[Atom], float, float, bool]]) -> None:
    """A paragraph does not end on one character and its stop (孤字): the
    line before gives it one more character, and is justified a little
    looser for it."""
    if len(lines) < 2:
        return
    last, indent, avail, _ = lines[-1]
    body = [a for a in last if a.kind != "space"]
    if len(body) != 2 or body[0].kind not in ("wide", "latin") or not body[1].no_start:
        return
    prev, p_indent, p_avail, _ = lines[-2]
    clusters = _clusters(prev)
    if len(clusters) < 8:
        return
    a0, _ = clusters[-1]
    moved = prev[a0:]
    if any(a.kind == "space" for a in moved) or moved[0].no_start:
        return
    lines[-2] = (prev[:a0], p_indent, p_avail, False)
    lines[-1] = (moved + last, indent, avail, True)
    _pair_compress(lines[-2][0])
    _pair_compress(lines[-1][0])


def place(atoms: list[Atom], indent: float, avail: float, justify: bool, align: str = "justify") -> Line:
    """Position the glyphs of one line; justified lines end exactly at the measure."""
    content = list(atoms)
    trailing: list[Atom] = []
    while content and content[-1].kind == "space":
        trailing.insert(0, content.pop())
    used = sum(a.cur_width for a in content)
    extra = avail - used
    gaps = max(len(content) - 1, 0)
    gap = extra / gaps if (justify and gaps and extra > 0) else 0.0
    if justify and gaps and extra < 0:
        gap = extra / gaps  # a line squeezed by compression rounding
    x = indent
    if align == "center":
        x += max(extra, 0) / 2
    elif align == "right":
        x += max(extra, 0)
    glyphs: list[Glyph] = []
    size = 0.0
    seq = content + trailing
    for idx, a in enumerate(seq):
        s = a.style
        size = max(size, s.size)
        w = a.cur_width
        if a.kind == "latin" or a.kind == "space":
            gx = x
            for ch, face in a.glyphs:
                glyphs.append(Glyph(ch, face, s.size, s.color, gx))
                gx += face.advance(ch) * s.size
        elif a.kind == "insep":
            cw = w / 2
            for k, (ch, face) in enumerate(a.glyphs):
                adv = face.advance(ch) * s.size
                ink = face.ink(ch) if ch == "—" else None
                if ink and ink[1] > ink[0]:
                    # —— is one line two cells long: stretch each dash's ink
                    # to its cell so the halves join, whatever the font's
                    # side bearings
                    scale = cw / ((ink[1] - ink[0]) * s.size)
                    gx = x + k * cw - ink[0] * s.size * scale
                    glyphs.append(Glyph(ch, face, s.size, s.color, gx, scale))
                else:
                    glyphs.append(Glyph(ch, face, s.size, s.color, x + k * cw + (cw - adv) / 2))
        else:
            ch, face = a.glyphs[0]
            adv = face.advance(ch) * s.size
            if ch in INK_RIGHT:
                gx = x + w - adv  # ink on the right: flush right in its cell
            elif ch in INK_LEFT or adv >= s.cell - EPS:
                gx = x
            else:
                gx = x + (w - adv) / 2  # narrow marks and symbols (· ？ × ℃) centred in the cell
            glyphs.append(Glyph(ch, face, s.size, s.color, gx))
        x += w + (gap if idx < len(content) - 1 else 0.0)
    return Line(glyphs, used + (gap * gaps if justify else 0.0), avail, indent, False, size,
                "".join(a.text for a in atoms))
