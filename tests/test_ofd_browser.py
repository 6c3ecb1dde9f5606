"""ofd.js 0.2.6 (npm, pinned in tests/ofdjs/package.json: later releases have a
closed, licence-keyed core) renders the OFD in headless Chromium, driven by
selenium. The fonts embedded in the OFD are loaded as FontFace under the
family each text asks for; then every FontFace must load, every glyph must be
drawn within 0.5 mm of its origin in the PDF with the embedded font's advance
(a system font would have other widths), and page 1 is kept as a screenshot
(in the test's tmp dir) for a person to look at.

ofd.js maps some office names to system families (仿宋_GB2312 → FangSong …);
the font of each glyph is found through its TextObject's ID, which ofd.js
writes as the SVG's z-index, so the test needs no copy of that mapping.

Needs `npm ci` in tests/ofdjs (.ci/run does it), chromium and chromedriver.
"""

from __future__ import annotations

import base64
import io
import os
import shutil
from pathlib import Path

import pytest
from conftest import CONTENT, run_cli
from ofdlint import read
from pdfread import chars
from samples import write_issue
from test_ofd import write_blocks
from unseen import write_unseen

OFDJS = Path(__file__).resolve().parent / "ofdjs" / "node_modules" / "ofd.js" / "lib" / "ofd.umd.js"
PT = 25.4 / 72
H = 297.0
SCREEN = 850  # ofd.js's scale: (850 - 10) / 210 mm = 4 px per mm

if not OFDJS.is_file() or not shutil.which("chromedriver") or not shutil.which("chromium"):
    if os.environ.get("CI"):  # CI installs them: a missing one there is a failure, not a skip
        pytest.fail("ofd.js, chromium or chromedriver is missing: .ci/run installs them", pytrace=False)
    pytest.skip("ofd.js not installed: run `npm ci` in tests/ofdjs (.ci/run does), with chromium and chromedriver", allow_module_level=True)

COLLECT = """
const out = [];
const pages = document.querySelectorAll('#c > div');
pages.forEach((div, p) => {
  const pr = div.getBoundingClientRect();
  div.querySelectorAll('svg').forEach(svg => {
    const sr = svg.getBoundingClientRect();
    svg.querySelectorAll('text').forEach(t => {
      const r = t.getBoundingClientRect();
      out.push([p + 1, parseInt(svg.style.zIndex), t.textContent, t.style.fontFamily,
                r.left - pr.left, sr.top - pr.top + parseFloat(t.getAttribute('y')), t.getComputedTextLength(),
                t.getAttribute('fill')]);
    });
  });
});
return out;
"""


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=900,1300", "--allow-file-access-from-files", "--disable-dev-shm-usage"):
        opts.add_argument(arg)
    return webdriver.Chrome(options=opts, service=Service(shutil.which("chromedriver")))


@pytest.fixture(scope="module")
def browser():
    d = _driver()
    d.set_script_timeout(120)
    yield d
    d.quit()


@pytest.mark.parametrize("which", ["issue13", "unseen", "picture", "blocks"])
def test_ofdjs_draws_every_glyph_where_the_pdf_has_it(which, tmp_path, browser):
    from fontTools.ttLib import TTFont

    if which == "issue13":
        content, folder = CONTENT, "13"
    elif which == "unseen":
        content, folder = write_unseen(tmp_path), "2024-3"
    elif which == "blocks":
        content, folder = write_blocks(tmp_path), "13"
    else:
        content, folder = write_issue(tmp_path), "2023-6"
    proc = run_cli("render", folder, "--content", str(content), "--format", "pdf,ofd", "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    files = [Path(p) for p in proc.stdout.split()]
    pdf, ofd = sorted(files, key=lambda p: p.suffix != ".pdf")
    pkg = read(ofd)

    page = tmp_path / "view.html"
    page.write_text(
        f'<!doctype html><meta charset="utf-8"><body style="margin:0"><div id="c"></div>'
        f'<script src="{OFDJS.as_uri()}"></script>',
        encoding="utf-8",
    )
    browser.get(page.as_uri())
    res = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const bin = atob(arguments[0]);
        const buf = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
        ofd.parseOfdDocument({ofd: buf.buffer,
          success(docs) {
            const divs = ofd.renderOfd(arguments[1] || %d, docs[0]);
            divs.forEach(d => document.getElementById('c').appendChild(d));
            done({pages: divs.length, scale: ofd.getPageScale()});
          },
          fail(e) { done({error: String(e)}); }});
        """
        % SCREEN,
        base64.b64encode(ofd.read_bytes()).decode(),
    )
    assert "error" not in res, res
    assert res["pages"] == len(pkg.pages)
    px = float(res["scale"])  # px per mm
    drawn = browser.execute_script(COLLECT)

    # the font of every TextObject, and the family ofd.js asks for it
    font_of = {}
    q = "{http://www.ofdspec.org/2016}"
    for pg in pkg.pages:
        for t in pg.iter(f"{q}TextObject"):
            font_of[int(t.get("ID"))] = t.get("Font")
    faces: dict[tuple[str, str], set[str]] = {}  # (family asked, font ID) → characters
    for _p, oid, ch, family, *_ in drawn:
        first = family.split(",")[0].strip().strip('"')
        faces.setdefault((first, font_of[oid]), set()).update(ch)
    loads = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const faces = arguments[0];
        Promise.all(faces.map(([family, b64, range]) => {
          const bin = atob(b64);
          const buf = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
          const f = new FontFace(family, buf.buffer, {unicodeRange: range});
          document.fonts.add(f);
          return f.load().then(() => [family, f.status], e => [family, 'error ' + e]);
        })).then(r => document.fonts.ready.then(() => done(r)));
        """,
        [
            [
                family,
                base64.b64encode(pkg.files[pkg.fonts[fid]["file"]]).decode(),
                ",".join(f"U+{ord(c):04X}" for c in sorted(cs)),
            ]
            for (family, fid), cs in sorted(faces.items())
        ],
    )
    assert loads and all(status == "loaded" for _, status in loads), loads
    drawn = browser.execute_script(COLLECT)

    # every glyph at the PDF's origin, with the embedded font's advance
    metrics = {}
    for fid, f in pkg.fonts.items():
        tt = TTFont(io.BytesIO(pkg.files[f["file"]]))
        metrics[fid] = (tt.getBestCmap(), tt["hmtx"].metrics, tt["head"].unitsPerEm)
    size_of = {}
    for pg in pkg.pages:
        for t in pg.iter(f"{q}TextObject"):
            size_of[int(t.get("ID"))] = (float(t.get("Size")), float(t.get("HScale", "1")))
    theirs = [c for c in chars(pdf) if not c.ch.isspace()]
    ours = [d for d in drawn if not d[2].isspace()]
    assert len(ours) == len(theirs)
    for (p, oid, ch, _fam, left, base, width, fill), c in zip(ours, theirs):
        assert (p, ch) == (c.page, c.ch)
        assert abs(left / px - c.origin_x * PT) < 0.5, (ch, p, left / px, c.origin_x * PT)
        assert abs(base / px - (H - c.origin_y * PT)) < 0.5, (ch, p)
        cmap, hmtx, upm = metrics[font_of[oid]]
        size, _hscale = size_of[oid]
        advance = hmtx[cmap[ord(ch)]][0] / upm * size  # SVG's text length leaves ofd.js's HScale transform out
        assert abs(width / px - advance) < 0.05, (ch, p, width / px, advance)
        assert fill == "rgb({})".format(", ".join(str(v) for v in c.color[:3])), (ch, fill)

    # pictures: drawn, decoded, at the ImageObject's Boundary
    imgs = browser.execute_script(
        """return [...document.querySelectorAll('#c > div')].flatMap((div, p) => {
             const pr = div.getBoundingClientRect();
             return [...div.querySelectorAll('image')].map(im => {
               const r = im.getBoundingClientRect();
               return [p + 1, r.left - pr.left, r.top - pr.top, r.width, r.height, im.href.baseVal.length];
             });
           });"""
    )
    boxes = [
        (n, *(float(v) for v in o.get("Boundary").split()))
        for n, pg in enumerate(pkg.pages, 1)
        for o in pg.iter(f"{q}ImageObject")
    ]
    assert len(imgs) == len(boxes) and (which not in ("picture", "unseen") or boxes)
    for (p, x, y, w, h, natural), (n, bx, by, bw, bh) in zip(imgs, boxes):
        assert p == n and natural > 0
        # ofd.js 0.2.6 divides the CTM by 0.2642 mm a pixel (96 dpi) instead of its own scale,
        # so it draws a picture 1 / (scale · 0.2642) of the standard's size; the place is exact
        k = 1 / (px * 0.2642)
        assert (x / px, y / px, w / px, h / px) == pytest.approx((bx, by, bw * k, bh * k), abs=0.5)

    shot = tmp_path / f"{which}-page1.png"
    browser.find_element("css selector", "#c > div").screenshot(str(shot))
    from PIL import Image

    with Image.open(shot) as im:
        assert im.size[0] >= 800
        reds = sum(1 for r, g, b, *_ in im.convert("RGB").get_flattened_data() if r > 180 and g < 80 and b < 80)
        assert reds > 1000  # the red masthead and rule are drawn
