"""Build the Word templates in templates/ from the decree's numbers in docgen/nd30.py.

The committed .docx files are the templates the engine uses, and a clerk may adjust them in
Word (styles "DG …" hold every size, indent and spacing). This script is how they were made,
kept so that a change of layout is reviewed as code: ``python tools/make_templates.py``.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen import nd30  # noqa: E402

FONT = "Times New Roman"
P = nd30.PROFILE
C, L, J = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.JUSTIFY
BODY_INDENT = Cm(1)
LINE = 1.15

# (style id, name, size key, bold, italic, alignment, extra paragraph format)
PARAGRAPH_STYLES = [
    ("DGQuocHieu", "DG Quốc hiệu", "quoc_hieu", True, False, C, {}),
    ("DGTieuNgu", "DG Tiêu ngữ", "tieu_ngu", True, False, C, {}),
    ("DGChuQuan", "DG Cơ quan chủ quản", "co_quan_chu_quan", False, False, C, {}),
    ("DGCoQuan", "DG Cơ quan ban hành", "co_quan", True, False, C, {}),
    ("DGSo", "DG Số ký hiệu", "so_ky_hieu", False, False, C, {"before": 6}),
    ("DGTrichYeuCV", "DG Trích yếu công văn", "trich_yeu_cong_van", False, False, C, {"before": 6}),
    ("DGDiaDanh", "DG Địa danh ngày", "dia_danh_ngay", False, True, C, {"before": 6}),
    ("DGTenLoai", "DG Tên loại", "ten_loai", True, False, C, {"before": 24, "keep": True}),
    ("DGTrichYeu", "DG Trích yếu", "trich_yeu", True, False, C, {"keep": True}),
    ("DGKinhGui", "DG Kính gửi", "kinh_gui", False, False, L, {"before": 6, "left": 3.5, "contextual": True}),
    ("DGKinhGuiGiua", "DG Kính gửi (giữa)", "kinh_gui", False, False, C, {"before": 12, "after": 6}),
    ("DGKemTheo", "DG Ban hành kèm theo", "trich_yeu", False, True, C, {"keep": True}),
    ("DGThamQuyen", "DG Thẩm quyền ban hành", "ten_loai", True, False, C, {"before": 12, "after": 6, "keep": True}),
    ("DGQuyetDinh", "DG Quyết định:", "ten_loai", True, False, C, {"before": 6, "after": 6, "keep": True}),
    ("DGNoiDung", "DG Nội dung", "noi_dung", False, False, J, {"body": True}),
    ("DGCanCu", "DG Căn cứ", "noi_dung", False, True, J, {"body": True}),
    ("DGDieu", "DG Điều", "noi_dung", True, False, J, {"body": True, "keep": True, "outline": 0}),
    ("DGMuc", "DG Mục (I.)", "noi_dung", True, False, J, {"body": True, "keep": True, "outline": 0}),
    ("DGKhoan", "DG Khoản (1.)", "noi_dung", True, False, J, {"body": True, "keep": True, "outline": 1}),
    ("DGTieuMuc", "DG Tiểu mục", "noi_dung", True, True, J, {"body": True, "keep": True, "outline": 2}),
    ("DGDiem", "DG Điểm (a))", "noi_dung", False, False, J, {"body": True, "keep": True, "outline": 2}),
    ("DGGach", "DG Ý gạch đầu dòng (-)", "noi_dung", False, False, J, {"body": True}),
    ("DGCong", "DG Ý cộng (+)", "noi_dung", False, False, J, {"body": True}),
    ("DGBangTen", "DG Tên bảng", "noi_dung", True, False, C, {"before": 6, "keep": True}),
    ("DGDonViTinh", "DG Đơn vị tính", "bang", False, True, WD_ALIGN_PARAGRAPH.RIGHT, {"keep": True}),
    ("DGBangChu", "DG Bằng chữ", "noi_dung", False, True, J, {"body": True}),
    ("DGBangDau", "DG Bảng - đầu cột", "bang", True, False, C, {}),
    ("DGBang", "DG Bảng - ô chữ", "bang", False, False, L, {}),
    ("DGBangSo", "DG Bảng - ô số", "bang", False, False, WD_ALIGN_PARAGRAPH.RIGHT, {}),
    ("DGBangGiua", "DG Bảng - ô giữa", "bang", False, False, C, {}),
    ("DGBangDeu", "DG Bảng - ô đều", "bang", False, False, J, {}),
    ("DGBangNhom", "DG Bảng - dòng nhóm", "bang", False, False, L, {"keep": True}),
    ("DGNoiNhanNhan", "DG Nơi nhận (nhãn)", "noi_nhan_label", True, True, L, {"before": 12}),
    ("DGNoiNhan", "DG Nơi nhận", "noi_nhan", False, False, L, {}),
    ("DGChucVu", "DG Quyền hạn chức vụ", "chuc_vu", True, False, C, {"before": 12, "contextual": True}),
    ("DGHoTen", "DG Họ tên người ký", "ho_ten", True, False, C, {"before": 80}),
    ("DGSoTrang", "DG Số trang", "so_trang", False, False, C, {}),
    ("DGLienHe", "DG Địa chỉ liên hệ", "dia_chi", False, False, C, {"border": True}),
    ("DGPhuLuc", "DG Phụ lục", "phu_luc", True, False, C, {"keep": True}),
    ("DGPhuLucTen", "DG Tên phụ lục", "phu_luc", True, False, C, {"keep": True}),
    ("DGPhuLucKem", "DG Phụ lục kèm theo", "phu_luc", False, True, C, {"keep": True}),
]


def _child(parent, tag: str):
    """The ``tag`` child of ``parent``, appended when missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def _set_fonts(rpr_parent) -> None:
    rpr = _child(rpr_parent, "w:rPr")
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def _defaults(doc) -> None:
    """Times New Roman, black, 14 pt, Vietnamese, everywhere (document defaults and Normal)."""
    styles = doc.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    _set_fonts(rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    for tag, val in (("w:sz", "28"), ("w:szCs", "28"), ("w:lang", "vi-VN")):
        _child(rpr, tag).set(qn("w:val"), val)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    _set_fonts(normal.element)
    normal.font.size = Pt(P["noi_dung"])
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    table_normal = doc.styles["Normal Table"] if "Normal Table" in [s.name for s in doc.styles] else None
    if table_normal is not None:
        _set_fonts(table_normal.element)


def _styles(doc) -> None:
    for style_id, name, size, bold, italic, align, extra in PARAGRAPH_STYLES:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(qn("w:styleId"), style_id)
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
        font = style.font
        font.name = FONT
        _set_fonts(style.element)
        font.size = Pt(P[size])
        font.bold = bold
        font.italic = italic
        font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.space_before = Pt(extra.get("before", 0))
        fmt.space_after = Pt(extra.get("after", 0))
        if extra.get("body"):
            fmt.first_line_indent = BODY_INDENT
            fmt.space_before = Pt(6)
            fmt.line_spacing = LINE
            fmt.widow_control = True
        if extra.get("keep"):
            fmt.keep_with_next = True
        if "left" in extra:
            fmt.left_indent = Cm(extra["left"])
        if extra.get("contextual"):  # the space above the block, not between its lines
            style.element.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))
        if extra.get("border"):
            _top_border(style)
        if "outline" in extra:
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(extra["outline"]))
            style.element.get_or_add_pPr().append(outline)
    rule = doc.styles.add_style("DG Đường kẻ", WD_STYLE_TYPE.PARAGRAPH)
    rule.element.set(qn("w:styleId"), "DGKe")
    rule.base_style = doc.styles["Normal"]
    rule.font.size = Pt(2)
    rule.paragraph_format.alignment = C
    rule.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    rule.paragraph_format.space_before = Pt(4)
    _top_border(rule)


def _top_border(style) -> None:
    """A thin solid line along the top of the paragraphs in ``style``."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), val)
    borders.append(top)
    ppr.insert(0, borders)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(nd30.PAGE["width_mm"]), Mm(nd30.PAGE["height_mm"])
    m = nd30.PAGE_MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])
    section.header_distance, section.footer_distance = Mm(m["header"]), Mm(m["footer"])
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.style = doc.styles["DG Số trang"]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    header._p.append(field)
    section.first_page_header.paragraphs[0].style = doc.styles["DG Số trang"]
    section.footer.is_linked_to_previous = False  # an empty footer: a phụ lục's pages show no ô 13 line
    footer = section.first_page_footer
    _cell(footer, [
        ("{%p if lien_he %}", "DG Địa chỉ liên hệ"),
        ("{{ lien_he }}", "DG Địa chỉ liên hệ"),
        ("{%p endif %}", "DG Địa chỉ liên hệ"),
        ("", "Normal"),  # a footer must keep one paragraph (ECMA-376) when the line is left out
    ])


def _para(container, text: str, style: str):
    paragraph = container.add_paragraph(text, style=style)
    return paragraph


def _borderless(table, widths_cm: list[float], cant_split: bool = False, sized: str | None = None) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "57")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)
    if sized:  # the engine sets this table's column widths for each document (docgen.render.prepared.SIZED_TABLE)
        caption = OxmlElement("w:tblCaption")
        caption.set(qn("w:val"), f"docgen:{sized}")
        tbl_pr.append(caption)
    for row in table.rows:
        if cant_split:
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths_cm):
        col.width = Cm(width)


def _cell(cell, lines: list[tuple[str, str]]) -> None:
    first = cell.paragraphs[0]
    for i, (text, style) in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.style = style
        if text:
            paragraph.add_run(text)


def _header_block(doc, kind_left_extra: list[tuple[str, str]], numbered: bool = True) -> None:
    """The agency and the Quốc hiệu side by side; under them the Số and the date (``numbered``: a document
    issued with a Quyết định has neither, Phụ lục III "Mẫu văn bản … kèm theo quyết định")."""
    table = doc.add_table(rows=2 if numbered else 1, cols=2)
    _borderless(table, [6.6, 9.9], sized="dau")
    a1, b1 = table.rows[0].cells
    _cell(a1, [
        ("{%p for dong in co_quan.chu_quan %}", "DG Cơ quan chủ quản"),
        ("{{ dong }}", "DG Cơ quan chủ quản"),
        ("{%p endfor %}", "DG Cơ quan chủ quản"),
        ("{%p for dong in co_quan.ten %}", "DG Cơ quan ban hành"),
        ("{{ dong }}", "DG Cơ quan ban hành"),
        ("{%p endfor %}", "DG Cơ quan ban hành"),
        ("{{p co_quan.duong_ke }}", "DG Đường kẻ"),
    ])
    _cell(b1, [
        (nd30.QUOC_HIEU, "DG Quốc hiệu"),
        (nd30.TIEU_NGU, "DG Tiêu ngữ"),
        ("{{p tieu_ngu_ke }}", "DG Đường kẻ"),
    ])
    if numbered:
        a2, b2 = table.rows[1].cells
        _cell(a2, [("Số: {{ so_ky_hieu }}", "DG Số ký hiệu"), *kind_left_extra])
        _cell(b2, [("{{r dia_danh_ngay }}", "DG Địa danh ngày")])


def _signature_block(doc, recipients: bool = True) -> None:
    table = doc.add_table(rows=1, cols=2)
    _borderless(table, [6.5, 10.0], cant_split=True, sized="ky")
    left, right = table.rows[0].cells
    if recipients:
        _cell(left, [
            ("Nơi nhận:", "DG Nơi nhận (nhãn)"),
            ("{%p for dong in noi_nhan %}", "DG Nơi nhận"),
            ("{{ dong }}", "DG Nơi nhận"),
            ("{%p endfor %}", "DG Nơi nhận"),
        ])
    _cell(right, [
        ("{%p for dong in ky.chuc_vu %}", "DG Quyền hạn chức vụ"),
        ("{{ dong }}", "DG Quyền hạn chức vụ"),
        ("{%p endfor %}", "DG Quyền hạn chức vụ"),
        ("{{ ky.ho_ten }}", "DG Họ tên người ký"),
    ])


KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid", "footnote text",
               "footnote reference"}

FOOTNOTE_SIZE = 10
"""Footnotes: the decree sets no size. 10 pt is what the real documents seen print them in (their notes run from
9 to 11 pt, most at 10) and Word's own size for footnote text: a note reads as a note, under the body's 14 pt."""

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def _footnotes(doc) -> None:
    """Word's footnotes part with its two separators, Word's own footnote styles (so that a footnote a clerk
    inserts in Word looks like docgen's), and the settings that name the separators."""
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import nsdecls

    text = doc.styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
    text.element.set(qn("w:styleId"), "FootnoteText")
    text.base_style = doc.styles["Normal"]
    _set_fonts(text.element)
    text.font.size = Pt(FOOTNOTE_SIZE)
    text.font.color.rgb = RGBColor(0, 0, 0)
    fmt = text.paragraph_format
    fmt.alignment = J
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    mark = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    mark.element.set(qn("w:styleId"), "FootnoteReference")
    mark.font.superscript = True
    blob = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>{_SEPARATORS}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    props = OxmlElement("w:footnotePr")
    for number in ("-1", "0"):
        separator = OxmlElement("w:footnote")
        separator.set(qn("w:id"), number)
        props.append(separator)
    later = settings.find(qn("w:compat"))
    if later is None:
        later = OxmlElement("w:compat")
        settings.append(later)
    later.addprevious(props)
    # A line ended by a line break (a "|" block in the plan) is not stretched across a justified paragraph: Word's
    # "Don't expand character spaces on a line ending with Shift+Return", which LibreOffice follows too.
    later.insert(0, OxmlElement("w:doNotExpandShiftReturn"))


def _lean(doc) -> None:
    """Drop what python-docx's default template carries and no document of ours uses
    (≈800 KB of unused styles, a thumbnail, custom XML): smaller files, faster saves."""
    styles = doc.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for style in list(styles.iterchildren(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is not None and not (name.get(qn("w:val")) in KEEP_STYLES or name.get(qn("w:val")).startswith("DG ")):
            styles.remove(style)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            doc.part.drop_rel(rel_id)
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)


APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b"<Application>docgen</Application><DocSecurity>0</DocSecurity></Properties>")


def _properties(doc, title: str) -> None:
    props = doc.core_properties
    props.title = title
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.comments = "Mẫu của docgen theo Nghị định 30/2020/NĐ-CP; các kiểu đoạn DG … giữ cỡ chữ, căn lề, giãn dòng."
    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.revision = 1
    # python-docx's extended properties say "Microsoft Macintosh Word", one page and no words: a reader of the
    # file's properties (or ``docgen check``, counting pages) would believe them. docgen made it; Word counts
    # pages and words again when it saves.
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML


def _document(title: str, under_number: list[tuple[str, str]], top_of_body: list[tuple[str, str]], path: Path,
              *, before_body: list[tuple[str, str]] = (), attached: bool = False) -> None:
    """One template: the shared header, ``top_of_body`` (title block or nothing), Kính gửi,
    căn cứ, ``before_body`` ("QUYẾT ĐỊNH:"), body, the shared signature block; ``under_number`` goes under
    the Số line. ``attached``: a document issued with a Quyết định, without Số, date and Nơi nhận, signed only
    when the plan asks (``ky_kem_theo``)."""
    doc = Document()
    _defaults(doc)
    _styles(doc)
    _footnotes(doc)
    _page(doc)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    _header_block(doc, under_number, numbered=not attached)
    for text, style in [
        *top_of_body,
        ("{{p kinh_gui }}", "DG Kính gửi"),
        ("{%p for dong in can_cu %}", "DG Căn cứ"),
        ("{{r dong }}", "DG Căn cứ"),
        ("{%p endfor %}", "DG Căn cứ"),
        *before_body,
        ("{{p noi_dung }}", "DG Nội dung"),
    ]:
        _para(doc, text, style)
    if attached:
        _para(doc, "{%p if ky_kem_theo %}", "Normal")
        _signature_block(doc, recipients=False)
        _para(doc, "{%p endif %}", "Normal")
    else:
        _signature_block(doc)
    end = _para(doc, "", "Normal")
    end.paragraph_format.space_before = Pt(0)
    _para(doc, "{{p phu_luc }}", "Normal")  # the phụ lục, each in a section of its own
    _properties(doc, title)
    _lean(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def main() -> None:
    templates = ROOT / "templates"
    _document("Mẫu 1.4 - Văn bản có tên loại", [], [
        ("{{ ten_loai }}", "DG Tên loại"),
        ("{{ trich_yeu }}", "DG Trích yếu"),
        ("{{p trich_yeu_ke }}", "DG Đường kẻ"),
    ], templates / "ke-hoach.docx")
    _document("Mẫu 1.5 - Công văn", [("V/v {{ trich_yeu }}", "DG Trích yếu công văn")], [], templates / "cong-van.docx")
    _document("Mẫu 1.2, 1.3 - Quyết định", [], [
        ("{{ ten_loai }}", "DG Tên loại"),
        ("{{ trich_yeu }}", "DG Trích yếu"),
        ("{{p trich_yeu_ke }}", "DG Đường kẻ"),
        ("{{ tham_quyen }}", "DG Thẩm quyền ban hành"),
    ], templates / "quyet-dinh.docx", before_body=[("QUYẾT ĐỊNH:", "DG Quyết định:")])
    _document("Mẫu văn bản được ban hành kèm theo quyết định (Phụ lục III, Mẫu 1.3)", [], [
        ("{{ ten_loai }}", "DG Tên loại"),
        ("{{ trich_yeu }}", "DG Trích yếu"),
        ("{{ kem_theo }}", "DG Ban hành kèm theo"),
        ("{{p trich_yeu_ke }}", "DG Đường kẻ"),
    ], templates / "kem-theo.docx", attached=True)
    print("wrote templates/ke-hoach.docx, cong-van.docx, quyet-dinh.docx, kem-theo.docx")


if __name__ == "__main__":
    main()
