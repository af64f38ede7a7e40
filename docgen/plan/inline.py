"""The little language inside a plan's text: **bold**, *italic* and citations [[code]].

Emphasis follows CommonMark's rules for stars (markdown-it-py, with every other Markdown rule
switched off; underscores are plain text), so ``\\*`` writes a literal star. ``[[code]]`` cites a document of the plan by its code in the
one consistent form; ``[[code+]]`` adds its trích yếu. Nothing else in a text is special:
``{{ }}``, ``<``, ``&`` are printed as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from docgen import cache

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


__all__ = ["Span", "spans", "is_plain_text", "citations", "CITATION"]

CITATION = re.compile(r"\[\[\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\s*(\+?)\s*\]\]")
_ESCAPE = re.compile(r"([\\*\[\]`])")


class Span(NamedTuple):
    """A run of text with one formatting (a tuple: made by the hundred per document, cheaply)."""

    text: str
    bold: bool = False
    italic: bool = False


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported when a text first has markup: most plans have none

    return MarkdownIt("zero").enable(["emphasis", "escape"])


@lru_cache(maxsize=256)
def _literal(text: str) -> str:
    """``text`` with the characters markup would read escaped, so that it is printed as it is (a plan cites its
    few documents again and again)."""
    return _ESCAPE.sub(r"\\\1", text)


def citations(text: str) -> list[tuple[str, bool]]:
    """The (code, with trích yếu) of every [[code]] in ``text``, in order; empty when none."""
    return [(m.group(1), bool(m.group(2))) for m in CITATION.finditer(text)]


def _has_markup(text: str) -> bool:
    """True when ``text`` has a star or a backslash, the only characters markup reads (two searches in C,
    cheaper than a regex stepping through the text)."""
    return "*" in text or "\\" in text


def is_plain_text(text: str) -> bool:
    """True when ``text`` has neither markup nor a citation: ``spans`` gives it back as one plain span."""
    return "[[" not in text and not _has_markup(text)


def spans(text: str, cite: Callable[[str, bool], str] | None = None) -> list[Span]:
    """``text`` as formatted runs, citations replaced by ``cite(code, full)``; never empty for a non-empty text."""
    if cite is not None and "[[" in text:
        text = CITATION.sub(lambda m: _literal(cite(m.group(1), bool(m.group(2)))), text)
    if not _has_markup(text):
        return [Span(text)]
    known = _known()
    found = known.get(text)
    if found is None:
        if len(known) >= 2 * _KEPT:  # a long build meets many texts: the oldest go
            for old in list(known)[:_KEPT]:
                del known[old]
        found = known[text] = _parsed(text)
        _PARSED_NOW.append(text)
    return list(found)


# Texts with markup parsed in earlier runs, and their spans (docgen's cache, see ``keep_parsed``): a plan
# rendered again, its texts unchanged, does not import markdown-it at all.
_KNOWN: dict[str, tuple[Span, ...]] | None = None
_PARSED_NOW: list[str] = []
_KEPT = 5_000  # texts kept between runs, the latest parsed


def _cache_name() -> str:
    return cache.key("inline-spans", cache.library_stamp("markdown_it"))


def _known() -> dict[str, tuple[Span, ...]]:
    global _KNOWN
    if _KNOWN is None:
        _KNOWN = {}
        entry = cache.load(_cache_name())
        if isinstance(entry, dict):
            for text, found in entry.items():
                try:
                    _KNOWN[text] = tuple(Span(*_checked(*span)) for span in found)
                except TypeError:  # an entry not written by this code: parsed again when met
                    continue
    return _KNOWN


def _checked(text: str, bold: bool, italic: bool) -> tuple[str, bool, bool]:
    if type(text) is not str or type(bold) is not bool or type(italic) is not bool:
        raise TypeError("not a span")
    return text, bold, italic


def keep_parsed() -> None:
    """Keep the texts with markup parsed in this run for the next ones (the command line calls this when
    its documents are written); a cache that cannot be written is only a slower start."""
    if not _PARSED_NOW or _KNOWN is None:
        return
    kept = list(_KNOWN.items())[-_KEPT:]
    cache.store(_cache_name(), {text: tuple(tuple(span) for span in found) for text, found in kept})
    _PARSED_NOW.clear()


def _parsed(text: str) -> tuple[Span, ...]:
    """The spans of ``text`` (which has markup), parsed by markdown-it."""
    text = text.replace("_", "\\_")  # only stars format text: an underscore is always itself
    out: list[Span] = []
    bold = italic = 0
    for token in _parser().parseInline(text)[0].children or ():
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif token.content:
            text = token.content
            if out and unicodedata.combining(text[0]):  # a mark belongs with its letter, in the run before
                marks = next((i for i, ch in enumerate(text) if not unicodedata.combining(ch)), len(text))
                last = out.pop()
                out.append(Span(unicodedata.normalize("NFC", last.text + text[:marks]), last.bold, last.italic))
                text = text[marks:]
                if not text:
                    continue
            span = Span(text, bold > 0, italic > 0)
            if out and (out[-1].bold, out[-1].italic) == (span.bold, span.italic):
                span = Span(out[-1].text + span.text, span.bold, span.italic)
                out.pop()
            out.append(span)
    return tuple(out) or (Span(""),)
