from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.vn import bad_chars, clean, nfc, upper


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def test_nfc() -> None:
    assert nfc(_nfd("Ngọc Liên")) == "Ngọc Liên"
    assert len(nfc(_nfd("ọ"))) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("đ", "Đ"),
        ("ủy ban nhân dân xã ngọc liên", "ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN"),
        ("cộng hòa xã hội chủ nghĩa việt nam", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("quyết định", "QUYẾT ĐỊNH"),
        ("ưởng ơn", "ƯỞNG ƠN"),
    ],
)
def test_upper(text: str, expected: str) -> None:
    assert upper(text) == expected
    assert upper(_nfd(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ủy\u00adban", "Ủyban"),
        ("Ngọc\u200bLiên", "NgọcLiên"),
        ("a\u200c\u200d\u2060b", "ab"),
        ("\ufeffQuyết định", "Quyết định"),
        ("Hà\u00a0Nội", "Hà Nội"),
        ("10\u202f000", "10 000"),
        ("dòng 1\r\ndòng 2", "dòng 1 dòng 2"),
        ("a\tb\vc\fd\re\nf", "a b c d e f"),
        ("  nhiều    khoảng   trắng  ", "nhiều khoảng trắng"),
        ("a\u2003\u3000b", "a b"),
        (_nfd("Ngọc"), "Ngọc"),
        ("\u201cNgọc Liên\u201d", "\u201cNgọc Liên\u201d"),
        ("o\u200b\u0301", "ó"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngọc Liên", []),
        ("a\x00b", [(1, "\x00")]),
        ("a\x0bb", [(1, "\x0b")]),
        ("x\uffff", [(1, "\uffff")]),
        ("\ufffe", [(0, "\ufffe")]),
        ("\ud800", [(0, "\ud800")]),
        ("a\x1fb\x7f\x9c", [(1, "\x1f"), (3, "\x7f"), (4, "\x9c")]),
        ("a\tb\nc\rd", []),
    ],
)
def test_bad_chars(text: str, expected: list[tuple[int, str]]) -> None:
    assert bad_chars(text) == expected


def test_clean_leaves_controls_for_bad_chars() -> None:
    assert bad_chars(clean("a\x00b\x1cc")) == [(1, "\x00"), (3, "\x1c")]


_text = st.text(st.characters(codec="utf-8"), max_size=40) | st.text(
    st.sampled_from(list("aăâđọờ \t\n\r\u00a0\u00ad\u200b\ufeff\u0301\u0323")), max_size=40
)


@settings(max_examples=200, derandomize=True)
@given(_text)
def test_clean_properties(text: str) -> None:
    out = clean(text)
    assert nfc(out) == out
    assert "  " not in out
    assert out == out.strip(" ")
    assert clean(out) == out
    assert not set(out) & set("\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\t\n\r\v\f")


@settings(max_examples=200, derandomize=True)
@given(st.text(max_size=40))
def test_upper_nfd_equals_nfc(text: str) -> None:
    assert upper(_nfd(text)) == upper(nfc(text))
    assert nfc(upper(text)) == upper(text)


# Text built from the characters each rule looks at, and ordinary Vietnamese letters and spaces.
_TRICKY = st.text(st.sampled_from(list("aăâđêôơư ÁẠẶỜ  \u0301\u0323\t\n\u00a0\u00ad\u200b\ufeff\x00\x07\x85\x9f"
                                       "\u00d6\u00e4\u00f8\u00a6\u2028\u3000\ufffe\ud800.,;")), max_size=20)


@settings(derandomize=True, max_examples=600)
@given(st.one_of(_TRICKY, st.text(max_size=30)))
def test_is_plain_only_when_nothing_would_be_cleaned_refused_or_suspected(text: str) -> None:
    from docgen.vn.text import is_plain, legacy_words

    if is_plain(text):
        assert clean(text) == text
        assert bad_chars(text) == []
        assert legacy_words(text) == []


@pytest.mark.parametrize("text", ["Ủy ban nhân dân xã Ngọc Liên", "Căn cứ Quyết định số 1719/QĐ-TTg;", "", "a b"])
def test_usual_text_is_plain(text: str) -> None:
    from docgen.vn.text import is_plain

    assert is_plain(text)


@pytest.mark.parametrize("text", [" a", "a ", "a  b", "a\tb", "a\u00a0b", "a\u200bb", "a\x07b", "Vi\u00d6t",
                                  unicodedata.normalize("NFD", "Việt"), "a\ud800"])
def test_text_with_something_to_say_is_not_plain(text: str) -> None:
    from docgen.vn.text import is_plain

    assert not is_plain(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Triển khai Quyết định số 1719/QĐ-TTg", "TRIỂN KHAI QUYẾT ĐỊNH SỐ 1719/QĐ-TTg"),
    ("Thực hiện Quy định số 08-QĐi/TW của Bộ Chính trị", "THỰC HIỆN QUY ĐỊNH SỐ 08-QĐi/TW CỦA BỘ CHÍNH TRỊ"),
    ("Nghị quyết số 12-NQ/đu", "NGHỊ QUYẾT SỐ 12-NQ/đu"),
    ("giai đoạn 2021-2030, đến năm 2030", "GIAI ĐOẠN 2021-2030, ĐẾN NĂM 2030"),
    ("ngày 14/6/2024", "NGÀY 14/6/2024"),
])
def test_upper_heading_keeps_cited_numbers_and_symbols(text: str, expected: str) -> None:
    """A State or a Party document's number and symbol stays as written; spans and dates are upper-cased (they have
    nothing to upper-case)."""
    from docgen.vn import upper_heading

    assert upper_heading(text) == expected
