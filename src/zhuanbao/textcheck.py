"""What an article prints but looks wrong, said by `check` and `render`
alike: half-width marks in Chinese text, a space typed beside a full-width
mark, unbalanced quotes or brackets, a picture reference that prints as text. Light on purpose: `render` imports
it, and a render with unchanged YAML files must not import yaml.
"""

from __future__ import annotations

import re

from .errors import Diagnostic, Where, front_line
from .model import Article, Heading, Paragraph, Picture
from .punct import half_width_marks, has_han, stray_spaces, unbalanced


def _texts(art: Article) -> list[tuple[str, Where, str]]:
    """(text, where, what) for everything an article prints."""
    out: list[tuple[str, Where, str]] = []
    if art.title_lines:  # one text: a quote may open on a title's first line and close on its second
        out.append(("".join(art.title_lines), _front_where(art, "title"), "title"))
    if art.subtitle:
        out.append((art.subtitle, _front_where(art, "subtitle"), "subtitle"))
    if art.sources:
        out.append((art.sources, _front_where(art, "source"), "source"))
    if art.author:
        out.append((art.author, _front_where(art, "author"), "source"))
    for b in art.blocks:
        if isinstance(b, Paragraph):
            out.append(("".join(s.text for s in b.spans), b.where, "paragraph"))
        elif isinstance(b, Heading):
            out.append((b.text, b.where, "heading"))
        elif isinstance(b, Picture) and b.caption:
            out.append((b.caption, b.where, "caption"))
    return out


def _front_where(art: Article, key: str) -> Where:
    return front_line(art.path, key, art.where)


def text_warnings(art: Article) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for text, where, what in _texts(art):
        if has_han(text):
            marks = half_width_marks(text)
            dots = [c for c in marks if c.new == "·"]
            marks = [c for c in marks if c.new != "·"]
            if dots:
                out.append(
                    Diagnostic(
                        "warning",
                        where,
                        f"间隔号 a bullet or middle dot for the 间隔号: {'; '.join(str(c) for c in dots[:4])}. GB/T 15834 writes · (U+00B7), the one "
                        "the layout's fonts have (zhuanbao import does this for pasted text).",
                    )
                )
            if marks:
                shown = "; ".join(c.as_written() for c in marks[:4]) + (f"; … ({len(marks)} in all)" if len(marks) > 4 else "")
                out.append(
                    Diagnostic(
                        "warning",
                        where,
                        f"半角标点 half-width punctuation in Chinese text: {shown}. "
                        "Use the full-width mark (zhuanbao import does this for pasted text).",
                    )
                )
        spaces = stray_spaces(text)[1] if what in ("paragraph", "heading", "caption") else []
        if spaces:
            shown = "; ".join(f"“{c.was}”" for c in spaces[:4]) + (f"; … ({len(spaces)} in all)" if len(spaces) > 4 else "")
            out.append(
                Diagnostic(
                    "warning",
                    where,
                    f"多余空格 a space typed beside a full-width mark: {shown}. The mark carries its own space: "
                    "delete the typed one (zhuanbao import does this for pasted text).",
                )
            )
        for problem in unbalanced(text):
            out.append(
                Diagnostic("warning", where, f"引号或括号不配对 unbalanced quotes or brackets: {problem}.")
            )
        if re.search(r"!\[[^\]]*\]\([^)]*\)", text):
            out.append(
                Diagnostic(
                    "warning",
                    where,
                    "这里的图片没有被识别 this picture reference prints as text: a file name with spaces "
                    "must be written in angle brackets, ![说明](<照片 1.jpg>).",
                )
            )
    return out
