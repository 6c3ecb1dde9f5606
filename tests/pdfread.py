"""Reading a PDF the way an independent checker would: pypdfium2's text,
character boxes and font names, and the page's drawn paths.

Shared by the tests; nothing here knows how zhuanbao laid the page out.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw


@dataclass
class Char:
    ch: str
    page: int  # 1-based
    x0: float  # loose box (advance box), PDF points, origin bottom-left
    x1: float
    y0: float
    y1: float
    origin_x: float
    origin_y: float  # the baseline
    size: float
    font: str
    color: tuple[int, int, int, int]


def chars(path: Path, typed_spaces: bool = False) -> list[Char]:
    """Every character drawn, in order, page by page. pdfium also reports
    spaces it infers from gaps (left out); with `typed_spaces` those are
    kept too: pdfium takes a space drawn between two ideographs for one it
    inferred, and a reader of the page still sees a space there, not
    letter-spacing."""
    pdf = pdfium.PdfDocument(str(path))
    out: list[Char] = []
    for pno in range(len(pdf)):
        page = pdf[pno]
        tp = page.get_textpage()
        n = tp.count_chars()
        buf = ctypes.create_string_buffer(256)
        for i in range(n):
            cp = raw.FPDFText_GetUnicode(tp, i)
            if cp in (0, 0xFFFE, 0xFFFF):
                continue
            ch = chr(cp)
            if ch in "\r\n" or (ch == " " and raw.FPDFText_IsGenerated(tp, i) and not typed_spaces):
                continue
            rect = raw.FS_RECTF()
            raw.FPDFText_GetLooseCharBox(tp, i, rect)
            ox, oy = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
            flags = ctypes.c_int()
            nlen = raw.FPDFText_GetFontInfo(tp, i, buf, 256, flags)
            font = buf.raw[: max(nlen - 1, 0)].decode("utf-8", "replace")
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            raw.FPDFText_GetFillColor(tp, i, r, g, b, a)
            out.append(
                Char(
                    ch,
                    pno + 1,
                    rect.left,
                    rect.right,
                    rect.bottom,
                    rect.top,
                    ox.value,
                    oy.value,
                    raw.FPDFText_GetFontSize(tp, i),
                    font,
                    (r.value, g.value, b.value, a.value),
                )
            )
    return out


def text(path: Path) -> str:
    """All text, pages in order, with nothing but the characters drawn."""
    return "".join(c.ch for c in chars(path))


def page_count(path: Path) -> int:
    return len(pdfium.PdfDocument(str(path)))


def page_size(path: Path, pno: int = 0) -> tuple[float, float]:
    return pdfium.PdfDocument(str(path))[pno].get_size()


@dataclass
class Path_:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    stroke: tuple[int, int, int, int]
    width: float


def paths(path: Path) -> list[Path_]:
    """Stroked paths (rules, frames) with their bounds, stroke colour and width."""
    pdf = pdfium.PdfDocument(str(path))
    out = []
    for pno in range(len(pdf)):
        page = pdf[pno]
        for obj in page.get_objects():
            if obj.type != raw.FPDF_PAGEOBJ_PATH:
                continue
            left, bottom, right, top = obj.get_bounds()
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            raw.FPDFPageObj_GetStrokeColor(obj, r, g, b, a)
            w = ctypes.c_float()
            raw.FPDFPageObj_GetStrokeWidth(obj, w)
            out.append(Path_(pno + 1, left, bottom, right, top, (r.value, g.value, b.value, a.value), w.value))
    return out


def lines_of(cs: list[Char], tol: float = 0.5) -> list[list[Char]]:
    """Group characters into visual lines by page and baseline."""
    rows: list[list[Char]] = []
    for c in sorted(cs, key=lambda c: (c.page, -round(c.origin_y, 1), c.x0)):
        if rows and rows[-1][0].page == c.page and abs(rows[-1][0].origin_y - c.origin_y) <= tol:
            rows[-1].append(c)
        else:
            rows.append([c])
    for r in rows:
        r.sort(key=lambda c: c.x0)
    return rows


HANGING = set("，。、")  # the marks the default layout hangs past the right edge
INK_LEFT = set("，。、；：？！）》」』】〕”’")


def hung(line: list[Char], right: float, tol: float = 0.5) -> Char | None:
    """The mark a line hangs past the right edge (its cell starts there), if any."""
    last = line[-1]
    return last if last.ch in HANGING and abs(last.x0 - right) <= tol else None


def outside_measure(cs: list[Char], left: float, right: float, cell: float, tol: float = 0.5) -> list[Char]:
    """Characters that leave [left, right]: everything but a hung mark, which
    may take one cell past the right edge, and a compressed closing mark
    before it, whose ink half stays inside (its loose box is a full em)."""
    bad = []
    for ln in lines_of(cs):
        h = hung(ln, right, tol)
        for c in ln:
            if c is h:
                ok = c.x1 <= right + cell + tol
            elif c.ch in INK_LEFT:
                ok = c.x0 >= left - tol and c.x0 + cell / 2 <= right + tol
            else:
                ok = c.x0 >= left - tol and c.x1 <= right + tol
            if not ok:
                bad.append(c)
    return bad
