"""Font metrics and per-character fallback, shared by layout and the PDF.

The layout engine needs advances and coverage; the PDF writer needs the same
fonts registered with reportlab. Parsing a CJK TrueType font is the costliest
step of a render, so each file is parsed once, here, and only when a role or a
fallback is first asked for.
"""

from __future__ import annotations

import mmap
import os
import pickle
import sys
import zlib
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .atomicfile import write_replacing
from .cachedir import cache_root, prune
from .errors import ContentError, Where
from .layoutfile import FontSpec, Layout


@dataclass
class Face:
    """A loaded font: the name it is registered under and its metrics."""

    key: str  # the reportlab registration name
    spec: FontSpec
    widths: dict[int, int]  # code point → advance in 1/1000 em
    cmap: dict[int, int]
    default_width: int
    ascent: float  # in em
    descent: float  # in em, negative
    ttf: object = None  # reportlab's parsed face, for glyph bounding boxes

    def has(self, cp: int) -> bool:
        return cp in self.cmap and self.cmap[cp] != 0

    def advance(self, ch: str) -> float:
        """Advance of one character, in em."""
        return self.widths.get(ord(ch), self.default_width) / 1000.0

    def ink(self, ch: str) -> tuple[float, float] | None:
        """Left and right edge of the glyph's outline, in em (from its glyf
        header), or None for an empty glyph. Used to join the two halves of
        —— in fonts whose dash does not fill its em box."""
        face = self.ttf
        gid = self.cmap.get(ord(ch))
        if face is None or not gid or "glyf" not in face.table:
            return None
        start, end = face.glyphPos[gid], face.glyphPos[gid + 1]
        if end - start < 10:
            return None
        import struct

        at = face.table["glyf"]["offset"] + start
        x_min, _y_min, x_max = struct.unpack(">hhh", face._ttf_data[at + 2 : at + 8])
        return x_min / face.unitsPerEm, x_max / face.unitsPerEm


class FontBook:
    """The fonts of one layout, loaded lazily and at most once each."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self._faces: dict[str, Face] = {}
        self._by_file: dict[Path, Face] = {}
        self._fallback_loaded: dict[str, list[Face]] = {}

    def _load(self, spec: FontSpec) -> Face:
        if spec.file in self._by_file:
            return self._by_file[spec.file]
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError

        digest = f"{zlib.crc32(str(spec.file).encode()):08x}"  # hashlib costs 12 ms to import
        key = f"{spec.file.stem}-{digest}"
        try:
            font = load_ttfont(key, spec.file)
        except (TTFError, OSError, ValueError) as exc:
            raise ContentError(
                Where(self.layout.path),
                f"字体无法读取 the font `{spec.file}` for `{spec.role}` cannot be used ({exc}); "
                "it must be a TrueType (glyf) font.",
            ) from None
        pdfmetrics.registerFont(font)
        face = font.face
        scale = 1000.0
        face_obj = Face(
            key=key,
            spec=spec,
            widths=face.charWidths,
            cmap=face.charToGlyph,
            default_width=int(face.defaultWidth),
            ascent=face.ascent / scale,
            descent=face.descent / scale,
            ttf=face,
        )
        self._by_file[spec.file] = face_obj
        return face_obj

    def face(self, role: str) -> Face:
        if role not in self._faces:
            if role not in self.layout.fonts:
                raise ContentError(Where(self.layout.path), f"layout has no font role `{role}`.")
            self._faces[role] = self._load(self.layout.fonts[role])
        return self._faces[role]

    def fallbacks(self, role: str | None = None) -> list[Face]:
        """The fallback faces of `role`'s family (all of them without a role)."""
        specs = self.layout.fallback_for(role) if role is not None else self.layout.fallback
        key = "|".join(str(s.file) for s in specs)
        if key not in self._fallback_loaded:
            self._fallback_loaded[key] = [self._load(spec) for spec in specs]
        return self._fallback_loaded[key]

    def for_char(self, role: str, ch: str) -> Face | None:
        """The face that prints `ch` in `role`: the role's own, else a fallback.

        None when no configured font has the character; the caller reports
        that with the place in the content.
        """
        cp = ord(ch)
        face = self.face(role)
        if face.has(cp):
            return face
        for fb in self.fallbacks(role):
            if fb.has(cp):
                return fb
        return None


CACHE_FORMAT = 3  # bump when the cached form of a face changes
KEEP_BYTES = 64 << 20  # disk kept for parsed fonts (about seven sets of a layout's fonts); the least recently used go first


def _cache_dir() -> Path | None:
    root = cache_root()
    return root / "fonts" if root is not None else None


class CodeMap(Mapping):
    """Code point → glyph id, the BMP in one flat array (-1: not mapped).

    Loads from the cache as one block of bytes instead of 22,000 dict
    entries; reportlab only asks `code in m`, `m[code]` and `m.get()`.
    """

    def __init__(self, mapping: Mapping):
        self.bmp = array("l", [-1]) * 0x10000
        self.extra = {}
        for code, gid in mapping.items():
            if 0 <= code < 0x10000:
                self.bmp[code] = gid
            else:
                self.extra[code] = gid
        self._len = len(mapping)

    def __getitem__(self, code):
        if 0 <= code < 0x10000:
            gid = self.bmp[code]
            if gid >= 0:
                return gid
            raise KeyError(code)
        return self.extra[code]

    def __contains__(self, code) -> bool:
        return self.bmp[code] >= 0 if 0 <= code < 0x10000 else code in self.extra

    def __iter__(self):
        yield from (c for c in range(0x10000) if self.bmp[c] >= 0)
        yield from self.extra

    def __len__(self) -> int:
        return self._len


class HMetrics(Sequence):
    """reportlab's hmtx list of (advance, lsb), as two arrays."""

    def __init__(self, pairs: list):
        self.aw = array("d", (a for a, _ in pairs))
        self.lsb = array("l", (b for _, b in pairs))

    def __getitem__(self, i):
        return (self.aw[i], self.lsb[i])

    def __len__(self) -> int:
        return len(self.aw)


def _compact(state: dict) -> dict:
    """The parsed face with its big tables as arrays (see CodeMap)."""
    out = dict(state)
    cmap = CodeMap(state["charToGlyph"])
    out["charToGlyph"] = cmap
    # charWidths stays a dict: reportlab's C accelerator (rl_accel) reads it as one
    out["hmetrics"] = HMetrics(state["hmetrics"])
    out["glyphPos"] = array("L", state["glyphPos"])
    out["glyphToChar"] = {}  # read only when shaping, which zhuanbao never asks for
    return out


def load_ttfont(key: str, path: Path):
    """A reportlab TTFont, its parsed tables cached on disk.

    reportlab parses a CJK font's cmap, hmtx and loca in Python loops: a
    quarter of a second for the five fonts of an issue, the largest single
    cost of a render. The parsed face is pickled (without the file's bytes,
    which are mapped again) under ~/.cache/zhuanbao, keyed by the font file's
    path, size and mtime and by reportlab's and Python's versions, so a
    changed font or library never meets a stale entry. Any cache trouble
    falls back to parsing.
    """
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace
    from weakref import WeakKeyDictionary

    folder = _cache_dir()
    st = path.stat()
    key_text = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{Version}|{sys.version_info[:2]}|{CACHE_FORMAT}"
    tag = f"{path.stem}-{st.st_size}-{zlib.crc32(key_text.encode()):08x}-{zlib.adler32(key_text.encode()):08x}"
    entry = folder / f"{tag}.pickle" if folder else None
    if entry and entry.is_file():
        try:
            with entry.open("rb") as fh:
                state = pickle.load(fh)
            face = TTFontFace.__new__(TTFontFace)
            face.__dict__.update(state)
            # mapped, not read: a render touches only the tables and the
            # glyphs it uses, a few hundred KB of each 5–9 MB font
            with path.open("rb") as fh:
                face._ttf_data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            upm = face.unitsPerEm
            face._pdfScale = (lambda x: x) if upm == 1000 else (lambda x, m=1000 / upm: x * m)
            font = TTFont.__new__(TTFont)
            font.fontName = key
            font.face = face
            font.encoding = TTEncoding()
            font.state = WeakKeyDictionary()
            font._asciiReadable = False
            font.shapable = False
            os.utime(entry)  # used now: pruning keeps the fonts in use
            return font
        except Exception:
            pass  # a stale or broken entry: parse afresh and overwrite it
    font = TTFont(key, str(path), asciiReadable=False, shapable=False)
    if entry:
        try:
            state = _compact({k: v for k, v in font.face.__dict__.items() if k not in ("_ttf_data", "_pdfScale")})
            write_replacing(entry, lambda fh: pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL))
            # every other install, checkout or font version leaves its own entries: the least recently used go
            prune(entry.parent, "*.pickle", KEEP_BYTES)
        except OSError:
            pass  # a read-only home: no cache, same result
    return font


def named_subset(
    file: Path, chars: set[str], name: str, *, text_only: bool = False, fstype: int | None = None
) -> bytes:
    """The font cut down to `chars` and renamed `name` (family and full name,
    in English and Chinese), the name offices know it by: what the DOCX
    embeds (--embed-fonts) and the OFD carries.

    `text_only` (the OFD) keeps no layout features or vertical metrics, which
    a reader that places text glyph by glyph never uses, and copies the kept
    glyphs without recomputing their bounding boxes: five times faster on a
    CJK font. `fstype`, when given, is the embedding permission written to
    OS/2 (the DOCX marks its subsets installable).
    """
    import hashlib
    import io
    import logging

    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "mort NOT subset" and the like
    if text_only:
        font = TTFont(str(file), recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    else:
        font = TTFont(str(file), recalcTimestamp=False)
    opts = ftsubset.Options()
    opts.recalc_timestamp = False
    opts.notdef_outline = True
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    if text_only:
        opts.recalc_bounds = False
        opts.layout_features = []
        opts.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG"]
    else:
        opts.layout_features = ["*"]  # vert/vrt2 and the rest, for a reader that uses them
    sub = ftsubset.Subsetter(opts)
    sub.populate(text="".join(sorted(chars)))
    sub.subset(font)
    table = font["name"]
    ps = "ZB" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    table.names = [n for n in table.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for lang in (0x409, 0x804):
        table.setName(name, 1, 3, 1, lang)
        table.setName("Regular", 2, 3, 1, lang)
        table.setName(f"{name};subset", 3, 3, 1, lang)
        table.setName(name, 4, 3, 1, lang)
        table.setName(ps, 6, 3, 1, lang)
    if fstype is not None and "OS/2" in font:
        font["OS/2"].fsType = int(fstype)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()
