"""docgen: Vietnamese administrative documents (Nghị định 30/2020/NĐ-CP) from YAML plans.

The pipeline: ``load_plan(path)`` → ``render_docx(plan, target)``; everything a person
should read is raised as a ``DocgenError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["load_plan", "render_docx", "DocgenError", "PlanError", "RenderError", "TemplateError"]

if TYPE_CHECKING:
    from docgen.errors import DocgenError, PlanError, RenderError, TemplateError
    from docgen.plan import load_plan
    from docgen.render.engine import render_docx


def __getattr__(name: str) -> Any:
    # Lazy: `docgen --help` must not pay for pydantic, docxtpl and lxml, and the command line starts its
    # imports with the cycle collector paused (docgen/cli.py) before any of them.
    if name in ("DocgenError", "PlanError", "RenderError", "TemplateError"):
        from docgen import errors

        return getattr(errors, name)
    if name == "load_plan":
        from docgen.plan import load_plan

        return load_plan
    if name == "render_docx":
        from docgen.render.engine import render_docx

        return render_docx
    raise AttributeError(name)
