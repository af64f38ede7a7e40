"""Render a plan through its Word template with docxtpl, and write the .docx atomically."""

from __future__ import annotations

import io
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from docgen.errors import PlanError, RenderError, TemplateError
from docgen.gcpause import gc_paused
from docgen.kinds import KINDS
from docgen.plan.model import Plan
from docgen.render.context import Placement, TemplateGeometry, TextStyle, build_context, title_of
from docgen.render.prepared import CoreProperties, PreparedTemplate, docx_template, with_footnotes

__all__ = [
    "TEMPLATES_DIR",
    "render_bytes",
    "render_with_docxtpl",
    "render_checked",
    "render_file",
    "render_file_all",
    "render_all",
    "template_name",
    "render_docx",
    "write_atomic",
    "make_durable",
    "geometry_of",
    "prepared_template",
]

TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "templates"
DEFAULT_CELL_MARGIN = 108  # twips, Word's default left/right cell margin


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox (no access to Python internals, no changing the context), also bounding what
    ``*`` and ``**`` may build: a template typed by hand must not be able to fill the memory."""

    intercepted_binops = frozenset(["*", "**"])
    LIMIT = 100_000

    def call_binop(self, context, operator, left, right):  # noqa: D102 (Jinja's hook)
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError(f"the exponent {right} is too large")
        if operator == "*":
            for value, times in ((left, right), (right, left)):
                if isinstance(value, (str, list, tuple)) and isinstance(times, int) and len(value) * times > self.LIMIT:
                    raise SecurityError(f"a repetition of {len(value) * times} items is too large")
        return super().call_binop(context, operator, left, right)


def _environment() -> ImmutableSandboxedEnvironment:
    return _Sandbox(autoescape=True, undefined=StrictUndefined)


def _style(doc, style_id: str) -> TextStyle:
    for style in doc.styles:
        if style.style_id == style_id:
            size, bold, italic = None, None, None
            while style is not None and (size is None or bold is None or italic is None):
                size = size if size is not None else (style.font.size.pt if style.font.size else None)
                bold = bold if bold is not None else style.font.bold
                italic = italic if italic is not None else style.font.italic
                style = style.base_style
            return TextStyle(size or 14.0, bool(bold), bool(italic))
    raise TemplateError(f'Mẫu thiếu kiểu đoạn "{style_id}" (Template lacks the paragraph style {style_id}).')


def _text(p) -> str:
    from docx.oxml.ns import qn

    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _padding(tbl) -> int:
    """The left and right margins of the cells of ``tbl`` (twips)."""
    from docx.oxml.ns import qn

    margins = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
    pad = 0
    for edge in ("left", "right"):
        el = margins.find(qn(f"w:{edge}")) if margins is not None else None
        pad += int(el.get(qn("w:w"))) if el is not None else DEFAULT_CELL_MARGIN
    return pad


def _sized_tables(doc) -> dict:
    """The template's sized tables (Alt Text title "docgen:<name>") by name: their element and column widths."""
    from docx.oxml.ns import qn

    from docgen.render.prepared import SIZED_TABLE

    out = {}
    for tbl in doc.element.body.iter(qn("w:tbl")):
        caption = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}")
        found = SIZED_TABLE.fullmatch(caption.get(qn("w:val")) or "") if caption is not None else None
        if found:
            widths = tuple(int(col.get(qn("w:w"))) for col in tbl.iter(qn("w:gridCol")))
            out[found.group(1)] = (tbl, widths)
    return out


def _placement(doc, marker: str, style_id: str, tables: dict) -> Placement | None:
    """Where the paragraph whose text holds ``marker`` stands (its table and column), in ``style_id``'s look."""
    from docx.oxml.ns import qn

    for p in doc.element.body.iter(qn("w:p")):
        text = _text(p)
        if marker not in text:
            continue
        lead = text[: text.index("{{")] if "{{" in text else ""
        tc = next(p.iterancestors(qn("w:tc")), None)
        if tc is None:
            return Placement(None, 0, 0, _style(doc, style_id), lead)
        tbl = next(tc.iterancestors(qn("w:tbl")))
        name = next((key for key, (element, _w) in tables.items() if element is tbl), None)
        column = len(list(tc.itersiblings(qn("w:tc"), preceding=True)))
        width = tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        pad = _padding(tbl)
        inner = int(width.get(qn("w:w"))) - pad if width is not None else None
        return Placement(name, column, pad, _style(doc, style_id), lead, inner)
    return None


def geometry_of(template) -> TemplateGeometry:
    """The widths and styles of ``template`` that the context measures against."""
    doc = template.get_docx()
    section = doc.sections[0]
    text = int((section.page_width - section.left_margin - section.right_margin) / 635)  # EMU → twips
    tables = _sized_tables(doc)
    places = {key: place for key, place in (
        ("agency", _placement(doc, "co_quan.duong_ke", "DGCoQuan", tables)),
        ("motto", _placement(doc, "tieu_ngu_ke", "DGTieuNgu", tables)),
        ("date", _placement(doc, "dia_danh_ngay", "DGDiaDanh", tables)),
        ("title", _placement(doc, "trich_yeu }}", "DGTrichYeu", tables)),
        ("noi_nhan", _placement(doc, "in noi_nhan", "DGNoiNhan", tables)),
        ("ky", _placement(doc, "in ky.chuc_vu", "DGChucVu", tables)),
    ) if place is not None}
    if "title" in places and places["title"].table is not None:  # a V/v, under the Số in its column
        places["title"] = _placement(doc, "trich_yeu }}", "DGTrichYeuCV", tables)
    agency, motto = places.get("agency"), places.get("motto")
    landscape = int((section.page_height - section.left_margin - section.right_margin) / 635)
    from lxml import etree

    xml = etree.tostring(doc.element, encoding="unicode")
    sections = re.findall(r"<w:sectPr\b.*?</w:sectPr>", xml[xml.rfind("<w:body"):], re.DOTALL)
    return TemplateGeometry(
        agency_width=agency.width if agency is not None and agency.width else text,
        motto_width=motto.width if motto is not None and motto.width else text,
        text_width=text,
        agency=_style(doc, "DGCoQuan"),
        motto=_style(doc, "DGTieuNgu"),
        title=_style(doc, "DGTrichYeu"),
        kinh_gui=_style(doc, "DGKinhGui"),
        kinh_gui_indent=_left_indent(doc, "DGKinhGui"),
        landscape_width=landscape,
        section=sections[-1] if sections else "",
        columns={key: widths for key, (_tbl, widths) in tables.items()},
        places=places,
    )


def _left_indent(doc, style_id: str) -> int:
    style = next(s for s in doc.styles if s.style_id == style_id)
    indent = style.paragraph_format.left_indent
    return int(indent / 635) if indent is not None else 0


def template_name(plan: Plan) -> str:
    """The file name of the template ``plan``'s document is rendered through: its kind's, or, for a document
    issued with a Quyết định, its kind's template for that ("kem-theo.docx")."""
    kind = KINDS[plan.loai]
    return kind.attached if plan.quyet_dinh is not None and kind.attached else kind.template


def _template_path(plan: Plan, templates: Path | None) -> Path:
    path = (templates or TEMPLATES_DIR) / template_name(plan)
    if not path.is_file():
        raise TemplateError(f"Không tìm thấy mẫu {path} (template not found).")
    return path


@lru_cache(maxsize=16)
def _prepared(path: Path, stamp: tuple[int, int]) -> PreparedTemplate:
    """The template at ``path`` prepared once per version of the file (``stamp``: mtime, size)."""
    return PreparedTemplate(path, _environment(), geometry_of)


def prepared_template(path: Path) -> PreparedTemplate:
    """The prepared template for ``path``, reused while the file is unchanged."""
    info = path.stat()
    return _prepared(path, (info.st_mtime_ns, info.st_size))


def _core(plan: Plan) -> CoreProperties:
    """Document properties from the plan, never from the clock."""
    kind = KINDS[plan.loai]
    day = plan.ngay
    return CoreProperties(
        title=f"{kind.name} {title_of(plan)}"[:255],
        subject=kind.name,
        creator=" ".join(plan.co_quan.ten)[:255],
        stamp=f"{day.year:04d}-{day.month or 1:02d}-{day.day or 1:02d}T00:00:00Z",
    )


def _render_parts(plan: Plan, templates: Path | None) -> tuple[PreparedTemplate, dict[str, bytes]]:
    """The prepared template of ``plan`` and the parts of its document, rendered."""
    template = prepared_template(_template_path(plan, templates))
    return template, template.render_parts(build_context(plan, template.geometry), _core(plan))


def render_bytes(plan: Plan, templates: Path | None = None) -> bytes:
    """The .docx for ``plan``, as bytes (nothing is written, nothing checked), through its prepared template."""
    template, parts = _render_parts(plan, templates)
    return template.package(parts)


def render_with_docxtpl(plan: Plan, templates: Path | None = None) -> bytes:
    """The same document made by docxtpl used plainly (open, render, save): the reference the fast
    path is compared with in the tests and measured against in bench/."""
    path = _template_path(plan, templates)
    template = docx_template()(str(path))
    context = build_context(plan, geometry_of(template))
    template.render(context, jinja_env=_environment(), autoescape=True)
    if context["trang_cuoi"]:  # phụ lục: the document's last section is the last phụ lục's
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        body = template.docx.element.body
        new = context["trang_cuoi"].replace("<w:sectPr", f"<w:sectPr {nsdecls('w', 'r')}", 1)
        body.replace(body[-1], parse_xml(new))
    if context["chu_thich"]:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = template.docx.part.part_related_by(RT.FOOTNOTES)
        part._blob = with_footnotes(part.blob, context["chu_thich"], path)
    core = _core(plan)
    props = template.docx.core_properties
    props.title, props.subject, props.author = core.title, core.subject, core.creator
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _file_mode(target: Path) -> int:
    """The permissions the new file gets: the old file's, else what the user's umask allows."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomic(data: bytes, target: Path, *, durable: bool = True) -> None:
    """Write ``data`` to ``target`` so that it is either the old file or the new one, never half. ``durable``:
    flushed to the disk before it takes the old one's place; a command writing many files leaves that to
    ``make_durable``, once for all of them."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise RenderError(f"Không tạo được tệp trong thư mục {target.parent}: {exc.strerror or exc}.") from None
    try:
        os.chmod(tmp, _file_mode(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, PermissionError):
            raise RenderError(
                f"Không ghi được {target}: tệp đang mở ở chương trình khác hoặc thư mục không cho ghi "
                f"(permission denied)."
            ) from None
        if isinstance(exc, OSError):
            raise RenderError(f"Không ghi được {target}: {exc.strerror or exc}.") from None
        raise


def make_durable(paths: list[Path]) -> None:
    """Flush files written with ``durable=False`` to the disk, with the folders that name them: a power cut
    then leaves each of them whole. A few files are flushed one by one; many with one sync of the whole
    system, which costs less than a flush each (the disk's journal is committed once)."""
    if len(paths) > 8 and hasattr(os, "sync"):  # os.sync: not on Windows, where each file is flushed
        os.sync()
        return
    for path in [*paths, *{path.parent for path in paths}]:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # gone already, or a folder that cannot be opened (Windows): nothing to flush
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def render_checked(plan: Plan, templates: Path | None = None) -> tuple[bytes, list]:
    """The .docx for ``plan`` and the checker's warnings on it; RenderError if the checker finds an error
    (a document docgen made that breaks the decree is docgen's bug, and is never written)."""
    from docgen.check import ERROR, check_docx

    with gc_paused():
        template, parts = _render_parts(plan, templates)
        findings = check_docx(parts)  # the parts as rendered: no need to unzip what was just zipped
    errors = [f for f in findings if f.severity == ERROR]
    if errors and all(f.rule in PLAN_TEXT_RULES for f in errors):
        raise PlanTextError(errors)
    if errors:
        lines = "\n".join(f"  - {f.line()}" for f in errors)
        raise RenderError(
            "docgen đã tạo ra văn bản chưa đúng Nghị định 30/2020 nên không ghi tệp. Đây là lỗi của docgen "
            f"(hoặc của mẫu Word đã sửa), xin báo lại kèm tệp kế hoạch:\n{lines}"
        )
    return template.package(parts), findings


PLAN_TEXT_RULES = frozenset({"trich_dan.inconsistent", "can_cu.after_date"})
"""Rules a document docgen made can only break through what a plan's own text says (a citation typed as text that
contradicts a document the plan cites by code): the plan is at fault, not docgen."""


class PlanTextError(RenderError):
    """The checker's findings on what a plan's own text says (``PLAN_TEXT_RULES``)."""

    def __init__(self, findings: list) -> None:
        self.findings = findings
        super().__init__("Kế hoạch có chỗ viết chưa thống nhất nên không ghi tệp:\n" +
                         "\n".join(f"  - {f.line()}" for f in findings))

    def located(self, path: Path, raw: bytes | None = None) -> PlanError:
        """The findings as problems of the plan file at ``path`` (whose text is ``raw`` when given), at the lines
        that write the number cited."""
        from docgen.errors import Problem

        try:
            text = raw.decode("utf-8-sig") if raw is not None else path.read_text(encoding="utf-8-sig")
            lines = text.splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        problems = []
        for f in self.findings:
            number = re.search(r'"(\d+[/-][^"\s]+)"', f.detail)  # the number as written here, and its issuer
            issuer = re.search(r'của "([^"]+)" ở đây', f.detail)
            at = [i for i, line in enumerate(lines, start=1) if number and number.group(1) in line]
            if issuer and len(at) > 1:
                at = [i for i in at if issuer.group(1) in lines[i - 1]] or at
            where = f" (tệp kế hoạch ghi số này ở dòng {', '.join(map(str, at))})" if len(at) > 1 else ""
            problems.append(Problem(path, at[0] if len(at) == 1 else None, None, (),
                                    f"{f.message} — {f.detail}{where}; hãy sửa cho thống nhất"))
        return PlanError(problems)


def render_file(path: Path, templates: Path | None = None) -> tuple[Plan, bytes, list]:
    """The whole pipeline for the plan file at ``path``: the plan, its checked .docx and the warnings (nothing
    written). The cycle collector stays paused from the YAML to the last check."""
    plan, documents = render_file_all(path, templates)
    return plan, documents[0][1], documents[0][2]


def render_all(plan: Plan, templates: Path | None = None) -> list[tuple[str, bytes, list]]:
    """Every document ``plan`` issues (``docgen.plan.issued``), each checked: (file name suffix, .docx, warnings).
    A plan issued by a Quyết định gives two: its own document, then the Quyết định."""
    from docgen.plan import issued

    return [(suffix, *render_checked(document, templates)) for suffix, document in issued(plan)]


def render_file_all(path: Path, templates: Path | None = None,
                    raw: bytes | None = None) -> tuple[Plan, list[tuple[str, bytes, list]]]:
    """The whole pipeline for the plan file at ``path`` (or for ``raw``, the text of a plan that would stand
    there): the plan and every document it issues, checked, with their warnings (nothing written)."""
    from docgen.plan import load_plan

    with gc_paused():
        plan = load_plan(path, raw)
        try:
            documents = render_all(plan, templates)
        except PlanTextError as exc:
            raise exc.located(path, raw) from None
    return plan, documents


def render_docx(plan: Plan, target: Path, templates: Path | None = None) -> Path:
    """Render ``plan``, check it against the decree and write it to ``target`` atomically; returns ``target``."""
    write_atomic(render_checked(plan, templates)[0], target)
    return target
