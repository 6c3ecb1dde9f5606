"""`zhuanbao proof`: the layout's compromises by file and line, run as an editor would."""

from __future__ import annotations

import re

import pdfread
from conftest import ROOT, run_cli
from samples import write_issue

MM = 72 / 25.4
RIGHT = (28 + 156) * MM
CELL = 156 * MM / 28
LINE = re.compile(r"^(?P<file>[^:]+\.md):(?P<line>\d+): 第 (?P<page>\d+) 页第 (?P<row>\d+) 行 (?P<what>\S+)")


def findings(stdout: str) -> list[re.Match]:
    return [m for m in map(LINE.match, stdout.splitlines()) if m]


def hung_as_listed(found: list[re.Match], pdf) -> int:
    """As many hung marks listed as the PDF shows, on the pages it says; their number."""
    body = [c for c in pdfread.chars(pdf) if c.size == 16 and c.page > 1]
    hung = [ln[0].page for ln in pdfread.lines_of(body) if pdfread.hung(ln, RIGHT)]
    listed = [int(m["page"]) for m in found if m["what"] == "标点悬挂"]
    assert sorted(listed) == sorted(hung)
    return len(hung)


def test_proof_lists_each_hung_mark_when_the_layout_hangs_them(tmp_path, content_copy):
    """With hanging punctuation on (a layout switch), every mark hung in the
    margin is a finding, on its page."""
    layouts = tmp_path / "site" / "layouts"
    layouts.mkdir(parents=True)
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    assert "hanging_punctuation: last_resort" in text
    text = text.replace("hanging_punctuation: last_resort", "hanging_punctuation: true").replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    (layouts / "zhuanbao.yaml").write_text(text, encoding="utf-8")
    (layouts / "title_words.txt").write_bytes((ROOT / "layouts" / "title_words.txt").read_bytes())
    (layouts / "title_model.txt").write_bytes((ROOT / "layouts" / "title_model.txt").read_bytes())
    out = tmp_path / "out"
    proc = run_cli("proof", "13", "--pdf", "--content", str(content_copy), "--out", str(out), cwd=tmp_path / "site")
    assert proc.returncode == 0, proc.stderr
    assert hung_as_listed(findings(proc.stdout), out / "13" / "宣传信息专报第13期-校样.pdf") > 0


def test_proof_13_names_files_and_lines_and_agrees_with_the_pdf(tmp_path):
    proc = run_cli("proof", "13", "--pdf", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    found = findings(proc.stdout)
    assert found and all(m["file"].startswith("content/13/0") for m in found)
    # every finding points at the paragraph's first line in its file
    for m in found:
        text = (ROOT / m["file"]).read_text(encoding="utf-8").splitlines()[int(m["line"]) - 1]
        assert text.strip() and not text.startswith("---"), m.group(0)
    assert re.fullmatch(r"第 13 期: 11 页 pages, \d+ 处 findings \(.*\)\.( 另有 \d+ 行标点挤压不足 1 pt.*)?", out[-2]), out[-2]
    proof_pdf = tmp_path / "13" / "宣传信息专报第13期-校样.pdf"
    assert out[-1] == str(proof_pdf)
    # the shipped layouts hang no marks: none listed, none in the PDF (hung_as_listed with them on below)
    assert hung_as_listed(found, proof_pdf) == 0
    assert any(m["what"] == "标点挤压" for m in found)  # issue 13 has squeezed lines either way
    chars = pdfread.chars(proof_pdf)
    # the proof copy marks each finding in the right margin, in red
    marks = [c for c in chars if c.x0 > RIGHT + CELL and c.color[0] > 200 and c.color[1] < 60]
    assert len({(c.page, round(c.origin_y)) for c in marks}) == len({(m["page"], m["row"]) for m in found})


def test_proof_lists_broken_titles_fallback_characters_and_the_banji_page(tmp_path):
    content = write_issue(tmp_path)
    art = content / "2023-6" / "02-xiangzhen.md"
    art.write_text(art.read_text(encoding="utf-8").replace("城关镇将全镇", "网格员王䶮将全镇"), encoding="utf-8")
    proc = run_cli("proof", "2023-6", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    found = findings(proc.stdout)
    title = [m for m in found if m["what"] == "标题由排版断行"]
    # the one title written on one line, found at its `title:` line
    assert [(m["file"].rsplit("/", 1)[1], m["line"]) for m in title] == [("01-fangguanfu.md", "3")]
    fallback = [m for m in found if m["what"] == "替代字体"]
    assert [(m["file"].rsplit("/", 1)[1], m["line"]) for m in fallback] == [("02-xiangzhen.md", "8")]  # the body's first line
    assert "䶮" in proc.stdout


def test_banji_carried_to_a_new_page_is_a_warning_in_render_check_and_proof(tmp_path):
    # the sample, made just too long, lacks a line for its 版记 whatever the
    # economies: its last lines go over to a new page with the 版记, and every
    # command says so
    from samples import banji_short_sample

    content = banji_short_sample(tmp_path)
    for cmd in (("check", "7"), ("render", "7", "--format", "pdf", "--out", str(tmp_path / "out")), ("proof", "7")):
        proc = run_cli(*cmd, "--content", str(content))
        assert proc.returncode == 0, proc.stderr
        assert "版记另起一页" in proc.stderr and re.search(r"\d+ grid line\(s\) missing", proc.stderr), cmd
    proc = run_cli("proof", "7", "--content", str(content))
    found = re.search(r"05-jianxun\.md:\d+: 第 (\d+) 页第 \d+ 行 版记调整 .*\d+ line\(s\) carried over with it to page (\d+): "
                      r"\d+ grid line\(s\) missing on page (\d+)", proc.stdout)
    assert found and found[1] == found[2] and int(found[3]) == int(found[2]) - 1, proc.stdout
    pdf = tmp_path / "out" / "7" / "工作简报第7期.pdf"
    last = [c for c in pdfread.chars(pdf) if c.page == int(found[2])]
    assert sum(1 for c in last if c.size == 16) >= 20  # text above the 版记, not the 版记 alone


def test_proof_exits_1_on_a_content_error(tmp_path):
    content = write_issue(tmp_path)
    (content / "2023-6" / "issue.yaml").write_text("number: 6\ndate: [\n", encoding="utf-8")
    proc = run_cli("proof", "2023-6", "--content", str(content), "--pdf", "--out", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "issue.yaml" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_picture_carried_past_the_text_after_it_is_said_by_render_check_and_proof(tmp_path):
    # the picture does not fit at a page's foot: it prints at the top of the
    # next page and the text written after it flows up before it. Every
    # command names the picture's line; proof puts it on the page and line
    # the PDF shows it on.
    from samples import AFTER_PICTURE, floating_picture_sample

    content, line = floating_picture_sample(tmp_path)
    out = tmp_path / "out"
    for cmd in (("check", "2023-6"), ("render", "2023-6", "--format", "pdf", "--out", str(out)), ("proof", "2023-6")):
        proc = run_cli(*cmd, "--content", str(content))
        assert proc.returncode == 0, proc.stderr
        said = re.search(rf"01-fangguanfu\.md:{line}: .*图片移页 the picture photo\.png does not fit in what is left of "
                         rf"page (\d+): it prints at the top of page (\d+), and the text that follows it in the source "
                         rf"\(from 「{AFTER_PICTURE[:12]}…」\) flows up before it", proc.stderr)
        assert said and int(said[2]) == int(said[1]) + 1, (cmd, proc.stderr)
        if cmd[0] == "check":  # named by its number, as proof names it (the folder is 2023-6)
            assert "第 6 期: 没有错误 no errors" in proc.stderr, proc.stderr
    found = [m for m in findings(run_cli("proof", "2023-6", "--content", str(content)).stdout) if m["what"] == "图片移页"]
    assert [(m["file"].rsplit("/", 1)[-1], int(m["line"]), int(m["page"]), int(m["row"])) for m in found] == [
        ("01-fangguanfu.md", line, int(said[2]), 1)]
    # the PDF: the picture at the top of that page, the text after it on the page before
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = out / "2023-6" / "工作简报第6期.pdf"
    doc = pdfium.PdfDocument(str(pdf))
    images = [(k + 1, o.get_bounds()) for k in range(len(doc)) for o in doc[k].get_objects() if o.type == raw.FPDF_PAGEOBJ_IMAGE]
    (page, (_, _, _, top)), = images
    assert page == int(said[2]) and abs(top - (842 - 37 * MM)) < 8  # at the type area's top edge (37 mm margin)
    before = "".join(c.ch for c in pdfread.chars(pdf) if c.page == page - 1)
    assert AFTER_PICTURE[:10] in before


def test_proof_lists_the_compromises_of_the_issues_editor_note(tmp_path):
    # the issue's 编者按 is set like the body (squeezed, searched): its lines are listed too, at issue.yaml
    content = write_issue(tmp_path)
    iss = content / "2023-6" / "issue.yaml"
    iss.write_text(iss.read_text(encoding="utf-8") + "note: |\n  当前，全县上下正在深入推进“三年攻坚行动”（2024—2026年）。本期集中刊发各地各部门在项目建设、"
                   "基层治理、民生保障等方面的新做法新成效，供各级领导参阅。\n", encoding="utf-8")
    proc = run_cli("proof", "2023-6", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    notes = [line for line in proc.stdout.splitlines() if "2023-6/issue.yaml:" in line]
    assert notes and all(re.search(r"第 \d+ 页第 \d+ 行 (标点挤压|字距加宽)", line) for line in notes), proc.stdout


def test_a_first_article_whose_opening_does_not_fit_on_page_one_is_said(tmp_path):
    # one article (no 目录: it follows the header on page 1): with a long 编者按 its title,
    # subtitle, note and first lines hold together in more lines than page 1 has left,
    # which leaves page 1's foot empty; check says so at the title's line, and how much to cut
    content = write_issue(tmp_path)
    folder = content / "2023-6"
    for extra in folder.glob("0[2-9]-*.md"):
        extra.unlink()
    art = folder / "01-fangguanfu.md"
    text = art.read_text(encoding="utf-8")
    note = "note: " + "为推动全县政务服务提质增效，现将县政务服务管理办公室的做法刊发，请各地各部门结合实际认真学习借鉴。" * 4 + "\n"
    art.write_text(text.replace("source:", note + "source:", 1), encoding="utf-8")
    proc = run_cli("check", "2023-6", "--content", str(content))
    assert proc.returncode == 0, proc.stderr
    said = re.search(r"01-fangguanfu\.md:(\d+): 警告 warning: 首篇移至第 2 页 .*hold together: (\d+) grid lines\) does not "
                     r"fit in the (\d+) lines left on page 1.*by (\d+) line", proc.stderr)
    assert said, proc.stderr
    title_line = art.read_text(encoding="utf-8").splitlines().index(next(
        line for line in art.read_text(encoding="utf-8").splitlines() if line.startswith("title:"))) + 1
    assert int(said[1]) == title_line and int(said[4]) == int(said[2]) - int(said[3]) > 0
    # the advice names what this opening holds: its 编者按, no subtitle it does not have
    advice = re.search(r"Shorten (.*?) by \d+ line", proc.stderr)[1]
    assert advice == ("the 编者按 or the subtitle" if "subtitle:" in text else "the 编者按"), advice
    # the same opening without its subtitle: the advice does not name one
    art.write_text("\n".join(line for line in text.replace("source:", note + "source:", 1).splitlines()
                              if not line.startswith("subtitle:")) + "\n", encoding="utf-8")
    proc = run_cli("check", "2023-6", "--content", str(content))
    assert re.search(r"Shorten (.*?) by \d+ line", proc.stderr)[1] == "the 编者按", proc.stderr
    # without the note the opening fits: no warning
    art.write_text(text, encoding="utf-8")
    proc = run_cli("check", "2023-6", "--content", str(content))
    assert "首篇移至第 2 页" not in proc.stderr, proc.stderr


def test_proof_lists_a_number_parted_from_the_character_after_it(tmp_path):
    """liuxi's 经济 article: …全县规模以上工业企业达到126 / 家… — the layout parted
    126 from 家 to spare a letter-spaced line of ideographs. proof says so, at
    the paragraph's line and the PDF line where 126 ends, and at no other."""
    proc = run_cli("proof", "21", "--content", str(ROOT / "bench" / "samples" / "liuxi"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    parted = [m for m in findings(proc.stdout) if m["what"] == "数字拆行"]
    assert [(m["file"].rsplit("/", 1)[1], m["line"], m["page"]) for m in parted] == [("02-jingji.md", "15", "4")]
    assert "126" in next(line for line in proc.stdout.splitlines() if "数字拆行" in line)


def test_proof_lists_a_runin_title_the_layout_broke_in_the_toc(content_copy):
    """A 简讯 title runs in at its paragraph's start and is broken only in the
    目录, where it is too long for its line: proof lists it as a title the layout
    broke, at its 目录 line on page 1 (check says so too)."""
    title = "高新区获评“全市群众身边腐败和作风问题专项整治工作先进单位”"
    art = content_copy / "13" / "07-gaoxin.md"
    art.write_text(f"---\nsection: 简讯\ntitle: {title}\nsource: 高新区纪工委\n---\n近日，高新区获评先进单位。\n", encoding="utf-8")
    proc = run_cli("proof", "13", "--content", str(content_copy))
    assert proc.returncode == 0, proc.stderr
    mine = [m for m in findings(proc.stdout) if m["file"].endswith("07-gaoxin.md")]
    assert [(m["line"], m["page"], m["what"]) for m in mine] == [("3", "1", "标题由排版断行")], proc.stdout
    assert int(mine[0]["row"]) > 10 and "目录 高新区获评" in proc.stdout  # in the 目录's lines, under the box


SQUEEZE = re.compile(r"标点挤压 punctuation squeezed ([\d.]+) pt")


def test_proof_lists_squeezes_from_the_layouts_least_and_counts_the_rest():
    """A line squeezed by a fifth of a point is no compromise anyone sees:
    below the layout's proof.min_squeeze (1 pt) it is counted in the
    summary, not listed; --all lists every one. Nothing is lost between the
    two: the lines left out are as many as the summary says, all under 1 pt."""
    some = run_cli("proof", "13")
    every = run_cli("proof", "13", "--all")
    assert some.returncode == 0 and every.returncode == 0, (some.stderr, every.stderr)
    listed = [float(x) for x in SQUEEZE.findall(some.stdout)]
    everything = [float(x) for x in SQUEEZE.findall(every.stdout)]
    assert listed and min(listed) >= 1.0
    small = [x for x in everything if x < 1.0]
    assert small and sorted(everything) == sorted(listed + small)
    assert f"另有 {len(small)} 行标点挤压不足 1 pt" in some.stdout.splitlines()[-1]
    assert "另有" not in every.stdout
