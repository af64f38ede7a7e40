"""The reference Kế hoạch of UBND xã Ngọc Liên, rendered from plans/, measured against the decree."""

from __future__ import annotations

import difflib
import re
import unicodedata

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.run import Run
from docx_helpers import find, paragraph_format, paragraphs, run_format, text_lines, text_runs

from conftest import REFERENCE
from docgen import nd30
from docgen.render.layout import text_width

CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def _words(text: str) -> list[str]:
    text = re.sub(r"[#*\\]", "", unicodedata.normalize("NFC", text))
    return [w for w in (t.strip('.,;:()"') for t in text.split()) if w]


@pytest.fixture(scope="module")
def doc(ngoc_lien):
    return ngoc_lien[1]


@pytest.fixture(scope="module")
def header(doc):
    return doc.tables[0]


@pytest.fixture(scope="module")
def footer(doc):
    return doc.tables[-1]


def _format(paragraph, attr):
    """The one effective value of ``attr`` over the text runs of ``paragraph``."""
    values = {run_format(r, paragraph, attr) for r in text_runs(paragraph)}
    assert len(values) == 1, (paragraph.text, attr, values)
    return values.pop()


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


def _rule_length(paragraph, available_twips: int) -> float:
    """Length in points of the line a "DG Đường kẻ" paragraph draws."""
    ppr = paragraph._p.pPr
    border = ppr.find(f"{qn('w:pBdr')}/{qn('w:top')}")
    style_border = paragraph.style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    assert border is not None or style_border is not None, "no line"
    ind = ppr.find(qn("w:ind"))
    left = int(ind.get(qn("w:left"))) if ind is not None else 0
    right = int(ind.get(qn("w:right"))) if ind is not None else 0
    return (available_twips - left - right) / 20


def _cell_text_width(cell) -> int:
    width = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))
    tbl = cell._tc.getparent().getparent()
    margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    return width - sum(int(margins.find(qn(f"w:{e}")).get(qn("w:w"))) for e in ("left", "right"))


# --- 1. text -------------------------------------------------------------------------------------


def test_every_sentence_of_the_reference_in_order(doc):
    lines = text_lines(doc)
    body = " ".join(lines[lines.index("KẾ HOẠCH") :])
    reference = (REFERENCE / "ke-hoach-ngoc-lien-2026.md").read_text(encoding="utf-8")
    ratio = difflib.SequenceMatcher(None, _words(reference), _words(body), autojunk=False).ratio()
    assert ratio >= 0.97, ratio


def test_the_legal_basis_is_cited_one_way_only(doc):
    text = "\n".join(text_lines(doc))
    assert "455/SĐTTG-KHTH" in text and "455/SDTTG-KHTH" not in text
    reference = (REFERENCE / "ke-hoach-ngoc-lien-2026.md").read_text(encoding="utf-8")
    cited = "Quyết định số 2624/QĐ-UBND ngày 31/7/2025 của UBND tỉnh"
    assert text.count(cited) == reference.count(cited) == 6


def test_every_string_is_nfc(doc):
    texts = [p.text for p in paragraphs(doc)]
    for section in doc.sections:
        texts += [p.text for p in section.header.paragraphs]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


# --- 2. page -------------------------------------------------------------------------------------


def test_page_is_a4_portrait_with_the_decree_margins(doc):
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    for side, (low, high) in nd30.MARGINS.items():
        value = getattr(section, f"{side}_margin").mm
        assert low - 0.1 <= value <= high + 0.1, (side, value)


def test_times_new_roman_black_everywhere(doc):
    for paragraph in paragraphs(doc):
        for run in text_runs(paragraph):
            assert run_format(run, paragraph, "name") == "Times New Roman", paragraph.text
            assert run_format(run, paragraph, "color") in (None, "000000"), paragraph.text
    fonts = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(attr)) == "Times New Roman"


def test_page_numbers_from_page_two_centred_in_the_header(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header._element
    assert "PAGE" not in first.xml and not "".join(first.itertext()).strip()
    header = section.header
    fields = [f for f in header._element.iter() if f.tag in (qn("w:fldSimple"), qn("w:instrText"))]
    assert any("PAGE" in (f.get(qn("w:instr")) or f.text or "") for f in fields)
    paragraph = header.paragraphs[0]
    assert paragraph_format(paragraph, "alignment") == CENTER
    number = Run(paragraph._p.find(f"{qn('w:fldSimple')}/{qn('w:r')}"), paragraph)
    size = run_format(number, paragraph, "size")
    assert 13 <= size <= 14
    assert section.header_distance.mm < section.top_margin.mm


# --- 3. header block -----------------------------------------------------------------------------


def test_agency_name_caps_bold_centred_with_a_short_line_under_it(header):
    cell = header.cell(0, 0)
    names = [p for p in cell.paragraphs if p.text.strip()]
    assert [p.text for p in names] == ["ỦY BAN NHÂN DÂN", "XÃ NGỌC LIÊN"]
    for p in names:
        assert _format(p, "bold") is True
        assert 12 <= _format(p, "size") <= 13
        assert paragraph_format(p, "alignment") == CENTER
    rule = cell.paragraphs[-1]
    assert rule.style.style_id == "DGKe"
    size = _format(names[0], "size")
    longest = max(text_width(p.text, size, bold=True) for p in names)
    share = _rule_length(rule, _cell_text_width(cell)) / longest
    assert 1 / 3 <= share <= 1 / 2, share


def test_quoc_hieu_and_tieu_ngu_with_a_line_as_long_as_the_motto(header):
    cell = header.cell(0, 1)
    qh, tn, rule = cell.paragraphs
    assert qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert _format(qh, "bold") is True and 12 <= _format(qh, "size") <= 13
    assert tn.text == "Độc lập - Tự do - Hạnh phúc"
    assert _format(tn, "bold") is True and 13 <= _format(tn, "size") <= 14
    assert paragraph_format(qh, "alignment") == paragraph_format(tn, "alignment") == CENTER
    motto = text_width(tn.text, _format(tn, "size"), bold=True)
    assert _rule_length(rule, _cell_text_width(cell)) == pytest.approx(motto, rel=0.03)
    assert paragraph_format(qh, "line_spacing") in (None, 1.0)


def test_number_and_date_on_one_row(header):
    number, date = header.cell(1, 0).paragraphs[0], header.cell(1, 1).paragraphs[0]
    assert re.fullmatch(r"Số: {3,}/KH-UBND", number.text), number.text
    assert _format(number, "size") == 13 and _format(number, "bold") is False
    assert paragraph_format(number, "alignment") == CENTER
    assert re.fullmatch(r"Ngọc Liên, ngày {3,}tháng 4 năm 2026", date.text), date.text
    assert _format(date, "italic") is True and 13 <= _format(date, "size") <= 14
    assert paragraph_format(date, "alignment") == CENTER


def test_title_and_trich_yeu_bold_centred_with_a_line(doc):
    title = find(doc, "KẾ HOẠCH")
    assert title.text == "KẾ HOẠCH"
    summary = find(doc, "Triển khai thực hiện Chương trình")
    for p in (title, summary):
        assert _format(p, "bold") is True
        assert 13 <= _format(p, "size") <= 14
        assert paragraph_format(p, "alignment") == CENTER
    section = doc.sections[0]
    text_twips = int((section.page_width - section.left_margin - section.right_margin) / Length(635))
    rule = next(p for p in doc.paragraphs if p.style.style_id == "DGKe")
    line = min(text_width(summary.text, 14, bold=True), text_twips / 20)
    assert 1 / 3 <= _rule_length(rule, text_twips) / line <= 1 / 2


# --- 4. body -------------------------------------------------------------------------------------


def test_can_cu_lines_italic_each_ending_semicolon_last_full_stop(doc):
    bases = [p for p in doc.paragraphs if p.text.startswith("Căn cứ")]
    assert len(bases) == 7
    assert all(p.text.endswith(";") for p in bases[:-1]) and bases[-1].text.endswith(".")
    for p in bases:
        assert _format(p, "italic") is True


def test_body_text_justified_indented_spaced(doc):
    body = _body(doc)
    assert len(body) > 80
    for p in body:
        assert 13 <= _format(p, "size") <= 14, p.text
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
        assert _format(p, "bold") is bold
    assert [p.text[:3] for p in doc.paragraphs if re.match(r"[IVX]+\. ", p.text)] == [
        "I. ", "II.", "III", "IV.", "V. ",
    ]
    point = find(doc, "a) Nội dung thực hiện")
    assert _format(point, "bold") is False
    untitled = find(doc, "1. Tăng cường công tác lãnh đạo")
    assert _format(untitled, "bold") is False
    assert find(doc, "4.1. Tiểu dự án 1").text.startswith("4.1. Tiểu dự án 1:")


# --- 5. signature and Nơi nhận -------------------------------------------------------------------


def test_signature_block(footer):
    cell = footer.cell(0, 1)
    lines = [p for p in cell.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Xuân Khánh"]
    for p in lines:
        assert _format(p, "bold") is True
        assert 13 <= _format(p, "size") <= 14
        assert paragraph_format(p, "alignment") == CENTER


def test_noi_nhan_label_and_list(footer):
    cell = footer.cell(0, 0)
    label, *items = [p for p in cell.paragraphs if p.text.strip()]
    assert label.text == "Nơi nhận:"
    assert _format(label, "size") == 12
    assert _format(label, "bold") is True and _format(label, "italic") is True
    assert paragraph_format(label, "alignment") == LEFT
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
        assert _format(p, "size") == 11
        assert _format(p, "bold") is False and _format(p, "italic") is False
        assert paragraph_format(p, "first_line_indent") in (None, Length(0))


def test_noi_nhan_level_with_the_signer_title_and_kept_together(footer):
    row = footer.rows[0]
    assert row.cells[0].paragraphs[0].text == "Nơi nhận:"
    assert row.cells[1].paragraphs[0].text == "KT. CHỦ TỊCH"
    assert row._tr.trPr.find(qn("w:cantSplit")) is not None
