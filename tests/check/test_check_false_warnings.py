"""Correct documents that drew warnings: body sentences that merely begin "Căn cứ" taken for căn cứ ban hành
(can_cu.format), and a plan's span or horizon taken for the year it is about (ngay.before_year)."""

from __future__ import annotations

import pytest
from check_support import check, clean, copy_paragraph, mutated, para, set_text  # noqa: F401  (clean: fixture)

from docgen.check import WARNING

BODY_SENTENCES = [
    "Căn cứ nội dung trên, các phòng, đơn vị xây dựng kế hoạch cụ thể của đơn vị mình.",
    "Căn cứ chức năng, nhiệm vụ được giao, các phòng chủ động triển khai thực hiện.",
    "Căn cứ vào tình hình thực tế, Ủy ban nhân dân xã điều chỉnh kế hoạch cho phù hợp.",
    "Căn cứ kết quả thực hiện, Văn phòng tổng hợp báo cáo Chủ tịch Ủy ban nhân dân xã.",
    "Căn cứ Kế hoạch này, các phòng, đơn vị xây dựng kế hoạch chi tiết và tổ chức thực hiện:",
]


def _body_paragraph(doc, text: str, before: str):
    """A body paragraph (a copy of "Thực hiện Quyết định …") holding ``text``, before the one starting ``before``."""
    return copy_paragraph(doc, "Thực hiện Quyết định số 1719", text, before)


@pytest.mark.parametrize("sentence", BODY_SENTENCES)
@pytest.mark.parametrize("where", ["I. MỤC ĐÍCH", "II. TỔ CHỨC THỰC HIỆN"], ids=["right-after-the-can-cu", "in-II"])
def test_body_sentence_beginning_can_cu_is_not_a_can_cu(clean, sentence, where):
    """Upright, justified, indented like the body: no finding, wherever it stands (the first one right after the
    căn cứ ban hành, where the căn cứ block could be thought to go on)."""

    def change(doc):
        _body_paragraph(doc, sentence, where)

    found = check(mutated(clean["ke-hoach-so"], change))
    assert found == [], [f.line() for f in found]


def test_a_cited_document_after_the_body_began_is_body_text(clean):
    """"Căn cứ Quyết định số …, các phòng …" in section I is a sentence of the body, not a căn cứ ban hành: the
    căn cứ block is the run of căn cứ at the start."""

    def change(doc):
        _body_paragraph(doc, "Căn cứ Quyết định số 1719/QĐ-TTg, các phòng chủ động triển khai.",
                        "Thực hiện Quyết định số 1719")

    found = check(mutated(clean["ke-hoach-so"], change))
    assert found == [], [f.line() for f in found]


@pytest.mark.parametrize("opening", ["Căn cứ vào Quyết định", "Căn cứ các Quyết định"])
def test_can_cu_citing_a_document_is_still_checked(clean, opening):
    """The căn cứ ban hành are still found ("vào", "các" included): set upright, they are reported."""

    def change(doc):
        p = para(doc, "Căn cứ Quyết định số 1719")
        set_text(p, p.text.replace("Căn cứ Quyết định", opening, 1))
        for run in p.runs:
            run.italic = False

    found = check(mutated(clean["ke-hoach-so"], change))
    assert [(f.rule, f.text[:len(opening)]) for f in found] == [("can_cu.format", opening)]
    assert "căn cứ cần chữ nghiêng" in found[0].detail


# A Báo cáo issued on 30/11/2025 (no year of slack: it reports, it does not plan).
@pytest.mark.parametrize("subject", [
    "Kết quả thực hiện nhiệm vụ năm 2025, định hướng đến năm 2030",
    "Kết quả thực hiện Chương trình giai đoạn 2021-2030",
    "Kết quả thực hiện Chương trình giai đoạn 2021 - 2025",
    "Kết quả năm 2025 và phương hướng giai đoạn 2026 - 2030, tầm nhìn đến năm 2045",
    "Kết quả thực hiện Chương trình từ năm 2021 đến năm 2025",
    "Kết quả thực hiện Đề án đến hết năm 2025",
])
def test_span_or_horizon_is_not_the_year_spoken_of(clean, subject):
    found = check(mutated(clean["bao-cao"], lambda d: set_text(para(d, "Kết quả thực hiện nhiệm vụ"), subject)))
    assert found == [], [f.line() for f in found]


@pytest.mark.parametrize(("subject", "year"), [
    ("Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2026", 2026),
    ("Kết quả thực hiện nhiệm vụ năm 2026, định hướng đến năm 2030", 2026),
    ("Phương hướng năm 2026 giai đoạn 2026 - 2030", 2026),
])
def test_the_year_spoken_of_is_still_checked(clean, subject, year):
    found = check(mutated(clean["bao-cao"], lambda d: set_text(para(d, "Kết quả thực hiện nhiệm vụ"), subject)))
    assert [(f.rule, f.severity) for f in found] == [("ngay.before_year", WARNING)]
    assert found[0].detail == f"văn bản ghi năm 2025, nội dung nói về năm {year}"
