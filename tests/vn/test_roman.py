from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.vn import from_roman, la_ma


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (90, "XC"), (400, "CD"), (1994, "MCMXCIV"), (2026, "MMXXVI"), (3999, "MMMCMXCIX")],
)
def test_la_ma(n: int, expected: str) -> None:
    assert la_ma(n) == expected
    assert from_roman(expected) == n


@pytest.mark.parametrize("bad", [0, -1, 4000])
def test_la_ma_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError):
        la_ma(bad)


@pytest.mark.parametrize("bad", ["", "IIII", "VX", "IC", "XM", "VV", "IIV", "MMMM", "iv", "I V", "ABC", "CMM", "XIIII"])
def test_from_roman_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        from_roman(bad)


@settings(max_examples=200, derandomize=True)
@given(st.integers(min_value=1, max_value=3999))
def test_round_trip(n: int) -> None:
    assert from_roman(la_ma(n)) == n
