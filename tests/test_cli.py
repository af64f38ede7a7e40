"""The ``docgen`` command line: where documents go, what it prints, its exit codes."""

from __future__ import annotations

import docx
import pytest
from conftest import MINIMAL_PLAN
from docx_helpers import text_lines


def _files(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_render_writes_stem_docx_in_the_output_folder_and_prints_its_path(run, write_plan, tmp_path):
    plan = write_plan(MINIMAL_PLAN, name="ke-hoach-thang-4.yaml")
    out = tmp_path / "van-ban"

    result = run("render", plan, "-o", out)

    assert result.code == 0, result.err
    assert _files(out) == ["ke-hoach-thang-4.docx"]
    assert str(out / "ke-hoach-thang-4.docx") in result.out
    assert result.err == ""
    assert "Nội dung thứ nhất./." in text_lines(docx.Document(out / "ke-hoach-thang-4.docx"))


def test_render_several_plans_writes_one_document_each(run, write_plan, tmp_path):
    first = write_plan(MINIMAL_PLAN, name="mot.yaml")
    second = write_plan(MINIMAL_PLAN.replace("Nội dung thứ nhất.", "Nội dung khác."), name="hai.yaml")
    out = tmp_path / "out"

    result = run("render", first, second, "--output", out)

    assert result.code == 0, result.err
    assert _files(out) == ["hai.docx", "mot.docx"]
    assert str(out / "mot.docx") in result.out and str(out / "hai.docx") in result.out
    assert "Nội dung khác./." in text_lines(docx.Document(out / "hai.docx"))


def test_render_of_many_plans_flushes_them_together_and_leaves_no_temporary_file(run, write_plan, tmp_path):
    """Past a few files, the command flushes them to the disk with one sync instead of one by one."""
    plans = [write_plan(MINIMAL_PLAN.replace("Nội dung thứ nhất.", f"Nội dung số {i}."), name=f"kh-{i:02d}.yaml")
             for i in range(10)]
    out = tmp_path / "out"

    result = run("render", *plans, "-o", out)

    assert result.code == 0, result.err
    assert _files(out) == [f"kh-{i:02d}.docx" for i in range(10)]  # and no .tmp beside them
    assert "Nội dung số 7./." in text_lines(docx.Document(out / "kh-07.docx"))


def test_making_files_durable_passes_over_one_already_gone(tmp_path):
    from docgen.render.engine import make_durable, write_atomic

    write_atomic(b"da ghi", tmp_path / "a.docx", durable=False)
    make_durable([tmp_path / "a.docx", tmp_path / "khong-con.docx"])
    assert (tmp_path / "a.docx").read_bytes() == b"da ghi"


def test_render_replaces_an_older_document(run, write_plan, tmp_path):
    plan = write_plan(MINIMAL_PLAN)
    out = tmp_path / "out"
    out.mkdir()
    (out / "ke-hoach.docx").write_bytes(b"old")

    result = run("render", plan, "-o", out)

    assert result.code == 0, result.err
    assert _files(out) == ["ke-hoach.docx"]
    assert "Nội dung thứ nhất./." in text_lines(docx.Document(out / "ke-hoach.docx"))


def test_default_output_folder_is_output_in_the_current_folder(run, write_plan, tmp_path, monkeypatch):
    plan = write_plan(MINIMAL_PLAN)
    monkeypatch.chdir(tmp_path)

    result = run("render", plan.name)

    assert result.code == 0, result.err
    assert (tmp_path / "output" / "ke-hoach.docx").is_file()
    assert _files(tmp_path / "output") == ["ke-hoach.docx"]
    assert "output" in result.out and "ke-hoach.docx" in result.out


def test_validate_a_good_plan_exits_0_and_writes_nothing(run, write_plan, tmp_path, monkeypatch):
    plan = write_plan(MINIMAL_PLAN)
    monkeypatch.chdir(tmp_path)
    before = _files(tmp_path)

    result = run("validate", plan)

    assert result.code == 0, result.err
    assert str(plan) in result.out
    assert result.err == ""
    assert _files(tmp_path) == before


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-8"], ids=["utf-8 with BOM", "utf-8"]
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_plans_saved_by_windows_editors_are_read(run, tmp_path, encoding, newline):
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_bytes(MINIMAL_PLAN.replace("\n", newline).encode(encoding))

    result = run("render", plan, "-o", tmp_path / "out")

    assert result.code == 0, result.err
    lines = text_lines(docx.Document(tmp_path / "out" / "ke-hoach.docx"))
    assert "Ngọc Liên, ngày 20 tháng 4 năm 2026" in lines
    assert "- Sở Dân tộc và Tôn giáo (để b/c);" in lines


@pytest.mark.parametrize(
    ("args", "mentions"),
    [
        (["--help"], ["render", "validate"]),
        (["-h"], ["render", "validate"]),
        (["render", "--help"], ["render", "--output"]),
        (["validate", "--help"], ["validate"]),
    ],
)
def test_help(run, args, mentions):
    result = run(*args)
    assert result.code == 0
    assert result.out.startswith("Usage: docgen")
    for word in mentions:
        assert word in result.out


def test_version(run):
    result = run("--version")
    assert result.code == 0
    assert result.out.startswith("docgen ")


@pytest.mark.parametrize("command", ["render", "validate"])
def test_missing_plan_path_is_a_usage_error(run, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)

    result = run(command, tmp_path / "khong-co.yaml")

    assert result.code == 2
    assert "khong-co.yaml" in result.err
    assert "Traceback" not in result.err
    assert _files(tmp_path) == []


@pytest.mark.parametrize("args", [["render"], ["validate"], ["in"]])
def test_no_plan_or_unknown_command_is_a_usage_error(run, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.code == 2
    assert result.err.strip()
    assert _files(tmp_path) == []
