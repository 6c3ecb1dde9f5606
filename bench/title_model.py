"""Learn the layout's title model from the editors' breaks in tests/fixtures/titles*.yaml.

    python bench/title_model.py            # writes layouts/title_model.txt
    python bench/title_model.py --check    # exit 1 if the file is not what the sets give
    python bench/title_model.py --cv       # leave-one-set-out: agreement on each set, with
                                           # the model learned from the other sets only
    python bench/title_model.py --cv --folds 6   # the same, one sixth of the sets out at a time
    python bench/title_model.py --cv --misses    # + each real title it then breaks otherwise than its editors

Every title of two printed lines that is too long for one is cut as the
layout cuts it (the layout's own segmenter, clusters and rules, through
zhuanbao.layout.titles.model_candidates): the breaks the rules allow, each
with its features (the rules' penalty, the lines' unevenness, the words and
parts of speech on both sides). The model is conditional log-linear: the
probability that the editor chose a break is the softmax of the candidates'
scores, and the weights are fitted by AdaGrad on the log-likelihood with a
small L2 penalty, the real titles (the evidence the issue is checked
against) weighing REAL_WEIGHT times an invented one. A feature seen in
fewer than MIN_TITLES titles is left out. Deterministic: SEEDS seeds, their orders, the weights averaged.

The one-line pool is left out (it has no breaks), and so is any title the
editor broke where the model may not (inside a word, where the rules forbid
a break, where they hold a one-character word to its neighbour while another
break fits: 422 of the 5432 too long for a line, most of them invented). The model is data, not code:
rebuild it when the sets change (a test checks the committed file). Measure
a new set with `bench/titles.py --blind --fixture F` before adding it to
bench/titles.py's FIXTURES: from then on its figure is in-sample (`--cv`
gives the honest one).
"""

from __future__ import annotations

import argparse
import collections
import math
import random
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import titles as bench  # noqa: E402  (bench/titles.py: the sets and the measure)

OUT = ROOT / "layouts" / "title_model.txt"
EPOCHS = 15
RATE = 0.1  # AdaGrad's step
L2 = 1e-4  # (1e-3: no better, leave-one-set-out)
REAL_WEIGHT = 6.0  # a real editor's break counts this many invented ones: the 689 real titles weigh about as much as the 4200 invented (folds of 6: real 423, 428, 431 of 689 at 3, 6, 10; invented 2850, 2812, 2774 of 4200)
MIN_TITLES = 2  # titles a feature must occur in to be learned (5: fewer agree, real and invented)
SEED = 20261201
SEEDS = 3  # orders of the titles learned and averaged (1: real 456 of 689, invented 3474; 3: 457, 3472, leave one set out)


@dataclass
class Example:
    text: str
    candidates: list[tuple[int, dict[str, float]]]  # (cut index, features)
    gold: int | None  # the editor's cut among them, None if the rules forbid it
    weight: float


def sets() -> list[Path]:
    return [f for f in bench.FIXTURES if "oneline" not in f.name]


def examples(path: Path, ts) -> list[Example]:
    """The set's titles too long for a line, as the layout's breaker sees them."""
    from zhuanbao.layout.titles import cuts_of, jieba_segmenter, model_candidates, title_words, word_boundaries

    if ts._segment is None:
        ts._segment = jieba_segmenter(title_words(ts.layout))
    rs = ts.run_style("title", on_grid=False)
    measure, rules = ts.grid.width, ts.title_rules
    weight = 1.0 if "invented" in path.name else REAL_WEIGHT
    out = []
    for t in bench.load_titles(path):
        if len(t.lines) != 2:
            continue
        text = "".join(t.lines)
        units = ts.title_units(text, rs, measure, None)
        if "".join(u for u, _ in units) != text or sum(w for _, w in units) <= measure:
            continue  # the shaper's own text, or a title that fits: the rules' call
        tokens = ts._segment(text)
        cuts = cuts_of(text, units, word_boundaries(tokens, rules.hints, rules.ends))
        candidates = model_candidates(cuts, tokens, measure, rs.cell)
        if not candidates:
            continue
        gold = next((j for j, _ in candidates if cuts[j].offset == len(t.lines[0])), None)
        out.append(Example(text, candidates, gold, weight))
    return out


def learn(data: list[Example]) -> dict[str, float]:
    """The weights learned in SEEDS orders of the titles, averaged: one
    order's weights decide a close title by chance (lanze's 白沙镇：“四个一” /
    打通… flipped with each retrain), their mean does not."""
    total: dict[str, float] = collections.defaultdict(float)
    for s in range(SEEDS):
        for k, v in _learn(data, SEED + s).items():
            total[k] += v / SEEDS
    return {k: round(v, 4) for k, v in total.items() if abs(round(v, 4)) > 0}


def _learn(data: list[Example], seed: int) -> dict[str, float]:
    """Weights that make the editors' breaks likeliest among the candidates."""
    data = [e for e in data if e.gold is not None]
    seen: collections.Counter = collections.Counter()
    for e in data:
        seen.update({name for _, f in e.candidates for name in f})
    kept = {name for name, n in seen.items() if n >= MIN_TITLES}
    data = [Example(e.text, [(j, {k: v for k, v in f.items() if k in kept}) for j, f in e.candidates], e.gold, e.weight)
            for e in data]
    w: dict[str, float] = collections.defaultdict(float)
    g2: dict[str, float] = collections.defaultdict(float)
    rng = random.Random(seed)
    order = list(range(len(data)))
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            e = data[i]
            scores = [sum(w[k] * v for k, v in f.items()) for _, f in e.candidates]
            top = max(scores)
            ps = [math.exp(s - top) for s in scores]
            z = sum(ps)
            grad: dict[str, float] = collections.defaultdict(float)
            for (j, f), p in zip(e.candidates, ps):
                coef = e.weight * (p / z - (1.0 if j == e.gold else 0.0))
                for k, v in f.items():
                    grad[k] += coef * v
            for k, g in grad.items():
                g += L2 * w[k]
                g2[k] += g * g
                if g2[k]:
                    w[k] -= RATE * g / math.sqrt(g2[k])
    return {k: round(v, 4) for k, v in w.items() if abs(round(v, 4)) > 0}


def text_of(weights: dict[str, float], titles: int) -> str:
    head = [
        "# The title model: weights of the features of a title's candidate breaks (layout/titles.py,",
        f"# break_features), learned from the editors' breaks of {titles} titles too long for a line in",
        "# tests/fixtures by bench/title_model.py (do not edit by hand: rebuild). `feature<TAB>weight`;",
        "# a break's score is the sum of its features' weights times their values, the highest is printed.",
        "# pen: the rules' penalty / 10; pen=N: rounded; uneven: |first - second| / 10 characters;",
        "# end:W / start:W: the line ends / starts with word W; tag<T, tag>T, tagsT|U: jieba's parts of speech.",
    ]
    return "\n".join(head + [f"{k}\t{v:.4f}" for k, v in sorted(weights.items())]) + "\n"


def build(ts, exclude: Path | None = None) -> tuple[dict[str, float], int]:
    data = [e for f in sets() if f != exclude for e in examples(f, ts)]
    return learn(data), sum(e.gold is not None for e in data)


def cross_validate(ts, folds: int = 0, misses: bool = False) -> int:
    """Agreement on each set with the rules alone and with a model learned
    from the other sets (`folds`: from the sets of the other folds, the sets
    dealt round-robin into that many: quicker, a little less data).
    `misses`: also list each real title the held-out model breaks otherwise
    than its editors, with its kind (long, two, one), so that a change is
    read on the titles it moves, not only on the totals."""
    from zhuanbao.layout.titles import TitleModel

    per = {f: examples(f, ts) for f in sets()}
    totals = {"real": [0, 0, 0], "invented": [0, 0, 0]}
    fold = {f: (k % folds if folds else k) for k, f in enumerate(sets())}
    learned: dict = {}
    genres: dict[str, list[int]] = {}
    for f in sets():
        titles = bench.load_set(f)
        ts._model, ts._title_pieces = (None,), {}
        without, _ = bench.agreement(titles, ts)
        if fold[f] not in learned:
            learned[fold[f]] = learn([e for g in sets() if fold[g] != fold[f] for e in per[g]])
        weights = learned[fold[f]]
        ts._model, ts._title_pieces = (TitleModel(weights),), {}
        held_out, _ = bench.agreement(titles, ts)
        if "invented" not in f.name:  # the real titles by genre (简报 is what a bulletin prints)
            for t in bench.load_titles(f):
                g = genres.setdefault(t.genre, [0, 0, 0])
                ts._model, ts._title_pieces = (None,), {}
                g[0] += bench.layout_breaks(ts, "".join(t.lines)) == t.lines
                ts._model, ts._title_pieces = (TitleModel(weights),), {}
                got = bench.layout_breaks(ts, "".join(t.lines))
                g[1] += got == t.lines
                g[2] += 1
                if misses and got != t.lines:
                    print(f"  miss {f.name} [{t.kind or '?'}] {' / '.join(t.lines)}  |  {' / '.join(got)}")
        kind = "invented" if "invented" in f.name else "real"
        for k, v in enumerate((without, held_out, len(titles))):
            totals[kind][k] += v
        print(f"{f.name:28} rules alone {without:4}  learned from the other sets {held_out:4}  of {len(titles)}", flush=True)
    for kind, (a, b, n) in totals.items():
        print(f"{kind:9} rules alone {a}/{n} ({a / max(1, n):.0%})  with the model {b}/{n} ({b / max(1, n):.0%})")
    for genre, (a, b, n) in sorted(genres.items()):
        print(f"  real {genre}: rules alone {a}/{n}  with the model {b}/{n}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if layouts/title_model.txt is not what the sets give")
    ap.add_argument("--cv", action="store_true", help="leave-one-set-out agreement")
    ap.add_argument("--misses", action="store_true", help="with --cv: list each real title the held-out model breaks otherwise")
    ap.add_argument("--folds", type=int, default=0, help="with --cv: leave one fold of the sets out instead (6: about 5 min)")
    args = ap.parse_args()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ts = bench.typesetter()
        if args.cv:
            return cross_validate(ts, args.folds, args.misses)
        weights, titles = build(ts)
    text = text_of(weights, titles)
    if args.check:
        same = OUT.is_file() and same_model(OUT.read_text(encoding="utf-8"), text)
        print(f"{OUT.relative_to(ROOT)}: {'as the sets give it' if same else 'differs from what the sets give: rebuild it'}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(weights)} weights from {titles} titles")
    return 0


def same_model(a: str, b: str, tolerance: float = 2e-3) -> bool:
    """The same features with the same weights, give or take the last digits
    (another machine's libm may round an exp differently)."""
    def parse(text: str) -> dict[str, float]:
        rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
        return {k: float(v) for k, v in rows}

    x, y = parse(a), parse(b)
    return all(abs(x.get(k, 0.0) - y.get(k, 0.0)) <= tolerance for k in x.keys() | y.keys())  # (a weight that rounds to 0 is left out)


if __name__ == "__main__":
    sys.exit(main())
