"""The reference Kế hoạch of UBND xã Ngọc Liên, rendered from plans/, measured against the decree."""

from __future__ import annotations

import difflib
import re

import pytest
from docx.oxml.ns import qn
from docx.shared import Length
from docx_helpers import find, paragraph_format, text_lines

from conftest import REFERENCE
from shared_rules import (
    CENTER,
    JUSTIFY,
    assert_a4_with_the_decree_margins,
    assert_agency,
    assert_every_string_nfc,
    assert_motto,
    assert_noi_nhan_look,
    assert_page_numbers_from_page_two,
    assert_times_new_roman_black,
    effective,
    rule_length,
    words,
)
from docgen.render.layout import text_width


@pytest.fixture(scope="module")
def doc(ngoc_lien):
    return ngoc_lien[1]


@pytest.fixture(scope="module")
def header(doc):
    return doc.tables[0]


@pytest.fixture(scope="module")
def footer(doc):
    return doc.tables[-1]



def _body(doc):
    """The body paragraphs: after the trích yếu's line, before the signature table."""
    out, started = [], False
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            if started:
                break
            continue
        if block.style.style_id == "DGKe" and not started and out == []:
            started = True
            continue
        if started and block.text.strip():
            out.append(block)
    return out




# --- 1. text -------------------------------------------------------------------------------------


def test_every_sentence_of_the_reference_in_order(doc):
    lines = text_lines(doc)
    body = " ".join(lines[lines.index("KẾ HOẠCH") :])
    reference = (REFERENCE / "ke-hoach-ngoc-lien-2026.md").read_text(encoding="utf-8")
    ratio = difflib.SequenceMatcher(None, words(reference), words(body), autojunk=False).ratio()
    assert ratio >= 0.97, ratio


def test_the_legal_basis_is_cited_one_way_only(doc):
    text = "\n".join(text_lines(doc))
    assert "455/SĐTTG-KHTH" in text and "455/SDTTG-KHTH" not in text
    reference = (REFERENCE / "ke-hoach-ngoc-lien-2026.md").read_text(encoding="utf-8")
    cited = "Quyết định số 2624/QĐ-UBND ngày 31/7/2025 của UBND tỉnh"
    assert text.count(cited) == reference.count(cited) == 6


def test_every_string_is_nfc(doc):
    assert_every_string_nfc(doc)


# --- 2. page -------------------------------------------------------------------------------------


def test_page_is_a4_portrait_with_the_decree_margins(doc):
    assert_a4_with_the_decree_margins(doc)


def test_times_new_roman_black_everywhere(doc):
    assert_times_new_roman_black(doc)


def test_page_numbers_from_page_two_centred_in_the_header(doc):
    assert_page_numbers_from_page_two(doc)


# --- 3. header block -----------------------------------------------------------------------------


def test_agency_name_caps_bold_centred_with_a_short_line_under_it(header):
    assert_agency(header.cell(0, 0), ["ỦY BAN NHÂN DÂN", "XÃ NGỌC LIÊN"])


def test_quoc_hieu_and_tieu_ngu_with_a_line_as_long_as_the_motto(header):
    assert_motto(header.cell(0, 1))


def test_number_and_date_on_one_row(header):
    number, date = header.cell(1, 0).paragraphs[0], header.cell(1, 1).paragraphs[0]
    assert re.fullmatch(r"Số: {3,}/KH-UBND", number.text), number.text
    assert effective(number, "size") == 13 and effective(number, "bold") is False
    assert paragraph_format(number, "alignment") == CENTER
    assert re.fullmatch(r"Ngọc Liên, ngày {3,}tháng 4 năm 2026", date.text), date.text
    assert effective(date, "italic") is True and 13 <= effective(date, "size") <= 14
    assert paragraph_format(date, "alignment") == CENTER


def test_title_and_trich_yeu_bold_centred_with_a_line(doc):
    title = find(doc, "KẾ HOẠCH")
    assert title.text == "KẾ HOẠCH"
    summary = find(doc, "Triển khai thực hiện Chương trình")
    for p in (title, summary):
        assert effective(p, "bold") is True
        assert 13 <= effective(p, "size") <= 14
        assert paragraph_format(p, "alignment") == CENTER
    section = doc.sections[0]
    text_twips = int((section.page_width - section.left_margin - section.right_margin) / Length(635))
    rule = next(p for p in doc.paragraphs if p.style.style_id == "DGKe")
    line = min(max(text_width(part, 14, bold=True) for part in summary.text.split("\n")), text_twips / 20)
    assert 1 / 3 <= rule_length(rule, text_twips) / line <= 1 / 2


# --- 4. body -------------------------------------------------------------------------------------


def test_can_cu_lines_italic_each_ending_semicolon_last_full_stop(doc):
    bases = [p for p in doc.paragraphs if p.text.startswith("Căn cứ")]
    assert len(bases) == 7
    assert all(p.text.endswith(";") for p in bases[:-1]) and bases[-1].text.endswith(".")
    for p in bases:
        assert effective(p, "italic") is True


def test_body_text_justified_indented_spaced(doc):
    body = _body(doc)
    assert len(body) > 80
    for p in body:
        assert 13 <= effective(p, "size") <= 14, p.text
        assert paragraph_format(p, "alignment") == JUSTIFY, p.text
        assert 1.0 - 0.01 <= paragraph_format(p, "first_line_indent").cm <= 1.27 + 0.01, p.text
        assert paragraph_format(p, "space_before").pt >= 6, p.text
        spacing = paragraph_format(p, "line_spacing")
        assert isinstance(spacing, float) and 1.0 <= spacing <= 1.5, p.text
    assert body[-1].text.endswith("theo quy định./.")


def test_heading_levels(doc):
    levels = {
        "I. MỤC ĐÍCH, YÊU CẦU": True,
        "V. TỔ CHỨC THỰC HIỆN": True,
        "1. Mục đích": True,
        "2. Phòng Kinh tế": True,
    }
    for text, bold in levels.items():
        p = find(doc, text)
        assert p.text == text
        assert effective(p, "bold") is bold
    assert [p.text[:3] for p in doc.paragraphs if re.match(r"[IVX]+\. ", p.text)] == [
        "I. ", "II.", "III", "IV.", "V. ",
    ]
    point = find(doc, "a) Nội dung thực hiện")
    assert effective(point, "bold") is False
    untitled = find(doc, "1. Tăng cường công tác lãnh đạo")
    assert effective(untitled, "bold") is False
    assert find(doc, "4.1. Tiểu dự án 1").text.startswith("4.1. Tiểu dự án 1:")


# --- 5. signature and Nơi nhận -------------------------------------------------------------------


def test_signature_block(footer):
    cell = footer.cell(0, 1)
    lines = [p for p in cell.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Xuân Khánh"]
    for p in lines:
        assert effective(p, "bold") is True
        assert 13 <= effective(p, "size") <= 14
        assert paragraph_format(p, "alignment") == CENTER


def test_noi_nhan_label_and_list(footer):
    items = assert_noi_nhan_look(footer.cell(0, 0))
    assert [p.text for p in items] == [
        "- Sở Dân tộc và Tôn giáo (để b/c);",
        "- Thường trực Đảng ủy, TT HĐND xã (để b/c);",
        "- Chủ tịch, các PCT UBND xã;",
        "- Ủy ban MTTQ và các đoàn thể xã;",
        "- Các phòng, đơn vị cấp xã;",
        "- Các thôn, làng trên địa bàn xã;",
        "- Lưu: VT, VHXH.",
    ]
    for p in items:
        assert paragraph_format(p, "first_line_indent") in (None, Length(0))


def test_noi_nhan_level_with_the_signer_title_and_kept_together(footer):
    row = footer.rows[0]
    assert row.cells[0].paragraphs[0].text == "Nơi nhận:"
    assert row.cells[1].paragraphs[0].text == "KT. CHỦ TỊCH"
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
