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
from .words import doc_so, so_tien_bang_chu

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
    "so_tien_bang_chu",
    "doc_so",
    "upper",
    "upper_heading",
]
