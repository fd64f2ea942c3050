"""Problems found in editors' files, reported the way compilers do.

Every stage that reads an editor's file reports what is wrong as a Problem, so
`check`, `build` and `serve` print the same `path:line:column: message — hint`
lines and decide the exit code the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


def has_errors(problems: list[Problem], *, strict: bool = False) -> bool:
    """True if the problems should fail the command (warnings count with --strict)."""
    return any(p.severity is Severity.ERROR or strict for p in problems)


class ContentError(Exception):
    """Raised by a stage that cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
