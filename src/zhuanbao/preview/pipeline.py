"""One long-lived render of one issue, redoing only what a save changed.

`zhuanbao render` is a process per PDF: it reads every file, loads the
fonts, lays out, writes. The preview renders the same issue again on every
save, so it keeps what does not change between saves in one object:

- the parsed articles (articlecache.ArticleCache: by path and content),
- the layout file and the fonts it names (loaded again only when one of
  those files changes),
- the lines of every paragraph as set (memo.MemoTypesetter: an unchanged
  paragraph in the same place is not broken again),
- the PDF writer's font subsets and compressed streams (pdfstreams.StreamCache:
  an edit that brings no new character re-uses every embedded font).

It composes the same functions as render.prepare (content.load_issue,
layoutfile.load_layout, fonts.FontBook, render.lay_out_issue — the one
way from an issue to pages that render, check and proof share —
pdf.write_pdf) and decides nothing itself.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..check import Report, issue_warnings, title_warnings
from ..textcheck import text_warnings
from ..content import load_issue
from ..errors import ContentError, Diagnostic
from ..fonts import FontBook
from ..layout.boxes import Grid, ImageBox, Page, TextBox
from ..layout.titles import layout_side_files
from ..layoutfile import Layout, load_layout, resolve_layout
from ..pdf import write_pdf
from ..pdfstreams import StreamCache
from ..render import Rendered, lay_out_issue, output_name
from ..articlecache import ArticleCache, file_stamp
from .memo import MemoTypesetter


@dataclass
class Build:
    """A good render: what the server hands out until the next good one."""

    generation: int
    title: str  # 宣传信息专报 第13期
    pdf: bytes
    pdf_name: str
    docx_name: str
    page_keys: list[str]  # one per page; changes exactly when the page's frame does
    warnings: list[str]
    rendered: Rendered  # for the DOCX, written only when asked for


@dataclass
class Pipeline:
    """Renders `content_dir/folder` again and again, caching what it can."""

    content_dir: Path
    folder: str
    cwd: Path | None = None
    articles: ArticleCache = field(default_factory=ArticleCache.on_disk)
    streams: StreamCache = field(default_factory=StreamCache.on_disk)
    _layout_key: tuple | None = None
    _layout: Layout | None = None
    _fonts: FontBook | None = None
    _generation: int = 0
    lines: dict = field(default_factory=dict)  # MemoTypesetter's memory: set lines by their input
    pictures: set[Path] = field(default_factory=set)  # named by the last good issue, for the watcher
    _text_warned: dict = field(default_factory=dict)  # id(article) → (article, check's warnings on its text)

    def _layout_for(self, name: str) -> tuple[Layout, FontBook]:
        """The layout and its fonts, loaded again only when a file of them changed."""
        path = resolve_layout(name, self.cwd)
        key = (path, file_stamp(path))
        if self._layout is not None and self._layout_key is not None and self._layout_key[:2] == key:
            fonts_now = tuple(file_stamp(f) for f in self._parts(self._layout))
            if fonts_now == self._layout_key[2]:
                return self._layout, self._fonts  # type: ignore[return-value]
        layout = load_layout(path)
        fonts = FontBook(layout)
        layout_key = (path, key[1], tuple(file_stamp(f) for f in self._parts(layout)))
        self._layout, self._fonts, self._layout_key = layout, fonts, layout_key
        self.streams.clear()  # a changed font must not meet its old subsets
        self.lines.clear()  # nor old lines
        return layout, fonts

    @staticmethod
    def _parts(layout: Layout) -> list[Path]:
        """The files a layout is made of besides itself: its fonts, and its
        word list and title model (layout_side_files, which never raises). A
        change to any of them loads the layout afresh and forgets the
        remembered lines, as a changed layout does: a word list saved costs
        the next render about as much as a changed layout."""
        return [s.file for s in layout.fonts.values()] + [s.file for s in layout.fallback] + layout_side_files(layout)

    def layout_files(self) -> list[Path]:
        """The layout file, its fonts and side files, for the watcher (empty before a layout is loaded)."""
        if self._layout is None:
            return []
        return [self._layout.path, *self._parts(self._layout)]

    def _text_warnings(self, article) -> list[Diagnostic]:
        """check's warnings on an article's text, worked out again only for an
        article the cache read anew (an unchanged one is the same object)."""
        held = self._text_warned.get(id(article))
        if held is None or held[0] is not article:
            held = self._text_warned[id(article)] = (article, text_warnings(article))
            if len(self._text_warned) > 500:  # a long session's old articles
                self._text_warned = {id(article): held}
        return held[1]

    def render(self) -> Build:
        """Lay the issue out and write its PDF to memory; raises ContentError."""
        loaded = load_issue(self.content_dir, self.folder, read_article=self.articles.read)
        issue = loaded.issue
        self.articles.forget_missing({a.path for a in issue.articles})
        layout, fonts = self._layout_for(issue.layout)
        warnings: list[Diagnostic] = list(loaded.warnings)
        ts = MemoTypesetter(layout, fonts, Grid.from_layout(layout), warnings, self.lines)
        if len(self.lines) > 20000:  # years of edits in one session: start over
            self.lines.clear()
        doc, laid, decided = lay_out_issue(issue, layout, fonts, warnings, ts=ts)
        pages = laid.pages
        buf = io.BytesIO()
        write_pdf(pages, doc, layout, buf, streams=self.streams)
        self._generation += 1
        self.pictures = {i.path for p in pages for i in p.items if isinstance(i, ImageBox)}
        # listed under the pages as `check` prints them: the layout's warnings and check's own
        # (marks, a missing source, titles the layout broke), by file and line
        report = Report()
        report.extend(warnings + issue_warnings(issue, self.folder, text=self._text_warnings) + title_warnings(issue, doc, decided))
        return Build(
            generation=self._generation,
            title=doc.title,
            pdf=buf.getvalue(),
            pdf_name=output_name(issue, "pdf"),
            docx_name=output_name(issue, "docx"),
            page_keys=[page_key(p) for p in pages],
            warnings=[str(w) for w in report.sorted()],
            rendered=Rendered(issue, doc, layout, fonts, pages, warnings, decided),
        )


def page_key(page: Page) -> str:
    """A name for what a page shows: equal frames, equal names.

    The browser swaps only the pictures of pages whose name changed, and
    caches the rest; a picture file saved anew changes its page's name too.
    """
    parts: list = [page.number]
    for item in page.items:
        if isinstance(item, TextBox):
            gs = item.glyphs
            parts.append(
                (
                    item.x,
                    item.baseline,
                    "".join([g.ch for g in gs]),  # lists, not generators: a page's 600 glyphs at every save
                    tuple([g.x for g in gs]),
                    tuple([(g.face.key, g.size, g.color, g.hscale) for g in gs]),
                )
            )
        elif isinstance(item, ImageBox):
            parts.append((str(item.path), file_stamp(item.path), item.x, item.y, item.width, item.height))
        else:
            parts.append(repr(item))
    return f"{page.number}-{hash(tuple(parts)) & 0xFFFFFFFFFFFFFFFF:016x}"


def docx_bytes(build: Build) -> bytes:
    """The DOCX of a good render, through docx.write_docx (written to a temporary file)."""
    import tempfile

    from ..docx import write_docx

    fd, tmp = tempfile.mkstemp(prefix="zhuanbao-preview-", suffix=".docx")
    os.close(fd)
    try:
        write_docx(build.rendered, Path(tmp))
        return Path(tmp).read_bytes()
    finally:
        os.unlink(tmp)


def check_messages(content_dir: Path, folder: str, cwd: Path | None, error: ContentError) -> list[str]:
    """The errors and warnings as `zhuanbao check` prints them, errors first.

    Falls back to the one error the render met if check itself cannot run.
    """
    from ..check import check_issue

    try:
        report = check_issue(content_dir, folder, cwd) if cwd else check_issue(content_dir, folder)
    except Exception:  # check must never take the preview down
        return [str(error)]
    lines = [str(d) for d in report.sorted() if d.level == "error"]
    return lines or [str(error)]
