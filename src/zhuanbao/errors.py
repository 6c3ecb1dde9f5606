"""Messages for editors: every mistake names its file and line.

A ContentError stops the render (exit 1, nothing written); a Diagnostic with
level "warning" is printed and the render goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Where:
    """A place in an editor's file: what a message points at."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


def key_line(path: Path, key: str, front_matter: bool = False) -> int | None:
    """The line that writes `key:` in an editor's YAML file, or, `front_matter`,
    in the header of an article (between its opening and closing `---`):
    messages point at the key the editor wrote, not at the file's first line.
    None if the file cannot be read or writes no such key."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    start = 1 if front_matter else 0
    for i, line in enumerate(lines[start:], start=start + 1):
        if front_matter and line.strip() == "---":
            break
        if re.match(rf"{key}\s*:", line):
            return i
    return None


def front_line(path: Path, key: str, fallback: Where) -> Where:
    """Where an article's header writes `key:` (`title:`), else `fallback`."""
    line = key_line(path, key, front_matter=True)
    return Where(path, line) if line else fallback


@dataclass(frozen=True)
class Diagnostic:
    level: str  # "error" or "warning"
    where: Where | None
    message: str

    def __str__(self) -> str:
        label = "错误 error" if self.level == "error" else "警告 warning"
        place = f"{self.where}: " if self.where else ""
        return f"{place}{label}: {self.message}"


class ContentError(Exception):
    """Bad input that stops the render; carries where and what to do."""

    def __init__(self, where: Where | None, message: str):
        super().__init__(message)
        self.where = where
        self.message = message
        self.also: list[ContentError] = []  # further problems of the same file, for `check` to list

    @classmethod
    def all_of(cls, found: list["ContentError"]) -> "ContentError":
        """The first problem, carrying the others: render stops at it, check lists them all."""
        first = found[0]
        first.also = list(found[1:])
        return first

    @property
    def diagnostic(self) -> Diagnostic:
        return Diagnostic("error", self.where, self.message)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [self.diagnostic] + [d for e in self.also for d in e.diagnostics]

    def __str__(self) -> str:
        return str(self.diagnostic)


# --- the file system's refusals, in an editor's words ---------------------------

_FULL = {"ENOSPC", "EDQUOT", "EFBIG"}
_DENIED = {"EACCES", "EPERM"}


def _errno_name(exc: OSError) -> str:
    import errno

    return errno.errorcode.get(exc.errno or 0, "")


def cannot_write(exc: OSError, path: Path, what_to_do: str = "choose another folder with --out DIR") -> ContentError:
    """An OSError met while writing `path`, as one message saying what to do.

    The caller has already removed what it had half-written, so every
    message can promise that nothing was changed.
    """
    name = _errno_name(exc)
    if name in _FULL:
        why = "磁盘已满 the disk is full (or the file is larger than this system allows)"
        do = f"free some space or {what_to_do}"
    elif name in _DENIED:
        why = "没有写入权限 no permission to write here"
        do = f"{what_to_do}, or ask for write access"
    elif name == "EROFS":
        why = "只读 the disk is read-only"
        do = what_to_do
    elif name in ("ENOTDIR", "EEXIST"):
        why = "这是一个文件，不是文件夹 a file is in the way where a folder should be"
        do = f"rename or remove that file, or {what_to_do}"
    else:
        why = f"无法写入 cannot write ({exc.strerror or exc.__class__.__name__})"
        do = what_to_do
    return ContentError(Where(path), f"{why}: {do}. Nothing was changed.")


def cannot_read(exc: OSError, path: Path) -> ContentError:
    """An OSError met while reading an editor's file, as one message."""
    name = _errno_name(exc)
    if name in _DENIED:
        why = "没有读取权限 no permission to read this file"
    elif name == "ENOENT":
        why = "文件不存在 the file is not there"
    elif name == "EISDIR":
        why = "这是文件夹，不是文件 this is a folder, not a file"
    else:
        why = f"读不了 cannot read this file ({exc.strerror or exc.__class__.__name__})"
    return ContentError(Where(path), f"{why}: check the name and that you may read it.")


def os_problem(exc: OSError) -> str:
    """The last resort for an OSError no command caught where it happened: still the file and what to do."""
    place = f"{exc.filename}: " if exc.filename else ""
    if _errno_name(exc) in _DENIED:
        why = "没有权限 no permission to use this file or folder: ask for access, or work on a copy you own"
    elif _errno_name(exc) in _FULL:
        why = "磁盘已满 the disk is full: free some space"
    else:
        why = f"{exc.strerror or exc}: check this file or folder"
    return f"{place}错误 error: {why}, then run the command again."
