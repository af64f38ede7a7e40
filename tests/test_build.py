"""`docgen build` and `docgen diff` on real plan folders: incremental, reproducible, atomic."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import PLANS, ROOT

REFERENCE = ["bach-thong-2024-cong-van", "ngoc-lien-2026-ke-hoach"]


def _sums(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.docx"))}


@pytest.fixture
def plans(tmp_path) -> Path:
    """A copy of the bundled plans folder with the two reference plans only (and their shared recipient file):
    the counts below are those of this folder, whatever other examples plans/ bundles."""
    folder = tmp_path / "plans"
    shutil.copytree(PLANS, folder)
    for extra in set(folder.glob("*.yaml")) - {folder / "ngoc-lien-2026-ke-hoach.yaml",
                                                 folder / "bach-thong-2024-cong-van.yaml"}:
        extra.unlink()
    return folder


def _summary(result) -> str:
    return result.out.strip().splitlines()[-1]


def test_second_build_renders_nothing_and_changes_no_byte(run, plans, tmp_path):
    out = tmp_path / "out"
    first = run("build", plans, "-o", out)
    assert first.code == 0, first.err
    assert _summary(first).startswith("Đã soạn 2, không đổi 0, lỗi 0")
    sums = _sums(out)
    assert sorted(sums) == [f"{n}.docx" for n in REFERENCE]
    second = run("build", plans, "-o", out)
    assert _summary(second).startswith("Đã soạn 0, không đổi 2, lỗi 0")
    assert _sums(out) == sums
    forced = run("build", plans, "-o", out, "--force")
    assert _summary(forced).startswith("Đã soạn 2, không đổi 0")
    assert _sums(out) == sums  # a re-render of the same inputs is byte-identical


def test_editing_one_plan_rerenders_only_it(run, plans, tmp_path):
    out = tmp_path / "out"
    run("build", plans, "-o", out)
    before = _sums(out)
    plan = plans / "ngoc-lien-2026-ke-hoach.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Phạm Xuân Khánh", "Phạm Xuân Khanh"), encoding="utf-8")
    result = run("build", plans, "-o", out)
    assert _summary(result).startswith("Đã soạn 1, không đổi 1")
    after = _sums(out)
    assert after["bach-thong-2024-cong-van.docx"] == before["bach-thong-2024-cong-van.docx"]
    assert after["ngoc-lien-2026-ke-hoach.docx"] != before["ngoc-lien-2026-ke-hoach.docx"]


def test_editing_a_shared_file_rerenders_exactly_the_plans_that_include_it(run, plans, tmp_path):
    out = tmp_path / "out"
    second = plans / "bach-thong-2024-cong-van-2.yaml"
    shutil.copy(plans / "bach-thong-2024-cong-van.yaml", second)
    run("build", plans, "-o", out)
    shared = plans / "dung-chung" / "bach-thong.yaml"
    shared.write_text(shared.read_text(encoding="utf-8").replace("CT, PCT UBND huyện", "Chủ tịch, các PCT UBND huyện"),
                      encoding="utf-8")
    before = _sums(out)
    result = run("build", plans, "-o", out)
    assert _summary(result).startswith("Đã soạn 2, không đổi 1")
    after = _sums(out)
    assert after["ngoc-lien-2026-ke-hoach.docx"] == before["ngoc-lien-2026-ke-hoach.docx"]
    for name in ("bach-thong-2024-cong-van.docx", "bach-thong-2024-cong-van-2.docx"):
        assert after[name] != before[name]
        assert "- Chủ tịch, các PCT UBND huyện;" in [p.text for t in docx.Document(out / name).tables
                                                       for c in t._cells for p in c.paragraphs]


def test_changing_a_template_rerenders_the_plans_that_use_it(run, plans, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    out = tmp_path / "out"
    run("build", plans, "-o", out, "--templates", templates)
    template = templates / "cong-van.docx"
    document = docx.Document(template)
    document.core_properties.comments = "sửa mẫu"
    document.save(template)
    result = run("build", plans, "-o", out, "--templates", templates)
    assert _summary(result).startswith("Đã soạn 1, không đổi 1")


def test_a_broken_plan_does_not_stop_the_others(run, plans, tmp_path):
    out = tmp_path / "out"
    run("build", plans, "-o", out)
    old = (out / "ngoc-lien-2026-ke-hoach.docx").read_bytes()
    plan = plans / "ngoc-lien-2026-ke-hoach.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("ho_ten: Phạm Xuân Khánh", "ho_ten: "),
                    encoding="utf-8")
    cong_van = plans / "bach-thong-2024-cong-van.yaml"
    cong_van.write_text(cong_van.read_text(encoding="utf-8").replace("Hà Kim Oanh", "Hà Kim Oanh Mới"),
                        encoding="utf-8")
    result = run("build", plans, "-o", out)
    assert result.code == 1
    assert _summary(result).startswith("Đã soạn 1, không đổi 0, lỗi 1")
    assert f"{plan}, dòng" in result.err and "(ky.ho_ten)" in result.err
    assert (out / "ngoc-lien-2026-ke-hoach.docx").read_bytes() == old
    lines = [p.text for t in docx.Document(out / "bach-thong-2024-cong-van.docx").tables
             for c in t._cells for p in c.paragraphs]
    assert "Hà Kim Oanh Mới" in lines


def test_diff_reports_exactly_a_figure_a_section_and_a_recipient(run, plans, tmp_path):
    old = plans / "ngoc-lien-2026-ke-hoach.yaml"
    text = old.read_text(encoding="utf-8")
    assert "1.000 ngày đầu đời" in text and "  - Các thôn, làng trên địa bàn xã\n" in text
    text = text.replace("1.000 ngày đầu đời", "1.200 ngày đầu đời")
    text = text.replace("  - Các thôn, làng trên địa bàn xã\n", "")
    end = text.index("ket_thuc:")
    text = (text[:end].rstrip("\n") + "\n  - tieu_de: Chế độ báo cáo\n    doan:\n"
            "      - Các phòng, đơn vị báo cáo kết quả thực hiện về UBND xã trước ngày 15 tháng 12.\n\n" + text[end:])
    new = tmp_path / "moi.yaml"
    new.write_text(text, encoding="utf-8")
    result = run("diff", old, new)
    assert result.code == 0, result.err
    lines = result.out.strip().splitlines()
    assert lines[0].endswith("3 thay đổi")
    assert lines[1].startswith('  ~ Sửa số liệu ở III. NỘI DUNG THỰC HIỆN › 2. Dự án 7') and \
        lines[1].endswith('"1.000" → "1.200"')
    assert lines[2] == '  + Thêm mục: "VI. CHẾ ĐỘ BÁO CÁO" (1 đoạn)'
    assert lines[3] == '  - Bỏ nơi nhận: "Các thôn, làng trên địa bàn xã"'


def test_diff_of_identical_plans_and_of_docx_files(run, plans, tmp_path):
    plan = plans / "ngoc-lien-2026-ke-hoach.yaml"
    assert "không có gì thay đổi" in run("diff", plan, plan).out
    out = tmp_path / "out"
    run("render", plan, "-o", out)
    assert "không có gì thay đổi" in run("diff", plan, out / "ngoc-lien-2026-ke-hoach.docx").out
    edited = tmp_path / "sua.yaml"
    edited.write_text(plan.read_text(encoding="utf-8").replace("không chông", "không chồng"),
                      encoding="utf-8")
    result = run("diff", out / "ngoc-lien-2026-ke-hoach.docx", edited)
    assert result.out.strip().splitlines()[1] == '  ~ Sửa đoạn: "chông" → "chồng"'


def test_killing_a_build_leaves_only_whole_documents(plans, tmp_path):
    for i in range(40):
        shutil.copy(plans / "ngoc-lien-2026-ke-hoach.yaml", plans / f"xa-{i:02d}.yaml")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    docgen = [sys.executable, "-m", "docgen"]
    subprocess.run([*docgen, "build", str(plans), "-o", str(out), "-j", "1"], check=True, capture_output=True)
    old = _sums(out)
    for plan in plans.glob("*.yaml"):
        plan.write_text(plan.read_text(encoding="utf-8").replace("Phạm Xuân Khánh", "Lê Văn Mới"), encoding="utf-8")
    subprocess.run([*docgen, "build", str(plans), "-o", str(fresh), "-j", "1"], check=True, capture_output=True)
    new = _sums(fresh)
    process = subprocess.Popen([*docgen, "build", str(plans), "-o", str(out), "-j", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _sums(out) == old and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    now = _sums(out)
    assert sorted(now) == sorted(old)
    assert all(digest in (old[name], new[name]) for name, digest in now.items()), "a half-written document"
    changed = [name for name in now if old[name] != new[name]]
    replaced = [name for name in changed if now[name] == new[name]]
    assert replaced and len(replaced) < len(changed), "the kill must land midway"
    for name in now:
        with zipfile.ZipFile(out / name) as archive:
            assert archive.testzip() is None
    rerun = subprocess.run([*docgen, "build", str(plans), "-o", str(out), "-j", "1"], capture_output=True, text=True)
    assert rerun.returncode == 0
    assert _sums(out) == new
    assert not list(out.glob(".*.tmp"))
