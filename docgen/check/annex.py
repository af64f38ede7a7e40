"""Rules of the phụ lục (Phụ lục I, mục III.1; Mẫu 2.1) and of the tables a reader reads (their grid)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.check.document import Checked, Para, main_end
from docgen.check.header import looks
from docgen.check.ooxml import W
from docgen.check.report import Finding, finding

__all__ = ["check_annexes"]

_HEADING = re.compile(r"^Phụ lục(?:\s+(?:[IVXLC]+|\d+))?$")
_HIDDEN = ("nil", "none")


def check_annexes(c: Checked) -> Iterator[Finding]:
    """Findings on each phụ lục's heading block, and on tables whose grid would not be drawn."""
    yield from _headings(c)
    yield from _grids(c)


def _headings(c: Checked) -> Iterator[Finding]:
    start = c.noi_nhan_label.number if c.noi_nhan_label is not None else (main_end(c) - 1 if c.kem_theo else None)
    if start is None or "Phụ lục" not in "".join(p.text[:8] for p in c.paras[start:]):
        return  # the usual document: no phụ lục after its Nơi nhận
    paras = [p for p in c.paras[start:] if p.cell is None and p.stripped]
    for i, p in enumerate(paras):
        if not _HEADING.match(p.folded):
            continue
        if problem := looks(p, 13, 14, bold=True, center=True):
            yield finding("phu_luc.format", p, problem)
        title = paras[i + 1] if i + 1 < len(paras) else None
        if title is None or title.stripped.startswith("("):
            yield finding("phu_luc.format", p, "thiếu tiêu đề của phụ lục dưới dòng này")
            continue
        # the title may be typed as several paragraphs, one a line
        lines = [title]
        for q in paras[i + 2:i + 5]:
            if q.stripped.startswith("(") or q.look.alignment != title.look.alignment or q.folded != q.folded.upper():
                break
            lines.append(q)
        for line in lines:
            if problem := looks(line, 13, 14, bold=True, caps=True, center=True):
                yield finding("phu_luc.format", line, problem)
        after = i + 1 + len(lines)
        attached = paras[after] if after < len(paras) else None
        if attached is None or not attached.stripped.startswith("(Kèm theo"):
            yield finding("phu_luc.format", title, 'dưới tiêu đề cần dòng "(Kèm theo … số … ngày … của …)"')
        elif problem := looks(attached, 13, 14, bold=False, italic=True, center=True):
            yield finding("phu_luc.format", attached, problem)


def _grids(c: Checked) -> Iterator[Finding]:
    """A table of figures or tasks (three rows or more, two columns or more) with no line drawn between its cells:
    not the header's or the signature's layout tables, which are drawn without lines on purpose."""
    layout = {p.cell[0] for p in (c.quoc_hieu, c.so, c.date, c.noi_nhan_label, *c.agency, *c.signature)
              if p is not None and p.cell is not None}
    first: dict[int, Para] = {}
    for p in c.paras:
        if p.cell is not None and p.cell[0] not in first:
            first[p.cell[0]] = p
    body = c.package.document.find(f"{W}body")
    for index, table in enumerate(body.iterchildren(f"{W}tbl")):
        if index in layout or index not in first:
            continue
        rows = table.findall(f"{W}tr")
        if len(rows) < 3 or max((len(r.findall(f"{W}tc")) for r in rows), default=0) < 2:
            continue
        if not _drawn(table, c):
            yield finding("bang.grid", first[index], "bảng không có đường kẻ giữa các ô, in ra sẽ không thấy khung")


def _visible(borders) -> bool:
    return borders is not None and any(edge.get(f"{W}val") not in _HIDDEN for edge in borders)


def _drawn(table, c: Checked) -> bool:
    """True when some line is drawn in ``table``: its own borders, its table style's, or its cells'."""
    properties = table.find(f"{W}tblPr")
    if properties is not None:
        if _visible(properties.find(f"{W}tblBorders")):
            return True
        style = properties.find(f"{W}tblStyle")
        if style is not None:
            for element in c.styles.chain(style.get(f"{W}val"), "table"):
                borders = element.find(f"{W}tblPr/{W}tblBorders")
                if borders is not None:
                    return _visible(borders)
    return any(_visible(cell.find(f"{W}tcPr/{W}tcBorders")) for cell in table.iter(f"{W}tc"))
