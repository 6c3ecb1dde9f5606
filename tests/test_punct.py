"""The punctuation normaliser alone (shared by `import` and `check`): what it
changes in Chinese text and what it leaves to Latin text, numbers and
addresses (GB/T 15834)."""

from __future__ import annotations

import pytest

from zhuanbao.punct import normalise


@pytest.mark.parametrize(
    "text,want",
    [
        ("全市开展活动3,000余场,时间10:30.", "全市开展活动3,000余场，时间10:30."),
        ("详见http://www.qd.gov.cn/a.html", "详见http://www.qd.gov.cn/a.html"),
        ("会议召开.", "会议召开。"),
        # a sentence that ends with an address ends with 。: no address ends in a dot
        ("来稿请发送至zb@qd.gov.cn.", "来稿请发送至zb@qd.gov.cn。"),
        ("详见www.qd.gov.cn.会议要求", "详见www.qd.gov.cn。会议要求"),
        ("详见https://www.qd.gov.cn/a.html.", "详见https://www.qd.gov.cn/a.html。"),
        # the dots inside an address, a version number, a decimal stay
        ("来稿请发送至zb@qd.gov.cn,谢谢", "来稿请发送至zb@qd.gov.cn，谢谢"),
        ("升级到3.2.", "升级到3.2."),
        # a sentence that ends with a percentage ends with 。 (the number's own dot stays)
        ("就业率达82.5%.", "就业率达82.5%。"),
        ("增长12.6%.全年", "增长12.6%。全年"),
        ("采用Python 3.11.", "采用Python 3.11."),
        # a bullet or a Japanese middle dot typed for the 间隔号 is the 间隔号 (GB/T 15834 §4.14)
        ("非公党建助力“3•15”", "非公党建助力“3·15”"),
        ("开展安雅・百日攻坚行动", "开展安雅·百日攻坚行动"),
        ("• item", "• item"),  # no Chinese: left alone
        ("• 强化组织领导，压实工作责任", "• 强化组织领导，压实工作责任"),  # a list's bullet is no 间隔号
        ("第一步 • 第二步", "第一步 • 第二步"),  # nor one between spaces
    ],
)
def test_normalise(text, want):
    got, changes = normalise(text)
    assert got == want
    assert normalise(got) == (got, [])  # stable
    assert bool(changes) == (text != want)
