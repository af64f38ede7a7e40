"""Findings and how they are shown: a readable report grouped by severity, or JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from docgen.check.rules import ERROR, RULES, WARNING

__all__ = ["Finding", "finding", "text_report", "json_report"]


@dataclass(frozen=True)
class Finding:
    """One departure from the decree, with the rule, the offending text and where it stands."""

    rule: str
    severity: str
    clause: str
    message: str
    detail: str
    text: str
    where: str

    def line(self) -> str:
        """The finding on one line for a person."""
        out = f"[{self.rule}] {self.clause}: {self.message}"
        if self.detail:
            out += f" — {self.detail}"
        if self.where:
            out += f" ({self.where}"
            out += f': "{self.text}")' if self.text else ")"
        return out


def finding(rule: str, para=None, detail: str = "", text: str | None = None) -> Finding:
    """A Finding of ``rule`` at ``para`` (any object with ``where`` and ``stripped``, or None)."""
    spec = RULES[rule]
    shown = text if text is not None else (para.stripped if para is not None else "")
    if len(shown) > 80:
        shown = shown[:77] + "…"
    return Finding(rule, spec.severity, spec.clause, spec.message, detail, shown,
                   para.where if para is not None else "")


def text_report(path: str, findings: list[Finding]) -> str:
    """The report of one document, errors first, for a person."""
    if not findings:
        return f"{path}: đạt, không có lỗi theo Nghị định 30/2020/NĐ-CP."
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    lines = [f"{path}: {len(errors)} lỗi, {len(warnings)} cảnh báo"]
    for title, group in (("Lỗi", errors), ("Cảnh báo", warnings)):
        if group:
            lines.append(f"  {title}:")
            lines += [f"    - {line}" for line in _grouped(group)]
    return "\n".join(lines)


def _grouped(findings: list[Finding]) -> list[str]:
    """The findings' lines, the same finding at three paragraphs or more said once, with where it is ("cách
    đoạn trên 3 pt" at paragraphs 20 to 37 is one thing to fix, in the paragraph style)."""
    paragraphs: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.where.startswith("đoạn "):
            paragraphs.setdefault((f.rule, f.detail), []).append(f)
    out = []
    for f in findings:
        same = paragraphs.get((f.rule, f.detail), [])
        if len(same) < 3 or not f.where.startswith("đoạn "):
            out.append(f.line())
        elif f is same[0]:
            numbers = [int(g.where.split()[1]) for g in same]
            first = same[numbers.index(min(numbers))]
            out.append(f"[{f.rule}] {f.clause}: {f.message} — {f.detail} (ở {len(same)} đoạn: {_spans(numbers)}; "
                       f'đoạn {min(numbers)}: "{first.text}")')
    return out


def _spans(numbers: list[int]) -> str:
    """"đoạn 15–19, 21, 23–37": paragraph numbers, runs of consecutive ones as ranges."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "đoạn " + ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


def json_report(results: dict[str, list[Finding]]) -> str:
    """Every document's findings as JSON, for programs."""
    return json.dumps(
        {path: [asdict(f) for f in findings] for path, findings in results.items()},
        ensure_ascii=False,
        indent=2,
    )
