"""``docgen check`` on layouts real offices make in Word and our templates never do (issue 19), one class at a
time: each test builds a small document as Word stores it (``word_xml``), changes one thing, and asserts that
exactly the right findings appear — the false alarms of earlier versions among what must not.

The base document conforms: its lines are drawn as shapes (DrawingML), as in most real files.
"""

from __future__ import annotations

import pytest
from word_xml import (
    AGENCY,
    BODY,
    CAN_CU,
    CLOSING,
    DATE,
    HEADER,
    MOTTO,
    NUMBER,
    RECIPIENTS,
    SIGNATURE,
    TITLE,
    centred,
    document,
    drawn_line,
    para,
    run,
    table,
    vml_line,
)

from docgen.check import check_docx


def found(data: bytes) -> list[tuple[str, str]]:
    return [(f.rule, f.where) for f in check_docx(data)]


def details(data: bytes, rule: str) -> list[str]:
    return [f.detail for f in check_docx(data) if f.rule == rule]


def test_the_base_document_conforms():
    assert found(document()) == []


# -- 1. header tables with more rows ---------------------------------------------------------------------------------

PARENT_ROWS = table([
    [centred("UBND HUYỆN BẠCH THÔNG", bold=False), centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")],
    [centred("PHÒNG TƯ PHÁP", inside=drawn_line(57, 17, 45)),
     centred("Độc lập - Tự do - Hạnh phúc", size=14, inside=drawn_line(53, 19, 171))],
    [NUMBER.replace("KH-UBND", "KH-TP"), DATE],
], [6.0, 10.0])


def test_parent_agency_in_its_own_row_is_not_bold_and_the_line_is_under_the_agency():
    """"UBND HUYỆN …" (not bold) in row 1, "PHÒNG …" (bold) in row 2, beside the Quốc hiệu and Tiêu ngữ: both are
    the agency's lines; nothing to say."""
    assert found(document(header=PARENT_ROWS)) == []


def test_agency_in_the_row_below_still_must_be_bold():
    header = PARENT_ROWS.replace(centred("PHÒNG TƯ PHÁP", inside=drawn_line(57, 17, 45)),
                                 centred("PHÒNG TƯ PHÁP", bold=False, inside=drawn_line(57, 17, 45)))
    assert found(document(header=header)) == [("co_quan.format", "bảng 1, hàng 2, cột 1")]


# -- 2. lines drawn as shapes ----------------------------------------------------------------------------------------

def _header(agency: str = AGENCY, motto: str = MOTTO, number: str = NUMBER, date: str = DATE) -> str:
    return table([[agency, motto], [number, date]], [6.0, 10.0])


def test_line_anchored_in_the_next_row_is_under_the_agency():
    """Anchored in the Số paragraph of the row below, at its top: under the agency, as Word draws it."""
    agency = AGENCY.replace(drawn_line(57, 18, 54), "")
    number = centred("Số: 05/KH-UBND", bold=False, before=120, inside=drawn_line(57, 1, 54))
    assert found(document(header=_header(agency=agency, number=number))) == []


def test_vml_line_is_found_too():
    agency = AGENCY.replace(drawn_line(57, 18, 54), vml_line(57, 18, 54))
    assert found(document(header=_header(agency=agency))) == []


def test_line_positioned_from_the_page_is_placed_on_the_page():
    """A line placed relative to the page (its top 2 cm margin, 3 cm left margin): 2 cm + 48 pt down."""
    agency = AGENCY.replace(drawn_line(57, 18, 54), "")
    motto = MOTTO.replace(drawn_line(53, 19, 171), "")
    page_line = drawn_line(57, 56.7 + 33, 54, frame="page").replace('relativeFrom="column"', 'relativeFrom="column"')
    assert found(document(header=_header(agency=agency + centred("", inside=page_line), motto=motto))) == [
        ("tieu_ngu.line", "bảng 1, hàng 1, cột 2")]


@pytest.mark.parametrize("where, y", [("through the text", 4), ("far below, under the Số", 60)])
def test_a_line_not_under_the_agency_is_no_line_under_it(where, y):
    agency = AGENCY.replace(drawn_line(57, 18, 54), drawn_line(57, y, 54))
    assert found(document(header=_header(agency=agency))) == [("co_quan.line", "bảng 1, hàng 1, cột 1")]


def test_a_zero_length_shape_is_no_line():
    agency = AGENCY.replace(drawn_line(57, 18, 54), drawn_line(57, 18, 0))
    assert found(document(header=_header(agency=agency))) == [("co_quan.line", "bảng 1, hàng 1, cột 1")]


@pytest.mark.parametrize("length, says", [
    (110, "đường kẻ dài 3,9 cm, bằng 90% dòng chữ 4,3 cm (cần 1,4 cm đến 2,2 cm)"),
    (20, "đường kẻ dài 0,7 cm, bằng 16% dòng chữ 4,3 cm"),
])
def test_the_agency_line_is_measured_against_the_name(length, says):
    agency = AGENCY.replace(drawn_line(57, 18, 54), drawn_line(40, 18, length))
    data = document(header=_header(agency=agency))
    assert found(data) == [("co_quan.line_length", "bảng 1, hàng 1, cột 1")]
    assert details(data, "co_quan.line_length")[0].startswith(says)


def test_the_motto_line_is_as_long_as_the_motto():
    motto = MOTTO.replace(drawn_line(53, 19, 171), drawn_line(90, 19, 100))
    data = document(header=_header(motto=motto))
    assert found(data) == [("tieu_ngu.line_length", "bảng 1, hàng 1, cột 2")]
    assert details(data, "tieu_ngu.line_length")[0].startswith("đường kẻ dài 3,5 cm, bằng 58% dòng chữ 6,0 cm")


def test_a_cell_bottom_border_under_the_agency_is_a_line():
    agency = AGENCY.replace(drawn_line(57, 18, 54), "")
    header = _header(agency=agency).replace(
        '<w:tcPr><w:tcW w:w="3402" w:type="dxa"/></w:tcPr>',
        '<w:tcPr><w:tcW w:w="3402" w:type="dxa"/><w:tcBorders><w:bottom w:val="single" w:sz="4"/></w:tcBorders>'
        "</w:tcPr>", 1)
    data = document(header=header)
    # the border is as wide as the cell: a line, too long
    assert found(data) == [("co_quan.line_length", "bảng 1, hàng 1, cột 1")]


# -- 3. Quốc hiệu and Tiêu ngữ in one paragraph ----------------------------------------------------------------------

def _one_paragraph(motto: str = "Độc lập - Tự do - Hạnh phúc", motto_size: float = 14, line: float = 171) -> str:
    """Both lines typed in one paragraph, a line break between (a .doc converted to .docx); the line under the
    second, ``line`` points long."""
    runs = run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True) + run(motto, motto_size, bold=True,
                                                                            extra="<w:br/>")
    return para(runs=runs, jc="center", first=None, before=0, inside=drawn_line((283 - line) / 2, 34, line))


def test_quoc_hieu_and_tieu_ngu_split_by_a_line_break_are_both_found():
    assert found(document(header=_header(motto=_one_paragraph()))) == []


def test_their_checks_still_run_in_one_paragraph():
    """A real en dash in the Tiêu ngữ, the Tiêu ngữ at 12 pt: found in the one paragraph."""
    data = document(header=_header(motto=_one_paragraph("Độc lập – Tự do – Hạnh phúc", 12, 147)))
    assert found(data) == [("tieu_ngu.format", "bảng 1, hàng 1, cột 2")]
    (detail,) = details(data, "tieu_ngu.format")
    assert "cỡ chữ 12 (cần 13–14)" in detail and 'cần viết đúng "Độc lập - Tự do - Hạnh phúc"' in detail


# -- 4. nothing skipped silently -------------------------------------------------------------------------------------

def test_a_document_without_number_date_signature_or_recipients_is_told_each():
    header = table([[AGENCY, MOTTO]], [6.0, 10.0])
    got = found(document(header=header, closing=""))
    assert got == [("so.format", ""), ("ngay.format", ""), ("ky.format", ""), ("noi_nhan.label", "")]


def test_without_the_motto_the_rest_is_still_checked():
    """No Quốc hiệu or Tiêu ngữ found: those are told, and the agency, the Số and the date are still looked for."""
    header = table([[AGENCY], [NUMBER]], [6.0])
    got = found(document(header=header))
    assert got == [("quoc_hieu.format", ""), ("tieu_ngu.format", ""), ("co_quan.format", ""), ("ngay.format", "")]


def test_a_signature_without_a_noi_nhan_beside_it_is_still_found_and_checked():
    closing = table([["", SIGNATURE.replace("Lê Văn An", "LÊ VĂN AN")]], [7.0, 9.0])
    got = found(document(closing=closing))
    assert ("noi_nhan.label", "") in got and ("ky.format", "bảng 2, hàng 1, cột 2") in got


# -- 5. roles by place, not by text alone -----------------------------------------------------------------------------

def test_a_can_cu_sentence_in_the_body_is_body_text():
    body = BODY.replace(para("II. NỘI DUNG", bold=True), para(
        "Căn cứ khoản 1 Điều 4 Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, xã tổ chức thực hiện "
        "như sau:") + para("II. NỘI DUNG", bold=True))
    assert found(document(body=body)) == []


def test_kinh_gui_centred_under_a_to_trinh_title_is_not_its_trich_yeu():
    title = TITLE.replace("KẾ HOẠCH", "TỜ TRÌNH").replace("Tuyên truyền phổ biến pháp luật năm 2026",
                                                         "Về việc đề nghị phê duyệt kinh phí năm 2026")
    title += centred("Kính gửi: Ủy ban nhân dân huyện Bạch Thông", size=14, bold=False)
    header = HEADER.replace("KH-UBND", "TTr-UBND")
    closing = CLOSING.replace("- UBND huyện Bạch Thông;", "- Như trên;")
    assert found(document(header=header, title=title, can_cu="", closing=closing)) == []


def test_the_attached_line_under_a_title_is_not_its_trich_yeu():
    title = TITLE + centred("(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 05 tháng 01 năm 2026 của Ủy ban "
                            "nhân dân xã Ngọc Liên)", size=14, bold=False, italic=True)
    got = check_docx(document(title=title, can_cu=""))
    assert [f.rule for f in got if f.rule.startswith("trich_yeu")] == []


def test_a_decisions_can_cu_end_with_theo_de_nghi():
    title = TITLE.replace("KẾ HOẠCH", "QUYẾT ĐỊNH").replace(
        centred("", size=14, inside=drawn_line(160, 3, 110)),
        centred("", size=14, inside=drawn_line(160, 3, 110)) + centred("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN",
                                                                      size=14))
    can_cu = CAN_CU.replace("năm 2026.", "năm 2026;") + para("Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",
                                                               italic=True)
    body = (centred("QUYẾT ĐỊNH:", size=14, before=120) + para(runs=run("Điều 1. ", bold=True) + run(
        "Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền phổ biến pháp luật năm 2026."))
        + para(runs=run("Điều 2. ", bold=True) + run("Quyết định này có hiệu lực kể từ ngày ký./.")))
    header = HEADER.replace("KH-UBND", "QĐ-UBND")
    closing = CLOSING.replace("- UBND huyện Bạch Thông;", "- Như Điều 2;")
    assert found(document(header=header, title=title, can_cu=can_cu, body=body, closing=closing)) == []


# -- 6. spacing as Word draws it ---------------------------------------------------------------------------------------

def _two(first: str, second: str) -> str:
    return para("I. MỤC ĐÍCH, YÊU CẦU", bold=True) + first + second


FIRST = "Nâng cao nhận thức pháp luật của cán bộ và Nhân dân trên địa bàn xã."
SECOND = "Tuyên truyền trên loa truyền thanh của xã hằng tháng./."


@pytest.mark.parametrize("after, before, ppr, gap", [
    (100, 100, "", None),                                  # 5 pt + 5 pt: 10 pt between
    (120, 0, "", None),                                    # 6 pt after the paragraph above
    (0, 0, '<w:spacing w:beforeAutospacing="1"/>', None),  # "auto": 14 pt
    (60, 0, "", "cách đoạn trên 3 pt"),
    (0, 60, "", "cách đoạn trên 3 pt"),
])
def test_the_gap_is_the_space_after_plus_the_space_before(after, before, ppr, gap):
    body = _two(para(FIRST, after=after), para(SECOND, before=before, ppr=ppr))
    data = document(body=body)
    assert details(data, "body.spacing") == ([gap] if gap else [])


def test_contextual_spacing_removes_the_space_between_paragraphs_of_one_style():
    style = '<w:pStyle w:val="NoiDung"/><w:contextualSpacing/>'
    body = _two(para(FIRST, ppr=style), para(SECOND, ppr=style))
    assert details(document(body=body), "body.spacing") == ["cách đoạn trên 0 pt"]


@pytest.mark.parametrize("rule, line, says", [
    ("atLeast", 21, None),       # "at least 1.05 pt", as Word shows it: single spacing
    ("atLeast", 600, "giãn dòng tối thiểu 30 pt"),
    ("exact", 380, None),        # exactly 19 pt
    ("exact", 200, "giãn dòng cố định 10 pt"),
])
def test_at_least_line_spacing_below_a_line_is_single(rule, line, says):
    spaced = para(SECOND).replace('<w:spacing w:before="120" w:after="0"/>',
                                  f'<w:spacing w:before="120" w:after="0" w:line="{line}" w:lineRule="{rule}"/>')
    assert details(document(body=_two(para(FIRST), spaced)), "body.line_spacing") == ([says] if says else [])


def test_indent_made_with_a_tab_is_the_tab_stop():
    tabbed = para(runs='<w:r><w:tab/></w:r>' + run(SECOND), first=None)
    assert found(document(body=_two(para(FIRST), tabbed))) == []


def test_noi_nhan_label_a_little_into_the_cell_margin_sits_at_the_margin():
    label = para("Nơi nhận:", size=12, bold=True, italic=True, jc="left", first=None, before=0)
    moved = label.replace('<w:jc w:val="left"/>', '<w:ind w:left="-108"/><w:jc w:val="left"/>')
    assert found(document(closing=CLOSING.replace(label, moved))) == []


# -- 7. what the decree allows ---------------------------------------------------------------------------------------

def test_a_landscape_phu_luc_section_is_allowed():
    ends = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" '
            'w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/><w:titlePg/></w:sectPr>'
            "</w:pPr></w:p>")
    annex = (centred("Phụ lục", size=14) + centred("DANH MỤC NHIỆM VỤ", size=14)
             + centred("(Kèm theo Kế hoạch số 05/KH-UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân xã Ngọc "
                       "Liên)", size=14, bold=False, italic=True))
    data = document(after=ends + annex)
    landscape = data  # the last section (the phụ lục) turned landscape
    import io
    import zipfile
    parts = zipfile.ZipFile(io.BytesIO(landscape))
    xml = parts.read("word/document.xml").decode()
    head, tail = xml.rsplit('<w:pgSz w:w="11906" w:h="16838"/>', 1)
    xml = head + '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' + tail
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in parts.namelist():
            z.writestr(name, xml if name == "word/document.xml" else parts.read(name))
    assert found(out.getvalue()) == []


def test_a_legal_normative_number_carries_its_year():
    header = HEADER.replace("Số: 05/KH-UBND", "Số: 15/2026/QĐ-UBND")
    title = TITLE.replace("KẾ HOẠCH", "QUYẾT ĐỊNH")
    got = found(document(header=header, title=title))
    assert ("so.format", "bảng 1, hàng 2, cột 1") not in got


def test_a_one_page_document_shows_no_page_number():
    """The page number's header (11 pt, left) is never shown on a one-page document: nothing to say; on two pages
    it is."""
    assert found(document(pages=1, page_number=(11, "left"))) == []
    assert [r for r, _ in found(document(pages=2, page_number=(11, "left")))] == ["page.number.place"] * 2


# -- 8. our own kind of defect, in their documents ---------------------------------------------------------------------

def test_a_trich_yeu_not_centred_is_found():
    title = TITLE.replace(centred("Tuyên truyền phổ biến pháp luật năm 2026", size=14),
                          para("Tuyên truyền phổ biến pháp luật năm 2026", bold=True, jc="left", first=None,
                               before=0))
    got = check_docx(document(title=title))
    assert [(f.rule, f.detail) for f in got] == [("trich_yeu.format", "cần canh giữa")]


def test_can_cu_not_justified_or_not_indented_is_found():
    can_cu = CAN_CU.replace('<w:jc w:val="both"/>', '<w:jc w:val="left"/>', 1)
    can_cu = can_cu.replace('<w:ind w:firstLine="567"/>', "", 2).replace(
        '<w:jc w:val="left"/>', '<w:ind w:firstLine="567"/><w:jc w:val="left"/>', 1)
    got = [(f.rule, f.where, f.detail) for f in check_docx(document(can_cu=can_cu))]
    assert ("body.align", "đoạn 10", "đoạn đang canh trái") in got
    assert ("body.indent", "đoạn 11", "thụt đầu dòng 0,00 cm") in got
    assert len(got) == 2


def test_the_recipients_and_signature_of_the_base_are_where_they_belong():
    """(A guard on the builder itself: the closing table is the signature's.)"""
    assert "Nơi nhận:" in RECIPIENTS and "TM. ỦY BAN NHÂN DÂN" in SIGNATURE
