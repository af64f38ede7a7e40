"""Where the header's lines are, and how long: judged by geometry, as a reader sees the page.

Real offices draw the lines under the agency and the Tiêu ngữ in many ways: a paragraph border, an
underline, a table cell's border, or a drawn line (DrawingML ``wp:anchor`` with a ``line`` geometry, or
VML ``v:line``) anchored in whatever paragraph was near — often the paragraph of the next row — and
positioned relative to it. So a line is not looked for in a given paragraph: the top of the first page
is laid out (approximately, as Word does: rows as tall as their tallest cell, paragraphs as tall as
their spacing and lines), every line drawn there is placed, and a text has a line under it when one is
drawn below it, across its column, before the next text of that column.

Lengths are in points. The text is measured with Times New Roman's advance widths (``render.layout``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from docgen.check.ooxml import W, ParaLook, Styles, text_of
from docgen.render.layout import text_width

__all__ = ["Stroke", "Layout", "Box", "paragraph_width"]

EMU_PER_PT = 12700
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_P, _TBL, _TR, _TC, _R, _BR = (f"{W}{tag}" for tag in ("p", "tbl", "tr", "tc", "r", "br"))
_ANCHOR, _VLINE = f"{_WP}anchor", f"{_V}line"
_LINE_SHAPES = ("line", "straightConnector1")
LINE_HEIGHT = 1.15  # a single line of Times New Roman, as a multiple of its size
_DEFAULT_SIZE = 10.0  # Word's size when neither the styles nor the run give one
_CELL_MARGIN = 5.4  # Word's default left and right cell margin (108 twips)


@dataclass(frozen=True)
class Stroke:
    """A horizontal line drawn on the page: ``x``, ``y`` of its left end, in the body's coordinates (from the
    top left corner of the text area of the first page), and its ``length``."""

    x: float
    y: float
    length: float


@dataclass
class Box:
    """Where a paragraph stands: its column (``left``–``right``), its top, the top and bottom of its text,
    its bottom (after its spacing), and the height of one of its lines."""

    left: float
    right: float
    top: float
    text_top: float
    text_bottom: float
    bottom: float
    line: float
    text: bool  # whether it shows text


class Layout:
    """The top of the first page laid out: every paragraph's box, every stroke drawn there."""

    def __init__(self, body, styles: Styles, text_width_pt: float, page_margins: tuple[float, float]) -> None:
        """``body``: the w:body; ``text_width_pt``: the width between the margins; ``page_margins``: the top and
        left margins (a shape placed relative to the page is moved into the body's coordinates)."""
        self._styles = styles
        self._width = self.width = text_width_pt
        self._top_margin, self._left_margin = page_margins
        self.boxes: dict[int, Box] = {}  # id(w:p) → its box
        self._elements: list = []  # the w:p laid out, kept alive: their ids stay theirs
        self.strokes: list[Stroke] = []
        self._cell_borders: dict[int, tuple[float, float, float]] = {}  # id(w:p) → (x, length, y) of the cell's bottom border
        y = 0.0
        for block in body.iterchildren(_P, _TBL):
            if block.tag == _P:
                y = self._paragraph(block, 0.0, self._width, y, None)
            else:
                y = self._table(block, y)
            if y > 200:  # the header's lines are in the top 7 cm of the page
                break

    # -- blocks ------------------------------------------------------------------------------

    def _paragraph(self, p, left: float, right: float, y: float, table_style: str | None) -> float:
        look = self._styles.para_look(p, table_style)
        text = text_of(p).strip()
        runs = [r for r in p.iter(_R) if text_of(r).strip()] if text else []
        looks = self._styles.run_looks(runs, p, table_style) if runs else [self._styles.run_look(p, p, table_style)]
        size = max((x.size for x in looks if x.size is not None), default=_DEFAULT_SIZE)
        line = _line_height(look, size)
        inner_left, inner_right = left + look.left, right - look.right
        lines = 1
        if text:
            room = max(inner_right - inner_left - max(look.first_line, 0), 1.0)
            bold = all(x.bold for x in looks)
            lines = max(1 + sum(1 for _ in p.iter(_BR)),
                        math.ceil(text_width(text, size, bold) / room - 0.02))
        text_top = y + look.space_before
        text_bottom = text_top + lines * line
        bottom = text_bottom + look.space_after
        self._elements.append(p)
        self.boxes[id(p)] = Box(inner_left, inner_right, y, text_top, text_bottom, bottom, line, bool(text))
        self._strokes_in(p, left, right, y, text_top)
        return bottom

    def _table(self, tbl, y: float) -> float:
        grid = [_twips(col.get(f"{W}w")) for col in tbl.iterfind(f"{W}tblGrid/{W}gridCol")]
        indent = tbl.find(f"{W}tblPr/{W}tblInd")
        x0 = _twips(indent.get(f"{W}w")) if indent is not None and indent.get(f"{W}type", "dxa") == "dxa" else 0.0
        jc = tbl.find(f"{W}tblPr/{W}jc")
        if jc is not None and jc.get(f"{W}val") == "center":
            x0 = (self._width - sum(grid)) / 2
        style = tbl.find(f"{W}tblPr/{W}tblStyle")
        table_style = style.get(f"{W}val") if style is not None else None
        for row in tbl.iterchildren(_TR):
            height = 0.0
            exact = None
            tr_height = row.find(f"{W}trPr/{W}trHeight")
            if tr_height is not None:
                value = _twips(tr_height.get(f"{W}val"))
                if tr_height.get(f"{W}hRule") == "exact":
                    exact = value
                else:
                    height = value
            column = 0
            for cell in row.iterchildren(_TC):
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                n = int(span.get(f"{W}val", "1")) if span is not None else 1
                left = x0 + sum(grid[:column])
                right = x0 + sum(grid[:column + n])
                column += n
                inner = y
                paragraphs = list(cell.iterchildren(_P))
                for p in paragraphs:
                    inner = self._paragraph(p, left + _CELL_MARGIN, right - _CELL_MARGIN, inner, table_style)
                height = max(height, inner - y)
                border = cell.find(f"{W}tcPr/{W}tcBorders/{W}bottom")
                if paragraphs and border is not None and border.get(f"{W}val") not in (None, "nil", "none"):
                    self._cell_borders[id(paragraphs[-1])] = (left, right - left, -1.0)
            height = exact if exact is not None else height
            for p_id, (left, length, at) in list(self._cell_borders.items()):
                if at < 0:
                    self._cell_borders[p_id] = (left, length, y + height)
            y += height
        return y

    # -- drawn lines ---------------------------------------------------------------------------

    def _strokes_in(self, p, left: float, right: float, top: float, text_top: float) -> None:
        for shape in p.iter(_ANCHOR, _VLINE):
            if _in_fallback(shape):
                continue
            if shape.tag == _ANCHOR:
                stroke = self._drawing(shape, left, right, top, text_top)
            else:
                stroke = self._vml(shape, left, top, text_top)
            if stroke is not None:
                self.strokes.append(stroke)

    def _drawing(self, anchor, left: float, right: float, top: float, text_top: float) -> Stroke | None:
        geometry = anchor.find(f".//{_A}prstGeom")
        extent = anchor.find(f"{_WP}extent")
        if geometry is None or geometry.get("prst") not in _LINE_SHAPES or extent is None:
            return None
        width = int(extent.get("cx", "0")) / EMU_PER_PT
        height = int(extent.get("cy", "0")) / EMU_PER_PT
        if width < 1 or height > 1.5:  # not a horizontal line one can see
            return None
        x = self._place(anchor.find(f"{_WP}positionH"), left, right, width, horizontal=True)
        y = self._place(anchor.find(f"{_WP}positionV"), top, text_top, 0.0, horizontal=False)
        return Stroke(x, y + height / 2, width) if x is not None and y is not None else None

    def _place(self, position, near: float, other: float, size: float, horizontal: bool) -> float | None:
        """Where a DrawingML shape's edge stands, from its wp:positionH (``near``, ``other``: the column's left
        and right) or wp:positionV (``near``: the paragraph's top, ``other``: its first line's)."""
        if position is None:
            return None
        frame = position.get("relativeFrom", "")
        offset = position.find(f"{_WP}posOffset")
        align = position.find(f"{_WP}align")
        if horizontal:
            start, end = {"page": (-self._left_margin, self._width + self._left_margin),
                          "margin": (0.0, self._width)}.get(frame, (near, other))
            if offset is not None:
                return start + int(offset.text or 0) / EMU_PER_PT
            if align is not None:
                where = (align.text or "").strip()
                return {"left": start, "right": end - size}.get(where, (start + end - size) / 2)
            return None
        base = {"page": -self._top_margin, "margin": 0.0, "topMargin": -self._top_margin,
                "line": other, "paragraph": near}.get(frame)
        if base is None or offset is None:
            return None
        return base + int(offset.text or 0) / EMU_PER_PT

    def _vml(self, line, left: float, top: float, text_top: float) -> Stroke | None:
        start, end = _points(line.get("from")), _points(line.get("to"))
        if start is None or end is None or abs(end[1] - start[1]) > 1.5 or abs(end[0] - start[0]) < 1:
            return None
        style = dict(part.split(":", 1) for part in (line.get("style") or "").replace(" ", "").split(";")
                     if ":" in part)
        across = style.get("mso-position-horizontal-relative", "text")
        down = style.get("mso-position-vertical-relative", "text")
        x0 = {"page": -self._left_margin, "margin": 0.0}.get(across, left)
        y0 = {"page": -self._top_margin, "margin": 0.0, "line": text_top}.get(down, top)
        return Stroke(x0 + min(start[0], end[0]), y0 + (start[1] + end[1]) / 2, abs(end[0] - start[0]))

    # -- questions ---------------------------------------------------------------------------

    def line_under(self, paragraph) -> float | None:
        """The length of the line drawn under ``paragraph``'s text (a w:p laid out here): a stroke or a cell's
        bottom border below its text, across its column, above the next text of the column; None when there
        is none."""
        box = self.boxes.get(id(paragraph))
        if box is None:
            return None
        floor = box.text_bottom + 2 * box.line
        middle = (box.left + box.right) / 2
        for other in self.boxes.values():  # the next text below, in the same column
            if other.text and other.text_top >= box.text_bottom - 1 and other.left <= middle <= other.right:
                floor = min(floor, other.text_top + 0.25 * other.line)
        ceiling = box.text_bottom - 0.3 * box.line
        found = [s for s in self.strokes if ceiling <= s.y <= floor and _across(s.x, s.length, box)]
        border = self._cell_borders.get(id(paragraph))
        if border is not None:
            found.append(Stroke(border[0], border[2], border[1]))
        if not found:
            return None
        return max(found, key=lambda s: s.length).length



def _across(x: float, length: float, box: Box) -> bool:
    """True when a stroke from ``x`` of ``length`` stands under ``box``'s column: its middle inside it."""
    middle = x + length / 2
    return box.left - 6 <= middle <= box.right + 6


def _line_height(look: ParaLook, size: float) -> float:
    natural = size * LINE_HEIGHT
    if look.line is None:
        return natural
    if look.line_rule == "exact":
        return look.line
    if look.line_rule == "atLeast":
        return max(look.line, natural)
    return natural * look.line


def _in_fallback(element) -> bool:
    """True inside mc:Fallback: the same drawing again, for programs that cannot read the mc:Choice."""
    return any(a.tag == _FALLBACK for a in element.iterancestors(_FALLBACK))


def _twips(value: str | None) -> float:
    try:
        return float(value) / 20 if value else 0.0
    except ValueError:
        return 0.0


_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, "pc": 12.0, "": 1.0}
_COORD = re.compile(r"^\s*(-?[\d.]*)\s*([a-z]*)\s*$")


def _points(pair: str | None) -> tuple[float, float] | None:
    """A VML "x,y" coordinate in points ("24.85pt,.25pt"; a bare number is in points)."""
    if not pair or "," not in pair:
        return None
    out = []
    for part in pair.split(",")[:2]:
        m = _COORD.match(part)
        if m is None or m.group(2) not in _UNITS:
            return None
        number = m.group(1)
        out.append(float(number) * _UNITS[m.group(2)] if number not in ("", "-", ".") else 0.0)
    return out[0], out[1]


def paragraph_width(paragraph, look: ParaLook, text_width_pt: float) -> float:
    """The width of ``paragraph`` between its indents, in points: in a table cell, the cell's width from the
    table's grid less Word's cell margins (what a border along the paragraph is as long as); in the body,
    ``text_width_pt`` (the text area). Found without laying out the page."""
    cell = next(paragraph.iterancestors(_TC), None)
    if cell is None:
        return text_width_pt - look.left - look.right
    row = cell.getparent()
    table = row.getparent() if row is not None else None
    grid = [_twips(col.get(f"{W}w")) for col in table.iterfind(f"{W}tblGrid/{W}gridCol")] if table is not None else []
    column = 0
    for other in row.iterchildren(_TC):
        span = other.find(f"{W}tcPr/{W}gridSpan")
        n = int(span.get(f"{W}val", "1")) if span is not None else 1
        if other is cell:
            width = sum(grid[column:column + n])
            break
        column += n
    else:
        width = 0.0
    if not width:
        return text_width_pt - look.left - look.right
    return width - 2 * _CELL_MARGIN - look.left - look.right
