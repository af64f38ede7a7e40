"""The only module that reads raw WordprocessingML: effective formatting through the style chain.

Word resolves a run's look from document defaults → table style → paragraph style (and its
bases) → character style → the run's own properties; paragraphs likewise without the character
step. python-docx exposes each layer but resolves none, so this module does, for any .docx —
ours or one typed by hand in Word.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

__all__ = ["Styles", "RunLook", "ParaLook", "text_of", "line_under", "fields_in", "first_ppr", "PARSER"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TOGGLES = {"bold": "b", "italic": "i", "caps": "caps"}


@dataclass(frozen=True)
class RunLook:
    """A run's effective look."""

    font: str | None
    size: float | None  # points
    bold: bool
    italic: bool
    underline: bool
    color: str | None  # hex, None for automatic


@dataclass(frozen=True)
class ParaLook:
    """A paragraph's effective layout (lengths in points)."""

    alignment: str  # left, center, right, both (justified), …
    first_line: float  # negative for a hanging indent
    left: float
    right: float
    space_before: float
    space_after: float
    line: float | None  # multiple of single spacing when line_rule is auto
    line_rule: str  # auto, exact, atLeast
    keep_next: bool
    top_border: bool
    bottom_border: bool
    contextual: bool = False  # no space between it and a paragraph of the same style
    before_auto: bool = False  # "auto" spacing (HTML's): Word draws 14 pt
    after_auto: bool = False


def _val(el, default: str | None = None) -> str | None:
    return el.get(f"{W}val", default) if el is not None else default


def _on(el) -> bool | None:
    """A toggle element's value: True, False, or None when absent."""
    if el is None:
        return None
    return _val(el, "true") not in ("false", "0", "off", "none")


_SHARED: dict[bytes, tuple] = {}
# Parts are read as data: entities never resolved, nothing fetched.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


class Styles:
    """The styles part of a document, with the lookups the checker needs."""

    def __init__(self, blob: bytes | None, theme: bytes | None = None) -> None:
        """``blob``: the styles part as stored, ``theme`` the theme part (None when the document has none)."""
        # Looks depend only on the direct properties, the styles and the theme: most paragraphs share a few,
        # and documents made from one template share their styles, so the parsed styles and the answers are
        # kept per styles part.
        key = hashlib.sha1(blob or b"").digest() + hashlib.sha1(theme or b"").digest()
        shared = _SHARED.get(key)
        if shared is None:
            root = etree.fromstring(blob, PARSER) if blob else etree.Element(f"{W}styles")
            by_id = {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}
            shared = _SHARED[key] = (root, by_id, _theme_fonts(theme), {}, {}, {})
            if len(_SHARED) > 64:
                _SHARED.pop(next(iter(_SHARED)))
        self._root, self._by_id, self._theme, self._run_cache, self._para_cache, self._layers = shared

    def _styled(self, key: tuple, make) -> list[tuple]:
        """The properties the styles give for ``key`` (``make()`` lists them, nearest first), each with its
        children by tag: a style's properties are looked into once, not once per look they take part in."""
        found = self._layers.get(key)
        if found is None:
            found = self._layers[key] = [(el, _children(el)) for el in make() if el is not None]
        return found

    @cached_property
    def _default_rpr(self):
        return self._root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    @cached_property
    def _default_ppr(self):
        return self._root.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")

    def _default_style(self, kind: str):
        for style in self._by_id.values():
            if style.get(f"{W}type") == kind and style.get(f"{W}default") in ("1", "true"):
                return style
        return None

    def chain(self, style_id: str | None, kind: str = "paragraph") -> list:
        """The style ``style_id`` and its bases, nearest first (the default style when None)."""
        style = self._by_id.get(style_id) if style_id else self._default_style(kind)
        out, seen = [], set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            out.append(style)
            based = style.find(f"{W}basedOn")
            style = self._by_id.get(_val(based)) if based is not None else None
        return out

    def name(self, style_id: str | None) -> str:
        """The display name of a paragraph style ("" when unknown)."""
        chain = self.chain(style_id)
        name = chain[0].find(f"{W}name") if chain else None
        return _val(name, "") or ""

    # -- runs --------------------------------------------------------------------------------

    def _rpr_layers(self, run, paragraph, table_style: str | None) -> list[tuple]:
        """The run's own properties, then its character style's, its paragraph style's, its table style's and
        the defaults, each as (element, its children by tag)."""
        rpr = run.find(_RPR)
        rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
        character = _val(rstyle) if rstyle is not None else None
        pstyle = _pstyle(paragraph)

        def styled() -> list:
            layers = [s.find(_RPR) for s in self.chain(character, "character")] if rstyle is not None else []
            layers += [s.find(_RPR) for s in self.chain(pstyle)]
            if table_style:
                layers += [s.find(_RPR) for s in self.chain(table_style, "table")]
            return [*layers, self._default_rpr]

        layers = self._styled(("run", rstyle is not None, character, pstyle, table_style), styled)
        return [(rpr, _children(rpr)), *layers] if rpr is not None else layers

    def run_look(self, run, paragraph, table_style: str | None = None) -> RunLook:
        """The effective look of ``run`` (a w:r element) in ``paragraph`` (its w:p)."""
        return self.run_looks([run], paragraph, table_style)[0]

    def run_looks(self, runs: list, paragraph, table_style: str | None = None, ppr=False) -> list[RunLook]:
        """The effective looks of ``runs``, all in ``paragraph`` (``ppr``: its w:pPr when already found)."""
        if not runs:
            return []
        pstyle = _pstyle(paragraph) if ppr is False else _style_of(ppr)
        cache, out = self._run_cache, []
        for run in runs:
            rpr = _first(run, _RPR)
            key = (pstyle, table_style, etree.tostring(rpr) if rpr is not None else None)
            found = cache.get(key)
            if found is None:
                found = cache[key] = self._run_look(run, paragraph, table_style)
            out.append(found)
        return out

    def _run_look(self, run, paragraph, table_style: str | None) -> RunLook:
        layers = self._rpr_layers(run, paragraph, table_style)

        def first(tag: str):
            tag = f"{W}{tag}"
            for _layer, children in layers:
                el = children.get(tag)
                if el is not None:
                    return el
            return None

        toggles = {name: bool(_on(first(tag))) for name, tag in _TOGGLES.items()}
        size = first("sz")
        fonts = first("rFonts")
        underline = first("u")
        color = first("color")
        return RunLook(
            font=self._font(fonts),
            size=int(_val(size)) / 2 if size is not None and _val(size, "").isdigit() else None,
            bold=toggles["bold"],
            italic=toggles["italic"],
            underline=underline is not None and _val(underline, "single") != "none",
            color=None if color is None or _val(color, "auto") in ("auto", None) else _val(color).upper(),
        )

    def _font(self, fonts) -> str | None:
        """The typeface(s) Latin and Vietnamese letters are drawn in: ascii and hAnsi, a theme font winning
        over a named one (ECMA-376 §17.3.2.26); two names joined by ", " when they differ."""
        if fonts is None:
            return None
        found = []
        for slot in ("ascii", "hAnsi"):
            theme = fonts.get(f"{W}{slot}Theme")
            name = self._theme.get("major" if theme.startswith("major") else "minor") if theme else None
            name = name or fonts.get(f"{W}{slot}")
            if name and name not in found:
                found.append(name)
        return ", ".join(found) or None

    # -- paragraphs --------------------------------------------------------------------------

    def para_look(self, paragraph, table_style: str | None = None, ppr=False) -> ParaLook:
        """The effective layout of ``paragraph`` (a w:p element; ``ppr``: its w:pPr when already found)."""
        if ppr is False:
            ppr = _first(paragraph, _PPR)
        if ppr is None:
            return self.style_look(None, paragraph, table_style)
        if len(ppr) == 1 and ppr[0].tag == _PSTYLE:  # the usual case: only a style
            return self.style_look(ppr[0].get(_VAL), paragraph, table_style)
        return self._keyed((table_style, etree.tostring(ppr)), paragraph, table_style)

    def style_look(self, style: str | None, paragraph, table_style: str | None = None) -> ParaLook:
        """The layout of ``paragraph`` when its properties say no more than paragraph style ``style`` (None:
        the default style); read from ``paragraph`` the first time."""
        return self._keyed((table_style, "style", style or None), paragraph, table_style)

    def _keyed(self, key: tuple, paragraph, table_style: str | None) -> ParaLook:
        found = self._para_cache.get(key)
        if found is None:
            found = self._para_cache[key] = self._para_look(paragraph, table_style)
        return found

    def plain_run_look(self, style: str | None, table_style: str | None) -> RunLook | None:
        """The look of a run without properties of its own in a paragraph of ``style``, when already known."""
        return self._run_cache.get((style, table_style, None))

    def _para_look(self, paragraph, table_style: str | None) -> ParaLook:
        ppr = paragraph.find(_PPR)
        pstyle = _pstyle(paragraph)

        def styled() -> list:
            layers = [s.find(_PPR) for s in self.chain(pstyle)]
            if table_style:
                layers += [s.find(_PPR) for s in self.chain(table_style, "table")]
            return [*layers, self._default_ppr]

        layers = self._styled(("paragraph", pstyle, table_style), styled)
        if ppr is not None:
            layers = [(ppr, _children(ppr)), *layers]

        def attr(tag: str, name: str) -> str | None:
            tag, name = f"{W}{tag}", f"{W}{name}"
            for _layer, children in layers:
                el = children.get(tag)
                if el is not None and el.get(name) is not None:
                    return el.get(name)
            return None

        def toggle(tag: str) -> bool:
            tag = f"{W}{tag}"
            for _layer, children in layers:
                found = _on(children.get(tag))
                if found is not None:
                    return found
            return False

        def border(edge: str) -> bool:
            for layer, _ in layers:
                el = layer.find(f"{W}pBdr/{W}{edge}")
                if el is not None:
                    return _val(el, "nil") not in ("nil", "none")
            return False

        hanging = attr("ind", "hanging")
        first_line = -_pt(hanging) if hanging is not None else _pt(attr("ind", "firstLine"))
        line, rule = attr("spacing", "line"), attr("spacing", "lineRule") or "auto"
        return ParaLook(
            alignment=attr("jc", "val") or "left",
            first_line=first_line,
            left=_pt(attr("ind", "left") or attr("ind", "start")),
            right=_pt(attr("ind", "right") or attr("ind", "end")),
            space_before=_pt(attr("spacing", "before")),
            space_after=_pt(attr("spacing", "after")),
            line=(int(line) / 240 if rule == "auto" else int(line) / 20) if line else None,
            line_rule=rule,
            keep_next=toggle("keepNext"),
            top_border=border("top"),
            bottom_border=border("bottom"),
            contextual=toggle("contextualSpacing"),
            before_auto=_on_value(attr("spacing", "beforeAutospacing")),
            after_auto=_on_value(attr("spacing", "afterAutospacing")),
        )


def _on_value(value: str | None) -> bool:
    return value is not None and value not in ("false", "0", "off")


def _children(element) -> dict:
    """The children of ``element`` by tag, the first of each (what ``find(tag)`` finds)."""
    out: dict = {}
    for child in element:
        out.setdefault(child.tag, child)
    return out


def _pt(twips: str | None) -> float:
    return int(float(twips)) / 20 if twips not in (None, "") else 0.0


def _first(element, tag: str):
    """The ``tag`` child of ``element`` when it comes first, as the schema puts pPr and pStyle; else any."""
    if len(element) and element[0].tag == tag:
        return element[0]
    return element.find(tag)


def _pstyle(paragraph) -> str | None:
    return _style_of(_first(paragraph, _PPR))


def _style_of(ppr) -> str | None:
    """The style id named in a w:pPr (None for the default style)."""
    style = _first(ppr, _PSTYLE) if ppr is not None else None
    return style.get(_VAL) if style is not None else None


def first_ppr(paragraph):
    """The w:pPr of ``paragraph`` (None when it has none)."""
    return _first(paragraph, _PPR)


_PPR, _PSTYLE, _RPR, _VAL = f"{W}pPr", f"{W}pStyle", f"{W}rPr", f"{W}val"


def _theme_fonts(blob: bytes | None) -> dict[str, str]:
    """Latin typefaces of the theme's major and minor fonts ({} when the document has no theme)."""
    if not blob:
        return {}
    root = etree.fromstring(blob, PARSER)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    out = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//a:{kind}Font/a:latin", ns)
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface")
    return out


_RUN_TEXT = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")
_T, _R = f"{W}t", f"{W}r"


def text_of(element) -> str:
    """The visible text of a paragraph or run element: the w:t of its runs, tabs and breaks as spaces; field
    codes, deleted text and the tab stops of the paragraph's properties left out. A paragraph's text is in
    document order: the runs of a text box stand where the box is anchored, inside its run."""
    if element.tag == _R:
        found = element.iterchildren(*_RUN_TEXT)
    else:
        found = (el for el in element.iter(*_RUN_TEXT) if el.tag == _T or el.getparent().tag == _R)
    return "".join((el.text or "") if el.tag == _T else " " for el in found)


def fields_in(element) -> list[str]:
    """The instructions of every field in ``element`` (simple and complex), e.g. [" PAGE "]."""
    found = [el.get(f"{W}instr") or "" for el in element.iter(f"{W}fldSimple")]
    found += [el.text or "" for el in element.iter(f"{W}instrText")]
    return found


def line_under(paragraph, styles: Styles, table_style: str | None = None) -> str | None:
    """How ``paragraph`` draws a line under itself: "border" (its bottom border), "underline" (all its text
    underlined), or None. (A line drawn as a shape, or the next paragraph's top border, is found by where it
    stands: ``check.drawn``.)"""
    if styles.para_look(paragraph, table_style).bottom_border:
        return "border"
    runs = [r for r in paragraph.iter(f"{W}r") if text_of(r).strip()]
    if runs and all(styles.run_look(r, paragraph, table_style).underline for r in runs):
        return "underline"
    return None
