"""Tables and phụ lục as offices print them (issue 17): widths, alignment, merged cells, totals, the amount in
words, phụ lục on pages of their own (landscape, numbered from 1), read back from the .docx and from the PDF."""

from __future__ import annotations

import re
import subprocess

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx_helpers import find, text_lines

from docgen.check import check_docx
from docgen.pdf import find_soffice

PLAN = """\
loai: ke-hoach
co_quan: {ten: [Ủy ban nhân dân, xã Ngọc Liên], viet_tat: UBND}
don_vi_soan_thao: {viet_tat: VHXH}
so: 12
dia_danh: Ngọc Liên
ngay: 20/4/2026
trich_yeu: Thực hiện chuyển đổi số năm 2026
noi_dung:
  - tieu_de: Nhiệm vụ
    doan:
      - Các nhiệm vụ chi tiết tại [[nv]]; kinh phí [[kp+]], chi tiết tại [[ngansach]]; phát thanh [[kp.pt]].
      - bang: Chỉ tiêu chủ yếu
        cot: [STT, Chỉ tiêu, Đơn vị, Kế hoạch năm 2026]
        hang:
          - [1, Tỷ lệ hồ sơ trực tuyến toàn trình, "%", 80]
          - [2, Số người dân có tài khoản định danh điện tử mức 2, người, 12500]
ket_thuc: Trên đây là Kế hoạch chuyển đổi số năm 2026.
ky: {quyen_han: [TM. Ủy ban nhân dân, KT. Chủ tịch], chuc_vu: Phó Chủ tịch, ho_ten: Phạm Xuân Khánh}
noi_nhan: [UBND huyện (để b/c)]
phu_luc:
  - ma: nv
    tieu_de: Danh mục nhiệm vụ chuyển đổi số năm 2026
    ngang: true
    doan:
      - bang: Danh mục nhiệm vụ
        cot:
          - {ten: STT, rong: 1}
          - {ten: Nhiệm vụ, rong: 6}
          - {ten: Cơ quan chủ trì, rong: 3}
          - {ten: Cơ quan phối hợp, rong: 3}
          - {ten: Thời gian hoàn thành, rong: 2, can: giua}
          - {ten: Sản phẩm, rong: "3 cm"}
        hang:
          - nhom: I. CÔNG TÁC TUYÊN TRUYỀN
          - [1, Tuyên truyền về chuyển đổi số trên loa truyền thanh, Văn phòng, Các thôn, Quý I/2026, Chương trình]
          - [2, Tổ chức tập huấn kỹ năng số cho người dân, "^", Đoàn Thanh niên, Quý II/2026, Lớp tập huấn]
          - [3, Hướng dẫn dịch vụ công trực tuyến tại các thôn, "^", Các thôn, Quý II/2026, Tổ công nghệ số]
          - nhom: II. HẠ TẦNG SỐ
          - [4, Nâng cấp mạng nội bộ, Văn phòng, Viễn thông huyện, Quý III/2026, Mạng nội bộ]
  - ma: ngansach
    tieu_de: Kinh phí thực hiện
    doan:
      - bang: Dự toán kinh phí
        ma: kp
        don_vi_tinh: triệu đồng
        bang_chu: true
        cot: [STT, Nội dung, {ten: Kinh phí, tong: 1250.5, ma: pt}]
        hang:
          - nhom: I. Tuyên truyền
          - [1, Phát thanh, 150]
          - [2, Tập huấn, 100.5]
          - nhom: II. Hạ tầng
          - [3, Mạng nội bộ, 1000]
"""
W = qn("w:tcW")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    plan = folder / "bang.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    from conftest import cli

    cli("render", plan, "-o", folder)
    return folder / "bang.docx"


def _widths(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))]


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def _table(doc, heading: str):
    return next(t for t in doc.tables if t.rows[0].cells[1].text == heading)


def test_it_renders_and_checks_clean(rendered):
    found = check_docx(rendered)
    assert found == [], [f.line() for f in found]


def test_widths_from_content_make_stt_narrow_and_fill_the_text_area(rendered):
    doc = docx.Document(rendered)
    widths = _widths(_table(doc, "Chỉ tiêu"))
    assert sum(widths) == 9355  # 165 mm, the text area
    assert widths[0] < 1000 < widths[1] and widths[1] == max(widths)
    table = _table(doc, "Chỉ tiêu")._tbl
    assert table.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert [e.get(qn("w:val")) for e in table.tblPr.find(qn("w:tblBorders"))] == ["single"] * 6


def test_shares_and_fixed_widths_on_a_landscape_page(rendered):
    doc = docx.Document(rendered)
    widths = _widths(_table(doc, "Nhiệm vụ"))
    assert sum(widths) == 14287  # 297 − 30 − 15 mm
    assert abs(widths[5] - 1701) <= 1  # "3 cm"
    rest = sum(widths) - widths[5]
    for share, width in zip((1, 6, 3, 3, 2), widths):
        assert abs(width - rest * share / 15) <= 2


def test_alignment_stt_centred_numbers_right_text_left(rendered):
    doc = docx.Document(rendered)
    row = _table(doc, "Chỉ tiêu").rows[2]
    styles = [c.paragraphs[0].style for c in row.cells]
    assert [s.style_id for s in styles] == ["DGBangGiua", "DGBang", "DGBang", "DGBangSo"]
    assert [s.paragraph_format.alignment for s in styles] == [WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT,
                                                               WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT]
    assert row.cells[3].text == "12.500"
    header = _table(doc, "Chỉ tiêu").rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in _table(doc, "Chỉ tiêu").rows)


def test_group_rows_span_and_cells_merge_down(rendered):
    doc = docx.Document(rendered)
    table = _table(doc, "Nhiệm vụ")._tbl
    rows = table.findall(qn("w:tr"))
    group = rows[1].findall(qn("w:tc"))
    assert len(group) == 1 and group[0].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "6"
    assert _text(group[0]) == "I. CÔNG TÁC TUYÊN TRUYỀN"
    assert all(r.find(qn("w:rPr")).find(qn("w:b")) is not None for r in group[0].iter(qn("w:r")))
    merges = [[tc.tcPr.find(qn("w:vMerge")) for tc in row.findall(qn("w:tc"))][2] for row in rows[2:5]]
    assert merges[0].get(qn("w:val")) == "restart" and merges[1].get(qn("w:val")) is None
    assert merges[2].get(qn("w:val")) is None
    assert _text(rows[2].findall(qn("w:tc"))[2]) == "Văn phòng"


def test_totals_subtotals_and_the_amount_in_words(rendered):
    doc = docx.Document(rendered)
    table = _table(doc, "Nội dung")
    seen = [[c.text for c in row.cells] for row in table.rows]
    assert seen[1] == ["I. Tuyên truyền", "I. Tuyên truyền", "250,5"]  # python-docx repeats a spanned cell
    assert seen[4] == ["II. Hạ tầng", "II. Hạ tầng", "1.000"]
    assert seen[-1] == ["Tổng cộng", "Tổng cộng", "1.250,5"]
    lines = text_lines(doc)
    assert "(Bằng chữ: Một tỷ hai trăm năm mươi triệu năm trăm nghìn đồng)" in lines
    assert lines[lines.index("Dự toán kinh phí") + 1] == "Đơn vị tính: triệu đồng"


def test_the_text_cites_the_phu_luc_and_the_computed_totals(rendered):
    doc = docx.Document(rendered)
    assert find(doc, "Các nhiệm vụ").text == (
        "Các nhiệm vụ chi tiết tại Phụ lục I; kinh phí 1.250,5 triệu đồng (Bằng chữ: Một tỷ hai trăm năm mươi "
        "triệu năm trăm nghìn đồng), chi tiết tại Phụ lục II; phát thanh 1.250,5 triệu đồng.")
    assert find(doc, "Trên đây").text.endswith("năm 2026./.")
    assert not any(line.endswith("./.") for line in text_lines(doc) if line != find(doc, "Trên đây").text)


def test_each_phu_luc_in_its_own_section_landscape_and_numbered_from_one(rendered):
    doc = docx.Document(rendered)
    main, first, second = doc.sections
    assert main.page_width < main.page_height and first.page_width > first.page_height
    assert second.page_width < second.page_height
    for section in (first, second):
        start = section._sectPr.find(qn("w:pgNumType"))
        assert start is not None and start.get(qn("w:start")) == "1"
    heading = [p.text for p in doc.paragraphs if p.text.startswith(("Phụ lục", "DANH MỤC", "(Kèm theo"))]
    assert heading[:3] == ["Phụ lục I", "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
                           "(Kèm theo Kế hoạch số 12/KH-UBND ngày 20 tháng 4 năm 2026 của Ủy ban nhân dân xã\nNgọc Liên)"
                           if "\n" in heading[2] else
                           "(Kèm theo Kế hoạch số 12/KH-UBND ngày 20 tháng 4 năm 2026 của Ủy ban nhân dân xã Ngọc Liên)"]
    styles = {p.text: p.style.style_id for p in doc.paragraphs if p.text in ("Phụ lục I", "Phụ lục II")}
    assert styles == {"Phụ lục I": "DGPhuLuc", "Phụ lục II": "DGPhuLuc"}


@pytest.mark.parametrize(("change", "field", "says"), [
    (("tong: 1250.5", "tong: 1300"), "phu_luc[2].doan[1].cot[3].tong",
     'cột "Kinh phí" của bảng «Dự toán kinh phí»: tổng cộng ghi 1.300 nhưng cộng các hàng được 1.250,5'),
    (("          - [3, Mạng nội bộ, 1000]\n", "          - [3, Mạng nội bộ, 1000]\n          - ['', Tổng cộng, 1250.5]\n"),
     "phu_luc[2].doan[1].hang[6]", "đây là hàng tổng cộng"),
    (("don_vi_tinh: triệu đồng", "don_vi_tinh: ha"), "phu_luc[2].doan[1].bang_chu", "cần là một đơn vị tiền"),
    (("          - [2, Tổ chức tập huấn", "          - nhom: X\n          - [2, Tổ chức tập huấn"),
     "phu_luc[1].doan[1]", 'ô "^" nối với ô phía trên'),
    (("Các nhiệm vụ chi tiết tại [[nv]]", "Các nhiệm vụ chi tiết tại [[nv3]]"), "noi_dung[1].doan[1]", '"nv"'),
])
def test_a_wrong_table_is_refused_naming_the_row_and_the_figures(write_plan, run, change, field, says):
    result = run("validate", write_plan(PLAN.replace(*change)))
    assert result.code == 1 and f"({field})" in result.err and says in result.err, result.err


def test_one_phu_luc_is_cited_as_phu_luc_without_a_number(write_plan, run, tmp_path):
    text = PLAN[:PLAN.index("  - ma: ngansach")].replace(", chi tiết tại [[ngansach]]; phát thanh [[kp.pt]]", "")
    text = text.replace("; kinh phí [[kp+]]", "")
    result = run("render", write_plan(text), "-o", tmp_path / "out")
    assert result.code == 0, result.err
    doc = docx.Document(tmp_path / "out" / "ke-hoach.docx")
    assert find(doc, "Các nhiệm vụ").text == "Các nhiệm vụ chi tiết tại Phụ lục."
    assert "Phụ lục" in [p.text for p in doc.paragraphs]


def test_the_ending_is_never_put_on_a_table_that_closes_the_body(write_plan, run, tmp_path):
    text = PLAN.replace("ket_thuc: Trên đây là Kế hoạch chuyển đổi số năm 2026.\n", "")
    result = run("render", write_plan(text), "-o", tmp_path / "out")
    assert result.code == 0, result.err
    doc = docx.Document(tmp_path / "out" / "ke-hoach.docx")
    assert find(doc, "Các nhiệm vụ").text.endswith("phát thanh 1.250,5 triệu đồng./.")
    assert not find(doc, "Chỉ tiêu chủ yếu").text.endswith("./.")


# -- the PDF ------------------------------------------------------------------------------------------

pdf = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed here (CI installs it)")


@pytest.fixture(scope="module")
def printed(rendered):
    from docgen.pdf import to_pdf

    (made,) = to_pdf([rendered], rendered.parent)
    return made


@pdf
def test_the_pdf_draws_each_tables_grid(printed):
    import pymupdf

    document = pymupdf.open(printed)
    for number, columns, rows in ((1, 4, 3), (2, 6, 7), (3, 3, 7)):
        page = document[number - 1]
        segments = [item for drawing in page.get_drawings() for item in drawing["items"] if item[0] in ("l", "re")]
        vertical = horizontal = 0
        for item in segments:
            if item[0] == "re":
                rect = item[1]
                vertical += rect.width < 2 and rect.height > 8
                horizontal += rect.height < 2 and rect.width > 20
            else:
                a, b = item[1], item[2]
                vertical += abs(a.x - b.x) < 1 and abs(a.y - b.y) > 8
                horizontal += abs(a.y - b.y) < 1 and abs(a.x - b.x) > 20
        assert horizontal >= rows + 1 and vertical >= columns + 1, (number, horizontal, vertical)
    assert document[1].rect.width > document[1].rect.height  # the task phụ lục is landscape


@pdf
def test_a_long_phu_lucs_pages_are_numbered_from_one(tmp_path, write_plan, run):
    rows = "".join(f"          - [{i}, Nhiệm vụ số {i} của kế hoạch, Văn phòng, Các thôn, Quý IV/2026, Báo cáo]\n"
                   for i in range(5, 60))
    path = write_plan(PLAN.replace("          - [4, Nâng cấp mạng nội bộ", rows + "          - [60, Nâng cấp mạng nội bộ"))
    assert run("render", path, "-o", tmp_path / "out", "--pdf").code == 0
    made = tmp_path / "out" / "ke-hoach.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(made)], capture_output=True, text=True,
                                                                    check=True).stdout).group(1))
    tops = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(made), "-"], capture_output=True,
                           text=True, check=True).stdout.strip().splitlines()[0].strip() for n in range(1, pages + 1)]
    annex = tops.index("Phụ lục I")
    assert tops[annex + 1] == "2"  # its second page, numbered from the phụ lục's first
    assert tops[-1] == "Phụ lục II"  # the next phụ lục starts a page of its own, its first page unnumbered



def test_no_share_is_narrower_than_its_longest_word():
    from docgen.plan.model import Cot
    from docgen.render.context import CELL_PAD, column_widths
    from docgen.render.layout import text_width

    columns = [Cot(ten="STT", rong=1), Cot(ten="Nội dung", rong=12), Cot(ten="Thành tiền", rong=3)]
    cells = {0: ["1", "2"], 1: ["Thuê hội trường"], 2: ["50.000.000"]}
    widths = column_widths(columns, [c.ten for c in columns], lambda k: cells[k], 9355)
    assert sum(widths) == 9355
    assert widths[0] >= round(text_width("STT", 13, True) * 20) + CELL_PAD
    assert widths[2] >= round(text_width("50.000.000", 13) * 20) + CELL_PAD
    assert widths[1] > 5 * widths[0]


@pdf
def test_the_bundled_example_with_phu_luc_prints_its_grids_landscape_and_numbering(tmp_path):
    """plans/vi-du-ke-hoach-phu-luc.yaml: a landscape task phụ lục (group rows across the row, a cell merged down)
    and a budget phụ lục (totals, subtotals, the amount in words), as .docx and as PDF."""
    import pymupdf

    from conftest import PLANS, cli

    cli("render", PLANS / "vi-du-ke-hoach-phu-luc.yaml", "-o", tmp_path, "--pdf")
    made = tmp_path / "vi-du-ke-hoach-phu-luc.docx"
    assert check_docx(made) == []
    doc = docx.Document(made)
    tasks, budget = doc.tables[-2]._tbl, doc.tables[-1]._tbl
    assert [int(c.get(qn("w:w"))) for c in tasks.tblGrid.iterchildren(qn("w:gridCol"))][1] > 4000
    assert tasks.findall(qn("w:tr"))[1].find(qn("w:tc")).tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "6"
    assert [tc.tcPr.find(qn("w:vMerge")) is not None for tc in tasks.findall(qn("w:tr"))[2].findall(qn("w:tc"))][2]
    assert _text(budget.findall(qn("w:tr"))[-1]) == "Tổng cộng71.720.000"
    main, first, second = doc.sections
    assert first.page_width > first.page_height and second.page_width < second.page_height
    assert all(s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1" for s in (first, second))
    printed = pymupdf.open(tmp_path / "vi-du-ke-hoach-phu-luc.pdf")
    assert printed.page_count == 3 and printed[1].rect.width > printed[1].rect.height
    for page, rows in ((printed[1], 7), (printed[2], 13)):
        horizontal = sum(1 for d in page.get_drawings() for item in d["items"]
                         if (item[0] == "l" and abs(item[1].y - item[2].y) < 1 and abs(item[1].x - item[2].x) > 20)
                         or (item[0] == "re" and item[1].height < 2 and item[1].width > 20))
        assert horizontal >= rows, (page.number, horizontal)


def test_a_table_may_have_no_title(write_plan, run, tmp_path):
    text = PLAN.replace("      - bang: Dự toán kinh phí\n        ma: kp", "      - ma: kp").replace("tong: 1250.5", "tong: 99")
    result = run("validate", write_plan(text))
    assert result.code == 1 and 'cột "Kinh phí" của bảng: tổng cộng ghi 99' in result.err, result.err
    result = run("render", write_plan(text.replace("tong: 99", "tong: 1250.5")), "-o", tmp_path / "out")
    assert result.code == 0, result.err
    doc = docx.Document(tmp_path / "out" / "ke-hoach.docx")
    lines = text_lines(doc)
    assert "Dự toán kinh phí" not in lines
    annex = lines.index("Phụ lục II")  # its heading, its title, its (Kèm theo …), then the table's unit line
    assert lines[annex + 2].startswith("(Kèm theo") and lines[annex + 3] == "Đơn vị tính: triệu đồng"


def test_an_stt_column_numbered_with_dots_is_centred(render_plan):
    """STT written "2.1", "3.3.1" (text, not numbers) is still the STT column: centred, as offices print it."""
    from conftest import MINIMAL_PLAN

    plan = MINIMAL_PLAN.replace("      - Nội dung thứ nhất.\n", (
        "      - cot: [STT, Chỉ tiêu, {ten: Số liệu, can: phai}]\n"
        "        hang:\n"
        '          - ["2", Tỷ lệ hoàn thành, "22,45"]\n'
        '          - ["2.1", Số nhiệm vụ đề ra, 49]\n'
        '          - ["3.3.1", Số vấn đề phát hiện, 0]\n'))
    doc = render_plan(plan)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "STT")
    for row in table.rows[1:]:
        assert row.cells[0].paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
