"""Rules of the header block and the title: Quốc hiệu, Tiêu ngữ, agency, Số, date, tên loại, V/v, Kính gửi."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen import nd30
from docgen.vn import upper_heading
from docgen.check.document import DATE, Checked, Para, _fold_space
from docgen.check.drawn import paragraph_width
from docgen.check.ooxml import line_under
from docgen.check.report import Finding, finding
from docgen.render.layout import text_width

__all__ = ["check_header", "looks", "in_range"]

_ABBREVIATIONS = set(nd30.TYPE_ABBREVIATIONS.values())


def in_range(p: Para, low: float, high: float) -> str:
    """A detail when some run of ``p`` is outside ``low``–``high`` pt; "" when all are inside."""
    least, most = low - 0.01, high + 0.01
    for r in p.runs:  # the usual answer, without a set (a loop: a generator costs more than a few runs)
        if r.size is not None and not least <= r.size <= most:
            break
    else:
        return ""
    bad = sorted(s for s in p.sizes() if not least <= s <= most)
    want = f"{low:g}" if low == high else f"{low:g}–{high:g}"
    return f"cỡ chữ {', '.join(f'{s:g}' for s in bad)} (cần {want})"


def looks(p: Para, low: float, high: float, bold: bool | None = None, italic: bool | None = False,
          caps: bool = False, center: bool = False) -> str:
    """What is wrong with the look of ``p`` against the given rule; "" when nothing is."""
    problems = [in_range(p, low, high)]
    if bold is not None and any(r.bold != bold for r in p.runs):
        problems.append("cần chữ đậm" if bold else "không được in đậm")
    if italic is not None and any(r.italic != italic for r in p.runs):
        problems.append("cần chữ nghiêng" if italic else "cần chữ đứng, không nghiêng")
    if caps and p.stripped != upper_heading(p.stripped):  # cited numbers and symbols keep their case
        problems.append("cần chữ in hoa")
    if center and p.look.alignment != "center":
        problems.append("cần canh giữa")
    return "; ".join(x for x in problems if x)


def check_header(c: Checked) -> Iterator[Finding]:
    """Findings on the header block, the title and Kính gửi."""
    yield from _motto(c)
    yield from _agency(c)
    yield from _number(c)
    yield from _date(c)
    yield from _title(c)
    yield from _kinh_gui(c)


CM = 72 / 2.54  # points


def _line_under(c: Checked, p: Para) -> float | None:
    """The length, in points, of the line under ``p`` as a reader sees it, however it is drawn: ``p``'s bottom
    border or underline, the next paragraph's top border, a cell's bottom border, or a drawn line placed under
    it (found by where it is drawn, not by the paragraph that holds it); None when there is none."""
    # A border or an underline is measured from the paragraph itself; only a drawn line needs the page laid out.
    own = line_under(p.element, c.styles, p.table_style)  # its own bottom border, or underlined text
    if own == "underline":
        return _width(p)
    if own == "border":
        return paragraph_width(p.element, p.look, c.text_width)
    following = p.following
    if following is not None and (look := c.styles.para_look(following, p.table_style)).top_border:
        return paragraph_width(following, look, c.text_width)
    return c.layout.line_under(p.element)


def _width(p: Para) -> float:
    """The width of ``p``'s text on one line, in points."""
    size = max(p.sizes(), default=13.0)
    return text_width(p.stripped, size, bool(p.runs) and all(r.bold for r in p.runs))


def _cm(points: float) -> str:
    return f"{points / CM:.1f}".replace(".", ",") + " cm"


def _length(rule: str, p: Para, length: float, text: float, low: float, high: float) -> Iterator[Finding]:
    """A finding when a line of ``length`` is outside ``low``–``high`` of the text line's width ``text`` by more
    than a tenth of it (a line drawn by hand is never exact)."""
    if text <= 0 or low - 0.1 <= length / text <= high + 0.1:
        return
    yield finding(rule, p, f"đường kẻ dài {_cm(length)}, bằng {length / text:.0%} dòng chữ {_cm(text)} "
                           f"(cần {_cm(text * low)}" + (f" đến {_cm(text * high)})" if high != low else ")"))


def _motto(c: Checked) -> Iterator[Finding]:
    if c.quoc_hieu is None:
        yield finding("quoc_hieu.format", detail="không thấy dòng Quốc hiệu")
    else:
        problem = looks(c.quoc_hieu, 12, 13, bold=True, caps=True)
        if _fold_space(c.quoc_hieu.text) != nd30.QUOC_HIEU:
            problem = "; ".join(x for x in (problem, f'cần viết đúng "{nd30.QUOC_HIEU}"') if x)
        if problem:
            yield finding("quoc_hieu.format", c.quoc_hieu, problem)
    if c.tieu_ngu is None:
        yield finding("tieu_ngu.format", detail="không thấy dòng Tiêu ngữ")
        return
    problem = looks(c.tieu_ngu, 13, 14, bold=True)
    if _fold_space(c.tieu_ngu.text) != nd30.TIEU_NGU:
        problem = "; ".join(x for x in (problem, f'cần viết đúng "{nd30.TIEU_NGU}" (gạch nối có cách chữ)') if x)
    if problem:
        yield finding("tieu_ngu.format", c.tieu_ngu, problem)
    length = _line_under(c, c.tieu_ngu)
    if length is None:
        yield finding("tieu_ngu.line", c.tieu_ngu, "không có đường kẻ dưới Tiêu ngữ")
    else:
        yield from _length("tieu_ngu.line_length", c.tieu_ngu, length, _width(c.tieu_ngu), 1.0, 1.0)


def _agency(c: Checked) -> Iterator[Finding]:
    lines = [p for p in c.agency if p.stripped]
    if not lines:
        where = "bên trái Quốc hiệu" if c.quoc_hieu is not None else "ở góc trên bên trái trang đầu"
        yield finding("co_quan.format", detail=f"không thấy tên cơ quan ban hành {where}")
        return
    bold = [p for p in lines if p.runs and all(r.bold for r in p.runs)]
    if not bold:
        yield finding("co_quan.format", lines[-1], "tên cơ quan ban hành phải in đậm")
    first_bold = lines.index(bold[0]) if bold else len(lines)
    for i, p in enumerate(lines):
        problem = looks(p, 12, 13, bold=None, caps=True)
        if i > first_bold and p not in bold:
            problem = "; ".join(x for x in (problem, "tên cơ quan ban hành phải in đậm cả dòng") if x)
        if problem:
            yield finding("co_quan.format", p, problem)
    length = _line_under(c, lines[-1])
    if length is None:
        yield finding("co_quan.line", lines[-1], "không có đường kẻ dưới tên cơ quan ban hành")
    else:
        widest = max(_width(p) for p in (bold or lines))
        yield from _length("co_quan.line_length", lines[-1], length, widest, *nd30.RULE_FRACTION)


NUMBER = re.compile(r"^Số\s*:\s*(?P<number>[0-9]*)\s*(?:/\s*(?P<year>(?:19|20)\d\d)\s*)?/\s*(?P<symbol>.*)$")
"""The number line: "Số: 05/KH-UBND", a legal normative document's with its year "Số: 15/2010/QĐ-UBND"."""


def _number(c: Checked) -> Iterator[Finding]:
    p = c.so
    if p is None:
        if c.kem_theo is None:  # a document issued with a Quyết định has its number
            yield finding("so.format", detail='không thấy dòng "Số: …/…"')
        return
    text = _fold_space(p.text)
    problems = [looks(p, 13, 13, bold=False)]
    found = NUMBER.match(text)
    if not found:
        yield finding("so.format", p, '; '.join(x for x in (*problems, 'cần dạng "Số: 05/KH-UBND"') if x))
        return
    symbol = found.group("symbol").strip()
    compact = symbol.replace(" ", "")
    if " " in symbol or re.search(r"\d\s+/|/\s+\S", text.replace("Số:", "", 1).strip()):
        problems.append("ký hiệu không được có dấu cách")
    if any(part not in _ABBREVIATIONS and part != part.upper() for part in symbol.split("-")):
        problems.append("ký hiệu phải in hoa")
    if any(problems):
        yield finding("so.format", p, "; ".join(x for x in problems if x))
    number = found.group("number")
    if number and int(number) < 10 and not number.startswith("0"):
        yield finding("so.leading_zero", p, f'"{number}" cần ghi "0{number}"')
    yield from _ky_hieu(c, p, compact)


def _ky_hieu(c: Checked, p: Para, symbol: str) -> Iterator[Finding]:
    parts = symbol.split("-")
    kind = c.kind_name
    if kind in nd30.TYPE_ABBREVIATIONS:
        want = nd30.TYPE_ABBREVIATIONS[kind]
        if parts[0] != want:
            yield finding("so.ky_hieu", p, f'{kind} phải có ký hiệu bắt đầu "{want}-"')
    elif kind == "Công văn" and (parts[0] in _ABBREVIATIONS or parts[0] == "CV"):
        yield finding("so.ky_hieu", p, f'công văn không ghi tên loại viết tắt "{parts[0]}" trong ký hiệu')


def _date(c: Checked) -> Iterator[Finding]:
    p = c.date
    if p is None:
        if c.kem_theo is None:  # … and its date
            yield finding("ngay.format", detail='không thấy dòng "<Địa danh>, ngày … tháng … năm …"')
        return
    found = DATE.match(_fold_space(p.text))
    problems = [looks(p, 13, 14, bold=None, italic=True)]
    place = found.group("place").strip()
    if not place[:1].isupper():
        problems.append("địa danh viết hoa chữ cái đầu")
    if any(problems):
        yield finding("ngay.format", p, "; ".join(x for x in problems if x))
    day, month = found.group("day"), found.group("month")
    wrong = []
    if day.isdigit() and int(day) < 10 and len(day) == 1:
        wrong.append(f'"ngày {day}" cần ghi "ngày 0{day}"')
    if month.isdigit() and int(month) in (1, 2) and len(month) == 1:
        wrong.append(f'"tháng {month}" cần ghi "tháng 0{month}"')
    if month.isdigit() and int(month) >= 3 and month.startswith("0"):
        wrong.append(f'"tháng {month}" cần ghi "tháng {int(month)}"')
    if wrong:
        yield finding("ngay.leading_zero", p, "; ".join(wrong))


def _title(c: Checked) -> Iterator[Finding]:
    if c.ten_loai is not None:
        problem = looks(c.ten_loai, 13, 14, bold=True, caps=True, center=True)
        if problem:
            yield finding("ten_loai.format", c.ten_loai, problem)
        for p in c.trich_yeu:
            if p.stripped and (problem := looks(p, 13, 14, bold=True, center=True)):
                yield finding("trich_yeu.format", p, problem)
    for p in c.vv:
        if p.stripped and (problem := looks(p, 12, 13, bold=False, center=True)):
            yield finding("vv.format", p, problem)


def _kinh_gui(c: Checked) -> Iterator[Finding]:
    if not c.kinh_gui:
        return
    for p in c.kinh_gui:
        if problem := looks(p, 13, 14, bold=None, italic=None):
            yield finding("kinh_gui.format", p, problem)
    # One recipient a line, "- X;" and the last "- X.": a recipient's name too long for its line, typed on into
    # the next paragraph, is one item with it.
    items: list[tuple[Para, str]] = []
    for p in c.kinh_gui[1:]:
        if items and not p.stripped.startswith(("-", "–")) and not items[-1][1].endswith((";", ".")):
            items[-1] = (items[-1][0], f"{items[-1][1]} {p.stripped}")
        else:
            items.append((p, p.stripped))
    for i, (p, text) in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        if not text.startswith("- ") or not text.endswith(end):
            yield finding("kinh_gui.format", p, f'dòng cần bắt đầu "- " và kết thúc "{end}"')
