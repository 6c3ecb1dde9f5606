"""`zhuanbao new 14`: start the next issue from the previous one.

Creates `content/14/issue.yaml` (number, date, staff kept from the previous
issue) and nothing else; never overwrites an issue that exists.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .content import parse_date
from . import yamlio
from .errors import ContentError, Where, cannot_write


@dataclass(frozen=True)
class IssueInfo:
    """What issue.yaml says, read leniently (for `new`, `list` and `check`)."""

    folder: Path
    number: str | None
    date: dt.date | None
    staff: dict
    data: dict


def read_issue_info(folder: Path) -> IssueInfo | None:
    """issue.yaml of a folder, or None when it has none or it cannot be read."""
    path = folder / "issue.yaml"
    if not path.is_file():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, OSError):
        data = None
    if not isinstance(data, dict):
        return IssueInfo(folder, None, None, {}, {})
    number = data.get("number")
    try:
        date = parse_date(data.get("date"), Where(path))
    except ContentError:
        date = None
    staff = data.get("staff") if isinstance(data.get("staff"), dict) else {}
    return IssueInfo(folder, None if number in (None, "") else str(number).strip(), date, dict(staff), data)


def issue_folders(content_dir: Path) -> list[Path]:
    if not content_dir.is_dir():
        return []
    return [p for p in content_dir.iterdir() if p.is_dir() and (p / "issue.yaml").is_file()]


def _num(value: str | None) -> int:
    return int(value) if value and value.isdigit() else -1


def sort_key(info: IssueInfo) -> tuple:
    return (info.date or dt.date.min, _num(info.number), info.folder.name)


def series_of(info: IssueInfo) -> str | None:
    """The series an issue belongs to (增刊, 专刊 …), None for the regular issues."""
    value = info.data.get("series")
    return str(value) if value not in (None, "") else None


def previous_issue(content_dir: Path, exclude: str | None = None, series: str | None = None) -> IssueInfo | None:
    """The latest issue of a series under content/ (by date, then number);
    `series=None` is the regular issues, whose counter a 增刊 never moves."""
    infos = [read_issue_info(p) for p in issue_folders(content_dir) if p.name != exclude]
    infos = [i for i in infos if i is not None and series_of(i) == series]
    return max(infos, key=sort_key, default=None)


def _total(info: IssueInfo | None) -> int | None:
    value = info.data.get("total") if info else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _known_series(content_dir: Path) -> tuple[str, ...]:
    """The series the publication's layout names (labels.series_names)."""
    from .familydoc import series_names
    from .layoutfile import load_layout, resolve_layout

    try:
        pub = yaml.safe_load((content_dir / "publication.yaml").read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        pub = None
    name = str(pub.get("layout") or "zhuanbao") if isinstance(pub, dict) else "zhuanbao"
    return series_names(load_layout(resolve_layout(name)))


def _series_number(content_dir: Path, series: str, year: int, exclude: str) -> str:
    """The next number of a series in a year: after its last issue that year."""
    numbers = [
        _num(i.number)
        for i in (read_issue_info(p) for p in issue_folders(content_dir) if p.name != exclude)
        if i is not None and series_of(i) == series and i.date is not None and i.date.year == year
    ]
    return str(max(numbers, default=0) + 1)


def folder_number(folder: str) -> str | None:
    """`14` → 14, `2023-6` → 6: the printed number a folder name implies."""
    m = re.fullmatch(r"(?:\d{4}-)?0*(\d+)", folder)
    return m[1] if m else None


def _publication_staff(content_dir: Path) -> dict:
    try:
        pub = yaml.safe_load((content_dir / "publication.yaml").read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return {}
    staff = pub.get("staff") if isinstance(pub, dict) else None
    return staff if isinstance(staff, dict) else {}


def new_issue(
    content_dir: Path,
    folder: str,
    date: str | None = None,
    number: str | None = None,
    today: dt.date | None = None,
    series: str | None = None,
) -> tuple[Path, IssueInfo | None]:
    """Write content/FOLDER/issue.yaml; return its path and the issue it follows."""
    content_dir = Path(content_dir)
    pub_path = content_dir / "publication.yaml"
    if not pub_path.is_file():
        raise ContentError(
            Where(pub_path),
            "找不到 publication.yaml: run zhuanbao in the folder that holds content/, or name it with --content DIR.",
        )
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z_-]*", folder):
        raise ContentError(None, f"期号文件夹名 `{folder}` should be a number like 14 (or 2023-6 for a year-numbered series).")
    target = content_dir / folder
    iss_path = target / "issue.yaml"
    if iss_path.exists():
        raise ContentError(
            Where(iss_path), f"第 {folder} 期已存在 issue {folder} exists already: nothing was changed (edit its issue.yaml instead)."
        )
    if date is None:
        when = today or dt.date.today()
    else:
        when = parse_date(date, Where(Path("--date")))
    if series is not None:
        known = _known_series(content_dir)
        if series not in known:
            raise ContentError(None, f"未知的系列 unknown series `--series {series}`: use one of {', '.join(known)}.")
        number = number or _series_number(content_dir, series, when.year, folder)
    number = number or folder_number(folder)
    if not number:
        raise ContentError(None, f"cannot tell the issue number from `{folder}`: add `--number N`.")
    prev = previous_issue(content_dir, exclude=folder, series=series)
    staff: dict[str, Any] = {}
    if prev is None and series is not None:  # a series' first issue: staff from the regular issues
        prev = previous_issue(content_dir, exclude=folder)
    if prev is not None:
        staff = dict(prev.staff)
    else:
        # No issue yet: list the publication's empty slots (审核:, 编辑:) to fill in.
        staff = {k: None for k, v in _publication_staff(content_dir).items() if v in (None, "")}
    lines = [f"number: {int(number) if number.isdigit() else yamlio.scalar(number)}", f"date: {when.isoformat()}"]
    if series is not None:
        lines.insert(0, f"series: {yamlio.scalar(series)}")
    total = _total(prev) if prev is not None and series_of(prev) == series else None
    if total is not None:  # 总第N期 runs on within the series
        lines.append(f"total: {total + 1}")
    if staff:
        lines.append("staff:")
        for k, v in staff.items():
            key = yamlio.scalar(str(k))
            lines.append(f"  {key}:" if v in (None, "") else f"  {key}: {yamlio.scalar(str(v))}")
    text = "\n".join(lines) + "\n"
    assert yaml.safe_load(text)["number"] is not None
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_write(exc, target, "name another content folder with --content DIR") from None
    try:
        with open(iss_path, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise ContentError(Where(iss_path), f"第 {folder} 期已存在 issue {folder} exists already: nothing was changed.") from None
    except OSError as exc:
        iss_path.unlink(missing_ok=True)  # a half-written issue.yaml is worse than none
        if created:
            target.rmdir()
        raise cannot_write(exc, iss_path, "name another content folder with --content DIR") from None
    return iss_path, prev


