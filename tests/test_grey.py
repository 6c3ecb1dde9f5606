"""Issue 7 §1 and §2 on the PDF, as bench/grey.py measures them: issue 13
and every sample issue in bench/samples (one of them built from real
official texts, with a 编者按) end on a page that holds more than the 版记,
and at most 3 % of their full lines without Latin letters or digits are
letter-spaced (a gap between two ideographs wider than the grid's pitch).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import grey  # noqa: E402  (bench/grey.py: the same measure as the benchmark)

from zhuanbao.layout.boxes import Grid  # noqa: E402
from zhuanbao.layoutfile import load_layout  # noqa: E402

ISSUES = [(ROOT / "content", "13")] + [
    (p.parent, p.name) for p in sorted((ROOT / "bench" / "samples").glob("*/*")) if (p / "issue.yaml").is_file()
]
# Samples above the target today, each with its figure: strict, so that the day one gets under 3 % says so.
OVER: dict[str, str] = {}  # none since the last resort keeps a paragraph's lines and may hang a mark (zugong:5 was 3.8 %)


@pytest.mark.parametrize(
    "content,issue",
    [pytest.param(c, i, marks=pytest.mark.xfail(strict=True, reason=OVER[f"{c.name}:{i}"])) if f"{c.name}:{i}" in OVER
     else (c, i) for c, i in ISSUES],
    ids=[f"{c.name}:{i}" for c, i in ISSUES],
)
def test_even_grey_and_no_page_of_banji_alone(tmp_path, content, issue):
    pdf = grey.render(content, issue, tmp_path)
    grid = Grid.from_layout(load_layout(ROOT / "layouts" / "zhuanbao.yaml"))
    f = grey.measure(pdf, grid, f"{content.name}:{issue}")
    assert f.spaced_free >= 30, f  # enough full lines to judge
    assert not f.banji_only, f
    assert f.share <= 0.03, (f.share, f.examples)


def test_the_editors_note_is_searched_and_squeezed_as_the_body(tmp_path):
    """The 编者按 of the real sample (湖南 政务管理服务工作 第24期) has a line
    that keeps 共 of 公共 only by squeezing four marks a quarter each: set
    without the body's search it was letter-spaced."""
    import yaml

    content = ROOT / "bench" / "samples" / "zhengwu"
    note = yaml.safe_load((content / "24" / "issue.yaml").read_text(encoding="utf-8"))["note"].replace("\n", "")
    pdf = grey.render(content, "24", tmp_path)
    f = grey.measure(pdf, Grid.from_layout(load_layout(ROOT / "layouts" / "zhuanbao.yaml")), "zhengwu:24")
    in_note = [e for e in f.examples if e.split(": ", 1)[1] in note]
    assert f.full and not in_note, in_note


def test_an_issue_note_too_long_for_page_1_is_named_with_what_to_cut():
    """The real 编者按 of 第24期 (9 lines) does not fit under its 目录: it
    starts page 2, and `check` says so at the note's line in issue.yaml, with
    how many lines to cut; an issue whose note fits (examples/jianbao) does
    not hear it."""
    from conftest import run_cli

    proc = run_cli("check", "24", "--content", str(ROOT / "bench" / "samples" / "zhengwu"))
    assert proc.returncode == 0, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if "编者按移至下页" in ln]
    assert len(lines) == 1 and "24/issue.yaml:8:" in lines[0] and "(9 lines)" in lines[0] and "Shorten it by 3" in lines[0], lines
    proc = run_cli("check", "5", "--content", str(ROOT / "examples" / "jianbao" / "content"))
    assert proc.returncode == 0 and "编者按移至下页" not in proc.stderr, proc.stderr


def test_an_issue_note_with_no_room_at_all_on_page_1_is_not_told_to_cut_itself(content_copy):
    """Issue 13 with three more articles and a 编者按: its 目录 leaves page 1 no
    line, so "shorten it by 3 lines" meant delete it (an unseen 组工信息 heard
    that of a 2-line note too). It is told where the note goes instead."""
    from conftest import run_cli

    folder = content_copy / "13"
    for i in range(3):
        (folder / f"{7 + i:02d}-x.md").write_text(
            f"---\nsection: 简讯\ntitle: 测试单位召开第{i + 1}次工作会议\nsource: 测试单位\n---\n正文。\n", encoding="utf-8")
    issue = folder / "issue.yaml"
    issue.write_text(issue.read_text(encoding="utf-8") + "note: " + "本期编者按内容" * 8 + "。\n", encoding="utf-8")
    proc = run_cli("check", "13", "--content", str(content_copy))
    lines = [ln for ln in proc.stderr.splitlines() if "编者按移至下页" in ln]
    assert len(lines) == 1 and "(room for 0)" in lines[0], lines
    assert "Shorten it" not in lines[0] and "no line to spare" in lines[0], lines


def test_the_box_is_not_shrunk_for_an_issue_note_that_goes_to_page_2():
    """Page 1 kept room under the 目录 for 第24期's 编者按, shrinking the
    领导批示 box to a sixth of the page; the note went to page 2 all the same,
    leaving the shrunk box over an empty foot. Page 1 is laid out as without
    the note: the box as tall as it is with no 编者按 at all."""
    import dataclasses

    from zhuanbao.content import load_issue
    from zhuanbao.document import build_document
    from zhuanbao.fonts import FontBook
    from zhuanbao.layout.decided import Decided
    from zhuanbao.layout.pages import lay_out

    layout = load_layout(ROOT / "layouts" / "zhuanbao.yaml")
    content = ROOT / "bench" / "samples" / "zhengwu"

    def box_height(issue) -> tuple[float, list]:
        decided = Decided()
        lay_out(build_document(issue, layout), layout, FontBook(layout), [], decided)
        return decided.box_height, [s.label for s in decided.toc]

    issue = load_issue(content, "24").issue
    assert issue.family.note  # (the sample has its 编者按)
    with_note = box_height(issue)
    without = dataclasses.replace(issue, family=dataclasses.replace(issue.family, note=None))
    assert with_note == box_height(without) and with_note[0] > 0.3 * Grid.from_layout(layout).height
    assert with_note[1] == ["〔工作动态〕", "〔经验交流〕"]  # the 目录 recorded once (the DOCX printed it twice)
