"""Read any .docx as the checker sees it: paragraphs in reading order, located, with their
effective look, and the decree's components found among them by their text and place."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import docx
from lxml import etree

from docgen import nd30
from docgen.check.ooxml import W, ParaLook, RunLook, Styles, text_of

__all__ = ["Para", "Checked", "read_document"]

_KIND_NAMES = {name.upper(): name for name in nd30.TYPE_ABBREVIATIONS}


@dataclass
class Para:
    """One paragraph: where it stands, what it says, how it looks."""

    number: int  # 1-based, in reading order over the whole body
    where: str  # "đoạn 12" or "bảng 1, hàng 2, cột 1"
    text: str  # as read: NFC, without invisible characters (what the components are recognised on)
    element: object
    look: ParaLook
    runs: list[RunLook]
    cell: tuple[int, int, int] | None = None  # (table, row, column), 0-based
    following: object = None  # the next paragraph element in the same container
    table_style: str | None = None
    raw: str = ""  # exactly as stored (what the encoding rules look at)

    @property
    def stripped(self) -> str:
        """The text without surrounding white space."""
        return self.text.strip()

    @cached_property
    def folded(self) -> str:
        """The text with every run of white space as one space, stripped."""
        return _fold_space(self.text)

    def sizes(self) -> set[float]:
        """The effective sizes of its text runs."""
        return {r.size for r in self.runs if r.size is not None}


@dataclass
class Checked:
    """A document read for checking, with its components (None when not found)."""

    path: str
    doc: object
    styles: Styles
    paras: list[Para]
    quoc_hieu: Para | None = None
    tieu_ngu: Para | None = None
    agency: list[Para] = field(default_factory=list)
    so: Para | None = None
    date: Para | None = None
    ten_loai: Para | None = None
    trich_yeu: list[Para] = field(default_factory=list)
    vv: list[Para] = field(default_factory=list)
    kinh_gui: list[Para] = field(default_factory=list)
    can_cu: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    noi_nhan_label: Para | None = None
    noi_nhan: list[Para] = field(default_factory=list)
    signature: list[Para] = field(default_factory=list)

    @property
    def kind_name(self) -> str | None:
        """Tên loại ("Kế hoạch"), "Công văn" when there is a V/v and no title, else None."""
        if self.ten_loai is not None:
            return _KIND_NAMES.get(_fold_space(self.ten_loai.stripped).upper())
        return "Công văn" if self.vv else None


def _fold_space(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _key(text: str) -> str:
    """Text folded for recognising a fixed phrase: NFC, upper, no spaces or hyphens."""
    return re.sub(r"[\s\-–]+", "", unicodedata.normalize("NFC", text)).upper().replace("HOÀ", "HÒA")


QUOC_HIEU_KEY = _key(nd30.QUOC_HIEU)
TIEU_NGU_KEY = _key(nd30.TIEU_NGU)
DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s*(?P<day>[^\s]*)\s*tháng\s*(?P<month>[^\s]*)\s*năm\s*(?P<year>\d{4})\.?$")


def _paragraphs(body, styles: Styles) -> list[Para]:
    out: list[Para] = []
    tables = 0
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            following = child.getnext()
            following = following if following is not None and following.tag == f"{W}p" else None
            out.append(_para(len(out) + 1, f"đoạn {len(out) + 1}", child, styles, None, None, following))
        elif child.tag == f"{W}tbl":
            tables += 1
            style = child.find(f"{W}tblPr/{W}tblStyle")
            table_style = style.get(f"{W}val") if style is not None else None
            for r, row in enumerate(child.iterchildren(f"{W}tr")):
                for c, cell in enumerate(row.iterchildren(f"{W}tc")):
                    cell_paras = list(cell.iterchildren(f"{W}p"))
                    for i, p in enumerate(cell_paras):
                        nxt = cell_paras[i + 1] if i + 1 < len(cell_paras) else None
                        where = f"bảng {tables}, hàng {r + 1}, cột {c + 1}"
                        out.append(_para(len(out) + 1, where, p, styles, (tables - 1, r, c), table_style, nxt))
    return out


_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def readable(text: str) -> str:
    """``text`` as a reader takes it: NFC, invisible characters removed."""
    if text.isascii():
        return text
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text))


def _para(number, where, element, styles, cell, table_style, following) -> Para:
    texts = [(r, text_of(r)) for r in element.iter(f"{W}r")]
    runs = [r for r, text in texts if text.strip()]
    raw = "".join(text for _r, text in texts) if element.find(f"{W}fldSimple") is None else text_of(element)
    return Para(
        number=number,
        where=where,
        text=readable(raw),
        raw=raw,
        element=element,
        look=styles.para_look(element, table_style),
        runs=[styles.run_look(r, element, table_style) for r in runs],
        cell=cell,
        following=following,
        table_style=table_style,
    )


def read_document(source: str | Path | bytes) -> Checked:
    """``source`` (a path or the bytes of a .docx) read for checking, components found."""
    name = "<bytes>" if isinstance(source, bytes) else str(source)
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    doc = docx.Document(io.BytesIO(data))
    styles_part = doc.part._styles_part
    # The body and the styles as plain lxml trees from the package's own bytes: python-docx's element
    # classes make every lookup several times slower, and its ``blob`` would re-serialise the tree.
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read(doc.part.partname.lstrip("/"))).find(f"{W}body")
        styles_xml = package.read(styles_part.partname.lstrip("/")) if styles_part is not None else None
    styles = Styles(doc, styles_xml)
    checked = Checked(name, doc, styles, _paragraphs(body, styles))
    _find_components(checked)
    return checked


def _same_cell(a: Para, b: Para) -> bool:
    return a.cell is not None and a.cell == b.cell


def _find_components(c: Checked) -> None:
    paras = [p for p in c.paras if p.stripped]
    for p in paras:
        key = _key(p.text) if len(p.text) < 80 else ""
        if c.quoc_hieu is None and key == QUOC_HIEU_KEY:
            c.quoc_hieu = p
        elif c.tieu_ngu is None and key == TIEU_NGU_KEY:
            c.tieu_ngu = p
        elif c.so is None and re.match(r"^Số\s*:", p.stripped) and p.number < 40:
            c.so = p
        elif c.date is None and "ngày" in p.text and DATE.match(p.folded):
            c.date = p
        elif p.stripped.startswith("V/v") and not c.vv:
            c.vv = [q for q in paras if _same_cell(q, p) and q.number >= p.number] if p.cell else [p]
        elif p.folded in ("Nơi nhận:", "Nơi nhận"):
            c.noi_nhan_label = p
    _find_agency(c, paras)
    _find_title(c, paras)
    _find_signature(c, paras)
    _find_body(c, paras)


def _find_agency(c: Checked, paras: list[Para]) -> None:
    qh = c.quoc_hieu
    if qh is None or qh.cell is None:
        return
    table, row, col = qh.cell
    left = [p for p in paras if p.cell is not None and p.cell[0] == table and p.cell[2] < col and p.cell[1] <= row]
    c.agency = [p for p in left if p is not c.so and not p.stripped.startswith(("Số", "V/v"))]


def _find_title(c: Checked, paras: list[Para]) -> None:
    start = max((p.number for p in (c.date, c.so, c.tieu_ngu) if p is not None), default=0)
    for i, p in enumerate(paras):
        if p.number <= start or p.cell is not None:
            continue
        if p.folded.upper() == p.folded and p.folded in _KIND_NAMES:
            c.ten_loai = p
            for q in paras[i + 1 :]:
                if q.cell is not None or q.look.alignment != "center" or q.stripped.startswith("Căn cứ"):
                    break
                c.trich_yeu.append(q)
            return
        break


def _find_signature(c: Checked, paras: list[Para]) -> None:
    label = c.noi_nhan_label
    if label is None:
        return
    c.noi_nhan = [p for p in paras if p.number > label.number and p.stripped.startswith(("-", "–", "+", "•"))
                  and (label.cell is None or _same_cell(p, label))]
    if label.cell is not None:
        table, row, col = label.cell
        c.signature = [p for p in paras if p.cell is not None and p.cell[0] == table and p.cell[1] == row
                       and p.cell[2] > col and not p.stripped.startswith("(")]


def _find_body(c: Checked, paras: list[Para]) -> None:
    header_end = max((p.number for p in (c.date, c.so, c.tieu_ngu, c.ten_loai, *c.trich_yeu, *c.vv)
                      if p is not None), default=0)
    end = c.noi_nhan_label.number if c.noi_nhan_label is not None else len(c.paras) + 1
    in_kinh_gui = False
    for p in paras:
        if p.number <= header_end or p.number >= end or p.cell is not None:
            continue
        text = p.stripped
        if text.startswith("Kính gửi"):
            in_kinh_gui = True
            c.kinh_gui.append(p)
        elif in_kinh_gui and text.startswith(("-", "–")):
            c.kinh_gui.append(p)
        elif text.startswith("Căn cứ"):
            in_kinh_gui = False
            c.can_cu.append(p)
        else:
            in_kinh_gui = False
            c.body.append(p)
