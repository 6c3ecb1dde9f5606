"""An OFD package checked the way a strict reader would, independent of how
zhuanbao wrote it: every part parses in the OFD namespace, IDs are unique and
within MaxUnitID, every reference resolves to a resource and every file is in
the zip, DeltaX has one value per gap, every embedded font maps every
character it prints, no element is empty, dates are YYYY-MM-DD.

`lint(path)` returns the problems found (an empty list for a clean file) and
`read(path)` the package as plain data for the tests.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

NS = "http://www.ofdspec.org/2016"
Q = "{" + NS + "}"
NUM = r"-?\d+(?:\.\d+)?"


@dataclass
class TextCode:
    page: int  # 1-based
    font: str  # the Font's ID
    size: float  # mm
    text: str
    xs: list[float]  # every glyph's origin on the page, mm
    y: float  # baseline on the page, mm
    boundary: tuple[float, float, float, float]
    color: str
    hscale: float


@dataclass
class Package:
    names: list[str]
    parts: dict[str, ET.Element]
    files: dict[str, bytes]
    fonts: dict[str, dict]  # ID → {FontName, FamilyName, file}
    media: dict[str, dict]  # ID → {Format, file}
    pages: list[ET.Element] = field(default_factory=list)
    page_ids: list[str] = field(default_factory=list)
    texts: list[TextCode] = field(default_factory=list)


def deltas(value: str | None) -> list[float] | None:
    """DeltaX expanded (`g N v`); None when it is malformed."""
    if value is None:
        return []
    if value != value.strip() or "  " in value:
        return None
    out: list[float] = []
    tok = value.split(" ")
    i = 0
    while i < len(tok):
        if tok[i] == "g":
            if i + 2 >= len(tok) or not re.fullmatch(r"\d+", tok[i + 1]) or not re.fullmatch(NUM, tok[i + 2]):
                return None
            out += [float(tok[i + 2])] * int(tok[i + 1])
            i += 3
        elif re.fullmatch(NUM, tok[i]):
            out.append(float(tok[i]))
            i += 1
        else:
            return None
    return out


def box(value: str) -> tuple[float, float, float, float]:
    a = [float(v) for v in value.split(" ")]
    assert len(a) == 4, value
    return a[0], a[1], a[2], a[3]


def _resolve(base: str, loc: str) -> str:
    if loc.startswith("/"):
        return loc.lstrip("/")
    parts: list[str] = []
    for p in (PurePosixPath(base) / loc).parts:
        if p == "..":
            parts.pop()
        elif p != ".":
            parts.append(p)
    return "/".join(parts)


def read(path: Path) -> Package:
    z = zipfile.ZipFile(path)
    names = z.namelist()
    files = {n: z.read(n) for n in names}
    parts = {n: ET.fromstring(files[n]) for n in names if n.endswith(".xml")}
    ofd = parts["OFD.xml"]
    doc_path = ofd.find(f"{Q}DocBody/{Q}DocRoot").text
    doc_dir = str(PurePosixPath(doc_path).parent)
    doc = parts[doc_path]
    pkg = Package(names, parts, files, {}, {})
    common = doc.find(f"{Q}CommonData")
    for tag in ("PublicRes", "DocumentRes"):
        for res in common.findall(f"{Q}{tag}"):
            rpath = _resolve(doc_dir, res.text)
            rroot = parts[rpath]
            base = _resolve(str(PurePosixPath(rpath).parent), rroot.get("BaseLoc", ""))
            for f in rroot.iter(f"{Q}Font"):
                pkg.fonts[f.get("ID")] = {
                    "FontName": f.get("FontName"),
                    "FamilyName": f.get("FamilyName"),
                    "file": _resolve(base, f.find(f"{Q}FontFile").text),
                }
            for m in rroot.iter(f"{Q}MultiMedia"):
                pkg.media[m.get("ID")] = {"Format": m.get("Format"), "file": _resolve(base, m.find(f"{Q}MediaFile").text)}
    for n, p in enumerate(doc.find(f"{Q}Pages").findall(f"{Q}Page"), 1):
        proot = parts[_resolve(doc_dir, p.get("BaseLoc"))]
        pkg.pages.append(proot)
        pkg.page_ids.append(p.get("ID"))
        for t in proot.iter(f"{Q}TextObject"):
            bx = box(t.get("Boundary"))
            fill = t.find(f"{Q}FillColor")
            for code in t.findall(f"{Q}TextCode"):
                x0 = bx[0] + float(code.get("X"))
                xs = [x0]
                for d in deltas(code.get("DeltaX")) or []:
                    xs.append(xs[-1] + d)
                pkg.texts.append(
                    TextCode(
                        n,
                        t.get("Font"),
                        float(t.get("Size")),
                        code.text or "",
                        xs,
                        bx[1] + float(code.get("Y")),
                        bx,
                        fill.get("Value") if fill is not None else "0 0 0",
                        float(t.get("HScale", "1")),
                    )
                )
    return pkg


def lint(path: Path) -> list[str]:
    """Every problem found, as short messages."""
    from fontTools.ttLib import TTFont

    bad: list[str] = []
    pkg = read(path)
    if pkg.names[0] != "OFD.xml":
        bad.append("OFD.xml is not the first entry")
    if len(set(pkg.names)) != len(pkg.names):
        bad.append("duplicate zip entries")
    for name, rootel in pkg.parts.items():
        for e in rootel.iter():
            if not e.tag.startswith(Q):
                bad.append(f"{name}: {e.tag} outside the OFD namespace")
            if not e.attrib and len(e) == 0 and not (e.text or "").strip():
                bad.append(f"{name}: empty element {e.tag[len(Q):]}")
    ofd = pkg.parts["OFD.xml"]
    if ofd.get("Version") != "1.0" or ofd.get("DocType") != "OFD":
        bad.append("OFD.xml: Version/DocType")
    info = ofd.find(f"{Q}DocBody/{Q}DocInfo")
    for tag in ("CreationDate", "ModDate"):
        e = info.find(f"{Q}{tag}")
        if e is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.text or ""):
            bad.append(f"DocInfo {tag} {e.text!r} is not YYYY-MM-DD")
    if not re.fullmatch(r"[0-9a-f]{32}", info.find(f"{Q}DocID").text or ""):
        bad.append("DocID is not 32 hex digits")
    doc_path = ofd.find(f"{Q}DocBody/{Q}DocRoot").text
    doc = pkg.parts.get(doc_path)
    if doc is None:
        return bad + [f"DocRoot {doc_path} missing"]
    common = doc.find(f"{Q}CommonData")
    if common[0].tag != f"{Q}MaxUnitID":
        bad.append("CommonData does not start with MaxUnitID")
    max_id = int(common.find(f"{Q}MaxUnitID").text)
    ids: list[int] = []
    for rootel in pkg.parts.values():
        for e in rootel.iter():
            if "ID" in e.attrib:
                ids.append(int(e.get("ID")))
    if len(ids) != len(set(ids)):
        bad.append("IDs are not unique")
    if ids and max(ids) > max_id:
        bad.append(f"ID {max(ids)} above MaxUnitID {max_id}")
    for f in list(pkg.fonts.values()) + list(pkg.media.values()):
        if f["file"] not in pkg.files:
            bad.append(f"resource file {f['file']} missing")
    for page in pkg.pages:
        for e in page.iter():
            if e.tag == f"{Q}TextObject" and e.get("Font") not in pkg.fonts:
                bad.append(f"TextObject {e.get('ID')} names font {e.get('Font')}, not a resource")
            if e.tag == f"{Q}TextObject" and e.get("CTM"):
                bad.append(f"TextObject {e.get('ID')} has a CTM")
            if e.tag == f"{Q}ImageObject" and e.get("ResourceID") not in pkg.media:
                bad.append(f"ImageObject {e.get('ID')} names {e.get('ResourceID')}, not a resource")
            if e.tag == f"{Q}TextCode":
                d = deltas(e.get("DeltaX"))
                n = len(e.text or "")
                if d is None:
                    bad.append(f"malformed DeltaX {e.get('DeltaX')!r}")
                elif len(d) != n - 1:
                    bad.append(f"DeltaX of {e.text!r} has {len(d)} values for {n - 1} gaps")
    for dest in doc.iter(f"{Q}Dest"):
        if dest.get("PageID") not in pkg.page_ids:
            bad.append(f"outline names page {dest.get('PageID')}")
    inks: dict[str, tuple] = {}  # font ID → (cmap, glyf, upm)
    printed: dict[str, set[str]] = {}
    for t in pkg.texts:
        printed.setdefault(t.font, set()).update(t.text)
    for fid, chars in printed.items():
        if fid not in pkg.fonts or pkg.fonts[fid]["file"] not in pkg.files:
            continue
        font = TTFont(io.BytesIO(pkg.files[pkg.fonts[fid]["file"]]))
        cmap = font.getBestCmap() or {}
        missing = sorted(c for c in chars if ord(c) not in cmap and not c.isspace())
        if missing:
            bad.append(f"font {pkg.fonts[fid]['FontName']} lacks {''.join(missing)}")
        inks[fid] = (cmap, font["glyf"], font["head"].unitsPerEm)
        names = {r.toUnicode() for r in font["name"].names if r.nameID in (1, 4)}
        if pkg.fonts[fid]["FamilyName"] not in names:
            bad.append(f"font file of {pkg.fonts[fid]['FamilyName']} is named {names}")
    # every glyph's outline inside its TextObject's Boundary (readers clip to it)
    for t in pkg.texts:
        if t.font not in inks:
            continue
        cmap, glyf, upm = inks[t.font]
        bx, by, bw, bh = t.boundary
        for ch, x in zip(t.text, t.xs):
            g = glyf[cmap[ord(ch)]] if ord(ch) in cmap else None
            if g is None or g.numberOfContours == 0:
                continue
            g.recalcBounds(glyf)
            k = t.size / upm
            ink = (x + g.xMin * k * t.hscale, t.y - g.yMax * k, x + g.xMax * k * t.hscale, t.y - g.yMin * k)
            if ink[0] < bx - 0.001 or ink[1] < by - 0.001 or ink[2] > bx + bw + 0.001 or ink[3] > by + bh + 0.001:
                bad.append(f"{ch!r} on page {t.page} inks {ink}, outside the Boundary {t.boundary}")
    return bad
