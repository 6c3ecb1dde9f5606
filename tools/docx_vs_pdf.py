"""How LibreOffice lays out zhuanbao's DOCX, against zhuanbao's own PDF.

    python tools/docx_vs_pdf.py out/13/宣传信息专报第13期.docx out/13/宣传信息专报第13期.pdf

Converts the DOCX with LibreOffice (the official font names mapped to the
vendored fonts, as tests/test_docx_libreoffice.py does) and prints, for both
PDFs: pages, the share of full lines (a paragraph's line that another of its
lines follows) holding 28 characters among those set in Chinese characters
only, the steps between body baselines that are not whole grid lines, the
spread of body baselines' phase in the grid, the right edge of full
lines against the type area's, lines hung past it, the
版记's last rule against the foot of the type area, and whether the title
and 版记 lines agree. For the issue-8 note; the tests assert the same.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import pdfread  # noqa: E402
from test_docx_libreoffice import (  # noqa: E402
    PITCH, RIGHT, TYPE_BOTTOM_Y, TYPE_TOP_Y, banji_lines, body_lines, convert, full_lines, last_rule_y, share_of_28, title_lines,
)


def figures(pdf: Path) -> dict:
    chars = pdfread.chars(pdf)
    steps = off = 0
    for page in {r[0].page for r in body_lines(chars)}:
        ys = sorted({round(r[0].origin_y, 2) for r in body_lines(chars) if r[0].page == page}, reverse=True)
        for a, b in zip(ys, ys[1:]):
            steps += 1
            off += abs((a - b) / PITCH - round((a - b) / PITCH)) >= 0.02
    devs = [r[-1].x1 - RIGHT for r in full_lines(chars)]
    phases = sorted(((TYPE_TOP_Y - r[0].origin_y) / PITCH) % 1 for r in body_lines(chars))
    try:
        share = round(share_of_28(chars), 3)
    except AssertionError:
        share = None
    return {
        "pages": pdfread.page_count(pdf),
        "28-char share": share,
        "off-pitch steps": f"{off}/{steps}",
        "grid phase spread (lines)": round(phases[-1] - phases[0], 3),
        "right edge median": round(statistics.median(devs), 2) if devs else None,
        "right edge range": (round(min(devs), 2), round(max(devs), 2)) if devs else None,
        "hung lines": len(full_lines(chars, hung=True)) - len(full_lines(chars)),
        "版记 last rule − type bottom": round(last_rule_y(pdf) - TYPE_BOTTOM_Y, 2),
    }, chars


def main() -> None:
    docx, own = Path(sys.argv[1]), Path(sys.argv[2])
    lo = convert(docx, Path(tempfile.mkdtemp(prefix="docx-vs-pdf-")))
    a, ca = figures(own)
    b, cb = figures(lo)
    print("zhuanbao PDF   ", a)
    print("LibreOffice PDF", b)
    print("same title lines:", title_lines(ca) == title_lines(cb), " same 版记 lines:", banji_lines(ca) == banji_lines(cb))


if __name__ == "__main__":
    main()
