"""Heading numbers (GB/T 9704 §7.3.3) as `check` reads them: exact, fast."""

from __future__ import annotations

from pathlib import Path

from zhuanbao.errors import Where
from zhuanbao.family_check import chinese_number, heading_number, heading_warnings
from zhuanbao.model import Article, Heading, Paragraph, Span


def test_chinese_numerals():
    assert [chinese_number(t) for t in ("一", "九", "十", "十一", "二十", "二十三", "一百零五")] == [1, 9, 10, 11, 20, 23, 105]
    assert chinese_number("第") is None


def test_the_four_forms():
    assert heading_number("一、聚焦") == (0, 1)
    assert heading_number("（十二）建设") == (1, 12)
    assert heading_number("3. 线上") == (2, 3)
    assert heading_number("3．线上") == (2, 3)
    assert heading_number("（4）课堂") == (3, 4)
    assert heading_number("聚焦宣传群众") is None


def _article(*heads: tuple[int, str]) -> Article:
    p = Path("a.md")
    blocks = []
    for k, (level, text) in enumerate(heads):
        blocks.append(Heading(text, Where(p, 10 + k), level))
        blocks.append(Paragraph((Span("正文。"),), Where(p, 100 + k)))
    return Article(p, "工作动态", ("标题",), False, None, None, tuple(blocks), Where(p, 1))


def test_a_lower_level_starts_again_under_each_higher_heading():
    art = _article((2, "一、甲"), (3, "（一）子"), (3, "（二）丑"), (2, "二、乙"), (3, "（一）寅"), (4, "1. 卯"), (4, "2. 辰"))
    assert heading_warnings(art) == []


def test_skip_repeat_and_a_wrong_start_name_the_heading_line():
    art = _article((2, "一、甲"), (2, "三、乙"), (3, "（二）子"), (3, "（二）丑"))
    found = [(d.where.line, d.message.split(":")[0]) for d in heading_warnings(art)]
    assert [line for line, _ in found] == [11, 12, 13]
    assert "跳号" in found[0][1] and "does not start at 1" in found[1][1] and "重复" in found[2][1]
