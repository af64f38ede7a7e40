"""Vietnamese conventions: dates, numbers, numerals, điểm letters and text hygiene."""

from __future__ import annotations

from .dates import (
    BLANK,
    PartialDate,
    dia_danh_ngay,
    day_str,
    month_str,
    ngay_ngan,
    ngay_thang_nam,
    parse_date,
)
from .letters import chu_diem
from .numbers import so, so_van_ban
from .roman import from_roman, la_ma
from .text import bad_chars, clean, nfc, upper, upper_heading

__all__ = [
    "BLANK",
    "PartialDate",
    "bad_chars",
    "chu_diem",
    "clean",
    "day_str",
    "dia_danh_ngay",
    "from_roman",
    "la_ma",
    "month_str",
    "ngay_ngan",
    "ngay_thang_nam",
    "nfc",
    "parse_date",
    "so",
    "so_van_ban",
    "upper",
    "upper_heading",
]
