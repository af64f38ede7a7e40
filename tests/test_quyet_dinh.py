"""Quyết định, and the kinds laid out as their own (issue 18): a Quyết định standing alone; a Kế hoạch issued by
a Quyết định, both documents from one plan; Tờ trình, Báo cáo, Thông báo. Each test renders real plans through the
real templates with the command line, opens the .docx and asserts what a reader sees, and that `docgen check`
finds nothing to say about it.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx_helpers import find, paragraph_format, run_format, text_lines, text_runs

from docgen.check import check_docx
from docgen.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
ISSUED = PLANS / "ngoc-lien-2026-quyet-dinh-ban-hanh.yaml"

HEAD = """\
co_quan:
  ten: [Ủy ban nhân dân, xã Ngọc Liên]
  viet_tat: UBND
don_vi_soan_thao: {viet_tat: VHXH}
dia_danh: Ngọc Liên
"""

KE_HOACH = HEAD + """\
loai: ke-hoach
ngay: 05/01/2026
trich_yeu: Tuyên truyền phổ biến pháp luật năm 2026
can_cu:
  - {loai: Luật, trich_yeu: "Phổ biến, giáo dục pháp luật", ngay: 20/6/2012}
noi_dung:
  - tieu_de: Mục đích, yêu cầu
    doan: [Nâng cao nhận thức pháp luật của cán bộ và Nhân dân.]
  - tieu_de: Nội dung
    doan: [Tuyên truyền trên loa truyền thanh của xã hằng tháng.]
ky: {quyen_han: [KT. Chủ tịch], chuc_vu: Phó Chủ tịch, ho_ten: Lê Văn An}
noi_nhan: ["Các thôn, làng"]
"""

DECISION = """\
quyet_dinh:
  so: 3
  can_cu:
    - {loai: Luật, trich_yeu: Tổ chức chính quyền địa phương, ngay: 16/6/2025}
  theo_de_nghi: Trưởng phòng Văn hóa - Xã hội
  thi_hanh: Chánh Văn phòng HĐND và UBND xã, Trưởng các phòng, đơn vị và Trưởng các thôn, làng
"""

STANDALONE = HEAD + """\
loai: quyet-dinh
so: 52
ngay: 12/5/2026
trich_yeu: Thành lập Ban Chỉ đạo các Chương trình mục tiêu quốc gia xã Ngọc Liên
can_cu:
  - {loai: Luật, trich_yeu: Tổ chức chính quyền địa phương, ngay: 16/6/2025}
theo_de_nghi: Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.
noi_dung:
  - doan: ["Thành lập Ban Chỉ đạo các Chương trình mục tiêu quốc gia xã Ngọc Liên, gồm các ông (bà) có tên sau:"]
    muc:
      - doan: [Ông Phạm Xuân Khánh - Phó Chủ tịch UBND xã - Trưởng ban;]
      - doan: [Ông Hà Văn Dũng - Trưởng phòng Kinh tế - Thành viên.]
  - tieu_de: Nhiệm vụ của Ban Chỉ đạo
    muc:
      - doan: [Giúp Ủy ban nhân dân xã chỉ đạo thực hiện các Chương trình;]
        muc:
          - doan: [Xây dựng kế hoạch hằng năm;]
          - doan: ["Kiểm tra, đôn đốc các thôn."]
      - doan: [Báo cáo kết quả với Chủ tịch Ủy ban nhân dân xã.]
  - doan: [Quyết định này có hiệu lực kể từ ngày ký.]
  - doan: ["Chánh Văn phòng HĐND và UBND xã, các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."]
ky: {quyen_han: [KT. Chủ tịch], chuc_vu: Phó Chủ tịch, ho_ten: Phạm Xuân Khánh}
noi_nhan: [Chủ tịch UBND xã]
"""


def _render(tmp_path: Path, run, text: str, name: str = "ke-hoach.yaml") -> list[Path]:
    """Write ``text`` as a plan and render it with the command line: the files written, each checked clean."""
    folder = tmp_path / "plans"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    out = tmp_path / "out"
    result = run("render", path, "-o", out)
    assert result.code == 0, result.err
    written = [Path(line.split(" ", 2)[2].rsplit(" (", 1)[0]) for line in result.out.splitlines()
               if line.startswith("Đã soạn")]
    for file in written:
        found = check_docx(file)
        assert found == [], [f.line() for f in found]
    return written


def _bold(doc, p, run) -> bool:
    return bool(run_format(run, p, "bold"))


# -- a Kế hoạch issued by a Quyết định: two documents from one plan ----------------------------------------------


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """The bundled Ngọc Liên plan issued by a Quyết định, rendered with the command line: (Kế hoạch, Quyết định)."""
    from conftest import cli

    out = tmp_path_factory.mktemp("pair")
    cli("render", ISSUED, "-o", out)
    stem = ISSUED.stem
    return out / f"{stem}.docx", out / f"{stem}-quyet-dinh.docx"


def test_one_plan_writes_the_plan_and_its_decision(pair):
    for path in pair:
        assert path.is_file()
        assert check_docx(path) == []  # the căn cứ are the Quyết định's: the plan's first citations are in full
    plan, decision = (docx.Document(p) for p in pair)
    assert "KẾ HOẠCH" in text_lines(plan) and "QUYẾT ĐỊNH" in text_lines(decision)


def test_decision_authority_line_and_quyet_dinh_label(pair):
    doc = docx.Document(pair[1])
    lines = text_lines(doc)
    assert "Số: 45/QĐ-UBND" in lines
    title = lines.index("QUYẾT ĐỊNH")
    assert " ".join(lines[title + 1].split()).startswith(
        "Ban hành Kế hoạch triển khai thực hiện Chương trình mục tiêu quốc gia")
    authority = find(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN")
    assert authority.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN"
    assert paragraph_format(authority, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert all(_bold(doc, authority, r) and run_format(r, authority, "size") == 14 for r in text_runs(authority))
    assert lines.index(authority.text) == title + 2  # right under the trích yếu (and its line)
    bases = [line for line in lines if line.startswith(("Căn cứ", "Theo đề nghị"))]
    assert bases[0] == "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
    assert all(line.endswith(";") for line in bases[:-1])
    assert bases[-1] == "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội xã."
    proposed = find(doc, "Theo đề nghị")
    assert all(run_format(r, proposed, "italic") for r in text_runs(proposed))
    label = find(doc, "QUYẾT ĐỊNH:")
    assert label.text == "QUYẾT ĐỊNH:" and lines.index("QUYẾT ĐỊNH:") == lines.index(bases[-1]) + 1
    assert paragraph_format(label, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert all(_bold(doc, label, r) for r in text_runs(label))


def test_decision_articles_bold_label_and_text_on_its_line(pair):
    doc = docx.Document(pair[1])
    articles = [p for p in doc.paragraphs if re.match(r"Điều \d+\.", p.text)]
    assert [p.text.split(" ", 2)[1] for p in articles] == ["1.", "2.", "3."]
    first = articles[0]
    runs = text_runs(first)
    assert runs[0].text == "Điều 1." and _bold(doc, first, runs[0])
    assert not any(_bold(doc, first, r) for r in runs[1:])
    assert first.text == ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch triển khai thực hiện Chương trình mục "
                          "tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi, năm "
                          "2026 trên địa bàn xã Ngọc Liên.")
    assert articles[1].text == "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
    assert articles[2].text.startswith("Điều 3. Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội")
    assert articles[2].text.endswith("chịu trách nhiệm thi hành Quyết định này./.")
    assert all(paragraph_format(p, "first_line_indent").cm == pytest.approx(1, abs=0.01) for p in articles)


def test_decision_noi_nhan_starts_nhu_dieu_3(pair):
    lines = text_lines(docx.Document(pair[1]))
    start = lines.index("Nơi nhận:")
    assert lines[start + 1] == "- Như Điều 3;"
    assert lines[start + 2] == "- Sở Dân tộc và Tôn giáo (để b/c);"
    assert "- Lưu: VT, VHXH." in lines
    assert "KT. CHỦ TỊCH" in lines and "Phạm Xuân Khánh" in lines


def test_attached_plan_carries_the_decision_line_and_no_number_date_or_signature(pair):
    doc = docx.Document(pair[0])
    lines = text_lines(doc)
    assert not any(line.startswith("Số:") for line in lines)
    assert not any(re.match(r"Ngọc Liên, ngày", line) for line in lines)
    title = lines.index("KẾ HOẠCH")
    issued = find(doc, "(Ban hành kèm theo")
    assert lines.index(issued.text) == title + 2
    assert re.search(r"ngày [ \u00a0]{4,}tháng\s4", issued.text)  # the day left blank, as wide as in the Quyết định
    assert " ".join(issued.text.split()) == ("(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày tháng 4 năm 2026 của "
                                             "Chủ tịch Ủy ban nhân dân xã Ngọc Liên)")
    assert paragraph_format(issued, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run_format(r, issued, "italic") and not _bold(doc, issued, r) for r in text_runs(issued))
    assert not any(line.startswith("Căn cứ") for line in lines)  # the Quyết định carries them
    assert "Nơi nhận:" not in lines and "Phạm Xuân Khánh" not in lines
    assert lines[-1].endswith("./.")
    assert len(docx.Document(pair[0]).tables) == 1  # the header only


def test_editing_the_date_or_title_changes_both_documents(tmp_path, run):
    text = (PLANS / ISSUED.name).read_text(encoding="utf-8")
    dated = text.replace("ngay:\n  thang: 4\n  nam: 2026", "ngay: 20/4/2026").replace(
        "Triển khai thực hiện Chương trình mục tiêu quốc gia", "Tổ chức thực hiện Chương trình mục tiêu quốc gia")
    assert dated != text
    plan, decision = (docx.Document(p) for p in _render_raw(tmp_path, run, dated))
    assert "Ngọc Liên, ngày 20 tháng 4 năm 2026" in text_lines(decision)
    issued = " ".join(find(plan, "(Ban hành kèm theo").text.split())
    assert "Quyết định số 45/QĐ-UBND ngày 20 tháng 4 năm 2026 của" in issued
    assert find(plan, "Tổ chức thực hiện Chương trình").text.startswith("Tổ chức thực hiện")
    assert find(decision, "Ban hành Kế hoạch").text.startswith("Ban hành Kế hoạch tổ chức thực hiện Chương trình")
    assert find(decision, "Điều 1.").text.startswith("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tổ chức")


def _render_raw(tmp_path: Path, run, text: str) -> list[Path]:
    path = tmp_path / ISSUED.name
    path.write_text(text, encoding="utf-8")
    result = run("render", path, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    return [tmp_path / "out" / f"{ISSUED.stem}.docx", tmp_path / "out" / f"{ISSUED.stem}-quyet-dinh.docx"]


def test_blank_number_in_both_documents_until_given(tmp_path, run):
    plan, decision = (docx.Document(p) for p in _render(tmp_path, run, KE_HOACH + DECISION.replace("  so: 3\n", "")))
    assert any(re.fullmatch(r"Số: +/QĐ-UBND", line) for line in text_lines(decision))
    issued = find(plan, "(Ban hành kèm theo").text.replace("\n", " ")
    assert re.search(r"Quyết định số [ \u00a0]{6}/QĐ-UBND ngày 05 tháng 01 năm 2026", issued), issued


def test_decision_from_a_small_plan_and_its_own_articles(tmp_path, run):
    text = KE_HOACH + DECISION + """\
  trich_yeu: Ban hành Kế hoạch tuyên truyền năm 2026
  hieu_luc: Quyết định này có hiệu lực từ ngày 10/01/2026.
  noi_nhan: [Phòng Tư pháp huyện]
"""
    plan, decision = (docx.Document(p) for p in _render(tmp_path, run, text))
    lines = text_lines(decision)
    assert "Ban hành Kế hoạch tuyên truyền năm 2026" in lines
    assert "Điều 2. Quyết định này có hiệu lực từ ngày 10/01/2026." in lines
    assert lines[lines.index("Nơi nhận:") + 1: lines.index("Nơi nhận:") + 3] == ["- Như Điều 3;",
                                                                                 "- Phòng Tư pháp huyện;"]
    bases = [line for line in lines if line.startswith("Căn cứ")]
    assert bases == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
                     "Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;"]
    text = KE_HOACH + DECISION + """\
  dieu:
    - doan: [Ban hành kèm theo Quyết định này Kế hoạch tuyên truyền phổ biến pháp luật năm 2026.]
    - doan: ["Giao Phòng Văn hóa - Xã hội theo dõi, đôn đốc thực hiện."]
    - doan: [Quyết định này có hiệu lực kể từ ngày ký.]
    - doan: ["Các phòng, đơn vị và Trưởng các thôn, làng chịu trách nhiệm thi hành Quyết định này."]
"""
    _plan, decision = (docx.Document(p) for p in _render(tmp_path, run, text))
    lines = text_lines(decision)
    assert "Điều 4. Các phòng, đơn vị và Trưởng các thôn, làng chịu trách nhiệm thi hành Quyết định này./." in lines
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như Điều 4;"


def test_attached_plan_signed_when_asked(tmp_path, run):
    plan, _decision = (docx.Document(p) for p in _render(tmp_path, run, KE_HOACH + DECISION + "  ky_kem_theo: true\n"))
    lines = text_lines(plan)
    assert lines[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn An"]
    assert "Nơi nhận:" not in lines


def test_tm_signature_makes_the_collective_the_authority(tmp_path, run):
    text = KE_HOACH.replace("ky: {quyen_han: [KT. Chủ tịch], chuc_vu: Phó Chủ tịch",
                            "ky: {quyen_han: [TM. Ủy ban nhân dân], chuc_vu: Chủ tịch") + DECISION
    plan, decision = (docx.Document(p) for p in _render(tmp_path, run, text))
    assert "ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN" in text_lines(decision)
    assert "của Ủy ban nhân dân xã Ngọc Liên)" in find(plan, "(Ban hành kèm theo").text.replace("\n", " ")


# -- a Quyết định standing alone ---------------------------------------------------------------------------------


def test_standalone_decision_articles_khoan_and_diem(tmp_path, run):
    (path,) = _render(tmp_path, run, STANDALONE, "quyet-dinh.yaml")
    doc = docx.Document(path)
    lines = text_lines(doc)
    assert "Số: 52/QĐ-UBND" in lines and "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN" in lines
    assert "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội." in lines
    assert lines[lines.index("QUYẾT ĐỊNH:") + 1].startswith("Điều 1. Thành lập Ban Chỉ đạo")
    assert "1. Ông Phạm Xuân Khánh - Phó Chủ tịch UBND xã - Trưởng ban;" in lines
    titled = find(doc, "Điều 2.")
    assert titled.text == "Điều 2. Nhiệm vụ của Ban Chỉ đạo"  # a titled article: bold all through, its text below
    assert all(_bold(doc, titled, r) for r in text_runs(titled))
    assert "a) Xây dựng kế hoạch hằng năm;" in lines and "b) Kiểm tra, đôn đốc các thôn." in lines
    assert "2. Báo cáo kết quả với Chủ tịch Ủy ban nhân dân xã." in lines
    assert lines[-1] == "Phạm Xuân Khánh"
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như Điều 4;"
    assert "Điều 4. Chánh Văn phòng HĐND và UBND xã, các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành " \
           "Quyết định này./." in lines


def test_standalone_decision_nhu_dieu_and_authority_given(tmp_path, run):
    text = STANDALONE + "nhu_dieu: 3\ntham_quyen: Ủy ban nhân dân xã Ngọc Liên\n"
    doc = docx.Document(_render(tmp_path, run, text, "quyet-dinh.yaml")[0])
    lines = text_lines(doc)
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như Điều 3;"
    assert "ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN" in lines


def test_legal_normative_number_with_its_year_is_accepted(tmp_path, run):
    from check.check_support import mutated, para, set_text

    (path,) = _render(tmp_path, run, STANDALONE, "quyet-dinh.yaml")
    changed = mutated(path.read_bytes(), lambda d: set_text(para(d, "Số:"), "Số: 15/2026/QĐ-UBND"))
    assert check_docx(changed) == []
    wrong = mutated(path.read_bytes(), lambda d: set_text(para(d, "Số:"), "Số: 15/2026/KH-UBND"))
    assert [f.rule for f in check_docx(wrong)] == ["so.ky_hieu"]


# -- Tờ trình, Báo cáo, Thông báo -----------------------------------------------------------------------------------


TO_TRINH = HEAD + """\
loai: to-trinh
so: 12
ngay: 02/3/2026
trich_yeu: Đề nghị phê duyệt danh mục công trình năm 2026
kinh_gui: Ủy ban nhân dân huyện Bạch Thông
mo_dau: Ủy ban nhân dân xã Ngọc Liên kính trình Ủy ban nhân dân huyện danh mục công trình năm 2026 như sau.
noi_dung:
  - tieu_de: Sự cần thiết
    doan: [Các công trình đã được Nhân dân đề xuất.]
ket_thuc: Ủy ban nhân dân xã Ngọc Liên kính trình Ủy ban nhân dân huyện xem xét, phê duyệt.
ky: {quyen_han: [TM. Ủy ban nhân dân], chuc_vu: Chủ tịch, ho_ten: Lê Văn An}
noi_nhan: [Thường trực Đảng ủy xã]
"""


def test_to_trinh_kinh_gui_centred_under_the_title(tmp_path, run):
    doc = docx.Document(_render(tmp_path, run, TO_TRINH, "to-trinh.yaml")[0])
    lines = text_lines(doc)
    assert "Số: 12/TTr-UBND" in lines and "TỜ TRÌNH" in lines
    kinh_gui = find(doc, "Kính gửi")
    assert kinh_gui.text == "Kính gửi: Ủy ban nhân dân huyện Bạch Thông"
    assert paragraph_format(kinh_gui, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert not paragraph_format(kinh_gui, "left_indent") and not paragraph_format(kinh_gui, "first_line_indent")
    assert lines.index(kinh_gui.text) == lines.index("TỜ TRÌNH") + 2
    assert "xem xét, phê duyệt./." in lines[lines.index("Nơi nhận:") - 1]
    assert lines[lines.index("Nơi nhận:") + 1] == "- Như trên;"


def test_to_trinh_needs_kinh_gui(write_plan, run):
    result = run("validate", write_plan(TO_TRINH.replace("kinh_gui: Ủy ban nhân dân huyện Bạch Thông\n", "")))
    assert result.code == 1
    assert 'Tờ trình cần mục "kinh_gui"' in result.err


@pytest.mark.parametrize("kind, symbol", [("bao-cao", "BC"), ("thong-bao", "TB"), ("quy-che", "QC"),
                                          ("quy-dinh", "QyĐ")])
def test_each_kind_numbers_with_its_abbreviation(tmp_path, run, kind, symbol):
    text = KE_HOACH.replace("loai: ke-hoach", f"loai: {kind}") + "so: 7\n"
    doc = docx.Document(_render(tmp_path, run, text, f"{kind}.yaml")[0])
    lines = text_lines(doc)
    assert f"Số: 07/{symbol}-UBND" in lines and KINDS[kind].name.upper() in lines


def test_a_regulation_is_numbered_in_articles(tmp_path, run):
    text = KE_HOACH.replace("loai: ke-hoach", "loai: quy-che")
    lines = text_lines(docx.Document(_render(tmp_path, run, text, "quy-che.yaml")[0]))
    assert "Điều 1. Mục đích, yêu cầu" in lines and "Điều 2. Nội dung" in lines


# -- mistakes, in the clerk's words ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, field, says", [
    (KE_HOACH.replace("loai: ke-hoach", "loai: bao-cao") + DECISION, "quyet_dinh",
     "Báo cáo không ban hành kèm theo Quyết định"),
    (KE_HOACH + "so: 5\n" + DECISION, "so", "không có số riêng"),
    (KE_HOACH + DECISION + "  nhu_dieu: 4\n", "quyet_dinh.nhu_dieu", "Quyết định chỉ có 3 điều, không có Điều 4"),
    (KE_HOACH + "tham_quyen: Chủ tịch UBND xã\n", "tham_quyen", '"tham_quyen" chỉ dùng cho Quyết định'),
    (STANDALONE + "nhu_dieu: 7\n", "nhu_dieu", "Quyết định chỉ có 4 điều, không có Điều 7"),
    (KE_HOACH + DECISION + "  ngay: 06/01/2026\n", "quyet_dinh.ngay", "mang ngày của Quyết định"),
    (STANDALONE.replace("theo_de_nghi: Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",
                        "theo_de_nghi: Trưởng phòng Văn hóa - Xã hội tại [[tt9]]"), "theo_de_nghi",
     "trích dẫn [[tt9]] không khớp"),
    (KE_HOACH + DECISION.replace("theo_de_nghi: Trưởng phòng Văn hóa - Xã hội",
                                 "theo_de_nghi: Trưởng phòng Văn hóa - Xã hội tại [[tt9]]"),
     "quyet_dinh.theo_de_nghi", "trích dẫn [[tt9]] không khớp"),
    (KE_HOACH.replace('noi_nhan: ["Các thôn, làng"]', "noi_nhan: []"), "noi_nhan", "cần ít nhất một nơi nhận"),
])
def test_mistakes_are_named_at_their_line(write_plan, run, text, field, says):
    path = write_plan(text)
    result = run("render", path, "-o", path.parent / "out")
    assert result.code == 1
    assert says in result.err and f"({field})" in result.err
    rows = path.read_text(encoding="utf-8").splitlines()
    key, indent = field.split(".")[-1] + ":", "  " * field.count(".")
    line = next(i for i, row in enumerate(rows, start=1) if row.startswith(indent + key))
    if field != "so":  # "so" is on two lines (the plan's and the decision's): the plan's is named
        assert f"dòng {line}," in result.err
    assert not (path.parent / "out").exists()


# -- build and diff treat the pair as one plan, two outputs ----------------------------------------------------------


def test_build_writes_both_and_rebuilds_both_when_the_plan_changes(tmp_path, run):
    folder = tmp_path / "plans"
    folder.mkdir()
    plan = folder / "tuyen-truyen.yaml"
    plan.write_text(KE_HOACH + DECISION, encoding="utf-8")
    out = tmp_path / "out"
    assert run("build", folder, "-o", out).code == 0
    names = ["tuyen-truyen-quyet-dinh.docx", "tuyen-truyen.docx"]
    assert sorted(p.name for p in out.glob("*.docx")) == names
    manifest = json.loads((out / ".docgen-build.json").read_text(encoding="utf-8"))
    assert sorted(manifest["plans"]["tuyen-truyen"]["outputs"]) == names
    assert {"template:kem-theo.docx", "template:quyet-dinh.docx"} <= set(manifest["plans"]["tuyen-truyen"]["inputs"])
    before = {name: (out / name).read_bytes() for name in names}
    again = run("build", folder, "-o", out)
    assert "Đã soạn 0, không đổi 1" in again.out
    (out / names[0]).unlink()  # one of the two gone: the plan is rendered again
    assert "Đã soạn 1" in run("build", folder, "-o", out).out
    assert {name: (out / name).read_bytes() for name in names} == before
    plan.write_text((KE_HOACH + DECISION).replace("ngay: 05/01/2026", "ngay: 06/01/2026"), encoding="utf-8")
    assert "Đã soạn 1" in run("build", folder, "-o", out).out
    after = {name: (out / name).read_bytes() for name in names}
    assert all(after[name] != before[name] for name in names)
    assert "ngày 06 tháng 01 năm 2026" in find(docx.Document(out / names[0]), "Ngọc Liên").text


def test_diff_speaks_of_both_documents(tmp_path, run):
    old = tmp_path / "cu.yaml"
    new = tmp_path / "moi.yaml"
    old.write_text(KE_HOACH + DECISION, encoding="utf-8")
    new.write_text((KE_HOACH + DECISION).replace("ngay: 05/01/2026", "ngay: 06/01/2026").replace(
        "  so: 3\n", "  so: 4\n").replace("Trưởng các thôn, làng\n", "Trưởng các thôn, làng, bản\n"), encoding="utf-8")
    result = run("diff", old, new)
    assert result.code == 0
    assert ('~ Sửa ngày ban hành (cả văn bản và Quyết định ban hành): "ngày 05 tháng 01 năm 2026" → '
            '"ngày 06 tháng 01 năm 2026"') in result.out
    assert '~ Sửa số Quyết định ban hành: "03" → "04"' in result.out
    assert '~ Sửa đoạn ở Quyết định ban hành › Điều 3: "làng" → "làng, bản"' in result.out
    # the Quyết định as built, against the edited plan: compared with the plan's Quyết định, not its Kế hoạch
    built = _render(tmp_path, run, KE_HOACH + DECISION, "cu.yaml")[1]
    against = run("diff", built, new)
    assert '"03/QĐ-UBND" → "04/QĐ-UBND"' in against.out and "Kế hoạch" not in against.out.split("\n", 1)[1]


def test_a_phu_luc_of_the_attached_plan_goes_with_the_decision(tmp_path, run):
    text = KE_HOACH + DECISION + """\
phu_luc:
  - tieu_de: Lịch tuyên truyền
    doan:
      - bang: Lịch phát thanh
        cot: [STT, Nội dung, Thời gian]
        hang: [[1, Luật Đất đai, Tháng 3], [2, Luật Hôn nhân và gia đình, Tháng 6]]
"""
    plan, _decision = (docx.Document(p) for p in _render(tmp_path, run, text))
    annex = find(plan, "(Kèm theo").text.replace("\n", " ")
    assert annex == ("(Kèm theo Quyết định số 03/QĐ-UBND ngày 05 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân xã "
                     "Ngọc Liên)")


# -- what real decisions write (found writing the Sơn La plan) --------------------------------------------------------


def test_laws_cited_together_by_their_names(tmp_path, run):
    """Two Luật in one căn cứ, with and without their dates: "Căn cứ Luật A ngày …; Luật B;" — by their names,
    never a number or an issuer they do not have."""
    text = STANDALONE.replace(
        "  - {loai: Luật, trich_yeu: Tổ chức chính quyền địa phương, ngay: 16/6/2025}",
        "  - {loai: Luật, van_ban: [{trich_yeu: Tổ chức chính quyền địa phương, ngay: 19/6/2015},"
        " {trich_yeu: Công nghệ thông tin}]}")
    (decision,) = _render(tmp_path, run, text)
    lines = [p.text for p in docx.Document(decision).paragraphs if p.text.startswith("Căn cứ")]
    assert lines == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; "
                     "Luật Công nghệ thông tin;"]


def test_a_cited_document_without_its_number_is_asked_for(write_plan, run):
    """A căn cứ that is not a law is printed with its number and date: without them, the clerk is told which to
    write, at the căn cứ's line — nothing prints "số None"."""
    text = STANDALONE.replace(
        "  - {loai: Luật, trich_yeu: Tổ chức chính quyền địa phương, ngay: 16/6/2025}",
        "  - {loai: Quyết định, co_quan: UBND tỉnh, van_ban: [{so: 12/QĐ-UBND, trich_yeu: về việc A}]}\n"
        "  - {loai: Nghị định, co_quan: Chính phủ, trich_yeu: quy định B}")
    path = write_plan(text)
    result = run("render", path, "-o", path.parent / "out")
    assert result.code == 1
    rows = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, row in enumerate(rows, start=1) if "loai: Quyết định" in row)
    assert f'dòng {first}, cột 5 (can_cu[1]): mỗi văn bản trong van_ban (Quyết định) cần "ngay"' in result.err
    assert f'dòng {first + 1}, cột 5 (can_cu[2]): căn cứ (Nghị định) cần "so" và "ngay"' in result.err
    assert "None" not in result.err and not (path.parent / "out").exists()


def test_xet_de_nghi_as_written_and_citing_the_submission(tmp_path, run):
    """"Xét đề nghị của … tại [[tt]] ngày …," is printed with its own words, the Tờ trình cited in the plan's one
    form, ending with "." as Mẫu 1.2's last căn cứ does."""
    text = STANDALONE.replace(
        "theo_de_nghi: Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",
        'theo_de_nghi: "Xét đề nghị của Trưởng phòng Văn hóa - Xã hội tại [[tt7-]] ngày 05/5/2026,"\n'
        "tham_chieu:\n"
        "  - {ma: tt7, loai: Tờ trình, so: 07/TTr-VHXH, ngay: 05/5/2026, co_quan: Phòng Văn hóa - Xã hội}")
    (decision,) = _render(tmp_path, run, text)
    texts = [p.text for p in docx.Document(decision).paragraphs]
    assert "Xét đề nghị của Trưởng phòng Văn hóa - Xã hội tại Tờ trình số 07/TTr-VHXH ngày 05/5/2026." in texts
    assert texts[texts.index("Xét đề nghị của Trưởng phòng Văn hóa - Xã hội tại Tờ trình số 07/TTr-VHXH ngày "
                             "05/5/2026.") + 1] == "QUYẾT ĐỊNH:"


def test_a_decision_may_leave_its_recipients_to_nhu_dieu(tmp_path, run):
    """A Quyết định without other recipients: "- Như Điều N;" and the Lưu line are its whole Nơi nhận."""
    (decision,) = _render(tmp_path, run, STANDALONE.replace("noi_nhan: [Chủ tịch UBND xã]", "noi_nhan: []"))
    cells = [p.text for t in docx.Document(decision).tables for c in t._cells for p in c.paragraphs]
    start = cells.index("Nơi nhận:")
    assert cells[start + 1:start + 3] == ["- Như Điều 4;", "- Lưu: VT, VHXH."]
