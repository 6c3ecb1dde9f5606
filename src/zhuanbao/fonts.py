"""Font metrics and per-character fallback, shared by layout and the PDF.

The layout engine needs advances and coverage; the PDF writer needs the same
fonts registered with reportlab. Parsing a CJK TrueType font is the costliest
step of a render, so each file is parsed once, here, and only when a role or a
fallback is first asked for.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

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

    def has(self, cp: int) -> bool:
        return cp in self.cmap and self.cmap[cp] != 0

    def advance(self, ch: str) -> float:
        """Advance of one character, in em."""
        return self.widths.get(ord(ch), self.default_width) / 1000.0


class FontBook:
    """The fonts of one layout, loaded lazily and at most once each."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self._faces: dict[str, Face] = {}
        self._by_file: dict[Path, Face] = {}
        self._fallback_loaded: list[Face] | None = None

    def _load(self, spec: FontSpec) -> Face:
        if spec.file in self._by_file:
            return self._by_file[spec.file]
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFError, TTFont

        digest = hashlib.sha1(str(spec.file).encode()).hexdigest()[:8]
        key = f"{spec.file.stem}-{digest}"
        try:
            font = TTFont(key, str(spec.file))
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
        )
        self._by_file[spec.file] = face_obj
        return face_obj

    def face(self, role: str) -> Face:
        if role not in self._faces:
            if role not in self.layout.fonts:
                raise ContentError(Where(self.layout.path), f"layout has no font role `{role}`.")
            self._faces[role] = self._load(self.layout.fonts[role])
        return self._faces[role]

    def fallbacks(self) -> list[Face]:
        if self._fallback_loaded is None:
            self._fallback_loaded = [self._load(spec) for spec in self.layout.fallback]
        return self._fallback_loaded

    def for_char(self, role: str, ch: str) -> Face | None:
        """The face that prints `ch` in `role`: the role's own, else a fallback.

        None when no configured font has the character; the caller reports
        that with the place in the content.
        """
        cp = ord(ch)
        face = self.face(role)
        if face.has(cp):
            return face
        for fb in self.fallbacks():
            if fb.has(cp):
                return fb
        return None
