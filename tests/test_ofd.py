"""The OFD (issue 14) against the PDF of the same pages: a third-party reader
(ofdkit) reads the PDF's text run by run at the PDF's places; our own lint
(tests/ofdlint.py) finds nothing; rules, pictures and bookmarks match the
PDF page by page; the bytes repeat; a bad format or a failure writes nothing.

Issue 13, an unseen bulletin (tests/unseen.py) and the sample with a picture
(tests/samples.py) are rendered once per session, PDF and OFD together.
"""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import ofdkit
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from conftest import CONTENT, run_cli
from ofdlint import lint, read
from pdfread import chars
from samples import write_issue
from unseen import write_unseen

PT = 25.4 / 72  # mm per pt
H = 297.0  # A4 height, mm
TOL = 0.5  # mm


def _render(content: Path, folder: str, out: Path, cwd: Path | None = None) -> tuple[Path, Path]:
    proc = run_cli("render", folder, "--content", str(content), "--format", "pdf,ofd", "--out", str(out), cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    files = [Path(p) for p in proc.stdout.split()]
    pdf = next(p for p in files if p.suffix == ".pdf")
    ofd = next(p for p in files if p.suffix == ".ofd")
    assert ofd.stem == pdf.stem
    return pdf, ofd


def write_blocks(root: Path) -> Path:
    """Issue 13 with what the newer blocks draw: a table (vertical rules), a
    footnote, a `####` heading (a stroked fake bold) and *emphasis* set with
    着重号 dots by a layout of its own."""
    import re
    import shutil

    content = root / "content"
    shutil.copytree(CONTENT, content)
    art = content / "13" / "02-shibei.md"
    text = art.read_text(encoding="utf-8")
    head, body = text.split("---\n", 2)[1:]
    table = "| 区市 | 注册用户 | 活跃率 |\n|---|---:|:---:|\n" + "".join(f"| 第{i}区 | {i * 37}.{i}万 | 9{i}.5% |\n" for i in range(1, 9))
    body = body.replace("。", "[^1]。", 1)
    art.write_text(
        f"---\n{head}---\n#### 1.突出*重点*抓好落实\n\n要突出*重点*，抓好_治理_。\n\n{table}\n{body}\n[^1]: 数据截至2022年9月底。\n",
        encoding="utf-8",
    )
    layout = (CONTENT.parent / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    layout = layout.replace("../fonts/", (CONTENT.parent / "fonts").as_posix() + "/")
    layout, n = re.subn(
        r"(?m)^  emphasis: \{[^}]*\}",
        "  emphasis: {font: fang, size: 16pt, latin: latin, marks: dot, mark_radius: 0.07em, mark_drop: 0.3em}",
        layout,
    )
    assert n == 1
    (root / "layouts").mkdir()
    for extra in (CONTENT.parent / "layouts").glob("*.txt"):  # the word list the layout names
        shutil.copy(extra, root / "layouts" / extra.name)
    (root / "layouts" / "dots.yaml").write_text(layout, encoding="utf-8")
    pub = content / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("layout: zhuanbao", "layout: dots"), encoding="utf-8")
    return content  # render with cwd=root: layouts/dots.yaml


@pytest.fixture(scope="session", params=["issue13", "unseen", "picture", "blocks"])
def pair(request, tmp_path_factory) -> tuple[Path, Path]:
    """(PDF, OFD) of one content."""
    tmp = tmp_path_factory.mktemp(request.param)
    if request.param == "issue13":
        return _render(CONTENT, "13", tmp / "out")
    if request.param == "unseen":
        return _render(write_unseen(tmp), "2024-3", tmp / "out")
    if request.param == "blocks":
        return _render(write_blocks(tmp), "13", tmp / "out", cwd=tmp)
    return _render(write_issue(tmp), "2023-6", tmp / "out")


def test_lint_finds_nothing(pair):
    _, ofd = pair
    assert lint(ofd) == []


def test_docinfo(pair, request):
    """ofdkit reads the PDF's title, author and creator, the issue's date and a 32-hex DocID."""
    pdf, ofd = pair
    meta = pdfium.PdfDocument(str(pdf)).get_metadata_dict()
    with ofdkit.open(ofd) as doc:
        info = doc.info
    assert (info.title, info.author, info.creator) == (meta["Title"], meta["Author"], meta["Creator"])
    date = {"issue13": "2022-09-29", "unseen": "2024-03-25", "picture": "2023-03-15", "blocks": "2022-09-29"}
    assert info.creation_date == date[request.node.callspec.params["pair"]]
    assert len(info.doc_id) == 32 and int(info.doc_id, 16) >= 0


def _pdf_glyphs(pdf: Path) -> list[list]:
    """The PDF's characters per page, spaces left out."""
    pages: list[list] = [[] for _ in range(pdfium.PdfDocument(str(pdf)).__len__())]
    for c in chars(pdf):
        if not c.ch.isspace():
            pages[c.page - 1].append(c)
    return pages


def _est(ch: str, size: float) -> float:
    """ofdkit's estimate of a last character's advance (TextRun.width)."""
    return size if unicodedata.east_asian_width(ch) in ("W", "F") else size * 0.5


def test_ofdkit_reads_the_pdfs_text_run_by_run_at_its_places(pair):
    """ofdkit's runs, in order, spell the PDF's characters; each run starts on
    its first character's origin in the PDF and ends on its last one's."""
    pdf, ofd = pair
    pdf_pages = _pdf_glyphs(pdf)
    with ofdkit.open(ofd) as doc:
        assert len(doc.pages) == len(pdf_pages)
        for page, glyphs in zip(doc.pages, pdf_pages):
            assert page.box[2:] == pytest.approx((210, 297), abs=0.01)
            k = 0
            for run in page.runs:
                text = run.text.replace(" ", "")
                got = glyphs[k : k + len(text)]
                assert "".join(c.ch for c in got) == text, (page.index, k)
                first, last = got[0], got[-1]
                assert abs(run.x - first.origin_x * PT) < TOL, (run.text, run.x, first.origin_x * PT)
                assert abs(run.y - (H - first.origin_y * PT)) < TOL, run.text
                end = run.x + run.width - _est(run.text[-1], run.size)
                assert abs(end - last.origin_x * PT) < TOL, (run.text, end, last.origin_x * PT)
                assert abs(run.size - first.size * PT) < 0.05, run.text
                k += len(text)
            assert k == len(glyphs), f"page {page.index + 1}: the OFD has {k} of the PDF's {len(glyphs)} characters"
            # and ofdkit's page text holds them all (in its own reading order, which
            # places a raised note mark by position)
            assert sorted(page.text().replace(" ", "").replace("\n", "")) == sorted(c.ch for c in glyphs)


def test_every_glyph_where_the_pdf_has_it(pair):
    """Our reading of DeltaX: every character's origin within 0.5 mm of the
    PDF's, in the PDF's colour and a font named as the layout's DOCX name."""
    pdf, ofd = pair
    pkg = read(ofd)
    pdf_pages = _pdf_glyphs(pdf)
    office = {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体", "Times New Roman"}
    for n, glyphs in enumerate(pdf_pages, 1):
        ours = [(t, ch, x) for t in pkg.texts if t.page == n for ch, x in zip(t.text, t.xs) if not ch.isspace()]
        assert len(ours) == len(glyphs)
        for (t, ch, x), c in zip(ours, glyphs):
            assert ch == c.ch
            assert abs(x - c.origin_x * PT) < TOL and abs(t.y - (H - c.origin_y * PT)) < TOL, (ch, n)
            assert t.color == " ".join(str(v) for v in c.color[:3])
            assert pkg.fonts[t.font]["FontName"] in office
            bx = t.boundary
            assert bx[0] <= x <= bx[0] + bx[2] and bx[1] < t.y < bx[1] + bx[3]


def _pdf_paths(pdf: Path) -> list[tuple]:
    """Every path of the PDF: (page, left, top, right, bottom in mm from the
    top, stroked?, width mm, stroke or fill colour "r g b")."""
    import ctypes

    doc = pdfium.PdfDocument(str(pdf))
    out = []
    for n in range(len(doc)):
        for o in doc[n].get_objects():
            if o.type != raw.FPDF_PAGEOBJ_PATH:
                continue
            left, bottom, right, top = o.get_bounds()
            fill, stroke = ctypes.c_int(), ctypes.c_int()
            raw.FPDFPath_GetDrawMode(o, fill, stroke)
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            w = ctypes.c_float()
            if stroke.value:
                raw.FPDFPageObj_GetStrokeColor(o, r, g, b, a)
                raw.FPDFPageObj_GetStrokeWidth(o, w)
            else:
                raw.FPDFPageObj_GetFillColor(o, r, g, b, a)
            colour = f"{r.value} {g.value} {b.value}"
            out.append((n + 1, left * PT, H - top * PT, right * PT, H - bottom * PT, bool(stroke.value), w.value * PT, colour))
    return out


def test_rules_frames_and_dots_as_the_pdfs(pair):
    """Every path of the PDF is a PathObject with the same place, width and
    colour: rules and frames stroked (the red masthead rule 230 0 18, a
    table's column rules), 着重号 dots filled."""
    pdf, ofd = pair
    pkg = read(ofd)
    q = "{http://www.ofdspec.org/2016}"
    theirs_all = _pdf_paths(pdf)
    for n, page in enumerate(pkg.pages, 1):
        ours, dots = [], []
        for p in page.iter(f"{q}PathObject"):
            x, y, w, h = (float(v) for v in p.get("Boundary").split())
            if p.get("Fill") == "true":
                assert p.get("Stroke") == "false"
                dots.append((x, y, x + w, y + h, p.find(f"{q}FillColor").get("Value")))
            else:
                ours.append((x, y, x + w, y + h, float(p.get("LineWidth")), p.find(f"{q}StrokeColor").get("Value")))
        theirs = [t[1:5] + (t[6], t[7]) for t in theirs_all if t[0] == n and t[5]]
        their_dots = [t[1:5] + (t[7],) for t in theirs_all if t[0] == n and not t[5]]
        assert len(ours) == len(theirs) and len(dots) == len(their_dots), n

        def key(p):  # centre, extent
            return (round((p[1] + p[3]) / 2, 1), round((p[0] + p[2]) / 2, 1), p[2] - p[0], p[3] - p[1], p[4], p[5])

        for a, b in zip(sorted(map(key, ours)), sorted(map(key, theirs))):
            assert a[5] == b[5] and a[4] == pytest.approx(b[4], abs=0.001), (a, b)
            assert a[:2] == pytest.approx(b[:2], abs=0.05), (a, b)
            # pdfium's bounds add up to the line width on each side
            assert 0 <= b[2] - a[2] < 2 * a[4] + 0.05 and 0 <= b[3] - a[3] < 2 * a[4] + 0.05, (a, b)
        for a, b in zip(sorted(dots), sorted(their_dots)):
            assert a[4] == b[4] and a[:4] == pytest.approx(b[:4], abs=0.05), (a, b)
    reds = [p for pg in pkg.pages for p in pg.iter(f"{q}PathObject") if p.find(f"{q}StrokeColor") is not None and p.find(f"{q}StrokeColor").get("Value") == "230 0 18"]
    assert reds
    if "blocks" in str(pdf):
        assert any(not t[5] for t in theirs_all), "the dots are drawn"
        assert any(t[5] and t[4] - t[2] > 5 and t[3] - t[1] < 1 for t in theirs_all), "a table's column rule"


def test_pictures_and_bookmarks_match_the_pdf(pair):
    pdf, ofd = pair
    pkg = read(ofd)
    q = "{http://www.ofdspec.org/2016}"
    doc = pdfium.PdfDocument(str(pdf))
    for n, page in enumerate(pkg.pages):
        theirs = [o for o in doc[n].get_objects() if o.type == raw.FPDF_PAGEOBJ_IMAGE]
        ours = list(page.iter(f"{q}ImageObject"))
        assert len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            x, y, w, h = (float(v) for v in o.get("Boundary").split())
            l, b, r, tp = t.get_bounds()
            assert (x, y, x + w, y + h) == pytest.approx((l * PT, H - tp * PT, r * PT, H - b * PT), abs=0.01)
            from PIL import Image
            import io

            data = pkg.files[pkg.media[o.get("ResourceID")]["file"]]
            with Image.open(io.BytesIO(data)) as im:
                assert im.size == tuple(t.get_px_size())  # no more pixels than the PDF's picture
    marks = [(b.get_title(), b.get_dest().get_index()) for b in doc.get_toc()]
    index = {pid: k for k, pid in enumerate(pkg.page_ids)}
    doc_xml = pkg.parts["Doc_0/Document.xml"]
    ours = [(e.get("Title"), index[e.find(f".//{q}Dest").get("PageID")]) for e in doc_xml.iter(f"{q}OutlineElem")]
    assert ours == marks and marks


def test_same_bytes_from_the_same_content(tmp_path):
    content = write_issue(tmp_path)
    digests = []
    for k, env in enumerate([{"ZHUANBAO_NO_FONT_CACHE": "1"}, {}, {}]):  # fresh subsets, then the cache's
        proc = run_cli("render", "2023-6", "--content", str(content), "--format", "ofd", "--out", str(tmp_path / f"o{k}"), env=env)
        assert proc.returncode == 0, proc.stderr
        digests.append(hashlib.sha256(Path(proc.stdout.strip()).read_bytes()).hexdigest())
    assert digests[0] == digests[1] == digests[2]


def test_format_list_all_and_publication_default(tmp_path):
    content = write_issue(tmp_path)
    proc = run_cli("render", "2023-6", "--content", str(content), "--format", "all", "--out", str(tmp_path / "a"))
    assert proc.returncode == 0, proc.stderr
    assert sorted(Path(p).suffix for p in proc.stdout.split()) == [".docx", ".ofd", ".pdf"]
    pub = content / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8") + "formats: [ofd, pdf]\n", encoding="utf-8")
    proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(tmp_path / "b"))
    assert proc.returncode == 0, proc.stderr
    assert sorted(Path(p).suffix for p in proc.stdout.split()) == [".ofd", ".pdf"]
    proc = run_cli("render", "2023-6", "--content", str(content), "--format", "docx", "--out", str(tmp_path / "c"))
    assert [Path(p).suffix for p in proc.stdout.split()] == [".docx"]


@pytest.mark.parametrize("where", ["cli", "publication", "issue"])
def test_a_bad_format_is_one_message_and_writes_nothing(tmp_path, where):
    content = write_issue(tmp_path)
    out = tmp_path / "out"
    if where == "cli":
        proc = run_cli("render", "2023-6", "--content", str(content), "--format", "pdf,odf", "--out", str(out))
    else:
        yml = content / "publication.yaml" if where == "publication" else content / "2023-6" / "issue.yaml"
        yml.write_text(yml.read_text(encoding="utf-8") + "formats: [pdf, ofd, xps]\n", encoding="utf-8")
        line = len(yml.read_text(encoding="utf-8").splitlines())
        proc = run_cli("render", "2023-6", "--content", str(content), "--out", str(out))
        # the file and line that wrote it, and `check` says so too, before any layout
        assert f"{yml.name}:{line}:" in proc.stderr, proc.stderr
        checked = run_cli("check", "2023-6", "--content", str(content))
        assert checked.returncode == 1 and f"{yml.name}:{line}:" in checked.stderr and "xps" in checked.stderr
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert ("odf" if where == "cli" else "xps") in proc.stderr and "ofd" in proc.stderr
    assert not list(out.rglob("*.*")) if out.exists() else True


def test_a_failing_ofd_writes_nothing(tmp_path, monkeypatch):
    """The OFD fails after the PDF was written: neither is left behind."""
    from zhuanbao import ofd as ofd_module
    from zhuanbao.render import prepare, write_outputs

    content = write_issue(tmp_path)
    r = prepare(content, "2023-6")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ofd_module, "build_ofd", boom)
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        write_outputs(r, out, "2023-6", ("pdf", "ofd"))
    assert not out.exists()  # not even the folders this failed run made (issue 10: nothing left behind)


@pytest.mark.parametrize(
    "part, old, new, expect",
    [
        ("Doc_0/Pages/Page_0/Content.xml", 'DeltaX="g 5 ', 'DeltaX="g 4 ', "values for"),
        ("Doc_0/Pages/Page_0/Content.xml", 'DeltaX="g 5 ', 'DeltaX="  g 5 ', "malformed DeltaX"),
        ("Doc_0/Pages/Page_0/Content.xml", 'Font="1"', 'Font="999"', "not a resource"),
        ("Doc_0/Pages/Page_0/Content.xml", "<ofd:Content>", "<ofd:Content><ofd:Layer />", "empty element"),
        ("Doc_0/Pages/Page_0/Content.xml", 'Size="24.6944"', 'Size="30"', "outside the Boundary"),
        ("Doc_0/Document.xml", r"<ofd:MaxUnitID>\d+", "<ofd:MaxUnitID>5", "above MaxUnitID"),
        ("OFD.xml", "<ofd:CreationDate>2022-09-29", "<ofd:CreationDate>2022/9/29", "YYYY-MM-DD"),
        ("Doc_0/PublicRes.xml", "<ofd:FontFile>font_0.ttf", "<ofd:FontFile>font_9.ttf", "missing"),
    ],
)
def test_the_lint_sees_a_broken_package(issue13_ofd, tmp_path, part, old, new, expect):
    """Our lint is not a test that cannot fail: each breakage is reported."""
    import re
    import zipfile

    src = zipfile.ZipFile(issue13_ofd)
    broken = tmp_path / "broken.ofd"
    with zipfile.ZipFile(broken, "w") as z:
        for name in src.namelist():
            data = src.read(name)
            if name == part:
                data, n = re.subn(re.escape(old) if "\\" not in old else old, new, data.decode(), count=1)
                assert n == 1
                data = data.encode()
            z.writestr(name, data)
    assert lint(issue13_ofd) == []
    assert any(expect in m for m in lint(broken)), lint(broken)


@pytest.fixture(scope="module")
def issue13_ofd(tmp_path_factory) -> Path:
    return _render(CONTENT, "13", tmp_path_factory.mktemp("lint"))[1]


def test_markup_characters_come_out_as_written(tmp_path):
    """& < > " ' in the masthead, publisher, staff, a title and the layout's
    creator: every part parses, the lint is clean, and DocInfo, outline and
    text say what the PDF says."""
    from test_docx_markup import _hostile_issue

    content, values = _hostile_issue(tmp_path)
    proc = run_cli("render", "2023-6", "--content", str(content), "--format", "pdf,ofd", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    pdf, ofd = (Path(p) for p in proc.stdout.split())
    assert lint(ofd) == []
    doc = pdfium.PdfDocument(str(pdf))
    meta = doc.get_metadata_dict()
    with ofdkit.open(ofd) as o:
        assert (o.info.title, o.info.author, o.info.creator) == (meta["Title"], meta["Author"], values["creator"])
        text = "".join(p.text() for p in o.pages).replace(" ", "").replace("\n", "")
    assert values["masthead"] in text and values["staff"] in text and values["title"] in text
    pkg = read(ofd)
    q = "{http://www.ofdspec.org/2016}"
    outline = [e.get("Title") for e in pkg.parts["Doc_0/Document.xml"].iter(f"{q}OutlineElem")]
    assert outline == [b.get_title() for b in doc.get_toc()]
    assert any(values["title"] in t for t in outline)


def test_list_counts_an_ofd_once_it_is_there(tmp_path):
    """`zhuanbao list`: an OFD older than the content makes the issue out of
    date; without one, the PDF and DOCX alone are up to date."""
    import os
    import re
    import time

    content = write_issue(tmp_path)
    out = tmp_path / "out"

    def row() -> str:
        proc = run_cli("list", "--content", str(content), "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        return proc.stdout.splitlines()[1]

    assert run_cli("render", "2023-6", "--content", str(content), "--out", str(out)).returncode == 0
    assert row().endswith("最新 up to date")
    assert run_cli("render", "2023-6", "--content", str(content), "--format", "ofd", "--out", str(out)).returncode == 0
    assert row().endswith("最新 up to date")
    ofd = next(out.rglob("*.ofd"))
    past = time.time() - 3600
    os.utime(ofd, (past, past))
    later = time.time() + 5
    for p in (content / "2023-6").iterdir():
        os.utime(p, (later, later))
    for p in out.rglob("*.*"):
        if p != ofd:
            os.utime(p, (later + 5, later + 5))
    assert re.search("已过时 out of date", row())
