"""How often the layout breaks a title where its editors broke it.

    PYTHONPATH=src python bench/titles.py            # agreement (all, and where the editors' lines fit the
                                                     # layout's line), breaks inside a word, disagreements, per set
    PYTHONPATH=src python bench/titles.py --timing   # + what jieba adds to a render, cold and warm

Each title of tests/fixtures/titles.yaml (real titles with their editors'
breaks, none from issue 13) is written on one line and broken by the
default layout exactly as a render breaks it (Typesetter.title_pieces, the
title style, the type area's width). Agreement: the layout's lines are the
editors' lines. A break inside a word: the characters on both sides of it
belong to one word of jieba's *default* dictionary (an outside judge: the
layout's own word list is not used), or it parts a number from what follows,
or it falls inside “…” or 《…》.

Runs with any version of the package on PYTHONPATH, so the same command
measures the breaker before and after a change.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "titles.yaml"
# the sets bench/titles.py measures by default, each reported apart: the first
# (公文 and bulletin titles, split into tuning and held-out halves), the
# bulletin headlines the breaker was tuned on, the ones held out until its
# rules were frozen, the sets sealed until measured once (each header gives
# its blind figure), and the one-line pool
FIXTURES = [FIXTURE] + [ROOT / "tests" / "fixtures" / f"titles-{name}.yaml" for name in ("bulletins", "heldout", "sealed", "sealed3", "sealed4", "sealed5", "sealed6", "sealed7", "sealed8", "sealed9", "sealed10", "sealed11", "sealed12", "sealed13", "sealed14", "sealed15", "sealed16", "sealed17", "sealed18", "sealed19", "sealed20", "sealed21", "invented", "invented2", "invented3", "invented4", "invented5", "invented6", "invented7", "invented8", "invented9", "invented10", "invented11", "invented12", "invented13", "invented14", "invented15", "invented16", "invented17", "invented18", "invented19", "invented20", "oneline")]
OPENERS, CLOSERS = set("“‘《（〔【「『"), set("”’》）〕】」』")
# how a number or a number with its measure word ends (the judge's own list, not the layout's)
NUMERALS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两几")
NUMBER_ENDS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两几余多%％") | set("个批项次名位家件条场支座所户套台辆张种类份部年天月日届期号轮元米吨亩人岁级星队组篇本首")


@dataclass(frozen=True)
class Title:
    """One real title of the set: its printed lines, genre and evidence, and
    its position in the file (the order the titles were found)."""

    lines: list[str]
    genre: str  # 公文 or 简报
    evidence: str  # printed or space
    position: int
    kind: str = ""  # long (wider than the line), two (fits, printed on two lines), one (fits, on one line)

    @property
    def half(self) -> str:
        """The fixed split: even positions tune, odd ones are held out."""
        return "tuning" if self.position % 2 == 0 else "held-out"


def load_titles(path: Path = FIXTURE) -> list[Title]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Title([str(line) for line in item["lines"]], str(item.get("genre", "公文")), str(item.get("evidence", "printed")), k,
              str(item.get("kind", "")))
        for k, item in enumerate(items)
    ]


def load_set(path: Path = FIXTURE) -> list[list[str]]:
    return [t.lines for t in load_titles(path)]


def typesetter(layout_path: Path | None = None):
    from zhuanbao.fonts import FontBook
    from zhuanbao.layout.boxes import Grid
    from zhuanbao.layout.flow import Typesetter
    from zhuanbao.layoutfile import load_layout

    layout = load_layout(layout_path or ROOT / "layouts" / "zhuanbao.yaml")
    grid = Grid.from_layout(layout)
    return Typesetter(layout, FontBook(layout), grid, [])


def layout_breaks(ts, text: str) -> list[str]:
    rs = ts.run_style("title", on_grid=False)
    return ts.title_pieces(text, rs, ts.grid.width, None)


def fits(ts, line: str) -> bool:
    """Whether one of the editors' lines fits on one line of the layout's title."""
    rs = ts.run_style("title", on_grid=False)
    return ts.width_of(line, rs, None) <= ts.grid.width + 0.01


def judge():
    """jieba with its default dictionary only, the outside judge of words."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg
    import logging

    jieba.setLogLevel(logging.CRITICAL + 1)
    tk = jieba.Tokenizer()
    tk.tmp_dir = tempfile.gettempdir()
    return jieba.posseg.POSTokenizer(tk)


def bad_breaks(lines: list[str], pos) -> list[str]:
    """The breaks of `lines` that fall inside a word, after a number or inside quotes."""
    text = "".join(lines)
    inside: set[int] = set()
    after_number: set[int] = set()
    off = 0
    numeral = False  # the word before had a numeral in it
    for p in pos.cut(text):
        inside.update(range(off + 1, off + len(p.word)))
        off += len(p.word)
        has_numeral = any(c in NUMERALS for c in p.word)
        if p.flag == "m" and p.word[-1] in NUMBER_ENDS and (has_numeral or numeral):
            # (not 三包/m, 一线/m: words jieba tags as numbers that end as no number does; nor
            # 赶集/v 日/m: a measure word with no number before it)
            after_number.add(off)
        numeral = p.flag == "m" and has_numeral
    out, off, depth = [], 0, 0
    for line in lines[:-1]:
        for c in line:
            depth += (c in OPENERS) - (c in CLOSERS)
        off += len(line)
        why = "inside a word" if off in inside else "after a number" if off in after_number else "inside quotes" if depth > 0 else ""
        if why:
            out.append(f"{text[max(0, off - 3):off]}/{text[off:off + 3]} ({why})")
    return out


def agreement(titles: list[list[str]], ts) -> tuple[int, list[tuple[list[str], list[str]]]]:
    agree, wrong = 0, []
    for lines in titles:
        got = layout_breaks(ts, "".join(lines))
        if got == lines:
            agree += 1
        else:
            wrong.append((lines, got))
    return agree, wrong


def table(items: list[Title], ts) -> str:
    """Agreement by genre and evidence, on the tuning half, the held-out half and
    the whole set: `agreeing/titles` in each cell."""
    rows = [("公文", lambda t: t.genre == "公文"), ("简报", lambda t: t.genre == "简报"), ("新闻", lambda t: t.genre == "新闻"),
            ("简报, printed", lambda t: t.genre == "简报" and t.evidence == "printed"),
            ("简报, space", lambda t: t.genre == "简报" and t.evidence == "space"),
            ("long", lambda t: t.kind == "long"), ("fits, two lines", lambda t: t.kind == "two"),
            ("fits, one line", lambda t: t.kind == "one"), ("all", lambda t: True)]
    out = [f"{'':16}{'tuning':>12}{'held-out':>12}{'all':>12}"]
    for name, keep in rows:
        cells = []
        for half in ("tuning", "held-out", None):
            group = [t for t in items if keep(t) and (half is None or t.half == half)]
            n = sum(layout_breaks(ts, "".join(t.lines)) == t.lines for t in group)
            cells.append(f"{n}/{len(group)}" + (f" {n / len(group):.0%}" if group else ""))
        out.append(f"{name:16}" + "".join(f"{c:>12}" for c in cells))
    return "\n".join(out)


def timing() -> None:
    """What jieba adds to a render that needs it: a render of issue 13 with its
    two-line titles written on one line, against the same issue as written
    (hand breaks, no jieba); cold = no jieba cache, warm = cache there."""
    import re

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cache = Path(tempfile.gettempdir()) / f"zhuanbao-jieba-{os.getuid()}"
    work = Path(tempfile.mkdtemp(prefix="i7-titles-bench-"))
    try:
        shutil.copytree(ROOT / "content", work / "content")
        one_line = work / "one-line"
        shutil.copytree(ROOT / "content", one_line)
        for art in (one_line / "13").glob("*.md"):
            text = art.read_text(encoding="utf-8")
            text = re.sub(r"title: \|\n  (.*)\n  (.*)\n", r"title: \1\2\n", text)
            art.write_text(text, encoding="utf-8")

        def run(content: Path) -> float:
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "zhuanbao", "render", "13", "--content", str(content), "--format", "pdf",
                 "--out", str(work / "out")], check=True, env=env, cwd=work, capture_output=True,
            )
            return time.perf_counter() - t

        run(work / "content")  # font cache, imports
        base = min(run(work / "content") for _ in range(3))
        cold = []
        for _ in range(3):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run(one_line))
        warm = min(run(one_line) for _ in range(3))
        probe = (
            "import time; t = time.perf_counter(); from zhuanbao.layout.titles import jieba_segmenter; "
            f"jieba_segmenter({str(ROOT / 'layouts' / 'title_words.txt')!r})('平度市擦亮品牌激发文明实践新活力'); "
            "print(time.perf_counter() - t)"
        )

        def load() -> float:
            out = subprocess.run([sys.executable, "-c", probe], check=True, env=env, cwd=work, capture_output=True, text=True)
            return float(out.stdout)

        load_cold = []
        for _ in range(3):
            shutil.rmtree(cache, ignore_errors=True)
            load_cold.append(load())
        load_warm = min(load() for _ in range(3))
        print(f"jieba and the word list loaded, in a process: cold {min(load_cold):.2f} s, warm {load_warm:.2f} s")
        print(f"render 13, hand breaks (no jieba): {base:.2f} s")
        print(f"render 13, titles on one line, jieba cold (no cache): {min(cold):.2f} s  (+{min(cold) - base:.2f} s)")
        print(f"render 13, titles on one line, jieba warm (cache):    {warm:.2f} s  (+{warm - base:.2f} s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--timing", action="store_true", help="also time what jieba adds to a render")
    ap.add_argument("--fixture", type=Path, action="append", help="a set of titles (default: every set in tests/fixtures)")
    ap.add_argument("--blind", action="store_true",
                    help="counts only, no title shown: to measure a sealed set without reading it")
    args = ap.parse_args()
    ts = typesetter()
    pos = judge()
    for fixture in args.fixture or [f.relative_to(ROOT) for f in FIXTURES if f.is_file()]:
        report(fixture, ts, pos, args.blind)
    if args.timing:
        timing()
    return 0


def report(fixture: Path, ts, pos, blind: bool = False) -> None:
    items = load_titles(fixture)
    titles = [t.lines for t in items]
    agree, wrong = agreement(titles, ts)
    inside = [(lines, b) for lines in titles for b in bad_breaks(layout_breaks(ts, "".join(lines)), pos)]
    editors = [(lines, b) for lines in titles for b in bad_breaks(lines, pos)]
    print(f"== {fixture}")
    print(f"titles: {len(titles)}")
    print(f"agreement with the editors' breaks: {agree}/{len(titles)} = {agree / len(titles):.0%}")
    # a line of the editors' wider than the layout's title measure cannot be matched by any break
    fit = [lines for lines in titles if all(fits(ts, line) for line in lines) or len(lines) == 1]
    hit = sum(layout_breaks(ts, "".join(lines)) == lines for lines in fit)
    print(f"  of the titles whose editors' lines all fit the layout's line: {hit}/{len(fit)}"
          + (f" = {hit / len(fit):.0%}" if fit else ""))
    print(table(items, ts))
    print(f"layout breaks inside a word / after a number / inside quotes: {len(inside)}")
    if blind:
        print(f"(the editors' own such breaks: {len(editors)})\n")
        return
    for lines, b in inside:
        print(f"  {''.join(lines)}: {b}")
    print(f"(the editors' own such breaks: {len(editors)})")
    for lines, b in editors:
        print(f"  {''.join(lines)}: {b}")
    print("disagreements (editors | layout):")
    for lines, got in wrong:
        print(f"  {' / '.join(lines)}  |  {' / '.join(got)}")
    print()


if __name__ == "__main__":
    sys.exit(main())
