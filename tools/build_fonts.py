#!/usr/bin/env python3
"""Rebuild every file in fonts/ from Debian package files.

Run by hand (not part of CI); the results are committed.

Prerequisites (Debian 12 "bookworm"; run as root):

    apt-get update
    apt-get install --no-install-recommends \\
        texlive-lang-chinese fonts-arphic-gkai00mp fonts-noto-cjk fonts-droid-fallback fonts-liberation2
    pip install fonttools
    # only for --verify:
    pip install reportlab pypdfium2

Usage:

    python tools/build_fonts.py            # rebuild fonts/ (about 2-3 minutes)
    python tools/build_fonts.py --verify   # rebuild, then check every font
    python tools/build_fonts.py --verify-only
    # without installing the packages: their .deb files, fetched with
    # `apt-get download fonts-noto-cjk`, read in place (one font: --only)
    python tools/build_fonts.py --deb fonts-noto-cjk_*.deb --only NotoSerifCJKsc-Regular.ttf

What it makes (see fonts/README.md, which this script also writes):

    FandolFang-Regular.ttf     CFF -> TrueType (quadratic glyf, cu2qu max error 1 unit)
    FandolSong-Regular.ttf     CFF -> TrueType
    gkai00mp.ttf               already TrueType; the licence text dropped from its name table
    NotoSerifCJKsc-Bold.ttf    SC subfont of the TTC, subset to GBK + extras, CFF -> TrueType
    NotoSansCJKsc-Regular.ttf  SC subfont of the TTC, subset to GBK + extras, CFF -> TrueType
    NotoSerifCJKsc-Regular.ttf SC subfont of the TTC, subset to GBK + CJK Ext-A + extras,
                               CFF -> TrueType: the serif fallback (a name character such
                               as 喆 堃 昇 䶮 that 仿宋 or 楷体 lacks prints in a serif face)
    DroidSansFallbackFull.ttf  copied unchanged (whole font)
    LiberationSerif-Regular.ttf  subset to the coverage above, hints dropped (digits and Latin)
    LICENSES/*                 licence files copied from the Debian packages

The output is deterministic: head.created/modified are kept from the source
font (never "now"), glyph names are dropped (post format 3), and fontTools
writes tables in a fixed order, so a re-run gives the same bytes.
Hinting is dropped from converted/subset fonts (CFF hints cannot be carried
over to glyf anyway, and reportlab does not use them).
"""

from __future__ import annotations

import argparse
import atexit
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "fonts"
LICENSES = FONTS / "LICENSES"

MAX_ERR = 1.0  # cu2qu approximation error, in font units
REVERSE_DIRECTION = True  # CFF contours are counter-clockwise, TrueType clockwise

# Extra code points for the subset fonts, besides everything GBK encodes.
EXTRA_CODEPOINTS = (
    list(range(0x20, 0x7F))  # ASCII printable
    + [0x2014, 0x2015, 0x2026, 0x00B7, 0x2103, 0x00D7, 0x00F7]
    + list(range(0x2018, 0x201E))  # curly quotes
    + list(range(0x3000, 0x3040))  # CJK symbols and punctuation
    + list(range(0xFF01, 0xFF5F))  # full-width forms
    + list(range(0x2460, 0x2474))  # circled 1-20
)

# CJK Unified Ideographs Extension A: rare characters, many of them in names
# (䶮), for the serif fallback, which must cover what the body fonts lack.
EXT_A = list(range(0x3400, 0x4DC0))

# (output file, Debian package, source file name, PostScript name of the
#  TTC subfont or None, action, role, licence summary, licence files)
FONT_SPECS = [
    dict(
        out="FandolFang-Regular.ttf",
        pkg="texlive-lang-chinese",
        src="FandolFang-Regular.otf",
        psname=None,
        action="convert",
        role="仿宋 FangSong - body text",
        licence="GPL-3 with GPL font exception (Fandol fonts, Clerk Ma & Jie Su)",
        licence_files=["texlive-lang-chinese.copyright", "fandol-README", "fandol-COPYING-GPL-3"],
    ),
    dict(
        out="FandolSong-Regular.ttf",
        pkg="texlive-lang-chinese",
        src="FandolSong-Regular.otf",
        psname=None,
        action="convert",
        role="宋体 Song - page numbers",
        licence="GPL-3 with GPL font exception (Fandol fonts, Clerk Ma & Jie Su)",
        licence_files=["texlive-lang-chinese.copyright", "fandol-README", "fandol-COPYING-GPL-3"],
    ),
    dict(
        out="gkai00mp.ttf",
        pkg="fonts-arphic-gkai00mp",
        src="gkai00mp.ttf",
        psname=None,
        action="slim-names",
        role="楷体 Kai (AR PL KaitiM GB)",
        licence="Arphic Public License",
        licence_files=["fonts-arphic-gkai00mp.copyright", "ARPHICPL.TXT", "ARPHICPL-gb.TXT"],
    ),
    dict(
        out="NotoSerifCJKsc-Bold.ttf",
        pkg="fonts-noto-cjk",
        src="NotoSerifCJK-Bold.ttc",
        psname="NotoSerifCJKsc-Bold",
        action="subset+convert",
        role="小标宋 stand-in - masthead and titles",
        licence="SIL Open Font License 1.1",
        licence_files=["fonts-noto-cjk.copyright"],
    ),
    dict(
        out="NotoSansCJKsc-Regular.ttf",
        pkg="fonts-noto-cjk",
        src="NotoSansCJK-Regular.ttc",
        psname="NotoSansCJKsc-Regular",
        action="subset+convert",
        role="黑体 Hei stand-in",
        licence="SIL Open Font License 1.1",
        licence_files=["fonts-noto-cjk.copyright"],
    ),
    dict(
        out="NotoSerifCJKsc-Regular.ttf",
        pkg="fonts-noto-cjk",
        src="NotoSerifCJK-Regular.ttc",
        psname="NotoSerifCJKsc-Regular",
        action="subset+convert",
        extra=EXT_A,
        role="serif fallback: a character 仿宋, 宋 or 楷 lacks (喆 堃 昇 …) prints in a serif (宋) face, not 黑体",
        licence="SIL Open Font License 1.1",
        licence_files=["fonts-noto-cjk.copyright"],
    ),
    dict(
        out="DroidSansFallbackFull.ttf",
        pkg="fonts-droid-fallback",
        src="DroidSansFallbackFull.ttf",
        psname=None,
        action="copy",
        role="wide-coverage CJK fallback (CJK Unified Ideographs + Ext A; no Latin)",
        licence="Apache License 2.0",
        licence_files=["fonts-droid-fallback.copyright", "Apache-2.0"],
    ),
    dict(
        out="LiberationSerif-Regular.ttf",
        pkg="fonts-liberation2",
        src="LiberationSerif-Regular.ttf",
        psname=None,
        action="subset",
        role="digits and Latin in Chinese text (metric-compatible with Times New Roman, the DOCX's Latin font)",
        licence="SIL Open Font License 1.1",
        licence_files=["fonts-liberation2.copyright"],
    ),
]

# LICENSES/<name> <- Debian file (".gz" files are decompressed)
LICENCE_SOURCES = {
    "texlive-lang-chinese.copyright": "/usr/share/doc/texlive-lang-chinese/copyright",
    "fandol-README": "/usr/share/doc/texlive-doc/fonts/fandol/README",
    "fandol-COPYING-GPL-3": "/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz",
    "fonts-arphic-gkai00mp.copyright": "/usr/share/doc/fonts-arphic-gkai00mp/copyright",
    "ARPHICPL.TXT": "/usr/share/doc/fonts-arphic-gkai00mp/license/english/ARPHICPL.TXT.gz",
    "ARPHICPL-gb.TXT": "/usr/share/doc/fonts-arphic-gkai00mp/license/gb/ARPHICPL.TXT",
    "fonts-noto-cjk.copyright": "/usr/share/doc/fonts-noto-cjk/copyright",
    "fonts-droid-fallback.copyright": "/usr/share/doc/fonts-droid-fallback/copyright",
    "Apache-2.0": "/usr/share/common-licenses/Apache-2.0",
    "fonts-liberation2.copyright": "/usr/share/doc/fonts-liberation2/copyright",
}


def log(msg: str) -> None:
    print(msg, flush=True)


# Debian package name -> folder where its .deb was extracted (--deb)
DEB_ROOTS: dict[str, Path] = {}


def add_deb(deb: Path) -> None:
    """Read a package from its .deb file (`apt-get download PKG`), not the system."""
    name = subprocess.run(["dpkg-deb", "-f", str(deb), "Package"], check=True, capture_output=True, text=True).stdout.strip()
    root = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    version = subprocess.run(["dpkg-deb", "-f", str(deb), "Version"], check=True, capture_output=True, text=True).stdout.strip()
    (root / ".version").write_text(version)
    DEB_ROOTS[name] = root


def pkg_version(pkg: str) -> str:
    if pkg in DEB_ROOTS:
        return (DEB_ROOTS[pkg] / ".version").read_text()
    try:
        return subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", pkg],
            check=True, capture_output=True, text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        sys.exit(f"Debian package {pkg} is not installed; see the top of {__file__}")


def find_in_package(pkg: str, name: str) -> Path:
    if pkg in DEB_ROOTS:
        hits = sorted(p for p in DEB_ROOTS[pkg].rglob(name) if p.is_file())
        if not hits:
            sys.exit(f"{name} not found in {pkg}'s .deb")
        return hits[0]
    files = subprocess.run(
        ["dpkg", "-L", pkg], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    hits = sorted(f for f in files if os.path.basename(f) == name and os.path.isfile(f))
    if not hits:
        sys.exit(f"{name} not found in Debian package {pkg}")
    return Path(hits[0])


def gbk_codepoints() -> set[int]:
    """Every character the gbk codec decodes from a 2-byte sequence."""
    cps = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            cps.add(ord(ch))
    return cps


def coverage() -> set[int]:
    return gbk_codepoints() | set(EXTRA_CODEPOINTS)


def open_source(path: Path, psname: str | None):
    from fontTools.ttLib import TTCollection, TTFont

    if psname is None:
        return TTFont(str(path), recalcTimestamp=False), None
    coll = TTCollection(str(path), lazy=True)
    for i, f in enumerate(coll.fonts):
        if f["name"].getDebugName(6) == psname:
            return TTFont(str(path), fontNumber=i, recalcTimestamp=False), i
    sys.exit(f"{psname} not found in {path}")


def subset(font, unicodes: set[int]) -> None:
    from fontTools import subset as ftsubset

    opts = ftsubset.Options()
    opts.layout_features = []  # we do our own layout; no GSUB closure
    opts.hinting = False
    opts.desubroutinize = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.legacy_kern = False
    opts.recalc_timestamp = False
    opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG"]
    sub = ftsubset.Subsetter(options=opts)
    sub.populate(unicodes=sorted(unicodes))
    sub.subset(font)


def otf_to_ttf(font) -> None:
    """Convert CFF outlines to quadratic glyf in place (fontTools otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    assert font.sfntVersion == "OTTO" and "CFF " in font
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()

    glyphs = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=REVERSE_DIRECTION))
        glyphs[name] = tt_pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # computes bounding boxes

    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)

    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", [])) for g in glyf.glyphs.values()), default=0
    )
    maxp.compile(font)

    post = font["post"]
    post.formatType = 3.0  # no glyph names (CID fonts only have cidNNNNN anyway)
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order

    font.sfntVersion = "\x00\x01\x00\x00"


def save(font, out: Path, fixed_head) -> None:
    head = font["head"]
    head.created, head.modified = fixed_head
    font.recalcTimestamp = False
    font.recalcBBoxes = True
    tmp = out.with_suffix(".tmp")
    font.save(str(tmp), reorderTables=True)
    tmp.replace(out)


def font_stats(path: Path) -> dict:
    from fontTools.ttLib import TTFont

    f = TTFont(str(path), lazy=True)
    return dict(
        size=path.stat().st_size,
        glyphs=f["maxp"].numGlyphs,
        cmap=len(f.getBestCmap()),
        upm=f["head"].unitsPerEm,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )


def build_one(spec: dict, cov: set[int]) -> dict:
    t0 = time.perf_counter()
    src = find_in_package(spec["pkg"], spec["src"])
    out = FONTS / spec["out"]
    shown = "/" + str(src.relative_to(DEB_ROOTS[spec["pkg"]])) if spec["pkg"] in DEB_ROOTS else str(src)
    info = dict(spec, src_path=shown, version=pkg_version(spec["pkg"]))
    if spec["action"] == "copy":
        shutil.copyfile(src, out)
        info["conversion"] = "none: byte-for-byte copy of the Debian file"
    else:
        font, index = open_source(src, spec["psname"])
        fixed_head = (font["head"].created, font["head"].modified)
        n_before = font["maxp"].numGlyphs
        steps = []
        if index is not None:
            info["src_path"] += f" (subfont #{index}, {spec['psname']})"
        if "subset" in spec["action"]:
            have = set(font.getBestCmap())
            keep = (cov | set(spec.get("extra", ()))) & have
            missing = sorted(cov - have)
            subset(font, keep)
            steps.append(
                f"subset to GBK + {'CJK Ext-A + ' if spec.get('extra') else ''}extras ({len(keep)} code points kept, "
                f"{len(missing)} of the wanted ones absent from the font); "
                f"layout tables (GSUB/GPOS/GDEF/BASE), vertical metrics and hints dropped"
            )
            log(f"  subset: {n_before} -> {len(font.getGlyphOrder())} glyphs "
                f"({time.perf_counter() - t0:.1f}s)")
        if "slim-names" in spec["action"]:
            # The licence text sits three times in the name table (43 KB), and
            # reportlab copies the name table into every subset it embeds:
            # fonts/LICENSES carries the text, the font keeps its copyright
            # notice (nameID 0) and licence URL (nameID 14).
            name = font["name"]
            before = len(name.names)
            name.names = [r for r in name.names if r.nameID != 13]
            steps.append(f"licence description (nameID 13, {before - len(name.names)} records) dropped")
        hhea = font["hhea"]
        if hhea.descent > 0:  # FandolSong ships hhea.descent = +200 (sign bug)
            steps.append(f"hhea.descent sign fixed ({hhea.descent} -> {-hhea.descent})")
            hhea.descent = -hhea.descent
        if font.sfntVersion == "OTTO":
            otf_to_ttf(font)
            steps.append(
                f"CFF -> TrueType glyf (cu2qu, max error {MAX_ERR:g} unit, no hints), "
                "maxp 1.0, post format 3, VORG dropped"
            )
        save(font, out, fixed_head)
        info["conversion"] = "; ".join(steps)
    info.update(font_stats(out))
    log(f"  {spec['out']}: {info['size']} bytes, {info['glyphs']} glyphs, "
        f"{info['cmap']} cmap entries ({time.perf_counter() - t0:.1f}s)")
    return info


def _licence_file(src: str) -> Path:
    """The licence file on the system, or inside an extracted .deb (--deb)."""
    for root in DEB_ROOTS.values():
        if (root / src.lstrip("/")).is_file():
            return root / src.lstrip("/")
    return Path(src)


def copy_licences(names: set[str] | None = None) -> None:
    LICENSES.mkdir(parents=True, exist_ok=True)
    for name, src in LICENCE_SOURCES.items():
        if names is not None and name not in names:
            continue
        data = _licence_file(src).read_bytes()
        if src.endswith(".gz"):
            data = gzip.decompress(data)
        (LICENSES / name).write_bytes(data)
        log(f"  LICENSES/{name} <- {src}")


def _readme_section(i: dict) -> list[str]:
    return [
        f"## {i['out']}",
        "",
        f"- Role: {i['role']}",
        f"- Source package: `{i['pkg']}` {i['version']}",
        f"- Original file: `{i['src_path']}`",
        f"- Licence: {i['licence']} (`" + "`, `".join(f"LICENSES/{n}" for n in i["licence_files"]) + "`)",
        f"- Conversion: {i['conversion']}",
        f"- Size: {i['size']} bytes; glyphs: {i['glyphs']}; cmap entries: {i['cmap']}; "
        f"units per em: {i['upm']}",
        f"- SHA-256: `{i['sha256']}`",
        "",
    ]


def update_readme(infos: list[dict]) -> None:
    """--only: replace (or add) these fonts' sections, keep the others as they are."""
    path = FONTS / "README.md"
    text = path.read_text(encoding="utf-8")
    head, *parts = text.split("\n## ")
    sections = {part.split("\n", 1)[0]: "## " + part.rstrip("\n") + "\n" for part in parts}
    for i in infos:
        sections[i["out"]] = "\n".join(_readme_section(i))
    order = [s["out"] for s in FONT_SPECS]
    body = [sections[name] for name in order if name in sections]
    path.write_text(head.rstrip("\n") + "\n\n" + "\n".join(body), encoding="utf-8")
    log("  README.md updated")


def write_readme(infos: list[dict]) -> None:
    lines = [
        "# Vendored fonts",
        "",
        "Generated by `tools/build_fonts.py` from Debian 12 packages; do not edit by hand,",
        "re-run the script instead (see its header for the packages to install).",
        "All files are TrueType-outline (`glyf`) fonts, as reportlab requires.",
        "Licence texts copied from the Debian packages are in `LICENSES/`.",
        "",
    ]
    for i in infos:
        lines += _readme_section(i)
    (FONTS / "README.md").write_text("\n".join(lines), encoding="utf-8")
    log("  README.md written")


# ---------------------------------------------------------------- verification

TEST_STRING = "中文“引号”，。（）——1234567890 ABC abc ℃①"

_LOAD_SNIPPET = (
    "import sys,time;from reportlab.pdfbase.ttfonts import TTFont;"
    "t=time.perf_counter();TTFont('F',sys.argv[1]);print(time.perf_counter()-t)"
)


def verify() -> bool:
    from fontTools.ttLib import TTFont as FTFont
    import pypdfium2 as pdfium
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    ok = True
    main4 = 0.0
    tmpdir = Path(tempfile.mkdtemp(prefix="zhuanbao-fonts-"))
    for spec in FONT_SPECS:
        path = FONTS / spec["out"]
        name = path.stem
        # load time in a fresh process (best of 3)
        times = []
        for _ in range(3):
            r = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET, str(path)],
                               capture_output=True, text=True)
            if r.returncode:
                log(f"FAIL {spec['out']}: load: {r.stderr.strip()}")
                ok = False
                break
            times.append(float(r.stdout))
        load = min(times) if times else float("nan")
        if spec["out"] in ("FandolFang-Regular.ttf", "FandolSong-Regular.ttf",
                           "gkai00mp.ttf", "NotoSerifCJKsc-Bold.ttf"):
            main4 += load
        ft = FTFont(str(path))
        assert "CFF " not in ft and "glyf" in ft, "not TrueType outlines"
        cmap = ft.getBestCmap()
        text = "".join(c for c in TEST_STRING if ord(c) in cmap)
        pdfmetrics.registerFont(TTFont(name, str(path)))
        pdf = tmpdir / f"{name}.pdf"
        c = canvas.Canvas(str(pdf))
        c.setFont(name, 14)
        c.drawString(50, 750, text)
        c.save()
        doc = pdfium.PdfDocument(str(pdf))
        got = doc[0].get_textpage().get_text_range().strip()
        doc.close()
        good = got.split() == text.split()  # pdfium drops trailing blanks
        ok &= good
        log(f"{'ok  ' if good else 'FAIL'} {spec['out']}: {path.stat().st_size} bytes, "
            f"{ft['maxp'].numGlyphs} glyphs, {len(cmap)} cmap entries, "
            f"load {load * 1000:.0f} ms; drew {text!r} -> extracted {got!r}")
    log(f"total load time of FandolFang, FandolSong, gkai00mp, NotoSerifCJKsc-Bold: "
        f"{main4 * 1000:.0f} ms")
    shutil.rmtree(tmpdir, ignore_errors=True)
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--verify", action="store_true", help="check the fonts after building")
    ap.add_argument("--verify-only", action="store_true", help="only check, do not build")
    ap.add_argument("--deb", nargs="+", default=[], type=Path, metavar="FILE.deb",
                    help="read these packages from their .deb files (apt-get download) instead of the system")
    ap.add_argument("--only", nargs="+", metavar="FONT", help="build only these files of fonts/ (e.g. NotoSerifCJKsc-Regular.ttf)")
    args = ap.parse_args()
    for deb in args.deb:
        add_deb(deb)
    specs = [s for s in FONT_SPECS if not args.only or s["out"] in args.only]
    if args.only and len(specs) != len(args.only):
        sys.exit(f"unknown font in --only; known: {', '.join(s['out'] for s in FONT_SPECS)}")

    t_start = time.perf_counter()
    if not args.verify_only:
        import fontTools

        log(f"fontTools {fontTools.version}; writing to {FONTS}")
        FONTS.mkdir(exist_ok=True)
        cov = coverage()
        log(f"coverage set: {len(cov)} code points (GBK + extras)")
        infos = []
        for spec in specs:
            log(f"{spec['out']}: {spec['action']} {spec['src']} from {spec['pkg']}")
            infos.append(build_one(spec, cov))
        log("licences:")
        if args.only:
            copy_licences({n for s in specs for n in s["licence_files"]})
            update_readme(infos)
        else:
            copy_licences()
            write_readme(infos)
        (FONTS / ".gitattributes").write_text("*.ttf binary\n")
        log(f"built in {time.perf_counter() - t_start:.1f}s")
    if args.verify or args.verify_only:
        t0 = time.perf_counter()
        ok = verify()
        log(f"verified in {time.perf_counter() - t0:.1f}s: {'all ok' if ok else 'FAILURES'}")
        if not ok:
            return 1
    log(f"done in {time.perf_counter() - t_start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
