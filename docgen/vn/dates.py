"""Dates written per Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from .text import clean

__all__ = [
    "BLANK",
    "MIN_YEAR",
    "MAX_YEAR",
    "PartialDate",
    "day_str",
    "month_str",
    "ngay_thang_nam",
    "dia_danh_ngay",
    "ngay_ngan",
    "parse_date",
]

BLANK = "    "  # what a day or month still to be filled in by hand renders as
MIN_YEAR = 1900
MAX_YEAR = 2200

_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_VN = re.compile(r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{4})")
_EXAMPLE = "hãy ghi theo dạng ngày/tháng/năm, ví dụ 14/10/2021"


def _check_int(value: object, what: str) -> None:
    """Raise TypeError unless ``value`` is a plain int (bool excluded)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} phải là số nguyên, không phải {value!r}")


def _check(year: int, month: int | None, day: int | None) -> None:
    """Raise ValueError with a Vietnamese message unless the parts make a real (partial) date."""
    _check_int(year, "năm")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"năm {year} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    if month is not None:
        _check_int(month, "tháng")
        if not 1 <= month <= 12:
            raise ValueError(f"tháng {month} không có thật")
    if day is not None:
        _check_int(day, "ngày")
        if month is None:
            raise ValueError(f"có ngày {day} nhưng chưa có tháng")
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"ngày {day} tháng {month} năm {year} không có thật")


@dataclass(frozen=True)
class PartialDate:
    """A document date whose day and/or month may still be blank (a draft awaiting signature)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        """Reject parts that do not make a real (partial) date."""
        _check(self.year, self.month, self.day)

    @property
    def is_complete(self) -> bool:
        """Return True when day, month and year are all known."""
        return self.month is not None and self.day is not None

    def as_date(self) -> date | None:
        """Return the date when complete, else None."""
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def day_str(day: int) -> str:
    """Return the day as written in a document: "01".."09", "10".."31"."""
    _check_int(day, "ngày")
    if not 1 <= day <= 31:
        raise ValueError(f"ngày {day} không có thật")
    return f"{day:02d}"


def month_str(month: int) -> str:
    """Return the month as written in a document: "01", "02", then "3".."12"."""
    _check_int(month, "tháng")
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không có thật")
    return f"{month:02d}" if month < 3 else str(month)


def _parts(d: date | PartialDate) -> tuple[int, int | None, int | None]:
    """Return (year, month, day) of a date or PartialDate."""
    if isinstance(d, PartialDate):
        return d.year, d.month, d.day
    if isinstance(d, date):
        return d.year, d.month, d.day
    raise TypeError(f"cần một ngày (date hoặc PartialDate), không phải {d!r}")


def ngay_thang_nam(d: date | PartialDate) -> str:
    """Return "ngày 05 tháng 01 năm 2020", with BLANK for a day or month not yet known."""
    year, month, day = _parts(d)
    day_text = BLANK if day is None else day_str(day)
    month_text = BLANK if month is None else month_str(month)
    return f"ngày {day_text} tháng {month_text} năm {year}"


def dia_danh_ngay(place: str, d: date | PartialDate) -> str:
    """Return the place-and-date line: "Hà Nội, ngày 05 tháng 01 năm 2020"."""
    return f"{clean(place)}, {ngay_thang_nam(d)}"


def ngay_ngan(d: date | PartialDate) -> str:
    """Return the short form used when citing a document: "05/01/2020", "06/3/2026"."""
    if isinstance(d, PartialDate):
        full = d.as_date()
        if full is None:
            raise ValueError(f"ngày chưa đủ để viết dạng ngắn: {ngay_thang_nam(d)}")
        d = full
    year, month, day = _parts(d)
    assert month is not None and day is not None
    return f"{day_str(day)}/{month_str(month)}/{year}"


def parse_date(value: object) -> date:
    """Return the date in ``value``: a date, "2021-10-14", "14/10/2021", "6/3/2026" or "14-10-2021"."""
    if isinstance(value, datetime):
        raise ValueError(f'không đọc được ngày "{value}": chỉ ghi ngày, không ghi giờ; {_EXAMPLE}')
    if isinstance(value, date):
        _check(value.year, value.month, value.day)
        return value
    if not isinstance(value, str):
        raise ValueError(f'không đọc được ngày "{value}": {_EXAMPLE}')
    text = clean(value)
    if m := _ISO.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _VN.fullmatch(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    else:
        raise ValueError(f'không đọc được ngày "{value}": {_EXAMPLE}')
    if not 1 <= month <= 12:
        raise ValueError(f'không đọc được ngày "{value}": tháng {month} không có thật')
    try:
        _check(year, month, day)
    except ValueError as exc:
        reason = "ngày này không có thật" if MIN_YEAR <= year <= MAX_YEAR else str(exc)
        raise ValueError(f'không đọc được ngày "{value}": {reason}') from None
    return date(year, month, day)
