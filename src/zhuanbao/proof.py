"""`zhuanbao proof 13`: every compromise the layout made, where the editor can fix it.

The layout notes its compromises while it decides (a slot's `notes`, a
page's `carried` lines, the 版记's `BanjiFit`); this module only lists them,
one line each with the source file and line of the paragraph and the page
and grid line in the PDF, and with `--pdf` marks each in the margin of a
proof copy (red marks and labels added to the frames, drawn by the PDF
writer like everything else). Nothing is measured again here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .content import load_issue
from .document import Document
from .errors import Diagnostic, Where, front_line
from .fonts import FontBook
from .layout.boxes import Page, RuleBox, TextBox
from .layout.pages import Laid, floated_places, moved_text
from .layoutfile import Layout, load_layout, resolve_layout
from .model import Issue
from .render import lay_out_issue

# kind → (label printed in the list, short label in the proof PDF's margin)
KINDS = {
    "spaced": ("字距加宽 letter-spaced", "字距"),
    "squeezed": ("标点挤压 punctuation squeezed", "挤压"),
    "hung": ("标点悬挂 mark hung in the margin", "悬挂"),
    "fallback": ("替代字体 from a fallback font", "字体"),
    "parted": ("数字拆行 a number parted from the character after it, to spare a letter-spaced line", "拆行"),
    "title": ("标题由排版断行 title broken by the layout (break it by hand with `title: |`)", "断行"),
    "carried": ("保持规则移页 keep rule carried lines to this page", "移页"),
    "floated": ("图片移页 picture carried past the text after it", "移图"),
    "shrunk": ("图片缩小 picture set smaller to fit the page", "缩图"),
    "foot": ("页脚空行 empty grid lines at the page's foot", "空行"),
    "banji": ("版记调整 版记 economy", "版记"),
}
FOOT_LINES = 3  # more empty grid lines than this at a page's foot is a finding


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of KINDS
    where: Where | None  # the source paragraph
    page: int
    line: int  # grid line on the page, 1-based
    detail: str
    text: str = ""  # the start of the printed line, to find it
    points: float = 0.0  # how far a line was letter-spaced or squeezed

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        text = f": {self.text}" if self.text else ""
        return f"{place}第 {self.page} 页第 {self.line} 行 {KINDS[self.kind][0]} {self.detail}{text}"


@dataclass
class Proof:
    issue: Issue
    document: Document
    layout: Layout
    laid: Laid
    findings: list[Finding]
    warnings: list[Diagnostic]
    fonts: FontBook
    quiet: int = 0  # lines squeezed by less than the layout's proof.min_squeeze, counted but not listed
    min_squeeze: float = 0.0


def min_squeeze(layout: Layout) -> float:
    """The least squeeze `proof` lists a line for (layout `proof.min_squeeze`):
    a full line a fifth of a point too long loses it among its marks, which no
    reader sees, and 40 such lines in a list hide the 30 pt one (a new user's
    issue, 135 squeezed lines of which 40 under 1 pt). 0 without the key."""
    if layout.root.raw("proof", None) is None:
        return 0.0
    return layout.root.sub("proof").length("min_squeeze", default=0.0)


def prove(content_dir: Path, folder: str, cwd: Path | None = None, every: bool = False) -> Proof:
    """Lay the issue out as `render` does and collect what the layout noted;
    `every`: the squeezes under the layout's proof.min_squeeze too."""
    loaded = load_issue(content_dir, folder)
    layout = load_layout(resolve_layout(loaded.issue.layout, cwd))
    fonts = FontBook(layout)
    warnings = list(loaded.warnings)
    doc, laid, _ = lay_out_issue(loaded.issue, layout, fonts, warnings)
    found = findings(doc, laid)
    least = 0.0 if every else min_squeeze(layout)
    listed = [f for f in found if not (f.kind == "squeezed" and f.points < least)]
    return Proof(loaded.issue, doc, layout, laid, listed, warnings, fonts, len(found) - len(listed), least)


def _where(doc: Document, block: int | None) -> Where | None:
    if block is None:
        return None
    b = doc.body[block]
    where = getattr(b, "where", None)
    key = {"title": "title", "subtitle": "subtitle", "section": "section", "source": "source"}.get(getattr(b, "kind", ""))
    if key and where is not None:
        return front_line(where.path, key, where)  # the front-matter line that wrote it
    return where


def _text(slot) -> str:
    chars = "".join(g.ch for box in slot.boxes if isinstance(box, TextBox) for g in box.glyphs).strip()
    return chars[:14] + ("…" if len(chars) > 14 else "")


def findings(doc: Document, laid: Laid) -> list[Finding]:
    """The layout's notes, placed: page and grid line of each."""
    out: list[Finding] = []
    grid = laid.typesetter.grid
    slots = laid.slots
    last_page = laid.pages[-1].number
    for s, at in laid.front:  # the issue's 编者按 under the 目录 on page 1
        for n in s.notes:
            out.append(Finding(n.kind, _where(doc, s.block), 1, at + 1, n.detail, _text(s), n.points))
    for page in laid.pages:
        if page.carried and page.slots:
            first = slots[page.slots[0]]
            out.append(Finding("carried", _where(doc, first.block), page.number, page.slot_lines[0] + 1,
                               f"{page.carried} 行 line(s) from page {page.number - 1}", _text(first)))
        line = page.first_line
        for idx, at in zip(page.slots, page.slot_lines):
            s = slots[idx]
            for n in s.notes:
                out.append(Finding(n.kind, _where(doc, s.block), page.number, at + 1, n.detail, _text(s), n.points))
            line = max(line, at + s.lines)
        empty = grid.lines - line
        if page.slots and page.number != last_page and empty > FOOT_LINES:
            s = slots[page.slots[-1]]
            out.append(Finding("foot", _where(doc, s.block), page.number, line + 1, f"{empty} 行 lines"))
    floated = laid.typesetter.decided.floated
    for block, (number, at) in floated_places(laid.pages, slots, floated).items():
        out.append(Finding("floated", _where(doc, block), number, at + 1,
                           f"(it did not fit on page {number - 1}): the text after it in the source, from 「{moved_text(doc, block)}」, "
                           "flowed up before it"))
    fit = laid.banji
    bj = laid.typesetter.layout.root.sub("banji")
    last_block = len(doc.body) - 1 if doc.body else None
    details = {
        "pitch": f"row pitch {bj.length('pitch'):.1f} → {fit.pitch:.1f} pt",
        "gap": f"blank above it {bj.number('min_gap'):g} → {fit.gap:.2f} grid line(s)",
        "gaps": f"{fit.drop} blank grid line(s) of titles or section labels dropped on the last page",
        "pull_back": f"{fit.pull} paragraph(s) of the last page set tighter to lose a line",
        "picture": f"the last page's picture(s) set {fit.shrink} grid line(s) smaller",
        "carry": f"{fit.carried} line(s) carried over with it to page {last_page}: "
                 f"{fit.missing} grid line(s) missing on page {last_page - 1}",
    }
    foot = grid.lines  # the 版记 ends on the last grid line
    for e in fit.used:
        out.append(Finding("banji", _where(doc, last_block), last_page, foot, details[e]))
    if fit.own_page:
        out.append(Finding("banji", _where(doc, last_block), last_page, foot,
                           f"on a page of its own: {fit.missing} grid line(s) missing on page {last_page - 1}"))
    out.extend(_runin_toc_breaks(doc, laid))
    return sorted(out, key=lambda f: (f.page, f.line))


def _runin_toc_breaks(doc: Document, laid: Laid) -> list[Finding]:
    """A 简讯 title runs in at its paragraph's start; the layout broke it only in
    the 目录 (layout/pages._toc_entries): each such entry, at its 目录 line."""
    grid = laid.typesetter.grid
    # the entry's first line as set → (its lines, the article)
    broken = {lines[0]: (lines, at) for lines, at in laid.typesetter.decided.runin_toc_breaks}
    out: list[Finding] = []
    for page in laid.pages:
        # page 1's 目录 lines are its own items; a 目录 run on to the next pages is slots
        boxes = [(b, b.baseline) for b in page.items if isinstance(b, TextBox) and b.kind == "toc-entry"]
        for idx, at in zip(page.slots, page.slot_lines):
            boxes += [(b, at * grid.line_pitch + b.baseline + grid.top) for b in laid.slots[idx].boxes
                      if isinstance(b, TextBox) and b.kind == "toc-entry"]
        for box, y in boxes:
            text = "".join(g.ch for g in box.glyphs).strip()
            if text in broken:
                lines, at = broken.pop(text)
                where = front_line(at.path, "title", at) if at is not None else None
                out.append(Finding("title", where, page.number, int((y - grid.top) // grid.line_pitch) + 1,
                                   "目录 " + " / ".join(lines), text[:14] + ("…" if len(text) > 14 else "")))
    return out


def summary(p: Proof) -> str:
    counts = Counter(f.kind for f in p.findings)
    parts = ", ".join(f"{counts[k]} {KINDS[k][1]}" for k in KINDS if counts[k])
    quiet = (f" 另有 {p.quiet} 行标点挤压不足 {p.min_squeeze:g} pt，未列出 (and {p.quiet} line(s) squeezed by less than "
             f"{p.min_squeeze:g} pt, not listed: --all lists them)." if p.quiet else "")
    return (f"{p.issue.name}: {len(p.laid.pages)} 页 pages, {len(p.findings)} 处 findings"
            + (f" ({parts})" if parts else "") + "." + quiet)


def mark(p: Proof) -> None:
    """Add a red mark and a short label in the right margin at each finding's line."""
    ts = p.laid.typesetter
    grid = ts.grid
    red = p.layout.color("red")
    size = grid.char_pitch * 0.45
    rs = ts.style_of(p.layout.styles["section"].font, size, "red")
    x = grid.right + grid.char_pitch * 1.1  # past a hung mark
    pages = {page.number: page for page in p.laid.pages}
    seen: Counter = Counter()
    for f in p.findings:
        page: Page = pages[f.page]
        y = grid.top + (f.line - 0.5) * grid.line_pitch
        k = seen[(f.page, f.line)]
        seen[(f.page, f.line)] += 1
        page.items.append(RuleBox(x, x + size * 0.8, y, size * 0.5, red))
        label = ts.set([(KINDS[f.kind][1], rs)], grid.page_width, align="left")[0]
        page.items.append(TextBox(label.glyphs, x + size + k * size * 2.2, y + size * 0.35, "proof"))


def write_proof_pdf(p: Proof, out_dir: Path, folder: str) -> Path:
    """The proof copy (…第13期-校样.pdf), written as `render` writes its
    outputs: whole or not at all, with the same modes and messages."""
    from .render import Rendered, write_outputs

    mark(p)
    r = Rendered(p.issue, p.document, p.layout, p.fonts, p.laid.pages)
    return write_outputs(r, out_dir, folder, ("pdf",), suffix="-校样")[0]
