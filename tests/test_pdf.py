"""PDF output through the real LibreOffice, read back with poppler: what the reader sees on the page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import MINIMAL_PLAN, PLANS, cli
from docgen.pdf import find_soffice, to_pdf, uno_python

pytestmark = pytest.mark.skipif(
    find_soffice() is None and not os.environ.get("CI"),
    reason="LibreOffice is not installed here (CI installs it and runs these tests)",
)

REFERENCE_PLANS = ("ngoc-lien-2026-ke-hoach", "bach-thong-2024-cong-van")


def _render(plans: list[Path], out: Path, *flags: str) -> None:
    cli("render", *plans, "-o", out, *flags)


def _text(pdf: Path, page: int | None = None, *flags: str) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *flags, *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _words(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) on ``page``, from pdftotext -bbox."""
    html = _text(pdf, page, "-bbox")
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', html)
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in found]


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


@pytest.fixture(scope="module")
def shim(tmp_path_factory):
    """A `soffice` on PATH that logs each start and runs the real LibreOffice (to count processes)."""
    real = find_soffice()
    folder = tmp_path_factory.mktemp("shim")
    log = folder / "starts.log"
    script = folder / "soffice"
    script.write_text(f'#!/bin/sh\necho start >> "{log}"\nexec "{real}" "$@"\n')
    script.chmod(0o755)
    return script, log


@pytest.fixture(scope="module")
def reference_pdfs(tmp_path_factory, shim):
    """Both reference plans rendered with --pdf in one command, through the logging shim."""
    out = tmp_path_factory.mktemp("pdf")
    script, log = shim
    old = os.environ.get("DOCGEN_SOFFICE")
    os.environ["DOCGEN_SOFFICE"] = str(script)
    try:
        _render([PLANS / f"{name}.yaml" for name in REFERENCE_PLANS], out, "--pdf")
    finally:
        if old is None:
            del os.environ["DOCGEN_SOFFICE"]
        else:
            os.environ["DOCGEN_SOFFICE"] = old
    return {name: out / f"{name}.pdf" for name in REFERENCE_PLANS}, log


def test_one_libreoffice_process_converts_both_documents(reference_pdfs):
    pdfs, log = reference_pdfs
    assert all(p.is_file() for p in pdfs.values())
    assert log.read_text().split() == ["start"]


@pytest.mark.parametrize("name", REFERENCE_PLANS)
def test_header_lines_keep_every_diacritic(reference_pdfs, name):
    text = _text(reference_pdfs[0][name], 1)
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN"):
        assert line in text
    agency = "XÃ NGỌC LIÊN" if "ngoc-lien" in name else "HUYỆN BẠCH THÔNG"
    assert agency in text


@pytest.mark.parametrize("name", REFERENCE_PLANS)
def test_fonts_are_one_embedded_serif_family_with_vietnamese(reference_pdfs, name):
    out = subprocess.run(["pdffonts", str(reference_pdfs[0][name])], capture_output=True, text=True,
                         check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    assert rows
    families = {re.sub(r"^[A-Z]{6}\+", "", row[0]).split("-")[0] for row in rows}
    assert families in ({"LiberationSerif"}, {"TimesNewRomanPSMT"}, {"TimesNewRoman"}), families
    assert all(row[-5] == "yes" for row in rows), out  # embedded
    assert "Hạnh phúc" in _text(reference_pdfs[0][name], 1)  # the glyphs came out as text, not boxes


@pytest.mark.parametrize("name", REFERENCE_PLANS)
def test_page_number_only_from_page_two_at_the_top_centre(reference_pdfs, name):
    pdf = reference_pdfs[0][name]
    assert _pages(pdf) >= 2
    first_top = [w for w in _words(pdf, 1) if w[3] < 55]  # the header band, above the 20 mm margin
    assert not [w for w in first_top if w[4].isdigit()], first_top
    top = [w for w in _words(pdf, 2) if w[3] < 55]
    assert [w[4] for w in top] == ["2"], top
    x_centre = (top[0][0] + top[0][2]) / 2
    # text area of A4 with 30 mm left and 15 mm right margins: 85.0 pt to 552.8 pt
    assert abs(x_centre - (85.04 + 552.76) / 2) < 6, x_centre


def _plan_with(paragraphs: int) -> str:
    body = "\n".join(f"      - Đoạn văn số {i} của kế hoạch, viết đủ dài để chiếm gần hai dòng trên trang giấy "
                     f"khổ A4 theo đúng thể thức văn bản hành chính." for i in range(paragraphs))
    plan = MINIMAL_PLAN.replace("      - Nội dung thứ nhất.", body)
    return plan.replace("  - Sở Dân tộc và Tôn giáo (để b/c)\n",
                        "".join(f"  - Đơn vị nhận số {i}\n" for i in range(6)))


def test_signature_block_and_noi_nhan_never_split_across_pages(tmp_path):
    plans = []
    for n in range(6, 18):
        path = tmp_path / f"ke-hoach-{n}.yaml"
        path.write_text(textwrap.dedent(_plan_with(n)), encoding="utf-8")
        plans.append(path)
    _render(plans, tmp_path / "out", "--pdf")
    pages_of_block = set()
    for path in plans:
        pdf = tmp_path / "out" / f"{path.stem}.pdf"
        where = {}
        for page in range(1, _pages(pdf) + 1):
            text = _text(pdf, page)
            for mark in ("Nơi nhận:", "Lưu: VT, VHXH.", "KT. CHỦ TỊCH", "Phạm Xuân Khánh"):
                if mark in text:
                    where.setdefault(mark, page)
        assert len(set(where.values())) == 1 and len(where) == 4, (path.name, where)
        pages_of_block.add(where["Nơi nhận:"])
    assert pages_of_block == {1, 2}, "the bodies must end on both sides of a page break"


def test_png_preview_writes_page_images(tmp_path):
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    _render([plan], tmp_path / "out", "--png")
    images = sorted((tmp_path / "out").glob("ke-hoach-*.png"))
    assert images and images[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "out" / "ke-hoach.pdf").is_file()


def test_without_libreoffice_the_docx_is_still_written(tmp_path, monkeypatch, run):
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    monkeypatch.setenv("DOCGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    result = run("render", plan, "-o", tmp_path / "out", "--pdf")
    assert result.code == 1
    assert "Không tìm thấy LibreOffice" in result.err and "apt-get install" in result.err
    assert (tmp_path / "out" / "ke-hoach.docx").is_file()
    assert not (tmp_path / "out" / "ke-hoach.pdf").exists()


def test_conversion_leaves_no_temporary_files(tmp_path):
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(MINIMAL_PLAN, encoding="utf-8")
    _render([plan], tmp_path / "out")
    made = to_pdf([tmp_path / "out" / "ke-hoach.docx"], tmp_path / "out")
    assert [p.name for p in made] == ["ke-hoach.pdf"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ke-hoach.docx", "ke-hoach.pdf"]
    assert shutil.which("pdftotext")


def test_very_long_words_and_paragraphs_wrap_inside_the_margins(tmp_path):
    """A 300-letter word, a 4,000-character paragraph and a long agency name stay inside the text area:
    left margin 30 mm, right margin 15 mm on A4 (595 pt wide)."""
    word = "Ngọc" + "liên" * 74  # no space to break at
    paragraph = " ".join(["Các phòng, ban, đơn vị triển khai thực hiện đúng tiến độ đã đề ra."] * 60)
    plan = MINIMAL_PLAN.replace("      - Nội dung thứ nhất.", f"      - {word}.\n      - {paragraph}")
    plan = plan.replace("ten: [Ủy ban nhân dân, xã Ngọc Liên]",
                        "ten: [Ủy ban nhân dân, xã Ngọc Liên thuộc huyện miền núi có tên rất dài để thử xuống dòng]")
    source = tmp_path / "dai.yaml"
    source.write_text(plan, encoding="utf-8")
    _render([source], tmp_path / "out", "--pdf")
    pdf = tmp_path / "out" / "dai.pdf"
    left, right = 30 / 25.4 * 72, 595.28 - 15 / 25.4 * 72
    words = [w for page in range(1, _pages(pdf) + 1) for w in _words(pdf, page)]
    assert any(w[4].startswith("Ngọcliên") for w in words)
    outside = [w for w in words if w[0] < left - 2 or w[2] > right + 2]
    assert outside == [], outside[:5]
    text = re.sub(r"\s+", "", _text(pdf))
    assert re.sub(r"\s+", "", word) in text  # the long word is all there, broken only by line ends
    assert text.count("Cácphòng,ban,đơnvịtriểnkhai") == 60


def _lines(words: list[tuple[float, float, float, float, str]]) -> list[tuple[float, str]]:
    """The words of a page grouped into printed lines (by their baseline), top to bottom: (yMax, text)."""
    out: dict[float, list[tuple[float, str]]] = {}
    for x, _y0, _x1, y1, word in words:
        key = next((k for k in out if abs(k - y1) < 2), y1)
        out.setdefault(key, []).append((x, word))
    return [(y, " ".join(w for _x, w in sorted(line))) for y, line in sorted(out.items())]


FOOTNOTED = MINIMAL_PLAN.replace("ngay: 20/4/2026", "ngay: 15/12/2025").replace(
    "dia_danh: Ngọc Liên", "dia_danh: Thành phố Hồ Chí Minh").replace("      - Nội dung thứ nhất.\n", (
        "      - 'Luật số 55/2024/QH15^[Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ.] có hiệu lực.'\n"
        + "".join(f"      - Đoạn văn thứ {i} của kế hoạch, đủ dài để văn bản sang trang thứ hai khi in ra giấy "
                  f"khổ A4 theo đúng lề của Nghị định.\n" for i in range(1, 25))
        + "      - 'Đoạn trên trang sau có chú thích[^tw] và nhắc lại[^tw].'\n")) + \
    "chu_thich: {tw: Các văn bản chỉ đạo của Trung ương.}\n"


def test_footnotes_stand_at_the_foot_of_their_page_and_the_date_on_one_line(tmp_path):
    plan = tmp_path / "chu-thich.yaml"
    plan.write_text(FOOTNOTED, encoding="utf-8")
    _render([plan], tmp_path, "--pdf")
    pdf = tmp_path / "chu-thich.pdf"
    assert _pages(pdf) >= 2
    first = _lines(_words(pdf, 1))
    date = [text for _y, text in first if "Hồ Chí Minh" in text or "tháng 12" in text or text.endswith("2025")]
    assert len(date) == 1 and date[0].endswith("Thành phố Hồ Chí Minh, ngày 15 tháng 12 năm 2025")  # one line
    assert _note(pdf, 1, "1", "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ.") > \
        max(y for y, text in first if "Luật số 55/2024/QH15" in text) + 200  # at the foot of the page
    assert _note(pdf, _pages(pdf), "2", "Các văn bản chỉ đạo của Trung ương.")
    later = " ".join(text for _y, text in _lines(_words(pdf, _pages(pdf))))
    assert later.count("Các văn bản chỉ đạo của Trung ương.") == 1  # cited twice, printed once


def _note(pdf: Path, page: int, number: str, text: str) -> float:
    """Where the footnote ``text`` stands on ``page`` (its baseline), after its raised ``number``."""
    words = _words(pdf, page)
    line = [y for y, seen in _lines(words) if seen == text]
    assert len(line) == 1, _lines(words)
    first = next(w for w in words if abs(w[3] - line[0]) < 2)
    assert any(w[4] == number and w[2] <= first[0] + 1 and 0 < line[0] - w[3] < 10 for w in words)
    return line[0]


def test_a_plan_issued_by_a_decision_prints_both_documents(tmp_path):
    """The bundled Ngọc Liên plan issued by a Quyết định, as PDF: the Quyết định on its pages (the authority line
    above the căn cứ, QUYẾT ĐỊNH: between them and Điều 1), the Kế hoạch with the decision's line under its title
    and no number, date or signature of its own."""
    name = "ngoc-lien-2026-quyet-dinh-ban-hanh"
    _render([PLANS / f"{name}.yaml"], tmp_path, "--pdf")
    decision, plan = tmp_path / f"{name}-quyet-dinh.pdf", tmp_path / f"{name}.pdf"
    lines = [text for page in range(1, _pages(decision) + 1) for _y, text in _lines(_words(decision, page))]
    assert "QUYẾT ĐỊNH" in lines and "Số: 45/QĐ-UBND" in " ".join(lines)
    authority = lines.index("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN")
    assert lines[authority + 1].startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    label = lines.index("QUYẾT ĐỊNH:")
    assert lines[label - 1].endswith("Theo đề nghị của Trưởng phòng Văn hóa - Xã hội xã.")
    assert lines[label + 1].startswith("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch")
    assert any(text.startswith("- Như Điều 3;") for text in lines)
    first = [text for _y, text in _lines(_words(plan, 1))]
    title = first.index("KẾ HOẠCH")
    issued = " ".join(first[title + 1:title + 7])
    assert "(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày" in issued and "tháng 4 năm 2026 của" in issued
    assert not any(text.startswith("Số:") or "ngày" in text and text.startswith("Ngọc Liên,") for text in first)
    whole = _text(plan)
    assert "Nơi nhận" not in whole and "Phạm Xuân Khánh" not in whole


# -- warm converters: what happens when LibreOffice dies or hangs (issue 23) ---------------------------------------


needs_bridge = pytest.mark.skipif(
    uno_python(find_soffice()) is None and not os.environ.get("CI"),
    reason="LibreOffice's Python bridge (python3-uno) is not installed here (CI installs it and runs these)",
)


def _documents(tmp_path, count: int) -> list[Path]:
    """``count`` copies of the rendered Ngọc Liên Kế hoạch, under different names."""
    out = tmp_path / "docx"
    _render([PLANS / "ngoc-lien-2026-ke-hoach.yaml"], out)
    first = out / "ngoc-lien-2026-ke-hoach.docx"
    copies = [first]
    for i in range(1, count):
        copy = out / f"ban-{i:02d}.docx"
        copy.write_bytes(first.read_bytes())
        copies.append(copy)
    return copies


@needs_bridge
def test_a_converter_killed_in_the_middle_of_a_batch_is_restarted(tmp_path):
    """LibreOffice killed while a batch is converted: it is started again, the document it was on is converted
    again, the batch finishes, and every PDF is whole."""
    import threading
    import time

    import pymupdf

    from docgen import pdf as pdfmod

    documents = _documents(tmp_path, 8)
    out = tmp_path / "pdf"
    result: dict = {}
    worker = threading.Thread(target=lambda: result.setdefault("made", to_pdf(documents, out, jobs=1)))
    worker.start()
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.pdf"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    converters = list(pdfmod.LIVE)
    assert converters, "no converter running in the middle of the batch"
    for converter in converters:
        os.killpg(converter.process.pid, 9)  # LibreOffice and its bridge, at once
    worker.join(timeout=180)
    assert not worker.is_alive()
    made = result["made"]
    assert sorted(p.name for p in made) == sorted(f"{d.stem}.pdf" for d in documents)
    for path in made:
        with pymupdf.open(path) as document:
            assert document.page_count >= 4 and "KẾ HOẠCH" in document[0].get_text()
    assert not list(out.glob(".docgen-pdf-*"))  # no half-written file left behind


def test_a_converter_that_never_answers_is_given_up_and_the_docx_stays(tmp_path, monkeypatch, run):
    """A stand-in converter that says it is ready and then never answers: the command ends within its time-out,
    says so, and the .docx it rendered is written whole."""
    import time

    fake = tmp_path / "never.py"
    fake.write_text('import sys, json\nprint(json.dumps({"ready": True}), flush=True)\nfor line in sys.stdin:\n'
                    '    pass\n', encoding="utf-8")
    monkeypatch.setenv("DOCGEN_UNO_PYTHON", sys.executable)
    monkeypatch.setenv("DOCGEN_PDF_WORKER", str(fake))
    monkeypatch.setenv("DOCGEN_PDF_TIMEOUT", "2")
    start = time.monotonic()
    result = run("render", PLANS / "bach-thong-2024-cong-van.yaml", "-o", tmp_path / "out", "--pdf")
    took = time.monotonic() - start
    assert result.code == 1
    assert "LibreOffice không trả lời sau 2 giây" in result.err and "Các tệp .docx đã được ghi đầy đủ" in result.err
    assert took < 30
    assert (tmp_path / "out" / "bach-thong-2024-cong-van.docx").stat().st_size > 10_000
    assert not (tmp_path / "out" / "bach-thong-2024-cong-van.pdf").exists()


def test_converters_started_ahead_are_stopped_whatever_happens(tmp_path, run, write_plan):
    """``render --pdf`` and ``build --pdf`` start LibreOffice while they render; a plan with an error, or a build
    with nothing new to convert, leaves no LibreOffice running and writes nothing it should not."""
    from docgen import pdf as pdfmod

    bad = write_plan(MINIMAL_PLAN.replace("ngay: ", "ngay: 35/"), name="hong.yaml")
    refused = run("render", bad, "-o", tmp_path / "out", "--pdf")
    assert refused.code == 1 and not (tmp_path / "out").exists()
    assert not pdfmod.LIVE
    folder = tmp_path / "ke-hoach"
    folder.mkdir()
    shutil.copy(PLANS / "vi-du-bao-cao-tp-hcm.yaml", folder)
    first = run("build", folder, "-o", tmp_path / "b", "--pdf")
    assert first.code == 0 and (tmp_path / "b" / "vi-du-bao-cao-tp-hcm.pdf").stat().st_size > 10_000
    assert not pdfmod.LIVE
    again = run("build", folder, "-o", tmp_path / "b", "--pdf")  # nothing changed: nothing to convert
    assert again.code == 0 and "không đổi 1" in again.out
    assert not pdfmod.LIVE
