"""A bad plan is refused through the real command line, with the file, line, column and field named.

Every file in bad/ is good.yaml with one fault (its first line says which). For each one,
``docgen render`` and ``docgen validate`` exit 1, print the problem on stderr as
``<file>, dòng N, cột M (field): message`` (indexes 1-based), show no traceback and write
nothing: an output folder that did not exist is not created, an existing .docx stays as it was.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from conftest import cp1258

HERE = Path(__file__).resolve().parent
GOOD = HERE / "good.yaml"
BAD = HERE / "bad"
OLD_BYTES = b"PK\x03\x04 a document rendered earlier, left as it was"

# file in bad/, line, column, field path as printed (None: the whole file), what the message must say
LOCATED = [
    # YAML syntax
    ("thut-le-sai.yaml", 5, 4, None, "YAML"),
    ("hai-cham-khong-ngoac.yaml", 9, 21, None, "YAML"),
    ("thut-le-tab.yaml", 26, 1, None, "YAML"),
    ("ngoac-chua-dong.yaml", 7, 11, None, "ngoặc kép"),
    # a required field missing
    ("thieu-ho-ten.yaml", 25, 3, "ky.ho_ten", "thiếu"),
    # mistyped values
    ("so-bang-chu.yaml", 7, 5, "so", '"hai"'),
    ("noi-nhan-chuoi.yaml", 29, 11, "noi_nhan", "danh sách"),
    ("cung-dong-maybe.yaml", 19, 16, "noi_dung[1].cung_dong", '"maybe"'),
    # unknown keys, with the key they were probably meant to be
    ("trich-yue.yaml", 9, 1, "trich_yue", 'có phải là "trich_yeu"?'),
    ("viettat.yaml", 5, 3, "co_quan.viettat", 'có phải là "viet_tat"?'),
    # values that cannot be used
    ("dia-danh-rong.yaml", 7, 11, "dia_danh", "không được để trống"),
    ("gach-rong.yaml", 21, 15, "noi_dung[1].doan[2].gach", "không được để trống"),
    ("ngay-31-4.yaml", 8, 7, "ngay", "31/4/2026"),
    ("loai-la.yaml", 2, 7, "loai", '"ke-hoach-x"'),
    ("so-ky-hieu-sai.yaml", 13, 9, "can_cu[1].so", '"số 1719/QĐ-TTg"'),
    ("luu-vt.yaml", 32, 5, "noi_nhan[3]", "Lưu: VT"),
    ("kt-thieu-tap-the.yaml", 25, 3, "ky.tap_the", '"tap_the"'),
    # what only the whole plan shows
    ("trich-dan-la.yaml", 20, 9, "noi_dung[1].doan[1]", "[[qd999]]"),
    ("ma-trung.yaml", 17, 9, "can_cu[2].ma", '"qd1719"'),
    ("khoa-trung.yaml", 8, 1, "dia_danh", "(dòng 7 và dòng 8)"),
    ("can-cu-sau-ngay.yaml", 14, 11, "can_cu[1].ngay", "21/04/2026"),
    # not a mapping of fields
    ("danh-sach.yaml", 2, 1, None, '"tên_mục: giá trị"'),
    ("so-la-yes.yaml", 7, 5, "so", "số nguyên"),
]

BAD_FILES = sorted(p.name for p in BAD.glob("*.yaml"))


def _first_non_ascii(data: bytes) -> tuple[int, int]:
    """1-based line and column (in bytes: an editor shows the stray byte there) of the first non-ASCII byte."""
    index = next(i for i, byte in enumerate(data) if byte > 127)
    line = data.count(b"\n", 0, index) + 1
    return line, index - (data.rfind(b"\n", 0, index) + 1) + 1


GOOD_TEXT = GOOD.read_text(encoding="utf-8").split("\n", 1)[1]  # without the comment line: starts "loai:"

# name, the file's bytes, line and column of the fault, what the message must say
UNREADABLE = [
    ("cp1258.yaml", cp1258(GOOD_TEXT), *_first_non_ascii(cp1258(GOOD_TEXT)), "UTF-8"),
    ("utf16.yaml", GOOD_TEXT.encode("utf-16"), 1, 1, "UTF-8"),
    ("rong.yaml", b"", 1, 1, '"tên_mục: giá trị"'),
]


def _problem_lines(err: str, path: Path) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(f"  - {path}, ")]


def _assert_refused(run, path: Path, tmp_path: Path) -> str:
    """Render and validate ``path``: both refuse it the same way and write nothing; returns stderr."""
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / f"{path.stem}.docx").write_bytes(OLD_BYTES)
    fresh = tmp_path / "fresh"

    rendered = run("render", path, "-o", existing)
    rendered_fresh = run("render", path, "-o", fresh)
    validated = run("validate", path)

    for result in (rendered, rendered_fresh, validated):
        assert result.code == 1, result.err
        assert "Traceback" not in result.err + result.out
        assert str(path) in result.err.splitlines()[0]
        assert _problem_lines(result.err, path), result.err
    assert rendered.err == rendered_fresh.err == validated.err
    assert [p.name for p in existing.iterdir()] == [f"{path.stem}.docx"]
    assert (existing / f"{path.stem}.docx").read_bytes() == OLD_BYTES
    assert not fresh.exists()
    return rendered.err


def test_good_plan_is_valid(run, tmp_path):
    """The plan every bad file is made from is itself fine (so each bad file has only its own fault)."""
    assert run("validate", GOOD).code == 0
    result = run("render", GOOD, "-o", tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "good.docx").is_file()


def test_every_bad_file_is_in_the_table():
    located = {case.values[0] if hasattr(case, "values") else case[0] for case in LOCATED}
    assert located == {p.name for p in BAD.glob("*.yaml")} - {"nhieu-loi.yaml"}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_plan_is_refused_and_nothing_is_written(run, tmp_path, name):
    _assert_refused(run, BAD / name, tmp_path)


@pytest.mark.parametrize(("name", "line", "column", "field", "says"), LOCATED)
def test_problem_names_line_column_and_field(run, name, line, column, field, says):
    path = BAD / name
    result = run("validate", path)
    assert result.code == 1, result.out
    where = f"  - {path}, dòng {line}, cột {column}" + (f" ({field})" if field else "") + ": "
    found = [text for text in result.err.splitlines() if text.startswith(where)]
    assert found, f"no problem at {where!r} in:\n{result.err}"
    assert says in found[0]


def test_several_problems_are_all_reported(run, tmp_path):
    path = BAD / "nhieu-loi.yaml"
    err = _assert_refused(run, path, tmp_path)
    assert "(3 lỗi)" in err.splitlines()[0]
    assert [line.split(": ", 1)[0] for line in _problem_lines(err, path)] == [
        f"  - {path}, dòng 7, cột 11 (dia_danh)",
        f"  - {path}, dòng 8, cột 7 (ngay)",
        f"  - {path}, dòng 25, cột 3 (ky.ho_ten)",
    ]


@pytest.mark.parametrize(("name", "count"), [("trich-yue.yaml", 2), ("viettat.yaml", 2), ("so-bang-chu.yaml", 1)])
def test_header_counts_the_problems(run, name, count):
    result = run("validate", BAD / name)
    assert f"({count} lỗi)" in result.err.splitlines()[0]
    assert len(_problem_lines(result.err, BAD / name)) == count


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("hai-cham-khong-ngoac.yaml", "ngoặc kép"),
        ("thut-le-tab.yaml", "dấu cách"),
    ],
)
def test_yaml_syntax_error_explains_the_fix(run, name, hint):
    result = run("validate", BAD / name)
    assert result.code == 1
    assert hint in result.err


def test_choice_message_is_all_vietnamese(run):
    result = run("validate", BAD / "loai-la.yaml")
    assert result.code == 1
    assert " or " not in result.err


@pytest.mark.parametrize(("name", "data", "line", "column", "says"), UNREADABLE, ids=[c[0] for c in UNREADABLE])
def test_unreadable_file_is_refused(run, tmp_path, name, data, line, column, says):
    path = tmp_path / "plans" / name
    path.parent.mkdir()
    path.write_bytes(data)
    err = _assert_refused(run, path, tmp_path)
    problems = _problem_lines(err, path)
    assert len(problems) == 1
    assert re.match(rf"  - {re.escape(str(path))}, dòng {line}, cột {column}: ", problems[0]), problems[0]
    assert says in problems[0]


@pytest.mark.parametrize(
    ("name", "data", "line", "column", "says"),
    [case for case in UNREADABLE if case[0] != "rong.yaml"],
    ids=["cp1258.yaml", "utf16.yaml"],
)
def test_unreadable_file_names_the_column(run, tmp_path, name, data, line, column, says):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("validate", path)
    assert _problem_lines(result.err, path)[0].startswith(f"  - {path}, dòng {line}, cột {column}: ")


def test_cp1258_file_really_is_not_utf8():
    """The test data is what it claims to be: Vietnamese text in cp1258 (so its first problem is located)."""
    data = cp1258(GOOD_TEXT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == GOOD_TEXT


def test_render_writes_no_file_when_a_later_plan_is_bad(run, tmp_path):
    first = tmp_path / "a.yaml"
    first.write_bytes(GOOD.read_bytes())
    second = BAD / "ngay-31-4.yaml"
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.docx").write_bytes(OLD_BYTES)

    result = run("render", first, second, "-o", out)
    fresh = run("render", first, second, "-o", tmp_path / "fresh")

    assert result.code == fresh.code == 1
    assert not (tmp_path / "fresh").exists()
    assert str(second) in result.err
    assert str(first) not in result.err
    assert sorted(p.name for p in out.iterdir()) == ["a.docx"]
    assert (out / "a.docx").read_bytes() == OLD_BYTES
    assert result.out == ""


def test_validate_reports_every_bad_plan_of_several(run, tmp_path):
    result = run("validate", GOOD, BAD / "so-bang-chu.yaml", BAD / "loai-la.yaml")
    assert result.code == 1
    assert _problem_lines(result.err, BAD / "so-bang-chu.yaml")
    assert _problem_lines(result.err, BAD / "loai-la.yaml")
    assert str(GOOD) not in result.err
