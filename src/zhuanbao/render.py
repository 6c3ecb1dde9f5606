"""The pipeline: files → Issue → Document → pages → PDF (and DOCX, OFD).

All outputs are written to temporary files in the output folder and renamed
only when every one of them succeeded, so a failure leaves no half-written
file and no mix of a new PDF with an old DOCX.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .articlecache import ArticleCache
from .content import load_issue
from .document import Document, build_document, link_warnings
from .errors import ContentError, Diagnostic, Where
from .fonts import FontBook
from .layout.boxes import Page
from .layout.decided import Decided
from .layout.pages import layout_document
from .layoutfile import Layout, load_layout, resolve_layout
from .model import Issue

FORMATS = ("pdf", "docx", "ofd")  # what `--format all` writes
DEFAULT_FORMATS = ("pdf", "docx")  # what a render writes when neither --format nor publication.yaml says


def parse_formats(value: object, where: Where) -> tuple[str, ...]:
    """`pdf,docx,ofd`, a YAML list or `all` → the formats, in FORMATS order.
    An unknown or empty value is one message naming where it was written."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    names = [str(v).strip().lower() for v in items if str(v).strip()]
    if "all" in names:
        return FORMATS
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        what = f"未知的输出格式 unknown format `{', '.join(bad)}`" if bad else "没有给出输出格式 no format given"
        raise ContentError(where, f"{what}: formats are {', '.join(FORMATS)} or all, e.g. `formats: [pdf, docx]`.")
    return tuple(f for f in FORMATS if f in names)


def issue_formats(issue: Issue) -> tuple[str, ...]:
    """The formats publication.yaml (or issue.yaml) sets with `formats:`, else DEFAULT_FORMATS."""
    if "formats" not in issue.extra:
        return DEFAULT_FORMATS
    path = issue.content_dir / "publication.yaml"
    line = None
    if path.is_file():
        line = next(
            (i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if t.startswith("formats:")),
            None,
        )
    return parse_formats(issue.extra["formats"], Where(path, line))


@dataclass
class Rendered:
    issue: Issue
    document: Document
    layout: Layout
    fonts: FontBook
    pages: list[Page]
    warnings: list[Diagnostic] = field(default_factory=list)
    decided: Decided = field(default_factory=Decided)  # what the DOCX lowers (layout/decided.py)


def prepare(content_dir: Path, folder: str, cwd: Path | None = None) -> Rendered:
    """Load, validate and lay out an issue without writing anything."""
    loaded = load_issue(content_dir, folder, read_article=ArticleCache.on_disk().read)
    layout = load_layout(resolve_layout(loaded.issue.layout, cwd))
    fonts = FontBook(layout)
    doc = build_document(loaded.issue, layout)
    warnings = list(loaded.warnings) + link_warnings(loaded.issue, layout)
    decided = Decided()
    pages = layout_document(doc, layout, fonts, warnings, decided)
    return Rendered(loaded.issue, doc, layout, fonts, pages, warnings, decided)


def output_name(issue: Issue, fmt: str) -> str:
    return f"{issue.masthead}{issue.family.series or ''}第{issue.number}期.{fmt}"


def write_outputs(
    r: Rendered, out_dir: Path, folder: str, formats: tuple[str, ...], embed_fonts: bool = False
) -> list[Path]:
    target_dir = out_dir / folder
    target_dir.mkdir(parents=True, exist_ok=True)
    temps: list[tuple[Path, Path]] = []
    try:
        for fmt in formats:
            final = target_dir / output_name(r.issue, fmt)
            fd, tmp = tempfile.mkstemp(prefix=f".{final.stem}-", suffix=f".{fmt}.tmp", dir=target_dir)
            os.close(fd)
            temps.append((Path(tmp), final))
            if fmt == "pdf":
                from .pdf import write_pdf

                write_pdf(r.pages, r.document, r.layout, Path(tmp))
            elif fmt == "ofd":
                from .ofd import write_ofd

                write_ofd(r.pages, r.document, r.layout, r.issue.date.isoformat(), Path(tmp))
            else:
                from .docx import write_docx

                write_docx(r, Path(tmp), embed_fonts=embed_fonts)
        umask = os.umask(0)
        os.umask(umask)
        for tmp, final in temps:
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are for sharing
            os.replace(tmp, final)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
    return [final for _, final in temps]
