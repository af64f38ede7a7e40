"""The checker reads paragraphs through a one-pass scan (an XSLT); it must read exactly what reading the
document element by element reads, on our documents, on broken ones and on one made by hand in Word's way."""

from __future__ import annotations

import pytest
from check_support import clean, load, mutated, para, save, set_text  # noqa: F401 (fixture)
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt
from test_check_corpus import ALL_CLEAN, CASES
from test_check_hand_made import build_ke_hoach

from docgen.check.document import _paragraphs, _paragraphs_by_element, read_document
from docgen.check.ooxml import W, Styles
from docgen.check.package import Package
from docgen.check.scan import scan


def _both(data: bytes):
    package = Package(data)
    styles = Styles(package.first_related("/styles"), package.first_related("/theme"))
    fast = _paragraphs(package.document, styles)
    exact = _paragraphs_by_element(package.document.find(f"{W}body"), styles)
    return fast, exact


def _same(fast, exact) -> None:
    assert len(fast) == len(exact)
    for a, b in zip(fast, exact):
        assert (a.number, a.where, a.raw, a.text, a.cell, a.table_style) == \
            (b.number, b.where, b.raw, b.text, b.cell, b.table_style)
        assert a.element is b.element
        assert a.look == b.look, a.where
        assert a.runs == b.runs, a.where
        assert a.following is b.following, a.where


@pytest.mark.parametrize("name", ALL_CLEAN)
def test_scan_reads_our_documents_as_element_by_element(clean, name):
    assert scan(Package(clean[name]).document) is not None
    _same(*_both(clean[name]))


@pytest.mark.parametrize("case", [c for c in CASES if c.expect == "fail"][::3], ids=lambda c: f"{c.rule}-{c.name}")
def test_scan_reads_broken_documents_as_element_by_element(clean, case):
    _same(*_both(mutated(clean[case.doc], case.change)))


def test_scan_reads_a_hand_made_document_as_element_by_element():
    data = build_ke_hoach()
    _same(*_both(data))


def _element(tag: str, *children, **attributes):
    from lxml import etree

    element = etree.Element(f"{W}{tag}", {f"{W}{k}": v for k, v in attributes.items()})
    element.extend(children)
    return element


def _empty_ppr(p):
    p._p.get_or_add_pPr().clear()


def _style_and_more(p):
    p._p.get_or_add_pPr().append(_element("jc", val="center"))


def _properties_after_the_runs(p):
    ppr = p._p.get_or_add_pPr()
    p._p.remove(ppr)
    p._p.append(ppr)


def _run_properties_after_the_text(p):
    r = p.runs[0]._r
    rpr = r.get_or_add_rPr()
    rpr.append(_element("b"))
    r.remove(rpr)
    r.append(rpr)


def _two_styles(p):
    p._p.get_or_add_pPr().append(_element("pStyle", val="DGNoiDung"))


def _two_property_elements(p):
    p._p.insert(1, _element("pPr", _element("pStyle", val="DGNoiDung")))


def _style_without_a_value(p):
    p._p.get_or_add_pPr().pStyle.attrib.clear()


def _run_in_a_hyperlink(p):
    link = _element("hyperlink", _element("r", _element("rPr", _element("i")), _element("t")))
    link[0][1].text = " (liên kết)"
    p._p.append(link)


def _text_box_in_a_run(p):
    inner = _element("p", _element("r", _element("t")))
    inner[0][0].text = "chữ trong khung"
    p.runs[0]._r.append(_element("pict", _element("txbxContent", inner)))
    p.runs[0]._r.append(_element("t"))
    p.runs[0]._r[-1].text = " sau khung"


@pytest.mark.parametrize("change", [_empty_ppr, _style_and_more, _properties_after_the_runs,
                                    _run_properties_after_the_text, _two_styles, _two_property_elements,
                                    _style_without_a_value, _run_in_a_hyperlink, _text_box_in_a_run],
                         ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("start", ["Trên đây là Kế hoạch", "Căn cứ", "Nơi nhận"])
def test_unusual_structures_are_read_as_element_by_element(clean, change, start):
    """Properties where the schema does not put them, runs nested in links and text boxes: the scan must
    read them as reading element by element does, in the body and in a table's cell."""
    data = mutated(clean["ngoc-lien"], lambda doc: change(para(doc, start)))
    fast, exact = _both(data)
    _same(fast, exact)
    assert scan(Package(data).document) is not None


def test_text_holding_the_separators_is_read_element_by_element(clean):
    odd = "Ký hiệu \ufdd0 lạ \ufdd1 và \ufdd2 ở \ufdd3 giữa \ufdd4"

    def change(doc):
        set_text(para(doc, "Trên đây là Kế hoạch"), odd)

    data = mutated(clean["ngoc-lien"], change)
    assert scan(Package(data).document) is None
    read = read_document(data)
    assert [p for p in read.paras if p.text == odd], "the odd text is read whole"


def test_tab_stops_are_not_text_and_tabs_in_runs_are_spaces(clean):
    doc = load(clean["ngoc-lien"])
    p = para(doc, "Trên đây là Kế hoạch")
    p.paragraph_format.tab_stops.add_tab_stop(Cm(8), WD_TAB_ALIGNMENT.CENTER)
    p.runs[0].add_tab()
    p.runs[0].add_text("sau tab")
    p.runs[0].font.size = Pt(14)
    data = save(doc)
    fast, exact = _both(data)
    _same(fast, exact)
    found = [q for q in fast if q.raw.startswith("Trên đây là Kế hoạch")]
    assert len(found) == 1 and found[0].raw.endswith(" sau tab")
    assert not found[0].raw.startswith(" ")


def test_a_pretty_printed_document_is_read_as_element_by_element(clean):
    """Some tools indent their XML: the white space between elements is no text of the document."""
    import io
    import zipfile

    from lxml import etree

    source = zipfile.ZipFile(io.BytesIO(clean["ngoc-lien"]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                etree.indent(root, space="  ")
                for t in root.iter(f"{W}t"):  # indenting must not have touched the text itself
                    assert t.text is None or "\n" not in t.text
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
                assert b"<w:r>\n" in data
            out.writestr(info, data)
    pretty = buffer.getvalue()
    fast, exact = _both(pretty)
    _same(fast, exact)
    assert [p.raw for p in fast] == [p.raw for p in _both(clean["ngoc-lien"])[0]]


def test_folded_text_is_the_text_split_into_words_and_joined():
    """``_folded`` returns the text itself when it has nothing to fold: the same as splitting and joining."""
    import sys

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from docgen.check.document import _folded

    spaces = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()]

    @settings(derandomize=True, max_examples=500)
    @given(st.text(st.one_of(st.sampled_from(spaces + list("aăđỏ ")), st.characters()), max_size=20))
    def folded_is_split_and_joined(text):
        assert _folded(text) == " ".join(text.split())

    folded_is_split_and_joined()


def test_readable_text_is_nfc_without_the_invisible_characters():
    """``readable`` skips the search for invisible characters when the text is printable: the same result."""
    import re
    import unicodedata

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from docgen.check.document import readable

    invisible = list("\u00ad\u200b\u200c\u200d\u2060\ufeff")
    decomposed = ["e\u0301", "a\u0306\u0300", "o\u031b\u0303", "\u1ec7"]

    @settings(derandomize=True, max_examples=500)
    @given(st.lists(st.one_of(st.sampled_from(invisible + decomposed + list("aăđỏ .")), st.characters()), max_size=12))
    def readable_is_nfc_without_invisible(pieces):
        text = "".join(pieces)
        assert readable(text) == re.sub("[\u00ad\u200b-\u200d\u2060\ufeff]", "", unicodedata.normalize("NFC", text))

    readable_is_nfc_without_invisible()


def test_citations_are_read_word_by_word_as_character_by_character():
    """The issuer of a citation is read a word at a time: the same matches as the shortest text after "của"
    that an end follows, read a character at a time (the plain definition, kept here)."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from docgen.check.body import _CITED

    plain = re.compile(
        r"(?:số\s+)?(?P<number>\d+)(?P<sep>/|-(?=[A-ZĐ][A-Za-zĐđ]*/))"
        r"(?P<symbol>[0-9A-Za-zĐđ/&-]*[A-Za-zĐđ][0-9A-Za-zĐđ/&-]*)"
        r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
        r"(?:\s+của\s+(?P<issuer>.+?))?"
        r"(?=\s+(?:về|v/v|phê duyệt|quy định|ban hành|hướng dẫn|thực hiện)\b|\s+và\s+\S+(?:\s+\S+)?\s+số\s|[,;:.()]|$)"
    )
    pieces = ["số ", "100/QĐ-UBND", "12/2020/NĐ-CP", " ngày ", "10/3/2025", "14 tháng 10 năm 2021", " của ", "UBND",
              " tỉnh", " Hà  Giang", ",", ".", ";", ":", "(", ")", " về ", " v/v ", " và ", " và Sở Tài chính số ",
              " số ", " quy định ", " phê duyệt", " thực hiện", " ", "  ", "\t", "\n", "Bộ", "/", "hướng dẫnX",
              " vềx", "và", "1", "a", "35-CT/TW", "12-NQ/ĐU", "2021-2030", "-"]

    starts = ["", "số 100/QĐ-UBND của ", "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của ", "30/2020/NĐ-CP của",
              "Chỉ thị số 35-CT/TW ngày 14/6/2024 của "]

    @settings(derandomize=True, max_examples=1000)
    @given(st.sampled_from(starts), st.lists(st.one_of(st.sampled_from(pieces), st.characters()), max_size=14))
    def same_matches(start, parts):
        text = start + "".join(parts)
        for start in (m.start() for m in re.finditer(r"\d+[/-]", text)):
            fast, slow = _CITED.match(text, start), plain.match(text, start)
            assert (fast and (fast.span(), fast.groupdict())) == (slow and (slow.span(), slow.groupdict()))

    same_matches()


def test_citations_are_found_where_every_number_is_tried():
    """``_cited`` tries the citation pattern only where a "/" follows a number (or a Party document's number, "-"
    and kind: "35-CT/TW"); it finds what trying the pattern at every number would find."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from docgen.check.body import _CITED, _cited

    def everywhere(text):
        end = 0
        for number in re.finditer(r"(?<!\d)\d", text):
            if number.start() >= end and (found := _CITED.match(text, number.start())):
                end = found.end()
                yield found.span()

    pieces = ["số ", "35-CT/TW", "120-KH/TU", "57-KL/TW", "22-QĐ/TW", "12-NQ/ĐU", "08-QĐi/TW", "1719/QĐ-TTg",
              "30/2020/NĐ-CP", "2021-2030", "2021 - 2025", "14/6/2024", " ngày ", " của ", "Bộ Chính trị", " về ",
              "-", "/", "CT", "ĐU", "35", " ", ",", ";", "và ", "x"]

    @settings(derandomize=True, max_examples=1000)
    @given(st.lists(st.one_of(st.sampled_from(pieces), st.characters()), max_size=12))
    def same(parts):
        text = "".join(parts)
        assert [m.span() for m in _cited(text)] == list(everywhere(text))

    same()
