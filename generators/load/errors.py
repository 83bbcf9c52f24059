"""Errors staff read: one line each, ``file:line:col: field.path: message``.

Every stage appends to an :class:`ErrorReport` instead of raising, so one run shows every
mistake at once (MkDocs and Pelican do the same); the CLI prints the report and exits 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place. ``line`` and ``col`` are 1-based; 0 means "whole file"."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}" if self.line else self.file
        field_path = f" {self.path}:" if self.path else ""
        return visible(f"{where}:{field_path} {self.message}")


#: Characters that would end the line (a CI runner reads each line of the log as a possible
#: workflow command, "::stop-commands::…") or reorder it on screen, shown as escapes instead.
_INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def visible(text: str) -> str:
    """``text`` on one line, with line breaks and invisible characters written as escapes
    (``\\n``, ``\\u202e``), as a value quoted in a message should be."""
    return _INVISIBLE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or f"\\u{ord(ch):04x}"


@dataclass
class ErrorReport:
    """Every problem found in one run, errors and warnings apart."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def error(self, file: str, line: int, col: int, path: str, message: str) -> None:
        self.add(Problem(file, line, col, path, message))

    def warn(self, file: str, line: int, col: int, path: str, message: str) -> None:
        self.add(Problem(file, line, col, path, message, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == "warning")

    def __bool__(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def summary(self) -> str:
        """The closing line: how many errors and warnings, in Chinese and English."""
        e = sum(p.severity == "error" for p in self.problems)
        w = len(self.problems) - e
        if e:
            return f"发现 {e} 个错误，{w} 个警告，未生成任何页面。 ({e} error(s), {w} warning(s))"
        return f"检查通过：0 个错误，{w} 个警告。 (0 errors, {w} warning(s))"
