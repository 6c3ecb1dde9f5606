"""Noticing saves: a stat poll of the few files an issue is made of.

Why a poll and not inotify (watchfiles, watchdog): an issue is a dozen files
(publication.yaml, the issue folder, the layout, its fonts, word list and
title model, pictures).
Stat-ing all of them costs a few tens of microseconds, so polling every 50 ms
costs nothing measurable, reaches a save within 50 ms (inside the 0.3 s
edit-to-PDF target), sees every editor's way of saving (write in place,
write-and-rename, a new file, a deletion) on every file system, including
network and container mounts where inotify events do not arrive, and needs
no compiled dependency. A library would earn its place watching thousands
of files; here it would only add a thread and a wheel.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

Snapshot = dict[Path, tuple[int, int]]


def _entry(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@dataclass
class Watcher:
    """The files of an issue and their (mtime, size) at the last look.

    `folders` are listed on every look (a new or deleted article or picture
    counts); `extra` gives further files (the layout, its fonts, word list and
    title model, pictures outside the issue folder) each time, as they can change with the issue.
    """

    folders: list[Path]
    files: list[Path]
    extra: Callable[[], Iterable[Path]] = lambda: ()
    last: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        snap: Snapshot = {}
        for folder in self.folders:
            try:
                names = os.listdir(folder)
            except OSError:
                continue
            for name in names:
                if name.startswith((".", "~")) or name.endswith(("~", ".swp", ".tmp")):
                    continue  # editors' backup and lock files are not the issue
                p = folder / name
                e = _entry(p)
                if e is not None:
                    snap[p] = e
        for p in [*self.files, *self.extra()]:
            e = _entry(p)
            if e is not None:
                snap[p] = e
        return snap

    def changed(self) -> bool:
        """True if anything differs from the last look (the first look counts as a change)."""
        snap = self.snapshot()
        if snap == self.last:
            return False
        self.last = snap
        return True

    def include_new(self) -> None:
        """Start watching files `extra` names only now (the layout's, once
        the first render has read it), without counting that as a change."""
        if self.last is None:
            return
        for p in self.extra():
            if p not in self.last:
                e = _entry(p)
                if e is not None:
                    self.last[p] = e
