"""Every paragraph of a body read in one pass in C: the checker's reading of a document, made cheap.

Walking a body from Python costs a proxy object and a call for every element touched, and that
walk cost more than all the rules together. A compiled XSLT walks the body instead and writes one
plain string: for every table, row and cell a marker, and for every paragraph its style (when a
style is all its properties say), and each run's text and whether the run has properties of its
own. Python splits that string. Separators are Unicode noncharacters, which a document's text
does not hold; when one does, the counts do not add up and the caller reads that document
element by element instead (``None`` is returned).
"""

from __future__ import annotations

from functools import lru_cache

from lxml import etree

from docgen.check.ooxml import W

__all__ = ["scan", "stray"]

_NS = {"w": W[1:-1]}
# MARK begins a table, row, cell or paragraph; FIELD a run. In a paragraph's head, STYLE comes before its
# pStyle's value and MORE stands for any other paragraph property; OWN opens a run with properties.
MARK, FIELD, STYLE, MORE, OWN = "\ufdd0", "\ufdd1", "\ufdd2", "\ufdd3", "\ufdd4"

# libxslt pays for every XPath it evaluates (a select, a test) far more than for a template it matches: the
# body is walked by matching templates, child by child, in modes that say where the walk stands. Only the
# body's children and a table's style are selected by a path, once per document and once per table.
# Modes: b the body, tbl a table, tr a row, tc a cell, p a paragraph, h its properties, r a run, d below a
# paragraph or a run (a link, a field, a text box: its runs are the paragraph's), x a text's characters.
_XSLT = etree.XSLT(etree.XML(f"""\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="{_NS['w']}">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="/"><xsl:apply-templates select="w:document/w:body/*" mode="b"/></xsl:template>
  <xsl:template match="w:p" mode="b"><xsl:text>&#xFDD0;P</xsl:text><xsl:apply-templates mode="p"/></xsl:template>
  <xsl:template match="w:tbl" mode="b">
    <xsl:text>&#xFDD0;T</xsl:text><xsl:value-of select="w:tblPr/w:tblStyle/@w:val"/>
    <xsl:apply-templates mode="tbl"/><xsl:text>&#xFDD0;E</xsl:text>
  </xsl:template>
  <xsl:template match="w:tr" mode="tbl"><xsl:text>&#xFDD0;R</xsl:text><xsl:apply-templates mode="tr"/></xsl:template>
  <xsl:template match="w:tc" mode="tr"><xsl:text>&#xFDD0;C</xsl:text><xsl:apply-templates mode="tc"/></xsl:template>
  <xsl:template match="w:p" mode="tc"><xsl:text>&#xFDD0;P</xsl:text><xsl:apply-templates mode="p"/></xsl:template>
  <xsl:template match="*|text()" mode="b"/>
  <xsl:template match="*|text()" mode="tbl"/>
  <xsl:template match="*|text()" mode="tr"/>
  <xsl:template match="*|text()" mode="tc"/>
  <xsl:template match="w:pPr" mode="p"><xsl:apply-templates mode="h"/></xsl:template>
  <xsl:template match="w:r" mode="p"><xsl:text>&#xFDD1;</xsl:text><xsl:apply-templates mode="r"/></xsl:template>
  <xsl:template match="*" mode="p"><xsl:apply-templates mode="d"/></xsl:template>
  <xsl:template match="w:r" mode="d"><xsl:text>&#xFDD1;</xsl:text><xsl:apply-templates mode="r"/></xsl:template>
  <xsl:template match="w:r" mode="r"><xsl:text>&#xFDD1;</xsl:text><xsl:apply-templates mode="r"/></xsl:template>
  <xsl:template match="*" mode="d"><xsl:apply-templates mode="d"/></xsl:template>
  <xsl:template match="w:pStyle" mode="h"><xsl:text>&#xFDD2;</xsl:text><xsl:value-of select="@w:val"/></xsl:template>
  <xsl:template match="*" mode="h"><xsl:text>&#xFDD3;</xsl:text></xsl:template>
  <xsl:template match="w:rPr" mode="r"><xsl:text>&#xFDD4;</xsl:text></xsl:template>
  <xsl:template match="w:t" mode="r"><xsl:apply-templates mode="x"/></xsl:template>
  <xsl:template match="w:tab|w:br|w:cr" mode="r"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="*" mode="r"><xsl:apply-templates mode="d"/></xsl:template>
  <xsl:template match="text()" mode="p"/>
  <xsl:template match="text()" mode="d"/>
  <xsl:template match="text()" mode="h"/>
  <xsl:template match="text()" mode="r"/>
</xsl:stylesheet>""".encode()))

# No XPath that returns a long node set from several context nodes or a union ("a | b"): libxml2 merges
# such sets in quadratic time, and a body may hold tens of thousands of paragraphs. Counts are fine.
_P, _TBL, _TR, _TC = (f"{W}{tag}" for tag in ("p", "tbl", "tr", "tc"))


def _paragraph_elements(body) -> list:
    """The body's paragraphs and its tables' cell paragraphs, in reading order."""
    out = []
    for child in body.iterchildren(_P, _TBL):
        if child.tag == _P:
            out.append(child)
            continue
        for row in child.iterchildren(_TR):
            for cell in row.iterchildren(_TC):
                out.extend(cell.iterchildren(_P))
    return out


def _count(path: str) -> etree.XPath:
    """The number of ``path`` under the body's paragraphs and its tables' cell paragraphs."""
    return etree.XPath(f"count(w:p{path}) + count(w:tbl/w:tr/w:tc/w:p{path})", namespaces=_NS)


@lru_cache(maxsize=1)
def _counts() -> dict[str, etree.XPath]:
    """How many of each separator the stream must hold (compiled when first needed: seldom)."""
    return {
        MARK: etree.XPath("count(w:p) + count(w:tbl/w:tr/w:tc/w:p) + count(w:tbl/w:tr) + count(w:tbl/w:tr/w:tc)"
                          " + 2 * count(w:tbl)", namespaces=_NS),
        FIELD: _count("//w:r"),
        STYLE: _count("/w:pPr/w:pStyle"),
        MORE: etree.XPath("count(w:p/w:pPr/*[not(self::w:pStyle)]) + "
                          "count(w:tbl/w:tr/w:tc/w:p/w:pPr/*[not(self::w:pStyle)])", namespaces=_NS),
        OWN: _count("//w:r/w:rPr"),
    }


def stray(text: str) -> bool:
    """True when a run's ``text`` holds a mark: properties out of their schema place (a paragraph's after its
    runs, a run's after its text), read from that paragraph's element then."""
    return OWN in text or STYLE in text or MORE in text  # three searches in C: cheaper than one regex call


def scan(document, xml: bytes | None = None) -> list[tuple] | None:
    """The paragraphs of ``document`` (a w:document element, parsed from ``xml`` when given) in reading order:
    the body's, and its tables' cell by cell, as tuples ``(element, cell, table_style, style, runs)``:
    - ``cell``: (table, row, column), 0-based, None in the body;
    - ``style``: None without properties, the style id when a paragraph style is all they say, False when they
      say more (read them from the element then);
    - ``runs``: per run its text, tabs and breaks as spaces, after OWN when the run has properties of its own
      (a paragraph's properties after its runs, or a run's after its text, leave their marks in that text).
    None when the text holds one of the separators (read element by element then)."""
    body = document.find(f"{W}body")
    stream = str(_XSLT(document))
    # The separators can only be in the text if the XML holds them (in UTF-8, EF B7 9x) or a character
    # reference; else there is nothing to count.
    maybe = xml is None or b"\xef\xb7" in xml or b"&#" in xml
    if maybe and any(stream.count(separator) != count(body) for separator, count in _counts().items()):
        return None
    # Every paragraph under the body, found in C: when there are as many as the scan read, they are the ones it
    # read, in the same order (none stands in a text box or a nested table).
    elements = list(body.iter(_P))
    if len(elements) != stream.count(MARK + "P"):
        elements = _paragraph_elements(body)
    out: list[tuple] = []
    tables, row, col, cell_of, table_style = 0, -1, -1, False, None
    for chunk in stream.split(MARK)[1:]:
        mark = chunk[0]
        if mark == "P":
            head, *runs = chunk.split(FIELD)
            if len(head) == 1:
                style = None
            elif head[1] == STYLE and head.count(STYLE) == 1 and MORE not in head:
                style = head[2:] or None
            else:
                style = False
            out.append((elements[len(out)], (tables - 1, row, col) if cell_of else None,
                        table_style if cell_of else None, style, runs))
        elif mark == "C":
            col += 1
        elif mark == "R":
            row, col = row + 1, -1
        elif mark == "T":
            tables, row, cell_of, table_style = tables + 1, -1, True, chunk[1:] or None
        else:  # "E": the table ends
            cell_of = False
    return out
