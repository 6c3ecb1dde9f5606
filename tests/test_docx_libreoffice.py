"""The DOCX read by a second program: LibreOffice converts it to PDF.

Word and WPS are the targets and do not run here; LibreOffice
(`libreoffice-writer-nogui`, installed by .ci/run) does. The official font
names of the DOCX (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312, 黑体, 宋体 and the
Latin face) are mapped to the vendored fonts of the layout by a fontconfig
file written here, so the converted PDF shows which font each style asked
for. Where LibreOffice 7.4 is known to lay out differently from Word, a test
below states the difference and measures it, so that we see when it changes;
the DOCX is not bent to please LibreOffice.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

import pdfread
from conftest import CONTENT, ROOT, run_cli
from expect import body_text, read_issue, squash
from test_docx import DOCX_PHOTO, write_other

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
TYPE_TOP_Y = PAGE_H - 37 * MM  # PDF y grows upwards
TYPE_BOTTOM_Y = TYPE_TOP_Y - 225 * MM
PITCH = 225 * MM / 22
LAYOUT_PATH = ROOT / "layouts" / "zhuanbao.yaml"
PAGE_NUMBER = re.compile(r"—\d+—")


def _soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe:
        return exe
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is missing: .ci/run installs libreoffice-writer-nogui")
    pytest.skip("LibreOffice (soffice) is not installed; CI installs it")


def _family(font_file: Path) -> tuple[str, bool]:
    """fontconfig's own family name and whether the face is bold (weight ≥ 200 in fontconfig)."""
    proc = subprocess.run(
        ["fc-scan", "--format", "%{family[0]}|%{weight}", str(font_file)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0 and "|" in proc.stdout, proc.stderr
    family, weight = proc.stdout.strip().split("|")
    return family, float(weight.split()[0].strip("[]")) >= 200


def write_fontconfig(folder: Path) -> Path:
    """Official names → the layout's vendored fonts (the Latin name → the latin role's file)."""
    layout = yaml.safe_load(LAYOUT_PATH.read_text(encoding="utf-8"))
    rules = []
    seen = set()
    for role, spec in layout["fonts"].items():
        name = spec["docx"]
        if name in seen:
            continue
        seen.add(name)
        family, bold = _family((LAYOUT_PATH.parent / spec["file"]).resolve())
        weight = '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>' if bold else ""
        rules.append(
            f'<match target="pattern"><test name="family"><string>{name}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{family}</string></edit>{weight}</match>'
        )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{(ROOT / 'fonts').resolve()}</dir><cachedir>{folder / 'fc-cache'}</cachedir>"
        + "".join(rules)
        + "</fontconfig>",
        encoding="utf-8",
    )
    return conf


def write_bare_fontconfig(folder: Path) -> Path:
    """The system's fonts only: neither the vendored fonts nor the official names."""
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return conf


def convert(docx: Path, folder: Path, bare: bool = False) -> Path:
    exe = _soffice()
    home = folder / "home"
    home.mkdir(parents=True, exist_ok=True)
    conf = write_bare_fontconfig(folder) if bare else write_fontconfig(folder)
    env = dict(os.environ, HOME=str(home), FONTCONFIG_FILE=str(conf))
    out = folder / "pdf"
    proc = subprocess.run(
        [exe, "--headless", "--norestore", f"-env:UserInstallation={(home / 'profile').as_uri()}",
         "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    pdf = out / (docx.stem + ".pdf")
    assert proc.returncode == 0 and pdf.is_file(), proc.stdout + proc.stderr
    assert "error" not in proc.stderr.lower(), proc.stderr
    return pdf


def render_docx(content: Path, folder: str, out: Path) -> Path:
    proc = run_cli("render", folder, "--content", str(content), "--out", str(out), "--format", "docx")
    assert proc.returncode == 0, proc.stderr
    return Path(proc.stdout.strip())


@pytest.fixture(scope="module")
def lo13(tmp_path_factory):
    _soffice()
    root = tmp_path_factory.mktemp("lo13")
    docx = render_docx(CONTENT, "13", root / "out")
    pdf = convert(docx, root)
    return pdf, pdfread.chars(pdf)


@pytest.fixture(scope="module")
def lo_other(tmp_path_factory):
    _soffice()
    root = tmp_path_factory.mktemp("lo-other")
    content = write_other(root)
    docx = render_docx(content, "2023-6", root / "out")
    pdf = convert(docx, root)
    return content, pdf, pdfread.chars(pdf)


def pages_text(chars) -> list[str]:
    n = max(c.page for c in chars)
    return [squash("".join(c.ch for c in chars if c.page == k)) for k in range(1, n + 1)]


def article_text(chars, data) -> str:
    """The converted PDF's text from the page the articles start on, page numbers taken out."""
    texts = pages_text(chars)
    first = next(t for kind, t in data["articles"][0]["blocks"] if kind == "para")[:8]
    start = next(k for k, t in enumerate(texts) if first in t)
    return PAGE_NUMBER.sub("", "".join(texts[start:]))


def match_in_order(expected: str, got: str) -> tuple[list[str], int]:
    """Walk `expected` through `got`: the characters not found where they should be, and the matched count."""
    missing, j, matched = [], 0, 0
    for ch in expected:
        k = got.find(ch, j, j + 3)  # a dropped mark may leave its neighbour a step or two ahead
        if k < 0:
            missing.append(ch)
        else:
            j = k + 1
            matched += 1
    return missing, matched


PUNCT = set("，。、；：？！“”‘’（）《》〔〕—…·")


def test_opens_and_keeps_every_article(lo13):
    pdf, chars = lo13
    data = read_issue(CONTENT, "13")
    got = article_text(chars, data)
    missing, matched = match_in_order(body_text(data), got)
    # LibreOffice hangs line-end punctuation and may drop a hung mark; nothing else may go
    assert all(ch in PUNCT for ch in missing), missing
    assert len(missing) <= 10, missing
    assert matched == len(body_text(data)) - len(missing)
    for art in data["articles"]:
        assert "".join(art["title_lines"]) in got


def test_header_and_toc_on_the_first_page(lo13):
    _, chars = lo13
    p1 = squash("".join(c.ch for c in chars if c.page == 1))
    assert p1.startswith("宣传信息专报第13期中共青岛市委宣传部2022年9月29日领导批示")
    red = [c for c in chars if c.page == 1 and c.ch in "宣传信息专报" and c.size > 40]
    assert len(red) == 6 and all(c.color[:3] == (230, 0, 18) for c in red)
    assert all("NotoSerifCJK" in c.font for c in red)  # 方正小标宋简体 → the layout's 小标宋 stand-in


def test_styles_reach_the_fonts_they_name(lo13):
    """Each official font name in the DOCX resolves to the layout's file for that role."""
    _, chars = lo13
    data = read_issue(CONTENT, "13")
    font_of = lambda text: {c.font.split("+")[-1] for c in chars if c.page > 1 and c.ch in text and c.ch not in PUNCT}  # noqa: E731
    title = "".join(data["articles"][1]["title_lines"])
    assert any("NotoSerifCJK" in f for f in font_of(title))
    body = [c for c in chars if c.page > 2 and c.size == 16 and "\u4e00" <= c.ch <= "\u9fff"]
    fonts = {c.font.split("+")[-1] for c in body}
    assert any("FandolFang" in f for f in fonts)  # 仿宋_GB2312
    assert any("NotoSansCJK" in f for f in fonts)  # 黑体: section labels and bold leads
    numbers = [c for c in chars if c.origin_y < TYPE_BOTTOM_Y - 5 and c.ch.isdigit()]
    assert numbers and all("FandolSong" in c.font for c in numbers)  # 宋体 page numbers


def test_page_numbers_outside_on_odd_and_even_pages(lo13):
    _, chars = lo13
    n = max(c.page for c in chars)
    for page in range(1, n + 1):
        foot = [c for c in chars if c.page == page and c.origin_y < TYPE_BOTTOM_Y - 5]
        assert squash("".join(c.ch for c in foot)) == f"—{page}—", page
        x0, x1 = min(c.x0 for c in foot), max(c.x1 for c in foot)
        if page % 2:
            assert abs((184 * MM - 14) - x1) < 3, (page, x1)  # one 14 pt character in from the right
        else:
            assert abs((28 * MM + 14) - x0) < 3, (page, x0)
        # the 一字线 about 7 mm below the type area
        dash = [c for c in foot if c.ch == "—"]
        mid = (dash[0].y0 + dash[0].y1) / 2
        assert abs((TYPE_BOTTOM_Y - mid) - 7 * MM) < 3 * MM, (page, TYPE_BOTTOM_Y - mid)


def test_banji_is_on_the_last_page(lo13):
    _, chars = lo13
    last = max(c.page for c in chars)
    text = squash("".join(c.ch for c in chars if c.page == last))
    assert "报：省委宣传部，市委常委" in text
    assert "承办：政策法规研究室" in text and "85911016" in text
    assert text.endswith(f"85911016—{last}—")  # nothing after it but the page number


# --------------------------------------------------------------------------
# Known differences between LibreOffice 7.4 and Word. Each test states one and
# measures it; when LibreOffice changes, the test fails and the note is updated.


def body_lines(chars):
    rows = pdfread.lines_of([c for c in chars if c.page > 1 and c.size == 16 and c.origin_y > TYPE_BOTTOM_Y - 1])
    return [r for r in rows if len(r) > 3]


def test_known_difference_two_grid_cells_per_character(lo13):
    """Word sets 28 characters on a line of the linesAndChars grid (charSpace
    shrinks each 16 pt character to the 15.79 pt cell). LibreOffice 7.4 snaps
    each 16 pt character to two cells: 14 to a line, so twice the pages."""
    _, chars = lo13
    widest = max(sum(1 for c in r if "\u4e00" <= c.ch <= "\u9fff") for r in body_lines(chars))
    assert widest == 14
    pitch = [r[1].x0 - r[0].x0 for r in body_lines(chars) if all("\u4e00" <= c.ch <= "\u9fff" for c in r[:2])]
    cell = 156 * MM / 28
    assert abs(sorted(pitch)[len(pitch) // 2] - 2 * cell) < 0.5
    assert 17 <= pdfread.page_count(lo13[0]) <= 23  # the PDF writer's issue 13 has 11


def test_known_difference_lines_stay_on_the_grid_lines(lo13):
    """LibreOffice does keep the line grid: body baselines 225 mm / 22 apart."""
    _, chars = lo13
    tops = sorted({round(r[0].origin_y, 1) for r in body_lines(chars) if r[0].page == 3}, reverse=True)
    steps = [a - b for a, b in zip(tops, tops[1:])]
    assert steps and all(abs(s / PITCH - round(s / PITCH)) < 0.02 for s in steps), steps


def test_known_difference_floating_banji_not_at_the_foot(lo13):
    """Word puts the 版记 (a table floating with tblpYSpec="bottom" relative to
    the margin) on the bottom edge of the type area. LibreOffice 7.4 ignores
    the bottom anchor and sets the table right after the last paragraph."""
    _, chars = lo13
    last = max(c.page for c in chars)
    staff = [c for c in chars if c.page == last and c.ch in "承办"]
    assert staff
    gap = min(c.y0 for c in staff) - TYPE_BOTTOM_Y
    assert gap > 3 * PITCH  # far above the foot, where Word puts it


def test_other_content_converts(lo_other):
    content, pdf, chars = lo_other
    data = read_issue(content, "2023-6")
    assert squash("".join(c.ch for c in chars if c.page == 1)).startswith("工作简报第6期某某县人民政府办公室2023年3月15日")
    missing, _ = match_in_order(body_text(data), article_text(chars, data))
    assert all(ch in PUNCT for ch in missing) and len(missing) <= 5, missing
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(str(pdf))
    images = [o.get_bounds() for k in range(len(doc)) for o in doc[k].get_objects() if o.type == raw.FPDF_PAGEOBJ_IMAGE]
    assert len(images) == 1
    x0, y0, x1, y1 = images[0]
    assert abs((x1 - x0) / (y1 - y0) - DOCX_PHOTO[0] / DOCX_PHOTO[1]) < 0.02
    assert 28 * MM - 1 <= x0 and x1 <= 184 * MM + 1


def test_known_difference_hanging_punctuation(lo13):
    """Word, with overflowPunct off and compressPunctuation on, ends a line
    flush by squeezing punctuation. LibreOffice 7.4 hangs a line-end mark
    past the right edge of the type area instead. Only marks hang."""
    _, chars = lo13
    right = 184 * MM
    hung = [r[-1].ch for r in body_lines(chars) if r[-1].x1 > right + 1]
    assert hung and set(hung) <= PUNCT, hung
    assert 5 <= len(hung) <= 60, len(hung)


def test_embedded_fonts_are_used_where_the_official_ones_are_missing(tmp_path):
    """--embed-fonts: on a machine with none of the official fonts (and no
    mapping to the vendored ones), LibreOffice de-obfuscates the embedded
    subsets with their font keys and sets the text in them."""
    _soffice()
    proc = run_cli("render", "13", "--out", str(tmp_path / "out"), "--format", "docx", "--embed-fonts")
    assert proc.returncode == 0, proc.stderr
    pdf = convert(Path(proc.stdout.strip()), tmp_path, bare=True)
    chars = pdfread.chars(pdf)
    subsets = {c.font.split("+")[-1] for c in chars if c.font.split("+")[-1].startswith("ZB")}
    assert len(subsets) == 5  # 仿宋_GB2312, 宋体, 楷体_GB2312, 方正小标宋简体, 黑体
    cjk = [c for c in chars if "\u4e00" <= c.ch <= "\u9fff"]
    assert cjk and all(c.font.split("+")[-1].startswith("ZB") for c in cjk), {c.font for c in cjk}
    # Known difference: Word gives every run-hinted (w:hint="eastAsia") mark the
    # East Asian font; LibreOffice 7.4 gives a mark that follows a digit or a
    # middle dot (“四个100”, 手造·优选) the Latin font.
    stray = [c.ch for c in chars if c.ch in "“”‘’·—…" and not c.font.split("+")[-1].startswith("ZB")]
    assert 1 <= len(stray) <= 5, stray
