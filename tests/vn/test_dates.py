from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.vn import (
    BLANK,
    PartialDate,
    day_str,
    dia_danh_ngay,
    month_str,
    ngay_ngan,
    ngay_thang_nam,
    parse_date,
)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        # The decree's own examples (Phụ lục I, II.4).
        (date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (date(2021, 4, 15), "ngày 15 tháng 4 năm 2021"),
        (date(2021, 2, 10), "ngày 10 tháng 02 năm 2021"),
        (date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
        (date(2026, 3, 6), "ngày 06 tháng 3 năm 2026"),
        (PartialDate(2026, 4, 9), "ngày 09 tháng 4 năm 2026"),
        (PartialDate(2026, 4), "ngày" + " " + BLANK + " " + "tháng 4 năm 2026"),
        (PartialDate(2026, 1), "ngày " + BLANK + " tháng 01 năm 2026"),
        (PartialDate(2023), "ngày " + BLANK + " tháng " + BLANK + " năm 2023"),
    ],
)
def test_ngay_thang_nam(d: date | PartialDate, expected: str) -> None:
    assert ngay_thang_nam(d) == expected


@pytest.mark.parametrize(
    ("month", "expected"),
    [(1, "01"), (2, "02"), (3, "3"), (4, "4"), (5, "5"), (6, "6"), (7, "7"), (8, "8"), (9, "9"), (10, "10"), (11, "11"), (12, "12")],
)
def test_month_str_every_month(month: int, expected: str) -> None:
    assert month_str(month) == expected


@pytest.mark.parametrize("day", range(1, 32))
def test_day_str_pads_below_ten(day: int) -> None:
    assert day_str(day) == (f"0{day}" if day < 10 else str(day))
    assert len(day_str(day)) == 2


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_month_str_rejects(bad: int) -> None:
    with pytest.raises(ValueError):
        month_str(bad)


@pytest.mark.parametrize("bad", [0, 32])
def test_day_str_rejects(bad: int) -> None:
    with pytest.raises(ValueError):
        day_str(bad)


def test_blank_is_four_spaces() -> None:
    assert BLANK == "    "


def test_dia_danh_ngay() -> None:
    assert dia_danh_ngay("Hà Nội", date(2020, 1, 5)) == "Hà Nội, ngày 05 tháng 01 năm 2020"
    assert dia_danh_ngay("Ngọc Liên", PartialDate(2026, 4)) == f"Ngọc Liên, ngày {BLANK} tháng 4 năm 2026"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2021, 10, 14), "14/10/2021"),
        (date(2025, 2, 24), "24/02/2025"),
        (date(2026, 3, 6), "06/3/2026"),
        (date(2020, 1, 5), "05/01/2020"),
        (date(2019, 12, 1), "01/12/2019"),
        (PartialDate(2026, 3, 6), "06/3/2026"),
    ],
)
def test_ngay_ngan(d: date | PartialDate, expected: str) -> None:
    assert ngay_ngan(d) == expected


def test_ngay_ngan_rejects_incomplete() -> None:
    with pytest.raises(ValueError):
        ngay_ngan(PartialDate(2026, 4))


def test_partial_date_properties() -> None:
    assert PartialDate(2024, 2, 29).is_complete
    assert PartialDate(2024, 2, 29).as_date() == date(2024, 2, 29)
    assert not PartialDate(2024, 2).is_complete
    assert PartialDate(2024, 2).as_date() is None
    assert PartialDate(2024).as_date() is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2026, 4, 31), "ngày 31 tháng 4 năm 2026 không có thật"),
        ((2025, 2, 29), "ngày 29 tháng 2 năm 2025 không có thật"),
        ((1900, 2, 29), "không có thật"),
        ((2026, 13), "tháng 13"),
        ((2026, 0), "tháng 0"),
        ((2026, None, 5), "chưa có tháng"),
        ((1899,), "năm 1899"),
        ((2201, 1, 1), "năm 2201"),
        ((2026, 1, 0), "không có thật"),
    ],
)
def test_partial_date_invalid(args: tuple[int | None, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        PartialDate(*args)


def test_partial_date_leap_years() -> None:
    assert PartialDate(2024, 2, 29).day == 29
    assert PartialDate(2000, 2, 29).day == 29


def test_partial_date_rejects_bool() -> None:
    with pytest.raises(TypeError):
        PartialDate(2026, True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2021, 10, 14), date(2021, 10, 14)),
        ("2021-10-14", date(2021, 10, 14)),
        ("14/10/2021", date(2021, 10, 14)),
        ("6/3/2026", date(2026, 3, 6)),
        ("06/03/2026", date(2026, 3, 6)),
        ("14-10-2021", date(2021, 10, 14)),
        ("  29/02/2024 ", date(2024, 2, 29)),
        ("1/1/2020", date(2020, 1, 1)),
    ],
)
def test_parse_date(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2026", 'không đọc được ngày "31/02/2026": ngày này không có thật'),
        ("29/02/2025", "ngày này không có thật"),
        ("31/4/2026", "ngày này không có thật"),
        ("2026-04-31", "ngày này không có thật"),
        ("14/13/2021", "tháng 13 không có thật"),
        ("14.10.2021", "hãy ghi theo dạng ngày/tháng/năm, ví dụ 14/10/2021"),
        ("14/10-2021", "hãy ghi theo dạng ngày/tháng/năm"),
        ("14/10/21", "hãy ghi theo dạng ngày/tháng/năm"),
        ("2021/10/14", "hãy ghi theo dạng ngày/tháng/năm"),
        ("ngày 14 tháng 10", "hãy ghi theo dạng ngày/tháng/năm"),
        ("", "hãy ghi theo dạng ngày/tháng/năm"),
        ("14/10/1800", "năm 1800"),
        (20211014, "hãy ghi theo dạng ngày/tháng/năm"),
        (None, "hãy ghi theo dạng ngày/tháng/năm"),
        (datetime(2021, 10, 14, 8, 30), "không ghi giờ"),
    ],
)
def test_parse_date_errors(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(value)


_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@settings(max_examples=200, derandomize=True)
@given(_dates)
def test_month_padded_iff_below_three(d: date) -> None:
    words = ngay_thang_nam(d).split(" ")
    assert words[0] == "ngày" and words[2] == "tháng" and words[4] == "năm"
    assert words[1] == f"{d.day:02d}"
    assert words[3].startswith("0") == (d.month < 3)
    assert int(words[3]) == d.month and int(words[5]) == d.year


@settings(max_examples=200, derandomize=True)
@given(_dates, st.booleans(), st.booleans())
def test_output_nfc_and_single_spaced(d: date, keep_month: bool, keep_day: bool) -> None:
    pd = PartialDate(d.year, d.month if keep_month else None, d.day if keep_month and keep_day else None)
    text = ngay_thang_nam(pd)
    assert unicodedata.normalize("NFC", text) == text
    assert "  " not in text.replace(" " + BLANK + " ", " ")


@settings(max_examples=200, derandomize=True)
@given(_dates)
def test_short_form_parses_back(d: date) -> None:
    assert parse_date(ngay_ngan(d)) == d
    assert parse_date(d.isoformat()) == d
