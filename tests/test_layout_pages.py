"""Pagination, the gaps around titles, the 版记 and page numbers, on the
layout's frames: small inputs, expectations worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhuanbao.document import Banji, Document, Para, Run
from zhuanbao.errors import ContentError
from zhuanbao.fonts import FontBook
from zhuanbao.layout.banji import BanjiSettings, Trial, plan
from zhuanbao.layout.boxes import Grid, Page, RuleBox, TextBox
from zhuanbao.layout.flow import Slot, Typesetter, build_flow
from zhuanbao.layout.pages import number_pages, paginate, place_banji
from zhuanbao.layoutfile import load_layout

ROOT = Path(__file__).resolve().parent.parent
LP = 225 * 72 / 25.4 / 22  # grid line pitch, pt


def variant(tmp_path: Path, *changes: tuple[str, str]):
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8").replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return load_layout(path)


@pytest.fixture(scope="module")
def ts() -> Typesetter:
    layout = load_layout(ROOT / "layouts" / "zhuanbao.yaml")
    return Typesetter(layout, FontBook(layout), Grid.from_layout(layout), [])


def doc_of(*body: Para) -> Document:
    return Document("t", "a", "m", "n", "p", "d", "b", (), tuple(body), Banji((), ()), ("标题",))


def para(kind: str, text: str, article: int | None = None) -> Para:
    return Para(kind, ((Run(text, kind if kind != "body" else "body"),),), None, article)


# -- keep rules ---------------------------------------------------------------


def body_slots(n: int, keeps: list[bool] | None = None) -> list[Slot]:
    return [Slot(1, [], keep_with_next=(keeps or [False] * n)[k]) for k in range(n)]


def grid(ts) -> Grid:
    return ts.grid


def test_no_orphan_no_widow(ts):
    # 20 lines, then a paragraph of 4 (first keeps with second, last but one with last)
    slots = body_slots(20) + body_slots(4, [True, False, True, False])
    pages, used = paginate(slots, ts.grid, None, 0)
    assert [len(p.slots) for p in pages] == [22, 2]
    # one line earlier: the paragraph's first line would stand alone at the foot
    slots = body_slots(21) + body_slots(4, [True, False, True, False])
    pages, used = paginate(slots, ts.grid, None, 0)
    assert [len(p.slots) for p in pages] == [21, 4]
    # one line later: its last line would stand alone at the head
    slots = body_slots(19) + body_slots(4, [True, False, True, False])
    pages, _ = paginate(slots, ts.grid, None, 0)
    assert [len(p.slots) for p in pages] == [21, 2]


def test_title_keeps_with_the_next_two_lines_and_the_source_with_its_article(ts):
    doc = doc_of(para("title", "标题", 0), para("body", "一" * 100), para("source", "（来源）"))
    slots = build_flow(doc, ts)
    kinds = [(s.kind, s.keep_with_next) for s in slots]
    assert kinds == [
        ("gap", False), ("title", True), ("gap", True),  # a grid line above and below the title
        # 100 characters: 26 + 28 + 28 + 18; no orphan, no widow, the last line with the source
        ("body", True), ("body", False), ("body", True), ("body", True),
        ("source", False),
    ]
    # 18 lines used: gap, title, gap and one line would fit, not the second: all go over
    pages, _ = paginate(body_slots(18) + slots, ts.grid, None, 0)
    assert [slots_kinds(pages[1], body_slots(18) + slots)[:3]] == [["title", "gap", "body"]]


def slots_kinds(page: Page, slots: list[Slot]) -> list[str]:
    return [slots[i].kind for i in page.slots]


def test_gap_before_a_section_label_and_after_a_title(ts):
    doc = doc_of(para("body", "一二三"), para("section", "〔经验交流〕"), para("title", "标题", 0), para("body", "四五六"))
    kinds = [s.kind for s in build_flow(doc, ts)]
    assert kinds == ["body", "gap", "section", "gap", "title", "gap", "body"]


def test_a_line_that_introduces_a_table_keeps_with_it(ts):
    """主要战果如下表： at a page's foot with its table on the next page reads
    as a stray line: a paragraph ending in a colon keeps with the table."""
    from zhuanbao.model import Table

    table = Table(("项目", "数量"), (("刑事案件", "46起"),), ("", ""), None)
    slots = build_flow(doc_of(para("body", "一" * 60), para("body", "主要战果如下表："), table), ts)
    intro = [s for s in slots if s.block == 1]
    assert [s.keep_with_next for s in intro] == [True]
    # without the colon, or before a paragraph, the line is free to end a page
    slots = build_flow(doc_of(para("body", "主要战果见下表。"), table), ts)
    assert [s.keep_with_next for s in slots if s.block == 0] == [False]
    slots = build_flow(doc_of(para("body", "会议要求："), para("body", "二" * 30)), ts)
    assert [s.keep_with_next for s in slots if s.block == 0] == [False]
    # on a page: the table does not fit under the intro, so both go over
    filler = para("body", "一" * (ts.grid.chars - 2 + ts.grid.chars * (ts.grid.lines - 2)))  # all the page's lines but the last
    slots = build_flow(doc_of(filler, para("body", "主要战果如下表："), table), ts)
    pages, _ = paginate(slots, ts.grid, None, 0)
    assert [[slots[i].block for i in p.slots] for p in pages] == [[0] * (ts.grid.lines - 1), [1, 2, 2]]


def test_a_line_all_in_bold_keeps_with_the_paragraph_it_heads(ts):
    """**精准回应诉求，推动服务受欢迎** on a line of its own heads the paragraphs
    after it: an unseen issue left it the last line of a page. A paragraph
    that only starts in bold (a lead sentence) keeps nothing."""
    lead = Para("body", ((Run("精准回应诉求，推动服务受欢迎", "lead"),),), None)
    mixed = Para("body", ((Run("精准回应诉求。", "lead"), Run("中天社区是较大的养老型社区。", "body")),), None)
    text = para("body", "二" * 60)
    slots = build_flow(doc_of(para("body", "一" * 60), lead, text), ts)
    assert [s.keep_with_next for s in slots if s.block == 1] == [True] and 1 in ts.decided.keep_with_next
    slots = build_flow(doc_of(para("body", "一" * 60), mixed, text), ts)
    assert [s.keep_with_next for s in slots if s.block == 1] == [False]
    # a bold line that ends its article (no source) stays with it, not with the next title
    slots = build_flow(doc_of(para("body", "一" * 60), lead, para("title", "下一篇文章的标题", article=0)), ts)
    assert [s.keep_with_next for s in slots if s.block == 1] == [False]
    # on a page: the bold line would be the page's last, so it goes over with its paragraph
    filler = para("body", "一" * (ts.grid.chars - 2 + ts.grid.chars * (ts.grid.lines - 2)))
    slots = build_flow(doc_of(filler, lead, text), ts)
    pages, _ = paginate(slots, ts.grid, None, 0)
    assert [slots[i].block for i in pages[1].slots][:1] == [1]


def test_a_table_leaves_no_row_alone_under_its_header_or_at_a_page_head(ts):
    """`table.keep_rows` (2 in the layouts): the header never stands at a
    page's foot with one row, and the last row never stands alone under the
    repeated header at the next page's head."""
    from zhuanbao.model import Table

    table = Table(("类别", "批次"), tuple((f"品类{k}", str(k)) for k in range(1, 7)), ("", ""), None)
    per_line = ts.grid.chars - 2

    def pages_with(free: int):
        """The table after a paragraph that leaves `free` grid lines on page 1: each page's (block, row) slots."""
        filler = para("body", "一" * (per_line + ts.grid.chars * (ts.grid.lines - free - 1)))
        slots = build_flow(doc_of(filler, table), ts)
        pages, _ = paginate(slots, ts.grid, None, 0)
        rows = [k for k, s in enumerate(slots) if s.block == 1]
        return [[rows.index(i) for i in p.slots if i in rows] for p in pages]

    assert pages_with(2) == [[], [0, 1, 2, 3, 4, 5, 6]]  # header and one row: both go over
    assert pages_with(3) == [[0, 1, 2], [3, 4, 5, 6]]  # header and two rows stay
    assert pages_with(6) == [[0, 1, 2, 3, 4], [5, 6]]  # all but the last: the last two go over together
    assert pages_with(7) == [[0, 1, 2, 3, 4, 5, 6]]  # the whole table fits


def test_slots_know_their_block(ts):
    doc = doc_of(para("body", "一" * 60), para("title", "标题", 0), para("body", "二"))
    assert [s.block for s in build_flow(doc, ts)] == [0, 0, 0, 1, 1, 1, 2]


# -- the 版记 ------------------------------------------------------------------


def test_banji_last_rule_on_the_bottom_edge_and_lines_centred_between_rules(ts):
    page = Page(3)
    rows = [[], [], []]
    staff = [[]]
    pitch = 26.0
    place_banji(ts, page, rows, staff, pitch)
    g = ts.grid
    rules = [i for i in page.items if isinstance(i, RuleBox)]
    top, thin, bottom = rules
    assert bottom.y + bottom.thickness / 2 == pytest.approx(g.bottom)  # on the bottom edge
    assert top.y - top.thickness / 2 == pytest.approx(g.bottom - 4 * pitch)
    assert thin.y == pytest.approx(g.bottom - pitch)
    texts = [i for i in page.items if isinstance(i, TextBox)]
    base = ts.baseline(14, "fang", pitch)

    def middle(boxes):  # middle of the em boxes' pitch band of a block of lines
        return (boxes[0].baseline - base + boxes[-1].baseline - base + pitch) / 2

    # each block centred between the inner edges of its rules
    assert middle(texts[:3]) == pytest.approx((top.y + top.thickness / 2 + thin.y - thin.thickness / 2) / 2)
    assert middle(texts[3:]) == pytest.approx((thin.y + thin.thickness / 2 + bottom.y - bottom.thickness / 2) / 2)
    assert [t.baseline - texts[0].baseline for t in texts[:3]] == pytest.approx([0, pitch, 2 * pitch])


def settings(**kw) -> BanjiSettings:
    base = dict(pitch=26.0, min_pitch=22.0, min_gap=1.0, tight_gap=0.5, pull_squeeze=0.5,
                economies=("pitch", "gap", "gaps", "pull_back"))
    return BanjiSettings(**{**base, **kw})


def trial_for(free: int, gaps: int = 0, pulls: int = 0, shrinks: int = 0):
    def trial(drop: int, pull: int, shrink: int = 0) -> Trial:
        assert drop <= gaps and pull <= pulls and shrink <= shrinks
        return Trial(10, free + drop + pull + shrink)

    return trial


def test_banji_fits_without_economy():
    fit = plan(settings(), 8, LP, trial_for(9), 0, 0)  # (9 − 1) × 29 = 232 ≥ 8 × 26
    assert (fit.used, fit.pitch, fit.gap, fit.own_page) == ([], 26.0, 1.0, False)


def test_banji_pitch_first_only_as_far_as_needed():
    fit = plan(settings(), 8, LP, trial_for(8), 0, 0)  # 7 × 28.99 = 202.9 < 208
    assert fit.used == ["pitch"]
    assert fit.pitch == pytest.approx(7 * LP / 8)
    assert fit.gap == 1.0


def test_banji_economies_in_order_and_each_as_little_as_needed():
    # issue 13's last page: 6 free lines, one gap line above a section label
    fit = plan(settings(), 8, LP, trial_for(6, gaps=1), 1, 0)
    assert fit.used == ["pitch", "gap", "gaps"]
    assert (fit.drop, fit.pull, fit.pitch) == (1, 0, 22.0)
    assert fit.gap == pytest.approx(7 - 8 * 22 / LP)
    # the layout's order decides: gaps before pitch leaves the pitch alone
    fit = plan(settings(economies=("gaps", "pitch")), 8, LP, trial_for(8, gaps=1), 1, 0)
    assert (fit.used, fit.pitch, fit.drop) == (["gaps"], 26.0, 1)


def test_banji_pull_back_when_nothing_else_is_enough():
    # 6 free lines, no gap to drop: 8 × 22 pt + 0.5 line blank = 6.57 lines, one line pulled back
    fit = plan(settings(), 8, LP, trial_for(6, pulls=2), 0, 2)
    assert fit.used == ["pitch", "gap", "pull_back"] and fit.pull == 1


def test_banji_picture_economy_sets_the_last_pages_picture_smaller_as_little_as_needed():
    """An article that ends with a photo: no lines to pull back or carry, but
    the photo may give up grid lines (down to pictures.min_scale): after the
    cheaper economies, before carry, and only as many lines as the 版记 needs."""
    eco = ("pitch", "gap", "gaps", "pull_back", "picture", "carry")
    fit = plan(settings(economies=eco), 8, LP, trial_for(4, shrinks=3), 0, 0, 3)
    assert fit.used == ["pitch", "gap", "picture"] and fit.shrink == 3 and not fit.own_page
    fit = plan(settings(economies=eco), 8, LP, trial_for(6, shrinks=3), 0, 0, 3)
    assert fit.used == ["pitch", "gap", "picture"] and fit.shrink == 1  # 6 + 1 lines: 8 × 22 pt and half a line
    fit = plan(settings(economies=eco), 8, LP, trial_for(3, shrinks=2), 0, 0, 2)
    assert fit.own_page and fit.shrink == 0 and fit.missing == 2  # not enough: the 版记 goes on (carry is the caller's)
    fit = plan(settings(), 8, LP, trial_for(4, shrinks=3), 0, 0, 3)
    assert fit.own_page  # a layout that does not list it never shrinks a picture


def test_banji_limits_are_kept_and_missing_lines_counted():
    fit = plan(settings(), 8, LP, trial_for(3), 0, 0)
    assert fit.own_page and fit.pitch == 26.0
    assert fit.missing == 4  # 8 × 22 pt = 6.07 lines + 0.5 blank − 3 free
    fit = plan(settings(economies=()), 8, LP, trial_for(8), 0, 0)
    assert fit.own_page and fit.missing == 1


def test_banji_economy_that_changes_the_page_count_is_refused():
    def trial(drop: int, pull: int, shrink: int = 0) -> Trial:
        return Trial(10 + drop, 6 + 5 * drop)

    assert plan(settings(), 8, LP, trial, 1, 0).own_page


@pytest.mark.parametrize(
    "old, new",
    [
        ("economies: [pitch, gap, gaps, pull_back, picture, carry]", "economies: [pitch, shrink]"),
        ("economies: [pitch, gap, gaps, pull_back, picture, carry]", "economies: [pitch, pitch]"),
        ("min_pitch: 22pt", "min_pitch: 30pt"),
        ("tight_gap: 0.5", "tight_gap: 2"),
    ],
)
def test_bad_economy_keys_name_the_layout_key(tmp_path, old, new):
    layout = variant(tmp_path, (old, new))
    with pytest.raises(ContentError) as err:
        BanjiSettings.from_layout(layout)
    assert "banji." in err.value.message and str(err.value.where.path).endswith("variant.yaml")


# -- page numbers --------------------------------------------------------------


def page_numbers(ts, pages):
    number_pages(ts, pages)
    return [[i for i in p.items if isinstance(i, TextBox) and i.kind == "page-number"] for p in pages]


def test_number_first_page_false_leaves_page_one_unnumbered(tmp_path, ts):
    layout = variant(tmp_path, ("number_first_page: true", "number_first_page: false"))
    off = Typesetter(layout, FontBook(layout), Grid.from_layout(layout), [])
    assert [len(n) for n in page_numbers(off, [Page(1), Page(2), Page(3)])] == [0, 1, 1]
    assert [len(n) for n in page_numbers(ts, [Page(1), Page(2)])] == [1, 1]


# -- the 版记 of a real layout: carried, or alone with a warning ------------------


def lay_sample(layout, content: Path = ROOT / "bench" / "samples" / "gongzuo"):
    from zhuanbao.content import load_issue
    from zhuanbao.document import build_document
    from zhuanbao.layout.pages import lay_out

    issue = load_issue(content, "7").issue
    warnings: list = []
    laid = lay_out(build_document(issue, layout), layout, FontBook(layout), warnings)
    return laid, warnings


def banji_page(laid) -> Page:
    return next(p for p in laid.pages if any(isinstance(i, TextBox) and i.kind == "banji" for i in p.items))


def test_banji_carry_takes_the_last_lines_along_and_without_it_the_banji_stands_alone(tmp_path):
    from samples import banji_short_sample

    content = banji_short_sample(tmp_path / "short")  # the sample made just too long for its 版记
    laid, warnings = lay_sample(load_layout(ROOT / "layouts" / "zhuanbao.yaml"), content)
    page = banji_page(laid)
    assert page is laid.pages[-1] and laid.banji.used == ["carry"] and laid.banji.carried >= 1
    body = [i for i in page.items if isinstance(i, TextBox) and i.kind in ("body", "source")]
    assert len(body) == laid.banji.carried and all(b.baseline < min(i.y for i in page.items if isinstance(i, RuleBox)) for b in body)
    # the whole last item goes over (it fits there): the page before ends with a source, not inside a sentence
    before = [i for i in laid.pages[-2].items if isinstance(i, TextBox) and i.kind in ("body", "source")]
    assert max(before, key=lambda b: b.baseline).kind == "source" and laid.banji.carried > 2
    assert [w.message.split(" ")[0] for w in warnings] == ["版记另起一页"]
    alone, warnings = lay_sample(variant(tmp_path, ("economies: [pitch, gap, gaps, pull_back, picture, carry]", "economies: [pitch, gap]")), content)
    page = banji_page(alone)
    assert {i.kind for i in page.items if isinstance(i, TextBox)} == {"banji", "banji-staff", "page-number"}
    assert len(alone.pages) == len(laid.pages) and alone.banji.own_page and alone.banji.missing >= 1
    assert "版记单独成页" in warnings[0].message and f"{alone.banji.missing} grid line(s) missing" in warnings[0].message


def test_the_carry_may_take_a_whole_section_from_its_label(tmp_path):
    """examples/jianbao:5 needs the carry: its 〔简讯〕 goes over whole with the
    版记, the blank line before its label dropped at the page's head, and the
    page before ends with the last article's source. (The blank line kept
    with the label barred that break, and the carry took the article's last
    paragraph and its source along.)"""
    from zhuanbao.content import load_issue
    from zhuanbao.document import build_document
    from zhuanbao.layout.pages import lay_out

    issue = load_issue(ROOT / "examples" / "jianbao" / "content", "5").issue
    layout = load_layout(ROOT / "layouts" / f"{issue.layout}.yaml")  # (jianbao)
    laid = lay_out(build_document(issue, layout), layout, FontBook(layout), [])
    assert laid.banji.used == ["carry"]
    last = [i for i in laid.pages[-1].items if isinstance(i, TextBox) and i.kind not in ("banji", "banji-staff", "page-number")]
    assert min(last, key=lambda b: b.baseline).kind == "section" and _texts(min(last, key=lambda b: b.baseline).glyphs) == "〔简 讯〕"
    before = [i for i in laid.pages[-2].items if isinstance(i, TextBox) and i.kind in ("body", "source")]
    assert max(before, key=lambda b: b.baseline).kind == "source"


def _texts(glyphs) -> str:
    return "".join(g.ch for g in glyphs)


def test_banji_items_break_after_their_own_dun_never_inside_a_name(ts):
    """A 版记 row keeps its items whole; where an item must be broken to fill
    a line it is broken after one of its own 、 (not one inside brackets),
    else it starts the next line whole: never 直属各 / 单位."""
    from zhuanbao.layout.pages import _pack_items, _part_ends

    assert _part_ends("市局机关各处室、直属各单位，") == [8]
    assert _part_ends("各区（县、市）市场监督管理局，") == []  # one name
    rs = ts.style_of("fang", 14.0, "black", 0.0, "")
    measure = 14.0 * 26  # 26 characters after 发：
    items = ("各区（县、市）市场监督管理局，", "市局机关各处室、直属各单位，", "市消费者权益保护委员会秘书处")
    lines = _pack_items(items, ts, rs, measure, None, 0.67)
    assert [t for t, _ in lines] == ["各区（县、市）市场监督管理局，市局机关各处室、", "直属各单位，市消费者权益保护委员会秘书处"]
    # no 、 that fits: the item goes down whole and leaves the line short
    items = ("各区（县、市）市场监督管理局，", "市局机关各处室和直属各单位，", "市消费者权益保护委员会秘书处")
    lines = _pack_items(items, ts, rs, measure, None, 0.67)
    assert [t for t, _ in lines] == ["各区（县、市）市场监督管理局，", "市局机关各处室和直属各单位，", "市消费者权益保护委员会秘书处"]
    # an item longer than a line with no 、 is broken as running text, its full lines flush
    long = "市" + "直" * 30 + "单位"
    lines = _pack_items((long,), ts, rs, measure, None, 0.67)
    assert "".join(t for t, _ in lines) == long and [full for _, full in lines] == [True, False]
    # after what the line already holds (a review: 省委宣传部， was left alone on a line of its own)
    lines = _pack_items(("省委宣传部，", long), ts, rs, measure, None, 0.67)
    assert len(lines) == 2 and lines[0][0].startswith("省委宣传部，市直")
    lines = _pack_items(("省委，", "甲" * 24 + "、乙乙乙乙乙"), ts, rs, measure, None, 0.67)
    assert len(lines) == 2 and lines[0][0].startswith("省委，甲")


def test_staff_items_that_need_two_rows_are_dealt_out_evenly(ts):
    """承办 … 审核 / 编辑 … 电话 rather than three items and one alone; each
    row spread across the measure, first flush left, last flush right."""
    from zhuanbao.layout.pages import _spread

    rs = ts.style_of("fang", 14.0, "black", 0.0, "latin")
    measure = ts.grid.width - 28.0
    staff = ("承办：办公室综合科", "审核：李志强", "编辑：孙雅婷", "电话：0531-86112345")
    rows = _spread(staff, ts, rs, measure, 7.0)
    assert [_texts(r) for r in rows] == ["承办：办公室综合科审核：李志强", "编辑：孙雅婷电话：0531-86112345"]
    for r in rows:
        end = r[-1].x + r[-1].face.advance(r[-1].ch) * r[-1].size
        assert r[0].x == pytest.approx(0.0) and end == pytest.approx(measure)
    # that fit on one: one row, as before
    staff = ("承办：政策法规研究室", "审核：王晓峰", "编辑：王港", "电话：85911016")
    assert [_texts(r) for r in _spread(staff, ts, rs, measure, 7.0)] == ["承办：政策法规研究室审核：王晓峰编辑：王港电话：85911016"]
    # one long item: the rows need not be even in count (a review: four rows of one item each)
    staff = ("承办：市市场监督管理局办公室综合科（政策法规研究）", "审核：李志强", "编辑：孙雅婷", "电话：0531-86112345")
    assert [_texts(r) for r in _spread(staff, ts, rs, measure, 7.0)] == [
        "承办：市市场监督管理局办公室综合科（政策法规研究）", "审核：李志强编辑：孙雅婷电话：0531-86112345"]
    # five that need two rows: three and two
    staff = ("承办：办公室综合科", "审核：李志强", "编辑：孙雅婷", "校对：王明", "电话：0531-86112345")
    assert [_texts(r) for r in _spread(staff, ts, rs, measure, 7.0)] == ["承办：办公室综合科审核：李志强编辑：孙雅婷",
                                                                       "校对：王明电话：0531-86112345"]
