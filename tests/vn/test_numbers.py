from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.vn import so, so_van_ban


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1000,), "1.000"),
        ((6975,), "6.975"),
        ((26.59,), "26,59"),
        ((1234567.5,), "1.234.567,5"),
        ((-1500,), "-1.500"),
        ((0,), "0"),
        ((999,), "999"),
        ((1_000_000,), "1.000.000"),
        ((-999_999,), "-999.999"),
        ((0.1 + 0.2,), "0,3"),
        ((1.1 * 3,), "3,3"),
        ((0.1,), "0,1"),
        ((1.0,), "1"),
        ((-0.0,), "0"),
        ((1e20,), "100.000.000.000.000.000.000"),
        ((1.5e-7,), "0,00000015"),
        ((Decimal("3.00"),), "3,00"),
        ((Decimal("1234.5"),), "1.234,5"),
        ((26.585, 2), "26,59"),
        ((3, 2), "3,00"),
        ((2.5, 0), "3"),
        ((-2.5, 0), "-3"),
        ((1234.5678, 1), "1.234,6"),
        ((-0.001, 2), "0,00"),
        ((10**30, 2), "1" + ".000" * 10 + ",00"),
        ((26.59, None, "%"), "26,59%"),
        ((6975, None, "tr.đ"), "6.975 tr.đ"),
        ((26.585, 2, "%"), "26,59%"),
        ((12, None, "người"), "12 người"),
        ((12, None, ""), "12"),
    ],
)
def test_so(args: tuple[object, ...], expected: str) -> None:
    assert so(*args) == expected


@pytest.mark.parametrize("bad", [True, False, "12", None])
def test_so_rejects_non_numbers(bad: object) -> None:
    with pytest.raises(TypeError):
        so(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), Decimal("NaN")])
def test_so_rejects_non_finite(bad: float | Decimal) -> None:
    with pytest.raises(ValueError):
        so(bad)


def test_so_rejects_negative_decimals() -> None:
    with pytest.raises(ValueError):
        so(1, -1)


@pytest.mark.parametrize(("n", "expected"), [(1, "01"), (9, "09"), (10, "10"), (123, "123")])
def test_so_van_ban(n: int, expected: str) -> None:
    assert so_van_ban(n) == expected


@pytest.mark.parametrize("bad", [0, -3])
def test_so_van_ban_rejects(bad: int) -> None:
    with pytest.raises(ValueError):
        so_van_ban(bad)


def _parse(text: str) -> Decimal:
    """Read back a Vietnamese-formatted number."""
    return Decimal(text.replace(".", "").replace(",", "."))


@settings(max_examples=200, derandomize=True)
@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_int_digits_unchanged(n: int) -> None:
    assert so(n).replace(".", "") == str(n)


@settings(max_examples=200, derandomize=True)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_float_round_trip(x: float) -> None:
    text = so(x)
    int_part, _, frac = text.partition(",")
    assert "." not in frac
    assert all(len(g) == 3 for g in int_part.lstrip("-").split(".")[1:])
    assert _parse(text) == Decimal(format(x, ".15g"))
    if len(repr(abs(x)).replace(".", "").lstrip("0")) <= 15:  # typed-looking values are exact
        assert float(_parse(text)) == x


@settings(max_examples=200, derandomize=True)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-10**9, max_value=10**9), st.integers(0, 4))
def test_decimals_places(x: Decimal, places: int) -> None:
    text = so(x, places)
    _, _, frac = text.partition(",")
    assert len(frac) == places
    assert abs(_parse(text) - x) <= Decimal(1).scaleb(-places) / 2
