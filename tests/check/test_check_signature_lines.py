"""Rule ky.lines: the authority prefix and each title of a signature block on a line of its own, in one of the
decree's forms (Phụ lục I, II.7; Điều 13). Each case is the hand-made Kế hoạch (clean) with its signature
cell retyped as a clerk would type it: one paragraph per line, bold capitals, then the signer's name."""

from __future__ import annotations

import pytest
from check_support import check, load, save
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from test_check_hand_made import build_correct_ke_hoach

from docgen.check import ERROR, RULES

NAME = "Nguyễn Văn Minh"


@pytest.fixture(scope="module")
def base() -> bytes:
    return build_correct_ke_hoach()


def signed(data: bytes, lines: list[str]) -> bytes:
    """``data`` with its signature cell holding ``lines``, "(Đã ký)", three empty lines and the name."""
    doc = load(data)
    cell = doc.tables[1].cell(0, 1)
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)
    for text in [*lines, "(Đã ký)", "", "", "", NAME]:
        p = cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        if text:
            run = p.add_run(text)
            run.bold = not text.startswith("(")
            run.italic = text.startswith("(")
    return save(doc)


VALID = [
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
    "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG",
    "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG",
    "TUQ. CHỦ TỊCH / GIÁM ĐỐC SỞ NỘI VỤ",
    "Q. CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH",
    "TM. BAN CHỈ ĐẠO / KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN",
    "TM. HỘI ĐỒNG NHÂN DÂN / CHỦ TỊCH",
    "KT. BỘ TRƯỞNG / THỨ TRƯỞNG",
    "TM. BAN THƯỜNG VỤ / BÍ THƯ",
    # beyond the brief's list: a title naming its unit, "TRƯỞNG" twice, "KHEN THƯỞNG", the Government
    "TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ PHÁP CHẾ",
    "TUQ. CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH / GIÁM ĐỐC SỞ TƯ PHÁP",
    "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN THI ĐUA - KHEN THƯỞNG",
    "TM. CHÍNH PHỦ / THỦ TƯỚNG",
    "TM. UBND XÃ / CHỦ TỊCH",
]


@pytest.mark.parametrize("block", VALID)
def test_valid_signature_blocks_draw_no_finding(base, block):
    found = check(signed(base, block.split(" / ")))
    assert found == [], [f.line() for f in found]


# (block, [(line reported, words its detail holds)])
INVALID = [
    ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", [("KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
                                   ['cần tách thành hai dòng: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'])]),
    ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", [("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC",
                                   ['cần tách thành hai dòng: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"'])]),
    ("TL. CHỦ TỊCH CHÁNH VĂN PHÒNG", [("TL. CHỦ TỊCH CHÁNH VĂN PHÒNG",
                                      ['cần tách thành hai dòng: "TL. CHỦ TỊCH" / "CHÁNH VĂN PHÒNG"'])]),
    ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
     [("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
       ['"KT." phải đứng đầu dòng', '"TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"'])]),
    ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
     [("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
       ['cần tách thành ba dòng: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'])]),
    ("TM. CHỦ TỊCH", [("TM. CHỦ TỊCH", ['không đứng trước chức vụ "CHỦ TỊCH"', 'chỉ ghi "CHỦ TỊCH"'])]),
    ("TM. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
     [("TM. GIÁM ĐỐC", ['không đứng trước chức vụ "GIÁM ĐỐC"', '"KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"'])]),
    ("KT. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH",
     [("KT. ỦY BAN NHÂN DÂN", ['không đứng trước tên tập thể "ỦY BAN NHÂN DÂN"', '"TM. ỦY BAN NHÂN DÂN"'])]),
    ("TL. BAN CHỈ ĐẠO / CHÁNH VĂN PHÒNG", [("TL. BAN CHỈ ĐẠO", ['tên tập thể "BAN CHỈ ĐẠO"'])]),
    ("KT. CHỦ TỊCH", [("KT. CHỦ TỊCH", ['cần một dòng ghi chức vụ', '"KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'])]),
    ("TUQ. CHỦ TỊCH", [("TUQ. CHỦ TỊCH", ['cần một dòng ghi chức vụ'])]),
    ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH", [("KT. CHỦ TỊCH", ['cần một dòng ghi chức vụ'])]),
    ("TM. ỦY BAN NHÂN DÂN / TM. BAN CHỈ ĐẠO / CHỦ TỊCH", [("TM. BAN CHỈ ĐẠO", ['chỉ có một "TM."'])]),
    ("KT. CHỦ TỊCH / TM. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH",
     [("TM. ỦY BAN NHÂN DÂN", ['"TM." đứng ở dòng đầu', 'không thêm quyền hạn "TM."'])]),
    ("KT. CHỦ TỊCH / TL. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG",
     [("TL. CHÁNH VĂN PHÒNG", ['không thêm quyền hạn "TL."'])]),
    ("TUQ. CHỦ TỊCH / KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
     [("KT. GIÁM ĐỐC", ['không ghi "KT." cùng với "TUQ."'])]),
]


@pytest.mark.parametrize(("block", "want"), INVALID, ids=[block for block, _ in INVALID])
def test_invalid_signature_blocks_are_reported(base, block, want):
    found = check(signed(base, block.split(" / ")))
    assert {f.rule for f in found} == {"ky.lines"}, [f.line() for f in found]
    assert [f.text for f in found] == [text for text, _ in want]
    for f, (_text, says) in zip(found, want):
        assert f.severity == ERROR and f.clause == RULES["ky.lines"].clause
        assert f.where.startswith("bảng 2, hàng 1, cột 2")
        for said in says:
            assert said in f.detail, f.detail


def test_a_line_run_together_is_one_finding_with_both_lines_shown(base):
    """The clerk's commonest slip: "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" on one line, the name under it. Only the line
    is reported (not also a missing title line): once split, the block is right."""
    found = check(signed(base, ["KT. CHỦ TỊCH PHÓ CHỦ TỊCH"]))
    assert len(found) == 1
    assert found[0].detail == 'cần tách thành hai dòng: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'
