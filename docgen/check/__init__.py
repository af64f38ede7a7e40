"""``docgen check``: every departure of a .docx — ours or typed by hand — from Nghị định 30/2020.

``check_docx(source)`` reads the document (a path or bytes), finds its components and returns
the findings of every rule in ``rules.RULES``, in document order within each group.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from docgen.check.annex import check_annexes
from docgen.check.body import check_body
from docgen.check.decision import check_decision
from docgen.check.document import read_document
from docgen.check.header import check_header
from docgen.check.page import check_page
from docgen.check.report import Finding, json_report, text_report
from docgen.check.rules import ERROR, RULES, WARNING
from docgen.check.signature import check_signature

__all__ = ["check_docx", "Finding", "RULES", "ERROR", "WARNING", "text_report", "json_report"]

_GROUPS = (check_page, check_header, check_body, check_decision, check_signature, check_annexes)


def check_docx(source: str | Path | bytes | Mapping[str, bytes]) -> list[Finding]:
    """The findings for the .docx at ``source`` (a path, its bytes, or its parts by name); empty when it
    conforms."""
    checked = read_document(source)
    return [found for group in _GROUPS for found in group(checked)]
