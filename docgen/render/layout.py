"""Geometry the templates cannot hold: how long the lines under the header texts are.

The decree wants the line under the Tiêu ngữ as long as the Tiêu ngữ, and the lines under the
agency name and the trích yếu 1/3 to 1/2 of the text line. Text is measured with Times New
Roman's advance widths (``data/metrics.json``, from its metric twin Liberation Serif).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from docgen import nd30

__all__ = ["text_width", "rule_indent"]

TWIPS_PER_PT = 20
RULE_SHARE = sum(nd30.RULE_FRACTION) / 2  # the middle of the decree's 1/3–1/2


@lru_cache(maxsize=1)
def _metrics() -> dict:
    return json.loads((Path(__file__).resolve().parent.parent / "data" / "metrics.json").read_text(encoding="utf-8"))


def text_width(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of ``text`` on one line, in points, at ``size_pt`` in Times New Roman."""
    metrics = _metrics()
    style = ("bold_" if bold else "") + ("italic" if italic else "")
    table = metrics[style.rstrip("_") or "regular"]
    fallback = table["n"]
    units = sum(table.get(ch, fallback) for ch in text)
    return units * size_pt / metrics["units_per_em"]


def rule_indent(line_pt: float, available_twips: int) -> int:
    """The left and right indent, in twips, that centres a line of ``line_pt`` in ``available_twips``."""
    line = min(int(line_pt * TWIPS_PER_PT), available_twips)
    return max((available_twips - line) // 2, 0)
