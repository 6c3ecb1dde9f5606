"""The bulletin family's optional keys (../shared/spec/family.md), read and checked.

publication.yaml and issue.yaml may carry header marks (`mark`, `secrecy`,
`copy_number`, `over_masthead`), issue numbers (`total`, `series`), an
issue-level 编者按 (`note`), 版记 additions (`distribution_extra`, `copies`,
`printed_by`) and `toc`. Every key is optional; an issue that uses none of
them gets `Family()` and prints exactly as before. Each bad value is one
ContentError naming the file and line of the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .errors import ContentError, Where

#: keys of publication.yaml / issue.yaml this module reads
FAMILY_KEYS = (
    "mark",
    "secrecy",
    "copy_number",
    "over_masthead",
    "total",
    "series",
    "note",
    "distribution_extra",
    "copies",
    "printed_by",
    "toc",
)
SECRECY_LEVELS = ("秘密", "机密", "绝密")
# GB/T 9704 §7.2.2: 密级 alone, or 密级★保密期限 with the period in Arabic digits.
_SECRECY = re.compile(r"(秘密|机密|绝密)(?:★([1-9]\d*)(年|个月))?")
TOC_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class Family:
    """The family keys of one issue (publication.yaml merged with issue.yaml)."""

    mark: str | None = None
    secrecy: str | None = None
    copy_number: bool = False
    over_masthead: str | None = None
    total: int | None = None
    series: str | None = None
    note: str | None = None
    distribution_extra: tuple[tuple[str, tuple[str, ...]], ...] = ()
    copies: int | None = None
    printed_by: str | None = None
    toc: str | None = None  # auto | always | never; None: the layout's choice
    wheres: dict[str, Where] = field(default_factory=dict, compare=False)

    def where(self, key: str) -> Where | None:
        return self.wheres.get(key)


def _text(value: Any, where: Where, key: str) -> str:
    if isinstance(value, (dict, list, bool)) or value is None or not str(value).strip():
        raise ContentError(where, f"`{key}` should be text, like `{key}: {_EXAMPLES[key]}`.")
    return str(value).strip()


def _positive(value: Any, where: Where, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ContentError(where, f"`{key}: {value}` should be a whole number above 0, like `{key}: {_EXAMPLES[key]}`.")
    return value


_EXAMPLES = {
    "mark": "内部资料 注意保存",
    "secrecy": "秘密★1年",
    "over_masthead": "中共青岛市委宣传部",
    "total": 356,
    "series": "增刊",
    "note": "现将……刊发，供学习参考。",
    "copies": 120,
    "printed_by": "中共青岛市委宣传部办公室",
    "toc": "auto",
}


def check_secrecy(value: Any, where: Where) -> str:
    """`秘密★1年`, `机密★6个月`, `绝密`: the standard's form, or one message."""
    text = _text(value, where, "secrecy")
    if not _SECRECY.fullmatch(text):
        raise ContentError(
            where,
            f"密级 `secrecy: {text}` 格式不对 is not in the standard's form: the level "
            f"({'、'.join(SECRECY_LEVELS)}), then ★ and the period in Arabic digits with 年 or 个月 "
            "(秘密★1年, 机密★6个月), or the level alone.",
        )
    return text


def read_family(settings: dict, where: Callable[[str], Where]) -> Family:
    """The family keys of `settings` (publication.yaml overlaid by issue.yaml).

    `where(key)` names the file and line a key was written on.
    """
    found: dict[str, Any] = {}
    for key in FAMILY_KEYS:
        if key not in settings:
            continue
        value, w = settings[key], where(key)
        if value is None:
            continue  # `mark:` left empty switches a publication-wide mark off for an issue
        if key in ("mark", "over_masthead", "note", "printed_by", "series"):
            found[key] = _text(value, w, key)
        elif key == "secrecy":
            found[key] = check_secrecy(value, w)
        elif key == "copy_number":
            if not isinstance(value, bool):
                raise ContentError(w, f"`copy_number: {value}` should be true or false.")
            found[key] = value
        elif key in ("total", "copies"):
            found[key] = _positive(value, w, key)
        elif key == "toc":
            if str(value) not in TOC_MODES:
                raise ContentError(w, f"`toc: {value}` should be one of {', '.join(TOC_MODES)}.")
            found[key] = str(value)
        elif key == "distribution_extra":
            if not isinstance(value, dict) or not value:
                raise ContentError(w, "`distribution_extra` should be lines like `发: [市委办公厅]`.")
            rows = []
            for k, v in value.items():
                if isinstance(v, str):
                    v = [v]
                if not isinstance(v, list) or not v or not all(isinstance(x, (str, int)) for x in v):
                    raise ContentError(w, f"`distribution_extra.{k}` should be a list like [市委办公厅].")
                rows.append((str(k), tuple(str(x) for x in v)))
            found[key] = tuple(rows)
    wheres = {k: where(k) for k in found}
    return Family(**found, wheres=wheres)


def check_series(family: Family, allowed: tuple[str, ...], layout_where: Where) -> None:
    """A series must be one the layout knows (增刊, 专刊, 特刊 …)."""
    if family.series is not None and family.series not in allowed:
        raise ContentError(
            family.where("series"),
            f"未知的系列 unknown series `{family.series}`: use one of {', '.join(allowed)} "
            f"(the list is `labels.series_names` in {layout_where.path.name}).",
        )
