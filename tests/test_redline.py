"""``docgen redline`` (issue 20): NEW's document with what changed since OLD as Word's tracked changes.

For each kind of edit a clerk makes, a plan is edited, both versions are rendered, the redline is made with the
command line, and LibreOffice (headless, through its UNO bridge: ``tests/lo_changes.py``) accepts every change in
one copy and rejects every change in another: the first must read exactly as NEW's document, the second exactly
as OLD's — the text of every paragraph (tables included) and the bold and italic of every run.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.check import check_docx
from docgen.check.ooxml import W, Styles, text_of
from docgen.cli import main

ROOT = Path(__file__).resolve().parent.parent
SYSTEM_PYTHON = "/usr/bin/python3"

BASE = """\
loai: ke-hoach
co_quan:
  ten: [Ủy ban nhân dân, xã Ngọc Liên]
  viet_tat: UBND
don_vi_soan_thao: {viet_tat: VHXH}
so: 12
dia_danh: Ngọc Liên
ngay: 05/01/2026
trich_yeu: Tuyên truyền phổ biến pháp luật năm 2026
can_cu:
  - {loai: Luật, trich_yeu: "Phổ biến, giáo dục pháp luật", ngay: 20/6/2012}
  - ma: kh150
    loai: Kế hoạch
    so: 150/KH-UBND
    ngay: 20/12/2025
    co_quan: Ủy ban nhân dân huyện Bạch Thông
    trich_yeu: về phổ biến pháp luật năm 2026
chu_thich:
  loa: Mỗi tuần hai buổi, sáng thứ Hai và thứ Năm.
noi_dung:
  - tieu_de: Mục đích, yêu cầu
    doan:
      - Nâng cao nhận thức pháp luật của cán bộ và Nhân dân trên địa bàn xã.
      - Bảo đảm thiết thực, hiệu quả, phù hợp với từng thôn, làng.
  - tieu_de: Nội dung
    muc:
      - tieu_de: Tuyên truyền trên loa truyền thanh
        doan: ["Phát các bản tin pháp luật trên loa truyền thanh của xã hằng tháng[^loa]."]
      - tieu_de: Hội nghị phổ biến pháp luật
        doan: ["Tổ chức 02 hội nghị cho cán bộ thôn, làng trong quý II."]
  - tieu_de: Kinh phí
    doan:
      - bang: Dự toán kinh phí
        don_vi_tinh: triệu đồng
        cot: [STT, Nội dung, {ten: Kinh phí, tong: true}]
        hang:
          - [1, Bản tin loa truyền thanh, 12]
          - [2, Hội nghị phổ biến pháp luật, 20]
          - [3, Tài liệu tuyên truyền, 8]
  - tieu_de: Tổ chức thực hiện
    doan:
      - Giao phòng Văn hóa - Xã hội chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch này.
ky: {quyen_han: [KT. Chủ tịch], chuc_vu: Phó Chủ tịch, ho_ten: Lê Văn An}
noi_nhan:
  - UBND huyện Bạch Thông
  - Các thôn, làng
phu_luc:
  - tieu_de: Lịch tuyên truyền
    doan:
      - cot: [Tháng, Nội dung]
        hang:
          - [1, Luật Đất đai]
          - [2, Luật Hôn nhân và gia đình]
"""

# Each edit: (name, [(text in BASE, its replacement), …]).
EDITS = [
    ("text-in-a-paragraph", [("Nâng cao nhận thức pháp luật", "Nâng cao hiểu biết và ý thức chấp hành pháp luật")]),
    ("a-figure", [("[2, Hội nghị phổ biến pháp luật, 20]", "[2, Hội nghị phổ biến pháp luật, 25]")]),
    ("paragraph-added", [("      - Bảo đảm thiết thực, hiệu quả, phù hợp với từng thôn, làng.\n",
                          "      - Bảo đảm thiết thực, hiệu quả, phù hợp với từng thôn, làng.\n"
                          "      - Gắn tuyên truyền với thực hiện nhiệm vụ chính trị của địa phương.\n")]),
    ("paragraph-removed", [("      - Bảo đảm thiết thực, hiệu quả, phù hợp với từng thôn, làng.\n", "")]),
    ("section-added-in-the-middle", [("  - tieu_de: Kinh phí\n",
                                      "  - tieu_de: Thời gian thực hiện\n    doan: [Từ tháng 01 đến tháng 12 năm 2026.]\n"
                                      "  - tieu_de: Kinh phí\n")]),
    ("section-removed", [("  - tieu_de: Tổ chức thực hiện\n    doan:\n"
                          "      - Giao phòng Văn hóa - Xã hội chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch này.\n",
                          "")]),
    ("section-moved", [("  - tieu_de: Mục đích, yêu cầu\n    doan:\n"
                        "      - Nâng cao nhận thức pháp luật của cán bộ và Nhân dân trên địa bàn xã.\n"
                        "      - Bảo đảm thiết thực, hiệu quả, phù hợp với từng thôn, làng.\n", ""),
                       ("  - tieu_de: Tổ chức thực hiện\n",
                        "  - tieu_de: Mục đích, yêu cầu\n    doan:\n"
                        "      - Nâng cao nhận thức pháp luật của cán bộ và Nhân dân trên địa bàn xã.\n"
                        "      - Bảo đảm thiết thực, hiệu quả, phù hợp với từng thôn, làng.\n"
                        "  - tieu_de: Tổ chức thực hiện\n")]),
    ("table-row-added", [("          - [3, Tài liệu tuyên truyền, 8]\n",
                          "          - [3, Tài liệu tuyên truyền, 8]\n          - [4, \"Pa nô, áp phích\", 15]\n")]),
    ("table-row-removed", [("          - [3, Tài liệu tuyên truyền, 8]\n", "")]),
    ("table-row-changed", [("[1, Bản tin loa truyền thanh, 12]", "[1, Bản tin trên loa truyền thanh và mạng xã hội, 12]")]),
    ("recipient-added", [("  - Các thôn, làng\n", "  - Các thôn, làng\n  - Công chức Tư pháp - Hộ tịch xã\n")]),
    ("can-cu-added", [("  - ma: kh150\n", "  - {loai: Luật, trich_yeu: Tiếp cận thông tin, ngay: 06/4/2016}\n"
                                          "  - ma: kh150\n")]),
    ("the-date", [("ngay: 05/01/2026", "ngay: 12/01/2026")]),
    ("the-signer", [("chuc_vu: Phó Chủ tịch, ho_ten: Lê Văn An", "chuc_vu: Phó Chủ tịch, ho_ten: Hà Thị Bình")]),
    ("bold-on-a-word", [("Tổ chức 02 hội nghị", "Tổ chức **02** hội nghị")]),
    ("a-footnote", [("Mỗi tuần hai buổi, sáng thứ Hai và thứ Năm.", "Mỗi tuần ba buổi, sáng thứ Hai, thứ Tư và thứ Sáu.")]),
    ("a-phu-luc-row", [("[2, Luật Hôn nhân và gia đình]", "[2, \"Luật Phòng, chống bạo lực gia đình\"]")]),
    ("the-trich-yeu", [("trich_yeu: Tuyên truyền phổ biến pháp luật năm 2026",
                        "trich_yeu: Tuyên truyền, phổ biến, giáo dục pháp luật năm 2026")]),
]


def _edited(changes: list[tuple[str, str]]) -> str:
    text = BASE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _paragraphs(path: Path) -> list[list[tuple[str, bool, bool]]]:
    """Every paragraph of the main text (body and tables, in order), as its text in runs of one look: (text,
    bold, italic), white space folded; empty paragraphs left out. Footnotes too, after the body."""
    with zipfile.ZipFile(path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
        styles = Styles(z.read("word/styles.xml") if "word/styles.xml" in z.namelist() else None)
        notes = etree.fromstring(z.read("word/footnotes.xml")) if "word/footnotes.xml" in z.namelist() else None
        numbering = etree.fromstring(z.read("word/numbering.xml")) if "word/numbering.xml" in z.namelist() else None
    label = _Labels(numbering)
    out = []
    containers = [document] + ([notes] if notes is not None else [])
    for container in containers:
        for p in container.iter(f"{W}p"):
            pieces: list[list] = []
            number = label(p)  # a list's number, as Word and LibreOffice draw it before the text
            if number:
                look = styles.run_look(p, p)
                pieces.append([number + " ", look.bold or number.startswith("Điều"), look.italic])
            for r in p.iter(f"{W}r"):
                text = text_of(r)
                if not text:
                    continue
                look = styles.run_look(r, p)
                if pieces and (pieces[-1][1], pieces[-1][2]) == (look.bold, look.italic):
                    pieces[-1][0] += text
                else:
                    pieces.append([text, look.bold, look.italic])
            folded = [(re.sub(r"\s+", " ", t), b, i) for t, b, i in pieces]
            folded = [(t, b, i) for t, b, i in folded if t.strip()]
            if folded:
                out.append(_joined(folded))
    return out


class _Labels:
    """The number Word draws before each paragraph of a list (w:numPr): its level's text ("%1." → "IV."), counted
    as Word counts: the lists (w:num) of one abstract numbering go on counting from one another, and a list that
    overrides the start begins again there the first time it is used (LibreOffice saves lists that way)."""

    def __init__(self, numbering) -> None:
        self.nums: dict[str, tuple[str, int | None]] = {}  # numId → (abstractNumId, its start override)
        self.abstracts: dict[str, tuple[str, str, int]] = {}  # abstractNumId → (format, text, start)
        self.counts: dict[str, int] = {}  # abstractNumId → the last number drawn
        self.started: set[str] = set()
        if numbering is None:
            return
        for a in numbering.iter(f"{W}abstractNum"):
            lvl = a.find(f"{W}lvl")
            if lvl is None:
                continue

            def value(tag, default, lvl=lvl):
                el = lvl.find(f"{W}{tag}")
                return el.get(f"{W}val") if el is not None else default

            self.abstracts[a.get(f"{W}abstractNumId")] = (value("numFmt", "decimal"), value("lvlText", "%1."),
                                                           int(value("start", "1")))
        for num in numbering.iter(f"{W}num"):
            override = num.find(f"{W}lvlOverride/{W}startOverride")
            self.nums[num.get(f"{W}numId")] = (num.find(f"{W}abstractNumId").get(f"{W}val"),
                                               int(override.get(f"{W}val")) if override is not None else None)

    def __call__(self, p) -> str:
        num = p.find(f"{W}pPr/{W}numPr/{W}numId")
        if num is None or num.get(f"{W}val") not in self.nums:
            return ""
        key = num.get(f"{W}val")
        abstract, override = self.nums[key]
        if abstract not in self.abstracts:
            return ""
        fmt, text, start = self.abstracts[abstract]
        if override is not None and key not in self.started:
            self.started.add(key)
            n = override
        else:
            n = self.counts.get(abstract, start - 1) + 1
        self.counts[abstract] = n
        shown = _roman(n) if fmt == "upperRoman" else str(n)
        return text.replace("%1", shown)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def _joined(pieces):
    """Pieces of one look that white space alone separated, joined (a space's look is nobody's business)."""
    out = []
    for text, bold, italic in pieces:
        if out and (out[-1][1], out[-1][2]) == (bold, italic):
            out[-1] = (out[-1][0] + text, bold, italic)
        else:
            out.append((text, bold, italic))
    return [(re.sub(r"\s+", " ", t).strip(), b, i) for t, b, i in out]


def _docgen(*args) -> tuple[int, str, str]:
    """``docgen ARGS…`` run in-process: its exit code, what it printed and what it said on standard error."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    """For every edit: OLD's and NEW's documents, the redline, and the redline with every change accepted and
    with every change rejected by LibreOffice."""
    bridge = Path(SYSTEM_PYTHON).exists() and subprocess.run([SYSTEM_PYTHON, "-c", "import uno"],
                                                              capture_output=True).returncode == 0
    if (shutil.which("soffice") is None or not bridge) and not os.environ.get("CI"):
        pytest.skip("LibreOffice and its Python bridge (python3-uno) are needed: CI installs them and runs these")
    work = tmp_path_factory.mktemp("redline")
    plans = work / "plans"
    plans.mkdir()
    (plans / "old.yaml").write_text(BASE, encoding="utf-8")
    cases = {}
    jobs_accept, jobs_reject = [], []
    for name, changes in EDITS:
        new = plans / f"{name}.yaml"
        new.write_text(_edited(changes), encoding="utf-8")
        out = work / f"{name}-redline.docx"
        code, said, err = _docgen("redline", plans / "old.yaml", new, "-o", out)
        assert code == 0, err
        code, _out, err = _docgen("render", plans / "old.yaml", new, "-o", work / "rendered")
        assert code == 0, err
        cases[name] = {"redline": out, "new": work / "rendered" / f"{name}.docx",
                       "old": work / "rendered" / "old.docx", "said": said}
        jobs_accept += [str(out), str(work / f"{name}-accepted.docx")]
        jobs_reject += [str(out), str(work / f"{name}-rejected.docx")]
    for action, jobs in (("accept", jobs_accept), ("reject", jobs_reject)):
        subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests" / "lo_changes.py"), action, *jobs], check=True,
                       timeout=600)
    for name in cases:
        cases[name]["accepted"] = work / f"{name}-accepted.docx"
        cases[name]["rejected"] = work / f"{name}-rejected.docx"
    return cases


@pytest.mark.parametrize("name", [name for name, _changes in EDITS])
def test_accepting_every_change_gives_new_and_rejecting_gives_old(reviewed, name):
    case = reviewed[name]
    assert _paragraphs(case["accepted"]) == _paragraphs(case["new"])
    assert _paragraphs(case["rejected"]) == _paragraphs(case["old"])


@pytest.mark.parametrize("name", [name for name, _changes in EDITS])
def test_the_redline_marks_something_and_checks_clean(reviewed, name):
    package = zipfile.ZipFile(reviewed[name]["redline"])
    xml = package.read("word/document.xml") + package.read("word/footnotes.xml")  # a note's change is in its part
    assert b"<w:ins " in xml or b"<w:del " in xml or b"<w:rPrChange " in xml
    errors = [f.line() for f in check_docx(reviewed[name]["redline"]) if f.severity == "lỗi"]
    assert errors == []


def _change_groups(path: Path) -> list[str]:
    """The changes a reader sees, in order: each a run of inserted or deleted text (and paragraph marks) with no
    unchanged text between, as its text ("+" inserted, "-" deleted)."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    groups: list[str] = []
    open_group = False
    for el in root.iter(f"{W}r", f"{W}pPr"):
        if el.tag == f"{W}pPr":  # a paragraph mark inserted or deleted continues the change it ends
            continue
        text = "".join(t.text or "" for t in el.iter(f"{W}t", f"{W}delText"))
        if not text.strip():
            continue
        marked = next((a.tag for a in el.iterancestors(f"{W}ins", f"{W}del")), None)
        if marked is None:
            open_group = False
            continue
        sign = "+" if marked == f"{W}ins" else "-"
        if not open_group:
            groups.append("")
        groups[-1] += f"{sign}{text}"
        open_group = True
    return groups


def test_the_diff_case_is_three_changes_and_nothing_else(run, tmp_path):
    """`docgen diff`'s own case (a figure 1.000 → 1.200, a section VI added, a recipient removed) on the bundled
    Ngọc Liên plan: the redline has exactly those three changes."""
    old = ROOT / "plans" / "ngoc-lien-2026-ke-hoach.yaml"
    text = old.read_text(encoding="utf-8")
    text = text.replace("1.000 ngày đầu đời", "1.200 ngày đầu đời")
    text = text.replace("  - Các thôn, làng trên địa bàn xã\n", "")
    end = text.index("ket_thuc:")
    text = (text[:end].rstrip("\n") + "\n  - tieu_de: Chế độ báo cáo\n    doan:\n"
            "      - Các phòng, đơn vị báo cáo kết quả thực hiện về UBND xã trước ngày 15 tháng 12.\n\n" + text[end:])
    folder = tmp_path / "plans"
    shutil.copytree(ROOT / "plans", folder)
    new = folder / "moi.yaml"
    new.write_text(text, encoding="utf-8")
    result = run("redline", old, new, "-o", tmp_path / "out" / "moi.docx")
    assert result.code == 0, result.err
    assert result.out.strip().endswith("2 chỗ thêm, 2 chỗ bỏ, 0 chỗ đổi định dạng (insertions, deletions, "
                                       "formatting)")
    groups = _change_groups(tmp_path / "out" / "moi.docx")
    assert groups == [
        "-1.000+1.200",
        "+CHẾ ĐỘ BÁO CÁO+Các phòng, đơn vị báo cáo kết quả thực hiện về UBND xã trước ngày 15 tháng 12.",
        "-- Các thôn, làng trên địa bàn xã;",
    ], groups


def test_a_section_inserted_above_renumbers_without_a_change_of_its_own(reviewed):
    """"IV." becoming "V." is the insertion's doing: the only change is the inserted section; the headings are
    Word's numbered list in a redline, so rejecting the insertion numbers them as before."""
    assert _change_groups(reviewed["section-added-in-the-middle"]["redline"]) == [
        "+THỜI GIAN THỰC HIỆN+Từ tháng 01 đến tháng 12 năm 2026."]
    assert "1 chỗ thêm, 0 chỗ bỏ, 0 chỗ đổi định dạng" in reviewed["section-added-in-the-middle"]["said"]


def test_a_moved_section_is_one_deletion_and_one_insertion(reviewed):
    groups = _change_groups(reviewed["section-moved"]["redline"])
    assert [g[0] for g in groups] == ["-", "+"]
    assert groups[0].startswith("-MỤC ĐÍCH, YÊU CẦU-Nâng cao") and groups[1].startswith("+MỤC ĐÍCH, YÊU CẦU+Nâng cao")


@pytest.mark.parametrize("name, groups", [
    ("a-figure", ["-20+25", "-40+45"]),  # the row's figure and the total computed from it
    ("the-signer", ["-Lê Văn An+Hà Thị Bình"]),
    ("recipient-added", ["+- Công chức Tư pháp - Hộ tịch xã;"]),
    ("table-row-removed", ["-3-Tài liệu tuyên truyền-8", "-40+32"]),
    ("the-date", ["-05+12", "-05+12"]),  # the date line, and the phụ lục's "(Kèm theo … ngày …)"
])
def test_changes_are_as_small_as_a_reader_thinks_them(reviewed, name, groups):
    assert _change_groups(reviewed[name]["redline"]) == groups


def test_bold_on_a_word_is_a_formatting_change(reviewed):
    case = reviewed["bold-on-a-word"]
    assert _change_groups(case["redline"]) == []
    xml = zipfile.ZipFile(case["redline"]).read("word/document.xml").decode()
    assert xml.count("<w:rPrChange ") == 1
    assert "0 chỗ thêm, 0 chỗ bỏ, 1 chỗ đổi định dạng" in case["said"]


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vt@example.vn", "GIT_COMMITTER_NAME": "Văn thư",
                        "GIT_COMMITTER_EMAIL": "vt@example.vn", "HOME": str(folder), "PATH": "/usr/bin:/bin"})


def test_since_a_git_revision_and_beside_every_changed_plan_in_a_build(run, tmp_path):
    """The clerk keeps plans in git: `redline PLAN --since REV` needs no copy of the old plan, and `build
    --redline-since REV` writes a redline beside each document whose plan changed (and none for the others)."""
    if shutil.which("git") is None:
        pytest.skip("git is needed")
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "tuyen-truyen.yaml").write_text(BASE, encoding="utf-8")
    (folder / "khac.yaml").write_text(BASE.replace("so: 12", "so: 13"), encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "bản trình lãnh đạo")
    (folder / "tuyen-truyen.yaml").write_text(_edited(dict(EDITS)["a-figure"]), encoding="utf-8")

    result = run("redline", folder / "tuyen-truyen.yaml", "--since", "HEAD", "-o", tmp_path / "r.docx")
    assert result.code == 0, result.err
    assert _change_groups(tmp_path / "r.docx") == ["-20+25", "-40+45"]

    result = run("build", folder, "-o", tmp_path / "out", "--redline-since", "HEAD")
    assert result.code == 0, result.err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.docx")) == [
        "khac.docx", "tuyen-truyen-thay-doi.docx", "tuyen-truyen.docx"]
    assert "Đã ghi 1 bản so sánh với HEAD" in result.out

    result = run("redline", folder / "tuyen-truyen.yaml", "--since", "khong-co", "-o", tmp_path / "x.docx")
    assert result.code == 1 and 'ở phiên bản "khong-co"' in result.err
    assert not (tmp_path / "x.docx").exists()


def test_an_issued_docx_against_the_edited_plan(run, tmp_path):
    """OLD may be the .docx issued from an earlier version of the plan."""
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "kh.yaml").write_text(BASE, encoding="utf-8")
    assert run("render", plans / "kh.yaml", "-o", tmp_path / "issued").code == 0
    (plans / "kh.yaml").write_text(_edited(dict(EDITS)["the-signer"]), encoding="utf-8")
    result = run("redline", tmp_path / "issued" / "kh.docx", plans / "kh.yaml", "-o", tmp_path / "r.docx")
    assert result.code == 0, result.err
    assert _change_groups(tmp_path / "r.docx") == ["-Lê Văn An+Hà Thị Bình"]


def test_bad_input_writes_nothing(run, tmp_path):
    plan = tmp_path / "kh.yaml"
    plan.write_text(BASE.replace("ngay: 05/01/2026", "ngay: 35/01/2026"), encoding="utf-8")
    good = tmp_path / "cu.yaml"
    good.write_text(BASE, encoding="utf-8")
    result = run("redline", good, plan, "-o", tmp_path / "r.docx")
    assert result.code == 1 and "dòng 8, cột 7 (ngay)" in result.err
    assert not (tmp_path / "r.docx").exists()
    result = run("redline", good, "-o", tmp_path / "r.docx")
    assert result.code == 1 and "cần hai tệp" in result.err
