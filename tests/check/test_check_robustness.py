"""``docgen check`` on breakages that go beyond one rule's own property: fonts named through the theme
or in the High-ANSI slot (where Vietnamese letters fall), text outside the body (page number, the contact
line of ô 13), a document typed in "Unicode tổ hợp" (NFD), pasted invisible characters.

Each test says what the checker should report, and nothing more.
"""

from __future__ import annotations

import unicodedata

import pytest
from check_support import check, clean, mutated, para, replace, rules, set_text, text_runs, unexpected  # noqa: F401
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import RGBColor
from docx_helpers import paragraphs

BODY = "Thực hiện có hiệu quả Chương trình"  # a plain body paragraph of the Ngọc Liên plan


def _fonts(run, **attrs):
    """Give ``run`` its own <w:rFonts> with exactly ``attrs`` (e.g. ascii=…, asciiTheme=…)."""
    rpr = run._r.get_or_add_rPr()
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    shown = " ".join(f'w:{k}="{v}"' for k, v in attrs.items())
    rpr.insert(0, parse_xml(f"<w:rFonts {nsdecls('w')} {shown}/>"))


def _to_nfd(p):
    for r in p.runs:
        r.text = unicodedata.normalize("NFD", r.text)


# -- fonts -----------------------------------------------------------------------------------------


def test_theme_font_alone_is_resolved(clean):
    """Text pasted with its theme font (<w:rFonts w:asciiTheme="minorHAnsi" …/>) is not Times New Roman."""
    data = mutated(clean["ngoc-lien"], lambda d: _fonts(
        text_runs(para(d, BODY))[0], asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi"))
    found = unexpected("ngoc-lien", check(data))
    assert rules(found) == {"font.family"}
    assert "Times New Roman" not in found[0].detail


def test_theme_font_wins_over_a_named_font(clean):
    data = mutated(clean["ngoc-lien"], lambda d: _fonts(
        text_runs(para(d, BODY))[0], ascii="Times New Roman", hAnsi="Times New Roman",
        asciiTheme="minorHAnsi", hAnsiTheme="minorHAnsi"))
    assert rules(unexpected("ngoc-lien", check(data))) == {"font.family"}


def test_vietnamese_letters_in_arial_through_hansi(clean):
    data = mutated(clean["ngoc-lien"], lambda d: _fonts(
        text_runs(para(d, BODY))[0], ascii="Times New Roman", hAnsi="Arial"))
    assert rules(unexpected("ngoc-lien", check(data))) == {"font.family"}


# -- text outside the body -------------------------------------------------------------------------


def _page_number_runs(doc):
    return list(doc.sections[0].header.paragraphs[0]._p.iter(qn("w:r")))


def test_page_number_in_arial(clean):
    def change(doc):
        for r in _page_number_runs(doc):
            r.get_or_add_rPr().insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="Arial" w:hAnsi="Arial"/>'))

    assert rules(unexpected("ngoc-lien", check(mutated(clean["ngoc-lien"], change)))) == {"font.family"}


def _contact(doc):
    found = [p for p in doc.sections[0].first_page_footer.paragraphs if "Điện thoại" in p.text]
    assert found, "the contact line (ô 13) is in the first-page footer"
    return found[0]


def test_contact_line_in_arial(clean):
    def change(doc):
        for r in _contact(doc).runs:
            r.font.name = "Arial"

    assert rules(check(mutated(clean["ke-hoach-so"], change))) == {"font.family"}


def test_contact_line_in_nfd(clean):
    assert rules(check(mutated(clean["ke-hoach-so"], lambda d: _to_nfd(_contact(d))))) == {"text.nfc"}


# -- "Unicode tổ hợp" (NFD) ------------------------------------------------------------------------

_NFD_CASES = [
    # (document, paragraph start, note)
    ("bach-thong", "CỘNG HÒA", None),
    ("ke-hoach-so", "Ngọc Liên, ngày", None),
    ("ke-hoach-so", "KẾ HOẠCH", None),
    ("ke-hoach-so", "Nơi nhận", None),
    ("ngoc-lien", BODY, None),
    ("ke-hoach-so", "Số:", 'also so.format "không thấy dòng Số": document._find_components matches '
                          '"^Số\\s*:" on the raw (NFD) text'),
    ("ngoc-lien", "Căn cứ Quyết định số 252", 'also can_cu.format on the PREVIOUS căn cứ ("dòng cần kết thúc '
                                              'bằng .") : _find_body tests startswith("Căn cứ") on raw text, so the '
                                              'NFD last căn cứ is taken for body text'),
    ("bach-thong", "Kính gửi", "also body.align and body.indent on Kính gửi and each of its lines: _find_body "
                               'tests startswith("Kính gửi") on raw text'),
    ("bach-thong", "- Lưu:", 'also noi_nhan.items ("dòng cuối là - Lưu"): signature._noi_nhan tests '
                             'startswith("- Lưu") on raw text'),
]


def _nfd_param(doc, start, reason):
    marks = []
    return pytest.param(doc, start, marks=marks, id=f"{doc}:{start}")


@pytest.mark.parametrize(("doc", "start"), [_nfd_param(*c) for c in _NFD_CASES])
def test_nfd_paragraph_is_only_an_encoding_error(clean, doc, start):
    """A component typed in NFD is still that component: the only finding is text.nfc, on it."""
    found = unexpected(doc, check(mutated(clean[doc], lambda d: _to_nfd(para(d, start)))))
    assert rules(found) == {"text.nfc"}, [f.line() for f in found]
    assert len(found) == 1 and unicodedata.normalize("NFC", found[0].text).startswith(start[:20])


@pytest.mark.parametrize("doc", [
    "ngoc-lien",
    "bach-thong",
])
def test_whole_document_in_nfd(clean, doc):
    """What a clerk gets from a keyboard set to "Unicode tổ hợp": one text.nfc per paragraph, nothing else."""

    def change(d):
        for p in paragraphs(d):
            _to_nfd(p)

    found = unexpected(doc, check(mutated(clean[doc], change)))
    assert rules(found) == {"text.nfc"}, sorted(rules(found))


# -- invisible characters and other near misses -------------------------------------------------------


def test_zero_width_space_in_the_motto(clean):
    found = check(mutated(clean["ke-hoach-so"], lambda d: replace(d, "Độc lập - ", "Độc lập -\u200b ")))
    assert rules(found) == {"text.control"}, [f.line() for f in found]


def test_spaces_in_the_symbol_are_one_mistake(clean):
    found = check(mutated(clean["ke-hoach-so"], lambda d: set_text(para(d, "Số:"), "Số: 05/KH - UBND")))
    assert rules(found) == {"so.format"}, [f.line() for f in found]
    assert "dấu cách" in found[0].detail


def test_later_citation_without_issuer_is_consistent(clean):
    """Phụ lục I, II.6.a: later citations may give only the type and number; that is not an inconsistency (nor a
    second citation in full: only the other known one, of Công văn 455 in IV.5, is left)."""
    data = mutated(clean["ngoc-lien"], lambda d: replace(
        d, "1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ phê duyệt", "1719/QĐ-TTg phê duyệt", nth=-1))
    found = check(data)
    assert [(f.rule, f.text[:20]) for f in found] == [("trich_dan.full_twice", "5. Tập trung thực hi")]


def test_hyperlink_blue_is_a_colour_error(clean):
    data = mutated(clean["ngoc-lien"], lambda d: setattr(
        text_runs(para(d, BODY))[0].font.color, "rgb", RGBColor(0x05, 0x63, 0xC1)))
    found = unexpected("ngoc-lien", check(data))
    assert rules(found) == {"font.color"} and "0563C1" in found[0].detail
