"""Vietnamese number formatting: "." groups thousands, "," is the decimal mark."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

__all__ = ["so", "so_van_ban"]


def _to_decimal(value: int | float | Decimal) -> Decimal:
    """Return ``value`` as a Decimal with the digits a person would write (no float noise)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise TypeError(f"cần một số, không phải {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # At most 15 significant digits: every decimal a person typed survives
        # (26.59, 0.1), while binary noise (0.1 + 0.2 -> 0.30000000000000004) goes.
        return Decimal(format(value, ".15g"))
    return value


def _group(digits: str) -> str:
    """Return the integer digits ``digits`` with "." between groups of three."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return ".".join(groups)


def so(value: int | float | Decimal, decimals: int | None = None, unit: str | None = None) -> str:
    """Return ``value`` written the Vietnamese way ("1.234.567,5"), optionally rounded and with a unit."""
    if decimals is None and type(value) in (int, float):  # the common cases, without Decimal
        text = f"{value:,}" if type(value) is int else format(value, ",.15g")
        if "e" not in text and "n" not in text:  # not 1e+16, nan, inf: Decimal below writes those out
            whole, _, frac = text.partition(".")
            if frac.strip("0") == "" and type(value) is float:
                frac = ""
            out = whole.replace(",", ".") + ("," + frac.rstrip("0") if frac.rstrip("0") else "")
            if out in ("-0", ""):
                out = "0"
            return out + (unit if unit == "%" else " " + unit) if unit else out
    d = _to_decimal(value)
    if not d.is_finite():
        raise ValueError(f"không viết được số {value!r}")
    if decimals is not None:
        if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
            raise ValueError(f"số chữ số thập phân phải là số nguyên không âm, không phải {decimals!r}")
        prec = max(28, d.adjusted() + decimals + 2)
        with localcontext(prec=prec):
            d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(d, "f")
    negative = text.startswith("-")
    text = text.lstrip("-")
    int_part, _, frac_part = text.partition(".")
    out = _group(int_part) + ("," + frac_part if frac_part else "")
    if negative and not d.is_zero():
        out = "-" + out
    if unit:
        out += unit if unit == "%" else " " + unit
    return out


def so_van_ban(n: int) -> str:
    """Return the running number of a document: "01".."09", then "10", "11", ..."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"số văn bản phải là số nguyên, không phải {n!r}")
    if n < 1:
        raise ValueError(f"số văn bản phải từ 1 trở lên, không phải {n}")
    return f"{n:02d}"
