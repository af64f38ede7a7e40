"""Rules of the page as a whole: paper, margins, font, text encoding, page numbers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from docgen import nd30
from docgen.check.document import Checked, Para, reading
from docgen.check.ooxml import W, fields_in, text_of
from docgen.check.report import Finding, finding

__all__ = ["check_page"]

MM = 0.3  # tolerance: Word stores twips, so 35 mm is saved as 1985 twips (35.02 mm)
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def check_page(c: Checked) -> Iterator[Finding]:
    """Findings on paper, margins, fonts, encoding and page numbers."""
    notes = _footnotes(c)
    yield from _paper(c)
    yield from _fonts(c, notes)
    yield from _encoding(c, notes)
    yield from _page_numbers(c)


def _paper(c: Checked) -> Iterator[Finding]:
    for index, section in enumerate(c.package.sections):
        if section.width is None or section.height is None:
            yield finding("page.size", detail="văn bản không khai báo khổ giấy")
            continue
        width, height = section.width, section.height
        portrait = abs(width - 210) <= 1 and abs(height - 297) <= 1
        landscape = abs(width - 297) <= 1 and abs(height - 210) <= 1
        if not (portrait or landscape):
            yield finding("page.size", detail=f"khổ giấy đang là {width:.0f} × {height:.0f} mm")
        if landscape and index == 0:  # a later section (a phụ lục, a wide table) may be landscape
            yield finding("page.orientation", detail="trang đang trình bày theo chiều rộng")
        for side, (low, high) in nd30.MARGINS.items():
            value = section.margins[side] or 0
            if not low - MM <= value <= high + MM:
                yield finding("page.margins", detail=f"lề {_NAMES[side]} đang là {value:.1f} mm (cần {low}–{high} mm)")


def _fonts(c: Checked, notes: list[tuple[str, object]]) -> Iterator[Finding]:
    margins = list(_margin_looks(c, notes))
    # Paragraphs share a handful of looks (the same objects): when none of them is off, no paragraph is.
    distinct = {id(r): r for p in c.paras for r in p.runs}
    distinct.update((id(r), r) for _place, _paragraph, looks in margins for r in looks)
    if all(r.font in (None, "Times New Roman") and r.color in (None, "000000") for r in distinct.values()):
        return
    for place, paragraph, looks in [*((p, p.element, p.runs) for p in c.paras), *margins]:
        fonts = {r.font for r in looks if r.font is not None and r.font != "Times New Roman"}
        if fonts:
            yield finding("font.family", _shown(place, text_of(paragraph)), f"đang dùng phông {', '.join(sorted(fonts))}")
        colors = {r.color for r in looks if r.color not in (None, "000000")}
        if colors:
            yield finding("font.color", _shown(place, text_of(paragraph)), f"chữ màu #{', #'.join(sorted(colors))}")


_PART_NAMES = {("header", "default"): "đầu trang", ("footer", "default"): "chân trang",
               ("header", "first"): "đầu trang trang đầu", ("footer", "first"): "chân trang trang đầu"}


def _margin_parts(c: Checked) -> Iterator[tuple[str, object]]:
    """Every header and footer in use (as its root element), with its name for a person; a section's
    part linked to the previous section's is that part, already given."""
    for i, section in enumerate(c.package.sections, start=1):
        for key, name in _PART_NAMES.items():
            part = section.own.get(key)
            if part is not None and (key[1] == "default" or section.title_page) and not _never_shown(c, i, key):
                yield f"{name} (phần {i})", part


def _never_shown(c: Checked, section: int, key: tuple[str, str]) -> bool:
    """True for the default header or footer of a one-page document whose first page has its own: no page shows
    it (the page count is the one Word saved)."""
    return (key[1] == "default" and section == 1 and len(c.package.sections) == 1 and c.package.pages == 1
            and c.package.sections[0].title_page)


# Where a text stands: a paragraph of the body, or the name of a header or footer. A paragraph is named
# ("đoạn 12") only when something is found in it.
Place = Para | str


def _footnotes(c: Checked) -> list[tuple[str, object]]:
    """The footnotes (w:footnote elements), each with its name for a person: "chú thích 1", by the number Word
    shows, which is the order the body refers to them in (one it does not refer to comes after, in the part's
    order); the separators left out. Empty, and cheap, for a document without footnotes."""
    parts = c.package.related(c.package.main, "/footnotes")
    root = c.package.xml(parts[0]) if parts else None
    if root is None:
        return []
    notes = [n for n in root.iterchildren(_FOOTNOTE) if n.get(_TYPE, "normal") == "normal"]
    if not notes:
        return []
    order: dict[str | None, int] = {}
    for ref in c.package.document.iter(_REFERENCE):
        order.setdefault(ref.get(_ID), len(order))
    ranked = sorted(range(len(notes)), key=lambda i: (order.get(notes[i].get(_ID), len(order)), i))
    return [(f"chú thích {number}", notes[i]) for number, i in enumerate(ranked, start=1)]


_FOOTNOTE, _TYPE, _ID, _REFERENCE = f"{W}footnote", f"{W}type", f"{W}id", f"{W}footnoteReference"


def _margin_looks(c: Checked, notes: list[tuple[str, object]]) -> Iterator[tuple[Place, object, list]]:
    """The looks of the text runs of every paragraph outside the body: headers, footers, footnotes."""
    for name, part in [*_margin_parts(c), *notes]:
        for paragraph in part.iter(f"{W}p"):
            runs = [r for r in paragraph.iter(f"{W}r") if text_of(r).strip()]
            yield name, paragraph, c.styles.run_looks(runs, paragraph)


def _margin_texts(c: Checked, notes: list[tuple[str, object]]) -> Iterator[tuple[Place, str]]:
    for name, part in [*_margin_parts(c), *notes]:
        for paragraph in part.iter(f"{W}p"):
            yield name, text_of(paragraph)


def _encoding(c: Checked, notes: list[tuple[str, object]]) -> Iterator[Finding]:
    margins = list(_margin_texts(c, notes))
    # Usually there is nothing to find: every paragraph was found clean when it was read (NFC, printable).
    if all(p.clean for p in c.paras) and all(reading(text)[1] for _place, text in margins):
        return
    for place, text in [*((p, p.raw) for p in c.paras), *margins]:
        shown = _shown(place, text)
        if not unicodedata.is_normalized("NFC", text):
            bad = next(ch for ch in text if unicodedata.combining(ch)) if any(
                unicodedata.combining(ch) for ch in text) else ""
            yield finding("text.nfc", shown, f"dấu tách rời U+{ord(bad):04X}" if bad else "")
        found = _INVISIBLE.search(text)
        if found:
            yield finding("text.control", shown, f"ký tự U+{ord(found.group()):04X} ở vị trí {found.start() + 1}")


class _Shown:
    """A located text, as a finding names it."""

    def __init__(self, where: str, text: str) -> None:
        self.where, self.stripped = where, text.strip()


def _shown(place: Place, text: str) -> _Shown:
    return _Shown(place if isinstance(place, str) else place.where, text)


def _page_fields(part) -> list:
    """The paragraphs of ``part`` holding a PAGE field."""
    if part is None:
        return []
    return [p for p in part.iter(f"{W}p") if any("PAGE" in f.upper().split() for f in fields_in(p))]


def _field_size(paragraph, c: Checked) -> float | None:
    runs = [r for r in paragraph.iter(f"{W}r")]
    sizes = {c.styles.run_look(r, paragraph).size for r in runs} - {None}
    if not sizes:
        sizes = {c.styles.run_look(paragraph, paragraph).size} - {None}
    return max(sizes) if sizes else None


def _page_numbers(c: Checked) -> Iterator[Finding]:
    if not c.package.sections:
        return
    section = c.package.sections[0]
    first_different = section.title_page
    shown = not _never_shown(c, 1, ("header", "default"))  # a one-page document shows no page number
    in_header = _page_fields(section.own.get(("header", "default"))) if shown else []
    in_footer = _page_fields(section.own.get(("footer", "default"))) if shown else []
    on_first = (_page_fields(section.own.get(("header", "first"))) + _page_fields(section.own.get(("footer", "first")))
                if first_different else in_header + in_footer)
    if on_first:
        detail = "trang đầu có số trang" + ("" if first_different else
                                            ' (chưa chọn "trang đầu khác" cho đầu trang)')
        yield finding("page.number.first", detail=detail)
    if in_footer and not in_header:
        yield finding("page.number.place", detail="số trang đang ở chân trang, cần ở lề trên")
    for p in in_header:
        look = c.styles.para_look(p)
        if look.alignment not in ("center",):
            yield finding("page.number.place", detail=f"số trang đang canh {look.alignment}, cần canh giữa")
        size = _field_size(p, c)
        if size is not None and not 13 <= size <= 14:
            yield finding("page.number.place", detail=f"số trang cỡ {size:g}, cần 13–14")
