"""Parsed articles kept between renders, keyed by what would change them.

An entry is reused while the article file's path and content (size and
SHA-1) are the same, the issue's sections are the same (they decide whether `section:` is
valid) and every picture the article names is still the same file; otherwise
the article is read again with content.load_article, the one reader.

Two layers:

- in memory, for the preview's long-lived pipeline: with ten articles, a
  save re-reads one;
- on disk beside the font cache (~/.cache/zhuanbao/articles, off with
  ZHUANBAO_NO_FONT_CACHE=1), for `zhuanbao render`: when no article changed,
  the Markdown parser is not even imported (a tenth of a cold render). Disk
  entries are also keyed by zhuanbao's own source files and the parser's
  (size and mtime), so a changed reader never meets an article it parsed
  differently. Any cache trouble falls back to parsing.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .atomicfile import write_replacing
from .errors import Diagnostic
from .model import Article, Picture

FORMAT = 1  # bump when an entry's form changes
KEEP = 512  # entries kept on disk; the oldest go first


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size), or None for a file that is gone."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _code_key() -> tuple:
    """What the reader is made of: zhuanbao's modules and the parsers', by size and mtime.

    Found without importing the parsers (find_spec only locates them)."""
    from importlib.util import find_spec

    files = sorted(Path(__file__).resolve().parent.glob("*.py"))
    for name in ("markdown_it", "mdit_py_plugins", "yaml"):
        spec = find_spec(name)
        if spec and spec.origin:
            files.append(Path(spec.origin))
    return (FORMAT, sys.version_info[:3], tuple((f.name, file_stamp(f)) for f in files))


def _digest(path: Path) -> tuple[int, str] | None:
    """(size, SHA-1) of an article: its content, not its mtime, which two
    saves within one clock tick (a few ms) can share."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return len(data), hashlib.sha1(data).hexdigest()


@dataclass
class _Entry:
    stamp: tuple[int, str]
    sections: tuple[str, ...]
    article: Article
    warnings: list[Diagnostic]
    pictures: dict[Path, tuple[int, int] | None]

    def fresh(self, stamp, sections) -> bool:
        return (
            stamp is not None
            and self.stamp == stamp
            and self.sections == sections
            and all(file_stamp(p) == s for p, s in self.pictures.items())
        )


@dataclass
class ArticleCache:
    """content.load_article with a memory: pass `cache.read` to content.load_issue."""

    folder: Path | None = None  # the disk layer; None: memory only
    entries: dict[Path, _Entry] = field(default_factory=dict)
    parsed: int = 0  # articles actually read, for tests and the bench
    reused: int = 0
    _code: tuple | None = None

    @classmethod
    def on_disk(cls) -> ArticleCache:
        from .fonts import _cache_dir

        fonts = _cache_dir()
        return cls(fonts.parent / "articles" if fonts else None)

    def read(self, path: Path, sections: tuple[str, ...], folder: Path, warnings: list[Diagnostic]) -> Article:
        stamp = _digest(path)
        entry = self.entries.get(path)
        if (entry is None or not entry.fresh(stamp, sections)) and self.folder is not None and stamp is not None:
            entry = self._load(path, stamp, sections)
        if entry is not None and entry.fresh(stamp, sections):
            self.reused += 1
            self.entries[path] = entry
            warnings.extend(entry.warnings)
            return entry.article
        from .content import load_article

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
            pictures = {b.path: file_stamp(b.path) for b in article.blocks if isinstance(b, Picture)}
            entry = self.entries[path] = _Entry(stamp, sections, article, mine, pictures)
            if self.folder is not None:
                self._save(path, entry)
        return article

    def forget_missing(self, present: set[Path]) -> None:
        """Drop entries of articles that were deleted or renamed."""
        for path in [p for p in self.entries if p not in present]:
            del self.entries[path]

    # -- the disk layer: one pickle per article version

    def _file(self, path: Path, stamp: tuple[int, str], sections: tuple[str, ...]) -> Path:
        if self._code is None:
            self._code = _code_key()
        key = repr((str(path.resolve()), stamp, sections, self._code))
        return self.folder / f"{path.stem}-{hashlib.sha1(key.encode()).hexdigest()[:24]}.pickle"  # type: ignore[operator]

    def _load(self, path: Path, stamp, sections) -> _Entry | None:
        try:
            file = self._file(path, stamp, sections)
            with file.open("rb") as fh:
                entry = pickle.load(fh)
            os.utime(file)  # used now: pruning keeps the articles in use
        except Exception:  # missing, stale or broken: parse afresh
            return None
        return entry if isinstance(entry, _Entry) else None

    def _save(self, path: Path, entry: _Entry) -> None:
        try:
            target = self._file(path, entry.stamp, entry.sections)
            write_replacing(target, lambda fh: pickle.dump(entry, fh, protocol=pickle.HIGHEST_PROTOCOL))
            # Counting the entries is cheap, dating them is not (a stat
            # each): past KEEP, the oldest go down to three quarters of it,
            # so that the next saves of an editing session only count.
            if len(os.listdir(target.parent)) > KEEP:
                entries = sorted(target.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime)
                for old in entries[: len(entries) - KEEP * 3 // 4]:
                    old.unlink(missing_ok=True)
        except Exception:
            pass  # a read-only home or an unpicklable article: no cache, same result
