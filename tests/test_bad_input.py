"""Every class of mistake an editor can make (issue 4, authoring.md "Bad input").

Each test writes the broken content into a fresh folder, runs `zhuanbao
render` (and `zhuanbao check`) in a subprocess as a user would, and asserts:
exit status 1, one message naming the file (and line where there is one) and
what to do, no Python traceback, and nothing new or half-written in out/.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from conftest import CONTENT, ROOT, run_cli

ARTICLE = "02-shibei.md"


@pytest.fixture
def site(tmp_path) -> Path:
    """A user's folder: content/ (a copy of the real one) and an out/ from an earlier render."""
    shutil.copytree(CONTENT, tmp_path / "content")
    old = tmp_path / "out" / "13"
    old.mkdir(parents=True)
    (old / "宣传信息专报第13期.pdf").write_bytes(b"%PDF-1.4 an earlier render\n")
    (old / "宣传信息专报第13期.docx").write_bytes(b"PK an earlier render\n")
    return tmp_path


def snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def expect_error(site: Path, where: str, line: int | None, advice: str, issue: str = "13", commands=("render", "check")):
    """Run the commands; each fails with one clear message and leaves out/ as it was."""
    for command in commands:
        before = snapshot(site / "out")
        proc = run_cli(command, issue, cwd=site)
        after = snapshot(site / "out")
        err = proc.stderr
        assert proc.returncode == 1, f"{command}: exit {proc.returncode}\n{err}"
        assert "Traceback" not in err, err
        assert before == after, f"{command} changed out/: {set(after) ^ set(before)}"
        assert proc.stdout.strip() == "", f"{command} printed a path although it failed: {proc.stdout}"
        errors = [l for l in err.splitlines() if "错误 error:" in l]
        assert len(errors) == 1, f"{command}: expected one error, got:\n{err}"
        message = errors[0]
        # the file as the user named it, or its absolute path (a layout resolved for them)
        place = rf"^(?:{re.escape(str(site))}/)?{re.escape(where)}" + (f":{line}: " if line else ": ")
        assert re.match(place, message), f"{command}: {message!r} should start with {where}:{line}"
        assert re.search(advice, message), f"{command}: {message!r} does not say {advice!r}"
    return message


# --- YAML ---------------------------------------------------------------------


def test_yaml_syntax_error_in_an_article(site):
    art = site / "content/13" / ARTICLE
    edit(art, "source: 市北区委宣传部", "source: [市北区委宣传部")
    proc = run_cli("render", "13", cwd=site)
    m = re.match(rf"content/13/{ARTICLE}:(\d+): 错误 error: YAML", proc.stderr)
    assert m, proc.stderr
    assert line_of(art, "source:") <= int(m[1]) <= line_of(art, "source:") + 1
    expect_error(site, f"content/13/{ARTICLE}", int(m[1]), r"YAML.*(indentation|quote)")


def test_yaml_syntax_error_in_issue_yaml(site):
    iss = site / "content/13/issue.yaml"
    iss.write_text("number: 13\ndate: 2022-09-29\nstaff:\n  审核: 王晓峰\n 编辑: 王港\n", encoding="utf-8")
    proc = run_cli("render", "13", cwd=site)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert re.match(r"content/13/issue\.yaml:\d+: 错误 error: YAML", proc.stderr), proc.stderr
    expect_error(site, "content/13/issue.yaml", int(re.match(r"content/13/issue\.yaml:(\d+)", proc.stderr)[1]), "YAML")


def test_a_tab_in_yaml_is_named(site):
    # a tab typed to indent (Word and WPS users do): the message says so, at its line
    iss = site / "content/13/issue.yaml"
    iss.write_text("number: 13\ndate: 2022-09-29\nstaff:\n\t审核: 王晓峰\n", encoding="utf-8")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert re.match(r"content/13/issue\.yaml:4: 错误 error: YAML .*tab \(制表符\).*spaces", proc.stderr), proc.stderr
    # a tab inside a quoted value is no indentation: the usual advice (a review)
    iss.write_text('number: 13\ndate: 2022-09-29\ntitle: "甲\t乙": 丙\n', encoding="utf-8")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 1 and "制表符" not in proc.stderr and "quote values" in proc.stderr, proc.stderr


def test_yaml_syntax_error_in_publication_yaml(site):
    pub = site / "content/publication.yaml"
    edit(pub, "sections: [工作动态, 经验交流, 简讯]", "sections: [工作动态, 经验交流, 简讯")
    proc = run_cli("render", "13", cwd=site)
    m = re.match(r"content/publication\.yaml:(\d+): 错误 error: YAML", proc.stderr)
    assert m, proc.stderr
    expect_error(site, "content/publication.yaml", int(m[1]), "YAML")


# --- article front matter -----------------------------------------------------------


def test_missing_title(site):
    art = site / "content/13" / ARTICLE
    text = art.read_text(encoding="utf-8")
    text = re.sub(r"title: \|\n  .*\n  .*\n", "", text)
    art.write_text(text, encoding="utf-8")
    expect_error(site, f"content/13/{ARTICLE}", 1, r"title.*missing")


def test_empty_title(site):
    art = site / "content/13" / ARTICLE
    text = art.read_text(encoding="utf-8")
    text = re.sub(r"title: \|\n  .*\n  .*\n", "title:\n", text)
    art.write_text(text, encoding="utf-8")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "title:"), r"title.*(missing|empty)")


def test_unknown_section(site):
    art = site / "content/13" / ARTICLE
    edit(art, "section: 经验交流", "section: 经验介绍")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "section:"), r"unknown section.*工作动态, 经验交流, 简讯")


def test_article_without_header(site):
    art = site / "content/13" / ARTICLE
    art.write_text("市北区积极实施……\n", encoding="utf-8")
    expect_error(site, f"content/13/{ARTICLE}", 1, r"---")


def test_article_header_never_closed(site):
    art = site / "content/13" / ARTICLE
    art.write_text("---\nsection: 经验交流\ntitle: 标题\n\n正文。\n", encoding="utf-8")
    expect_error(site, f"content/13/{ARTICLE}", 1, r"never closed.*---")


def test_article_not_utf8(site):
    art = site / "content/13" / ARTICLE
    art.write_bytes(art.read_text(encoding="utf-8").encode("gb18030"))
    expect_error(site, f"content/13/{ARTICLE}", None, r"UTF-8")


def test_empty_article(site):
    art = site / "content/13" / "07-empty.md"
    art.write_text("---\nsection: 简讯\ntitle: 空文章\nsource: 某单位\n---\n\n", encoding="utf-8")
    expect_error(site, "content/13/07-empty.md", 6, r"no text")


# --- issue.yaml and folders ------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2022-13-45", "下周四", "29/09/2022"])
def test_date_not_a_date(site, bad):
    iss = site / "content/13/issue.yaml"
    edit(iss, "date: 2022-09-29", f"date: {bad}")
    expect_error(site, "content/13/issue.yaml", line_of(iss, "date:"), r"not a date.*2022-09-29")


def test_number_disagrees_with_folder(site):
    iss = site / "content/13/issue.yaml"
    edit(iss, "number: 13", "number: 12")
    expect_error(site, "content/13/issue.yaml", 1, r"disagrees with the folder.*fix")


def test_missing_number(site):
    iss = site / "content/13/issue.yaml"
    edit(iss, "number: 13\n", "")
    expect_error(site, "content/13/issue.yaml", None, r"number.*missing.*number: 13")


def test_missing_publication_yaml(site):
    (site / "content/publication.yaml").unlink()
    expect_error(site, "content/publication.yaml", None, r"publication\.yaml.*--content")


def test_issue_folder_does_not_exist(site):
    expect_error(site, "content/15", None, r"no issue folder `15`.*there are: 13", issue="15")


def test_issue_folder_without_issue_yaml(site):
    (site / "content/13/issue.yaml").unlink()
    expect_error(site, "content/13/issue.yaml", None, r"issue\.yaml")


def test_issue_without_articles(site):
    for p in (site / "content/13").glob("*.md"):
        p.unlink()
    expect_error(site, "content/13", None, r"no articles.*NN-name\.md")


def test_content_folder_elsewhere_missing(site):
    """--content pointing nowhere: the same message, not a traceback."""
    proc = run_cli("render", "13", "--content", "nowhere", cwd=site)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("nowhere/publication.yaml: 错误 error:"), proc.stderr


# --- pictures --------------------------------------------------------------------------


def test_picture_not_there(site):
    art = site / "content/13" / ARTICLE
    edit(art, "\n**共驻共建", "\n![网格员入户走访](photo.jpg)\n\n**共驻共建")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "photo.jpg"), r"photo\.jpg.*not in.*copy it there")


def test_picture_not_an_image(site):
    art = site / "content/13" / ARTICLE
    (site / "content/13/photo.jpg").write_text("这不是图片", encoding="utf-8")
    edit(art, "\n**共驻共建", "\n![网格员入户走访](photo.jpg)\n\n**共驻共建")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "photo.jpg"), r"not a picture")


def test_picture_with_a_chinese_name_is_found(site):
    """Not a mistake: 照片.png next to the article prints (markdown-it percent-encodes the name)."""
    from PIL import Image

    Image.new("RGB", (300, 200), (200, 30, 30)).save(site / "content/13/照片.png")
    art = site / "content/13" / ARTICLE
    edit(art, "\n**共驻共建", "\n![网格员入户走访](照片.png)\n\n**共驻共建")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 0, proc.stderr


# --- fonts -------------------------------------------------------------------------------


def test_character_no_font_has(site):
    art = site / "content/13" / ARTICLE
    edit(art, "出好一网治理", "出好\ue000一网治理")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "\ue000"), r"U\+E000.*replace it or add a fallback font")


def test_a_character_no_font_has_in_a_title_is_found_at_the_title_line(site):
    # render named the header's first line, check the title's: both name the title's now
    art = site / "content/13" / ARTICLE
    text = art.read_text(encoding="utf-8")
    title_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("title:"))
    lines = text.splitlines()
    k = title_line if lines[title_line - 1].strip() in ("title: |", "title: >") else title_line - 1  # the title's text
    lines[k] = lines[k] + "\ue000"
    art.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expect_error(site, f"content/13/{ARTICLE}", title_line, r"U\+E000")


def test_a_check_mark_no_font_has_is_told_what_prints_instead(site):
    # ✓ (Word's Wingdings, a web page's list): forms print √, and the message says so
    art = site / "content/13" / ARTICLE
    edit(art, "出好一网治理", "出好✓一网治理")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "✓"), r"“✓” \(U\+2713 CHECK MARK\); write “√” instead")


def test_rare_character_falls_back_with_a_warning(site, tmp_path):
    """Not an error: 龘 is not in the body font but the fallback has it."""
    art = site / "content/13" / ARTICLE
    edit(art, "出好一网治理", "出好龘一网治理")
    out = tmp_path / "o"
    proc = run_cli("render", "13", "--format", "pdf", "--out", str(out), cwd=site)
    assert proc.returncode == 0, proc.stderr
    assert re.search(rf"content/13/{ARTICLE}:{line_of(art, '龘')}: 警告 warning: .*龘", proc.stderr), proc.stderr


# --- the layout file ---------------------------------------------------------------------------


def _layout_copy(site: Path) -> Path:
    """layouts/broken.yaml in the user's folder, with absolute font paths; the publication uses it."""
    src = ROOT / "layouts" / "zhuanbao.yaml"
    text = src.read_text(encoding="utf-8")
    text = text.replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/")
    dst = site / "layouts" / "broken.yaml"
    dst.parent.mkdir()
    dst.write_text(text, encoding="utf-8")
    edit(site / "content/publication.yaml", "layout: zhuanbao", "layout: broken")
    return dst


def test_layout_copy_renders(site, tmp_path):
    _layout_copy(site)
    proc = run_cli("render", "13", "--format", "pdf", "--out", str(tmp_path / "o"), cwd=site)
    assert proc.returncode == 0, proc.stderr


def test_layout_missing_key(site):
    lay = _layout_copy(site)
    text = lay.read_text(encoding="utf-8")
    text = re.sub(r"\n  type_width: .*", "", text)
    lay.write_text(text, encoding="utf-8")
    expect_error(site, "layouts/broken.yaml", line_of(lay, "page:"), r"page\.type_width.*missing")


def test_layout_missing_style(site):
    lay = _layout_copy(site)
    text = re.sub(r"\n  caption: .*", "", lay.read_text(encoding="utf-8"))
    lay.write_text(text, encoding="utf-8")
    expect_error(site, "layouts/broken.yaml", line_of(lay, "styles:"), r"styles\.caption.*missing")


def test_layout_font_file_not_there(site):
    lay = _layout_copy(site)
    edit(lay, "FandolFang-Regular.ttf, docx: 仿宋_GB2312", "NoSuchFont.ttf, docx: 仿宋_GB2312")
    message = expect_error(site, "layouts/broken.yaml", None, r"font file for `fang` is not there.*NoSuchFont\.ttf")
    assert "build_fonts" in message or "TrueType" in message


def test_layout_not_found(site):
    edit(site / "content/publication.yaml", "layout: zhuanbao", "layout: nosuchlayout")
    proc = run_cli("render", "13", cwd=site)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "nosuchlayout" in proc.stderr and "layouts/nosuchlayout.yaml" in proc.stderr


# --- Markdown the bulletin cannot print ------------------------------------------------------


@pytest.mark.parametrize(
    "construct, what",
    [
        ("```\nprint('hi')\n```\n", "code block"),
        ("<div>网页</div>\n", "HTML"),
    ],
)
def test_markdown_the_bulletin_cannot_print(site, construct, what):
    art = site / "content/13" / ARTICLE
    text = art.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + construct
    art.write_text(text, encoding="utf-8")
    first = construct.splitlines()[0]
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, first), rf"{what}.*plain paragraphs")


def test_table_without_its_dash_row(site):
    """Tables print (issue 12); one whose `|---|` row is missing is an error naming its first line."""
    art = site / "content/13" / ARTICLE
    art.write_text(art.read_text(encoding="utf-8").rstrip("\n") + "\n\n| 项目 | 数量 |\n| 网格 | 175 |\n", encoding="utf-8")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "| 项目 | 数量 |"), r"\|---\|---\|")


# --- check: every problem at once ------------------------------------------------------------------


def test_check_lists_every_error_at_once(site):
    d = site / "content/13"
    edit(d / "02-shibei.md", "section: 经验交流", "section: 经验介绍")
    text = (d / "03-licang.md").read_text(encoding="utf-8")
    (d / "03-licang.md").write_text(text.replace("title:", "titel:", 1), encoding="utf-8")
    (d / "04-jiaozhou.md").write_text(
        (d / "04-jiaozhou.md").read_text(encoding="utf-8").rstrip() + "\n\n```\ncode\n```\n", encoding="utf-8"
    )
    edit(d / "05-pingdu.md", "。", ",")
    before = snapshot(site / "out")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert snapshot(site / "out") == before
    errors = [l for l in proc.stderr.splitlines() if "错误 error:" in l]
    assert [e.split(":")[0] for e in errors] == [
        "content/13/02-shibei.md",
        "content/13/03-licang.md",
        "content/13/04-jiaozhou.md",
    ], proc.stderr
    assert "unknown key `titel`" in proc.stderr  # a warning with it
    assert re.search(r"content/13/05-pingdu\.md:\d+: 警告 warning: 半角标点", proc.stderr), proc.stderr
    assert "3 个错误 error(s)" in proc.stderr


def test_render_stops_at_the_first_error_and_writes_nothing(site):
    d = site / "content/13"
    edit(d / "02-shibei.md", "section: 经验交流", "section: 经验介绍")
    edit(d / "06-xihaian.md", "section: 简讯", "section: 短讯")
    before = snapshot(site / "out")
    proc = run_cli("render", "13", cwd=site)
    assert proc.returncode == 1 and snapshot(site / "out") == before
    assert len([l for l in proc.stderr.splitlines() if "错误 error:" in l]) == 1


def test_fresh_out_folder_stays_empty(site):
    """With no earlier render, a failed render leaves no out/13 files behind."""
    shutil.rmtree(site / "out")
    edit(site / "content/13" / ARTICLE, "section: 经验交流", "section: 经验介绍")
    proc = run_cli("render", "13", cwd=site)
    assert proc.returncode == 1
    assert not [p for p in (site / "out").rglob("*") if p.is_file()] if (site / "out").exists() else True


def test_unknown_article_key_is_a_warning(site):
    art = site / "content/13" / ARTICLE
    edit(art, "source: 市北区委宣传部", "source: 市北区委宣传部\nautor: 张三")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 0, proc.stderr
    assert f"content/13/{ARTICLE}:{line_of(art, 'autor:')}: 警告 warning: 未知的键 unknown key `autor`" in proc.stderr


def test_data_not_mapping(site):
    (site / "content/13/issue.yaml").write_text("- 13\n- 2022-09-29\n", encoding="utf-8")
    expect_error(site, "content/13/issue.yaml", 1, r"key: value")


def test_check_lists_article_errors_even_when_issue_yaml_is_broken(site):
    edit(site / "content/13/issue.yaml", "date: 2022-09-29", "date: 下周四")
    edit(site / "content/13" / ARTICLE, "section: 经验交流", "section: 经验介绍")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    errors = [l for l in proc.stderr.splitlines() if "错误 error:" in l]
    assert [e.split(":")[0] for e in errors] == ["content/13/02-shibei.md", "content/13/issue.yaml"], proc.stderr


def test_utf8_with_bom_is_fine(site, tmp_path):
    """Windows Notepad saves UTF-8 with a BOM: not a mistake."""
    art = site / "content/13" / ARTICLE
    art.write_bytes(b"\xef\xbb\xbf" + art.read_bytes())
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 0, proc.stderr


def test_a_folder_named_like_an_article_is_ignored(site):
    (site / "content/13/07-pictures.md").mkdir()
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr


def test_source_as_a_list_and_as_a_mapping(site):
    art = site / "content/13" / ARTICLE
    edit(art, "source: 市北区委宣传部", "source: [市北区委宣传部, 市北区文明办]")
    from zhuanbao.content import load_issue

    issue = load_issue(site / "content", "13").issue
    assert [a.sources for a in issue.articles if a.path.name == ARTICLE] == ["市北区委宣传部、市北区文明办"]
    edit(art, "source: [市北区委宣传部, 市北区文明办]", "source: {单位: 市北区委宣传部}")
    expect_error(site, f"content/13/{ARTICLE}", line_of(art, "source:"), r"`source` should be text")


def test_invisible_character_is_named(site):
    """Not an error (issue 12): dropped, and the warning names it with its line."""
    art = site / "content/13" / ARTICLE
    edit(art, "出好一网治理", "出好\u200b一网治理")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 0, proc.stderr
    assert re.search(rf"content/13/{ARTICLE}:{line_of(art, chr(0x200B))}: 警告 warning: .*U\+200B", proc.stderr), proc.stderr


def test_check_lists_every_problem_of_an_article_render_stops_at_the_first(site):
    # four mistakes in one file: check names each at its line in one run (authoring.md: every
    # problem at once), render the first, writing nothing
    art = site / "content/13/06-xihaian.md"
    text = art.read_text(encoding="utf-8").rstrip("\n")
    art.write_text(text + "\n\n县融媒体中心新版APP上线[^9]。\n\n![现场照片](nophoto.jpg)\n\n<b>加粗</b>\n\n---\n", encoding="utf-8")
    lines = art.read_text(encoding="utf-8").splitlines()
    at = {what: lines.index(what) + 1 for what in ("县融媒体中心新版APP上线[^9]。", "![现场照片](nophoto.jpg)", "<b>加粗</b>", "---")
          if what in lines}
    at["---"] = len(lines)  # the last line (the header's own --- come first)
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    errors = [l for l in proc.stderr.splitlines() if "错误 error:" in l]
    assert [int(e.split(":")[1]) for e in errors] == sorted(at.values()), proc.stderr
    assert all(e.startswith("content/13/06-xihaian.md:") for e in errors)
    before = snapshot(site / "out")
    proc = run_cli("render", "13", cwd=site)
    assert proc.returncode == 1 and proc.stderr.count("错误 error:") == 1
    assert f"06-xihaian.md:{at['县融媒体中心新版APP上线[^9]。']}:" in proc.stderr
    assert snapshot(site / "out") == before


def test_a_key_a_letter_off_one_zhuanbao_reads_is_told(site):
    """`marks: 内部资料` for `mark:` printed no mark and said nothing (a new
    user's publication.yaml); a key far from any (for another tool) stays quiet."""
    pub = site / "content/publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8") + "marks: 内部资料\nintranet_id: 42\n", encoding="utf-8")
    proc = run_cli("check", "13", cwd=site)
    assert proc.returncode == 0, proc.stderr
    line = line_of(pub, "marks:")
    assert re.search(rf"content/publication\.yaml:{line}: 警告 warning: 未知的键 `marks:` .*`mark:`", proc.stderr), proc.stderr
    assert "intranet_id" not in proc.stderr
