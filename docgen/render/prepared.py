"""A template prepared once, rendered many times: the engine's fast path for one document or thousands.

docxtpl, used plainly, re-opens the .docx, re-cleans its tags and recompiles the Jinja template for
every document. Here the template's parts are read once, its body, headers and footers are cleaned
by docxtpl's own ``patch_xml`` and compiled once; a document is then only rendered and zipped.
The templates stay ordinary docxtpl/Word files, and the output is the same document.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Template
from jinja2 import TemplateError as JinjaTemplateError

from docgen.errors import TemplateError
from docgen.render.context import TemplateGeometry

__all__ = ["PreparedTemplate", "ZIP_EPOCH", "CoreProperties"]

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_BODY = re.compile(r"<w:body[ >].*</w:body>", re.DOTALL)
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class CoreProperties:
    """The document properties written into docProps/core.xml (never the clock)."""

    title: str
    subject: str
    creator: str
    stamp: str  # W3CDTF, e.g. 2026-04-01T00:00:00Z

    def xml(self) -> bytes:
        """docProps/core.xml for these properties."""
        t, s, c = (escape(v, quote=False) for v in (self.title, self.subject, self.creator))
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
        docx = DocxTemplate(str(path))
        docx.init_docx()
        self._docx = docx  # for docxtpl's own post-processing (resolve_listing)
        self.geometry: TemplateGeometry = geometry_of(docx)
        with zipfile.ZipFile(path) as package:
            self.names = [info.filename for info in package.infolist()]
            self.parts = {name: package.read(name) for name in self.names}
        self.compiled: dict[str, tuple[str, Template, str]] = {}
        try:
            document = self.parts["word/document.xml"].decode("utf-8")
            found = _BODY.search(document)
            body = self._prepare(docx.get_xml())
            self.compiled["word/document.xml"] = (document[: found.start()], environment.from_string(body),
                                                  document[found.end():])
            for name in self.names:
                if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
                    xml = self.parts[name].decode("utf-8")
                    if "{" in xml:
                        root = docx.xml_to_string(_parse(self.parts[name]))
                        self.compiled[name] = (_DECLARATION, environment.from_string(self._prepare(root)), "")
        except JinjaTemplateError as exc:
            raise TemplateError(f"Mẫu {path.name} có lỗi cú pháp: {exc} (template syntax error).") from None

    def _prepare(self, xml: str) -> str:
        """docxtpl's tag cleaning, and its one-paragraph-per-line layout that ``{%p %}`` relies on."""
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", self._docx.patch_xml(xml))

    def _finish(self, xml: str) -> str:
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(ch in xml for ch in "\t\n\a\f"):  # docxtpl's Listing characters; cleaned plan text has none
            xml = self._docx.resolve_listing(xml)
        return xml

    def render(self, context: dict, properties: CoreProperties) -> bytes:
        """The .docx bytes for ``context``: reproducible (fixed entry times, the template's entry order)."""
        return self.package(self.render_parts(context, properties))

    def render_parts(self, context: dict, properties: CoreProperties) -> dict[str, bytes]:
        """The parts of the .docx for ``context``, by name (what ``package`` zips)."""
        out = dict(self.parts)
        try:
            for name, (head, template, tail) in self.compiled.items():
                out[name] = (head + self._finish(template.render(context)) + tail).encode("utf-8")
        except JinjaTemplateError as exc:
            raise TemplateError(f"Mẫu {self.path.name} có lỗi: {exc} (template error).") from None
        out["docProps/core.xml"] = properties.xml()
        return out

    def package(self, parts: dict[str, bytes]) -> bytes:
        """``parts`` zipped in the template's entry order with fixed entry times (the same bytes every time).
        Deflate's fastest level: the parts are small text, and level 6 takes longer for 10% fewer bytes."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
            for name in self.names:
                info = zipfile.ZipInfo(name, ZIP_EPOCH)
                info.compress_type = zipfile.ZIP_DEFLATED
                package.writestr(info, parts[name], compresslevel=1)
        return buffer.getvalue()


def _parse(blob: bytes):
    from docx.oxml import parse_xml

    return parse_xml(blob)
