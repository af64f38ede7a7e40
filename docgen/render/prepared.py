"""A template prepared once, rendered many times: the engine's fast path for one document or thousands.

docxtpl, used plainly, re-opens the .docx, re-cleans its tags and recompiles the Jinja template for
every document. Here the template's parts are read once, its body, headers and footers are cleaned
by docxtpl's own ``patch_xml`` and compiled once; a document is then only rendered and zipped.
The templates stay ordinary docxtpl/Word files, and the output is the same document.
"""

from __future__ import annotations

import html
import io
import re
import traceback
import zipfile
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jinja2
from jinja2 import Template, TemplateSyntaxError, UndefinedError
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import SecurityError

from docgen import cache
from docgen.errors import TemplateError
from docgen.render.context import Placement, TemplateGeometry, TextStyle

__all__ = ["PreparedTemplate", "ZIP_EPOCH", "CoreProperties", "SIZED_TABLE", "docx_template", "sized_columns",
           "with_footnotes", "last_section"]

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BODY = re.compile(r"<w:body[ >].*</w:body>", re.DOTALL)
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
SIZED_TABLE = re.compile(r"docgen:(\w+)")
"""The Alt Text title (w:tblCaption) of a table whose column widths the context sets: "docgen:ky"."""
_EMPTY_RUN = '<w:r><w:t xml:space="preserve"></w:t></w:r>'
_CAPTION = re.compile(r'<w:tblCaption w:val="docgen:(\w+)"/>')
_WIDTH = re.compile(r'(<w:gridCol\b[^>]*?\bw:w=")(\d+)(")')


def sized_columns(xml: str) -> str:
    """``xml`` with the column widths of its sized tables (see ``SIZED_TABLE``) taken from the context's
    ``cot.<name>``: the template keeps real numbers, so that Word opens it, and each document gets its own."""
    out, last = [], 0
    for caption in _CAPTION.finditer(xml):
        start = xml.rfind("<w:tbl>", 0, caption.start())
        end = xml.find("</w:tbl>", caption.end())
        if start < last or end < 0 or "<w:tbl>" in xml[caption.end():end]:
            continue  # nested tables are not sized
        name = caption.group(1)
        table = xml[start:end]
        grid_end = table.find("</w:tblGrid>")
        count = iter(range(10_000))
        grid = _WIDTH.sub(lambda m: f"{m.group(1)}{{{{ cot.{name}[{next(count)}] }}}}{m.group(3)}", table[:grid_end])
        rows = re.sub(r"<w:tr[ >].*?</w:tr>", lambda row: _sized_row(row.group(), name), table[grid_end:],
                      flags=re.DOTALL)
        out += [xml[last:start], grid, rows]
        last = end
    return "".join(out) + xml[last:] if out else xml


def _sized_row(row: str, name: str) -> str:
    cells = iter(range(10_000))
    return re.sub(r'(<w:tcW\b[^>]*?\bw:w=")\d+"', lambda m: f'{m.group(1)}{{{{ cot.{name}[{next(cells)}] }}}}"', row)


@lru_cache(maxsize=1)
def docx_template():
    """docxtpl's DocxTemplate, its tag cleaning (``patch_xml``) followed by ``sized_columns``: the one class both
    the prepared template and docxtpl used plainly render with."""
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        def patch_xml(self, src_xml: str) -> str:  # noqa: D102 (docxtpl's hook)
            # docxtpl gives a {{r …}} tag a run of its own and leaves the empty runs it split off around it
            return sized_columns(super().patch_xml(src_xml).replace(_EMPTY_RUN, ""))

    return Template


def last_section(xml: str, old: str, new: str) -> str:
    """``xml`` (a document part) with its body's last section properties, ``old``, replaced by ``new``."""
    head, found, tail = xml.rpartition(old)
    return head + new + tail if found else xml


def with_footnotes(part: bytes, notes: list[str], template: Path) -> bytes:
    """The template's footnotes part (Word's separators) with ``notes`` (``<w:footnote>`` elements) added."""
    xml = part.decode("utf-8")
    if "</w:footnotes>" not in xml:
        raise TemplateError(f"Mẫu {template} không có phần chú thích cuối trang (footnotes) đúng dạng; hãy tạo lại "
                            "mẫu bằng tools/make_templates.py.")
    return xml.replace("</w:footnotes>", "".join(notes) + "</w:footnotes>").encode("utf-8")


@dataclass(frozen=True)
class CoreProperties:
    """The document properties written into docProps/core.xml (never the clock)."""

    title: str
    subject: str
    creator: str
    stamp: str  # W3CDTF, e.g. 2026-04-01T00:00:00Z

    def xml(self) -> bytes:
        """docProps/core.xml for these properties."""
        t, s, c = (html.escape(_XML_FORBIDDEN.sub("", v), quote=False) for v in (self.title, self.subject, self.creator))
        return (
            f"{_DECLARATION}<cp:coreProperties "
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{t}</dc:title><dc:subject>{s}</dc:subject><dc:creator>{c}</dc:creator>"
            f"<cp:lastModifiedBy>{c}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{self.stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{self.stamp}</dcterms:modified>'
            "</cp:coreProperties>"
        ).encode("utf-8")


class PreparedTemplate:
    """A Word template read, cleaned and compiled once."""

    def __init__(self, path: Path, environment, geometry_of) -> None:
        self.path = path
        self._docx = None  # docxtpl's own object, made only when needed (a template not prepared before)
        self.compiled: dict[str, tuple[str, Template, str]] = {}
        self._sources: dict[str, str] = {}  # the prepared text of each part, one paragraph per line
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise TemplateError(f"Mẫu {path} không đọc được ({exc.strerror or exc}).") from None
        # A template prepared in an earlier run, by this docgen with these libraries, is read back: a single
        # `docgen render` then neither imports docxtpl and python-docx nor compiles the template again.
        entry_name = cache.key("prepared-template", raw, jinja2.__version__, cache.library_stamp("docxtpl"))
        if self._restore(cache.load(entry_name), environment):
            return
        self._prepare_all(raw, environment, geometry_of)
        cache.store(entry_name, self._entry())

    def _prepare_all(self, raw: bytes, environment, geometry_of) -> None:
        path = self.path
        try:
            docx = docx_template()(io.BytesIO(raw))
            docx.init_docx()
            with zipfile.ZipFile(io.BytesIO(raw)) as package:
                self.names = [info.filename for info in package.infolist()]
                self.parts = {name: package.read(name) for name in self.names}
            document = self.parts["word/document.xml"].decode("utf-8")
        except Exception as exc:  # noqa: BLE001 - any file at all may be given as a template
            raise TemplateError(f"Mẫu {path} không mở được như một tệp Word .docx ({type(exc).__name__}: {exc}); "
                                "hãy mở lại mẫu trong Word và lưu với dạng .docx.") from None
        self._docx = docx
        self.geometry: TemplateGeometry = geometry_of(docx)
        self._heads: dict[str, tuple[str, str]] = {}
        name = "word/document.xml"
        for part in ["word/document.xml", *(n for n in self.names if _HEADER_FOOTER.fullmatch(n))]:
            self._check_tags(part)
        try:
            found = _BODY.search(document)
            self._sources[name] = self._prepare(docx.get_xml())
            self._heads[name] = (document[: found.start()], document[found.end():])
            for name in self.names:
                if _HEADER_FOOTER.fullmatch(name) and "{" in self.parts[name].decode("utf-8"):
                    self._sources[name] = self._prepare(docx.xml_to_string(_parse(self.parts[name])))
                    self._heads[name] = (_DECLARATION, "")
            self._codes = {}
            for name, source in self._sources.items():
                self._codes[name] = environment.compile(source)
                self._compile(name, environment)
        except JinjaTemplateError as exc:
            line = getattr(exc, "lineno", None)
            if "Unexpected end of template" in str(exc):  # name the block left open, not the last line
                line = _unclosed_block(self._sources.get(name, "")) or line
            raise self._error(name, exc, line) from None

    def _compile(self, name: str, environment) -> None:
        template = environment.template_class.from_code(environment, self._codes[name], environment.make_globals(None))
        head, tail = self._heads[name]
        self.compiled[name] = (head, template, tail)

    def _entry(self) -> dict:
        """What the cache keeps of this template: plain values and Jinja's compiled code."""
        g = self.geometry
        styles = [(s.size, s.bold, s.italic) for s in (g.agency, g.motto, g.title, g.kinh_gui)]
        places = {key: (p.table, p.column, p.pad, (p.style.size, p.style.bold, p.style.italic), p.lead, p.width)
                  for key, p in (g.places or {}).items()}
        return {"names": self.names, "parts": self.parts, "sources": self._sources, "heads": self._heads,
                "codes": self._codes, "geometry": (g.agency_width, g.motto_width, g.text_width, styles,
                                                   g.kinh_gui_indent, g.columns, places, g.landscape_width,
                                                   g.section),
                "zipped": self._zipped_own}

    def _restore(self, entry, environment) -> bool:
        """Take ``entry`` from the cache; False when there is none or it does not fit (made again then)."""
        if not isinstance(entry, dict):
            return False
        try:
            agency_width, motto_width, text_width, styles, indent, columns, places, landscape, section = \
                entry["geometry"]
            agency, motto, title, kinh_gui = (TextStyle(*style) for style in styles)
            places = {key: Placement(table, column, pad, TextStyle(*style), lead, width)
                      for key, (table, column, pad, style, lead, width) in places.items()}
            self.geometry = TemplateGeometry(agency_width, motto_width, text_width, agency, motto, title, kinh_gui,
                                             indent, landscape_width=landscape, section=section,
                                             columns=dict(columns), places=places)
            self.names, self.parts = list(entry["names"]), dict(entry["parts"])
            self._sources, self._heads, self._codes = dict(entry["sources"]), dict(entry["heads"]), dict(entry["codes"])
            for name in self._codes:
                self._compile(name, environment)
            names, zipped = entry["zipped"]
            if not isinstance(zipped, bytes):
                raise TypeError("zipped parts")
            self.__dict__["_zipped_own"] = (list(names), zipped)  # the cached_property's value, as it was made
        except (KeyError, TypeError, ValueError):
            self.compiled.clear()
            return False
        return True

    def _check_tags(self, name: str) -> None:
        """TemplateError for a paragraph whose tags do not close ("{{ x }", "{% if x"): docxtpl's cleaning
        would otherwise swallow the paragraph without a word."""
        for paragraph in re.findall(r"<w:p[ >].*?</w:p>", self.parts[name].decode("utf-8"), re.DOTALL):
            text = _visible(paragraph)
            marks = re.findall(r"\{\{|\}\}|\{%|%\}|\{#|#\}", text)
            opened = None
            for mark in marks:
                if mark in ("{{", "{%", "{#"):
                    if opened is not None:
                        break
                    opened = mark
                elif opened is None or _CLOSING[opened] != mark:
                    break
                else:
                    opened = None
            else:
                if opened is None:
                    continue  # every tag of the paragraph closes
            raise TemplateError(f'Mẫu {self.path}, {_part_name(name)} ở đoạn "{_short(text)}": thẻ {{{{ … }}}} hoặc '
                                "{% … %} viết sai cú pháp: mở mà không đóng, hoặc đóng mà không mở; hãy kiểm tra dấu ngoặc của thẻ")

    def _error(self, name: str, exc: Exception, line: int | None) -> TemplateError:
        """A clerk's message for a fault of the template: the file, the part, the paragraph where it stands."""
        lines = self._sources.get(name, "").split("\n")
        where = ""
        if line is not None and 0 < line <= len(lines):
            text = _visible(lines[line - 1])
            where = f' ở đoạn "{_short(text)}"' if text else f" ở dòng {line} của XML"
        return TemplateError(f"Mẫu {self.path}, {_part_name(name)}{where}: {_explain(exc)}")

    def _prepare(self, xml: str) -> str:
        """docxtpl's tag cleaning, and its one-paragraph-per-line layout that ``{%p %}`` relies on."""
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", self._docx.patch_xml(xml))

    def _docxtpl(self):
        """docxtpl's object for this template (for its post-processing), made the first time it is needed."""
        if self._docx is None:
            self._docx = docx_template()(io.BytesIO(self.path.read_bytes()))
        return self._docx

    def _finish(self, xml: str) -> str:
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # the lines _prepare began
        if "{_" in xml or "_}" in xml:  # docxtpl's escaped braces
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        # docxtpl's Listing characters (cleaned plan text has none): four searches in C, cheaper than one regex
        if "\t" in xml or "\n" in xml or "\a" in xml or "\f" in xml:
            xml = self._docxtpl().resolve_listing(xml)
        return xml

    def render(self, context: dict, properties: CoreProperties) -> bytes:
        """The .docx bytes for ``context``: reproducible (fixed entry times, the template's entry order)."""
        return self.package(self.render_parts(context, properties))

    def render_parts(self, context: dict, properties: CoreProperties) -> dict[str, bytes]:
        """The parts of the .docx for ``context``, by name (what ``package`` zips)."""
        out = dict(self.parts)
        for name, (head, template, tail) in self.compiled.items():
            try:
                out[name] = (head + self._finish(template.render(context)) + tail).encode("utf-8")
            except Exception as exc:  # noqa: BLE001 - a template typed by hand can fail in any way
                lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
                raise self._error(name, exc, lines[-1] if lines else None) from None
        out["docProps/core.xml"] = properties.xml()
        if context.get("trang_cuoi"):  # phụ lục: the document's last section is the last phụ lục's
            out["word/document.xml"] = last_section(out["word/document.xml"].decode("utf-8"), self.geometry.section,
                                                    context["trang_cuoi"]).encode("utf-8")
        if context.get("chu_thich"):
            name = next((n for n in self.names if n.endswith("/footnotes.xml")), None)
            if name is None:
                raise TemplateError(f"Mẫu {self.path} không có phần chú thích cuối trang (footnotes); hãy tạo lại mẫu "
                                    "bằng tools/make_templates.py.")
            out[name] = with_footnotes(self.parts[name], context["chu_thich"], self.path)
        return out

    def package(self, parts: dict[str, bytes]) -> bytes:
        """``parts`` zipped: the template's own parts first, in its entry order, then the rendered ones, with
        fixed entry times (the same bytes every time). The template's own parts are zipped once and every
        document starts from those bytes; a part given with other bytes than the template's is zipped anew.
        Deflate's fastest level: the parts are small text, and level 6 takes longer for 10% fewer bytes."""
        names, zipped = self._zipped_own
        if all(parts[name] is self.parts[name] for name in names):
            buffer = io.BytesIO(zipped)
            rest = [name for name in self.names if name not in names]
        else:
            buffer, rest = io.BytesIO(), self.names
        with zipfile.ZipFile(buffer, "a" if buffer.getbuffer().nbytes else "w") as package:
            for name in rest:
                _write(package, name, parts[name])
        return buffer.getvalue()

    @cached_property
    def _zipped_own(self) -> tuple[list[str], bytes]:
        """The names of the parts every document takes from the template unchanged, and those parts zipped."""
        names = [name for name in self.names if name not in self.compiled and name != "docProps/core.xml"]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            for name in names:
                _write(package, name, self.parts[name])
        return names, buffer.getvalue()


def _write(package: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    package.writestr(info, data, compresslevel=1)


_PART_NAMES = {"document": "thân văn bản", "header": "đầu trang", "footer": "chân trang"}
_HEADER_FOOTER = re.compile(r"word/(header|footer)\d*\.xml")
_CLOSING = {"{{": "}}", "{%": "%}", "{#": "#}"}
_BLOCK = re.compile(r"\{%-?[pr]?\s*(end)?(for|if|with|macro|call|filter|block|raw)\b")


def _part_name(name: str) -> str:
    kind = re.match(r"word/(document|header|footer)", name)
    return _PART_NAMES[kind.group(1)] if kind else name


def _short(text: str) -> str:
    return f"{text[:120]}…" if len(text) > 120 else text


def _unclosed_block(source: str) -> int | None:
    """The line of the innermost block tag ({% for %}, {%p if %}, …) that is never closed."""
    stack: list[int] = []
    for number, line in enumerate(source.split("\n"), start=1):
        for match in _BLOCK.finditer(html.unescape(line)):
            if match.group(1):
                if stack:
                    stack.pop()
            else:
                stack.append(number)
    return stack[-1] if stack else None


def _visible(xml: str) -> str:
    """The text a reader sees in a line of template XML (its w:t contents), tags included as typed."""
    return html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))).strip()


def _explain(exc: Exception) -> str:
    """What went wrong, in a clerk's words, with Jinja's own words after them."""
    if isinstance(exc, SecurityError):
        return f"thẻ trong mẫu truy cập vào phần bị cấm của chương trình, không được phép ({exc})"
    if isinstance(exc, UndefinedError):
        found = re.search(r"'([^']+)' is undefined|has no attribute '([^']+)'", str(exc))
        missing = next((g for g in found.groups() if g), "") if found else ""
        return (f'thẻ dùng "{missing}" nhưng kế hoạch không có mục này; hãy sửa thẻ trong mẫu hoặc bổ sung kế '
                f"hoạch (undefined: {exc})")
    if isinstance(exc, TemplateSyntaxError):
        return f"thẻ {{{{ … }}}} hoặc {{% … %}} viết sai cú pháp; hãy kiểm tra dấu ngoặc và tên thẻ ({exc})"
    return f"lỗi khi điền mẫu ({type(exc).__name__}: {exc})"


def _parse(blob: bytes):
    from docx.oxml import parse_xml

    return parse_xml(blob)
