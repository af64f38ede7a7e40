"""The little language inside a plan's text: emphasis, superscript, subscript, footnotes and citations.

- ``**bold**``, ``*italic*``: CommonMark's rules for stars (markdown-it-py, with every other Markdown rule
  switched off; underscores are plain text), so ``\\*`` writes a literal star;
- ``m^2^`` and ``CO~2~``: superscript and subscript (Pandoc's markup, markdown-it's sup and sub plugins);
- ``^[the note's text]``: a footnote written where it stands; ``[^code]``: the footnote the plan defines
  under ``chu_thich`` (markdown-it's footnote plugin). Either becomes a real Word footnote;
- ``[[code]]`` cites a document of the plan by its code in the one consistent form, ``[[code+]]`` with its
  trích yếu, ``[[code-]]`` in the short form (kind and số/ký hiệu).
Nothing else in a text is special: ``{{ }}``, ``<``, ``&`` are printed as they are. A line break in the
text (a YAML literal block's new line) is a line break in the paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from docgen import cache

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


__all__ = ["Span", "spans", "is_plain_text", "citations", "note_refs", "CITATION", "NOTE_REF", "SUP", "SUB"]

# A code never ends with "-", "+" or ".": "[[qd1719-]]" is qd1719 in the short form.
CITATION = re.compile(r"\[\[\s*([A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)\s*([+-]?)\s*\]\]")
NOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
"""A footnote defined under ``chu_thich``, cited by its code: ``[^luat55]``."""
_ESCAPE = re.compile(r"([\\*\[\]`^~])")
SUP, SUB = "superscript", "subscript"  # a span's vertical position, as Word names it (w:vertAlign)


class Span(NamedTuple):
    """A run of text with one formatting (a tuple: made by the hundred per document, cheaply).

    ``note`` marks a footnote reference (its ``text`` is empty): as parsed, the note's spans, or the code of a
    note the plan defines; once the document numbers its notes, the note's number."""

    text: str
    bold: bool = False
    italic: bool = False
    vert: str = ""
    note: Any = None


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported when a text first has markup: most plans have none

    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.subscript import sub_plugin
    from mdit_py_plugins.superscript import superscript_plugin

    parser = MarkdownIt("zero").enable(["emphasis", "escape"])
    parser.use(superscript_plugin).use(sub_plugin)
    # ^[inline notes] and [^code] references to the plan's own notes (resolved by the document, which knows them)
    return parser.use(footnote_plugin, inline=True, move_to_end=False, always_match_refs=True)


@lru_cache(maxsize=256)
def _literal(text: str) -> str:
    """``text`` with the characters markup would read escaped, so that it is printed as it is (a plan cites its
    few documents again and again)."""
    return _ESCAPE.sub(r"\\\1", text)


def citations(text: str) -> list[tuple[str, str]]:
    """The (code, form) of every [[code]] in ``text``, in order ("" as the plan says, "+" full, "-" short)."""
    return [(m.group(1), m.group(2)) for m in CITATION.finditer(text)]


def note_refs(text: str) -> list[str]:
    """The codes of the plan's footnotes that ``text`` cites ([^code]), in order."""
    return NOTE_REF.findall(text) if "[^" in text else []


def _has_markup(text: str) -> bool:
    """True when ``text`` has a character markup reads: a star, a backslash, a caret or a tilde (searches in C,
    cheaper than a regex stepping through the text)."""
    return "*" in text or "\\" in text or "^" in text or "~" in text


def is_plain_text(text: str) -> bool:
    """True when ``text`` has neither markup nor a citation: ``spans`` gives it back as one plain span."""
    return "[[" not in text and not _has_markup(text)


def spans(text: str, cite: Callable[[str, str], str] | None = None) -> list[Span]:
    """``text`` as formatted runs, citations replaced by ``cite(code, form)``; never empty for a non-empty text.
    A footnote is a span with an empty text and its ``note``: the note's spans, or the code of a plan's note."""
    if cite is not None and "[[" in text:
        text = CITATION.sub(lambda m: _literal(cite(m.group(1), m.group(2))), text)
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
    return cache.key("inline-spans", cache.library_stamp("markdown_it"), cache.library_stamp("mdit_py_plugins"))


def _known() -> dict[str, tuple[Span, ...]]:
    global _KNOWN
    if _KNOWN is None:
        _KNOWN = {}
        entry = cache.load(_cache_name())
        if isinstance(entry, dict):
            for text, found in entry.items():
                try:
                    _KNOWN[text] = _restored(found)
                except TypeError:  # an entry not written by this code: parsed again when met
                    continue
    return _KNOWN


def _restored(found: Any) -> tuple[Span, ...]:
    """Spans as the cache kept them (plain tuples), checked: TypeError for anything else."""
    if type(found) is not tuple:
        raise TypeError("not spans")
    return tuple(Span(*_checked(*span)) for span in found)


def _checked(text: str, bold: bool, italic: bool, vert: str = "", note: Any = None) -> tuple:
    if type(text) is not str or type(bold) is not bool or type(italic) is not bool or vert not in ("", SUP, SUB):
        raise TypeError("not a span")
    if note is not None and type(note) is not str:
        note = _restored(note)
    return text, bold, italic, vert, note


def _kept(found: tuple[Span, ...]) -> tuple:
    """Spans as plain tuples, for marshal (a note's spans nested)."""
    return tuple((s.text, s.bold, s.italic, s.vert, s.note if type(s.note) is not tuple else _kept(s.note))
                 for s in found)


def keep_parsed() -> None:
    """Keep the texts with markup parsed in this run for the next ones (the command line calls this when
    its documents are written); a cache that cannot be written is only a slower start."""
    if not _PARSED_NOW or _KNOWN is None:
        return
    kept = list(_KNOWN.items())[-_KEPT:]
    cache.store(_cache_name(), {text: _kept(found) for text, found in kept})
    _PARSED_NOW.clear()


def _parsed(text: str) -> tuple[Span, ...]:
    """The spans of ``text`` (which has markup), parsed by markdown-it."""
    text = text.replace("_", "\\_")  # only stars format text: an underscore is always itself
    env: dict = {}
    tokens = _parser().parseInline(text, env)[0].children or ()
    return _from_tokens(tokens, env) or (Span(""),)


def _from_tokens(tokens, env: dict) -> tuple[Span, ...]:
    out: list[Span] = []
    bold = italic = 0
    vert = ""
    for token in tokens:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind in ("sup_open", "sub_open"):
            vert = SUP if kind == "sup_open" else SUB
        elif kind in ("sup_close", "sub_close"):
            vert = ""
        elif kind == "footnote_ref":
            found = env["footnotes"]["list"][token.meta["id"]]
            # a plan's note by its code (its underscores were escaped for the parse), or the inline note's spans
            note = found["label"].replace("\\_", "_") if "label" in found else _from_tokens(found["tokens"], env)
            out.append(Span("", note=note))
        elif token.content:
            text = token.content
            if out and unicodedata.combining(text[0]):  # a mark belongs with its letter, in the run before
                marks = next((i for i, ch in enumerate(text) if not unicodedata.combining(ch)), len(text))
                last = out.pop()
                out.append(last._replace(text=unicodedata.normalize("NFC", last.text + text[:marks])))
                text = text[marks:]
                if not text:
                    continue
            span = Span(text, bold > 0, italic > 0, vert)
            if out and out[-1].note is None and out[-1][1:4] == span[1:4]:
                span = span._replace(text=out[-1].text + span.text)
                out.pop()
            out.append(span)
    return tuple(out)
