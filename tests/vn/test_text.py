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
