"""Read any .docx as the checker sees it: paragraphs in reading order, located, with their
effective look, and the decree's components found among them by their text and place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from docgen import nd30
from docgen.check.drawn import Layout
from docgen.check.ooxml import W, ParaLook, RunLook, Styles, first_ppr, text_of
from docgen.check.package import Package
from docgen.check.scan import OWN, scan, stray

__all__ = ["Para", "Checked", "read_document"]

PT_PER_MM = 72 / 25.4
_KIND_NAMES = {name.upper(): name for name in nd30.TYPE_ABBREVIATIONS}


@dataclass
class Para:
    """One paragraph: where it stands, what it says, how it looks."""

    number: int  # 1-based, in reading order over the whole body
    text: str  # as read: NFC, without invisible characters (what the components are recognised on)
    stripped: str  # the text without surrounding white space
    element: object
    look: ParaLook
    runs: list[RunLook]
    cell: tuple[int, int, int] | None = None  # (table, row, column), 0-based
    table_style: str | None = None
    raw: str = ""  # exactly as stored (what the encoding rules look at)
    clean: bool = False  # raw is NFC and printable: the encoding rules have nothing to find in it

    @property
    def where(self) -> str:
        """Where it stands, for a person: "đoạn 12" or "bảng 1, hàng 2, cột 1"."""
        if self.cell is None:
            return f"đoạn {self.number}"
        table, row, column = self.cell
        return f"bảng {table + 1}, hàng {row + 1}, cột {column + 1}"

    @cached_property
    def following(self):
        """The next paragraph element in the same container (in the body: only when right after it)."""
        if self.cell is None:
            nxt = self.element.getnext()
            return nxt if nxt is not None and nxt.tag == _P else None
        return next(self.element.itersiblings(_P), None)

    @cached_property
    def folded(self) -> str:
        """The text with every run of white space as one space, stripped (the text is in NFC already)."""
        return _folded(self.text)

    def sizes(self) -> set[float]:
        """The effective sizes of its text runs."""
        return {r.size for r in self.runs if r.size is not None}


@dataclass
class Checked:
    """A document read for checking, with its components (None when not found)."""

    path: str
    package: Package
    styles: Styles
    paras: list[Para]
    quoc_hieu: Para | None = None
    tieu_ngu: Para | None = None
    agency: list[Para] = field(default_factory=list)
    so: Para | None = None
    date: Para | None = None
    ten_loai: Para | None = None
    trich_yeu: list[Para] = field(default_factory=list)
    kem_theo: Para | None = None
    """"(Ban hành kèm theo Quyết định số … ngày … của …)" under the title of a document issued with a Quyết định."""
    tham_quyen: Para | None = None
    """A Quyết định's issuing authority line, under its title (THẨM QUYỀN BAN HÀNH)."""
    quyet_dinh: Para | None = None
    """A Quyết định's "QUYẾT ĐỊNH:" line, between the căn cứ and the articles."""
    vv: list[Para] = field(default_factory=list)
    kinh_gui: list[Para] = field(default_factory=list)
    notes: list[Para] = field(default_factory=list)
    """Short lines in parentheses, centred: "(Theo Kế hoạch số … ngày …)" under the Kính gửi, "(Có dự thảo Quyết định
    kèm theo)" after the body. The decree has no rule for them; they are not paragraphs of the body."""
    can_cu: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    noi_nhan_label: Para | None = None
    noi_nhan: list[Para] = field(default_factory=list)
    signature: list[Para] = field(default_factory=list)

    @cached_property
    def text_width(self) -> float:
        """The width of the first page's text area, in points."""
        sections = self.package.sections
        first = sections[0] if sections else None
        margins = first.margins if first is not None else {}
        width_mm = (first.width if first is not None and first.width else 210.0) - (margins.get("left") or 30.0) \
            - (margins.get("right") or 20.0)
        return width_mm * PT_PER_MM

    @cached_property
    def layout(self) -> Layout:
        """The top of the first page laid out: where the header's texts and lines stand."""
        sections = self.package.sections
        margins = sections[0].margins if sections else {}
        return Layout(self.package.document.find(f"{W}body"), self.styles, self.text_width,
                      ((margins.get("top") or 20.0) * PT_PER_MM, (margins.get("left") or 30.0) * PT_PER_MM))

    @cached_property
    def default_tab(self) -> float:
        """The document's default tab stop interval, in points (Word's 1.27 cm when its settings give none)."""
        blob = self.package.first_related("/settings")
        found = re.search(rb'defaultTabStop w:val="(\d+)"', blob) if blob else None
        return int(found.group(1)) / 20 if found and int(found.group(1)) > 0 else 36.0

    @property
    def kind_name(self) -> str | None:
        """Tên loại ("Kế hoạch"), "Công văn" when there is a V/v and no title, else None."""
        if self.ten_loai is not None:
            return _KIND_NAMES.get(_fold_space(self.ten_loai.stripped).upper())
        return "Công văn" if self.vv else None


def _fold_space(text: str) -> str:
    """``text`` in NFC with every run of white space as one space, stripped."""
    return _folded(unicodedata.normalize("NFC", text))


def _folded(text: str) -> str:
    """``text`` with every run of white space as one space, stripped. Splitting Vietnamese text into words
    costs more than the rest of reading it: a text whose only white space is single inner spaces (every
    other white space character is unprintable) is returned as it is."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _key(text: str) -> str:
    """Text folded for recognising a fixed phrase: NFC, upper, no spaces or hyphens."""
    return re.sub(r"[\s\-–]+", "", unicodedata.normalize("NFC", text)).upper().replace("HOÀ", "HÒA")


_SO = re.compile(r"Số\s*:")
QUOC_HIEU_KEY = _key(nd30.QUOC_HIEU)
TIEU_NGU_KEY = _key(nd30.TIEU_NGU)
DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s*(?P<day>[^\s]*)\s*tháng\s*(?P<month>[^\s]*)\s*năm\s*(?P<year>\d{4})\.?$")


_P, _TBL, _TR, _TC, _R, _T, _BR, _CR = (f"{W}{tag}" for tag in ("p", "tbl", "tr", "tc", "r", "t", "br", "cr"))


def _paragraphs(document, styles: Styles, xml: bytes | None = None) -> list[Para]:
    """Every paragraph of the body in reading order, read by the scan (or element by element when the
    scan cannot be used)."""
    scanned = scan(document, xml)
    if scanned is None:
        return _paragraphs_by_element(document.find(f"{W}body"), styles)
    out: list[Para] = []
    # (style, table style) → the paragraph's look and a plain run's look: a document has a few of each
    known: dict[tuple[str | None, str | None], tuple[ParaLook, RunLook | None]] = {}
    for number, (element, cell, table_style, style, runs) in enumerate(scanned, start=1):
        if len(runs) == 1:  # the usual paragraph: one run
            own = runs[0][:1] == OWN
            raw = runs[0][1:] if own else runs[0]
            owns = [own] if raw.strip() else []
        else:
            flags = [run[:1] == OWN for run in runs]
            texts = [run[1:] if own else run for run, own in zip(runs, flags)]
            raw = "".join(texts)
            owns = [own for own, text in zip(flags, texts) if text.strip()]  # per run showing text
        misplaced = stray(raw)
        if style is False or misplaced:  # more properties than a style, or a stray: read from the element
            out.append(_para(number, element, styles, cell, table_style, None if misplaced else raw))
            continue
        found = known.get((style, table_style))
        if found is None or (found[1] is None and owns):
            found = known[(style, table_style)] = (styles.style_look(style, element, table_style),
                                                   styles.plain_run_look(style, table_style))
        look, plain = found
        if not owns or (plain is not None and True not in owns):
            looks = [plain] * len(owns)
        else:  # a run with its own properties, or a look not known yet: read the runs themselves
            looks = styles.run_looks(_text_runs(element), element, table_style)
        text, clean = (raw, raw.isprintable()) if raw.isascii() else reading(raw)  # a number's cell: ASCII
        out.append(Para(number, text, text.strip(), element, look, looks, cell, table_style, raw, clean))
    return out


def _paragraphs_by_element(body, styles: Styles) -> list[Para]:
    """What ``_paragraphs`` gives, read element by element (the reference the scan is tested against)."""
    out: list[Para] = []
    tables = 0
    for child in body.iterchildren(_P, _TBL):
        if child.tag == _P:
            out.append(_para(len(out) + 1, child, styles, None, None))
            continue
        tables += 1
        style = child.find(f"{W}tblPr/{W}tblStyle")
        table_style = style.get(f"{W}val") if style is not None else None
        for r, row in enumerate(child.iterchildren(_TR)):
            for c, cell in enumerate(row.iterchildren(_TC)):
                for p in cell.iterchildren(_P):
                    out.append(_para(len(out) + 1, p, styles, (tables - 1, r, c), table_style))
    return out


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def readable(text: str) -> str:
    """``text`` as a reader takes it: NFC, invisible characters removed."""
    return reading(text)[0]


def reading(raw: str) -> tuple[str, bool]:
    """``raw`` as a reader takes it (``readable``), and whether ``raw`` is clean: NFC and printable, so that
    the encoding rules have nothing to find in it (every invisible or control character is unprintable)."""
    if raw.isascii():
        return raw, raw.isprintable()
    text = unicodedata.normalize("NFC", raw)
    if text.isprintable():
        return text, text == raw
    return _INVISIBLE.sub("", text), False


def _text_runs(element) -> list:
    """The runs of a paragraph element that show some text; a run of punctuation alone (the ":" after "Nơi nhận"
    typed upright) is not looked at beside runs with words: no reader sees a colon's slant."""
    runs = [(r, text) for r in element.iter(_R) if (text := text_of(r).strip())]
    worded = [r for r, text in runs if not all(ch in _PUNCTUATION for ch in text)]
    return worded or [r for r, _text in runs]


_PUNCTUATION = set(".,;:!?…-–()\"'“”‘’/ ")


def _para(number, element, styles, cell, table_style, raw: str | None = None) -> Para:
    raw = text_of(element) if raw is None else raw
    ppr = first_ppr(element)
    text, clean = reading(raw)
    return Para(
        number=number,
        text=text,
        stripped=text.strip(),
        raw=raw,
        clean=clean,
        element=element,
        look=styles.para_look(element, table_style, ppr),
        runs=styles.run_looks(_text_runs(element), element, table_style, ppr) if raw.strip() else [],
        cell=cell,
        table_style=table_style,
    )


def read_document(source: str | Path | bytes | Mapping[str, bytes]) -> Checked:
    """``source`` (a path, the bytes of a .docx, or its parts by name) read for checking, components found."""
    if isinstance(source, (str, Path)):
        name, source = str(source), Path(source).read_bytes()
    else:
        name = "<bytes>"
    package = Package(source)
    styles = Styles(package.first_related("/styles"), package.first_related("/theme"))
    checked = Checked(name, package, styles, _paragraphs(package.document, styles, package.main_xml))
    _find_components(checked)
    return checked


def _same_cell(a: Para, b: Para) -> bool:
    return a.cell is not None and a.cell == b.cell


def _find_components(c: Checked) -> None:
    paras = [p for p in c.paras if p.stripped]
    rest = iter(paras)
    for p in rest:
        # The two fixed phrases are 20–79 characters long however they are spaced (both: up to 120).
        key = _key(p.text) if 18 <= len(p.text) < 120 and (c.quoc_hieu is None or c.tieu_ngu is None) else ""
        if c.quoc_hieu is None and key == QUOC_HIEU_KEY + TIEU_NGU_KEY:  # one paragraph, a line break between
            c.quoc_hieu, c.tieu_ngu = _split_lines(c, p)
        elif c.quoc_hieu is None and key == QUOC_HIEU_KEY:
            c.quoc_hieu = p
        elif c.tieu_ngu is None and key == TIEU_NGU_KEY:
            c.tieu_ngu = p
        elif c.so is None and _SO.match(p.stripped) and p.number < 40:
            c.so = p
        elif c.date is None and "ngày" in p.text and DATE.match(p.folded):
            c.date = p
        elif p.stripped.startswith(_LATE):
            _find_late(c, p, paras)
        if c.quoc_hieu and c.tieu_ngu and c.so and c.date:
            break
    for p in rest:  # the header found, only V/v and Nơi nhận are left to look for
        if p.stripped.startswith(_LATE):
            _find_late(c, p, paras)
    _find_agency(c)
    _find_title(c, paras)
    _find_signature(c)
    _find_body(c)


_LATE = ("V/v", "Nơi")


def _find_late(c: Checked, p: Para, paras: list[Para]) -> None:
    """``p`` as the V/v (the first) or the Nơi nhận label (the last), if it is one."""
    if p.stripped.startswith("V/v"):
        if not c.vv:
            c.vv = [q for q in paras if _same_cell(q, p) and q.number >= p.number] if p.cell else [p]
    elif p.folded in ("Nơi nhận:", "Nơi nhận"):
        c.noi_nhan_label = p


def _find_agency(c: Checked) -> None:
    """The agency's lines: left of the Quốc hiệu in its table, in its row and the rows around it, above the Số
    (the parent agency in one row and the agency in the next, or both in one cell)."""
    qh = c.quoc_hieu
    if qh is None or qh.cell is None:
        return
    table, row, col = qh.cell
    tn = c.tieu_ngu
    last_row = max(row, tn.cell[1] if tn is not None and tn.cell is not None and tn.cell[0] == table else row)
    so = c.so if c.so is not None and c.so.cell is not None and c.so.cell[0] == table else None
    lines = []
    for p in c.paras:
        if so is not None and p.number >= so.number:
            break
        if not p.stripped or p.cell is None or p.cell[0] != table or p.cell[2] >= col:
            continue
        if so is None and p.cell[1] > last_row:
            break
        if p.stripped.startswith(("Số", "V/v")):
            break
        lines.append(p)
    c.agency = lines


def _split_lines(c: Checked, p: Para) -> tuple[Para, Para]:
    """The Quốc hiệu and the Tiêu ngữ typed in one paragraph, a line break between (as a .doc converted to .docx
    often has them), as two paragraphs: each with its own text and the looks of its own runs."""
    parts: list[list] = [[], []]
    line = 0
    for run in p.element.iter(_R):
        for child in run:
            if child.tag in (_BR, _CR) and child.get(f"{W}type") in (None, "textWrapping") and parts[0]:
                line = 1
            elif child.tag == _T and (child.text or "").strip():
                if run not in parts[line]:
                    parts[line].append(run)
    texts = [readable("".join(text_of(r) for r in runs)) for runs in parts]
    first, second = (
        Para(p.number, text, text.strip(), p.element, p.look,
             c.styles.run_looks(runs, p.element, p.table_style), p.cell, p.table_style, text, True)
        for text, runs in zip(texts, parts)
    )
    if not second.stripped:  # no line break between them: the whole paragraph, split by its text
        whole = p.stripped
        cut = len(whole) - len(whole.lstrip()) + len(whole) // 2
        for index in range(len(whole)):
            if _key(whole[:index]) == QUOC_HIEU_KEY:
                cut = index
                break
        first = Para(p.number, whole[:cut], whole[:cut].strip(), p.element, p.look, p.runs, p.cell, p.table_style)
        second = Para(p.number, whole[cut:], whole[cut:].strip(), p.element, p.look, p.runs, p.cell, p.table_style)
    return first, second


def _find_title(c: Checked, paras: list[Para]) -> None:
    """The tên loại, then the trích yếu under it: the lines that follow, centred or bold (a trích yếu that is not
    centred is still the trích yếu), up to the line under it (an empty paragraph), the issuing authority's line,
    the "(Ban hành kèm theo …)" line, a Kính gửi or a căn cứ."""
    start = max((p.number for p in (c.date, c.so, c.tieu_ngu) if p is not None), default=0)
    for i, p in enumerate(paras):
        if p.number <= start or p.cell is not None:
            continue
        if p.folded.upper() == p.folded and p.folded in _KIND_NAMES:
            c.ten_loai = p
            for q in paras[i + 1 :]:
                if q.cell is not None or q.stripped.startswith(("Căn cứ", "Kính gửi")) or len(c.trich_yeu) == 4:
                    break
                if ATTACHED.match(q.folded):
                    c.kem_theo = q
                    break
                if c.trich_yeu and (q.number > c.trich_yeu[-1].number + 1 or _caps(q.folded)):
                    break  # after the line under the trích yếu (an empty paragraph), or the authority's line
                if q.look.alignment != "center" and not (q.runs and all(r.bold for r in q.runs)):
                    break
                c.trich_yeu.append(q)
            return
        break


ATTACHED = re.compile(r"^\((?:Ban hành |Được ban hành |Phê duyệt )?kèm theo\b", re.IGNORECASE)
"""The line under the title of a document issued with another: "(Ban hành kèm theo Quyết định số …)"."""


def _caps(text: str) -> bool:
    """True when ``text`` is written in capitals (and has letters)."""
    return text.upper() == text != text.lower()


def _find_signature(c: Checked) -> None:
    label = c.noi_nhan_label
    if label is None:
        c.signature = _signature_without_label(c)
        return
    after = [p for p in c.paras[label.number:] if p.stripped]  # numbers count from 1: what follows the label
    c.noi_nhan = [p for p in after if p.stripped.startswith(("-", "–", "+", "•"))
                  and (label.cell is None or _same_cell(p, label))]
    if label.cell is not None:  # the signature stands in the label's row, to its right: after it in reading order
        table, row, col = label.cell
        c.signature = [p for p in after if p.cell is not None and p.cell[0] == table and p.cell[1] == row
                       and p.cell[2] > col and not p.stripped.startswith("(")]


def _signature_without_label(c: Checked) -> list[Para]:
    """A signature block when there is no Nơi nhận to stand beside: the cell of the last table of the main text
    whose first line is an authority or a title in capitals and bold ("KT. GIÁM ĐỐC", "CHỦ TỊCH")."""
    end = main_end(c)
    header = {p.cell[0] for p in (c.quoc_hieu, c.so, c.date, *c.agency) if p is not None and p.cell is not None}
    cells: dict[tuple[int, int, int], list[Para]] = {}
    for p in c.paras[:end - 1]:
        if p.cell is not None and p.stripped and p.cell[0] not in header:
            cells.setdefault(p.cell, []).append(p)
    for cell in sorted(cells, reverse=True):
        lines = cells[cell]
        first = lines[0]
        if len(lines) >= 2 and _caps(first.folded) and first.runs and all(r.bold for r in first.runs) \
                and not first.folded[:1].isdigit():
            return lines
    return []


# The kinds of document a căn cứ ban hành cites (Phụ lục I, II.6.a): the laws, the decree's tên loại, and the
# kinds of the State's and the Party's other documents.
CITED_KINDS = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Lệnh", "Nghị định", "Thông tư", "Công văn", "Văn bản",
               "Quy chuẩn", "Tiêu chuẩn",
               "Kết luận", "Điều lệ", *nd30.TYPE_ABBREVIATIONS)
# "Căn cứ Luật …", "Căn cứ vào các Quyết định …", "Căn cứ khoản 2 Điều 3 Luật …": a căn cứ that cites a document.
# "Căn cứ nội dung trên, …", "Căn cứ chức năng, nhiệm vụ được giao, …" are sentences of the body.
_CAN_CU = re.compile(r"Căn cứ(?:\s+vào)?(?:\s+các)?\s+(?:(?:%s)(?![^\W\d_])|(?:điểm|khoản|Điều|Mục|Chương|Phần)\s)"
                     % "|".join(sorted(CITED_KINDS, key=len, reverse=True)))


def is_can_cu(text: str) -> bool:
    """True when ``text`` (a paragraph beginning "Căn cứ") is a căn cứ ban hành: it cites a document, and does not
    open what follows (a sentence ending in ":")."""
    return _CAN_CU.match(text) is not None and not text.endswith(":")


def main_end(c: Checked) -> int:
    """The number of the paragraph that ends the main text: its Nơi nhận label; without one (a document issued
    with a Quyết định is not sent), the first paragraph that ends a section (a phụ lục begins after it), else one
    past the last paragraph."""
    if c.noi_nhan_label is not None:
        return c.noi_nhan_label.number
    section = f"{W}pPr/{W}sectPr"
    for p in c.paras:
        if p.cell is None and p.element.find(section) is not None:
            return p.number + 1
    return len(c.paras) + 1


_PROPOSED = ("Theo đề nghị", "Xét đề nghị")


def _find_body(c: Checked) -> None:
    """Kính gửi, the căn cứ ban hành, a Quyết định's authority and "QUYẾT ĐỊNH:" lines, the notes under the title,
    and the body, by their place: the căn cứ are the run of căn cứ right under the title (a "Căn cứ …" sentence
    after a Kính gửi, or further down, is a sentence of the body); a "(…)" line centred under the title or the
    Kính gửi, or after the body, is a note (``Checked.notes``)."""
    header_end = max((p.number for p in (c.date, c.so, c.tieu_ngu, c.ten_loai, *c.trich_yeu, *c.vv, c.kem_theo)
                      if p is not None), default=0)
    end = main_end(c)
    in_kinh_gui = False
    in_can_cu = c.ten_loai is not None  # a căn cứ block stands only under a title
    decision = c.kind_name == "Quyết định"
    kinh_gui_table = None
    for p in c.paras[header_end:end - 1]:  # numbers count from 1: after the header, before Nơi nhận
        if not p.stripped:
            continue
        text = p.stripped
        if p.cell is not None:  # a Kính gửi laid out in a table of its own; other tables belong to the body
            if text.startswith("Kính gửi") and not c.body and not c.kinh_gui:
                kinh_gui_table = p.cell[0]
                c.kinh_gui.append(p)
            elif kinh_gui_table is not None and p.cell[0] == kinh_gui_table:
                c.kinh_gui.append(p)
            continue
        kinh_gui_table = None
        if text.startswith("Kính gửi"):
            in_kinh_gui = True
            in_can_cu = False
            c.kinh_gui.append(p)
        elif in_kinh_gui and text.startswith(("-", "–")):
            c.kinh_gui.append(p)
        elif text.startswith("(") and text.endswith(")") and p.look.alignment == "center" and len(text) < 160:
            c.notes.append(p)
        elif in_can_cu and (text.startswith("Căn cứ") and is_can_cu(p.folded)
                            or decision and c.can_cu and text.startswith(_PROPOSED)):
            c.can_cu.append(p)
        elif decision and c.tham_quyen is None and not c.can_cu and not c.body and _caps(p.folded):
            c.tham_quyen = p
        elif decision and c.quyet_dinh is None and not c.body and p.folded.rstrip(":").upper() == "QUYẾT ĐỊNH":
            c.quyet_dinh = p
            in_kinh_gui = in_can_cu = False
        else:
            in_kinh_gui = in_can_cu = False
            c.body.append(p)
