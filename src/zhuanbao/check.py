"""`zhuanbao check 13`: every problem of an issue at once, nothing written.

Errors are what would stop `render` (a broken article, a character no font
has); warnings are what prints but looks wrong. Each names its file and line.
Broken articles are skipped and the rest is still laid out, so that one
run shows everything to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .content import load_issue
from .errors import ContentError, Diagnostic, Where, key_line
from .model import Issue
from .newissue import issue_folders, read_issue_info
from .layout.text import no_font
from .textcheck import _front_where, _texts, text_warnings


SPOKEN = re.compile(r"^——.*在.+上的(?:讲话|发言|致辞|报告)(?:（[^（）]*）)?$")  # ——在…会议上的讲话（摘要）, not ——…评估报告


def speech_subtitle(subtitle: str | None) -> bool:
    """Whether an article's subtitle makes it a speech, naming its speaker
    (——陈立新同志在…上的讲话) or not (——在2024年全县卫生健康工作会议上的讲话,
    the office's own leader): a speech has no source line, whose words they
    are is the subtitle's or the masthead's to say."""
    from .layout.flow import SPEECH

    text = (subtitle or "").strip()
    return bool(text) and (SPEECH.match(text) is not None or SPOKEN.match(text) is not None)


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    issue: Issue | None = None
    pages: int | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == "warning"]

    def extend(self, ds: list[Diagnostic]) -> None:
        for d in ds:
            self.add(d)

    def add(self, d: Diagnostic) -> None:
        if d not in self.diagnostics:
            self.diagnostics.append(d)

    def sorted(self) -> list[Diagnostic]:
        def key(d: Diagnostic):
            w = d.where
            return (str(w.path) if w else "", (w.line or 0) if w else 0, d.level != "error")

        return sorted(self.diagnostics, key=key)


def title_warnings(issue: Issue, doc, decided) -> list[Diagnostic]:
    """Every title written on one line that the layout broke, with the break
    it chose, as `title: |` lines an editor can paste to keep or move it; and
    every title that takes more than two lines.

    Read from the decided issue (`decided.title_lines`, the lines the PDF and
    the DOCX print): a run-in 简讯 title has no title lines and is not
    listed, and no break is worked out a second time here.
    """
    out: list[Diagnostic] = []
    for k, lines in sorted(decided.title_lines.items()):
        block = doc.body[k]
        art = issue.articles[block.article]
        where = _front_where(art, "title")
        pieces = [line.strip() for line in lines if line.strip()]
        if not block.broken_by_hand and len(pieces) > 1:
            paste = "".join(f"\n      {p}" for p in pieces)
            out.append(
                Diagnostic(
                    "warning",
                    where,
                    f"标题由版式断行 the layout broke this title above the article and in the 目录: {' / '.join(pieces)}. "
                    f"If an editor would break it elsewhere, write the lines yourself:\n    title: |{paste}",
                )
            )
        if len(pieces) > 2:
            # a quotation kept whole can cost a title a line (浙江启动 / “清朗·…整治” / 专项行动): then a
            # break by hand inside it is the editor's choice the layout does not make
            why = decided.titles_kept_whole.get(k)
            hint = {
                "quote": ", or break it by hand inside its quotation, which the layout keeps whole (`title: |`).",
                "space": ": a line ends at the space you typed, which no first line of two could, or take the space out "
                         "and let the layout break it in two.",
            }.get(why or "", ".")
            out.append(
                Diagnostic(
                    "warning",
                    where,
                    f"标题太长 the title takes {len(pieces)} lines: shorten it to two lines "
                    "(or move part of it to `subtitle:`)" + hint,
                )
            )
    # a run-in 简讯 title has no title lines, but its 目录 entry may be broken by the layout
    by_file = {str(a.where.path): a for a in issue.articles if a.where}
    for pieces, at in decided.runin_toc_breaks:
        art = by_file.get(str(at.path)) if at else None
        if art is not None:
            paste = "".join(f"\n      {p}" for p in pieces)
            out.append(
                Diagnostic(
                    "warning",
                    _front_where(art, "title"),
                    f"标题由版式断行 the layout broke this 简讯 title in the 目录: {' / '.join(pieces)}. "
                    f"If an editor would break it elsewhere, write the lines yourself:\n    title: |{paste}",
                )
            )
    return out


def _order_warnings(issue: Issue, folder_name: str) -> list[Diagnostic]:
    """Number and date against the other issues of the same year."""
    out: list[Diagnostic] = []
    iss_path = issue.folder / "issue.yaml"
    if not issue.number.isdigit():
        return out
    me = int(issue.number)
    others = []
    for p in issue_folders(issue.content_dir):
        if p.name == folder_name:
            continue
        info = read_issue_info(p)
        if info and info.number and info.number.isdigit() and info.date and info.date.year == issue.date.year:
            if (info.data.get("series") or None) == issue.family.series:  # 增刊 1 is not 正刊 1
                others.append(info)
    where = Where(iss_path, key_line(iss_path, "number"))
    for o in others:
        n = int(o.number)  # type: ignore[arg-type]
        if n == me:
            out.append(
                Diagnostic(
                    "warning",
                    where,
                    f"期号重复 issue {o.folder.name} of {o.date.year} has number {n} too: "  # type: ignore[union-attr]
                    "give this issue the next number.",
                )
            )
        elif (n < me and o.date > issue.date) or (n > me and o.date < issue.date):  # type: ignore[operator]
            out.append(
                Diagnostic(
                    "warning",
                    Where(iss_path, key_line(iss_path, "date")),
                    f"期号与日期顺序不符 out of order: issue {n} ({o.folder.name}) is dated {o.date}, "
                    f"this issue {me} is dated {issue.date}: check `number` and `date`.",
                )
            )
    return out


def _font_errors(issue: Issue, layout, fonts) -> list[Diagnostic]:
    """Every character no configured font has, each with its place."""
    out: list[Diagnostic] = []
    seen: set[tuple[str, str]] = set()
    styles = layout.styles
    for art in issue.articles:
        for text, where, what in _texts(art):
            role = styles.get({"paragraph": "body"}.get(what, what), styles["body"]).font
            for ch in text:
                if ch.isspace() or (str(where), ch) in seen:
                    continue
                try:
                    face = fonts.for_char(role, ch)
                except Exception:
                    face = True
                if face is None:
                    seen.add((str(where), ch))
                    out.append(Diagnostic("error", where, no_font(ch)))
    return out


def _articles_alone(content_dir: Path, folder: str, report: Report) -> None:
    """The issue itself is broken: still read each article, to list their problems too."""
    from .content import article_files, load_article
    from .importer import sections_of

    issue_dir = content_dir / folder
    if not issue_dir.is_dir():
        return
    try:
        sections = sections_of(content_dir, issue_dir)
    except ContentError:
        return
    for p in article_files(issue_dir):
        warnings: list[Diagnostic] = []
        try:
            art = load_article(p, sections, issue_dir, warnings)
        except ContentError as exc:
            report.extend(exc.diagnostics)
            continue
        for w in warnings + text_warnings(art):
            report.add(w)


def issue_warnings(issue: Issue, folder: str, complete: bool = True, text=text_warnings) -> list[Diagnostic]:
    """What `check` says of a loaded issue before laying it out: each
    article's text (marks, quotes, spaces), a missing source, an empty
    section (only when every article loaded, `complete`), the number and date
    against the other issues, the family's headings, notes and totals. The
    preview lists them under its pages, as check prints them (`text`: its
    memo of text_warnings, for the articles a save left as they were)."""
    out: list[Diagnostic] = []
    for art in issue.articles:
        out.extend(text(art))
        if not art.sources and not speech_subtitle(art.subtitle):  # (a speech's subtitle names its speaker)
            out.append(
                Diagnostic(
                    "warning",
                    art.where,
                    "没有来源 the article has no `source:` (the unit that sent it, printed as （…）): add it.",
                )
            )
    present = {a.section for a in issue.articles}
    # (an article that failed to load is in no section we know of: its errors come first, and a
    # section it may fill is not called empty)
    for name in issue.sections if complete else ():
        if name not in present and not issue.family.series:  # a 增刊 on one event leaves sections out
            out.append(
                Diagnostic(
                    "warning",
                    Where(issue.content_dir / "publication.yaml", key_line(issue.content_dir / "publication.yaml", "sections")),
                    f"栏目 `{name}` 本期没有文章 section {name} has no articles in this issue "
                    "(it is left out of the 目录).",
                )
            )
    out.extend(_order_warnings(issue, folder))
    from .family_check import date_warnings, heading_warnings, note_warnings, series_infos, total_warnings

    out.extend(w for art in issue.articles for w in heading_warnings(art) + note_warnings(art))
    infos = series_infos(issue)  # every issue.yaml, read once for both
    out.extend(total_warnings(issue, infos))
    out.extend(date_warnings(issue, infos=infos))
    return out


def check_issue(content_dir: Path, folder: str, cwd: Path | None = None) -> Report:
    report = Report()
    errors: list[ContentError] = []
    try:
        loaded = load_issue(Path(content_dir), folder, errors)
    except ContentError as exc:
        for e in errors:
            report.extend(e.diagnostics)
        report.extend(exc.diagnostics)
        if not errors:
            _articles_alone(Path(content_dir), folder, report)
        return report
    for e in errors:
        report.extend(e.diagnostics)
    issue = loaded.issue
    report.issue = issue
    for w in loaded.warnings:
        report.add(w)

    for d in issue_warnings(issue, folder, complete=not errors):
        report.add(d)

    # Lay out what loaded: fallback characters, fonts, title lengths.
    from .fonts import FontBook
    from .layoutfile import load_layout, resolve_layout
    from .render import lay_out_issue

    try:
        layout = load_layout(resolve_layout(issue.layout, cwd))
        fonts = FontBook(layout)
    except ContentError as exc:
        report.extend(exc.diagnostics)
        return report
    missing = _font_errors(issue, layout, fonts)
    for d in missing:
        report.add(d)
    if missing:
        return report  # the layout would stop at the first of them
    warnings: list[Diagnostic] = []
    try:
        doc, laid, decided = lay_out_issue(issue, layout, fonts, warnings)  # as render does, link warnings included
        pages = laid.pages
    except ContentError as exc:
        for w in warnings:
            report.add(w)
        report.extend(exc.diagnostics)
        return report
    for w in warnings:
        report.add(w)
    report.pages = len(pages)
    for d in title_warnings(issue, doc, decided):
        report.add(d)
    return report
