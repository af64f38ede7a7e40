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

__all__ = ["escape", "runs", "plain_run", "sized_run", "footnote", "Mark", "Paragraph", "Paragraphs", "Table", "Cell",
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
    section: str | None = None
    """A ``<w:sectPr>``: the paragraph ends a section with these page properties."""

    def xml(self) -> str:
        """The ``<w:p>`` element as text."""
        if self.keep_next is None and self.left is None and self.right is None and self.hanging is None and \
                self.section is None:
            return _plain_paragraph(self.style, self.xml_runs)  # the usual paragraph: its style says it all
        keep = "" if self.keep_next is None else f'<w:keepNext w:val="{int(self.keep_next)}"/>'
        ind = "".join(f' w:{name}="{value}"' for name, value in
                      (("left", self.left), ("right", self.right), ("hanging", self.hanging)) if value is not None)
        ind = f"<w:ind{ind}/>" if ind else ""
        return (f'<w:p><w:pPr><w:pStyle w:val="{self.style}"/>{keep}{ind}{self.section or ""}</w:pPr>'
                f"{self.xml_runs}</w:p>")


class Paragraphs:
    """Paragraphs that replace one ``{{p name}}`` placeholder of a template."""

    def __init__(self, paragraphs: Iterable[Paragraph] = ()) -> None:
        self.items = list(paragraphs)

    def __html__(self) -> str:
        return "".join(p.xml() for p in self.items)

    def __str__(self) -> str:
        return self.__html__()


class Cell(NamedTuple):
    """A cell that is not a plain one: runs across ``span`` columns, or merged with the cells above or below."""

    xml_runs: str
    span: int = 1
    merge: str | None = None  # "restart": the first of cells merged down; "continue": one merged into it
    align: str | None = None  # Word's jc; None: the column's (one column) or left (several)


_BORDER = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))


@dataclass(frozen=True)
class Table:
    """A table with a visible single-line grid, its columns' widths (twips) fixed: a header row repeated on each
    page, then the rows, none split across pages. A row is a list of runs, one per column (the usual row, written
    straight from each column's opening), or a list of Cell where cells span columns or are merged down. Each
    column's cells take its alignment (``aligns``: Word's jc values)."""

    header: list[str]
    rows: list[list]
    widths: list[int]
    aligns: list[str]

    def xml(self) -> str:
        """The ``<w:tbl>`` element as text."""
        widths = self.widths
        out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
               f'<w:tblBorders>{_BORDER}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
               + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                   + "".join(_cell("DGBangDau", text, w) for text, w in zip(self.header, widths)) + "</w:tr>")
        # A plain row is its cells' runs, each after the XML that closes the cell before it and opens its own (the
        # column's width and alignment): joined in C, row after row.
        openings = [_cell("DGBang", "", w, align).removesuffix(_CELL_END) for w, align in zip(widths, self.aligns)]
        openings = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>" + openings[0], *(_CELL_END + o for o in openings[1:])]
        row_end = _CELL_END + "</w:tr>"
        for row in self.rows:
            if row and type(row[0]) is str:
                out.append("".join(map(str.__add__, openings, row)) + row_end)
            else:
                out.append(self._row(row))
        return "".join(out) + "</w:tbl>"

    def _row(self, row: list[Cell]) -> str:
        cells, k = [], 0
        for cell in row:
            width = sum(self.widths[k:k + cell.span])
            align = cell.align or (self.aligns[k] if cell.span == 1 else "left")
            cells.append(_cell("DGBang", cell.xml_runs, width, align, cell.span, cell.merge))
            k += cell.span
        return "<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>"


def _plain_paragraph(style: str, xml_runs: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{xml_runs}</w:p>'


_CELL_END = "</w:p></w:tc>"


def _cell(style: str, xml_runs: str, width: int, align: str | None = None, span: int = 1,
          merge: str | None = None) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge is not None:
        props += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    # an alignment is a style of its own (the styles a clerk adjusts in Word), not a property of each paragraph
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_plain_paragraph(_CELL_STYLES.get(align, style), xml_runs)}</w:tc>"


_CELL_STYLES = {"left": "DGBang", "right": "DGBangSo", "center": "DGBangGiua", "both": "DGBangDeu",
                "group": "DGBangNhom"}  # a group row's heading stays on the page of the row after it
