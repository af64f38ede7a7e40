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

from lxml import etree

from docgen.check.ooxml import W

__all__ = ["scan"]

_NS = {"w": W[1:-1]}
MARK, FIELD = "\ufdd0", "\ufdd1"

_XSLT = etree.XSLT(etree.XML(f"""\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="{_NS['w']}">
  <xsl:output method="text" encoding="utf-8"/>
  <xsl:template match="/">
    <xsl:for-each select="w:document/w:body/*">
      <xsl:choose>
        <xsl:when test="self::w:p"><xsl:call-template name="p"/></xsl:when>
        <xsl:when test="self::w:tbl">
          <xsl:text>&#xFDD0;T</xsl:text><xsl:value-of select="w:tblPr/w:tblStyle/@w:val"/>
          <xsl:for-each select="w:tr">
            <xsl:text>&#xFDD0;R</xsl:text>
            <xsl:for-each select="w:tc">
              <xsl:text>&#xFDD0;C</xsl:text>
              <xsl:for-each select="w:p"><xsl:call-template name="p"/></xsl:for-each>
            </xsl:for-each>
          </xsl:for-each>
          <xsl:text>&#xFDD0;E</xsl:text>
        </xsl:when>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
  <xsl:template name="p">
    <xsl:text>&#xFDD0;P</xsl:text>
    <xsl:variable name="ppr" select="w:pPr"/>
    <xsl:choose>
      <xsl:when test="not($ppr)">N</xsl:when>
      <xsl:when test="not($ppr/*[2]) and $ppr/w:pStyle">S<xsl:value-of select="$ppr/w:pStyle/@w:val"/></xsl:when>
      <xsl:otherwise>X</xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select=".//w:r" mode="r"/>
  </xsl:template>
  <xsl:template match="w:r" mode="r">
    <xsl:text>&#xFDD1;</xsl:text>
    <xsl:choose><xsl:when test="w:rPr">X</xsl:when><xsl:otherwise>N</xsl:otherwise></xsl:choose>
    <xsl:apply-templates select="*" mode="t"/>
  </xsl:template>
  <xsl:template match="w:t" mode="t"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="w:tab|w:br|w:cr" mode="t"><xsl:text> </xsl:text></xsl:template>
  <xsl:template match="*" mode="t"/>
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


_RUNS = etree.XPath("count(w:p//w:r) + count(w:tbl/w:tr/w:tc/w:p//w:r)", namespaces=_NS)
_MARKS = etree.XPath("count(w:p) + count(w:tbl/w:tr/w:tc/w:p) + count(w:tbl/w:tr) + count(w:tbl/w:tr/w:tc)"
                     " + 2 * count(w:tbl)", namespaces=_NS)


def scan(document, xml: bytes | None = None) -> list[tuple] | None:
    """The paragraphs of ``document`` (a w:document element, parsed from ``xml`` when given) in reading order:
    the body's, and its tables' cell by cell, as tuples ``(element, cell, table_style, head, runs)``:
    - ``cell``: (table, row, column), 0-based, None in the body;
    - ``head``: "N" without properties, "S<style id>" when a paragraph style is all they say, "X" for more
      (read them from the element then);
    - ``runs``: per run, "X" (it has properties of its own) or "N", then its text, tabs and breaks as spaces.
    None when the text holds one of the separators (read element by element then)."""
    body = document.find(f"{W}body")
    elements = _paragraph_elements(body)
    stream = str(_XSLT(document))
    # The separators can only be in the text if the XML holds them (in UTF-8, EF B7 9x) or a character
    # reference; else there is nothing to count.
    maybe = xml is None or b"\xef\xb7" in xml or b"&#" in xml
    if maybe and (stream.count(MARK) != _MARKS(body) or stream.count(FIELD) != _RUNS(body)):
        return None
    out: list[tuple] = []
    tables, row, col, cell_of, table_style = 0, -1, -1, False, None
    for chunk in stream.split(MARK)[1:]:
        mark = chunk[0]
        if mark == "P":
            fields = chunk.split(FIELD)
            out.append((elements[len(out)], (tables - 1, row, col) if cell_of else None,
                        table_style if cell_of else None, fields[0][1:], fields[1:]))
        elif mark == "C":
            col += 1
        elif mark == "R":
            row, col = row + 1, -1
        elif mark == "T":
            tables, row, cell_of, table_style = tables + 1, -1, True, chunk[1:] or None
        else:  # "E": the table ends
            cell_of = False
    return out
