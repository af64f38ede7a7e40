"""Documents with real Word footnotes (a word/footnotes.xml part; w:footnoteReference runs in the body) check
like documents without: the reference run, which shows no text of its own, upsets no rule of the body; the
footnotes' own text is held to the font, colour and encoding rules, and a finding names it "chú thích 1" (the
number Word shows: the order the body refers to the footnotes in).

python-docx has no footnote API: the part is added here as Word writes it (the separator footnotes -1 and 0,
w:footnotePr in the settings naming them, a FootnoteText paragraph style and a FootnoteReference character style
set superscript), with its relationship from the main document and its content type."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest
from check_support import check, load, para, save
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from test_check_hand_made import build_correct_ke_hoach

from docgen.check import ERROR, WARNING, check_docx

CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = nsdecls("w")

_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
)


def _note(note_id: int, text: str, rpr: str = "") -> str:
    """One footnote as Word writes it: its reference mark, then its text (a run with ``rpr`` as its properties)."""
    return (f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>')


def _styles(doc) -> None:
    styles = doc.styles.element
    styles.append(parse_xml(
        f'<w:style {W_NS} w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>'
        f'<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:sz w:val="20"/></w:rPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {W_NS} w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        f'<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'))


def footnoted(data: bytes, notes: list[tuple[str, str, str]], order: list[int] | None = None) -> bytes:
    """``data`` with footnotes: for each (paragraph start, footnote text, run properties of the text), a reference
    at the end of that paragraph. Footnote ids are 1, 2, … in the part; ``order`` gives the ids in the order of the
    paragraphs (default: the same)."""
    doc = load(data)
    _styles(doc)
    body = "".join(_note(i, text, rpr) for i, (_start, text, rpr) in enumerate(notes, start=1))
    xml = f'<w:footnotes {W_NS}>{_SEPARATORS}{body}</w:footnotes>'
    part = Part(PackURI("/word/footnotes.xml"), CT_FOOTNOTES, xml.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    settings = doc.settings.element
    settings.find(qn("w:compat")).addprevious(parse_xml(
        f'<w:footnotePr {W_NS}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'))
    ids = order or list(range(1, len(notes) + 1))
    for note_id, (start, _text, _rpr) in zip(ids, notes):
        # the reference run, as Word writes it; its own size (10 pt) is not the body's, and it shows no text
        para(doc, start)._p.append(parse_xml(
            f'<w:r {W_NS}><w:rPr><w:rStyle w:val="FootnoteReference"/><w:sz w:val="20"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'))
    return save(doc)


BODY = "- Nâng cao chất lượng phục vụ"  # a body paragraph of the hand-made Kế hoạch
HEADING = "I. MỤC ĐÍCH, YÊU CẦU"
CAN_CU = "Căn cứ Nghị định số 30/2020"
ARIAL = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
BLUE = '<w:color w:val="1F4E79"/>'


@pytest.fixture(scope="module")
def base() -> bytes:
    return build_correct_ke_hoach()


def test_the_footnotes_are_written_as_word_writes_them(base):
    """What the tests build: a footnotes part related from the main document with its content type, the
    separators, the settings naming them, and a w:footnoteReference in the body."""
    data = footnoted(base, [(BODY, "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.", "")])
    package = zipfile.ZipFile(io.BytesIO(data))
    assert CT_FOOTNOTES in package.read("[Content_Types].xml").decode()
    assert b"relationships/footnotes" in package.read("word/_rels/document.xml.rels")
    assert b'w:type="separator" w:id="-1"' in package.read("word/footnotes.xml")
    assert b"<w:footnotePr>" in package.read("word/settings.xml")
    assert b'<w:footnoteReference w:id="1"/>' in package.read("word/document.xml")
    assert load(data).paragraphs  # python-docx still opens it


def test_a_document_with_footnotes_checks_like_one_without(base):
    data = footnoted(base, [
        (CAN_CU, "Đã được sửa đổi, bổ sung.", ""),
        (BODY, "Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư.", ""),
        (HEADING, "Theo hướng dẫn của Sở Nội vụ.", ""),
    ])
    found = check(data)
    assert found == [], [f.line() for f in found]


def test_the_reference_run_is_not_text_of_the_paragraph(base):
    """The reference run shows no text: the paragraph's text, runs and sizes are what they were."""
    from docgen.check.document import read_document

    before, after = read_document(base), read_document(footnoted(base, [(BODY, "Chú thích.", "")]))
    old = next(p for p in before.body if p.stripped.startswith(BODY))
    new = next(p for p in after.body if p.stripped.startswith(BODY))
    assert (new.text, new.runs, new.sizes()) == (old.text, old.runs, old.sizes())


@pytest.mark.parametrize(("rpr", "rule", "says"), [
    (ARIAL, "font.family", "đang dùng phông Arial"),
    (BLUE, "font.color", "chữ màu #1F4E79"),
])
def test_footnote_font_and_colour_are_checked(base, rpr, rule, says):
    data = footnoted(base, [(CAN_CU, "Đã được sửa đổi, bổ sung.", ""), (BODY, "Văn bản gốc của Bộ Nội vụ.", rpr)])
    found = check(data)
    assert [(f.rule, f.severity, f.where, f.text, f.detail) for f in found] == [
        (rule, ERROR, "chú thích 2", "Văn bản gốc của Bộ Nội vụ.", says)]


def test_footnote_text_in_nfd_is_an_encoding_error(base):
    text = unicodedata.normalize("NFD", "Văn bản gốc của Bộ Nội vụ.")
    found = check(footnoted(base, [(BODY, text, "")]))
    assert [(f.rule, f.where) for f in found] == [("text.nfc", "chú thích 1")]
    assert found[0].detail.startswith("dấu tách rời U+")


def test_footnote_with_a_pasted_invisible_character(base):
    found = check(footnoted(base, [(BODY, "Văn bản\u200b gốc.", "")]))
    assert [(f.rule, f.severity, f.where) for f in found] == [("text.control", WARNING, "chú thích 1")]
    assert "U+200B" in found[0].detail


def test_footnotes_are_named_by_the_number_word_shows(base):
    """Word numbers footnotes in the order the body refers to them: footnote id 2, referred to first (in the căn
    cứ), is "chú thích 1"; id 1, referred to in section I, is "chú thích 2"."""
    data = footnoted(base, [(CAN_CU, "Văn bản gốc.", ARIAL), (BODY, "Đã được sửa đổi.", "")], order=[2, 1])
    found = check_docx(data)
    assert [(f.rule, f.where, f.text) for f in found] == [("font.family", "chú thích 2", "Văn bản gốc.")]
