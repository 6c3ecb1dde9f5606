"""Where a title the editor wrote on one line breaks: by its grammar.

An official headline is mostly two clauses, the subject and its action, then
the purpose or the result (平度市擦亮“庄户学院”品牌 / 激发文明实践新活力);
editors break between them and never inside a word, between a number and its
measure word (四个“聚焦”, 3个), or inside “…” and 《…》. So the title is
segmented into words with their parts of speech (jieba, loaded lazily: only
a title that has no hand break and does not fit on one line needs it), and
the break is chosen among word boundaries: the fewest lines that fit the
measure, as even as the clause breaks allow.

Everything here but `jieba_segmenter` is a pure function on text and widths,
so the rules are tested without fonts; the Typesetter supplies the widths of
the title's unbreakable clusters (its 避头尾 rules) and the measure.
"""

from __future__ import annotations

import functools
import gc
import math
import os
import tempfile
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

OPENERS = set("“‘《（〔【「『")
CLOSERS = set("”’》）〕】」』")
PAUSES = set("，、；：。！？")
LABEL_MARKS = set("：:")  # 休宁县璜尖乡：… a place or unit before the headline, not a clause
BRACKETS = set("（〔")
QUOTES = set("“‘《「『")
# 暨, 并 join two clauses; 和, 与, 及 join two nouns and do not start a line
CLAUSE_CONJUNCTIONS = {"暨", "并", "并且"}
NOT_LINE_START = {"的", "之", "和", "与", "及", "或", "及其"}
EPS = 0.01

# Relative weights, in cells of the title's size: how many cells of
# unevenness a break at a clause's start is worth.
PAUSE_BONUS = 10.0  # after ， 、 ；: the clearest break
END_NOTE_BONUS = 20.0  # before a bracketed note that ends the title: （试行）, （2024—2026年） on a line of its own
CLAUSE_BONUS = 8.0  # before one of the layout's clause verbs, after a subject-and-action clause
VERB_BONUS = 2.0  # before another verb there (jieba also tags 治理, 振兴 in noun phrases as verbs)
CONJ_BONUS = 6.0  # before 暨, 并 … joining two clauses
OPEN_QUOTE_BONUS = 3.0  # before “…” (a new phrase starts)
CLOSE_QUOTE_BONUS = 1.0  # after “…” (a noun often follows: “两创”方针)
NEW_SUBJECT_BONUS = 3.0  # after a clause with its verb and object, before a noun that a verb follows: 聚民心 / 信用积分焕新颜
SPLIT_PENALTY = 8.0  # an adverb or verb from its verb, a preposition from its object, a line starting with 的
MID_PHRASE = 3.0  # any other word boundary: inside a phrase (数字 / 服务新体系)
FORBIDDEN = 100.0  # inside quotes or after a number: only if nothing else fits
INSIDE_WORD = 1000.0  # inside a word: only if a word is wider than the line

Token = tuple[str, str]  # (word, part of speech), jieba's tags
Segmenter = Callable[[str], list[Token]]


@dataclass(frozen=True)
class Cut:
    """A place where a line of the title may end."""

    offset: int  # characters of the title before it
    width: float  # width of the title before it, in pt
    penalty: float  # negative: a good place; FORBIDDEN / INSIDE_WORD: a bad one


def _is_verb(pos: str) -> bool:
    # vn (建设, 服务) and vd are mostly used as nouns / adverbs in headlines
    return pos in ("v", "vi", "vg", "vq")


NUMERALS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两几数")


def _is_number(word: str, pos: str) -> bool:
    """A numeral (3, 二十四, 四个): what follows is its measure word or noun."""
    return pos == "m" and any(c in NUMERALS for c in word)


def _is_nominal(pos: str) -> bool:
    return pos.startswith("n") or pos in ("j", "vn")


def _subject_then_verb(tokens: Sequence[Token], k: int) -> bool:
    """Whether the words from `k` are a clause of its own: one or two nouns,
    adverbs, then a verb (信用 积分 焕; 毕业生 就业)."""
    n = 0
    while k < len(tokens) and _is_nominal(tokens[k][1]) and n < 2:
        k, n = k + 1, n + 1
    if n == 0:
        return False
    while k < len(tokens) and _is_adverb(tokens[k][1]):
        k += 1
    return k < len(tokens) and _is_verb(tokens[k][1])


def _is_adverb(pos: str) -> bool:
    return pos in ("d", "ad", "vd", "dg")


def _bracket_ends(tokens: Sequence[Token], k: int) -> bool:
    """Whether the bracket opening at word `k` closes at the title's end."""
    rest = "".join(w for w, _ in tokens[k:])
    depth = 0
    for n, c in enumerate(rest):
        depth += (c in OPENERS) - (c in CLOSERS)
        if depth == 0:
            return n == len(rest) - 1
    return False


def _starts_with_hint(tokens: Sequence[Token], k: int, hints: Sequence[str]) -> bool:
    """Whether the words from `k` on begin with one of the clause verbs, word
    for word (推进 is not the start of 推进会; 打好 may come as 打 + 好)."""
    text = ""
    for word, _ in tokens[k : k + 3]:
        text += word
        if text in hints:
            return True
    return False


def word_boundaries(tokens: Sequence[Token], hints: Sequence[str] = ()) -> dict[int, float]:
    """Penalty (negative = preferred) of a break at each word boundary.

    Offsets are counted in characters of the title. A boundary inside
    quotes or brackets, or right after a number (a number belongs with its
    measure word or noun: 四个“聚焦”, 二十四节气, 3个), is FORBIDDEN.
    """
    out: dict[int, float] = {}
    hints = tuple(h for h in hints if len(h) > 1)
    offset, depth, seen_verb = 0, 0, False
    for i, (word, pos) in enumerate(tokens[:-1]):
        offset += len(word)
        depth += sum(c in OPENERS for c in word) - sum(c in CLOSERS for c in word)
        verb_before = seen_verb  # a verb before this word: the clause had its action already
        seen_verb = seen_verb or _is_verb(pos) or word in hints
        nxt, npos = tokens[i + 1]
        unit_of_number = pos == "m" and i > 0 and _is_number(*tokens[i - 1])  # 2020 年 / 区政府: the date goes with its noun
        if depth > 0 or _is_number(word, pos) or unit_of_number or (pos == "x" and word[-1:] in OPENERS):
            out[offset] = FORBIDDEN
            continue
        # the verb phrase that starts here: adverbs then a verb (全力推进, 持续优化)
        k = i + 1
        while k < len(tokens) and _is_adverb(tokens[k][1]):
            k += 1
        starts_vp = k < len(tokens) and _is_verb(tokens[k][1])
        hinted = _starts_with_hint(tokens, i + 1, hints) or (k > i + 1 and _starts_with_hint(tokens, k, hints))
        score = 0.0
        label = word[-1] in LABEL_MARKS and not verb_before and not _is_verb(pos)
        if nxt[0] in BRACKETS and _bracket_ends(tokens, i + 1):
            score = END_NOTE_BONUS  # a closing note: （2024—2026年）, （试行）; not （集团）有限公司
        elif word[-1] in PAUSES and not label:
            score = PAUSE_BONUS  # a pause; but 休宁县璜尖乡： is a label, the headline follows it
        elif seen_verb and hinted:
            score = CLAUSE_BONUS
        elif seen_verb and starts_vp:
            score = VERB_BONUS
        elif nxt in CLAUSE_CONJUNCTIONS and seen_verb:
            score = CONJ_BONUS
        elif nxt[0] in QUOTES:
            score = OPEN_QUOTE_BONUS
        elif word[-1] in CLOSERS and not npos.startswith("n"):
            score = CLOSE_QUOTE_BONUS  # but “一部手机游青岛” / 数字服务新体系 parts a noun from its modifier
        elif verb_before and _is_nominal(pos) and i > 0 and _is_verb(tokens[i - 1][1]) and _subject_then_verb(tokens, i + 1):
            score = NEW_SUBJECT_BONUS  # 党建引领聚民心 / 信用积分焕新颜: a second clause, its own subject
        bad = 0.0 if score else MID_PHRASE
        if _is_adverb(pos) and (_is_verb(npos) or _is_adverb(npos)):
            bad, score = SPLIT_PENALTY, 0.0  # 全力 / 推进
        elif _is_verb(pos) and _is_verb(npos) and not (hinted and verb_before):
            # 创新 / 开展, 推广 / 使用: one verb phrase; but 提质增效 / 激发… starts a new clause
            bad, score = SPLIT_PENALTY, 0.0
        elif pos == "p":
            bad = SPLIT_PENALTY  # 以 / 党建引领
        elif nxt[0] in BRACKETS and not score:
            bad = SPLIT_PENALTY  # 新余市城乡建设投资 / （集团）有限公司: a note belongs to its word
        elif npos.startswith("u") or nxt in NOT_LINE_START:
            bad = SPLIT_PENALTY  # … / 的意见, 任务分解 / 和责任分工
        out[offset] = bad - score
    return out


def cuts_of(
    text: str, units: Sequence[tuple[str, float]], boundaries: dict[int, float]
) -> list[Cut]:
    """The places a line may end: between the title's unbreakable clusters
    (`units`, whose texts make up `text`), priced by the word boundaries."""
    assert "".join(u for u, _ in units) == text, "units must spell the title"
    cuts = [Cut(0, 0.0, 0.0)]
    offset, width = 0, 0.0
    for k, (u, w) in enumerate(units):
        offset += len(u)
        width += w
        if k == len(units) - 1:
            break
        if u.isspace() or units[k + 1][0].isspace():
            penalty = -PAUSE_BONUS  # a space the editor typed is a break
        else:
            penalty = boundaries.get(offset, INSIDE_WORD)
        cuts.append(Cut(offset, width, penalty))
    cuts.append(Cut(len(text), width, 0.0))
    return cuts


def best_lines(cuts: Sequence[Cut], measure: float, cell: float, limit: float) -> list[int] | None:
    """Indexes of the cuts that end each line: the fewest lines that fit,
    then the least unevenness plus penalties; cuts dearer than `limit` are
    not used. None if no way of cutting fits."""
    total = cuts[-1].width
    fewest = max(1, math.ceil(total / measure - EPS))
    usable = [j for j, c in enumerate(cuts) if c.penalty < limit or j in (0, len(cuts) - 1)]
    for n in range(fewest, fewest + 3):
        mean = total / n
        # cost[j]: the cheapest way to end the k-th line at cut j
        cost: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
        for _ in range(n):
            row: dict[int, tuple[float, list[int]]] = {}
            for i, (c_i, path) in cost.items():
                for j in usable:
                    if j <= i:
                        continue
                    w = cuts[j].width - cuts[i].width
                    if w > measure + EPS:
                        break
                    pen = cuts[j].penalty if j < len(cuts) - 1 else 0.0
                    c = c_i + abs(w - mean) / cell + pen
                    if j not in row or c < row[j][0]:
                        row[j] = (c, path + [j])
            cost = row
        end = cost.get(len(cuts) - 1)
        if end:
            return end[1]
    return None


def break_title(
    text: str,
    units: Sequence[tuple[str, float]],
    measure: float,
    cell: float,
    segment: Segmenter,
    hints: Sequence[str] = (),
) -> list[str]:
    """The lines of a title that does not fit on one: see the module's doc.

    `units` are the title's unbreakable clusters with their widths in pt,
    `cell` the width of one character (to weigh unevenness in characters),
    `segment` the word segmenter (jieba's, or a stand-in in tests).
    """
    total = sum(w for _, w in units)
    if total <= measure + EPS:
        return [text]
    cuts = cuts_of(text, units, word_boundaries(segment(text), hints))
    for limit in (FORBIDDEN, INSIDE_WORD, math.inf):
        ends = best_lines(cuts, measure, cell, limit)
        if ends:
            break
    else:  # a cluster wider than the line: the caller breaks it as running text
        return [text]
    pieces, start = [], 0
    for j in ends:
        stop = cuts[j].offset
        pieces.append(text[start:stop].strip())
        start = stop
    return [p for p in pieces if p]


@dataclass
class _Words:
    """jieba's prefix dictionary and parts of speech, cut by first character:
    a title needs only the entries that start with one of its characters (the
    segmenter looks up nothing but the title's own substrings), so those
    buckets are unpacked when a title first needs them, not half a million
    words at start-up."""

    total: int
    buckets: dict[str, bytes]  # first character -> marshal of ({word: freq}, {word: tag})

    def unpack(self, char: str) -> tuple[dict[str, int], dict[str, str]]:
        import marshal

        data = self.buckets.get(char)
        return marshal.loads(data) if data else ({}, {})


def _load_words(tokenizer, version: str) -> _Words:
    """jieba's dictionary, from our cache if there is one.

    jieba's own cache is read with marshal.load on a file, one small read a
    string (seconds for half a million words), and jieba.posseg parses the
    dictionary's text for the tags at every import. Ours is one file read as
    bytes: the total frequency and, per first character, the marshalled
    words and tags, unpacked only for the characters a title has. It is named
    by jieba's version and its dictionary's size and date, and written
    atomically (two renders at once each write their own temporary file)."""
    import marshal

    dict_file = tokenizer.get_dict_file()
    try:
        st = os.stat(dict_file.name)
        key = f"{version}-{st.st_size}-{int(st.st_mtime)}"
    except (AttributeError, OSError):
        key = version
    finally:
        dict_file.close()
    cache = Path(tokenizer.tmp_dir) / f"buckets-{key}.marshal"
    try:
        total, buckets = marshal.loads(cache.read_bytes())
        return _Words(total, buckets)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tags: dict[str, str] = {}
    with tokenizer.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").strip().split(" ")
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    by_char: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
    for word, n in freq.items():
        by_char.setdefault(word[0], ({}, {}))[0][word] = n
    for word, tag in tags.items():
        by_char.setdefault(word[0], ({}, {}))[1][word] = tag
    buckets = {c: marshal.dumps(pair) for c, pair in by_char.items()}
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps((total, buckets)))
        os.replace(tmp, cache)
    except OSError:  # a read-only temp dir: no cache, the next render builds it again
        tmp.unlink(missing_ok=True)
    return _Words(total, buckets)


def _import_posseg(jieba):
    """jieba.posseg without the second it spends at import reading the
    dictionary's tags for its own default tokenizer, which zhuanbao never
    uses (its tag table stays empty: a program that imports zhuanbao and
    calls jieba.posseg.cut itself gets untagged words; build a
    jieba.posseg.POSTokenizer of your own)."""
    import io
    import sys

    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    jieba.dt.get_dict_file = lambda: io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    return jieba.posseg


def _cache_dir() -> str:
    """jieba's dictionary cache: a folder of our own in the temp dir, never
    the working folder (which may be read-only, or someone's content)."""
    path = Path(tempfile.gettempdir()) / f"zhuanbao-jieba-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        return str(path)
    except OSError:
        return tempfile.gettempdir()


@functools.lru_cache(maxsize=4)
def jieba_segmenter(user_words: str | None = None) -> Segmenter:
    """jieba's part-of-speech segmenter with the layout's own words, built
    once per process (the dictionary takes a second to load) and silent:
    jieba logs to stderr and its import warns about pkg_resources."""
    gc_was_on = gc.isenabled()
    gc.disable()  # loading half a million words: the collector would walk them again and again
    try:
        return _build_segmenter(user_words)
    finally:
        if gc_was_on:
            gc.enable()


def _import_jieba():
    """jieba, imported without pkg_resources: jieba only asks it for the path
    of its own data files and falls back to opening them next to its module
    when it is missing; importing pkg_resources takes a third of a second
    and warns that it is deprecated. Left alone if something already
    imported it."""
    import sys

    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    block = "pkg_resources" not in sys.modules
    if block:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import jieba
    finally:
        if block and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _build_segmenter(user_words: str | None) -> Segmenter:
    import logging  # here: a render whose titles fit their lines never needs it

    jieba = _import_jieba()

    logging.getLogger("jieba").setLevel(logging.CRITICAL + 1)
    jieba.setLogLevel(logging.CRITICAL + 1)
    posseg = _import_posseg(jieba)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = _cache_dir()
    words = _load_words(tokenizer, jieba.__version__)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {}, words.total, True
    if user_words:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tokenizer.load_userdict(user_words)
    # the layout's words win over jieba's, as when jieba loads them after its own
    user_freq = {w: n for w, n in tokenizer.FREQ.items() if n}
    user_prefixes = [w for w, n in tokenizer.FREQ.items() if not n]
    user_tags = dict(tokenizer.user_word_tag_tab)
    pos = object.__new__(posseg.POSTokenizer)
    pos.tokenizer = tokenizer
    pos.word_tag_tab = {}
    unpacked: set[str] = set()

    def need(text: str) -> None:
        for char in set(text) - unpacked:
            freq, tags = words.unpack(char)
            tokenizer.FREQ.update(freq)
            pos.word_tag_tab.update(tags)
            for w in user_prefixes:
                if w[0] == char:
                    tokenizer.FREQ.setdefault(w, 0)
            for w, n in user_freq.items():
                if w[0] == char:
                    tokenizer.FREQ[w] = n
            for w, tag in user_tags.items():
                if w[0] == char:
                    pos.word_tag_tab[w] = tag
            unpacked.add(char)

    def segment(text: str) -> list[Token]:
        need(text)
        return [(p.word, p.flag) for p in pos.cut(text)]

    return segment


def title_words(layout) -> str | None:
    """The layout's own words for the segmenter (`typesetting.title_words`,
    a jieba user dictionary relative to the layout file: `word freq tag` a
    line), checked: official vocabulary jieba splits or mistags (打好, 抓实,
    放管服, 暨)."""
    from ..errors import ContentError, Where

    ts = layout.root.sub("typesetting")
    value = ts.raw("title_words", None)
    if not value:
        return None
    path = (layout.path.parent / str(value)).resolve()
    if not path.is_file():
        raise ContentError(
            Where(layout.path),
            f"layout key `typesetting.title_words: {value}` should name a word list next to the layout "
            f"(one `word freq tag` a line); there is no {path}.",
        )
    return str(path)


def title_hints(layout) -> tuple[str, ...]:
    """The layout's clause verbs (`typesetting.title_breaks_before`), checked:
    an entry of one character would part words (产权转 / 让, 介 / 绍)."""
    from ..errors import ContentError, Where

    value = layout.root.sub("typesetting").raw("title_breaks_before", []) or []
    if not isinstance(value, list):
        raise ContentError(Where(layout.path), "layout key `typesetting.title_breaks_before` should be a list of words.")
    short = [str(v) for v in value if len(str(v)) < 2]
    if short:
        raise ContentError(
            Where(layout.path),
            f"layout key `typesetting.title_breaks_before` has one-character entries ({'、'.join(short)}): "
            "they break titles inside words (产权转 / 让工作会议); list words of two characters or more.",
        )
    return tuple(str(v) for v in value)
