"""Font subsets and compressed streams, kept from one PDF write to the next.

Most of writing a bulletin's PDF is subsetting its CJK fonts and
Flate-compressing the subsets: three quarters of a megabyte of glyph
outlines, more than laying out the whole issue. Between two renders of an
issue the characters rarely change, and reportlab cuts each font into
subsets of 256 characters in order of first use, so a new character changes
only a font's last subset. The same input gives the same bytes, so both steps
are remembered, keyed by their whole input:

- in memory, for the preview's long-lived pipeline;
- on disk beside the font cache (~/.cache/zhuanbao/subsets, off with
  ZHUANBAO_NO_FONT_CACHE=1), for `zhuanbao render`, keyed by the font file's
  path, size and mtime, the subset's characters, and reportlab's and zlib's
  versions. A hit gives the very bytes a fresh write would; any trouble with
  the cache falls back to computing them.
"""

from __future__ import annotations

import hashlib
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .atomicfile import write_replacing
from .cachedir import prune

FORMAT = 1  # bump when an entry's layout changes
KEEP_BYTES = 64 << 20  # disk kept for subsets; the least recently used go first


@dataclass
class StreamCache:
    """Remembers makeSubset's and zlib.compress's results (see the module's docstring)."""

    folder: Path | None = None  # the disk layer; None: memory only
    subsets: dict[tuple, bytes] = field(default_factory=dict)
    compressed: dict[bytes, bytes] = field(default_factory=dict)
    used: set[bytes] = field(default_factory=set)
    _new: dict[tuple, bytes] = field(default_factory=dict)  # computed this write, for the disk layer
    hits: int = 0

    MIN = 2048  # smaller streams compress faster than they hash

    @classmethod
    def on_disk(cls) -> StreamCache:
        from .fonts import _cache_dir

        fonts = _cache_dir()
        return cls(fonts.parent / "subsets" if fonts else None)

    def subset(self, face, codes: list[int], make) -> bytes:
        """makeSubset(face, codes), from the cache when its input is unchanged."""
        key = _subset_key(face, codes)
        data = self.subsets.get(key)
        if data is None and self.folder is not None:
            data = self._read(key)
        if data is None:
            data = make(face, codes)
            self._new[key] = data
        else:
            self.hits += 1
        self.subsets[key] = data
        return data

    def compress(self, data: bytes) -> bytes:
        if len(data) < self.MIN:
            return zlib.compress(data)
        self.used.add(data)
        out = self.compressed.get(data)
        if out is None:
            out = self.compressed[data] = zlib.compress(data)
        else:
            self.hits += 1
        return out

    def end_write(self) -> None:
        """After a write: save new subsets to disk, forget streams it did not use."""
        if self.folder is not None and self._new:
            for key, raw in self._new.items():
                if raw in self.compressed:
                    self._write(key, raw, self.compressed[raw])
            self._prune()
        self._new = {}
        for data in [d for d in self.compressed if d not in self.used]:
            del self.compressed[data]
        self.used = set()
        if len(self.subsets) > 256:  # many fonts and many edits: start over
            self.subsets.clear()

    def clear(self) -> None:
        self.subsets.clear()
        self.compressed.clear()
        self.used = set()
        self._new = {}

    # -- the disk layer: one file per subset, raw length + raw + compressed

    def _path(self, key: tuple) -> Path:
        digest = hashlib.sha1(repr(key).encode()).hexdigest()[:24]
        return self.folder / f"{Path(key[0]).stem}-{digest}.bin"  # type: ignore[operator]

    def _read(self, key: tuple) -> bytes | None:
        try:
            path = self._path(key)
            blob = path.read_bytes()
            os.utime(path)  # used now: pruning keeps the subsets in use
            n = int.from_bytes(blob[:8], "big")
            raw, packed = blob[8 : 8 + n], blob[8 + n :]
            if len(raw) != n or not packed:
                return None
        except (OSError, ValueError):
            return None
        self.compressed[raw] = packed
        return raw

    def _write(self, key: tuple, raw: bytes, packed: bytes) -> None:
        try:
            write_replacing(self._path(key), lambda fh: fh.write(len(raw).to_bytes(8, "big") + raw + packed))
        except OSError:
            pass  # a read-only home: no cache, same result

    def _prune(self) -> None:
        prune(self.folder, "*.bin", KEEP_BYTES)  # type: ignore[arg-type]


def _subset_key(face, codes: list[int]) -> tuple:
    from reportlab import Version

    try:
        st = os.stat(face.filename)
        stamp = (st.st_size, st.st_mtime_ns)
    except (OSError, TypeError):
        stamp = None
    return (str(face.filename), stamp, Version, zlib.ZLIB_RUNTIME_VERSION, FORMAT, tuple(codes))
