#!/usr/bin/env python3
"""How even the grey of an issue is, measured on its PDF (issue 7).

Renders each issue to a temporary PDF with `zhuanbao render` in a fresh
process, then reads the PDF back with pypdfium2 (tests/pdfread.py), knowing
nothing of how the layout decided, and prints:

- pages, and whether the last page holds only the 版记 (no character of
  body or title size on it);
- full body lines: lines of 16 pt text that start at the type area's left
  edge (or its 2-character indent) and reach its right edge;
- letter-spaced lines: full lines with no Latin letter or digit in which two
  adjacent ideographs stand further apart than the grid's character pitch by
  more than 0.05 pt (a space the editor typed between them is no
  letter-spacing); their share of the full lines is the figure of issue 7;
- the same among the full lines that hold Latin letters or digits (which
  issue 7's figure leaves out, and a reader still sees);
- squeezed lines: full lines without Latin that hold more than their cells
  allow after the usual adjacent-mark compression (punctuation squeezed);
- hung marks: a ，。、 set past the right edge of the type area.

A benchmark, not a test: it reports, it does not fail.

    python bench/grey.py [--show] [ISSUE | CONTENT_DIR:ISSUE] ...

Without arguments it measures issue 13 and the samples in bench/samples/.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from pdfread import Char, chars, lines_of, page_count  # noqa: E402

from zhuanbao.layout.boxes import Grid  # noqa: E402
from zhuanbao.layout.text import COMPRESSIBLE  # noqa: E402
from zhuanbao.layoutfile import load_layout  # noqa: E402

HANGABLE = set("，。、．")
SAMPLES = ROOT / "bench" / "samples"
TOL = 0.05  # pt: a gap wider than the pitch by more than this is letter-spacing


@dataclass
class Figures:
    name: str
    pages: int = 0
    banji_only: bool = False
    full: int = 0
    spaced: int = 0
    spaced_free: int = 0  # full lines without Latin or digits (the denominator)
    spaced_latin: int = 0  # full lines with Latin or digits, letter-spaced between ideographs
    squeezed: int = 0
    hung: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.spaced / self.spaced_free if self.spaced_free else 0.0


def is_ideograph(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def render(content: Path, issue: str, out: Path) -> Path:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "zhuanbao", "render", issue, "--content", str(content), "--format", "pdf", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=env,
    )
    if proc.returncode:
        sys.exit(f"render {content}:{issue} failed:\n{proc.stderr}")
    return Path(proc.stdout.strip().splitlines()[-1])


def measure(pdf: Path, grid: Grid, name: str) -> Figures:
    f = Figures(name, pages=page_count(pdf))
    cs = chars(pdf, typed_spaces=True)
    last = [c for c in cs if c.page == f.pages]
    f.banji_only = bool(last) and all(c.size < 15.5 for c in last)
    H = grid.page_height
    right = grid.left + grid.width
    cell = grid.char_pitch
    for row in lines_of([c for c in cs if c.page > 1 and (abs(c.size - 16) < 0.5 or c.ch == " ")]):
        row = [c for k, c in enumerate(row) if c.ch != " " or 0 < k < len(row) - 1]  # spaces between characters only
        if len(row) < 10:
            continue
        body = list(row)
        hung = body[-1].ch in HANGABLE and body[-1].origin_x >= right - 0.5
        if hung:
            f.hung += 1
            body = body[:-1]
        start = body[0].x0
        starts = [grid.left + k * cell for k in range(3)]
        snap = min(starts, key=lambda s: abs(s - start))
        if abs(snap - start) > 1.0 or body[-1].x1 < right - 1.0:
            continue  # not a full justified line (a last line, a title, a source)
        f.full += 1
        text = "".join(c.ch for c in row)
        # two ideographs further apart than the pitch with no space between them: a space the
        # editor typed (建功新时代 创城当先锋; pdfium reports it as one it inferred) is no
        # letter-spacing, unless spaces stand in half the gaps (pdfium's guess in a line spread wide)
        pairs = [
            (b.ch == " ", (c if b.ch == " " else b).origin_x - a.origin_x)
            for a, b, c in zip(body, body[1:], body[2:] + [body[-1]])
            if is_ideograph(a.ch) and (is_ideograph(b.ch) or (b.ch == " " and is_ideograph(c.ch)))
        ]
        at_spaces = sum(1 for typed, _ in pairs if typed)
        spaced = any(dx > cell + TOL for typed, dx in pairs if not typed or 2 * at_spaces > len(pairs))
        if any(c.ch.isascii() and c.ch.isalnum() for c in row):
            f.spaced_latin += spaced
            continue
        f.spaced_free += 1
        if spaced:
            f.spaced += 1
            if len(f.examples) < 40:
                f.examples.append(f"p{row[0].page} y{H - row[0].origin_y:.0f}: {text}")
        pairs = sum(1 for a, b in zip(text, text[1:]) if a in COMPRESSIBLE and b in COMPRESSIBLE)
        cells = (right - snap) / cell
        if sum(c.ch != " " for c in body) - 0.5 * pairs > cells + 0.01:
            f.squeezed += 1
    return f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("issues", nargs="*", help="13, or CONTENT_DIR:ISSUE")
    ap.add_argument("--show", action="store_true", help="print the letter-spaced lines")
    args = ap.parse_args()
    targets: list[tuple[Path, str]] = []
    for spec in args.issues or ["13"] + [f"{p.parent}:{p.name}" for p in sorted(SAMPLES.glob("*/*")) if (p / "issue.yaml").is_file()]:
        content, _, issue = spec.rpartition(":")
        targets.append((Path(content) if content else ROOT / "content", issue))
    grid = Grid.from_layout(load_layout(ROOT / "layouts" / "zhuanbao.yaml"))
    print(f"{'issue':<28} pages  版记-only  full  spaced  share  squeezed  hung  spaced-with-digits")
    with tempfile.TemporaryDirectory(prefix="grey-") as tmp:
        for content, issue in targets:
            name = issue if content == ROOT / "content" else f"{content.name}:{issue}"
            pdf = render(content, issue, Path(tmp) / name.replace(":", "_"))
            f = measure(pdf, grid, name)
            print(
                f"{f.name:<28} {f.pages:>5}  {'yes' if f.banji_only else 'no':>8}  {f.full:>4}  "
                f"{f.spaced:>3}/{f.spaced_free:<3} {100 * f.share:>5.1f}%  {f.squeezed:>8}  {f.hung:>4}  "
                f"{f.spaced_latin:>3}/{f.full - f.spaced_free}"
            )
            if args.show:
                for line in f.examples:
                    print("    " + line)


if __name__ == "__main__":
    main()
