"""Where a title the editor wrote on one line breaks: by its grammar.

An official headline is mostly two clauses, the subject and its action, then
the purpose or the result (平度市擦亮“庄户学院”品牌 / 激发文明实践新活力);
editors break between them and never inside a word, between a number and its
measure word (四个“聚焦”, 3个), or inside “…” and 《…》. So the title is
segmented into words with their parts of speech (jieba, loaded lazily: only
a title that has no hand break and does not fit on one line needs it), and
the rules price every word boundary: where a break may never go, where a
clause ends. A title of two lines then breaks where a model learned from
editors' breaks (the title model, below) scores highest among the
boundaries the rules allow; without it, or past two lines, at the fewest
lines that fit the measure, as even as the clause breaks allow.

Everything here but `jieba_segmenter` is a pure function on text and widths,
so the rules are tested without fonts; the Typesetter supplies the widths of
the title's unbreakable clusters (its 避头尾 rules) and the measure.
"""

from __future__ import annotations

import functools
import itertools
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
DASHES = set("—―")  # a 破折号 (two em dashes): a subtitle or an aside follows it
SUBTITLE_AFTER = 6  # characters of a headline (after its label) before a dash that makes what follows a subtitle
LABEL_MARKS = set("：:")  # 休宁县璜尖乡：… a place or unit before the headline, not a clause
BRACKETS = set("（〔")
QUOTES = set("“‘《「『")
# 暨, 并 join two clauses; 和, 与, 及 join two nouns and do not start a line
TAG_OPENERS, TAG_CLOSERS = "【〔［", "】〕］"  # a tag that opens a headline: 【权威发布】, 〔快讯〕
SPAN = ("从", "到")  # 从 X 到 Y: one span, never parted before 到
SPAN_WORDS = 6  # words from 从 within which its 到 is looked for
FRAME = ("以", "为")  # 以 X 为 Y: one frame, never parted before 为
FRAME_VERBS = {"变", "化", "转"}  # 变 “X” 为 “Y”: a frame too
CLAUSE_PREPOSITIONS = {"为", "以", "对", "从", "把", "给"}  # a purpose, a means, what is acted on (把实事办到…), with its own verb: a clause of its own
CAUSATIVES = {"让", "使", "令"}  # 让 as a word of its own (not 转让): what the action brings about
CLAUSE_CONJUNCTIONS = {"暨", "并", "并且"}
NOT_LINE_START = {"的", "之", "和", "与", "及", "或", "及其"}
CARRIERS = {"进行", "加以", "给予", "予以", "给以"}  # verbs whose object is the action: no line ends with one
BINDERS = {"的", "之"}  # they bind the phrase they end to the noun after it (党的二十大精神)
# After a clause verb, these make it a noun's modifier, not an action:
# 城市创建工作, 推进会议, 建设大会 (one noun phrase, no clause starts there)
NOMINAL_HEADS = {"工作", "会议", "会", "大会", "中心"}
EPS = 0.01
EVEN_WEIGHT = 0.5  # a cell of unevenness weighs half a cell of penalty: editors break at the clause, 18 / 9 as readily as 13 / 14

# Relative weights, in cells of the title's size: how many cells of
# unevenness a break at a clause's start is worth.
PAUSE_BONUS = 10.0  # after ， 、 ；: the clearest break
END_NOTE_BONUS = 20.0  # before a bracketed note that ends the title: （试行）, （2024—2026年） on a line of its own
CLAUSE_BONUS = 8.0  # before one of the layout's clause verbs, after a subject-and-action clause
VERB_BONUS = 2.0  # before another verb there (jieba also tags 治理, 振兴 in noun phrases as verbs)
CONJ_BONUS = 6.0  # before 暨, 并 … joining two clauses
OPEN_QUOTE_BONUS = 3.0  # before “…” (a new phrase starts)
CLOSE_QUOTE_BONUS = 1.0  # after “…” (a noun often follows: “两创”方针)
MEETING_BONUS = 4.0  # before the name of a meeting that ends the title: …攻坚突破年 / 工作推进会议
NEW_SUBJECT_BONUS = 3.0  # after a clause with its verb and object, before a noun that a verb follows: 聚民心 / 信用积分焕新颜
MEANS_CHARS = 4  # a 以 phrase this long before its verb is a line's worth: 以“网格+”模式 / 打通…
SUBJECT_BONUS = 4.0  # before the clause verb after a long subject
OFFICES = ("书记", "主席", "同志", "总理", "委员长", "主任", "部长", "省长", "市长", "县长", "区长", "镇长", "乡长", "局长", "院长", "代表")
# the commonest surnames (about 200, most of the population): a word jieba tags nr is taken for a name
# only if it starts with one
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝栗"
)
ADMIN_ENDS = set("省市县区镇乡")  # the last character of an administrative place's name (not 乡村, 社区: nouns too)
VILLAGE_ENDS = ADMIN_ENDS | {"村"}  # a place's one-character end, which a line never starts with after its name
ORGAN_ENDS = set("联局委办部厅院所队站处署校")  # the last character of an organ's name (侨联, 文明办)
PLACE_ENDS = set("省市县区镇乡村局委办部厅处院所队站会”")  # the last character of a place or an organ
LABEL_CHARS = 12  # a colon within this many characters of the start ends a label (休宁县璜尖乡：)
OBJECT_WORDS = 3  # nouns of a verb's object before a clause can end (学 / 雷锋 志愿 活动)
LONG_SUBJECT = 8  # characters of a subject before its clause verb that make a line of their own (6 was tried: editors fill the first line after 区市场监管局, 县交通运输局)
SECOND_SUBJECT = 8  # characters of a second clause's subject (a place, an organ, people) below which it keeps its verb
TOPIC_WORDS = 3  # after a label, a topic of this many nouns before the first verb: a place to break
PARALLEL_BONUS = 10.0  # between the two halves of a couplet (党组搭台青年唱 / 高原监管练担当): as clear as a pause
COUPLET_HALF = (5, 8)  # characters of a couplet's half without quotes: 5, 7 (4 + 3), 8 (4 + 4)
VERSE_HALVES = (5, 7)  # halves of a verse couplet (2 + 3, 4 + 3 characters): their shape alone marks the middle
QUOTED_HALF = 12  # a half with quotes may be longer: 按下发展“加速键” / 写好民生“新答卷”
SPLIT_PENALTY = 8.0  # an adverb or verb from its verb, a preposition from its object, a line starting with 的
DIRECTIONS = set("来去进出回起开到")  # what a one-character verb of motion takes as its direction (送去, 带来, 走进)
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


COUNTERS = set("个批项次名位家件条场支座所户套台辆张种类份部")  # measure words that count things (not 年, 天: a duration)
MEASURES = set("个批项次名位家件条场支座所户套台辆张种类份部年天月日届期号轮元米吨亩人岁级星队组篇本首")  # measure words
NUMERALS = set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两几数")


def _is_number(word: str, pos: str) -> bool:
    """A numeral (3, 二十四, 第十二届, 四个, 十万余): what follows is its
    measure word or noun. Not a word that merely starts with one (一线,
    一方平安, 一马当先)."""
    if word.isdigit():
        return True  # (jieba tags a lone digit x: 湖南4地上榜)
    if pos not in ("m", "x"):
        return False
    core = word[1:] if word.startswith("第") else word  # an ordinal
    if len(core) > 1:
        core = core.rstrip("".join(MEASURES) + "余多")  # its measure word, 余, 多 (四个, 十万余)
    if word.startswith("第") and core == word[1:]:
        return False  # a rank, not a count: 稳居全省县域第一 / 上半年…
    return bool(core) and all(c in NUMERALS or c in ".,．" for c in core)


def _is_morpheme(pos: str) -> bool:
    """A character jieba tags as a bound morpheme of no nominal kind (蹚/yg,
    vg, ag): a rare word it has no better tag for."""
    return pos.endswith("g") and not _is_nominal(pos)


def _is_nominal(pos: str) -> bool:
    return pos.startswith("n") or pos in ("j", "vn")


def _subject_then_verb(tokens: Sequence[Token], k: int, ends: Sequence[str] = ()) -> bool:
    """Whether the words from `k` are a clause of its own: one or two nouns
    of four characters or more, adverbs, then a verb (信用 积分 焕)."""
    if k < len(tokens) and tokens[k][1] == "vn":
        return False  # 志愿 / 活动便民服务…: a verbal noun is the head of the object before it
    n, chars = 0, 0
    while k < len(tokens) and _is_nominal(tokens[k][1]) and n < 2:
        k, n, chars = k + 1, n + 1, chars + len(tokens[k][0])
    if chars < 4:
        return False  # 织密冬防 / 安全网担当…: a short noun is the object's head, not a subject
    while k < len(tokens) and (_is_adverb(tokens[k][1]) or tokens[k][0] in QUOTES):
        k += 1  # 疫情防控更“贴心”
    if k + 1 < len(tokens) and len(tokens[k][0]) == 1 and tokens[k][1] == "a" and _is_nominal(tokens[k + 1][1]):
        return True  # 便民服务暖人心: a one-character adjective with an object acts (暖, 美, 强)
    if k < len(tokens) and tokens[k][0] in VERBAL_NOUNS and not _object_follows(tokens, k):
        return False  # 林业 / 草原生态保护恢复资金…: after its nouns, such a verb names a thing
    # (not 示范乡镇 / 创建对象公布…: a verb that ends its clause, 公布, 召开, is a noun's predicate)
    return k < len(tokens) and _is_verb(tokens[k][1]) and not (ends and _ends_clause(tokens, k, k, ends))


def _clause_ends(tokens: Sequence[Token], i: int, reach: int = 1) -> bool:
    """Whether a clause can end after word `i`: a verb's object (聚民心)."""
    word, pos = tokens[i]
    if not _is_nominal(pos):
        return False
    # back over the object's nouns (学雷锋志愿活动) to its verb; not after a
    # quote: the noun there is the quote's head (“一件事一次办”改革)
    for k in range(i - 1, max(i - reach, 0) - 1, -1):
        if _is_verb(tokens[k][1]):
            return True
        if not _is_nominal(tokens[k][1]):
            return False
    return False


def _names_a_noun(tokens: Sequence[Token], k: int) -> bool:
    """Whether the verb at word `k` only qualifies the noun after it (城市创建
    工作, 工作推进会议): then it starts no clause."""
    return k + 1 < len(tokens) and tokens[k + 1][0] in NOMINAL_HEADS


MEETING_WORDS = {"会", "会议", "大会"}
MEETING_TOPICS = {"工作", "现场"}  # 工作推进会议, 现场推进会: where a meeting's kind begins
HELD = {"召开", "举行", "举办", "开幕", "闭幕"}
# verbs whose object is a place, an organ or people (X联合Y开展…, 深入草河掌镇调研…): what follows them
# is no new subject
GOES_TO = {"联合", "会同", "携手", "联手", "协同", "走进", "进驻", "深入", "来到", "莅临", "走访", "慰问", "赴", "到"}
NO_OBJECT = {"开幕", "闭幕", "落幕", "出炉", "揭晓", "开学", "开班"}  # clause-ending verbs that never take an object
SUBJECTS = ("ns", "nt", "nr", "nrt", "r")  # places, organs, names, 我市 / 我县
ORGANS_HUI = ("委员会", "协会", "工会", "学会", "联合会", "商会", "居委会", "村委会", "总会", "红十字会", "理事会", "基金会",
              "促进会", "研究会", "管委会", "常委会", "社会")  # organs (and 社会), not meetings


def _meeting_name(tokens: Sequence[Token], k: int) -> bool:
    """Whether the words from `k` to the end name a meeting and nothing else:
    工作推进会议, 推进会, 动员部署会议召开 — its kind, after its topic. With
    工作 it starts there (城市创建 / 工作推进会议)."""
    rest = list(tokens[k:])
    if rest and rest[-1][0] in HELD:
        rest.pop()
    if not rest or not _is_meeting_word(rest[-1][0]):
        return False
    body = rest[:-1]
    if body and body[0][0] in MEETING_TOPICS:
        body = body[1:]
    elif any(w in MEETING_TOPICS for w, _ in body):
        return False
    return len(body) <= 2 and all(len(w) == 2 and (_is_verb(p) or p == "vn") for w, p in body)


def _is_meeting_word(word: str) -> bool:
    """会议, 大会, 推进会: a meeting's word (not an organ: 委员会, 协会; but
    协商会 is a meeting, though it ends as 商会 does)."""
    return word in MEETING_WORDS or word.endswith(("协商会", "会议")) or (word.endswith("会") and not word.endswith(ORGANS_HUI))


def _meeting_ahead(tokens: Sequence[Token], k: int) -> bool:
    """Whether a meeting's word (会议, 推进会) comes among the words from `k`
    before a pause or the verb of another clause: 召开 then the meeting's
    name (a verb right before the meeting word is the name's: 推进会议,
    部署会; 举办…培训 / 推动…参加广交会 is two clauses)."""
    window = tokens[k : k + 8]
    for n, (word, pos) in enumerate(window):
        if _is_meeting_word(word):
            return True
        if pos == "x" and word[-1:] in PAUSES:
            return False
        if _is_verb(pos) and not (n + 1 < len(window) and _is_meeting_word(window[n + 1][0])):
            return False
    return False


def _verb_after(tokens: Sequence[Token], k: int) -> bool:
    """Whether a verb comes among the words from `k` (outside quotes)."""
    depth = 0
    for word, pos in tokens[k:]:
        depth += sum(c in OPENERS for c in word) - sum(c in CLOSERS for c in word)
        if depth == 0 and _is_verb(pos):
            return True
    return False


def _has_object(tokens: Sequence[Token], k: int, hints: Sequence[str] = ()) -> bool:
    """Whether the verb at word `k` acts on what follows it (a noun, a quote,
    another verb): not at the title's end, before a preposition or 和, or
    before the noun it qualifies (创建工作, 推进会议). With the layout's
    clause verbs (`hints`) an adverb and a verb after it are the object
    unless that verb is one of them (唱响共同缔造…); without, never: only a
    clause verb's own start asks (passing them everywhere costs a real
    title of titles-sealed7.yaml)."""
    if k + 1 >= len(tokens) or _names_a_noun(tokens, k):
        return False
    word, pos = tokens[k + 1]
    if _is_adverb(pos) and k + 2 < len(tokens) and _is_verb(tokens[k + 2][1]) and (not hints or _hint_at(tokens, k + 2, hints) >= 0):
        # 进步创建 / 持续铸牢…: an adverb and its clause verb after it start the next clause (but
        # 唱响 / 共同缔造“好声音”: a verb phrase that is the object)
        return False
    if pos in ("p", "c", "uj", "ul", "ude1") or word in NOT_LINE_START:
        return False
    return not (pos == "x" and word[0] not in QUOTES)


PEOPLE = {"人民", "群众", "居民", "市民", "村民", "师生", "职工", "农民", "学生", "老人", "儿童", "妇女", "患者", "游客", "企业", "人士"}


def _object_follows(tokens: Sequence[Token], j: int) -> bool:
    """Whether the verb-like word `j` (建设, 保障) acts on people, a place or
    a quote after it (检查 / 保障师生…, 坚持“三个引领” / 建设“四型社区”).
    (A noun after it is as often its head or a new subject: 示范县创建名单,
    支部创建 / 村庄…, 理论宣讲进社区: not taken for its object.)"""
    if j + 1 >= len(tokens):
        return False
    word, pos = tokens[j + 1]
    return pos in ("nr", "ns", "nt", "r") or word[0] in QUOTES or word in PEOPLE


def _serves_people(tokens: Sequence[Token], k: int) -> bool:
    """Whether words from `k` are people, perhaps qualified (新 阶层 人士,
    困难 群众): the object of a verb before them."""
    for word, pos in tokens[k : k + 3]:
        if word in PEOPLE:
            return True
        if not (_is_nominal(pos) or pos in ("a", "b")):
            return False
    return False


# clause verbs that are as often nouns, right after the noun they name (作风建设)
VERBAL_NOUNS = {"预算", "保护", "规划", "监测", "防控", "评价", "考核", "审批", "救助", "建设", "创建", "保障", "落实", "服务", "发展", "管理", "治理", "改革", "监督", "宣讲", "宣传", "教育", "培训", "整治", "执法", "帮扶", "调解", "监管", "巡察", "检查"}
IDIOMS = ("i", "l")  # jieba's idioms and set phrases: 不折不扣, 多措并举


def _leans_on_next(tokens: Sequence[Token], i: int) -> bool:
    """Whether word `i` is one character that takes or qualifies what follows
    it (微网格, 促和谐, 变“实事菜单”): not a place's last character (…镇 /),
    a mark, or a verb its adverb completes (昼夜不歇 / 叶路洲…)."""
    word, pos = tokens[i]
    nxt, npos = tokens[i + 1]
    if len(word) != 1 or word in PLACE_ENDS or pos in ("x", "m", "q"):
        return False  # (国际档案日/m “请听档案说”: a day's, a count's last character ends its name)
    if i > 0 and _is_adverb(tokens[i - 1][1]):
        return False
    return _takes(npos) or nxt[0] in QUOTES


def _manner_of_verb(tokens: Sequence[Token], k: int) -> bool:
    """Whether word `k` is an adjective of two characters or more that,
    alone or with others, says how the verb after it acts (有效维护,
    有形有感有效铸牢): an adverb in all but its tag."""
    start = k
    while start > 0 and tokens[start - 1][1] == "a" and len(tokens[start - 1][0]) > 1:
        start -= 1
    if start > 0 and _is_adverb(tokens[start - 1][1]):
        return False  # 环境更加干净整洁 / 助推…: after an adverb, the adjectives are the predicate
    j = k
    while j < len(tokens) and tokens[j][1] == "a" and len(tokens[j][0]) > 1:
        j += 1
    return j > k and j < len(tokens) and _is_verb(tokens[j][1])


def _takes(pos: str) -> bool:
    """Whether a word so tagged can be what a one-character word before it
    qualifies or acts on: a noun, an adjective, a set phrase, a preposition."""
    return _is_nominal(pos) or pos in ("a", "an", "l", "i", "p")


def _is_adverb(pos: str) -> bool:
    return pos in ("d", "ad", "vd", "dg")


ADVERBIAL_NOUNS = {"现场", "当场", "全程", "就地", "实地", "同比", "环比"}  # how or where the verb after them acts (现场签订…)


def _adverbial(tokens: Sequence[Token], k: int) -> bool:
    """Whether word `k` is a noun that says how or where the verb right
    after it acts (现场 签订, 就地 化解, 同比 增长): as an adverb, it starts that
    verb's clause and never ends a line."""
    return tokens[k][0] in ADVERBIAL_NOUNS and k + 1 < len(tokens) and _is_verb(tokens[k + 1][1])


def _bracket_ends(tokens: Sequence[Token], k: int) -> bool:
    """Whether the bracket opening at word `k` closes at the title's end."""
    rest = "".join(w for w, _ in tokens[k:])
    depth = 0
    for n, c in enumerate(rest):
        depth += (c in OPENERS) - (c in CLOSERS)
        if depth == 0:
            return n == len(rest) - 1
    return False


def _hint_at(tokens: Sequence[Token], k: int, hints: Sequence[str]) -> int:
    """The index of the last word of the clause verb that begins at word `k`
    (推进 is not the start of 推进会; 打好 may come as 打 + 好), or -1."""
    text = ""
    for n, (word, _) in enumerate(tokens[k : k + 3]):
        text += word
        if text in hints:
            return k + n
    return -1


def _ends_clause(tokens: Sequence[Token], k: int, j: int, ends: Sequence[str]) -> bool:
    """Whether words `k`..`j` are one of the layout's clause-ending verbs,
    used so: a verb or an adverb follows (精准发力 / 深耕…), not an object
    (赋能财政监管 acts on what follows)."""
    if "".join(w for w, _ in tokens[k : j + 1]) not in ends:
        return False
    if j + 1 < len(tokens) and tokens[j + 1][0] in ends and _is_verb(tokens[j + 1][1]):
        return False  # 揭牌 / 成立 never: two such verbs end their clause together (揭牌成立 / 助力…)
    # a verb jieba reads as a noun here (启动/vn, 开学/n), or one after a meeting (会议召开), or one that
    # never takes an object (开幕, 出炉) has none
    word_ = "".join(w for w, _ in tokens[k : j + 1])
    takes_none = _is_nominal(tokens[j][1]) or (k > 0 and _is_meeting_word(tokens[k - 1][0])) or word_ in NO_OBJECT
    if j + 1 < len(tokens) and (_place_then_verb(tokens, j + 1) or (takes_none and _numbered_subject(tokens, j + 1))):
        # …名单公布 / 福州5个乡镇入选, …大会开幕 / 80余家展商…现场对接: who, counted or placed, and
        # what they did, a clause of its own (not 发布 / 20条措施…: what was published)
        return True
    if j + 1 < len(tokens) and k == j and takes_none and _subject_then_verb(tokens, j + 1):
        # …宣传周启动/vn / 社科专家冒雨…, 今日开学/n / 安海中心小学搬迁…: a verb jieba reads as a noun
        # here has no object, and nouns with their verb after it are the next clause (赋能/v 财政监管
        # 助推…: its object)
        return True
    if j + 1 < len(tokens) and (tokens[j + 1][1].startswith("u") or tokens[j + 1][0] in NOT_LINE_START):
        return False  # 总局发布的…名单: the verb qualifies a noun, its clause goes on
    if j + 1 < len(tokens) and k == j and len(tokens[j + 1][0]) > 1 and (
        word_ in NO_OBJECT or (k > 0 and _is_meeting_word(tokens[k - 1][0]))
    ):  # (not 开学 / 季: a one-character noun after it makes a word with it)
        return True  # …联席会议召开 / 通报研判…, …考评结果出炉 / 枫塘镇等…: no object follows such a verb
    # (公布 / 首批百项事项目录表: a number starts its object too)
    nxt, npos = tokens[j + 1] if j + 1 < len(tokens) else ("", "")
    # (召开 / 县党政联席会议: jieba tags the place 县/zg, the meeting /l)
    return not nxt or not (_is_nominal(npos) or npos in ("m", "zg", "ng", "l", "t", "an") or nxt[0] in QUOTES)  # (启动 / 夏季…行动, 召开 / 安全/an生产…会议)


def _past_count(tokens: Sequence[Token], k: int) -> int:
    """The index after the number at word `k` and its measure words (1200
    多个, 80 余家, 5 个), or -1 if no number starts there."""
    if k >= len(tokens) or not _is_number(*tokens[k]):
        return -1
    k += 1
    while k < len(tokens) and (tokens[k][1] in ("m", "q") or tokens[k][0].isdigit()):
        k += 1
    return k


def _counts_what_precedes(tokens: Sequence[Token], k: int) -> bool:
    """Whether the number at word `k`, with a measure word that counts
    (个, 家, 项: not 年, a duration), is followed by a verb: it counts the
    noun before it (建立示范点1200多个 / 维护…)."""
    k = _past_count(tokens, k)
    return 0 < k < len(tokens) and _is_verb(tokens[k][1]) and tokens[k - 1][0][-1] in COUNTERS


def _place_then_verb(tokens: Sequence[Token], k: int) -> bool:
    """Whether word `k` is a place (福州, 昭化区, 我市) that, after nouns and
    numbers of its own (5个乡镇, 1镇3村), a verb follows: a clause's subject,
    not the object of the verb before it (举办 / 青岛国际啤酒节 is one)."""
    word, pos = tokens[k]
    if not (pos == "ns" or (pos == "r" and word[-1:] in PLACE_ENDS)):
        return False
    nouns, numbers = 0, 0
    for n in range(k + 1, min(k + 9, len(tokens))):
        w, p = tokens[n]
        if _is_verb(p):
            return numbers > 0 or nouns <= 1  # (青岛 国际 啤酒节 推动…: nouns that name a thing)
        if w.isdigit() or p in ("m", "q"):
            numbers += 1
        elif _is_nominal(p) or p == "s":
            nouns += 1
        elif w not in ("和", "与", "及"):  # (苏州市1个镇和5个村入选)
            return False
    return False


COMPLETES = COUNTERS | set("元吨亩米人户篇处起宗例棵株副本册艘里岁")  # measure words a count ends with (not 年, 万: a date, a numeral)
QUANTITIES = ("元", "吨", "亩", "米", "公里", "人次", "场次", "户次", "批次", "件次", "架次")  # measures that need no noun after them
DURATIONS = ("年", "个月", "天")  # 开通一年 / 累计接听…: how long, after its verb
APPROXIMATELY = {"左右", "以上", "以下", "上下", "以内", "之间", "来", "以来"}  # they end the count before them (成立一年来)
PERCENT_SIGNS = ("%", "％")  # a number's unit of its own: a title's line may end after 增长18.6%
PERCENT = (*PERCENT_SIGNS, "百分点")  # (jieba cuts 个百分点 into 个 百分点)
REACHES = {"达", "达到", "突破", "破", "超", "超过", "逾", "增长", "下降", "提高", "减少", "增加", "节约", "累计", "合计", "共计"}  # a number after them is how far, not a count of what follows


def _count_completes(tokens: Sequence[Token], i: int) -> bool:
    """Whether the number and the measure word at word `i` (3800 余场次, 18.6
    亿元; count_ends asks only where a number stands right before it)
    complete what precedes them: a quantity (元, 吨, 人次, 场次) after the
    noun it measures (活动3800余场次, 资金18.6亿元) or a count after a verb
    of reaching (首破300家). Not a count that a noun follows, whose noun it
    counts (开放供应链47家 / 本地中小企业, 青梧县126个 / 行政村 never, nor 新建 /
    36个项目), nor a date or an ordinal (2018年 / 事业单位, 十三届一次 / 会议)."""
    k = i - 1
    word = tokens[i][0]
    if k <= 0 or not _is_number(*tokens[k]) or word[-1] not in COMPLETES:
        return False
    if "届" in word or tokens[k][0].startswith("第"):
        return False
    quantity = word.endswith(QUANTITIES)
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
    if nxt[1] in ("m", "q") and not _is_number(*nxt):
        return False  # the count goes on: 2个 百分点, 3 万 人
    before, bpos = tokens[k - 1]
    # 推介项目83个 / 总投资…: the noun it counts stands before it (not a place, 青梧县126个 / 行政村, nor what
    # 家 counts, which follows it: 供应链47家 / 本地中小企业)
    # (and only as a verb's object: 推介项目83个, 刊播重点稿件286篇; 县融媒体中心3件 / 作品 is a subject and a count)
    counted_before = bpos in ("n", "nz", "j") and len(before) > 1 and before[-1] not in PLACE_ENDS and word[-1] != "家" and any(
        _is_verb(tokens[m][1]) for m in range(max(0, k - 4), k - 1)
        if all(_is_nominal(p) or p in ("a", "b") for _, p in tokens[m + 1 : k - 1])
    )
    if not quantity and not counted_before and (_is_nominal(nxt[1]) or nxt[1] == "r" or (nxt[0][:1] in QUOTES and before not in REACHES)):
        return False  # a classifier and its noun after it (47家 本地中小企业, 16个 征收组, 3个 “示范村”)
    if before in REACHES:
        return True  # (缺口达3000余个 / “停车难”…: how far it reached)
    return _is_nominal(bpos)


def _is_duration(tokens: Sequence[Token], i: int) -> bool:
    """Whether word `i` is how long, after the verb it measures: 开通一年,
    延长三十年 (jieba's one word; not a date, 2018年 is two, nor 第三年)."""
    word, pos = tokens[i]
    if i + 1 < len(tokens) and tokens[i + 1][1] == "f":
        return False  # 开通三年后: the time phrase goes on (成立一年来: word_boundaries' approximate)
    unit = next((d for d in DURATIONS if word.endswith(d)), "")
    count = word[: -len(unit)] if unit else ""
    return (pos == "m" and i > 0 and _is_verb(tokens[i - 1][1]) and bool(count)
            and not word.startswith("第") and all(c in NUMERALS for c in count))


def _clause_follows(tokens: Sequence[Token], k: int) -> bool:
    """Whether a clause starts at word `k`: a verb (adverbs first) with
    what it acts on, or a few nouns, then a predicate (年度改造任务提前完成,
    工业经济“底盘”更加稳固, 同比增长…)."""
    n, depth = k, 0
    while n < len(tokens) and n - k < 6:
        word, pos = tokens[n]
        depth += sum(c in OPENERS for c in word) - sum(c in CLOSERS for c in word)
        if depth > 0 or word[0] in CLOSERS or _is_nominal(pos) or pos in ("b", "j", "t", "r", "m", "q") or _is_adverb(pos):
            n += 1  # (19个项目纳入…, 2000余名高龄老人吃上…: a counted subject too)
            continue
        return _is_verb(pos) or pos in IDIOMS or pos == "a"
    return False


OPEN_TIMES = {"今年", "去年", "上半年", "下半年", "全年", "年内", "目前", "当前", "如今", "昔日", "今后", "近年来", "今年以来"}
SAYS = {"要求", "强调", "表示", "指出", "提出"}  # what is said after them is a clause of its own


def _verb_closes(tokens: Sequence[Token], i: int) -> bool:
    """Whether the verb at word `i` is one of saying whose clause ends with
    it: after a time (调研时要求 / 抓好…) or an adverb (一致表示 / 坚决拥护…),
    what is said is a clause of its own; after an object (检查防汛工作 / 要求
    压紧…) the verb starts it. (A verb after the object of another, 推进医保
    服务下沉 / 实现…, was tried: as often a verb of a new clause, 召开会议 /
    传达学习…, it lost more titles than it won.)"""
    return tokens[i][0] in SAYS and i > 0 and (tokens[i - 1][0] in ("时", "后") or not _is_nominal(tokens[i - 1][1]))


SCOPES = ("部分", "个别", "多数", "全体")  # who, in part or whole: 部分村…, 个别部门…


def _opens_clause(tokens: Sequence[Token], k: int) -> bool:
    """Whether word `k` is a time (今年, 上半年/t), a scope (全县, 全市, 部分)
    that opens a clause of its own: what follows it is that clause (今年新增
    …, 全县注册志愿者突破…), never the object of the verb before it."""
    if k + 1 >= len(tokens) or (k > 0 and _is_verb(tokens[k - 1][1]) and tokens[k - 1][0] not in NO_OBJECT | {"成立"}):
        return False  # (视察 / 全县…, 组织 / 部分委员…: after a verb, what it acts on; not after 落幕, 成立)
    word, pos = tokens[k]
    n = k + 1
    while n < len(tokens) and _is_adverb(tokens[n][1]):
        n += 1
    acts = n < len(tokens) and _is_verb(tokens[n][1]) and len(tokens[n][0]) > 1  # (not 老年/t 助/v 餐点)
    if word in SCOPES or (len(word) == 2 and word[0] == "全" and word[1] in ADMIN_ENDS):
        return acts or _clause_follows(tokens, k + 1)
    # a time that acts (今年新增…), or one that opens a clause whatever follows (昔日“脏乱差”变身…);
    # not 节前 / 警示教育, a time that names its noun
    return pos == "t" and len(word) > 1 and (acts or (word in OPEN_TIMES and _clause_follows(tokens, k + 1)))


def _subject_opens(tokens: Sequence[Token], k: int) -> bool:
    """Whether word `k` is a place of one word (我市, 我县, 雁溪县) whose
    clause a time or scope then opens (我市今年更新…, 雁溪县五年创建…): the
    place is that clause's subject, before its time (not an organ or a
    unit, 组建…小分队 / 上半年…, which is as often the verb's object)."""
    word, pos = tokens[k]
    if k > 0 and _is_verb(tokens[k - 1][1]) and tokens[k - 1][0] not in NO_OBJECT | {"成立"}:
        return False  # (进驻我省 / 今年…, 表扬我县 / 上半年…: the place is the verb's object)
    if not (word[-1:] in ADMIN_ENDS and (pos == "r" or (_is_place(word, pos) and _place_end(tokens, k) == k + 1))):
        return False  # (jieba's 开园/ns, 山坡地/ns: no place's name ends so)
    return k + 1 < len(tokens) and _opens_clause(tokens, k + 1)


def _numbered_subject(tokens: Sequence[Token], k: int) -> bool:
    """Whether a number starts at word `k`, then what it counts and a verb
    (80余家 展商 … 现场 对接, 23家 排名靠后 单位 负责人 作): a subject that acts,
    not a numbered object (首批 百项 事项 目录表: no verb follows)."""
    if k < len(tokens) and tokens[k][0].startswith("第"):
        return False  # (召开 / 第五次…会议: an ordinal names the meeting)
    k = _past_count(tokens, k)
    if k < 0:
        return False
    nouns = 0
    for n in range(k, min(k + 8, len(tokens))):
        word, pos = tokens[n]
        if pos == "v" and nouns:
            return not _names_a_noun(tokens, n)
        # (a verb before any noun qualifies it: 23家 排名 靠 后 单位…; jieba's 展商/v)
        if _is_nominal(pos) or pos in ("m", "q", "l", "a", "d", "c", "v", "f") or word.isdigit():
            nouns += _is_nominal(pos)
        else:
            return False
    return False


def _starts_with_hint(tokens: Sequence[Token], k: int, hints: Sequence[str], ends: Sequence[str] = ()) -> bool:
    """Whether a clause starts at word `k` with one of the layout's clause
    verbs, used as one: acting on what follows (创建工作推进会议 names a
    meeting, 村居建设 / 为… is a noun: neither starts a clause)."""
    j = _hint_at(tokens, k, hints)
    if j < 0 or _ends_clause(tokens, k, j, ends):
        return False
    before = tokens[k - 1] if k > 0 else ("", "")
    if (_is_nominal(before[1]) or before[0][-1:] in CLOSERS) and "".join(w for w, _ in tokens[k : j + 1]) in VERBAL_NOUNS and not _object_follows(tokens, j):
        # 作风建设, 城市创建: after its noun, such a verb names a thing (but 检查 / 保障师生…: people are
        # its object; 坚持“三个引领” / 建设“四型社区”: so is a quote)
        return False
    nxt = j + 1
    if _is_adverb(tokens[j][1]) and nxt < len(tokens) and _is_verb(tokens[nxt][1]):
        # 加快建设, 精准护航: an adverb-like clause verb, with the verb it qualifies;
        # not 精准发力 / 深耕…, whose verb ends its clause
        return not _ends_clause(tokens, nxt, nxt, ends) and _has_object(tokens, nxt)
    # 推广落实, 探索完善: two clause verbs in a row are one verb phrase, begun by the first
    # (but 创建 / 持续铸牢…: an adverb-like one after it starts the next)
    return _has_object(tokens, j, hints) or (_hint_at(tokens, j + 1, hints) >= 0 and not _is_adverb(tokens[j + 1][1]))


def word_boundaries(tokens: Sequence[Token], hints: Sequence[str] = (), ends: Sequence[str] = ()) -> dict[int, float]:
    """Penalty (negative = preferred) of a break at each word boundary.

    Offsets are counted in characters of the title. A boundary inside
    quotes or brackets, or right after a number (a number belongs with its
    measure word or noun: 四个“聚焦”, 二十四节气, 3个), is FORBIDDEN.
    """
    out: dict[int, float] = {}
    hints = tuple(h for h in hints if len(h) > 1)
    offset, depth, seen_verb, frame, means = 0, 0, False, False, 0
    topic = -1  # nouns since a label, before any verb: 黎平县坪坝村：党建积分双驱动 / 绘就… (-1: no label)
    subject = 0  # characters before the first verb: 东山街道“五个一”工作法 / 打通…
    meeting = False  # after 召开, 举办 … of a meeting that ends the title: its name holds no clause
    last = [w for w, _ in tokens[-2:]]
    ends_in_meeting = bool(last) and _is_meeting_word(last[-1])
    if len(last) == 2 and last[-1] in HELD and _is_meeting_word(last[0]):
        meeting = True  # …创建动员部署会议召开: the whole title names a meeting, then says it was held
    label_end = 0  # characters of the label (休宁县璜尖乡：), where the headline starts
    no_break_after: set[int] = set()  # words a second clause's subject holds together, with its verb if short
    # 为侗寨塑形铸魂 / 湖南新晃走出…: a purpose phrase opens the title, whatever jieba tags in it
    # (以 opens the 以…为 frame, which has its own rule)
    opens_with_purpose = bool(tokens) and tokens[0] == ("为", "p")
    # 【权威发布】春节…: a tag in brackets that opens the title, its end never a line's
    tag_end = ("".join(w for w, _ in tokens).find(TAG_CLOSERS[TAG_OPENERS.index(tokens[0][0][0])]) + 1
               if tokens and tokens[0][0][0] in TAG_OPENERS else -1)
    span_open, span_from = False, -1  # after 从 (at word span_from), before its 到
    for i, (word, pos) in enumerate(tokens[:-1]):
        offset += len(word)
        depth += sum(c in OPENERS for c in word) - sum(c in CLOSERS for c in word)
        verb_before = seen_verb  # a verb before this word: the clause had its action already
        # 以“莱西经验”为引领: the frame 以 … 为 … is the clause's action, whole
        closes_frame = frame and word == FRAME[1]
        # 变“实事菜单”为“幸福礼单”, 化“压力”为“动力”: the same frame, opened by a verb
        opens = not frame and ((word == FRAME[0] and pos == "p") or (
            word in FRAME_VERBS and i + 1 < len(tokens) and tokens[i + 1][0][0] in QUOTES
            and any(w == FRAME[1] for w, _ in tokens[i + 2 :])
        ))
        frame = (frame or opens) and not closes_frame
        means = 0 if opens else means + len(word) if frame else 0  # characters of the 以 phrase so far
        # a verb inside quotes is a slogan's word (“三个聚焦”), not the clause's action
        # nor is an adverb (扎实“两学一做”: the slogan stands for the action)
        # (a set phrase, /l, is as often a noun: 自然资源, 食品安全; an idiom, /i, acts: 多措并举)
        seen_verb = seen_verb or (depth == 0 and (_is_verb(pos) or pos == "i" or (word in hints and not _is_adverb(pos)))) or closes_frame
        # 湖南/启动/“一件事一次办”: a verbal noun right after its subject, with an object, is the verb
        seen_verb = seen_verb or (
            depth == 0 and pos == "vn" and 0 < i and tokens[i - 1][1] in SUBJECTS and (tokens[i + 1][0][0] in QUOTES or _is_nominal(tokens[i + 1][1]))
        )
        if closes_frame:
            verb_before = True
        frame_object = i > 0 and tokens[i - 1][0] == FRAME[1] and not frame  # 为引领 / 探索…: 引领 is 为's object
        nxt, npos = tokens[i + 1]
        span_from = i if word == SPAN[0] and pos == "p" else span_from
        span_open = 0 <= span_from and i - span_from < SPAN_WORDS and word != SPAN[1] and not any(w == SPAN[1] for w, _ in tokens[span_from:i])
        subject = subject + len(word) if not seen_verb else subject
        # (召开 … 推进会议 / 艾丽华出席…: the name runs to its meeting word, and what follows is free)
        named_meeting = _is_meeting_word(word) and not ends_in_meeting
        meeting = (meeting or (word in HELD and (ends_in_meeting or _meeting_ahead(tokens, i + 1)))) and not named_meeting
        unit_of_number = pos in ("m", "q") and i > 0 and _is_number(*tokens[i - 1])  # 2020 年 / 区政府: the date goes with its noun
        # (a number and its measure word before a verb are whole: 示范点1200多个 / 维护…)
        counted = (_is_number(word, pos) or unit_of_number) and not (_is_verb(npos) and word[-1] in COUNTERS)
        # 开展各类活动3800余场次 / 服务群众…, 首破300家 / 工业经济…更加稳固: a count that completes its
        # clause (after the noun it counts, or after 达, 突破 …), then the next clause
        # (增长11.2% / 跨境电商…, 首破百亿 / 预制菜…: a percentage, a bare number after 破, 达 … end one too)
        reached = i > 0 and (
            (word in PERCENT and (_is_number(*tokens[i - 1]) or (tokens[i - 1][0] == "个" and i > 1 and _is_number(*tokens[i - 2]))))
            or (_is_number(word, pos) and tokens[i - 1][0] in REACHES and npos not in ("m", "q"))
            or _is_duration(tokens, i)
        )  # (提高2个百分点 / …: jieba's 个 百分点; 首破百亿 / …, not 提高2 / 个…)
        count_ends = depth == 0 and (
            (unit_of_number and _count_completes(tokens, i)) or reached
        ) and _clause_follows(tokens, i + 1)
        counted = counted and not count_ends
        # (a person's name and office are one: 习近平 / 总书记 never parts, the dashes of —— neither)
        named = (pos.startswith("nr") and nxt.endswith(OFFICES)) or (
            word.endswith(OFFICES) and _is_nominal(pos) and _names_end(tokens, i + 1) > i + 1
        )  # (and 副市长 / 刘洋 neither)
        # (石岭/ns 县/zg, 石门/n 村/zg: jieba leaves a place's last character a word of its own)
        # (but …粮食安全底线 / 县自然资源局…: a one-character place that starts an organ's name starts a clause)
        # (nor …查实情 / 村中庭审…: a village, then where in it, 村中, 村里, is no place's name)
        where_in = i + 2 < len(tokens) and tokens[i + 2][1] == "f"
        suffix = len(nxt) == 1 and nxt in ADMIN_ENDS | {"村"} and len(word) > 1 and pos in ("ns", "nr", "nrfg", "n", "nz") and (
            pos == "ns" or not (i + 2 < len(tokens) and _is_organ(*tokens[i + 2]))
        ) and not where_in
        # (5% / 左右, 三年 / 来: a count and how near it is are one)
        approximate = nxt in APPROXIMATELY and (_is_number(word, pos) or word in PERCENT or unit_of_number)
        if depth > 0 or counted or named or suffix or approximate or (pos == "x" and word[-1:] in OPENERS) or (word[-1] in DASHES and nxt[0] in DASHES):
            out[offset] = FORBIDDEN
            continue
        if (nxt[0] in QUOTES and _quoted_chars(tokens, i + 1) == 1) or (word[-1] in CLOSERS and _one_quoted(tokens, i)):
            out[offset] = FORBIDDEN  # 战“疫”, 从“心”出发: one quoted character is part of a word
            continue
        # the verb phrase that starts here: adverbs then a verb (全力推进, 持续优化)
        k = i + 1
        while k + 1 < len(tokens) and (
            _is_adverb(tokens[k][1]) or (tokens[k][1] in IDIOMS and _is_verb(tokens[k + 1][1])) or _manner_of_verb(tokens, k)
            or _adverbial(tokens, k)
        ):
            k += 1  # 全力推进, 不折不扣抓好, 有形有感有效铸牢: adverbs, idioms and adjectives before the verb
        starts_vp = k < len(tokens) and _is_verb(tokens[k][1]) and not _names_a_noun(tokens, k)
        if k == i + 1 and len(nxt) == 1 and (_is_nominal(pos) or pos == "t"):
            starts_vp = False  # 青年 / 唱: a one-character verb stays with its subject
        if k == i + 1 and _ends_clause(tokens, k, k, ends) and _is_nominal(pos):
            starts_vp = False  # 递补名单 / 公布…, 会议 / 召开: a verb that ends its clause is its noun's predicate
        if k == i + 1 and _is_nominal(pos) and nxt in VERBAL_NOUNS:
            starts_vp = False  # “五星”支部 / 创建: after its noun, such a verb names a thing (支部创建)
        # the subject a clause may start with here: a place's name and its organ (护国 街道, 濮阳市 台前县)
        subject_end = _subject_end(tokens, i + 1)
        subject_chars = sum(len(w) for w, _ in tokens[i + 1 : subject_end])
        pending: list[int] = []  # words a subject starting here holds together, if its break stands
        purpose = i > 1 and opens_with_purpose
        hinted = not _is_adverb(pos) and (
            _starts_with_hint(tokens, i + 1, hints, ends) or (k > i + 1 and _starts_with_hint(tokens, k, hints, ends))
        )  # but never between an adverb and its verb: 加快 / 建设
        score = 0.0
        # a colon near the start ends a label (who), not a clause (会议强调：), whatever
        # jieba makes of a place's name (新圩镇/v)
        before = word[:-1] or (tokens[i - 1][0] if i else "")
        label = (
            word[-1] in LABEL_MARKS
            and offset <= LABEL_CHARS
            and (not verb_before or before[-1:] in PLACE_ENDS or (len(word) == 1 and i > 0 and _is_nominal(tokens[i - 1][1])))
            and not _is_verb(pos)
        )  # (陕西城固/v公安：: a noun before the colon names who, whatever jieba tags inside the name)
        topic = 0 if label else -1 if seen_verb or topic < 0 else topic + _is_nominal(pos)
        if label:
            label_end = label_end or offset
            subject, seen_verb = 0, False  # the headline's subject starts after its label (新圩镇/v：)
        # 调研时要求 / 抓好…, 一致表示 / 坚决拥护…: after a verb of saying, what is said is a clause
        closes = depth == 0 and (_is_verb(pos) or pos in IDIOMS) and _verb_closes(tokens, i) and starts_vp and _has_object(tokens, k)
        if count_ends or closes:
            score = CLAUSE_BONUS
        elif nxt[0] in BRACKETS and _bracket_ends(tokens, i + 1):
            score = END_NOTE_BONUS  # a closing note: （2024—2026年）, （试行）; not （集团）有限公司
        elif nxt[0] in DASHES and word[-1] not in DASHES and offset - label_end >= SUBTITLE_AFTER:
            # 让文明之花开遍城乡 / ——我市…综述: a headline, then its subtitle on a line of its own (not
            # 单县：善益站——…, where the dash names the label's unit)
            score = END_NOTE_BONUS
        elif word[-1] in PAUSES and word[-1] != "、" and not label:
            # a pause; but 休宁县璜尖乡： is a label, the headline follows it, and 、 joins a list
            # (晋江中小学、幼儿园今日开学: not 晋江中小学、 / 幼儿园…)
            score = PAUSE_BONUS
        elif hinted and meeting:
            score = 0.0  # 召开优化营商环境攻坚突破年工作推进会议: 优化 names the meeting
        elif hinted and (seen_verb or (frame and means >= MEANS_CHARS)):
            score = CLAUSE_BONUS  # after an action, or a means: 以“网格+”模式 / 打通… (not 以信用 / 破解…)
        elif hinted and (subject >= LONG_SUBJECT or word[-1] in CLOSERS):
            # after a long subject (东山街道“五个一”工作法 / 打通…) or a slogan (平安镇：“三个聚焦” / 推动…)
            score = SUBJECT_BONUS
        elif seen_verb and word.endswith(("会议", "大会")) and npos in ("v", "vn") and _has_object(tokens, i + 1):
            score = CLAUSE_BONUS  # 主持召开县党政联席会议 / 研究招商引资等工作: what the meeting did
        elif pos in IDIOMS and len(word) >= 4 and npos == "m" and _verb_after(tokens, i + 1):
            score = CLAUSE_BONUS  # 碧山村榜上有名 / 第二批…名单公示: an idiom ends its clause, a numbered subject follows
        elif _ends_clause(tokens, i, i, ends) and nxt[0] not in CLOSERS and nxt[-1] not in PAUSES:
            score = CLAUSE_BONUS  # 多措并举 / 推动…, 监管赋能 / 构建…: a verb that ends its clause
        elif seen_verb and nxt in CLAUSE_PREPOSITIONS and npos == "p" and not frame and _verb_after(tokens, i + 2):
            score = CLAUSE_BONUS  # 抓实清廉村居建设 / 为乡村振兴擦亮…; 凝聚合力 / 以“一二三”工作体系推动…
        elif seen_verb and nxt in CAUSATIVES and _verb_after(tokens, i + 2):
            score = CLAUSE_BONUS  # 点亮群众“微心愿” / 让幸福声声不息: a result, its own clause
        elif seen_verb and depth == 0 and not _is_adverb(pos) and pos != "p" and (
            _subject_opens(tokens, i + 1) or (_opens_clause(tokens, i + 1) and not _subject_opens(tokens, i))
        ):
            # (…更扎实 / 我市今年更新…: a subject before the time starts the clause with it)
            score = CLAUSE_BONUS  # …停车难问题 / 今年新增…, 联合会成立 / 全县注册志愿者…: a time or a scope opens a clause
        elif (seen_verb or purpose) and _place_acts(tokens, i + 1) and (
            # (not 现代农垦 / 新区发力…: a name's last word; but 情况 / 陈武作…: a person)
            ((_is_nominal(pos) or pos == "t" or (pos == "a" and k == i + 1)) and (subject_chars > 2 or npos == "r" or _names_end(tokens, i + 1) > i + 1))
            or (word[-1] in CLOSERS and npos in ("ns", "nt", "r"))  # (not “五位一体” / 格局…)
            or (i > 0 and _is_verb(pos) and len(word) > 1 and subject_chars > 2 and _is_nominal(tokens[i - 1][1]))
        ):
            # 共建生态自贡 / 沿滩区开展…, 确保空气改善 / 大安区齐抓共管…: a second clause, its
            # subject a place or an organ (but 进 / 楼院: a short verb takes its place)
            score = CLAUSE_BONUS
            # the subject's name is whole (安庆 / 工业学校), and a short one keeps its verb (一览秀美乡村 /
            # 明水县探索…, not …明水县 / 探索…); only a certain one: after a verb, a word that only ends
            # as an organ does may be its object (联合县公安局 / 开展…, 围绕中心服务大局 / 扎实推进…)
            if _certain_subject(tokens, i + 1, subject_end):
                pending = list(range(i + 1, subject_end - 1))
                if subject_chars < SECOND_SUBJECT:
                    pending.append(subject_end - 1)
        elif (
            starts_vp and not (i > 0 and tokens[i - 1][0] in CAUSATIVES) and (
                (k == i + 1 and len(nxt) > 1 and _clause_ends(tokens, i) and nxt not in NO_OBJECT)
                # (加强党员队伍建设 / 积极吸收…: how the next verb acts, after a whole object)
                # (an adverbial adjective, /ad: 积极, 主动; not any /d, which jieba gives 进度 too, nor an
                # adjective, which may name the next noun phrase: 倡导文明 / 节俭就餐新风尚 is one object)
                or (k > i + 1 and npos == "ad" and len(nxt) > 1 and _clause_ends(tokens, i, OBJECT_WORDS))
            ) and _has_object(tokens, k) and tokens[k + 1][1] not in ("vn", "i")
        ):
            # 走进新邵 / 援建助学…: a verb and its object, then another; but a verb before a
            # verbal noun or an idiom-tagged noun names it (零基 / 预算改革; 防汛 / 抢险攻坚战 before the layout made 攻坚战 a noun)
            score = CLAUSE_BONUS
        elif starts_vp and (seen_verb or topic >= TOPIC_WORDS) and not (
            pos in ("ns", "nr", "nrfg", "nt") and i > 0 and _is_nominal(tokens[i - 1][1]) and depth == 0
        ):  # (not 设立百亿创投基金宁波 / 将成…: a place or a person after an object is the next verb's subject)
            score = VERB_BONUS
        elif i > 0 and word[-1] not in CLOSERS and _meeting_name(tokens, i + 1) and not _meeting_name(tokens, i) and not (
            _is_nominal(pos) and word not in MEETING_TOPICS and len(tokens) - i == 2 + (tokens[-1][0] in HELD)
        ):  # (not 新闻 / 发布会召开: a noun and the meeting word are its name)
            score = MEETING_BONUS  # the topic, then the meeting: 营商环境攻坚突破年 / 工作推进会议
        elif nxt in CLAUSE_CONJUNCTIONS and (seen_verb or nxt == "暨"):
            score = CONJ_BONUS  # (…丰收节”开幕式 / 暨乡村振兴成果展…: 暨 joins two events, verbs or not)
        elif nxt[0] in QUOTES and not _is_verb(pos) and not (pos == "vn" and word in hints) and not pos.startswith("n") and _quoted_chars(tokens, i + 1) > 1:
            # but 按下 / “加速键” parts a verb from its object, 群众 / “微心愿” a noun from
            # its head, 战 / “疫” a word from its one quoted character
            score = OPEN_QUOTE_BONUS
        elif word[-1] in CLOSERS and _quoted_predicate_follows(tokens, i + 1):
            score = CLAUSE_BONUS  # 整改落实“回头看” / 作风建设“向前走”: a noun and its quoted predicate, a clause of its own
        elif word[-1] in CLOSERS and not _is_nominal(npos) and not (len(nxt) == 1 and npos in ("a", "b", "h")):
            # (but “百名民警进千家” / 大走访 parts a name from the noun its one-character 大 starts)
            score = CLOSE_QUOTE_BONUS  # but “一部手机游青岛” / 数字服务新体系 parts a noun from its modifier
        elif verb_before and i > 0 and _clause_ends(tokens, i, OBJECT_WORDS) and _subject_then_verb(tokens, i + 1, ends):
            score = NEW_SUBJECT_BONUS  # 党建引领聚民心 / 信用积分焕新颜: a second clause, its own subject
        bad = 0.0 if score else MID_PHRASE
        if (_opens_clause(tokens, i) or _subject_opens(tokens, i)) and i > 0:
            bad, score = SPLIT_PENALTY, 0.0  # 今年 / 新增…, 全县 / 注册…: the time or scope stays with its clause
        elif i in no_break_after or (_is_place(word, pos) and _place_end(tokens, i + 1) > i + 1) or (pos == "ns" and npos == "nz"):
            # a place's name and a short subject after a clause stay whole: 濮阳市 / 台前县 never,
            # 为侗寨塑形铸魂 / 湖南新晃走出…
            bad, score = SPLIT_PENALTY, 0.0
        elif label or (word[-1] in TAG_CLOSERS and offset == tag_end):
            # 武昌保安社区： / “幸福驿站”…, 【权威发布】 / 春节…: no editor ends a line with the label or the tag
            bad, score = SPLIT_PENALTY, 0.0
        elif nxt == SPAN[1] and span_open and word[-1] not in PAUSES:
            bad, score = SPLIT_PENALTY, 0.0  # 从“水里捞金” / 到“三产融合”: 从 … 到 … is one span (not …菜园， / 到…)
        elif _adverbial(tokens, i):
            bad, score = SPLIT_PENALTY, 0.0  # 现场 / 签订: the adverbial noun stays with its verb
        elif (_is_adverb(pos) or pos in ("i", "c") or _manner_of_verb(tokens, i) or (pos == "a" and len(word) == 1 and _is_verb(npos))) and (
            _is_verb(npos) or _is_adverb(npos) or _manner_of_verb(tokens, i + 1)
        ) and not _ends_clause(tokens, i, i, ends):
            # 全力 / 推进, 凝心聚力 / 抓好: the manner stays with its verb; 不光 / 有: so does a conjunction
            bad, score = SPLIT_PENALTY, 0.0
        elif _is_verb(pos) and _is_verb(npos) and nxt not in CAUSATIVES and not _ends_clause(tokens, i, i, ends) and not frame_object and not (
            len(word) == 1 and i > 0 and _takes(tokens[i - 1][1]) and tokens[i - 1][1] != "p"
        ) and not closes:  # (but 严把食品安全关 / 守护…: a one-character word after a noun is its head, 关/v)
            # 创新 / 开展, 推广 / 使用, 担当 / 守护: one verb phrase; but 提质增效 / 激发… starts a new clause
            bad, score = SPLIT_PENALTY, 0.0
        elif word[-1] in DASHES and nxt[0] not in DASHES:
            bad, score = SPLIT_PENALTY, 0.0  # ——我市…: the dash stays with what it introduces
        elif pos == "p" or (frame and nxt == FRAME[1]):
            bad, score = SPLIT_PENALTY, 0.0  # 以 / 党建引领; 以“莱西经验” / 为引领
        elif nxt[0] in BRACKETS and not score:
            bad = SPLIT_PENALTY  # 新余市城乡建设投资 / （集团）有限公司: a note belongs to its word
        elif npos.startswith("u") or nxt in NOT_LINE_START:
            bad = SPLIT_PENALTY  # … / 的意见, 任务分解 / 和责任分工
        elif word in CARRIERS:
            bad, score = SPLIT_PENALTY, 0.0  # 对市福彩进行 / 2018年度…: 进行, 给予 carry the action their object names
        elif pos == "c" and word in NOT_LINE_START:
            bad, score = SPLIT_PENALTY, 0.0  # 小微企业和 / 非公工业经济: 和, 与 join what follows to what precedes
        elif _is_nominal(pos) and _counts_what_precedes(tokens, i + 1):
            bad, score = SPLIT_PENALTY, 0.0  # 示范点 / 1200多个维护…: the number counts the noun before it
        elif word in GOES_TO and subject_end > i + 1:
            bad, score = SPLIT_PENALTY, 0.0  # 联合 / 农业农村局开展…, 进驻 / 我县…: the place or organ is its object
        elif _is_organ(nxt, npos) and (pos == "ns" or word in ADMIN_ENDS or (_is_nominal(pos) and len(word) > 1 and word[-1] in ADMIN_ENDS)):
            bad, score = SPLIT_PENALTY, 0.0  # 单县 / 人民政府, 汝州市 / 侨联: a place's organ is named with it
        elif pos in ("nr", "nrfg") and npos in ("nr", "nrfg") and _names_end(tokens, i) > i + 1:
            bad, score = SPLIT_PENALTY, 0.0  # 蔡奇 / 陈吉宁: people named together
        elif len(nxt) == 1 and npos == "f" and i > 0:
            bad, score = SPLIT_PENALTY, 0.0  # 种 / 下爱心林, 公园 / 里: a line never starts with a one-character locative
        elif len(nxt) == 1 and nxt in VILLAGE_ENDS and pos in NAME_TAGS and len(word) > 1 and not where_in:
            bad, score = SPLIT_PENALTY, 0.0  # 塔斯布拉克 / 村: a place jieba does not know keeps its 村, 镇 (tagged zg, v …)
        elif len(nxt) == 1 and _is_nominal(npos) and _is_place(word, pos):
            bad, score = SPLIT_PENALTY, 0.0  # 北京 / 团代表: a one-character noun after a place is part of its name
        elif (len(word) == 1 or word in REACHES) and (_is_verb(pos) or _is_adverb(pos)) and _is_number(nxt, npos):
            bad, score = SPLIT_PENALTY, 0.0  # 逾 / 2.4万件, 超 / 30%: the number's qualifier stays with it
        elif _is_adverb(pos) and npos == "vn" and not _ends_clause(tokens, i, i, ends):
            bad, score = SPLIT_PENALTY, 0.0  # 加快 / 发展: an adverb and the verbal noun it qualifies
        elif len(nxt) == 1 and npos in ("m", "q") and _is_nominal(pos):
            bad, score = SPLIT_PENALTY, 0.0  # 国际档案 / 日: a one-character word tagged as a measure ends the name
        elif word in BINDERS:
            # 涉嫌合同诈骗的 / 嫌疑人, 文明之 / 花, 专属的 / 共享空间: a 的 or 之 phrase stays with its noun
            bad, score = SPLIT_PENALTY, 0.0
        elif len(word) == 1 and len(nxt) == 1 and (_is_verb(pos) or _is_morpheme(pos)) and nxt in DIRECTIONS:
            # 送 / 去, 带 / 来: a one-character verb and its direction are one word; so is a rare
            # verb jieba knows only as a morpheme (蹚/yg 出: …一体发展 / 蹚出…, never …发展蹚 / 出…)
            bad, score = SPLIT_PENALTY, 0.0
        elif _is_adverb(pos) and npos == "p":
            bad, score = SPLIT_PENALTY, 0.0  # 已 / 为农民工…, 将 / 在…: the adverb qualifies the verb its preposition leads to
        elif not score and (_is_verb(pos) or pos == "vn") and len(word) > 1 and _serves_people(tokens, i + 1):
            bad = SPLIT_PENALTY  # 打通服务 / 新阶层人士…: a verb and the people it serves
        elif _leans_on_next(tokens, i) and (not score or nxt[0] in QUOTES):
            # 微 / 网格: a one-character noun or prefix qualifies the noun after it; 促 / 和谐, 话 / 幸福,
            # 严 / 把关, 变 / “实事菜单”: a one-character verb or adverb takes what follows
            bad, score = SPLIT_PENALTY, 0.0
        out[offset] = bad - score
        if out[offset] < 0:
            no_break_after.update(pending)
        if frame and hinted and means >= MEANS_CHARS:
            frame = False  # 以“双招双引” / 推动…: a means, then the action; a 为 after it is a purpose (…升级 / 为…)
    _mark_couplet(tokens, label_end, out)
    return out


def _skeleton(text: str) -> str:
    """The shape of a half: its quotes kept, every other character an x."""
    return "".join(c if c in OPENERS or c in CLOSERS else "x" for c in text)


def couplet_halves(text: str, start: int) -> bool:
    """Whether the headline from `start` (after its label) could be a couplet,
    two halves of one length and one shape (赛龙夺锦竞风采 / 揭榜挂帅砺尖兵,
    按下发展“加速键” / 写好民生“新答卷”), judged on the characters alone."""
    rest = text[start:]
    half = len(rest) // 2
    if len(rest) % 2 or half < COUPLET_HALF[0]:
        return False
    a, b = rest[:half], rest[half:]
    if any(c in OPENERS or c in CLOSERS or c in PAUSES or c.isspace() for c in rest):
        if half > QUOTED_HALF or any(c in PAUSES or c.isspace() for c in rest):
            return False
        # the same shape (按下发展“加速键” / 写好民生“新答卷”), or one whole quote in each half
        # (“湾子夜话”扬新风 / 邻里共筑“防骗墙”)
        return (_skeleton(a) == _skeleton(b) and any(c in QUOTES for c in a)) or (_one_quote(a) and _one_quote(b))
    return half <= COUPLET_HALF[1] and all(c.isalpha() and not c.isascii() for c in rest)


def couplet_cut(text: str, start: int) -> int | None:
    """Where a couplet headline after its label (from `start`) parts: its
    middle when couplet_halves holds; else the middle of its characters
    counted without their quotes, each half holding at most one whole “…”
    (抢抓“冬修”好时节 / 清淤疏渠惠民生, 医保宣传进乡村 / 政策普及“零距离”:
    seven and seven); None if it is no couplet."""
    if couplet_halves(text, start):
        return start + (len(text) - start) // 2
    rest = text[start:]
    if any(c in PAUSES or c.isspace() for c in rest) or not any(c in QUOTES for c in rest):
        return None
    plain = [k for k, c in enumerate(rest) if c not in OPENERS and c not in CLOSERS]
    half = len(plain) // 2
    if len(plain) % 2 or half not in VERSE_HALVES:
        return None
    cut = plain[half - 1] + 1
    while cut < len(rest) and rest[cut] in CLOSERS:  # a closing quote stays with its half
        cut += 1
    if not all([c for c in h if c in OPENERS or c in CLOSERS] in ([], ["“", "”"]) for h in (rest[:cut], rest[cut:])):
        return None
    return start + cut


def _one_quote(half: str) -> bool:
    """Whether a couplet's half holds one whole “…” and no other mark."""
    marks = [c for c in half if c in OPENERS or c in CLOSERS]
    return marks == ["“", "”"]


def _own_clause(words: Sequence[Token]) -> bool:
    """Whether words that start with a noun are a clause of their own: the
    noun, then a verb with something after it (乡村振兴 / 谱 / 新篇), not a
    noun phrase whose head is a verb (典范城市创建)."""
    quoted = False
    for word, pos in words[1:-1]:
        if word in QUOTES or word in CLOSERS:
            quoted = word in QUOTES
        elif quoted and pos in IDIOMS:
            continue  # a quoted idiom is a name, not the predicate (党建“一池春水”: what 激活 wakes)
        elif _is_verb(pos) or pos in IDIOMS:
            return word not in VERBAL_NOUNS
    # 生态鸣凤 / 风景独好: an adjective ending the half is its predicate
    return len(words) > 1 and words[-1][1] in ("a", "i")


def _quoted_chars(tokens: Sequence[Token], k: int) -> int:
    """Characters inside the quote that opens at word `k`."""
    inside = "".join(w for w, _ in tokens[k:])[1:]
    for n, c in enumerate(inside):
        if c in CLOSERS:
            return n
    return len(inside)


def _one_quoted(tokens: Sequence[Token], i: int) -> bool:
    """Whether the quote that closes with word `i` holds one character."""
    before = "".join(w for w, _ in tokens[: i + 1])
    return len(before) >= 3 and before[-3] in QUOTES and before[-1] in CLOSERS


def _quoted_predicate_follows(tokens: Sequence[Token], k: int) -> bool:
    """Whether the words from `k` to the end are a noun, perhaps an adverb,
    and a quote that ends the title (作风建设“向前走”, 疫情防控更“贴心”): a
    clause whose predicate is the quote, answering the quote before it. A
    noun after a quote is otherwise its head (“两创”方针)."""
    rest = tokens[k:]
    if len(rest) < 3 or not _is_nominal(rest[0][1]) or rest[-1][0][-1] not in CLOSERS:
        return False
    opens = [n for n, (w, _) in enumerate(rest) if w[0] in QUOTES]
    if len(opens) != 1 or sum(len(w) for w, _ in rest[: opens[0]]) < 4:
        return False
    return all(_is_nominal(p) or _is_adverb(p) for _, p in rest[: opens[0]])


def _is_organ(word: str, pos: str) -> bool:
    """An organ or a body (人民政府/nt, 侨联, 文明办, 公安局)."""
    return pos == "nt" or (_is_nominal(pos) and len(word) > 1 and word[-1] in ORGAN_ENDS)


AREAS = ("示范区", "开发区", "先行区", "试验区", "功能区", "保护区", "风景区", "园区", "城区", "片区", "辖区", "新区", "景区", "社区",
         "城市", "都市")  # kinds of area, not a place's name
PLACE_WORDS = ("街道", "社区")  # a place's last word when jieba parts it from its name (护国/街道)


def _is_place(word: str, pos: str) -> bool:
    """A place's name: tagged so (ns), or a name ending as an administrative
    place does, whatever jieba tags it (明水县/nr, 沿滩区/n)."""
    return pos == "ns" or (
        (_is_nominal(pos) or pos == "r") and len(word) > 2 and word[-1] in ADMIN_ENDS and not word.endswith(AREAS)
    )


def _place_end(tokens: Sequence[Token], k: int) -> int:
    """The index after the place's name that starts at word `k` (濮阳市 台前县,
    湖南 新晃, 护国 街道: the places of one name), or `k` if none starts there."""
    word, pos = tokens[k]
    if k + 1 < len(tokens) and _is_nominal(pos) and tokens[k + 1][0] in PLACE_WORDS:
        return k + 2  # 护国 街道
    if not _is_place(word, pos):
        return k
    k += 1
    while k < len(tokens) and (_is_place(*tokens[k]) or (tokens[k - 1][1] == "ns" and tokens[k][1] == "nz") or tokens[k][0] in PLACE_WORDS):
        k += 1  # 濮阳市 台前县; 湖南 新晃/nz (a county jieba does not know)
    return k


def _names_end(tokens: Sequence[Token], k: int) -> int:
    """The index after the people named from word `k` (蔡奇 陈吉宁 李伟, or
    with their office first: 省委书记 林铎), if a verb follows them; `k` if
    none. jieba tags many a noun nr (宣传周/nr 启动, 承载力/nr 减少): a name
    starts with a common surname, has two or three characters (a Han name's
    length; jieba parts a longer one's words) and acts."""
    j = k + (k + 1 < len(tokens) and tokens[k][0].endswith(OFFICES) and _is_nominal(tokens[k][1]))
    start = j
    while j < len(tokens) and tokens[j][1] in ("nr", "nrfg") and 2 <= len(tokens[j][0]) <= 3 and tokens[j][0][0] in SURNAMES:
        j += 1
    return j if j > start and j < len(tokens) and tokens[j][1] == "v" else k


def _subject_end(tokens: Sequence[Token], k: int) -> int:
    """The index after the subject that starts at word `k`: people named
    (蔡奇 陈吉宁 李伟), a place's name and its organ (汝州市 侨联, 单县 人民政府,
    安庆 工业 学校), or a place or organ of one word (沿滩区, 市文明办); `k` if
    none starts there."""
    word, pos = tokens[k]
    end = _place_end(tokens, k)
    names = _names_end(tokens, k)
    if names > k:
        return names  # 蔡奇 陈吉宁 李伟 参加…, 陈武 作…: people, named
    if end == k and word in ADMIN_ENDS:
        # 县 人社局 组织…, 县 畜牧 兽医 中心 开展…: the county's organ, its place a character of its own
        for j in range(k + 1, min(k + 4, len(tokens))):
            if _is_organ(*tokens[j]) or tokens[j][0] == "中心":
                return j + 1
            if not _is_nominal(tokens[j][1]):
                break
    if end == k:
        ends = PLACE_ENDS | ORGAN_ENDS
        if not (pos in ("ns", "nt") or ((_is_nominal(pos) or pos == "r") and len(word) > 1 and word[-1] in ends and word[-1] not in CLOSERS)):
            return k  # no place or organ starts here (我县, 我市: the writer's own place, /r, does)
        if _is_meeting_word(word):
            return k  # 推进会部署…: a meeting, not an organ
        end = k + 1
    if end + 1 < len(tokens) and _is_organ(*tokens[end]):
        end += 1  # 汝州市 侨联 开展…, 单县 人民政府 召开…: the place's organ
    elif end + 2 < len(tokens) and _is_nominal(tokens[end][1]) and _is_organ(*tokens[end + 1]):
        end += 2  # 安庆 工业 学校 开展…: the place's organ, named in two words
    return end


def _certain_subject(tokens: Sequence[Token], k: int, end: int) -> bool:
    """Whether the subject from word `k` to `end` is surely one: a place
    (ns, 明水县), people named, or a place and its organ; not a noun that
    only ends as an organ does (服务大局, 场所, 干部)."""
    return _place_end(tokens, k) > k or _names_end(tokens, k) > k or tokens[k][1] in ("ns", "nt") or (
        end - k > 1 and _is_place(*tokens[k])
    )


def _place_acts(tokens: Sequence[Token], k: int) -> bool:
    """Whether word `k` starts the name of a place, an organ or people
    (沿滩区, 市文明办, 濮阳市台前县, 蔡奇陈吉宁李伟) that a verb follows: the
    subject of a clause of its own."""
    k0, k = k, _subject_end(tokens, k)
    if k == k0:
        return False
    while k < len(tokens) and _is_adverb(tokens[k][1]):
        k += 1
    return k < len(tokens) and (_is_verb(tokens[k][1]) or tokens[k][1] in IDIOMS) and not _names_a_noun(tokens, k)


def _verse_feet(tokens: Sequence[Token], start: int, half: int) -> bool:
    """Whether a half of a verse couplet falls into its feet: a word ends
    after the first four characters of a half of seven (粽叶飘香 / 忆军魂) or
    the first two of a half of five (小小 / 微心愿), in either half; not
    全县中小学校长 / 培训班开班仪式, a noun phrase cut in two."""
    ends, offset = set(), 0
    for word, _ in tokens:
        offset += len(word)
        ends.add(offset)
    foot = half - 3
    return start + foot in ends or start + half + foot in ends


def _mark_couplet(tokens: Sequence[Token], start: int, out: dict[int, float]) -> None:
    """Headlines are often couplets, two clauses of one length and shape; the
    editors break between them, whatever the words at the break (jieba tags
    a couplet's words poorly: 赛/龙夺锦/竞/风采). The halves must each hold a
    predicate and not part a noun phrase (扎实推进文明 / 典范城市创建 is one
    clause whose object runs on)."""
    text = "".join(w for w, _ in tokens)
    cut = couplet_cut(text, start)
    if cut is None:
        return
    if out.get(cut, INSIDE_WORD) >= FORBIDDEN:
        return  # not a word boundary
    offset, left, right = 0, [], []
    for word, pos in tokens:
        if offset >= start:
            (left if offset < cut else right).append((word, pos))
        offset += len(word)
    if not left or not right:
        return
    lp, (rw, rp) = left[-1][1], right[0]
    if lp == "p" or _is_adverb(lp) or lp.startswith("u") or lp == "c" or rp.startswith("u") or rw in NOT_LINE_START:
        return
    if not couplet_halves(text, start) and _is_verb(lp):
        return  # halves of one length only without their quotes: not a verb parted from its object (网格化排查织密 / 安全生产“防护网”)
    if len(left[-1][0]) == 1 and len(rw) == 1:
        return  # two characters jieba parted, one word across the middle: 用心服务情 / 暖退役军人
    bound = [k for k, (w, _) in enumerate(left[-3:]) if w in BINDERS]
    if bound and _is_nominal(rp) and all(_is_nominal(p) for _, p in left[-3:][bound[-1] + 1 :]):
        return  # the noun a 的 phrase ends with runs on across the middle: 组建党的二十大 / 精神宣讲小分队
    half = (len(text) - start) // 2
    if half in VERSE_HALVES and not any(c in OPENERS for c in text[start:]) and _verse_feet(tokens, start, half):
        # 粽叶飘香忆军魂 / 红心向党续荣光, 党建引领聚合力 / 乡村振兴谱新篇: a line of
        # verse (4 + 3, 2 + 3) is its own clause whatever jieba tags (忆/nr, 聚合力/n)
        out[cut] = min(out[cut], 0.0) - PARALLEL_BONUS
        return
    if _is_nominal(lp) and _is_nominal(rp) and not _own_clause(right):
        return  # a noun phrase runs across the middle (its verb, if any, at its end: 典范城市创建)
    if _is_verb(lp) and len(left[-1][0]) > 1 and (_is_nominal(rp) or _is_verb(rp)) and not _own_clause(right):
        return  # a verb and its object across the middle: 钻研业务夯实 / 巡察工作基础 is no couplet
    def predicate(words: list[Token]) -> bool:
        return any(_is_verb(p) or p in IDIOMS or p in ("a", "vn", "z") for _, p in words)

    if not (predicate(left) and predicate(right)):
        return
    out[cut] = min(out[cut], 0.0) - PARALLEL_BONUS


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
        penalty = boundaries.get(offset, INSIDE_WORD)
        if (u[-1].isspace() or units[k + 1][0].isspace()) and penalty < FORBIDDEN:
            penalty = -PAUSE_BONUS  # a space the editor typed is a break (not one inside “…”: 巾帼心向党 奋进新征程)
        cuts.append(Cut(offset, width, penalty))
    cuts.append(Cut(len(text), width, 0.0))
    return cuts


def two_line_cost(cut: Cut, total: float, cell: float) -> float:
    """What the rules charge for two lines parted at `cut`: its penalty and
    the unevenness of the lines, as best_lines weighs them (each line's
    distance from half of `total`)."""
    return cut.penalty + EVEN_WEIGHT * abs(2 * cut.width - total) / cell


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
                    c = c_i + EVEN_WEIGHT * abs(w - mean) / cell + pen
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
    ends: Sequence[str] = (),
    model: TitleModel | None = None,
) -> list[str]:
    """The lines of a title that does not fit on one: see the module's doc.

    `units` are the title's unbreakable clusters with their widths in pt,
    `cell` the width of one character (to weigh unevenness in characters),
    `segment` the word segmenter (jieba's, or a stand-in in tests),
    `model` the editors' ear: among the breaks of a two-line title the
    rules allow, the one it scores highest less a toll for each unit of
    rule cost beyond MODEL_REACH above the cheapest (a title that fits is
    judged without it: whether to break at all is the rules' call).
    """
    total = sum(w for _, w in units)
    if total <= measure + EPS:
        return [text]
    tokens = segment(text)
    cuts = cuts_of(text, units, word_boundaries(tokens, hints, ends))
    spaced = _spaced_lines(text, cuts, measure, cell)
    if spaced:
        return spaced
    candidates = model_candidates(cuts, tokens, measure, cell) if model else []
    if candidates:
        # the model chooses, the further from the rules' cheapest the dearer (see MODEL_REACH)
        cost = {j: two_line_cost(cuts[j], total, cell) for j, _ in candidates}
        least = min(cost.values())
        chosen = [model.choose(candidates, {j: REACH_PRICE * max(0.0, c - least - MODEL_REACH) for j, c in cost.items()}),
                  len(cuts) - 1]
    else:
        for limit in (FORBIDDEN, INSIDE_WORD, math.inf):
            chosen = best_lines(cuts, measure, cell, limit)
            if chosen:
                break
        else:  # a cluster wider than the line: the caller breaks it as running text
            return [text]
    pieces, start = [], 0
    for j in chosen:
        stop = cuts[j].offset
        pieces.append(text[start:stop].strip())
        start = stop
    return [p for p in pieces if p]


def _spaced_lines(text: str, cuts: Sequence[Cut], measure: float, cell: float) -> list[str] | None:
    """A title with a space the editor typed between its clauses that no
    two lines can part there (文明用网 健康上网 兰州市网络不文明行为整治暨…,
    a first line of 20 characters and two spaces too wide): its lines at
    clear breaks only (the space, a pause, a clause verb, 暨), one line more
    if need be, not two lines that part a phrase where the editor's space
    cannot fall (…不文明行为 / 整治暨…). None when a space can end the first
    of two lines (the model's candidates hold it) or no clear breaks fit."""
    if not any(c.isspace() for c in text.strip()):
        return None
    total = cuts[-1].width
    typed = [c for c in cuts[1:-1] if text[c.offset - 1].isspace() or text[c.offset].isspace()]
    if any(c.width <= measure + EPS and total - c.width <= measure + EPS for c in typed):
        return None
    chosen = best_lines(cuts, measure, cell, -CONJ_BONUS + EPS)
    fewest = max(1, math.ceil(total / measure - EPS))
    if not chosen or len(chosen) > fewest + 1 or not any(cuts[j] in typed for j in chosen[:-1]):
        return None
    pieces, start = [], 0
    for j in chosen:
        pieces.append(text[start : cuts[j].offset].strip())
        start = cuts[j].offset
    return pieces


def may_read_as_two_clauses(text: str, hints: Sequence[str], min_chars: int) -> bool:
    """Whether a title that fits could still have a clause break an editor
    would set on two lines, judged without the segmenter (which costs a
    render a tenth of a second): a pause or a label's colon, or a clause
    verb with an action before it (another clause verb, a closing quote:
    创新“五位一体”格局 / 提高…), each with `min_chars` on both sides. A
    space the editor typed keeps the title on one line, the space printed
    between its clauses (党员志愿来清扫 美化环境我先行)."""
    n = len(text)
    if any(c.isspace() for c in text.strip()):
        return False  # the editor's own space: printed as typed, on one line
    for p in range(min_chars, n - min_chars + 1):
        if text[p - 1] in PAUSES or (text[p] in DASHES and text[p - 1] not in DASHES and p >= SUBTITLE_AFTER):
            return True  # a pause, or a headline and its subtitle (守护一方平安 / ——记…)
        if any(text.startswith(h, p) for h in hints if len(h) > 1):
            head = text[:p]
            if any(c in CLOSERS or c in LABEL_MARKS for c in head) or any(h in head for h in hints if len(h) > 1):
                return True
    return False


def _label_chars(text: str) -> int:
    """Characters of a label that a colon near the start ends (叶大乡：), 0 if
    none, judged on the characters alone (word_boundaries also weighs the
    words before the colon: 会议强调： is no label)."""
    return next((k + 1 for k, c in enumerate(text[:LABEL_CHARS]) if c in LABEL_MARKS), 0)


def is_verse(text: str) -> bool:
    """Whether a title is a label and a verse couplet, halves of five or
    seven characters with no quotes (叶大乡：小小微心愿 / 传递大温暖): its
    shape marks it however short the title."""
    colon = _label_chars(text)
    rest = text[colon:]
    return colon > 0 and len(rest) // 2 in VERSE_HALVES and not any(c in OPENERS for c in rest) and couplet_halves(text, colon)


def may_be_couplet(text: str, min_chars: int) -> bool:
    """Whether a title that fits may be a label and a couplet (广东监管局：
    赛龙夺锦竞风采 / 揭榜挂帅砺尖兵), its first line (label and half) of
    `min_chars` or more, judged without the segmenter. Without a label, two halves of one length
    are as often one clause (冰城公安帮助香港 / 游客…): such a title stays whole."""
    if any(c.isspace() for c in text.strip()):
        return False
    colon = _label_chars(text)
    return colon > 0 and couplet_halves(text, colon) and len(text) - (len(text) - colon) // 2 >= min_chars


PAIR_HALF = 5  # characters of each clause of a label's clause pair, at least (…镇：传承好家风 / 引领文明新风尚)
PAIR_SKEW = 2  # characters by which its two clauses may differ


def may_be_clause_pair(text: str) -> bool:
    """Whether a title that fits may be a label and two clauses of about one
    length (丁纯：提高政治站位 / 持续改进作风), judged without the segmenter:
    a label, room after it for two clauses, and no space typed by the editor."""
    colon = _label_chars(text)
    return colon > 0 and len(text) - colon >= 2 * PAIR_HALF and not any(c.isspace() for c in text.strip())


def clause_pair(
    text: str, units: Sequence[tuple[str, float]], segment: Segmenter, hints: Sequence[str] = (), ends: Sequence[str] = ()
) -> list[str]:
    """A title that fits, a label and two clauses of about one length, each
    with its own verb (鄂州：传承好家风 / 引领文明新风尚, 习近平：新时代要有新
    气象 / 更要有新作为): its two lines at the clause boundary, where the rules
    see no phrase parted; else [text]. Editors set such a pair on two lines
    however short the title; the real titles bear it out (31 of 47 such
    labelled titles that fit are broken where their editors broke them, 25
    without it), one title printed on one line being broken (湖北恩施：督查扶贫
    领域 / 巡视反馈问题整改) and none of the one-line pool's."""
    colon = _label_chars(text)
    if not may_be_clause_pair(text):
        return [text]
    tokens = segment(text)
    boundaries = word_boundaries(tokens, hints, ends)
    ends_at = list(itertools.accumulate(len(w) for w, _ in tokens))
    between_units = set(itertools.accumulate(len(u) for u, _ in units))  # (a mark stays with its neighbour)
    first = next(i for i, end in enumerate(ends_at) if end >= colon) + 1  # the first word after the label
    best: tuple[float, int] | None = None
    for k, end in enumerate(ends_at[:-1]):
        head, tail = end - colon, len(text) - end
        if min(head, tail) < PAIR_HALF or abs(head - tail) > PAIR_SKEW:
            continue
        price = boundaries.get(end, INSIDE_WORD)
        if price > 0 or k < first or end not in between_units:
            continue  # a phrase parted (MID_PHRASE and dearer): no clause boundary
        if not (any(_is_verb(p) for _, p in tokens[first : k + 1]) and any(_is_verb(p) for _, p in tokens[k + 1 :])):
            continue
        if best is None or price < best[0]:
            best = (price, end)
    if best is None:
        return [text]
    return [text[: best[1]], text[best[1] :]]


def clause_lines(
    text: str,
    units: Sequence[tuple[str, float]],
    cell: float,
    segment: Segmenter,
    hints: Sequence[str] = (),
    ends: Sequence[str] = (),
    min_chars: int = 6,
    clearest: float = CLAUSE_BONUS,
) -> list[str]:
    """A title that fits on one line but reads as two clauses (平度市擦亮“庄户
    学院”品牌 / 激发文明实践新活力 would fit at 19 characters): its two lines
    at the clearest clause break, each of `min_chars` or more; else [text].
    Only a break as clear as a clause verb after an action, a pause or a
    label's clause is taken: 青岛西海岸新区创新开展二十四节气宣传 stays whole.
    `clearest`: the least bonus a break needs (PARALLEL_BONUS: a couplet's
    middle or a pause only)."""
    cuts = cuts_of(text, units, word_boundaries(segment(text), hints, ends))
    total = cuts[-1].width
    best: tuple[float, int] | None = None
    for c in cuts[1:-1]:
        head, tail = text[: c.offset].strip(), text[c.offset :].strip()
        if c.penalty > -clearest + EPS or len(head) < min_chars or len(tail) < min_chars:
            continue
        cost = two_line_cost(c, total, cell)
        if best is None or cost < best[0]:
            best = (cost, c.offset)
    if best is None:
        return [text]
    return [text[: best[1]].strip(), text[best[1] :].strip()]


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


def jieba_segmenter(user_words: str | None = None) -> Segmenter:
    """jieba's part-of-speech segmenter with the layout's own words, built
    once per process while the word list stays as it is (the dictionary takes
    a second to load; the preview lives for hours while an editor adds a
    word) and silent: jieba logs to stderr and its import warns about
    pkg_resources."""
    stamp = None
    if user_words:
        st = os.stat(user_words)
        stamp = (st.st_mtime_ns, st.st_size)
    return _jieba_segmenter(user_words, stamp)


@functools.lru_cache(maxsize=4)
def _jieba_segmenter(user_words: str | None, stamp: tuple[int, int] | None) -> Segmenter:
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
        return join_places([(p.word, p.flag) for p in pos.cut(text)])

    return segment


NAME_TAGS = ("n", "nz", "ns", "nr", "nrt", "ng", "zg", "j")  # what jieba tags a place's name it does not know
# what makes a kind of zone or model of a 区, 镇, 乡, 县, not a place's name (样板区, 文明镇, 园林县; AREAS has the
# areas: 先行区, 示范区, 新区 …)
ZONE_KINDS = {"先导", "样板", "特色", "文明", "明星", "标杆", "园林", "试点", "核心", "重点", "引领", "实验", "老", "全", "本",
              "该", "各", "每"}


def join_places(tokens: list[Token]) -> list[Token]:
    """The tokens with a place's name and its last character made one place
    (苎溪/n 镇/v → 苎溪镇/ns, 九龙/nz 乡/n, 沙/n 汭/zg 区/n): jieba knows few
    towns and townships and leaves the 镇, 乡, 区 of one it does not know a
    word of its own, often a verb (镇 守), so the rules would read the name
    as an object and the place's character as a clause's verb. Only where a
    verb, an adverb, a time or a mark follows: before a noun the character
    starts an organ's name or a noun (县 检察院, 高桥 乡村…)."""
    out: list[Token] = []
    for k, (word, pos) in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", "x")
        # (only where the name ends: 县 检察院, 市 发改委 start an organ's name, 高桥 乡村… a noun)
        if len(word) == 1 and word in ADMIN_ENDS and out and not (_is_nominal(nxt[1]) or nxt[1] in ("zg", "b")):
            name, npos = out[-1]
            zone = name in ZONE_KINDS or (name + word).endswith(AREAS)
            if 1 <= len(name) <= 3 and npos in NAME_TAGS and name[-1] not in ADMIN_ENDS and not zone:
                out.pop()
                if len(name) == 1 and out and len(out[-1][0]) == 1 and out[-1][1] in NAME_TAGS:
                    name = out.pop()[0] + name  # 沙 汭 区: a name jieba cut in characters
                out.append((name + word, "ns"))
                continue
        out.append((word, pos))
    return out


# -- the title model: an editor's ear, learned from editors' breaks
#
# The rules above know grammar: where a break may never go (inside a word, after a
# number, inside quotes) and where a clause ends. Among the breaks they allow, which one
# an editor prints also depends on the words themselves (…召开 / 部署…, 让群众… on a line of
# its own) and on how far each rule is to be trusted; that is learned. A conditional
# log-linear model over a title's candidate breaks: each candidate's features (the rules'
# penalty there, how uneven the two lines are, the words on both sides and their parts of
# speech) weighed and summed, the highest score printed. bench/title_model.py learns the
# weights from the editors' breaks in tests/fixtures (layouts/title_model.txt).

Features = dict[str, float]
PENALTY_CAP = 30.0  # a penalty beyond this tells the model nothing more (a hold is a hold)
# How far the model may stray from the rules: a break whose cost by the rules (penalty and unevenness,
# as best_lines weighs them) is more than MODEL_REACH above the cheapest loses REACH_PRICE of its score
# for each unit beyond: a break the model only slightly prefers (市深化零基 / 预算改革) does not beat a
# clear clause break, one it is sure of (…推进缓慢 / 个别村仍有…) still may.
# Leave-one-set-out (bench/title_model.py --cv), real of 689 and invented of 5000: a hard reach of 6
# (no break beyond it), 446 and 3352; soft, price 0.1 beyond 6: 440, 3532; 0.3 beyond 6: 442, 3499;
# 0.3 beyond 4.5: 447, 3469; 0.3 beyond 3: 450, 3418; 0.5 beyond 3: 451, 3369; 0.3 beyond 0: 446, 3324;
# 0.2 beyond 3: 449, 3472 (real 简报 216 → 219 of 305).
MODEL_REACH = 3.0
REACH_PRICE = 0.2


def break_features(tokens: Sequence[Token], k: int, penalty: float, lean: float) -> Features:
    """What the model weighs at a break after word `k`: the rules' penalty
    there, as a number and as its rounded value (the bonuses of a clause, a
    pause, a couplet's middle sum to values of their own, each trusted as far
    as the editors' breaks bear out), the unevenness of the two lines (`lean`:
    characters by which the first is longer), and the words and parts of
    speech on both sides of the break (a typed space: a tag of its own, no word)."""
    before, tag_before = tokens[k]
    after, tag_after = tokens[k + 1]
    # jieba tags a typed space x, as it does marks: a space is no comma
    tag_before, tag_after = ("sp" if before.isspace() else tag_before), ("sp" if after.isspace() else tag_after)
    pen = max(-PENALTY_CAP, min(PENALTY_CAP, penalty))
    out: Features = {
        "pen": pen / 10,
        f"pen={round(pen)}": 1.0,
        "uneven": abs(lean) / 10,
        "uneven2": (lean / 10) ** 2,
        "first_longer": 1.0 if lean > 0 else 0.0,
        f"tag<{tag_before}": 1.0,
        f"tag>{tag_after}": 1.0,
        f"tags{tag_before}|{tag_after}": 1.0,
    }
    if not before.isspace():
        out[f"end:{before}"] = 1.0
    if not after.isspace():
        out[f"start:{after}"] = 1.0
    return out


def model_candidates(cuts: Sequence[Cut], tokens: Sequence[Token], measure: float, cell: float) -> list[tuple[int, Features]]:
    """The breaks the model chooses among, as (index into `cuts`, features):
    a title of two lines only, each line fitting, at a word boundary the
    rules do not forbid; one they hold between two words of two characters
    or more is one too, at its price (the editors' break of 140 more
    invented titles is then among the candidates, most of them between two
    verbs the rules read as one phrase), one they hold at a one-character
    word (产业强 / 镇, 让 / 3万人) only if nothing else fits; at a space the
    editor typed, if one fits. Empty when the title needs three lines or every
    break that fits is forbidden: then the rules alone decide."""
    total = cuts[-1].width
    if total > 2 * measure + EPS:
        return []
    word_at: dict[int, int] = {}
    offset = 0
    for k, (word, _) in enumerate(tokens[:-1]):
        offset += len(word)
        word_at[offset] = k
    out, spaced = [], []
    for j, c in enumerate(cuts[1:-1], 1):
        k = word_at.get(c.offset)
        if k is None or c.penalty >= FORBIDDEN or c.width > measure + EPS or total - c.width > measure + EPS:
            continue
        out.append((j, break_features(tokens, k, c.penalty, (2 * c.width - total) / cell)))
        if tokens[k][0].isspace() or tokens[k + 1][0].isspace():
            spaced.append(out[-1])
    if spaced:
        return spaced  # the editor's own space: where the editor parted the clauses (县纪委监委 召开…)
    # a break the rules hold between two words of two characters or more stays a candidate, priced:
    # the rules hold 大走访 / 收集…, 污水治理 / 提出… as one verb phrase, editors part them; a
    # one-character word they hold to its neighbour only if nothing else fits (产业强 / 镇, 述职 / 会)
    def free(j: int) -> bool:
        k = word_at[cuts[j].offset]
        return cuts[j].penalty < SPLIT_PENALTY or (len(tokens[k][0]) > 1 and len(tokens[k + 1][0]) > 1)

    return [c for c in out if free(c[0])] or out


@dataclass(frozen=True)
class TitleModel:
    """The learned weight of each feature (absent: 0)."""

    weights: dict[str, float]

    def score(self, features: Features) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in features.items())

    def choose(self, candidates: Sequence[tuple[int, Features]], toll: dict[int, float] | None = None) -> int:
        """The candidate cut the editors' ear prefers (the first of equals),
        less what `toll` charges a cut (its distance from the rules)."""
        toll = toll or {}
        return max(candidates, key=lambda c: self.score(c[1]) - toll.get(c[0], 0.0))[0]


DENSE_FEATURES = ("pen", "uneven", "uneven2", "first_longer")  # every model has them: a file without them is not one


def load_title_model(path: str) -> TitleModel:
    """The model file (`feature<TAB>weight` a line, `#` comments), read once
    while the file stays as it is; ValueError naming the line if it is not one."""
    st = os.stat(path)
    return _read_title_model(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=4)
def _read_title_model(path: str, mtime_ns: int, size: int) -> TitleModel:
    weights: dict[str, float] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            try:
                value = float(parts[1]) if len(parts) == 2 else math.nan
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                raise ValueError(f"line {n} is not a feature, a tab and a finite number: {line.strip()}")
            if parts[0] in weights:
                raise ValueError(f"line {n} gives `{parts[0]}` a second time")
            weights[parts[0]] = value
    missing = [f for f in DENSE_FEATURES if f not in weights]
    if missing:
        raise ValueError(f"it has no weight for {', '.join(missing)} (rebuild it with bench/title_model.py)")
    return TitleModel(weights)


@dataclass(frozen=True)
class TitleRules:
    """The layout's settings for breaking titles, read once per layout."""

    hints: tuple[str, ...]  # clause verbs (title_breaks_before)
    ends: tuple[str, ...]  # clause-ending verbs (title_breaks_after)
    break_fitting: int  # a fitting title this long may be set on two lines (0: never)
    min_line: int  # the shortest line such a break leaves


def title_rules(layout) -> TitleRules:
    """The layout's title settings, each checked (a bad one names the layout
    file and key): read when the Typesetter is made, not for every title.
    The word list (`title_words`) is looked for only when a title needs the
    segmenter, as before: a layout copied without it still sets an issue
    whose titles fit or are broken by hand."""
    from ..errors import ContentError, Where

    ts = layout.root.sub("typesetting")
    for gone in ("title_lexicon", "title_lexicon_weight"):
        if ts.raw(gone, None) is not None:
            raise ContentError(
                Where(layout.path),
                f"layout key `typesetting.{gone}` is no longer read: the title model replaced the lexicon. Remove "
                "`title_lexicon` and `title_lexicon_weight` and add `title_model: title_model.txt` (copy the file from "
                "the layouts folder), or leave it out and the rules alone break titles.",
            )
    return TitleRules(
        title_hints(layout),
        title_ends(layout),
        int(ts.number("title_break_fitting", 0)),
        int(ts.number("title_min_line", 6)),
    )


def title_words(layout) -> str | None:
    """The layout's own words for the segmenter (`typesetting.title_words`,
    a jieba user dictionary relative to the layout file: `word freq tag` a
    line), checked: official vocabulary jieba splits or mistags (打好, 抓实,
    放管服, 暨)."""
    path = _beside_layout(layout, "title_words", "a word list next to the layout (one `word freq tag` a line)")
    return str(path) if path else None


SIDE_FILES = ("title_words", "title_model")  # the layout keys that name a file next to the layout


def _side_path(layout, key: str) -> tuple[str, Path] | None:
    """What `typesetting.<key>` says and the file it names, relative to the
    layout file; None if the key is not set (or the layout has no
    `typesetting` mapping: the Typesetter names that fault)."""
    section = layout.root.raw("typesetting", None)
    value = section.get(key) if isinstance(section, dict) else None
    if not value or not isinstance(value, str):
        return None
    return value, (layout.path.parent / value).resolve()


def layout_side_files(layout) -> list[Path]:
    """The files the layout's keys name next to it (its word list, its title
    model), whether or not they are there yet: the preview watches them as
    it watches the layout, so that saving one lays the issue out again.
    Never raises: the watcher asks after every save, a broken layout too."""
    return [found[1] for found in (_side_path(layout, k) for k in SIDE_FILES) if found]


def _beside_layout(layout, key: str, what: str, hint: str = "") -> Path | None:
    """The file `typesetting.<key>` names, relative to the layout file; None
    if the key is not set; one message naming the key if the file is not there."""
    from ..errors import ContentError, Where

    if not layout.root.sub("typesetting").raw(key, None):  # (no mapping: one message naming it)
        return None
    found = _side_path(layout, key)
    if found is None:  # a number, a list: no file's name
        raise ContentError(Where(layout.path), f"layout key `typesetting.{key}` should name {what}.")
    value, path = found
    if not path.is_file():
        raise ContentError(
            Where(layout.path), f"layout key `typesetting.{key}: {value}` should name {what}; there is no {path}{hint}."
        )
    return path


def title_model(layout) -> TitleModel | None:
    """The layout's title model (`typesetting.title_model`, relative to the
    layout file), checked; None without one (the rules alone break titles).
    Read, like the word list, only when a title needs the segmenter."""
    from ..errors import ContentError, Where

    path = _beside_layout(
        layout, "title_model", "the title model next to the layout",
        " (copy title_model.txt from the layout's folder, or remove the key: the rules alone then break titles)",
    )
    if path is None:
        return None
    try:
        return load_title_model(str(path))
    except (OSError, ValueError) as exc:
        raise ContentError(Where(path), f"the title model (layout key `typesetting.title_model`) is not one: {exc}") from None


def title_ends(layout) -> tuple[str, ...]:
    """The layout's clause-ending verbs (`typesetting.title_breaks_after`):
    a clause ends after them (多措并举 / 推动…, 精准发力 / 深耕…), checked as
    `title_breaks_before` is."""
    return _word_list(layout, "title_breaks_after")


def title_hints(layout) -> tuple[str, ...]:
    """The layout's clause verbs (`typesetting.title_breaks_before`), checked."""
    return _word_list(layout, "title_breaks_before")


def _word_list(layout, key: str) -> tuple[str, ...]:
    """A list of words under `typesetting.<key>`, checked: an entry of one
    character would part words (产权转 / 让, 介 / 绍)."""
    from ..errors import ContentError, Where

    value = layout.root.sub("typesetting").raw(key, []) or []
    if not isinstance(value, list):
        raise ContentError(Where(layout.path), f"layout key `typesetting.{key}` should be a list of words.")
    short = [str(v) for v in value if len(str(v)) < 2]
    if short:
        raise ContentError(
            Where(layout.path),
            f"layout key `typesetting.{key}` has one-character entries ({'、'.join(short)}): "
            "they break titles inside words (产权转 / 让工作会议); list words of two characters or more.",
        )
    return tuple(str(v) for v in value)
