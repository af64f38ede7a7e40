"""Plans: ``load_plan(path)`` reads a YAML plan and returns a validated ``Plan``, or raises PlanError."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from docgen.errors import PlanError, Problem
from docgen.plan.inline import citations
from docgen.plan.model import Gach, KinhPhi, Muc, PhanCong, Plan, VanBan, document_problems
from docgen.plan.messages import known_keys, message_for
from docgen.plan.source import Source, read_source

__all__ = ["load_plan", "Plan", "validate_data"]

FieldPath = tuple[str | int, ...]


@lru_cache(maxsize=1)
def _vocabulary() -> set[str]:
    return known_keys(Plan)


def load_plan(path: str | Path) -> Plan:
    """The plan in ``path``, validated; PlanError listing every problem with file, line and field."""
    source = read_source(Path(path))
    return validate_data(source)


def validate_data(source: Source) -> Plan:
    """``source``'s data as a Plan; PlanError listing every problem found."""
    try:
        plan = Plan.model_validate(source.data)
    except ValidationError as exc:
        raise PlanError([_problem(source, err) for err in exc.errors(include_url=False)]) from None
    problems = [_located(source, field, message) for field, message in _cross_check(plan)]
    if problems:
        raise PlanError(problems)
    return plan


def _problem(source: Source, error: dict[str, Any]) -> Problem:
    field = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("#")))
    if error["type"] == "extra_forbidden":
        where = source.locate_key(field)
    else:
        where = source.locate(field)
    line, column = where if where else (None, None)
    return Problem(source.path, line, column, field, message_for(error, _vocabulary()))


def _located(source: Source, field: FieldPath, message: str) -> Problem:
    where = source.locate(field)
    line, column = where if where else (None, None)
    return Problem(source.path, line, column, field, message)


def _texts(plan: Plan) -> Iterator[tuple[FieldPath, str]]:
    """Every free text of the plan in which citations may stand, with its field path."""
    if plan.mo_dau:
        yield ("mo_dau",), plan.mo_dau
    if plan.ket_thuc:
        yield ("ket_thuc",), plan.ket_thuc
    yield from _section_texts(plan.noi_dung, ("noi_dung",))


def _section_texts(sections: list[Muc], path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    for i, section in enumerate(sections):
        here = (*path, i)
        if section.tieu_de:
            yield (*here, "tieu_de"), section.tieu_de
        for j, block in enumerate(section.doan):
            at = (*here, "doan", j)
            if isinstance(block, str):
                yield at, block
            elif isinstance(block, Gach):
                yield (*at, "gach"), block.gach
                for k, sub in enumerate(block.cong):
                    yield (*at, "cong", k), sub
            elif isinstance(block, PhanCong):
                yield (*at, "nhiem_vu"), block.nhiem_vu
            elif isinstance(block, KinhPhi) and block.ghi_chu:
                yield (*at, "ghi_chu"), block.ghi_chu
        yield from _section_texts(section.muc, (*here, "muc"))


def _funding(sections: list[Muc], path: FieldPath) -> Iterator[tuple[FieldPath, KinhPhi]]:
    for i, section in enumerate(sections):
        for j, block in enumerate(section.doan):
            if isinstance(block, KinhPhi):
                yield (*path, i, "doan", j), block
        yield from _funding(section.muc, (*path, i, "muc"))


def _cross_check(plan: Plan) -> Iterator[tuple[FieldPath, str]]:
    """(field, message) for what no single field can see: codes, citations, dates."""
    codes: dict[str, FieldPath] = {}
    for field, doc, group in plan.documents():
        for name, message in document_problems(doc, group):
            yield field, message
        if doc.ma is not None:
            if doc.ma in codes:
                yield (*field, "ma"), f'mã "{doc.ma}" đã dùng cho một văn bản khác; mỗi văn bản một mã riêng'
            codes[doc.ma] = field
        if doc.ngay is not None and _after(doc.ngay, plan):
            yield (*field, "ngay"), (
                f"văn bản được viện dẫn ngày {doc.ngay:%d/%m/%Y} lại sau ngày ban hành của chính văn bản này"
            )
    for field, text in _texts(plan):
        for code, _full in citations(text):
            if code not in codes:
                yield field, _unknown(code, codes)
    for field, block in _funding(plan.noi_dung, ("noi_dung",)):
        for k, code in enumerate(block.theo):
            if code not in codes:
                yield (*field, "theo", k), _unknown(code, codes)


def _unknown(code: str, codes: dict[str, FieldPath]) -> str:
    return f'trích dẫn [[{code}]] không khớp mã "ma" của văn bản nào trong "can_cu" hay "tham_chieu"'


def _after(day: dt.date, plan: Plan) -> bool:
    """True when ``day`` is certainly after the plan's own date (blank parts give it the benefit of the doubt)."""
    own = plan.ngay
    month = own.month or 12
    last = own.day or calendar.monthrange(own.year, month)[1]
    return day > dt.date(own.year, month, last)


def documents_by_code(plan: Plan) -> dict[str, tuple[VanBan, Any]]:
    """Each coded document of the plan with its căn cứ group (or None)."""
    return {doc.ma: (doc, group) for _field, doc, group in plan.documents() if doc.ma}
