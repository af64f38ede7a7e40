"""Turn a validated plan into the values a template prints (pure: no I/O).

Every number, date, ký hiệu, citation and punctuation mark that the decree fixes is produced
here, once, from the plan's data; the templates only place them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from docgen.kinds import KINDS, Kind
from docgen.plan import documents_by_code
from docgen.plan.inline import Span, is_plain_text, spans
from docgen.plan.model import LAW_KINDS, Bang, CanCu, Gach, KinhPhi, Ky, Muc, PhanCong, Plan, VanBan
from docgen.render.layout import RULE_SHARE, TWIPS_PER_PT, rule_indent, text_width
from docgen.render.xml import Paragraph, Paragraphs, Table, escape, plain_run, runs
from docgen.vn import (
    BLANK,
    chu_diem,
    dia_danh_ngay,
    la_ma,
    ngay_ngan,
    ngay_thang_nam,
    so,
    so_van_ban,
    upper,
    upper_heading,
)

__all__ = ["Body", "BodyLine", "TemplateGeometry", "build_context", "citation", "basis_line", "signature_lines", "noi_nhan_lines"]

END = "./."
LEVEL_STYLES = {1: "DGMuc", 2: "DGKhoan", 3: "DGDiem"}
UNNUMBERED_STYLE = "DGTieuMuc"


@dataclass(frozen=True)
class TextStyle:
    """Size and weight of a template's paragraph style, for measuring text set in it."""

    size: float
    bold: bool


@dataclass(frozen=True)
class TemplateGeometry:
    """What the context needs to know of its template: widths (twips) and measured styles."""

    agency_width: int
    motto_width: int
    text_width: int
    agency: TextStyle
    motto: TextStyle
    title: TextStyle
    kinh_gui: TextStyle
    kinh_gui_indent: int
    """Where "Kính gửi" starts, in twips from the margin (the style's left indent)."""


def citation(doc: VanBan, group: CanCu | None, full: bool = False) -> str:
    """How the plan cites ``doc`` everywhere: "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của …"."""
    kind = doc.loai or (group.loai if group else "")
    if kind in LAW_KINDS:
        return f"{kind} {doc.trich_yeu}"
    issuer = doc.co_quan or (group.co_quan if group else "")
    text = f"{kind} số {doc.so} ngày {ngay_ngan(doc.ngay)} của {issuer}"
    return f"{text} {doc.trich_yeu}" if full else text


def basis_line(basis: CanCu) -> str:
    """One "Căn cứ …" line without its final punctuation."""
    if not basis.van_ban:
        if basis.loai in LAW_KINDS and basis.ngay is not None:
            return f"Căn cứ {basis.loai} {basis.trich_yeu} {ngay_thang_nam(basis.ngay)}"
        return f"Căn cứ {citation(basis, None, full=True)}"
    items = "; ".join(f"số {doc.so} ngày {ngay_ngan(doc.ngay)} {doc.trich_yeu}" for doc in basis.van_ban)
    return f"Căn cứ các {basis.loai} của {basis.co_quan}: {items}"


def signature_lines(ky: Ky) -> list[str]:
    """The capitalised lines above the signature: ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]."""
    if ky.quyen_han == "Q.":
        return [f"Q. {upper(ky.chuc_vu)}"]
    if ky.quyen_han is None:
        return [upper(ky.chuc_vu)]
    return [f"{ky.quyen_han} {upper(ky.tap_the or '')}", upper(ky.chuc_vu)]


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


class BodyLine(NamedTuple):
    """One body paragraph as built: its style, heading and text runs, and the sections it stands in."""

    style: str
    head: list[Span]
    text: list[Span]
    trail: tuple[str, ...]  # the titles of the enclosing sections, outermost first

    @property
    def plain(self) -> str:
        """The paragraph's text as a reader sees it."""
        return "".join(s.text for s in (*self.head, *self.text))


class Body:
    """Builds the body paragraphs: numbering, blocks, citations."""

    def __init__(self, plan: Plan) -> None:
        self.docs = documents_by_code(plan)
        self.figures = plan.so_lieu
        self.cited: dict[tuple[str, bool], str] = {}
        self.out: list[BodyLine] = []
        self.trail: list[str] = []
        self.tables: dict[int, Table] = {}  # a table stands before the line at this index

    @classmethod
    def of(cls, plan: Plan) -> Body:
        """The whole body of ``plan``: opening paragraphs, numbered sections, closing paragraphs."""
        body = cls(plan)
        for block in plan.mo_dau:
            body.block(block)
        body.sections(plan.noi_dung, KINDS[plan.loai].muc_dau)
        for block in plan.ket_thuc:
            body.block(block)
        return body

    def cite(self, code: str, full: bool) -> str:
        found = self.cited.get((code, full))
        if found is None:
            figure = self.figures.get(code)
            if figure is not None:
                found = so(figure.gia_tri, figure.thap_phan, figure.don_vi)
            else:
                doc, group = self.docs[code]
                found = citation(doc, group, full)
            self.cited[(code, full)] = found  # a plan cites its few documents again and again
        return found

    def spans(self, text: str) -> list[Span]:
        return spans(text, self.cite)

    def add(self, style: str, text: list[Span], head: list[Span] | None = None) -> None:
        self.out.append(BodyLine(style, head or [], text, tuple(self.trail)))

    def sections(self, sections: list[Muc], depth: int, parent: str = "", count: list[int] | None = None) -> None:
        """Number ``sections`` at ``depth``. A heading without a number (``khong``) is a caption in the
        sequence: its children go on counting with its siblings. "4.1."-style headings (``noi-tiep``)
        number their own children afresh."""
        count = count if count is not None else [0]
        sub = 0
        for index, section in enumerate(sections):
            self.trail.append(section.tieu_de or f"§{index + 1}")
            if section.danh_so == "tu-dong":
                count[0] += 1
                label = _label(depth, count[0])
                self.section(section, LEVEL_STYLES.get(depth, "DGDiem"), label, depth)
                self.sections(section.muc, depth + 1, label)
            elif section.danh_so == "khong":
                self.section(section, UNNUMBERED_STYLE, "", depth)
                self.sections(section.muc, depth, parent, count)
            else:
                sub += 1
                label = f"{parent.rstrip('.)')}.{sub}."
                self.section(section, UNNUMBERED_STYLE, label, depth)
                self.sections(section.muc, depth, label)
            self.trail.pop()

    def section(self, section: Muc, style: str, label: str, depth: int) -> None:
        blocks = list(section.doan)
        prefix = f"{label} " if label else ""
        if section.tieu_de is None:
            first = blocks.pop(0)
            self.add("DGNoiDung", [Span(prefix), *self.spans(str(first))])
        else:
            title = self.spans(section.tieu_de)  # citations first: their codes are case-sensitive
            if depth == 1 and style != UNNUMBERED_STYLE:
                title = [Span(upper_heading(s.text), s.bold, s.italic) for s in title]
            head = [Span(prefix), *title]
            if section.cung_dong:
                first = blocks.pop(0)
                self.add(style, [Span(" "), *self.spans(str(first))], head)
            else:
                self.add(style, [], head)
        for block in blocks:
            self.block(block)

    def block(self, block: Any) -> None:
        if isinstance(block, str):
            self.add("DGNoiDung", self.spans(block))
        elif isinstance(block, Gach):
            self.add("DGGach", [Span("- "), *self.spans(block.gach)])
            for sub in block.cong:
                self.add("DGCong", [Span("+ "), *self.spans(sub)])
        elif isinstance(block, PhanCong):
            role = "chủ trì," if block.vai_tro == "chủ trì" else "phối hợp"
            self.bullet(block.dau_gach, [Span(f"{block.don_vi} {role} "), *self.spans(block.nhiem_vu)])
        elif isinstance(block, Bang):
            self.table(block)
        elif isinstance(block, KinhPhi):
            text = block.nguon_von
            if block.theo:
                text += " theo " + _join([self.cite(code, False) for code in block.theo])
            text = text.rstrip(".") + "."
            found = [Span(text)]
            if block.ghi_chu:
                found += [Span(" "), *self.spans(block.ghi_chu)]
            self.bullet(block.dau_gach, found)

    def table(self, block: Bang) -> None:
        self.add("DGBangTen", self.spans(block.bang))
        numeric = [bool(block.hang) and all(isinstance(row[k], (int, float)) for row in block.hang)
                   for k in range(len(block.cot))]
        shown = [[so(v) if isinstance(v, (int, float)) else v for v in row] for row in block.hang]
        # a number, or a text without markup or citation, is one plain run
        cells = [[plain_run(text) if text is not v or is_plain_text(v) else runs(self.spans(v))
                  for text, v in zip(texts, row)] for texts, row in zip(shown, block.hang)]
        self.tables[len(self.out)] = Table([runs(self.spans(h)) for h in block.cot], cells, numeric)
        for texts in shown:  # each row also as a line, for diff's eyes
            self.out.append(BodyLine("#bang", [], [Span(" | ".join(texts))], tuple(self.trail)))

    def bullet(self, dash: bool, text: list[Span]) -> None:
        self.add("DGGach", [Span("- "), *text]) if dash else self.add("DGNoiDung", text)

    def paragraphs(self) -> Iterator[Paragraph | Table]:
        lines = [line for line in self.out if line.style != "#bang"]
        shown = 0
        for i, line in enumerate(self.out):
            if i in self.tables:
                yield self.tables[i]
            if line.style == "#bang":
                continue
            shown += 1
            style, head, text = line.style, line.head, line.text
            if shown == len(lines):
                text, head = (_ending(text), head) if text else ([], _ending(head))
            run_in = bool(head and text)  # a heading with its text on the same line is body, not a heading
            yield Paragraph(style, runs(head) + runs(text, reset=bool(head)), keep_next=False if run_in else None)
        yield from (table for index, table in self.tables.items() if index >= len(self.out))


def _label(depth: int, n: int) -> str:
    if depth == 1:
        return f"{la_ma(n)}."
    if depth == 2:
        return f"{n}."
    if depth == 3:
        return f"{chu_diem(n - 1)})"
    return "-" if depth == 4 else "+"


def _ending(text: list[Span]) -> list[Span]:
    """``text`` ending with the decree's "./."."""
    if not text:
        return [Span(END)]
    last = text[-1]
    body = last.text.rstrip()
    if not body.endswith(END):
        body = re.sub(r"[.;,:]+$", "", body) + END
    return [*text[:-1], Span(body, last.bold, last.italic)]


def _rule(line_pt: float, available: int) -> Paragraphs:
    indent = rule_indent(line_pt, available)
    return Paragraphs([Paragraph("DGKe", "", left=indent, right=indent)])


def _number(plan: Plan, kind: Kind) -> str:
    ky_hieu = kind.ky_hieu(plan.co_quan.viet_tat, plan.don_vi_soan_thao.viet_tat)
    number = so_van_ban(plan.so) if plan.so is not None else BLANK + "  "
    return f"{number}/{ky_hieu}"


def build_context(plan: Plan, geometry: TemplateGeometry) -> dict[str, Any]:
    """The values ``plan``'s template prints, escaped for its XML."""
    kind = KINDS[plan.loai]
    agency = [upper(line) for line in plan.co_quan.ten]
    widest = max(text_width(line, geometry.agency.size, geometry.agency.bold) for line in agency)
    title_pt = text_width(plan.trich_yeu, geometry.title.size, geometry.title.bold)
    motto_pt = text_width("Độc lập - Tự do - Hạnh phúc", geometry.motto.size, geometry.motto.bold)

    body = Body.of(plan)
    return {
        "co_quan": {
            "chu_quan": [escape(upper(line)) for line in plan.co_quan.chu_quan],
            "ten": [escape(line) for line in agency],
            "duong_ke": _rule(widest * RULE_SHARE, geometry.agency_width),
        },
        "tieu_ngu_ke": _rule(motto_pt, geometry.motto_width),
        "so_ky_hieu": escape(_number(plan, kind)),
        "dia_danh_ngay": escape(dia_danh_ngay(plan.dia_danh, plan.ngay)),
        "ten_loai": escape(upper(kind.name)),
        "trich_yeu": escape(plan.trich_yeu),
        "trich_yeu_ke": _rule(min(title_pt, geometry.text_width / 20) * RULE_SHARE, geometry.text_width),
        "can_cu": [escape(line) for line in _list_lines(basis_line(b) for b in plan.can_cu)],
        "kinh_gui": _kinh_gui(plan.kinh_gui, geometry),
        "noi_dung": Paragraphs(body.paragraphs()),
        "noi_nhan": [escape(line) for line in noi_nhan_lines(plan)],
        "ky": {"chuc_vu": [escape(line) for line in signature_lines(plan.ky)], "ho_ten": escape(plan.ky.ho_ten)},
        "lien_he": escape(plan.lien_he.line()) if plan.lien_he else "",
    }


def _list_lines(items: Iterable[str], dash: str = "") -> list[str]:
    """``items`` as the decree lists them: each ends with ";", the last with "."."""
    items = list(items)
    return [f"{dash}{item}{';' if i < len(items) - 1 else '.'}" for i, item in enumerate(items)]


def noi_nhan_lines(plan: Plan) -> list[str]:
    """The Nơi nhận list: "- Như trên;" first when there is a Kính gửi, then the recipients, then "- Lưu: VT, …."."""
    items = list(plan.noi_nhan)
    if plan.kinh_gui and not items[0].startswith("Như trên"):
        items.insert(0, "Như trên")
    unit = plan.don_vi_soan_thao
    return [f"- {item};" for item in items] + [f"- Lưu: VT, {unit.viet_tat_luu or unit.viet_tat}."]


def _kinh_gui(recipients: list[str], geometry: TemplateGeometry) -> Paragraphs:
    """"Kính gửi: X" on one line, or "Kính gửi:" over "- X;" lines whose dashes stand under the colon."""
    if not recipients:
        return Paragraphs()
    label = "Kính gửi"
    style = geometry.kinh_gui
    start = geometry.kinh_gui_indent
    if len(recipients) == 1:
        lead = round(text_width(f"{label}: ", style.size, style.bold) * TWIPS_PER_PT)
        text = runs([Span(f"{label}: "), *spans(recipients[0])])
        return Paragraphs([Paragraph("DGKinhGui", text, left=start + lead, hanging=lead)])
    under_colon = start + round(text_width(label, style.size, style.bold) * TWIPS_PER_PT)
    lines = [Paragraph("DGKinhGui", runs([Span(f"{label}:")]), left=start)]
    lines += [Paragraph("DGKinhGui", runs(spans(line)), left=under_colon)
              for line in _list_lines(recipients, dash="- ")]
    return Paragraphs(lines)
