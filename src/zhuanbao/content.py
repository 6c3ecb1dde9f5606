"""Reading what editors write: publication.yaml, issue.yaml and articles.

Follows ../shared/spec/authoring.md. Every failure is a ContentError naming
the file and, where YAML or Markdown gives one, the line, so that an editor
can fix it without reading Python.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt

from . import yamlio
from .errors import ContentError, Diagnostic, Where, cannot_read
from .model import Article, Block, Heading, Issue, Paragraph, Picture, Span

ARTICLE_KEYS = {"section", "title", "subtitle", "source"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"}


@dataclass
class Loaded:
    """An issue plus the warnings met while reading it."""

    issue: Issue
    warnings: list[Diagnostic] = field(default_factory=list)


# --- YAML with line numbers -------------------------------------------------


def _yaml(text: str, path: Path, first_line: int = 1) -> tuple[Any, dict[str, int]]:
    try:
        return yamlio.parse(text, path, first_line)
    except ValueError:  # YAML reads `date: 2022-13-45` as a date, and fails
        raise _not_a_date(text, path, first_line) from None


def _not_a_date(text: str, path: Path, first_line: int) -> ContentError:
    """The line whose value YAML took for a date that does not exist."""
    for i, line in enumerate(text.splitlines()):
        m = re.match(r"\s*([^:#\s][^:#]*):\s*(\d{4}-\d{1,2}-\d{1,2})\s*(#.*)?$", line)
        if m:
            try:
                dt.date(*map(int, m[2].split("-")))
            except ValueError:
                return ContentError(
                    Where(path, i + first_line),
                    f"`{m[1].strip()}: {m[2]}` 不是日期 is not a date: write it as 2022-09-29.",
                )
    return ContentError(Where(path, first_line), "YAML 值错误 a value cannot be read: check the dates and numbers.")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # Notepad's UTF-8 starts with a BOM
    except OSError as exc:
        raise cannot_read(exc, path) from None
    except UnicodeDecodeError:
        raise ContentError(
            Where(path), "文件不是 UTF-8 编码 the file is not UTF-8: save it as UTF-8."
        ) from None


def _mapping(data: Any, path: Path) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError(Where(path, 1), "expected `key: value` lines at the top level.")
    return data


# --- publication.yaml and issue.yaml ----------------------------------------


def parse_date(value: Any, where: Where) -> dt.date:
    """Accept a YAML date, or 2022-9-29, 2022/9/29, 2022.9.29, 2022年9月29日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
    raise ContentError(
        where, f"`date: {value}` 不是日期 is not a date: write it as 2022-09-29."
    )


def _str_list(value: Any, where: Where, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int)) for v in value):
        return tuple(str(v) for v in value)
    raise ContentError(where, f"`{what}` should be a list like [甲, 乙].")


def _staff(pub: dict, iss: dict, where_pub: Where, where_iss: Where) -> tuple[tuple[str, str], ...]:
    """Merge issue.staff over publication.staff, keeping the publication's order.

    A key the publication leaves empty (`审核:`) is a slot an issue fills, so
    the printed order stays the house order; new keys go at the end.
    """
    merged: dict[str, Any] = {}
    for src, where in ((pub, where_pub), (iss, where_iss)):
        value = src.get("staff") or {}
        if not isinstance(value, dict):
            raise ContentError(where, "`staff` should be lines like `编辑: 王港`.")
        for key, val in value.items():
            merged[str(key)] = val
    return tuple((k, str(v)) for k, v in merged.items() if v not in (None, ""))


def load_issue(content_dir: Path, folder_name: str, errors: list[ContentError] | None = None) -> Loaded:
    """Read publication.yaml, the issue folder and its articles.

    With `errors` (zhuanbao check), a broken article is added there and
    skipped instead of stopping the load, so every article is read.
    """
    content_dir = Path(content_dir)
    pub_path = content_dir / "publication.yaml"
    if not pub_path.is_file():
        raise ContentError(
            Where(pub_path),
            "找不到 publication.yaml: run zhuanbao in the folder that holds content/, "
            "or name it with --content DIR.",
        )
    folder = content_dir / folder_name
    if not folder.is_dir():
        known = sorted(p.name for p in content_dir.iterdir() if (p / "issue.yaml").is_file())
        raise ContentError(
            Where(folder),
            f"期号文件夹不存在 no issue folder `{folder_name}` under {content_dir}"
            + (f"; there are: {', '.join(known)}" if known else ""),
        )
    pub, pub_lines = _yaml(_read_text(pub_path), pub_path)
    pub = _mapping(pub, pub_path)
    iss_path = folder / "issue.yaml"
    if not iss_path.is_file():
        raise ContentError(Where(iss_path), "缺少 issue.yaml: it gives the issue's number and date.")
    iss, iss_lines = _yaml(_read_text(iss_path), iss_path)
    iss = _mapping(iss, iss_path)

    def where(key: str) -> Where:
        if key in iss_lines:
            return Where(iss_path, iss_lines[key])
        return Where(pub_path, pub_lines.get(key))

    settings = {**pub, **{k: v for k, v in iss.items() if k != "staff"}}
    for key in ("masthead", "publisher", "sections"):
        if not settings.get(key):
            raise ContentError(where(key) if key in pub_lines else Where(pub_path), f"缺少 `{key}` is missing.")
    if "number" not in iss or iss["number"] in (None, ""):
        raise ContentError(Where(iss_path), "缺少期号 `number` is missing: add `number: 13`.")
    if "date" not in iss:
        raise ContentError(Where(iss_path), "缺少日期 `date` is missing: add `date: 2022-09-29`.")
    number = str(iss["number"]).strip()
    folder_number = folder_name.rsplit("-", 1)[-1]
    if folder_number.isdigit() and number.isdigit() and int(folder_number) != int(number):
        raise ContentError(
            where("number"),
            f"`number: {number}` 与文件夹 {folder_name} 不符 disagrees with the folder name: "
            "fix one of them.",
        )
    date = parse_date(iss["date"], where("date"))
    sections = _str_list(settings["sections"], where("sections"), "sections")
    dist = settings.get("distribution") or {}
    if not isinstance(dist, dict):
        raise ContentError(where("distribution"), "`distribution` should be lines like `报: [省委宣传部]`.")
    distribution = tuple(
        (str(k), _str_list(v, where("distribution"), f"distribution.{k}")) for k, v in dist.items() if v
    )
    staff = _staff(pub, iss, Where(pub_path, pub_lines.get("staff")), Where(iss_path, iss_lines.get("staff")))

    warnings: list[Diagnostic] = []
    articles = []
    for p in sorted(folder.glob("*.md")):
        if p.name.startswith((".", "_")) or not p.is_file():
            continue
        try:
            articles.append(load_article(p, sections, folder, warnings))
        except ContentError as exc:
            if errors is None:
                raise
            errors.append(exc)
    if not articles and errors:
        raise errors[0]
    if not articles:
        raise ContentError(Where(folder), "这一期没有文章 the issue has no articles: add NN-name.md files.")
    order = {name: i for i, name in enumerate(sections)}
    articles.sort(key=lambda a: (order[a.section], a.path.name))
    known = {"masthead", "publisher", "layout", "sections", "distribution", "staff", "number", "date"}
    extra = {k: v for k, v in settings.items() if k not in known}  # optional keys other tools may read
    issue = Issue(
        folder=folder,
        number=number,
        date=date,
        masthead=str(settings["masthead"]),
        publisher=str(settings["publisher"]),
        layout=str(settings.get("layout") or "zhuanbao"),
        sections=sections,
        distribution=distribution,
        staff=staff,
        articles=tuple(articles),
        content_dir=content_dir,
        extra=extra,
    )
    return Loaded(issue, warnings)


# --- articles ----------------------------------------------------------------


def _split_front_matter(text: str, path: Path) -> tuple[str, str, int]:
    """Return (front matter, body, line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            Where(path, 1),
            "文章开头缺少 --- 头部 the article must start with a `---` header "
            "(section, title, source) closed by another `---`.",
        )
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    raise ContentError(Where(path, 1), "头部没有结束 the `---` header is never closed: add a line `---`.")


def _title_lines(value: Any, where: Where) -> tuple[tuple[str, ...], bool]:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ContentError(where, "缺少标题 `title` is missing or empty.")
    if not isinstance(value, (str, int, float)):
        raise ContentError(where, "`title` should be text; break it with `title: |` and one line per line.")
    lines = tuple(line.strip() for line in str(value).splitlines() if line.strip())
    return lines, len(lines) > 1


_MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def load_article(path: Path, sections: tuple[str, ...], folder: Path, warnings: list[Diagnostic]) -> Article:
    text = _read_text(path)
    front, body, body_line = _split_front_matter(text, path)
    meta, meta_lines = _yaml(front, path, first_line=2)
    meta = _mapping(meta, path)

    def where(key: str) -> Where:
        return Where(path, meta_lines.get(key, 1))

    for key in meta:
        if key not in ARTICLE_KEYS:
            warnings.append(
                Diagnostic("warning", where(key), f"未知的键 unknown key `{key}` is ignored (known: section, title, subtitle, source).")
            )
    section = meta.get("section")
    if section is None or str(section) not in sections:
        raise ContentError(
            where("section"),
            f"栏目 `{section}` 不在 sections 中 unknown section: use one of {', '.join(sections)} "
            "(or add it to `sections` in publication.yaml).",
        )
    title_lines, broken = _title_lines(meta.get("title"), where("title"))
    subtitle = meta.get("subtitle")
    source = meta.get("source")
    if isinstance(source, list):  # source: [市委讲师团, 平度市委宣传部]
        source = "、".join(str(s).strip() for s in source if s is not None and str(s).strip())
    for key, value in (("subtitle", subtitle), ("source", source)):
        if isinstance(value, (dict, list)):
            raise ContentError(where(key), f"`{key}` should be text, like `{key}: 市北区委宣传部`.")
    blocks = parse_body(body, path, body_line, folder)
    if not blocks:
        raise ContentError(Where(path, body_line), "文章没有正文 the article has no text under its header.")
    return Article(
        path=path,
        section=str(section),
        title_lines=title_lines,
        title_broken=broken,
        subtitle=str(subtitle).strip() if subtitle else None,
        sources=str(source).strip() if source else None,
        blocks=tuple(blocks),
        where=Where(path, 1),
    )


_UNSUPPORTED = {
    "table_open": "表格 a table",
    "fence": "代码块 a code block",
    "code_block": "代码块 an indented code block (a line starting with 4 spaces)",
    "hr": "分隔线 a horizontal rule (---)",
    "html_block": "HTML",
}


def parse_body(body: str, path: Path, first_line: int, folder: Path) -> list[Block]:
    """Markdown body → blocks, with a real parser (markdown-it-py).

    The bulletin prints paragraphs, bold leads, `##` sub-headings and
    pictures; anything else is an error rather than silently dropped.
    """
    tokens = _MD.parse(body)
    blocks: list[Block] = []
    ordinal: list[int] = []
    for i, tok in enumerate(tokens):
        line = first_line + tok.map[0] if tok.map else None
        where = Where(path, line)
        if tok.type in _UNSUPPORTED:
            raise ContentError(
                where,
                f"简报不能排印{_UNSUPPORTED[tok.type]}: write it as plain paragraphs.",
            )
        if tok.type == "ordered_list_open":
            ordinal.append(int(tok.attrs.get("start", 1) or 1))
        elif tok.type == "bullet_list_open":
            ordinal.append(0)
        elif tok.type in ("ordered_list_close", "bullet_list_close"):
            ordinal.pop()
        elif tok.type == "heading_open":
            inline = tokens[i + 1]
            text = "".join(s.text for s in _spans(inline.children or [], where, folder, []))
            blocks.append(Heading(text, where))
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            pictures: list[Picture] = []
            spans = _spans(tok.children or [], where, folder, pictures)
            if ordinal and tokens[i - 2].type == "list_item_open":
                marker = f"{ordinal[-1]}." if ordinal[-1] else "·"
                if ordinal[-1]:
                    ordinal[-1] += 1
                spans.insert(0, Span(marker))
            spans = [s for s in spans if s.text]
            if spans:
                blocks.append(Paragraph(tuple(_merge(spans)), where))
            blocks.extend(pictures)
    return blocks


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if out and out[-1].lead == s.lead:
            out[-1] = Span(out[-1].text + s.text, s.lead)
        else:
            out.append(s)
    return out


def _spans(children: list, where: Where, folder: Path, pictures: list[Picture]) -> list[Span]:
    spans: list[Span] = []
    bold = 0
    for child in children:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "text":
            # CommonMark will not close `**` between a Chinese stop and a
            # Chinese character (`**有“实”招。**实施`: the flanking rules
            # were made for spaced scripts), so it leaves both `**` as text.
            # Editors mean bold there: an unmatched `**` toggles the lead.
            parts = child.content.split("**")
            for k, part in enumerate(parts):
                if k:
                    bold = 0 if bold else 1
                if part:
                    spans.append(Span(part, bold > 0))
        elif child.type in ("code_inline", "html_inline"):
            spans.append(Span(child.content, bold > 0))
        elif child.type in ("softbreak", "hardbreak"):
            spans.append(Span("\n", bold > 0))
        elif child.type == "image":
            pictures.append(_picture(child, where, folder))
    # A line break inside a Chinese paragraph is no space; between Latin words it is.
    text_joined: list[Span] = []
    for idx, s in enumerate(spans):
        if s.text == "\n":
            before = spans[idx - 1].text[-1:] if idx else ""
            after = spans[idx + 1].text[:1] if idx + 1 < len(spans) else ""
            s = Span(" " if before.isascii() and after.isascii() and before and after else "", s.lead)
        text_joined.append(s)
    return text_joined


def _picture(tok, where: Where, folder: Path) -> Picture:
    src = unquote(tok.attrs.get("src", ""))  # markdown-it percent-encodes 照片.jpg
    caption = "".join(c.content for c in (tok.children or []) if c.type == "text")
    path = (folder / src).resolve()
    outside = picture_outside(src, path, folder)
    if outside:
        raise ContentError(where, outside)
    if not src or not path.is_file():
        raise ContentError(where, f"图片不存在 picture `{src}` is not in {folder}: copy it there or fix the name.")
    if path.suffix.lower() not in IMAGE_SUFFIXES or not _is_image(path):
        raise ContentError(where, f"`{src}` 不是图片 is not a picture (JPEG or PNG expected).")
    return Picture(path, caption, where)


def picture_outside(src: str, resolved: Path, folder: Path) -> str | None:
    """Why a picture reference leaves `folder` (absolute, `..`, a symlink out), or None.

    An issue folder must be complete on its own, and one copied from a
    colleague must not make zhuanbao read (and print) other files of the
    machine; so a picture is a file in the issue folder or below it.
    """
    if not src:
        return None
    if Path(src).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", src):
        return (
            f"图片路径是绝对路径 picture `{src}` is an absolute path: copy the picture into {folder} "
            "and write only its name, e.g. ![说明](photo.jpg)."
        )
    if not resolved.is_relative_to(folder.resolve()):
        return (
            f"图片不在文件夹里 picture `{src}` is outside {folder} (a `..` or a link pointing out): "
            f"copy it into {folder} and write only its name, e.g. ![说明](photo.jpg)."
        )
    return None


def _is_image(path: Path) -> bool:
    try:
        from PIL import Image

        with Image.open(path) as im:
            im.verify()
        return True
    except Exception:
        return False
