"""WordprocessingML fragments for docxtpl's ``{{r …}}`` and ``{{p …}}`` tags.

Everything a plan says goes through ``escape``: XML's special characters and the braces
(docxtpl rewrites ``{_{`` after rendering) become character references, so any text is
printed exactly as written and never read as markup or as a template. A line break in a
text ("\\n") becomes Word's ``<w:br/>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from docgen.plan.inline import Span

__all__ = ["escape", "runs", "plain_run", "sized_run", "footnote", "Mark", "Paragraph", "Paragraphs", "Table",
           "FOOTNOTE_TEXT", "FOOTNOTE_REFERENCE"]

FOOTNOTE_TEXT, FOOTNOTE_REFERENCE = "FootnoteText", "FootnoteReference"  # Word's own styles for footnotes


class Mark(NamedTuple):
    """A footnote's mark in the text (a span's ``note`` once the document has numbered its notes)."""

    number: int
    again: bool = False
    """The mark of a note placed earlier, cited again: Word's NOTEREF field to it, as Word's cross-reference."""
    named: bool = False
    """The note may be cited again: its mark stands in a bookmark the NOTEREF field finds."""


def _mark(mark: Mark) -> str:
    style = f'<w:rPr><w:rStyle w:val="{FOOTNOTE_REFERENCE}"/></w:rPr>'
    name = f"_RefNote{mark.number}"
    if mark.again:
        return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NOTEREF {name} '
                f'\\f \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r>{style}<w:t>{mark.number}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    run = f'<w:r>{style}<w:footnoteReference w:id="{mark.number}"/></w:r>'
    if mark.named:
        return f'<w:bookmarkStart w:id="{mark.number}" w:name="{name}"/>{run}<w:bookmarkEnd w:id="{mark.number}"/>'
    return run

_SPECIAL = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#39;"),
            ("{", "&#123;"), ("}", "&#125;"))  # "&" first: the others bring their own


def _escaped(text: str) -> str:
    # The usual text has nothing to escape: seven searches for one character each, in C, cost less than one
    # regex looking for all of them (a regex steps through the text character by character).
    if not ("&" in text or "<" in text or ">" in text or '"' in text or "'" in text or "{" in text or "}" in text):
        return text
    for char, reference in _SPECIAL:  # str.replace runs in C; str.translate with a table of strings does not
        if char in text:
            text = text.replace(char, reference)
    return text


_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'  # a line break inside a run, as docxtpl's Listing writes it


def escape(text: str) -> Markup:
    """``text`` safe to stand inside ``<w:t>`` in a template docxtpl renders, its line breaks as Word's."""
    text = _escaped(text)
    return Markup(text.replace("\n", _BREAK) if "\n" in text else text)


_XML_SPACE = " \t\r\n"


def _t(text: str) -> str:
    """A ``<w:t>``; told to keep its white space (xml:space) only when it has some a reader could lose, as
    Word writes it. A line break ("\\n") is a ``<w:br/>`` between two texts of the run."""
    if text and text[0] not in _XML_SPACE and text[-1] not in _XML_SPACE and "  " not in text and \
            "\t" not in text and "\n" not in text and "\r" not in text:
        return f"<w:t>{_escaped(text)}</w:t>"
    if "\n" in text:
        return "<w:br/>".join(_t(line) if line else "" for line in text.split("\n"))
    return f'<w:t xml:space="preserve">{_escaped(text)}</w:t>'


def plain_run(text: str) -> str:
    """A run of ``text`` in the paragraph's own look."""
    return f"<w:r>{_t(text)}</w:r>"


def sized_run(text: str, size_pt: float) -> str:
    """A run of ``text`` in the paragraph's own look but at ``size_pt`` (a line made to fit its column)."""
    half = round(size_pt * 2)
    return f'<w:r><w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>{_t(text)}</w:r>'


def _run(span: Span, reset: bool) -> str:
    if not (span.bold or span.italic or reset or span.vert or span.note is not None):
        return plain_run(span.text)  # the usual run: plain text in the paragraph's style
    if span.note is not None:  # a footnote's mark: Word numbers it
        return _mark(span.note)
    props = ""
    if span.bold:
        props += "<w:b/><w:bCs/>"
    elif reset:
        props += '<w:b w:val="0"/><w:bCs w:val="0"/>'
    if span.italic:
        props += "<w:i/><w:iCs/>"
    elif reset:
        props += '<w:i w:val="0"/><w:iCs w:val="0"/>'
    if span.vert:
        props += f'<w:vertAlign w:val="{span.vert}"/>'
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{props}{_t(span.text)}</w:r>"


def runs(spans: list[Span], reset: bool = False) -> str:
    """The runs for ``spans``; ``reset`` writes plain text as explicitly not bold, not italic
    (text that follows a heading on its line must not take the heading style's look)."""
    if len(spans) == 1:  # most paragraphs and cells: one run
        return _run(spans[0], reset)
    return "".join([_run(span, reset) for span in _merged(spans)]) if spans else ""


def _merged(spans: list[Span]) -> list[Span]:
    """``spans`` with neighbours of the same look joined: one run, as Word writes text typed in one go
    ("I. " and a heading's title, "- " and its point)."""
    out = [spans[0]]
    for span in spans[1:]:
        last = out[-1]
        if span.bold == last.bold and span.italic == last.italic and span.vert == last.vert and \
                span.note is None and last.note is None:
            out[-1] = last._replace(text=last.text + span.text)
        else:
            out.append(span)
    return out


def footnote(number: int, xml_runs: str) -> str:
    """A ``<w:footnote>`` of the footnotes part: Word's mark for ``number``, a space, then the note's runs."""
    return (f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="{FOOTNOTE_TEXT}"/></w:pPr><w:r><w:rPr>'
            f'<w:rStyle w:val="{FOOTNOTE_REFERENCE}"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{xml_runs}</w:p></w:footnote>')


class Paragraph(NamedTuple):
    """One paragraph: its style id, its runs, and indents (twips) measured at render time (a tuple: made by
    the hundred per document, cheaply)."""

    style: str
    xml_runs: str
    left: int | None = None
    right: int | None = None
    hanging: int | None = None
    keep_next: bool | None = None
    """None keeps the style's keep-with-next; False lifts it (a heading followed by text on its line)."""

    def xml(self) -> str:
        """The ``<w:p>`` element as text."""
        if self.keep_next is None and self.left is None and self.right is None and self.hanging is None:
            return _plain_paragraph(self.style, self.xml_runs)  # the usual paragraph: its style says it all
        keep = "" if self.keep_next is None else f'<w:keepNext w:val="{int(self.keep_next)}"/>'
        ind = "".join(f' w:{name}="{value}"' for name, value in
                      (("left", self.left), ("right", self.right), ("hanging", self.hanging)) if value is not None)
        ind = f"<w:ind{ind}/>" if ind else ""
        return f'<w:p><w:pPr><w:pStyle w:val="{self.style}"/>{keep}{ind}</w:pPr>{self.xml_runs}</w:p>'


class Paragraphs:
    """Paragraphs that replace one ``{{p name}}`` placeholder of a template."""

    def __init__(self, paragraphs: Iterable[Paragraph] = ()) -> None:
        self.items = list(paragraphs)

    def __html__(self) -> str:
        return "".join(p.xml() for p in self.items)

    def __str__(self) -> str:
        return self.__html__()


@dataclass(frozen=True)
class Table:
    """A bordered table across the text width: a header row repeated on each page, then the rows.
    Cells are lists of runs; ``numeric`` columns are set in the right-aligned style."""

    header: list[str]
    rows: list[list[str]]
    numeric: list[bool]

    def xml(self) -> str:
        """The ``<w:tbl>`` element as text."""
        border = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                         for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{border}</w:tblBorders>'
               '<w:tblLayout w:type="autofit"/></w:tblPr><w:tblGrid>'
               + "".join("<w:gridCol/>" for _ in self.header) + "</w:tblGrid>"]
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                   + "".join(_cell("DGBangDau", text) for text in self.header) + "</w:tr>")
        # A row is its cells' runs, each after the XML that closes the cell before it and opens its own (the
        # column's style): joined in C, row after row.
        openings = [_cell("DGBangSo" if num else "DGBang", "").removesuffix(_CELL_END) for num in self.numeric]
        openings = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>" + openings[0], *(_CELL_END + o for o in openings[1:])]
        row_end = _CELL_END + "</w:tr>"
        out += ["".join(map(str.__add__, openings, row)) + row_end for row in self.rows]
        return "".join(out) + "</w:tbl>"


def _plain_paragraph(style: str, xml_runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{xml_runs}</w:p>'


_CELL_END = "</w:p></w:tc>"


def _cell(style: str, xml_runs: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>{_plain_paragraph(style, xml_runs)}</w:tc>'
