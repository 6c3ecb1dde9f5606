"""Parsed articles kept between renders, keyed by what would change them.

The preview lays an issue out again on every save; parsing Markdown is cheap
but not free, and with ten articles only the saved one has changed. An entry
is reused while the file's path, size and mtime are the same, the issue's
sections are the same (they decide whether `section:` is valid) and every
picture the article names is still the same file; otherwise the article is
read again with content.load_article, the one reader.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..content import load_article
from ..errors import Diagnostic
from ..model import Article, Picture


def _stamp(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size), or None for a file that is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@dataclass
class _Entry:
    stamp: tuple[int, int]
    sections: tuple[str, ...]
    article: Article
    warnings: list[Diagnostic]
    pictures: dict[Path, tuple[int, int] | None]


@dataclass
class ArticleCache:
    """load_article with a memory: pass `cache.read` to content.load_issue."""

    entries: dict[Path, _Entry] = field(default_factory=dict)
    parsed: int = 0  # articles actually read, for tests and the bench
    reused: int = 0

    def read(self, path: Path, sections: tuple[str, ...], folder: Path, warnings: list[Diagnostic]) -> Article:
        stamp = _stamp(path)
        entry = self.entries.get(path)
        if (
            entry is not None
            and stamp is not None
            and entry.stamp == stamp
            and entry.sections == sections
            and all(_stamp(p) == s for p, s in entry.pictures.items())
        ):
            self.reused += 1
            warnings.extend(entry.warnings)
            return entry.article
        mine: list[Diagnostic] = []
        try:
            article = load_article(path, sections, folder, mine)
        except Exception:
            self.entries.pop(path, None)
            raise
        finally:
            warnings.extend(mine)
        self.parsed += 1
        if stamp is not None:
            pictures = {b.path: _stamp(b.path) for b in article.blocks if isinstance(b, Picture)}
            self.entries[path] = _Entry(stamp, sections, article, mine, pictures)
        return article

    def forget_missing(self, present: set[Path]) -> None:
        """Drop entries of articles that were deleted or renamed."""
        for path in [p for p in self.entries if p not in present]:
            del self.entries[path]
