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

import functools
import unicodedata
from dataclasses import dataclass, field
from itertools import accumulate

from ..errors import ContentError, Diagnostic, Where
from ..fonts import Face, FontBook
from ..punct import is_address, is_han

# Marks that never start a line (closing brackets and quotes, stops, pauses).
NO_START = set("，。、；：？！）》」』】〕〗〉］｝”’…—·・‥～％‰℃,.;:?!)]}%+＋")
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


DIGITS = set("0123456789")
BETWEEN_DIGITS = set("·×")  # marks that join two digits into one number: 3·15, 7×24


def latin_mark(text: str, k: int) -> bool:
    """Whether text[k] is a mark between two digits that belongs to the
    number: the 间隔号 of a date (“3·15”, “9·11”, GB/T 15834 4.15) or a
    multiplication sign (7×24小时), set narrow in the Latin font as Word and
    WPS set them, not centred in a full cell (“3 · 15”), and never parted
    from the digits at a line's end (7× / 24小时); between two names
    (阿卜杜拉·艾则孜) the dot keeps its cell. A style without a Latin font
    (`latin:`) sets its digits and these marks in its own font, at that
    font's width (Noto Serif CJK's · is a third of an em, FandolFang's a whole)."""
    return text[k] in BETWEEN_DIGITS and 0 < k < len(text) - 1 and text[k - 1] in DIGITS and text[k + 1] in DIGITS


@functools.cache  # a pure function of one character, asked for every character of an issue
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
    attached: bool = False  # a note's mark (①): it belongs to the word before it, no line starts with it


@dataclass
class Glyph:
    ch: str
    face: Face
    size: float
    color: str
    x: float  # from the line's left edge, in pt
    hscale: float = 1.0  # horizontal scaling (a dash stretched to its cell)
    stroke: float = 0.0  # pt of outline stroked over the fill: a fake bold (layout style `stroke`)


def moved(glyphs: list[Glyph], dx: float, **changes) -> list[Glyph]:
    """Copies of `glyphs` moved right by `dx` (and with `changes`): a line's
    glyphs are never changed in place, so that a line the preview remembers
    (preview/memo.py) can be handed out again as it was set."""
    out = []
    for g in glyphs:
        c = object.__new__(Glyph)
        c.__dict__ = {**g.__dict__, "x": g.x + dx, **changes}
        out.append(c)
    return out


@dataclass
class Atom:
    text: str
    kind: str  # wide | open | close | stop (？！) | insep | latin | space
    glyphs: list[tuple[str, Face]]
    style: RunStyle
    width: float  # natural width in pt
    squeeze: float = 0.0  # pt taken from the mark's blank half
    hang: bool = False  # set past the right edge (hanging punctuation): takes no room in the line
    compressible: bool = field(init=False)  # a full-width mark with a blank half to give
    glued: bool = False  # a piece of an address (@163, .com): a line may break before it, no gap may open
    parts: bool = False  # a number that ends its line parted from the character after it (…全县23 / 个乡镇…)
    joined: bool = False  # no line break before it: inside a word the layout keeps whole (习近平)

    def __post_init__(self) -> None:
        self.compressible = self.kind in ("open", "close") and self.text in COMPRESSIBLE

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
    spacing: float = 0.0  # pt added between adjacent glyphs to justify it (letter-spacing)
    squeezed: float = 0.0  # pt taken from punctuation beyond the adjacent-mark compression
    hung: str = ""  # the mark set past the right edge, if any
    overhang: float = 0.0  # the width it takes past the edge, in pt
    # each mark squeezed (adjacent-mark compression included): (offset in
    # `text`, pt it gave up), for a flow writer that cannot place glyphs
    squeezes: tuple[tuple[int, float], ...] = ()
    fallback: str = ""  # characters printed from a fallback font
    parted: str = ""  # the number that ends the line, parted from the character after it
    dots: list[tuple[float, float, float, str]] = field(default_factory=list)  # 着重号: (x centre, drop, radius, colour)


class Shaper:
    """Turns runs into atoms, with per-character font fallback."""

    def __init__(self, fonts: FontBook, warnings: list[Diagnostic] | None = None):
        self.fonts = fonts
        self.warnings = warnings if warnings is not None else []
        self._warned: set[str] = set()
        # (role, character) → (face, whether it is the role's own): asked
        # once a character, not once an occurrence
        self._faces: dict[tuple[str, str], tuple[Face, bool]] = {}
        # text that is not the editor's (labels, page numbers) comes from the layout
        self.default_where = Where(fonts.layout.path)

    def face_for(self, role: str, ch: str, where: Where | None) -> Face:
        found = self._faces.get((role, ch))
        if found is None:
            face = self.fonts.for_char(role, ch)
            if face is None:
                raise ContentError(where or self.default_where, no_font(ch))
            found = self._faces[(role, ch)] = (face, face is self.fonts.face(role))
        face, own = found
        if not own and ch not in self._warned and not ch.isspace():
            self._warned.add(ch)
            primary = self.fonts.face(role)
            self.warnings.append(
                Diagnostic(
                    "warning",
                    where or self.default_where,
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
                    # 3·15's dot and 7×24's sign belong to the number, in its font: the style's Latin one, or
                    # its own where it has none, at that font's width (the DOCX hints them so, runs(latin=))
                    while j < n and (not is_wide(text[j]) or latin_mark(text, j)) \
                            and not text[j].isspace() and text[j] not in "\r\n\t":
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
        """A run of Latin letters and digits: one atom, split only if wider
        than a line; an e-mail or web address also before its @ . / (its
        pieces `glued`: they may part at a line's end, and justification
        opens no gap between them), so that a long address does not push
        down whole and leave the line before it letter-spaced."""
        role = style.latin or style.role
        glyphs = [(c, self.face_for(role, c, where)) for c in text]
        widths = [f.advance(c) * style.size for c, f in glyphs]
        breaks = _address_breaks(text)
        atoms: list[Atom] = []
        start, acc = 0, 0.0
        for k, w in enumerate(widths):
            if k > start and (k in breaks or acc + w > measure * 0.9):
                atoms.append(Atom(text[start:k], "latin", glyphs[start:k], style, acc, glued=start in breaks))
                start, acc = k, 0.0
            acc += w
        atoms.append(Atom(text[start:], "latin", glyphs[start:], style, acc, glued=start in breaks))
        return atoms


ADDRESS_MIN = 12  # characters: a shorter address is never parted
ADDRESS_BREAKS = set("@._-?&#")  # an address may break before these (and before a single /)


def _address_breaks(text: str) -> set[int]:
    """Where an e-mail or web address may break: before its @, before a dot,
    a single slash (never inside ://), an underscore, a hyphen or a query's
    ? & # (the Chicago Manual's rule: before the mark, so that the line's end does not
    read as the address's), each piece at least three characters; nowhere
    in other Latin text."""
    if len(text) < ADDRESS_MIN or not is_address(text):
        return set()
    out: set[int] = set()
    last = 0
    for k in range(3, len(text) - 2):
        c = text[k]
        if c in ADDRESS_BREAKS or (c == "/" and text[k - 1] not in "/:" and text[k + 1] != "/"):
            if k - last >= 3:
                out.add(k)
                last = k
    return out


# What a number never parts from, even where that spares a spaced line: the rest of the
# number (1.4万, 3千, 十余), its date or time (2022年, 9月, 30日, 8时), its approximation
# (50余, 20多) and its unit of percent or degree
NUMBER_PARTS = set("万亿千百十兆余多年月日时分秒号％℃") | {"点"}


def _clusters(atoms: list[Atom], soft: set[int] | None = None) -> list[tuple[int, int]]:
    """Group atoms that may not be parted by a line break: [start, end).

    With `soft`, the atom where a number or a Latin word and the ideograph
    after it (23个, A级) may part is added to `soft` (they stay grouped), so
    that the paragraph-wide search may part them (_loose), at a price, where
    that spares a letter-spaced line."""
    n = len(atoms)
    if not n:
        return []
    kinds = [a.kind for a in atoms]
    texts = [a.text for a in atoms]
    bounds: list[tuple[int, int]] = []
    start = 0
    for k in range(1, n):
        prev, cur = kinds[k - 1], kinds[k]
        # a plus sign ends a line (党建+ / 牧民…) but a signed number may start one (+86, +12.4%)
        # (a piece of an address may start one where it parts: zwzxin2021@163 / .com, as _address_breaks says)
        closed = texts[k][0] in NO_START and not (texts[k][0] in "+＋" and texts[k][1:2].isdigit()) and not atoms[k].glued
        if cur == "space" or prev == "space":
            # a space stays at the end of its line; a closing mark after a typed space
            # (…gov.cn 。) must not start the next one
            joined = cur == "space" or closed
        else:
            # a number or letter keeps the character after it (1.2天, A级, 3号楼), a lone + does not
            bound = closed or atoms[k].style.attached or texts[k - 1][-1] in NO_END or atoms[k].joined
            keeps = prev == "latin" and cur in ("latin", "wide") and not atoms[k].glued and texts[k - 1] != "+"
            joined = bound or keeps
            # (only before an ideograph: a wide mark that may not start a line, 1． 30° 2022－2025, stays)
            if keeps and not bound and soft is not None and is_han(texts[k][0]) and texts[k][0] not in NUMBER_PARTS:
                soft.add(k)
        if not joined:
            bounds.append((start, k))
            start = k
    bounds.append((start, n))
    return bounds


def join_words(atoms: list[Atom], words: tuple[str, ...]) -> None:
    """Mark the atoms inside each occurrence of `words` (the layout's
    `typesetting.unbreakable`: a leader's name, 习近平, is never parted at a
    line's end, house practice in every 宣传部) so that no line breaks there."""
    if not words:
        return
    text = "".join(a.text for a in atoms)
    inside: set[int] = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            inside.update(range(at + 1, at + len(word)))
            at = text.find(word, at + 1)
    if not inside:
        return
    offset = 0
    for a in atoms:
        if offset in inside:
            a.joined = True
        offset += len(a.text)


def _loose(clusters: list[tuple[int, int]], soft: set[int]) -> list[tuple[int, int]]:
    """`clusters` parted also where a number may part from its ideograph."""
    out: list[tuple[int, int]] = []
    for a0, a1 in clusters:
        for k in sorted(k for k in soft if a0 < k < a1):
            out.append((a0, k))
            a0 = k
        out.append((a0, a1))
    return out


def _cluster_widths(atoms: list[Atom], clusters: list[tuple[int, int]]) -> tuple[list[float], list[float]]:
    """Each cluster's width as the atoms are set now, and without its spaces
    (a space at a line's end takes no room)."""
    cur = [a.width - a.squeeze for a in atoms]
    full = [sum(cur[a0:a1]) for a0, a1 in clusters]
    spaces = [k for k, a in enumerate(atoms) if a.kind == "space"]
    if not spaces:
        return full, list(full)
    before = list(accumulate((a.kind == "space" for a in atoms), initial=0))  # spaces before each atom
    trimmed = [
        w - sum(cur[k] for k in range(a0, a1) if atoms[k].kind == "space") if before[a1] > before[a0] else w
        for w, (a0, a1) in zip(full, clusters)
    ]
    return full, trimmed


def _pair_squeezes(atoms: list[Atom]) -> list[float]:
    """What adjacent-mark compression takes from each atom: adjacent
    full-width marks (”，  。”  ）、) take 1.5 em together."""
    out = [0.0] * len(atoms)
    for k in range(1, len(atoms)):
        a, b = atoms[k - 1], atoms[k]
        if b.compressible and a.compressible and not out[k - 1]:
            if k - 1 == 0 and a.text in INK_RIGHT:
                # an opening mark that starts a line keeps its full cell (its
                # box must not leave the type area); squeeze its partner
                out[k] = b.half if b.text in INK_LEFT else 0.0
            else:
                out[k - 1] = a.half
    return out


def _pair_compress(atoms: list[Atom]) -> None:
    """Set the atoms as a line: adjacent marks compressed, nothing hung."""
    for a, sq in zip(atoms, _pair_squeezes(atoms)):
        a.squeeze = sq
        a.hang = False


def _width(atoms: list[Atom]) -> float:
    """Width of a line holding these atoms; a trailing space takes none."""
    end = len(atoms)
    while end and atoms[end - 1].kind == "space":
        end -= 1
    total = 0.0
    for k in range(end):
        a = atoms[k]
        if not a.hang:
            total += a.width - a.squeeze
    return total


def _squeeze(seg: list[Atom], over: float, max_squeeze: float, borrowed: int | None = None) -> bool:
    """Take `over` pt from the punctuation of a line, clreq's way: first from
    adjacent marks (the half a compressed pair still has), then from single
    marks, each giving at most `max_squeeze` em, equally within a priority so
    that no mark looks squashed; last, a closing mark that ends the line may
    give its whole blank half (it sits at the edge, half width is its usual
    form there). Returns False, changing nothing, if the line's punctuation
    cannot give that much. With `borrowed` (text that is not running body),
    only single marks give, not the last `borrowed` atoms (the cluster
    taken in keeps its marks whole)."""
    pairs: list[Atom] = []
    singles: list[Atom] = []
    for k, a in enumerate(seg):
        if not a.compressible or a.compressed or a.hang or (k == 0 and a.text in INK_RIGHT):
            continue  # an opening mark that starts a line keeps its cell
        prev_pair = k > 0 and seg[k - 1].compressible and seg[k - 1].compressed
        next_pair = k + 1 < len(seg) and seg[k + 1].compressible and seg[k + 1].compressed
        if borrowed is not None and (prev_pair or next_pair or k >= len(seg) - borrowed):
            continue
        (pairs if prev_pair or next_pair else singles).append(a)
    cap = {id(a): min(a.half, max_squeeze * a.style.size) for a in pairs + singles}
    paired = {id(a) for a in pairs}
    for k, a in enumerate(seg):
        if id(a) in paired:
            # two adjacent marks keep at least a full glyph's width together,
            # so that their glyphs never overlap or swap places
            before = k > 0 and seg[k - 1].compressible and seg[k - 1].compressed
            partner = seg[k - 1] if before else seg[k + 1]
            wide = max(a.style.cell, *(f.advance(ch) * m.style.size for m in (a, partner) for ch, f in m.glyphs))
            cap[id(a)] = min(cap[id(a)], max(partner.cur_width + a.width - wide - EPS, 0.0))
    ends = [a for a in seg if a.kind != "space" and not a.hang][-1:]
    ends = [a for a in ends if a.text in INK_LEFT and id(a) in cap and borrowed is None]
    extra = sum(a.half - cap[id(a)] for a in ends)
    if sum(cap.values()) + extra < over - EPS:
        return False
    need = over
    for group, limit in ((pairs, cap), (singles, cap), (ends, {id(a): a.half for a in ends})):
        spare = [a for a in group if limit[id(a)] - a.squeeze > EPS]
        while need > EPS and spare:
            share = need / len(spare)
            for a in list(spare):
                take = min(share, limit[id(a)] - a.squeeze)
                a.squeeze += take
                need -= take
                if limit[id(a)] - a.squeeze <= EPS:
                    spare.remove(a)
    return True


def _hangs(seg: list[Atom], hang: str) -> bool:
    """The line's last atom may hang: one of the layout's marks, after text of
    its own run (not after a raised note mark, whose box is drawn apart)."""
    return bool(hang) and len(seg) > 1 and seg[-1].text in hang and seg[-2].style == seg[-1].style


def _relax(seg: list[Atom], avail: float) -> None:
    """A line that came out short gives back the compression of its adjacent
    marks, half an em at a time, before its ideographs are spaced: a full-width
    pair (”，) keeps the grid's rhythm, letter-spacing breaks it."""
    slack = avail - _width(seg)
    for a in seg:
        if slack < a.half - EPS:
            continue
        if a.compressed and a.compressible and not a.hang:
            slack -= a.squeeze
            a.squeeze = 0.0


def _fit(atoms: list[Atom], max_squeeze: float, hang: str):
    from .linefit import LineFit  # here: linefit reads this module's marks

    return LineFit(atoms, max_squeeze, hang)


def _take_in(atoms: list[Atom], fit, start: int, a0: int, a1: int, avail: float, max_squeeze: float) -> list[Atom] | None:
    """The line atoms[start:a1], whose last cluster atoms[a0:a1] does not
    fit, set with its last mark hung or its punctuation squeezed to take
    that cluster in; None if neither can, the cluster then set as the longer
    line set it (as the plain way leaves it, for the line after)."""
    seg = atoms[start:a1]
    if fit.hangs(start, a1) and fit.width(start, a1, True) <= avail + EPS:
        _pair_compress(seg)
        seg[-1].hang = True
        return seg
    over = fit.width(start, a1) - avail
    if fit.squeezable(start, a1, over):
        _pair_compress(seg)
        _squeeze(seg, over, max_squeeze)
        return seg
    for k in range(a0, a1):
        atoms[k].squeeze = fit.squeeze(start, a1, k)
        atoms[k].hang = False
    return None


def break_paragraph(
    atoms: list[Atom],
    measure: float,
    first_indent: float = 0.0,
    widths: list[float] | None = None,
    max_squeeze: float = 0.25,
    hang: str = "",
    fill: bool = True,
    last_squeeze: float | None = None,
    last_hang: str = "",
) -> list[tuple[list[Atom], float, float, bool]]:
    """Break atoms into lines: (atoms, indent, measure, last).

    `widths` gives a different measure per line (the first entries), used
    for hanging indents; the last value repeats. A cluster that does not fit
    is taken in by hanging its final mark past the edge (if it is one of
    `hang`), else by squeezing the line's punctuation (at most `max_squeeze`
    em a mark), else pushed to the next line; a short line then gives back
    its adjacent-mark compression before it is letter-spaced, and a
    paragraph still letter-spaced is searched as a whole; with `last_squeeze`
    (the last resort) its marks may then give more, and with `last_hang` one
    of those marks may hang where nothing else spares a spaced line; a short
    last line left after a spaced one is taken in (_pull_end). Without `fill`
    (labels, titles, the 目录, the 版记: text that is not running body) only a
    closing mark that would start the next line is squeezed in, and short
    lines are simply justified.
    """
    lines: list[tuple[list[Atom], float, float, bool]] = []
    soft: set[int] = set()  # where a number may part from its ideograph (at SOFT_BREAK_COST)
    clusters = _clusters(atoms, soft if fill else None)
    # Widths with the paragraph-wide pair compression, for a fast scan; each
    # candidate line is then measured exactly (compression restarts at a
    # line's edges) and shortened if the scan was optimistic.
    _pair_compress(atoms)
    full, trimmed = _cluster_widths(atoms, clusters)
    cut = (list(clusters), list(full), list(trimmed), frozenset())  # for the search: the loop below may split a cluster
    loose = _loose(clusters, soft) if soft else []  # (built only where a number stands before an ideograph)
    loose_cut = (loose, *_cluster_widths(atoms, loose), frozenset(soft)) if soft else None
    # running body measures its candidate lines without setting them (linefit.py)
    fit = _fit(atoms, max_squeeze, hang) if fill else None
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
        if fit is None:
            while cj > ci + 1:
                seg = atoms[start : clusters[cj - 1][1]]
                _pair_compress(seg)
                if _width(seg) <= avail + EPS:
                    break
                cj -= 1
        else:
            scanned = cj
            while cj > ci + 1 and fit.width(start, clusters[cj - 1][1]) > avail + EPS:
                cj -= 1
            # Setting each line it tried (as above) leaves the atoms past the
            # line it keeps as the shortest try over them set them: the line
            # after may read them (a cluster wider than a line), so set them so.
            for c in range(scanned, cj + 1, -1):
                _pair_compress(atoms[start : clusters[c - 1][1]])
        if cj == len(clusters):
            seg = atoms[start:]
            _pair_compress(seg)
            lines.append((seg, indent, avail, True))
            break
        if cj > ci:
            # The cluster cj does not fit: hang its final mark, or squeeze
            # the line's punctuation to take it in, else push it down.
            a0, a1 = clusters[cj]
            if fit is not None:
                seg = _take_in(atoms, fit, start, a0, a1, avail, max_squeeze)
                if seg is not None:
                    chosen = (seg, cj + 1)
            else:
                seg = atoms[start:a1]
                _pair_compress(seg)
                if _hangs(seg, hang):
                    seg[-1].hang = True
                    if _width(seg) <= avail + EPS:
                        chosen = (seg, cj + 1)
                    else:
                        seg[-1].hang = False
                over = _width(seg) - avail
                tail = sum(a.cur_width for a in atoms[a0 + 1 : a1] if a.no_start) if a1 - a0 > 1 else 0.0
                if chosen is None and 0 < over <= tail + EPS and _squeeze(seg, over, max_squeeze, a1 - a0):
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
    _avoid_runt(lines, max_squeeze, hang, pull=fill)
    if not fill:
        return lines
    lines = _settled(atoms, lines, measure, first_indent, widths, max_squeeze, hang, cut, fit, last_squeeze, last_hang, loose_cut)
    if last_squeeze and last_squeeze > max_squeeze:
        _pull_end(lines, last_squeeze, hang)
    if soft:  # where a line ends parting a number from its character: for proof
        at = {id(a): k for k, a in enumerate(atoms)}
        for seg, _, _, last in lines:
            ink = [a for a in seg if a.kind != "space"]
            if ink:
                ink[-1].parts = not last and at[id(ink[-1])] + 1 in soft
    return lines


def _settled(atoms, lines, measure, first_indent, widths, max_squeeze, hang, cut, fit, last_squeeze, last_hang="", loose=None):
    """The greedy lines relaxed, or the paragraph-wide search's if it
    letter-spaces fewer (break_paragraph's second half). Where a line of
    ideographs alone is still spaced out, the search may part a number from
    the character after it (`loose`: the clusters that allow it), if that
    spaces out fewer such lines and no more lines in all: a line of
    ideographs shows its spacing against the grid, one that holds digits is
    off the grid anyway, so a number is never parted for that one."""
    state = [(a.squeeze, a.hang) for a in atoms]
    kept = _settle(atoms, list(lines), measure, first_indent, widths, max_squeeze, hang, cut, fit, last_squeeze, last_hang)
    if loose is None or not _spaced(kept, plain=True):
        return kept
    settled = [(a.squeeze, a.hang) for a in atoms]
    for a, (squeeze, hung) in zip(atoms, state):
        a.squeeze, a.hang = squeeze, hung
    parted = _settle(atoms, list(lines), measure, first_indent, widths, max_squeeze, hang, loose, fit, last_squeeze, last_hang)
    if len(parted) <= len(kept) and _spaced(parted, plain=True) < _spaced(kept, plain=True) and _spaced(parted) <= _spaced(kept):
        return parted
    for a, (squeeze, hung) in zip(atoms, settled):
        a.squeeze, a.hang = squeeze, hung
    return kept


def _settle(atoms, lines, measure, first_indent, widths, max_squeeze, hang, cut, fit, last_squeeze, last_hang=""):
    """_settled with one set of clusters."""
    for seg, _, avail, last in lines:
        if not last:
            _relax(seg, avail)
    if any(_seen_residual(seg, avail) for seg, _, avail, last in lines if not last):
        spaced, state = _spaced(lines), [(a.squeeze, a.hang) for a in atoms]
        better = _search(atoms, measure, first_indent, widths, max_squeeze, hang, cut, fit)
        if better is not None and len(better) <= len(lines) and _spaced(better) < spaced:
            if not _spaced(better) or not _resort(max_squeeze, last_squeeze, hang, last_hang):
                return better
            lines, spaced, state = better, _spaced(better), [(a.squeeze, a.hang) for a in atoms]
        if _resort(max_squeeze, last_squeeze, hang, last_hang) and any(
            _residual(seg, avail) > VISIBLE * seg[0].style.cell for seg, _, avail, last in lines if not last and seg
        ):
            # last resort before letter-spacing a line visibly: marks may give up to `last_squeeze`
            # and one of `last_hang` hang, in as few lines as can spare a spaced one, and in as
            # many lines as before: the paragraph is not set tighter throughout to lose one
            squeeze = max(last_squeeze or 0.0, max_squeeze)
            tighter = _search(
                atoms, measure, first_indent, widths, squeeze, hang, cut,
                fit.squeezing(squeeze, hang or last_hang), count=len(lines), usual=fit,
            )
            if tighter is not None and len(tighter) == len(lines) and not _spaced(tighter):
                return tighter
            # or a line fewer, if only that spares every spaced line: each line full, the last
            # one a 孤字 (…稳 / 定了。 set …稳定 / 了。), its marks giving what the 孤字 needs
            shorter = None if len(lines) < 2 else _search(
                atoms, measure, first_indent, widths, squeeze, hang, cut,
                fit.squeezing(squeeze, hang or last_hang), count=len(lines) - 1, usual=fit,
            )
            if shorter is not None and len(shorter) == len(lines) - 1 and not _spaced(shorter):
                return shorter
            if tighter is not None and len(tighter) == len(lines) and _spaced(tighter) < spaced:
                return tighter
        for a, (squeeze, hung) in zip(atoms, state):  # the search set the atoms its own way
            a.squeeze, a.hang = squeeze, hung
    return lines


def _resort(max_squeeze: float, last_squeeze: float | None, hang: str, last_hang: str) -> bool:
    """Whether the paragraph has a last resort: marks that may give more
    than `max_squeeze`, or hang where the layout hangs none."""
    return bool(last_squeeze and last_squeeze > max_squeeze) or bool(last_hang and not hang)


def _pull_end(lines: list[tuple[list[Atom], float, float, bool]], last_squeeze: float, hang: str) -> None:
    """The last resort at a paragraph's end: where the line before the last
    is letter-spaced and the last is short (PULL_END atoms or fewer: most
    often a character given to a 孤字, …干 / 成事。, or a number and its stop,
    …提高 / 到65%。), the line before takes it in if its marks, giving up to
    `last_squeeze` em, make the room; the paragraph ends a line sooner, none
    of it spaced out."""
    if len(lines) < 2 or not (_residual(lines[-2][0], lines[-2][2]) > EPS):
        return
    last, prev, p_indent, p_avail = lines[-1][0], *lines[-2][:3]
    if any(a.hang for a in prev) or sum(a.kind != "space" for a in last) > PULL_END:
        return
    saved = [(a.squeeze, a.hang) for a in prev + last]
    merged = prev + last
    _pair_compress(merged)
    if _hangs(merged, hang):
        merged[-1].hang = True
    if _width(merged) <= p_avail + EPS or _squeeze(merged, _width(merged) - p_avail, last_squeeze):
        lines[-2:] = [(merged, p_indent, p_avail, True)]
        return
    for a, (sq, hg) in zip(prev + last, saved):
        a.squeeze, a.hang = sq, hg


PULL_END = 4  # atoms of a paragraph's last line the line before may take in as a last resort


# Costs of the paragraph-wide search: a letter-spaced line is what it avoids,
# at any price short of a longer paragraph or a 孤字.
SPACED_COST = 100.0
def no_font(ch: str) -> str:
    """The message for a character no font of the layout has (one for
    `check` and the layout), naming what prints in its place where forms
    have a usual one (✓ → √, ☒ → ■)."""
    from ..punct import STAND_INS

    what = f"write “{STAND_INS[ch]}” instead, which the fonts print," if ch in STAND_INS else "replace it"
    return (f"没有字体能印出字符 no configured font has the character “{ch}” (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}); "
            f"{what} or add a fallback font to the layout.")


SPACED = 0.05  # pt between glyphs that makes a line letter-spaced (issue 7's measure)
VISIBLE = 0.25  # cells of room spread over a line that its reader sees (a Latin word leaves less, unseen)
SPACED_CELL_COST = 25.0  # and for the square of the cells of room it spreads: of two spaced lines the tighter wins, and one line spread by two cells or more costs more than two spread by a little
LINE_COST = 1000.0
RUNT_COST = 150.0
SQUEEZE_COST = 20.0  # a whole cell of punctuation squeezed out of a line
# The last resort: a spaced line costs more than any squeeze; then fewest lines squeezed past the usual limit, then least squeeze
EXCESS_COST = 5.0  # a line whose marks give more than the layout's usual limit
LAST_SQUEEZE_COST = 2.0  # a whole cell squeezed out of a line
LAST_HANG_COST = 20.0  # a mark hung past the edge, where squeezing cannot spare the spaced line
HANG_COST = 1.0
# A number or a Latin word parted from the character after it (…全县23 / 个乡镇…): the greedy
# breaker never does it; the search does where it spares a letter-spaced line (a digit's
# width is no whole cell, so the line before it could only be spaced out), cheaper than that
# line, dearer than a mark squeezed or hung.
SOFT_BREAK_COST = 40.0


def _residual(seg: list[Atom], avail: float) -> float:
    """What justification still spreads between glyphs once adjacent marks
    gave their compression back."""
    slack = avail - _width(seg)
    for a in seg:
        if a.compressed and a.compressible and not a.hang and slack >= a.half - EPS:
            slack -= a.squeeze
    return max(slack, 0.0)


def unseen(cell: float, latin: bool) -> float:
    """The room a justified line may spread and not count as letter-spaced:
    none in a line of ideographs (each keeps the grid's pitch), VISIBLE of a
    cell in one that holds a Latin word or a number, off the grid anyway (a
    quarter cell over 25 gaps is 0.16 pt a gap: rather that than a line
    before it spaced out twice as wide, or one squeezed by a cell)."""
    return VISIBLE * cell if latin else EPS


def _seen_residual(seg: list[Atom], avail: float) -> bool:
    """Whether a line's residual room shows as letter-spacing (see unseen)."""
    room = _residual(seg, avail) if seg else 0.0
    return room > EPS and room > unseen(seg[0].style.cell, any(a.kind == "latin" for a in seg))


def _spaced(lines: list[tuple[list[Atom], float, float, bool]], plain: bool = False) -> int:
    """Lines letter-spaced (`plain`: of those, the ones with no Latin or digit)."""
    return sum(
        1 for seg, _, avail, last in lines
        if not last and _seen_residual(seg, avail) and not (plain and any(a.kind == "latin" for a in seg))
    )


def _search(
    atoms: list[Atom],
    measure: float,
    first_indent: float,
    widths: list[float] | None,
    max_squeeze: float,
    hang: str,
    cut: tuple[list[tuple[int, int]], list[float], list[float], frozenset[int]],
    fit,
    count: int | None = None,
    usual=None,
) -> list[tuple[list[Atom], float, float, bool]] | None:
    """The breaks of the whole paragraph that letter-space fewest lines.

    The greedy breaker decides each line alone, so a number and its measure
    word (2000亩) that lands at a line's end leaves it short. Here each line
    may end where it fills, one cluster later (hung or squeezed in) or one
    cluster earlier, and the cheapest sequence wins: no letter-spacing first,
    then as little squeezing as possible, never an extra line. None when a
    cluster is wider than a line (the greedy breaker splits those).

    `cut`: the paragraph's clusters and their widths under the
    paragraph-wide compression, and `fit` its LineFit (break_paragraph has
    both before it searches).

    The last resort (`fit` squeezing more than the layout's usual limit)
    gives `count`, the lines the paragraph must keep, and `usual`, the LineFit
    at the usual limit: a line squeezed past it costs EXCESS_COST, so that
    the extra squeeze goes only where it spares a spaced line.
    """
    clusters, full, trimmed, soft = cut
    n = len(clusters)
    lanes = max(1, len(widths) if widths else 1)

    def avail_of(line_no: int) -> float:
        indent = first_indent if line_no == 0 else 0.0
        return (widths[min(line_no, len(widths) - 1)] if widths else measure) - indent

    def seg_of(ci: int, cj: int) -> list[Atom]:
        return atoms[clusters[ci][0] : clusters[cj - 1][1]]

    latin = list(accumulate((a.kind == "latin" for a in atoms), initial=0))  # Latin atoms before each atom
    # after[cj]: the first cluster from cj on that is not all spaces
    after = list(range(n + 1))
    for cj in range(n - 1, -1, -1):
        if all(a.kind == "space" for a in atoms[clusters[cj][0] : clusters[cj][1]]):
            after[cj] = after[cj + 1]

    # each candidate line is measured exactly as if set (compression restarts
    # at a line's edges) by `fit`, without setting it

    def options(ci: int, line_no: int) -> list[tuple[float, int, str]] | None:
        avail = avail_of(line_no)
        cj, run = ci, 0.0
        while cj < n and run + trimmed[cj] <= avail + EPS:
            run += full[cj]
            cj += 1
        s = clusters[ci][0]
        while cj > ci:
            if fit.width(s, clusters[cj - 1][1]) <= avail + EPS:
                break
            cj -= 1
        if cj == ci:
            return None
        if after[cj] == n:
            return [(RUNT_COST if line_no > 0 and _is_runt(seg_of(ci, n)) else 0.0, n, "last")]
        out: list[tuple[float, int, str]] = []
        # where numbers part, the line may also end before the number, as it could before
        hard = cj
        while hard > ci and clusters[hard - 1][1] in soft:
            hard -= 1
        for end in sorted({hard - 1, hard, cj - 1, cj, cj + 1, cj + 2}):
            if end <= ci or end > n or (end == cj + 2 and (not out or out[-1][1] != cj + 1)):
                continue  # two clusters more only where one more could be taken
            e = clusters[end - 1][1]
            width = fit.width(s, e)
            parted = SOFT_BREAK_COST if e in soft else 0.0  # a number from the character after it
            # a mark that hangs is hung, but in the last resort the line may
            # squeeze instead, which keeps the edge flush
            ways = (False,)
            if width > avail + EPS and fit.hangs(s, e):
                ways = (True,) if usual is None else (False, True)
            for hung in ways:
                mode, cost = ("hang", HANG_COST if usual is None else LAST_HANG_COST) if hung else ("plain", 0.0)
                cost += parted
                over = fit.width(s, e, hung) - avail
                if over > EPS:
                    if not fit.squeezable(s, e, over, hung):
                        continue
                    weight = SQUEEZE_COST if usual is None else LAST_SQUEEZE_COST
                    mode, cost = ("hang+squeeze" if hung else "squeeze"), cost + weight * over / atoms[s].style.cell
                    if usual is not None and not usual.squeezable(s, e, over, hung):
                        cost += EXCESS_COST
                    out.append((cost, end, mode))  # squeezed to the measure: nothing left to letter-space
                    continue
                slack = fit.residual(s, e, avail, hung)
                seen = slack > unseen(atoms[s].style.cell, latin[e] > latin[s])
                spaced = SPACED_COST + SPACED_CELL_COST * (slack / atoms[s].style.cell) ** 2 if seen else 0.0
                out.append((cost + spaced, end, mode))
        return out

    # forward over line starts: best[(ci, lane)] = (cost, lines so far, path);
    # a path is ((ci, end, mode) of its last line, the path before it):
    # shared by the paths that go on from it, never copied
    best: dict[tuple[int, int], tuple[float, int, tuple | None]] = {(0, 0): (0.0, 0, None)}
    done: tuple[float, tuple] | None = None
    for ci in range(n):
        for lane in range(count if count is not None else lanes):
            state = best.get((ci, lane))
            if state is None:
                continue
            cost, line_no, path = state
            opts = options(ci, line_no)
            if opts is None:
                return None
            for c, end, mode in opts:
                total = cost + c + LINE_COST
                if count is not None and after[end] >= n and line_no + 1 != count:
                    continue  # ends a line short of `count`
                step = ((ci, end, mode), path)
                nxt = after[end]
                if nxt >= n:
                    if done is None or total < done[0]:
                        done = (total, step)
                    continue
                if count is not None and line_no + 1 >= count:
                    continue  # the paragraph would run past its lines
                key = (nxt, line_no + 1 if count is not None else min(line_no + 1, lanes - 1))
                if key not in best or total < best[key][0]:
                    best[key] = (total, line_no + 1, step)
    if done is None:
        return None
    chosen: list[tuple[int, int, str]] = []
    link: tuple | None = done[1]
    while link is not None:
        chosen.append(link[0])
        link = link[1]
    chosen.reverse()
    lines: list[tuple[list[Atom], float, float, bool]] = []
    for k, (ci, end, mode) in enumerate(chosen):
        avail = avail_of(k)
        seg = atoms[clusters[ci][0] : clusters[after[end] - 1][1]]
        core = seg_of(ci, end)
        _pair_compress(seg)
        if mode.startswith("hang"):
            core[-1].hang = True
        if mode.endswith("squeeze"):
            _squeeze(core, _width(core) - avail, max_squeeze)
        lines.append((seg, first_indent if k == 0 else 0.0, avail, mode == "last"))
    _avoid_runt(lines, max_squeeze, hang)
    for seg, _, avail, last in lines:
        if not last:
            _relax(seg, avail)
    return lines


def _is_runt(last: list[Atom]) -> bool:
    """Whether a paragraph's last line is a 孤字: one character (or a Latin
    word) and the marks that close it (成事。, 好”。, 去。”), or none, when
    the paragraph ends without a stop (a numbered point: …在原特区 / 外)."""
    body = [a for a in last if a.kind != "space"]
    # marks only (not .cn, a piece of an address that starts with one); a note's ① belongs to its word
    return len(body) >= 1 and body[0].kind in ("wide", "latin") and all(
        set(a.text) <= NO_START or a.style.attached for a in body[1:]
    )


def _avoid_runt(
    lines: list[tuple[list[Atom], float, float, bool]], max_squeeze: float = 0.25, hang: str = "", pull: bool = True
) -> None:
    """A paragraph does not end on one character and its marks (孤字, _is_runt): the
    line before takes them in if hanging the stop and squeezing its marks
    make room, else it gives the last line one more character, and is
    justified a little looser for it."""
    if len(lines) < 2:
        return
    last, indent, avail, _ = lines[-1]
    if not _is_runt(last):
        return
    prev, p_indent, p_avail, _ = lines[-2]
    if pull and not any(a.hang for a in prev):
        saved = [(a.squeeze, a.hang) for a in prev]
        merged = prev + last
        _pair_compress(merged)
        if _hangs(merged, hang):
            merged[-1].hang = True
        if _squeeze(merged, _width(merged) - p_avail, max_squeeze) or _width(merged) <= p_avail + EPS:
            lines[-2:] = [(merged, p_indent, p_avail, True)]
            return
        for a, (sq, hg) in zip(prev, saved):
            a.squeeze, a.hang = sq, hg
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


ORDER_EPS = 0.1  # pt: a glyph's origin is at least this far right of the one before it, as readers order text
# (a bracket compressed after a comma moves right by what the line's squeeze put its origin before the
# comma's, a fraction of a point on a line squeezed by rounding, and this)


def place(atoms: list[Atom], indent: float, avail: float, justify: bool, align: str = "justify") -> Line:
    """Position the glyphs of one line; justified lines end exactly at the
    measure, a hung mark just past it."""
    content = list(atoms)
    trailing: list[Atom] = []
    while content and content[-1].kind == "space":
        trailing.insert(0, content.pop())
    hung = content.pop() if content and content[-1].hang else None
    if hung is not None:
        trailing.insert(0, hung)
    used = sum(a.cur_width for a in content)
    extra = avail - used
    glue = {idx for idx in range(len(content) - 1) if content[idx + 1].glued}  # no gap inside an address
    gaps = max(len(content) - 1 - len(glue), 0)
    # a space the editor typed between two words of ideographs (通讯员 许艺洋 魏鑫洁) takes the
    # room first, up to a cell each, as a Latin line's spaces do: the ideographs keep the grid's
    # pitch. Not one beside a mark (活动。 此次: a slip, check says so) or a Latin word: the
    # slack would open a hole there
    spaces = [
        idx for idx in range(1, len(content) - 1)
        if content[idx].kind == "space" and is_han(content[idx - 1].text[-1]) and is_han(content[idx + 1].text[0])
    ] if justify and extra > EPS else []
    stretch = min(extra / len(spaces), content[spaces[0]].style.cell) if spaces else 0.0
    stretched = set(spaces)
    extra -= stretch * len(spaces)
    gap = extra / gaps if (justify and gaps and extra > EPS) else 0.0
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
    spaced = len(content) - 1  # the atoms followed by a gap
    for idx, a in enumerate(seq):
        s = a.style
        if s.size > size:
            size = s.size
        w = a.width - a.squeeze
        kind = a.kind
        if kind == "latin" or kind == "space":
            gx = x
            for ch, face in a.glyphs:
                glyphs.append(Glyph(ch, face, s.size, s.color, gx))
                gx += face.advance(ch) * s.size
        elif kind == "insep":
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
                if glyphs and gx < glyphs[-1].x + ORDER_EPS:
                    # compressed after a mark (，《 in one cell) on a line squeezed by a rounding's
                    # fraction of a point: its origin before the comma's made readers (pdfium) copy
                    # 表示《“，十四五 for 表示，《“十四五; just after the comma's keeps the order
                    gx = glyphs[-1].x + ORDER_EPS
            elif ch in INK_LEFT or adv >= s.cell - EPS:
                gx = x
            else:
                gx = x + (w - adv) / 2  # narrow marks and symbols (· ？ × ℃) centred in the cell
            glyphs.append(Glyph(ch, face, s.size, s.color, gx))
        x += w + (gap if idx < spaced and idx not in glue else 0.0) + (stretch if idx in stretched else 0.0)
    squeezed = sum(a.squeeze for a in atoms) - sum(_pair_squeezes(atoms))
    marks: list[tuple[int, float]] = []
    offset = 0
    for a in atoms:
        if a.squeeze > EPS and not a.hang:
            marks.append((offset, a.squeeze))
        offset += len(a.text)
    return Line(glyphs, used + stretch * len(spaces) + (gap * gaps if justify else 0.0), avail, indent, False, size,
                "".join(a.text for a in atoms), spacing=gap if justify else 0.0,
                squeezed=max(squeezed, 0.0) if squeezed > EPS else 0.0, hung=hung.text if hung else "",
                overhang=hung.cur_width if hung else 0.0, squeezes=tuple(marks),
                parted=content[-1].text if content and content[-1].parts else "")
