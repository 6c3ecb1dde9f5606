"""The pipeline: files → Issue → Document → pages → PDF (and DOCX, OFD).

All outputs are written to temporary files in the output folder and renamed
only when every one of them succeeded, so a failure leaves no half-written
file and no mix of a new PDF with an old DOCX.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .articlecache import ArticleCache
from .atomicfile import signals_held
from .content import load_issue
from .document import Document, build_document, link_warnings
from .textcheck import text_warnings
from .errors import Diagnostic, cannot_read, cannot_write
from .formats import DEFAULT_FORMATS
from .fonts import FontBook
from .layout.boxes import Page
from .layout.decided import Decided
from .layout.pages import Laid, lay_out
from .layoutfile import Layout, load_layout, resolve_layout
from .model import Issue

def issue_formats(issue: Issue) -> tuple[str, ...]:
    """The formats publication.yaml (or issue.yaml) sets with `formats:`, checked when the issue loaded."""
    return issue.formats or DEFAULT_FORMATS


@dataclass
class Rendered:
    issue: Issue
    document: Document
    layout: Layout
    fonts: FontBook
    pages: list[Page]
    warnings: list[Diagnostic] = field(default_factory=list)
    decided: Decided = field(default_factory=Decided)  # what the DOCX lowers (layout/decided.py)


def lay_out_issue(
    issue: Issue, layout: Layout, fonts: FontBook, warnings: list[Diagnostic], ts=None
) -> tuple[Document, Laid, Decided]:
    """The one way from a loaded issue to its laid-out pages.

    render, check, proof and the preview all come through here, so none of
    them can miss a step the others take (a warning, a decided fact the DOCX
    lowers). `warnings` gets the layout's warnings; `ts` is the preview's
    remembering Typesetter.
    """
    doc = build_document(issue, layout)
    warnings.extend(link_warnings(issue, layout))
    decided = Decided()
    laid = lay_out(doc, layout, fonts, warnings, decided, ts)
    return doc, laid, decided


def prepare(content_dir: Path, folder: str, cwd: Path | None = None) -> Rendered:
    """Load, validate and lay out an issue without writing anything."""
    loaded = load_issue(content_dir, folder, read_article=ArticleCache.on_disk().read)
    layout = load_layout(resolve_layout(loaded.issue.layout, cwd))
    fonts = FontBook(layout)
    # what prints but looks wrong (a half-width mark, an unbalanced quote): said by render too,
    # not only by check, so that an editor who only renders hears of it before handing the PDF out
    warnings = list(loaded.warnings) + [d for art in loaded.issue.articles for d in text_warnings(art)]
    doc, laid, decided = lay_out_issue(loaded.issue, layout, fonts, warnings)
    return Rendered(loaded.issue, doc, layout, fonts, laid.pages, warnings, decided)


def output_name(issue: Issue, fmt: str, suffix: str = "") -> str:
    """宣传信息专报第13期.pdf; `suffix` before the extension (-校样 for the proof copy)."""
    return f"{issue.masthead}{issue.family.series or ''}第{issue.number}期{suffix}.{fmt}"


def write_outputs(
    r: Rendered, out_dir: Path, folder: str, formats: tuple[str, ...], embed_fonts: bool = False, suffix: str = ""
) -> list[Path]:
    """Write every format to a temporary file, then rename them all together.

    The renames of one run happen while it holds a lock on the target
    folder, so when several renders of the same issue run at once, the PDF,
    DOCX and OFD left in out/ always come from the same run. Any OSError
    (the folder is a file, no permission, the disk full) becomes one message
    naming the file, after the temporary files are removed.
    """
    target_dir = out_dir / folder
    created = [p for p in (target_dir, *target_dir.parents) if not p.exists()]
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(exc, _first_blocked(target_dir)) from None
    _remove_stale_temps(target_dir, [output_name(r.issue, fmt, suffix) for fmt in formats])
    temps: list[tuple[Path, Path]] = []
    where = target_dir  # what a message names: the folder, or the file being written
    done = False
    try:
        for fmt in formats:
            final = target_dir / output_name(r.issue, fmt, suffix)
            where = target_dir
            with signals_held():  # a Ctrl-C between creating and recording it would leave it behind
                fd, tmp = tempfile.mkstemp(prefix=f".{final.stem}-", suffix=f".{fmt}.tmp", dir=target_dir)
                temps.append((Path(tmp), final))
                os.close(fd)
            where = final
            if fmt == "pdf":
                from .pdf import write_pdf

                write_pdf(r.pages, r.document, r.layout, Path(tmp))
            elif fmt == "ofd":
                from .ofd import write_ofd

                write_ofd(r.pages, r.document, r.layout, Path(tmp))
            else:
                from .docx import write_docx

                write_docx(r, Path(tmp), embed_fonts=embed_fonts)
        umask = os.umask(0)
        os.umask(umask)
        with _folder_lock(target_dir), signals_held():
            for tmp, final in temps:
                where = final
                os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are for sharing
                os.replace(tmp, final)
            done = True
    except OSError as exc:
        other = Path(os.path.abspath(exc.filename)) if exc.filename else None
        ours = Path(os.path.abspath(target_dir))
        if other is not None and other != ours and other.parent != ours:
            # a picture or font the writer reads, not the output: name that file
            raise cannot_read(exc, other) from None
        raise cannot_write(exc, where) from None
    finally:
        try:
            for tmp, _ in temps:
                tmp.unlink(missing_ok=True)
            if not done:
                for folder_made in created:  # innermost first; only the empty ones this run made
                    folder_made.rmdir()
        except OSError:
            pass  # not empty (another run wrote there) or gone: nothing of ours is left
    return [final for _, final in temps]


STALE_TEMP_SECONDS = 3600  # older than any render: a run killed outright (power cut, kill -9) left it


def _remove_stale_temps(folder: Path, names: list[str]) -> None:
    """Temporary files of these outputs left by a run that could not clean up; a live run's are younger."""
    now = time.time()
    for name in names:
        stem, _, fmt = name.rpartition(".")
        for p in folder.glob(f".{glob.escape(stem)}-*.{fmt}.tmp"):
            try:
                if now - p.stat().st_mtime > STALE_TEMP_SECONDS:
                    p.unlink()
            except OSError:
                pass  # gone already, or not ours to remove: the render does not depend on it


def _first_blocked(path: Path) -> Path:
    """The part of `path` that stops mkdir: a file where a folder should be, or the missing folder."""
    for parent in [*reversed(path.parents), path]:
        if parent.exists() and not parent.is_dir():
            return parent
    return path


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` itself (no lock file is left behind).

    Other zhuanbao processes wait on it; where the system has no flock
    (Windows), the renames are done without it.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
