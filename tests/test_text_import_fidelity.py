"""`zhuanbao import` of text as colleagues paste it (from WeChat, a
government web page, a PDF) and of Markdown as they write it: the article
is what they meant, the page's own lines are left out and listed, nothing
of theirs is glued, cut or dropped unsaid. A new user's 19 submissions
found each fault here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, ROOT


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    assert run(tmp_path, "new", "14", "--date", "2022-10-13").returncode == 0
    return tmp_path


def run(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "zhuanbao", *args], cwd=site, env=env, capture_output=True, text=True)


def imported(site: Path, name: str, text: str, section: str = "经验交流") -> tuple[dict, list[str], str]:
    """(header, paragraphs, stderr) of the article `import` wrote from `text`."""
    f = site / name
    f.write_text(text, encoding="utf-8")
    proc = run(site, "import", str(f), "--issue", "14", "--section", section)
    assert proc.returncode == 0, proc.stderr
    art = site / proc.stdout.splitlines()[0]
    _, head, body = art.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), [p for p in body.split("\n\n") if p.strip()], proc.stderr


BODY = "为畅通群众参与城市管理的渠道，湖岛街道举办多场宣传推广活动👍，助力“随手拍”走入群众生活。"


def test_a_wechat_paste_keeps_the_article_and_lists_the_pages_lines(site):
    """点击蓝字关注我们, the 原创 line, 阅读量, [图片], END, 往期推荐 and the
    titles under it, 分享 收藏 点赞 在看 are the page's: left out and listed;
    the （…供稿） line above them is still the source; an emoji is left out
    and said (check refused the article for it)."""
    text = "\n\n".join([
        "点击蓝字关注我们", "湖岛街道：“文明青岛随手拍”走进寻常百姓家", "原创 湖岛街道 幸福湖岛 2022-10-12 10:23 发表于山东",
        "阅读量：1268", "[图片]", BODY, "图片", "下一步，湖岛街道将持续提高群众知晓率。", "（市北区湖岛街道供稿）",
        "END", "▼往期推荐▼", "湖岛街道开展重阳节敬老活动", "分享 收藏 点赞 在看", "阅读原文",
    ]) + "\n"
    head, paras, err = imported(site, "wechat.txt", text)
    assert head["title"] == "湖岛街道：“文明青岛随手拍”走进寻常百姓家" and head["source"] == "市北区湖岛街道"
    assert paras == [BODY.replace("👍", ""), "下一步，湖岛街道将持续提高群众知晓率。\n"], paras
    for line in ("点击蓝字关注我们", "阅读量：1268", "湖岛街道开展重阳节敬老活动", "分享 收藏 点赞 在看"):
        assert f"“{line}" in err, line
    assert "表情符号 left out an emoji 👍" in err
    assert run(site, "check", "14").returncode == 0


def test_a_tab_table_is_a_table_and_a_tab_between_words_a_space(site):
    """A table pasted as tab-separated columns was glued into 咨询类12459943.81%;
    记者⇥王晓宇 into 记者王晓宇."""
    text = ("11月份12345热线运行情况\n\n记者\t王晓宇\n\n11月份，热线共受理群众诉求28440件。\n\n"
            "诉求类别\t件数\t占比\n咨询类\t124599\t43.81%\n求助类\t56672\t19.93%\n\n（市政务服务热线办公室）\n")
    head, paras, _ = imported(site, "tabs.txt", text)
    assert head["author"] == "记者 王晓宇"
    assert paras[1].splitlines() == ["| 诉求类别 | 件数 | 占比 |", "|---|---|---|", "| 咨询类 | 124599 | 43.81% |",
                                     "| 求助类 | 56672 | 19.93% |"], paras


def test_lines_broken_at_a_pdfs_width_are_their_paragraphs_again(site):
    """Copied from a PDF: every line ends at the measure, a paragraph only at
    its 。; three paragraphs had become eleven, each indented."""
    para = ("王哥庄街道深入开展“传家训、立家规、扬家风”主题活动，引导广大群众"
            "自觉传承中华优秀传统美德，以好家风带动好民风，以好民风促进好社风。")
    lines = [para[i:i + 24] for i in range(0, len(para), 24)]
    heading = "一、深入挖掘家风资源"
    text = "王哥庄街道开展家风主题活动\n\n" + "\n".join(lines + [heading] + lines) + "\n\n（崂山区王哥庄街道）\n"
    _, paras, _ = imported(site, "pdf.txt", text)
    assert paras == [para, heading, para + "\n"], paras


@pytest.mark.parametrize("layout", ["blank lines between", "no blank lines"])
def test_a_two_line_title_its_subtitle_and_byline_from_pasted_lines(site, layout):
    """WeChat puts a blank line after every line; some texts have none: the
    title's two short lines, the ——subtitle and the byline go where they
    belong (the title was cut to its first line, the rest printed as text)."""
    lines = ["城阳区以“三聚焦”为抓手", "推动新时代文明实践走深走实", "——城阳区新时代文明实践工作纪实", "通讯员　许艺洋",
             "今年以来，城阳区聚焦阵地建设、队伍建设和项目建设，推动新时代文明实践走深走实。", "（城阳区委宣传部）"]
    sep = "\n\n" if layout == "blank lines between" else "\n"
    head, paras, _ = imported(site, "title.txt", sep.join(lines) + "\n")
    assert head["title"] == "城阳区以“三聚焦”为抓手\n推动新时代文明实践走深走实\n"
    assert head["subtitle"] == "——城阳区新时代文明实践工作纪实" and head["author"] == "通讯员 许艺洋"
    assert head["source"] == "城阳区委宣传部" and paras == [lines[4] + "\n"], paras


def test_an_editors_note_ends_and_bylines_at_the_head_and_foot(site):
    """编者按：… above the title was taken for the title; （完） and （本文有删节）
    for the source; （通讯员 訾欢） at the end for the source; 大众网记者 李哲
    青岛报道 for a title line. A web page's 来源 line names the source where
    the text names none, and each is said."""
    text = ("编者按：现将崂山区直机关工委的做法刊发，供各单位学习借鉴。\n\n崂山区直机关工委积极开展随手拍活动\n\n"
            "大众网记者 李哲 青岛报道\n\n发布日期：2025-05-03  来源：崂山区直机关工委  浏览量：[ 236 ]\n\n"
            "崂山区直机关工委召开工作会议，组织注册小程序。\n\n（通讯员 訾欢）\n\n（本文有删节）\n\n（完）\n")
    head, paras, err = imported(site, "note.txt", text)
    assert head["title"] == "崂山区直机关工委积极开展随手拍活动"
    assert head["note"] == "现将崂山区直机关工委的做法刊发，供各单位学习借鉴。"
    assert head["source"] == "崂山区直机关工委" and head["author"] == "大众网记者 李哲 通讯员 訾欢"
    assert paras == ["崂山区直机关工委召开工作会议，组织注册小程序。\n"], paras
    assert "（本文有删节）" in err and "（完）" in err and "来源 the source" in err


def test_a_markdown_article_keeps_what_its_writer_wrote(site):
    """A colleague's .md with the article header: its 编者按 (`note:`) was
    dropped; ### and #### became ##; a note's indented second line became
    a paragraph; a line ending in two spaces or \\ lost its break; <br>, a
    rule and an HTML comment stopped check; #话题# became a heading."""
    text = ("---\nsection: 经验交流\ntitle: 即墨区推动志愿服务常态化\nsource: 即墨区委宣传部\nnote: 即墨区的做法值得借鉴，现予刊发。\n"
            "date: 2022-10-10\n---\n## 一、聚焦队伍建设\n\n即墨区注册志愿者达15.6万人[^1]。\n\n### （一）完善激励机制\n\n"
            "建立积分兑换制度，  \n积分可兑换生活用品。\n联系人：李明\\\n电话：0532-88512345\n\n#### 1. 星级评定\n\n"
            "评定星级志愿者3200名。<br>其中五星级120名。\n\n---\n\n<!-- 待核实 -->\n#即墨发布# 10月1日起开展评选。\n\n"
            "[^1]: 数据截至2022年9月底，\n    含社区志愿者。\n")
    head, paras, err = imported(site, "ready.md", text)
    assert head["note"] == "即墨区的做法值得借鉴，现予刊发。" and "date" not in head and "`date:`" in err
    assert paras == ["## 一、聚焦队伍建设", "即墨区注册志愿者达15.6万人[^1]。", "### （一）完善激励机制",
                     "建立积分兑换制度，\\\n积分可兑换生活用品。", "联系人：李明\\\n电话：0532-88512345", "#### 1. 星级评定",
                     "评定星级志愿者3200名。\\\n其中五星级120名。", "#即墨发布# 10月1日起开展评选。",
                     "[^1]: 数据截至2022年9月底，含社区志愿者。\n"], paras
    check = run(site, "check", "14")
    assert check.returncode == 0, check.stderr


def test_straight_quotes_pair_with_the_curly_ones_the_text_has(site):
    """“青岛巴士·红色朗读亭" closed with a second “; '红色资源' stayed ASCII."""
    text = ("公交集团党建会客厅揭牌\n\n仪式上，“青岛巴士·红色朗读亭\"同步亮相，用活'红色资源'，开出\"'七一'主题宣传车\"。\n\n"
            "（公交集团）\n")
    _, paras, _ = imported(site, "quotes.txt", text)
    assert paras[0].strip() == "仪式上，“青岛巴士·红色朗读亭”同步亮相，用活‘红色资源’，开出“‘七一’主题宣传车”。"


def test_a_wechat_markdown_export_with_web_pictures_and_a_quoted_note(site):
    """A WeChat export's pictures are web addresses: the import failed as if
    a local picture were missing; its > 编者按：… printed as a paragraph."""
    text = ("# 西海岸新区：讲述百姓身边事\n\n> 编者按：现将西海岸新区的做法刊发，供学习借鉴。\n\n"
            "西海岸新区开展百姓宣讲活动120场。\n\n![](https://mmbiz.qpic.cn/mmbiz_jpg/abc123/640?wx_fmt=jpeg)\n\n（西海岸新区工委宣传部）\n")
    head, paras, err = imported(site, "export.md", text)
    assert head["note"] == "现将西海岸新区的做法刊发，供学习借鉴。"
    assert paras == ["西海岸新区开展百姓宣讲活动120场。\n"], paras
    assert "网络图片" in err and "mmbiz.qpic.cn" in err


def test_the_articles_own_lines_survive_the_heuristics(site):
    """Lines of the article that look like a page's, a byline, a source mark or
    a subheading stay the article's (a reviewer's cases): a sentence that
    starts 访问… or 扫码… or names an ICP filing, a line with two labels and
    a comma, a title half with 记者 in it, （作者系…） and （图为…） at the end,
    a sentence starting 报送时间：, ♀ ♂ (the fonts print them), ❶ (①)."""
    text = ("市北区召开记者见面会\n\n发布十大民生实事项目\n\n"
            "访问1200余户居民，收集意见建议86条。\n\n扫码即可预约挂号\n\n全区完成ICP备案整改12家。\n\n"
            "活动时间：5月6日，报名时间：5月1日。\n\n报送时间：请各街道于每月25日前将信息报送至区委宣传部。\n\n"
            "❶完善机制，♀♂分开统计。\n\n（作者系市北区委党校讲师）\n\n（图为走访现场，市北区委宣传部供图）\n")
    head, paras, err = imported(site, "own.txt", text)
    assert head["title"] == "市北区召开记者见面会\n发布十大民生实事项目\n" and "author" not in head
    assert paras == ["访问1200余户居民，收集意见建议86条。", "扫码即可预约挂号", "全区完成ICP备案整改12家。",
                     "活动时间：5月6日，报名时间：5月1日。", "报送时间：请各街道于每月25日前将信息报送至区委宣传部。",
                     "①完善机制，♀♂分开统计。", "（作者系市北区委党校讲师）", "（图为走访现场，市北区委宣传部供图）\n"], paras
    assert "网页附带的文字" not in err and "结束标记" not in err


def test_a_label_line_a_short_subheading_and_a_lone_note_label_are_no_title(site):
    """发布时间：… and 工作成效 became title lines; 编者按： alone on its line
    made the note the title; a line of emoji alone became an empty title line."""
    text = ("🔥🔥🔥\n\n【编者按】\n\n现将经验做法刊发，供学习借鉴。\n\n市北区推进社区治理\n\n发布时间：2024-05-06 10:23\n\n"
            "工作成效\n\n全区建成社区治理示范点20个。\n\n（市北区民政局）\n")
    head, paras, err = imported(site, "label.txt", text)
    assert head["title"] == "市北区推进社区治理" and head["note"] == "现将经验做法刊发，供学习借鉴。"
    assert paras == ["发布时间：2024-05-06 10:23", "工作成效", "全区建成社区治理示范点20个。\n"], paras
    assert "🔥🔥🔥" in err


def test_markdown_that_opens_with_a_rule_or_a_heading_keeps_its_text(site):
    """A --- rule first was read as a header and thrown away with the text
    under it; a ## first line gave the title ## …; a two-space break at a
    paragraph's end swallowed the next paragraph."""
    text = ("---\n\n## 市北区推进社区治理\n\n全区建成示范点20个。  \n\n下一步将继续推进。\n\n---\n\n（市北区民政局）\n")
    head, paras, err = imported(site, "rule.md", text)
    assert head["title"] == "市北区推进社区治理" and head["source"] == "市北区民政局"
    assert paras == ["全区建成示范点20个。", "下一步将继续推进。\n"], paras
    assert "分隔线" in err
