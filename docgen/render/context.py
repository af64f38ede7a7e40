"""Turn a validated plan into the values a template prints (pure: no I/O).

Every number, date, ký hiệu, citation and punctuation mark that the decree fixes is produced
here, once, from the plan's data; the templates only place them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from dataclasses import dataclass
from typing import Any, NamedTuple

from markupsafe import Markup

from docgen import nd30
from docgen.kinds import KINDS, Kind
from docgen.plan import documents_by_code
from docgen.plan.inline import CITATION, Span, is_plain_text, spans
from docgen.plan.model import MERGE_UP, LAW_KINDS, Bang, CanCu, Gach, KinhPhi, Ky, Muc, Nhom, PhanCong, Plan, VanBan
from docgen.render.layout import RULE_SHARE, TWIPS_PER_PT, balanced, rule_indent, text_width, text_widths
from docgen.render.xml import Cell, Mark, Paragraph, Paragraphs, Table, escape, footnote, plain_run, runs, sized_run
from docgen.vn.words import DON_VI_TIEN
from docgen.vn import (
    BLANK,
    chu_diem,
    dia_danh_ngay,
    la_ma,
    ngay_ngan,
    ngay_thang_nam,
    so,
    so_van_ban,
    so_tien_bang_chu,
    upper,
    upper_heading,
)

__all__ = ["Body", "BodyLine", "TemplateGeometry", "Placement", "build_context", "citation", "basis_spans",
           "signature_lines", "noi_nhan_lines", "luu_line", "title_of"]

END = "./."
LEVEL_STYLES = {1: "DGMuc", 2: "DGKhoan", 3: "DGDiem"}
UNNUMBERED_STYLE = "DGTieuMuc"


@dataclass(frozen=True)
class TextStyle:
    """Size and weight of a template's paragraph style, for measuring text set in it."""

    size: float
    bold: bool
    italic: bool = False


@dataclass(frozen=True)
class Placement:
    """Where a template places a text the context measures: the column of a sized table (None outside the
    tables), the column's padding (twips), the paragraph style, and the text the template writes before it."""

    table: str | None
    column: int
    pad: int
    style: TextStyle
    lead: str = ""
    width: int | None = None
    """The width inside its cell as the template has it (twips), when it stands in a table."""


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
    landscape_width: int = 0
    """The text area's width on a landscape page (twips)."""
    section: str = ""
    """The template's own section properties (its body's last ``<w:sectPr>``, as the document's XML writes it)."""
    columns: dict[str, tuple[int, ...]] | None = None
    """The widths (twips) of the template's sized tables (their Alt Text title "docgen:<name>"), by name."""
    places: dict[str, Placement] | None = None
    """Where the texts the context fits to their columns stand: the agency, the motto, the date, the trích
    yếu, the Nơi nhận list, the signature."""


def _day(day, words: bool) -> str:
    return ngay_thang_nam(day) if words else f"ngày {ngay_ngan(day)}"


def citation(doc: VanBan, group: CanCu | None, full: bool = False, short: bool = False, words: bool = False) -> str:
    """How the plan cites ``doc``: "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ", with its
    trích yếu when ``full``, only "Quyết định số 1719/QĐ-TTg" when ``short`` (a later citation, Phụ lục I);
    the date in words ("ngày 14 tháng 10 năm 2021") when ``words``. A Luật is cited by its name."""
    kind = doc.loai or (group.loai if group else "")
    if kind in LAW_KINDS:
        return f"{kind} {doc.trich_yeu}"
    if short:
        return f"{kind} số {doc.so}"
    issuer = doc.co_quan or (group.co_quan if group else "")
    text = f"{kind} số {doc.so} {_day(doc.ngay, words)} của {issuer}"
    return f"{text} {doc.trich_yeu}" if full and doc.trich_yeu else text


def basis_spans(basis: CanCu, words: bool = False, note=None) -> list[Span]:
    """One "Căn cứ …" line without its final punctuation, as spans: the text as written (never read as markup),
    each document's footnote (``note(text)`` gives its mark) after it."""
    def with_note(text: str, doc: VanBan) -> list[Span]:
        return [Span(text), note(doc.chu_thich)] if doc.chu_thich and note is not None else [Span(text)]

    if not basis.van_ban:
        if basis.loai in LAW_KINDS and basis.ngay is not None:
            return with_note(f"Căn cứ {basis.loai} {basis.trich_yeu} {ngay_thang_nam(basis.ngay)}", basis)
        return with_note(f"Căn cứ {citation(basis, None, full=True, words=words)}", basis)
    if basis.loai in LAW_KINDS:  # "Căn cứ Luật A ngày …; Luật B ngày …"
        out = [Span("Căn cứ ")]
        for i, doc in enumerate(basis.van_ban):
            when = f" {ngay_thang_nam(doc.ngay)}" if doc.ngay is not None else ""
            out += with_note(f"{'; ' if i else ''}{basis.loai} {doc.trich_yeu}{when}", doc)
        return out
    out = [Span(f"Căn cứ các {basis.loai} của {basis.co_quan}: ")]
    for i, doc in enumerate(basis.van_ban):
        out += with_note(f"{'; ' if i else ''}số {doc.so} {_day(doc.ngay, words)} {doc.trich_yeu}", doc)
    return out


def signature_lines(ky: Ky) -> list[str]:
    """The capitalised lines above the signature, each on its own line (``Ky.printed``)."""
    return ky.printed()


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

    def __init__(self, plan: Plan, width: int = 9355, figures: dict | None = None) -> None:
        self.width = width  # twips: the text area the tables span
        self.docs = documents_by_code(plan)
        self.figures = figures if figures is not None else all_figures(plan)
        count = len(plan.phu_luc)
        self.annexes = {a.ma: "Phụ lục" if count == 1 else f"Phụ lục {la_ma(i + 1)}"
                        for i, a in enumerate(plan.phu_luc) if a.ma}
        self.defined_notes = plan.chu_thich
        self.later_short = plan.vien_dan.lan_sau == "rut-gon"
        self.words = plan.vien_dan.ngay == "chu"
        self.cited: dict[tuple[str, str], str] = {}
        self.dieu = KINDS[plan.loai].dieu  # articles: "Điều 1.", "Điều 2."
        # Documents cited once already: the căn cứ are the first citation of theirs (Phụ lục I); not when the
        # Quyết định issuing the document prints them.
        self.seen: set[str] = {doc.ma for basis in printed_basis(plan) for doc in (basis.van_ban or [basis])
                               if doc.ma}
        self.notes: list[str] = []  # the footnotes' runs, numbered from 1 in the order they are met
        self.placed: dict[str, int] = {}  # a plan's note (chu_thich) already placed → its number
        self.out: list[BodyLine] = []
        self.trail: list[str] = []
        self.tables: dict[int, Table] = {}  # a table stands before the line at this index

    @classmethod
    def of(cls, plan: Plan) -> Body:
        """The whole body of ``plan``: opening paragraphs, numbered sections, closing paragraphs."""
        return cls(plan).fill(plan)

    def share(self, other: Body) -> None:
        """Go on from ``other``: the documents it cited, the footnotes it numbered."""
        self.seen, self.notes, self.placed, self.cited = other.seen, other.notes, other.placed, other.cited

    def fill(self, plan: Plan) -> Body:
        """This body with ``plan``'s paragraphs, after what the document's earlier parts cited and noted."""
        for block in plan.mo_dau:
            self.block(block)
        self.sections(plan.noi_dung, KINDS[plan.loai].muc_dau)
        for block in plan.ket_thuc:
            self.block(block)
        return self

    def cite(self, code: str, form: str = "") -> str:
        """[[code]] as printed: "+" in full, "-" short; "" as the plan says (the first time in full and after
        that short, or every time with number, date and issuer)."""
        if form == "" and self.later_short:
            form = "-" if code in self.seen else "+"
        self.seen.add(code)
        found = self.cited.get((code, form))  # a plan cites its few documents again and again
        return found if found is not None else self._cited(code, form)

    def _cited(self, code: str, form: str) -> str:
        found = self.cited.get((code, form))
        if found is None:
            figure = self.figures.get(code)
            if code in self.annexes:
                found = self.annexes[code]
            elif figure is not None:
                found = so(figure.gia_tri, figure.thap_phan, figure.don_vi)
                if form == "+" and (figure.don_vi or "").lower() in DON_VI_TIEN:  # in full: with the amount in words
                    found += f" (Bằng chữ: {so_tien_bang_chu(figure.gia_tri, figure.don_vi)})"
            else:
                doc, group = self.docs[code]
                found = citation(doc, group, full=form == "+", short=form == "-", words=self.words)
            self.cited[(code, form)] = found  # a plan cites its few documents again and again
        return found

    def title(self, text: str) -> str:
        """``text`` (a trích yếu) with its citations printed as a first citation would be, without counting as
        one: the title names the document, the text cites."""
        if "[[" not in text:
            return text
        return CITATION.sub(lambda m: self._cited(m.group(1), m.group(2) or ("+" if self.later_short else "")), text)

    def spans(self, text: str) -> list[Span]:
        """``text`` as spans, its citations printed and its footnotes numbered."""
        found = spans(text, self.cite)
        if "^" not in text:  # no footnote (the usual text): nothing more to do
            return found
        return [self.note(span.note) if span.note is not None else span for span in found]

    def note(self, note) -> Span:
        """The mark of a footnote: ``note`` is its text, its spans as parsed, or the code of a plan's note (the
        second time a plan's note is cited, the mark refers to the note placed the first time)."""
        code = note if isinstance(note, str) and note in self.defined_notes else None
        if code in self.placed:
            return Span("", note=Mark(self.placed[code], again=True))
        inner = self.spans(self.defined_notes.get(note, note)) if isinstance(note, str) else list(note)
        self.notes.append(runs(inner))
        if code is not None:
            self.placed[code] = len(self.notes)
        return Span("", note=Mark(len(self.notes), named=code is not None))

    def footnotes(self) -> list[str]:
        """The footnotes met so far, as ``<w:footnote>`` elements numbered from 1."""
        return [footnote(number, xml) for number, xml in enumerate(self.notes, start=1)]

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
                if depth == 1 and self.dieu:
                    self.section(section, "DGDieu", f"Điều {count[0]}.", depth)
                    self.sections(section.muc, depth + 1, "")
                else:
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
        if section.tieu_de is None and style == "DGDieu":  # "Điều 1." in bold, the article's text on its line
            first = blocks.pop(0)
            self.add(style, [Span(" "), *self.spans(str(first))], [Span(label)])
        elif section.tieu_de is None:
            first = blocks.pop(0)
            self.add("DGNoiDung", [Span(prefix), *self.spans(str(first))])
        else:
            title = self.spans(section.tieu_de)  # citations first: their codes are case-sensitive
            if depth == 1 and style not in (UNNUMBERED_STYLE, "DGDieu"):
                title = [s._replace(text=upper_heading(s.text)) for s in title]
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
                text += " theo " + _join([self.cite(code) for code in block.theo])
            text = text.rstrip(".") + "."
            found = [Span(text)]
            if block.ghi_chu:
                found += [Span(" "), *self.spans(block.ghi_chu)]
            self.bullet(block.dau_gach, found)

    def table(self, block: Bang) -> None:
        if block.bang:
            self.add("DGBangTen", self.spans(block.bang))
        if block.don_vi_tinh:
            self.add("DGDonViTinh", [Span(f"Đơn vị tính: {block.don_vi_tinh}")])
        columns = block.columns
        count = len(columns)
        plain_rows = [row for row in block.hang if isinstance(row, list)]
        filled = [[row[k] for row in plain_rows if row[k] not in ("", MERGE_UP)] for k in range(count)]
        numeric = [bool(cells) and all(isinstance(v, (int, float)) for v in cells) for cells in filled]
        summed = block.summed()
        decimals = {k: max((_decimals(row[k]) for row in plain_rows), default=0) for k in summed}
        totals, groups = (block.totals(), iter(block.group_totals())) if summed else ({}, iter(()))
        lead = summed[0] if summed and summed[0] > 0 else count  # the columns a group's or the total's label spans
        restart = {(j, k) for i, row in enumerate(block.hang) if isinstance(row, list)
                   for k, cell in enumerate(row) if cell == MERGE_UP
                   for j in (next(j for j in range(i - 1, -1, -1) if block.hang[j][k] != MERGE_UP),)}
        rows: list[list] = []
        shown_rows: list[list[str]] = []  # the plain rows' texts, as printed, for the columns sized by content
        for i, row in enumerate(block.hang):
            if isinstance(row, Nhom):
                sub = next(groups, {})
                heading = runs([span._replace(bold=True) for span in self.spans(row.nhom)])
                rows.append(self._spanning(heading, lead, count, sub, decimals, align="group"))
                self.out.append(BodyLine("#bang", [], [Span(row.nhom)], tuple(self.trail)))
                continue
            shown = [so(v) if isinstance(v, (int, float)) else v for v in row]
            shown_rows.append(shown)
            # a number, or a text without markup or citation, is one plain run
            cells = [plain_run(text) if text is not v or v == MERGE_UP or is_plain_text(v) else runs(self.spans(v))
                     for text, v in zip(shown, row)]
            if MERGE_UP in row or any((i, k) in restart for k in range(count)):
                cells = [Cell("", merge="continue") if v == MERGE_UP else
                         Cell(xml, merge="restart" if (i, k) in restart else None)
                         for k, (xml, v) in enumerate(zip(cells, row))]
            rows.append(cells)
            self.out.append(BodyLine("#bang", [], [Span(" | ".join(shown))], tuple(self.trail)))
        if summed:
            label = runs([Span(block.tong_cong or "Tổng cộng", bold=True)])
            rows.append(self._spanning(label, lead, count, totals, decimals, centre=True))
            self.out.append(BodyLine("#bang", [], [Span(block.tong_cong or "Tổng cộng")], tuple(self.trail)))
        header = [runs(self.spans(c.ten)) for c in columns]
        widths = column_widths(columns, [_plain(c.ten) for c in columns],
                               lambda k: [_plain(r[k]) for r in shown_rows], self.width)
        # an STT column is centred whatever its numbers are written as (1, "2.1", "3.3.1", I, a)
        aligns = [_ALIGN[c.can] if c.can else ("center" if _is_stt(c.ten) else
                                              "right" if numeric[k] else "left") for k, c in enumerate(columns)]
        index = len(self.out) - len(rows)
        self.tables[index] = Table(header, rows, widths, aligns)
        if block.bang_chu:
            amount = totals[summed[0]]
            self.add("DGBangChu", [Span(f"(Bằng chữ: {so_tien_bang_chu(amount, block.don_vi_tinh or 'đồng')})")])

    @staticmethod
    def _spanning(label: str, lead: int, count: int, figures: dict, decimals: dict, centre: bool = False,
                  align: str | None = None) -> list:
        """A row whose ``label`` spans the first ``lead`` columns, then ``figures`` (bold) in their columns."""
        cells = [Cell(label, span=lead, align="center" if centre else align)]
        for k in range(lead, count):
            value = figures.get(k)
            cells.append(Cell(runs([Span(_total(value, decimals.get(k, 0)), bold=True)]) if value is not None else ""))
        return cells

    def bullet(self, dash: bool, text: list[Span]) -> None:
        self.add("DGGach", [Span("- "), *text]) if dash else self.add("DGNoiDung", text)

    def paragraphs(self, ending: bool = True) -> Iterator[Paragraph | Table]:
        """The paragraphs and tables; ``ending``: the last paragraph of text (never a table's title, unit or
        words) ends with "./." and is kept on the page of the signature block after it."""
        last = next((i for i in range(len(self.out) - 1, -1, -1) if self.out[i].style not in _TABLE_LINES), -1) \
            if ending else -1
        for i, line in enumerate(self.out):
            if i in self.tables:
                yield self.tables[i]
            if line.style == "#bang":
                continue
            style, head, text = line.style, line.head, line.text
            keep = False if head and text else None  # a heading with its text on its line is body, not a heading
            if i == last:
                text, head = (_ending(text), head) if text else ([], _ending(head))
                keep = True
            yield Paragraph(style, runs(head) + runs(text, reset=bool(head)), keep_next=keep)
        yield from (table for index, table in self.tables.items() if index >= len(self.out))


_TABLE_LINES = frozenset({"#bang", "DGBangTen", "DGDonViTinh", "DGBangChu"})
_ALIGN = {"trai": "left", "giua": "center", "phai": "right", "deu": "both"}
TABLE_PT = nd30.PROFILE["bang"]
CELL_PAD = 2 * 108 + 20  # Word's cell margins, and a little room
MIN_CELL = 567 // 2  # no column narrower than half a centimetre


def _plain(text: str) -> str:
    """A cell's text as measured: its markup stars and carets do not print."""
    return text.replace("**", "").replace("^", "").replace("~", "") if "*" in text or "^" in text or "~" in text \
        else text


def _is_stt(heading: str) -> bool:
    return heading.strip().upper().replace(".", "") in ("STT", "TT", "SỐ TT", "SỐ THỨ TỰ")


def _decimals(value: Any) -> int:
    if isinstance(value, float):
        text = format(value, ".15g")
        return len(text.partition(".")[2]) if "e" not in text else 0
    return 0


def _total(value: Decimal, decimals: int) -> str:
    """A total written the Vietnamese way, no more decimals than the most precise figure it adds up, and none
    that are zero: 1.000, 250,5."""
    value = round(value, decimals)
    return so(int(value)) if value == value.to_integral_value() else so(value.normalize())


def _least_and_most(heading: str, texts: list[str]) -> tuple[int, int]:
    """A column's narrowest width (its longest word, the heading's in bold) and the width that sets each of its
    texts on one line (twips, cell margins included)."""
    texts = [t for t in texts if t and t != MERGE_UP]
    full = text_widths(texts, TABLE_PT) if texts else []
    words = [max(t.split(), key=len, default="") for t in texts]
    head = text_widths([heading, max(heading.split(), key=len, default="")], TABLE_PT, True)
    least = round(max(max(text_widths(words, TABLE_PT), default=0.0), head[1]) * TWIPS_PER_PT) + CELL_PAD
    most = round(max(max(full, default=0.0), head[0]) * TWIPS_PER_PT) + CELL_PAD
    return least, most


def column_widths(columns: list, headings: list[str], cells, available: int) -> list[int]:
    """The widths (twips) of a table's columns, adding up to ``available``: a fixed "2,5 cm" as given, shares
    ("rong: 2") splitting what is left, and the other columns from their content, as Word's own autofit
    does: each at least as wide as its longest word, the rest shared by how much wider its text would like to
    be. No share is narrower than its own longest word (``cells(k)``: column k's texts)."""
    fixed = {k: round(float(c.rong.removesuffix(" mm")) * 1440 / 25.4) for k, c in enumerate(columns)
             if isinstance(c.rong, str)}
    total_fixed = sum(fixed.values())
    if total_fixed > available:  # a table never wider than the text area
        fixed = {k: w * available // total_fixed for k, w in fixed.items()}
        total_fixed = sum(fixed.values())
    shares = {k: c.rong for k, c in enumerate(columns) if isinstance(c.rong, float)}
    autos = [k for k in range(len(columns)) if k not in fixed and k not in shares]
    rest = available - total_fixed
    widths = [fixed.get(k, 0) for k in range(len(columns))]
    if autos:
        least, most = {}, {}
        for k in autos:
            least[k], most[k] = _least_and_most(headings[k], cells(k))
        room = rest - (MIN_CELL * len(shares) if shares else 0)
        if shares:  # the columns sized by content take what they want, the shares what is left
            room = min(room, sum(most.values()))
        low, high = sum(least.values()), sum(most.values())
        for k in autos:
            if high <= room:
                widths[k] = most[k] * room // high if not shares else most[k]
            elif low >= room:
                widths[k] = least[k] * room // low
            else:
                widths[k] = least[k] + (most[k] - least[k]) * (room - low) // (high - low)
        rest -= sum(widths[k] for k in autos)
    if shares:
        whole = sum(shares.values())
        for k, share in shares.items():
            widths[k] = max(round(rest * share / whole), MIN_CELL)
        floor = {k: _least_and_most(headings[k], cells(k))[0] for k in shares}
        short = {k: floor[k] - widths[k] for k in shares if widths[k] < floor[k]}
        if short:  # widen those below their longest word, taken from the others' share above their own
            spare = {k: widths[k] - floor[k] for k in shares if k not in short and widths[k] > floor[k]}
            need, have = sum(short.values()), sum(spare.values())
            if have > 0:
                take = min(need, have)
                for k in short:
                    widths[k] += short[k] * take // need
                for k, extra in spare.items():
                    widths[k] -= extra * take // have
    widths[-1] += available - sum(widths)  # rounding: the columns fill the text area exactly
    return widths


def _label(depth: int, n: int) -> str:
    if depth == 1:
        return f"{la_ma(n)}."
    if depth == 2:
        return f"{n}."
    if depth == 3:
        return f"{chu_diem(n - 1)})"
    return "-" if depth == 4 else "+"


def _ending(text: list[Span]) -> list[Span]:
    """``text`` ending with the decree's "./." (after a footnote's mark when the text ends with one)."""
    if not text:
        return [Span(END)]
    last = text[-1]
    if last.note is not None:
        return [*text, Span(END)]
    body = last.text.rstrip()
    if not body.endswith(END):
        body = re.sub(r"[.;,:]+$", "", body) + END
    return [*text[:-1], last._replace(text=body)]


def _rule(line_pt: float, available: int) -> Paragraphs:
    indent = rule_indent(line_pt, available)
    return Paragraphs([Paragraph("DGKe", "", left=indent, right=indent)])


def _number(plan: Plan, kind: Kind) -> str:
    ky_hieu = kind.ky_hieu(plan.co_quan.viet_tat, plan.don_vi_soan_thao.viet_tat)
    number = so_van_ban(plan.so) if plan.so is not None else BLANK + "  "
    return f"{number}/{ky_hieu}"


CM = 567  # twips
MIN_COLUMN = round(4.5 * CM)
"""No column of the header is made narrower than this to fit the date on one line."""
NOI_NHAN_MAX = round(8.5 * CM)
"""The Nơi nhận column grows to fit its recipients on one line each, up to this width."""
SIGNATURE_MIN = round(7 * CM)
"""The signature column keeps room for the signature and the seal."""
SLACK = 1.02  # our measure against Word's: a line measured to fit leaves it this much room


def _need(texts: Iterable[str], style: TextStyle, pad: int, size: float | None = None) -> int:
    """The width (twips) a column needs to set each of ``texts`` on one line (a line break ends a line)."""
    widest = max(text_widths([line for text in texts for line in text.split("\n")], size or style.size, style.bold,
                             style.italic), default=0.0)
    return round(widest * TWIPS_PER_PT * SLACK) + pad


def _fit_columns(geometry: TemplateGeometry, date: str, noi_nhan: list[str], signature: list[str],
                 name: str) -> tuple[dict[str, list[int]], float | None]:
    """The widths of the template's sized tables for this document, and the size the date is set in when its
    style's does not fit (None when it does). The date stays on one line: at the decree's smaller size if need
    be, then in a wider column. The Nơi nhận column widens, within limits, so that recipients do not wrap."""
    columns = {key: list(widths) for key, widths in (geometry.columns or {}).items()}
    places = geometry.places or {}
    date_size = None
    where = places.get("date")
    if where is not None and where.table in columns:
        widths, col = columns[where.table], where.column
        if _need([date], where.style, where.pad) > widths[col]:
            date_size = nd30.SIZES["dia_danh_ngay"][0]
            grow = _need([date], where.style, where.pad, date_size) - widths[col]
            other = 1 - col if len(widths) == 2 else None
            if grow > 0 and other is not None:
                grow = min(grow, max(widths[other] - MIN_COLUMN, 0))
                widths[col] += grow
                widths[other] -= grow
    recipients, signer = places.get("noi_nhan"), places.get("ky")
    if recipients is not None and signer is not None and recipients.table == signer.table in columns:
        widths = columns[recipients.table]
        left, right = recipients.column, signer.column
        total = widths[left] + widths[right]
        room = max(_need(signature, signer.style, signer.pad), _need([name], signer.style, signer.pad), SIGNATURE_MIN)
        wanted = max(widths[left], _need(noi_nhan, recipients.style, recipients.pad))
        widths[left] = max(min(wanted, NOI_NHAN_MAX, total - room), MIN_COLUMN)
        widths[right] = total - widths[left]
    return columns, date_size


def _inner(columns: dict[str, list[int]], place: Placement | None, default: int) -> int:
    """The width (twips) inside the column where ``place`` stands: as fitted in a sized table, as the template
    has it in another cell, ``default`` outside the tables."""
    if place is None:
        return default
    if place.table in columns:
        return columns[place.table][place.column] - place.pad
    return place.width or default


def _basis_run(basis: CanCu, body: Body, end: str) -> Markup:
    """The runs of one căn cứ line, ending with ``end``: one plain run unless a document of it has a footnote."""
    if basis.chu_thich is None and not any(doc.chu_thich for doc in basis.van_ban):
        return Markup(plain_run("".join(span.text for span in basis_spans(basis, body.words)) + end))
    return Markup(runs([*basis_spans(basis, body.words, body.note), Span(end)]))


def all_figures(plan: Plan) -> dict:
    """The plan's figures (so_lieu) and the totals of its tables that have a code."""
    totals = plan.table_figures()
    return {**plan.so_lieu, **{code: figure for code, (_f, figure) in totals.items()}} if totals else plan.so_lieu


def title_of(plan: Plan) -> str:
    """The trích yếu as printed, its citations written out (one line: for the document's properties)."""
    title = Body(plan).title(plan.trich_yeu) if "[[" in plan.trich_yeu else plan.trich_yeu
    return title.replace("\n", " ")


def build_context(plan: Plan, geometry: TemplateGeometry) -> dict[str, Any]:
    """The values ``plan``'s template prints, escaped for its XML."""
    kind = KINDS[plan.loai]
    places = geometry.places or {}
    agency = [upper(line) for line in plan.co_quan.ten]
    widest = max(text_width(line, geometry.agency.size, geometry.agency.bold) for line in agency)
    motto_pt = text_width("Độc lập - Tự do - Hạnh phúc", geometry.motto.size, geometry.motto.bold)
    date = dia_danh_ngay(plan.dia_danh, plan.ngay)
    noi_nhan = noi_nhan_lines(plan)
    signature = signature_lines(plan.ky)
    columns, date_size = _fit_columns(geometry, date, noi_nhan, signature, plan.ky.ho_ten)

    title_place = places.get("title")
    title_style = title_place.style if title_place else geometry.title
    title_width = _inner(columns, title_place, geometry.text_width) / TWIPS_PER_PT / SLACK
    figures = all_figures(plan)
    body = Body(plan, geometry.text_width, figures)  # the căn cứ and Kính gửi cite and note before the body does
    trich_yeu = balanced(body.title(plan.trich_yeu), title_style.size, title_style.bold, title_width,
                         title_place.lead if title_place else "")
    title_pt = max(text_width(line, geometry.title.size, geometry.title.bold) for line in trich_yeu.split("\n"))

    bases = printed_basis(plan)
    last = len(bases) - (0 if plan.theo_de_nghi else 1)
    can_cu = [_basis_run(b, body, ";" if i < last else ".") for i, b in enumerate(bases)]
    if plan.theo_de_nghi:
        can_cu.append(Markup(runs(body.spans(_proposed(plan.theo_de_nghi)))))  # it may cite: [[ma]]
    kinh_gui = _kinh_gui(plan.kinh_gui, geometry, body.spans, kind.kinh_gui_style)
    body.fill(plan)
    content = Paragraphs(body.paragraphs())
    annexes, last_section = _annexes(plan, kind, geometry, body, figures)
    return {
        "co_quan": {
            "chu_quan": [escape(upper(line)) for line in plan.co_quan.chu_quan],
            "ten": [escape(line) for line in agency],
            "duong_ke": _rule(widest * RULE_SHARE, _inner(columns, places.get("agency"), geometry.agency_width)),
        },
        "tieu_ngu_ke": _rule(motto_pt, _inner(columns, places.get("motto"), geometry.motto_width)),
        "so_ky_hieu": escape(_number(plan, kind)),
        "dia_danh_ngay": Markup(sized_run(date, date_size) if date_size else plain_run(date)),
        "ten_loai": escape(upper(kind.name)),
        "trich_yeu": escape(trich_yeu),
        "trich_yeu_ke": _rule(min(title_pt, geometry.text_width / 20) * RULE_SHARE, geometry.text_width),
        "can_cu": can_cu,
        "kinh_gui": kinh_gui,
        "noi_dung": content,
        "noi_nhan": [escape(line) for line in noi_nhan],
        "ky": {"chuc_vu": [escape(line) for line in signature], "ho_ten": escape(plan.ky.ho_ten)},
        "lien_he": escape(plan.lien_he.line()) if plan.lien_he else "",
        "cot": {key: [str(w) for w in widths] for key, widths in columns.items()},
        "chu_thich": body.footnotes(),
        "phu_luc": annexes,
        "trang_cuoi": last_section,
        "tham_quyen": escape(upper(authority(plan))) if kind.dieu else "",
        "kem_theo": escape(balanced(_issued_with(plan), geometry.title.size, False, geometry.text_width / TWIPS_PER_PT
                                    / SLACK)) if plan.quyet_dinh else "",
        "ky_kem_theo": bool(plan.quyet_dinh and plan.quyet_dinh.ky_kem_theo),
    }


def printed_basis(plan: Plan) -> list[CanCu]:
    """The căn cứ the document prints: a document issued with a Quyết định leaves them to the Quyết định."""
    return [] if plan.quyet_dinh is not None else plan.can_cu


def _proposed(who: str) -> str:
    """The căn cứ's last line: "Theo đề nghị của <who>.", or the line as written when it opens with its own words
    ("Xét đề nghị của …", "Xét Tờ trình số …"); it ends with "." as Mẫu 1.2's does."""
    text = who.strip().rstrip(".;, ")
    if not re.match(r"(?i)^(theo|xét)\s", text):
        text = f"Theo đề nghị của {text}"
    return text[0].upper() + text[1:] + "."


def authority(plan: Plan) -> str:
    """Who issues a Quyết định (Phụ lục III, Mẫu 1.2, THẨM QUYỀN BAN HÀNH), as written in a sentence: the plan's
    ``tham_quyen``, else the collective a TM. signature speaks for ("Ủy ban nhân dân xã Ngọc Liên"), else the
    head's title and the agency ("Chủ tịch Ủy ban nhân dân xã Ngọc Liên")."""
    if plan.tham_quyen:
        return plan.tham_quyen
    agency = " ".join(plan.co_quan.ten)
    lines = plan.ky.authority()
    if lines and lines[0][0] == "TM.":
        return agency
    head = lines[0][1] if lines and lines[0][1] else plan.ky.chuc_vu or ""
    return f"{head} {agency}".strip()


def _issued_with(plan: Plan) -> str:
    """"(Ban hành kèm theo Quyết định số 45/QĐ-UBND ngày 10 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân …)",
    with blanks where the number or the date is not given yet."""
    from docgen.plan import decision_of

    decision = decision_of(plan)
    number = _number(decision, KINDS[decision.loai])
    text = f"(Ban hành kèm theo Quyết định số {number} {ngay_thang_nam(decision.ngay)} của {authority(decision)})"
    return _kept_blanks(text)


def _kept_blanks(text: str) -> str:
    """``text`` with each blank left to fill in by hand (a run of spaces) kept as wide as it is, and with its
    word, when the line is balanced or wrapped."""
    return re.sub(r" ( +)", lambda m: " " + "\u00a0" * len(m.group(1)), text)


def _annexes(plan: Plan, kind: Kind, geometry: TemplateGeometry, body: Body, figures: dict) -> tuple[Paragraphs, str]:
    """The phụ lục, each in a section of its own after the main text's (Phụ lục I, mục III.1; Mẫu 2.1), and the
    section properties the document's last section takes ("" without phụ lục: the template's own)."""
    if not plan.phu_luc or not geometry.section:
        return Paragraphs(), ""
    number = so_van_ban(plan.so) if plan.so is not None else BLANK
    ky_hieu = kind.ky_hieu(plan.co_quan.viet_tat, plan.don_vi_soan_thao.viet_tat)
    attached = _kept_blanks(f"(Kèm theo {kind.name} số {number}/{ky_hieu} {ngay_thang_nam(plan.ngay)} của "
                            f"{' '.join(plan.co_quan.ten)})")
    if plan.quyet_dinh is not None:  # a document issued by a Quyết định has no number: its phụ lục go with the decision
        attached = _issued_with(plan).replace("(Ban hành kèm theo", "(Kèm theo", 1)
    out = [_section_end(geometry.section)]  # ends the main text's section
    sections = []
    for i, annex in enumerate(plan.phu_luc):
        width = geometry.landscape_width if annex.ngang else geometry.text_width
        part = Body(plan, width, figures)
        part.share(body)
        label = "Phụ lục" if len(plan.phu_luc) == 1 else f"Phụ lục {la_ma(i + 1)}"
        title = upper_heading(part.title(annex.tieu_de))
        title_pt = max(text_width(line, 14, True) for line in title.split("\n"))
        out += [Paragraph("DGPhuLuc", plain_run(label)), Paragraph("DGPhuLucTen", runs([Span(title)])),
                Paragraph("DGPhuLucKem", plain_run(balanced(attached, 14, False, width / TWIPS_PER_PT / SLACK))),
                *_rule(min(title_pt, width / 20) * RULE_SHARE / 2, width).items]
        for block in annex.doan:
            part.block(block)
        part.sections(annex.muc, 1)
        out += part.paragraphs(ending=False)
        sections.append(_annex_section(geometry.section, annex.ngang))
        if i < len(plan.phu_luc) - 1:
            out.append(_section_end(sections[-1]))
    return Paragraphs(out), sections[-1]


def _section_end(section: str) -> Paragraph:
    """An empty paragraph ending a section whose properties are ``section`` (a ``<w:sectPr>``)."""
    return Paragraph("Normal", "", section=section)


_PAGE_SIZE = re.compile(r'<w:pgSz\b[^>]*/>')


def _annex_section(section: str, landscape: bool) -> str:
    """The main text's section properties for a phụ lục: page numbers from 1, landscape if asked."""
    section = re.sub(r"<w:pgNumType\b[^>]*/>", "", section)
    size = _PAGE_SIZE.search(section)
    if size is not None:
        width = re.search(r'w:w="(\d+)"', size.group()).group(1)
        height = re.search(r'w:h="(\d+)"', size.group()).group(1)
        long, short = max(int(width), int(height)), min(int(width), int(height))
        page = (f'<w:pgSz w:w="{long}" w:h="{short}" w:orient="landscape"/>' if landscape
                else f'<w:pgSz w:w="{short}" w:h="{long}"/>')
        section = section[:size.start()] + page + section[size.end():]
    default = re.search(r'<w:footerReference w:type="default" r:id="([^"]+)"/>', section)
    if default is not None:  # the first page's footer (ô 13) is the main text's only: a phụ lục's is empty
        section = re.sub(r'(<w:footerReference w:type="first" r:id=")[^"]+"', rf'\g<1>{default.group(1)}"', section)
    margins = re.search(r"<w:pgMar\b[^>]*/>", section)
    at = margins.end() if margins else section.index(">") + 1
    return section[:at] + '<w:pgNumType w:start="1"/>' + section[at:]


def _list_lines(items: Iterable[str], dash: str = "") -> list[str]:
    """``items`` as the decree lists them: each ends with ";", the last with "."."""
    items = list(items)
    return [f"{dash}{item}{';' if i < len(items) - 1 else '.'}" for i, item in enumerate(items)]


def noi_nhan_lines(plan: Plan) -> list[str]:
    """The Nơi nhận list: "- Như trên;" first when there is a Kính gửi ("- Như Điều 3;" in a Quyết định), then
    the recipients, then "- Lưu: VT, …."."""
    items = list(plan.noi_nhan)
    if plan.kinh_gui and not (items and items[0].startswith("Như trên")):
        items.insert(0, "Như trên")
    if KINDS[plan.loai].nhu_dieu and not (items and items[0].startswith("Như Điều")):
        count = sum(1 for section in plan.noi_dung if section.danh_so == "tu-dong")
        items.insert(0, f"Như Điều {plan.nhu_dieu or count}")
    return [f"- {item};" for item in items] + [luu_line(plan)]


def luu_line(plan: Plan) -> str:
    """The last line of Nơi nhận, "- Lưu: VT, KT, TH(Hùng).", with the decree's ô 12 after it when given:
    "- Lưu: VT, TH. PL.(300)."."""
    unit, luu = plan.don_vi_soan_thao, plan.luu
    own = unit.viet_tat_luu or unit.viet_tat
    if luu is None:
        return f"- Lưu: VT, {own}."
    if luu.nguoi_soan:
        own += f"({luu.nguoi_soan})"
    line = f"- Lưu: {', '.join(['VT', *luu.don_vi, own])}."
    if luu.phat_hanh:
        count = f"({luu.phat_hanh.so_ban})." if luu.phat_hanh.so_ban else ""
        line += f" {luu.phat_hanh.ky_hieu}.{count}"
    return line


def _kinh_gui(recipients: list[str], geometry: TemplateGeometry, text_spans=spans,
              centred: str = "DGKinhGui") -> Paragraphs:
    """"Kính gửi: X" on one line, or "Kính gửi:" over "- X;" lines whose dashes stand under the colon; a single
    recipient on its own centred line when the kind's style (``centred``) says so (a Tờ trình)."""
    if not recipients:
        return Paragraphs()
    label = "Kính gửi"
    style = geometry.kinh_gui
    start = geometry.kinh_gui_indent
    if len(recipients) == 1 and centred != "DGKinhGui":
        return Paragraphs([Paragraph(centred, runs([Span(f"{label}: "), *text_spans(recipients[0])]))])
    if len(recipients) == 1:
        lead = round(text_width(f"{label}: ", style.size, style.bold) * TWIPS_PER_PT)
        text = runs([Span(f"{label}: "), *text_spans(recipients[0])])
        return Paragraphs([Paragraph("DGKinhGui", text, left=start + lead, hanging=lead)])
    under_colon = start + round(text_width(label, style.size, style.bold) * TWIPS_PER_PT)
    lines = [Paragraph("DGKinhGui", runs([Span(f"{label}:")]), left=start)]
    lines += [Paragraph("DGKinhGui", runs(text_spans(line)), left=under_colon)
              for line in _list_lines(recipients, dash="- ")]
    return Paragraphs(lines)
