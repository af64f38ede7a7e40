"""The prepared-template path makes the same document as docxtpl used plainly (what a reader sees)."""

from __future__ import annotations

import io

import docx
import pytest
from docx_helpers import paragraph_format, paragraphs, run_format

from conftest import PLANS
from docgen.plan import load_plan
from docgen.render.engine import render_bytes, render_with_docxtpl


def _seen(data: bytes) -> list:
    """Every paragraph's text, style, alignment, indent and each run's font, size, bold and italic;
    the page, margins, headers and footers."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for p in paragraphs(document):
        out.append((p.text, p.style.name, paragraph_format(p, "alignment"), paragraph_format(p, "first_line_indent"),
                    paragraph_format(p, "left_indent"),
                    [(r.text, run_format(r, p, "name"), run_format(r, p, "size"), run_format(r, p, "bold"),
                      run_format(r, p, "italic")) for r in p.runs]))
    for section in document.sections:
        out.append((section.page_width, section.page_height, section.left_margin, section.right_margin,
                    section.top_margin, section.bottom_margin, section.different_first_page_header_footer))
        for part in (section.header, section.first_page_header, section.footer, section.first_page_footer):
            out.append(part._element.xml)
    props = document.core_properties
    out.append((props.title, props.subject, props.author))
    return out


@pytest.mark.parametrize("name", ["ngoc-lien-2026-ke-hoach", "bach-thong-2024-cong-van"])
def test_fast_path_makes_the_same_document_as_plain_docxtpl(name):
    plan = load_plan(PLANS / f"{name}.yaml")
    fast, plain = _seen(render_bytes(plan)), _seen(render_with_docxtpl(plan))
    assert len(fast) == len(plain)
    for a, b in zip(fast, plain):
        assert a == b


def test_fast_path_is_reproducible_and_reuses_the_prepared_template():
    from docgen.render.engine import _template_path, prepared_template

    plan = load_plan(PLANS / "ngoc-lien-2026-ke-hoach.yaml")
    assert render_bytes(plan) == render_bytes(plan)
    path = _template_path(plan, None)
    assert prepared_template(path) is prepared_template(path)


def test_package_holds_every_part_exactly_whichever_way_it_is_zipped():
    """The template's own parts are zipped once and reused; a part given with other bytes is zipped anew."""
    import zipfile

    from docgen.render.engine import _core, _template_path, prepared_template
    from docgen.render.context import build_context

    plan = load_plan(PLANS / "ngoc-lien-2026-ke-hoach.yaml")
    template = prepared_template(_template_path(plan, None))
    parts = template.render_parts(build_context(plan, template.geometry), _core(plan))
    changed = dict(parts)
    changed["word/styles.xml"] = parts["word/styles.xml"].replace(b"Times New Roman", b"Times New Roman ")
    for given in (parts, changed):
        with zipfile.ZipFile(io.BytesIO(template.package(given))) as package:
            assert package.testzip() is None
            names = package.namelist()
            assert names[0] == "[Content_Types].xml"
            assert sorted(names) == sorted(template.names)
            assert {name: package.read(name) for name in names} == given
    assert template.package(parts) == template.package(dict(parts))
