"""`zhuanbao preview`: the long-lived pipeline, the watcher, and the page in a real browser.

The browser tests run `zhuanbao preview` as an editor would (a subprocess on
a free port, on a copy of content/) and drive Debian's headless Chromium
with selenium: an edit shows up on the page without a reload, a broken
issue.yaml puts its message above the last good pages and a mended one takes
it away. Every wait is bounded; the server is killed in a finally.
"""

from __future__ import annotations

import html
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import child
from conftest import CONTENT, ROOT, run_cli

ARTICLE = "02-shibei.md"
OLD = "市北区积极实施“党建引领一网治理”强基工程，"
NEW = "市北区在预览中改写了这一句话作为测试，"
SHOTS = Path(os.environ.get("ZHUANBAO_SHOTS", "/tmp/zhuanbao-preview-shots"))


# --- the pipeline, without a server --------------------------------------------


def _touch(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


def test_pipeline_parses_only_what_changed_and_writes_the_same_pdf(content_copy, issue13_pdf):
    from zhuanbao.articlecache import ArticleCache
    from zhuanbao.preview.pipeline import Pipeline

    p = Pipeline(content_copy, "13", cwd=ROOT, articles=ArticleCache())
    first = p.render()
    n = len(list((content_copy / "13").glob("*.md")))
    assert p.articles.parsed == n and p.articles.reused == 0
    assert first.pdf == issue13_pdf.read_bytes()  # the preview serves what `render` writes

    again = p.render()
    assert p.articles.parsed == n and p.articles.reused == n  # nothing changed: nothing parsed
    assert again.pdf == first.pdf and again.page_keys == first.page_keys
    assert p.streams.hits > 0  # font subsets and their compression came from the cache

    art = content_copy / "13" / ARTICLE
    art.write_text(art.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    _touch(art)
    edited = p.render()
    assert p.articles.parsed == n + 1  # only the saved article was read again
    assert NEW[:8] in _pdf_text(edited.pdf)
    assert p.articles.reused == 2 * n - 1
    # what the long-lived pipeline (remembered lines, subsets, streams) made is
    # byte for byte what a fresh `zhuanbao render` of the edited issue writes
    out = content_copy.parent / "out-edited"
    proc = run_cli("render", "13", "--format", "pdf", "--content", str(content_copy), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert edited.pdf == next((out / "13").glob("*.pdf")).read_bytes()
    changed = [i for i, (a, b) in enumerate(zip(first.page_keys, edited.page_keys)) if a != b]
    assert changed and 0 not in changed  # page 1 (masthead, 目录) did not change: its title did not
    pages_with_new = [i for i in range(len(edited.page_keys)) if NEW[:8] in _pdf_text(edited.pdf, i)]
    assert set(pages_with_new) <= set(changed)


def test_pipeline_sees_a_new_and_a_deleted_article(content_copy):
    from zhuanbao.articlecache import ArticleCache
    from zhuanbao.preview.pipeline import Pipeline

    p = Pipeline(content_copy, "13", cwd=ROOT, articles=ArticleCache())
    p.render()
    folder = content_copy / "13"
    extra = folder / "07-extra.md"
    extra.write_text("---\nsection: 简讯\ntitle: 预览新加的一篇简讯\n---\n新加的一篇简讯的正文。\n", encoding="utf-8")
    assert "新加的一篇简讯的正文" in _pdf_text(p.render().pdf)
    extra.unlink()
    assert "新加的一篇简讯的正文" not in _pdf_text(p.render().pdf)
    assert extra not in p.articles.entries


def test_watcher_notices_writes_renames_and_deletions(tmp_path):
    from zhuanbao.preview.watch import Watcher

    (tmp_path / "a.md").write_text("x")
    w = Watcher(folders=[tmp_path], files=[tmp_path / "pub.yaml"])
    assert w.changed()  # the first look
    assert not w.changed()
    (tmp_path / "a.md").write_text("xy")
    assert w.changed()
    (tmp_path / ".a.md.swp").write_text("lock")
    assert not w.changed()  # an editor's lock file is not the issue
    tmp = tmp_path / "b.tmp"
    tmp.write_text("new")
    os.replace(tmp, tmp_path / "b.md")  # write-and-rename, as many editors save
    assert w.changed()
    (tmp_path / "b.md").unlink()
    assert w.changed()
    (tmp_path / "pub.yaml").write_text("masthead: x")
    assert w.changed()


def _pdf_text(pdf: bytes, page: int | None = None) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        idx = range(len(doc)) if page is None else [page]
        return "".join(doc[i].get_textpage().get_text_range() for i in idx).replace("\r", "").replace("\n", "")
    finally:
        doc.close()


# --- the server, as a process ----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    """GET `path` exactly as written (no normalising, no decoding)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def test_other_host_names_are_refused(preview):
    """DNS rebinding: a page on evil.example that resolves to 127.0.0.1 must not read the PDF."""
    port, _, _ = preview
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/pdf", headers={"Host": f"evil.example:{port}"})
        r = conn.getresponse()
        assert r.status == 403 and not r.read().startswith(b"%PDF")
    finally:
        conn.close()
    assert _get(port, "/pdf")[0] == 200


def _state(port: int) -> dict:
    status, body = _get(port, "/state")
    assert status == 200
    return json.loads(body)


def _wait(what: str, cond, timeout: float = 20.0, step: float = 0.02):
    end = time.monotonic() + timeout
    while True:
        got = cond()
        if got:
            return got
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout} s waiting until {what}")
        time.sleep(step)


@pytest.fixture
def preview(tmp_path):
    """`zhuanbao preview 13` on a copy of content/, on a free port; killed at the end."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "zhuanbao", "preview", "13", "--content", str(content), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=child.interruptible(),  # Ctrl-C reaches it even when the tests run in the background
    )
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 60)  # bounded: a hung start fails the test
        assert ready, "zhuanbao preview printed no URL within 60 s"
        line = proc.stdout.readline()  # the URL, printed once the server listens and the first render is done
        assert f"http://127.0.0.1:{port}/" in line, (line, proc.stderr.read() if proc.poll() is not None else "")
        _wait("the first render is served", lambda: _state(port)["count"] > 0)
        yield port, content, proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
        proc.stderr.close()


def test_routes_serve_only_the_issue_outputs(preview):
    port, content, _ = preview
    status, page = _get(port, "/")
    state = _state(port)
    text = page.decode("utf-8")
    # the page reads without JavaScript too: title, page count, every page, the links
    assert status == 200 and state["title"] in text and f"{state['count']} 页" in text
    assert text.count('<img src="/page/') == state["count"] and all(src in text for src in state["pages"])
    assert 'href="/pdf"' in text and 'href="/docx"' in text
    status, pdf = _get(port, "/pdf")
    assert status == 200 and pdf.startswith(b"%PDF-")
    assert "宣传信息专报" in _pdf_text(pdf)
    status, docx = _get(port, "/docx")
    assert status == 200 and docx.startswith(b"PK")
    state = _state(port)
    status, png = _get(port, state["pages"][0])
    assert status == 200 and png.startswith(b"\x89PNG")
    secret = content / "13" / "issue.yaml"
    for path in (
        "/../pyproject.toml",
        "/..%2fpyproject.toml",
        "/%2e%2e/%2e%2e/pyproject.toml",
        "/%2E%2E%2Fcontent%2F13%2Fissue.yaml",
        "/content/13/issue.yaml",
        "/13/issue.yaml",
        f"/{secret}",
        "//etc/passwd",
        "/pdf/../../pyproject.toml",
        "/page/../../pyproject.toml",
        "/page/..%2f..%2fpyproject.toml",
        "/page/1-0000000000000000.png",  # the right shape, but no page of this render
        state["pages"][0] + "/../../../pyproject.toml",
        "/pdf%00",
    ):
        status, body = _get(port, path)
        assert status == 404, path
        assert b"number:" not in body and b"[project]" not in body and b"root:" not in body, path


def test_listens_on_127_0_0_1_only(preview):
    port, _, _ = preview
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            addr, p = local.rsplit(":", 1)
            if int(p, 16) == port and state == "0A":
                listening.append(addr)
    assert listening == ["0100007F"], listening  # 127.0.0.1, and nothing on 0.0.0.0 or ::


def test_ctrl_c_stops_it_with_status_0(preview):
    _, _, proc = preview
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    err = proc.stderr.read()
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert "stopped" in err


def test_edit_reaches_the_served_pdf(preview):
    """The check the issue names: an edit saved, /pdf polled until it has it."""
    port, content, _ = preview
    art = content / "13" / ARTICLE
    start = time.monotonic()
    art.write_text(art.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    _wait("the served PDF has the edit", lambda: NEW[:10] in _pdf_text(_get(port, "/pdf")[1]), timeout=10)
    assert time.monotonic() - start < 5  # generous for a busy CI machine; bench/ measures the real figure


# --- the page, in headless Chromium --------------------------------------------------


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    assert chromium and driver_path, "Debian's chromium and chromium-driver are needed (.ci/run installs them)"
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def _shown_version(driver) -> int:
    return int(driver.execute_script("return document.body.dataset.version") or 0)


def _page_srcs(driver) -> list[str]:
    return driver.execute_script("return [...document.querySelectorAll('#pages img')].map(i => i.getAttribute('src') || '')")


def _all_pictures_loaded(driver, count: int) -> bool:
    return driver.execute_script(
        "const imgs = [...document.querySelectorAll('#pages img')];"
        "return imgs.length === arguments[0] && imgs.every(i => i.complete && i.naturalWidth > 500);",
        count,
    )


def _banner(driver) -> str:
    return driver.execute_script(
        "const e = document.getElementById('error'); return getComputedStyle(e).display === 'none' ? '' : e.innerText;"
    )


def _shot(driver, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def test_page_shows_an_edit_without_reload_and_keeps_the_scroll(preview, browser):
    port, content, _ = preview
    state = _state(port)
    browser.get(f"http://127.0.0.1:{port}/")
    _wait("the page shows every page", lambda: _all_pictures_loaded(browser, state["count"]))
    header = browser.find_element("tag name", "header").text
    assert state["title"] in header and f"{state['count']} 页" in header
    assert browser.find_element("id", "pdf").get_attribute("href").endswith("/pdf")
    assert browser.find_element("id", "docx").get_attribute("href").endswith("/docx")
    _shot(browser, "1-loaded")

    # page 3 holds the edited paragraph: scroll to it; a reload would lose this mark and the scroll
    text_pages = [i for i in range(state["count"]) if OLD[:10] in _pdf_text(_get(port, "/pdf")[1], i)]
    assert text_pages, "the sample paragraph is in the PDF"
    target = text_pages[0]
    browser.execute_script("window.__noReload = 1; document.querySelectorAll('#pages img')[arguments[0]].scrollIntoView();", target)
    scroll = browser.execute_script("return window.scrollY")
    assert scroll > 1000
    before_srcs = _page_srcs(browser)
    before = _shown_version(browser)

    art = content / "13" / ARTICLE
    art.write_text(art.read_text(encoding="utf-8").replace(OLD, NEW), encoding="utf-8")
    _wait("the served PDF has the edit", lambda: NEW[:10] in _pdf_text(_get(port, "/pdf")[1]), timeout=10)
    _wait("the page shows the new render", lambda: _shown_version(browser) > before, timeout=10)
    _wait("the pictures are loaded", lambda: _all_pictures_loaded(browser, state["count"]))

    assert browser.execute_script("return window.__noReload") == 1
    assert abs(browser.execute_script("return window.scrollY") - scroll) < 2
    after_srcs = _page_srcs(browser)
    changed = {i for i, (a, b) in enumerate(zip(before_srcs, after_srcs)) if a != b}
    assert target in changed and 0 not in changed  # the edited page was swapped; page 1 was not
    # the picture now on screen is of the PDF that has the new sentence
    pdf = _get(port, "/pdf")[1]
    assert NEW[:10] in _pdf_text(pdf, target)
    shown = browser.execute_script("return document.querySelectorAll('#pages img')[arguments[0]].src", target)
    status, png = _get(port, shown.split(str(port), 1)[1])
    assert status == 200 and png == _get(port, _state(port)["pages"][target])[1]
    _shot(browser, "2-after-edit")


def test_error_banner_names_the_file_and_goes_when_mended(preview, browser):
    port, content, _ = preview
    state = _state(port)
    browser.get(f"http://127.0.0.1:{port}/")
    _wait("the page shows every page", lambda: _all_pictures_loaded(browser, state["count"]))
    iss = content / "13" / "issue.yaml"
    good = iss.read_text(encoding="utf-8")
    iss.write_text(good.replace("date: 2022-09-29", "date: [2022-09-29"), encoding="utf-8")
    banner = _wait("the error banner shows", lambda: _banner(browser), timeout=10)
    assert "issue.yaml" in banner and "错误 error" in banner
    assert re.search(r"issue\.yaml:\d+", banner), banner  # file and line, as `check` prints them
    check = subprocess.run(
        [sys.executable, "-m", "zhuanbao", "check", "13", "--content", str(content)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    first_error = next(line for line in check.stderr.splitlines() if "错误 error" in line)
    assert first_error in banner  # the message as `check` prints it
    assert _page_srcs(browser) == state["pages"]  # the last good pages stay under it
    status, page = _get(port, "/")  # and `/` itself names the file, for any client
    assert status == 200 and "issue.yaml:" in page.decode("utf-8") and 'class="shown"' in page.decode("utf-8")
    assert html.escape(first_error) in page.decode("utf-8")
    assert all(src in page.decode("utf-8") for src in state["pages"])
    assert _all_pictures_loaded(browser, state["count"])
    _shot(browser, "3-error")

    iss.write_text(good, encoding="utf-8")
    _wait("the banner goes", lambda: not _banner(browser), timeout=10)
    _wait("the pages are back", lambda: _all_pictures_loaded(browser, state["count"]))
    assert _state(port)["error"] is None
    assert 'class="shown"' not in _get(port, "/")[1].decode("utf-8")
    _shot(browser, "4-mended")


def test_warnings_are_listed_under_the_pages(preview, browser):
    """A character the body font lacks (䶮, in names) prints from a fallback font, and the page says so."""
    port, content, _ = preview
    browser.get(f"http://127.0.0.1:{port}/")
    _wait("the page shows its pages", lambda: _shown_version(browser) > 0)
    assert browser.find_element("id", "warnings").text == ""
    art = content / "13" / ARTICLE
    art.write_text(art.read_text(encoding="utf-8").replace(OLD, OLD + "䶮"), encoding="utf-8")
    listed = _wait(
        "a warning is listed",
        lambda: browser.find_element("id", "warnings").text,
        timeout=10,
    )
    assert "䶮" in listed and ARTICLE in listed and "警告 warning" in listed
    assert not _banner(browser)  # a warning is not an error: no banner
    # the warnings come after the last page
    below = browser.execute_script(
        "const p = document.getElementById('pages').getBoundingClientRect();"
        "const w = document.getElementById('warnings').getBoundingClientRect(); return w.top >= p.bottom;"
    )
    assert below


def test_a_fallback_warning_stays_while_the_character_does(content_copy):
    """The preview remembers set lines; a warning must not vanish because the
    paragraph that first warned about a character went and another still has it."""
    from zhuanbao.articlecache import ArticleCache
    from zhuanbao.preview.pipeline import Pipeline

    art = content_copy / "13" / ARTICLE
    text = art.read_text(encoding="utf-8")
    second = "**一网治理有“实”招。**"
    art.write_text(text.replace(OLD, OLD + "䶮").replace(second, second + "䶮"), encoding="utf-8")
    p = Pipeline(content_copy, "13", cwd=ROOT, articles=ArticleCache())
    assert any("䶮" in w for w in p.render().warnings)
    assert any("䶮" in w for w in p.render().warnings)
    art.write_text(text.replace(second, second + "䶮"), encoding="utf-8")
    _touch(art)
    assert any("䶮" in w for w in p.render().warnings)
    art.write_text(text, encoding="utf-8")
    _touch(art)
    assert not any("䶮" in w for w in p.render().warnings)


def test_the_preview_lists_what_check_says(content_copy):
    """Under the pages, the preview lists check's warnings too, by file and
    line, not only the layout's: a half-width comma, a missing source, a
    title the layout broke (an unseen issue's preview listed none of the 8
    that `check` printed)."""
    from zhuanbao.articlecache import ArticleCache
    from zhuanbao.check import check_issue
    from zhuanbao.preview.pipeline import Pipeline

    art = content_copy / "13" / ARTICLE
    text = art.read_text(encoding="utf-8")
    art.write_text(text.replace(OLD, OLD + "会议要求,全区推进。"), encoding="utf-8")
    p = Pipeline(content_copy, "13", cwd=ROOT, articles=ArticleCache())
    listed = p.render().warnings
    assert any("半角标点" in w and ARTICLE in w for w in listed), listed
    said = [str(d) for d in check_issue(content_copy, "13", ROOT).sorted() if d.level == "warning"]
    assert listed == said  # the same list, in the same order
    art.write_text(text.replace(OLD, OLD + "会议要求，全区推进。"), encoding="utf-8")  # mended
    _touch(art)
    assert not any("半角标点" in w for w in p.render().warnings)


def test_a_picture_saved_anew_changes_its_page_and_only_its_page(tmp_path):
    """A picture is part of the issue: saving a new photo over it re-lays the
    issue, and the page that shows it gets a new picture in the browser."""
    from PIL import Image
    from samples import write_issue

    from zhuanbao.articlecache import ArticleCache
    from zhuanbao.preview.pipeline import Pipeline
    from zhuanbao.preview.watch import Watcher

    content = write_issue(tmp_path)
    folder = content / "2023-6"
    p = Pipeline(content, "2023-6", cwd=ROOT, articles=ArticleCache())
    watcher = Watcher(folders=[folder], files=[content / "publication.yaml"], extra=lambda: list(p.pictures))
    assert watcher.changed()
    first = p.render()
    assert p.pictures == {(folder / "photo.png").resolve()}
    watcher.include_new()
    assert not watcher.changed()

    Image.new("RGB", (1200, 700), (40, 40, 200)).save(folder / "photo.png", dpi=(150, 150))
    assert watcher.changed()
    second = p.render()
    changed = [i for i, (a, b) in enumerate(zip(first.page_keys, second.page_keys)) if a != b]
    assert len(changed) == 1 and first.pdf != second.pdf
    doc = pdfium.PdfDocument(second.pdf)
    try:
        objs = list(doc[changed[0]].get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
        assert objs, "the changed page is the one with the picture"
        r, g, b = objs[0].get_bitmap().to_pil().convert("RGB").getpixel((10, 10))
        assert b > 150 and r < 100  # the new, blue photo is in the served PDF
    finally:
        doc.close()


def test_the_preview_lays_out_a_family_issue_with_its_notes_as_render_does(tmp_path):
    """An issue with an issue 编者按 and an article's (examples/jianbao 5):
    the preview's remembering Typesetter takes every argument the layout
    passes (a note is set with the body's search), and writes, twice over,
    the bytes `render` writes."""
    from zhuanbao.articlecache import ArticleCache
    from zhuanbao.preview.pipeline import Pipeline

    content = tmp_path / "content"
    shutil.copytree(ROOT / "examples" / "jianbao" / "content", content)
    p = Pipeline(content, "5", cwd=ROOT, articles=ArticleCache())
    first, again = p.render(), p.render()
    assert first.pdf and again.pdf == first.pdf
    out = tmp_path / "out"
    proc = run_cli("render", "5", "--format", "pdf", "--content", str(content), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert first.pdf == next((out / "5").glob("*.pdf")).read_bytes()
    assert "编者按" in _pdf_text(first.pdf)


def test_a_word_saved_in_the_layouts_word_list_reaches_the_next_preview(tmp_path):
    """The word list and the title model sit beside the layout and are part
    of it: the preview watches them, and a word an editor adds moves a break
    the layout chose (a title is never broken inside a word), without a restart."""
    from samples import write_issue

    from zhuanbao.articlecache import ArticleCache
    from zhuanbao.preview.pipeline import Pipeline
    from zhuanbao.preview.watch import Watcher

    layouts = tmp_path / "layouts"
    layouts.mkdir()
    text = (ROOT / "layouts" / "zhuanbao.yaml").read_text(encoding="utf-8")
    (layouts / "mine.yaml").write_text(text.replace("../fonts/", f"{(ROOT / 'fonts').as_posix()}/"), encoding="utf-8")
    for name in ("title_model.txt", "title_words.txt"):
        shutil.copy(ROOT / "layouts" / name, layouts / name)
    content = write_issue(tmp_path)
    pub = content / "publication.yaml"
    pub.write_text(pub.read_text(encoding="utf-8").replace("layout: zhuanbao", "layout: mine"), encoding="utf-8")
    title = "我县深化放管服改革持续优化营商环境推动高质量发展取得新成效"

    def title_lines(build) -> list[str]:
        from zhuanbao.layout.boxes import TextBox

        rows = ["".join(g.ch for g in b.glyphs) for p in build.rendered.pages for b in p.items
                if isinstance(b, TextBox) and b.kind == "title"]
        return [r for r in rows if r and r in title]

    p = Pipeline(content, "2023-6", cwd=tmp_path, articles=ArticleCache())
    watcher = Watcher(folders=[content / "2023-6"], files=[pub], extra=p.layout_files)
    assert watcher.changed()
    first = title_lines(p.render())
    assert "".join(first) == title and len(first) == 2, first
    words = layouts / "title_words.txt"
    assert words.resolve() in p.layout_files() and (layouts / "title_model.txt").resolve() in p.layout_files()
    watcher.include_new()
    assert not watcher.changed()

    a, b = first[0], first[1]
    joined = a[-2:] + b[:2]  # a word across the break the layout chose
    with words.open("a", encoding="utf-8") as fh:
        fh.write(f"{joined} 2000 n\n")
    _touch(words)
    assert watcher.changed()
    second = title_lines(p.render())
    assert "".join(second) == title and len(second) == 2 and second != first, second
    start = title.index(joined)
    assert not start < len(second[0]) < start + len(joined), f"broken inside the new word {joined}: {second}"


def test_the_watcher_survives_a_layout_without_its_typesetting_section(tmp_path):
    """The watcher asks for the layout's files after every save, a broken
    layout's too: the side files of a layout whose `typesetting` is gone or
    no mapping are none, and a word list named by a number is no file."""
    from types import SimpleNamespace

    from zhuanbao.layout.titles import layout_side_files
    from zhuanbao.layoutfile import Section

    def layout(data):
        path = tmp_path / "mine.yaml"
        return SimpleNamespace(path=path, root=Section(data, path, "", {}))

    assert layout_side_files(layout({})) == []
    assert layout_side_files(layout({"typesetting": "oops"})) == []
    assert layout_side_files(layout({"typesetting": {"title_words": 3, "title_model": "m.txt"}})) == [(tmp_path / "m.txt").resolve()]
