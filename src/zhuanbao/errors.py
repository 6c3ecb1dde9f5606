"""Messages for editors: every mistake names its file and line.

A ContentError stops the render (exit 1, nothing written); a Diagnostic with
level "warning" is printed and the render goes on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Where:
    """A place in an editor's file: what a message points at."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


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

    @property
    def diagnostic(self) -> Diagnostic:
        return Diagnostic("error", self.where, self.message)

    def __str__(self) -> str:
        return str(self.diagnostic)
