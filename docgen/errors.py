"""The errors docgen raises for a person to read; anything else is a bug."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DocgenError", "PlanError", "Problem", "TemplateError", "RenderError"]


class DocgenError(Exception):
    """Root of the errors that carry a message for the user; the CLI shows them and exits 1."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan, located as precisely as the YAML allows."""

    file: Path
    line: int | None  # 1-based; None when the whole file is at fault
    column: int | None  # 1-based
    field: tuple[str | int, ...] = ()
    message: str = ""

    @property
    def field_path(self) -> str:
        """The field as a clerk reads it: ``can_cu[2].ngay``; empty for the whole plan."""
        out = ""
        for part in self.field:
            if isinstance(part, int):
                out += f"[{part + 1}]"
            else:
                out += ("." if out else "") + part
        return out

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f", dòng {self.line}"
            if self.column is not None:
                where += f", cột {self.column}"
        if self.field:
            where += f" ({self.field_path})"
        return f"{where}: {self.message}"


@dataclass
class PlanError(DocgenError):
    """A plan cannot be used; carries every problem found, in file order."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.problems.sort(key=lambda p: (str(p.file), p.line or 0, p.column or 0))
        count = len(self.problems)
        head = "Kế hoạch có 1 lỗi:" if count == 1 else f"Kế hoạch có {count} lỗi:"
        if count and self.problems[0].file:
            head = f"Không dùng được tệp {self.problems[0].file} ({count} lỗi):"
        lines = [head, *(f"  - {p}" for p in self.problems)]
        DocgenError.__init__(self, "\n".join(lines))

    def __str__(self) -> str:
        return self.message


class TemplateError(DocgenError):
    """A Word template is missing or broken."""


class RenderError(DocgenError):
    """A document could not be produced or written."""
