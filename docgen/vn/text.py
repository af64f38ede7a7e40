"""Text hygiene for Vietnamese document text: normalisation, upper-casing, cleaning."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "upper", "clean", "bad_chars"]

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
_DIRTY_RE = re.compile("[" + "".join(sorted(_REMOVED)) + re.escape("".join(sorted(_WHITESPACE - {" "}))) + "]"
                       "|  |^ | $")
# What bad_chars reports: controls (category Cc) other than the allowed ones, lone surrogates, U+FFFE/F.
_BAD_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")



def nfc(s: str) -> str:
    """Return ``s`` in Unicode Normalisation Form C."""
    return unicodedata.normalize("NFC", s)


def upper(s: str) -> str:
    """Return ``s`` upper-cased the Vietnamese way, in NFC ("đ" -> "Đ")."""
    return nfc(nfc(s).upper())


def clean(s: str) -> str:
    """Return ``s`` in NFC, without invisible characters, with all whitespace as single spaces, stripped."""
    if not _DIRTY_RE.search(s) and unicodedata.is_normalized("NFC", s):
        return s  # the usual case, decided in C: nothing to remove, to fold or to strip
    s = nfc(_REMOVED_RE.sub("", s))
    s = _WHITESPACE_RE.sub(" ", s).strip(" ")
    return nfc(s)



def bad_chars(s: str) -> list[tuple[int, str]]:
    """Return the (index, char) pairs of controls, lone surrogates and XML-forbidden characters in ``s``."""
    return [(m.start(), m.group()) for m in _BAD_RE.finditer(s)]
