"""Numbers read out in Vietnamese words, as an amount is written "bằng chữ" on an administrative or financial
document: "Một tỷ hai trăm năm mươi triệu đồng".

The formal reading that accounting and budget documents use, each group of three digits read in full once a
larger group has been read: 1.005 is "một nghìn không trăm linh năm", 1.001.001 "một triệu không trăm linh một
nghìn không trăm linh một", 305.000 "ba trăm linh năm nghìn". Within a group: "mười" for 10, "mười một" for
11, "mươi" for the tens from 20, "mốt" for a 1 after "mươi", "lăm" for a 5 after "mười"/"mươi", "linh" for a
zero ten before a unit. The popular libraries tried read these the colloquial way ("một nghìn lẻ năm",
"một triệu một nghìn lẻ một"), which a budget document does not use.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["doc_so", "so_tien_bang_chu", "DON_VI_TIEN"]

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu")  # then "tỷ", which repeats: nghìn tỷ, triệu tỷ, tỷ tỷ

DON_VI_TIEN = {"đồng": 1, "nghìn đồng": 1_000, "ngàn đồng": 1_000, "triệu đồng": 1_000_000, "tr.đ": 1_000_000,
               "trđ": 1_000_000, "tỷ đồng": 1_000_000_000, "tỉ đồng": 1_000_000_000}
"""The money units a table or a figure may be written in, and how many đồng each is."""


def _triad(n: int, full: bool) -> list[str]:
    """The words of 0 < ``n`` < 1000; ``full``: read the hundreds and a zero ten too (a larger group came first)."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    out: list[str] = []
    if hundreds or full:
        out += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            out.append("linh")
    elif tens == 1:
        out.append("mười")
    else:
        out += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            out.append("mốt")
        elif units == 5 and tens >= 1:
            out.append("lăm")
        else:
            out.append(_DIGITS[units])
    return out


def _below_billion(n: int, full: bool) -> list[str]:
    """The words of 0 < ``n`` < 10⁹; ``full`` when a larger part of the number was read before it."""
    out: list[str] = []
    for power in (2, 1, 0):
        group = n // 1000 ** power % 1000
        if group:
            out += _triad(group, full)
            if _GROUPS[power]:
                out.append(_GROUPS[power])
            full = True
    return out


def _words(n: int, full: bool = False) -> list[str]:
    billions, rest = divmod(n, 1_000_000_000)
    out: list[str] = []
    if billions:
        out += _words(billions, full) + ["tỷ"]
        full = True
    if rest:
        out += _below_billion(rest, full)
    return out


def doc_so(n: int) -> str:
    """The whole number ``n`` in Vietnamese words, lower case: 21 → "hai mươi mốt", 1005 → "một nghìn không trăm
    linh năm", 1250000000 → "một tỷ hai trăm năm mươi triệu"."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"cần một số nguyên, không phải {n!r}")
    if n < 0:
        return "âm " + doc_so(-n)
    return " ".join(_words(n)) if n else "không"


def so_tien_bang_chu(value: int | float | Decimal, unit: str = "đồng") -> str:
    """An amount written in ``unit`` ("triệu đồng", …) read out in đồng, with a capital: 1250.5 "triệu đồng" →
    "Một tỷ hai trăm năm mươi triệu năm trăm nghìn đồng"; rounded to the đồng."""
    factor = DON_VI_TIEN.get(unit.strip().lower())
    if factor is None:
        raise ValueError(f'không đọc được đơn vị tiền "{unit}"; dùng một trong: {", ".join(DON_VI_TIEN)}')
    dong = int((Decimal(str(value)) * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    text = doc_so(dong) + " đồng"
    return text[0].upper() + text[1:]
