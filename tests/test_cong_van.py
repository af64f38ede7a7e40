"""Công văn (Mẫu 1.5): real plans rendered through templates/cong-van.docx, read as a reader reads them.

The bundled plan plans/bach-thong-2024-cong-van.yaml is rendered once through the command line and
measured against tests/reference/cong-van-bach-thong-2024.md and Nghị định 30/2020 (§3.3 Số, §3.6 V/v,
§3.7 Kính gửi, §3.12 Nơi nhận, §3.13 ô 13, §7 Kế hoạch vs Công văn). Small plans written here check
one rule each: Kính gửi layout, "Như trên", ký hiệu, the ô 13 footer, figures, shared recipient groups.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
import tokenize
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length
from docx_helpers import paragraph_format, run_format, text_lines

from conftest import PLANS, REFERENCE, ROOT, cli
from shared_rules import (
    cell_text_width,
    effective,
    words,
    assert_a4_with_the_decree_margins,
    assert_agency,
    assert_every_string_nfc,
    assert_motto,
    assert_noi_nhan_look,
    assert_page_numbers_from_page_two,
    assert_times_new_roman_black,
)
from docgen.kinds import KINDS, Kind
from docgen.render.layout import text_width

CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
REFERENCE_MD = REFERENCE / "cong-van-bach-thong-2024.md"
TEMPLATES = ROOT / "templates"
TWIPS_PER_PT = 20
EMU_PER_TWIP = 635


# --------------------------------------------------------------------------------------- helpers




def _pt(length) -> float:
    """A python-docx length (EMU) in points; 0 for None."""
    return 0.0 if length is None else Length(length).pt




def _top_border(paragraph):
    """The effective top border (``w:top`` under ``w:pBdr``) of ``paragraph``: its own, else its styles'."""
    path = f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}"
    found = paragraph._p.find(path)
    style = paragraph.style
    while found is None and style is not None:
        found = style.element.find(path)
        style = style.base_style
    return found


def _has_manual_break(paragraph) -> bool:
    xml = paragraph._p
    return bool(xml.findall(f".//{qn('w:br')}") or xml.findall(f".//{qn('w:cr')}")) or "\n" in paragraph.text


def _text_width_twips(doc) -> int:
    section = doc.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / EMU_PER_TWIP)


def _outside_tables(doc):
    """The body paragraphs that are not in a table, in order."""
    return [b for b in doc.iter_inner_content() if not hasattr(b, "rows")]


def _kinh_gui(doc):
    return [p for p in _outside_tables(doc) if p.style.style_id == "DGKinhGui" and p.text.strip()]


def _body(doc):
    """The body: the non-empty paragraphs after the Kính gửi block, before the signature table."""
    out, started = [], False
    for block in doc.iter_inner_content():
        if hasattr(block, "rows"):
            if started:
                break
            continue
        if block.style.style_id == "DGKinhGui":
            started = True
            continue
        if started and block.text.strip():
            out.append(block)
    return out


def _footer_text(footer) -> str:
    return "".join(footer._element.itertext()).strip()


# ---------------------------------------------------------------------------------- the reference


def _reference_paragraphs() -> list[str]:
    """The reference's paragraphs (blank-line separated); a paragraph that starts in lower case
    continues the one before it (the source's page break split "theo quy / định")."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", REFERENCE_MD.read_text(encoding="utf-8")):
        block = unicodedata.normalize("NFC", block.strip())
        if not block:
            continue
        if out and block[0].islower():
            out[-1] += " " + block
        else:
            out.append(block)
    return out


def _reference_list(label: str) -> list[str]:
    """The "- …" lines that follow ``label`` in the reference."""
    paras = _reference_paragraphs()
    start = paras.index(label) + 1
    out = []
    for para in paras[start:]:
        lines = para.splitlines()
        if not all(line.startswith("- ") for line in lines):
            break
        out += lines
    return out


def _reference_body() -> list[str]:
    """The reference's body paragraphs (with their *italic* markup): after Kính gửi's list, before Nơi nhận."""
    paras = _reference_paragraphs()
    start = paras.index("Kính gửi:") + 1
    while paras[start].startswith("- "):
        start += 1
    return [" ".join(p.split()) for p in paras[start : paras.index("Nơi nhận:")]]


def _plain(markdown: str) -> str:
    return markdown.replace("*", "")


@pytest.fixture(scope="module")
def bach_thong(tmp_path_factory):
    """The bundled Công văn rendered once through the command line (opened document)."""
    out = tmp_path_factory.mktemp("bach-thong")
    cli("render", PLANS / "bach-thong-2024-cong-van.yaml", "-o", out)
    path = out / "bach-thong-2024-cong-van.docx"
    assert path.is_file()
    return docx.Document(path)


@pytest.fixture(scope="module")
def header(bach_thong):
    return bach_thong.tables[0]


@pytest.fixture(scope="module")
def footer(bach_thong):
    return bach_thong.tables[-1]


# ------------------------------------------------------------------ 1. the bundled plan: the text


def test_reference_parsing_finds_what_the_tests_compare():
    """The reference helpers really return the lists the tests below rely on."""
    assert len(_reference_list("Kính gửi:")) == 5
    assert _reference_list("Nơi nhận:")[0] == "- Như trên (t/h);"
    body = _reference_body()
    assert [b[:2] for b in body if re.match(r"\d+\. ", b)] == ["1.", "2.", "3."]
    assert "theo quy định; chủ động tham mưu" in body[3]


def test_text_matches_the_reference(bach_thong):
    body = " ".join(text_lines(bach_thong))
    reference = REFERENCE_MD.read_text(encoding="utf-8")
    ratio = difflib.SequenceMatcher(None, words(reference), words(body), autojunk=False).ratio()
    assert ratio >= 0.97, ratio


def test_dated_2024_not_the_reference_typo(header):
    date = header.cell(1, 1).paragraphs[0]
    assert re.fullmatch(r"Bạch Thông, ngày {3,}tháng 3 năm 2024", date.text), date.text
    assert effective(date, "italic") is True


def test_kinh_gui_recipients_exactly_as_in_the_reference(bach_thong):
    lines = [p.text for p in _kinh_gui(bach_thong)]
    assert lines == ["Kính gửi:", *_reference_list("Kính gửi:")]


def test_body_paragraphs_and_the_three_directives_as_in_the_reference(bach_thong):
    reference = _reference_body()
    body = _body(bach_thong)
    assert [p.text for p in body] == [_plain(r) for r in reference]
    directives = [p.text for p in body if re.match(r"\d+\. ", p.text)]
    assert directives == [_plain(r) for r in reference if re.match(r"\d+\. ", r)]
    assert [d[:3] for d in directives] == ["1. ", "2. ", "3. "]


def test_italic_passages_and_figures_as_in_the_reference(bach_thong):
    body = _body(bach_thong)
    italic = [
        "".join(r.text for r in p.runs if run_format(r, p, "italic")) for p in body
    ]
    marked = [re.findall(r"\*([^*]+)\*", r) for r in _reference_body()]
    assert any(marked)
    for found, expected in zip(italic, marked, strict=True):
        assert found == "".join(expected)
    assert "Vốn đầu tư 6.975 tr.đ đạt 26,59%, vốn sự nghiệp 0 tr.đ" in italic[0]


def test_signature_as_in_the_reference(footer):
    lines = [p for p in footer.cell(0, 1).paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hà Kim Oanh"]
    reference = _reference_paragraphs()
    signed = reference[reference.index("Nơi nhận:") + 2 :]
    assert [line.strip("*") for para in signed for line in para.splitlines()] == [p.text for p in lines]
    for p in lines:
        assert effective(p, "bold") is True
        assert 13 <= effective(p, "size") <= 14
        assert paragraph_format(p, "alignment") == CENTER


def test_noi_nhan_as_in_the_reference(footer):
    label, *items = [p for p in footer.cell(0, 0).paragraphs if p.text.strip()]
    assert label.text == "Nơi nhận:"
    assert [p.text for p in items] == _reference_list("Nơi nhận:")
    assert items[0].text == "- Như trên (t/h);" and items[-1].text == "- Lưu: VT, THDT."
    assert sum(p.text.startswith("- Như trên") for p in items) == 1


# --------------------------------------------------------------- 2. the bundled plan: Công văn rules


def test_so_line_has_no_type_abbreviation(header):
    number = header.cell(1, 0).paragraphs[0]
    assert re.fullmatch(r"Số: {3,}/UBND-VP", number.text), number.text
    assert effective(number, "size") == 13 and effective(number, "bold") is False
    assert paragraph_format(number, "alignment") == CENTER


def test_v_v_directly_under_so_in_the_left_cell_and_wrapping(bach_thong, header):
    cell = header.cell(1, 0)
    texts = [p for p in cell.paragraphs if p.text.strip()]
    assert [p.text[:4] for p in texts] == ["Số: ", "V/v "]
    elements = [q._p for q in cell.paragraphs]
    assert elements.index(texts[1]._p) == elements.index(texts[0]._p) + 1
    vv = texts[1]
    assert vv.text.replace("\n", " ") == "V/v thực hiện Chương trình MTQG phát triển KT-XH vùng đồng bào dân tộc " \
                                         "thiểu số và miền núi năm 2024"
    size = effective(vv, "size")
    assert 12 <= size <= 13
    assert effective(vv, "bold") is False and effective(vv, "italic") is False
    assert paragraph_format(vv, "alignment") == CENTER
    assert paragraph_format(vv, "space_before").pt >= 6
    # Too long for one line of its column: docgen breaks it into even lines, each fitting the column (Word
    # keeps them as they are), none of them a word left alone.
    assert text_width(vv.text.replace("\n", " "), size) > cell_text_width(cell) / TWIPS_PER_PT
    lines = vv.text.split("\n")
    widths = [text_width(line, size) for line in lines]
    assert len(lines) >= 2 and max(widths) <= cell_text_width(cell) / TWIPS_PER_PT
    assert all(len(line.split()) >= 3 for line in lines)
    assert min(widths) > 0.6 * max(widths)
    right = [p.text for p in header.cell(1, 1).paragraphs if p.text.strip()]
    assert not any("V/v" in t for t in right)


def test_no_title_block_in_the_body(bach_thong):
    lines = text_lines(bach_thong)
    assert "CÔNG VĂN" not in [line.strip().upper() for line in lines]
    outside = _outside_tables(bach_thong)
    assert not [p.text for p in outside if p.style.style_id in ("DGTenLoai", "DGTrichYeu", "DGKe")]
    summary = "thực hiện Chương trình MTQG phát triển KT-XH"
    assert [line.replace("\n", " ") for line in lines if summary in line.replace("\n", " ")] == [
        "V/v thực hiện Chương trình MTQG phát triển KT-XH vùng đồng bào dân tộc thiểu số và miền núi năm 2024"
    ]


def test_kinh_gui_dashes_under_the_colon(bach_thong):
    label, *items = _kinh_gui(bach_thong)
    assert label.text == "Kính gửi:"
    size = effective(label, "size")
    assert 13 <= size <= 14
    assert effective(label, "bold") is False and effective(label, "italic") is False
    start = _pt(paragraph_format(label, "left_indent"))
    colon = start + text_width("Kính gửi", size)
    assert len(items) == 5
    for p in items:
        assert p.text.startswith("- ")
        assert effective(p, "size") == size and effective(p, "bold") is False
        assert _pt(paragraph_format(p, "left_indent")) == pytest.approx(colon, abs=1), p.text
        assert _pt(paragraph_format(p, "first_line_indent")) == 0, p.text
    assert all(p.text.endswith(";") for p in items[:-1]) and items[-1].text.endswith(".")
    assert not items[-1].text.endswith(";.")


def test_body_numbered_1_2_3_justified_indented(bach_thong):
    body = _body(bach_thong)
    assert len(body) == 7
    assert not [p.text for p in body if re.match(r"[IVX]+\. ", p.text)]
    assert [p.text[:2] for p in body if re.match(r"\d+\. ", p.text)] == ["1.", "2.", "3."]
    for p in body:
        assert 13 <= effective(p, "size") <= 14, p.text
        assert paragraph_format(p, "alignment") == JUSTIFY, p.text
        assert 1.0 - 0.01 <= paragraph_format(p, "first_line_indent").cm <= 1.27 + 0.01, p.text
    assert body[-1].text == "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện./."
    assert sum(p.text.endswith("./.") for p in body) == 1


def test_every_string_is_nfc(bach_thong):
    assert_every_string_nfc(bach_thong)


def test_page_is_a4_portrait_with_the_decree_margins(bach_thong):
    assert_a4_with_the_decree_margins(bach_thong)


def test_times_new_roman_black_everywhere(bach_thong):
    assert_times_new_roman_black(bach_thong)


def test_agency_name_with_a_short_line_under_it(header):
    assert_agency(header.cell(0, 0), ["ỦY BAN NHÂN DÂN", "HUYỆN BẠCH THÔNG"])


def test_quoc_hieu_and_tieu_ngu_with_a_line_as_long_as_the_motto(header):
    assert_motto(header.cell(0, 1))


def test_page_numbers_from_page_two_only(bach_thong):
    assert_page_numbers_from_page_two(bach_thong)


def test_noi_nhan_label_and_items_look(footer):
    assert_noi_nhan_look(footer.cell(0, 0))
    assert footer.rows[0].cells[1].paragraphs[0].text == "TM. ỦY BAN NHÂN DÂN"


def test_bundled_plan_has_no_contact_footer(bach_thong):
    section = bach_thong.sections[0]
    assert _footer_text(section.first_page_footer) == ""
    assert _footer_text(section.footer) == ""


# ------------------------------------------------------------------------------ 3. small plans

ONE_SECTION = """\
noi_dung:
  - doan: [Nội dung thứ nhất.]
"""


def cong_van(
    *,
    loai: str = "cong-van",
    so: int | None = None,
    kinh_gui: str | None = "kinh_gui: [Bộ Nội vụ]",
    dung_chung: str | None = None,
    so_lieu: str | None = None,
    mo_dau: str | None = None,
    noi_dung: str = ONE_SECTION,
    noi_nhan: str = "noi_nhan: [Sở Nội vụ]",
    lien_he: str | None = None,
) -> str:
    """A whole Công văn plan, each part given as its YAML text (None leaves it out)."""
    parts = [
        f"loai: {loai}",
        "co_quan:\n  ten: [Ủy ban nhân dân, xã Ngọc Liên]\n  viet_tat: UBND",
        "don_vi_soan_thao: {ten: Văn phòng, viet_tat: VP}",
        f"so: {so}" if so is not None else None,
        "dia_danh: Ngọc Liên",
        "ngay: 20/4/2026",
        "trich_yeu: báo cáo kết quả thực hiện năm 2026",
        dung_chung,
        kinh_gui,
        so_lieu,
        mo_dau,
        noi_dung,
        "ky: {quyen_han: TM., tap_the: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Hà Kim Oanh}",
        noi_nhan,
        lien_he,
    ]
    return "\n".join(part.rstrip("\n") for part in parts if part) + "\n"


def _line_of(text: str, needle: str) -> int:
    """1-based number of the first line of ``text`` that contains ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _refused(run, path: Path, out: Path):
    """Render ``path`` into ``out``; assert it was refused with nothing written; returns stderr."""
    result = run("render", path, "-o", out)
    assert result.code == 1, result.out
    assert not out.exists()
    assert "Traceback" not in result.err
    assert str(path.name) in result.err
    return result.err


def test_cong_van_helper_renders_a_valid_plan(render_plan):
    doc = render_plan(cong_van())
    assert [p.text for p in _body(doc)] == ["1. Nội dung thứ nhất./."]


def test_one_recipient_on_one_line_hanging_under_itself(render_plan):
    recipient = ("Sở Nội vụ tỉnh Bắc Kạn và các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh Bắc Kạn "
                 "cùng các đơn vị sự nghiệp trực thuộc")
    doc = render_plan(cong_van(kinh_gui=f"kinh_gui: [{recipient}]"))
    (only,) = _kinh_gui(doc)
    assert only.text == f"Kính gửi: {recipient}"
    assert not _has_manual_break(only)
    size = effective(only, "size")
    assert 13 <= size <= 14 and effective(only, "bold") is False
    style_start = _pt(only.style.paragraph_format.left_indent)
    left = _pt(paragraph_format(only, "left_indent"))
    first = _pt(paragraph_format(only, "first_line_indent"))
    assert first < 0  # hanging
    assert left + first == pytest.approx(style_start, abs=1)  # "Kính gửi" starts where the style says
    assert -first == pytest.approx(text_width("Kính gửi: ", size), abs=1)  # wraps under the recipient
    available = _text_width_twips(doc) / TWIPS_PER_PT - left
    assert text_width(recipient, size) > available  # the recipient really wraps


def test_single_short_recipient_reads_exactly(render_plan):
    doc = render_plan(cong_van())
    assert [p.text for p in _kinh_gui(doc)] == ["Kính gửi: Bộ Nội vụ"]


def test_two_recipients_three_paragraphs(render_plan):
    doc = render_plan(cong_van(kinh_gui="kinh_gui:\n  - Bộ Nội vụ\n  - Bộ Tài chính"))
    lines = _kinh_gui(doc)
    assert [p.text for p in lines] == ["Kính gửi:", "- Bộ Nội vụ;", "- Bộ Tài chính."]
    label, *items = lines
    colon = _pt(paragraph_format(label, "left_indent")) + text_width("Kính gửi", effective(label, "size"))
    for p in items:
        assert _pt(paragraph_format(p, "left_indent")) == pytest.approx(colon, abs=1)


@pytest.mark.parametrize(
    ("noi_nhan", "expected"),
    [
        ("noi_nhan: [Sở Nội vụ]", ["- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, VP."]),
        ("noi_nhan: [Sở Nội vụ, Sở Tài chính]", ["- Như trên;", "- Sở Nội vụ;", "- Sở Tài chính;", "- Lưu: VT, VP."]),
        ("noi_nhan: [Như trên, Sở Nội vụ]", ["- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, VP."]),
        ("noi_nhan: [Như trên (t/h), Sở Nội vụ]", ["- Như trên (t/h);", "- Sở Nội vụ;", "- Lưu: VT, VP."]),
    ],
    ids=["prepended", "prepended before two", "already there", "already there (t/h)"],
)
def test_nhu_tren_first_in_noi_nhan(render_plan, noi_nhan, expected):
    doc = render_plan(cong_van(noi_nhan=noi_nhan))
    label, *items = [p.text for p in doc.tables[-1].cell(0, 0).paragraphs if p.text.strip()]
    assert label == "Nơi nhận:"
    assert items == expected


def test_cong_van_without_kinh_gui_is_refused(run, write_plan, tmp_path):
    text = cong_van(kinh_gui=None)
    err = _refused(run, write_plan(text), tmp_path / "out")
    assert '"kinh_gui"' in err
    assert f"dòng {_line_of(text, 'loai:')}," in err


def test_ke_hoach_with_kinh_gui_is_refused(run, write_plan, tmp_path):
    text = cong_van(loai="ke-hoach", noi_dung="noi_dung:\n  - tieu_de: Mục đích\n    doan: [Nội dung.]\n")
    err = _refused(run, write_plan(text), tmp_path / "out")
    assert f"dòng {_line_of(text, 'kinh_gui:')}," in err
    assert "(kinh_gui)" in err and "Kế hoạch" in err


def test_ke_hoach_helper_without_kinh_gui_renders(render_plan):
    """The refusal above is about kinh_gui, not about the rest of that plan."""
    doc = render_plan(cong_van(loai="ke-hoach", kinh_gui=None,
                               noi_dung="noi_dung:\n  - tieu_de: Mục đích\n    doan: [Nội dung.]\n"))
    assert "KẾ HOẠCH" in text_lines(doc)
    assert not _kinh_gui(doc)


@pytest.mark.parametrize(("so", "expected"), [(7, "Số: 07/UBND-VP"), (12, "Số: 12/UBND-VP"), (None, None)])
def test_so_with_leading_zero_and_no_type(render_plan, so, expected):
    doc = render_plan(cong_van(so=so))
    line = doc.tables[0].cell(1, 0).paragraphs[0].text
    if expected is None:
        assert re.fullmatch(r"Số: {3,}/UBND-VP", line), line
    else:
        assert line == expected


LIEN_HE = """\
lien_he:
  dia_chi: Thôn Nà Pài, xã Ngọc Liên, tỉnh Thái Nguyên
  dien_thoai: 0209 3850 123
  email: ubnd@ngoclien.gov.vn
"""


def test_lien_he_in_the_first_page_footer_only(render_plan):
    doc = render_plan(cong_van(lien_he=LIEN_HE))
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    lines = [p for p in section.first_page_footer.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == [
        "Địa chỉ: Thôn Nà Pài, xã Ngọc Liên, tỉnh Thái Nguyên; Điện thoại: 0209 3850 123; "
        "Email: ubnd@ngoclien.gov.vn"
    ]
    (line,) = lines
    assert 11 <= effective(line, "size") <= 12
    assert effective(line, "bold") is False and effective(line, "italic") is False
    assert effective(line, "name") == "Times New Roman"
    border = _top_border(line)
    assert border is not None and border.get(qn("w:val")) not in ("nil", "none")
    assert _pt(paragraph_format(line, "left_indent")) == 0 and _pt(paragraph_format(line, "right_indent")) == 0
    assert _footer_text(section.footer) == ""
    assert "Địa chỉ" not in section.first_page_header._element.xml + section.header._element.xml
    assert "Địa chỉ" not in "\n".join(text_lines(doc))


def test_without_lien_he_the_first_page_footer_is_empty(render_plan):
    doc = render_plan(cong_van())
    section = doc.sections[0]
    assert _footer_text(section.first_page_footer) == ""
    assert _footer_text(section.footer) == ""


def test_without_lien_he_the_first_page_footer_is_still_a_valid_part(render_plan):
    doc = render_plan(cong_van())
    ftr = doc.sections[0].first_page_footer._element
    assert ftr.findall(qn("w:p")) or ftr.findall(qn("w:tbl"))


# ------------------------------------------------------------------------------------- 4. figures

FIGURES = [
    ("{gia_tri: 6975, don_vi: tr.đ}", "6.975 tr.đ"),
    ('{gia_tri: 26.59, don_vi: "%"}', "26,59%"),
    ("{gia_tri: 1234567.5}", "1.234.567,5"),
    ("{gia_tri: 0, don_vi: tr.đ}", "0 tr.đ"),
    ("{gia_tri: 26.585, thap_phan: 2}", "26,59"),
    ("{gia_tri: 1000}", "1.000"),
    ("{gia_tri: -1500}", "-1.500"),
]


def _figure_plan(figure: str, cited: str = "x") -> str:
    return cong_van(
        so_lieu=f"so_lieu:\n  x: {figure}",
        mo_dau=f"mo_dau: 'Giá trị [[{cited}]] ghi ở đây.'",
    )


@pytest.mark.parametrize(("figure", "printed"), FIGURES, ids=[p for _f, p in FIGURES])
def test_figures_printed_the_vietnamese_way(render_plan, figure, printed):
    doc = render_plan(_figure_plan(figure))
    assert _body(doc)[0].text == f"Giá trị {printed} ghi ở đây."


def test_undefined_figure_is_refused(run, write_plan, tmp_path):
    text = cong_van(
        so_lieu="so_lieu:\n  von_dau_tu: {gia_tri: 6975, don_vi: tr.đ}",
        mo_dau="mo_dau: 'Vốn [[von_dau_tuu]] đã giao.'",
    )
    err = _refused(run, write_plan(text), tmp_path / "out")
    assert "[[von_dau_tuu]]" in err
    assert 'có phải là "von_dau_tu"?' in err
    assert f"dòng {_line_of(text, 'mo_dau:')}," in err


def test_figure_given_as_text_is_refused(run, write_plan, tmp_path):
    text = _figure_plan('{gia_tri: "6975", don_vi: tr.đ}')
    err = _refused(run, write_plan(text), tmp_path / "out")
    assert "(so_lieu.x.gia_tri)" in err
    assert f"dòng {_line_of(text, 'gia_tri')}," in err


# ------------------------------------------------------------------------ 5. shared recipient groups

GROUPS = """\
nhom:
  cac-phong:
    - Phòng Tài chính - Kế hoạch
    - Phòng Nội vụ
  bao-cao:
    - TT Huyện ủy (b/c)
    - TT HĐND huyện (b/c)
"""

GROUP_KINH_GUI = """\
kinh_gui:
  - Sở Nội vụ
  - nhom: cac-phong
  - UBND các xã
"""

GROUP_NOI_NHAN = """\
noi_nhan:
  - nhom: bao-cao
  - LĐVP
"""


@pytest.fixture
def folder(tmp_path):
    """A plan folder (with chung/nhom.yaml) inside tmp_path, so that tmp_path holds files outside it."""
    here = tmp_path / "ke-hoach"
    (here / "chung").mkdir(parents=True)
    (here / "chung" / "nhom.yaml").write_text(GROUPS, encoding="utf-8")
    (tmp_path / "ngoai.yaml").write_text(GROUPS.replace("cac-phong", "ngoai"), encoding="utf-8")
    return here


def _write(folder: Path, text: str) -> Path:
    path = folder / "cong-van.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shared_groups_expand_in_order(run, folder, tmp_path):
    path = _write(folder, cong_van(dung_chung="dung_chung: [chung/nhom.yaml]", kinh_gui=GROUP_KINH_GUI,
                                   noi_nhan=GROUP_NOI_NHAN))
    result = run("render", path, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    doc = docx.Document(tmp_path / "out" / "cong-van.docx")
    assert [p.text for p in _kinh_gui(doc)] == [
        "Kính gửi:",
        "- Sở Nội vụ;",
        "- Phòng Tài chính - Kế hoạch;",
        "- Phòng Nội vụ;",
        "- UBND các xã.",
    ]
    items = [p.text for p in doc.tables[-1].cell(0, 0).paragraphs if p.text.strip()][1:]
    assert items == [
        "- Như trên;",
        "- TT Huyện ủy (b/c);",
        "- TT HĐND huyện (b/c);",
        "- LĐVP;",
        "- Lưu: VT, VP.",
    ]


def test_unknown_group_is_refused_with_the_close_name(run, folder, tmp_path):
    text = cong_van(dung_chung="dung_chung: [chung/nhom.yaml]",
                    kinh_gui=GROUP_KINH_GUI.replace("nhom: cac-phong", "nhom: cac-phongg"))
    err = _refused(run, _write(folder, text), tmp_path / "out")
    assert '"cac-phongg"' in err
    assert 'có phải là "cac-phong"?' in err
    assert f"dòng {_line_of(text, 'nhom: cac-phongg')}," in err
    assert "(kinh_gui[2].nhom)" in err


def _outside_names(folder: Path) -> list[str]:
    link = folder / "chung" / "lien-ket.yaml"
    link.symlink_to(folder.parent / "ngoai.yaml")
    return ["../ngoai.yaml", str(folder.parent / "ngoai.yaml"), "chung/../../ngoai.yaml", "chung/lien-ket.yaml"]


@pytest.mark.parametrize("which", range(4), ids=["parent", "absolute", "through a subfolder", "symlink"])
def test_shared_file_outside_the_plan_folder_is_refused(run, folder, tmp_path, which):
    name = _outside_names(folder)[which]
    assert (folder / name).resolve().is_file()  # it exists: it is refused for where it is
    text = cong_van(dung_chung=f'dung_chung: ["{name}"]', kinh_gui="kinh_gui:\n  - nhom: ngoai")
    err = _refused(run, _write(folder, text), tmp_path / "out")
    assert f'"{name}"' in err
    assert "(dung_chung[1])" in err
    assert f"dòng {_line_of(text, 'dung_chung:')}," in err


def test_missing_shared_file_is_refused(run, folder, tmp_path):
    text = cong_van(dung_chung="dung_chung: [chung/khong-co.yaml]", kinh_gui=GROUP_KINH_GUI)
    err = _refused(run, _write(folder, text), tmp_path / "out")
    assert '"chung/khong-co.yaml"' in err
    assert "(dung_chung[1])" in err


# --------------------------------------------------------------------------------- 6. code sharing


def test_cong_van_and_ke_hoach_are_rows_of_one_table():
    cv, kh = KINDS["cong-van"], KINDS["ke-hoach"]
    assert type(cv) is Kind and type(kh) is Kind
    names = {f.name for f in dataclasses.fields(Kind)}
    assert names == {"key", "name", "template", "kinh_gui", "muc_dau", "dieu", "kinh_gui_style", "attached",
                     "nhu_dieu"}
    differ = {n for n in names if getattr(cv, n) != getattr(kh, n)}
    assert differ == {"key", "name", "template", "kinh_gui", "muc_dau", "attached"}
    assert (cv.kinh_gui, cv.muc_dau, cv.abbreviation) == ("required", 2, None)
    assert (kh.kinh_gui, kh.muc_dau, kh.abbreviation) == ("never", 1, "KH")
    assert cv.ky_hieu("UBND", "VP") == "UBND-VP" and kh.ky_hieu("UBND", "VP") == "KH-UBND"


def test_no_code_outside_kinds_branches_on_a_kind_name():
    """Kinds are data: no module but kinds.py holds the literal "cong-van" or "ke-hoach"."""
    found = []
    for path in sorted((ROOT / "docgen").rglob("*.py")):
        if path.name == "kinds.py" and path.parent.name == "docgen":
            continue
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            if token.type == tokenize.STRING and token.string.strip("'\"") in KINDS:
                found.append(f"{path.relative_to(ROOT)}:{token.start[0]} {token.string}")
    assert found == []


def _dg_styles(path: Path) -> set[str]:
    from docx.enum.style import WD_STYLE_TYPE

    doc = docx.Document(path)
    return {s.style_id for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH and s.style_id.startswith("DG")}


def test_every_template_shares_one_set_of_styles():
    kinds_templates = {kind.template for kind in KINDS.values()} | {k.attached for k in KINDS.values() if k.attached}
    assert kinds_templates == {"ke-hoach.docx", "cong-van.docx", "quyet-dinh.docx", "kem-theo.docx"}
    styles = {name: _dg_styles(TEMPLATES / name) for name in sorted(kinds_templates)}
    assert all(found == styles["ke-hoach.docx"] for found in styles.values())
    assert {"DGTrichYeuCV", "DGKinhGui", "DGLienHe", "DGTenLoai", "DGNoiDung"} <= styles["cong-van.docx"]
