"""Hostile inputs: bad or malicious plans, shared files and Word templates, through the real command line.

Every case in REFUSED is one input a clerk could be sent (a plan pasted from an old document, a file
saved by the wrong editor, a plan or template written to do harm). For each one, ``docgen render``
(into an existing output folder and into one that does not exist yet) and, for plans, ``docgen
validate``:

* exit with status 1;
* print one readable message on stderr (a header line and ``  - `` problem lines, no traceback, not a
  bare Python exception) that names the file at fault and where in it: line and column, the field,
  or, for a template, the paragraph whose tag is wrong;
* write and change nothing: the whole test folder (plans, shared files, templates, the existing
  output with its known bytes) is byte-identical afterwards, the fresh output folder is not
  created, no temporary file is left, and the marker file the payloads try to ``touch`` does not exist.

The static inputs are in plans/ (each is tests/plan/good.yaml with one fault, named on its first
line); the rest (bytes in other encodings, deep nesting, payloads naming a path of this run,
altered copies of templates/ke-hoach.docx) are made in the test's own folder when it runs.

Then what must be accepted: plan text that looks like template code or XML is printed literally,
a plan file with a hostile name is written under a safe name directly inside the output folder,
and tabs in quoted text, a UTF-8 BOM and CRLF line ends are all fine.

Cases that docgen does not handle yet are marked xfail (strict) with what happens instead.
The command runs in-process through conftest's ``run``; an exception that escapes ``main()`` is
reported as the ``docgen`` console script reports it (a traceback, exit status 1). Inputs that can
crash or hang the interpreter run in a separate ``python -m docgen`` process with a time limit.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import random
import re
import subprocess
import sys
import traceback
import tracemalloc
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from conftest import cp1258
from docgen.errors import PlanError
from docgen.names import output_name
from docgen.plan.source import read_source

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "plans"
GOOD = ROOT / "tests" / "plan" / "good.yaml"
GOOD_TEXT = GOOD.read_text(encoding="utf-8")  # line 1 is a comment, line 2 "loai: ke-hoach"
TEMPLATES = ROOT / "templates"
OLD_BYTES = b"PK\x03\x04 a document rendered earlier, left as it was"
MARKER = "pwned"  # every payload tries to create tmp_path / MARKER
TRICH_YEU = "trich_yeu: Thực hiện Chương trình năm 2026"  # line 9 of good.yaml
NOI_NHAN_2 = "  - Các phòng, đơn vị liên quan"  # line 31, the last line
SHARED_GROUPS = "nhom:\n  phong_ban:\n    - Văn phòng HĐND và UBND xã\n"
SUBPROCESS_TIMEOUT = 30
FORBIDDEN_IN_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


# --- running the command line -------------------------------------------------------------------------


@dataclass
class Ran:
    """What one run of ``docgen`` did."""

    code: int
    out: str
    err: str


def _no_core_dump() -> None:
    """In the child process: a crash leaves no core file behind."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@pytest.fixture
def docgen(run, capsys, tmp_path, monkeypatch):
    """Run ``docgen ARGS…`` from inside the test's folder (so a stray relative write would be seen).

    In-process by default; ``separate=True`` runs ``python -m docgen`` in its own process, stopped after
    SUBPROCESS_TIMEOUT (a segfault or a hang then fails the test instead of taking pytest down)."""
    monkeypatch.chdir(tmp_path)

    def _docgen(*args: str | Path, separate: bool = False) -> Ran:
        if separate:
            command = [sys.executable, "-m", "docgen", *map(str, args)]
            env = {**os.environ, "PYTHONUTF8": "1"}
            try:
                done = subprocess.run(command, capture_output=True, timeout=SUBPROCESS_TIMEOUT, env=env, cwd=tmp_path,
                                      preexec_fn=_no_core_dump)
            except subprocess.TimeoutExpired:
                return Ran(-1, "", f"[no answer after {SUBPROCESS_TIMEOUT} s]")
            err = done.stderr.decode("utf-8", "replace")
            if done.returncode < 0:
                err += f"\n[process killed by signal {-done.returncode}]"
            return Ran(done.returncode, done.stdout.decode("utf-8", "replace"), err)
        try:
            result = run(*args)
        except Exception:  # what escapes main(): the console script prints a traceback and exits 1
            captured = capsys.readouterr()
            return Ran(1, captured.out, captured.err + traceback.format_exc())
        return Ran(result.code, result.out, result.err)

    return _docgen


# --- making inputs ------------------------------------------------------------------------------------


def _good(old: str, new: str) -> str:
    """good.yaml with the one line ``old`` replaced by ``new``."""
    assert GOOD_TEXT.count(old) == 1, old
    return GOOD_TEXT.replace(old, new)


def _plan(tmp: Path, name: str, data: str | bytes) -> Path:
    """``data`` written as tmp/plans/``name``."""
    folder = tmp / "plans"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _corpus(tmp: Path, name: str) -> Path:
    """The corpus file plans/``name``, copied into tmp/plans/ (beside what it points to)."""
    return _plan(tmp, name, (CORPUS / name).read_bytes())


def _at(path: Path, line: int, column: int | None = None, field: str | None = None) -> str:
    """How the message locates a problem: ``<file>, dòng L, cột C (field):`` (column and field optional)."""
    where = f"{path}, dòng {line}, cột "
    if column is not None:
        where += f"{column}" + (f" ({field})" if field else "") + ":"
    return where


def _rewrite(package: bytes, part: str, old: str, new: str) -> bytes:
    """The .docx ``package`` with the tag ``old`` in ``part`` (written literally in a <w:t>) replaced by ``new``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                xml = data.decode("utf-8")
                assert xml.count(old) == 1, (part, old)
                data = xml.replace(old, html.escape(new, quote=False)).encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def _templates(tmp: Path, old: str | None = None, new: str | None = None, *, part: str = "word/document.xml",
               ke_hoach: bytes | None = None, missing: bool = False) -> Path:
    """A copy of templates/ in tmp/templates, ke-hoach.docx altered (one tag), replaced or left out."""
    folder = tmp / "templates"
    folder.mkdir()
    for source in sorted(TEMPLATES.glob("*.docx")):
        data = source.read_bytes()
        if source.name == "ke-hoach.docx":
            if missing:
                continue
            if ke_hoach is not None:
                data = ke_hoach
            elif old is not None:
                data = _rewrite(data, part, old, new)
        (folder / source.name).write_bytes(data)
    return folder


def _first_bad_utf8(data: bytes) -> tuple[int, int]:
    """1-based line and column (in bytes) of the first byte that is not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        index = exc.start
    else:
        raise AssertionError("the data is valid UTF-8")
    return data.count(b"\n", 0, index) + 1, index - (data.rfind(b"\n", 0, index) + 1) + 1


# --- the refused cases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """What a case made: the plans to give, the templates folder (or None), the file the message must name
    (in its first line) and the text that locates the fault in that file."""

    plans: list[Path]
    named: Path
    where: str
    templates: Path | None = None


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path], Inputs]
    says: str = ""  # what the message must also say
    validate: bool = True  # ``docgen validate`` refuses it too (not for faults it never looks at)
    separate: bool = False  # run in a separate process (may crash or hang the interpreter)
    xfail: str | None = None


def _corpus_case(name: str, line: int, column: int | None, field: str | None = None, says: str = "",
                 **options) -> Case:
    def make(tmp: Path) -> Inputs:
        path = _corpus(tmp, name)
        return Inputs([path], path, _at(path, line, column, field))

    return Case(name, make, says, **options)


def _bytes_case(name: str, data: Callable[[Path], str | bytes], line: int | None, column: int | None,
                field: str | None = None, says: str = "", **options) -> Case:
    """A plan made at run time (``data`` may name paths of the run); line None: the first byte not UTF-8."""

    def make(tmp: Path) -> Inputs:
        content = data(tmp)
        path = _plan(tmp, name, content)
        where = (_at(path, *_first_bad_utf8(content)) if line is None else _at(path, line, column, field))
        return Inputs([path], path, where)

    return Case(name, make, says, **options)


def _shared_case(name: str, line: int, column: int, says: str, *, setup: Callable[[Path], None] = lambda tmp: None,
                 **options) -> Case:
    """A corpus plan whose dung_chung names ``dung_chung[1]`` on line 3; ``setup`` makes what it points to."""

    def make(tmp: Path) -> Inputs:
        (tmp / "chia-se.yaml").write_text(SHARED_GROUPS, encoding="utf-8")  # a valid groups file, outside plans/
        path = _corpus(tmp, name)
        setup(tmp)
        return Inputs([path], path, _at(path, line, column, "dung_chung[1]"))

    return Case(name, make, says, **options)


def _link_outside(tmp: Path) -> None:
    (tmp / "plans" / "nhom.yaml").symlink_to(tmp / "chia-se.yaml")


def _shared_with_tag(tmp: Path) -> Inputs:
    payload = f'!!python/object/apply:os.system ["touch {tmp / MARKER}"]'
    shared = _plan(tmp, "chung-doc.yaml", f"nhom:\n  phong_ban: {payload}\n")
    path = _corpus(tmp, "dung-chung-the-python.yaml")
    return Inputs([path], shared, _at(shared, 2, 14))


def _template_case(id: str, old: str, new: str, says: str, *, part: str = "word/document.xml",
                   plan: str = GOOD_TEXT, xfail: str | None = None) -> Case:
    """``plan`` (good.yaml) through a copy of the templates where one tag of ke-hoach.docx is ``new``
    (MARKER: the path to touch); the message must quote the paragraph where the tag stands."""

    def make(tmp: Path) -> Inputs:
        tag = new.replace(MARKER, str(tmp / MARKER))
        templates = _templates(tmp, old, tag, part=part)
        path = _plan(tmp, "good.yaml", plan)
        template = templates / "ke-hoach.docx"
        where = f'ở đoạn "{tag[:60]}'  # the message quotes at most 120 characters of the paragraph
        return Inputs([path], template, where, templates)

    return Case(id, make, says, validate=False, xfail=xfail)


def _template_file_case(id: str, says: str, *, ke_hoach: bytes | None = None, missing: bool = False,
                        directory: bool = False, xfail: str | None = None) -> Case:
    """good.yaml through a templates folder whose ke-hoach.docx is ``ke_hoach`` (or missing, or a folder)."""

    def make(tmp: Path) -> Inputs:
        templates = _templates(tmp, ke_hoach=ke_hoach, missing=missing or directory)
        if directory:
            (templates / "ke-hoach.docx").mkdir()
        plan = _plan(tmp, "good.yaml", GOOD.read_bytes())
        template = templates / "ke-hoach.docx"
        return Inputs([plan], template, str(template), templates)

    return Case(id, make, says, validate=False, xfail=xfail)


def _colliding_names(tmp: Path) -> Inputs:
    first = _plan(tmp, "a<b.yaml", GOOD.read_bytes())
    second = _plan(tmp, "a>b.yaml", GOOD.read_bytes())
    return Inputs([first, second], first, str(second))


def _truncated_docx() -> bytes:
    return (TEMPLATES / "ke-hoach.docx").read_bytes()[:3000]


def _zip_not_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("ghi-chu.txt", "không phải Word")
    return buffer.getvalue()


def _broken_xml_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(TEMPLATES / "ke-hoach.docx") as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = source.read(info.filename)
            package.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    return buffer.getvalue()


def _deep(depth: int, open_: str = "[", close: str = "]") -> str:
    return open_ * depth + close * depth


WITH_CONTACT = GOOD_TEXT + "lien_he: {dien_thoai: 0203 3812 345}\n"  # the first-page footer shows it
TRACEBACK = "escapes as a Python traceback (exit status 1, but no message naming the file, line or field)"

REFUSED = [
    # YAML tags that would build Python objects: refused where they stand, nothing is executed
    _bytes_case("the-python-apply.yaml", lambda tmp: _good(
        "dia_danh: Ngọc Liên", f'dia_danh: !!python/object/apply:os.system ["touch {tmp / MARKER}"]'),
        7, 11, says="python/object/apply:os.system"),
    _bytes_case("the-python-new.yaml", lambda tmp: _good(
        TRICH_YEU, f'trich_yeu: !!python/object/new:subprocess.Popen [["touch", "{tmp / MARKER}"]]'),
        9, 12, says="python/object/new:subprocess.Popen"),
    _corpus_case("the-python-name.yaml", 7, 11, says="python/name:os.system"),
    _corpus_case("the-ruby.yaml", 7, 11, says="!ruby/object"),
    Case("dung-chung-the-python.yaml", _shared_with_tag, says="python/object/apply:os.system"),
    # duplicate keys, aliases
    _corpus_case("khoa-trung-long.yaml", 29, 3, "ky.ho_ten", says="(dòng 28 và dòng 29)"),
    _corpus_case("bom-bi-danh.yaml", 2, 1, says="bí danh", separate=True),
    _corpus_case("bi-danh-vong.yaml", 2, 1, says="bí danh"),
    # not UTF-8 text, or text from a legacy Vietnamese encoding
    _bytes_case("utf16.yaml", lambda tmp: GOOD_TEXT.encode("utf-16"), 1, 1, says="UTF-16"),
    _bytes_case("utf16le-khong-bom.yaml", lambda tmp: GOOD_TEXT.encode("utf-16-le"), 1, 1, says="UTF-16"),
    _bytes_case("cp1258.yaml", lambda tmp: cp1258(GOOD_TEXT), None, None, says="Windows-1258"),
    _bytes_case("tcvn3-8bit.yaml", lambda tmp: _good(TRICH_YEU, "trich_yeu: @").encode("utf-8").replace(
        b"@", "Céng hßa x· héi chñ nghÜa ViÖt Nam".encode("latin-1")), None, None, says="UTF-8"),
    _corpus_case("tcvn3-dan.yaml", 9, 12, "trich_yeu", says="TCVN3"),
    _corpus_case("vni-dan.yaml", 9, 12, "trich_yeu", says="VNI"),
    _bytes_case("nhi-phan.yaml", lambda tmp: random.Random(1258).randbytes(4096), None, None, says="UTF-8"),
    _bytes_case("docx-lam-ke-hoach.yaml", lambda tmp: (TEMPLATES / "ke-hoach.docx").read_bytes(), None, None,
                says="UTF-8"),
    # control characters in a text field
    _corpus_case("nul-thoat.yaml", 9, 12, "trich_yeu", says="U+0000"),
    _corpus_case("bel-thoat.yaml", 9, 12, "trich_yeu", says="U+0007"),
    _bytes_case("nul-tho.yaml", lambda tmp: _good(TRICH_YEU, "trich_yeu: Thực hiện\x00 Chương trình năm 2026"),
                9, None),
    _bytes_case("bel-tho.yaml", lambda tmp: _good(TRICH_YEU, "trich_yeu: Thực hiện\x07 Chương trình năm 2026"),
                9, None),
    _corpus_case("nhi-phan-nul.yaml", 9, 12, says="!!binary"),
    _corpus_case("nhi-phan-bel.yaml", 9, 12, says="!!binary"),
    _corpus_case("nhi-phan-tcvn3.yaml", 9, 12, says="!!binary"),
    # nesting
    _bytes_case("long-danh-sach.yaml", lambda tmp: GOOD_TEXT + f"thu_lon: {_deep(5000)}\n", 32, None, says="tầng"),
    _bytes_case("long-anh-xa.yaml",
                lambda tmp: _good("dia_danh: Ngọc Liên", f"dia_danh: {_deep(5000, '{a: ', '}')}"), 7, None,
                says="tầng"),
    _bytes_case("long-bi-danh.yaml", lambda tmp: GOOD_TEXT + f"thu_lon: &x {_deep(5000)}\n", 32, None,
                says="tầng"),
    _bytes_case("long-50000.yaml", lambda tmp: _good(NOI_NHAN_2, f"  - {_deep(50000)}"), 31, None,
                says="tầng", separate=True),
    # not a mapping of fields
    _corpus_case("rong.yaml", 1, 1, says='"tên_mục: giá trị"'),
    _corpus_case("chi-ghi-chu.yaml", 1, 1, says='"tên_mục: giá trị"'),
    _corpus_case("danh-sach-goc.yaml", 2, 1, says='"tên_mục: giá trị"'),
    _corpus_case("chuoi-goc.yaml", 2, 1, says='"tên_mục: giá trị"'),
    # shared files (dung_chung) outside the plan's folder, missing or unnamable
    _shared_case("dung-chung-etc-passwd.yaml", 3, 14, "nằm ngoài thư mục"),
    _shared_case("dung-chung-tuyet-doi.yaml", 3, 14, "nằm ngoài thư mục"),
    _shared_case("dung-chung-ra-ngoai.yaml", 3, 14, "nằm ngoài thư mục"),
    _shared_case("dung-chung-lien-ket.yaml", 3, 14, "nằm ngoài thư mục", setup=_link_outside),
    _shared_case("dung-chung-thieu.yaml", 3, 14, "không tìm thấy"),
    _shared_case("dung-chung-nul.yaml", 3, 14, ""),
    _shared_case("dung-chung-dai.yaml", 3, 14, ""),
    # plan file names that would overwrite each other's document
    Case("ten-trung-sau-khi-lam-sach", _colliding_names, "a_b.docx", validate=False),
    # templates: one tag of ke-hoach.docx altered
    _template_case("mau-sai-cu-phap", "{{ trich_yeu }}", "{{ trich_yeu }", "cú pháp"),
    _template_case("mau-bien-khong-co", "{{ trich_yeu }}", "{{ ngay_ky }}", '"ngay_ky"'),
    _template_case("mau-mro", "{{ trich_yeu }}", "{{ trich_yeu.__class__.__mro__ }}", "bị cấm"),
    _template_case("mau-cycler-os-system", "{{ trich_yeu }}",
                   f"{{{{ cycler.__init__.__globals__.os.system('touch {MARKER}') }}}}", "bị cấm"),
    _template_case("mau-lipsum-popen", "{{ ten_loai }}",
                   f"{{{{ lipsum.__globals__['os'].popen('touch {MARKER}').read() }}}}", "bị cấm"),
    _template_case("mau-attr-class", "{{ ten_loai }}", "{{ ten_loai|attr('__class__') }}", "bị cấm"),
    _template_case("mau-format-class", "{{ ten_loai }}", "{{ '{0.__class__.__mro__}'.format(ten_loai) }}",
                   "bị cấm"),
    _template_case("mau-bo-loc-la", "{{ ten_loai }}", "{{ ten_loai|khong_co }}", "khong_co"),
    _template_case("mau-chan-trang-bien-khong-co", "{{ lien_he }}", "{{ so_dien_thoai }}", "chân trang",
                   part="word/footer2.xml", plan=WITH_CONTACT),
    _template_case("mau-chan-trang-sai-cu-phap", "{{ lien_he }}", "{{ lien_he }", "chân trang",
                   part="word/footer2.xml", plan=WITH_CONTACT),
    _template_case("mau-for-chua-dong", "{{ ten_loai }}", "{% for x in ten_loai %}", "endfor"),
    _template_case("mau-range-1e9", "{{ ten_loai }}", "{% for x in range(10**9) %}{{ x }}{% endfor %}", "range"),
    _template_file_case("mau-khong-phai-zip", "không mở được", ke_hoach=b"Day khong phai tep Word .docx\n"),
    _template_file_case("mau-rong", "không mở được", ke_hoach=b""),
    _template_file_case("mau-zip-cut", "không mở được", ke_hoach=_truncated_docx()),
    _template_file_case("mau-zip-khong-phai-word", "không mở được", ke_hoach=_zip_not_docx()),
    _template_file_case("mau-xml-hong", "không mở được", ke_hoach=_broken_xml_docx()),
    _template_file_case("mau-thieu", "Không tìm thấy mẫu", missing=True),
    _template_file_case("mau-la-thu-muc", "Không tìm thấy mẫu", directory=True),
]

CASES = [
    pytest.param(case, id=case.id, marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else [])
    for case in REFUSED
]


def _tree(root: Path) -> dict[str, tuple]:
    """Everything under ``root``: each path with its kind and (files) a hash of its bytes, links not followed."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                found[rel] = ("dir",)
            else:
                found[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def _changes(before: dict, after: dict) -> dict[str, list[str]]:
    return {
        "added": sorted(set(after) - set(before)),
        "removed": sorted(set(before) - set(after)),
        "changed": sorted(p for p in set(before) & set(after) if before[p] != after[p]),
    }


def _assert_one_readable_message(ran: Ran) -> None:
    """stderr is one message for a person: a header line, then ``  - `` problem lines; no traceback."""
    text = ran.err.strip("\n")
    assert text, f"nothing on stderr (exit status {ran.code})"
    assert "Traceback" not in ran.err + ran.out, ran.err[-3000:]
    lines = text.split("\n")
    assert not re.match(r"[\w.]*(Error|Exception|Warning)\b", lines[0]), ran.err
    assert all(line.startswith("  - ") for line in lines[1:]), f"not one message:\n{ran.err}"
    assert re.search("[À-ỹ]", text), f"not written for the clerk:\n{ran.err}"


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_is_refused_and_nothing_is_written(docgen, tmp_path, case):
    inputs = case.make(tmp_path)
    existing = tmp_path / "existing"
    existing.mkdir()
    documents = sorted({output_name(plan) for plan in inputs.plans})
    for name in documents:
        (existing / name).write_bytes(OLD_BYTES)
    fresh = tmp_path / "fresh"
    before = _tree(tmp_path)
    templates = ["--templates", inputs.templates] if inputs.templates else []

    runs = [
        docgen("render", *inputs.plans, "-o", existing, *templates, separate=case.separate),
        docgen("render", *inputs.plans, "-o", fresh, *templates, separate=case.separate),
    ]
    if case.validate:
        runs.append(docgen("validate", *inputs.plans, separate=case.separate))

    for ran in runs:
        assert ran.code == 1, f"exit status {ran.code}\n{ran.out}{ran.err[-3000:]}"
        _assert_one_readable_message(ran)
        assert str(inputs.named) in ran.err.split("\n")[0], ran.err
        assert inputs.where in ran.err, f"{inputs.where!r} not in:\n{ran.err}"
        assert case.says in ran.err, f"{case.says!r} not in:\n{ran.err}"
        assert ran.out == ""
    assert runs[0].err == runs[1].err
    assert all(ran.err == runs[0].err for ran in runs), "render and validate report it differently"
    assert not fresh.exists()
    assert not (tmp_path / MARKER).exists()
    assert _changes(before, _tree(tmp_path)) == {"added": [], "removed": [], "changed": []}
    assert sorted(p.name for p in existing.iterdir()) == documents
    assert all((existing / name).read_bytes() == OLD_BYTES for name in documents)


def test_there_are_enough_distinct_cases():
    assert len({case.id for case in REFUSED}) == len(REFUSED) >= 25


def test_every_corpus_file_is_a_case():
    used = {case.id for case in REFUSED}
    assert {path.name for path in CORPUS.glob("*.yaml")} <= used


def test_the_base_plan_and_templates_are_fine(docgen, tmp_path):
    """good.yaml renders, also through a copy of templates/ rewritten the way the template cases rewrite it
    (each tag replaced by itself): each refused case fails for its own fault only."""
    plan = _plan(tmp_path, "good.yaml", GOOD.read_bytes())
    templates = _templates(tmp_path, "{{ trich_yeu }}", "{{ trich_yeu }}")
    assert docgen("validate", plan).code == 0
    ran = docgen("render", plan, "-o", tmp_path / "out", "--templates", templates)
    assert ran.code == 0, ran.err
    assert (tmp_path / "out" / "good.docx").is_file()


def test_alias_bomb_is_refused_before_it_is_expanded(docgen, tmp_path):
    """The "billion laughs" file (9^9 items written out) is refused from what was written, never built: reading
    it takes well under 2 MB of memory (about 90 KB). The command runs in a process of its own (a hang fails
    the test)."""
    plan = _corpus(tmp_path, "bom-bi-danh.yaml")
    ran = docgen("render", plan, "-o", tmp_path / "out", separate=True)
    assert ran.code == 1, ran.err
    assert "bí danh" in ran.err
    assert not (tmp_path / "out").exists()

    tracemalloc.start()
    try:
        with pytest.raises(PlanError, match="bí danh"):
            read_source(plan)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000, f"{peak:,} bytes"


# --- accepted: hostile text stays text -------------------------------------------------------------------


PAYLOADS = [
    "{{ 7*7 }}",
    "{% for x in range(10**9) %}",
    "</w:t><w:r>",
    "&lt;",
    "]]>",
    "{{p 7*7 }}",
    "{%p if 1 %}",
    "{#",
    "<w:p/>",
    "&amp;",
    "<!--",
    "<?xml version='1.0'?>",
    f"{{{{ cycler.__init__.__globals__.os.system('touch {MARKER}') }}}}",
]


def _document_text(path: Path) -> str:
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


def test_template_code_and_xml_in_plan_text_are_printed_literally(docgen, tmp_path):
    payload = [p.replace(MARKER, str(tmp_path / MARKER)) for p in PAYLOADS]
    title = "Thực hiện " + " ".join(payload[:5])
    text = _good(TRICH_YEU, f"trich_yeu: {json.dumps(title, ensure_ascii=False)}")
    text = text.replace("      - gach: Ý thứ nhất.", "      - gach: " + json.dumps(payload[1], ensure_ascii=False))
    text = text.replace("      - Thực hiện [[qd1719]].", "      - Thực hiện [[qd1719]].\n      - "
                        + json.dumps("Đoạn " + " và ".join(payload[5:]), ensure_ascii=False))
    text = text.replace(NOI_NHAN_2, "  - " + json.dumps("Các phòng " + " ".join(payload[:3]), ensure_ascii=False))
    plan = _plan(tmp_path, "chu-nhu-ma.yaml", text)
    out = tmp_path / "out"

    ran = docgen("render", plan, "-o", out)

    assert ran.code == 0, ran.err
    written = out / "chu-nhu-ma.docx"
    body = _document_text(written)
    for item in payload:
        assert item in body, f"{item!r} not printed literally"
    assert title in body
    assert "Các phòng " + " ".join(payload[:3]) in body
    assert "49" not in body.replace(str(tmp_path), "")  # {{ 7*7 }} never computed (the folder may hold "49")
    assert docx.Document(written).core_properties.title.endswith(title)
    assert not (tmp_path / MARKER).exists()
    assert sorted(p.name for p in out.iterdir()) == ["chu-nhu-ma.docx"]


HOSTILE_NAMES = [
    "a<b>c?.yaml",
    "dòng\nmới.yaml",
    "CON.yaml",
    "aux.ke-hoach.yaml",
    'a:b|c*"d\\e.yaml',
    "\x1b[31m\x01\x7f.yaml",
    "..yaml",
    " .yaml",
    "e\u0301 nfd.yaml",
    "k" * 250 + ".yaml",
    "ế" * 80 + ".yaml",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=[ascii(n)[1:-1][:40] for n in HOSTILE_NAMES])
def test_hostile_plan_file_name_is_written_safely_inside_the_output_folder(docgen, tmp_path, name):
    plan = _plan(tmp_path, name, GOOD.read_bytes())
    out = tmp_path / "out"
    before = _tree(tmp_path)

    ran = docgen("render", plan, "-o", out)

    assert ran.code == 0, ran.err
    assert "Traceback" not in ran.err
    changes = _changes(before, _tree(tmp_path))
    assert changes["removed"] == changes["changed"] == []
    assert changes["added"][0] == "out" and len(changes["added"]) == 2, changes
    written = out / changes["added"][1].split("/", 1)[1]
    assert written.parent == out and written.is_file()
    assert not FORBIDDEN_IN_NAME.search(written.name), repr(written.name)
    assert written.name.endswith(".docx") and not written.name.startswith(".")
    assert written.name.split(".")[0].upper() not in RESERVED
    assert unicodedata.is_normalized("NFC", written.name)
    assert len(written.name.encode("utf-8")) <= 255
    assert "Thực hiện Chương trình năm 2026" in _document_text(written)


# --- accepted: what an editor on another system saves --------------------------------------------------

TABS = _good(TRICH_YEU, 'trich_yeu: "Thực hiện\tChương trình\t\tnăm 2026"')
ACCEPTED = {
    "tab-trong-ngoac": TABS.encode("utf-8"),
    "utf8-bom": b"\xef\xbb\xbf" + GOOD_TEXT.encode("utf-8"),
    "crlf": GOOD_TEXT.replace("\n", "\r\n").encode("utf-8"),
    "bom-crlf-tab": b"\xef\xbb\xbf" + TABS.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_tabs_bom_and_crlf_are_accepted(docgen, tmp_path, name):
    plan = _plan(tmp_path, f"{name}.yaml", ACCEPTED[name])
    assert docgen("validate", plan).code == 0
    ran = docgen("render", plan, "-o", tmp_path / "out")
    assert ran.code == 0, ran.err
    assert ran.err == ""
    paragraphs = [p.text for p in docx.Document(tmp_path / "out" / f"{name}.docx").paragraphs]
    assert "Thực hiện Chương trình năm 2026" in paragraphs
