"""The DocxWriter: the state one DOCX is built in (python-docx's document,
the layout, the fonts used), and the paragraph and run primitives every
part of the page shares. `build` calls the parts in document order.
"""

from __future__ import annotations

import math

import docx  # python-docx (absolute import: not this package)

from ..document import Document
from ..layout.decided import Decided
from ..layout.text import latin_mark
from ..layoutfile import Layout
from . import articles, banji, fonts, footnotes, header, package, sections, styles
from .sections import Geometry
from .styles import BUILTIN
from .xml import el, ppr, rpr

LATIN_MARK = ""  # a piece of runs() set in the style's Latin font (3·15, 7×24: a mark between digits)


# Character styles newer than some layouts' `docx.styles`, with their default names.
NEWER_STYLES = {"emphasis": "着重文字"}


class DocxWriter:
    def __init__(self, r, embed_fonts: bool):
        self.r = r
        self.doc_model: Document = r.document
        self.decided: Decided = r.decided  # what the layout decided (layout/decided.py)
        self.layout: Layout = r.layout
        self.fonts = r.fonts
        self.embed = embed_fonts
        self.cfg = self.layout.root.sub("docx")
        self.geo = Geometry.of(self.layout)
        self.used: dict[str, set[str]] = {}  # font role → characters set in it
        self.fallback_used: dict[str, set[str]] = {}  # docx name → characters
        self.d = docx.Document()
        self.body = self.d.element.body
        self.style_ids: dict[str, str] = {}
        names = self.cfg.sub("styles")
        for key in names._data:
            name = names.text(key)
            self.style_ids[key] = BUILTIN.get(name, "zb" + "".join(w.capitalize() for w in key.split("_")))
        self.style_names = {key: names.text(key) for key in names._data}
        for key, name in NEWER_STYLES.items():  # a layout older than these styles
            if key not in self.style_names:
                self.style_names[key] = name
                self.style_ids[key] = "zb" + "".join(w.capitalize() for w in key.split("_"))

    def font_name(self, role: str) -> str:
        return self.layout.fonts[role].docx_name

    @property
    def latin(self) -> str | None:
        return self.layout.fonts["latin"].docx_name if "latin" in self.layout.fonts else None

    def rfonts(self, role: str, ascii_role: str | None = None) -> "el":
        """Fonts of a style: `role` for Chinese, `ascii_role` (the layout style's
        `latin`) for digits and Latin letters, else `role` for them too, as the
        PDF sets them (a title's 15分钟 in 小标宋, a lead's 12315 in 黑体)."""
        latin = self.font_name(ascii_role or role)
        # ECMA-376 Part 1 §17.3.2.26 rFonts: eastAsia for CJK, ascii/hAnsi for Latin and digits
        return el("w:rFonts", {"w:ascii": latin, "w:hAnsi": latin, "w:eastAsia": self.font_name(role), "w:cs": latin})

    def sid(self, key: str) -> str:
        return self.style_ids[key]

    def runs(
        self, text: str, role: str, rstyle: str | None = None, tracking: float | None = None, spacing: int | None = None,
        latin: bool = False,
    ):
        """Runs of `text` in font role `role`; a character the role's font lacks
        takes the layout's fallback font, as in the PDF. `tracking`: pt each
        character is condensed by (the style's spacing given up); `spacing`:
        the run's letter-spacing itself, in twentieths of a point; `latin`: the
        style has a Latin font, in which the layout set 3·15's dot (latin_mark)."""
        self.used.setdefault(role, set()).update(text)
        pieces: list[tuple[str, str | None]] = []
        for k, ch in enumerate(text):
            name = None
            if latin and latin_mark(text, k):
                name = LATIN_MARK  # 3·15, 7×24: in the Latin font, narrow, as the layout set it
            elif ord(ch) > 0x7F:
                face = self.fonts.face(role)
                if not face.has(ord(ch)):
                    fb = self.fonts.for_char(role, ch)
                    if fb is not None and fb is not face:
                        name = fb.spec.docx_name
                        self.fallback_used.setdefault(name, set()).add(ch)
            if pieces and pieces[-1][1] == name:
                pieces[-1] = (pieces[-1][0] + ch, name)
            else:
                pieces.append((ch, name))
        out = []
        for piece, name in pieces:
            # ECMA-376 Part 1 §17.3.2.26 rFonts w:hint="eastAsia": quotes, dashes and
            # ellipses (shared by Latin and CJK) take the East Asian font
            fonts = el("w:rFonts", {"w:ascii": name, "w:hAnsi": name, "w:eastAsia": name, "w:hint": "eastAsia"})
            if name == LATIN_MARK:  # no hint: U+00B7, U+00D7 take the style's w:hAnsi font (the Latin one), §17.3.2.26
                fonts = None
            # §17.3.2.35 spacing: a run condensed where the layout squeezed its line
            val = spacing if spacing is not None else (-math.ceil(tracking * 20 - 1e-9) if tracking else None)
            sp = el("w:spacing", {"w:val": val}) if val is not None else None
            r = el("w:r", None, rpr(el("w:rStyle", {"w:val": self.sid(rstyle)}) if rstyle else None, fonts, sp))
            t = el("w:t")
            t.text = piece
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            r.append(t)
            out.append(r)
        return out

    def para(self, key: str | None, *children, props: tuple = ()):
        pp = ppr(el("w:pStyle", {"w:val": self.sid(key)}) if key and key != "body" else None, *props)
        p = el("w:p", None, pp if len(pp) else None)
        for c in children:
            if isinstance(c, list):
                for x in c:
                    p.append(x)
            elif c is not None:
                p.append(c)
        self.body_insert(p)
        return p

    def body_insert(self, e) -> None:
        self.body.insert(len(self.body) - 1, e)  # before the sectPr

    def br(self):
        return el("w:r", None, el("w:br"))  # §17.3.3.1 br: a line break inside the paragraph

    def lines_runs(self, lines: list[str], role: str) -> list:
        out: list = []
        for k, line in enumerate(lines):
            if k:
                out.append(self.br())
            out += self.runs(line, role)
        return out

    def build(self) -> None:
        styles.write_styles(self)
        header.front_page(self)
        articles.articles(self)
        footnotes.write_part(self)
        banji.banji(self)
        sections.section(self)
        sections.footers(self)
        from .family import even_banji

        even_banji(self)  # banji.page: even, where the PDF left a blank page
        package.settings(self)
        fonts.font_table(self)
        package.properties(self)
