"""What the family keys print (../shared/spec/family.md), decided once for
the PDF and the DOCX: the 期号 line with 总第N期 and a series, the header
marks, the 编者按 paragraphs, heading levels, the 版记 additions and whether
the 目录 prints. Every label comes from the layout's `labels`.

document.py calls these; with none of the keys set each returns what the
document held before them (no marks, the plain 期号, the same 版记).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import Where
from .family import check_series
from .layoutfile import Layout
from .model import Issue

if TYPE_CHECKING:  # document.py imports this module
    from .document import Para

DEFAULT_SERIES = ("增刊", "专刊", "特刊")


def _label(layout: Layout, key: str, default: str) -> str:
    labels = layout.root.sub("labels")
    return labels.text(key) if labels.has(key) else default


def series_names(layout: Layout) -> tuple[str, ...]:
    value = layout.root.sub("labels").raw("series_names", list(DEFAULT_SERIES))
    if not isinstance(value, list):
        from .errors import ContentError

        raise ContentError(Where(layout.path), "layout key `labels.series_names` should be a list like [增刊, 专刊, 特刊].")
    return tuple(str(v) for v in value)


def number_label(issue: Issue, layout: Layout) -> str:
    """`第 13 期`, `第 13 期（总第 356 期）`, `增刊第 2 期`: formats from the layout."""
    fam = issue.family
    if fam.series:
        check_series(fam, series_names(layout), Where(layout.path))
        text = _label(layout, "series_number", "{series}第 {number} 期").format(series=fam.series, number=issue.number)
    else:
        text = layout.label("number").format(number=issue.number)
    if fam.total is not None:
        text += _label(layout, "total", "（总第 {total} 期）").format(total=fam.total)
    return text


def header_fields(issue: Issue, layout: Layout) -> dict[str, Any]:
    """The marks above the masthead and whether the 目录 prints."""
    fam = issue.family
    toc_sec = layout.root.sub("header").sub("toc")
    mode = fam.toc or toc_sec.text("when", "auto")
    if mode not in ("auto", "always", "never"):
        from .errors import ContentError

        raise ContentError(Where(layout.path), f"layout key `header.toc.when: {mode}` should be auto, always or never.")
    show = mode == "always" or (mode == "auto" and len(issue.articles) > 1)
    fmt = _label(layout, "copy_number", "{n:06d}")
    return {
        "marks": tuple(t for t in (fam.secrecy, fam.mark) if t),
        "copy_number": fmt.format(n=1) if fam.copy_number else None,
        "copy_format": fmt,
        "over_masthead": fam.over_masthead,
        "show_toc": show,
    }


def heading_kind(level: int, layout: Layout) -> str:
    """`##` → heading; `###` → heading3 and `####` → heading4 when the
    layout styles them (a layout without those styles sets them as `##`)."""
    kind = "heading" if level <= 2 else f"heading{level}"
    return kind if kind in layout.styles else "heading"


def note_paragraphs(text: str) -> list[str]:
    """An 编者按 written over several lines: as in an article's body, each
    line is a paragraph (Chinese is never wrapped by hand; authoring.md)."""
    return [ln.strip() for ln in text.strip().splitlines() if ln.strip()]


def note_para(text: str, where: Where, layout: Layout) -> "Para":
    """One `note` block: each entry of `lines` is a paragraph; the first
    starts with the label (编者按：) in its own style."""
    from .document import Para, Run

    label = _label(layout, "note", "编者按：")
    label_style = "note_label" if "note_label" in layout.styles else "lead"
    paras = note_paragraphs(text)
    lines = [(Run(label, label_style), Run(paras[0], "note"))] + [(Run(p, "note"),) for p in paras[1:]]
    return Para("note", tuple(lines), where)


def issue_note(issue: Issue, layout: Layout) -> list:
    """The issue's 编者按 (issue.yaml `note`), printed before the first article."""
    note = issue.family.note
    if not note:
        return []
    return [note_para(note, issue.family.where("note") or Where(issue.folder / "issue.yaml"), layout)]


def banji_additions(issue: Issue, layout: Layout):
    """本期增发 rows, the （共印 N 份） item closing the last line, the 印发 line."""
    fam = issue.family
    extra_fmt = _label(layout, "distribution_extra", "本期增{key}")
    rows = tuple((extra_fmt.format(key=k), v) for k, v in fam.distribution_extra)
    staff: tuple[str, ...] = ()
    if fam.copies is not None:
        staff = (_label(layout, "copies", "（共印 {copies} 份）").format(copies=fam.copies),)
    printed = None
    if fam.printed_by:
        d = issue.date
        date = layout.label("date").format(year=d.year, month=d.month, day=d.day)
        printed = (fam.printed_by, _label(layout, "printed", "{date}印发").format(date=date))
    return rows, staff, printed
