"""docgen.vn.signature: the words that tell a person's title from a collective, and the problems of a signature
block's lines (the one function the checker's rule ky.lines and the plan validator share)."""

from __future__ import annotations

import pytest

from docgen import nd30
from docgen.vn.signature import ALLOWED_SEQUENCES, is_collective, is_title, problems, split_prefix


@pytest.mark.parametrize("text", [
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phó Chủ tịch", "GIÁM ĐỐC SỞ NỘI VỤ", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
    "BỘ TRƯỞNG", "THỨ TRƯỞNG", "VỤ TRƯỞNG VỤ PHÁP CHẾ", "CỤC TRƯỞNG", "HIỆU TRƯỞNG", "CHÁNH VĂN PHÒNG",
    "CHÁNH THANH TRA", "BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "CHỦ NHIỆM", "THỦ TƯỚNG", "THỐNG ĐỐC", "TƯ LỆNH",
    "TỔ TRƯỞNG", "KT. CHỦ TỊCH", "PHÓ TRƯỞNG BAN THI ĐUA - KHEN THƯỞNG",
])
def test_titles(text):
    assert is_title(text) and not is_collective(text)


@pytest.mark.parametrize("text", [
    "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "Ủy ban nhân dân tỉnh", "BAN CHỈ ĐẠO", "HỘI ĐỒNG NHÂN DÂN",
    "BAN THƯỜNG VỤ", "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", "CHÍNH PHỦ", "ĐẢNG ỦY XÃ", "UBND", "TM. ỦY BAN NHÂN DÂN",
    "BAN CHỦ NHIỆM",
])
def test_collectives(text):
    assert is_collective(text) and not is_title(text)


@pytest.mark.parametrize("text", ["KHEN THƯỞNG", "THI ĐUA - KHEN THƯỞNG", "SỞ NỘI VỤ", "TỔNG CỤC THUẾ", "", "BAN"])
def test_neither(text):
    """Whole words: "THƯỞNG" is not "TRƯỞNG"; an agency's name without a collective's word is neither; "BAN" alone
    names nothing."""
    assert not is_title(text) and not is_collective(text)


@pytest.mark.parametrize(("line", "want"), [
    ("KT. CHỦ TỊCH", ("KT.", "CHỦ TỊCH")),
    ("KT CHỦ TỊCH", ("KT.", "CHỦ TỊCH")),
    ("Kt. Chủ tịch", ("KT.", "Chủ tịch")),
    ("TM.ỦY BAN NHÂN DÂN", ("TM.", "ỦY BAN NHÂN DÂN")),
    ("Q. CHỦ TỊCH", ("Q.", "CHỦ TỊCH")),
    ("CHỦ TỊCH", (None, "CHỦ TỊCH")),
    ("TMĐT", (None, "TMĐT")),
])
def test_split_prefix(line, want):
    assert split_prefix(line) == want


def test_the_sequences_use_the_decree_prefixes():
    assert {p for seq in ALLOWED_SEQUENCES for p in seq} == set(nd30.AUTHORITY_PREFIXES)
    assert () in ALLOWED_SEQUENCES and ("TUQ.", "KT.") not in ALLOWED_SEQUENCES


VALID = [
    "CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "TL. CHỦ TỊCH / CHÁNH VĂN PHÒNG",
    "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG", "TUQ. CHỦ TỊCH / GIÁM ĐỐC SỞ NỘI VỤ", "Q. CHỦ TỊCH",
    "TM. ỦY BAN NHÂN DÂN / Q. CHỦ TỊCH", "TM. BAN CHỈ ĐẠO / KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN",
    "TM. HỘI ĐỒNG NHÂN DÂN / CHỦ TỊCH", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", "GIÁM ĐỐC", "TM. BAN THƯỜNG VỤ / BÍ THƯ",
    "TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ PHÁP CHẾ", "TM. BAN CHỦ NHIỆM / CHỦ NHIỆM", "KT. TỔ TRƯỞNG / TỔ PHÓ",
    "TL. TỔNG CỤC TRƯỞNG / CỤC TRƯỞNG CỤC THUẾ", "Kt. Chủ tịch / Phó Chủ tịch",
    "TUQ. CHỦ TỊCH / TRƯỞNG PHÒNG NỘI VỤ Q. 1", "ỦY VIÊN BAN THƯỜNG VỤ, TRƯỞNG BAN TỔ CHỨC",
    "CHỦ TỊCH KIÊM GIÁM ĐỐC", "KT CHỦ TỊCH / PHÓ CHỦ TỊCH",
]


@pytest.mark.parametrize("block", VALID)
def test_valid_blocks(block):
    assert problems(block.split(" / ")) == []


@pytest.mark.parametrize(("block", "line", "says"), [
    ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 0, 'cần tách thành hai dòng: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'),
    ("TL. CHỦ TỊCH CHÁNH VĂN PHÒNG", 0, 'cần tách thành hai dòng: "TL. CHỦ TỊCH" / "CHÁNH VĂN PHÒNG"'),
    ("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH", 0, 'cần tách thành hai dòng: "TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"'),
    ("TM. BAN CHỈ ĐẠO TRƯỞNG BAN", 0, '"TM. BAN CHỈ ĐẠO" / "TRƯỞNG BAN"'),
    ("BỘ TRƯỞNG THỨ TRƯỞNG", 0, '"BỘ TRƯỞNG" / "THỨ TRƯỞNG"'),
    ("TL. BỘ TRƯỞNG VỤ TRƯỞNG VỤ PHÁP CHẾ", 0, '"TL. BỘ TRƯỞNG" / "VỤ TRƯỞNG VỤ PHÁP CHẾ"'),
    ("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH PHÓ CHỦ TỊCH", 1, '"KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'),
    ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", 0, 'quyền hạn "KT." phải đứng đầu dòng'),
    ("TM. CHỦ TỊCH", 0, '"TM." đứng trước tên tập thể'),
    ("TM. CHỦ TỊCH / CHỦ TỊCH", 0, 'chỉ ghi "CHỦ TỊCH"'),
    ("TM. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", 0, 'ghi "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC"'),
    ("KT. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH", 0, 'ghi "TM. ỦY BAN NHÂN DÂN"'),
    ("Q. ỦY BAN NHÂN DÂN", 0, 'tên tập thể "ỦY BAN NHÂN DÂN"'),
    ("KT. CHỦ TỊCH", 0, '"KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'),
    ("KT. BỘ TRƯỞNG", 0, '"KT. BỘ TRƯỞNG" / "THỨ TRƯỞNG"'),
    ("TL. CHỦ TỊCH", 0, "cần một dòng ghi chức vụ"),
    ("TM. ỦY BAN NHÂN DÂN", 0, "cần một dòng ghi chức vụ"),
    ("TM. ỦY BAN NHÂN DÂN / TM. BAN CHỈ ĐẠO / CHỦ TỊCH", 1, 'chỉ có một "TM."'),
    ("KT. CHỦ TỊCH / TM. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH", 1, '"TM." đứng ở dòng đầu'),
    ("KT. CHỦ TỊCH / TL. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG", 1, 'không thêm quyền hạn "TL."'),
    ("TUQ. CHỦ TỊCH / KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", 1, 'không ghi "KT." cùng với "TUQ."'),
    ("TM. ỦY BAN NHÂN DÂN / TUQ. CHỦ TỊCH / GIÁM ĐỐC", 0, "không có trong Nghị định"),
    ("KT. / CHỦ TỊCH / PHÓ CHỦ TỊCH", 0, '"KT." ghi cùng dòng với tên tập thể hoặc chức vụ đứng sau nó, như '
                                        '"KT. CHỦ TỊCH"'),
    ("TM. / ỦY BAN NHÂN DÂN / CHỦ TỊCH", 0, 'như "TM. ỦY BAN NHÂN DÂN"'),
    ("TM.  ỦY BAN  NHÂN DÂN   KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", 0, '"TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"'),
])
def test_invalid_blocks(block, line, says):
    found = problems(block.split(" / "))
    assert found, block
    assert all(isinstance(i, int) and isinstance(message, str) for i, message in found)
    assert any(i == line and says in message for i, message in found), found


def test_empty_lines_keep_their_index():
    """Indices are those of the lines given, so that a caller can point at its own line."""
    assert problems(["", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"])[0][0] == 1


def test_a_long_line_is_not_searched_for_titles_run_together():
    """A line of thousands of words (a hostile document) is still judged, at once: its prefix before a collective."""
    line = "KT. ỦY BAN NHÂN DÂN " + " ".join(["CHỦ TỊCH PHÓ KT."] * 1500)
    found = problems([line, "PHÓ CHỦ TỊCH"])
    assert [i for i, _message in found] == [0] and "tên tập thể" in found[0][1]
