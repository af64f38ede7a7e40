"""The parts of a .docx the checker reads, found through the package's relationships (ECMA-376 Part 2).

The checker needs the main document, its styles and theme, its headers and footers, and the page
set-up of each section. Opening the whole package with python-docx builds an element tree of every
part with its own element classes, which costs more than all the rules together; here only the
parts asked for are read, and as plain lxml trees.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from docgen.check.ooxml import PARSER, W

__all__ = ["Package", "Section", "PackageError"]

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MM_PER_TWIP = 25.4 / 1440
_SECT_PR, _PPR, _P = f"{W}sectPr", f"{W}pPr", f"{W}p"


_PARSED: dict[bytes, object] = {}


class PackageError(ValueError):
    """The file is not a Word document (not a zip, or without a main document part)."""


class _Parts(Mapping):
    """The parts of a zip package by name, each read (and inflated) when asked for."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        self._zip, self._names = package, {info.filename: info for info in package.infolist()}

    def __getitem__(self, name: str) -> bytes:
        try:
            return self._zip.read(self._names[name])
        except (zipfile.BadZipFile, ValueError, EOFError, OSError) as exc:  # a damaged entry
            raise PackageError(f"tệp Word bị hỏng: không đọc được phần {name} ({exc})") from None

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@dataclass
class Section:
    """One section's page set-up (lengths in mm, None when not stated) and its own header/footer parts."""

    width: float | None
    height: float | None
    margins: dict[str, float | None]
    title_page: bool  # "different first page"
    # ("header" | "footer", "default" | "first" | "even") → the part's root element, for the references
    # this section states itself; a reference it does not state is linked to the previous section's.
    own: dict[tuple[str, str], object] = field(default_factory=dict)


def _mm(element, name: str) -> float | None:
    value = element.get(f"{W}{name}") if element is not None else None
    try:
        return int(float(value)) * _MM_PER_TWIP if value is not None else None
    except ValueError:
        return None


def _on(element) -> bool:
    return element is not None and element.get(f"{W}val", "true") not in ("false", "0", "off", "none")


class Package:
    """A .docx package opened for reading: its bytes, or its parts by name (a document just rendered)."""

    def __init__(self, source: bytes | Mapping[str, bytes]) -> None:
        self._rels: dict[str, dict[str, tuple[str, str]]] = {}
        if isinstance(source, Mapping):
            self._parts: Mapping[str, bytes] = source
        else:
            try:
                package = zipfile.ZipFile(io.BytesIO(source))
                self._parts = _Parts(package)
            except (zipfile.BadZipFile, ValueError):
                raise PackageError("không phải tệp Word (.docx): tệp không mở được như một gói zip") from None
        main = self.related("", "/officeDocument")
        if not main:
            raise PackageError("không phải tệp Word (.docx): thiếu phần nội dung chính (word/document.xml)")
        self.main = main[0]

    @cached_property
    def pages(self) -> int | None:
        """How many pages the program that saved the document counted (docProps/app.xml), None when unknown. Word
        counts the words too; a count of pages beside no words is a placeholder (python-docx writes one), not
        a count."""
        blob = self.read("docProps/app.xml")
        found = re.search(rb"<(?:\w+:)?Pages>(\d+)</", blob) if blob else None
        words = re.search(rb"<(?:\w+:)?Words>(\d+)</", blob) if blob else None
        if found is None or words is None or int(words.group(1)) == 0:
            return None
        return int(found.group(1))

    def read(self, name: str) -> bytes | None:
        """The bytes of part ``name`` (without a leading slash), None when the package has no such part."""
        return self._parts.get(name)

    def xml(self, name: str):
        """Part ``name`` parsed (None when missing); entities are never resolved, nothing is fetched. The checker
        only reads trees, so a part with the very bytes of one parsed before (the relationships, headers and
        footers of documents made from one template) is that same tree."""
        blob = self.read(name)
        if blob is None:
            return None
        root = _PARSED.get(blob)
        if root is None:
            root = _PARSED[blob] = etree.fromstring(blob, PARSER)
            if len(_PARSED) > 64:
                _PARSED.pop(next(iter(_PARSED)))
        return root

    def relationships(self, source: str) -> dict[str, tuple[str, str]]:
        """The internal relationships of part ``source`` ("" for the package): id → (type, target part)."""
        found = self._rels.get(source)
        if found is None:
            found = self._rels[source] = self._relationships(source)
        return found

    def _relationships(self, source: str) -> dict[str, tuple[str, str]]:
        folder, base = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        out = {}
        for rel in root.iter(_REL) if root is not None else ():
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            target = rel.get("Target")
            target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[rel.get("Id")] = (rel.get("Type", ""), posixpath.normpath(target))
        return out

    def related(self, source: str, kind: str) -> list[str]:
        """The parts ``source`` relates to with a relationship type ending in ``kind`` (e.g. "/styles")."""
        return [target for reltype, target in self.relationships(source).values() if reltype.endswith(kind)]

    @cached_property
    def document(self):
        """The main document's root element (w:document)."""
        self.main_xml = self.read(self.main) or b""
        root = etree.fromstring(self.main_xml, PARSER) if self.main_xml else None
        if root is None or root.find(f"{W}body") is None:
            raise PackageError("không phải tệp Word (.docx): phần nội dung chính không có thân văn bản")
        return root

    def first_related(self, kind: str) -> bytes | None:
        """The bytes of the main document's first part of relationship type ``kind``, None when it has none."""
        found = self.related(self.main, kind)
        return self.read(found[0]) if found else None

    @cached_property
    def sections(self) -> list[Section]:
        """The sections in document order, as Word reads them from every w:sectPr of the body."""
        body = self.document.find(f"{W}body")
        # iter() walks in C and yields only the few w:sectPr: the body's last one, and those ending sections
        # inside it (in a paragraph's properties)
        properties = [sect for sect in body.iter(_SECT_PR) if (parent := sect.getparent()) is body
                      or (parent.tag == _PPR and parent.getparent().tag == _P and parent.getparent().getparent() is body)]
        rels = self.relationships(self.main)
        out = []
        for sect in properties:
            size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
            section = Section(
                width=_mm(size, "w"),
                height=_mm(size, "h"),
                margins={side: _mm(margins, side) for side in ("top", "bottom", "left", "right")},
                title_page=_on(sect.find(f"{W}titlePg")),
            )
            for kind in ("header", "footer"):
                for ref in sect.iterfind(f"{W}{kind}Reference"):
                    target = rels.get(ref.get(_R_ID))
                    root = self.xml(target[1]) if target else None
                    if root is not None:
                        section.own[(kind, ref.get(f"{W}type", "default"))] = root
            out.append(section)
        return out
