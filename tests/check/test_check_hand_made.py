"""``docgen check`` on a Kế hoạch typed "by hand": built from scratch with python-docx and its own
styles (not the engine's templates), with a handful of the mistakes clerks really make."""

from __future__ import annotations

import pytest
from check_support import check, load, mutated, para, save, set_text
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_UNDERLINE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm, Pt
from docx_helpers import paragraphs

from docgen.check import ERROR

CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT

BODY_15CM = "- Rà soát, đơn giản hóa thủ tục hành chính, giấy tờ công dân liên quan đến quản lý dân cư."


def _line(container, left_cm: float, width_cm: float):
    """An empty paragraph holding a drawn (VML) horizontal line, as Word's "Insert > Shapes > Line" makes."""
    p = container.add_paragraph()
    p.paragraph_format.space_after = Pt(0)
    x1, x2 = left_cm * 28.35, (left_cm + width_cm) * 28.35
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:pict><v:line xmlns:v="urn:schemas-microsoft-com:vml" '
        f'from="{x1:.1f}pt,2pt" to="{x2:.1f}pt,2pt" strokeweight=".75pt"/></w:pict></w:r>'))
    return p


def _add(container, text="", *, size=None, bold=None, italic=None, underline=None, align=None,
         first_line=None, space_after=None):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size) if size else None
        run.bold, run.italic = bold, italic
        if underline:
            run.font.underline = WD_UNDERLINE.SINGLE
    if align is not None:
        p.alignment = align
    if first_line is not None:
        p.paragraph_format.first_line_indent = first_line
    if space_after is not None:
        p.paragraph_format.space_after = space_after
    return p


def _cell(table, row, col):
    cell = table.cell(row, col)
    cell._tc.remove(cell.paragraphs[0]._p)  # start empty, as a typist who types into the cell
    return cell


def _body(doc, text, *, bold=False, indent=None):
    """A paragraph in the document's own "Nội dung" style (justified, 1 cm indent), headings bolded by hand."""
    p = _add(doc, text, bold=bold or None, first_line=indent)
    p.style = doc.styles["Nội dung"]
    return p


def build_ke_hoach() -> bytes:
    """A Kế hoạch of UBND Thành phố Hà Nội, typed in Word with its own "Normal" style."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    body = doc.styles.add_style("Nội dung", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.alignment = JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1)

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    number._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'))

    # ô 1–4: a borderless two-column table (no table style at all)
    head = doc.add_table(rows=2, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    head.columns[0].width, head.columns[1].width = Cm(6.5), Cm(9.5)
    left, right = _cell(head, 0, 0), _cell(head, 0, 1)
    for text in ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"):
        _add(left, text, size=13, bold=True, align=CENTER, space_after=Pt(0))
    _line(left, 1.9, 2.2)
    _add(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, align=CENTER, space_after=Pt(0))
    _add(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True, underline=True, align=CENTER)
    _add(_cell(head, 1, 0), "Số: 5/KH-UBND", size=13, align=CENTER)
    _add(_cell(head, 1, 1), "Hà Nội, ngày 5 tháng 3 năm 2026", size=14, italic=True, align=CENTER)

    # ô 5a
    _add(doc, "KẾ HOẠCH", bold=True, align=CENTER, space_after=Pt(0)).paragraph_format.space_before = Pt(18)
    _add(doc, "Cải cách hành chính năm 2026", bold=True, align=CENTER, space_after=Pt(0))
    _line(doc, 6.0, 4.0).alignment = CENTER

    # ô 6
    for text in (
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
        "Căn cứ Kế hoạch số 150/KH-UBND ngày 20/12/2025 của Ủy ban nhân dân Thành phố về cải cách hành chính "
        "giai đoạn 2026-2030.",
    ):
        _add(doc, text, italic=True, align=JUSTIFY, first_line=Cm(1))
    _body(doc, "Ủy ban nhân dân Thành phố ban hành Kế hoạch cải cách hành chính năm 2026 như sau:")
    _body(doc, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _body(doc, "1. Mục đích", bold=True)
    _body(doc, "- Nâng cao chất lượng phục vụ người dân, doanh nghiệp; thực hiện đúng Nghị định số "
               "30/2020/NĐ-CP trong soạn thảo, ban hành văn bản.")
    _body(doc, BODY_15CM, indent=Cm(1.5))
    _body(doc, "2. Yêu cầu", bold=True)
    _body(doc, "- Các sở, ban, ngành chủ động triển khai, bảo đảm đúng tiến độ.")
    _body(doc, "II. TỔ CHỨC THỰC HIỆN", bold=True)
    _body(doc, "Sở Nội vụ theo dõi, đôn đốc và tổng hợp báo cáo Ủy ban nhân dân Thành phố./.")

    # ô 7, 9b: Nơi nhận and the signature, a borderless table
    foot = doc.add_table(rows=1, cols=2)
    foot.columns[0].width, foot.columns[1].width = Cm(7.5), Cm(8.5)
    left, right = _cell(foot, 0, 0), _cell(foot, 0, 1)
    _add(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, space_after=Pt(0))
    for text in ("- Bộ Nội vụ;", "- Thường trực Thành ủy;", "- Các sở, ban, ngành;", "- UBND các quận, huyện."):
        _add(left, text, size=11, align=LEFT, space_after=Pt(0))
    _add(right, "KT CHỦ TỊCH", bold=True, align=CENTER, space_after=Pt(0))
    _add(right, "PHÓ CHỦ TỊCH", bold=True, align=CENTER, space_after=Pt(0))
    for _ in range(3):
        _add(right)
    _add(right, "Nguyễn Văn Minh", bold=True, align=CENTER)
    return save(doc)


@pytest.fixture(scope="module")
def hand_made() -> bytes:
    return build_ke_hoach()


def _shown(text: str) -> str:
    """The text as a finding quotes it (cut to 80 characters)."""
    return text if len(text) <= 80 else text[:77] + "…"


def _where(data: bytes, start: str) -> str:
    """Where the checker should say a paragraph stands, counted independently of it."""
    doc = load(data)
    order = list(paragraphs(doc))
    target = para(doc, start)
    for t, table in enumerate(doc.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                if any(p._p is target._p for p in cell.paragraphs):
                    return f"bảng {t}, hàng {r}, cột {c}"
    return f"đoạn {[p._p for p in order].index(target._p) + 1}"


def test_hand_made_is_what_it_claims(hand_made):
    """The document really uses its own styles: no docgen style, Normal is Times New Roman 14 by style."""
    doc = load(hand_made)
    assert not any(s.name.startswith("DG") for s in doc.styles)
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size == Pt(14)
    body = para(doc, "Ủy ban nhân dân Thành phố ban hành")
    assert body.style.name == "Nội dung" and body.style.base_style.name == "Normal"
    assert body.alignment is None and body.paragraph_format.first_line_indent is None
    assert all(r.font.size is None and r.font.name is None for r in body.runs)
    assert all(t.style is None or t.style.name == "Normal Table" for t in doc.tables)


def test_hand_made_mistakes_are_found_exactly(hand_made):
    found = check(hand_made)
    got = sorted((f.rule, f.where, f.text) for f in found)
    want = sorted([
        ("so.leading_zero", _where(hand_made, "Số:"), "Số: 5/KH-UBND"),
        ("ngay.leading_zero", _where(hand_made, "Hà Nội, ngày"), "Hà Nội, ngày 5 tháng 3 năm 2026"),
        ("body.indent", _where(hand_made, BODY_15CM), _shown(BODY_15CM)),
        ("ky.prefix", _where(hand_made, "KT CHỦ TỊCH"), "KT CHỦ TỊCH"),
        ("noi_nhan.items", _where(hand_made, "- UBND các quận"), "- UBND các quận, huyện."),
    ])
    assert got == want
    assert all(f.severity == ERROR for f in found)
    details = {f.rule: f.detail for f in found}
    assert '"5" cần ghi "05"' in details["so.leading_zero"]
    assert '"ngày 5" cần ghi "ngày 05"' in details["ngay.leading_zero"]
    assert "tháng" not in details["ngay.leading_zero"], "tháng 3 is right without a 0"
    assert "1,50 cm" in details["body.indent"]
    assert '"KT" cần ghi "KT."' in details["ky.prefix"]
    assert "Lưu" in details["noi_nhan.items"]


def correct(doc) -> None:
    """Fix exactly the five mistakes ``build_ke_hoach`` makes."""
    set_text(para(doc, "Số:"), "Số: 05/KH-UBND")
    set_text(para(doc, "Hà Nội, ngày"), "Hà Nội, ngày 05 tháng 3 năm 2026")
    para(doc, BODY_15CM).paragraph_format.first_line_indent = Cm(1)
    set_text(para(doc, "KT CHỦ TỊCH"), "KT. CHỦ TỊCH")
    last = para(doc, "- UBND các quận")
    set_text(last, "- UBND các quận, huyện;")
    cell = last._parent
    cell.add_paragraph().add_run("- Lưu: VT, NV.").font.size = Pt(11)
    cell.paragraphs[-1].paragraph_format.space_after = Pt(0)


def build_correct_ke_hoach() -> bytes:
    """The hand-made Kế hoạch with its five mistakes fixed: a document without any finding."""
    return mutated(build_ke_hoach(), correct)


def test_hand_made_corrected_is_clean(hand_made):
    """Fixing exactly those five mistakes leaves nothing: the findings were about them only."""
    found = check(mutated(hand_made, correct))
    assert found == [], [f.line() for f in found]
