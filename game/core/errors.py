"""Problems found in a scenario, as values with a location and a hint.

Every mistake a trainer can make comes back as a `Problem`; when any of them is an error the
loader raises the one exception type for authoring mistakes, `AuthoringError`, carrying them all.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) at a place in a file. Lines and columns start at 1."""

    severity: str
    file: str
    line: int
    col: int
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """`file:line:col: error: message`, then the hint indented on its own line."""
        head = f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head

    def to_dict(self) -> dict:
        return {
            "severity": self.severity, "file": self.file, "line": self.line, "col": self.col,
            "message": self.message, "hint": self.hint,
        }


class AuthoringError(Exception):
    """A scenario (or fragment) that cannot be used as written. `problems` holds all of them."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=_order)
        if not self.problems:  # never raise an error that says nothing
            raise ValueError("AuthoringError needs at least one problem")
        super().__init__("\n".join(p.format() for p in self.problems))


class SaveError(Exception):
    """A saved play state that cannot be read back (corrupt, truncated, or for another scenario)."""


def _order(p: Problem):
    return (p.file, p.line, p.col, p.severity != ERROR, p.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, line, column, errors before warnings."""
    return sorted(problems, key=_order)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate to a misspelt `word`, or '' when none is close."""
    close = difflib.get_close_matches(str(word), list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
