"""The output formats a render writes: `--format` and `formats:`.

Kept apart from render.py so that loading an issue (content.py) can check a
publication's `formats:` with the same rule as the command line, before
anything is laid out.
"""

from __future__ import annotations

from .errors import ContentError, Where

FORMATS = ("pdf", "docx", "ofd")  # what `--format all` writes
DEFAULT_FORMATS = ("pdf", "docx")  # what a render writes when neither --format nor publication.yaml says


def parse_formats(value: object, where: Where) -> tuple[str, ...]:
    """`pdf,docx,ofd`, a YAML list or `all` → the formats, in FORMATS order.
    An unknown or empty value is one message naming where it was written."""
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    names = [str(v).strip().lower() for v in items if str(v).strip()]
    if "all" in names:
        return FORMATS
    bad = [n for n in names if n not in FORMATS]
    if bad or not names:
        what = f"未知的输出格式 unknown format `{', '.join(bad)}`" if bad else "没有给出输出格式 no format given"
        raise ContentError(where, f"{what}: formats are {', '.join(FORMATS)} or all, e.g. `formats: [pdf, docx]`.")
    return tuple(f for f in FORMATS if f in names)
