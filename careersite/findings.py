"""Finding: one thing `careersite check` reports, with a stable kebab-case code, and the reports
made of them (one line each, or JSON for scripts and CI)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from .problems import Problem
from .plural import counted

ERROR, WARNING = "error", "warning"

# how a lint reports on a posting: add(field, severity, code, message, line=None), where None
# means the line the field is written on (check.check_posting makes it)
Add = Callable[..., None]


@dataclass(frozen=True)
class Finding:
    """One thing `careersite check` reports; `line` is 1-based, 0 when the whole file is meant."""

    path: str
    line: int
    field: str
    severity: str  # "error" or "warning"
    code: str  # stable, kebab-case
    message: str

    def to_dict(self) -> dict:
        return {
            "file": self.path,
            "line": self.line,
            "field": self.field,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what} [{self.code}]"


def sort_key(finding: Finding) -> tuple:
    return (finding.path, finding.line, finding.code, finding.field, finding.message)


def from_problem(problem: Problem, code: str = "invalid") -> Finding:
    return Finding(problem.path, problem.line, problem.field, ERROR, problem.code or code, problem.message)


def exit_code(findings: list[Finding], strict: bool = False) -> int:
    """0 when clean; 1 on any error, or with `strict` on any warning too."""
    if any(f.severity == ERROR for f in findings):
        return 1
    if strict and findings:
        return 1
    return 0


def summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "No problems found."
    return f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"


def format_text(findings: list[Finding]) -> str:
    """One line per finding, then a summary line; ends with a newline."""
    return "".join(f"{f}\n" for f in findings) + summary(findings) + "\n"


def format_json(findings: list[Finding]) -> str:
    """A JSON array of {file, line, field, severity, code, message}; ends with a newline."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"
