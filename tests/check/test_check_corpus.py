"""``docgen check`` on what the engine renders (all clean) and on a corpus of deliberately broken copies.

Each broken document is a clean rendered one with ONE property changed through python-docx; it must be
caught by the intended rule and by no other. Every rule in ``RULES`` has at least one failing and one
passing case (a change that stays inside the decree, often at the edge of the allowed range).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from check_support import (
    KNOWN,
    check,
    clean,  # noqa: F401  (session fixture)
    delete,
    errors,
    load,
    mutated,
    para,
    remove_line_paragraph_after,
    replace,
    rules,
    set_runs,
    set_text,
    text_runs,
    unexpected,
)
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx_helpers import paragraphs

from docgen.check import ERROR, RULES, WARNING

# -- 1. everything the engine renders passes ------------------------------------------------------

ALL_CLEAN = ["ngoc-lien", "bach-thong", "ke-hoach-so", "cong-van-mot-noi", "bao-cao", "ke-hoach-2025", "phu-luc",
             "quyet-dinh", "kem-theo", "kem-theo-quyet-dinh"]


def _where_of(data: bytes, start: str) -> str:
    """Where the paragraph starting ``start`` stands (a paragraph of the body, counted in reading order)."""
    doc = load(data)
    order = [p._p for p in paragraphs(doc)]
    return f"đoạn {order.index(para(doc, start)._p) + 1}"


@pytest.mark.parametrize("name", ALL_CLEAN)
def test_rendered_document_has_no_finding(clean, name):
    """Nothing but the known, true findings: exactly those, at their paragraphs, with their details."""
    data = clean[name]
    found = check(data)
    assert [f for f in found if f.severity == ERROR] == []
    want = []
    for rule, start, detail in KNOWN.get(name, []):
        first = detail[detail.index("{") + 1:detail.index("}")]
        want.append((rule, WARNING, _where_of(data, start), detail.replace(f"{{{first}}}", _where_of(data, first))))
    assert [(f.rule, f.severity, f.where, f.detail) for f in found] == want, [f.line() for f in found]


def test_ngoc_lien_cited_once_in_full_draws_nothing(clean):
    """The same document with its two later citations shortened as the decree asks: no finding at all."""

    def shorten(doc):
        for start, cited in (("- Tiếp tục triển khai", "Quyết định số 1719/QĐ-TTg"),
                             ("5. Tập trung thực hiện", "Công văn số 455/SĐTTG-KHTH")):
            p = para(doc, start)
            text = p.text
            end = "." if text.endswith(".") else ""
            set_text(p, text[:text.index(cited) + len(cited)] + end)

    found = check(mutated(clean["ngoc-lien"], shorten))
    assert found == [], [f.line() for f in found]


def test_clean_documents_cover_the_variants(clean):
    """The variants really exercise what they are meant to (a number, signatures, Kính gửi, deep sections)."""
    texts = {name: [p.text for p in load(data).paragraphs] + [
        c.text for t in load(data).tables for row in t.rows for c in row.cells] for name, data in clean.items()}
    joined = {name: "\n".join(t) for name, t in texts.items()}
    assert "Số: 05/KH-UBND" in joined["ke-hoach-so"] and "ngày 05 tháng 01 năm 2026" in joined["ke-hoach-so"]
    assert "TM. ỦY BAN NHÂN DÂN" in joined["ke-hoach-so"] and "1.1. Kinh phí" in joined["ke-hoach-so"]
    assert "+ Ý nhỏ thứ hai." in joined["ke-hoach-so"]
    assert "Kính gửi: Sở Dân tộc tỉnh Bắc Kạn" in joined["cong-van-mot-noi"]
    assert "Q. CHỦ TỊCH" in joined["cong-van-mot-noi"]
    assert "Kính gửi:" in joined["bao-cao"] and "\nCHỦ TỊCH\n" in joined["bao-cao"]
    assert "TM." not in joined["bao-cao"] and "KT." not in joined["bao-cao"]
    contact = load(clean["ke-hoach-so"]).sections[0].first_page_footer.paragraphs
    assert any("ubnd@ngoclien.gov.vn" in p.text for p in contact)


# -- 2. the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    rule: str
    expect: str  # "fail": exactly ``rule`` is reported; "pass": nothing is
    doc: str  # a key of the ``clean`` fixture
    change: Callable
    name: str
    says: tuple[str, ...] = ()  # each appears in the details of the findings
    at: str | None = None  # every finding quotes a paragraph starting so ("" for none)


def _fail(rule, doc, name, says=(), at=None):
    return lambda change: Case(rule, "fail", doc, change, name, tuple(says), at)


def _pass(rule, doc, name):
    return lambda change: Case(rule, "pass", doc, change, name)


def _body(doc):
    """A plain body paragraph of the Ngọc Liên plan (II. MỤC TIÊU's text)."""
    return para(doc, "Thực hiện có hiệu quả Chương trình")


def _next(p):
    """The body paragraph after ``p``."""
    return Paragraph(p._p.getnext(), p._parent)


def _noi_nhan(doc):
    """The "- …" lines under "Nơi nhận:" (same table cell)."""
    label = para(doc, "Nơi nhận")
    cell = [p for p in label._parent.paragraphs if p.text.startswith("- ")]
    assert len(cell) >= 3
    return cell


def _header_paragraph(doc):
    return doc.sections[0].header.paragraphs[0]


def _page_field_size(doc, half_points):
    for sz in _header_paragraph(doc)._p.iter(qn("w:r")):
        rpr = sz.get_or_add_rPr()
        rpr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="{half_points}"/>'))


def _vml_line_in(p, y="17pt"):
    """A VML line 55 pt long (under "ỦY BAN NHÂN DÂN", 13 pt bold: 46 %), ``y`` below the top of ``p``."""
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:pict><v:line xmlns:v="urn:schemas-microsoft-com:vml" '
        f'from="45pt,{y}" to="100pt,{y}" strokeweight=".75pt"/></w:pict></w:r>'))


def _rule_width(p, left_twips, right_twips):
    """Set the indents of the line paragraph under ``p`` (its top border is the line): the line's length."""
    rule = p._p.getnext()
    ind = rule.get_or_add_pPr().find(qn("w:ind"))
    if ind is None:
        ind = parse_xml(f'<w:ind {nsdecls("w")}/>')
        rule.get_or_add_pPr().append(ind)
    ind.set(qn("w:left"), str(left_twips))
    ind.set(qn("w:right"), str(right_twips))


def _bottom_border(p, indent_twips=0):
    """A bottom border under ``p``: a line as wide as the paragraph, less ``indent_twips`` each side."""
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
                         f'w:color="000000"/></w:pBdr>'))
    if indent_twips:
        ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="{indent_twips}" w:right="{indent_twips}"/>'))


def _no_first_line_rule(doc):
    delete(para(doc, "Căn cứ Quyết định số 252/QĐ-UBND"))
    replace(doc, "giai đoạn 2021-2025;", "giai đoạn 2021-2025.")


def _landscape(doc):
    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(297), Mm(210)


def _portrait(doc):
    s = doc.sections[0]
    s.orientation = WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = Mm(210), Mm(297)


def _first_page_draft(doc):
    doc.sections[0].first_page_header.paragraphs[0].text = "DỰ THẢO"


def _nfd(p):
    run = text_runs(p)[0]
    run.text = unicodedata.normalize("NFD", run.text)


def _nfd_then_nfc(p):
    _nfd(p)
    run = text_runs(p)[0]
    run.text = unicodedata.normalize("NFC", run.text)


def _insert(p, extra):
    run = text_runs(p)[0]
    run.text = run.text.replace(" ", extra, 1)


def _date(doc, text):
    set_text(para(doc, "Ngọc Liên, ngày"), text)


def _annex_heading(doc):
    return next(p for p in doc.paragraphs if p.text == "Phụ lục I")


def _no_grid(doc):
    """The task table of Phụ lục I without its borders."""
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Nhiệm vụ")
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    table._tbl.tblPr.remove(borders)


def _grid_on_cells(doc):
    """The same table's lines drawn by its cells instead of by the table."""
    table = next(t for t in doc.tables if t.rows[0].cells[1].text == "Nhiệm vụ")
    table._tbl.tblPr.remove(table._tbl.tblPr.find(qn("w:tblBorders")))
    for tc in table._tbl.iter(qn("w:tc")):
        tc.get_or_add_tcPr().append(parse_xml(
            f'<w:tcBorders {nsdecls("w")}><w:top w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>'
            f'</w:tcBorders>'))


def _attached_upright(doc):
    p = next(p for p in doc.paragraphs if p.text.startswith("(Kèm theo"))
    for r in p.runs:
        r.italic = False


def _runs_size(p, size):
    for r in p.runs:
        r.font.size = Pt(size)


def _first_recipient(doc, text):
    set_text(_noi_nhan(doc)[0], text)


CASES: list[Case] = [
    # Phụ lục III, Mẫu 1.2, 1.3: a Quyết định, and a document issued with one
    _fail("quyet_dinh.tham_quyen", "quyet-dinh", "authority-not-bold", ["cần chữ đậm"], "CHỦ TỊCH ỦY BAN")(
        lambda d: [setattr(r, "bold", False) for r in para(d, "CHỦ TỊCH ỦY BAN").runs]),
    _fail("quyet_dinh.tham_quyen", "kem-theo-quyet-dinh", "authority-left", ["cần canh giữa"], "CHỦ TỊCH ỦY BAN")(
        lambda d: setattr(para(d, "CHỦ TỊCH ỦY BAN").paragraph_format, "alignment", WD_ALIGN_PARAGRAPH.LEFT)),
    _pass("quyet_dinh.tham_quyen", "quyet-dinh", "authority-13pt")(lambda d: _runs_size(para(d, "CHỦ TỊCH ỦY BAN"), 13)),
    _fail("quyet_dinh.label", "quyet-dinh", "no-colon", ["dấu hai chấm"], "QUYẾT ĐỊNH")(
        lambda d: set_text(para(d, "QUYẾT ĐỊNH:"), "QUYẾT ĐỊNH")),
    _fail("quyet_dinh.label", "quyet-dinh", "label-not-bold", ["cần chữ đậm"], "QUYẾT ĐỊNH:")(
        lambda d: [setattr(r, "bold", False) for r in para(d, "QUYẾT ĐỊNH:").runs]),
    _pass("quyet_dinh.label", "quyet-dinh", "label-13pt")(lambda d: _runs_size(para(d, "QUYẾT ĐỊNH:"), 13)),
    _fail("quyet_dinh.dieu", "quyet-dinh", "article-label-upright", ["cần chữ đậm"], "Điều 2.")(
        lambda d: setattr(para(d, "Điều 2.").runs[0], "bold", False)),
    _fail("quyet_dinh.dieu", "quyet-dinh", "article-skipped", ['lại ghi "Điều 5"'], "Điều 5.")(
        lambda d: replace(d, "Điều 4.", "Điều 5.")),
    _pass("quyet_dinh.dieu", "quyet-dinh", "article-13pt")(lambda d: _runs_size(para(d, "Điều 3."), 13)),
    _fail("noi_nhan.nhu_dieu", "quyet-dinh", "past-last-article", ["chỉ có 4 điều"], "- Như Điều 9")(
        lambda d: _first_recipient(d, "- Như Điều 9;")),
    _fail("noi_nhan.nhu_dieu", "kem-theo-quyet-dinh", "nhu-tren", ["Như Điều"], "- Như trên")(
        lambda d: _first_recipient(d, "- Như trên;")),
    _pass("noi_nhan.nhu_dieu", "quyet-dinh", "two-articles")(lambda d: _first_recipient(d, "- Như Điều 1, Điều 4;")),
    _fail("kem_theo.format", "kem-theo", "upright", ["cần chữ nghiêng"], "(Ban hành kèm theo")(
        lambda d: [setattr(r, "italic", False) for r in para(d, "(Ban hành kèm theo").runs]),
    _fail("kem_theo.format", "kem-theo", "no-number", ["Quyết định số"], "(Ban hành kèm theo")(
        lambda d: set_text(para(d, "(Ban hành kèm theo"), "(Ban hành kèm theo Quyết định của Chủ tịch UBND xã)")),
    _pass("kem_theo.format", "kem-theo", "kem-theo-13pt")(lambda d: _runs_size(para(d, "(Ban hành kèm theo"), 13)),
    _fail("phu_luc.format", "phu-luc", "annex-heading-not-bold", ["cần chữ đậm"], "Phụ lục I")(
        lambda d: [setattr(r, "bold", False) for r in _annex_heading(d).runs]),
    _fail("phu_luc.format", "phu-luc", "annex-attached-upright", ["cần chữ nghiêng"], "(Kèm theo")(_attached_upright),
    _pass("phu_luc.format", "phu-luc", "annex-heading-13pt")(
        lambda d: [setattr(r.font, "size", Pt(13)) for r in _annex_heading(d).runs]),
    _fail("bang.grid", "phu-luc", "table-without-grid", ["không có đường kẻ"], "STT")(_no_grid),
    _pass("bang.grid", "phu-luc", "grid-drawn-by-cells")(_grid_on_cells),
    # Phụ lục I, Phần I
    _fail("page.size", "ngoc-lien", "letter-width")(lambda d: setattr(d.sections[0], "page_width", Mm(216))),
    _pass("page.size", "ngoc-lien", "a4-exact")(_portrait),
    _fail("page.orientation", "ngoc-lien", "landscape")(_landscape),
    _pass("page.orientation", "bach-thong", "portrait-explicit")(_portrait),
    _fail("page.margins", "ngoc-lien", "left-2cm", ["lề trái đang là 20.0 mm (cần 30–35 mm)"], "")(lambda d: setattr(d.sections[0], "left_margin", Cm(2))),
    _fail("page.margins", "ngoc-lien", "top-30mm")(lambda d: setattr(d.sections[0], "top_margin", Mm(30))),
    _fail("page.margins", "bach-thong", "right-10mm")(lambda d: setattr(d.sections[0], "right_margin", Mm(10))),
    _pass("page.margins", "ngoc-lien", "left-35mm")(lambda d: setattr(d.sections[0], "left_margin", Mm(35))),
    _pass("page.margins", "ngoc-lien", "bottom-25mm")(lambda d: setattr(d.sections[0], "bottom_margin", Mm(25))),
    _fail("font.family", "ngoc-lien", "arial-body-run", ["Arial"], "Thực hiện có hiệu quả")(lambda d: setattr(text_runs(_body(d))[0].font, "name", "Arial")),
    _fail("font.family", "bach-thong", "arial-noi-nhan")(lambda d: set_runs(para(d, "- LĐVP"), name="Arial")),
    _pass("font.family", "ngoc-lien", "tnr-explicit")(lambda d: set_runs(_body(d), name="Times New Roman")),
    _fail("font.color", "ngoc-lien", "blue-body-run")(
        lambda d: setattr(text_runs(_body(d))[0].font.color, "rgb", RGBColor(0x1F, 0x4E, 0x79))),
    _pass("font.color", "ngoc-lien", "black-explicit")(
        lambda d: setattr(text_runs(_body(d))[0].font.color, "rgb", RGBColor(0, 0, 0))),
    _fail("text.nfc", "ngoc-lien", "nfd-body", ["dấu tách rời U+"], "Thực hiện có hiệu quả")(lambda d: _nfd(_body(d))),
    _fail("text.nfc", "bach-thong", "nfd-kinh-gui")(lambda d: _nfd(para(d, "- Văn phòng HĐND&UBND;"))),
    _pass("text.nfc", "ngoc-lien", "nfc-retyped")(lambda d: _nfd_then_nfc(_body(d))),
    _fail("text.control", "ngoc-lien", "zero-width-space")(lambda d: _insert(_body(d), " \u200b")),
    _fail("text.control", "ngoc-lien", "soft-hyphen")(lambda d: _insert(_body(d), "\u00ad ")),
    _pass("text.control", "ngoc-lien", "no-break-space")(lambda d: _insert(_body(d), "\u00a0")),
    _fail("page.number.first", "ngoc-lien", "same-first-page", ["trang đầu có số trang", "trang đầu khác"], "")(
        lambda d: setattr(d.sections[0], "different_first_page_header_footer", False)),
    _pass("page.number.first", "ngoc-lien", "first-page-header-text")(_first_page_draft),
    _fail("page.number.place", "ngoc-lien", "header-left")(
        lambda d: setattr(_header_paragraph(d), "alignment", WD_ALIGN_PARAGRAPH.LEFT)),
    _fail("page.number.place", "ngoc-lien", "size-12")(lambda d: _page_field_size(d, 24)),
    _pass("page.number.place", "ngoc-lien", "size-13")(lambda d: _page_field_size(d, 26)),
    # Phụ lục I, Phần II: header block
    _fail("quoc_hieu.format", "ngoc-lien", "not-bold", ["cần chữ đậm"], "CỘNG HÒA")(lambda d: set_runs(para(d, "CỘNG HÒA"), bold=False)),
    _fail("quoc_hieu.format", "bach-thong", "size-14")(lambda d: set_runs(para(d, "CỘNG HÒA"), size=Pt(14))),
    _pass("quoc_hieu.format", "ngoc-lien", "size-12")(lambda d: set_runs(para(d, "CỘNG HÒA"), size=Pt(12))),
    _fail("tieu_ngu.format", "ngoc-lien", "no-spaces")(lambda d: set_text(para(d, "Độc lập"), "Độc lập-Tự do-Hạnh phúc")),
    _fail("tieu_ngu.format", "ngoc-lien", "italic")(lambda d: set_runs(para(d, "Độc lập"), italic=True)),
    _pass("tieu_ngu.format", "ngoc-lien", "size-13")(lambda d: set_runs(para(d, "Độc lập"), size=Pt(13))),
    _fail("tieu_ngu.line", "ngoc-lien", "rule-paragraph-removed", [], "Độc lập - Tự do - Hạnh phúc")(lambda d: remove_line_paragraph_after(para(d, "Độc lập"))),
    _fail("tieu_ngu.line", "bach-thong", "rule-border-nil")(
        lambda d: para(d, "Độc lập")._p.getnext().get_or_add_pPr().append(parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:top w:val="nil"/></w:pBdr>'))),
    _pass("tieu_ngu.line", "ngoc-lien", "underlined-instead")(
        lambda d: remove_line_paragraph_after(para(d, "Độc lập")) or set_runs(para(d, "Độc lập"), underline=True)),
    _pass("tieu_ngu.line", "ngoc-lien", "bottom-border-instead")(  # as wide as the text: indented 1.75 cm each side
        lambda d: remove_line_paragraph_after(para(d, "Độc lập")) or _bottom_border(para(d, "Độc lập"), 990)),
    _fail("tieu_ngu.line_length", "ngoc-lien", "bottom-border-across-the-cell", ["đường kẻ dài 9,5 cm"])(
        lambda d: remove_line_paragraph_after(para(d, "Độc lập")) or _bottom_border(para(d, "Độc lập"))),
    # inside their margins, the header's cells are 6.2 cm (agency) and 9.5 cm (Quốc hiệu) wide
    _fail("tieu_ngu.line_length", "ngoc-lien", "half", ["đường kẻ dài 3,0 cm, bằng 49% dòng chữ 6,0 cm (cần 6,0 cm)"],
          "Độc lập")(lambda d: _rule_width(para(d, "Độc lập"), 1854, 1854)),
    _pass("tieu_ngu.line_length", "ngoc-lien", "a-little-longer")(lambda d: _rule_width(para(d, "Độc lập"), 918, 918)),
    _fail("co_quan.line_length", "ngoc-lien", "whole-cell", ["đường kẻ dài 6,2 cm, bằng 144% dòng chữ 4,3 cm"],
          "XÃ NGỌC LIÊN")(lambda d: _rule_width(para(d, "XÃ NGỌC LIÊN"), 0, 0)),
    _fail("co_quan.line_length", "ngoc-lien", "a-fifth")(lambda d: _rule_width(para(d, "XÃ NGỌC LIÊN"), 1500, 1500)),
    _pass("co_quan.line_length", "ngoc-lien", "a-third")(lambda d: _rule_width(para(d, "XÃ NGỌC LIÊN"), 1350, 1350)),
    _fail("co_quan.format", "ngoc-lien", "lower-case")(lambda d: set_text(para(d, "XÃ NGỌC LIÊN"), "xã Ngọc Liên")),
    _fail("co_quan.format", "ngoc-lien", "nothing-bold")(
        lambda d: [set_runs(para(d, t), bold=False) for t in ("ỦY BAN NHÂN DÂN", "XÃ NGỌC LIÊN")]),
    _pass("co_quan.format", "ngoc-lien", "parent-not-bold")(lambda d: set_runs(para(d, "ỦY BAN NHÂN DÂN"), bold=False)),
    _fail("co_quan.line", "ngoc-lien", "rule-paragraph-removed")(
        lambda d: remove_line_paragraph_after(para(d, "XÃ NGỌC LIÊN"))),
    _pass("co_quan.line", "ngoc-lien", "drawn-line-instead")(
        lambda d: remove_line_paragraph_after(para(d, "XÃ NGỌC LIÊN")) or _vml_line_in(para(d, "XÃ NGỌC LIÊN"))),
    _fail("co_quan.line", "ngoc-lien", "drawn-line-through-the-text")(  # 3 pt below its top: a strike-through
        lambda d: remove_line_paragraph_after(para(d, "XÃ NGỌC LIÊN")) or _vml_line_in(para(d, "XÃ NGỌC LIÊN"), "3pt")),
    _pass("co_quan.line", "ngoc-lien", "drawn-line-anchored-in-the-line-above")(  # 2 lines down from "ỦY BAN …"
        lambda d: remove_line_paragraph_after(para(d, "XÃ NGỌC LIÊN")) or _vml_line_in(para(d, "ỦY BAN NHÂN DÂN"), "33pt")),
    _fail("so.format", "ngoc-lien", "size-14")(lambda d: set_runs(para(d, "Số:"), size=Pt(14))),
    _fail("so.format", "ke-hoach-so", "lower-case-symbol")(lambda d: set_text(para(d, "Số:"), "Số: 05/KH-Ubnd")),
    _pass("so.format", "ngoc-lien", "number-filled")(lambda d: set_text(para(d, "Số:"), "Số: 25/KH-UBND")),
    _fail("so.leading_zero", "ke-hoach-so", "5")(lambda d: set_text(para(d, "Số:"), "Số: 5/KH-UBND")),
    _pass("so.leading_zero", "ke-hoach-so", "10")(lambda d: set_text(para(d, "Số:"), "Số: 10/KH-UBND")),
    _fail("so.ky_hieu", "ke-hoach-so", "qd-on-ke-hoach")(lambda d: set_text(para(d, "Số:"), "Số: 05/QĐ-UBND")),
    _fail("so.ky_hieu", "cong-van-mot-noi", "cv-on-cong-van")(lambda d: set_text(para(d, "Số:"), "Số: 12/CV-UBND")),
    _pass("so.ky_hieu", "cong-van-mot-noi", "issuer-unit")(lambda d: set_text(para(d, "Số:"), "Số: 12/UBND-VX")),
    _fail("ngay.format", "ngoc-lien", "upright")(lambda d: set_runs(para(d, "Ngọc Liên, ngày"), italic=False)),
    _fail("ngay.format", "ngoc-lien", "place-lower")(
        lambda d: _date(d, "ngọc Liên, ngày      tháng 4 năm 2026")),
    _pass("ngay.format", "ngoc-lien", "size-13")(lambda d: set_runs(para(d, "Ngọc Liên, ngày"), size=Pt(13))),
    _fail("ngay.leading_zero", "ke-hoach-so", "ngay-5-thang-1",
          ['"ngày 5" cần ghi "ngày 05"', '"tháng 1" cần ghi "tháng 01"'], "Ngọc Liên, ngày 5 tháng 1")(lambda d: _date(d, "Ngọc Liên, ngày 5 tháng 1 năm 2026")),
    _fail("ngay.leading_zero", "ke-hoach-so", "thang-03", ['"tháng 03" cần ghi "tháng 3"'])(lambda d: _date(d, "Ngọc Liên, ngày 05 tháng 03 năm 2026")),
    _fail("ngay.leading_zero", "ke-hoach-so", "thang-2")(lambda d: _date(d, "Ngọc Liên, ngày 28 tháng 2 năm 2026")),
    _pass("ngay.leading_zero", "ke-hoach-so", "ngay-09-thang-3")(lambda d: _date(d, "Ngọc Liên, ngày 09 tháng 3 năm 2026")),
    _pass("ngay.leading_zero", "ke-hoach-so", "ngay-10-thang-12")(lambda d: _date(d, "Ngọc Liên, ngày 10 tháng 12 năm 2026")),
    _fail("ten_loai.format", "ngoc-lien", "not-bold")(lambda d: set_runs(para(d, "KẾ HOẠCH"), bold=False)),
    _fail("ten_loai.format", "ngoc-lien", "size-16")(lambda d: set_runs(para(d, "KẾ HOẠCH"), size=Pt(16))),
    _pass("ten_loai.format", "ngoc-lien", "size-13")(lambda d: set_runs(para(d, "KẾ HOẠCH"), size=Pt(13))),
    _fail("trich_yeu.format", "ngoc-lien", "italic")(lambda d: set_runs(para(d, "Triển khai thực hiện Chương trình"), italic=True)),
    _fail("trich_yeu.format", "ke-hoach-so", "not-bold")(lambda d: set_runs(para(d, "Tổ chức các hoạt động"), bold=False)),
    _pass("trich_yeu.format", "ngoc-lien", "size-13")(lambda d: set_runs(para(d, "Triển khai thực hiện Chương trình"), size=Pt(13))),
    _fail("vv.format", "bach-thong", "bold")(lambda d: set_runs(para(d, "V/v"), bold=True)),
    _fail("vv.format", "cong-van-mot-noi", "size-14")(lambda d: set_runs(para(d, "V/v"), size=Pt(14))),
    _pass("vv.format", "bach-thong", "size-13")(lambda d: set_runs(para(d, "V/v"), size=Pt(13))),
    _fail("kinh_gui.format", "bach-thong", "last-line-semicolon")(lambda d: replace(d, "thị trấn.", "thị trấn;")),
    _fail("kinh_gui.format", "bach-thong", "size-12")(lambda d: set_runs(para(d, "Kính gửi"), size=Pt(12))),
    _pass("kinh_gui.format", "bach-thong", "size-13")(lambda d: set_runs(para(d, "Kính gửi"), size=Pt(13))),
    # Phụ lục I, II.6: the body
    _fail("body.size", "ngoc-lien", "size-12")(lambda d: set_runs(_body(d), size=Pt(12))),
    _pass("body.size", "ngoc-lien", "size-13")(lambda d: set_runs(_body(d), size=Pt(13))),
    _fail("body.align", "ngoc-lien", "left", ["canh trái"], "Thực hiện có hiệu quả")(lambda d: setattr(_body(d), "alignment", WD_ALIGN_PARAGRAPH.LEFT)),
    _fail("body.align", "bach-thong", "center")(
        lambda d: setattr(para(d, "Để kịp thời"), "alignment", WD_ALIGN_PARAGRAPH.CENTER)),
    _pass("body.align", "ngoc-lien", "heading-left")(
        lambda d: setattr(para(d, "II. MỤC TIÊU"), "alignment", WD_ALIGN_PARAGRAPH.LEFT)),
    _fail("body.indent", "ngoc-lien", "1.5cm")(lambda d: setattr(_body(d).paragraph_format, "first_line_indent", Cm(1.5))),
    _fail("body.indent", "ngoc-lien", "none")(lambda d: setattr(_body(d).paragraph_format, "first_line_indent", Cm(0))),
    _pass("body.indent", "ngoc-lien", "1.27cm")(lambda d: setattr(_body(d).paragraph_format, "first_line_indent", Cm(1.27))),
    _fail("body.spacing", "ngoc-lien", "3pt")(lambda d: setattr(_body(d).paragraph_format, "space_before", Pt(3))),
    _fail("body.spacing", "ngoc-lien", "6pt-after-itself", ["cách đoạn trên 0 pt"])(  # the gap above it is 0
        lambda d: [setattr(_next(_body(d)).paragraph_format, a, v) for a, v in (("space_before", Pt(0)),
                                                                                 ("space_after", Pt(6)))]),
    _pass("body.spacing", "ngoc-lien", "6pt-after-the-paragraph-above")(
        lambda d: [setattr(_body(d).paragraph_format, "space_after", Pt(6)),
                   setattr(_next(_body(d)).paragraph_format, "space_before", Pt(0))]),
    _pass("body.spacing", "ngoc-lien", "3pt-after-and-3pt-before")(  # Word adds them: 6 pt between
        lambda d: [setattr(_body(d).paragraph_format, "space_after", Pt(3)),
                   setattr(_next(_body(d)).paragraph_format, "space_before", Pt(3))]),
    _fail("body.line_spacing", "ngoc-lien", "double")(lambda d: setattr(_body(d).paragraph_format, "line_spacing", 2.0)),
    _fail("body.line_spacing", "ngoc-lien", "exact-40pt")(lambda d: setattr(_body(d).paragraph_format, "line_spacing", Pt(40))),
    _pass("body.line_spacing", "ngoc-lien", "1.5-lines")(lambda d: setattr(_body(d).paragraph_format, "line_spacing", 1.5)),
    _pass("body.line_spacing", "ngoc-lien", "exact-16pt")(lambda d: setattr(_body(d).paragraph_format, "line_spacing", Pt(16))),
    _fail("heading.muc", "ngoc-lien", "lower-case")(lambda d: set_text(para(d, "II. MỤC TIÊU"), "II. Mục tiêu")),
    _fail("heading.muc", "ke-hoach-so", "not-bold")(
        lambda d: set_runs(para(d, "II. TỔ CHỨC THỰC HIỆN"), bold=False)),
    _pass("heading.muc", "ngoc-lien", "size-13")(lambda d: set_runs(para(d, "II. MỤC TIÊU"), size=Pt(13))),
    _fail("can_cu.format", "ngoc-lien", "last-semicolon")(lambda d: replace(d, "sau 30/9 năm 2025.", "sau 30/9 năm 2025;")),
    _fail("can_cu.format", "ngoc-lien", "upright")(lambda d: set_runs(para(d, "Căn cứ Thông báo số 274"), italic=False)),
    _pass("can_cu.format", "ngoc-lien", "one-fewer")(_no_first_line_rule),
    # signature and Nơi nhận
    _fail("ky.format", "ngoc-lien", "name-upper")(lambda d: set_text(para(d, "Phạm Xuân Khánh"), "PHẠM XUÂN KHÁNH")),
    _fail("ky.format", "bach-thong", "title-not-bold")(lambda d: set_runs(para(d, "CHỦ TỊCH"), bold=False)),
    _pass("ky.format", "ngoc-lien", "size-13")(
        lambda d: [set_runs(para(d, t), size=Pt(13)) for t in ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Xuân Khánh")]),
    _fail("ky.prefix", "ngoc-lien", "kt-no-dot")(lambda d: set_text(para(d, "KT. CHỦ TỊCH"), "KT CHỦ TỊCH")),
    _fail("ky.prefix", "bach-thong", "tm-no-dot")(lambda d: set_text(para(d, "TM. ỦY BAN"), "TM ỦY BAN NHÂN DÂN")),
    _pass("ky.prefix", "ngoc-lien", "tuq")(lambda d: set_text(para(d, "KT. CHỦ TỊCH"), "TUQ. CHỦ TỊCH")),
    _fail("ky.lines", "ngoc-lien", "kt-and-title-on-one-line",
          ['cần tách thành hai dòng: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"'], "KT. CHỦ TỊCH PHÓ CHỦ TỊCH")(
        lambda d: [set_text(para(d, "KT. CHỦ TỊCH"), "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"), delete(para(d, "PHÓ CHỦ TỊCH"))]),
    _fail("ky.lines", "ke-hoach-so", "tm-before-a-title", ['không đứng trước chức vụ "CHỦ TỊCH"'], "TM. CHỦ TỊCH")(
        lambda d: set_text(para(d, "TM. ỦY BAN NHÂN DÂN"), "TM. CHỦ TỊCH")),
    _pass("ky.lines", "ngoc-lien", "tl-chanh-van-phong")(
        lambda d: [set_text(para(d, "KT. CHỦ TỊCH"), "TL. CHỦ TỊCH"),
                   set_text(para(d, "PHÓ CHỦ TỊCH"), "CHÁNH VĂN PHÒNG")]),
    _fail("noi_nhan.label", "ngoc-lien", "upright")(lambda d: set_runs(para(d, "Nơi nhận"), italic=False)),
    _fail("noi_nhan.label", "ngoc-lien", "size-14")(lambda d: set_runs(para(d, "Nơi nhận"), size=Pt(14))),
    _pass("noi_nhan.label", "ngoc-lien", "justified")(
        lambda d: setattr(para(d, "Nơi nhận"), "alignment", WD_ALIGN_PARAGRAPH.JUSTIFY)),
    _fail("noi_nhan.items", "ngoc-lien", "size-14", ["cỡ chữ 14 (cần 11)"], "- ")(lambda d: [set_runs(p, size=Pt(14)) for p in _noi_nhan(d)]),
    _fail("noi_nhan.items", "bach-thong", "no-luu")(lambda d: delete(para(d, "- Lưu:"))),
    _fail("noi_nhan.items", "ngoc-lien", "no-semicolon")(lambda d: replace(d, "- Chủ tịch, các PCT UBND xã;", "- Chủ tịch, các PCT UBND xã")),
    _pass("noi_nhan.items", "ngoc-lien", "luu-with-copies")(lambda d: replace(d, "- Lưu: VT, VHXH.", "- Lưu: VT, VHXH, 02b.")),
    # ô 12 at the end of "- Lưu:": the drafter's initials or name, and the number of copies issued
    _pass("noi_nhan.items", "ngoc-lien", "luu-o12-drafter-and-copies")(
        lambda d: replace(d, "- Lưu: VT, VHXH.", "- Lưu: VT, VHXH(Lan). PL.(300).")),
    _pass("noi_nhan.items", "ngoc-lien", "luu-unit-with-drafter")(
        lambda d: replace(d, "- Lưu: VT, VHXH.", "- Lưu: VT, KT, TH(Hùng).")),
    _pass("noi_nhan.items", "bach-thong", "luu-drafter-after-a-space")(
        lambda d: set_text(para(d, "- Lưu:"), "- Lưu: VT, KT (T.Q.Hùng).")),
    _fail("noi_nhan.items", "ngoc-lien", "luu-o12-without-final-stop", ['dòng cuối là "- Lưu: VT, …."'])(
        lambda d: replace(d, "- Lưu: VT, VHXH.", "- Lưu: VT, VHXH(Lan). PL.(300)")),
    _fail("noi_nhan.nhu_tren", "bach-thong", "no-nhu-tren")(lambda d: delete(para(d, "- Như trên"))),
    _pass("noi_nhan.nhu_tren", "bach-thong", "nhu-tren-plain")(lambda d: replace(d, "- Như trên (t/h);", "- Như trên;")),
    # consistency
    _fail("can_cu.after_date", "ngoc-lien", "455-in-may", ["455/SĐTTG-KHTH ngày 14/05/2026"], "Căn cứ Công văn số 455")(lambda d: replace(d, "455/SĐTTG-KHTH ngày 14/4/2026", "455/SĐTTG-KHTH ngày 14/5/2026")),
    _fail("can_cu.after_date", "ke-hoach-so", "long-date")(
        lambda d: replace(d, "ngày 14/10/2021", "ngày 06 tháng 01 năm 2026")),
    _pass("can_cu.after_date", "ngoc-lien", "last-day-of-month")(
        lambda d: replace(d, "455/SĐTTG-KHTH ngày 14/4/2026", "455/SĐTTG-KHTH ngày 30/4/2026")),
    _pass("can_cu.after_date", "ke-hoach-so", "same-day")(lambda d: replace(d, "ngày 14/10/2021", "ngày 05/01/2026")),
    _fail("trich_dan.inconsistent", "ngoc-lien", "SDTTG", ['"455/SDTTG-KHTH" ở đây, "455/SĐTTG-KHTH" ở đoạn 17'],
          "5. Tập trung thực hiện quyết liệt")(lambda d: replace(d, "455/SĐTTG-KHTH", "455/SDTTG-KHTH", nth=-1)),
    _fail("trich_dan.inconsistent", "ngoc-lien", "other-issuer")(
        lambda d: replace(d, "2624/QĐ-UBND ngày 31/7/2025 của UBND tỉnh.", "2624/QĐ-UBND ngày 31/7/2025 của HĐND tỉnh.")),
    _pass("trich_dan.inconsistent", "ngoc-lien", "issuer-spelled-out")(
        lambda d: replace(d, "2624/QĐ-UBND ngày 31/7/2025 của UBND tỉnh.",
                          "2624/QĐ-UBND ngày 31/7/2025 của Ủy ban nhân dân tỉnh.")),
    _fail("trich_dan.full_twice", "ke-hoach-so", "body-repeats-trich-yeu",
          ['"1719/QĐ-TTg" đã được viện dẫn lần đầu ở đoạn 12', 'lần sau chỉ ghi "Quyết định số 1719/QĐ-TTg"'],
          "Thực hiện Quyết định số 1719")(
        lambda d: replace(d, "của Thủ tướng Chính phủ.", "của Thủ tướng Chính phủ phê duyệt Chương trình mục tiêu "
                                                        "quốc gia.")),
    _pass("trich_dan.full_twice", "ke-hoach-so", "cited-inside-another-trich-yeu")(
        lambda d: replace(d, "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ.",
                          "Thực hiện Kế hoạch số 281/KH-UBND ngày 16/12/2021 của Ủy ban nhân dân tỉnh về triển khai "
                          "thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ về phê duyệt "
                          "Chương trình mục tiêu quốc gia.")),
    _fail("ngay.before_year", "bach-thong", "2023")(lambda d: replace(d, "tháng 3 năm 2024", "tháng 3 năm 2023")),
    _pass("ngay.before_year", "ke-hoach-so", "plan-for-next-year")(
        lambda d: _date(d, "Ngọc Liên, ngày 05 tháng 12 năm 2025")),
]

_IDS = [f"{c.rule}-{c.expect}-{c.name}" for c in CASES]


def test_every_rule_has_a_failing_and_a_passing_case():
    assert len(set(_IDS)) == len(_IDS), "duplicate case names"
    for expect in ("fail", "pass"):
        covered = {c.rule for c in CASES if c.expect == expect}
        assert set(RULES) - covered == set(), f"rules without a {expect}ing case"
        assert covered - set(RULES) == set(), "cases for rules that do not exist"


def test_the_clean_originals_are_clean(clean):
    for name in {c.doc for c in CASES}:
        assert rules(unexpected(name, check(clean[name]))) == set(), name


@pytest.mark.parametrize("case", CASES, ids=_IDS)
def test_corpus(clean, case):
    data = mutated(clean[case.doc], case.change)
    assert data != clean[case.doc]
    found = unexpected(case.doc, check(data))
    if case.expect == "pass":
        assert found == [], [f.line() for f in found]
        return
    assert RULES[case.rule].severity in (ERROR, WARNING)
    if RULES[case.rule].severity == ERROR:
        assert errors(found) == {case.rule}, [f.line() for f in found]
    assert rules(found) == {case.rule}, [f.line() for f in found]
    details = " | ".join(f.detail for f in found)
    for said in case.says:
        assert said in details
    if case.at is not None:
        assert all(unicodedata.normalize("NFC", f.text).startswith(case.at) for f in found), [f.text for f in found]
        assert all(bool(f.where) == bool(case.at) for f in found)
