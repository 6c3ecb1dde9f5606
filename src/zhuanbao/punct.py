"""Punctuation in Chinese text: what is half-width where it should not be.

Shared by `zhuanbao import` (which fixes it and reports each change) and
`zhuanbao check` (which warns about it). The rules follow GB/T 15834 and
W3C clreq: in Chinese text, commas, semicolons, colons, question and
exclamation marks, brackets and quotation marks are full-width. Latin text,
numbers (3,000 · 10:30 · 1.2) and URLs keep theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Half-width mark → its full-width form in Chinese text.
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_OPEN_CLOSE = {"（": "）", "“": "”", "‘": "’", "《": "》", "〈": "〉", "【": "】", "「": "」", "『": "』", "〔": "〕"}
_CLOSERS = {v: k for k, v in _OPEN_CLOSE.items()}
_INVISIBLE = {"\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad"}
_INTERPUNCT_LOOKALIKES = {"\u2022", "\u30fb", "\u2027", "\u2219", "\uff65"}  # • ・ ‧ ∙ ･


def is_han(ch: str) -> bool:
    """A Chinese character (the unified ideographs and their extensions)."""
    if not ch:
        return False
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3134F
        or 0xF900 <= cp <= 0xFAFF
        or cp == 0x3007  # 〇
    )


def is_cjk(ch: str) -> bool:
    """A Chinese character or a full-width mark: what makes text Chinese."""
    if not ch:
        return False
    cp = ord(ch)
    return (
        is_han(ch)
        or 0x3000 <= cp <= 0x303F  # CJK punctuation 、。〈〉《》「」『』【】〔〕
        or 0xFF01 <= cp <= 0xFF60  # full-width forms ，：；？！（）
        or ch in "“”‘’—…·"
    )


def has_han(text: str) -> bool:
    return any(is_han(c) for c in text)


@dataclass(frozen=True)
class Change:
    old: str
    new: str
    context: str  # the text around the change, after the change
    was: str = ""  # the same, as the editor wrote it (what `check` quotes: the mark can be found there)

    def __str__(self) -> str:
        return f"`{self.old}` → `{self.new}` in “{self.context}”"

    def as_written(self) -> str:
        return f"`{self.old}` → `{self.new}` in “{self.was or self.context}”"


def _context(text: str, i: int, width: int = 8) -> str:
    lo, hi = max(0, i - width), min(len(text), i + width + 1)
    return ("…" if lo else "") + text[lo:hi] + ("…" if hi < len(text) else "")


def _word_before(chars: list[str], i: int) -> str:
    """The run of Latin characters that ends before position `i`."""
    j = i
    while j > 0 and chars[j - 1].isascii() and not chars[j - 1].isspace():
        j -= 1
    return "".join(chars[j:i])


def is_address(word: str) -> bool:
    """An e-mail address or a web address (zb@qd.gov.cn, www.qd.gov.cn,
    https://…): the layout may break it before its @ . /, and a sentence
    that ends with it ends with 。."""
    return "@" in word or "://" in word or word.lower().startswith("www.")


def normalise(text: str) -> tuple[str, list[Change]]:
    """Full-width punctuation in Chinese text; every change is returned.

    Invisible characters pasted from web pages and WeChat (zero-width space,
    BOM, soft hyphen) are removed. Other text without a Chinese character is
    left alone.
    """
    invisible = [(i, c) for i, c in enumerate(text) if c in _INVISIBLE]
    if invisible:
        text = "".join(c for c in text if c not in _INVISIBLE)
        rest, more = normalise(text)
        gone = [Change(f"U+{ord(c):04X}", "", _context(text, min(i, len(text) - 1)) if text else "") for i, c in invisible]
        return rest, gone + more
    if not has_han(text):
        return text, []
    chars = list(text)
    n = len(chars)
    changes: list[tuple[int, str, str]] = []

    def prev_sig(i: int) -> str:
        j = i - 1
        while j >= 0 and chars[j] == " ":
            j -= 1
        return chars[j] if j >= 0 else ""

    def next_sig(i: int) -> str:
        j = i + 1
        while j < n and chars[j] == " ":
            j += 1
        return chars[j] if j < n else ""

    # A bullet or a Japanese middle dot typed for the 间隔号 (3•15, 安雅・百日):
    # GB/T 15834 writes · (U+00B7), and the layout's fonts have no other. Only
    # between two characters: a bullet before a list item (• 强化…) or between
    # spaces is no 间隔号, and is left to the editor.
    dots = []
    for i, c in enumerate(chars):
        if c in _INTERPUNCT_LOOKALIKES and 0 < i < n - 1 and not chars[i - 1].isspace() and not chars[i + 1].isspace():
            dots.append((i, c, "·"))
            chars[i] = "·"

    # Straight double quotes pair up as “ ” in a paragraph of Chinese, with the
    # curly ones it has (“青岛巴士·红色朗读亭" closes with ”); a straight single
    # quote beside a Chinese character is ‘ or ’ the same way ('红色资源'),
    # an apostrophe in English (It's) is not
    open_double = open_single = False
    for i, c in enumerate(chars):
        if c in "“”":
            open_double = c == "“"
        elif c in "‘’":
            open_single = c == "‘"
        elif c == '"':
            new = "”" if open_double else "“"
            open_double = not open_double
            changes.append((i, '"', new))
            chars[i] = new
        elif c == "'" and (is_cjk(prev_sig(i)) or is_cjk(next_sig(i))):
            new = "’" if open_single else "‘"
            open_single = not open_single
            changes.append((i, "'", new))
            chars[i] = new

    # Each conversion can make a neighbour's context Chinese (`,,一`): repeat
    # until nothing changes, so that normalising twice changes nothing.
    while True:
        count = len(changes)
        # Brackets: a ( … ) pair in Chinese text becomes （ … ）.
        stack: list[int] = []
        pairs: list[tuple[int, int]] = []
        for i, c in enumerate(chars):
            if c == "(":
                stack.append(i)
            elif c == ")" and stack:
                pairs.append((stack.pop(), i))
        for a, b in pairs:
            inside = "".join(chars[a + 1 : b])
            if has_han(inside) or is_cjk(prev_sig(a)) or is_cjk(next_sig(b)):
                changes.append((a, "(", "（"))
                changes.append((b, ")", "）"))
                chars[a], chars[b] = "（", "）"

        # , ; : ? ! next to a Chinese character or full-width mark.
        for i, c in enumerate(chars):
            if c not in _SIMPLE:
                continue
            before = chars[i - 1] if i else ""
            after = chars[i + 1] if i + 1 < n else ""
            if before.isdigit() and after.isdigit() and before.isascii() and after.isascii():
                continue  # 3,000 · 10:30
            if c == ":" and after == "/":
                continue  # http://
            p, q = prev_sig(i), next_sig(i)
            if is_cjk(p) or (is_cjk(q) and not (p.isascii() and p.isalnum() and q == "“")):
                changes.append((i, c, _SIMPLE[c]))
                chars[i] = _SIMPLE[c]

        # A full stop after a Chinese character, a percentage, or an address (an
        # address never ends in a dot: 邮箱zb@qd.gov.cn.), before Chinese or the end.
        for i, c in enumerate(chars):
            if c != "." or not (next_sig(i) == "" or is_cjk(next_sig(i))):
                continue
            before = chars[i - 1] if i else ""
            # (after a percentage too: 就业率达82.5%. ends its sentence; a number's own dot is followed by a digit)
            if is_han(before) or before in "%％" or (
                before.isascii() and before.isalnum() and is_address(_word_before(chars, i))
            ):
                changes.append((i, ".", "。"))
                chars[i] = "。"
        if len(changes) == count:
            break

    # A converted mark takes no space around it (`, ` → `，`); a 间隔号 has none to take.
    converted = {i for i, _old, _new in changes}
    changes += dots
    drop: set[int] = set()
    for i in converted:
        j = i + 1
        while j < n and chars[j] == " ":
            drop.add(j)
            j += 1
        j = i - 1
        while j >= 0 and chars[j] == " " and chars[i] in "，；：？！）”":
            drop.add(j)
            j -= 1
    index_map: list[int] = []
    out: list[str] = []
    for i, c in enumerate(chars):
        index_map.append(len(out))
        if i not in drop:
            out.append(c)
    result = "".join(out)
    changes.sort()
    return result, [
        Change(old, new, _context(result, min(index_map[i], len(result) - 1)), _context(text, i))
        for i, old, new in changes
    ]


# Full-width digits and Latin letters (ＡＰＰ, １２３４): GB/T 15835 prints numbers half-width.
FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def half_width_alnum(text: str) -> tuple[str, list[Change]]:
    """Full-width digits and Latin letters → ASCII (１２３ → 123, ＡＰＰ → APP),
    each run a Change, for `zhuanbao import`."""
    changes: list[Change] = []

    def repl(m: re.Match) -> str:
        new = "".join(chr(ord(c) - 0xFEE0) for c in m[0])
        changes.append(Change(m[0], new, _context(text, m.start())))
        return new

    return FULL_WIDTH_ALNUM.sub(repl, text), changes


# check marks and boxes from Word's symbol fonts and form controls, which the
# bulletin's GB fonts lack, as Chinese forms print them: √ ×, □ unticked, ■ ticked
STAND_INS = {"✓": "√", "✔": "√", "✗": "×", "✘": "×", "☐": "□", "◻": "□", "❑": "□", "☑": "■", "☒": "■", "▪": "■",
             "➢": "→", "➔": "→", "⇨": "→", "❖": "◆",
             # Word's and WeChat's dingbat numbers: the circled ones the fonts print
             **{chr(base + k): chr(0x2460 + k) for base in (0x2776, 0x2780, 0x278A) for k in range(10)}}
# pictographs in the Miscellaneous Symbols block a phone shows as emoji (the block's ♀ ♂ ★ ☎ the fonts print)
EMOJI_SYMBOLS = set("☀☁☔☕☘☝☺♈♉♊♋♌♍♎♏♐♑♒♓♨♻♿⚓⚡⚪⚫⚽⚾⛄⛅⛎⛔⛪⛲⛳⛵⛺⛽")


def is_emoji(ch: str) -> bool:
    """A pictograph of a WeChat post (👍 🎉 ✨, their joiners and variation
    selectors): no bulletin font has one and no bulletin prints one."""
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF or cp in (0xFE0F, 0x200D, 0x20E3) or (0x2700 <= cp <= 0x27BF and ch not in STAND_INS)
            or ch in EMOJI_SYMBOLS)


def stand_ins(text: str) -> tuple[str, list[Change]]:
    """Symbols no bulletin font prints (✓ ☒, Word's Wingdings and check
    boxes) → the GB characters forms use for them, and emoji (👍 🎉) left
    out, each a Change, for `zhuanbao import` (check would refuse the
    article for them)."""
    changes: list[Change] = []
    out: list[str] = []
    for i, ch in enumerate(text):
        new = STAND_INS.get(ch)
        if new is None and is_emoji(ch):
            new = ""  # an emoji: left out, and the space it stood beside (阵地🏠 ✨好 → 阵地好)
        elif new is None and ch in " \u3000" and i and is_emoji(text[i - 1]):
            last = "".join(out)[-1:]
            if not (last.isascii() and last.strip()):  # (a space between two Latin words stays one)
                continue
        if new is None:
            out.append(ch)
            continue
        if new:
            out.append(new)
        changes.append(Change(ch, new, _context(text, i)))
    return "".join(out), changes


STOPS = "，。、；：！？"  # full-width marks whose blank half is their space: no space is typed beside one
_STRAY = re.compile(rf"(?<=[{STOPS}])[ \u00a0\u3000]+(?=\S)|(?<=\S)[ \u00a0\u3000]+(?=[{STOPS}])")


def stray_spaces(text: str) -> tuple[str, list[Change]]:
    """Spaces typed beside a ，。、；：！？ in Chinese text (宣传活动。 此次, 他说 ：;
    a web page's no-break or ideographic space too), removed; each removal is
    returned. A full-width mark carries its own space, so the typed one either
    widens the gap or, in a squeezed line, prints as nothing. A space between
    two words (通讯员 许艺洋), after a title's quote, or after a web address
    before its mark (…gov.cn 。, so that the mark is not read as the address's)
    is the editor's and stays."""
    if not has_han(text):
        return text, []
    kept: list[str] = []
    changes: list[Change] = []
    at = 0
    for m in _STRAY.finditer(text):
        before = re.search(r"\S+$", text[: m.start()])
        if before and is_address(before[0]):
            continue
        kept.append(text[at : m.start()])
        at = m.end()
        changes.append(Change(m[0], "", _context(text, m.start()), _context(text, m.start())))
    kept.append(text[at:])
    return ("".join(kept), changes) if changes else (text, [])


def half_width_marks(text: str) -> list[Change]:
    """What `normalise` would change: the warnings of `zhuanbao check`."""
    _new, changes = normalise(text)
    return changes


def unbalanced(text: str) -> list[str]:
    """Quotes and brackets that open without closing or close without opening."""
    problems: list[str] = []
    stack: list[str] = []
    for c in text:
        if c in _OPEN_CLOSE:
            stack.append(c)
        elif c in _CLOSERS:
            opener = _CLOSERS[c]
            if opener in stack:
                while stack[-1] != opener:
                    o = stack.pop()
                    problems.append(f"{o} without {_OPEN_CLOSE[o]}")
                stack.pop()
            else:
                problems.append(f"{c} without {opener}")
    for o in stack:
        problems.append(f"{o} without {_OPEN_CLOSE[o]}")
    return problems
