from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.vn import chu_diem


def test_first_nine() -> None:
    assert [chu_diem(i) for i in range(9)] == ["a", "b", "c", "d", "đ", "e", "g", "h", "i"]


def test_full_alphabet() -> None:
    assert "".join(chu_diem(i) for i in range(23)) == "abcdđeghiklmnopqrstuvxy"


@pytest.mark.parametrize(("i", "expected"), [(4, "đ"), (22, "y"), (23, "aa"), (24, "bb"), (27, "đđ"), (45, "yy"), (46, "aaa")])
def test_chu_diem(i: int, expected: str) -> None:
    assert chu_diem(i) == expected


def test_negative_rejected() -> None:
    with pytest.raises(ValueError):
        chu_diem(-1)


@settings(max_examples=200, derandomize=True)
@given(st.integers(min_value=0, max_value=10_000))
def test_never_foreign_letters(i: int) -> None:
    letter = chu_diem(i)
    assert not set(letter) & set("fjwzăâêôơư")
    assert len(set(letter)) == 1


@settings(max_examples=200, derandomize=True)
@given(st.integers(min_value=0, max_value=5_000))
def test_distinct_consecutive(i: int) -> None:
    assert chu_diem(i) != chu_diem(i + 1)
