"""Letters that number the điểm (points) inside a khoản (clause)."""

from __future__ import annotations

__all__ = ["ALPHABET", "chu_diem"]

# Vietnamese order, without f j w z and without the letters with diacritics except đ.
ALPHABET: tuple[str, ...] = tuple("abcdđeghiklmnopqrstuvxy")


def chu_diem(i: int) -> str:
    """Return the điểm letter for the 0-based item ``i``: a, b, c, d, đ, e, ..., y, aa, bb, ..."""
    if isinstance(i, bool) or not isinstance(i, int):
        raise TypeError(f"thứ tự điểm phải là số nguyên, không phải {i!r}")
    if i < 0:
        raise ValueError(f"thứ tự điểm không được âm: {i}")
    repeat, index = divmod(i, len(ALPHABET))
    return ALPHABET[index] * (repeat + 1)
