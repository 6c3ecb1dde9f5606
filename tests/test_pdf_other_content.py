"""Content written by other people renders as well as issue 13.

A different bulletin (工作简报), a year-numbered folder (2023-6), titles the
layout must break, a subtitle, sub-headings, a picture with a caption,
Latin words and numbers, several 简讯, and a 版记 of its own. Nothing here
is tuned to issue 13's text.
"""

from __future__ import annotations

import itertools
import warnings

import pytest
import pdfread
from conftest import run_cli
from expect import body_text, read_issue, squash
from samples import PARA, PHOTO_SIZE, write_issue

MM = 72 / 25.4
PAGE_H = 297 * MM
LEFT, RIGHT = 28 * MM, 184 * MM
CELL = 156 * MM / 28
TYPE_TOP_Y = PAGE_H - 37 * MM
TYPE_BOTTOM_Y = TYPE_TOP_Y - 225 * MM
PITCH = 225 * MM / 22

@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("other")
    content = write_issue(root)
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(root / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    pdf = root / "out" / "2023-6" / "工作简报第6期.pdf"
    assert proc.stdout.strip() == str(pdf)
    return content, pdf, pdfread.chars(pdf)


def test_all_text_once_in_order(rendered):
    content, pdf, chars = rendered
    got = squash("".join(c.ch for c in chars if c.page > 1 and c.origin_y > TYPE_BOTTOM_Y - 1))
    assert got == body_text(read_issue(content, "2023-6"))


def test_header_uses_this_publication(rendered):
    _, _, chars = rendered
    p1 = squash("".join(c.ch for c in chars if c.page == 1))
    assert p1.startswith("工作简报第6期某某县人民政府办公室2023年3月15日")
    # and the metadata names it, not the layout's first user (pdf.subject: "{masthead}")
    import pypdfium2 as pdfium

    _, pdf, _ = rendered
    meta = pdfium.PdfDocument(str(pdf)).get_metadata_dict()
    assert (meta["Title"], meta["Subject"], meta["Author"]) == ("工作简报 第6期", "工作简报", "某某县人民政府办公室")


def test_unbroken_long_title_is_balanced(rendered):
    _, _, chars = rendered
    title = [c for c in chars if c.size == 22]
    lines = pdfread.lines_of(title)
    first_title = [ln for ln in lines if "".join(c.ch for c in ln).startswith("我县")]
    assert first_title
    start = lines.index(first_title[0])
    pair = lines[start : start + 2]
    text = "".join(c.ch for ln in pair for c in ln)
    assert text == "我县深化放管服改革持续优化营商环境推动高质量发展取得新成效"
    # broken before the second clause's verb, not after as many characters as fit (19 + 10)
    assert ["".join(c.ch for c in ln) for ln in pair] == ["我县深化放管服改革持续优化营商环境", "推动高质量发展取得新成效"]
    for ln in pair:  # centred
        assert abs((ln[0].x0 - LEFT) - (RIGHT - ln[-1].x1)) < 2


def test_picture_drawn_inside_type_area(rendered):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    _, pdf, _ = rendered
    doc = pdfium.PdfDocument(str(pdf))
    images = [
        (k, o.get_bounds()) for k in range(len(doc)) for o in doc[k].get_objects() if o.type == raw.FPDF_PAGEOBJ_IMAGE
    ]
    assert len(images) == 1
    _, (x0, y0, x1, y1) = images[0]
    assert LEFT - 0.5 <= x0 and x1 <= RIGHT + 0.5 and TYPE_BOTTOM_Y - 0.5 <= y0 and y1 <= TYPE_TOP_Y + 0.5
    assert abs((x1 - x0) / (y1 - y0) - PHOTO_SIZE[0] / PHOTO_SIZE[1]) < 0.01


def test_grid_and_kinsoku_hold(rendered):
    _, _, chars = rendered
    body = [c for c in chars if c.page > 1 and c.size == 16 and c.origin_y > TYPE_BOTTOM_Y - 1]
    offsets = {round((TYPE_TOP_Y - c.origin_y) % PITCH, 2) for c in body}
    assert len(offsets) == 1
    for ln in pdfread.lines_of([c for c in chars if not c.ch.isspace() and c.origin_y > TYPE_BOTTOM_Y - 1]):
        s = "".join(c.ch for c in ln)
        if s.startswith("——"):  # the subtitle's own opening dash, not a break
            continue
        assert s[0] not in "，。、；：？！）》”’…—", s
        assert s[-1] not in "（《“‘", s
    assert pdfread.outside_measure([c for c in chars if c.origin_y > TYPE_BOTTOM_Y - 1], LEFT, RIGHT, CELL) == []


def test_latin_runs_never_split(rendered):
    _, _, chars = rendered
    text = "".join(c.ch for c in chars)
    lines = ["".join(c.ch for c in ln) for ln in pdfread.lines_of(chars)]
    for word in ("APP", "97.5%", "Wi-Fi", "12345", "1.8万"):
        assert text.count(word) == sum(line.count(word) for line in lines), word  # never split across lines
    assert "0532-88886666" in text


def test_rare_characters_fall_back_per_character_with_a_warning(tmp_path):
    content = write_issue(tmp_path)
    art = content / "2023-6" / "02-xiangzhen.md"
    text = art.read_text(encoding="utf-8").replace("城关镇将全镇", "气温-5℃，⑪号网格员王䶮将全镇")
    art.write_text(text, encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "out" / "2023-6" / "工作简报第6期.pdf"
    chars = pdfread.chars(pdf)
    got = squash("".join(c.ch for c in chars))
    assert "气温-5℃，⑪号网格员王䶮将全镇" in got
    fonts = {c.ch: c.font for c in chars if c.ch in "℃⑪䶮"}
    # ℃ is in the body font; ⑪ and 䶮 are not, and the body is a serif (仿宋):
    # they come from the serif fallback, never from the sans faces
    assert "Fandol" in fonts["℃"] and "NotoSerifCJK" in fonts["⑪"] and "NotoSerifCJK" in fonts["䶮"]
    # one warning per character, naming the article and its line
    assert "02-xiangzhen.md:" in proc.stderr and "U+4DAE" in proc.stderr


@pytest.mark.parametrize(
    "text",
    [
        "网址" + "https://example.com/" + "a/b" * 80 + "结束。",  # a Latin run longer than a line
        "前文" + "x" * 500 + "后文。",
        "连续标点" + "，" * 100 + "。",
        "引号" + "“" * 60 + "字" + "”" * 60,
        "破折号" + "——" * 40 + "完。",
    ],
)
def test_unbreakable_runs_longer_than_a_line_lose_nothing(tmp_path, text):
    content = write_issue(tmp_path)
    art = content / "2023-6" / "03-jianxun.md"
    head, _ = art.read_text(encoding="utf-8").rsplit("---\n", 1)
    art.write_text(head + "---\n" + text + "\n", encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    body = [c for c in chars if c.origin_y > TYPE_BOTTOM_Y - 1]  # not the page numbers
    assert squash(text) in squash("".join(c.ch for c in body))
    assert pdfread.outside_measure(chars, LEFT, RIGHT, CELL) == []


def test_a_layout_in_the_current_folder_wins_and_articles_can_start_on_page_one(tmp_path):
    """`layouts/NAME.yaml` in the current folder overrides the installed one
    (its font paths relative to it); here it starts the articles on page 1."""
    import shutil

    from conftest import ROOT

    content = write_issue(tmp_path)
    for extra in ("02-xiangzhen.md", "03-jianxun.md", "04-jianxun.md"):  # a short 目录 leaves room
        (content / "2023-6" / extra).unlink()
    (content / "2023-6" / "01-fangguanfu.md").write_text(
        f"---\nsection: 要闻\ntitle: 我县深化放管服改革\n---\n{PARA}\n", encoding="utf-8"
    )
    with open(content / "2023-6" / "issue.yaml", "a", encoding="utf-8") as fh:
        fh.write("toc: always\n")  # one article: a 目录 only when asked (family.md)
    (tmp_path / "layouts").mkdir()
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    text = text.replace("articles_on_new_page: true", "articles_on_new_page: false")
    text = text.replace("../fonts/", str(ROOT / "fonts") + "/")
    (tmp_path / "layouts" / "zhuanbao.yaml").write_text(text, encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--format", "pdf", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    page1 = squash("".join(c.ch for c in chars if c.page == 1))
    # the first article's title is on page 1 twice: in the 目录 and above the article
    assert page1.count("我县深化放管服改革") == 2
    shutil.rmtree(tmp_path / "layouts")


def test_a_title_the_layout_breaks_keeps_quotes_whole_and_the_toc_agrees(tmp_path):
    content = write_issue(tmp_path)
    title = "我市全面推进智慧文旅建设打造“一部手机游青岛”数字服务新体系取得阶段性成效"
    art = content / "2023-6" / "02-xiangzhen.md"
    text = art.read_text(encoding="utf-8")
    head, rest = text.split("title: |\n", 1)
    rest = rest.split("source:", 1)[1]
    art.write_text(head + f"title: {title}\nsource:" + rest, encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    lines = ["".join(c.ch for c in ln) for ln in pdfread.lines_of([c for c in chars if not c.ch.isspace()])]
    start = next(k for k, ln in enumerate(lines) if title.startswith(ln) and len(ln) > 4)  # the 目录 comes first
    toc, k = [], start
    while "".join(toc) != title:
        toc.append(lines[k])
        k += 1
        assert title.startswith("".join(toc))
    assert len(toc) >= 2
    for line in toc:
        assert line.count("“") == line.count("”"), toc  # the slogan is not cut
    printed = ["".join(c.ch for c in ln) for ln in pdfread.lines_of([c for c in chars if c.size == 22])]
    first = printed.index(toc[0])
    assert printed[first : first + len(toc)] == toc  # the article's title breaks where the 目录 does


def test_titles_written_without_breaks_break_where_the_editors_broke_them(content_copy, tmp_path):
    """Issue 13's two-line titles, written as one line each, are broken by
    the layout where 宣传部's editors broke them (before the second clause's
    verb), above the article and in the 目录 alike."""
    import yaml

    from conftest import CONTENT

    wanted = []
    for art in sorted((content_copy / "13").glob("*.md")):
        text = art.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front)
        lines = [t.strip() for t in str(meta["title"]).splitlines() if t.strip()]
        if len(lines) == 2:
            wanted.append(lines)
            front = front.replace("title: |\n  " + lines[0] + "\n  " + lines[1] + "\n", f"title: {''.join(lines)}\n")
            art.write_text("---\n" + front + "---\n" + body, encoding="utf-8")
    assert len(wanted) == 5 and CONTENT != content_copy
    proc = run_cli("render", "13", "--content", str(content_copy), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "13" / "宣传信息专报第13期.pdf")
    titles = ["".join(c.ch for c in ln) for ln in pdfread.lines_of([c for c in chars if c.size == 22])]
    toc = ["".join(c.ch for c in ln if not c.ch.isspace()) for ln in pdfread.lines_of([c for c in chars if c.page == 1])]
    for first, second in wanted:
        k = titles.index(first)
        assert titles[k + 1] == second
        k = toc.index(first)
        assert toc[k + 1] == second


def test_a_run_in_title_that_fits_the_toc_line_stays_on_one_line(tmp_path):
    """A 简讯 title prints as no title (it runs in), so the 目录 has no title
    break to copy: 22 characters fit its 24-cell line, though not a 2号 title's."""
    content = write_issue(tmp_path)
    title = "县图书馆开展书香进万家全民阅读推广活动受到欢迎"  # 23 characters
    assert len(title) == 23
    art = content / "2023-6" / "03-jianxun.md"
    art.write_text(art.read_text(encoding="utf-8").replace("县图书馆开展“书香进万家”活动", title), encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"), "--format", "pdf")
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    page1 = [c for c in chars if c.page == 1 and not c.ch.isspace()]
    lines = ["".join(c.ch for c in ln) for ln in pdfread.lines_of(page1)]
    assert title in lines, lines


def test_a_long_publisher_shrinks_to_share_its_line_with_the_date(tmp_path):
    """A 发文机关 name too long for the line: smaller, on one line, at least
    the layout's gap (1 em) before the date; a warning names publication.yaml;
    the DOCX sets it at the size the layout chose."""
    import re
    import zipfile

    content = write_issue(tmp_path)
    pub = content / "publication.yaml"
    long_name = "中共某某市某某区委员会宣传部精神文明建设指导委员会办公室"
    pub.write_text(pub.read_text(encoding="utf-8").replace("某某县人民政府办公室", long_name), encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "publication.yaml" in proc.stderr and "太长" in proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    date = "2023年3月15日"
    line = next(
        ln for ln in pdfread.lines_of([c for c in chars if c.page == 1 and not c.ch.isspace()])
        if "".join(c.ch for c in ln).endswith(date)
    )
    text = "".join(c.ch for c in line)
    assert text == long_name + date
    name, when = line[: len(long_name)], line[len(long_name) :]
    assert name[0].x0 >= LEFT - 0.5 and when[-1].x1 <= RIGHT + 0.5
    assert when[0].x0 - name[-1].x1 >= 16 - 0.1  # the layout's min_gap: 1 em of the 16 pt line
    assert name[0].size < 16 and when[0].size == pytest.approx(16, abs=0.01)
    xml = zipfile.ZipFile(tmp_path / "out" / "2023-6" / "工作简报第6期.docx").read("word/document.xml").decode()
    para = next(p for p in re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", xml) if long_name[:6] in p)
    size = int(re.search(r'<w:sz w:val="(\d+)"/>', para)[1])
    assert size == int(name[0].size * 2)


def test_a_middle_dot_between_digits_is_narrow_in_pdf_and_docx_alike(tmp_path):
    # “3·15”: GB/T 15834's 间隔号 in a date, and 7×24's multiplication sign, set in the
    # Latin font as Word and WPS set them; between two names the dot keeps its cell
    import re
    import zipfile

    content = write_issue(tmp_path)
    art = content / "2023-6" / "02-xiangzhen.md"
    text = art.read_text(encoding="utf-8").replace("城关镇将全镇", "城关镇借“3·15”之机开通7×24小时热线，请阿卜杜拉·艾则孜将全镇")
    art.write_text(text, encoding="utf-8")
    # a style with no Latin font (the bold lead, 黑体) sets its digits and the dot in its own font, in both writers
    lead = content / "2023-6" / "01-fangguanfu.md"
    lead.write_text(lead.read_text(encoding="utf-8").replace("**精简审批环节。**", "**精简审批环节，9·11前完成。**", 1), encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    assert "借“3·15”之机开通7×24小时热线，请阿卜杜拉·艾则孜将" in squash("".join(c.ch for c in chars))
    dots = [c for c in chars if c.ch == "·"]
    assert len(dots) == 3
    in_lead, date, name = dots
    assert "NotoSans" in in_lead.font
    assert "Liberation" in date.font and date.x1 - date.x0 < CELL / 2
    assert "Fandol" in name.font and abs((name.x1 - name.x0) - CELL) < 0.5
    (times,) = [c for c in chars if c.ch == "×"]
    assert "Liberation" in times.font and times.x1 - times.x0 < 0.6 * CELL  # (its advance: 0.564 em)
    with zipfile.ZipFile(tmp_path / "out" / "2023-6" / "工作简报第6期.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    # the date's dot: a run of its own with no eastAsia hint (ECMA-376 §17.3.2.26: U+00B7 then takes
    # the style's w:hAnsi font, the Latin one); the name's dot stays in a hinted East Asian run
    for mark in "·×":
        runs = re.findall(r'<w:r><w:rPr(?:/>|>((?:(?!<w:r>).)*?)</w:rPr>)<w:t xml:space="preserve">' + mark + "</w:t></w:r>", xml)
        assert len(runs) == 1 and "eastAsia" not in runs[0], (mark, runs)
    assert "阿卜杜拉·艾则孜" in re.sub(r"<[^>]+>", "", xml)  # its dot inside a hinted run of the name (not one of its own)


@pytest.mark.parametrize("subtitle,first", [
    # a speech's: after its speaker (as running text it broke …会上的讲 / 话（摘要）)
    ("——叶尔兰·努尔兰别克同志在全州组织工作半年推进会上的讲话（摘要）", "——叶尔兰·努尔兰别克同志"),
    # any other: where the title breaker breaks it, between two words
    ("——2023年第一季度全县深化政务服务改革优化营商环境工作综述", None),
])
def test_a_subtitle_too_long_for_a_line_breaks_between_words_in_pdf_and_docx_alike(tmp_path, subtitle, first):
    # (one that fits with its marks squeezed stays on one line: test_a_subtitle_that_squeezes_onto_a_line_keeps_it)
    import zipfile

    with warnings.catch_warnings():  # (jieba imports pkg_resources)
        warnings.simplefilter("ignore")
        import jieba

    content = write_issue(tmp_path)
    art = content / "2023-6" / "01-fangguanfu.md"
    art.write_text(art.read_text(encoding="utf-8").replace("——2023年第一季度政务服务工作综述", subtitle), encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    lines = ["".join(c.ch for c in ln) for ln in pdfread.lines_of([c for c in chars if "Kai" in c.font or c.font.startswith("gkai")])]
    sub = [ln for ln in lines if ln and (ln.startswith("——") or subtitle.endswith(ln))]
    assert len(sub) == 2 and "".join(sub) == subtitle, lines
    if first:
        assert sub[0] == first
    ends = set(itertools.accumulate(len(w) for w in jieba.lcut(subtitle)))
    assert len(sub[0]) in ends, (sub, jieba.lcut(subtitle))  # between two words of jieba's own dictionary
    with zipfile.ZipFile(tmp_path / "out" / "2023-6" / "工作简报第6期.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert f'{sub[0]}</w:t></w:r><w:r><w:br/></w:r>' in xml and f'>{sub[1]}</w:t>' in xml


def test_a_subtitle_that_squeezes_onto_a_line_keeps_it(tmp_path):
    """29 cells in a line of 28 but four 、 to give: one line, as running text sets it, in both writers."""
    import zipfile

    content = write_issue(tmp_path)
    art = content / "2023-6" / "01-fangguanfu.md"
    subtitle = "——县、乡、镇、村、组五级书记抓乡村振兴工作会讲话（摘要）"
    art.write_text(art.read_text(encoding="utf-8").replace("——2023年第一季度政务服务工作综述", subtitle), encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    chars = pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf")
    lines = ["".join(c.ch for c in ln) for ln in pdfread.lines_of([c for c in chars if "Kai" in c.font or c.font.startswith("gkai")])]
    assert subtitle in lines, lines
    with zipfile.ZipFile(tmp_path / "out" / "2023-6" / "工作简报第6期.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert f">{subtitle}</w:t>" in xml


def test_a_run_in_items_subtitle_prints_with_its_title(tmp_path):
    """A 简讯 item has no title line to set a subtitle under: it ran in its
    title and dropped the subtitle without a word. The subtitle runs in
    after the title, in the lead font, before the stop; PDF and DOCX alike."""
    content = write_issue(tmp_path)
    art = content / "2023-6" / "03-jianxun.md"
    text = art.read_text(encoding="utf-8")
    art.write_text(text.replace("title: 县图书馆开展“书香进万家”活动\n",
                                "title: 县图书馆开展“书香进万家”活动\nsubtitle: ——全民阅读进社区\n"), encoding="utf-8")
    assert "subtitle:" in art.read_text(encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    printed = "".join(c.ch for c in pdfread.chars(tmp_path / "out" / "2023-6" / "工作简报第6期.pdf") if not c.ch.isspace())
    assert "县图书馆开展“书香进万家”活动——全民阅读进社区。" in printed
    import zipfile

    with zipfile.ZipFile(tmp_path / "out" / "2023-6" / "工作简报第6期.docx") as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "——全民阅读进社区。" in xml
