"""``docgen check FILE…`` on the command line: the report for a person, ``--json`` for programs,
exit codes, and files that are not Word documents."""

from __future__ import annotations

import json
import zipfile

import pytest
from check_support import clean, mutated, para, set_text  # noqa: F401  (clean: session fixture)
from docx.enum.section import WD_ORIENT
from docx.shared import Mm

from docgen.check import RULES

FIELDS = {"rule", "severity", "clause", "message", "detail", "text", "where"}


def _landscape(doc):
    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = Mm(297), Mm(210)


def _broken(doc):
    """Two errors (date without its zeros, an Arial run) and one warning (landscape)."""
    set_text(para(doc, "Ngọc Liên, ngày"), "Ngọc Liên, ngày 5 tháng 1 năm 2026")
    para(doc, "Ngân sách xã.").runs[0].font.name = "Arial"
    _landscape(doc)


@pytest.fixture
def files(clean, tmp_path):
    out = {
        "clean": tmp_path / "sach.docx",
        "broken": tmp_path / "loi.docx",
        "warned": tmp_path / "canh-bao.docx",
    }
    out["clean"].write_bytes(clean["ke-hoach-so"])
    out["broken"].write_bytes(mutated(clean["ke-hoach-so"], _broken))
    out["warned"].write_bytes(mutated(clean["ke-hoach-so"], _landscape))
    return out


def _no_traceback(result):
    assert "Traceback" not in result.out + result.err
    assert "Error" not in result.out, result.out


def test_clean_file_exits_0_and_says_so(run, files):
    result = run("check", files["clean"])
    assert result.code == 0, result.out + result.err
    assert result.out.strip() == f"{files['clean']}: đạt, không có lỗi theo Nghị định 30/2020/NĐ-CP."
    assert result.err == ""


def test_report_is_grouped_by_severity_and_cites_clause_and_text(run, files):
    result = run("check", files["broken"])
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == f"{files['broken']}: 2 lỗi, 1 cảnh báo"
    assert "  Lỗi:" in lines and "  Cảnh báo:" in lines
    errors_at, warnings_at = lines.index("  Lỗi:"), lines.index("  Cảnh báo:")
    assert errors_at < warnings_at
    error_lines = lines[errors_at + 1 : warnings_at]
    warning_lines = lines[warnings_at + 1 :]
    assert len(error_lines) == 2 and len(warning_lines) == 1
    date = next(x for x in error_lines if "[ngay.leading_zero]" in x)
    assert "Phụ lục I, II.4" in date
    assert '"ngày 5" cần ghi "ngày 05"' in date and '"tháng 1" cần ghi "tháng 01"' in date
    assert '"Ngọc Liên, ngày 5 tháng 1 năm 2026"' in date and "bảng 1, hàng 2, cột 2" in date
    font = next(x for x in error_lines if "[font.family]" in x)
    assert "Phụ lục I, I.4" in font and "Arial" in font and '"Ngân sách xã."' in font
    assert "[page.orientation]" in warning_lines[0] and "Phụ lục I, I.2" in warning_lines[0]
    _no_traceback(result)


def test_warnings_alone_do_not_fail(run, files):
    result = run("check", files["warned"])
    assert result.code == 0
    assert "  Cảnh báo:" in result.out.splitlines() and "  Lỗi:" not in result.out.splitlines()
    assert "0 lỗi, 1 cảnh báo" in result.out


def test_json_has_every_field_of_every_finding(run, files):
    result = run("check", "--json", files["broken"], files["clean"])
    assert result.code == 1
    data = json.loads(result.out)
    assert set(data) == {str(files["broken"]), str(files["clean"])}
    assert data[str(files["clean"])] == []
    found = data[str(files["broken"])]
    assert all(set(f) == FIELDS for f in found)
    assert sorted(f["rule"] for f in found) == ["font.family", "ngay.leading_zero", "page.orientation"]
    for f in found:
        rule = RULES[f["rule"]]
        assert (f["severity"], f["clause"], f["message"]) == (rule.severity, rule.clause, rule.message)
    date = next(f for f in found if f["rule"] == "ngay.leading_zero")
    assert date["text"] == "Ngọc Liên, ngày 5 tháng 1 năm 2026"
    assert date["where"] == "bảng 1, hàng 2, cột 2"
    assert date["severity"] == "lỗi" and date["clause"] == "Phụ lục I, II.4"


def test_json_clean_exits_0(run, files):
    result = run("check", "--json", files["clean"], files["warned"])
    assert result.code == 0
    data = json.loads(result.out)
    assert data[str(files["clean"])] == []
    assert [f["severity"] for f in data[str(files["warned"])]] == ["cảnh báo"]


def test_one_error_among_several_files_fails_the_run(run, files):
    result = run("check", files["clean"], files["broken"], files["warned"])
    assert result.code == 1
    assert result.out.count(str(files["clean"])) == 1 and "đạt" in result.out
    assert f"{files['broken']}: 2 lỗi" in result.out and f"{files['warned']}: 0 lỗi" in result.out


def _not_word(tmp_path):
    text = tmp_path / "ghi-chu.txt"
    text.write_text("Đây không phải văn bản Word.\n", encoding="utf-8")
    fake = tmp_path / "gia.docx"
    fake.write_bytes(b"%PDF-1.4 not really a docx")
    other_zip = tmp_path / "nen.docx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "a zip file, but not a Word document")
    return [text, fake, other_zip]


@pytest.mark.parametrize("which", [0, 1, 2], ids=["text-file", "pdf-bytes-named-docx", "zip-without-word"])
def test_not_a_docx_exits_1_with_a_vietnamese_message(run, tmp_path, which):
    path = _not_word(tmp_path)[which]
    result = run("check", path)
    assert result.code == 1
    assert f"{path}: không đọc được tệp Word .docx" in result.err
    _no_traceback(result)


def test_not_a_docx_beside_a_good_one(run, files, tmp_path):
    """The unreadable file is reported, the readable one still checked; JSON stays valid."""
    bad = _not_word(tmp_path)[0]
    result = run("check", "--json", files["clean"], bad)
    assert result.code == 1
    assert json.loads(result.out) == {str(files["clean"]): []}
    assert "không đọc được tệp Word .docx" in result.err
    _no_traceback(result)


def test_missing_file_is_refused_without_traceback(run, tmp_path):
    result = run("check", tmp_path / "khong-co.docx")
    assert result.code != 0
    assert "khong-co.docx" in result.err
    _no_traceback(result)
