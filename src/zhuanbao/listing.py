"""`zhuanbao list`: the issues under content/, and whether out/ is up to date."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import ContentError, Where
from .newissue import issue_folders, read_issue_info, series_of, sort_key


@dataclass(frozen=True)
class Row:
    folder: str
    number: str
    date: str
    articles: int
    status: str  # "up to date" | "out of date" | "not rendered" | "partly rendered"
    series: str | None = None  # 增刊, 专刊 …: listed apart, each with its own numbers


def _articles(folder: Path) -> list[Path]:
    from .content import article_files  # `.MD` counts too, as render reads it

    return article_files(folder)


def _masthead(content_dir: Path, data: dict) -> str | None:
    if data.get("masthead"):
        return str(data["masthead"])
    try:
        pub = yaml.safe_load((content_dir / "publication.yaml").read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    return str(pub["masthead"]) if isinstance(pub, dict) and pub.get("masthead") else None


def _newest_input(content_dir: Path, folder: Path) -> float:
    inputs = [content_dir / "publication.yaml", *[p for p in folder.rglob("*") if p.is_file()]]
    return max((p.stat().st_mtime for p in inputs if p.is_file()), default=0.0)


def rows(content_dir: Path, out_dir: Path) -> list[Row]:
    content_dir = Path(content_dir)
    if not (content_dir / "publication.yaml").is_file():
        raise ContentError(
            Where(content_dir / "publication.yaml"),
            "找不到 publication.yaml: run zhuanbao in the folder that holds content/, or name it with --content DIR.",
        )
    infos = [i for i in (read_issue_info(p) for p in issue_folders(content_dir)) if i is not None]
    out: list[Row] = []
    for info in sorted(infos, key=lambda i: (series_of(i) or "", sort_key(i))):
        folder = info.folder
        masthead = _masthead(content_dir, info.data)
        number = info.number or "?"
        series = str(info.data.get("series") or "")
        outputs = [out_dir / folder.name / f"{masthead}{series}第{number}期.{fmt}" for fmt in ("pdf", "docx", "ofd")]
        present = [p for p in outputs if p.is_file()]
        outputs = outputs[:2] + [p for p in outputs[2:] if p.is_file()]  # the OFD only when asked for
        if not present:
            status = "未生成 not rendered"
        else:
            newest = _newest_input(content_dir, folder)
            if min(p.stat().st_mtime for p in present) < newest:
                status = "已过时 out of date: content changed since"
            elif len(present) < len(outputs):
                status = "最新 up to date (" + ", ".join(p.suffix[1:] for p in present) + " only)"
            else:
                status = "最新 up to date"
        out.append(
            Row(
                folder.name,
                number,
                info.date.isoformat() if info.date else "?",
                len(_articles(folder)),
                status,
                series_of(info),
            )
        )
    return out


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, n: int) -> str:
    return s + " " * max(0, n - _width(s))


def format_rows(rs: list[Row]) -> str:
    header = ("期 issue", "期号 no.", "日期 date", "文章 articles", "out/")
    table = [header] + [(r.folder, r.number, r.date, str(r.articles), r.status) for r in rs]
    widths = [max(_width(row[k]) for row in table) for k in range(len(header) - 1)]
    lines = []
    for k, row in enumerate(table):
        r = rs[k - 1] if k else None
        if r is not None and r.series and (k == 1 or rs[k - 2].series != r.series):
            lines.append(f"{r.series} series:")  # each series apart, with its own numbers
        lines.append("  ".join(_pad(cell, widths[k]) for k, cell in enumerate(row[:-1])) + "  " + row[-1])
    return "\n".join(lines)
