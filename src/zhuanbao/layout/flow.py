"""The body as a flow of grid slots: text set into lines, lines into slots.

Every slot takes whole grid lines, so body baselines stay on the 22-line grid
across titles, gaps and pictures. Keep rules are flags on the slots
(`keep_with_next`): a title keeps with the next two lines, the first line of
a paragraph with the second (no orphan), the last but one with the last (no
widow), the last line of an article with its source. The paginator honours
them where it can.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..document import Document, Figure, NoteList, Para
from ..errors import ContentError, Diagnostic, Where
from ..model import Table
from ..fonts import FontBook
from ..layoutfile import Layout
from ..punct import is_han
from .boxes import DotBox, Grid, ImageBox, TextBox
from .decided import Decided
from .text import EPS, NO_START, SPACED, Line, RunStyle, Shaper, _clusters, _pair_compress, break_paragraph, is_wide, join_words, moved, place
from .titles import (
    CLAUSE_BONUS,
    COUPLET_HALF,
    DASHES,
    PARALLEL_BONUS,
    PERCENT_SIGNS,
    break_title,
    clause_lines,
    clause_pair,
    is_verse,
    jieba_segmenter,
    may_be_clause_pair,
    may_be_couplet,
    may_read_as_two_clauses,
    title_rules,
    title_model,
    title_words,
)

INTRODUCES = ("：", ":")  # a paragraph ending so introduces the table after it

@dataclass(frozen=True)
class Note:
    """A compromise the layout made setting a slot, for `proof`: its kind (a
    key of proof.KINDS), what it gave up in words, and by how many points
    where that is a measure (a letter-spaced or squeezed line), which proof
    weighs against the layout's proof.min_squeeze."""

    kind: str
    detail: str
    points: float = 0.0


@dataclass
class Slot:
    lines: int
    boxes: list = field(default_factory=list)  # y relative to the slot's top
    keep_with_next: bool = False
    discardable: bool = False  # a gap, dropped at the top of a page
    bookmark: str | None = None
    kind: str = "body"
    block: int | None = None  # index of the Document.body block it sets, for economies and proofs
    notes: list[Note] = field(default_factory=list)  # compromises made setting it
    break_before: bool = False  # starts a new page (the 版记's carry economy)
    floats: bool = False  # a picture that may move to the next page, the text after it flowing up
    head: "Slot | None" = None  # printed first when this slot starts a page (a table's header row)
    text: str = ""  # a text line's characters, as set (where the DOCX breaks a page inside a paragraph)
    # a floating picture's smaller settings, largest first, down to `pictures.min_scale`: the
    # paginator takes the largest that fits what is left of a page rather than carry the picture on
    smaller: list["Slot"] = field(default_factory=list)
    size: tuple[float, float, int] | None = None  # a picture slot's (width, height, grid lines) of the picture


def typesetting_settings(layout: Layout) -> tuple[float, str, str]:
    """`typesetting.max_squeeze` (em), the marks that may hang past the right
    edge (`typesetting.hanging_punctuation: true`), and those that may hang
    only as a paragraph's last resort, where neither the layout's squeeze nor
    `max_squeeze_last` spares a letter-spaced line (`last_resort`); "" where
    that is not so. Checked."""
    ty = layout.root.sub("typesetting")
    squeeze = ty.number("max_squeeze")
    if not 0 <= squeeze <= 0.5:
        raise ContentError(ty._where("max_squeeze"), "layout key `typesetting.max_squeeze` should be between 0 and 0.5 (em).")
    on = ty.raw("hanging_punctuation", False)
    if not isinstance(on, bool) and on != "last_resort":
        raise ContentError(
            ty._where("hanging_punctuation"),
            "layout key `typesetting.hanging_punctuation` should be true, false or last_resort.",
        )
    marks = ty.text("hanging_marks", "，。、")
    if not marks or any(m not in NO_START or is_wide(m) is False for m in marks):
        raise ContentError(ty._where("hanging_marks"), "layout key `typesetting.hanging_marks` should be full-width marks that never start a line, like \"，。、\".")
    return squeeze, (marks if on is True else ""), (marks if on == "last_resort" else "")


def unbreakable_words(layout: Layout) -> tuple[str, ...]:
    """`typesetting.unbreakable`: words never parted at a line's end (a
    leader's name), checked: a list of words of two characters or more."""
    ty = layout.root.sub("typesetting")
    words = ty.raw("unbreakable", []) or []
    if not isinstance(words, list) or any(not isinstance(w, str) or len(w.strip()) < 2 for w in words):
        raise ContentError(
            ty._where("unbreakable"),
            "layout key `typesetting.unbreakable` should be a list of words of two characters or more, like [习近平].",
        )
    return tuple(w.strip() for w in words)


def last_squeeze(layout: Layout, squeeze: float) -> float:
    """`typesetting.max_squeeze_last` (em): what a mark may give before a
    line of running text is letter-spaced, when `max_squeeze` leaves a
    paragraph no way around it (clreq: a full-width mark may be set half
    width); at least `max_squeeze`, which it defaults to."""
    ty = layout.root.sub("typesetting")
    value = ty.number("max_squeeze_last", squeeze)
    if not squeeze <= value <= 0.5:
        raise ContentError(
            ty._where("max_squeeze_last"),
            "layout key `typesetting.max_squeeze_last` should be between `max_squeeze` and 0.5 (em).",
        )
    return value


def _title_clusters(atoms) -> list[tuple[int, int]]:
    """The title's unbreakable clusters: the running text's (避头尾), but a
    破折号 may start a title's line, as a subtitle does (让文明之花开遍城乡 /
    ——我市…综述); in running text it stays with the character before it.
    And a percentage has its unit: the running text keeps a number with the
    character after it (3个, 1.2天), but after 增长18.6% the next clause may
    start a title's line (…增长18.6% / 部分企业…)."""
    out: list[tuple[int, int]] = []
    for a0, a1 in _clusters(atoms):
        cuts = [k for k in range(a0 + 1, a1) if (atoms[k].text[:1] in DASHES and atoms[k - 1].text[-1:] not in DASHES)
                or (atoms[k - 1].text[-1:] in PERCENT_SIGNS and atoms[k].kind == "wide")]
        out.extend(zip([a0, *cuts], [*cuts, a1]))
    return out


class Typesetter:
    """Sets runs of text into lines with the layout's styles, on or off the grid."""

    def __init__(self, layout: Layout, fonts: FontBook, grid: Grid, warnings: list[Diagnostic]):
        self.layout = layout
        self.fonts = fonts
        self.grid = grid
        self.shaper = Shaper(fonts, warnings)
        self.body_size = layout.styles["body"].size
        self.max_squeeze, self.hanging_marks, self.last_hang = typesetting_settings(layout)
        self.last_squeeze = last_squeeze(layout, self.max_squeeze)
        self.unbreakable = unbreakable_words(layout)
        self.decided = Decided()  # what a flow writer (the DOCX) lowers as decided here
        self.title_rules = title_rules(layout)
        # a title is broken once: the 目录 and the article ask alike, and the 版记's
        # pull-back economy lays the flow out again for every trial
        self._title_pieces: dict[tuple[str, RunStyle, float], list[str]] = {}
        # the segmenter and the title model, found beside the layout when a title first needs them
        self._segment: Callable | None = None
        self._model: tuple = ()  # (TitleModel | None,) once looked up

    def run_style(self, name: str, on_grid: bool = True) -> RunStyle:
        st = self.layout.styles[name]
        tracking = (self.grid.char_pitch - self.body_size) if on_grid else 0.0
        dots = (st.mark_radius, st.mark_drop) if st.marks == "dot" else None
        return RunStyle(st.font, st.size, self.layout.color(st.color), st.size + tracking, st.latin, dots)

    def style_of(
        self, role: str, size: float, color: str, tracking: float = 0.0, latin: str | None = None
    ) -> RunStyle:
        return RunStyle(role, size, self.layout.color(color), size + tracking, latin or None)

    def line_texts(self, runs: list[tuple[str, RunStyle]], measure: float, where: Where | None = None) -> list[str]:
        """The lines `set` would make of text that is not running body (align
        left, no hanging, no search), without placing their glyphs: what the
        table's column balancing tries at many widths."""
        atoms = self.shaper.atoms(runs, where, measure)
        join_words(atoms, self.unbreakable)
        return ["".join(a.text for a in seg) for seg, *_ in self._breaks(atoms, measure)] if atoms else []

    def _breaks(self, atoms, measure: float, indent: float = 0.0, widths: list[float] | None = None,
                max_squeeze: float | None = None, hang: str = "", fill: bool = False, last_hang: str = ""):
        """The line breaks of `set` (and of `line_texts`, which places nothing):
        the layout's squeeze limits unless overridden (the 版记's pull-back)."""
        squeeze = self.max_squeeze if max_squeeze is None else max_squeeze
        return break_paragraph(
            atoms, measure, indent, widths=widths, max_squeeze=squeeze, hang=hang, fill=fill,
            last_squeeze=self.last_squeeze if max_squeeze is None else squeeze,  # last_squeeze() ≥ max_squeeze
            last_hang=last_hang,
        )

    def set(
        self,
        runs: list[tuple[str, RunStyle]],
        measure: float,
        *,
        indent: float = 0.0,
        align: str = "justify",
        where: Where | None = None,
        widths: list[float] | None = None,
        max_squeeze: float | None = None,
        hang: bool = False,
        fill: bool | None = None,
    ) -> list[Line]:
        """Break and place runs; `max_squeeze` overrides the layout's limit
        (the 版记's pull-back economy sets a paragraph tighter). `hang` marks
        running body text: its lines may hang the layout's marks past the
        right edge (or as a last resort only), squeeze punctuation anywhere to fill and be searched as a
        paragraph (break_paragraph's `fill`); a 版记, 目录 or title line keeps
        inside its measure and breaks as before. `fill` alone (the 编者按,
        running text inside rules or a frame) searches and squeezes as the
        body does but hangs nothing."""
        atoms = self.shaper.atoms(runs, where, measure)
        if not atoms:
            return []
        join_words(atoms, self.unbreakable)
        out: list[Line] = []
        body = hang and align == "justify"
        for seg, ind, avail, last in self._breaks(
            atoms, measure, indent, widths, max_squeeze, self.hanging_marks if body else "",
            hang if fill is None else fill, self.last_hang if body else "",
        ):
            justify = align == "justify" and not last
            line = place(seg, ind, avail, justify, "left" if align == "justify" else align)
            line.last = last
            # characters from a fallback face (proof lists them); the atom's own face looked up once per atom
            line.fallback = "".join(dict.fromkeys(
                ch for a in seg for primary in (self._primary(a),) for ch, face in a.glyphs if face is not primary
            ))
            line.dots = _dots(seg, line)
            out.append(line)
        return out

    def _primary(self, atom) -> object:
        role = atom.style.latin if atom.kind == "latin" and atom.style.latin else atom.style.role
        return self.fonts.face(role)

    def title_pieces(self, text: str, rs: RunStyle, measure: float, where: Where | None) -> list[str]:
        """Where a title with no hand break breaks: one decision, used above
        the article and in the 目录 alike (see layout/titles.py: the rules
        price the word boundaries, the title model chooses among those they
        allow in a two-line title), made once."""
        key = (text, rs, measure)
        if key not in self._title_pieces:
            self._title_pieces[key] = self._break_title(text, rs, measure, where)
        return list(self._title_pieces[key])

    def _break_title(self, text: str, rs: RunStyle, measure: float, where: Where | None) -> list[str]:
        units = self.title_units(text, rs, measure, where)
        fits = sum(w for _, w in units) <= measure + EPS
        rules = self.title_rules
        hints, shortest, min_line = rules.hints, rules.break_fitting, rules.min_line
        long_enough = bool(shortest) and len(text) >= shortest
        two_clauses = long_enough and may_read_as_two_clauses(text, hints, min_line)
        # a verse couplet after its label is two lines however short (叶大乡：小小微心愿 / 传递大温暖)
        couplet = (long_enough or (bool(shortest) and is_verse(text))) and not two_clauses and may_be_couplet(text, min_line)
        pair = fits and bool(shortest) and may_be_clause_pair(text)
        if fits and not (two_clauses or couplet or pair):
            return [text]  # fits, and reads as one clause: no segmenter needed
        if "".join(u for u, _ in units) != text:  # the shaper changed the text: break as running text
            if fits:
                return [text]
            return [line.text.strip() for line in self.set([(text, rs)], measure, align="center", where=where)]
        if self._segment is None:
            self._segment = jieba_segmenter(title_words(self.layout))
        segment = self._segment
        if pair:  # a label and two clauses of about one length: at their boundary
            lines = clause_pair(text, units, segment, hints, rules.ends)
            if len(lines) == 2 or not (two_clauses or couplet):
                return lines
        if fits:  # a couplet breaks only in its middle (or at a pause)
            clearest = PARALLEL_BONUS if couplet else CLAUSE_BONUS
            # a couplet's half may be shorter than title_min_line (…镇：AAAAA / BBBBB): its length was judged
            shortest_line = min(min_line, COUPLET_HALF[0]) if couplet else min_line
            return clause_lines(text, units, rs.cell, segment, hints, rules.ends, shortest_line, clearest)
        if not self._model:
            self._model = (title_model(self.layout),)
        pieces = break_title(text, units, measure, rs.cell, segment, hints, rules.ends, self._model[0])
        if any(self.width_of(p, rs, where) > measure + EPS for p in pieces):  # a run wider than the line
            return [line.text.strip() for line in self.set([(text, rs)], measure, align="center", where=where)]
        return pieces

    def title_units(self, text: str, rs: RunStyle, measure: float, where: Where | None) -> list[tuple[str, float]]:
        """A title's unbreakable clusters and their widths, as its lines are
        set (marks compressed in pairs): what the breaker cuts between, and
        what bench/title_model.py learns from."""
        atoms = self.shaper.atoms([(text, rs)], where, measure)
        _pair_compress(atoms)
        return [("".join(a.text for a in atoms[a0:a1]), sum(a.cur_width for a in atoms[a0:a1])) for a0, a1 in _title_clusters(atoms)]

    def width_of(self, text: str, rs: RunStyle, where: Where | None) -> float:
        atoms = self.shaper.atoms([(text, rs)], where, 1e9)
        _pair_compress(atoms)
        return sum(a.cur_width for a in atoms)

    def baseline(self, size: float, role: str | None = None, pitch: float | None = None) -> float:
        """Baseline offset inside a line of `pitch`, centring the em box.

        Measured on the body font whatever the run's font, so that a line of
        黑体 and a line of 仿宋 of one size share the grid's baseline.
        """
        face = self.fonts.face(self.layout.styles["body"].font)
        pitch = pitch or self.grid.line_pitch
        centre = (face.ascent + face.descent) / 2 * size
        return pitch / 2 + centre


def line_notes(line: Line) -> list[Note]:
    """What a line gave up, as plain data for `proof`: letter-spacing,
    squeezed punctuation, a hung mark, characters from a fallback font, a
    number parted from the character after it."""
    notes: list[Note] = []
    if line.spacing > SPACED:
        notes.append(Note("spaced", f"{line.spacing:.2f} pt", line.spacing))
    if line.squeezed > EPS:
        notes.append(Note("squeezed", f"{line.squeezed:.2f} pt", line.squeezed))
    if line.hung:
        notes.append(Note("hung", line.hung))
    if line.fallback:
        notes.append(Note("fallback", line.fallback))
    if line.parted:
        notes.append(Note("parted", line.parted))
    return notes


def _dots(seg: list, line: Line) -> list[tuple[float, float, float, str]]:
    """着重号: a dot centred under each Chinese character of a dotted run
    (GB/T 15834), not under its punctuation. place() gives the glyphs in
    the order of the atoms' glyphs."""
    if not any(a.style.dots for a in seg):
        return []
    styles = [a.style for a in seg for _ in a.glyphs]
    return [
        (g.x + g.face.advance(g.ch) * g.size / 2, st.dots[1], st.dots[0], g.color)
        for g, st in zip(line.glyphs, styles)
        if st.dots and is_han(g.ch)
    ]


def build_flow(doc: Document, ts: Typesetter, tight: dict[int, float] | None = None) -> list[Slot]:
    """The body blocks → slots, with the keep rules.

    `tight` maps a body block's index to a squeeze limit for it (the 版记's
    pull-back economy resets a paragraph of the last page tighter)."""
    tight = tight or {}
    from .footnotes import mark_style, notes_slots, split_marks
    from .table import table_slots

    body = doc.body
    layout, grid = ts.layout, ts.grid
    has_marks = False
    slots: list[Slot] = []

    def text_slots(lines: list[Line], style_name: str, kind: str) -> list[Slot]:
        st = layout.styles[style_name]
        out = []
        for line in lines:
            base = ts.baseline(line.size or st.size, st.font)
            dots = [DotBox(grid.left + x, base + drop, r, color) for x, drop, r, color in line.dots]
            box = TextBox(line.glyphs, grid.left, base, kind)
            out.append(Slot(1, [*(split_marks(box, ts) if has_marks else [box]), *dots], kind=kind, notes=line_notes(line),
                            text=line.text))
        return out

    def gap(n: int, keep: bool = False) -> None:
        for _ in range(n):
            slots.append(Slot(1, [], keep_with_next=keep, discardable=True, kind="gap"))

    tagged = 0

    def tag(upto: int) -> None:
        """Slots made since the last call belong to block upto - 1."""
        nonlocal tagged
        for s in slots[tagged:]:
            s.block = upto - 1
        tagged = len(slots)

    for k, block in enumerate(body):
        tag(k)
        nxt = body[k + 1] if k + 1 < len(body) else None
        if isinstance(block, Figure):
            slots.extend(figure_slots(block, ts, text_slots, k))
            continue
        if isinstance(block, Table):
            if k and isinstance(body[k - 1], Table):
                # two tables in a row: a blank grid line parts them, else the second's header
                # sits on the first's bottom rule and they read as one broken table (the DOCX
                # parts them with a body paragraph too: Word would join them)
                gap(1)
            slots.extend(table_slots(block, ts, k))
            continue
        if isinstance(block, NoteList):
            slots.extend(notes_slots(block, ts))
            continue
        if block.kind == "note":  # 编者按: its own rules or box (layout/notes.py)
            from .notes import note_slots

            new = note_slots(block, ts, k)
            ts.decided.note_lines[k] = len(new)  # the grid lines the DOCX frames
            slots.extend(new)
            continue
        st = layout.styles[block.kind]
        if block.kind == "title":
            prev_is_label = bool(slots) and slots[-1].kind == "section"
            gap(st.space_before, keep=prev_is_label)
            rs = ts.run_style("title", on_grid=False)
            lines: list[Line] = []
            for runs in block.lines:
                pieces = [(r.text, rs) for r in runs]
                if block.broken_by_hand:
                    lines += ts.set(pieces, grid.width, align="center", where=block.where)
                else:
                    for piece in ts.title_pieces("".join(t for t, _ in pieces), rs, grid.width, block.where):
                        lines += ts.set([(piece, rs)], grid.width, align="center", where=block.where)
            new = text_slots(lines, "title", "title")
            if not block.broken_by_hand and len(lines) > 1:
                new[0].notes.append(Note("title", " / ".join(ln.text.strip() for ln in lines)))
            ts.decided.title_lines[k] = tuple(line.text for line in lines)
            if not block.broken_by_hand and len(lines) > 2 and ts.width_of(block.text, rs, block.where) <= 2 * grid.width:
                # two lines' worth, three lines: a quotation kept whole, or the editor's space, where no
                # first line of two could end (文明用网 健康上网 / …)
                at_space = any(c.isspace() for c in block.text.strip()) and _breaks_at_space(block.text, [ln.text for ln in lines])
                ts.decided.titles_kept_whole[k] = "space" if at_space else "quote"
            for s in new:
                s.keep_with_next = True
            new[0].bookmark = doc.article_titles[block.article] if block.article is not None else block.text
            slots.extend(new)
            if not (isinstance(nxt, Para) and nxt.kind == "subtitle"):
                gap(st.space_after, keep=True)  # after the subtitle, if there is one
            continue
        if block.kind == "section":
            gap(st.space_before)
        has_marks = any(r.style == "noteref" for line in block.lines for r in line)
        align = st.align
        indent = st.indent * grid.char_pitch if align in ("justify", "left") else 0.0
        lines = []
        for n, forced in enumerate(block.lines):
            # a line the editor broke by hand (two spaces or `\` at its end)
            # ends there, not justified; the next goes on at the left edge
            runs = [(r.text, mark_style(ts) if r.style == "noteref" else ts.run_style(r.style)) for r in forced]
            lines += ts.set(runs, grid.width, indent=indent if n == 0 else 0.0, align=align, where=block.where,
                            max_squeeze=tight.get(k), hang=block.kind == "body")
        if block.kind == "subtitle" and len(lines) > 1 and (pieces := _subtitle_pieces(block, ts)):
            # too long for a line even squeezed: broken where a title would be (——张三同志 / 在…的讲话,
            # not …的讲 / 话（摘要）), the DOCX breaking it there too
            rs = ts.run_style("subtitle")
            lines = [ln for piece in pieces for ln in ts.set([(piece, rs)], grid.width, align=align, where=block.where)]
            ts.decided.subtitle_lines[k] = tuple(line.text for line in lines)
        if not lines:
            continue
        if block.kind == "body":
            ts.decided.squeezed_marks(k, "".join(r.text for forced in block.lines for r in forced), lines)
        if st.stroke:
            for line in lines:
                line.glyphs = moved(line.glyphs, 0.0, stroke=st.stroke)
        new = text_slots(lines, block.kind if block.kind != "body" else "body", block.kind)
        if block.article is not None:
            new[0].bookmark = doc.article_titles[block.article]
        if block.kind in ("section", "heading", "heading3", "heading4", "subtitle"):
            for s in new:
                s.keep_with_next = True
            if block.kind == "subtitle":
                new.extend(Slot(1, [], keep_with_next=True, discardable=True, kind="gap")
                           for _ in range(layout.styles["title"].space_after))
        elif len(new) >= 2:
            new[0].keep_with_next = True  # no orphan: never one line alone at a foot
            new[-2].keep_with_next = True  # no widow: never one line alone at a head
        if isinstance(nxt, Para) and nxt.kind == "source":
            new[-1].keep_with_next = True
        if block.kind == "body" and len(new) == 1 and isinstance(nxt, Para) and nxt.kind == "body" and _all_lead(block):
            # a line in bold alone (精准回应诉求，推动服务受欢迎): the heading of the paragraphs
            # after it, never left at a page's foot; the DOCX keeps it so too (not a bold line
            # that ends an article: it does not go with the next article's title)
            new[0].keep_with_next = True
            ts.decided.keep_with_next.add(k)
        if isinstance(nxt, Table) and block.kind == "body" and block.text.rstrip().endswith(INTRODUCES):
            new[-1].keep_with_next = True  # 主要战果如下表： goes with its table, not alone at a page's foot
            ts.decided.keep_with_next.add(k)
        slots.extend(new)
    tag(len(body))
    return slots



def _all_lead(block: Para) -> bool:
    """Whether a paragraph is all in the bold lead style (marks and spaces aside)."""
    runs = [r for line in block.lines for r in line if r.text.strip()]
    return bool(runs) and all(r.style == "lead" for r in runs)


SPEECH = re.compile(r"^(——.{2,20}?同志)(在.+(?:讲话|发言|报告).*)$")  # a speech's subtitle: its speaker, then where


def _subtitle_pieces(block: Para, ts: Typesetter) -> list[str] | None:
    """The lines of a subtitle that running text sets on two lines or more:
    a speech's after its speaker (SPEECH), any other as the title breaker
    cuts it (the front matter's `subtitle:` is one run, never broken by hand)."""
    if len(block.lines) != 1 or any(r.style != "subtitle" for r in block.lines[0]):
        return None
    text = "".join(r.text for r in block.lines[0])
    rs = ts.run_style("subtitle")
    # a speech's subtitle parts after its speaker: ——张三同志 / 在全县…会议上的讲话
    speech = SPEECH.match(text)
    if speech and all(ts.width_of(part, rs, block.where) <= ts.grid.width + EPS for part in speech.groups()):
        return list(speech.groups())
    pieces = ts.title_pieces(text, rs, ts.grid.width, block.where)
    return pieces if len(pieces) > 1 else None


def _breaks_at_space(text: str, lines: list[str]) -> bool:
    """Whether one of a title's lines ends at a space the editor typed."""
    at = 0
    for line in lines[:-1]:
        at = text.find(line.strip(), at) + len(line.strip())
        if at < len(text) and text[at].isspace():
            return True
    return False


def figure_slots(block: Figure, ts: Typesetter, text_slots, index: int) -> list[Slot]:
    """A picture at the size the layout decides, prepared once for both writers.

    With `pictures.float` the picture and its caption are one slot that the
    paginator may carry to the next page, the text after it flowing up into
    the gap, as a typesetter places a figure; otherwise they keep their place
    in the text (the picture keeps with its caption either way).
    """
    from ..pictures import fit, natural_size, prepare

    layout, grid = ts.layout, ts.grid
    pitch = grid.line_pitch
    pics = layout.root.sub("pictures")
    max_h = grid.height * pics.number("max_height_fraction")
    w, h = fit(natural_size(block.path, block.where), grid.width, max_h)
    max_dpi, quality = pics.number("max_dpi", 300), pics.number("jpeg_quality", 90)
    if max_dpi < 72 or not 1 <= quality <= 100:
        from ..errors import ContentError

        raise ContentError(
            Where(layout.path), "layout keys `pictures.max_dpi` (72 or more) and `pictures.jpeg_quality` (1–100) are out of range."
        )
    prepared = prepare(block.path, w, h, max_dpi, int(quality), block.where, ts.shaper.warnings)
    n = max(1, math.ceil(h / pitch - 1e-6))
    ts.decided.pictures[index] = (w, h, n)
    ts.decided.prepared[index] = prepared  # the bytes the DOCX embeds too
    top = (n * pitch - h) / 2
    img = ImageBox(block.path, grid.left + (grid.width - w) / 2, top, w, h, prepared, block.where)
    picture = Slot(n, [img], keep_with_next=bool(block.caption), kind="picture")
    out = [picture]
    if block.caption:
        for _ in range(int(pics.number("caption_gap"))):
            out.append(Slot(1, [], keep_with_next=True, kind="gap"))
        rs = ts.run_style("caption")
        lines = ts.set([(block.caption, rs)], grid.width, align="center", where=block.where)
        if len(lines) > 1 and len(pieces := ts.title_pieces(block.caption, rs, grid.width, block.where)) > 1:
            # too long for a line: centred lines broken where a title would be (…设备运行情况 /
            # （马骁 摄）, not …运行情 / 况（马骁 摄）), the DOCX breaking it there too
            lines = [ln for piece in pieces for ln in ts.set([(piece, rs)], grid.width, align="center", where=block.where)]
            ts.decided.caption_lines[index] = tuple(line.text for line in lines)
        out.extend(text_slots(lines, "caption", "caption"))
    after = layout.styles["caption"].space_after if block.caption else 0
    min_scale = pics.number("min_scale", 1.0)
    if not 0 < min_scale <= 1:
        from ..errors import ContentError

        raise ContentError(Where(layout.path), "layout key `pictures.min_scale` should be more than 0 and at most 1.")
    floats = pics.raw("float", True)
    if not isinstance(floats, bool):
        from ..errors import ContentError

        raise ContentError(Where(layout.path), f"layout key `pictures.float: {floats}` should be true or false.")
    # smaller settings, a grid line at a time, as a typesetter fits a photo into the room left
    # on a page: the same margin above and below (at most half a line), never under min_scale
    picture.size = (w, h, n)
    pad = min(n * pitch - h, pitch / 2)
    for k in range(n - 1, 0, -1):
        scale = (k * pitch - pad) / h
        if scale < min_scale - 1e-9:
            break
        small = ImageBox(block.path, grid.left + (grid.width - w * scale) / 2, pad / 2, w * scale, h * scale, prepared, block.where)
        picture.smaller.append(Slot(k, [small], keep_with_next=picture.keep_with_next, kind="picture", size=(w * scale, h * scale, k)))
    if floats:
        def unit(parts: list[Slot], size: tuple[float, float, int] | None) -> Slot:
            # one unit: the picture, the gap, the caption and the space under it,
            # y relative to the unit's top (moved whole, it leaves no gap behind)
            merged = Slot(after, [], kind="picture", floats=True, size=size)
            for s in parts:
                for box in s.boxes:
                    if isinstance(box, TextBox):
                        merged.boxes.append(TextBox(box.glyphs, box.x, box.baseline + (merged.lines - after) * pitch, box.kind))
                    else:
                        merged.boxes.append(type(box)(**{**box.__dict__, "y": box.y + (merged.lines - after) * pitch}))
                merged.lines += s.lines
            return merged

        whole = unit(out, picture.size)
        whole.smaller = [unit([small] + out[1:], small.size) for small in picture.smaller]
        return [whole]
    # kept in place, the picture is set smaller where it stands with its caption, as far as min_scale allows
    out.extend(Slot(1, [], discardable=True, kind="gap") for _ in range(after))
    return out
