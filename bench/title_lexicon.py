"""Build the layout's lexicon of line-starting and line-ending words from the
editors' breaks in tests/fixtures/titles*.yaml.

    python bench/title_lexicon.py            # writes layouts/title_lexicon.txt
    python bench/title_lexicon.py --check    # exit 1 if the file is not what the sets give
    python bench/title_lexicon.py --cv       # leave-one-set-out: agreement on each set, with
                                             # the lexicon learned from the other sets only

Every title of two printed lines is cut into words by the layout's own
segmenter (jieba with layouts/title_words.txt); at each word boundary we
note the word before, the word after and whether the editor broke there.
For each word seen at least MIN_COUNT times after (or before) a boundary,
how often a line starts (ends) with it is compared with how often one does
at an average boundary: log(p / base), p smoothed towards the base rate by
PRIOR boundaries. Words without a Chinese character (marks, numbers) are
left to the rules. The layout weighs the sum of the two at each boundary the rules
allow (`typesetting.title_lexicon_weight`).

The one-line pool is left out: it has no breaks. The lexicon is data, not
code: rebuild it when the sets change (a test checks the committed file).
Measure a new set with `bench/titles.py --blind --fixture F` before adding
it to bench/titles.py's FIXTURES: the rebuild teaches the lexicon its breaks,
and from then on its figure is in-sample (`--cv` gives the honest one).
"""

from __future__ import annotations

import argparse
import collections
import math
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import titles as bench  # noqa: E402  (bench/titles.py: the sets and the measure)

OUT = ROOT / "layouts" / "title_lexicon.txt"
MIN_COUNT = 5  # boundaries a word must be seen at to be weighed
PRIOR = 2.0  # boundaries of the base rate each word's count is smoothed with

Row = tuple[str, str, bool]  # word before, word after, the editor broke here


def sets() -> list[Path]:
    return [f for f in bench.FIXTURES if "oneline" not in f.name]


def segmenter():
    from zhuanbao.layout.titles import jieba_segmenter, title_words
    from zhuanbao.layoutfile import load_layout

    return jieba_segmenter(title_words(load_layout(ROOT / "layouts" / "zhuanbao.yaml")))


def boundaries(path: Path, segment) -> list[Row]:
    rows: list[Row] = []
    for t in bench.load_titles(path):
        if len(t.lines) != 2:
            continue
        cut = len(t.lines[0])
        tokens = segment("".join(t.lines))
        offset = 0
        for (word, _), (nxt, _) in zip(tokens, tokens[1:]):
            offset += len(word)
            rows.append((word, nxt, offset == cut))
    return rows


def is_word(w: str) -> bool:
    """A word with Chinese characters: marks and numbers are the rules' (、 before a list's next
    item, 3个, “…”), not the lexicon's."""
    return any("\u4e00" <= c <= "\u9fff" for c in w)


def learn(rows: list[Row]) -> tuple[dict[str, float], dict[str, float]]:
    """(starts, ends): for each word, the log of how much likelier than at an average boundary a
    line starts (ends) with it."""
    s_all, s_yes, e_all, e_yes = (collections.Counter() for _ in range(4))
    for before, after, broke in rows:
        s_all[after] += 1
        e_all[before] += 1
        if broke:
            s_yes[after] += 1
            e_yes[before] += 1
    base = sum(s_yes.values()) / max(1, sum(s_all.values()))

    def ratios(all_: collections.Counter, yes: collections.Counter) -> dict[str, float]:
        return {
            w: math.log(((yes[w] + base * PRIOR) / (n + PRIOR)) / base)
            for w, n in all_.items()
            if n >= MIN_COUNT and is_word(w)
        }

    return ratios(s_all, s_yes), ratios(e_all, e_yes)


def text_of(starts: dict[str, float], ends: dict[str, float], titles: int) -> str:
    head = [
        "# Line-starting and line-ending words of titles: log(p / base), p how often a line starts (ends) with the word, base at an average word",
        f"# boundary, learned from the editors' breaks of the {titles} two-line titles of tests/fixtures.",
        "# Written by bench/title_lexicon.py (do not edit by hand: rebuild). `start word x`: a line",
        "# starts with the word more often (x > 0) or less; `end word x`: a line ends with it. Words seen",
        f"# at least {MIN_COUNT} times, smoothed towards the base rate by {PRIOR:g} boundaries.",
    ]
    lines = [f"start {w} {v:.3f}" for w, v in sorted(starts.items())]
    lines += [f"end {w} {v:.3f}" for w, v in sorted(ends.items())]
    return "\n".join(head + lines) + "\n"


def build(segment, exclude: Path | None = None) -> tuple[dict[str, float], dict[str, float]]:
    rows = [r for f in sets() if f != exclude for r in boundaries(f, segment)]
    return learn(rows)


def cross_validate(segment) -> int:
    """Agreement on each set without the lexicon and with one learned from the other sets."""
    from zhuanbao.layout.titles import Lexicon

    ts = bench.typesetter()
    weight = ts.title_rules.lexicon_weight
    import zhuanbao.layout.flow as flow

    original = flow.title_lexicon
    totals = {"real": [0, 0, 0], "invented": [0, 0, 0]}
    try:
        for f in sets():
            titles = bench.load_set(f)
            flow.title_lexicon = lambda layout, w: None
            ts._title_pieces.clear()
            ts._lexicon = ()  # (the Typesetter looks the lexicon up once)
            without, _ = bench.agreement(titles, ts)
            starts, ends = build(segment, exclude=f)
            flow.title_lexicon = lambda layout, w, lex=Lexicon(starts, ends, weight): lex
            ts._title_pieces.clear()
            ts._lexicon = ()
            held_out, _ = bench.agreement(titles, ts)
            kind = "invented" if "invented" in f.name else "real"
            for k, v in enumerate((without, held_out, len(titles))):
                totals[kind][k] += v
            print(f"{f.name:28} without {without:4}  learned from the other sets {held_out:4}  of {len(titles)}")
    finally:
        flow.title_lexicon = original
    for kind, (a, b, n) in totals.items():
        print(f"{kind:9} without {a}/{n} ({a / n:.0%})  with {b}/{n} ({b / n:.0%})")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if layouts/title_lexicon.txt is not what the sets give")
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out agreement")
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        segment = segmenter()
        if args.cv:
            return cross_validate(segment)
        starts, ends = build(segment)
    titles = sum(len(t.lines) == 2 for f in sets() for t in bench.load_titles(f))
    text = text_of(starts, ends, titles)
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.relative_to(ROOT)}: {'as the sets give it' if same else 'differs from what the sets give: rebuild it'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(starts)} starting and {len(ends)} ending words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
