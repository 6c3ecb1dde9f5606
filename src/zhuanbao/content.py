"""Reading what editors write: publication.yaml, issue.yaml and articles.

Follows ../shared/spec/authoring.md. Every failure is a ContentError naming
the file and, where YAML or Markdown gives one, the line, so that an editor
can fix it without reading Python.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import content_blocks, yamlio
from .errors import ContentError, Diagnostic, Where, cannot_read
from .family import FAMILY_KEYS, read_family
from .formats import parse_formats
from .model import HARD_BREAK, Article, Block, Heading, Issue, NoteRef, Paragraph, Picture, Span
from .punct import FULL_WIDTH_ALNUM, half_width_alnum, is_cjk

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ARTICLE_KEYS = {"section", "title", "subtitle", "source", "author", "note"}
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
    return tuple((k, str(v)) for k, v in merged.items() if v not in (None, "") and str(v).strip())


def _empty_staff(pub: dict, iss: dict, iss_path: Path, iss_lines: dict[str, int]) -> list[Diagnostic]:
    """A staff slot no one filled (`审核:` as `zhuanbao new` writes it): the
    版记 prints without it, which an editor should know before it goes out."""
    merged: dict[str, Any] = {}
    for src in (pub, iss):
        if isinstance(src.get("staff"), dict):
            merged.update({str(k): v for k, v in src["staff"].items()})
    out: list[Diagnostic] = []
    try:
        lines = iss_path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        lines = []
    for key, value in merged.items():
        if value not in (None, "") and str(value).strip():
            continue
        line = next(
            (i for i, text in enumerate(lines, start=1) if re.match(rf"\s+{re.escape(key)}\s*:", text)),
            iss_lines.get("staff"),
        )
        out.append(
            Diagnostic(
                "warning",
                Where(iss_path, line),
                f"版记 `{key}:` 没有填写 the staff slot `{key}` is empty: the 版记 prints without it; "
                f"fill it in issue.yaml under `staff:` (e.g. `{key}: 王港`).",
            )
        )
    return out


# --- the files of an issue folder ----------------------------------------------

# Files an editor may have dropped in the folder instead of importing them.
SUBMISSION_SUFFIXES = {".txt", ".docx", ".doc", ".wps", ".rtf"}
# Names Windows, WPS and macOS give a copy: `01-xx - 副本.md`, `01-xx (1).md`,
# `copy of 01-xx.md`, `复件 01-xx.md`, `01-xx copy.md`.
_COPY_SUFFIX = re.compile(
    r"(?:\s*-?\s*(?:的)?副本(?:\s*[(（]?\d+[)）]?)?|\s*-\s*copy(?:\s*[(（]?\d+[)）]?)?|\s*[(（]\d+[)）]|\s+copy(?:\s+\d+)?)$", re.I
)
_COPY_PREFIX = re.compile(r"^(?:copy\s+of\s+|复件\s*|副本\s*)", re.I)


def _number(path: Path) -> int | None:
    m = re.match(r"(\d+)", path.name)
    return int(m[1]) if m else None


def _order_key(path: Path) -> tuple[float, str]:
    """`1-`, `2-`, `10-` in the order of their numbers, not of their characters."""
    n = _number(path)
    return (n if n is not None else float("inf"), path.name)


def article_files(folder: Path) -> list[Path]:
    """The article files of an issue folder: `*.md`, the extension in any
    case (`.MD` from a Windows tool), sorted by their number prefix."""
    files = [
        p
        for p in folder.iterdir()
        if p.suffix.lower() == ".md" and not p.name.startswith((".", "_")) and p.is_file()
    ]
    return sorted(files, key=_order_key)


def _original_of(path: Path) -> str | None:
    """The name the copy `path` was made from, if its name says it is a copy."""
    stem = path.stem
    orig = _COPY_PREFIX.sub("", stem)
    orig = _COPY_SUFFIX.sub("", orig)
    return orig + path.suffix if orig != stem and orig else None


def folder_problems(folder: Path, files: list[Path]) -> tuple[list[ContentError], list[Diagnostic], set[Path]]:
    """Errors, warnings and the files not to read, from the folder's names alone.

    A leftover copy next to its original is an error naming both (one of them
    would print twice); a submission in a format zhuanbao does not read is a
    warning (it is not in the issue until imported); number prefixes of mixed
    widths are a warning (a file manager lists 10- before 2-).
    """
    errors: list[ContentError] = []
    warnings: list[Diagnostic] = []
    skip: set[Path] = set()
    names = {p.name.lower(): p for p in files}
    for p in files:
        orig = _original_of(p)
        if orig is None:
            continue
        if orig.lower() in names:
            skip.add(p)
            errors.append(
                ContentError(
                    Where(p),
                    f"文章的副本 `{p.name}` is a copy of `{names[orig.lower()].name}`: the issue would print it "
                    "twice. Delete the copy, or merge the two files into one.",
                )
            )
        else:
            warnings.append(
                Diagnostic(
                    "warning",
                    Where(p),
                    f"`{p.name}` 的名字像是副本 is named like a copy: rename it NN-name.md.",
                )
            )
    others = sorted(
        q for q in folder.iterdir() if q.is_file() and q.suffix.lower() in SUBMISSION_SUFFIXES and not q.name.startswith((".", "~$"))
    )
    for q in others:
        warnings.append(
            Diagnostic(
                "warning",
                Where(q),
                f"`{q.name}` 没有读入 is not read: only NN-name.md files are articles. Bring it in with "
                f"`zhuanbao import {q} --issue {folder.name} --section 栏目`"
                + (" (save it as .docx first)" if q.suffix.lower() in (".doc", ".wps", ".rtf") else "")
                + ", then delete it from the issue folder.",
            )
        )
    widths: dict[int, list[Path]] = {}
    for p in files:
        m = re.match(r"(\d+)", p.name)
        if m:
            widths.setdefault(len(m[1]), []).append(p)
    if len(widths) > 1:
        usual = max(widths, key=lambda w: (len(widths[w]), w))
        odd = [p for w, ps in sorted(widths.items()) if w != usual for p in ps]
        renames = ", ".join(f"{p.name} → {_renumbered(p.name, usual)}" for p in odd[:4])
        warnings.append(
            Diagnostic(
                "warning",
                Where(folder),
                f"编号位数不一 the number prefixes have different widths: they print in number order, but a "
                f"file manager lists them in another; rename {renames}{' …' if len(odd) > 4 else ''}.",
            )
        )
    return errors, warnings, skip


def _renumbered(name: str, width: int) -> str:
    """`9-x.md` with its number written in `width` digits: `09-x.md`."""
    digits = re.match(r"\d+", name)[0]  # type: ignore[index]
    return f"{int(digits):0{width}d}{name[len(digits):]}"


def _duplicate_titles(articles: list[Article]) -> list[ContentError]:
    """Two articles with the same title: an error naming both files."""
    seen: dict[str, Article] = {}
    out: list[ContentError] = []
    for art in sorted(articles, key=lambda a: _order_key(a.path)):
        key = re.sub(r"\s+", "", art.title)
        if key in seen:
            first = seen[key]
            out.append(
                ContentError(
                    Where(art.path, _key_line(art.path, "title")),
                    f"标题重复 `{art.path.name}` has the same title as `{first.path.name}` "
                    f"(“{art.title}”): delete the copy, or give one of them another title.",
                )
            )
        else:
            seen[key] = art
    return out


def _key_line(path: Path, key: str) -> int:
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines()[1:], start=2):
            if line.strip() == "---":
                break
            if re.match(rf"{key}\s*:", line):
                return i
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def load_issue(
    content_dir: Path,
    folder_name: str,
    errors: list[ContentError] | None = None,
    read_article: Callable[..., Article] | None = None,
) -> Loaded:
    """Read publication.yaml, the issue folder and its articles.

    With `errors` (zhuanbao check), a broken article is added there and
    skipped instead of stopping the load, so every article is read.
    `read_article` stands in for load_article (same arguments): render and
    the preview pass articlecache.ArticleCache.read, so an unchanged article
    is not parsed again.
    """
    read_article = read_article or load_article
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

    warnings: list[Diagnostic] = _empty_staff(pub, iss, iss_path, iss_lines)
    articles = []
    files = article_files(folder)
    file_errors, file_warnings, skip = folder_problems(folder, files)
    warnings += file_warnings
    if file_errors and errors is None:
        raise file_errors[0]
    for p in files:
        if p in skip:
            continue
        try:
            articles.append(read_article(p, sections, folder, warnings))
        except ContentError as exc:
            if errors is None:
                raise
            errors.append(exc)
    file_errors += _duplicate_titles(articles)
    if file_errors:
        if errors is None:
            raise file_errors[0]
        errors.extend(file_errors)
    if not articles and errors:
        raise errors[0]
    if not articles:
        raise ContentError(Where(folder), "这一期没有文章 the issue has no articles: add NN-name.md files.")
    order = {name: i for i, name in enumerate(sections)}
    articles.sort(key=lambda a: (order[a.section], _order_key(a.path)))
    known = {"masthead", "publisher", "layout", "sections", "distribution", "staff", "number", "date", "formats", *FAMILY_KEYS}
    formats = parse_formats(settings["formats"], where("formats")) if "formats" in settings else ()
    extra = {k: v for k, v in settings.items() if k not in known}
    warnings += _near_keys(extra, known, where)
    family = read_family(settings, where)  # optional keys other tools may read
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
        family=family,
        formats=formats,
    )
    return Loaded(issue, warnings)


def _near_keys(extra: dict, known: set[str], where: Callable[[str], Where]) -> list[Diagnostic]:
    """A key of publication.yaml or issue.yaml that zhuanbao does not read is
    kept for other tools; one a letter or two off a key it reads (`marks:`
    for `mark:`) is a slip whose value would not print without a word."""
    import difflib

    out = []
    for key in extra:
        near = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.75)
        if near:
            out.append(Diagnostic("warning", where(str(key)), f"未知的键 `{key}:` is not read (a slip for `{near[0]}:`?): "
                                                           "what it says does not print."))
    return out


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


@functools.cache
def _markdown() -> MarkdownIt:
    """The parser, built (and markdown-it imported) when a body is first
    parsed: a render whose articles all come from the cache never pays for it.

    No "code" rule: an indented paragraph is a paragraph (a bulletin has no
    code blocks, and pasted Word text is often indented). No "text_join": an
    escaped `\\*` stays a token of its own, so it prints as written and never
    toggles a bold lead.
    Footnotes ([^1]) by mdit-py-plugins' footnote plugin.
    """
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = (
        MarkdownIt("commonmark").enable("table").enable("strikethrough").disable("code").disable("text_join")
        .use(footnote_plugin)
    )
    md.inline.ruler.before("emphasis", "double_star", _double_star)
    return md


def _double_star(state, silent: bool) -> bool:
    """Every `**` is a text token of its own, read in pairs by `_text_spans`
    (the first opens bold, the next closes it), never by CommonMark's
    flanking rules: they were made for spaced scripts and pair
    `**一是强化组织。**成立专班，坚持**三个聚焦**` across the lead's end
    (`**` between 。 and 成 cannot close), printing 成立专班，坚持 bold. A run
    of three or more (`***粗斜***`) is left to CommonMark, bold and emphasis."""
    src, pos = state.src, state.pos
    if not src.startswith("**", pos) or src.startswith("*", pos + 2) or (pos and src[pos - 1] == "*"):
        return False
    if not silent:
        state.push("text", "", 0).content = "**"
    state.pos += 2
    return True


# Zero-width characters and variation selectors pasted from web pages and
# WeChat: they print as nothing (or as a missing glyph), so they are dropped.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _drop_invisible(text: str, path: Path, warnings: list[Diagnostic]) -> str:
    """Remove invisible characters; one warning for the file says how many."""
    found = list(_INVISIBLE.finditer(text))
    if not found:
        return text
    line = text.count("\n", 0, found[0].start()) + 1
    kinds = sorted({f"U+{ord(m[0]):04X}" for m in found})
    warnings.append(
        Diagnostic(
            "warning",
            Where(path, line),
            f"删除了 {len(found)} 个不可见字符 removed {len(found)} invisible character(s) "
            f"({', '.join(kinds[:4])}{', …' if len(kinds) > 4 else ''}: zero-width spaces or variation "
            "selectors from pasted text); they print as nothing.",
        )
    )
    return _INVISIBLE.sub("", text)


def _full_width_warnings(text: str, path: Path, warnings: list[Diagnostic]) -> None:
    """Each line with full-width digits or letters; `zhuanbao import` converts them."""
    for i, line in enumerate(text.splitlines(), start=1):
        runs = FULL_WIDTH_ALNUM.findall(line)
        if runs:
            shown = "、".join(f"“{r}”" for r in runs[:4])
            warnings.append(
                Diagnostic(
                    "warning",
                    Where(path, i),
                    f"全角数字或字母 full-width digits or letters {shown}: write them half-width "
                    f"({'、'.join(to_half_width(r) for r in runs[:4])}), as GB/T 15835 asks "
                    "(zhuanbao import converts them).",
                )
            )


def to_half_width(text: str) -> str:
    """Full-width digits and Latin letters → ASCII (１２３ → 123, ＡＰＰ → APP)."""
    return half_width_alnum(text)[0]


def _unbracket(value: str) -> str:
    """`（市北区委宣传部）` written with its brackets → the text inside, so the
    layout's brackets are not doubled; `（a）（b）` is left as it is."""
    v = value.strip()
    if len(v) >= 2 and v[0] in "（(" and v[-1] in "）)":
        depth = 0
        for k, c in enumerate(v):
            depth += c in "（("
            depth -= c in "）)"
            if depth == 0 and k < len(v) - 1:
                return v  # the first bracket closes before the end
        return v[1:-1].strip()
    return v


def load_article(path: Path, sections: tuple[str, ...], folder: Path, warnings: list[Diagnostic]) -> Article:
    text = _drop_invisible(_read_text(path), path, warnings)
    _full_width_warnings(text, path, warnings)
    front, body, body_line = _split_front_matter(text, path)
    meta, meta_lines = _yaml(front, path, first_line=2)
    meta = _mapping(meta, path)

    def where(key: str) -> Where:
        return Where(path, meta_lines.get(key, 1))

    for key in meta:
        if key not in ARTICLE_KEYS:
            warnings.append(
                Diagnostic("warning", where(key), f"未知的键 unknown key `{key}` is ignored (known: section, title, subtitle, source, author, note).")
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
    author = meta.get("author")
    if isinstance(source, list):  # source: [市委讲师团, 平度市委宣传部]
        source = "、".join(str(s).strip() for s in source if s is not None and str(s).strip())
    if isinstance(author, list):  # author: [记者 张三, 通讯员 李四]
        author = " ".join(str(a).strip() for a in author if a is not None and str(a).strip())
    note = meta.get("note")
    for key, value in (("subtitle", subtitle), ("source", source), ("author", author), ("note", note)):
        if isinstance(value, (dict, list)):
            raise ContentError(where(key), f"`{key}` should be text, like `{key}: 市北区委宣传部`.")
    parsed = Parsed()
    blocks = parse_body(body, path, body_line, folder, parsed, warnings)
    if not blocks:
        raise ContentError(Where(path, body_line), "文章没有正文 the article has no text under its header.")
    return Article(
        path=path,
        section=str(section),
        title_lines=title_lines,
        title_broken=broken,
        subtitle=str(subtitle).strip() if subtitle else None,
        sources=_unbracket(str(source)) or None if source else None,
        blocks=tuple(blocks),
        where=Where(path, 1),
        note=str(note).strip() if note is not None and str(note).strip() else None,
        author=_unbracket(str(author)) or None if author else None,
        links=tuple(parsed.links),
        source_where=where("source" if "source" in meta_lines else "author"),
        title_where=where("title"),
    )


@dataclass
class Parsed:
    """What the body parser found besides blocks (for the layout's choices)."""

    links: list[tuple[str, Where]] = field(default_factory=list)  # (URL, line) of every link


_UNSUPPORTED = {
    "fence": "代码块 a code block",
    "hr": "分隔线 a horizontal rule (---)",
    "html_block": "HTML",
}


def parse_body(
    body: str,
    path: Path,
    first_line: int,
    folder: Path,
    parsed: Parsed | None = None,
    warnings: list[Diagnostic] | None = None,
) -> list[Block]:
    """Markdown body → blocks, with a real parser (markdown-it-py).

    The bulletin prints paragraphs, bold leads, emphasis, `##` sub-headings
    and pictures; anything else is an error rather than silently dropped.
    One newline between two lines of Chinese starts a new paragraph (pasted
    Word and WeChat text comes that way; Chinese is never wrapped by hand).
    """
    parsed = parsed if parsed is not None else Parsed()
    body = content_blocks.angle_picture_paths(body)
    env: dict = {}
    tokens = _markdown().parse(body, env)
    tokens, notes = content_blocks.split_notes(tokens, env, body, path, first_line, warnings if warnings is not None else [])
    blocks: list[Block] = []
    ordinal: list[int] = []
    skip_to = 0
    found: list[ContentError] = []  # every problem of the article, not only its first
    for i, tok in enumerate(tokens):
        if i < skip_to:
            continue
        try:
            line = first_line + tok.map[0] if tok.map else None
            where = Where(path, line)
            if tok.type == "table_open":
                table, skip_to = content_blocks.table(tokens, i, where, body.splitlines())
                blocks.append(table)
                continue
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
                content_blocks.check_heading(inline.children or [], where)
                pieces = _inline(inline.children or [], path, line, folder, [], parsed)
                text = "".join(s.text for _offset, spans in pieces for s in spans if s.text != HARD_BREAK)
                blocks.append(Heading(text, where, min(max(int(tok.tag[1:]), 2), 4)))
            elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
                content_blocks.check_pipe_paragraph(tok.content, where)
                pictures: list[tuple[int, Picture]] = []
                pieces = _inline(tok.children or [], path, line, folder, pictures, parsed)
                for k, (offset, spans) in enumerate(pieces):
                    if k == 0 and ordinal and tokens[i - 2].type == "list_item_open":
                        marker = f"{ordinal[-1]}." if ordinal[-1] else "·"
                        if ordinal[-1]:
                            ordinal[-1] += 1
                        spans.insert(0, Span(marker))
                    spans = _trim_breaks(_strip_indent([s for s in spans if _kept(s)]))
                    here = Where(path, (line or 0) + offset if line else None)
                    content_blocks.check_paragraph_text("".join(s.text for s in spans), here)
                    if any(s.text for s in spans) or any(isinstance(s, NoteRef) for s in spans):
                        blocks.append(Paragraph(tuple(_merge(spans)), here))
                    # a picture on its own line between lines of text (one newline each side: the
                    # lines are paragraphs) stands where it was written, after the line before it
                    blocks.extend(picture for at, picture in pictures if at == k)
        except ContentError as exc:
            found.append(exc)
    if notes is not None and not found:
        content_blocks.check_notes_placed(blocks, notes)
    if found:
        raise ContentError.all_of(found)
    if notes is not None:
        blocks.append(notes)
    return blocks


def _kept(span: Span) -> bool:
    """A span that prints something: text, a link's place, or a marker
    span of another kind (a subclass) that carries no text of its own."""
    return bool(span.text or span.link or type(span) is not Span)


def _strip_indent(spans: list[Span]) -> list[Span]:
    """Full-width spaces (　　) or no-break spaces at a paragraph's start are
    the editor's indentation, which the layout does: dropped, as CommonMark
    drops ASCII ones. Likewise at its end."""
    ws = " \t\u3000\u00a0"
    while spans and spans[0].text and not spans[0].text.strip(ws) and spans[0].text != HARD_BREAK:
        spans.pop(0)
    if spans and spans[0].text and spans[0].text != HARD_BREAK:
        spans[0] = replace(spans[0], text=spans[0].text.lstrip(ws))
    if spans and spans[-1].text and spans[-1].text != HARD_BREAK:
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip(ws))
    return [s for s in spans if _kept(s)]


def _trim_breaks(spans: list[Span]) -> list[Span]:
    """A hard break at a paragraph's start or end breaks nothing."""
    while spans and spans[0].text == HARD_BREAK:
        spans.pop(0)
    while spans and spans[-1].text == HARD_BREAK:
        spans.pop()
    return spans


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if (
            out
            and type(s) is Span
            and type(out[-1]) is Span
            and (out[-1].lead, out[-1].emphasis) == (s.lead, s.emphasis)
            and not out[-1].link
            and not s.link
            and HARD_BREAK not in (out[-1].text, s.text)
        ):
            out[-1] = Span(out[-1].text + s.text, s.lead, s.emphasis)
        else:
            out.append(s)
    return out


# `*强调*` or `_强调_` that CommonMark leaves as text because a Chinese mark
# stands inside it (`*有“实”招。*实施`: its flanking rules were made for
# spaced scripts). Only around Chinese text, so `file_name_v2` and a lone
# `*` stay as written.
@functools.cache  # compiled when an article is parsed, not at every start (2 ms)
def _cjk_emphasis() -> re.Pattern:
    return re.compile(r"(?<![*_A-Za-z0-9])([*_])(?![\s*_])([^*_\n]*?[\u3000-\u303f\u3400-\u9fff\uff01-\uff60“”‘’][^*_\n]*?)(?<!\s)\1(?![*_])")


def _text_spans(text: str, bold: int, em: int, literal: int = -1) -> tuple[list[Span], int]:
    """A text token → spans; an unmatched `**` toggles the bold lead, a pair
    of `*` around Chinese is emphasis. Returns the bold state after it.
    The `**` numbered `literal` (the odd one out of a paragraph) prints as written."""
    out: list[Span] = []
    # CommonMark will not close `**` between a Chinese stop and a Chinese
    # character (`**有“实”招。**实施`), so it leaves both `**` as text.
    # Editors mean bold there: an unmatched `**` toggles the lead.
    parts = text.split("**")
    for k, part in enumerate(parts):
        if k and k - 1 == literal:
            out.append(Span("**", bold > 0, em > 0))
        elif k:
            bold = 0 if bold else 1
        pos = 0
        for m in _cjk_emphasis().finditer(part):
            if m.start() > pos:
                out.append(Span(part[pos : m.start()], bold > 0, em > 0))
            out.append(Span(m[2], bold > 0, True))
            pos = m.end()
        if pos < len(part):
            out.append(Span(part[pos:], bold > 0, em > 0))
    return out, bold


def _lone_double_star(children: list) -> tuple[int, int]:
    """(child index, occurrence) of a `**` left without a partner in the
    paragraph's text, which prints as written; (-1, -1) when they pair up."""
    seen = [(i, k) for i, c in enumerate(children) if c.type == "text" for k in range(c.content.count("**"))]
    return seen[-1] if len(seen) % 2 else (-1, -1)


def _inline(
    children: list, path: Path, line: int | None, folder: Path, pictures: list[tuple[int, Picture]], parsed: Parsed
) -> list[tuple[int, list[Span]]]:
    """Inline tokens → paragraphs of spans, each with its line offset; each
    picture found is added to `pictures` with the paragraph it follows.

    A newline after or before a line with Chinese in it starts a new
    paragraph; between two lines of English it is a space (English wrapped
    by hand); a hard break
    (two spaces or `\\` at the line's end) is a HARD_BREAK span.
    """
    pieces: list[tuple[int, list[Span]]] = [(0, [])]
    bold = em = 0
    offset = 0
    link: str | None = None
    link_text = ""
    lone = _lone_double_star(children)

    def add(span: Span) -> None:
        pieces[-1][1].append(span)

    for idx, child in enumerate(children):
        where = Where(path, line + offset if line else None)
        t = child.type
        if t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold -= 1
        elif t == "em_open":
            em += 1
        elif t == "em_close":
            em -= 1
        elif t in ("s_open", "s_close"):
            add(Span(child.markup, bold > 0, em > 0))  # ~~ prints as written: a bulletin strikes nothing
        elif t == "text":
            spans, bold = _text_spans(child.content, bold, em, lone[1] if idx == lone[0] else -1)
            for sp in spans:
                add(sp)
            if link is not None:
                link_text += child.content
        elif t in ("text_special", "code_inline"):
            add(Span(child.content, bold > 0, em > 0))  # `\*` and `code` print as written
            if link is not None:
                link_text += child.content
        elif t == "html_inline":
            tag = child.content.strip()
            raise ContentError(
                where,
                f"简报不能排印 HTML: the tag `{tag}` would print as it is. Remove it "
                "(for a new paragraph, start a new line; for a line break, end the line with two spaces).",
            )
        elif t == "link_open":
            link, link_text = str(child.attrs.get("href", "")), ""
        elif t == "link_close":
            shown = unquote(link_text.strip())
            if link and shown not in (unquote(link), unquote(link).removeprefix("mailto:")):
                add(Span("", link=link))
                parsed.links.append((link, where))
            link = None
        elif t == "hardbreak":
            add(Span(HARD_BREAK))
            offset += 1
        elif t == "softbreak":
            offset += 1
            before, after = _line_before(pieces[-1][1]), _line_after(children, idx + 1)
            if before.strip() and after.strip() and not any(map(is_cjk, before + after)):
                add(Span(" ", bold > 0, em > 0))  # English wrapped by hand
            else:
                pieces.append((offset, []))
        elif t == "image":
            pictures.append((len(pieces) - 1, _picture(child, where, folder)))
        elif t == "footnote_ref":
            add(content_blocks.note_ref(child, bold > 0))
    return pieces


def _line_before(spans: list[Span]) -> str:
    """The text of the source line that ends at a newline."""
    out: list[str] = []
    for sp in reversed(spans):
        if sp.text == HARD_BREAK:
            break
        out.append(sp.text)
    return "".join(reversed(out))


def _line_after(children: list, start: int) -> str:
    """The text of the source line that starts after a newline."""
    out: list[str] = []
    for child in children[start:]:
        if child.type in ("softbreak", "hardbreak"):
            break
        if child.type in ("text", "text_special", "code_inline"):
            out.append(child.content)
    return "".join(out)


def _picture(tok, where: Where, folder: Path) -> Picture:
    src = unquote(tok.attrs.get("src", ""))  # markdown-it percent-encodes 照片.jpg
    caption = "".join(c.content for c in (tok.children or []) if c.type == "text")
    path = (folder / src).resolve()
    outside = picture_outside(src, path, folder)
    if outside:
        raise ContentError(where, outside)
    if not src or not path.is_file():
        raise ContentError(where, f"图片不存在 picture `{src}` is not in {folder}: copy it there or fix the name.")
    if not _is_image(path):  # any format Pillow reads, whatever the file is called
        raise ContentError(where, f"`{src}` 不是图片 is not a picture (JPEG, PNG, WEBP, TIFF, BMP or GIF expected).")
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
