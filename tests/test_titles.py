"""Titles written on one line break where an editor breaks them (issue 7 §3).

Exact breaks for titles worked out by hand (a pause, a clause's verb, a
quote, a number with its measure word, three lines, a title that fits), the
agreement with real editors' breaks on tests/fixtures/titles.yaml, no break
inside a word over that set, the same break in the 目录 and above the
article, and `check` naming every title the layout broke.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import math

import pytest
import yaml

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import titles as bench  # noqa: E402  (bench/titles.py: the same measure as the benchmark)

from zhuanbao.layout.titles import (  # noqa: E402
    CLAUSE_BONUS,
    END_NOTE_BONUS,
    FORBIDDEN,
    MID_PHRASE,
    PARALLEL_BONUS,
    PAUSE_BONUS,
    SPLIT_PENALTY,
    SUBJECT_BONUS,
    break_title,
    couplet_cut,
    couplet_halves,
    cuts_of,
    jieba_segmenter,
    join_places,
    word_boundaries,
)


@pytest.fixture(scope="module")
def ts():
    return bench.typesetter()


@pytest.fixture(scope="module")
def rules_alone():
    """The layout's typesetter without its title model: the rules' own choice."""
    t = bench.typesetter()
    t._model = (None,)
    return t


def breaks(ts, text: str) -> list[str]:
    return bench.layout_breaks(ts, text)


# -- pure rules, no fonts: words and widths given


def one_cell_units(text: str) -> list[tuple[str, float]]:
    """Every character its own unit of width 1, an opening mark with the next."""
    units: list[tuple[str, float]] = []
    carry = ""
    for c in text:
        if c in bench.OPENERS:
            carry += c
            continue
        if c in bench.CLOSERS and units:
            t, w = units[-1]
            units[-1] = (t + c, w + 1)
            continue
        units.append((carry + c, 1.0 + len(carry)))
        carry = ""
    return units


def test_no_break_inside_quotes_or_after_a_number():
    tokens = [("我市", "r"), ("围绕", "p"), ("四个", "m"), ("“", "x"), ("聚焦", "v"), ("”", "x"), ("扎实", "d"), ("推进", "v"), ("工作", "vn")]
    b = word_boundaries(tokens, ("推进",))
    assert b[6] == FORBIDDEN  # 四个 / “聚焦”
    assert b[7] == b[9] == FORBIDDEN  # inside “…”
    assert b[10] < 0  # …“聚焦” / 扎实推进: before the verb phrase, adverb and all
    assert b[12] > 0  # 扎实 / 推进: never between the adverb and its verb
    assert 1 not in b  # inside 我市: not a word boundary at all


def test_break_title_without_fonts():
    text = "平度市擦亮“庄户学院”品牌激发文明实践新活力"
    tokens = [("平度市", "ns"), ("擦亮", "v"), ("“", "x"), ("庄户", "n"), ("学院", "n"), ("”", "x"),
              ("品牌", "n"), ("激发", "v"), ("文明", "n"), ("实践", "v"), ("新", "a"), ("活力", "n")]
    pieces = break_title(text, one_cell_units(text), 20, 1, lambda _: tokens, ("激发",))
    assert pieces == ["平度市擦亮“庄户学院”品牌", "激发文明实践新活力"]
    # a break only where the units allow it: never between “ and 庄
    cuts = cuts_of(text, one_cell_units(text), word_boundaries(tokens))
    assert 6 not in [c.offset for c in cuts]


def test_a_label_before_the_headline_is_not_its_break():
    """东山县西河镇： names who; the headline's two clauses follow it, each
    with its subject and verb: the break is between them, not after the colon."""
    text = "东山县西河镇：党建引领聚民心文明积分焕新颜"
    tokens = [("东山县", "ns"), ("西河镇", "ns"), ("：", "x"), ("党建", "j"), ("引领", "v"), ("聚", "v"), ("民心", "n"),
              ("文明", "n"), ("积分", "n"), ("焕", "vg"), ("新颜", "n")]
    b = word_boundaries(tokens)
    assert b[7] > MID_PHRASE  # after the label: not a pause, dearer than a place inside a phrase (no editor ends a line so)
    assert b[14] < 0  # 聚民心 / 文明积分焕新颜: a clause with its own subject starts
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["东山县西河镇：党建引领聚民心", "文明积分焕新颜"]
    # a colon after a clause that has its verb is a pause as before
    b = word_boundaries([("会议", "n"), ("强调", "v"), ("：", "x"), ("抓实", "v"), ("工作", "vn")], ("抓实",))
    assert b[5] < -MID_PHRASE


def test_a_number_keeps_its_unit_and_noun():
    """2020年 / 区政府: a date stays with the noun it dates."""
    b = word_boundaries([("印发", "v"), ("2020", "m"), ("年", "m"), ("区政府", "n"), ("工作", "vn"), ("报告", "n")])
    assert b[6] == b[7] == FORBIDDEN
    # but a longer word that starts with a numeral is no number (一方平安/m, 一马当先)
    tokens = [("守护", "v"), ("一方平安", "m"), ("——", "x"), ("记", "v"), ("我县", "r")]
    assert word_boundaries(tokens)[6] < FORBIDDEN


def test_a_closing_note_takes_a_line_of_its_own():
    text = "某市老旧小区改造提升工作实施方案（征求意见稿）"
    tokens = [("某市", "ns"), ("老旧", "a"), ("小区", "n"), ("改造", "v"), ("提升", "v"), ("工作", "vn"), ("实施方案", "n"),
              ("（", "x"), ("征求意见", "v"), ("稿", "ng"), ("）", "x")]
    assert word_boundaries(tokens)[16] == -END_NOTE_BONUS
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["某市老旧小区改造提升工作实施方案", "（征求意见稿）"]
    # a note inside the title stays with its word: （集团）有限公司
    b = word_boundaries([("城乡", "n"), ("建设", "vn"), ("投资", "vn"), ("（", "x"), ("集团", "n"), ("）", "x"), ("有限公司", "n")])
    assert b[6] > 0


def test_the_frame_yi_wei_is_not_parted():
    # 以“莱西经验”为引领: the frame is the clause's action; the break comes after it
    tokens = [("莱西市", "ns"), ("以", "p"), ("“", "x"), ("莱西", "ns"), ("经验", "n"), ("”", "x"), ("为", "p"),
              ("引领", "v"), ("探索", "v"), ("乡村治理", "n"), ("新", "a"), ("路径", "n")]
    b = word_boundaries(tokens, ["探索"])
    assert b[10] > 0  # …“莱西经验” / 为引领
    assert b[13] < 0  # …为引领 / 探索…: the next clause
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens, ["探索"]) == ["莱西市以“莱西经验”为引领", "探索乡村治理新路径"]


def test_a_clause_verb_that_names_a_meeting_starts_no_clause():
    # 创建 and 推进 qualify 工作 and 会议 here: no clause starts before them;
    # the topic then the meeting's name is the place
    tokens = [("青岛市", "ns"), ("召开", "v"), ("全国", "n"), ("文明", "nr"), ("典范", "n"), ("城市", "ns"),
              ("创建", "v"), ("工作", "vn"), ("推进", "v"), ("会议", "n")]
    b = word_boundaries(tokens, ["创建", "推进"])
    assert b[13] == MID_PHRASE  # 城市 / 创建工作: not a clause
    assert b[17] == MID_PHRASE  # 工作 / 推进会议
    assert b[15] < 0  # …城市创建 / 工作推进会议
    assert b[15] < b[11] and b[15] < b[13]


def test_after_a_label_a_topic_then_its_verb_is_a_place_to_break():
    tokens = [("黎平县", "ns"), ("坪坝", "ns"), ("村", "zg"), ("：", "x"), ("党建", "j"), ("积分", "ad"), ("双", "n"),
              ("驱动", "vn"), ("绘就", "v"), ("乡村治理", "n"), ("新", "a"), ("画卷", "n")]
    b = word_boundaries(tokens)
    assert b[14] < 0  # …双驱动 / 绘就
    assert b[9] == MID_PHRASE  # 党建积分 / 双驱动
    # without the label the same words are a subject, not a topic
    plain = [("坪坝村", "ns")] + tokens[4:]
    assert word_boundaries(plain)[10] == MID_PHRASE


def test_zhi_and_de_bind_what_they_join():
    # 文明之花: jieba cuts 文明 / 之 / 花; neither side of 之 is a place to break, nor after 的
    tokens = [("高青县", "ns"), ("：", "x"), ("文明", "nr"), ("之", "u"), ("花", "n"), ("遍地", "d"), ("开", "v")]
    b = word_boundaries(tokens)
    assert b[6] > MID_PHRASE and b[7] > MID_PHRASE  # 文明 / 之花, 文明之 / 花
    tokens = [("涉嫌", "v"), ("诈骗", "v"), ("的", "uj"), ("嫌疑人", "n"), ("投案", "v")]
    assert word_boundaries(tokens)[5] > MID_PHRASE  # …诈骗的 / 嫌疑人


def test_one_quoted_character_is_part_of_a_word():
    """战“疫”, 从“心”出发: a quote of one character is a pun inside a word,
    no place to break on either side of it."""
    tokens = [("织密", "v"), ("战", "n"), ("“", "x"), ("疫", "n"), ("”", "x"), ("微", "n"), ("网格", "n")]
    b = word_boundaries(tokens)
    assert b[3] == b[6] == FORBIDDEN  # 战 / “疫”, “疫” / 微
    assert b[2] < FORBIDDEN  # 织密 / 战…
    tokens = [("深化", "v"), ("“", "x"), ("五星", "nz"), ("”", "x"), ("支部", "n")]
    assert word_boundaries(tokens)[2] < FORBIDDEN  # 深化 / “五星”: two characters, a phrase of its own


def test_a_couplet_breaks_between_its_halves():
    """Two halves of one length and shape after the label break in the middle,
    whatever jieba makes of the words there (党组/搭台/青年/唱 / 高原/…); a
    clause whose object runs across the middle does not."""
    text = "财政部青海监管局：党组搭台青年唱高原监管练担当"
    tokens = [("财政部", "nt"), ("青海", "ns"), ("监管局", "n"), ("：", "x"), ("党组", "n"), ("搭台", "v"), ("青年", "t"),
              ("唱", "v"), ("高原", "ns"), ("监管", "vn"), ("练", "v"), ("担当", "v")]
    assert word_boundaries(tokens)[16] <= -PARALLEL_BONUS
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["财政部青海监管局：党组搭台青年唱", "高原监管练担当"]
    # the same shape with quotes: 按下发展“加速键” / 写好民生“新答卷”
    tokens = [("湘桥区", "ns"), ("官塘镇", "nr"), ("：", "x"), ("按", "p"), ("下", "f"), ("发展", "vn"), ("“", "x"), ("加速", "v"),
              ("键", "n"), ("”", "x"), ("写好", "v"), ("民生", "n"), ("“", "x"), ("新", "a"), ("答卷", "v"), ("”", "x")]
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["湘桥区官塘镇：按下发展“加速键”", "写好民生“新答卷”"]
    # one clause, its object across the middle: no couplet (扎实推进文明 / 典范城市创建)
    tokens = [("市北区", "ns"), ("：", "x"), ("扎实", "ad"), ("推进", "v"), ("文明", "n"), ("典范", "n"), ("城市", "n"), ("创建", "v")]
    assert word_boundaries(tokens)[10] > -PARALLEL_BONUS
    # halves of unequal length, or longer than a couplet's: not judged a couplet
    assert not couplet_halves("财政部湖南监管局赴浏阳市开展工作调研", 0)  # 9 + 9
    assert not couplet_halves("老城街道：打好棚改硬仗圆百姓安居梦啊", 5)
    assert couplet_halves("广东监管局：赛龙夺锦竞风采揭榜挂帅砺尖兵", 6)
    assert not couplet_halves("鲊埠回族乡：“小网格”服务“大民生”疫情防控更“贴心”", 6)  # shapes differ


def test_no_couplet_parts_a_verb_from_its_object_or_a_word_jieba_cut():
    """Halves of one length are no couplet where the middle parts a verb
    from its object (阿勒泰市：钻研业务夯实 / 巡察工作基础) or two characters
    jieba left words of their own (湘东镇：用心服务情 / 暖退役军人): no
    couplet's bonus there, so the fitting title is not broken there. Tokens
    as jieba gives them."""
    verb = [("阿勒泰市", "ns"), ("：", "x"), ("钻研业务", "n"), ("夯实", "v"), ("巡察", "v"), ("工作", "vn"), ("基础", "n")]
    assert word_boundaries(verb)[_after(verb, "夯实")] > 0
    word = [("湘东镇", "ns"), ("：", "x"), ("用心", "n"), ("服务", "vn"), ("情", "n"), ("暖", "a"), ("退役军人", "l")]
    assert word_boundaries(word)[_after(word, "情")] > 0
    # a couplet still breaks in its middle (广东监管局：赛龙夺锦竞风采 / 揭榜挂帅砺尖兵)
    verse = [("广东", "ns"), ("监管局", "n"), ("：", "x"), ("赛", "v"), ("龙夺锦", "nr"), ("竞", "v"), ("风采", "n"), ("揭榜", "v"),
             ("挂帅", "v"), ("砺", "v"), ("尖兵", "n")]
    assert word_boundaries(verse)[_after(verse, "风采")] <= -PARALLEL_BONUS


def test_a_couplet_of_seven_and_seven_without_its_quotes_breaks_in_its_middle():
    """抢抓“冬修”好时节 / 清淤疏渠惠民生 (a real title): its halves are of one
    length only without the quotes, and jieba tags the second poorly (清淤/n
    疏/vg 渠/n 惠民/nr 生/vn); its middle is a couplet's all the same. Not
    where the first half ends with a verb whose object follows, nor with
    halves of eight (立足“一村一品”培育 / 壮大…, invented titles)."""
    text = "东至县大渡口镇：抢抓“冬修”好时节清淤疏渠惠民生"
    assert not couplet_halves(text, 8) and couplet_cut(text, 8) == text.index("清")
    assert couplet_cut("九宫山镇：医保宣传进乡村政策普及“零距离”", 5) == 12  # …进乡村 / 政策普及“零距离”
    assert couplet_cut("槐安县：立足“一村一品”培育壮大特色富民产业", 4) is None  # halves of eight
    assert couplet_cut("崇阳县铜钟乡：“湾子夜话”“扬新风”邻里共筑防骗墙", 7) is None  # two quotes in one half
    tokens = [("东至县", "nr"), ("大渡口镇", "ns"), ("：", "x"), ("抢抓", "v"), ("“", "x"), ("冬", "tg"), ("修", "v"), ("”", "x"),
              ("好时节", "l"), ("清淤", "n"), ("疏", "vg"), ("渠", "n"), ("惠民", "nr"), ("生", "vn")]
    assert word_boundaries(tokens)[text.index("清")] <= -PARALLEL_BONUS
    # a verb before the middle, its object after it: no couplet (双河口镇：网格化排查织密 / 安全生产“防护网”)
    tokens = [("双河口镇", "ns"), ("：", "x"), ("网格化", "n"), ("排查", "v"), ("织密", "v"), ("安全", "an"), ("生产", "vn"),
              ("“", "x"), ("防护网", "n"), ("”", "x")]
    assert word_boundaries(tokens).get(12, 0) > -PARALLEL_BONUS


def test_a_quoted_idiom_is_no_predicate_of_a_couplets_half():
    """One whole quote in each half, but the second half is the first's
    object: the quoted idiom is a name there, not its predicate
    (萨尔托海县：“三链融合”激活牧区 / 基层党建“一池春水”, in a new bulletin)."""
    tokens = [("萨尔托", "nr"), ("海县", "ns"), ("：", "x"), ("“", "x"), ("三", "m"), ("链", "ng"), ("融合", "vn"), ("”", "x"),
              ("激活", "v"), ("牧区", "n"), ("基层", "n"), ("党建", "j"), ("“", "x"), ("一池春水", "i"), ("”", "x")]
    text = "".join(w for w, _ in tokens)
    assert couplet_halves(text, 6) and word_boundaries(tokens)[text.index("基层")] > -PARALLEL_BONUS


def test_a_label_and_two_clauses_of_one_length_break_between_them(ts):
    """A title that fits, a label and two clauses of about one length, each
    with its verb, is set on two lines at their boundary (real titles:
    鄂州：传承好家风 / 引领文明新风尚); not when a side has no verb, the
    halves differ by more than two characters or the boundary parts a
    phrase, nor when the editor typed a space."""
    from zhuanbao.layout.titles import clause_pair, may_be_clause_pair

    def pair(tokens):
        text = "".join(w for w, _ in tokens)
        return clause_pair(text, one_cell_units(text), lambda _: tokens)

    assert pair([("鄂州", "ns"), ("：", "x"), ("传承", "v"), ("好", "a"), ("家风", "n"), ("引领", "v"), ("文明", "nr"),
                 ("新风尚", "n")]) == ["鄂州：传承好家风", "引领文明新风尚"]
    # five and seven, a quote in the first: 灌南县：“戎盾”践初心 / 慰问暖兵心
    assert pair([("灌南县", "ns"), ("：", "x"), ("“", "x"), ("戎盾", "n"), ("”", "x"), ("践", "v"), ("初心", "n"), ("慰问", "v"),
                 ("暖", "a"), ("兵心", "n")]) == ["灌南县：“戎盾”践初心", "慰问暖兵心"]
    # one clause: no verb after the middle (普陀：加强为民服务 / 窗口作风建设)
    one = [("普陀", "nrt"), ("：", "x"), ("加强", "v"), ("为民服务", "l"), ("窗口", "s"), ("作风", "n"), ("建设", "vn")]
    assert pair(one) == ["普陀：加强为民服务窗口作风建设"]
    # halves of four and ten: not a pair (河南南乐：走进中学 / 开展“送法进校园”活动, printed on one line)
    assert pair([("河南", "ns"), ("南乐", "ns"), ("：", "x"), ("走进", "v"), ("中学", "n"), ("开展", "v"), ("“", "x"), ("送法", "v"),
                 ("进", "v"), ("校园", "n"), ("”", "x"), ("活动", "vn")]) == ["河南南乐：走进中学开展“送法进校园”活动"]
    # the middle inside a verb's object: no boundary of clauses (某镇：全面推进农村 / 生活污水治理工作)
    assert pair([("某镇", "r"), ("：", "x"), ("全面", "d"), ("推进", "v"), ("农村", "n"), ("生活", "vn"), ("污水", "n"),
                 ("治理", "vn"), ("工作", "vn")]) == ["某镇：全面推进农村生活污水治理工作"]
    # judged without the segmenter first: a label, room for two clauses of five, no typed space
    assert may_be_clause_pair("丁纯：提高政治站位持续改进作风") and not may_be_clause_pair("提高政治站位持续改进作风")
    assert not may_be_clause_pair("丁纯：提高站位改进作风") and not may_be_clause_pair("丁纯：提高政治站位 持续改进作风")
    # as the layout sets them (jieba, the layout's words): two real titles of each kind
    assert breaks(ts, "丁纯：提高政治站位持续改进作风") == ["丁纯：提高政治站位", "持续改进作风"]
    assert breaks(ts, "习近平：新时代要有新气象更要有新作为") == ["习近平：新时代要有新气象", "更要有新作为"]
    assert breaks(ts, "上海商学院：从严从实深化巡视整改") == ["上海商学院：从严从实深化巡视整改"]
    assert breaks(ts, "普陀：加强为民服务窗口作风建设") == ["普陀：加强为民服务窗口作风建设"]


def test_a_verse_couplet_breaks_in_its_middle_whatever_the_tags():
    """Halves of five or seven characters (2 + 3, 4 + 3) after a label are
    lines of verse: the middle is the break even when jieba tags no verb on
    one side (忆/nr, 党续/n: a real title)."""
    tokens = [("姜堰", "nr"), ("区淤溪", "nr"), ("镇", "n"), ("：", "x"), ("粽叶", "n"), ("飘香", "v"), ("忆", "nr"), ("军魂", "n"),
              ("红心", "n"), ("向", "p"), ("党续", "n"), ("荣光", "nr")]
    text = "".join(w for w, _ in tokens)
    assert word_boundaries(tokens)[14] <= -PARALLEL_BONUS
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["姜堰区淤溪镇：粽叶飘香忆军魂", "红心向党续荣光"]
    # nor does a half that ends in a preposition (党员带头冲锋在 / 防汛一线显担当: 在 takes what follows)
    tokens = [("某镇", "ns"), ("：", "x"), ("党员", "n"), ("带头", "v"), ("冲锋", "v"), ("在", "p"),
              ("防汛", "vn"), ("一线", "n"), ("显", "v"), ("担当", "v")]
    assert len("".join(w for w, _ in tokens)) == 3 + 7 + 7
    assert word_boundaries(tokens)[10] > -PARALLEL_BONUS
    # halves of six are not verse: a noun phrase across the middle holds (扎实推进文明 / 典范城市创建,
    # in test_a_couplet_breaks_between_its_halves)
    # nor is a half whose 的 phrase runs on across the middle, seven and seven as it counts (a real
    # title, printed on one line: 临县：组建党的二十大 / 精神宣讲小分队 parted 党的二十大精神)
    tokens = [("临县", "ns"), ("：", "x"), ("组建", "v"), ("党", "n"), ("的", "uj"), ("二十大", "nrt"), ("精神", "n"),
              ("宣讲", "v"), ("小分队", "n")]
    text = "".join(w for w, _ in tokens)
    assert word_boundaries(tokens)[text.index("精神")] > -PARALLEL_BONUS
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == [text]


def test_words_that_lean_on_the_next_stay_with_it():
    """A one-character noun or prefix before a noun (微网格), a conjunction
    before its verb (不光有), a verbal noun after the noun it names (支部创建):
    no place for a clause to start (real titles)."""
    tokens = [("织密", "v"), ("网", "n"), ("微", "n"), ("网格", "n"), ("服务", "vn"), ("群众", "n")]
    assert word_boundaries(tokens)[4] > MID_PHRASE  # 微 / 网格
    tokens = [("村庄", "n"), ("不光", "c"), ("有", "v"), ("颜值", "n"), ("还有", "v"), ("内涵", "n")]
    assert word_boundaries(tokens)[4] > MID_PHRASE  # 不光 / 有
    tokens = [("睢阳区", "ns"), ("深化", "v"), ("“", "x"), ("五星", "nz"), ("”", "x"), ("支部", "n"), ("创建", "v"), ("村庄", "n"),
              ("不光", "c"), ("有", "v"), ("“", "x"), ("颜值", "n"), ("”", "x"), ("还有", "v"), ("“", "x"), ("内涵", "n"), ("”", "x")]
    b = word_boundaries(tokens)
    assert b[11] >= MID_PHRASE  # 支部 / 创建: 支部创建 names a thing, no verb starts there
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["睢阳区深化“五星”支部创建", "村庄不光有“颜值”还有“内涵”"]


def test_a_second_clause_with_its_own_subject():
    """A noun and its quoted predicate answering the quote before it (作风建设
    “向前走”), a noun subject and a one-character adjective acting on an object
    (便民服务暖人心) after a verb's whole object: a clause of its own (real
    titles)."""
    tokens = [("张掖", "ns"), ("临泽县", "ns"), ("整改", "v"), ("落实", "v"), ("“", "x"), ("回头", "v"), ("看", "v"), ("”", "x"),
              ("作风", "n"), ("建设", "vn"), ("“", "x"), ("向前走", "nr"), ("”", "x")]
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["张掖临泽县整改落实“回头看”", "作风建设“向前走”"]
    # but a noun after a quote is its head when no quote of its own follows (“两创”方针)
    tokens = [("坚持", "v"), ("“", "x"), ("两创", "j"), ("”", "x"), ("方针", "n"), ("推动", "v"), ("文化", "n"), ("繁荣", "a")]
    assert word_boundaries(tokens)[6] >= 0
    tokens = [("千鹤一", "i"), ("社区", "n"), ("举办", "v"), ("学雷锋", "n"), ("志愿", "n"), ("活动", "vn"), ("便民服务", "n"),
              ("暖", "a"), ("人心", "n")]
    text = "".join(w for w, _ in tokens)
    b = word_boundaries(tokens)
    assert b[14] < b[12]  # …志愿活动 / 便民服务…, not …志愿 / 活动…: 活动 heads the object
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["千鹤一社区举办学雷锋志愿活动", "便民服务暖人心"]


def test_what_a_line_may_not_end_with():
    """A one-character word that takes what follows (促 / 和谐, 严 / 把关), the
    label alone (no editor of ~280 real titles ends a line with it), a 的
    before its noun: each dearer than a break inside a phrase (real titles)."""
    tokens = [("龙港", "ns"), ("冬季", "t"), ("大", "a"), ("巡防", "v"), ("保平安", "ns"), ("促", "v"), ("和谐", "a"),
              ("1200", "m"), ("余", "m"), ("人", "n"), ("参加", "v"), ("巡逻", "v")]
    assert word_boundaries(tokens)[11] > MID_PHRASE  # 促 / 和谐
    # but after its adverb a one-character verb is whole (昼夜不歇 / 叶路洲上…)
    tokens = [("昼夜", "t"), ("不", "d"), ("歇", "v"), ("叶路洲", "ns"), ("上", "f")]
    assert word_boundaries(tokens)[4] <= MID_PHRASE
    tokens = [("武昌", "ns"), ("保安", "nz"), ("社区", "n"), ("：", "x"), ("“", "x"), ("幸福", "a"), ("驿站", "n"), ("”", "x"),
              ("话", "n"), ("幸福", "a"), ("居民", "n"), ("有", "v"), ("了", "ul"), ("专属", "n"), ("的", "uj"), ("共享", "v"),
              ("空间", "n")]
    b = word_boundaries(tokens)
    assert b[7] > MID_PHRASE  # 武昌保安社区： / …
    # a 和 or 与 that joins two nouns: one editor's break of about 1400 ends a line with one
    # (a real title: 今年1月至5月小微企业和 / 非公工业经济成最大亮点)
    tokens = [("今年", "t"), ("1", "m"), ("月", "m"), ("至", "p"), ("5", "m"), ("月", "m"), ("小", "a"), ("微", "n"),
              ("企业", "n"), ("和", "c"), ("非公", "b"), ("工业", "n"), ("经济", "n"), ("成", "v"), ("最大", "a"), ("亮点", "n")]
    assert word_boundaries(tokens)[_after(tokens, "和")] > MID_PHRASE
    # nor with 进行, 给予 …, whose object is the action they carry (none of the 22 titles with one
    # in the sets is broken after it; a real title: 金昌民政局 / 对市福彩进行2018年度工作综合考核)
    tokens = [("金昌", "nr"), ("民政局", "nt"), ("对", "p"), ("市", "n"), ("福彩", "nz"), ("进行", "v"), ("2018", "m"),
              ("年度", "n"), ("工作", "vn"), ("综合", "vn"), ("考核", "vn")]
    assert word_boundaries(tokens)[_after(tokens, "进行")] > MID_PHRASE
    # 实地 says where the verb after it acts (实地 / 走访 never); 村 then a locative (村中, 村里) is a
    # village and where in it, not a place's last character: the couplet's middle is free there
    # (a real title: 山东金乡县法院：实地走访查实情 / 村中庭审解纠纷)
    tokens = [("山东", "ns"), ("金乡县", "ns"), ("法院", "n"), ("：", "x"), ("实地", "n"), ("走访", "v"), ("查", "v"),
              ("实情", "n"), ("村", "n"), ("中", "f"), ("庭审", "n"), ("解", "v"), ("纠纷", "n")]
    where = word_boundaries(tokens)
    assert where[_after(tokens, "实地")] > MID_PHRASE and where[_after(tokens, "实情")] <= -PARALLEL_BONUS
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens) == ["山东金乡县法院：实地走访查实情", "村中庭审解纠纷"]
    assert b[23] > MID_PHRASE  # 专属的 / 共享空间
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens)[0] != "武昌保安社区："


def test_clauses_that_tags_hide():
    """A one-character head after its noun (食品安全关/v) does not join the
    clause verb after it; an adverb and a verb that are not a clause verb are
    the object (唱响 / 共同缔造“好声音”); 把 with its own verb starts a
    clause (携手共建单位 / 把实事办到…); 一线/m is no number (real titles)."""
    hints = ("守护", "唱响", "共建")
    tokens = [("县", "zg"), ("市场", "n"), ("监督", "vn"), ("管理局", "n"), ("：", "x"), ("严", "a"), ("把", "p"),
              ("食品安全", "l"), ("关", "v"), ("守护", "v"), ("“", "x"), ("舌尖", "n"), ("上", "f"), ("的", "uj"),
              ("安全", "an"), ("”", "x")]
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens, hints) == ["县市场监督管理局：严把食品安全关", "守护“舌尖上的安全”"]
    tokens = [("武昌区", "ns"), ("白沙洲", "ns"), ("街道", "n"), ("：", "x"), ("一线", "m"), ("协商", "n"), ("解", "v"),
              ("难题", "n"), ("唱响", "v"), ("共同", "d"), ("缔造", "v"), ("“", "x"), ("好", "a"), ("声音", "n"), ("”", "x")]
    b = word_boundaries(tokens, hints)
    assert b[11] < FORBIDDEN  # 一线 / 协商: 一线 is no number with its measure word
    assert b[16] <= -CLAUSE_BONUS  # 解难题 / 唱响…: 唱响 acts on 共同缔造“好声音”, it starts a clause
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens, hints) == ["武昌区白沙洲街道：一线协商解难题", "唱响共同缔造“好声音”"]
    tokens = [("纱帽", "n"), ("街", "n"), ("月亮", "n"), ("湾", "zg"), ("社区", "n"), ("携手", "v"), ("共建", "v"), ("单位", "n"),
              ("把", "p"), ("实事", "n"), ("办到", "v"), ("居民", "n"), ("心坎", "n"), ("上", "f")]
    text = "".join(w for w, _ in tokens)
    assert break_title(text, one_cell_units(text), 20, 1, lambda _: tokens, hints) == ["纱帽街月亮湾社区携手共建单位", "把实事办到居民心坎上"]


def _lines(tokens, hints=(), ends=()):
    text = "".join(w for w, _ in tokens)
    return break_title(text, one_cell_units(text), 20, 1, lambda _: tokens, hints, ends)


def test_a_list_announced_then_who_is_on_it():
    """…名单公布 / 福州5个乡镇入选: a verb that ends its clause (the layout's
    `title_breaks_after`), then a place, its numbers and its verb, is two
    clauses; a place that is the object (举办 / 青岛国际啤酒节…) is not, nor a
    numbered object (公布 / 首批百项…). Real titles."""
    ends = ("公布", "公示", "举办")
    tokens = [("第二批", "m"), ("全省", "n"), ("乡村振兴", "n"), ("示范", "v"), ("乡镇", "n"), ("创建对象", "n"), ("公布", "v"),
              ("福州", "ns"), ("5", "m"), ("个", "m"), ("乡镇", "n"), ("入选", "v")]
    assert _lines(tokens, (), ends) == ["第二批全省乡村振兴示范乡镇创建对象公布", "福州5个乡镇入选"]
    b = word_boundaries(tokens, (), ends)
    assert b[19] <= -CLAUSE_BONUS and b[13] >= 0  # not 示范乡镇 / 创建对象公布…: 公布 is the list's predicate
    tokens = [("农业", "n"), ("产业化", "n"), ("省级重点", "n"), ("龙头企业", "n"), ("递补", "v"), ("名单", "n"), ("公布", "v"),
              ("淄博", "ns"), ("11", "m"), ("家", "m"), ("企业", "n"), ("上榜", "v")]
    assert word_boundaries(tokens, (), ends)[17] >= 0  # not 递补名单 / 公布…: no verb phrase starts at 公布
    assert _lines(tokens, (), ends) == ["农业产业化省级重点龙头企业递补名单公布", "淄博11家企业上榜"]
    tokens = [("我市", "r"), ("举办", "v"), ("青岛", "ns"), ("国际", "n"), ("啤酒节", "n"), ("推动", "v"), ("文旅", "n")]
    assert word_boundaries(tokens, ("推动",), ends)[4] >= 0  # 举办 / 青岛国际啤酒节: its object
    tokens = [("湖南", "ns"), ("启动", "vn"), ("改革", "vn"), ("公布", "v"), ("首批", "m"), ("百项", "m"), ("事项", "n")]
    assert word_boundaries(tokens, (), ends)[8] >= 0  # 公布 / 首批百项事项: its object
    # a digit jieba tags x is a number all the same (湖南4地上榜)
    assert word_boundaries([("湖南", "ns"), ("4", "x"), ("地", "n"), ("上榜", "v")])[3] == FORBIDDEN


def test_second_clauses_whose_subject_is_a_place():
    """我县 after a quote, 单县人民政府 (a place and its organ, never parted)
    after a pause's clause; an idiom's clause, then a numbered subject. Real
    titles."""
    tokens = [("开化", "v"), ("勇夺", "v"), ("平安", "a"), ("建设", "vn"), ("“", "x"), ("十", "m"), ("四连冠", "j"), ("”", "x"),
              ("我县", "r"), ("收听", "v"), ("收看", "v"), ("全省", "n"), ("建设", "vn"), ("平安", "a"), ("浙江", "ns"),
              ("工作", "vn"), ("会议", "n")]
    assert _lines(tokens) == ["开化勇夺平安建设“十四连冠”", "我县收听收看全省建设平安浙江工作会议"]
    tokens = [("找", "v"), ("差距", "n"), ("抓", "v"), ("落实", "v"), ("，", "x"), ("再", "d"), ("掀", "v"), ("各项", "r"),
              ("工作", "vn"), ("新高潮", "nr"), ("单县", "n"), ("人民政府", "nt"), ("召开", "v"), ("全体", "n"), ("（", "x"),
              ("扩大", "v"), ("）", "x"), ("会议", "n")]
    b = word_boundaries(tokens, ("召开",))
    assert b[18] > MID_PHRASE  # 单县 / 人民政府
    assert _lines(tokens, ("召开",)) == ["找差距抓落实，再掀各项工作新高潮", "单县人民政府召开全体（扩大）会议"]
    # a place and its organ (汝州市侨联) are a subject after a couplet with its pause: the break before them
    tokens = [("慰问", "v"), ("暖", "a"), ("人心", "n"), ("，", "x"), ("情", "n"), ("满迎", "v"), ("中秋", "t"), ("汝州市", "ns"),
              ("侨联", "nz"), ("开展", "v"), ("走访", "v"), ("慰问", "v"), ("活动", "vn")]
    b = word_boundaries(tokens, ("开展",))
    assert b[14] > MID_PHRASE  # 汝州市 / 侨联
    assert _lines(tokens, ("开展",)) == ["慰问暖人心，情满迎中秋", "汝州市侨联开展走访慰问活动"]
    tokens = [("烟店", "n"), ("镇", "n"), ("碧", "ng"), ("山村", "ns"), ("榜上有名", "l"), ("第二批", "m"), ("全国", "n"),
              ("乡村", "n"), ("旅游", "vn"), ("重点", "n"), ("村", "zg"), ("名单", "n"), ("公示", "v")]
    assert _lines(tokens) == ["烟店镇碧山村榜上有名", "第二批全国乡村旅游重点村名单公示"]


def test_a_place_named_in_words_is_one_subject():
    """A second clause's subject that is a place's name of several words
    (濮阳市台前县, 湖南新晃, 护国街道, 明水县/nr) is never parted, and a short
    one stays with its verb: the break comes before it. A purpose phrase that
    opens the title (为…) is a clause before it, whatever jieba tags in it.
    Real titles (tests/fixtures/titles-sealed9.yaml, titles-sealed4.yaml),
    with jieba's tags."""
    tokens = [("创建", "v"), ("“", "x"), ("五星", "nz"), ("”", "x"), ("支部", "n"), ("濮阳市", "ns"), ("台前县", "ns"),
              ("掀起", "v"), ("一股", "m"), ("“", "x"), ("追星", "n"), ("”", "x"), ("潮", "n")]
    assert word_boundaries(tokens)[11] >= SPLIT_PENALTY  # 濮阳市 / 台前县
    assert _lines(tokens) == ["创建“五星”支部", "濮阳市台前县掀起一股“追星”潮"]
    tokens = [("感受", "v"), ("文明", "nr"), ("乡风", "n"), ("一览", "n"), ("秀美", "a"), ("乡村", "n"), ("明水县", "nr"),
              ("探索", "v"), ("乡村", "n"), ("文明实践", "n"), ("促进", "v"), ("乡村振兴", "n"), ("侧记", "n")]
    b = word_boundaries(tokens, ("探索", "促进"))
    assert b[12] <= -CLAUSE_BONUS and b[15] >= SPLIT_PENALTY  # / 明水县探索, not 明水县 / 探索
    assert _lines(tokens, ("探索", "促进")) == ["感受文明乡风一览秀美乡村", "明水县探索乡村文明实践促进乡村振兴侧记"]
    tokens = [("为", "p"), ("侗寨", "nz"), ("塑形", "n"), ("铸魂", "n"), ("湖南", "ns"), ("新晃", "nz"), ("走出", "v"),
              ("和美", "a"), ("乡村", "n"), ("建设", "vn"), ("新", "a"), ("路径", "n")]
    assert _lines(tokens, ("走出",)) == ["为侗寨塑形铸魂", "湖南新晃走出和美乡村建设新路径"]
    tokens = [("用", "p"), ("气", "n"), ("安全", "an"), ("人人", "n"), ("知晓", "v"), ("护国", "n"), ("街道", "n"),
              ("开展", "v"), ("燃气", "n"), ("安全隐患", "i"), ("大排查", "l")]
    assert _lines(tokens, ("开展",)) == ["用气安全人人知晓", "护国街道开展燃气安全隐患大排查"]
    tokens = [("广西", "ns"), ("百色市", "ns"), ("右江区", "ns"), ("建设", "vn"), ("24", "m"), ("节气", "n"), ("农场", "n")]
    b = word_boundaries(tokens)
    assert b[2] >= SPLIT_PENALTY and b[5] >= SPLIT_PENALTY and b[8] < SPLIT_PENALTY  # 广西 / 百色市 / 右江区 never
    # a long subject may still take a line of its own, as an editor does at the title's start
    tokens = [("共建", "v"), ("生态", "n"), ("自贡", "v"), ("沿滩区", "n"), ("开展", "v"), ("大气污染", "i"), ("防治", "v")]
    assert word_boundaries(tokens, ("开展",))[6] <= -CLAUSE_BONUS


def test_how_a_verb_acts_stays_with_it():
    """An adjective before a verb says how it acts (有效维护, 有形有感有效铸牢):
    it is not parted from the verb, and the clause starts before it; a
    one-character word tagged as a measure (国际档案日/m) ends the name before
    it. Real titles of tests/fixtures/titles-sealed9.yaml, jieba's tags."""
    tokens = [("鹿寨", "nr"), ("成立", "v"), ("首个", "m"), ("乡镇", "n"), ("矛盾纠纷", "n"), ("调处", "v"), ("中心", "n"),
              ("有效", "a"), ("维护", "v"), ("社会", "n"), ("和谐", "a"), ("稳定", "a")]
    b = word_boundaries(tokens)
    assert b[18] >= SPLIT_PENALTY and b[16] < 0  # not 有效 / 维护, but before them
    assert b[12] >= 0  # 调处中心 names a thing: no clause starts at 调处
    assert _lines(tokens) == ["鹿寨成立首个乡镇矛盾纠纷调处中心", "有效维护社会和谐稳定"]
    tokens = [("托克逊县", "nrt"), ("深耕", "v"), ("“", "x"), ("三项", "m"), ("计划", "n"), ("”", "x"), ("有形", "a"),
              ("有感", "a"), ("有效", "a"), ("铸牢", "v"), ("中华民族", "nz"), ("共同体", "n"), ("意识", "n")]
    b = word_boundaries(tokens, ("铸牢",))
    assert min(b[14], b[16], b[18]) >= SPLIT_PENALTY  # the manner's words stay together, with 铸牢
    tokens = [("蒲县", "ns"), ("开展", "v"), ("“", "x"), ("6", "x"), ("·", "x"), ("9", "x"), ("”", "x"), ("国际", "n"),
              ("档案", "n"), ("日", "m"), ("“", "x"), ("请", "v"), ("听", "v"), ("档案", "n"), ("说", "v"), ("”", "x"),
              ("宣传", "vn"), ("活动", "vn")]
    b = word_boundaries(tokens, ("开展",))
    assert b[13] >= SPLIT_PENALTY and b[14] < SPLIT_PENALTY  # not 国际档案 / 日“请听…”
    assert _lines(tokens, ("开展",)) == ["蒲县开展“6·9”国际档案日", "“请听档案说”宣传活动"]


def test_an_event_begun_then_who_acts():
    """启动, 开学 (the layout's `title_breaks_after`) end their clause before
    a subject and its verb when jieba reads them as nouns (no object follows
    them); a verb that takes an object (赋能/v 财政监管) does not. Real titles
    (tests/fixtures/titles-sealed8.yaml, titles-sealed6.yaml,
    titles-bulletins.yaml), jieba's tags."""
    ends = ("启动", "开学", "赋能")
    tokens = [("南通", "nz"), ("第十四届", "m"), ("社科", "n"), ("普及", "ns"), ("宣传周", "nr"), ("启动", "vn"), ("社科", "n"),
              ("专家", "n"), ("冒雨", "v"), ("为民服务", "l")]
    b = word_boundaries(tokens, (), ends)
    assert b[15] <= -CLAUSE_BONUS and b[13] >= 0  # …宣传周启动 / 社科专家…, not 宣传周 / 启动…
    assert _lines(tokens, (), ends) == ["南通第十四届社科普及宣传周启动", "社科专家冒雨为民服务"]
    tokens = [("晋江", "ns"), ("中小学", "j"), ("、", "x"), ("幼儿园", "nr"), ("今日", "t"), ("开学", "n"), ("安海", "ns"),
              ("中心小学", "j"), ("搬迁", "v"), ("新", "a"), ("校园", "n")]
    assert _lines(tokens, (), ends) == ["晋江中小学、幼儿园今日开学", "安海中心小学搬迁新校园"]
    tokens = [("监管局", "n"), ("：", "x"), ("深耕", "v"), ("党建引领", "n"), ("赋能", "v"), ("财政", "n"), ("监管", "vn"),
              ("助推", "v"), ("财政", "n"), ("事业", "n")]
    assert word_boundaries(tokens, ("赋能", "助推"), ends)[12] >= 0  # 赋能 / 财政监管: its object


def test_people_and_counted_subjects_of_a_second_clause():
    """People named who act after a clause (…全体会议 / 蔡奇陈吉宁李伟参加审议,
    …领导人 / 汪洋当选…) start it and are never parted; so do a count and
    who it counts after a clause-ending verb (…大会开幕 / 80余家展商…现场
    对接), and a place's organ named in two words (…周年 / 安庆工业学校开展…).
    Real titles of tests/fixtures/titles-sealed10–12.yaml, jieba's tags."""
    tokens = [("北京", "ns"), ("代表团", "n"), ("举行", "v"), ("全体会议", "n"), ("蔡奇", "nr"), ("陈吉宁", "nr"), ("李伟", "nr"),
              ("参加", "v"), ("审议", "v")]
    b = word_boundaries(tokens, (), ("举行",))
    assert b[13] >= SPLIT_PENALTY and b[16] >= SPLIT_PENALTY  # 蔡奇 / 陈吉宁 / 李伟
    assert _lines(tokens, (), ("举行",)) == ["北京代表团举行全体会议", "蔡奇陈吉宁李伟参加审议"]
    assert word_boundaries([("蔡奇", "nr"), ("陈吉宁", "nr"), ("参加", "v"), ("审议", "v")])[2] >= SPLIT_PENALTY  # at the start too
    tokens = [("政协", "j"), ("第十三届", "m"), ("全国", "n"), ("委员会", "n"), ("选出", "v"), ("领导人", "n"), ("汪洋", "nr"),
              ("当选", "v"), ("全国政协", "nt"), ("主席", "n")]
    assert word_boundaries(tokens)[16] <= -CLAUSE_BONUS  # …领导人 / 汪洋当选: a two-character name is a subject too
    tokens = [("2018", "m"), ("三亚", "ns"), ("国际", "n"), ("芒果", "n"), ("产业", "n"), ("大会", "n"), ("开幕", "v"),
              ("80", "m"), ("余家", "m"), ("展商", "v"), ("120", "m"), ("余家", "m"), ("采购商", "n"), ("现场", "n"),
              ("对接", "v")]
    assert _lines(tokens, (), ("开幕",)) == ["2018三亚国际芒果产业大会开幕", "80余家展商120余家采购商现场对接"]
    tokens = [("湖南", "ns"), ("启动", "vn"), ("改革", "vn"), ("公布", "v"), ("首批", "m"), ("百项", "m"), ("事项", "n"),
              ("目录表", "n")]
    assert word_boundaries(tokens, (), ("公布",))[8] >= 0  # 公布 / 首批百项事项目录表: a numbered object, no verb after it
    tokens = [("纪念", "n"), ("学习", "v"), ("雷锋", "nr"), ("55", "m"), ("周年", "t"), ("安庆", "ns"), ("工业", "n"),
              ("学校", "n"), ("开展", "v"), ("校园", "n"), ("志愿", "n"), ("活动", "vn")]
    b = word_boundaries(tokens, ("开展",))
    assert b[10] <= -CLAUSE_BONUS and min(b[12], b[14], b[16]) >= SPLIT_PENALTY
    assert _lines(tokens, ("开展",)) == ["纪念学习雷锋55周年", "安庆工业学校开展校园志愿活动"]


def test_what_a_line_may_not_start_or_end_with_whatever_the_tags():
    """、 is no pause, but no veto either (a list may part where nothing
    better is); never before a one-character locative (种 / 下爱心林), between a place and the
    one-character noun of its name (北京 / 团代表), between 逾 and its number,
    an adverb and its verbal noun (加快 / 发展); a clause verb before a quote
    acts on it (坚持“三个引领” / 建设“四型社区”). Real titles of
    tests/fixtures/titles-sealed10–12.yaml, jieba's tags."""
    tokens = [("自治区", "n"), ("工商联", "j"), ("开展", "v"), ("学习", "v"), ("十九", "m"), ("大", "a"), ("精神", "n"),
              ("进", "v"), ("企业", "n"), ("、", "x"), ("进", "v"), ("商会", "n"), ("、", "x"), ("进", "v"), ("机关", "n"),
              ("宣讲", "v"), ("活动", "vn")]
    b = word_boundaries(tokens, ("开展",))
    assert b[19] < SPLIT_PENALTY  # no pause, but no veto: no worse than a break inside a phrase (高校 / 毕业生)
    tokens = [("长沙", "ns"), ("：", "x"), ("模范", "n"), ("好人", "n"), ("携手", "v"), ("种", "m"), ("下", "f"), ("爱心", "n")]
    assert word_boundaries(tokens)[10] >= SPLIT_PENALTY  # 种 / 下
    tokens = [("冬奥", "nrt"), ("盛会", "n"), ("北京", "ns"), ("团", "n"), ("代表", "n"), ("热议", "n")]
    assert word_boundaries(tokens)[6] >= SPLIT_PENALTY  # 北京 / 团
    tokens = [("消费", "vn"), ("投诉", "v"), ("逾", "vg"), ("2.4", "m"), ("万件", "m"), ("汽车", "n")]
    assert word_boundaries(tokens)[5] >= SPLIT_PENALTY  # 逾 / 2.4万件
    tokens = [("政协委员", "n"), ("建议", "n"), ("加快", "d"), ("发展", "vn"), ("3", "m"), ("岁", "m"), ("以下", "f")]
    assert word_boundaries(tokens)[8] >= SPLIT_PENALTY  # 加快 / 发展
    tokens = [("泰安市", "ns"), ("岱岳区", "ns"), ("坚持", "v"), ("“", "x"), ("三个", "m"), ("引领", "v"), ("”", "x"),
              ("建设", "vn"), ("“", "x"), ("四型", "b"), ("社区", "n"), ("”", "x")]
    b = word_boundaries(tokens, ("坚持", "建设"))
    assert b[14] <= -SUBJECT_BONUS and b[16] >= 0  # / 建设“四型社区”, not 建设 / “四型社区”
    assert _lines(tokens, ("坚持", "建设")) == ["泰安市岱岳区坚持“三个引领”", "建设“四型社区”"]


def test_a_rare_verb_jieba_knows_only_as_a_morpheme_keeps_its_direction():
    """蹚出 (jieba: 蹚/yg 出/v): a one-character verb and its direction are one
    word whatever jieba makes of the verb; the layout printed an unseen
    issue's title …区域一体发展蹚 / 出抱团发展…, where its editor breaks
    before 蹚出."""
    tokens = [("孟州市", "ns"), ("坚持", "v"), ("党建", "j"), ("示范", "v"), ("引领", "v"), ("区域", "n"), ("一体", "n"),
              ("发展", "vn"), ("蹚", "yg"), ("出", "v"), ("抱团", "n"), ("发展", "vn"), ("产业", "n"), ("联动", "v"),
              ("的", "uj"), ("乡村振兴", "n"), ("新路子", "n")]
    assert word_boundaries(tokens)[18] >= SPLIT_PENALTY  # 蹚 / 出 (after 孟州市坚持党建示范引领区域一体发展蹚)
    assert word_boundaries([("日", "ng"), ("出", "v"), ("东方", "s")])[1] < SPLIT_PENALTY  # a noun's morpheme: no verb
    text = "".join(w for w, _ in tokens)
    lines = break_title(text, one_cell_units(text), 20, 1, lambda _: tokens)
    assert all(not a.endswith("蹚") for a in lines[:-1]), lines


def test_a_manner_after_an_object_starts_a_clause():
    """After a verb's whole object, a verb with how it acts starts the next
    clause (…加强党员队伍建设 / 积极吸收优秀人才), not the short subject before
    it. A real title of tests/fixtures/titles-sealed12.yaml, jieba's tags."""
    hints = ("加快", "加强")
    tokens = [("宿州市", "ns"), ("工投", "j"), ("集团", "n"), ("加强", "v"), ("党员队伍", "n"), ("建设", "vn"), ("积极", "ad"),
              ("吸收", "v"), ("优秀人才", "n")]
    assert word_boundaries(tokens, hints)[15] <= -CLAUSE_BONUS
    assert _lines(tokens, hints) == ["宿州市工投集团加强党员队伍建设", "积极吸收优秀人才"]


def test_meetings_offices_and_who_acts():
    """召开 names a meeting up to its meeting word, whatever follows (…召开
    全区加快旅游发展推进会议 / 艾丽华出席并讲话: no clause at 加快); a meeting
    held takes no object (…会议召开 / 科学管理实现…); a quoted event keeps its
    head noun (“…大赛”博览会 is no meeting's topic); a name must start with a
    common surname to act (承载力/nr is no person); an office before a name is
    the subject's (省委书记林铎主持); 我县 after a verb is its object. Real
    titles of tests/fixtures/titles-sealed13.yaml and titles-sealed14.yaml,
    jieba's tags."""
    hints = ("加快", "推进", "提高", "减少", "实现")
    ends = ("召开",)
    tokens = [("自治区", "n"), ("政府", "n"), ("召开", "v"), ("全区", "n"), ("加快", "d"), ("旅游", "vn"), ("发展", "vn"),
              ("推进", "v"), ("会议", "n"), ("艾丽华", "nr"), ("出席", "v"), ("并", "c"), ("讲话", "n")]
    b = word_boundaries(tokens, hints, ends)
    assert b[7] >= 0 and b[19] <= -CLAUSE_BONUS
    assert _lines(tokens, hints, ends) == ["自治区政府召开全区加快旅游发展推进会议", "艾丽华出席并讲话"]
    tokens = [("全市", "n"), ("道路交通", "nz"), ("安全", "an"), ("工作", "vn"), ("会议", "n"), ("召开", "v"), ("科学管理", "n"),
              ("实现", "v"), ("新", "a"), ("提升", "v")]
    assert _lines(tokens, hints, ends) == ["全市道路交通安全工作会议召开", "科学管理实现新提升"]
    tokens = [("区", "n"), ("科委", "n"), ("联合", "v"), ("举办", "v"), ("“", "x"), ("2018", "m"), ("科技", "n"), ("创新", "v"),
              ("大赛", "n"), ("”", "x"), ("博览会", "n")]
    assert word_boundaries(tokens)[19] >= 0  # not “…大赛” / 博览会
    tokens = [("住", "v"), ("建部", "n"), ("：", "x"), ("提高", "v"), ("基础设施", "n"), ("承载力", "nr"), ("减少", "v"), ("居民", "n"),
              ("长距离", "n"), ("通勤", "j")]
    assert _lines(tokens, hints) == ["住建部：提高基础设施承载力", "减少居民长距离通勤"]
    tokens = [("全市", "n"), ("召开", "v"), ("会议", "n"), ("省委书记", "n"), ("林铎", "nr"), ("主持", "v"), ("部署", "v"),
              ("全年", "m"), ("工作", "vn")]
    b = word_boundaries(tokens, (), ends)
    assert b[6] <= -CLAUSE_BONUS and b[10] >= SPLIT_PENALTY and b[12] >= SPLIT_PENALTY  # / 省委书记林铎主持
    # 我县 after a verb is as often its object (进驻我县 / 开展…, a reviewer's title): no clause starts there
    tokens = [("省委", "j"), ("第三", "m"), ("巡视组", "n"), ("进驻", "v"), ("我县", "r"), ("开展", "v"), ("为期", "r"),
              ("两个", "m"), ("月", "m"), ("的", "uj"), ("常规", "n"), ("巡视", "v")]
    b = word_boundaries(tokens, ("开展",))
    assert b[9] >= 0 and b[11] <= -CLAUSE_BONUS


def test_what_a_reviewer_found_in_the_new_rules():
    """Guards a review of the rules above asked for (titles a reviewer wrote,
    jieba's tags): 联合 takes the organ after it; 召开's object may start
    with an adjectival noun; 总会 is an organ, not a meeting that was held; 示范区 is a
    kind of area, not a place's name run into the next one; 启动 takes its
    object even when a time word starts it; an ordinal names a meeting, it
    counts no subject."""
    from zhuanbao.layout.titles import _is_meeting_word, _numbered_subject

    assert _is_meeting_word("推进会") and _is_meeting_word("会议")
    assert not any(_is_meeting_word(w) for w in ("总会", "红十字会", "基金会", "社会", "委员会", "管委会", "常委会"))

    tokens = [("县", "zg"), ("慈善", "nr"), ("总会", "n"), ("举办", "v"), ("慈善", "nr"), ("助学金", "n"), ("发放", "v"),
              ("仪式", "n"), ("资助", "n")]
    assert word_boundaries(tokens, (), ("举办",))[7] >= 0  # 县慈善总会举办 / …: not a meeting held
    tokens = [("打造", "v"), ("宜居宜业", "l"), ("和美", "a"), ("乡村", "n"), ("示范区", "n"), ("西湖区", "ns"), ("探索", "v"),
              ("乡村治理", "n")]
    assert word_boundaries(tokens, ("探索",))[13] <= -CLAUSE_BONUS  # …示范区 / 西湖区探索…
    tokens = [("市", "n"), ("公安局", "nt"), ("启动", "vn"), ("夏季", "t"), ("治安", "ns"), ("打击", "v"), ("整治", "n")]
    assert word_boundaries(tokens, (), ("启动",))[6] >= 0  # 启动 / 夏季治安…: its object
    tokens = [("县", "zg"), ("供销社", "n"), ("联合", "v"), ("农业农村局", "nt"), ("开展", "v"), ("农资", "n"), ("打假", "v")]
    assert word_boundaries(tokens, ("开展",))[6] >= SPLIT_PENALTY  # 联合 / 农业农村局…: its object
    tokens = [("江北区", "ns"), ("召开", "v"), ("安全", "an"), ("生产", "vn"), ("暨", "c"), ("消防工作", "n"), ("会议", "n")]
    assert word_boundaries(tokens, (), ("召开",))[5] >= 0  # 召开 / 安全/an生产…会议: its object
    tokens = [("推行", "v"), ("“", "x"), ("一站式", "b"), ("”", "x"), ("结算", "v"), ("让", "v"), ("群众", "n"), ("看病", "v"),
              ("报销", "v"), ("少", "a"), ("跑腿", "n")]
    b = word_boundaries(tokens)
    assert b[9] <= -CLAUSE_BONUS and b[12] > -CLAUSE_BONUS  # / 让群众看病…, not 让群众 / 看病…: what 让 acts on does it
    assert not _numbered_subject([("第五次", "m"), ("全国", "n"), ("经济", "n"), ("普查", "vn"), ("部署", "v")], 0)
    assert _numbered_subject([("80", "m"), ("余家", "m"), ("展商", "v"), ("采购商", "n"), ("对接", "v")], 0)


def test_labels_frames_and_set_phrases_whatever_the_tags():
    """A noun before the colon ends a label (陕西城固/v公安：, then a verse
    couplet); 变“…”为“…” is one frame like 以…为…; a half that ends in an
    adjective is a clause (生态鸣凤风景独好); a set phrase /l is no clause's
    verb (自然资源/l和规划局 is the subject). Real titles."""
    tokens = [("陕西", "ns"), ("城固", "v"), ("公安", "n"), ("：", "x"), ("联勤", "n"), ("巡防", "v"), ("除", "p"), ("隐患", "n"),
              ("严管", "v"), ("严控", "v"), ("保民", "n"), ("安", "v")]
    assert _lines(tokens) == ["陕西城固公安：联勤巡防除隐患", "严管严控保民安"]
    tokens = [("常袋", "n"), ("镇", "v"), ("：", "x"), ("办好", "v"), ("民生", "n"), ("实事", "n"), ("变", "v"), ("“", "x"),
              ("实事", "n"), ("菜单", "n"), ("”", "x"), ("为", "p"), ("“", "x"), ("幸福", "a"), ("礼单", "n"), ("”", "x")]
    assert _lines(tokens) == ["常袋镇：办好民生实事", "变“实事菜单”为“幸福礼单”"]
    tokens = [("扬中市", "ns"), ("油坊", "n"), ("镇", "n"), ("鸣凤", "nrt"), ("村", "zg"), ("：", "x"), ("溯源", "v"),
              ("江洲", "ns"), ("以", "p"), ("文育德", "nr"), ("生态", "n"), ("鸣凤", "nrt"), ("风景", "n"), ("独好", "a")]
    assert _lines(tokens) == ["扬中市油坊镇鸣凤村：溯源江洲以文育德", "生态鸣凤风景独好"]
    tokens = [("沙洋县", "ns"), ("自然资源", "l"), ("和", "c"), ("规划局", "n"), ("开展", "v"), ("地灾", "n"), ("防治", "v"),
              ("演练", "vn"), ("强化", "v"), ("群测群防", "n"), ("合力", "n")]
    assert _lines(tokens, ("开展", "强化")) == ["沙洋县自然资源和规划局开展地灾防治演练", "强化群测群防合力"]


def test_lists_counts_and_meetings():
    """、 joins a list, no clause (晋江中小学、幼儿园…); a number that counts
    the noun before it stays with it and may end the line before a verb
    (示范点1200多个 / 维护…), a duration does not (诚信20年还清债务); 召开 takes
    its meeting (召开县/zg党政联席会议), and what the meeting did starts the
    second clause (…会议 / 研究…); 给 with its own verb starts one too. Real
    titles."""
    tokens = [("晋江", "ns"), ("中小学", "j"), ("、", "x"), ("幼儿园", "nr"), ("今日", "t"), ("开学", "n")]
    assert word_boundaries(tokens)[6] >= MID_PHRASE
    tokens = [("山东", "ns"), ("建立", "v"), ("议事", "n"), ("协商", "n"), ("示范点", "n"), ("1200", "m"), ("多个", "m"),
              ("维护", "v"), ("基层", "n"), ("和谐", "a"), ("稳定", "a")]
    b = word_boundaries(tokens, ("维护",))
    assert b[11] > MID_PHRASE and b[15] == FORBIDDEN and b[17] < FORBIDDEN
    assert _lines(tokens, ("维护",)) == ["山东建立议事协商示范点1200多个", "维护基层和谐稳定"]
    tokens = [("诚信", "nz"), ("20", "m"), ("年", "m"), ("还清", "v"), ("债务", "n")]
    assert word_boundaries(tokens)[5] == FORBIDDEN  # 20年 / 还清: a duration stays with its verb
    tokens = [("周", "nr"), ("东明", "nr"), ("主持", "v"), ("召开", "v"), ("县", "zg"), ("党政", "n"), ("联席会议", "l"),
              ("研究", "vn"), ("招商引资", "n"), ("等", "u"), ("工作", "vn")]
    b = word_boundaries(tokens, (), ("召开",))
    assert b[7] >= 0 and b[14] <= -CLAUSE_BONUS
    assert _lines(tokens, (), ("召开",)) == ["周东明主持召开县党政联席会议", "研究招商引资等工作"]
    tokens = [("五沟", "ns"), ("中心", "n"), ("学校", "n"), ("圆满完成", "l"), ("搬迁", "v"), ("工作", "vn"), ("给", "p"),
              ("孩子", "n"), ("一个", "m"), ("更好", "d"), ("的", "uj"), ("学习", "v"), ("环境", "n")]
    assert _lines(tokens) == ["五沟中心学校圆满完成搬迁工作", "给孩子一个更好的学习环境"]


def test_second_clauses_after_an_object():
    """A verb before an idiom-tagged noun starts no clause (防汛抢险攻坚战/i:
    落实对口支援 / 坚决打赢…, not …防汛 / 抢险攻坚战); a verbal noun that takes people is a verb
    (季度检查 / 保障师生…); a place that ends a name is no subject (现代农垦新区
    发力…); a couplet may hold its quotes in different places (“湾子夜话”扬新风
    / 邻里共筑“防骗墙”). Real titles."""
    tokens = [("烔", "yg"), ("炀", "g"), ("镇", "n"), ("：", "x"), ("落实", "v"), ("对口", "vn"), ("支援", "v"), ("坚决", "ad"),
              ("打赢", "v"), ("防汛", "vn"), ("抢险", "v"), ("攻坚战", "i")]
    b = word_boundaries(tokens)
    assert b[16] > -CLAUSE_BONUS  # 防汛 / 抢险攻坚战: no clause starts
    assert _lines(tokens) == ["烔炀镇：落实对口支援", "坚决打赢防汛抢险攻坚战"]
    hints = ("开展", "保障", "发力", "建设")
    tokens = [("高青县", "nr"), ("市场", "n"), ("监管局", "n"), ("开展", "v"), ("学校食堂", "n"), ("季度", "n"), ("检查", "vn"),
              ("保障", "v"), ("师生", "nr"), ("饮食", "n"), ("安全", "an")]
    assert _lines(tokens, hints) == ["高青县市场监管局开展学校食堂季度检查", "保障师生饮食安全"]
    tokens = [("万丈", "m"), ("湖", "ns"), ("街道", "n"), ("：", "x"), ("加快", "d"), ("建设", "vn"), ("现代", "t"), ("农垦", "n"),
              ("新区", "ns"), ("发力", "v"), ("全省", "n"), ("同类", "n"), ("农场", "n"), ("产业", "n"), ("标杆", "n")]
    assert word_boundaries(tokens, hints)[14] >= 0  # 现代农垦 / 新区…
    assert _lines(tokens, hints) == ["万丈湖街道：加快建设现代农垦新区", "发力全省同类农场产业标杆"]
    assert couplet_halves("崇阳县铜钟乡：“湾子夜话”扬新风邻里共筑“防骗墙”", 7)
    assert not couplet_halves("崇阳县铜钟乡：“湾子夜话”“扬新风”邻里共筑防骗墙啊", 7)  # two quotes in one half
    # 认定 ends its clause before a place, its numbers and its verb, across 和
    tokens = [("第二批", "m"), ("全国", "n"), ("乡村治理", "n"), ("示范", "v"), ("镇", "n"), ("、", "x"), ("村", "zg"),
              ("认定", "v"), ("苏州市", "ns"), ("1", "m"), ("个", "m"), ("镇", "n"), ("和", "c"), ("5", "m"), ("个", "m"),
              ("村", "n"), ("入选", "v")]
    assert _lines(tokens, (), ("认定",)) == ["第二批全国乡村治理示范镇、村认定", "苏州市1个镇和5个村入选"]


def test_what_a_review_found():
    """Breaks a reviewer's own titles showed (each was made before its fix):
    a space inside “…” is no break; a verb that ends a clause does not end
    it before 的; a noun phrase of two halves of seven is no verse unless a
    half falls into feet (4 + 3); 乡村 is no place and 市妇联 is an organ; a
    long numeral, an ordinal with its measure word and 〇 are numbers, a
    rank (第一) is not; a set phrase /l before its verb is no manner word;
    a verbal noun after a quote names it; 新闻发布会 is one name; the two
    dashes of —— are one mark."""
    tokens = [("区", "n"), ("妇联", "j"), ("开展", "v"), ("“", "x"), ("巾帼", "n"), ("心向", "v"), ("党", "n"), (" ", "x"),
              ("奋进", "v"), ("新", "a"), ("征程", "n"), ("”", "x"), ("主题", "n"), ("宣讲", "vn"), ("活动", "vn")]
    assert _lines(tokens, ("开展",)) != ["区妇联开展“巾帼心向党", "奋进新征程”主题宣讲活动"]
    tokens = [("市场监管", "n"), ("总局", "n"), ("发布", "v"), ("的", "uj"), ("食品安全", "l"), ("抽检", "v"), ("不合格", "a"),
              ("产品", "n"), ("名单", "n")]
    assert word_boundaries(tokens, (), ("发布",))[8] > MID_PHRASE  # …发布 / 的…
    tokens = [("县", "n"), ("教育局", "n"), ("：", "x"), ("全县", "n"), ("中小学", "j"), ("校长", "n"), ("培训班", "n"),
              ("开班", "v"), ("仪式", "n")]
    assert word_boundaries(tokens)[12] > -PARALLEL_BONUS  # 全县中小学校长 / 培训班开班仪式
    tokens = [("全力", "d"), ("打造", "v"), ("和美", "a"), ("乡村", "n"), ("市妇联", "n"), ("开展", "v"), ("巾帼", "n"),
              ("建功", "v"), ("行动", "vn")]
    assert word_boundaries(tokens, ("开展",))[8] <= -CLAUSE_BONUS  # 和美乡村 / 市妇联开展…
    b = word_boundaries([("召开", "v"), ("二十四个", "m"), ("村", "n"), ("第十二届", "m"), ("节", "n"), ("二〇", "x"),
                         ("二五年", "m"), ("稳居", "v"), ("第一", "m"), ("上半年", "t")])
    assert b[6] == b[11] == b[14] == FORBIDDEN and b[21] < FORBIDDEN
    tokens = [("县民政局", "nt"), ("为", "p"), ("全县", "n"), ("困难群众", "l"), ("发放", "v"), ("临时", "b"), ("救助金", "n")]
    assert word_boundaries(tokens)[11] <= MID_PHRASE  # 困难群众 / 发放: /l is no manner word
    tokens = [("全力", "d"), ("推进", "v"), ("“", "x"), ("四好", "n"), ("农村", "n"), ("路", "n"), ("”", "x"), ("建设", "vn"),
              ("助力", "v"), ("乡村振兴", "n")]
    assert word_boundaries(tokens, ("建设", "助力"))[11] >= MID_PHRASE  # …“四好农村路” / 建设…
    tokens = [("《", "x"), ("关于", "p"), ("进一步", "d"), ("优化", "vn"), ("营商", "n"), ("环境", "n"), ("的", "uj"),
              ("若干", "m"), ("措施", "n"), ("》", "x"), ("新闻", "n"), ("发布会", "n"), ("召开", "v")]
    assert word_boundaries(tokens)[20] >= MID_PHRASE  # 新闻 / 发布会召开
    assert word_boundaries([("开遍", "v"), ("城乡", "n"), ("—", "x"), ("—", "x"), ("我市", "r")])[5] == FORBIDDEN
    # a leader's name and office never part; 暨 joins two events, a verb before it or not
    assert word_boundaries([("学习", "v"), ("习近平", "nrfg"), ("总书记", "n"), ("重要讲话", "l")])[5] == FORBIDDEN
    tokens = [("我县", "r"), ("第十二届", "m"), ("“", "x"), ("农民", "n"), ("丰收", "v"), ("节", "t"), ("”", "x"),
              ("开幕式", "n"), ("暨", "c"), ("乡村振兴", "n"), ("成果展", "nr"), ("隆重举行", "nr")]
    assert _lines(tokens) == ["我县第十二届“农民丰收节”开幕式", "暨乡村振兴成果展隆重举行"]


def test_a_count_of_the_noun_before_it_a_duration_and_a_percentage_end_a_clause(ts):
    """Editors part a clause after 推介项目83个 (the noun counted stands
    before the count, after its verb), after 开通一年 (how long), after
    增长18.6% (a percentage is a cluster of its own in a title); but not
    after 成立一年 when 来 follows, after 上涨5% when 左右 follows, nor
    between a count and the noun it counts whatever jieba tags the
    classifier (3/m 件/q 作品). Tokens as jieba gives them."""
    tokens = [("市", "n"), ("发展", "vn"), ("改革", "vn"), ("委向", "n"), ("民间", "n"), ("资本", "n"), ("推介", "v"), ("项目", "n"),
              ("83", "m"), ("个", "m"), ("总", "n"), ("投资", "vn"), ("逾", "vg"), ("400", "m"), ("亿元", "m")]
    assert word_boundaries(tokens)[_after(tokens, "个")] <= -CLAUSE_BONUS
    subject = [("县", "zg"), ("融媒体", "n"), ("中心", "n"), ("3", "m"), ("件", "q"), ("作品", "n"), ("获", "v"), ("全省", "n"),
               ("新闻奖", "nz")]
    assert word_boundaries(subject)[_after(subject, "件")] == FORBIDDEN  # 中心3件 / 作品: a subject, then what 件 counts
    age = [("县", "zg"), ("民政局", "nt"), ("联合", "v"), ("各", "r"), ("社区", "n"), ("为", "p"), ("辖区", "n"), ("80", "m"), ("岁", "m"),
           ("老人", "n"), ("送", "v"), ("去", "v"), ("生日蛋糕", "n")]
    assert word_boundaries(age)[_after(age, "岁")] == FORBIDDEN  # 80岁 / 老人 never
    lasted = [("县级", "b"), ("心理", "n"), ("援助", "vn"), ("热线", "n"), ("开通", "v"), ("一年", "m"), ("累计", "v"), ("接听", "v"),
              ("求助", "v"), ("来电", "v"), ("2100", "m"), ("余个", "m")]
    assert word_boundaries(lasted)[_after(lasted, "一年")] <= -CLAUSE_BONUS
    since = [("创伤", "n"), ("中心", "n"), ("成立", "v"), ("一年", "m"), ("来", "v"), ("救治", "v"), ("患者", "n"), ("312", "m"), ("例", "q")]
    assert word_boundaries(since)[_after(since, "一年")] == FORBIDDEN
    about = [("养老金", "nr"), ("总体", "n"), ("上涨", "v"), ("5", "x"), ("%", "x"), ("左右", "m"), ("两类", "m"), ("人", "n"), ("可", "v"),
             ("多", "m"), ("涨点", "n")]
    assert word_boundaries(about)[_after(about, "%")] == FORBIDDEN  # 5% / 左右 never
    text = "我县数字经济核心产业增加值增长15.3%占GDP比重提升至7.1%"
    pieces = [u for u, _ in ts.title_units(text, ts.run_style("title", on_grid=False), ts.grid.width, None)]
    assert "15.3%" in pieces and "占" in pieces  # (running text keeps 15.3%占 together: a number and what follows)


def test_a_places_last_character_an_organs_place_and_a_one_character_manner_stay_whole():
    """jieba leaves a place's last character a word of its own (石岭/ns
    县/zg): no break before it; a one-character place before its organ
    (联合省财政厅) and a one-character adjective before its verb (全覆盖) are
    held, and so are not among the model's breaks while another fits."""
    place = [("报道", "v"), ("石岭", "ns"), ("县", "zg"), ("“", "x"), ("数字", "n"), ("乡村", "n"), ("”", "x"), ("建设", "vn")]
    assert word_boundaries(place)[_after(place, "石岭")] == FORBIDDEN
    organ = [("坚决", "ad"), ("守住", "v"), ("耕地", "n"), ("保护", "v"), ("和", "c"), ("粮食安全", "l"), ("底线", "n"), ("县", "zg"),
             ("自然资源局", "nt"), ("开展", "v"), ("专项", "n"), ("整治", "n")]
    assert word_boundaries(organ)[_after(organ, "底线")] < FORBIDDEN  # …底线 / 县自然资源局开展…: an organ's place starts it
    organ = [("省", "n"), ("农业", "n"), ("农村", "n"), ("厅", "n"), ("联合", "v"), ("省", "n"), ("财政厅", "nt"), ("下达", "v"), ("资金", "n")]
    assert word_boundaries(organ)[_after(organ, "联合") + 1] >= SPLIT_PENALTY
    manner = [("实现", "v"), ("高危", "n"), ("行业", "n"), ("全", "a"), ("覆盖", "v"), ("事故", "n"), ("预防", "v")]
    assert word_boundaries(manner)[_after(manner, "全")] >= SPLIT_PENALTY
    # a village jieba does not know, cut in names (塔斯/nrt 布拉克/nr 村/zg): its 村 starts no line
    # (zugong's subtitle broke ——记萨尔托海县塔斯布拉克 / 村党支部书记…)
    village = [("记", "n"), ("萨尔托", "nr"), ("海县", "ns"), ("塔斯", "nrt"), ("布拉克", "nr"), ("村", "zg"), ("党支部", "j"),
               ("书记", "n"), ("阿", "j"), ("不", "d"), ("都", "d"), ("热合", "v"), ("曼", "nr")]
    assert word_boundaries(village)[_after(village, "布拉克")] >= SPLIT_PENALTY
    # a quoted name and the one-character adjective that starts the noun after it: no clause ends there
    quoted = [("县公安局", "n"), ("开展", "v"), ("“", "x"), ("百名", "m"), ("民警", "n"), ("进", "v"), ("千家", "m"), ("”", "x"), ("大", "a"),
              ("走访", "v"), ("收集", "v"), ("群众", "n"), ("意见建议", "l")]
    assert word_boundaries(quoted)[_after(quoted, "千家") + 1] > 0


def test_a_county_organ_after_a_predicate_and_nouns_that_name_a_thing():
    """A second clause whose subject is a county's organ, its 县 a word of
    its own (县/zg 人社局, 县/zg 畜牧 兽医 中心), starts after an adjective
    that ends the clause before it (缺口大 / 县人社局组织…, 不能松懈 /
    县畜牧兽医中心开展…); a verb that names a thing after its nouns (零基预算,
    草原生态保护) starts no clause there. Tokens as jieba gives them."""
    gap = [("苹果", "n"), ("采收", "v"), ("季", "n"), ("果园", "n"), ("用工", "n"), ("缺口", "n"), ("大", "a"), ("县", "zg"),
           ("人社局", "nt"), ("组织", "v"), ("1200", "m"), ("余名", "m"), ("劳动力", "n"), ("到", "v"), ("果园", "n"), ("务工", "v")]
    assert word_boundaries(gap, ("组织",))[_after(gap, "大")] <= -CLAUSE_BONUS
    centre = [("非洲", "ns"), ("猪瘟", "n"), ("防控", "vn"), ("不能", "v"), ("松懈", "a"), ("县", "zg"), ("畜牧", "n"), ("兽医", "n"),
              ("中心", "n"), ("开展", "v"), ("养殖场", "n"), ("户", "q"), ("全面", "d"), ("排查", "vn")]
    assert word_boundaries(centre, ("开展",))[_after(centre, "松懈")] <= -CLAUSE_BONUS
    budget = [("财政部", "nt"), ("青岛", "ns"), ("监管局", "n"), ("：", "x"), ("青岛市", "ns"), ("深化", "v"), ("零基", "n"), ("预算", "v"),
              ("改革", "vn"), ("探索", "v"), ("完善", "v"), ("预算", "v"), ("管理", "vn"), ("新", "a"), ("模式", "n")]
    assert word_boundaries(budget, ("探索",))[_after(budget, "零基")] > 0  # not 零基 / 预算改革
    grass = [("四川", "ns"), ("监管局", "n"), ("：", "x"), ("紧扣", "v"), ("三个", "m"), ("维度", "ns"), ("做实", "v"), ("林业", "n"),
             ("草原", "n"), ("生态", "n"), ("保护", "v"), ("恢复", "v"), ("资金", "n"), ("重点", "n"), ("绩效评价", "n")]
    assert word_boundaries(grass)[_after(grass, "林业")] > 0  # not 做实林业 / 草原生态保护…
    # a one-character verb and its direction (送/v 去/v) are one word; an adverb stays with its preposition's verb
    gift = [("走访", "v"), ("慰问", "v"), ("驻", "v"), ("村干部", "n"), ("送", "v"), ("去", "v"), ("组织", "v"), ("关怀", "nr")]
    assert word_boundaries(gift)[_after(gift, "送")] >= SPLIT_PENALTY
    wages = [("专项", "n"), ("治理", "v"), ("已", "d"), ("为", "p"), ("农民工", "n"), ("追回", "v"), ("工资", "vn")]
    assert word_boundaries(wages)[_after(wages, "已")] >= SPLIT_PENALTY
    # a place after an object is the next verb's subject: no bonus for parting them (设立百亿创投基金宁波 / 将成…)
    fund = [("设立", "v"), ("百亿", "m"), ("创投", "j"), ("基金", "n"), ("宁波", "ns"), ("将", "d"), ("成", "v"), ("国投", "j"),
            ("高新", "d"), ("重点", "n"), ("投资", "vn"), ("区域", "n")]
    assert word_boundaries(fund)[_after(fund, "宁波")] > 0
    # a verb and the people it serves stay together (打通服务 / 新阶层人士… never)
    serve = [("滨江区", "ns"), ("“", "x"), ("同心", "n"), ("驿站", "n"), ("”", "x"), ("打通", "v"), ("服务", "vn"), ("新", "a"),
             ("阶层", "n"), ("人士", "n"), ("“", "x"), ("最后", "f"), ("一", "m"), ("公里", "q"), ("”", "x")]
    assert word_boundaries(serve)[_after(serve, "服务")] >= SPLIT_PENALTY
    # two verbs that end a clause end it together: 揭牌 / 成立 never (…联络站揭牌成立 / 助力…)
    opened = [("宁川", "ns"), ("经开区", "n"), ("统战工作", "l"), ("联络站", "nt"), ("揭牌", "v"), ("成立", "v"), ("助力", "n"),
              ("园区", "n"), ("民营企业", "n"), ("健康", "a"), ("发展", "vn")]
    ends = ("揭牌", "成立")
    assert word_boundaries(opened, ("助力",), ends)[_after(opened, "揭牌")] >= SPLIT_PENALTY
    assert word_boundaries(opened, ("助力",), ends)[_after(opened, "成立")] <= -CLAUSE_BONUS


def _after(tokens, word: str) -> int:
    """The offset of the boundary after the first `word` of `tokens`."""
    offset = 0
    for w, _ in tokens:
        offset += len(w)
        if w == word:
            return offset
    raise AssertionError(word)


def test_a_count_a_time_or_a_scope_ends_or_opens_a_clause():
    """A count that completes its clause (a quantity after the noun it
    measures, a count after 达, 破) may end a line when a clause follows
    (…活动3800余场次 / 覆盖群众…); a count of what follows (启动14个 / 片区,
    供应链47家 / 本地中小企业, 青梧县126个 / 行政村, 传达5个 / 重要文件, 提高2个 /
    百分点) and a date never. A
    time that acts or opens (今年新增…, 昔日“脏乱差”…) and a scope (全县, 部分)
    start a clause after an object, and are never parted from it; after a
    verb they are what it acts on (视察全县…). Tokens as jieba gives them."""
    tokens = [("我县", "r"), ("文明实践", "n"), ("阵地", "n"), ("开展", "v"), ("各类", "r"), ("活动", "vn"), ("3800", "m"),
              ("余场次", "m"), ("覆盖", "v"), ("群众", "n"), ("12", "m"), ("万人次", "m")]
    assert word_boundaries(tokens)[_after(tokens, "余场次")] <= -CLAUSE_BONUS
    for tokens in (
        [("县区", "n"), ("开放", "v"), ("供应链", "n"), ("47", "m"), ("家", "m"), ("本地", "r"), ("中小企业", "j"), ("进入", "v"),
         ("配套", "a"), ("名录", "n")],
        # (a place jieba tags a noun)
        [("青梧县", "n"), ("126", "m"), ("个", "m"), ("行政村", "n"), ("全部", "n"), ("通", "v"), ("上", "f"), ("天然气", "n")],
        [("会议", "n"), ("传达", "v"), ("5", "m"), ("个", "m"), ("重要", "a"), ("文件精神", "n"), ("部署", "v"), ("工作", "vn")],
        [("比例", "n"), ("提高", "v"), ("2", "m"), ("个", "m"), ("百分点", "m"), ("惠及", "ns"), ("参保", "v"), ("群众", "n")],
    ):
        b = word_boundaries(tokens)
        assert all(b[_after(tokens, w)] == FORBIDDEN for w, p in tokens if p == "m" and w != "百分点"), tokens  # never after the count
    tokens = [("老城区", "n"), ("停车", "v"), ("泊位", "n"), ("缺口", "n"), ("达", "v"), ("3000", "m"), ("余个", "m"), ("“", "x"),
              ("停车难", "i"), ("”", "x"), ("问题", "n"), ("日益突出", "i")]
    assert word_boundaries(tokens)[_after(tokens, "余个")] <= -CLAUSE_BONUS  # …缺口达3000余个 / “停车难”…
    # a count of the noun after it, a date, an ordinal: never
    b = word_boundaries([("昌江", "ns"), ("启动", "v"), ("14", "m"), ("个", "m"), ("片区", "n"), ("改造", "v")])
    assert b[7] == FORBIDDEN  # 启动14个 / 片区
    b = word_boundaries([("烟台", "ns"), ("2018", "m"), ("年", "m"), ("事业单位", "n"), ("笔试", "v"), ("考点", "n"), ("公布", "v")])
    assert b[7] == FORBIDDEN  # 2018年 / 事业单位
    b = word_boundaries([("政协", "nt"), ("十三届", "m"), ("一次", "m"), ("会议", "n"), ("闭幕", "v")])
    assert b[7] == FORBIDDEN  # 十三届一次 / 会议
    tokens = [("我市", "r"), ("加快", "d"), ("破解", "v"), ("城区", "n"), ("停车难", "i"), ("问题", "n"), ("今年", "t"), ("新增", "v"),
              ("公共", "b"), ("停车", "v"), ("泊位", "n"), ("6800", "m"), ("个", "m")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "问题")] <= -CLAUSE_BONUS and b[_after(tokens, "今年")] >= SPLIT_PENALTY  # 问题 / 今年新增…, never 今年 / 新增
    assert _lines(tokens) == ["我市加快破解城区停车难问题", "今年新增公共停车泊位6800个"]
    tokens = [("县", "zg"), ("志愿", "n"), ("服务", "vn"), ("联合会", "nt"), ("成立", "v"), ("全县", "n"), ("注册", "v"),
              ("志愿者", "n"), ("突破", "vn"), ("8", "m"), ("万", "m"), ("人", "n")]
    assert word_boundaries(tokens)[_after(tokens, "全县")] >= SPLIT_PENALTY  # never …成立全县 / 注册…
    tokens = [("电价", "n"), ("上涨", "v"), ("叠加", "v"), ("需求", "v"), ("不足", "a"), ("部分", "n"), ("陶瓷", "n"), ("企业", "n"),
              ("出现", "v"), ("阶段性", "n"), ("停产", "v"), ("问题", "n")]
    assert word_boundaries(tokens)[_after(tokens, "不足")] <= -CLAUSE_BONUS  # …需求不足 / 部分陶瓷企业出现…
    # after a verb, a scope is what it acts on; a time that names its noun opens nothing
    tokens = [("县人大常委会", "nt"), ("主任", "b"), ("陈卫东", "nr"), ("带队", "n"), ("视察", "v"), ("全县", "n"), ("义务教育", "l"),
              ("发展", "vn"), ("情况", "n")]
    assert word_boundaries(tokens)[_after(tokens, "视察")] > -CLAUSE_BONUS  # 视察 / 全县…: its object
    tokens = [("铁佛", "nt"), ("市场", "n"), ("监督管理", "n"), ("所", "c"), ("开展", "v"), ("节前", "t"), ("检查", "vn"),
              ("筑牢", "v"), ("节日", "t"), ("食品安全", "l"), ("防线", "n")]
    assert word_boundaries(tokens)[_after(tokens, "开展")] > -CLAUSE_BONUS  # 开展 / 节前检查: the object


def test_a_place_before_the_time_that_opens_its_clause_starts_it(ts):
    """我市, 雁溪县 before a time that opens a clause (我市今年更新…) is that
    clause's subject: the line breaks before the place, never between it and
    its time (…更扎实我市 / 今年…); a unit that is the verb's object (组建…
    小分队 / 上半年…) and a word jieba tags a place but no place's name ends
    so (撂荒/v 山坡地/ns 如今…) keep the break after them. Tokens as jieba
    gives them."""
    tokens = [("让", "v"), ("城市", "ns"), ("“", "x"), ("里子", "n"), ("”", "x"), ("更", "d"), ("扎实", "d"), ("我市", "r"),
              ("今年", "t"), ("更新改造", "l"), ("各类", "r"), ("地下", "s"), ("管网", "n"), ("870", "m"), ("公里", "q")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "我市")] >= SPLIT_PENALTY and b[_after(tokens, "扎实")] <= MID_PHRASE
    assert breaks(ts, "让城市“里子”更扎实我市今年更新改造各类地下管网870公里") == ["让城市“里子”更扎实", "我市今年更新改造各类地下管网870公里"]
    tokens = [("以", "p"), ("家庭", "n"), ("小", "a"), ("文明", "nr"), ("促进", "v"), ("社会", "n"), ("大", "a"), ("文明", "nr"),
              ("雁溪县", "ns"), ("五年", "t"), ("创建", "v"), ("各级", "r"), ("文明", "nr"), ("家庭", "n")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "雁溪县") - 3] <= -CLAUSE_BONUS and b[_after(tokens, "雁溪县")] >= SPLIT_PENALTY
    tokens = [("市委", "nt"), ("讲师团", "n"), ("组建", "v"), ("12", "m"), ("支", "q"), ("分众化", "n"), ("宣讲", "v"), ("小分队", "n"),
              ("上半年", "t"), ("开展", "v"), ("宣讲", "v"), ("1100", "m"), ("余场", "m")]
    assert word_boundaries(tokens)[_after(tokens, "小分队")] <= -CLAUSE_BONUS  # …小分队 / 上半年开展…
    # after a verb, the place is what it acts on: 进驻我省 / 今年…, never …进驻 / 我省今年…
    tokens = [("中央", "n"), ("巡视组", "n"), ("进驻", "v"), ("我省", "r"), ("今年", "t"), ("将", "d"), ("开展", "v"),
              ("为期", "v"), ("两个月", "m"), ("巡视", "v"), ("工作", "vn")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "我省")] <= -CLAUSE_BONUS and b[_after(tokens, "进驻")] > 0
    tokens = [("碾子", "n"), ("沟村", "n"), ("：", "x"), ("昔日", "t"), ("撂荒", "v"), ("山坡地", "ns"), ("如今", "t"), ("变成", "v"),
              ("千亩", "m"), ("连片", "n"), ("花椒", "n"), ("园", "zg")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "山坡地")] <= -CLAUSE_BONUS and b[_after(tokens, "撂荒")] > 0  # …山坡地 / 如今…, not 撂荒 / 山坡地…


def test_counts_and_adverbial_nouns():
    """A count ends at its number (储备项目112个 / 19个项目纳入…: two counts,
    the second a clause's subject); a measure word that reads as a number
    (亿元) still ends one; 现场 before a verb says where it acts: it starts
    that verb's clause and never ends a line. Tokens as jieba gives them."""
    tokens = [("县", "n"), ("发改", "v"), ("局", "n"), ("超前", "v"), ("谋划", "n"), ("储备", "vn"), ("项目", "n"), ("112", "m"),
              ("个", "m"), ("19", "m"), ("个", "m"), ("项目", "n"), ("纳入", "v"), ("省级重点", "n"), ("项目", "n"), ("库", "n")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "112") + 1] <= -CLAUSE_BONUS and b[_after(tokens, "19") + 1] == FORBIDDEN
    assert _lines(tokens) == ["县发改局超前谋划储备项目112个", "19个项目纳入省级重点项目库"]
    tokens = [("今年", "t"), ("我县", "r"), ("争取", "v"), ("地方", "n"), ("政府", "n"), ("专项", "n"), ("债券", "n"), ("资金", "n"),
              ("18.6", "m"), ("亿元", "m"), ("支持", "v"), ("项目", "n"), ("42", "m"), ("个", "m")]
    assert word_boundaries(tokens)[_after(tokens, "亿元")] <= -CLAUSE_BONUS
    tokens = [("县", "zg"), ("商务局", "nt"), ("组织", "v"), ("农", "zg"), ("特产品", "n"), ("企业", "n"), ("外出", "v"), ("参展", "v"),
              ("现场", "n"), ("签订", "v"), ("采购", "v"), ("合同", "a"), ("2100", "m"), ("万元", "m")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "现场")] >= SPLIT_PENALTY and b[_after(tokens, "参展")] < MID_PHRASE
    assert _lines(tokens) == ["县商务局组织农特产品企业外出参展", "现场签订采购合同2100万元"]
    # a percentage after its number, a bare number after 破 end a clause; 增长 / 11.2% never
    tokens = [("我市", "r"), ("外贸", "n"), ("进出口", "vn"), ("增长", "v"), ("11.2", "m"), ("%", "x"), ("跨境", "n"), ("电商", "n"),
              ("成为", "v"), ("新", "a"), ("增长点", "n")]
    b = word_boundaries(tokens)
    assert b[_after(tokens, "%")] <= -CLAUSE_BONUS and b[_after(tokens, "增长")] >= SPLIT_PENALTY
    tokens = [("产值", "n"), ("首", "m"), ("破", "v"), ("百亿", "m"), ("预制", "v"), ("菜", "n"), ("成为", "v"), ("增长极", "n")]
    assert word_boundaries(tokens)[_after(tokens, "百亿")] <= -CLAUSE_BONUS


def test_a_verb_that_takes_no_object_ends_its_clause(ts):
    """出炉, 开班, 召开 after its meeting take no object: what follows starts
    the next clause, whatever jieba tags it (…考评结果出炉 / 枫塘镇等5个乡镇
    获评…, …联席会议召开 / 通报/n 研判…); none starts a clause either (结果 /
    出炉 never), and a one-character noun after it is part of a word (开学 /
    季 never). Tokens as jieba gives them, the layout's clause verbs."""
    hints, ends = ts.title_rules.hints, ts.title_rules.ends
    tokens = [("全县", "n"), ("平安", "a"), ("建设", "vn"), ("考评", "v"), ("结果", "n"), ("出炉", "v"), ("枫塘镇", "ns"), ("等", "u"),
              ("5", "m"), ("个", "m"), ("乡镇", "n"), ("获评", "v"), ("“", "x"), ("平安", "a"), ("乡镇", "n"), ("”", "x")]
    b = word_boundaries(tokens, hints, ends)
    assert b[_after(tokens, "结果")] > -CLAUSE_BONUS and b[_after(tokens, "出炉")] <= -CLAUSE_BONUS
    assert word_boundaries(tokens)[_after(tokens, "结果")] > -CLAUSE_BONUS  # whatever the layout lists
    tokens = [("全县", "n"), ("干部", "n"), ("监督", "vn"), ("工作", "vn"), ("联席会议", "l"), ("召开", "v"), ("通报", "n"), ("研判", "vn"),
              ("干部", "n"), ("选任", "v"), ("风险", "n"), ("点", "m")]
    assert word_boundaries(tokens, hints, ends)[_after(tokens, "召开")] <= -CLAUSE_BONUS
    tokens = [("街道", "n"), ("“", "x"), ("护苗", "v"), ("”", "x"), ("开学", "v"), ("季", "n"), ("守护", "v"), ("儿童", "n")]
    assert word_boundaries(tokens, hints, ends)[_after(tokens, "开学")] > -CLAUSE_BONUS


def test_what_is_said_after_a_time_or_an_adverb_is_a_clause():
    """调研时要求 / 抓好…, 一致表示 / 坚决拥护…: a verb of saying after a time
    or an adverb ends its clause, what is said starts the next; after an
    object it starts the clause (…防汛工作 / 要求压紧…). Tokens as jieba gives them."""
    tokens = [("副", "b"), ("市长", "n"), ("赴", "v"), ("乡镇", "n"), ("调研", "vn"), ("时", "n"), ("要求", "v"), ("抓好", "v"),
              ("秋粮", "n"), ("生产", "vn"), ("确保", "v"), ("颗粒归仓", "n")]
    assert word_boundaries(tokens)[_after(tokens, "要求")] <= -CLAUSE_BONUS
    assert _lines(tokens) == ["副市长赴乡镇调研时要求", "抓好秋粮生产确保颗粒归仓"]
    tokens = [("中央", "n"), ("政法委", "n"), ("机关", "n"), ("党员干部", "n"), ("一致", "d"), ("表示", "v"), ("坚决拥护", "v"),
              ("宪法", "n"), ("修正案", "n")]
    assert _lines(tokens) == ["中央政法委机关党员干部一致表示", "坚决拥护宪法修正案"]
    tokens = [("市", "n"), ("领导", "n"), ("带队", "n"), ("督导", "n"), ("检查", "vn"), ("防汛", "vn"), ("工作", "vn"), ("要求", "v"),
              ("压紧", "v"), ("压实", "v"), ("各级", "r"), ("防汛", "vn"), ("责任", "n")]
    assert word_boundaries(tokens)[_after(tokens, "要求")] >= SPLIT_PENALTY  # …工作要求 / 压紧…: never


def test_a_tag_and_a_span_stay_whole():
    """【权威发布】 opens a headline as a label does: no line ends with it; 从 X
    到 Y is one span, never parted before 到. Tokens as jieba gives them."""
    tokens = [("【", "x"), ("权威", "nr"), ("发布", "v"), ("】", "x"), ("春节", "t"), ("青岛", "ns"), ("迎客", "nr"), ("262", "m"),
              ("万", "m"), ("人", "n"), ("进账", "v"), ("近", "t"), ("38", "m"), ("亿元", "m")]
    assert word_boundaries(tokens)[_after(tokens, "】")] >= SPLIT_PENALTY
    tokens = [("从", "p"), ("“", "x"), ("水里", "s"), ("捞", "v"), ("金", "n"), ("”", "x"), ("到", "v"), ("“", "x"), ("三产", "j"),
              ("融合", "vn"), ("”", "x"), ("马杰", "nr"), ("家庭", "n"), ("农场", "n"), ("的", "uj"), ("增收", "v"), ("密码", "n")]
    b = word_boundaries(tokens)
    assert b[6] >= SPLIT_PENALTY  # 从“水里捞金” / 到…
    assert _lines(tokens) == ["从“水里捞金”到“三产融合”", "马杰家庭农场的增收密码"]
    # a span may part at its own comma (从小小菜园， / 到千家万户的餐桌)
    tokens = [("从", "p"), ("小小", "b"), ("菜园", "n"), ("，", "x"), ("到", "v"), ("千家万户", "i"), ("的", "uj"), ("餐桌", "n")]
    assert word_boundaries(tokens)[_after(tokens, "，")] <= -PAUSE_BONUS + 1
    # a tag inside the title is no label
    assert word_boundaries([("县", "n"), ("【", "x"), ("快讯", "n"), ("】", "x"), ("开展", "v"), ("活动", "vn")])[5] < SPLIT_PENALTY


def test_a_title_that_fits_does_not_need_the_segmenter():
    def no_segmenter(_):
        raise AssertionError("segmenter called for a title that fits")

    assert break_title("胶州市“三个聚焦”推动志愿服务常态化", one_cell_units("胶州市“三个聚焦”推动志愿服务常态化"), 20, 1, no_segmenter) == [
        "胶州市“三个聚焦”推动志愿服务常态化"
    ]


# -- exact breaks with the default layout (fonts, measure, jieba)

BY_HAND = [
    # titles a reviewer wrote (not real ones) where rules written from real misses first misfired: a
    # word that only ends as an organ is no subject (服务大局), 我县 after 进驻 is its object, an office keeps
    # its holder, 发布 takes its numbered object, an adjective after 更加 is a predicate, 举办 names no
    # meeting across another clause's verb, a list may part after 、 rather than inside 高校毕业生
    ("县市场监管局联合县公安局开展食品安全联合执法检查", ["县市场监管局联合县公安局", "开展食品安全联合执法检查"]),
    ("县商务局联合县市场监管局开展成品油市场专项整治", ["县商务局联合县市场监管局", "开展成品油市场专项整治"]),
    ("市审计局围绕中心服务大局扎实推进审计全覆盖", ["市审计局围绕中心服务大局", "扎实推进审计全覆盖"]),
    ("省委第三巡视组进驻我县开展为期两个月的常规巡视", ["省委第三巡视组进驻我县", "开展为期两个月的常规巡视"]),
    ("省农科院专家团队走进我市开展农业科技服务活动", ["省农科院专家团队走进我市", "开展农业科技服务活动"]),
    ("全市招商引资推进会召开市委常委、副市长刘洋出席", ["全市招商引资推进会召开", "市委常委、副市长刘洋出席"]),
    ("全市优化营商环境大会召开市委书记王刚出席并讲话", ["全市优化营商环境大会召开", "市委书记王刚出席并讲话"]),
    ("市政府发布20条措施支持民营经济高质量发展", ["市政府发布20条措施", "支持民营经济高质量发展"]),
    ("第五届农民丰收节开幕20余家企业现场签约农产品订单", ["第五届农民丰收节开幕", "20余家企业现场签约农产品订单"]),
    ("社区服务更加精准高效打通为民服务“最后一米”", ["社区服务更加精准高效", "打通为民服务“最后一米”"]),
    ("我县农村人居环境更加干净整洁助推全域旅游高质量发展", ["我县农村人居环境更加干净整洁", "助推全域旅游高质量发展"]),
    ("市商务局举办跨境电商培训推动外贸企业参加广交会拓展海外市场", ["市商务局举办跨境电商培训", "推动外贸企业参加广交会拓展海外市场"]),
    ("县人社局全力做好高校毕业生、退役军人等重点群体就业工作", ["县人社局全力做好高校毕业生、", "退役军人等重点群体就业工作"]),
    # … and, in the same reviewer's titles, misses of both versions mended since: an organ after 联合 is its
    # object (its name now one word: 农业农村局), people after 保障 are its object (保障人民群众…), an organ
    # that ends in 会 (管委会, 常委会) is no meeting
    ("县供销社联合农业农村局开展农资打假专项行动", ["县供销社联合农业农村局", "开展农资打假专项行动"]),
    ("市水利局全力做好汛期防汛抗旱工作保障人民群众生命财产安全", ["市水利局全力做好汛期防汛抗旱工作", "保障人民群众生命财产安全"]),
    ("县委常委会召开会议研究部署当前防汛救灾工作", ["县委常委会召开会议", "研究部署当前防汛救灾工作"]),
    # a result with 让 after a verb is a clause, and what 让 acts on is no verb's object (invented titles:
    # titles-invented.yaml's editor and the reviewer); words jieba cuts wrongly (保障网兜牢, 保驾护航/nr)
    ("县医疗保障局推行“一站式”结算让群众看病报销少跑腿", ["县医疗保障局推行“一站式”结算", "让群众看病报销少跑腿"]),
    ("西城区：党建引领接诉即办让群众急难愁盼有回应", ["西城区：党建引领接诉即办", "让群众急难愁盼有回应"]),
    ("市民政局织密社会救助保障网兜牢困难群众基本生活底线", ["市民政局织密社会救助保障网", "兜牢困难群众基本生活底线"]),
    ("市气象局强化精细化预报服务为“三夏”生产保驾护航", ["市气象局强化精细化预报服务", "为“三夏”生产保驾护航"]),
    # where a second invented set (an editor persona's, measured blind: 82 of its 150 against the last stop's
    # 85) broke worse than the stop before: a /d that is no adverb (进度/d), an adjective naming the next
    # noun phrase (节俭就餐), 协商会 (a meeting, though it ends as 商会), 全国文明城市 (no place's name)
    ("市农业农村局抢抓农时全市春播进度已完成计划的78%", ["市农业农村局抢抓农时", "全市春播进度已完成计划的78%"]),
    ("市政协召开专题协商会聚焦“一老一小”服务建言献策", ["市政协召开专题协商会", "聚焦“一老一小”服务建言献策"]),
    ("市文明办深化“光盘行动”倡导文明节俭就餐新风尚", ["市文明办深化“光盘行动”", "倡导文明节俭就餐新风尚"]),
    ("我市全力冲刺创建全国文明城市测评短板问题整改完成率达95%", ["我市全力冲刺创建全国文明城市", "测评短板问题整改完成率达95%"]),
    # a pause is the clearest break
    ("我市召开安全生产工作会议，部署岁末年初安全防范工作", ["我市召开安全生产工作会议，", "部署岁末年初安全防范工作"]),
    # subject and action / purpose: before the second verb phrase
    ("平度市擦亮“庄户学院”品牌激发文明实践新活力", ["平度市擦亮“庄户学院”品牌", "激发文明实践新活力"]),
    ("我县深化放管服改革持续优化营商环境推动高质量发展取得新成效", ["我县深化放管服改革持续优化营商环境", "推动高质量发展取得新成效"]),
    ("市北区以党建引领基层治理“组合拳”打好文明典范城市创建“攻坚战”", ["市北区以党建引领基层治理“组合拳”", "打好文明典范城市创建“攻坚战”"]),
    # not 产权转 / 让 (the old one-character clause verb), not 国有产权 / 转让
    ("某市召开国有产权转让工作会议部署全年重点任务", ["某市召开国有产权转让工作会议", "部署全年重点任务"]),
    # a number stays with its measure word and the quote stays whole
    ("我市围绕四个“聚焦”扎实推进新时代文明实践中心建设", ["我市围绕四个“聚焦”", "扎实推进新时代文明实践中心建设"]),
    ("李沧区抓实“五个强化”提升全国文明典范城市创建水平", ["李沧区抓实“五个强化”", "提升全国文明典范城市创建水平"]),
    ("我市新增3个全国文明村镇推动文明创建工作提质增效", ["我市新增3个全国文明村镇", "推动文明创建工作提质增效"]),
    # a verb phrase is not parted (推广 / 使用)
    ("我市举办“学习强国”学习平台推广使用工作“成效擂台”", ["我市举办“学习强国”学习平台", "推广使用工作“成效擂台”"]),
    # a bracketed date or note goes to a line of its own
    ("广元市安全生产治本攻坚三年行动方案（2024—2026年）", ["广元市安全生产治本攻坚三年行动方案", "（2024—2026年）"]),
    ("某市老旧小区改造提升工作实施方案（征求意见稿）", ["某市老旧小区改造提升工作实施方案", "（征求意见稿）"]),
    # a label (who) then the headline's two clauses: the break between the clauses
    ("东山县西河镇：党建引领聚民心文明积分焕新颜", ["东山县西河镇：党建引领聚民心", "文明积分焕新颜"]),
    ("南山区北湖街道：深耕“红色物业”沃土绘就基层治理新画卷", ["南山区北湖街道：深耕“红色物业”沃土", "绘就基层治理新画卷"]),
    # a year stays with what it dates
    ("某县召开全县2024年度重点项目推进会部署全年工作", ["某县召开全县2024年度重点项目推进会", "部署全年工作"]),
    # three lines rather than a slogan cut in two
    (
        "我市全面推进智慧文旅建设打造“一部手机游青岛”数字服务新体系取得阶段性成效",
        ["我市全面推进智慧文旅建设", "打造“一部手机游青岛”数字服务新体系", "取得阶段性成效"],
    ),
    # a title that fits stays on one line: one clause, or a slogan's subject before its verb
    ("胶州市“三个聚焦”推动志愿服务常态化", ["胶州市“三个聚焦”推动志愿服务常态化"]),
    ("青岛西海岸新区创新开展二十四节气宣传", ["青岛西海岸新区创新开展二十四节气宣传"]),
    # … unless it reads as two clauses: then two lines, as its editors set them (real titles)
    ("创新“五位一体”格局提高社会治理水平", ["创新“五位一体”格局", "提高社会治理水平"]),
    ("单县：善益站——城市温暖角落点亮文明之光", ["单县：善益站——城市温暖角落", "点亮文明之光"]),
    # the frame 以…为… whole; a clause verb after a meeting held; a compound term whole
    ("莱西市以“莱西经验”为引领探索乡村治理新路径", ["莱西市以“莱西经验”为引领", "探索乡村治理新路径"]),
    ("全市宣传思想文化工作会议召开部署2023年重点任务", ["全市宣传思想文化工作会议召开", "部署2023年重点任务"]),
    ("用心用情务实推动新时代文明实践工作深入人心", ["用心用情务实推动", "新时代文明实践工作深入人心"]),
    # after a label, a slogan in quotes then the clause verb
    ("平安镇：“三个聚焦”推动高标准农田建设提质增效", ["平安镇：“三个聚焦”", "推动高标准农田建设提质增效"]),
    # a short means stays with its verb (以信用破解…, a real title)
    ("荣成市虎山镇鹊岛村以信用破解遗留难题构筑乡村治理新格局", ["荣成市虎山镇鹊岛村以信用破解遗留难题", "构筑乡村治理新格局"]),
    # a second clause whose subject is a place (real titles); but a short verb takes its place (进楼院)
    ("建立防控机制确保空气改善大安区齐抓共管大气污染防治", ["建立防控机制确保空气改善", "大安区齐抓共管大气污染防治"]),
    ("上街区新安路街道：反诈宣传进楼院守护群众“钱袋子”", ["上街区新安路街道：反诈宣传进楼院", "守护群众“钱袋子”"]),
    # a verbal noun after its subject is its verb (湖南/启动/“…”), a head noun stays after its quote (a real title)
    ("湖南启动“一件事一次办”改革公布首批百项事项目录表", ["湖南启动“一件事一次办”改革", "公布首批百项事项目录表"]),
    # a verb and its object, then another verb with its own object (a real title); not 零基 / 预算改革
    ("“阳光之星爱心计划”走进新邵援建助学20万元", ["“阳光之星爱心计划”走进新邵", "援建助学20万元"]),
    ("财政部青岛监管局：青岛市深化零基预算改革探索完善预算管理新模式", ["财政部青岛监管局：青岛市深化零基预算改革", "探索完善预算管理新模式"]),
    # a result with 让 is a clause of its own; a noun keeps the quote it qualifies (群众“微心愿”; a real title)
    ("中牟县圣景社区：点亮群众“微心愿”让幸福声声不息", ["中牟县圣景社区：点亮群众“微心愿”", "让幸福声声不息"]),
    # a compound the layout's vocabulary names stays whole (政务公开; a real title that fits, two clauses)
    ("太湖：推进政务公开打造“阳光政府”", ["太湖：推进政务公开", "打造“阳光政府”"]),
    # a couplet after its label, fitting or not (real titles)
    ("财政部青海监管局：党组搭台青年唱高原监管练担当", ["财政部青海监管局：党组搭台青年唱", "高原监管练担当"]),
    ("老城街道：乡村振兴走新路联合党委谱新篇", ["老城街道：乡村振兴走新路", "联合党委谱新篇"]),
    # verse halves, a second clause with its own subject or quoted predicate (real titles)
    ("姜堰区淤溪镇：粽叶飘香忆军魂红心向党续荣光", ["姜堰区淤溪镇：粽叶飘香忆军魂", "红心向党续荣光"]),
    ("张掖临泽县整改落实“回头看”作风建设“向前走”", ["张掖临泽县整改落实“回头看”", "作风建设“向前走”"]),
    ("千鹤一社区举办学雷锋志愿活动便民服务暖人心", ["千鹤一社区举办学雷锋志愿活动", "便民服务暖人心"]),
    ("睢阳区深化“五星”支部创建村庄不光有“颜值”还有“内涵”", ["睢阳区深化“五星”支部创建", "村庄不光有“颜值”还有“内涵”"]),
    # a verse couplet after its label is two lines however short; a title of 14 that is not verse stays whole
    ("叶大乡：小小微心愿传递大温暖", ["叶大乡：小小微心愿", "传递大温暖"]),
    ("普陀：加强为民服务窗口作风建设", ["普陀：加强为民服务窗口作风建设"]),
    # a headline and its subtitle: the dash starts the second line, even in a title that fits; but not a dash
    # that names the label's unit (单县：善益站——…, a real title, above)
    ("让文明之花开遍城乡——我市新时代文明实践中心建设工作综述", ["让文明之花开遍城乡", "——我市新时代文明实践中心建设工作综述"]),
    ("守护一方平安——记我县公安局刑侦大队", ["守护一方平安", "——记我县公安局刑侦大队"]),
    # the editor's space is the break, after a closing quote too
    ("以“小切口”推动“大变化” 即墨区扎实开展文明城市创建", ["以“小切口”推动“大变化”", "即墨区扎实开展文明城市创建"]),
    # a verb after the noun it names is no clause's start (理论宣讲)
    ("李沧区“五个一”工作法推动理论宣讲进社区、进企业、进学校", ["李沧区“五个一”工作法", "推动理论宣讲进社区、进企业、进学校"]),
    # a 以 phrase that a clause verb follows is a means, not 以…为…: the 为 after it is a purpose
    ("我市以“双招双引”推动产业升级为高质量发展注入新动能", ["我市以“双招双引”推动产业升级", "为高质量发展注入新动能"]),
    # a label's colon starts the headline, whatever the segmenter makes of the place (新圩镇/v)
    ("新圩镇：做好森林防灭火工作守卫一方绿水青山", ["新圩镇：做好森林防灭火工作", "守卫一方绿水青山"]),
    # 审议通过 is one verb (jieba tags 通过 a preposition): never …会议审议 / 通过《…》 (a new user's 人大 bulletin)
    ("市十七届人大常委会第二十一次会议审议通过《东川市物业管理条例》等3项法规决定",
     ["市十七届人大常委会第二十一次会议审议通过", "《东川市物业管理条例》等3项法规决定"]),
]


def test_a_title_that_fits_needs_no_segmenter_unless_it_may_have_two_clauses():
    from zhuanbao.layout.titles import is_verse, may_be_couplet, may_read_as_two_clauses

    hints = ("推动", "开展", "提高", "点亮")
    assert not may_read_as_two_clauses("青岛西海岸新区创新开展二十四节气宣传", hints, 6)  # no action before 开展
    assert may_read_as_two_clauses("创新“五位一体”格局提高社会治理水平", hints, 6)  # a quote closed before 提高
    assert may_read_as_two_clauses("单县：善益站——城市温暖角落点亮文明之光", hints, 6)  # a label before 点亮
    assert not may_read_as_two_clauses("单县：善益站点亮文明", hints, 6)  # too short for two lines of six
    # a couplet after a label (real titles); without a label, halves of one length are as often one
    # clause (冰城公安帮助香港 / 游客…, kept on one line by its editors)
    assert may_be_couplet("广东监管局：赛龙夺锦竞风采揭榜挂帅砺尖兵", 6)
    assert not may_be_couplet("冰城公安帮助香港游客找回遗失钱包", 6)
    assert not may_be_couplet("泥窝潭乡：集镇清洁展现红色", 6)  # halves of four: no couplet
    assert not may_be_couplet("广东监管局：赛龙夺锦竞风采 揭榜挂帅砺尖兵", 6)  # the editor's space: one line, as typed
    assert not may_read_as_two_clauses("我市召开安全生产会议 部署防范工作", hints, 6)  # the editor's space: one line, as typed
    # a verse couplet after its label, however short (叶大乡：小小微心愿 / 传递大温暖, a real title); halves
    # of four or six, or without a label, are not verse
    assert is_verse("叶大乡：小小微心愿传递大温暖") and is_verse("张楼镇：实战演练筑防线全力备汛保安全")
    assert not is_verse("普陀：加强为民服务窗口作风建设") and not is_verse("小小微心愿传递大温暖")
    assert not is_verse("某镇：“微心愿”传递大温暖")


def test_a_title_is_broken_once(monkeypatch):
    """The 目录 and the article ask for the same title's lines, and the
    版记's economies lay the flow out again: the grammar runs once a title."""
    from zhuanbao.layout import titles as titles_module

    ts = bench.typesetter()
    rs = ts.run_style("title", on_grid=False)
    calls = []
    real = titles_module.word_boundaries
    monkeypatch.setattr(titles_module, "word_boundaries", lambda *a, **k: calls.append(1) or real(*a, **k))
    text = "我市全面推进智慧文旅建设打造数字服务新体系取得阶段性成效"
    first = ts.title_pieces(text, rs, ts.grid.width, None)
    first.append("changed by a caller")
    assert ts.title_pieces(text, rs, ts.grid.width, None) == first[:-1] and len(first) > 2
    assert len(calls) == 1


@pytest.mark.parametrize("text,want", BY_HAND, ids=[t for t, _ in BY_HAND])
def test_breaks_worked_out_by_hand(rules_alone, text, want):
    """The rules' own choice (the title model ranks among the breaks they
    allow: see the next test)."""
    assert breaks(rules_alone, text) == want


def test_the_model_keeps_to_the_breaks_worked_out_by_hand(ts, rules_alone):
    """With the title model, the hand breaks still hold but for a few where
    it prefers another break the rules allow: after the verb whose long
    object fills the second line (县市场监管局联合县公安局开展 / 食品安全
    联合执法检查, as the editor personas print 县卫健局与县民政局联合开展 /
    失能老年人…), never after 联合, never between 进驻 and 我县, never inside
    a quote."""
    from zhuanbao.layout.titles import SPLIT_PENALTY, word_boundaries

    differ = []
    for text, want in BY_HAND:
        got = breaks(ts, text)
        if got == want:
            continue
        differ.append(text)
        assert len(got) == 2 and breaks(rules_alone, text) == want
        tokens = ts._segment(text)
        bounds = word_boundaries(tokens, ts.title_rules.hints, ts.title_rules.ends)
        assert bounds.get(len(got[0]), math.inf) < SPLIT_PENALTY, (text, got)  # a break the rules allow
    assert len(differ) <= 3, differ  # 3 of 69 when the model came in


# -- the set of real titles


@pytest.fixture(scope="module")
def real_titles():
    titles = bench.load_set()
    assert len(titles) >= 19
    return titles


# Floors since the title model (layouts/title_model.txt, learned from these very sets by
# bench/title_model.py) are in-sample; `python bench/title_model.py --cv` gives each set's
# agreement with a model learned from the other sets only (real 442/689, invented 3352/5000).
SETS = {  # each set of real titles, and the agreement measured on it less one: a change that loses two editors' breaks shows
    "titles.yaml": 16,  # 公文 title blocks and 4 bulletin headlines (the verb list before the grammar breaker: 4)
    "titles-bulletins.yaml": 40,  # bulletin headlines the breaker was tuned on (11 of the first 37 before)
    "titles-heldout.yaml": 17,  # held out until the rules were frozen (then 7)
    "titles-sealed.yaml": 29,  # sealed until measured (then 18): 6/8 too long for a line, 13/13 kept whole, 4/20 spaced
    "titles-sealed3.yaml": 22,  # sealed until measured at d654044: 11/29 (long 8/16, spaced short ones 3/13)
    "titles-sealed4.yaml": 27,  # sealed until measured at ab95106: 18/32 (the stop before: 17/32)
    "titles-sealed5.yaml": 19,  # sealed until measured at b4cac14: 2/20 (the stop before: 2/20; nine "名单公布 / 我市上榜")
    "titles-sealed6.yaml": 24,  # sealed until measured at 43ecb2c: 17/29 (the stop before: 16/29)
    "titles-sealed7.yaml": 25,  # sealed until measured at 26d6715: 21/30 (the stop before: 21/30)
    "titles-sealed8.yaml": 3,  # sealed until measured at 49e6d25: 1/3 (the stop before: 0/3)
    "titles-sealed9.yaml": 29,  # sealed until measured at 52b2c88 (the rules of the stop before, aa0d197): 23/34
    "titles-sealed10.yaml": 16,  # sealed until measured at d68e8cc: 12/30 (aa0d197: 12/30)
    "titles-sealed11.yaml": 20,  # sealed until measured at d68e8cc: 14/41 (aa0d197: 14/41)
    "titles-sealed12.yaml": 21,  # sealed until measured at d68e8cc: 19/31 (aa0d197: 19/31)
    "titles-sealed13.yaml": 23,  # sealed until measured at 1c1ee14: 17/33 (aa0d197: 15/33)
    "titles-sealed14.yaml": 17,  # sealed until measured at 1c1ee14: 14/35 (aa0d197: 15/35)
    "titles-sealed15.yaml": 15,  # sealed until measured at ff48b29: 12/23 (aa0d197: 12/23)
    "titles-sealed16.yaml": 17,  # sealed until measured with the rules of 27b01c6: 16/31
    "titles-sealed17.yaml": 18,  # sealed until measured with the rules of 27b01c6: 11/37
    "titles-sealed18.yaml": 10,  # sealed until measured with the rules of 27b01c6: 5/32 (news headlines, 19 that fit but were spaced)
    "titles-sealed19.yaml": 25,  # sealed until measured with the rules of 27b01c6: 20/41
    "titles-sealed20.yaml": 10,  # sealed until measured: 10/17 with 27b01c6's rules, c0dfa87's and the lexicon alike
    "titles-sealed21.yaml": 17,  # sealed until measured: 14/32 with 27b01c6's rules, c0dfa87's and the lexicon alike
}


@pytest.fixture(scope="module")
def every_title():
    return {name: bench.load_set(bench.FIXTURE.parent / name) for name in SETS}


@pytest.mark.xfail(
    strict=True,
    reason="689 real titles in twenty-three sets: the layout agrees on 484 (70 %; 442 with a title model learned from the other sets only), below the 80 % target. Measured blind, "
    "on titles it had never seen, it agreed on 7/18, 18/41, 11/29, 18/32, 2/20, 17/29, 21/30, 1/3, 23/34, 12/30, "
    "14/41, 19/31, 17/33, 14/35, 12/23, 16/31, 11/37, 5/32, 20/41, 10/17 and 14/32 (about half; four invented sets of 150 "
    "bulletin titles: 88, 82, 84, 71; with the title model learned without them, two of 400: 265, 252). On the eleven sets of 2026-12-01: bulletin items 67/116, news headlines "
    "44/111 (the seven of the day before); titles too long for a line 61/134 and 18/57 (of those two lines can hold), "
    "titles that fit and were kept on one line 46/52 and 27/30, titles that fit but were "
    "spaced as two clauses 4/41 and 7/43 (weak evidence: a web list's space is not a printed break). The misses: a second "
    "clause's subject nothing marks, words "
    "jieba does not know or tags wrongly, parts wider than the line (39 titles no two lines can match), 公文 titles "
    "whose editors fill the first line. Strict: when the "
    "agreement reaches 80 % this test passes and the marker must go.",
)
def test_agreement_with_editors_over_every_set_is_at_least_80_percent(ts, every_title):
    """Agreement on every set, titles the rules were written from included:
    issue 7's target is agreement on titles never seen, which each set's
    header gives as measured once before its titles were read;
    bench/titles.py --blind measures a new set without showing it."""
    titles = [t for ts_ in every_title.values() for t in ts_]
    agree, wrong = bench.agreement(titles, ts)
    assert agree / len(titles) >= 0.8, wrong


@pytest.mark.parametrize("name,floor", [
    ("titles-invented.yaml", 126), ("titles-invented2.yaml", 122), ("titles-invented3.yaml", 108), ("titles-invented4.yaml", 114),
    ("titles-invented5.yaml", 99), ("titles-invented6.yaml", 116), ("titles-invented7.yaml", 109), ("titles-invented8.yaml", 94),
    ("titles-invented9.yaml", 111), ("titles-invented10.yaml", 112), ("titles-invented11.yaml", 110), ("titles-invented12.yaml", 104),
    ("titles-invented13.yaml", 282), ("titles-invented14.yaml", 290), ("titles-invented15.yaml", 277), ("titles-invented16.yaml", 288),
    ("titles-invented17.yaml", 280), ("titles-invented18.yaml", 321), ("titles-invented19.yaml", 297), ("titles-invented20.yaml", 276),
])
def test_titles_an_editor_persona_broke(ts, name, floor):
    """150 titles each of twelve helpers invented while playing an experienced
    editor, with the breaks it would print, each measured blind once (88/150,
    the stop before 86; 82/150, the stop before 85; 84/150 and 71/150 with the
    rules of 27b01c6; 65/150 and 75/150 with the rules written from those two,
    against 58 and 75 for 27b01c6's; 67/150 and 70/150 with the rules of
    e8f90c6, against 58 and 63; 69/150 and 76/150 with the rules of
    1aa6e63, against 61 and 70; 86/150 and 78/150 with the lexicon of
    d0c5d20, against 78 and 70 for c0dfa87's rules and 75 and 63 for
    27b01c6's), and 400 each of eight more (229, 214, 221, 215, 215 and 272/400
    with the lexicon of 53a5319; the last two, sealed until the title model
    was built, 238 and 217 with that lexicon, 265 and 252 with the model
    learned without them):
    floors (3 or 6 below the measure: a retrain moves a few), in-sample since the title model learns from them
    (`bench/title_model.py --cv` gives each set learned from the others)."""
    titles = bench.load_set(bench.FIXTURE.parent / name)
    assert len(titles) in (150, 400)
    agree, wrong = bench.agreement(titles, ts)
    assert agree >= floor, wrong


def test_titles_their_editors_kept_on_one_line_stay_whole(ts):
    """Real headlines that fit, published on one line by sites that space
    their two-clause titles: the rules for titles that fit (a clause break,
    a couplet after its label) must not break them."""
    titles = bench.load_set(bench.FIXTURE.parent / "titles-oneline.yaml")
    assert len(titles) >= 80 and all(len(t) == 1 for t in titles)
    agree, wrong = bench.agreement(titles, ts)
    assert agree >= 83, wrong  # 83/90 when the set was added (the breaker before the couplet rule: 84)


@pytest.mark.parametrize("name", SETS)
def test_agreement_does_not_fall_below_the_measured_level(ts, every_title, name):
    agree, wrong = bench.agreement(every_title[name], ts)
    assert agree >= SETS[name], wrong


def test_every_printed_line_of_the_other_sets_fits():
    ts = bench.typesetter()
    rs = ts.run_style("title", on_grid=False)
    wider = []
    for name in SETS:
        items = yaml.safe_load((bench.FIXTURE.parent / name).read_text(encoding="utf-8"))
        for t, item in zip(bench.load_titles(bench.FIXTURE.parent / name), items, strict=True):
            assert t.genre in {"公文", "简报", "新闻"} and t.evidence in {"printed", "space"}, (name, t)
            # (16–20 characters kept whole: titles-sealed.yaml's and the later sets' `kind: one`)
            assert len(t.lines) > 1 or name == "titles-sealed.yaml" or item.get("kind") == "one", (name, t.lines)
            assert sum(len(line) for line in t.lines) >= 14, (name, t.lines)
            fits = all(ts.width_of(line, rs, None) <= ts.grid.width + 0.01 for line in t.lines)
            # a sealed set keeps what it was measured on, a web title whose part is wider than a line included
            assert fits != bool(item.get("wider_than_the_line")), (name, t.lines)
            wider += [t.lines] if not fits else []
    assert len(wider) == 41, wider  # three in titles-sealed9.yaml, 23 in titles-sealed10–15.yaml, 15 in 16–21


def test_the_set_is_split_by_position_and_every_line_fits():
    """The tuning and held-out halves are fixed by position (not chosen), and
    each printed line fits the default measure: an editor's break the layout
    could make."""
    items = bench.load_titles()
    assert [t.half for t in items[:4]] == ["tuning", "held-out", "tuning", "held-out"]
    assert {t.genre for t in items} == {"公文", "简报"} and {t.evidence for t in items} <= {"printed", "space"}
    ts = bench.typesetter()
    rs = ts.run_style("title", on_grid=False)
    for t in items:
        assert sum(len(line) for line in t.lines) > 20, t.lines  # too long for one line
        for line in t.lines:
            assert ts.width_of(line, rs, None) <= ts.grid.width + 0.01, (t.lines, line)


def test_never_inside_a_word_over_the_sets(ts, every_title):
    """Judged by jieba's default dictionary (not the layout's word list): no
    break inside a word or after a number; inside 《…》 only where the title
    cannot be laid out otherwise (a 《…》 longer than a line)."""
    judge = bench.judge()
    for lines in [t for ts_ in every_title.values() for t in ts_]:
        text = "".join(lines)
        got = breaks(ts, text)
        # (a break the editors made too is one the judge misreads: 防治之基 / 筑牢…, jieba's 基筑)
        editors = bench.bad_breaks(lines, judge)
        bad = [b for b in bench.bad_breaks(got, judge) if "quotes" not in b and b not in editors]
        assert not bad, (text, got, bad)
        for b in [b for b in bench.bad_breaks(got, judge) if "quotes" in b]:
            if text.count("“") != text.count("”"):
                continue  # a quote its page never closes (titles-sealed15.yaml): every break after it is "inside"
            longest = max(len(q) for q in text.replace("》", "《").split("《")[1::2])
            assert longest > 20, (text, got, b)


# -- jieba: the same words as jieba's own, loaded in a fraction of the time


def test_the_segmenter_cuts_as_jieba_with_its_whole_dictionary(tmp_path):
    """Unpacking the dictionary only for a title's characters changes nothing:
    every sentence of issue 13's sources and every title of the set comes out in the same
    words with the same tags as from jieba's own POSTokenizer with the whole
    dictionary and the layout's word list (places joined as join_places joins them)."""
    import re
    import warnings

    import yaml

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

    words = str(ROOT / "layouts" / "title_words.txt")
    whole = jieba.Tokenizer()
    whole.tmp_dir = str(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole.load_userdict(words)
    pos = jieba.posseg.POSTokenizer(whole)
    ours = jieba_segmenter(words)
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "content" / "13").glob("*.md")))
    text += "\n".join("".join(i["lines"]) for i in yaml.safe_load(bench.FIXTURE.read_text(encoding="utf-8")))
    sentences = [s for s in re.split(r"[\n。]", text) if s.strip()]
    assert len(sentences) > 100
    for s in sentences:
        assert ours(s) == join_places([(p.word, p.flag) for p in pos.cut(s)]), s


def test_jieba_loads_without_pkg_resources_and_silently():
    """In a fresh process: no pkg_resources (a third of a second, and a
    deprecation warning), nothing on stderr, sys.modules left clean."""
    code = (
        "import sys; from zhuanbao.layout.titles import jieba_segmenter; "
        f"s = jieba_segmenter({str(ROOT / 'layouts' / 'title_words.txt')!r}); "
        "print(s('平度市擦亮品牌激发文明实践新活力')[1]); "
        "print('pkg_resources' in sys.modules, 'jieba' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONWARNINGS="default")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["('擦亮', 'v')", "False True"], proc.stdout
    assert proc.stderr == "", proc.stderr


# -- one decision for the 目录 and the article


def test_the_toc_and_the_article_break_alike(tmp_path, content_copy):
    """A title on one line breaks the same way in the 目录 and above the article."""
    import pdfread

    title = "某市召开国有产权转让工作会议部署全年重点任务"
    art = sorted((content_copy / "13").glob("*.md"))[0]
    text = art.read_text(encoding="utf-8")
    head, rest = text.split("title: |\n", 1)
    rest = rest.split("\n", 2)[2]
    art.write_text(head + f"title: {title}\n" + rest, encoding="utf-8")
    proc = run_cli("render", "13", "--content", str(content_copy), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "13" / "宣传信息专报第13期.pdf")
    toc = ["".join(c.ch for c in ln if not c.ch.isspace()) for ln in pdfread.lines_of([c for c in chars if c.page == 1])]
    printed = ["".join(c.ch for c in ln) for ln in pdfread.lines_of([c for c in chars if c.size == 22])]
    want = ["某市召开国有产权转让工作会议", "部署全年重点任务"]
    k = toc.index(want[0])
    assert toc[k + 1] == want[1]
    k = printed.index(want[0])
    assert printed[k + 1] == want[1]


# -- check names every title the layout broke


def test_check_warns_about_titles_the_layout_broke(tmp_path, content_copy):
    art = next(p for p in sorted((content_copy / "13").glob("*.md")) if "庄户学院" in p.read_text(encoding="utf-8"))
    text = art.read_text(encoding="utf-8")
    text = text.replace("title: |\n  平度市擦亮“庄户学院”品牌\n  激发文明实践新活力\n", "title: 平度市擦亮“庄户学院”品牌激发文明实践新活力\n")
    art.write_text(text, encoding="utf-8")
    # a 简讯 runs its title in: a couplet there is broken nowhere, and not warned about
    brief = next(p for p in sorted((content_copy / "13").glob("*.md")) if "二十四节气宣传" in p.read_text(encoding="utf-8"))
    brief.write_text(brief.read_text(encoding="utf-8").replace("title: 青岛西海岸新区创新开展二十四节气宣传", "title: 青岛西海岸新区：文明之花遍地开实践之果美乡村"), encoding="utf-8")
    assert "文明之花" in brief.read_text(encoding="utf-8")
    line = text.splitlines().index("title: 平度市擦亮“庄户学院”品牌激发文明实践新活力") + 1
    # from a read-only folder: jieba's cache goes to the temp dir, nothing is written here
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        proc = run_cli("check", "13", "--content", str(content_copy), cwd=ro)
    finally:
        ro.chmod(0o755)
    assert proc.returncode == 0, proc.stderr
    assert list(ro.iterdir()) == []
    err = proc.stderr
    assert f"{art}:{line}: 警告 warning: 标题由版式断行" in err, err
    assert "平度市擦亮“庄户学院”品牌 / 激发文明实践新活力" in err
    assert "    title: |\n      平度市擦亮“庄户学院”品牌\n      激发文明实践新活力\n" in err
    # only that title: the others are broken by hand
    assert err.count("标题由版式断行") == 1
    # jieba says nothing of its own
    assert "jieba" not in err.lower() and "prefix dict" not in err and "pkg_resources" not in err


def test_render_does_not_warn_about_title_breaks(tmp_path, content_copy):
    """The break is information for `check` (and `proof`), not a render warning."""
    art = next(p for p in sorted((content_copy / "13").glob("*.md")) if "庄户学院" in p.read_text(encoding="utf-8"))
    text = art.read_text(encoding="utf-8")
    art.write_text(text.replace("title: |\n  平度市擦亮“庄户学院”品牌\n  激发文明实践新活力\n", "title: 平度市擦亮“庄户学院”品牌激发文明实践新活力\n"), encoding="utf-8")
    proc = run_cli("render", "13", "--content", str(content_copy), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "", proc.stderr


def test_one_character_clause_verbs_are_refused(tmp_path):
    """让 split 产权转 / 让工作会议: a layout listing it gets one message."""
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    text = text.replace("../fonts/", str(ROOT / "fonts") + "/").replace("title_words: title_words.txt", f"title_words: {ROOT / 'layouts' / 'title_words.txt'}")
    text = text.replace("进一步]", "进一步, 让]")
    (layouts / "zhuanbao.yaml").write_text(text, encoding="utf-8")
    from zhuanbao.errors import ContentError
    from zhuanbao.layoutfile import load_layout

    with pytest.raises(ContentError, match="title_breaks_before.*让"):  # when the layout's typesetter is made
        bench.typesetter(layouts / "zhuanbao.yaml")
    assert load_layout(layouts / "zhuanbao.yaml")  # the rest of the layout is fine


# -- the title model: the editors' ear, learned from the sets


def _units(text: str) -> list[tuple[str, float]]:
    return [(c, 10.0) for c in text]  # one cell of 10 pt a character


def test_the_model_chooses_only_among_the_breaks_the_rules_allow():
    """The candidates are the word boundaries of a two-line title where both
    lines fit and the rules neither forbid a break (after a number, inside a
    word or quotes); a break they hold between two words of two characters
    or more (two verbs) is one too, its penalty a feature, one at a
    one-character word (让 / 3万人) only if nothing else fits; none for a
    title of three lines."""
    from zhuanbao.layout.titles import cuts_of, model_candidates

    tokens = [("县人社局", "nt"), ("开展", "v"), ("招聘", "vn"), ("活动", "vn"), ("让", "v"), ("3", "m"), ("万", "m"), ("人", "n"),
              ("全力", "d"), ("就业", "v")]
    text = "".join(w for w, _ in tokens)  # 18 characters
    bounds = word_boundaries(tokens)
    assert bounds[11] >= SPLIT_PENALTY and bounds[12] == FORBIDDEN  # 让 / 3万人 held, 3 / 万 forbidden
    cuts = cuts_of(text, _units(text), bounds)
    got = {cuts[j].offset: f for j, f in model_candidates(cuts, tokens, 120.0, 10.0)}
    # lines of at most 12 characters: breaks from offset 6 to 12 fit; 11 is held at a one-character
    # word (让 / 3万人), 12 forbidden, 7 and 9 inside words
    assert sorted(got) == [6, 8, 10]
    f = got[10]
    assert f["end:活动"] == f["start:让"] == f["tags" + "vn|v"] == 1.0
    assert f["uneven"] == pytest.approx(0.2) and f["first_longer"] == 1.0  # 10 / 8
    assert f["pen"] == pytest.approx(max(-30, min(30, bounds[10])) / 10)
    assert model_candidates(cuts, tokens, 8 * 10.0, 10.0) == []  # three lines: the rules' call
    # a held break beside a free one: both candidates, the held one priced higher
    tokens = [("专家", "n"), ("走进", "v"), ("我市", "r")]
    text = "专家走进我市"
    free = cuts_of(text, _units(text), {2: 0.0, 4: SPLIT_PENALTY})
    got = {free[j].offset: f for j, f in model_candidates(free, tokens, 40.0, 10.0)}
    assert sorted(got) == [2, 4] and got[4]["pen"] > got[2]["pen"]
    tokens = [("专家", "n"), ("走", "v"), ("进我市", "r")]  # (a one-character word: held)
    free = cuts_of(text, _units(text), {2: 0.0, 3: SPLIT_PENALTY})
    assert [free[j].offset for j, _ in model_candidates(free, tokens, 40.0, 10.0)] == [2]
    held = cuts_of(text, _units(text), {2: SPLIT_PENALTY, 3: SPLIT_PENALTY})
    assert [held[j].offset for j, _ in model_candidates(held, tokens, 40.0, 10.0)] == [2, 3]


def test_the_model_decides_and_the_rules_stand_in_without_it():
    """With a model, the break with the highest score less a toll of
    REACH_PRICE for each unit the rules price it beyond MODEL_REACH above
    their cheapest; without one, the rules' cheapest."""
    from zhuanbao.layout.titles import TitleModel, break_title

    tokens = [("城乡", "n"), ("环境", "n"), ("综合", "vn"), ("整治", "vn"), ("工作", "vn"), ("取得", "v"), ("阶段性", "n"), ("成效", "n")]
    text = "".join(w for w, _ in tokens)  # 17 characters, every boundary MID_PHRASE to the rules (jieba's tags taken as given)
    segment = lambda _: tokens  # noqa: E731
    assert break_title(text, _units(text), 100.0, 10.0, segment) == ["城乡环境综合整治", "工作取得阶段性成效"]  # the evener
    likes_qude = TitleModel({"start:取得": 5.0})
    assert break_title(text, _units(text), 100.0, 10.0, segment, model=likes_qude) == ["城乡环境综合整治工作", "取得阶段性成效"]

    # beyond the reach, a toll for each unit of cost: 县人社局开展 / 招聘… (3 + 3) against …活动 / 让… (−8 + 1)
    # with their unevenness is 13 dearer, 10 beyond the reach, a toll of 2: a model that likes it by 1.9 does
    # not have it, one that likes it by 2.1 does
    tokens = [("县人社局", "nt"), ("开展", "v"), ("招聘", "vn"), ("活动", "vn"), ("让", "v"), ("3", "m"), ("万", "m"), ("人", "n"),
              ("全力", "d"), ("就业", "v")]
    text = "".join(w for w, _ in tokens)
    segment = lambda _: tokens  # noqa: E731
    plain = break_title(text, _units(text), 120.0, 10.0, segment)
    assert plain == ["县人社局开展招聘活动", "让3万人全力就业"]
    assert break_title(text, _units(text), 120.0, 10.0, segment, model=TitleModel({"start:招聘": 1.9})) == plain
    assert break_title(text, _units(text), 120.0, 10.0, segment, model=TitleModel({"start:招聘": 2.1})) == ["县人社局开展", "招聘活动让3万人全力就业"]
    # a number's break is never the model's to choose
    assert break_title(text, _units(text), 120.0, 10.0, segment, model=TitleModel({"start:万": 99.0, "pen=30": 99.0})) == plain


def test_the_layouts_model_is_what_the_sets_give():
    """layouts/title_model.txt is data learned by bench/title_model.py from
    the title sets: committed as the sets give it, rebuilt when they change."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "title_model.py"), "--check"], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from zhuanbao.layout.titles import load_title_model

    w = load_title_model(str(ROOT / "layouts" / "title_model.txt")).weights
    # what an editor's ear says: a line starts with 让 or 推动 and ends with 召开, not the other way round;
    # the rules' penalty counts against a break, a mark after which no line may end (、) too
    assert w["start:让"] > 0 > w["end:让"] and w["start:推动"] > 0
    assert w["end:召开"] > 0 > w["start:召开"]
    assert w["pen"] < 0 and w["end:、"] < 0


def test_a_bad_model_gets_one_message(tmp_path):
    layouts = tmp_path / "layouts"
    layouts.mkdir()
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    text = text.replace("../fonts/", str(ROOT / "fonts") + "/").replace("title_words: title_words.txt", f"title_words: {ROOT / 'layouts' / 'title_words.txt'}")
    (layouts / "zhuanbao.yaml").write_text(text, encoding="utf-8")
    (layouts / "title_model.txt").write_text("start:让\t1.0\nend:推动 2\n", encoding="utf-8")
    from zhuanbao.errors import ContentError
    from zhuanbao.layout.titles import title_model
    from zhuanbao.layoutfile import load_layout

    layout = load_layout(layouts / "zhuanbao.yaml")
    with pytest.raises(ContentError, match=r"title_model.*line 2"):
        title_model(layout)
    (layouts / "title_model.txt").unlink()
    with pytest.raises(ContentError, match="title_model"):
        title_model(layout)
    (layouts / "zhuanbao.yaml").write_text(text.replace("  title_model: title_model.txt\n", ""), encoding="utf-8")
    assert title_model(load_layout(layouts / "zhuanbao.yaml")) is None  # no key: the rules alone
    # not a model: a weight that is no finite number, a feature given twice, no weight for the rules' penalty
    for bad, why in (("pen\tnan\nuneven\t1\nuneven2\t1\nfirst_longer\t0\n", "line 1"),
                     ("pen\t-1\npen\t-2\nuneven\t1\nuneven2\t1\nfirst_longer\t0\n", "line 2.*second time"),
                     ("# only a comment\n", "no weight for pen")):
        (layouts / "title_model.txt").write_text(bad, encoding="utf-8")
        with pytest.raises(ContentError, match=f"title_model.*{why}"):
            title_model(layout)
    # a layout of the last version, which named the lexicon: told what to write instead
    from zhuanbao.layout.titles import title_rules

    old = text.replace("  title_model: title_model.txt\n", "  title_lexicon: title_lexicon.txt\n  title_lexicon_weight: 2\n")
    (layouts / "zhuanbao.yaml").write_text(old, encoding="utf-8")
    with pytest.raises(ContentError, match="title_lexicon.*title_model: title_model.txt"):
        title_rules(load_layout(layouts / "zhuanbao.yaml"))


def test_a_typed_space_is_no_mark_to_the_model():
    """jieba tags a typed space x, as it does a comma: the model sees it as a space of its own."""
    from zhuanbao.layout.titles import break_features

    f = break_features([("县纪委监委", "nt"), (" ", "x"), ("召开", "v")], 0, -10.0, 1.0)
    assert f["tag>sp"] == 1.0 and "tag>x" not in f and not any(k.startswith("start:") for k in f)
    g = break_features([("工作", "vn"), ("，", "x"), ("推动", "v")], 1, -10.0, 1.0)
    assert g["tag<x"] == 1.0 and g["end:，"] == 1.0
    # and a space that fits is where the line ends, whatever the model would say
    from zhuanbao.layout.titles import TitleModel, break_title

    tokens = [("县纪委监委", "nt"), (" ", "x"), ("召开", "v"), ("警示", "vn"), ("教育", "vn"), ("大会", "n"), ("通报", "v"), ("典型", "n"), ("案例", "n")]
    text = "".join(w for w, _ in tokens)
    likes_tongbao = TitleModel({"start:通报": 99.0, "pen": 0.0, "uneven": 0.0, "uneven2": 0.0, "first_longer": 0.0})
    got = break_title(text, _units(text), 150.0, 10.0, lambda _: tokens, model=likes_tongbao)
    assert got == ["县纪委监委", "召开警示教育大会通报典型案例"]


def test_village_collective_economy_is_one_word(ts):
    """村集体经济 (the layout's words): a title of exactly two full lines
    whose only even break would part it goes to three lines instead."""
    got = breaks(ts, "南王庄镇以党建引领“庭院经济”发展壮大村集体经济带动群众持续增收致富的探索与实践")
    assert all("村集体经济" in line or "村" not in line[-1:] for line in got) and len(got) == 3
    assert any("村集体经济" in line for line in got)


def test_a_place_jieba_does_not_know_is_one_word(ts):
    """jieba leaves the 镇, 乡, 区 of a place it does not know a word of its
    own (苎溪/n 镇/v); the segmenter joins them where the name ends, so that
    the place starts the second clause (…非遗工坊 / 苎溪镇打造…), and not
    where the character starts an organ's name or a noun (县 检察院, 高桥 乡村…)."""
    assert join_places([("工坊", "n"), ("苎溪", "n"), ("镇", "v"), ("打造", "v")]) == [("工坊", "n"), ("苎溪镇", "ns"), ("打造", "v")]
    assert join_places([("课后", "t"), ("沙", "n"), ("汭", "zg"), ("区", "n"), ("开设", "v")]) == [("课后", "t"), ("沙汭区", "ns"), ("开设", "v")]
    assert join_places([("九龙", "nz"), ("乡", "n"), ("全面", "d")])[0] == ("九龙乡", "ns")
    for tokens in ([("环境", "n"), ("县", "zg"), ("检察院", "n"), ("出台", "v")], [("高", "a"), ("桥", "n"), ("乡", "n"), ("村容村貌", "n")],
                   [("推进", "v"), ("县", "zg"), ("出台", "v")], [("我市", "r"), ("县", "n"), ("出台", "v")]):
        assert join_places(tokens) == tokens
    assert breaks(ts, "研学旅行走进茶园、稻田和非遗工坊苎溪镇打造乡土研学精品线路4条") == [
        "研学旅行走进茶园、稻田和非遗工坊", "苎溪镇打造乡土研学精品线路4条"]
    # a kind of zone is no place's name: 样板区, 文明镇 end their clause (…样板区 / 推动…)
    assert join_places([("打造", "v"), ("样板", "n"), ("区", "n"), ("推动", "v")]) == [("打造", "v"), ("样板", "n"), ("区", "n"), ("推动", "v")]
    assert breaks(ts, "雁溪县全力打造乡村振兴样板区推动农业农村现代化取得新进展") == [
        "雁溪县全力打造乡村振兴样板区", "推动农业农村现代化取得新进展"]
    assert breaks(ts, "白石乡成功创建全国文明镇带动周边乡镇比学赶超") == ["白石乡成功创建全国文明镇", "带动周边乡镇比学赶超"]


def test_a_plenum_is_one_word(ts):
    """省委全会 (the layout's words; jieba: 省委/j 全会精神/n) is never parted:
    a title too long for a line breaks before it."""
    got = breaks(ts, "县委常委会（扩大）会议传达学习省委全会精神 研究部署下半年重点工作")
    assert got == ["县委常委会（扩大）会议传达学习", "省委全会精神 研究部署下半年重点工作"]


def test_dali_is_an_adverb_and_gongjianzhan_a_noun(ts):
    """大力 (jieba: /n) qualifies the verb after it and 攻坚战 (jieba: /i) is
    the object before it (the layout's words say so): no line ends with 大力,
    and a clause after 攻坚战 starts a line."""
    assert breaks(ts, "安徽宣城积极践行“两山理论”大力推进“三生共赢”") == ["安徽宣城积极践行“两山理论”", "大力推进“三生共赢”"]
    assert breaks(ts, "攸县打好招商争项攻坚战确保今年招引产业项目30个以上") == ["攸县打好招商争项攻坚战", "确保今年招引产业项目30个以上"]


def test_a_typed_space_no_two_lines_can_break_at_gives_a_third_line_not_a_parted_phrase():
    """The editor's space parts the clauses (文明用网 健康上网 / 兰州市…): when
    the first of two lines cannot end there (20 characters and two spaces
    after it, too wide), the title takes three lines at clear breaks (the
    space, 暨) rather than two that part 不文明行为 / 整治. A space that can
    end the first of two lines is still where it ends."""
    from zhuanbao.layout.titles import TitleModel, break_title

    tokens = [("文明", "n"), ("用", "p"), ("网", "s"), (" ", "x"), ("健康", "a"), ("上网", "v"), (" ", "x"), ("兰州市", "ns"),
              ("网络", "n"), ("不", "d"), ("文明", "n"), ("行为", "v"), ("整治", "n"), ("暨", "c"), ("网络", "n"), ("文明", "n"),
              ("志愿", "n"), ("服务", "vn"), ("活动", "vn"), ("启动", "vn")]
    text = "".join(w for w, _ in tokens)
    flat = TitleModel({"pen": -1.0})
    got = break_title(text, _units(text), 200.0, 10.0, lambda _: tokens, model=flat)
    assert got == ["文明用网 健康上网", "兰州市网络不文明行为整治", "暨网络文明志愿服务活动启动"]
    # a line wide enough for 健康上网 and what follows: two lines, the first ending at the second space
    wide = break_title(text, _units(text), 250.0, 10.0, lambda _: tokens, model=flat)
    assert wide == ["文明用网 健康上网", "兰州市网络不文明行为整治暨网络文明志愿服务活动启动"]
