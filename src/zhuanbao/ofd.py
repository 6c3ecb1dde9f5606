"""Pages → OFD (GB/T 33190-2016), the format 电子公文 systems exchange.

Like the PDF writer this only lowers the layout's page frames: every glyph's
position, font, size and colour, every rule, frame and picture come from
`layout.boxes`; nothing is measured or broken here. Coordinates become
millimetres (OFD's unit); the page origin is top-left with y down, as in the
frames, so no flip is needed.

Choices the standard leaves open, made for the readers offices use:

- One TextObject per run of glyphs sharing face, size, colour and horizontal
  scale, with one TextCode: X/Y at the first baseline point relative to the
  object's Boundary, DeltaX with one advance per gap (``g N v`` where
  advances repeat). No CTM on text: readers disagree on combining it with
  the Boundary.
- A stretched dash (the layout's `hscale`) is its own run with the text
  attribute HScale (CT_Text, 1.0 by default), which scales glyphs along the
  line about their origin, the same as the PDF's Tz, so no CTM is needed.
- The Boundary encloses the run's ink: from the font's ascent/descent and
  each glyph's outline box, since some readers clip text to it.
- Each face is embedded as a TrueType subset named by the layout's DOCX
  name (仿宋_GB2312, 方正小标宋简体, …), the name readers look up first.
- The zip is deterministic: fixed order, fixed times, DocID a hash of the
  other parts; the same content gives the same bytes. The file is unsigned.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

from . import __version__
from .atomicfile import write_replacing
from .document import Document
from .fonts import Face, named_subset
from .layout.boxes import DotBox, FrameBox, Grid, ImageBox, Page, RuleBox, TextBox, VRuleBox
from .layout.text import Glyph
from .layoutfile import Layout

NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72  # mm per pt
ZIP_TIME = (2000, 1, 1, 0, 0, 0)  # every entry's date: the bytes must not depend on the clock


def mm(pt: float) -> float:
    return pt * MM


def num(v: float, places: int = 3) -> str:
    """A number as OFD writes it: fixed places, no trailing zeros, no -0."""
    s = f"{v:.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def rgb(color: str) -> str:
    """#E60012 → '230 0 18' (OFD's ST_Array of RGB components)."""
    h = color.lstrip("#")
    return " ".join(str(int(h[i : i + 2], 16)) for i in (0, 2, 4))


def delta_list(deltas: list[str]) -> str:
    """DeltaX: one value per gap, single spaces, `g N v` for 3+ repeats."""
    out: list[str] = []
    i = 0
    while i < len(deltas):
        j = i
        while j < len(deltas) and deltas[j] == deltas[i]:
            j += 1
        n = j - i
        out.append(f"g {n} {deltas[i]}" if n >= 3 else " ".join(deltas[i:j]))
        i = j
    return " ".join(out)


def el(parent: Element | None, tag: str, attrs: dict | None = None, text: str | None = None) -> Element:
    """An element named ofd:<tag>. The prefix is written literally (and
    declared on each part's root): some readers match `ofd:` names as text."""
    a = {k: v for k, v in (attrs or {}).items() if v is not None}
    e = Element(f"ofd:{tag}", a) if parent is None else SubElement(parent, f"ofd:{tag}", a)
    if text is not None:
        e.text = text
    return e


def root(tag: str, attrs: dict | None = None) -> Element:
    return el(None, tag, {"xmlns:ofd": NS, **(attrs or {})})


def xml_bytes(e: Element) -> bytes:
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(e, encoding="utf-8", xml_declaration=False)


@dataclass
class FontRes:
    """One embedded face: its resource ID, file name and glyph boxes."""

    id: int
    face: Face
    chars: set[str] = field(default_factory=set)
    file: str = ""
    data: bytes = b""
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # em
    ascent: float = 0.0
    descent: float = 0.0


class Ids:
    """OFD's unit IDs: one counter for the whole document, from 1."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def _runs(box: TextBox):
    """Glyphs of one line cut where face, size, colour, scale or stroke change;
    spaces at a run's ends are left out (they draw nothing, and some XML
    readers trim text)."""
    run: list[Glyph] = []
    for g in box.glyphs:
        if run and not (
            run[-1].face is g.face
            and run[-1].size == g.size
            and run[-1].color == g.color
            and run[-1].hscale == g.hscale
            and run[-1].stroke == g.stroke
        ):
            yield run
            run = []
        run.append(g)
    if run:
        yield run


def _trimmed(run: list[Glyph]) -> list[Glyph]:
    i, j = 0, len(run)
    while i < j and run[i].ch.isspace():
        i += 1
    while j > i and run[j - 1].ch.isspace():
        j -= 1
    return run[i:j]


def _text_runs(pages: list[Page]):
    for page in pages:
        for item in page.items:
            if isinstance(item, TextBox):
                for run in _runs(item):
                    run = _trimmed(run)
                    if run:
                        yield page, item, run


def subset_font(file: Path, chars: set[str], name: str) -> bytes:
    """The font cut down to `chars`, a TrueType with a Unicode cmap and the
    standard tables (cmap head hhea hmtx maxp name OS/2 post glyf loca),
    named `name` in English and Chinese (fonts.named_subset, shared with the
    DOCX; text only: no layout features, bounding boxes copied)."""
    return named_subset(file, chars, name, text_only=True)


SUBSET_FORMAT = 1  # bump when subset_font's output changes


SUBSETS_KEEP_BYTES = 64 << 20  # disk kept for OFD font subsets; the least recently used go first


def cached_subset(file: Path, chars: set[str], name: str) -> bytes:
    """subset_font's result, kept on disk beside the font cache
    (~/.cache/zhuanbao/ofd-subsets, off with ZHUANBAO_NO_FONT_CACHE): a
    CJK subset takes about a quarter of a second, the whole OFD's fonts a
    second. Keyed by the font file's path, size and mtime, the name, the
    characters and fontTools' version; any cache trouble falls back to
    subsetting, with the same bytes."""
    from fontTools import version as ft_version

    from .cachedir import cache_root, prune

    base = cache_root()
    if base is None:
        return subset_font(file, chars, name)
    folder = base / "ofd-subsets"
    st = file.stat()
    key = f"{file.resolve()}|{st.st_size}|{st.st_mtime_ns}|{name}|{ft_version}|{SUBSET_FORMAT}|{''.join(sorted(chars))}"
    entry = folder / f"{file.stem}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:24]}.ttf"
    try:
        data = entry.read_bytes()
        os.utime(entry)  # used now: pruning keeps it
        if data:
            return data
    except OSError:
        pass
    data = subset_font(file, chars, name)
    try:
        write_replacing(entry, lambda fh: fh.write(data))
        prune(folder, "*.ttf", SUBSETS_KEEP_BYTES)
    except OSError:
        pass  # a read-only home: no cache, same result
    return data


def _embed(fr: FontRes) -> None:
    """Subset the face to what it prints, renamed to the office name, and
    read back each glyph's outline box for the Boundary."""
    from fontTools.ttLib import TTFont

    fr.data = cached_subset(fr.face.spec.file, fr.chars, fr.face.spec.docx_name)
    font = TTFont(io.BytesIO(fr.data))
    upm = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    hhea = font["hhea"]
    fr.ascent, fr.descent = hhea.ascent / upm, hhea.descent / upm
    for ch in fr.chars:
        g = glyf.glyphs.get(cmap.get(ord(ch), ""))  # not glyf[…]: that decodes every point
        data = getattr(g, "data", b"")
        if len(data) >= 10:  # the glyph's header: contours, xMin, yMin, xMax, yMax
            _n, x0, y0, x1, y1 = struct.unpack(">hhhhh", data[:10])
            fr.boxes[ch] = (x0 / upm, y0 / upm, x1 / upm, y1 / upm)


def _text_object(parent: Element, oid: int, box: TextBox, run: list[Glyph], fr: FontRes) -> None:
    base = box.baseline
    x0 = box.x + run[0].x
    left, right = x0, x0
    top, bottom = base - fr.ascent * run[0].size, base - fr.descent * run[0].size
    for g in run:
        gx = box.x + g.x
        w = g.size * g.hscale
        right = max(right, gx + g.face.advance(g.ch) * w)
        b = fr.boxes.get(g.ch)
        if b:
            left = min(left, gx + b[0] * w)
            right = max(right, gx + b[2] * w)
            top = min(top, base - b[3] * g.size)
            bottom = max(bottom, base - b[1] * g.size)
    half = run[0].stroke / 2  # a stroked outline (fake bold) inks half its width outside the glyph
    left, top, right, bottom = left - half, top - half, right + half, bottom + half
    # the Boundary rounded outwards to the 0.001 mm written
    bl, bt = math.floor(mm(left) * 1000) / 1000, math.floor(mm(top) * 1000) / 1000
    bw = math.ceil(mm(right) * 1000) / 1000 - bl
    bh = math.ceil(mm(bottom) * 1000) / 1000 - bt
    obj = el(
        parent,
        "TextObject",
        {
            "ID": str(oid),
            "Boundary": f"{num(bl)} {num(bt)} {num(bw)} {num(bh)}",
            "Font": str(fr.id),
            "Size": num(mm(run[0].size), 4),
            "HScale": num(run[0].hscale, 4) if run[0].hscale != 1.0 else None,
            "Stroke": "true" if run[0].stroke else None,
            "LineWidth": num(mm(run[0].stroke), 4) if run[0].stroke else None,
        },
    )
    el(obj, "FillColor", {"Value": rgb(run[0].color)})
    if run[0].stroke:  # fill and stroke, as the PDF's render mode 2
        el(obj, "StrokeColor", {"Value": rgb(run[0].color)})
    deltas = [num(mm(b.x - a.x), 4) for a, b in zip(run, run[1:])]
    attrs = {"X": num(mm(x0) - bl, 4), "Y": num(mm(base) - bt, 4)}
    if deltas:
        attrs["DeltaX"] = delta_list(deltas)
    el(obj, "TextCode", attrs, "".join(g.ch for g in run))


def _path_object(parent: Element, oid: int, x: float, y: float, w: float, h: float, t: float, color: str, path: str) -> None:
    obj = el(
        parent,
        "PathObject",
        {"ID": str(oid), "Boundary": f"{num(x)} {num(y)} {num(w)} {num(h)}", "LineWidth": num(t, 4)},
    )
    el(obj, "StrokeColor", {"Value": rgb(color)})
    el(obj, "AbbreviatedData", text=path)


def _vrule(parent: Element, oid: int, r: VRuleBox) -> None:
    t = mm(r.thickness)
    x, y, h = mm(r.x), mm(r.y), mm(r.height)
    _path_object(parent, oid, x - t / 2, y, t, h, t, r.color, f"M {num(t / 2, 4)} 0 L {num(t / 2, 4)} {num(h)}")


def _dot(parent: Element, oid: int, d: DotBox) -> None:
    """A filled circle (着重号): two arcs through the Boundary's box."""
    r = mm(d.radius)
    x, y = mm(d.x), mm(d.y)
    a, two = num(r, 4), num(2 * r, 4)
    obj = el(
        parent,
        "PathObject",
        {"ID": str(oid), "Boundary": f"{num(x - r, 4)} {num(y - r, 4)} {two} {two}", "Stroke": "false", "Fill": "true"},
    )
    el(obj, "FillColor", {"Value": rgb(d.color)})
    el(obj, "AbbreviatedData", text=f"M 0 {a} A {a} {a} 0 1 0 {two} {a} A {a} {a} 0 1 0 0 {a} C")


def _rule(parent: Element, oid: int, r: RuleBox) -> None:
    t = mm(r.thickness)
    x0, x1, y = mm(r.x0), mm(r.x1), mm(r.y)
    _path_object(parent, oid, x0, y - t / 2, x1 - x0, t, t, r.color, f"M 0 {num(t / 2, 4)} L {num(x1 - x0)} {num(t / 2, 4)}")


def _frame(parent: Element, oid: int, f: FrameBox) -> None:
    t = mm(f.thickness)
    x, y, w, h = mm(f.x), mm(f.y), mm(f.width), mm(f.height)
    a, r, b = num(t / 2, 4), num(w + t / 2, 4), num(h + t / 2, 4)
    d = f"M {a} {a} L {r} {a} L {r} {b} L {a} {b} C"
    _path_object(parent, oid, x - t / 2, y - t / 2, w + t, h + t, t, f.color, d)


def _media_key(item: ImageBox) -> object:
    """One MultiMedia per distinct picture file as embedded: the prepared
    bytes when the layout prepared them (a picture printed at two sizes is
    two), else the path."""
    return item.picture.data if item.picture is not None else item.path


def _image_file(path: Path) -> tuple[str, bytes]:
    """The picture's own bytes when it is a PNG or JPEG (what the PDF embeds
    at its pixel size too), else the pixels as PNG."""
    data = path.read_bytes()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "PNG", data
    if data[:3] == b"\xff\xd8\xff":
        return "JPEG", data
    from PIL import Image

    buf = io.BytesIO()
    with Image.open(path) as im:
        im.save(buf, "PNG", optimize=True)
    return "PNG", buf.getvalue()


def build_ofd(pages: list[Page], doc: Document, layout: Layout) -> bytes:
    """The OFD package's bytes; its CreationDate is the document's date (YYYY-MM-DD)."""
    issue_date = doc.date.isoformat() if doc.date else ""
    grid = Grid.from_layout(layout)
    ids = Ids()
    fonts: dict[Path, FontRes] = {}
    for _page, _box, run in _text_runs(pages):
        face = run[0].face
        fr = fonts.get(face.spec.file)
        if fr is None:
            fr = fonts[face.spec.file] = FontRes(ids.next(), face)
        fr.chars.update(g.ch for g in run)
    for k, fr in enumerate(fonts.values()):
        fr.file = f"font_{k}.ttf"
        _embed(fr)

    media: dict[object, tuple[int, str, str, bytes]] = {}  # picture → (ID, format, file, bytes)
    for page in pages:
        for item in page.items:
            if isinstance(item, ImageBox) and _media_key(item) not in media:
                if item.picture is not None:  # the bytes the PDF embeds (pictures.prepare)
                    fmt, data = item.picture.format, item.picture.data
                else:
                    fmt, data = _image_file(item.path)
                media[_media_key(item)] = (ids.next(), fmt, f"image_{len(media)}.{'png' if fmt == 'PNG' else 'jpg'}", data)

    parts: dict[str, bytes] = {}
    page_ids: list[int] = []
    for n, page in enumerate(pages):
        pid = ids.next()
        page_ids.append(pid)
        proot = root("Page")
        content = el(proot, "Content")
        layer = el(content, "Layer", {"ID": str(ids.next()), "Type": "Body"})
        for item in page.items:
            if isinstance(item, TextBox):
                for run in _runs(item):
                    run = _trimmed(run)
                    if run:
                        _text_object(layer, ids.next(), item, run, fonts[run[0].face.spec.file])
            elif isinstance(item, RuleBox):
                _rule(layer, ids.next(), item)
            elif isinstance(item, FrameBox):
                _frame(layer, ids.next(), item)
            elif isinstance(item, VRuleBox):
                _vrule(layer, ids.next(), item)
            elif isinstance(item, DotBox):
                _dot(layer, ids.next(), item)
            elif isinstance(item, ImageBox):
                x, y, w, h = mm(item.x), mm(item.y), mm(item.width), mm(item.height)
                el(
                    layer,
                    "ImageObject",
                    {
                        "ID": str(ids.next()),
                        "Boundary": f"{num(x)} {num(y)} {num(w)} {num(h)}",
                        "CTM": f"{num(w)} 0 0 {num(h)} 0 0",
                        "ResourceID": str(media[_media_key(item)][0]),
                    },
                )
        if len(layer) == 0:
            content.remove(layer)
            proot.remove(content)
        parts[f"Doc_0/Pages/Page_{n}/Content.xml"] = xml_bytes(proot)

    pub = root("Res", {"BaseLoc": "Res"})
    if fonts:
        fe = el(pub, "Fonts")
        for fr in fonts.values():
            name = fr.face.spec.docx_name
            f = el(fe, "Font", {"ID": str(fr.id), "FontName": name, "FamilyName": name})
            el(f, "FontFile", text=fr.file)
            parts[f"Doc_0/Res/{fr.file}"] = fr.data
    if media:
        dres = root("Res", {"BaseLoc": "Res"})
        me = el(dres, "MultiMedias")
        for mid, fmt, file, data in media.values():
            m = el(me, "MultiMedia", {"ID": str(mid), "Type": "Image", "Format": fmt})
            el(m, "MediaFile", text=file)
            parts[f"Doc_0/Res/{file}"] = data

    d = root("Document")
    common = el(d, "CommonData")
    max_id = el(common, "MaxUnitID")
    area = el(common, "PageArea")
    el(area, "PhysicalBox", text=f"0 0 {num(mm(grid.page_width))} {num(mm(grid.page_height))}")
    if fonts:
        el(common, "PublicRes", text="PublicRes.xml")
        parts["Doc_0/PublicRes.xml"] = xml_bytes(pub)
    if media:
        el(common, "DocumentRes", text="DocumentRes.xml")
        parts["Doc_0/DocumentRes.xml"] = xml_bytes(dres)
    pe = el(d, "Pages")
    for n, pid in enumerate(page_ids):
        el(pe, "Page", {"ID": str(pid), "BaseLoc": f"Pages/Page_{n}/Content.xml"})
    marks = [(pid, m) for pid, page in zip(page_ids, pages) for m in page.bookmarks]
    if marks:
        oe = el(d, "Outlines")
        for pid, m in marks:
            o = el(oe, "OutlineElem", {"Title": m.title})
            acts = el(o, "Actions")
            act = el(acts, "Action", {"Event": "CLICK"})
            goto = el(act, "Goto")
            el(goto, "Dest", {"Type": "XYZ", "PageID": str(pid), "Left": "0", "Top": num(mm(m.y))})
    max_id.text = str(ids.last)
    parts["Doc_0/Document.xml"] = xml_bytes(d)

    meta = layout.root.sub("pdf")
    creator = meta.text("creator", "zhuanbao")
    digest = hashlib.md5(usedforsecurity=False)
    for name in sorted(parts):
        digest.update(name.encode() + b"\0" + parts[name])
    digest.update(f"{doc.title}\0{doc.author}\0{issue_date}\0{creator}".encode())
    ofd = root("OFD", {"DocType": "OFD", "Version": "1.0"})
    body = el(ofd, "DocBody")
    info = el(body, "DocInfo")
    el(info, "DocID", text=digest.hexdigest())
    el(info, "Title", text=doc.title)
    el(info, "Author", text=doc.author)
    if doc.subject:
        el(info, "Subject", text=doc.subject)
    el(info, "CreationDate", text=issue_date)
    el(info, "Creator", text=creator)
    el(info, "CreatorVersion", text=__version__)
    el(body, "DocRoot", text="Doc_0/Document.xml")

    order = ["OFD.xml", "Doc_0/Document.xml"]
    order += [p for p in ("Doc_0/PublicRes.xml", "Doc_0/DocumentRes.xml") if p in parts]
    order += [f"Doc_0/Pages/Page_{n}/Content.xml" for n in range(len(pages))]
    order += sorted(p for p in parts if p.startswith("Doc_0/Res/"))
    parts["OFD.xml"] = xml_bytes(ofd)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in order:
            info_ = zipfile.ZipInfo(name, ZIP_TIME)
            info_.external_attr = 0o644 << 16
            info_.create_system = 3
            stored = name.endswith((".png", ".jpg"))
            info_.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info_, parts[name], compresslevel=None if stored else 9)
    return buf.getvalue()


def write_ofd(pages: list[Page], doc: Document, layout: Layout, out: Path) -> None:
    """Write the OFD into `out` (render.py makes that a temporary file)."""
    out.write_bytes(build_ofd(pages, doc, layout))
