"""Geometry the templates cannot hold: how long the lines under the header texts are.

The decree wants the line under the Tiêu ngữ as long as the Tiêu ngữ, and the lines under the
agency name and the trích yếu 1/3 to 1/2 of the text line. Text is measured with Times New
Roman's advance widths (``data/metrics.json``, from its metric twin Liberation Serif).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache, partial
from pathlib import Path

from docgen import nd30

__all__ = ["text_width", "rule_indent"]

TWIPS_PER_PT = 20
RULE_SHARE = sum(nd30.RULE_FRACTION) / 2  # the middle of the decree's 1/3–1/2


@lru_cache(maxsize=1)
def _metrics() -> dict:
    """The font's advance widths by style; a character the font lacks is measured as an "n"."""
    metrics = json.loads((Path(__file__).resolve().parent.parent / "data" / "metrics.json").read_text(encoding="utf-8"))
    for style in ("regular", "bold", "italic", "bold_italic"):
        table = metrics[style]
        metrics[style] = defaultdict(partial(int, table["n"]), table)
    return metrics


def text_width(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """Width of ``text`` on one line, in points, at ``size_pt`` in Times New Roman."""
    return text_widths([text], size_pt, bold, italic)[0]


def text_widths(texts: list[str], size_pt: float, bold: bool = False, italic: bool = False) -> list[float]:
    """The width of each of ``texts`` on one line, in points (one look-up of the font's table for all)."""
    metrics = _metrics()
    width = metrics[("bold_italic" if italic else "bold") if bold else ("italic" if italic else "regular")].__getitem__
    scale = size_pt / metrics["units_per_em"]
    return [sum(map(width, text)) * scale for text in texts]  # map calls the table's look-up in C


def rule_indent(line_pt: float, available_twips: int) -> int:
    """The left and right indent, in twips, that centres a line of ``line_pt`` in ``available_twips``."""
    line = min(int(line_pt * TWIPS_PER_PT), available_twips)
    return max((available_twips - line) // 2, 0)


def _words(text: str) -> list[str]:
    """The words a line may break between; a lone dash stays with the word before it ("kinh tế -"), as a line
    never starts with one."""
    out: list[str] = []
    for word in text.split(" "):
        if out and word in ("-", "–"):
            out[-1] += " " + word
        elif word:
            out.append(word)
    return out


def _wrap(words: list[str], widths: list[float], space: float, width: float, first: float) -> list[list[str]]:
    """``words`` broken greedily into lines no wider than ``width`` (the first line ``first``), as Word does."""
    lines: list[list[str]] = [[]]
    used = 0.0
    room = first
    for word, size in zip(words, widths):
        if lines[-1] and used + space + size > room:
            lines.append([])
            used, room = 0.0, width
        used += (space if lines[-1] else 0.0) + size
        lines[-1].append(word)
    return lines


def _count(widths: list[float], space: float, width: float, first: float) -> int:
    """How many lines ``_wrap`` makes of words this wide (counted, not built: the search asks it often)."""
    lines, used, room = 1, widths[0], first
    for size in widths[1:]:
        if used + space + size > room:  # as _wrap decides
            lines, used, room = lines + 1, size, width
        else:
            used += space + size
    return lines


def balanced(text: str, size_pt: float, bold: bool, width_pt: float, lead: str = "") -> str:
    """``text`` with its line breaks ("\\n") placed so that its lines, set in ``width_pt`` after ``lead`` on the
    first line, are as even as they can be in as few lines as Word would use: no word left alone on the last
    line. A text that fits on one line, or whose breaks the plan gives, is returned as it is."""
    if "\n" in text:
        return text
    words = _words(text)
    *widths, space, lead_pt = text_widths([*words, " ", lead], size_pt, bold)
    first = width_pt - lead_pt
    count = _count(widths, space, width_pt, first)
    if count < 2:
        return text
    # The narrowest measure that still takes no more lines, to a point: no narrower than the longest word, nor
    # than the words and spaces shared out evenly.
    low = max(max(widths), (sum(widths) + space * (len(words) - 1) + width_pt - first) / count)
    high = width_pt
    while high - low > 1:
        middle = (low + high) / 2
        if _count(widths, space, middle, middle - (width_pt - first)) <= count:
            high = middle
        else:
            low = middle
    return "\n".join(" ".join(line) for line in _wrap(words, widths, space, high, high - (width_pt - first)))
