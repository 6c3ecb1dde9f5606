"""Pages → PDF with reportlab's canvas: glyphs where the layout put them.

reportlab is only the backend: it embeds subset fonts, compresses streams
and writes the file. Glyphs of one line that share a font and a uniform
advance are written as one string with character spacing (Tc), so the
content stream stays small; everything else is one string per glyph.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFontFace
from reportlab.pdfgen.canvas import Canvas

from .document import Document
from .layout.boxes import DotBox, FrameBox, Grid, ImageBox, Page, RuleBox, TextBox, VRuleBox
from .layoutfile import Layout
from .pdfstreams import StreamCache

TOLERANCE = 0.005  # pt: glyph advances within this are one uniform run


def _segments(box: TextBox):
    """Split a line into runs drawable as one string: same font, size,
    colour and a constant gap after every glyph."""
    glyphs = box.glyphs
    if not glyphs:
        return
    prev = glyphs[0]
    seg: list = [prev]
    spacing = 0.0
    # what the run's glyphs share (equal in every glyph appended to it)
    face, size, color, hscale, stroke = prev.face, prev.size, prev.color, prev.hscale, prev.stroke
    advance = face.advance
    for g in glyphs[1:]:
        if g.face is face and g.size == size and g.color == color and g.hscale == hscale and g.stroke == stroke:
            gap = g.x - prev.x - advance(prev.ch) * size * hscale
            if len(seg) == 1 or abs(gap - spacing) < TOLERANCE:
                spacing = gap
                seg.append(g)
                prev = g
                continue
        yield seg, (spacing if len(seg) > 1 else 0.0)
        seg = [g]
        spacing = 0.0
        prev = g
        face, size, color, hscale, stroke = g.face, g.size, g.color, g.hscale, g.stroke
        advance = face.advance
    yield seg, (spacing if len(seg) > 1 else 0.0)


@functools.cache
def _color(hex_color: str):
    """reportlab's colour for "#E60012", parsed once (a render sets a colour 650 times)."""
    return HexColor(hex_color)


def _draw_text(c: Canvas, box: TextBox, page_h: float) -> None:
    t = c.beginText()
    y = page_h - box.baseline
    state = None
    scale = 1.0
    color = tc = None  # set at the text object's first run whatever came before, then only when they change
    for seg, spacing in _segments(box):
        g0 = seg[0]
        if state != (g0.face.key, g0.size):
            t.setFont(g0.face.key, g0.size)
            state = (g0.face.key, g0.size)
        if g0.color != color:
            t.setFillColor(_color(g0.color))
            color = g0.color
        if g0.hscale != scale:
            t.setHorizScale(g0.hscale * 100)
            scale = g0.hscale
        # PDF scales character spacing with the text: Tc is in unscaled units
        space = round(spacing / g0.hscale, 4)
        if space != tc:
            t.setCharSpace(space)
            tc = space
        t.setTextOrigin(box.x + g0.x, y)
        if g0.stroke:  # fill and stroke (render mode 2): a bold the face does not have
            t.setStrokeColor(HexColor(g0.color))
            t._code.append(f"{g0.stroke:.3f} w")
            t.setTextRenderMode(2)
        t.textOut("".join([g.ch for g in seg]))
        if g0.stroke:
            t.setTextRenderMode(0)
    if scale != 1.0:
        # Tz is graphics state: it outlives ET, and the next text object
        # (which starts from 100 %) would be drawn stretched
        t.setHorizScale(100)
    c.drawText(t)


_MAKE_SUBSET = TTFontFace.makeSubset


class _CachedFlate(pdfdoc.PDFStreamFilterZCompress):
    """reportlab's Flate filter, its output taken from a StreamCache."""

    def __init__(self, streams: StreamCache):
        self.streams = streams

    def encode(self, text):
        if isinstance(text, str):
            text = text.encode("utf8")
        return self.streams.compress(text)


def write_pdf(
    pages: list[Page], doc: Document, layout: Layout, out: Path | BinaryIO, streams: StreamCache | None = None
) -> None:
    """Draw the pages into `out`, a path (render.py makes that a temporary
    file) or a binary file object (the preview keeps the PDF in memory).

    Streams are Flate-compressed binary: reportlab's default ASCII85 layer
    only adds a quarter to every page's size, so it is off while we write.
    Font subsets and compressed streams come from `streams` (the preview's,
    in memory) or else from the disk cache (pdfstreams.py) when their input
    is unchanged: the same bytes either way. The file's creation date is
    the document's (the issue's, as the OFD's), not the clock's, so the
    bytes stay the same from one render to the next.
    """
    if streams is None:
        streams = StreamCache.on_disk()
    saved = rl_config.useA85, pdfdoc.PDFZCompress, TTFontFace.makeSubset
    rl_config.useA85 = 0
    pdfdoc.PDFZCompress = _CachedFlate(streams)
    TTFontFace.makeSubset = lambda face, subset: streams.subset(face, subset, _MAKE_SUBSET)
    try:
        _write(pages, doc, layout, out)
        streams.end_write()
    finally:
        rl_config.useA85, pdfdoc.PDFZCompress, TTFontFace.makeSubset = saved


def _write(pages: list[Page], doc: Document, layout: Layout, out: Path | BinaryIO) -> None:
    grid = Grid.from_layout(layout)
    meta = layout.root.sub("pdf")
    # reportlab declares an initial font on every page; make it one we embed
    # rather than an unembedded Helvetica.
    first_face = next(g.face.key for p in pages for i in p.items if isinstance(i, TextBox) for g in i.glyphs)
    c = Canvas(
        str(out) if isinstance(out, Path) else out,
        pagesize=(grid.page_width, grid.page_height),
        invariant=1,
        pageCompression=1,
        lang="zh-CN",
        initialFontName=first_face,
        initialFontSize=layout.styles["body"].size,
    )
    c.setTitle(doc.title)
    c.setAuthor(doc.author)
    c.setSubject(doc.subject)
    c.setCreator(meta.text("creator", "zhuanbao"))
    issue_date = doc.date
    if issue_date is not None:
        # CreationDate and ModDate (PDF 32000-1 §7.9.4: D:YYYYMMDD), not reportlab's invariant 2000-01-01
        c.setDateFormatter(lambda *_: f"D:{issue_date.year:04d}{issue_date.month:02d}{issue_date.day:02d}")
    H = grid.page_height
    for page in pages:
        for k, mark in enumerate(page.bookmarks):
            key = f"p{page.number}-{k}"
            c.bookmarkPage(key, fit="XYZ", left=0, top=H - mark.y)
            c.addOutlineEntry(mark.title, key, level=0)
        for item in page.items:
            if isinstance(item, TextBox):
                _draw_text(c, item, H)
            elif isinstance(item, RuleBox):
                c.setStrokeColor(_color(item.color))
                c.setLineWidth(item.thickness)
                c.line(item.x0, H - item.y, item.x1, H - item.y)
            elif isinstance(item, FrameBox):
                c.setStrokeColor(_color(item.color))
                c.setLineWidth(item.thickness)
                c.rect(item.x, H - item.y - item.height, item.width, item.height, stroke=1, fill=0)
            elif isinstance(item, VRuleBox):
                c.setStrokeColor(_color(item.color))
                c.setLineWidth(item.thickness)
                c.line(item.x, H - item.y, item.x, H - item.y - item.height)
            elif isinstance(item, DotBox):
                c.setFillColor(HexColor(item.color))
                c.circle(item.x, H - item.y, item.radius, stroke=0, fill=1)
            elif isinstance(item, ImageBox):
                _draw_image(c, item, H)
        c.showPage()
    c.save()


def _draw_image(c: Canvas, item: ImageBox, page_h: float) -> None:
    """The prepared picture's bytes (pictures.prepare), embedded as they are."""
    import io

    from reportlab.lib.utils import ImageReader

    source = ImageReader(io.BytesIO(item.picture.data)) if item.picture else str(item.path)
    c.drawImage(source, item.x, page_h - item.y - item.height, item.width, item.height)
