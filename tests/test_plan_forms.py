"""What real plans and letters contain beyond the two references (issue 16): every signature form, footnotes,
superscript and subscript, citations in the decree's forms, Party documents, the Lưu line and ô 12, line breaks
and text that fits the page. Each test renders a real plan through the real templates with the command line,
opens the .docx and asserts what a reader sees, and that `docgen check` finds nothing to say about it.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx_helpers import find, run_format, text_lines
from test_render import CAN_CU, Q1719, Q1719_FULL, THAM_CHIEU, TRICH_YEU, first_section, plan, q

from docgen.check import check_docx
from docgen.render.layout import text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def rendered(tmp_path, write_plan, run):
    """Render plan text with the command line: the .docx's path, opened, and checked clean."""

    def _render(text: str, name: str = "ke-hoach.yaml", warned: tuple[str, ...] = ()) -> docx.document.Document:
        path = write_plan(text, name)
        result = run("render", path, "-o", tmp_path / "out")
        assert result.code == 0, result.err
        out = tmp_path / "out" / f"{path.stem}.docx"
        found = check_docx(out)
        assert [f.text for f in found] == list(warned), [f.line() for f in found]
        assert all(f.rule == "trich_dan.full_twice" for f in found)
        return docx.Document(out)

    return _render


@pytest.fixture
def refused(write_plan, run):
    """Validate plan text with the command line; it must be refused: the message."""

    def _refuse(text: str) -> str:
        result = run("validate", write_plan(text))
        assert result.code == 1, result.out
        return result.err

    return _refuse


def signature(doc) -> list[str]:
    """The lines of the signature block, from the first line after the Lưu line to the signer's name."""
    lines = text_lines(doc)
    start = next(i for i, line in enumerate(lines) if line.startswith("- Lưu:")) + 1
    return lines[start:]


# ------------------------------------------------------------------------------------------- signatures

FORMS = [
    ("quyen_han: [TM. Ủy ban nhân dân, KT. Chủ tịch]\n  chuc_vu: Phó Chủ tịch",
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("quyen_han: TM. Ủy ban nhân dân\n  chuc_vu: Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("quyen_han: KT. Chủ tịch\n  chuc_vu: Phó Chủ tịch", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("quyen_han: TL. Chủ tịch\n  chuc_vu: Chánh Văn phòng", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ("quyen_han: [TL. Chủ tịch, KT. Chánh Văn phòng]\n  chuc_vu: Phó Chánh Văn phòng",
     ["TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"]),
    ("quyen_han: TUQ. Chủ tịch\n  chuc_vu: Giám đốc Sở Nội vụ", ["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"]),
    ("quyen_han: Q. Chủ tịch", ["Q. CHỦ TỊCH"]),
    ("quyen_han: [TM. Ủy ban nhân dân, Q. Chủ tịch]", ["TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH"]),
    ("chuc_vu: Chủ tịch", ["CHỦ TỊCH"]),
    ("quyen_han: [TM. Ban Chỉ đạo, KT. Trưởng ban]\n  chuc_vu: Phó Trưởng ban",
     ["TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]),
    ("quyen_han: [tm ủy ban nhân dân, kt. chủ tịch]\n  chuc_vu: phó chủ tịch",
     ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    # the older form, as plans written before issue 16 have it
    ("quyen_han: TM.\n  tap_the: Ủy ban nhân dân\n  chuc_vu: Chủ tịch", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("quyen_han: Q.\n  chuc_vu: Chủ tịch", ["Q. CHỦ TỊCH"]),
]


@pytest.mark.parametrize(("ky", "lines"), FORMS, ids=[" / ".join(lines) for _ky, lines in FORMS])
def test_every_signature_form_prints_one_line_each(rendered, ky, lines):
    doc = rendered(plan(ky=f"ky:\n  {ky}\n  ho_ten: Đỗ Thị Đào\n"))
    assert signature(doc) == [*lines, "Đỗ Thị Đào"]
    for line in [*lines, "Đỗ Thị Đào"]:
        p = find(doc, line)
        assert p.text == line  # a paragraph of its own
        for r in p.runs:
            assert run_format(r, p, "bold") is True and 13 <= run_format(r, p, "size") <= 14


@pytest.mark.parametrize(("ky", "field", "says"), [
    ("quyen_han: KT. Chủ tịch\n  chuc_vu: KT. Chủ tịch Phó Chủ tịch", "ky.chuc_vu", "quyen_han: [TM. Ủy ban"),
    ("quyen_han: [TM. Ủy ban nhân dân, KT.]\n  chuc_vu: Phó Chủ tịch", "ky.quyen_han[2]", '"KT. Chủ tịch"'),
    ("quyen_han: Q. Chủ tịch\n  chuc_vu: Chủ tịch", "ky.chuc_vu", 'hãy bỏ "chuc_vu"'),
    ("quyen_han: KT. Chủ tịch", "ky.chuc_vu", "chức vụ của người ký"),
    ("quyen_han: Thay mặt Ủy ban nhân dân\n  chuc_vu: Chủ tịch", "ky.quyen_han[1]", "TM., KT., TL., TUQ., Q."),
    ("quyen_han: KT.\n  chuc_vu: Phó Chủ tịch", "ky.tap_the", '"KT. Chủ tịch"'),
    ("quyen_han: KT. Ủy ban nhân dân\n  chuc_vu: Phó Chủ tịch", "ky.quyen_han[1]", '"TM. ỦY BAN NHÂN DÂN"'),
    ("quyen_han: TM. Chủ tịch\n  chuc_vu: Phó Chủ tịch", "ky.quyen_han[1]", '"KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'),
    ("quyen_han: TM.\n  tap_the: Chủ tịch\n  chuc_vu: Phó Chủ tịch", "ky.tap_the", "không đứng trước chức vụ"),
    ("quyen_han: [TM. Ủy ban nhân dân, TM. Ban Chỉ đạo]\n  chuc_vu: Chủ tịch", "ky.quyen_han[2]",
     'chỉ có một "TM."'),
    ("quyen_han: [TUQ. Chủ tịch, KT. Giám đốc]\n  chuc_vu: Phó Giám đốc", "ky.quyen_han[2]", "thừa ủy quyền"),
    ("quyen_han: [KT. Chủ tịch, TM. Ủy ban nhân dân]\n  chuc_vu: Phó Chủ tịch", "ky.quyen_han[2]",
     '"TM." đứng ở dòng đầu'),
])
def test_a_signature_the_decree_does_not_have_is_refused_with_the_right_form(refused, ky, field, says):
    err = refused(plan(ky=f"ky:\n  {ky}\n  ho_ten: Đỗ Thị Đào\n"))
    assert f"({field})" in err and says in err, err


# ------------------------------------------------------------------------------------- the Lưu line, ô 12


@pytest.mark.parametrize(("luu", "line"), [
    ("", "- Lưu: VT, VHXH."),
    ("luu: {nguoi_soan: Lan}", "- Lưu: VT, VHXH(Lan)."),
    ("luu: {don_vi: [KT], nguoi_soan: Hùng}", "- Lưu: VT, KT, VHXH(Hùng)."),
    ("luu: {don_vi: KT}", "- Lưu: VT, KT, VHXH."),
    ("luu: {nguoi_soan: Lan, phat_hanh: {ky_hieu: PL, so_ban: 300}}", "- Lưu: VT, VHXH(Lan). PL.(300)."),
])
def test_the_luu_line_names_desks_drafter_and_o12(rendered, luu, line):
    doc = rendered(plan() + luu + "\n")
    p = find(doc, "- Lưu:")
    assert p.text == line
    assert {run_format(r, p, "size") for r in p.runs} == {11}
    assert text_lines(doc)[text_lines(doc).index(line) - 1] == "- Sở Dân tộc và Tôn giáo (để b/c);"


def test_the_drafting_units_name_is_not_required_and_the_older_desk_field_still_works(rendered):
    text = plan().replace("don_vi_soan_thao: {ten: Phòng Văn hóa - Xã hội, viet_tat: VHXH}",
                          "don_vi_soan_thao: {viet_tat: VHXH, viet_tat_luu: THDT}")
    assert "ten: Phòng" not in text.split("don_vi_soan_thao")[1].split("\n")[0]
    assert find(rendered(text), "- Lưu:").text == "- Lưu: VT, THDT."


def test_o12_initials_are_capitals(refused):
    err = refused(plan() + "luu: {phat_hanh: {ky_hieu: pl, so_ban: 300}}\n")
    assert "(luu.phat_hanh.ky_hieu)" in err and "chữ in hoa" in err


# ----------------------------------------------------------------------------------------------- citations

RUT_GON = "vien_dan: {lan_sau: rut-gon}\n"
Q1719_SHORT = "Quyết định số 1719/QĐ-TTg"
N88_FULL = "Nghị quyết số 88/2019/QH14 ngày 18/11/2019 của Quốc hội phê duyệt Đề án tổng thể"


def test_later_citations_are_short_and_the_can_cu_count_as_the_first(rendered):
    # [[nq88+]] forces the full form a second time: the check warns there, as Phụ lục I asks
    doc = rendered(RUT_GON + plan(noi_dung=first_section(
        "Triển khai [[nq88]] và [[qd1719]].", "Tiếp tục [[nq88]].", "Theo [[nq88+]] và [[qd1719-]].")),
        warned=(f"Theo {N88_FULL[:72]}…",))
    assert find(doc, "Triển khai").text == f"Triển khai {N88_FULL} và {Q1719_SHORT}."
    assert find(doc, "Tiếp tục").text == "Tiếp tục Nghị quyết số 88/2019/QH14."
    assert find(doc, "Theo").text == f"Theo {N88_FULL} và {Q1719_SHORT}."


def test_without_the_setting_every_citation_prints_as_before(rendered):
    doc = rendered(plan(noi_dung=first_section("Triển khai [[qd1719]].", "Lại [[qd1719]]; [[qd1719-]], [[qd1719+]].")),
                   warned=(f"Lại {Q1719}; Quyết …",))
    assert find(doc, "Triển khai").text == f"Triển khai {Q1719}."
    assert find(doc, "Lại").text == f"Lại {Q1719}; {Q1719_SHORT}, {Q1719_FULL}."


def test_dates_in_words_in_can_cu_and_text(rendered):
    doc = rendered("vien_dan: {ngay: chu}\n" + plan(noi_dung=first_section("Triển khai [[nq88]].")))
    assert find(doc, "Căn cứ").text == ("Căn cứ Quyết định số 1719/QĐ-TTg ngày 14 tháng 10 năm 2021 của Thủ tướng "
                                        "Chính phủ phê duyệt Chương trình mục tiêu quốc gia giai đoạn 2021-2030.")
    assert find(doc, "Triển khai").text == "Triển khai Nghị quyết số 88/2019/QH14 ngày 18 tháng 11 năm 2019 của Quốc hội."


PARTY = """\
tham_chieu:
  - ma: ct35
    loai: Chỉ thị
    so: 35-CT/TW
    ngay: 14/6/2024
    co_quan: Bộ Chính trị
    trich_yeu: về đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng
  - {ma: kh120, loai: Kế hoạch, so: 120-KH/TU, ngay: 02/7/2024, co_quan: Tỉnh ủy, trich_yeu: thực hiện Chỉ thị}
"""


def test_party_documents_are_cited_with_their_own_number_form(rendered):
    doc = rendered(RUT_GON + plan(tham_chieu=PARTY, noi_dung=first_section(
        "Triển khai [[ct35]] và [[kh120]].", "Theo [[ct35]].")))
    assert find(doc, "Triển khai").text == (
        "Triển khai Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về đại hội đảng bộ các cấp tiến tới Đại hội "
        "đại biểu toàn quốc lần thứ XIV của Đảng và Kế hoạch số 120-KH/TU ngày 02/7/2024 của Tỉnh ủy thực hiện Chỉ thị.")
    assert find(doc, "Theo").text == "Theo Chỉ thị số 35-CT/TW."


def test_a_party_number_in_a_heading_keeps_its_case(rendered):
    doc = rendered(plan(tham_chieu=PARTY, noi_dung="noi_dung:\n  - tieu_de: Thực hiện Chỉ thị số 35-CT/TW\n"
                        "    doan: [Nội dung.]\n"))
    assert find(doc, "I. ").text == "I. THỰC HIỆN CHỈ THỊ SỐ 35-CT/TW"


@pytest.mark.parametrize(("number", "says"), [
    ("35 CT/TW", "không có dấu cách"),
    ("số 1719/QĐ-TTg", 'không ghi chữ "số"'),
    ("1719QĐ-TTg", "35-CT/TW"),
])
def test_a_bad_number_is_refused_with_the_forms_it_may_take(refused, number, says):
    err = refused(plan(tham_chieu=PARTY.replace("35-CT/TW", number)))
    assert "(tham_chieu[1].so)" in err and says in err and "1719/QĐ-TTg" in err, err


# ---------------------------------------------------------------------------------- footnotes, sup, sub


def _footnotes(doc) -> dict[int, str]:
    """The footnotes part's notes (separators left out), by id: their text."""
    part = doc.part.part_related_by(RT.FOOTNOTES)
    root = docx.oxml.parse_xml(part.blob)
    return {int(note.get(qn("w:id"))): "".join(t.text for t in note.iter(qn("w:t"))).strip()
            for note in root.iter(qn("w:footnote")) if note.get(qn("w:type")) is None}


def _marks(p) -> list[int]:
    return [int(ref.get(qn("w:id"))) for ref in p._p.iter(qn("w:footnoteReference"))]


NOTES = """\
chu_thich:
  tw: Các văn bản chỉ đạo của Trung ương về **chuyển đổi số**.
"""


def test_footnotes_are_real_word_footnotes(rendered):
    doc = rendered(NOTES + plan(ket_thuc=None, noi_dung=first_section(
        "Luật số 55/2024/QH15^[Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ.] có hiệu lực.",
        "Theo các văn bản của Trung ương[^tw] và [[nq88]].",
        "Lại các văn bản của Trung ương[^tw].")))
    first, second, third = (find(doc, start) for start in ("Luật số 55", "Theo các", "Lại các"))
    assert first.text == "Luật số 55/2024/QH15 có hiệu lực."
    assert _marks(first) == [1] and _marks(second) == [2] and _marks(third) == []
    notes = _footnotes(doc)
    assert notes == {1: "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ.",
                     2: "Các văn bản chỉ đạo của Trung ương về chuyển đổi số."}
    # the mark is Word's footnote reference style, a superscript
    mark = next(r for r in first.runs if r._r.find(qn("w:footnoteReference")) is not None)
    assert mark._r.rPr.find(qn("w:rStyle")).get(qn("w:val")) == "FootnoteReference"
    assert doc.styles["footnote reference"].font.superscript is True
    text = doc.styles["footnote text"]
    assert text.font.size.pt == 10 and text.font.name == "Times New Roman"
    # cited again: Word's NOTEREF field to the first mark, showing its number
    instr = "".join(t.text for t in third._p.iter(qn("w:instrText")))
    assert re.fullmatch(r" NOTEREF (_RefNote2) \\f \\h ", instr)
    assert third.text == "Lại các văn bản của Trung ương2./."
    names = [b.get(qn("w:name")) for b in second._p.iter(qn("w:bookmarkStart"))]
    assert names == ["_RefNote2"]


def test_footnotes_in_can_cu_and_table_cells_are_numbered_in_reading_order(rendered):
    can_cu = CAN_CU + "    chu_thich: Được sửa đổi bởi Quyết định số 1552/QĐ-TTg.\n"
    doc = rendered(plan(can_cu=can_cu, noi_dung=first_section(
        "Đoạn có chú thích^[Chú thích của đoạn.].",
        "{bang: Bảng, cot: [STT, Nội dung], hang: [[1, 'Ô có chú thích^[Chú thích trong bảng.]']]}")))
    basis = find(doc, "Căn cứ")
    assert basis.text.endswith("giai đoạn 2021-2030.") and _marks(basis) == [1]
    assert _footnotes(doc) == {1: "Được sửa đổi bởi Quyết định số 1552/QĐ-TTg.", 2: "Chú thích của đoạn.",
                               3: "Chú thích trong bảng."}
    cell = doc.tables[1].cell(1, 1).paragraphs[0]
    assert cell.text == "Ô có chú thích" and _marks(cell) == [3]


@pytest.mark.parametrize(("text", "says"), [
    ("Theo[^khong-co].", 'chú thích [^khong-co] không có trong "chu_thich"'),
    ("Theo[^một chú thích có dấu cách].", "ghi là ^[nội dung chú thích]"),
])
def test_a_footnote_written_wrong_is_refused(refused, text, says):
    err = refused(plan(noi_dung=first_section(q(text))))
    assert "(noi_dung[1].doan[1])" in err and says in err, err


def test_superscript_and_subscript(rendered):
    doc = rendered(plan(noi_dung=first_section(q("Diện tích 120 m^2^, phát thải CO~2~, đã có m² và CO₂."))))
    p = find(doc, "Diện tích")
    assert p.text == "Diện tích 120 m2, phát thải CO2, đã có m² và CO₂."
    vert = [(r.text, r.font.superscript, r.font.subscript) for r in p.runs]
    assert ("2", True, False) in vert and ("2", False, True) in vert
    assert sum(1 for _t, sup, sub in vert if sup or sub) == 2


# --------------------------------------------------------------------------------------------- line breaks


def test_a_new_line_in_a_literal_block_is_a_line_break(rendered):
    body = "noi_dung:\n  - tieu_de: Mục đích\n    doan:\n      - |-\n        Dòng thứ nhất,\n        dòng thứ hai.\n"
    doc = rendered(plan(noi_dung=body, ket_thuc=None))
    p = find(doc, "Dòng thứ nhất")
    assert p.text == "Dòng thứ nhất,\ndòng thứ hai./."
    assert len(p._p.findall(f".//{W}br")) == 1


def test_a_folded_block_still_joins_its_lines(rendered):
    body = "noi_dung:\n  - tieu_de: Mục đích\n    doan:\n      - >-\n        Dòng thứ nhất,\n        dòng thứ hai.\n"
    assert find(rendered(plan(noi_dung=body, ket_thuc=None)), "Dòng thứ nhất").text == "Dòng thứ nhất, dòng thứ hai./."


# ------------------------------------------------------------------------------------- text that fits

TEXT_PT = 165 / 25.4 * 72  # the text area, 165 mm


def test_a_title_is_broken_into_even_lines_without_a_word_alone():
    from docgen.render.layout import balanced

    title = ("Triển khai thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân "
             "tộc thiểu số và miền núi năm 2026 trên địa bàn xã")
    lines = balanced(title, 14, True, TEXT_PT / 1.02).split("\n")
    widths = [text_width(line, 14, True) for line in lines]
    assert " ".join(lines) == title and len(lines) == 2
    assert max(widths) <= TEXT_PT and min(widths) > 0.8 * max(widths)
    assert not any(line.startswith("-") for line in lines)


def test_the_title_prints_balanced_or_where_the_plan_breaks_it(rendered):
    long = ("Triển khai thực hiện Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân "
            "tộc thiểu số và miền núi năm 2026 trên địa bàn xã")
    doc = rendered(plan(trich_yeu=long, can_cu="", noi_dung=first_section("Nội dung.")))
    lines = find(doc, "Triển khai").text.split("\n")
    assert len(lines) == 2 and len(lines[-1].split()) > 3
    doc = rendered(plan(trich_yeu="|-\n  Triển khai thực hiện Chương trình\n  năm 2026", can_cu="",
                        noi_dung=first_section("Nội dung.")))
    assert find(doc, "Triển khai").text == "Triển khai thực hiện Chương trình\nnăm 2026"


LONG_PLACES = ["Thành phố Hồ Chí Minh", "Phan Rang - Tháp Chàm", "Văn Miếu - Quốc Tử Giám", "Bà Rịa - Vũng Tàu",
               "Xuân Trường - Đà Lạt", "Chân Mây - Lăng Cô", "Thị trấn Nông trường Mộc Châu"]


@pytest.mark.parametrize("place", LONG_PLACES)
def test_the_date_line_fits_its_column_with_long_place_names(rendered, place):
    doc = rendered(plan(dia_danh=place, ngay="15/12/2025"))
    p = find(doc, f"{place}, ngày")
    assert p.text == f"{place}, ngày 15 tháng 12 năm 2025"
    size = run_format(p.runs[0], p, "size")
    assert size in (13, 14)
    cell = doc.tables[0].cell(1, 1)
    inner = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) - 2 * 57
    assert text_width(p.text, size, italic=True) * 20 <= inner
    left = int(doc.tables[0].cell(1, 0)._tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))
    assert left >= round(4.5 * 567) and left + int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) == 9355


def test_a_short_place_keeps_the_templates_columns_and_size(rendered):
    doc = rendered(plan())
    p = find(doc, "Ngọc Liên, ngày")
    assert run_format(p.runs[0], p, "size") == 14
    assert [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in doc.tables[0].rows[0]._tr.tc_lst] == [3742, 5613]


def test_the_noi_nhan_column_widens_for_long_recipients(rendered):
    recipients = ["Sở Nông nghiệp và Môi trường tỉnh (để b/c)", "Các phòng, ban chuyên môn thuộc UBND xã"]
    doc = rendered(plan(noi_nhan="noi_nhan:\n" + "".join(f"  - {r}\n" for r in recipients)))
    left, right = _columns(doc.tables[-1])
    assert left + right == 3685 + 5669 and left > 3685 and right >= 7 * 567  # the template's 6.5 cm + 10 cm
    for line in recipients:
        assert text_width(f"- {line};", 11) * 20 <= left - 2 * 57
    # no wider than 8.5 cm: a longer recipient wraps
    doc = rendered(plan(noi_nhan="noi_nhan: [Sở Nông nghiệp và Phát triển nông thôn tỉnh Thanh Hóa (để báo cáo)]\n"))
    assert _columns(doc.tables[-1])[0] == round(8.5 * 567)


def _columns(table) -> list[int]:
    return [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in table.rows[0]._tr.tc_lst]


# --------------------------------------------------------------------------------- smaller things


def test_kinh_gui_may_be_one_string(rendered):
    text = plan().replace("loai: ke-hoach", "loai: bao-cao") + "kinh_gui: Ủy ban nhân dân huyện\n"
    assert find(rendered(text), "Kính gửi").text == "Kính gửi: Ủy ban nhân dân huyện"


@pytest.mark.parametrize(("extra", "field", "says"), [
    ("ky: {chuc_vu: Chủ tịch, ho_ten: Đỗ Thị Đào, ghi_chu: x}", "ky.ghi_chu",
     "ở đây chỉ dùng các mục: quyen_han, tap_the, chuc_vu, ho_ten"),
    ("ky: {chuc_vu: Chủ tịch, ho_ten: Đỗ Thị Đào, ho_tem: x}", "ky.ho_tem", 'có phải là "ho_ten"?'),
    ("ky: {chuc_vu: Chủ tịch, ho_ten: Đỗ, Thị Đào}", "ky.Thị Đào", "đặt cả đoạn trong ngoặc kép"),
])
def test_an_unknown_key_is_told_with_the_keys_allowed_there(refused, extra, field, says):
    err = refused(plan(ky=extra))
    assert f"({field})" in err and says in err, err


def test_the_bundled_plans_render_and_check_clean(tmp_path, run):
    plans = sorted(Path(__file__).resolve().parent.parent.joinpath("plans").glob("*.yaml"))
    assert len(plans) >= 5
    result = run("render", *plans, "-o", tmp_path)
    assert result.code == 0, result.err
    documents = sorted(tmp_path.glob("*.docx"))  # a plan issued by a Quyết định writes two
    assert len(documents) > len(plans)
    for document in documents:
        found = check_docx(document)
        if document.stem == "ngoc-lien-2026-ke-hoach":  # the real Kế hoạch cites two documents in full twice
            assert [f.rule for f in found] == ["trich_dan.full_twice"] * 2, [f.line() for f in found]
        else:
            assert found == [], (document.name, [f.line() for f in found])



@given(st.lists(st.floats(1, 200), min_size=1, max_size=40), st.floats(1, 6), st.floats(50, 500), st.floats(0, 200))
@settings(derandomize=True, max_examples=300)
def test_counting_lines_agrees_with_breaking_them(widths, space, width, lead):
    """The balance searches with a count of lines that must be exactly the lines the break makes."""
    from docgen.render.layout import _count, _wrap

    assert _count(widths, space, width, width - lead) == len(_wrap(["x"] * len(widths), widths, space, width,
                                                                  width - lead))


def test_a_template_without_a_footnotes_part_is_named_when_a_plan_has_a_footnote(tmp_path, write_plan, run):
    """A template made before footnotes (or saved without them) still renders plans without notes; a plan with
    one is refused with the template named and what to do, and nothing is written."""
    import shutil
    import zipfile

    root = Path(__file__).resolve().parent.parent
    templates = tmp_path / "templates"
    shutil.copytree(root / "templates", templates)
    path = templates / "ke-hoach.docx"
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist() if name != "word/footnotes.xml"}
    parts["word/_rels/document.xml.rels"] = re.sub(rb'<Relationship [^>]*footnotes\.xml"/>', b"",
                                                   parts["word/_rels/document.xml.rels"])
    parts["[Content_Types].xml"] = re.sub(rb'<Override PartName="/word/footnotes\.xml"[^>]*/>', b"",
                                          parts["[Content_Types].xml"])
    with zipfile.ZipFile(path, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    plain = write_plan(plan(), "khong-chu-thich.yaml")
    assert run("render", plain, "-o", tmp_path / "out", "--templates", templates).code == 0
    noted = write_plan(plan(noi_dung=first_section("Đoạn^[Chú thích.].")), "co-chu-thich.yaml")
    result = run("render", noted, "-o", tmp_path / "out", "--templates", templates)
    assert result.code == 1 and "không có phần chú thích cuối trang" in result.err and str(path) in result.err
    assert not (tmp_path / "out" / "co-chu-thich.docx").exists()


def test_a_footnote_code_may_hold_underscores_and_is_cited_again_by_it(rendered):
    doc = rendered(plan(ket_thuc=None, noi_dung=first_section("Một[^ct_kh].", "Hai[^ct_kh]."))
                   + "chu_thich: {ct_kh: 'Các chương trình, kế hoạch.'}\n")
    assert _footnotes(doc) == {1: "Các chương trình, kế hoạch."}
    assert "NOTEREF _RefNote1" in "".join(t.text for t in find(doc, "Hai")._p.iter(qn("w:instrText")))


def test_a_title_cites_like_a_first_citation_without_counting_as_one(rendered):
    doc = rendered(RUT_GON + plan(trich_yeu="Thực hiện [[nq88]] trên địa bàn xã", ket_thuc=None,
                                  noi_dung=first_section("Triển khai [[nq88]].")))
    title = find(doc, "Thực hiện Nghị quyết")
    assert title.text.replace("\n", " ") == f"Thực hiện {N88_FULL} trên địa bàn xã"
    assert find(doc, "Triển khai").text == f"Triển khai {N88_FULL}./."  # the text's first citation: in full
    assert doc.core_properties.title == f"Kế hoạch Thực hiện {N88_FULL} trên địa bàn xã"


@pytest.mark.parametrize(("extra", "field", "says"), [
    ("chu_thich: {bo_sot: Một chú thích.}", "chu_thich.bo_sot", "không được gắn vào chỗ nào"),
    ("", "tham_chieu[1].trich_yeu", "không dùng trích dẫn [[…]]"),
    ("", "trich_yeu", "trích yếu không có chú thích"),
])
def test_notes_and_citations_where_they_cannot_stand_are_refused(refused, extra, field, says):
    text = plan(tham_chieu=THAM_CHIEU.replace("trich_yeu: phê duyệt Đề án tổng thể",
                                              "trich_yeu: phê duyệt Đề án [[qd1719]]") if field.startswith("tham")
                else THAM_CHIEU,
                trich_yeu="Thực hiện Chương trình^[ghi chú]" if field == "trich_yeu" else TRICH_YEU)
    err = refused(text + extra + "\n")
    assert f"({field})" in err and says in err, err


def test_the_last_paragraph_is_kept_with_the_signature_block(rendered):
    doc = rendered(plan())
    last = find(doc, "Kết thúc")
    assert last.text == "Kết thúc./." and last.paragraph_format.keep_with_next is True


def test_a_typed_citation_contradicting_the_plans_own_is_the_plans_error_with_its_line(write_plan, run, tmp_path):
    path = write_plan(plan(noi_dung=first_section("Theo [[qd1719]].", q(
        "Lại theo Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Bộ Y tế."))))
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "Bộ Y tế" in text)
    for command in (("validate", path), ("render", path, "-o", tmp_path / "out")):
        result = run(*command)
        assert result.code == 1
        assert f"{path}, dòng {line}: " in result.err, result.err
        assert "1719/QĐ-TTg" in result.err and "lỗi của docgen" not in result.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_kinh_gui_may_be_one_shared_group(rendered, tmp_path):
    (tmp_path / "nhom.yaml").write_text("nhom: {cap-tren: [Ủy ban nhân dân huyện, Sở Nội vụ]}\n", encoding="utf-8")
    text = plan().replace("loai: ke-hoach", "loai: bao-cao") + "dung_chung: [nhom.yaml]\nkinh_gui: {nhom: cap-tren}\n"
    lines = text_lines(rendered(text))
    start = lines.index("Kính gửi:")
    assert lines[start + 1:start + 3] == ["- Ủy ban nhân dân huyện;", "- Sở Nội vụ."]


def test_a_documents_trich_yeu_is_needed_only_where_it_is_printed(write_plan, run, tmp_path):
    bare = THAM_CHIEU.replace("    trich_yeu: phê duyệt Đề án tổng thể\n", "")
    ok = write_plan(plan(tham_chieu=bare, noi_dung=first_section("Triển khai [[nq88]].")))
    assert run("render", ok, "-o", tmp_path / "out").code == 0
    assert find(docx.Document(tmp_path / "out" / "ke-hoach.docx"), "Triển khai").text == \
        "Triển khai Nghị quyết số 88/2019/QH14 ngày 18/11/2019 của Quốc hội."
    for text in (plan(tham_chieu=bare, noi_dung=first_section("Triển khai [[nq88+]].")),
                 RUT_GON + plan(tham_chieu=bare, noi_dung=first_section("Triển khai [[nq88]]."))):
        result = run("validate", write_plan(text))
        assert result.code == 1 and "(tham_chieu[1].trich_yeu)" in result.err and "dẫn đầy đủ" in result.err


def test_o12_may_give_the_initials_alone(rendered):
    doc = rendered(plan() + "luu: {phat_hanh: {ky_hieu: PL}}\n")
    assert find(doc, "- Lưu:").text == "- Lưu: VT, VHXH. PL."


@pytest.mark.parametrize("line, column, shown", [
    ('    doan: [Tổ chức hội nghị cho cán bộ thôn, làng trong quý II.]\n', 46, '"làng trong quý II."'),
    ('noi_nhan: [UBND huyện, Các thôn, làng]\n', 0, '"làng"'),
])
def test_a_comma_that_split_a_text_in_brackets_is_told(write_plan, run, line, column, shown):
    """In [a, b] YAML splits at every comma: a paragraph or a recipient with a comma becomes two, the second
    beginning with a small letter. docgen names it at its line, with what to write; quoted, it is one text."""
    text = plan()
    if line.startswith("    doan"):
        text = text.replace("      - Nội dung thứ nhất.\n", "").replace("    doan:\n", line)
    else:
        text = text.replace("noi_nhan:\n  - Sở Dân tộc và Tôn giáo (để b/c)\n", line)
    path = write_plan(text)
    result = run("validate", path)
    assert result.code == 1
    row = next(i for i, r in enumerate(text.splitlines(), start=1) if r == line.rstrip("\n"))
    assert f"dòng {row}," in result.err and f"{shown} bắt đầu bằng chữ thường" in result.err
    assert 'đặt cả đoạn trong ngoặc kép' in result.err
    quoted = text.replace(line, line.replace("[", '["', 1).replace("]", '"]', 1) if line.startswith("    doan")
                          else 'noi_nhan: [UBND huyện, "Các thôn, làng"]\n')
    assert run("validate", write_plan(quoted, "dung.yaml")).code == 0
