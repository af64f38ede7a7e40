"""Shared fixtures: write a plan, run the real command line, render real plans through real templates."""

from __future__ import annotations

import os
import tempfile
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

# The tests keep docgen's cache (prepared templates) in a folder of their own, never the user's; child
# processes (docgen run as a command) inherit it.
os.environ["DOCGEN_CACHE"] = tempfile.mkdtemp(prefix="docgen-test-cache-")

from docgen.cli import main  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
REFERENCE = Path(__file__).resolve().parent / "reference"

MINIMAL_PLAN = """\
loai: ke-hoach
co_quan:
  ten: [Ủy ban nhân dân, xã Ngọc Liên]
  viet_tat: UBND
don_vi_soan_thao: {ten: Phòng Văn hóa - Xã hội, viet_tat: VHXH}
dia_danh: Ngọc Liên
ngay: 20/4/2026
trich_yeu: Thực hiện Chương trình năm 2026
noi_dung:
  - tieu_de: Mục đích, yêu cầu
    doan:
      - Nội dung thứ nhất.
ky: {quyen_han: KT., tap_the: Chủ tịch, chuc_vu: Phó Chủ tịch, ho_ten: Phạm Xuân Khánh}
noi_nhan:
  - Sở Dân tộc và Tôn giáo (để b/c)
"""


def cli(*args: str | Path) -> None:
    """Run ``docgen ARGS…`` in-process and require that it succeeded."""
    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        assert exc.code in (0, None), exc.code


@dataclass
class Result:
    """What one run of the ``docgen`` command did."""

    code: int
    out: str
    err: str


@pytest.fixture
def run(capsys):
    """Run ``docgen ARGS…`` in-process; returns its exit code and output."""

    def _run(*args: str | Path) -> Result:
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def write_plan(tmp_path):
    """Write ``text`` (dedented) as a plan file in a fresh folder; returns its path."""

    def _write(text: str, name: str = "ke-hoach.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def render_plan(tmp_path, write_plan, run):
    """Render plan text through the command line and open the result with python-docx."""

    def _render(text: str) -> docx.document.Document:
        path = write_plan(text)
        result = run("render", path, "-o", tmp_path / "out")
        assert result.code == 0, result.err
        return docx.Document(tmp_path / "out" / f"{path.stem}.docx")

    return _render


@pytest.fixture(scope="session")
def ngoc_lien(tmp_path_factory) -> tuple[Path, docx.document.Document]:
    """The reference Kế hoạch rendered once from plans/ (path and opened document)."""
    out = tmp_path_factory.mktemp("ngoc-lien")
    cli("render", PLANS / "ngoc-lien-2026-ke-hoach.yaml", "-o", out)
    path = out / "ngoc-lien-2026-ke-hoach.docx"
    return path, docx.Document(path)


def cp1258(text: str) -> bytes:
    """``text`` as a Windows-1258 file: base letters precomposed, tone marks as combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return out
