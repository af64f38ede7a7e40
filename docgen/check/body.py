"""Rules of the body (text, headings, căn cứ) and the consistency a careful reviewer checks."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator

from docgen import nd30
from docgen.check.document import CITED_KINDS, DATE, Checked, Para, _fold_space
from docgen.check.header import in_range, looks
from docgen.check.ooxml import W
from docgen.check.report import Finding, finding
from docgen.render.layout import text_width
from docgen.vn import upper_heading

__all__ = ["check_body"]

CM = 28.3465  # points
INDENT_SLACK = 0.15  # cm: what a reader cannot tell from 1 cm or 1.27 cm
HEADING = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s")
MUC = re.compile(r"^[IVXLC]+\.\s")
FORWARD_KINDS = {"Kế hoạch", "Chương trình", "Phương án", "Đề án", "Dự án", "Tờ trình"}


def check_body(c: Checked) -> Iterator[Finding]:
    """Findings on the body, the căn cứ and the citations."""
    gaps = _gaps(c)
    yield from _body(c, gaps)
    yield from _can_cu(c, gaps)
    yield from _citations(c)
    yield from _year(c)


def _is_heading(p: Para) -> bool:
    """Bold and numbered ("1. ", "a) "), or bold all through."""
    runs = p.runs
    if not runs or not runs[0].bold:  # the usual paragraph of the body: not bold
        return False
    return HEADING.match(p.stripped) is not None or all(r.bold for r in runs)


def _body(c: Checked, gaps: dict[int, float]) -> Iterator[Finding]:
    figures = _figures(c)
    closing = _closing_tables(c)
    for p in c.body:
        if problem := in_range(p, 13, 14):
            yield finding("body.size", p, problem)
        heading = _is_heading(p)
        # A paragraph opening with "V. " is a Mục heading when it is set as one (bold, or in capitals); a
        # sentence of the body may happen to begin that way.
        if MUC.match(p.stripped) and (heading or p.stripped == upper_heading(p.stripped)) and \
                not _caption(p, closing) and \
                (problem := looks(p, 13, 14, bold=True, italic=None, caps=True)):
            yield finding("heading.muc", p, problem)
        if _caption(p, closing) or id(p.element) in figures:
            continue  # the decree fixes no layout for a table's caption or a figure
        if heading:  # nor alignment or indent for a heading; the space between paragraphs, it does
            yield from _gap(p, gaps)
            continue
        yield from _paragraph_layout(c, p, gaps)


_MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}oMath"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_WRAPS = tuple(f"{_WP}{w}" for w in ("wrapSquare", "wrapTight", "wrapThrough"))


def _figures(c: Checked) -> set[int]:
    """The paragraphs (as ids of their elements) that hold a picture, a formula or an embedded object, and those
    that flow beside a floating picture: a formula is centred, text beside a picture is laid out around it."""
    out: set[int] = set()
    xml = c.package.main_xml or b""
    if not any(tag in xml for tag in (b"drawing>", b"object>", b"oMath>", b"pict>")):
        return out  # the usual document: text only
    for p in c.body:
        element = p.element
        if next(element.iter(_MATH, f"{W}object", f"{W}drawing", f"{W}pict"), None) is None:
            continue
        out.add(id(element))
        for anchor in element.iter(f"{_WP}anchor"):
            extent = anchor.find(f"{_WP}extent")
            if extent is None or next(anchor.iter(*_WRAPS), None) is None:
                continue
            height = int(extent.get("cy", "0")) / 12700
            room = max(c.layout.width - int(extent.get("cx", "0")) / 12700 - 9, 72.0)
            following = element.getnext()
            while height > 0 and following is not None and following.tag == f"{W}p":
                out.add(id(following))
                words = " ".join(t.text or "" for t in following.iter(f"{W}t"))
                height -= max(1, -(-text_width(words, 14) // room)) * 14 * 1.15
                following = following.getnext()
    return out


def _paragraph_layout(c: Checked, p: Para, gaps: dict[int, float]) -> Iterator[Finding]:
    """Alignment, first-line indent, the space above, line spacing: what the decree fixes for a paragraph of the
    body (the căn cứ too)."""
    if p.look.alignment != "both":
        yield finding("body.align", p, f"đoạn đang canh {_ALIGN.get(p.look.alignment, p.look.alignment)}")
    indent = _first_line(c, p) / CM
    if not 1.0 - INDENT_SLACK <= indent <= 1.27 + INDENT_SLACK:
        yield finding("body.indent", p, f"thụt đầu dòng {indent:.2f} cm".replace(".", ","))
    yield from _gap(p, gaps)
    if (found := _line_spacing(p)) is not None:
        yield found


def _gap(p: Para, gaps: dict[int, float]) -> Iterator[Finding]:
    gap = gaps.get(id(p.element))
    if gap is not None and gap < 6 - 0.01:
        yield finding("body.spacing", p, f"cách đoạn trên {gap:g} pt".replace(".", ","))


def _gaps(c: Checked) -> dict[int, float]:
    """The space Word draws above each paragraph of the căn cứ and the body that follows another of them: the
    previous paragraph's space after plus this one's space before ("auto" spacing is 14 pt; a paragraph that
    asks for no space between paragraphs of its own style gives none to its neighbour of that style)."""
    ours = {id(p.element): p for p in (*c.can_cu, *c.body) if p.cell is None}
    out: dict[int, float] = {}
    for p in ours.values():
        previous = p.element.getprevious()
        if previous is None or id(previous) not in ours:
            continue  # the first after a title, an empty line or a table: not a gap between paragraphs
        above = ours[id(previous)]
        # "no space between paragraphs of the same style" is rare: the styles are looked at only then
        same = (above.look.contextual or p.look.contextual) and _style_id(above.element) == _style_id(p.element)
        after = 0.0 if above.look.contextual and same else (14.0 if above.look.after_auto else above.look.space_after)
        before = 0.0 if p.look.contextual and same else (14.0 if p.look.before_auto else p.look.space_before)
        out[id(p.element)] = after + before
    return out


def _style_id(element) -> str | None:
    style = element.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _first_line(c: Checked, p: Para) -> float:
    """Where the first line's text begins, in points from the paragraph's left indent: its first-line indent,
    moved on by the tabs and spaces it is typed with (a clerk who indents with Tab gets the next tab stop)."""
    if p.raw[:1] not in (" ", "\t"):
        return p.look.first_line
    start = p.look.left + p.look.first_line
    size = max(p.sizes(), default=14.0)
    stops = sorted(_tab_stops(p.element))
    default = c.default_tab
    for ch in _lead(p.element):
        if ch == "\t":
            start = next((s for s in stops if s > start + 0.5), (int(start // default) + 1) * default)
        else:
            start += 0.25 * size  # Times New Roman's space is a quarter of its size
    return start - p.look.left


def _lead(element) -> str:
    """The tabs and spaces a paragraph's text begins with."""
    out = []
    for el in element.iter(f"{W}t", f"{W}tab"):
        if el.tag == f"{W}tab":
            if el.getparent().tag == f"{W}r":
                out.append("\t")
            continue
        text = el.text or ""
        stripped = text.lstrip(" ")
        out.append(" " * (len(text) - len(stripped)))
        if stripped:
            break
    return "".join(out)


def _tab_stops(element) -> list[float]:
    tabs = element.find(f"{W}pPr/{W}tabs")
    if tabs is None:
        return []
    return [int(t.get(f"{W}pos", "0")) / 20 for t in tabs.iterfind(f"{W}tab") if t.get(f"{W}val") not in ("clear",)]


def _caption(p: Para, closing: tuple = ()) -> bool:
    """True for a table's title: the paragraph right before a table — not the table of the Nơi nhận and the
    signature (``closing``: its table elements), which the body's last paragraph stands before."""
    nxt = p.element.getnext()
    return nxt is not None and nxt.tag.endswith("}tbl") and not any(nxt is table for table in closing)


def _closing_tables(c: Checked) -> tuple:
    """The table elements that hold the Nơi nhận or the signature."""
    out = []
    for p in (c.noi_nhan_label, *c.signature):
        if p is not None and p.cell is not None:
            table = next(p.element.iterancestors(f"{W}tbl"), None)
            if table is not None and not any(table is t for t in out):
                out.append(table)
    return tuple(out)


_ALIGN = {"left": "trái", "right": "phải", "center": "giữa", "start": "trái", "end": "phải"}


def _line_spacing(p: Para) -> Finding | None:
    look = p.look
    if look.line is None:
        return None
    if look.line_rule == "auto":
        if not 1.0 - 0.01 <= look.line <= 1.5 + 0.01:
            return finding("body.line_spacing", p, f"giãn dòng {look.line:g} lần".replace(".", ","))
        return None
    size = max(p.sizes(), default=14)
    single = size * 1.15  # a single line of Times is 1.15 × its size
    if look.line_rule == "atLeast" and look.line <= single + 0.5:
        return None  # "at least" less than a line: single spacing
    low = size - 0.5 if look.line_rule == "exact" else 0.0
    if not low <= look.line <= single * 1.5 + 0.5:
        kind = "tối thiểu" if look.line_rule == "atLeast" else "cố định"
        return finding("body.line_spacing", p, f"giãn dòng {kind} {look.line:g} pt".replace(".", ","))
    return None


def _can_cu(c: Checked, gaps: dict[int, float]) -> Iterator[Finding]:
    for p in c.can_cu:
        yield from _paragraph_layout(c, p, gaps)
    for i, p in enumerate(c.can_cu):
        end = "." if i == len(c.can_cu) - 1 else ";"
        problems = []
        if any(not r.italic for r in p.runs):
            problems.append("căn cứ cần chữ nghiêng")
        if not p.stripped.endswith(end):
            problems.append(f'dòng cần kết thúc bằng "{end}"')
        if problems:
            yield finding("can_cu.format", p, "; ".join(problems))


# -- consistency -------------------------------------------------------------------------------

# What ends a citation: a phrase that begins what it is about, another "và … số" citation, punctuation, the end.
_NEXT = r"\s+(?:về|v/v|phê duyệt|quy định|ban hành|hướng dẫn|thực hiện)\b|\s+và\s+\S+(?:\s+\S+)?\s+số\s"
# A State document's number and symbol ("1719/QĐ-TTg", "30/2020/NĐ-CP") or a Party document's ("35-CT/TW",
# "12-NQ/ĐU": number, hyphen, kind, "/", the Party organ).
_CITED = re.compile(
    r"(?:số\s+)?(?P<number>\d+)(?P<sep>/|-(?=[A-ZĐ][A-Za-zĐđ]*/))"
    r"(?P<symbol>[0-9A-Za-zĐđ/&-]*[A-Za-zĐđ][0-9A-Za-zĐđ/&-]*)"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    # The issuer: the shortest text after "của" that an end follows. An end can only begin where white space or
    # punctuation does, so the issuer is read word by word, not character by character (the same match).
    rf"(?:\s+của\s+(?P<issuer>.[^\s,;:.()]*(?:(?!{_NEXT})[^\S\n]+[^\s,;:.()]*)*))?"
    rf"(?={_NEXT}|[,;:.()]|$)"
)
# Where a citation may begin: a number, "/", digits, "/" or "-" then a letter ("1719/QĐ-TTg", "30/2020/NĐ-CP"), or a
# number, "-", letters, "/" ("35-CT/TW"); not a date (14/10/2021), not a span (2021-2030). Found from a "/" with a
# letter after it (searched fast), then the digits (or the digits, "-" and letters) before it.
_AFTER_NUMBER = re.compile(r"/[\d/-]*[A-Za-zĐđ&]")


def _party_number(text: str, slash: int, pos: int) -> int:
    """Where a Party document's number begins when its "/" is at ``slash`` ("35" of "35-CT/TW"; not before
    ``pos``); ``slash`` when there is none."""
    start = slash
    # its kind before the "/" ("CT"), then "-" and its number
    while start > pos and (text[start - 1].isascii() and text[start - 1].isalpha() or text[start - 1] in "Đđ"):
        start -= 1
    if start < slash and start - 1 > pos and text[start - 1] == "-" and text[start - 2].isdecimal():
        start -= 1
        while start > pos and text[start - 1].isdecimal():
            start -= 1
        return start
    return slash


def _exact(m: re.Match) -> str:
    """The number and symbol of a citation as written: "1719/QĐ-TTg", "35-CT/TW"."""
    return m.string[m.start("number"):m.end("symbol")]


def _cited(text: str) -> Iterator[re.Match]:
    """The citations in ``text``, left to right: the full pattern is tried only where a number and "/" begin."""
    end = pos = 0
    while (after := _AFTER_NUMBER.search(text, pos)) is not None:
        slash = start = after.start()
        while start > pos and text[start - 1].isdecimal():  # the number before the "/" (what \d matches)
            start -= 1
        if start == slash:
            start = _party_number(text, slash, pos)
        if start == slash:  # no number before this "/": a later one may have
            pos = slash + 1
            continue
        pos = after.end()
        if start >= end and (found := _CITED.match(text, start)):
            end = found.end()
            yield found


_ABBR = {"ubnd": "ủy ban nhân dân", "hđnd": "hội đồng nhân dân", "ttg": "thủ tướng"}


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """``text`` without diacritics, upper-case, Đ as D: two spellings of one symbol fold alike."""
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).upper()


@functools.lru_cache(maxsize=4096)
def _key(exact: str) -> str:
    """A cited number and symbol as compared: folded, and "-" as "/" ("35/CT-TW" is "35-CT/TW" mistyped)."""
    return _fold(exact).replace("-", "/")


@functools.lru_cache(maxsize=4096)
def _issuer(text: str) -> str:
    words = _fold_space(text).lower().replace("uỷ", "ủy").split()
    return " ".join(_ABBR.get(w, w) for w in words)


def _same_issuer(a: str, b: str) -> bool:
    """True when two issuers read alike. The sentence may go on after the issuer ("… của UBND tỉnh trên địa
    bàn xã"), so one standing at the start of the other is the same issuer."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    try:
        return dt.date(numbers[2], numbers[1], numbers[0])
    except (ValueError, IndexError):
        return None


# What opens a cited document's trích yếu right after its citation, in a text whose white space is single spaces (the
# ends of ``_CITED`` but "thực hiện", which is as often the verb of the sentence: "… của UBND tỉnh thực hiện …").
_OPENS = tuple(f" {word}{end}" for word in ("về", "v/v", "V/v", "phê duyệt", "quy định", "ban hành", "hướng dẫn")
               for end in " :,")
# Where a trích yếu ends: the end of the clause.
_CLAUSE_END = re.compile(r";|\.(?:\s|$)")


def _citations(c: Checked) -> Iterator[Finding]:
    seen: dict[str, tuple[str, str | None, Para]] = {}
    first: dict[str, Para] = {}  # where a document was first cited: in the căn cứ, or in full
    in_can_cu: list[tuple[Para, re.Match]] = []  # the căn cứ's citations, for their dates
    bases = len(c.can_cu)
    for i, p in enumerate([*c.can_cu, *c.body]):
        if "/" not in p.text:
            continue
        text = p.folded
        basis = i < bases
        named_until = -1  # the end of the trích yếu being read: a citation before it is part of a document's name
        for m in _cited(text):
            if basis:
                in_can_cu.append((p, m))
            number, sep, symbol, issuer = m.group("number", "sep", "symbol", "issuer")
            exact = number + sep + symbol
            key = _key(exact)
            start, end = m.span()
            if start >= named_until:  # not a citation inside the trích yếu of another
                full = False
                # Its trích yếu opens after it (most citations end at punctuation instead: one test in C tells);
                # with its date, it is cited in full.
                if text.startswith(" ", end) and text.startswith(_OPENS, end):
                    found = _CLAUSE_END.search(text, end)
                    named_until = found.start() if found else len(text)
                    full = m.group("date") is not None
                if full and key in first:
                    yield finding("trich_dan.full_twice", p, f'"{exact}" đã được viện dẫn lần đầu ở '
                                  f'{first[key].where}; lần sau chỉ ghi "{_short(text, m, exact)}"')
                elif (full or basis) and key not in first:
                    first[key] = p
            if key not in seen:
                seen[key] = (exact, issuer, p)
                continue
            first_exact, first_issuer, first_p = seen[key]
            if exact != first_exact:
                yield finding("trich_dan.inconsistent", p, f'"{exact}" ở đây, "{first_exact}" ở {first_p.where}')
            elif issuer and first_issuer and not _same_issuer(_issuer(issuer), _issuer(first_issuer)):
                yield finding("trich_dan.inconsistent", p,
                              f'"{exact}" của "{issuer}" ở đây, của "{first_issuer}" ở {first_p.where}')
    yield from _after_date(c, in_can_cu)


_KIND = re.compile(r"(?<![^\W\d_])(%s)(?![^\W\d_])" % "|".join(sorted(CITED_KINDS, key=len, reverse=True)))
# Kinds by the abbreviation a symbol begins with ("QĐ-TTg", "35-CT/TW", "30/2020/NĐ-CP").
_KIND_OF = {**{abbr: kind for kind, abbr in nd30.TYPE_ABBREVIATIONS.items()}, "NĐ": "Nghị định", "TT": "Thông tư",
            "KL": "Kết luận"}


def _short(text: str, m: re.Match, exact: str) -> str:
    """How a document is cited after its first citation: its kind and số, ký hiệu ("Quyết định số 1719/QĐ-TTg")."""
    clause = text[:m.start()].rsplit(";", 1)[-1]
    kinds = _KIND.findall(clause)
    kind = kinds[-1] if kinds else next(
        (_KIND_OF[part] for part in re.split(r"[/-]", m.group("symbol")) if part in _KIND_OF), None)
    return f"{kind} số {exact}" if kind else f"số {exact}"


def _own_date(c: Checked) -> tuple[int, int | None, int | None] | None:
    if c.date is None:
        return None
    m = DATE.match(_fold_space(c.date.text))
    day, month = m.group("day"), m.group("month")
    return (int(m.group("year")), int(month) if month.isdigit() else None, int(day) if day.isdigit() else None)


def _after_date(c: Checked, cited_in_can_cu: list[tuple[Para, re.Match]]) -> Iterator[Finding]:
    own = _own_date(c)
    if own is None:
        return
    year, month, day = own
    month_ = month or 12
    try:
        latest = dt.date(year, month_, day or calendar.monthrange(year, month_)[1])
    except ValueError:
        return
    for p, m in cited_in_can_cu:
        cited = _date(m.group("date"))
        if cited is not None and cited > latest:
            yield finding("can_cu.after_date", p,
                          f"{_exact(m)} ngày {cited:%d/%m/%Y}, sau ngày của văn bản này")


# "năm 2026", "6 tháng đầu năm 2026": a year the subject is about. Not one of a span or a horizon: "giai đoạn
# 2021-2030", "từ năm 2021 đến năm 2025", "đến năm 2030", "tầm nhìn đến năm 2045", "năm 2026 - 2030".
_YEAR = re.compile(r"(?<![^\W\d_])năm\s+(\d{4})(?!\s*[-–]\s*\d)")
_SPAN = (" đến", " tới", " từ", " đến hết", " tới hết")


def _subject_years(subject: str) -> list[int]:
    """The years ``subject`` (a trích yếu) is about."""
    out = []
    for m in _YEAR.finditer(subject):
        before = f" {subject[:m.start()].rstrip().lower()}"
        if not before.endswith(_SPAN):
            out.append(int(m.group(1)))
    return out


def _year(c: Checked) -> Iterator[Finding]:
    own = _own_date(c)
    subject = " ".join(p.text for p in (*c.trich_yeu, *c.vv))
    years = _subject_years(subject) if "năm" in subject else []
    if own is None or not years:
        return
    slack = 1 if c.kind_name in FORWARD_KINDS else 0  # a plan for next year is drafted this year
    if own[0] + slack < max(years):
        yield finding("ngay.before_year", c.date, f"văn bản ghi năm {own[0]}, nội dung nói về năm {max(years)}")
