"""Text hygiene for Vietnamese document text: normalisation, upper-casing, cleaning."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "upper", "upper_heading", "clean", "clean_lines", "bad_chars", "legacy_words", "is_plain"]

# Invisible characters that carry no meaning in a printed document.
_REMOVED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")

# The Unicode White_Space property (not str.isspace, which also counts the
# C0 separators U+001C..U+001F; those are controls and bad_chars reports them).
_WHITESPACE = frozenset(
    "\t\n\v\f\r \u0085\u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)

_REMOVED_RE = re.compile("[" + "".join(sorted(_REMOVED)) + "]")
_WHITESPACE_RE = re.compile("[" + re.escape("".join(sorted(_WHITESPACE))) + "]+")
# Anything ``clean`` would change: an invisible character, white space other than one inner space.
_DIRTY_CHARS = "".join(sorted(_REMOVED)) + re.escape("".join(sorted(_WHITESPACE - {" "})))
_DIRTY_RE = re.compile(f"[{_DIRTY_CHARS}]|  |^ | $")
# What bad_chars reports: controls (category Cc) other than the allowed ones, lone surrogates, U+FFFE/F.
_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")



def nfc(s: str) -> str:
    """Return ``s`` in Unicode Normalisation Form C."""
    return unicodedata.normalize("NFC", s)


def upper(s: str) -> str:
    """Return ``s`` upper-cased the Vietnamese way, in NFC ("đ" -> "Đ")."""
    return nfc(nfc(s).upper())


# A document's number and symbol as issued ("1719/QĐ-TTg", "455/SĐTTG-KHTH"), a Party document's too ("35-CT/TW",
# "08-QĐi/TW": number, hyphen, kind, "/", the Party organ): kept as written in a heading set in capitals, or it
# would read as another document.
_SO_KY_HIEU = re.compile(r"\d+(?:/|-(?=[A-ZĐ][A-Za-zĐđ]*/))[0-9A-Za-zĐđ/&-]*[A-Za-zĐđ][0-9A-Za-zĐđ/&-]*")


def upper_heading(s: str) -> str:
    """``s`` in capitals, as a heading is set, except the numbers and symbols of documents it cites."""
    out, last = [], 0
    for found in _SO_KY_HIEU.finditer(s):
        out += [upper(s[last:found.start()]), found.group()]
        last = found.end()
    return "".join(out) + upper(s[last:])


def clean(s: str) -> str:
    """Return ``s`` in NFC, without invisible characters, with all whitespace as single spaces, stripped."""
    if not _DIRTY_RE.search(s) and unicodedata.is_normalized("NFC", s):
        return s  # the usual case, decided in C: nothing to remove, to fold or to strip
    s = nfc(_REMOVED_RE.sub("", s))
    s = _WHITESPACE_RE.sub(" ", s).strip(" ")
    return nfc(s)



# Line separators a text may hold: a YAML literal block's newlines, "\n" in quotes, Word's U+2028.
_LINE_BREAKS = re.compile("[ \t\u00a0]*(?:\r\n|[\n\r\u0085\u2028\u2029])[\\s\u00a0]*")


def clean_lines(s: str) -> str:
    """``clean`` for a text whose line breaks are meant: each line cleaned, joined by one "\\n" (blank lines and
    breaks at either end dropped). A text without a line break is cleaned as ``clean`` does."""
    if "\n" not in s and "\r" not in s and "\u2028" not in s and "\u2029" not in s and "\u0085" not in s:
        return clean(s)
    lines = (clean(line) for line in _LINE_BREAKS.split(s))
    return "\n".join(line for line in lines if line)


def bad_chars(s: str) -> list[tuple[int, str]]:
    """Return the (index, char) pairs of controls, lone surrogates and XML-forbidden characters in ``s``."""
    return [(m.start(), m.group()) for m in _BAD_RE.finditer(s)]


# Letters of Latin-1 that Vietnamese never uses: inside a word they are the trace of text typed in a
# legacy font encoding (TCVN3/ABC: "ViÖt", "hßa", "tr\u00adêng"; VNI: "Vieät", "hoøa", "chuû") and
# copied as if it were Unicode.
_LEGACY_LETTERS = ("[\u00a2-\u00a6\u00a8\u00aa\u00ac\u00ad\u00af\u00b4\u00b6\u00b8\u00b9\u00be\u00bf\u00c4-\u00c7"
                   "\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6\u00d8\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef"
                   "\u00f0\u00f1\u00f6\u00f8\u00fb\u00fc\u00fe\u00ff]")
_LEGACY_CHAR = re.compile(_LEGACY_LETTERS)
_LEGACY = re.compile(f"[A-Za-z\u00c0-\u00ff\u00ad]*{_LEGACY_LETTERS}[A-Za-z\u00c0-\u00ff\u00ad]*")


def legacy_words(s: str) -> list[str]:
    """The words of ``s`` that look typed in a legacy Vietnamese encoding (TCVN3/ABC, VNI), when there are
    at least two of them (one could be a foreign name, "Müller"); else an empty list."""
    if s.isascii() or not _LEGACY_CHAR.search(s):
        return []
    found = [w for w in _LEGACY.findall(s) if any(ch.isascii() for ch in w)]
    return found if len(found) >= 2 else []


# Any character that makes ``clean``, ``bad_chars`` or ``legacy_words`` have something to say, as one class: a
# text without any of it (and without spaces to fold or strip) is already clean when in NFC, found in one search.
_UNUSUAL = re.compile(f"[{_DIRTY_CHARS}{_BAD_RE.pattern[1:-1]}{_LEGACY_LETTERS[1:-1]}]")


def is_plain(s: str) -> bool:
    """True when ``s`` is in NFC and holds nothing to clean, refuse or suspect (the usual plan text)."""
    return not (_UNUSUAL.search(s) or "  " in s or s.startswith(" ") or s.endswith(" ")) and \
        unicodedata.is_normalized("NFC", s)
