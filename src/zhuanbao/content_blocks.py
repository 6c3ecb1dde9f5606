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
from .model import NoteRef, Notes, Table

# ![说明](my photo.jpg): CommonMark ends a link destination at a space, so
# the picture would print as text. Written without <…>, we add them.
_PICTURE_START = re.compile(r"!\[[^\]\n]*\]\(")
_RAW_PICTURE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)?")
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_PIPE_ROW = re.compile(r"^\s*\|?[^|\n]*\|[^\n]*$")


def angle_picture_paths(body: str) -> str:
    """`![说明](my photo.jpg)` → `![说明](<my photo.jpg>)`, line numbers unchanged.

    The destination runs to the `)` that closes the `(`, so Windows' copies
    (`照片 (1).jpg`) keep their brackets; a title in quotes stays outside.
    """
    out: list[str] = []
    pos = 0
    for m in _PICTURE_START.finditer(body):
        if m.start() < pos:
            continue
        depth, k = 1, m.end()
        while k < len(body) and body[k] != "\n":
            depth += body[k] == "("
            depth -= body[k] == ")"
            if depth == 0:
                break
            k += 1
        if depth:
            continue  # never closed on its line: check_paragraph_text names it
        dest = body[m.end() : k]
        title = re.search(r'\s+"[^"]*"\s*$', dest)
        path = dest[: title.start()] if title else dest
        if path.strip().startswith("<") or not re.search(r"\s", path.strip()):
            continue
        out.append(body[pos : m.end()] + f"<{path.strip()}>" + (title[0] if title else ""))
        pos = k
    return "".join(out) + body[pos:]


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
        elif c.type == "footnote_ref":
            raise ContentError(None, "表格中不能加注释 a note mark cannot stand in a table cell: put it in the text before the table.")
    return "".join(parts).replace("**", "").strip()


def _cells_written(line: str) -> int:
    """How many cells a pipe-table line holds as written (an escaped pipe is none)."""
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return len(re.split(r"(?<!\\)\|", inner))


def table(tokens: list, start: int, where: Where, source: list[str] | None = None) -> tuple[Table, int]:
    """The table at tokens[start] (table_open) and the index after its close.

    markdown-it drops cells beyond the header's count; here that is an error
    naming the row's line, not silent loss."""
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
            if source is not None and t.map and where.line is not None:
                first = where.line - (tokens[start].map[0] if tokens[start].map else 0)
                text = source[t.map[0]] if t.map[0] < len(source) else ""
                if not in_head and _cells_written(text) > len(aligns):
                    raise ContentError(
                        Where(where.path, first + t.map[0]),
                        f"表格这一行的格数多于表头 this row has {_cells_written(text)} cells, the header {len(aligns)}: "
                        "the extra cells would not print; add columns to the header or join the cells.",
                    )
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


def check_notes_placed(blocks: list, notes: Notes | None) -> None:
    """Every note must be referenced from running text, where its mark can print."""
    if notes is None:
        return
    placed = {s.note for b in blocks for s in getattr(b, "spans", ()) if isinstance(s, NoteRef)}
    for key, _, where in notes.items:
        if key not in placed:
            raise ContentError(
                where,
                "这条注释的标记不在正文中 this note is referenced only from a heading or caption, where its mark "
                "cannot print: put the [^…] mark in a paragraph.",
            )


def check_heading(children: list, where: Where) -> None:
    """A heading prints text only: a picture or a note mark in it is an error, not dropped."""
    for c in children:
        if c.type == "image":
            raise ContentError(where, "小标题中不能放图片 a heading cannot hold a picture: put it on a line of its own.")
        if c.type == "footnote_ref":
            raise ContentError(where, "小标题中不能加注释 a note mark cannot stand in a heading: put it in the text.")


def split_notes(tokens: list, env: dict, body: str, path, first_line: int, warnings: list[Diagnostic]) -> tuple[list, Notes | None]:
    """Take the footnote block markdown-it puts at the end; check the labels.

    A definition never referenced would vanish from the page: a warning
    naming its line (the text prints nowhere, so say so).
    """
    lines = body.splitlines()
    seen: dict[str, int] = {}
    for n, text in enumerate(lines):
        slip = re.match(r"\s{0,3}\[\^([^\]\s]+)\]\s*：", text)
        if slip:  # a full-width colon: Markdown reads no note there, and the reference finds none
            raise ContentError(
                Where(path, first_line + n),
                f"注释的冒号要用半角 the note's colon must be half-width: write `[^{slip[1]}]: ` "
                f"(not `[^{slip[1]}]：`), then the text.",
            )
        m = re.match(r"\s{0,3}\[\^([^\]\s]+)\]:", text)
        if m:
            if m[1] in seen:
                raise ContentError(
                    Where(path, first_line + n),
                    f"注释 `[^{m[1]}]` 重复 the note is written twice (also on line {seen[m[1]]}): "
                    "only the first would print; give it another label or join the two.",
                )
            seen[m[1]] = first_line + n
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
