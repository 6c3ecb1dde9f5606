"""The editor's week (issue 4): new, import, check, list — run as a user would."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT, run_cli

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))
from submissions import plain_docx, png_bytes, shibei_docx  # noqa: E402

import pdfread  # noqa: E402


@pytest.fixture
def site(tmp_path) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    return tmp_path


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def no_traceback(proc):
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def front(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n", 2)[2]


# --- new -------------------------------------------------------------------------------


def test_new_issue_from_the_previous_one(site):
    before = tree(site / "content")
    proc = no_traceback(run_cli("new", "14", "--date", "2022-10-13", cwd=site))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "content/14/issue.yaml"
    after = tree(site / "content")
    assert set(after) - set(before) == {"14/issue.yaml"}, "new creates issue.yaml and nothing else"
    assert all(after[k] == v for k, v in before.items())
    data = yaml.safe_load((site / "content/14/issue.yaml").read_text(encoding="utf-8"))
    assert data == {"number": 14, "date": dt.date(2022, 10, 13), "staff": {"审核": "王晓峰", "编辑": "王港"}}


def test_new_issue_defaults_to_today(site):
    proc = no_traceback(run_cli("new", "14", cwd=site))
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load((site / "content/14/issue.yaml").read_text(encoding="utf-8"))
    assert data["date"] in (dt.date.today(), dt.date.today() - dt.timedelta(days=1))


def test_new_refuses_to_overwrite(site):
    original = (site / "content/13/issue.yaml").read_bytes()
    before = tree(site / "content")
    proc = no_traceback(run_cli("new", "13", "--date", "2022-10-13", cwd=site))
    assert proc.returncode == 1
    assert proc.stderr.startswith("content/13/issue.yaml: 错误 error:"), proc.stderr
    assert "exists already" in proc.stderr
    assert (site / "content/13/issue.yaml").read_bytes() == original
    assert tree(site / "content") == before


def test_new_with_a_bad_date(site):
    proc = no_traceback(run_cli("new", "14", "--date", "2022-10-45", cwd=site))
    assert proc.returncode == 1
    assert "not a date" in proc.stderr and "2022-09-29" in proc.stderr
    assert not (site / "content/14").exists()


def test_new_year_numbered_series(site):
    proc = no_traceback(run_cli("new", "2023-6", "--date", "2023-03-01", cwd=site))
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load((site / "content/2023-6/issue.yaml").read_text(encoding="utf-8"))
    assert data["number"] == 6


def test_new_first_issue_lists_the_empty_staff_slots(tmp_path):
    (tmp_path / "content").mkdir()
    shutil.copy(CONTENT / "publication.yaml", tmp_path / "content/publication.yaml")
    proc = no_traceback(run_cli("new", "1", "--date", "2023-01-05", cwd=tmp_path))
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "content/1/issue.yaml").read_text(encoding="utf-8")
    assert "审核:" in text and "编辑:" in text


def test_new_without_publication(tmp_path):
    proc = no_traceback(run_cli("new", "14", cwd=tmp_path))
    assert proc.returncode == 1
    assert proc.stderr.startswith("content/publication.yaml: 错误 error:")
    assert not (tmp_path / "content").exists()


# --- import ------------------------------------------------------------------------------


def new14(site: Path) -> None:
    assert run_cli("new", "14", "--date", "2022-10-13", cwd=site).returncode == 0


def test_import_a_word_submission(site):
    new14(site)
    sub = shibei_docx(site / "shibei.docx")
    proc = no_traceback(run_cli("import", str(sub), "--issue", "14", "--section", "经验交流", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-shibei.md"
    pic = site / "content/14/01-shibei-1.png"
    assert proc.stdout.split() == [str(art.relative_to(site)), str(pic.relative_to(site))]
    meta = front(art)
    assert meta == {
        "section": "经验交流",
        "title": "市北区以党建引领基层治理“组合拳”\n打好文明典范城市创建“攻坚战”\n",
        "source": "市北区委宣传部",
    }
    text = body(art)
    paras = [p for p in text.split("\n\n") if p.strip()]
    assert paras[0] == "市北区积极实施“党建引领一网治理”强基工程，突出党建引领，坚持问题导向（市北区）。"
    assert paras[1] == "**一网治理有“实”招。**实施强基工程，推动政法综治、民政等部门、资源向网格倾斜；提升基层治理实效。"
    assert paras[2] == "![图为网格员入户走访](01-shibei-1.png)"
    assert paras[3].startswith("**共驻共建有“妙”招。**创新建立“接榜”机制，浏览量10万余次，")
    assert pic.read_bytes() == png_bytes()
    # each punctuation change is reported with its line
    changes = [l for l in proc.stderr.splitlines() if "标点" in l]
    assert len(changes) == 10, proc.stderr
    assert "content/14/01-shibei.md:8: 标点 `(` → `（`" in proc.stderr
    assert "content/14/01-shibei.md:10: 标点 `;` → `；`" in proc.stderr
    # and the issue checks and renders
    chk = no_traceback(run_cli("check", "14", cwd=site))
    assert chk.returncode == 0, chk.stderr
    assert "错误 error" not in chk.stderr
    out = site / "out"
    ren = no_traceback(run_cli("render", "14", "--format", "pdf", cwd=site))
    assert ren.returncode == 0, ren.stderr
    pdf_text = pdfread.text(out / "14" / "宣传信息专报第14期.pdf")
    assert "坚持问题导向（市北区）。" in pdf_text
    assert "（市北区委宣传部）" in pdf_text


def test_import_numbers_after_the_last_article(site):
    sub = plain_docx(site / "Pingdu Report.docx", "平度市开展文明实践活动", ["平度市积极开展活动。"], "平度市委宣传部")
    proc = no_traceback(run_cli("import", str(sub), "--issue", "13", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/13/07-pingdu-report.md"
    assert proc.stdout.strip() == str(art.relative_to(site))
    # the same submission imported twice: refused at once, naming the article it would repeat, nothing written
    before = tree(site / "content")
    proc = no_traceback(run_cli("import", str(sub), "--issue", "13", "--section", "简讯", cwd=site))
    assert proc.returncode == 1 and proc.stdout == ""
    assert re.search(r"Pingdu Report\.docx: 错误 error: 已经导入过 `07-pingdu-report\.md` has this title already", proc.stderr), proc.stderr
    assert tree(site / "content") == before
    # a copy made by hand: one article would print twice (issue 12), check says so
    shutil.copy(art, site / "content/13/08-pingdu-report.md")
    proc = no_traceback(run_cli("check", "13", cwd=site))
    assert proc.returncode == 1
    assert re.search(r"content/13/08-pingdu-report\.md:\d+: 错误 error: .*same title as `07-pingdu-report\.md`", proc.stderr), proc.stderr


def test_import_two_submissions_check_and_render(site):
    """The acceptance scenario: new 14, two Word files with leads, a picture and half-width marks."""
    new14(site)
    a = shibei_docx(site / "a.docx")
    b = plain_docx(
        site / "b.docx",
        "李沧区推进新时代文明实践",
        ["李沧区坚持\"以文化人\",开展活动(共计120场),群众满意度达97.23%。", "下一步,将继续深化!"],
        "李沧区委宣传部",
    )
    for f, section in ((a, "经验交流"), (b, "工作动态")):
        proc = no_traceback(run_cli("import", str(f), "--issue", "14", "--section", section, cwd=site))
        assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (site / "content/14").iterdir()) == ["01-a-1.png", "01-a.md", "02-b.md", "issue.yaml"]
    assert "李沧区坚持“以文化人”，开展活动（共计120场），群众满意度达97.23%。" in body(site / "content/14/02-b.md")
    assert "下一步，将继续深化！" in body(site / "content/14/02-b.md")
    chk = no_traceback(run_cli("check", "14", cwd=site))
    assert chk.returncode == 0, chk.stderr
    ren = no_traceback(run_cli("render", "14", "--format", "pdf", cwd=site))
    assert ren.returncode == 0, ren.stderr
    text = pdfread.text(site / "out/14/宣传信息专报第14期.pdf")
    assert text.index("李沧区推进新时代文明实践") < text.index("市北区以党建引领")  # 工作动态 before 经验交流


def test_import_plain_text(site):
    new14(site)
    txt = site / "jiaozhou.txt"
    txt.write_text(
        "胶州市“三个聚焦”\n推动志愿服务常态化\n\n"
        "　　胶州市聚焦群众需求,打造志愿服务品牌。 志愿者 张三 李四参加。\n"
        "　　2022年,全市注册志愿者达12.5万人,开展活动3,000余场。\n"
        "（胶州市委宣传部）\n",
        encoding="utf-8",
    )
    proc = no_traceback(run_cli("import", str(txt), "--issue", "14", "--section", "经验交流", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-jiaozhou.md"
    meta = front(art)
    assert meta["title"] == "胶州市“三个聚焦”\n推动志愿服务常态化\n"
    assert meta["source"] == "胶州市委宣传部"
    paras = [p.strip() for p in body(art).split("\n\n") if p.strip()]
    # the space typed after 。 goes (and is reported); the ones between the names stay
    assert paras == ["胶州市聚焦群众需求，打造志愿服务品牌。志愿者 张三 李四参加。", "2022年，全市注册志愿者达12.5万人，开展活动3,000余场。"]
    assert re.search(r"content/14/01-jiaozhou\.md:\d+: 多余空格 removed a space .*“.*品牌。 志愿者", proc.stderr), proc.stderr


def test_a_bullet_for_the_interpunct(site):
    """An editor types • (or the Japanese ・) for the 间隔号: no font of the
    layout has it, so check says so with the fix (· , GB/T 15834), and import
    writes ·, in the title and the text alike."""
    d = site / "content/13"
    write_article(d, "07-a.md", "简讯", "非公党建助力“3•15”", "开展安雅・百日攻坚行动。")
    proc = no_traceback(run_cli("check", "13", cwd=site))
    assert proc.returncode == 1, proc.stderr  # the font has no •: an error, as render gives
    assert re.search(r"content/13/07-a\.md:3: 警告 warning: 间隔号 .*`•` → `·`", proc.stderr), proc.stderr
    assert re.search(r"content/13/07-a\.md:6: 警告 warning: 间隔号 .*`・` → `·`", proc.stderr), proc.stderr
    (d / "07-a.md").unlink()
    new14(site)
    txt = site / "315.txt"
    txt.write_text("非公党建助力“3•15”\n\n开展安雅・百日攻坚行动。\n（市市场监管局）\n", encoding="utf-8")
    proc = no_traceback(run_cli("import", str(txt), "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-315.md"
    assert front(art)["title"].strip() == "非公党建助力“3·15”"
    assert "开展安雅·百日攻坚行动。" in body(art)
    assert no_traceback(run_cli("check", "14", cwd=site)).returncode == 0


def test_import_gb18030_text(site):
    new14(site)
    txt = site / "gbk.txt"
    txt.write_bytes("市南区召开会议\n\n市南区召开会议,部署工作。\n（市南区委宣传部）\n".encode("gb18030"))
    proc = no_traceback(run_cli("import", str(txt), "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    assert "GB18030" in proc.stderr
    assert "市南区召开会议，部署工作。" in body(site / "content/14/01-gbk.md")


def test_import_markdown_with_a_picture(site):
    new14(site)
    sub = site / "sub"
    sub.mkdir()
    (sub / "现场.png").write_bytes(png_bytes())
    md = sub / "laoshan.md"
    md.write_text(
        "# 崂山区打造文明实践新阵地\n\n**一是建阵地。**崂山区建成实践站50个,覆盖全区。\n\n"
        "![活动现场](现场.png)\n\n## 下一步工作\n\n继续推进。\n\n（崂山区委宣传部）\n",
        encoding="utf-8",
    )
    proc = no_traceback(run_cli("import", str(md), "--issue", "14", "--section", "经验交流", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-laoshan.md"
    assert front(art)["title"] == "崂山区打造文明实践新阵地"
    text = body(art)
    assert "**一是建阵地。**崂山区建成实践站50个，覆盖全区。" in text
    assert "![活动现场](01-laoshan-1.png)" in text
    assert "## 下一步工作" in text
    assert (site / "content/14/01-laoshan-1.png").read_bytes() == png_bytes()
    assert no_traceback(run_cli("check", "14", cwd=site)).returncode == 0


def test_import_markdown_keeps_links_notes_and_tables_as_markdown(site):
    """A Markdown submission's own syntax is no text to tidy: the link's address
    keeps its half-width (…) and :, a note's `[^1]:` its colon (a full-width
    one, a slip, is mended), and a pipe table its rows together. Import made
    them ]（http：//…）, [^1]：… and a paragraph a row, and check then refused
    the article (three table errors, two note errors)."""
    new14(site)
    sub = site / "sub"
    sub.mkdir()
    md = sub / "dujian.md"
    md.write_text(
        "县纪委监委开展专项督查\n"
        "详见[县纪委监委网站](http://www.jsjhjw.gov.cn/show.aspx?id=19677)的通报,督查时间为8:30至17:30。\n"
        "清明节期间,采取“四不两直”[^1]、明察与暗访相结合的方式开展督查。\n"
        "| 督查问题 | 重点查纠的行为 |\n|---|:---:|\n| 违规吃喝 | 值班人员饮酒:违规在单位食堂吃请 |\n| **公车私用** | 节日期间私驾公车 |\n"
        "[^1]：“四不两直”即不发通知、不打招呼,直奔基层、直插现场。\n"
        "（县纪委监委供稿）\n",
        encoding="utf-8",
    )
    proc = no_traceback(run_cli("import", str(md), "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    text = body(site / "content/14/01-dujian.md")
    assert "[县纪委监委网站](http://www.jsjhjw.gov.cn/show.aspx?id=19677)的通报，督查时间为8:30至17:30。" in text, text
    assert "“四不两直”[^1]、明察" in text
    assert "[^1]: “四不两直”即不发通知、不打招呼，直奔基层、直插现场。" in text, text
    assert "| 督查问题 | 重点查纠的行为 |\n|---|:---:|\n| 违规吃喝 | 值班人员饮酒：违规在单位食堂吃请 |\n| **公车私用** | 节日期间私驾公车 |" in text, text
    check = no_traceback(run_cli("check", "14", cwd=site))
    assert check.returncode == 0 and "错误 error:" not in check.stderr and "脚注" not in check.stderr, check.stderr


def test_import_keeps_markdown_characters_as_text(site):
    """Asterisks, brackets, a leading number: the text reads back as it was written."""
    new14(site)
    sub = plain_docx(
        site / "odd.docx",
        "市北区*试点*工作",
        ["1. 第一条[注]：见<附件>", "# 不是标题", "A_B_C & D ~~不删除~~"],
        "市北区委宣传部",
    )
    proc = no_traceback(run_cli("import", str(sub), "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    from zhuanbao.content import load_issue

    issue = load_issue(site / "content", "14").issue
    art = issue.articles[0]
    assert art.title == "市北区*试点*工作"
    texts = ["".join(s.text for s in b.spans) for b in art.blocks]
    assert texts == ["1. 第一条[注]：见<附件>", "# 不是标题", "A_B_C & D ~~不删除~~"]


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (None, ["nothere.docx", "--issue", "14", "--section", "简讯"], r"nothere\.docx: 错误 error: .*not there"),
        ("doc", ["old.doc", "--issue", "14", "--section", "简讯"], r"old\.doc: 错误 error: .*\.docx first"),
        ("bad", ["bad.docx", "--issue", "14", "--section", "简讯"], r"bad\.docx: 错误 error: .*save it again"),
        ("ok", ["ok.docx", "--issue", "15", "--section", "简讯"], r"content/15: 错误 error: .*zhuanbao new 15"),
        ("ok", ["ok.docx", "--issue", "14", "--section", "新闻"], r"unknown section: use one of 工作动态, 经验交流, 简讯"),
        ("ok", ["ok.docx", "--issue", "14"], r"--section"),
        ("empty", ["empty.docx", "--issue", "14", "--section", "简讯"], r"empty\.docx: 错误 error: .*no text"),
        ("zero", ["zero.docx", "--issue", "14", "--section", "简讯"], r"zero\.docx: 错误 error: 文件是空的 the file is empty"),
    ],
)
def test_import_mistakes(site, setup, args, message):
    new14(site)
    if setup == "doc":
        (site / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    elif setup == "bad":
        (site / "bad.docx").write_bytes(b"this is not a zip file")
    elif setup == "ok":
        plain_docx(site / "ok.docx", "标题", ["正文。"], "单位")
    elif setup == "empty":
        from docx import Document

        Document().save(str(site / "empty.docx"))
    elif setup == "zero":  # a download that did not finish
        (site / "zero.docx").write_bytes(b"")
    before = tree(site / "content")
    proc = no_traceback(run_cli("import", *args, cwd=site))
    assert proc.returncode in (1, 2), proc.stderr  # 2: argparse's own usage error
    assert re.search(message, proc.stderr), proc.stderr
    assert tree(site / "content") == before


def test_import_reports_a_missing_source(site):
    new14(site)
    sub = plain_docx(site / "nosrc.docx", "市南区召开会议", ["市南区召开会议。"], None)
    proc = no_traceback(run_cli("import", str(sub), "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0
    assert re.search(r"content/14/01-nosrc\.md:\d+: 警告 warning: .*no source", proc.stderr), proc.stderr


# --- check -----------------------------------------------------------------------------------


def test_check_the_real_issue(site):
    before = tree(site)
    proc = no_traceback(run_cli("check", "13", cwd=site))
    assert proc.returncode == 0, proc.stderr
    assert "没有错误 no errors" in proc.stderr
    assert tree(site) == before, "check writes nothing"
    assert not (site / "out").exists()


def write_article(folder: Path, name: str, section: str, title: str, text: str, source: str | None = "某单位") -> Path:
    head = f"---\nsection: {section}\ntitle: {title}\n" + (f"source: {source}\n" if source else "") + "---\n"
    path = folder / name
    path.write_text(head + text + "\n", encoding="utf-8")
    return path


def warnings_of(proc) -> list[str]:
    return [l for l in proc.stderr.splitlines() if "警告 warning" in l]


def test_check_warnings(site):
    d = site / "content/13"
    write_article(d, "07-a.md", "简讯", "半角标点", "市南区召开会议,部署工作(全区)。")
    write_article(d, "08-b.md", "简讯", "引号不配对", "他说：“要抓好落实。\n\n（一）第一条）")
    write_article(d, "09-c.md", "简讯", "没有来源", "市南区召开会议。", source=None)
    write_article(d, "10-d.md", "简讯", "生僻字", "这是一个龘字。")
    write_article(d, "12-f.md", "简讯", "多余空格", "市南区召开会议。 会议要求，通讯员 许艺洋 魏鑫洁 参加。\n\n"
                  "网址：https://www.gov.cn/ 。会议要求\u00a0，全区推进。")
    long_title = "市北区以党建引领基层治理“组合拳”打好文明典范城市创建“攻坚战”全力以赴争创全国文明典范城市推动各项任务落到实处"
    write_article(d, "11-e.md", "经验交流", long_title, "正文。")
    # a speech needs no source line: its subtitle names the speaker
    write_article(d, "14-h.md", "工作动态", "浙江启动“清朗·暑期未成年人网络环境整治”专项行动", "正文。")  # 3 lines: its quote kept whole
    # 3 lines: a line ends at the editor's space, where no first line of two could
    write_article(d, "15-i.md", "工作动态", "文明用网 健康上网 兰州市网络不文明行为整治暨网络文明志愿服务活动启动", "正文。")
    speech = write_article(d, "13-g.md", "经验交流", "奋力开创宣传思想文化工作新局面", "今天，我们召开会议。", source=None)
    speech.write_text(speech.read_text(encoding="utf-8").replace(
        "---\n今天", "subtitle: ——区委副书记陈立新同志在全区宣传思想文化工作会议上的讲话\n---\n今天"), encoding="utf-8")
    report = write_article(d, "17-k.md", "经验交流", "营商环境持续优化", "全区营商环境评估结果显示。", source=None)
    report.write_text(report.read_text(encoding="utf-8").replace(
        "---\n全区", "subtitle: ——市北区2024年营商环境评估报告\n---\n全区"), encoding="utf-8")
    # and none where the subtitle names no speaker (the office's own leader)
    speech2 = write_article(d, "16-j.md", "经验交流", "凝心聚力扎实工作", "同志们：", source=None)
    speech2.write_text(speech2.read_text(encoding="utf-8").replace(
        "---\n同志们", "subtitle: ——在2024年全县卫生健康工作会议上的讲话（摘要）\n---\n同志们"), encoding="utf-8")
    proc = no_traceback(run_cli("check", "13", cwd=site))
    assert proc.returncode == 0, proc.stderr
    w = "\n".join(warnings_of(proc))
    assert "16-j.md:1" not in w, w
    assert re.search(r"content/13/17-k\.md:1: 警告 warning: .*no `source:`", w), w  # a report's subtitle is no speech
    assert re.search(r"content/13/07-a\.md:6: 警告 warning: 半角标点.*`,` → `，`.*`\(` → `（`", w), w
    assert "in “市南区召开会议,部署" in w  # quoted as written, so that the editor finds the mark
    assert re.search(r"content/13/08-b\.md:6: 警告 warning: .*unbalanced.*“ without ”", w), w
    assert re.search(r"content/13/08-b\.md:8: 警告 warning: .*unbalanced.*） without （", w), w
    assert re.search(r"content/13/09-c\.md:1: 警告 warning: .*no `source:`", w), w
    assert "13-g.md" not in w, w
    assert re.search(r"content/13/10-d\.md:6: 警告 warning: .*龘", w), w
    assert re.search(r"content/13/11-e\.md:3: 警告 warning: 标题太长 the title takes [3-9] lines", w), w
    assert "inside its quotation" not in next(ln for ln in w.splitlines() if "11-e.md:3" in ln and "标题太长" in ln)
    assert re.search(r"content/13/14-h\.md:3: 警告 warning: 标题太长 .*break it by hand inside its quotation", w), w
    spaced = next(ln for ln in w.splitlines() if "15-i.md:3" in ln and "标题太长" in ln)
    assert "inside its quotation" not in spaced and "the space you typed" in spaced, spaced
    # a space typed after a 。 is a slip; between two names it is the editor's
    assert re.search(r"content/13/12-f\.md:6: 警告 warning: 多余空格 .*“市南区召开会议。 会议要求", w), w
    # a web page's no-break space is one too; the space after an address, before its mark, is not
    assert re.search(r"content/13/12-f\.md:8: 警告 warning: 多余空格 .*“.*会议要求\u00a0，", w), w
    assert w.count("多余空格") == 2 and "许艺洋 魏鑫洁 参加" not in w and "gov.cn/ 。" not in w
    assert "content/13/0" + "2-shibei.md" not in w  # the real articles are clean
    # render says what prints but looks wrong too (an editor who only renders hears of it); not
    # what only check lists (the broken titles, the missing source)
    proc = no_traceback(run_cli("render", "13", "--format", "pdf", cwd=site))
    assert proc.returncode == 0, proc.stderr
    r = "\n".join(warnings_of(proc))
    assert re.search(r"content/13/07-a\.md:6: 警告 warning: 半角标点.*`,` → `，`", r), r
    assert re.search(r"content/13/08-b\.md:6: 警告 warning: .*unbalanced.*“ without ”", r), r
    assert "no `source:`" not in r and "标题由版式断行" not in r


def test_check_section_without_articles(site):
    (site / "content/13/06-xihaian.md").unlink()
    proc = no_traceback(run_cli("check", "13", cwd=site))
    assert proc.returncode == 0
    assert re.search(r"content/publication\.yaml:5: 警告 warning: .*简讯.*no articles", proc.stderr), proc.stderr


def test_check_says_nothing_of_an_empty_section_whose_article_failed(site):
    """The 简讯 article has an error: check names it, and does not also say
    the section has no articles (it has one, which the editor must fix)."""
    art = site / "content/13/06-xihaian.md"
    art.write_text(art.read_text(encoding="utf-8") + "\n\n***\n\n后文。\n", encoding="utf-8")
    proc = no_traceback(run_cli("check", "13", cwd=site))
    assert proc.returncode == 1
    assert re.search(r"content/13/06-xihaian\.md:\d+: 错误 error: .*\(---\)", proc.stderr), proc.stderr
    assert "no articles" not in proc.stderr, proc.stderr


def test_check_number_and_date_order(site):
    new = site / "content/14"
    new.mkdir()
    (new / "issue.yaml").write_text("number: 14\ndate: 2022-09-01\n", encoding="utf-8")
    shutil.copy(site / "content/13/06-xihaian.md", new)
    proc = no_traceback(run_cli("check", "14", cwd=site))
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"content/14/issue\.yaml:2: 警告 warning: .*out of order.*issue 13", proc.stderr), proc.stderr
    (new / "issue.yaml").write_text("number: 14\ndate: 2022-10-13\n", encoding="utf-8")
    assert "out of order" not in run_cli("check", "14", cwd=site).stderr
    dup = site / "content/2022-13b"
    dup.mkdir()
    (dup / "issue.yaml").write_text("number: 13\ndate: 2022-10-20\n", encoding="utf-8")
    shutil.copy(site / "content/13/06-xihaian.md", dup)
    proc = run_cli("check", "2022-13b", cwd=site)
    assert "number 13 too" in proc.stderr, proc.stderr


# --- list ------------------------------------------------------------------------------------------


def test_list(site):
    new14(site)
    proc = no_traceback(run_cli("list", cwd=site))
    assert proc.returncode == 0, proc.stderr
    rows = proc.stdout.splitlines()
    assert re.match(r"^13\s+13\s+2022-09-29\s+6\s+未生成 not rendered$", rows[1]), rows
    assert re.match(r"^14\s+14\s+2022-10-13\s+0\s+未生成 not rendered$", rows[2]), rows
    assert run_cli("render", "13", "--format", "pdf", cwd=site).returncode == 0
    rows = run_cli("list", cwd=site).stdout.splitlines()
    assert re.search(r"最新 up to date( \(pdf only\))?$", rows[1]), rows
    art = site / "content/13/02-shibei.md"
    later = time.time() + 5
    os.utime(art, (later, later))
    rows = run_cli("list", cwd=site).stdout.splitlines()
    assert rows[1].endswith("已过时 out of date: content changed since"), rows


def test_list_without_content(tmp_path):
    proc = no_traceback(run_cli("list", cwd=tmp_path))
    assert proc.returncode == 1
    assert "publication.yaml" in proc.stderr


# --- import the DOCX zhuanbao wrote: the same articles back ----------------------------------------


def _article_text(art):
    blocks = []
    for b in art.blocks:
        if hasattr(b, "spans"):
            blocks.append(("p", tuple((s.text, s.lead) for s in b.spans)))
        elif hasattr(b, "caption"):
            blocks.append(("pic", b.caption))
        else:
            blocks.append(("h", b.text))
    return (art.section, art.title_lines, art.subtitle, art.sources, tuple(blocks))


def test_import_the_docx_zhuanbao_wrote(site):
    ren = no_traceback(run_cli("render", "13", "--format", "docx", cwd=site))
    assert ren.returncode == 0, ren.stderr
    new14(site)
    docx_file = site / "out/13/宣传信息专报第13期.docx"
    proc = no_traceback(run_cli("import", str(docx_file), "--issue", "14", "--section", "经验交流", cwd=site))
    assert proc.returncode == 0, proc.stderr
    assert "标点" not in proc.stderr, "nothing to normalise in text zhuanbao printed"
    originals = sorted((site / "content/13").glob("*.md"))
    imported = sorted((site / "content/14").glob("*.md"))
    assert len(imported) == len(originals) == 6
    for o, i in zip(originals, imported):
        assert i.read_text(encoding="utf-8") == o.read_text(encoding="utf-8"), i.name
    from zhuanbao.content import load_issue

    a = load_issue(site / "content", "13").issue
    b = load_issue(site / "content", "14").issue
    assert [_article_text(x) for x in a.articles] == [_article_text(x) for x in b.articles]


def test_import_the_docx_of_one_article_with_a_picture(site):
    new14(site)
    sub = shibei_docx(site / "shibei.docx")
    assert run_cli("import", str(sub), "--issue", "14", "--section", "经验交流", cwd=site).returncode == 0
    ren = no_traceback(run_cli("render", "14", "--format", "docx", cwd=site))
    assert ren.returncode == 0, ren.stderr
    assert run_cli("new", "15", "--date", "2022-10-20", cwd=site).returncode == 0
    proc = no_traceback(
        run_cli("import", "out/14/宣传信息专报第14期.docx", "--issue", "15", "--section", "经验交流", "--slug", "shibei", cwd=site)
    )
    assert proc.returncode == 0, proc.stderr
    from zhuanbao.content import load_issue

    a = load_issue(site / "content", "14").issue.articles[0]
    b = load_issue(site / "content", "15").issue.articles[0]
    assert _article_text(a) == _article_text(b)
    [pa] = [x for x in a.blocks if hasattr(x, "caption")]
    [pb] = [x for x in b.blocks if hasattr(x, "caption")]
    from PIL import Image

    with Image.open(pa.path) as ia, Image.open(pb.path) as ib:
        assert ia.size == ib.size


def test_import_word_extras(site):
    """A byline under the title, Word's automatic numbering, a table: kept, not lost."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    new14(site)
    doc = Document()
    for text, size in (("市南区推进文明城市建设", 22), ("市南区委宣传部", 16)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).font.size = Pt(size)
    doc.add_paragraph("加强组织领导", style="List Number")
    doc.add_paragraph("市南区召开会议,部署工作。")
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "表格里的字"
    table.cell(0, 1).text = "也不能丢"
    doc.add_paragraph("（市南区委宣传部）")
    doc.save(str(site / "extras.docx"))
    proc = no_traceback(run_cli("import", "extras.docx", "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-extras.md"
    assert front(art)["title"] == "市南区推进文明城市建设"
    text = body(art)
    for words in ("市南区委宣传部", "加强组织领导", "市南区召开会议，部署工作。", "表格里的字", "也不能丢"):
        assert words in text, text
    assert "1\\.加强组织领导" in text  # Word's automatic number, written into the text
    assert "自动编号" not in proc.stderr


def test_import_a_unit_and_its_writer_under_the_title(site):
    """Submissions put their unit and writer under the title (某某区人社局 张三):
    the name is the `author`, the unit the source when none is given, and the
    line is no paragraph; a short sentence with spaces (市委宣传部 召开 推进会) is
    text."""
    from docx import Document

    def imported(name: str, paragraphs: list[str]):
        doc = Document()
        for text in paragraphs:
            doc.add_paragraph(text)
        doc.save(str(site / f"{name}.docx"))
        proc = no_traceback(run_cli("import", f"{name}.docx", "--issue", "14", "--section", "简讯", cwd=site))
        assert proc.returncode == 0, proc.stderr
        return proc, next((site / "content/14").glob(f"*-{name}.md"))

    new14(site)
    proc, art = imported("byline", ["某某区开展职业技能培训助力稳岗就业", "某某区人社局 张三", "今年以来，某某区累计培训1260人次，就业率达82.5%."])
    assert front(art)["author"] == "张三" and front(art)["source"] == "某某区人社局"
    assert "作者 author: 张三" in proc.stderr
    assert "某某区人社局 张三" not in body(art) and "就业率达82.5%。" in body(art)
    _, art = imported("sentence", ["市委宣传部召开会议", "市委宣传部 召开 推进会", "会议部署了工作。", "（市委宣传部）"])
    assert "author" not in front(art) and "市委宣传部 召开 推进会" in body(art)


PICTURE, BOLD = "<picture>", "<bold>"  # imported_paragraphs' lines: a picture, a paragraph all in bold


def imported_paragraphs(site, name: str, lines: list[str]) -> list[str]:
    """The paragraphs of the article import writes from a Word file of
    `lines` (PICTURE a picture, BOLD + text a paragraph in bold)."""
    import io

    def build(doc) -> None:
        for line in lines:
            if line == PICTURE:
                doc.add_picture(io.BytesIO(png_bytes()))
            elif line.startswith(BOLD):
                doc.add_paragraph().add_run(line[len(BOLD):]).bold = True
            else:
                doc.add_paragraph(line)

    _, art = import_docx(site, name, build)
    return [x.strip() for x in body(art).split("\n\n") if x.strip()]


def import_docx(site, name: str, build, section: str = "简讯"):
    """A Word file that `build(doc)` writes, imported into issue 14 as an
    editor imports one: the import's process (stderr holds what it said)."""
    from docx import Document

    doc = Document()
    build(doc)
    doc.save(str(site / f"{name}.docx"))
    proc = no_traceback(run_cli("import", f"{name}.docx", "--issue", "14", "--section", section, cwd=site))
    assert proc.returncode == 0, proc.stderr
    return proc, site / "content" / "14" / f"01-{name}.md"


def test_import_text_before_a_styled_title_is_kept(site):
    from docx import Document

    new14(site)
    doc = Document()
    doc.add_paragraph("市北区宣传信息第5期")
    doc.add_paragraph("市北区召开文明创建推进会", style="Title")
    doc.add_paragraph("会议强调,要抓好落实。")
    doc.add_paragraph("（市北区委宣传部）")
    doc.save(str(site / "styled.docx"))
    proc = no_traceback(run_cli("import", "styled.docx", "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "content/14/01-styled.md"
    art = site / "content/14/01-styled.md"
    assert front(art)["title"] == "市北区召开文明创建推进会"
    assert front(art)["source"] == "市北区委宣传部"
    assert "市北区宣传信息第5期" in body(art) and "会议强调，要抓好落实。" in body(art)
    assert "before the title was kept" in proc.stderr


def test_import_heading_1_under_a_styled_title_is_a_heading_not_a_new_article(site):
    # county staff who use styles give the title Title and the headings Heading 1 / 2: one article,
    # 一、… as ## and （一）… as ###, not a second article titled 一、… (a helper's review)
    from docx import Document

    new14(site)

    def build(doc):
        doc.add_paragraph("县人社局“三个一”服务稳就业", style="Title")
        doc.add_paragraph("今年以来，县人社局多措并举稳就业。")
        doc.add_paragraph("一、搭建一个平台", style="Heading 1")
        doc.add_paragraph("建成就业服务站46个。")
        doc.add_paragraph("（一）线上招聘", style="Heading 2")
        doc.add_paragraph("开展直播带岗12场。")
        doc.add_paragraph("1.直播带岗", style="Heading 1")  # a 1. heading in Word's Heading 1: its number says ####
        doc.add_paragraph("每周两场。")
        doc.add_paragraph("（县人社局）")

    proc, _ = import_docx(site, "人社局稿件", build, "工作动态")
    assert proc.stdout.split() == ["content/14/01-人社局稿件.md"]  # named for the file, not 01-article.md
    text = (site / "content/14/01-人社局稿件.md").read_text(encoding="utf-8")
    assert "\n## 一、搭建一个平台\n" in text and "\n### （一）线上招聘\n" in text
    assert "\n#### 1\\.直播带岗\n" in text, text
    # without a Title style, unnumbered Heading 1 lines are still the titles of several articles
    doc = Document()
    for title in ("市北区召开推进会", "市南区开展志愿服务"):
        doc.add_paragraph(title, style="Heading 1")
        doc.add_paragraph("会议强调，要抓好落实。")
        doc.add_paragraph("（区委宣传部）")
    doc.save(str(site / "two.docx"))
    proc = no_traceback(run_cli("import", "two.docx", "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0 and len(proc.stdout.split()) == 2, proc.stderr


def test_import_writes_the_numbers_word_numbered_automatically(site):
    # Word's automatic numbering (numbering.xml) is not in the text: import writes the number
    # Word shows (1. 2. 3.) instead of losing it; a bullet it cannot print is said
    new14(site)

    def build(doc):
        doc.add_paragraph("市北区推进三项工作", style="Title")
        doc.add_paragraph("今年以来，市北区重点做好以下工作：")
        for t in ("培育新型农业经营主体。", "发展农产品加工业。", "打造示范村8个。"):
            doc.add_paragraph(t, style="List Number")
        doc.add_paragraph("甲项。", style="List Bullet")
        # numbering switched off for one paragraph of a numbered style (numId 0): no number, nothing to say
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        off = doc.add_paragraph("不编号的一段。", style="List Number")
        num_pr, num_id = OxmlElement("w:numPr"), OxmlElement("w:numId")
        num_id.set(qn("w:val"), "0")
        num_pr.append(num_id)
        off._p.get_or_add_pPr().append(num_pr)
        doc.add_paragraph("（市北区委宣传部）")

    proc, _ = import_docx(site, "num", build, "简讯")
    text = body(site / "content/14/01-num.md")
    assert "1\\.培育新型农业经营主体。" in text and "2\\.发展" in text and "3\\.打造" in text, text
    assert "\n不编号的一段。" in text
    assert proc.stderr.count("自动编号") == 1 and "甲项" in proc.stderr  # the bullet only
    proc = no_traceback(run_cli("render", "14", "--format", "pdf", cwd=site))
    assert proc.returncode == 0, proc.stderr
    import pdfread

    printed = "".join(c.ch for c in pdfread.chars(site / "out" / "14" / "宣传信息专报第14期.pdf"))
    assert "1.培育新型农业经营主体。" in printed and "3.打造示范村8个。" in printed


@pytest.mark.parametrize("lines, source, kept", [
    (["供稿：县文明办", "县文明办开展志愿服务。"], "县文明办", []),  # under the title
    (["县人社局稳就业。", "供稿：县人力资源和社会保障局", "撰稿：李四　　审核：王五"], "县人力资源和社会保障局", ["撰稿：李四"]),
    (["县文旅局举办非遗展演。", "（县文旅局供稿）"], "县文旅局", []),
    (["市卫健委开展义诊。", "（市卫健委创建办 供稿）"], "市卫健委创建办", []),  # a space before 供稿
])
def test_import_finds_the_source_as_submissions_write_it(site, lines, source, kept):
    new14(site)

    def build(doc):
        doc.add_paragraph("县里开展一项工作", style="Title")
        for line in lines:
            doc.add_paragraph(line)

    proc, _ = import_docx(site, "src", build, "简讯")
    art = site / "content/14/01-src.md"
    assert front(art)["source"] == source
    assert "供稿" not in body(art) and all(k in body(art) for k in kept)
    assert ("撰稿审核行" in proc.stderr) == bool(kept)


def test_import_bold_numbered_lines_are_headings(site):
    # without styles, county staff bold 一、… and （一）… lines: headings (## ###), not bold leads;
    # a bold lead that runs into its sentence stays a lead
    new14(site)

    def build(doc):
        doc.add_paragraph("县农业农村局推进乡村振兴", style="Title")
        for text, bold_rest in (("一、聚焦粮食安全，夯实农业基础", None), ("（一）压实责任", None),
                                ("一是抓责任落实。", "全县明确责任人1862名。"), ("二、聚焦产业发展", None)):
            para = doc.add_paragraph()
            para.add_run(text).bold = True
            if bold_rest:
                para.add_run(bold_rest)
        doc.add_paragraph("（县农业农村局）")

    proc, _ = import_docx(site, "bold", build, "经验交流")
    text = body(site / "content/14/01-bold.md")
    assert "## 一、聚焦粮食安全，夯实农业基础" in text and "### （一）压实责任" in text and "## 二、聚焦产业发展" in text
    assert "**一是抓责任落实。**全县明确责任人1862名。" in text


def test_import_keeps_bold_inside_a_sentence(site):
    # a bold stretch past the lead is the editor's stress: it stays bold (it was dropped silently)
    new14(site)

    def build(doc):
        doc.add_paragraph("县农业农村局推进乡村振兴", style="Title")
        para = doc.add_paragraph()
        for text, bold in (("一是抓责任落实。", True), ("全县坚持", False), ("“三个", True), ("聚焦”", True),
                           (",推动工作\u200b走深走实，", False), ("见成效 ", True)):
            para.add_run(text).bold = bold
        doc.add_paragraph("（县农业农村局）")

    import_docx(site, "stress", build, "经验交流")
    text = body(site / "content/14/01-stress.md")
    assert "**一是抓责任落实。**全县坚持**“三个聚焦”**，推动工作走深走实，**见成效**" in text
    proc = run_cli("render", "14", "--format", "pdf", cwd=site)
    assert proc.returncode == 0, proc.stderr


def test_import_says_a_table_had_merged_cells(site):
    new14(site)

    def build(doc):
        doc.add_paragraph("县农业农村局主要指标", style="Title")
        doc.add_paragraph("主要指标如下：")
        table = doc.add_table(rows=3, cols=3)
        merged = table.cell(0, 0).merge(table.cell(0, 1))
        merged.text = "指标"
        table.cell(0, 2).text = "2024年"
        for r, (a, b, c) in enumerate((("粮食", "面积", "45.6"), ("农田", "高标准", "2.3")), 1):
            for k, v in enumerate((a, b, c)):
                table.cell(r, k).text = v
        doc.add_paragraph("（县农业农村局）")

    proc, _ = import_docx(site, "merged", build, "简讯")
    assert "合并单元格" in proc.stderr and "“指标”" in proc.stderr
    assert "| 指标 |  | 2024年 |" in body(site / "content/14/01-merged.md")


def test_import_removes_invisible_characters(site):
    new14(site)
    sub = plain_docx(site / "wechat.docx", "市北区\u200b召开会议", ["会议\u200b强调\ufeff,要抓好落实。"], "市北区委宣传部")
    proc = no_traceback(run_cli("import", str(sub), "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-wechat.md"
    assert front(art)["title"] == "市北区召开会议"
    assert "会议强调，要抓好落实。" in body(art)
    assert "U+200B" in proc.stderr and "U+FEFF" in proc.stderr
    assert "不可见字符 removed an invisible character U+200B" in proc.stderr and "标点 `U+" not in proc.stderr
    assert no_traceback(run_cli("check", "14", cwd=site)).returncode == 0


def test_import_picture_with_its_caption_in_one_paragraph(site):
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    new14(site)
    doc = Document()
    doc.add_paragraph("崂山区开展志愿服务").alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("崂山区组织志愿者开展服务。")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    run.add_picture(io.BytesIO(png_bytes()))
    run.add_break()
    p.add_run("图为志愿者在社区服务")
    doc.add_paragraph("活动覆盖全区。")
    doc.add_paragraph("（供稿：崂山区委宣传部）")
    doc.save(str(site / "laoshan.docx"))
    proc = no_traceback(run_cli("import", "laoshan.docx", "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-laoshan.md"
    paras = [x.strip() for x in body(art).split("\n\n") if x.strip()]
    assert paras == ["崂山区组织志愿者开展服务。", "![图为志愿者在社区服务](01-laoshan-1.png)", "活动覆盖全区。"]
    assert front(art)["source"] == "崂山区委宣传部"


def test_import_picture_with_its_press_caption_in_the_paragraph_under_it(site):
    """A photo pasted from a press release, its 图为… line an ordinary
    left-aligned paragraph under it: the picture's caption, not body text;
    a paragraph that only begins with 图 (图书馆…) stays text."""
    new14(site)
    lines = ["平安镇推进高标准农田建设", "平安镇新建高标准农田1.2万亩。", PICTURE, "图为平安镇高标准农田建设现场。", PICTURE,
             "图书馆同步开设农技课堂。", "（平安镇人民政府）"]
    paras = imported_paragraphs(site, "pingan", lines)
    assert paras == [
        "平安镇新建高标准农田1.2万亩。",
        "![图为平安镇高标准农田建设现场。](01-pingan-1.png)",
        "![](01-pingan-2.png)",
        "图书馆同步开设农技课堂。",
    ], paras


def test_import_a_short_plain_line_under_a_picture_is_its_caption(site):
    """中秋义诊现场, typed left-aligned under a photo (a new user's Word file):
    the picture's caption, kept with it when it moves to the next page; a
    sentence, a heading (numbered or all in bold) or a source under a picture
    stays what it is."""
    new14(site)
    lines = ["滁州市卫健委开展中秋系列活动", "中秋节前，市卫健委组织开展义诊活动。", PICTURE, "中秋义诊现场", PICTURE, "二、走访慰问",
             PICTURE, BOLD + "爱心送到家", "志愿者走访慰问困难群众。", PICTURE, "（市卫健委）"]
    paras = imported_paragraphs(site, "zhongqiu", lines)
    assert paras == [
        "中秋节前，市卫健委组织开展义诊活动。",
        "![中秋义诊现场](01-zhongqiu-1.png)",
        "![](01-zhongqiu-2.png)",
        "二、走访慰问",  # (not bold: Word users write headings in bold; text either way, not a caption)
        "![](01-zhongqiu-3.png)",
        "**爱心送到家**",
        "志愿者走访慰问困难群众。",
        "![](01-zhongqiu-4.png)",
    ], paras
    assert front(site / "content/14/01-zhongqiu.md")["source"] == "市卫健委"


def test_import_markdown_with_its_own_header(site):
    """A .md that already has the article header keeps its section, title and source."""
    new14(site)
    md = site / "ready.md"
    md.write_text("---\nsection: 工作动态\ntitle: 市委召开会议\nsource: 市委办公厅\n---\n会议强调,要抓好落实。\n", encoding="utf-8")
    proc = no_traceback(run_cli("import", str(md), "--issue", "14", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/01-ready.md"
    assert front(art) == {"section": "工作动态", "title": "市委召开会议", "source": "市委办公厅"}
    assert body(art).strip() == "会议强调，要抓好落实。"


def test_import_a_caption_written_above_its_picture(site):
    import io

    new14(site)

    def build(doc):
        doc.add_paragraph("县人社局举办招聘会", style="Title")
        doc.add_paragraph("县人社局举办春季招聘会。")
        doc.add_paragraph("图1 县人社局招聘会现场")
        doc.add_paragraph().add_run().add_picture(io.BytesIO(png_bytes()))
        doc.add_paragraph("下一步，将持续优化就业服务。")
        doc.add_paragraph("（县人社局）")

    proc, _ = import_docx(site, "above", build, "简讯")
    paras = [x.strip() for x in body(site / "content/14/01-above.md").split("\n\n") if x.strip()]
    assert paras == ["县人社局举办春季招聘会。", "![图1 县人社局招聘会现场](01-above-1.png)", "下一步，将持续优化就业服务。"]


def test_import_numbering_and_sources_edge_cases(site):
    # a review's cases: a Title-styled masthead over Heading 1 articles stays several articles; a
    # list restarted at 五 (w:startOverride), an empty numbered item counted as Word counts it, a
    # number before a digit kept apart (1. 3个, not 1.3个); 供稿： followed by a sentence is text
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    new14(site)
    doc = Document()
    doc.add_paragraph("宣传信息专报", style="Title")
    for title in ("市北区召开推进会", "市南区开展志愿服务"):
        doc.add_paragraph(title, style="Heading 1")
        doc.add_paragraph("会议强调，要抓好落实。")
        doc.add_paragraph("（区委宣传部）")
    doc.save(str(site / "many.docx"))
    proc = no_traceback(run_cli("import", "many.docx", "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0 and len(proc.stdout.split()) == 2, proc.stderr

    doc = Document()
    doc.add_paragraph("县里推进项目建设", style="Title")
    items = [doc.add_paragraph(t, style="List Number") for t in ("3个项目完成验收。", "", "新开工项目12个。")]
    assert items
    again = doc.add_paragraph("重新编号的一项。", style="List Number")
    numbering = doc.part.numbering_part.element
    num_id = items[0]._p.pPr.numPr.numId.val if items[0]._p.pPr is not None and items[0]._p.pPr.numPr is not None else None
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val if num_id is None else num_id
    abstract = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(style_num)).find(qn("w:abstractNumId")).get(qn("w:val"))
    restart = OxmlElement("w:num")
    restart.set(qn("w:numId"), "77")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "5")
    override.append(start)
    restart.append(ref)
    restart.append(override)
    numbering.append(restart)
    num_pr, nid = OxmlElement("w:numPr"), OxmlElement("w:numId")
    nid.set(qn("w:val"), "77")
    num_pr.append(nid)
    again._p.get_or_add_pPr().append(num_pr)
    doc.add_paragraph("供稿：县文明办　县文明办近日开展志愿服务活动。")
    doc.add_paragraph("（县发改局）")
    doc.save(str(site / "list.docx"))
    proc = no_traceback(run_cli("import", "list.docx", "--issue", "14", "--section", "简讯", cwd=site))
    assert proc.returncode == 0, proc.stderr
    art = site / "content/14/03-list.md"
    text = body(art)
    assert "1\\. 3个项目完成验收。" in text and "3\\.新开工项目12个。" in text, text  # the empty item was 2.
    assert "5\\.重新编号的一项。" in text, text
    assert "供稿：县文明办　县文明办近日开展志愿服务活动。" in text and front(art)["source"] == "县发改局"


def test_import_a_line_break_inside_a_sentence_stays_one(site):
    # Shift+Enter after 电话…， is a line break within the paragraph (a review); after 。 it
    # starts a new paragraph, as pasted WeChat text does
    new14(site)

    def build(doc):
        doc.add_paragraph("县农业农村局发布联系方式", style="Title")
        para = doc.add_paragraph("联系人：李四，电话：0532-87654321，")
        para.runs[0].add_break()
        para.add_run("邮箱：nongye@163.com。")
        para.runs[-1].add_break()
        para.add_run("欢迎咨询。")
        doc.add_paragraph("（县农业农村局）")

    proc, _ = import_docx(site, "br", build, "简讯")
    text = body(site / "content/14/01-br.md")
    assert "电话：0532-87654321，\\\n邮箱：nongye@163.com。\n\n欢迎咨询。" in text, text
    from zhuanbao.content import load_article

    art = load_article(site / "content/14/01-br.md", ("简讯",), site / "content/14", [])
    assert [[s.text for s in b.spans] for b in art.blocks] == [
        ["联系人：李四，电话：0532-87654321，", "\n", "邮箱：nongye@163.com。"], ["欢迎咨询。"]]


@pytest.mark.parametrize("above", [True, False])
def test_import_numbered_captions_of_two_pictures_above_or_below(site, above):
    # 图1 / picture / 图2 / picture, or picture / 图1 / picture / 图2: each caption with its picture
    import io

    new14(site)

    def build(doc):
        doc.add_paragraph("县里开展活动", style="Title")
        doc.add_paragraph("活动开展顺利。")
        for k, caption in enumerate(("图1 活动现场", "图2 群众参与"), 1):
            if above:
                doc.add_paragraph(caption)
            doc.add_paragraph().add_run().add_picture(io.BytesIO(png_bytes()))
            if not above:
                doc.add_paragraph(caption)
        doc.add_paragraph("（县文明办）")

    proc, _ = import_docx(site, "two", build, "简讯")
    paras = [x.strip() for x in body(site / "content/14/01-two.md").split("\n\n") if x.strip()]
    assert paras == ["活动开展顺利。", "![图1 活动现场](01-two-1.png)", "![图2 群众参与](01-two-2.png)"]


def test_import_a_bracketed_byline_centred_under_the_title_is_no_title_line(site):
    # a bold, centred title and （市人社局就业促进处 张明） centred under it, no sizes set: the
    # byline was taken for the title's second line (trying another office's content)
    new14(site)

    def build(doc):
        title = doc.add_paragraph()
        title.add_run("市人社局推出家门口就业服务站").bold = True
        title.alignment = 1
        doc.add_paragraph("（市人社局就业促进处 张明）").alignment = 1
        doc.add_paragraph("今年以来，市人社局建成就业服务站126个。")
        doc.add_paragraph("供稿：市人社局就业促进处")

    proc, _ = import_docx(site, "byline", build, "简讯")
    art = site / "content/14/01-byline.md"
    assert front(art)["title"] == "市人社局推出家门口就业服务站"
    assert front(art)["author"] == "张明" and front(art)["source"] == "市人社局就业促进处"


def test_check_warns_of_a_date_months_ahead_or_before_the_issue_below_it(site):
    """2042 for 2024 passes as a date; check says it is 18 years ahead. An
    issue dated before the one numbered below it in its series is told so.
    A date of the right order and season says nothing."""
    import datetime as dt

    import yaml as _yaml

    assert run_cli("new", "14", "--date", "2022-10-13", cwd=site).returncode == 0
    issue = site / "content/14/issue.yaml"
    write_article(site / "content/14", "01-a.md", "工作动态", "市南区召开会议", "市南区召开会议。")

    def with_date(date: str) -> str:
        data = issue.read_text(encoding="utf-8")
        issue.write_text(re.sub(r"(?m)^date: .*$", f"date: {date}", data), encoding="utf-8")
        assert _yaml.safe_load(issue.read_text(encoding="utf-8"))["date"].isoformat() == date
        proc = no_traceback(run_cli("check", "14", cwd=site))
        assert proc.returncode == 0, proc.stderr
        return "\n".join(warnings_of(proc))

    assert "日期" not in with_date("2022-10-13")
    ahead = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    w = with_date(ahead)
    assert re.search(rf"content/14/issue\.yaml:\d+: 警告 warning: 日期在将来 the issue is dated {ahead}, 400 days from today", w), w
    w = with_date("2022-09-01")  # 第13期 is dated 2022-09-29
    assert re.search(r"content/14/issue\.yaml:\d+: 警告 warning: 日期早于上一期 issue 14 is dated 2022-09-01, before issue 13 \(2022-09-29", w), w
    # a series numbers from 1 each year: 第14期 of the next year is not compared with this year's 第13期
    w = with_date("2023-01-05")
    assert "日期早于上一期" not in w, w
    (site / "content/13/issue.yaml").write_text(
        (site / "content/13/issue.yaml").read_text(encoding="utf-8").replace("date: 2022-09-29", "date: 2023-02-01"), encoding="utf-8")
    w = with_date("2022-10-13")
    assert "日期早于上一期" not in w, w
