"""Reading a .docx as a reader sees it: every paragraph in order, and each run's effective formatting."""

from __future__ import annotations

from collections.abc import Iterator

from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run


def paragraphs(doc: Document) -> Iterator[Paragraph]:
    """Every paragraph of the body in reading order, table cells included (row by row, cell by cell)."""
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield block


def text_lines(doc: Document) -> list[str]:
    """The non-empty paragraph texts, in reading order."""
    return [p.text for p in paragraphs(doc) if p.text.strip()]


def find(doc: Document, start: str) -> Paragraph:
    """The first paragraph whose text starts with ``start``."""
    for p in paragraphs(doc):
        if p.text.startswith(start):
            return p
    raise AssertionError(f"no paragraph starts with {start!r}")


def _style_chain(paragraph: Paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _defaults(doc_part, attr: str):
    rpr = doc_part.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is None:
        return None
    if attr == "size":
        sz = rpr.find(qn("w:sz"))
        return int(sz.get(qn("w:val"))) / 2 if sz is not None else None
    if attr == "name":
        fonts = rpr.find(qn("w:rFonts"))
        return fonts.get(qn("w:ascii")) if fonts is not None else None
    return None


def run_format(run: Run, paragraph: Paragraph, attr: str):
    """The effective ``attr`` (bold, italic, size in pt, name, color) of ``run``: run → paragraph style chain → defaults."""
    def value(font):
        got = getattr(font, attr if attr != "color" else "color")
        if attr == "size":
            return got.pt if got is not None else None
        if attr == "color":
            return str(got.rgb) if got is not None and got.type is not None else None
        return got

    found = value(run.font)
    if found is not None:
        return found
    for style in _style_chain(paragraph):
        found = value(style.font)
        if found is not None:
            return found
    if attr in ("bold", "italic"):
        return False
    return _defaults(paragraph.part, attr)


def paragraph_format(paragraph: Paragraph, attr: str):
    """The effective paragraph ``attr`` (alignment, first_line_indent, space_before, line_spacing, …)."""
    found = getattr(paragraph.paragraph_format, attr)
    if found is not None:
        return found
    for style in _style_chain(paragraph):
        found = getattr(style.paragraph_format, attr)
        if found is not None:
            return found
    return None


def text_runs(paragraph: Paragraph) -> list[Run]:
    """The runs of ``paragraph`` that carry visible text."""
    return [r for r in paragraph.runs if r.text.strip()]
