"""Text pasted from a web page, a WeChat article or a PDF: the lines it means.

A colleague's .txt is what a browser, WeChat or a PDF reader copied: the
article, and around it the page's own lines (点击蓝字关注我们, 阅读量 1268,
分享 收藏 点赞 在看, 上一篇：…, an ICP number); a table as tab-separated
columns; a PDF's lines broken at its measure, not at the paragraph's end;
a title on two lines with a blank line after each. `zhuanbao import` reads
the article from it: the page's lines are left out and listed, a table is
a table, a paragraph broken at a fixed width is one paragraph again, and
the title is the short lines the text opens with.
"""

from __future__ import annotations

import re

# whole lines that are the page's, not the article's (each a whole short line: a sentence that
# happens to start 访问… or 扫码… is the article's)
CLUTTER = [
    re.compile(p)
    for p in (
        r"^(点击|点)?(上方)?蓝字.{0,6}关注.{0,8}$",
        r"^(扫码关注.{0,12}|长按(识别)?二维码.{0,12}|关注我们|欢迎关注.{0,12})$",
        r"^原创\s.{0,30}(发表于.{0,6}|\d{4}-\d{2}-\d{2}.{0,12})$",
        r"^(阅读|浏览|访问|点击)(量|数|次数)\s*[:：]?\s*[\[［(（]?\s*\d+(\.\d+)?万?\+?\s*[\]］)）]?$",
        r"^\[?图片\]?$",
        r"^[—\-=\s]*END[—\-=\s]*$",
        r"^[▼▲↓]*\s*(往期推荐|推荐阅读|往期回顾|相关阅读)\s*[▼▲↓]*$",
        r"^((分享|收藏|点赞|在看|转发|赞)\s*){2,}$",
        r"^阅读原文$",
        r"^[【\[]?(打印本页|关闭窗口|打印|关闭)[】\]]?(\s*[【\[]?(打印本页|关闭窗口|打印|关闭)[】\]]?)*$",
        r"^(上一篇|下一篇)\s*[:：].{0,60}$",
        r"^.{0,30}(ICP备\d+号|ICP证\d+号|公网安备\s*\d+号).{0,30}$",
        r"^(首页|当前位置[:：])\s*[>＞»›].{0,60}$",
        r"^(字号\s*[:：]|字体\s*[:：]\s*[大中小]).{0,20}$",
    )
]
# a page's line of labels about the article (来源：… 作者：… 发布时间：…): left out, listed verbatim
META = re.compile(r"(来源|作者|发布时间|发布日期|浏览次数|点击数|字号|责任编辑)\s*[:：]")
CLUTTER_CHARS = 80  # no line longer than this is the page's


SENTENCE_ENDS = ("。", "！", "？", "；", "…", "”", "’", "）", "：", ".", "!", "?")
HEADING_START = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|[①-⑳])")
NOTE_START = re.compile(r"^[【\[]?编者按[】\]]?\s*[:：]?\s*")
TITLE_CHARS = 45  # a line longer than this is no title line
LABELLED = re.compile(r"^[^，。“”]{1,6}[:：]\s*\S")  # 发布时间：2024-05-06, 联系人：李明: a label and its value, no title
CELL_CHARS = 30  # a cell of a table pasted as tab-separated columns is no longer than this


def is_clutter(line: str) -> bool:
    """A line the page added around the article (WeChat, a government site):
    short, no sentence, one of the page's own forms."""
    if len(line) > CLUTTER_CHARS or any(c in line for c in "。；！？"):
        return False
    if any(p.search(line) for p in CLUTTER):
        return True
    return len(META.findall(line)) >= 2 and "，" not in line  # 来源：… 作者：… 发布时间：…


RECOMMENDED = re.compile(r"(往期推荐|推荐阅读|往期回顾|相关阅读|相关链接|猜你喜欢)")


def drop_clutter(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines without the page's own; and those left out, as written.
    After a 往期推荐 marker, the short lines that follow (the titles of other
    articles) are the page's too."""
    kept, dropped = [], []
    listing = False
    for line in lines:
        t = line.strip()
        if listing and t and len(t) <= TITLE_CHARS and not t.endswith(("。", "！", "？")):
            dropped.append(line)
            continue
        listing = listing and not t  # a blank line keeps the listing going; a sentence ends it
        if t and is_clutter(t):
            dropped.append(line)
            listing = listing or bool(RECOMMENDED.search(t))
        else:
            kept.append(line)
    return kept, dropped


def cells(line: str) -> list[str]:
    return [c.strip(" \u3000") for c in line.split("\t")]


def tab_table(lines: list[str], at: int) -> int:
    """How many lines from `at` are the rows of a table pasted as tab-separated
    columns (two or more lines of the same number of cells, two or more); 0
    when the line at `at` starts none."""
    def row(line: str) -> list[str] | None:
        if "\t" not in line.strip("\t "):
            return None
        cs = cells(line.strip("\t "))
        # a table's cells are short and no sentences (a paragraph with a tab in it is no row)
        return cs if len(cs) >= 2 and all(len(c) <= CELL_CHARS and not c.endswith(("。", "；", "！", "？")) for c in cs) else None

    first = row(lines[at])
    if first is None:
        return 0
    n = 1
    while at + n < len(lines) and (r := row(lines[at + n])) is not None and len(r) == len(first):
        n += 1
    return n if n >= 2 else 0


def tabs_as_spaces(line: str) -> str:
    """A tab between words is a space (记者⇥王晓宇); tabs at either end are indentation."""
    return re.sub(r"[ \t]*\t[ \t]*", " ", line.strip("\t "))


def wrapped(block: list[str]) -> bool:
    """A block of lines broken at a fixed width (copied from a PDF): three or
    more lines, most of them within three characters of the longest."""
    if len(block) < 3 or any("\t" in x for x in block):
        return False  # (rows of a table pasted as tab-separated columns are no wrapped lines)
    width = max(len(x) for x in block)
    full = sum(1 for x in block if len(x) >= width - 3)
    return width >= 15 and full >= 2 and full >= 0.5 * len(block)


def join_wrapped(block: list[str]) -> list[str]:
    """A fixed-width block's lines joined into its paragraphs: a line that
    does not end a sentence runs on into the next, unless the next opens a
    heading (一、 （一） 1.)."""
    if not wrapped(block):
        return block
    width = max(len(x) for x in block)
    out: list[str] = []
    for line in block:
        if (out and not out[-1].endswith(SENTENCE_ENDS) and len(out[-1]) >= width - 3
                and not HEADING_START.match(line) and not line.startswith(("——", "—"))):
            sep = " " if out[-1][-1:].isascii() and out[-1][-1:].isalnum() and line[:1].isascii() and line[:1].isalnum() else ""
            out[-1] += sep + line
        else:
            out.append(line)
    return out


def title_like(line: str) -> bool:
    """A line that may be (part of) a title: short, no sentence's end, no
    subtitle's dash, heading number or 编者按."""
    t = line.strip()
    return (0 < len(t) <= TITLE_CHARS and not t.endswith(("。", "！", "？", "；", "：", ":"))
            and not LABELLED.match(t)
            and not t.startswith(("——", "—")) and not HEADING_START.match(t) and not NOTE_START.match(t)
            and "\t" not in t and not PRESS_BYLINE.match(t))


# a news byline: 大众网记者 李哲 青岛报道, 本报记者 张三 通讯员 李四
NAME = r"[\u3400-\u9fff·]{2,4}"
PRESS_BYLINE = re.compile(
    rf"^(?:[\u3400-\u9fff]{{0,8}}(?:网|报|台|社|刊|新闻|融媒体中心)|本报|本刊|本台)?(?:特约|见习|首席)?(?:记者|通讯员)\s*[:：]?\s*{NAME}"
    rf"(?:[\s、，]+(?:(?:记者|通讯员)\s*)?{NAME})*(?:\s+[\u3400-\u9fff]{{2,6}}报道)?$"
)
