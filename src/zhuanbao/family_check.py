"""`zhuanbao check` for the family keys: heading numbers and 总第N期.

GB/T 9704 §7.3.3 numbers a text's levels 一、 （一） 1. （1）; editors type
the numbers, so a skipped or repeated one (一、 then 三、) is a warning naming
the heading's file and line. Totals (总第N期) of one series run on from
issue to issue: two issues sharing a total, or a gap between consecutive
issues' totals, is a warning naming issue.yaml.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import Diagnostic, Where, key_line
from .model import Article, Heading, Issue
from .newissue import _num, issue_folders, read_issue_info, series_of, sort_key

_DIGITS = "零一二三四五六七八九"
_PATTERNS = (
    re.compile(r"([一二三四五六七八九十百零]+)、"),  # 一、
    re.compile(r"[（(]([一二三四五六七八九十百零]+)[)）]"),  # （一）
    re.compile(r"(\d+)[.．、]"),  # 1.
    re.compile(r"[（(](\d+)[)）]"),  # （1）
)


def chinese_number(text: str) -> int | None:
    """一 … 九十九 (and 一百…) → int; None if it is not a plain numeral."""
    if not text:
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS.index(ch)
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def heading_number(text: str) -> tuple[int, int] | None:
    """(form, value) of a heading's leading number: form 0 一、, 1 （一）, 2 1., 3 （1）."""
    text = text.strip()
    for form, pat in enumerate(_PATTERNS):
        m = pat.match(text)
        if m:
            value = int(m[1]) if m[1].isdigit() else chinese_number(m[1])
            if value is not None:
                return form, value
    return None


def heading_warnings(art: Article) -> list[Diagnostic]:
    """Numbers at one heading level that skip or repeat, within an article.

    A level's count starts again under each heading of a higher level
    (（一） after every 一、).
    """
    out: list[Diagnostic] = []
    last: dict[int, tuple[int, str]] = {}  # level → (value, text) of the last numbered heading
    for b in art.blocks:
        if not isinstance(b, Heading):
            continue
        for deeper in [lv for lv in last if lv > b.level]:
            del last[deeper]
        num = heading_number(b.text)
        if num is None:
            continue
        _form, value = num
        prev = last.get(b.level)
        expected = prev[0] + 1 if prev else 1
        if value != expected:
            if prev and value == prev[0]:
                what = f"重复 repeats the number of “{prev[1]}”"
            elif prev:
                what = f"跳号 skips from “{prev[1]}” (expected {expected})"
            else:
                what = f"does not start at 1 (expected {expected})"
            out.append(
                Diagnostic(
                    "warning",
                    b.where,
                    f"标题序号 heading “{b.text}” {what}: number the headings of one level in order.",
                )
            )
        last[b.level] = (value, b.text)
    return out


def series_infos(issue: Issue) -> list:
    """issue.yaml of every issue under content/ (read once for the series checks)."""
    return [i for i in (read_issue_info(p) for p in issue_folders(issue.content_dir)) if i is not None]


def total_warnings(issue: Issue, infos: list | None = None) -> list[Diagnostic]:
    """This issue's total against the other issues of its series."""

    me = issue.family.total
    if me is None:
        return []
    series = issue.family.series
    path = issue.folder / "issue.yaml"
    where = issue.family.where("total") or Where(path, key_line(path, "total"))
    infos = series_infos(issue) if infos is None else infos
    same = [
        i for i in infos
        if (i.data.get("series") or None) == series and isinstance(i.data.get("total"), int)
        and not isinstance(i.data.get("total"), bool)
    ]
    out: list[Diagnostic] = []
    for o in same:
        if o.folder.resolve() != issue.folder.resolve() and o.data["total"] == me:
            out.append(
                Diagnostic("warning", where, f"总期号重复 total {me} is also the total of issue {o.folder.name}: give this issue the next total.")
            )
    ordered = sorted(same, key=sort_key)
    names = [o.folder.resolve() for o in ordered]
    if issue.folder.resolve() in names:
        k = names.index(issue.folder.resolve())
        if k > 0:
            prev = ordered[k - 1]
            if prev.data["total"] != me and prev.data["total"] + 1 != me:
                out.append(
                    Diagnostic(
                        "warning",
                        where,
                        f"总期号跳号 total {me} does not follow issue {prev.folder.name}'s total {prev.data['total']} "
                        f"(expected {prev.data['total'] + 1}).",
                    )
                )
    return out


DATE_AHEAD_DAYS = 60  # an issue dated further ahead of today than this is most likely a slip (2042 for 2024)


def date_warnings(issue: Issue, today: dt.date | None = None, infos: list | None = None) -> list[Diagnostic]:
    """An issue's date that cannot be right though it is a date: months
    ahead of today, or before the date of the issue numbered just below it
    in its series and year (第3期 of 2024-04-12 after 第2期 of 2024-05-10;
    a series numbers its issues from 1 each year, 2023-6 and 2024-5 are
    not compared). A bad date prints in the masthead, the 版记 and the
    file's name."""

    today = today or dt.date.today()
    path = issue.folder / "issue.yaml"
    where = Where(path, key_line(path, "date"))
    out: list[Diagnostic] = []
    ahead = (issue.date - today).days
    if ahead > DATE_AHEAD_DAYS:
        out.append(Diagnostic("warning", where, f"日期在将来 the issue is dated {issue.date.isoformat()}, {ahead} days from "
                                                f"today: is the year or month a slip?"))
    me = _num(str(issue.number))
    if me < 0:
        return out
    series = issue.family.series
    before = [
        i for i in (series_infos(issue) if infos is None else infos)
        if i.date is not None and series_of(i) == series and 0 <= _num(i.number) < me
        and i.folder.resolve() != issue.folder.resolve() and i.date.year == issue.date.year  # numbers restart each year
    ]
    if before:
        prev = max(before, key=lambda i: (_num(i.number), i.date))
        if prev.date > issue.date:
            out.append(Diagnostic("warning", where, f"日期早于上一期 issue {issue.number} is dated {issue.date.isoformat()}, "
                                                    f"before issue {prev.number} ({prev.date.isoformat()}, folder "
                                                    f"{prev.folder.name}): is one of the dates a slip?"))
    return out


def note_warnings(art: Article) -> list[Diagnostic]:
    """Half-width punctuation and unbalanced quotes in an article's 编者按,
    as for its paragraphs, pointing at the `note:` line."""
    import dataclasses

    from .textcheck import _front_where, text_warnings
    from .model import Paragraph, Span

    if not art.note:
        return []
    where = _front_where(art, "note")
    only_note = dataclasses.replace(
        art, title_lines=(), subtitle=None, sources=None, blocks=(Paragraph((Span(art.note),), where),)
    )
    return text_warnings(only_note)
