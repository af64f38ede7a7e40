"""The decree's rules every rendered document must meet, asserted once for every kind of document."""

from __future__ import annotations

import re
import unicodedata

import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.run import Run
from docx_helpers import paragraph_format, paragraphs, run_format, text_runs

from docgen import nd30
from docgen.render.layout import text_width

CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


def words(text: str) -> list[str]:
    """The words of ``text`` (NFC, markdown markup and surrounding punctuation stripped), to compare texts."""
    text = re.sub(r"[#*\\]", "", unicodedata.normalize("NFC", text))
    return [w for w in (t.strip('.,;:()"') for t in text.split()) if w]


def effective(paragraph, attr):
    """The one effective value of ``attr`` over the text runs of ``paragraph``."""
    values = {run_format(r, paragraph, attr) for r in text_runs(paragraph)}
    assert len(values) == 1, (paragraph.text, attr, values)
    return values.pop()


def cell_text_width(cell) -> int:
    """The width inside a cell's margins, in twips."""
    width = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))
    tbl = cell._tc.getparent().getparent()
    margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    return width - sum(int(margins.find(qn(f"w:{e}")).get(qn("w:w"))) for e in ("left", "right"))


def rule_length(paragraph, available_twips: int) -> float:
    """Length in points of the line a "DG Đường kẻ" paragraph draws."""
    ppr = paragraph._p.pPr
    border = ppr.find(f"{qn('w:pBdr')}/{qn('w:top')}")
    style_border = paragraph.style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    assert border is not None or style_border is not None, "no line"
    ind = ppr.find(qn("w:ind"))
    left = int(ind.get(qn("w:left"))) if ind is not None else 0
    right = int(ind.get(qn("w:right"))) if ind is not None else 0
    return (available_twips - left - right) / 20


def assert_every_string_nfc(doc) -> None:
    texts = [p.text for p in paragraphs(doc)]
    for section in doc.sections:
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            texts += [p.text for p in part.paragraphs]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def assert_a4_with_the_decree_margins(doc) -> None:
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    for side, (low, high) in nd30.MARGINS.items():
        value = getattr(section, f"{side}_margin").mm
        assert low - 0.1 <= value <= high + 0.1, (side, value)


def assert_times_new_roman_black(doc) -> None:
    for paragraph in paragraphs(doc):
        for run in text_runs(paragraph):
            assert run_format(run, paragraph, "name") == "Times New Roman", paragraph.text
            assert run_format(run, paragraph, "color") in (None, "000000"), paragraph.text
    fonts = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        assert fonts.get(qn(attr)) == "Times New Roman"


def assert_page_numbers_from_page_two(doc) -> None:
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_header._element
    assert "PAGE" not in first.xml and not "".join(first.itertext()).strip()
    header = section.header
    fields = [f for f in header._element.iter() if f.tag in (qn("w:fldSimple"), qn("w:instrText"))]
    assert any("PAGE" in (f.get(qn("w:instr")) or f.text or "") for f in fields)
    paragraph = header.paragraphs[0]
    assert paragraph_format(paragraph, "alignment") == CENTER
    number = Run(paragraph._p.find(f"{qn('w:fldSimple')}/{qn('w:r')}"), paragraph)
    assert 13 <= run_format(number, paragraph, "size") <= 14
    assert section.header_distance.mm < section.top_margin.mm


def assert_agency(cell, lines: list[str]) -> None:
    """The agency name: these lines, caps, bold, 12–13, centred, a line 1/3–1/2 as long under it."""
    names = [p for p in cell.paragraphs if p.text.strip()]
    assert [p.text for p in names] == lines
    for p in names:
        assert effective(p, "bold") is True
        assert 12 <= effective(p, "size") <= 13
        assert paragraph_format(p, "alignment") == CENTER
    rule = cell.paragraphs[-1]
    assert rule.style.style_id == "DGKe"
    longest = max(text_width(p.text, effective(p, "size"), bold=True) for p in names)
    share = rule_length(rule, cell_text_width(cell)) / longest
    assert 1 / 3 <= share <= 1 / 2, share


def assert_motto(cell) -> None:
    """Quốc hiệu and Tiêu ngữ: text, bold, sizes, centred, single-spaced, a line as long as the motto."""
    qh, tn, rule = cell.paragraphs
    assert qh.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert effective(qh, "bold") is True and 12 <= effective(qh, "size") <= 13
    assert tn.text == "Độc lập - Tự do - Hạnh phúc"
    assert effective(tn, "bold") is True and 13 <= effective(tn, "size") <= 14
    assert paragraph_format(qh, "alignment") == paragraph_format(tn, "alignment") == CENTER
    assert paragraph_format(qh, "line_spacing") in (None, 1.0)
    motto = text_width(tn.text, effective(tn, "size"), bold=True)
    assert rule_length(rule, cell_text_width(cell)) == pytest.approx(motto, rel=0.03)


def assert_noi_nhan_look(cell) -> list:
    """Nơi nhận: the label 12 bold italic at the left, items 11 upright flush left; returns the items."""
    label, *items = [p for p in cell.paragraphs if p.text.strip()]
    assert label.text == "Nơi nhận:"
    assert effective(label, "size") == 12
    assert effective(label, "bold") is True and effective(label, "italic") is True
    assert paragraph_format(label, "alignment") == LEFT
    for p in items:
        assert effective(p, "size") == 11
        assert effective(p, "bold") is False and effective(p, "italic") is False
    return items
