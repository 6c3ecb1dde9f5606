"""The Document → DOCX, for editors who correct a word in Word or WPS.

The same document as the PDF (document.py decides what prints), built with
Word's own structure rather than positioned glyphs: a section with the
GB/T 9704 page and a `linesAndChars` grid, named paragraph styles that carry
the layout's fonts and sizes, the header as paragraphs with borders and a
one-cell table, the 目录, the articles, odd/even footers with a PAGE field,
and the 版记 as a table floating at the foot of the last page.

python-docx provides the package and the pictures; everything it has no API
for is written as WordprocessingML (xml.py keeps the schema order).
Every number comes from the layout. The bytes depend only on the input:
fixed core-properties dates (the issue's date) and fixed zip entry dates.

Where to look:
  writer.py    the writer's state, runs and paragraphs, the build order
  styles.py    named styles (styles.xml)
  header.py    page 1: masthead, number, publisher line, red rule, box, 目录
  articles.py  titles, paragraphs, pictures
  banji.py     the 版记 at the foot of the last page
  sections.py  page size, margins, document grid, page-number footers
  fonts.py     the font table and --embed-fonts
  package.py   settings.xml, document properties, the zip bytes
  xml.py       WordprocessingML elements in schema order, unit conversions
"""

from __future__ import annotations

from pathlib import Path

from .package import to_bytes
from .writer import DocxWriter


def write_docx(r, path: Path, embed_fonts: bool = False) -> None:
    """Write the rendered issue `r` as a DOCX to `path` (render.py makes that a temporary file)."""
    w = DocxWriter(r, embed_fonts)
    w.build()
    Path(path).write_bytes(to_bytes(w))
