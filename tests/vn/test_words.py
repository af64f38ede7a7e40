"""Amounts in words ("bằng chữ"), the formal reading of budget documents: a table of cases, the hard ones first."""

from __future__ import annotations

import pytest

from docgen.vn.words import doc_so, so_tien_bang_chu

CASES = [
    (0, "không"),
    (1, "một"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi bốn"),
    (25, "hai mươi lăm"),
    (41, "bốn mươi mốt"),
    (55, "năm mươi lăm"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1021, "một nghìn không trăm hai mươi mốt"),
    (1100, "một nghìn một trăm"),
    (10_000, "mười nghìn"),
    (20_015, "hai mươi nghìn không trăm mười lăm"),
    (105_000, "một trăm linh năm nghìn"),
    (305_000, "ba trăm linh năm nghìn"),
    (1_000_000, "một triệu"),
    (1_000_010, "một triệu không trăm mười"),
    (1_001_001, "một triệu không trăm linh một nghìn không trăm linh một"),
    (1_015_000, "một triệu không trăm mười lăm nghìn"),
    (2_500_000, "hai triệu năm trăm nghìn"),
    (21_000_000, "hai mươi mốt triệu"),
    (1_000_000_000, "một tỷ"),
    (1_000_000_005, "một tỷ không trăm linh năm"),
    (1_250_000_000, "một tỷ hai trăm năm mươi triệu"),
    (1_250_500_000, "một tỷ hai trăm năm mươi triệu năm trăm nghìn"),
    (2_005_000_000, "hai tỷ không trăm linh năm triệu"),
    (15_000_000_000, "mười lăm tỷ"),
    (125_031_000_000, "một trăm hai mươi lăm tỷ không trăm ba mươi mốt triệu"),
    (1_000_000_000_000, "một nghìn tỷ"),
    (1_001_000_000_000, "một nghìn không trăm linh một tỷ"),
    (6_975_000_000, "sáu tỷ chín trăm bảy mươi lăm triệu"),
]


@pytest.mark.parametrize(("number", "words"), CASES, ids=[str(n) for n, _w in CASES])
def test_numbers_are_read_as_budget_documents_write_them(number, words):
    assert doc_so(number) == words


@pytest.mark.parametrize(("value", "unit", "words"), [
    (1250, "triệu đồng", "Một tỷ hai trăm năm mươi triệu đồng"),
    (1250.5, "triệu đồng", "Một tỷ hai trăm năm mươi triệu năm trăm nghìn đồng"),
    (6975, "tr.đ", "Sáu tỷ chín trăm bảy mươi lăm triệu đồng"),
    (1005, "nghìn đồng", "Một triệu không trăm linh năm nghìn đồng"),
    (0.1, "tỷ đồng", "Một trăm triệu đồng"),
    (250_000, "đồng", "Hai trăm năm mươi nghìn đồng"),
])
def test_an_amount_in_its_unit_is_read_in_dong(value, unit, words):
    assert so_tien_bang_chu(value, unit) == words


def test_an_unknown_money_unit_is_named():
    with pytest.raises(ValueError, match='"ha"'):
        so_tien_bang_chu(5, "ha")
