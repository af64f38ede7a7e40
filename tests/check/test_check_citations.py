"""Citations: Party documents ("35-CT/TW") checked like State ones (trich_dan.inconsistent, can_cu.after_date), and
a document cited in full more than once (trich_dan.full_twice, Phụ lục I, II.6.a). Each case is the rendered
"ke-hoach-so" Kế hoạch (dated 05/01/2026; căn cứ: Quyết định số 1719/QĐ-TTg in full, then Luật; body: "Thực hiện
Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ.") with căn cứ or body lines added."""

from __future__ import annotations

import pytest
from check_support import check, clean, copy_paragraph, mutated, para, set_text  # noqa: F401  (clean: fixture)

from docgen.check import ERROR, WARNING
from docgen.check.body import _cited, _exact

CAN_CU = "Căn cứ Quyết định số 1719"  # the first căn cứ (paragraph 12), ends ";"
BODY = "Thực hiện Quyết định số 1719"  # a body paragraph (paragraph 17)
CT35 = "Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị về tổ chức đại hội đảng bộ các cấp"


def _with(data: bytes, can_cu: list[str] = (), body: list[str] = ()) -> list:
    """The findings on ``data`` with ``can_cu`` lines put before the first căn cứ and ``body`` lines after the body
    paragraph "Thực hiện Quyết định …" (in that order)."""

    def change(doc):
        for text in can_cu:
            copy_paragraph(doc, CAN_CU, text, before=CAN_CU)
        for text in reversed(body):
            copy_paragraph(doc, BODY, text)

    return check(mutated(data, change))


def _seen(found) -> list[tuple[str, str]]:
    return [(f.rule, f.where) for f in found]


# -- Party documents ------------------------------------------------------------------------------


def test_party_citations_are_read_as_citations():
    text = ("Căn cứ Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị, Kế hoạch số 120-KH/TU, Kết luận số 57-KL/TW, "
            "Quy định số 22-QĐ/TW, Nghị quyết số 05-NQ/TU, Nghị quyết số 12-NQ/ĐU, Kết luận số 43-KL/HU, Quy định số "
            "08-QĐi/TW và Quyết định số 1719/QĐ-TTg; giai đoạn 2021-2030, 2021 - 2025, ngày 14/6/2024, 14-6-2024.")
    found = list(_cited(text))
    assert [_exact(m) for m in found] == ["35-CT/TW", "120-KH/TU", "57-KL/TW", "22-QĐ/TW", "05-NQ/TU", "12-NQ/ĐU",
                                          "43-KL/HU", "08-QĐi/TW", "1719/QĐ-TTg"]
    assert found[0].group("date", "issuer") == ("14/6/2024", "Bộ Chính trị")


def test_party_document_cited_alike_draws_nothing(clean):
    found = _with(clean["ke-hoach-so"], can_cu=[f"Căn cứ {CT35};"],
                  body=["Thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị, các phòng triển khai thực hiện.",
                        "Các đơn vị thực hiện giai đoạn 2021-2030, giai đoạn 2021 - 2025 theo hướng dẫn ngày 14/6/2024."])
    assert found == [], [f.line() for f in found]


@pytest.mark.parametrize(("later", "says"), [
    ("Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 của Ban Bí thư.",
     '"35-CT/TW" của "Ban Bí thư" ở đây, của "Bộ Chính trị" ở đoạn 12'),
    ("Thực hiện Chỉ thị số 35/CT-TW của Bộ Chính trị.", '"35/CT-TW" ở đây, "35-CT/TW" ở đoạn 12'),
    ("Thực hiện Chỉ thị số 35-CT/Tw của Bộ Chính trị.", '"35-CT/Tw" ở đây, "35-CT/TW" ở đoạn 12'),
])
def test_party_document_cited_two_ways_is_reported(clean, later, says):
    found = _with(clean["ke-hoach-so"], can_cu=[f"Căn cứ {CT35};"], body=[later])
    assert _seen(found) == [("trich_dan.inconsistent", "đoạn 19")], [f.line() for f in found]
    assert found[0].severity == ERROR and found[0].detail == says


def test_party_quy_dinh_with_d_for_dj_is_reported(clean):
    found = _with(clean["ke-hoach-so"],
                  can_cu=["Căn cứ Quy định số 22-QĐ/TW ngày 28/7/2021 của Ban Chấp hành Trung ương về công tác "
                          "kiểm tra;"],
                  body=["Thực hiện Quy định số 22-QD/TW của Ban Chấp hành Trung ương."])
    assert [(f.rule, f.detail) for f in found] == [
        ("trich_dan.inconsistent", '"22-QD/TW" ở đây, "22-QĐ/TW" ở đoạn 12')]


def test_party_document_dated_after_the_document_is_reported(clean):
    found = _with(clean["ke-hoach-so"],
                  can_cu=["Căn cứ Kết luận số 57-KL/TW ngày 10/02/2026 của Bộ Chính trị về tiếp tục thực hiện;"])
    assert [(f.rule, f.where, f.detail) for f in found] == [
        ("can_cu.after_date", "đoạn 12", "57-KL/TW ngày 10/02/2026, sau ngày của văn bản này")]


def test_party_document_dated_before_the_document_draws_nothing(clean):
    found = _with(clean["ke-hoach-so"],
                  can_cu=["Căn cứ Kết luận số 57-KL/TW ngày 05/01/2026 của Bộ Chính trị về tiếp tục thực hiện;"])
    assert found == [], [f.line() for f in found]


# -- a document cited in full more than once ------------------------------------------------------------


def test_second_full_citation_is_a_warning_naming_the_first(clean):
    found = _with(clean["ke-hoach-so"], body=[
        "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ phê duyệt Chương trình mục tiêu "
        "quốc gia, các phòng triển khai."])
    assert [(f.rule, f.severity, f.where, f.detail) for f in found] == [
        ("trich_dan.full_twice", WARNING, "đoạn 18",
         '"1719/QĐ-TTg" đã được viện dẫn lần đầu ở đoạn 12; lần sau chỉ ghi "Quyết định số 1719/QĐ-TTg"')]


@pytest.mark.parametrize("later", [
    "Thực hiện Quyết định số 1719/QĐ-TTg, các phòng triển khai.",
    "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ, các phòng triển khai.",
    "Thực hiện Quyết định số 1719/QĐ-TTg của Thủ tướng Chính phủ về phát triển vùng đồng bào.",
    "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ thực hiện nhiệm vụ được giao.",
])
def test_later_citation_not_in_full_draws_nothing(clean, later):
    """Kind and number only, or with a date but no trích yếu, or a trích yếu but no date: not "in full". ("thực
    hiện" after the issuer is as often the verb of the sentence.)"""
    found = _with(clean["ke-hoach-so"], body=[later])
    assert found == [], [f.line() for f in found]


def test_citation_inside_another_trich_yeu_does_not_count(clean):
    """The căn cứ cites Kế hoạch 281 "về triển khai thực hiện Quyết định số 1719/QĐ-TTg ngày … về phê duyệt …":
    1719 there is part of the plan's name. Its first citation in full is the body's, and the only one."""

    def change(doc):
        set_text(para(doc, CAN_CU),
                 "Căn cứ Kế hoạch số 281/KH-UBND ngày 16/12/2021 của Ủy ban nhân dân tỉnh về triển khai thực hiện "
                 "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ về phê duyệt Chương trình mục "
                 "tiêu quốc gia;")
        copy_paragraph(doc, BODY, "Thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ phê "
                                  "duyệt Chương trình mục tiêu quốc gia.")

    found = check(mutated(clean["ke-hoach-so"], change))
    assert found == [], [f.line() for f in found]

    def twice(doc):
        change(doc)
        copy_paragraph(doc, BODY, "Các phòng thực hiện Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính "
                                  "phủ về phê duyệt Chương trình.")

    found = check(mutated(clean["ke-hoach-so"], twice))  # "Các phòng …" stands at 18, before the other at 19
    assert [(f.rule, f.where) for f in found] == [("trich_dan.full_twice", "đoạn 19")]
    assert "lần đầu ở đoạn 18" in found[0].detail


def test_grouped_can_cu_count_as_first_citations(clean):
    """"Căn cứ các Quyết định …: số 1719/QĐ-TTg ngày … phê duyệt …; số 920/QĐ-TTg ngày … về việc …;" cites both in
    full; the kind to write later is read from the later citation."""

    def change(doc):
        set_text(para(doc, CAN_CU),
                 "Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1719/QĐ-TTg ngày 14/10/2021 phê duyệt Chương trình "
                 "mục tiêu quốc gia; số 920/QĐ-TTg ngày 14/5/2025 về việc điều chỉnh một số nội dung của Chương "
                 "trình;")
        copy_paragraph(doc, BODY, "Theo Quyết định số 920/QĐ-TTg ngày 14/5/2025 của Thủ tướng Chính phủ về việc điều "
                                  "chỉnh một số nội dung của Chương trình; Quyết định số 920/QĐ-TTg ngày 14/5/2025 về "
                                  "việc điều chỉnh.")

    found = check(mutated(clean["ke-hoach-so"], change))
    assert [(f.rule, f.where) for f in found] == [("trich_dan.full_twice", "đoạn 18")] * 2
    assert all(f.detail == '"920/QĐ-TTg" đã được viện dẫn lần đầu ở đoạn 12; lần sau chỉ ghi "Quyết định số '
                           '920/QĐ-TTg"' for f in found)


def test_party_document_cited_in_full_twice(clean):
    found = _with(clean["ke-hoach-so"], can_cu=[f"Căn cứ {CT35};"], body=[f"Quán triệt {CT35}."])
    assert [(f.rule, f.where) for f in found] == [("trich_dan.full_twice", "đoạn 19")]
    assert found[0].detail.endswith('lần sau chỉ ghi "Chỉ thị số 35-CT/TW"')
