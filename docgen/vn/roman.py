"""Roman numerals, as used for the parts (phần) and chapters (chương) of a document."""

from __future__ import annotations

__all__ = ["la_ma", "from_roman"]

_VALUES: tuple[tuple[int, str], ...] = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)

_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def la_ma(n: int) -> str:
    """Return the canonical upper-case Roman numeral for ``n`` (1..3999)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"số La Mã cần một số nguyên, không phải {n!r}")
    if not 1 <= n <= 3999:
        raise ValueError(f"số La Mã chỉ viết được từ 1 đến 3999, không phải {n}")
    out: list[str] = []
    for value, letters in _VALUES:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(s: str) -> int:
    """Return the value of the canonical upper-case Roman numeral ``s``; ValueError otherwise."""
    if not isinstance(s, str) or not s or any(ch not in _DIGITS for ch in s):
        raise ValueError(f"{s!r} không phải số La Mã")
    total = 0
    for i, ch in enumerate(s):
        value = _DIGITS[ch]
        if i + 1 < len(s) and _DIGITS[s[i + 1]] > value:
            total -= value
        else:
            total += value
    if not 1 <= total <= 3999 or la_ma(total) != s:
        raise ValueError(f"{s!r} không phải số La Mã viết đúng quy tắc")
    return total
