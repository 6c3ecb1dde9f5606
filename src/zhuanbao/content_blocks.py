"""The article's blocks beyond paragraphs: tables, footnotes, picture names.

content.parse_body hands markdown-it's tokens here. Each helper either
returns the block as the editor meant it or raises a ContentError naming
the line, so that nothing an editor wrote is dropped or printed as markup:
a pipe table without its `|---|` row, a `[^1]` with no note, a note never
referenced, a `![…](…)` that did not become a picture.
"""

from __future__ import annotations

import re

from .errors import ContentError, Diagnostic, Where
from .model import NoteRef, Notes, Span, Table

# ![说明](my photo.jpg): CommonMark ends a link destination at a space, so
# the picture would print as text. Written without <…>, we add them.
_SPACED_PICTURE = re.compile(r"(!\[[^\]\n]*\]\()(?!<)([^)\n]*\s[^)\n]*?)(\s+\"[^\"\n]*\")?(\))")
_RAW_PICTURE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)?")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_PIPE_ROW = re.compile(r"^\s*\|?[^|\n]*\|[^\n]*$")


def angle_picture_paths(body: str) -> str:
    """`![说明](my photo.jpg)` → `![说明](<my photo.jpg>)`, line numbers unchanged."""

    def fix(m: re.Match) -> str:
        path = m[2].strip()
        return f"{m[1]}<{path}>{m[3] or ''}{m[4]}"

    return _SPACED_PICTURE.sub(fix, body)


def check_paragraph_text(text: str, where: Where) -> None:
    """Markup that reached a paragraph's text is an error, not print."""
    m = _RAW_PICTURE.search(text)
    if m:
        raise ContentError(
            where,
            f"图片写法有误 `{m[0]}` is not a picture markdown can read: write ![说明](文件名.jpg), "
            "the file in the issue folder.",
        )
    m = _NOTE_REF.search(text)
    if m:
        raise ContentError(
            where,
            f"脚注 `{m[0]}` 没有注释 the note reference has no note: add a line `{m[0]}: 注释内容` "
            "after the article's text.",
        )


def check_pipe_paragraph(content: str, where: Where) -> None:
    """Lines of `| … | … |` that markdown-it read as a paragraph: a table
    whose `|---|---|` row is missing (or broken). One message, its line."""
    lines = content.splitlines()
    pipes = [k for k, line in enumerate(lines) if line.strip().startswith("|") and line.count("|") >= 2]
    if pipes:
        line = (where.line or 1) + pipes[0]
        raise ContentError(
            Where(where.path, line),
            "表格缺少分隔行 this looks like a table, but its second line is not `|---|---|`: "
            "put a line of dashes, one `---` per column, under the header row.",
        )


def note_ref(child, lead: bool) -> NoteRef:
    """A `[^label]` in the text, keyed like its note (markdown-it's footnote id);
    document.py numbers the marks in the order they are first referenced."""
    return NoteRef("", lead, note=str(child.meta.get("id")))


def _cell_text(inline) -> str:
    parts = []
    for c in inline.children or []:
        if c.type in ("text", "code_inline"):
            parts.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            parts.append("")
        elif c.type == "html_inline":
            raise ContentError(None, f"表格中不能用 HTML `{c.content}`")
        elif c.type == "image":
            raise ContentError(None, "表格中不能放图片 a table cannot hold a picture: put it after the table.")
    return "".join(parts).replace("**", "").strip()


def table(tokens: list, start: int, where: Where) -> tuple[Table, int]:
    """The table at tokens[start] (table_open) and the index after its close."""
    header: list[str] = []
    rows: list[list[str]] = []
    aligns: list[str] = []
    row: list[str] | None = None
    k = start + 1
    in_head = False
    while tokens[k].type != "table_close":
        t = tokens[k]
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            row = []
        elif t.type == "tr_close":
            if in_head:
                header = row or []
            else:
                rows.append(row or [])
        elif t.type in ("th_open", "td_open"):
            style = t.attrs.get("style", "") or ""
            if in_head:
                aligns.append(style.replace("text-align:", "") if style else "")
            try:
                text = _cell_text(tokens[k + 1])
            except ContentError as exc:
                raise ContentError(where, exc.message) from None
            check_paragraph_text(text, where)
            assert row is not None
            row.append(text)
        k += 1
    n = len(header)
    body = tuple(tuple((r + [""] * n)[:n]) for r in rows)
    return Table(tuple(header), body, tuple(aligns), where), k + 1


def split_notes(tokens: list, env: dict, body: str, path, first_line: int, warnings: list[Diagnostic]) -> tuple[list, Notes | None]:
    """Take the footnote block markdown-it puts at the end; check the labels.

    A definition never referenced would vanish from the page: a warning
    naming its line (the text prints nowhere, so say so).
    """
    lines = body.splitlines()
    refs = (env.get("footnotes") or {}).get("refs") or {}
    for key, ref_id in refs.items():
        if ref_id == -1:
            label = key[1:]
            line = next((first_line + n for n, text in enumerate(lines) if text.lstrip().startswith(f"[^{label}]:")), first_line)
            warnings.append(
                Diagnostic(
                    "warning",
                    Where(path, line),
                    f"注释 `[^{label}]` 没有被引用 the note is never referenced in the text, so it does not print: "
                    f"put `[^{label}]` where it belongs, or delete the note.",
                )
            )
    try:
        start = next(k for k, t in enumerate(tokens) if t.type == "footnote_block_open")
    except StopIteration:
        return tokens, None
    items: list[tuple[int, str, Where]] = []
    current: list[str] = []
    where = Where(path, first_line)
    note_id = 0
    for t in tokens[start:]:
        if t.type == "footnote_open":
            current = []
            note_id = t.meta.get("id", 0)
            where = Where(path, None)
        elif t.type == "inline":
            if where.line is None and t.map:
                where = Where(path, first_line + t.map[0])
            current.append("".join(c.content for c in t.children or [] if c.type in ("text", "code_inline", "softbreak")))
        elif t.type == "footnote_close":
            items.append((note_id, "".join(current).strip(), where if where.line else Where(path, first_line)))
    notes = Notes(tuple((str(i), text, w) for i, text, w in items), Where(path, first_line))
    return tokens[:start], notes
