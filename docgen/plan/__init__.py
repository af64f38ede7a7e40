"""Plans: ``load_plan(path)`` reads a YAML plan and returns a validated ``Plan``, or raises PlanError."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from docgen.errors import PlanError, Problem
from docgen.gcpause import gc_paused
from docgen.kinds import ISSUING, KINDS
from docgen.plan.inline import citations, note_refs
from docgen.plan.model import (
    Bang,
    Gach,
    KinhPhi,
    Muc,
    Nhom,
    PhanCong,
    Plan,
    SharedGroups,
    VanBan,
    document_problems,
)
from docgen.plan.messages import did_you_mean, known_keys, message_for
from docgen.plan.source import Source, read_source

__all__ = ["load_plan", "Plan", "validate_data", "expand_groups", "shared_files", "issued", "decision_of",
           "QUYET_DINH_SUFFIX"]

FieldPath = tuple[str | int, ...]


@lru_cache(maxsize=1)
def _vocabulary() -> set[str]:
    return known_keys(Plan)


def load_plan(path: str | Path, raw: bytes | None = None) -> Plan:
    """The plan in ``path`` (or ``raw``, the text of a plan that would stand at ``path``, its shared files beside
    it), validated; PlanError listing every problem with file, line and field."""
    with gc_paused():
        return validate_data(expand_groups(read_source(Path(path), raw)))


def shared_paths(plan: Path, names: list[str]) -> list[Path]:
    """The shared files named ``names`` (as a validated plan's ``dung_chung`` holds them), resolved."""
    root = plan.resolve().parent
    return [(root / name).resolve() for name in names]


def shared_files(source: Source) -> list[Path]:
    """The shared files ``source`` names in ``dung_chung``, resolved (PlanError if one leaves its folder)."""
    names = source.data.get("dung_chung") or []
    if not isinstance(names, list):
        return []
    root = source.path.resolve().parent
    out, problems = [], []
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name.strip():
            continue  # the model reports it
        try:
            target = (root / name).resolve()
            exists = target.is_file()
        except (OSError, ValueError) as exc:  # a NUL in the name, a name too long, a loop of links
            problems.append(_located(source, ("dung_chung", i), f'tên tệp dùng chung "{name[:80]}" không hợp lệ '
                                     f"({getattr(exc, 'strerror', None) or exc})"))
            continue
        if Path(name).is_absolute() or not target.is_relative_to(root):
            problems.append(_located(source, ("dung_chung", i),
                                     f'tệp "{name}" nằm ngoài thư mục của kế hoạch ({root}); chỉ dùng tệp trong thư mục này'))
        elif target == source.path.resolve():
            problems.append(_located(source, ("dung_chung", i), f'tệp dùng chung "{name}" là chính tệp kế hoạch này'))
        elif not exists:
            problems.append(_located(source, ("dung_chung", i), f'không tìm thấy tệp dùng chung "{name}"'))
        else:
            out.append(target)
    if problems:
        raise PlanError(problems)
    return out


def expand_groups(source: Source) -> Source:
    """``source`` with every ``{nhom: name}`` in kinh_gui and noi_nhan replaced by that group's recipients."""
    groups: dict[str, list[str]] = {}
    for path in shared_files(source):
        shared = read_source(path)
        try:
            groups |= SharedGroups.model_validate(shared.data).nhom
        except ValidationError as exc:
            raise PlanError([_problem(shared, err) for err in exc.errors(include_url=False)]) from None
    data = dict(source.data)
    problems = []
    for key in ("kinh_gui", "noi_nhan"):
        items = data.get(key)
        if isinstance(items, dict) and set(items) == {"nhom"}:
            items = [items]  # one group, written without the list around it
        if not isinstance(items, list):
            continue
        expanded: list[Any] = []
        for i, item in enumerate(items):
            if isinstance(item, dict) and set(item) == {"nhom"}:
                name = item["nhom"]
                if name in groups:
                    expanded += groups[name]
                    continue
                hint = did_you_mean(str(name), groups)
                where = "trong các tệp dung_chung" if groups else '(chưa khai báo tệp nào trong "dung_chung")'
                problems.append(_located(source, (key, i, "nhom"), f'không có nhóm nơi nhận "{name}" {where}{hint}'))
            expanded.append(item)
        data[key] = expanded
    if problems:
        raise PlanError(problems)
    return source.with_data(data) if groups else source


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


QUYET_DINH_SUFFIX = "-quyet-dinh"
"""A plan issued by a Quyết định writes it beside its own document, under the plan's name with this suffix."""


def issued(plan: Plan) -> list[tuple[str, Plan]]:
    """The documents ``plan`` issues, each as (suffix of its file name, plan of it): the plan's own document,
    then the Quyết định that issues it, when it has one (``quyet_dinh``)."""
    if plan.quyet_dinh is None:
        return [("", plan)]
    return [("", plan), (QUYET_DINH_SUFFIX, decision_of(plan))]


def _sentence_start(text: str) -> str:
    """``text`` as it reads inside a sentence: its first letter small, unless the first word is an abbreviation
    or a name in capitals ("UBND", "COVID-19")."""
    word = text.split(" ", 1)[0]
    if len(word) > 1 and word[1:].islower():
        return text[0].lower() + text[1:]
    return text


def decision_of(plan: Plan) -> Plan:
    """The Quyết định that issues ``plan``'s document, from the same data (Phụ lục III, Mẫu 1.3): its trích yếu
    "Ban hành Kế hoạch …", Điều 1 naming the document, Điều 2 its effect, Điều 3 who carries it out, unless the
    plan writes its own; its căn cứ (the decision's own, then the plan's: the document attached prints none); the
    plan's signature and recipients unless the decision has its own."""
    decision = plan.quyet_dinh
    kind = KINDS[plan.loai]
    title = " ".join(plan.trich_yeu.split())
    named = f"{kind.name} {_sentence_start(title)}"
    articles = decision.dieu or [
        Muc(doan=[f"Ban hành kèm theo Quyết định này {named}."]),
        Muc(doan=[decision.hieu_luc]),
        Muc(doan=[f"{decision.thi_hanh.rstrip('. ')} chịu trách nhiệm thi hành Quyết định này."]),
    ]
    return plan.model_copy(update={
        "loai": ISSUING,
        "so": decision.so,
        "ngay": decision.ngay or plan.ngay,
        "trich_yeu": decision.trich_yeu or f"Ban hành {named}",
        "can_cu": [*decision.can_cu, *plan.can_cu],
        "kinh_gui": [],
        "mo_dau": [],
        "noi_dung": articles,
        "ket_thuc": [],
        "ky": decision.ky or plan.ky,
        "noi_nhan": decision.noi_nhan or plan.noi_nhan,
        "phu_luc": [],
        "tham_quyen": decision.tham_quyen,
        "theo_de_nghi": decision.theo_de_nghi,
        "nhu_dieu": decision.nhu_dieu,
        "quyet_dinh": None,
    })


def _problem(source: Source, error: dict[str, Any]) -> Problem:
    field = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("#")))
    if error["type"] == "extra_forbidden":
        where = source.locate_key(field)
    else:
        where = source.locate(field)
    line, column = where if where else (None, None)
    return Problem(source.path, line, column, field, message_for(error, _vocabulary(), Plan))


def _value_at(data: Any, field: FieldPath) -> Any:
    for key in field:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _located(source: Source, field: FieldPath, message: str) -> Problem:
    # a problem with a whole section (a mapping) is named at its key ("quyet_dinh:"), not at its first line
    where = source.locate_key(field) if isinstance(_value_at(source.data, field), dict) else source.locate(field)
    line, column = where if where else (None, None)
    return Problem(source.path, line, column, field, message)


def _blocks(plan: Plan) -> list[tuple[FieldPath, Any]]:
    """Every paragraph block of the plan, in order, with its field path (a section's title counts as one)."""
    out: list[tuple[FieldPath, Any]] = [(("mo_dau", j), block) for j, block in enumerate(plan.mo_dau)]
    _section_blocks(plan.noi_dung, ("noi_dung",), out)
    out += [(("ket_thuc", j), block) for j, block in enumerate(plan.ket_thuc)]
    if plan.quyet_dinh is not None:
        _section_blocks(plan.quyet_dinh.dieu, ("quyet_dinh", "dieu"), out)
    for i, annex in enumerate(plan.phu_luc):
        out.append((("phu_luc", i, "tieu_de"), annex.tieu_de))
        out += [(("phu_luc", i, "doan", j), block) for j, block in enumerate(annex.doan)]
        _section_blocks(annex.muc, ("phu_luc", i, "muc"), out)
    return out


def _section_blocks(sections: list[Muc], path: FieldPath, out: list[tuple[FieldPath, Any]]) -> None:
    for i, section in enumerate(sections):
        here = (*path, i)
        if section.tieu_de:
            out.append(((*here, "tieu_de"), section.tieu_de))
        out += [((*here, "doan", j), block) for j, block in enumerate(section.doan)]
        if section.muc:
            _section_blocks(section.muc, (*here, "muc"), out)


def _cites(text: str) -> bool:
    """True when ``text`` may cite a document ("[[") or a footnote ("[^", "^[")."""
    return "[[" in text or "^" in text


def _citing_texts(at: FieldPath, block: Any) -> list[tuple[FieldPath, str]]:
    """The free texts of ``block`` that may cite a document or a footnote, with their field paths."""
    if isinstance(block, str):  # most blocks: a paragraph's text
        return [(at, block)] if "[[" in block or "^" in block else []
    if isinstance(block, Gach):
        found = [((*at, "gach"), block.gach), *(((*at, "cong", k), sub) for k, sub in enumerate(block.cong))]
    elif isinstance(block, PhanCong):
        found = [((*at, "nhiem_vu"), block.nhiem_vu)]
    elif isinstance(block, KinhPhi) and block.ghi_chu:
        found = [((*at, "ghi_chu"), block.ghi_chu)]
    elif isinstance(block, Bang):
        found = [((*at, "bang"), block.bang)] if block.bang else []
        found += [((*at, "cot", k), c) if isinstance(c, str) else ((*at, "cot", k, "ten"), c.ten)
                  for k, c in enumerate(block.cot)]
        for r, row in enumerate(block.hang):  # a table has many cells, and few cite
            if isinstance(row, Nhom):
                found.append(((*at, "hang", r, "nhom"), row.nhom))
            else:
                found += [((*at, "hang", r, k), cell) for k, cell in enumerate(row) if isinstance(cell, str) and
                          ("[[" in cell or "^" in cell)]
    else:
        return []
    return [(field, text) for field, text in found if _cites(text)]


def _cross_check(plan: Plan) -> Iterator[tuple[FieldPath, str]]:
    """(field, message) for what no single field can see: codes, citations, dates."""
    kind = KINDS[plan.loai]
    if not (plan.noi_dung or plan.mo_dau or plan.ket_thuc):
        yield ("noi_dung",), 'văn bản chưa có nội dung: cần "noi_dung" (hoặc "mo_dau", "ket_thuc")'
    if not plan.noi_nhan and not (kind.nhu_dieu or plan.kinh_gui):
        yield ("noi_nhan",), ('cần ít nhất một nơi nhận trong "noi_nhan" (dòng "- Lưu: VT, …." docgen tự thêm; '
                              'chỉ Quyết định, với "- Như Điều …;", và văn bản có Kính gửi, với "- Như trên;", '
                              'được để trống)')
    if kind.kinh_gui == "required" and not plan.kinh_gui:
        yield ("loai",), f'{kind.name} cần mục "kinh_gui" (nơi nhận chính, ghi sau "Kính gửi:")'
    if kind.kinh_gui == "never" and plan.kinh_gui:
        yield ("kinh_gui",), f'{kind.name} không có phần "Kính gửi"; hãy bỏ mục "kinh_gui"'
    for name, message in plan.ky.problems():
        yield ("ky", *name), message
    yield from _decision_problems(plan, kind)
    codes: dict[str, FieldPath] = {code: ("so_lieu", code) for code in plan.so_lieu}
    for code, (field, _figure) in plan.table_figures().items():
        if code in codes:
            yield field, f'mã "{code}" đã dùng cho một văn bản hoặc số liệu khác; mỗi mã chỉ dùng một lần'
        codes[code] = field
    for i, annex in enumerate(plan.phu_luc):
        if annex.ma is not None:
            if annex.ma in codes:
                yield ("phu_luc", i, "ma"), f'mã "{annex.ma}" đã dùng cho một văn bản hoặc số liệu khác; mỗi mã chỉ dùng một lần'
            codes[annex.ma] = ("phu_luc", i)
    yield from _table_problems(plan)
    for field, doc, group in plan.documents():
        for name, message in document_problems(doc, group):
            yield field, message
        if doc.ma is not None:
            if doc.ma in codes:
                yield (*field, "ma"), f'mã "{doc.ma}" đã dùng cho một văn bản hoặc số liệu khác; mỗi mã chỉ dùng một lần'
            codes[doc.ma] = field
        if doc.ngay is not None and _after(doc.ngay, plan):
            yield (*field, "ngay"), (
                f"văn bản được viện dẫn ngày {doc.ngay:%d/%m/%Y} lại sau ngày ban hành của chính văn bản này"
            )
    texts: list[tuple[FieldPath, str]] = []
    used: set[str] = set()
    forms: dict[str, set[str]] = {}  # the forms each code is cited in
    for at, block in _blocks(plan):
        texts += _citing_texts(at, block)
        if isinstance(block, KinhPhi):
            for k, code in enumerate(block.theo):
                forms.setdefault(code, set()).add("")
                if code not in codes or code in plan.so_lieu:
                    yield (*at, "theo", k), _unknown(code, codes)
    texts += [((*field, "chu_thich"), doc.chu_thich) for field, doc, _group in plan.documents() if doc.chu_thich]
    texts += [(("kinh_gui", i), text) for i, text in enumerate(plan.kinh_gui) if _cites(text)]
    if plan.theo_de_nghi and _cites(plan.theo_de_nghi):  # "Theo đề nghị của … tại [[tt752]]."
        texts.append((("theo_de_nghi",), plan.theo_de_nghi))
    if plan.quyet_dinh is not None:  # the issuing Quyết định's own sentences cite the plan's documents too
        texts += [(("quyet_dinh", name), text) for name in ("theo_de_nghi", "thi_hanh", "hieu_luc")
                  if (text := getattr(plan.quyet_dinh, name)) and _cites(text)]
    texts += [(("trich_yeu",), plan.trich_yeu)] if _cites(plan.trich_yeu) else []
    used.update(doc.chu_thich for _field, doc, _group in plan.documents() if doc.chu_thich in plan.chu_thich)
    for field, doc, _group in plan.documents():
        if doc.trich_yeu and ("[[" in doc.trich_yeu or "^" in doc.trich_yeu and _NOTE_MARK.search(doc.trich_yeu)):
            yield (*field, "trich_yeu"), ("trích yếu của văn bản được viện dẫn ghi như trên văn bản đó, không dùng "
                                          "trích dẫn [[…]] hay chú thích; chú thích cho căn cứ ghi ở mục \"chu_thich\"")
    notes = [(("chu_thich", code), text) for code, text in plan.chu_thich.items()]
    for field, text in [*texts, *notes]:
        for code, form in citations(text):
            forms.setdefault(code, set()).add(form)
            if code not in codes:
                yield field, _unknown(code, codes)
        if "^" not in text:
            continue
        if field[0] == "chu_thich" or field[-1] == "chu_thich":
            if "^[" in text or "[^" in text:
                yield field, "trong một chú thích không đặt thêm chú thích"
            continue
        if field == ("trich_yeu",):
            if _NOTE_MARK.search(text):
                yield field, "trích yếu không có chú thích; hãy đặt chú thích ở đoạn mở đầu"
            continue
        for code in note_refs(text):
            if code not in plan.chu_thich:
                yield field, (f'chú thích [^{code}] không có trong "chu_thich"{did_you_mean(code, plan.chu_thich)}; '
                              "muốn viết chú thích ngay tại chỗ thì ghi ^[nội dung chú thích]")
        used.update(note_refs(text))
        if _SPACED_NOTE.search(text):
            yield field, ('chú thích viết tại chỗ ghi là ^[nội dung chú thích] (dấu ^ đứng trước dấu ngoặc vuông); '
                          '[^mã] chỉ dùng cho chú thích khai báo trong "chu_thich"')
    full = {"+", ""} if plan.vien_dan.lan_sau == "rut-gon" else {"+"}  # the forms that print the trích yếu
    for i, doc in enumerate(plan.tham_chieu):
        if doc.trich_yeu is None and doc.ma is not None and forms.get(doc.ma, set()) & full:
            yield ("tham_chieu", i, "trich_yeu"), (
                f'cần ghi trích yếu: văn bản "{doc.ma}" được dẫn đầy đủ (ngày, cơ quan và trích yếu) '
                + ("lần đầu tiên" if "" in forms[doc.ma] & full else f"ở [[{doc.ma}+]]"))
    for code in plan.chu_thich:
        if code not in used:
            yield ("chu_thich", code), (f'chú thích "{code}" không được gắn vào chỗ nào; hãy ghi [^{code}] sau chữ cần '
                                        "chú thích, hoặc bỏ chú thích này")


def _articles(sections: list[Muc]) -> int:
    return sum(1 for section in sections if section.danh_so == "tu-dong")


def _decision_problems(plan: Plan, kind) -> Iterator[tuple[FieldPath, str]]:
    """What only a Quyết định has, asked of another kind; a Quyết định issuing a kind that is not so issued; a
    "- Như Điều N;" past the last article."""
    if not kind.dieu:
        for name in ("tham_quyen", "theo_de_nghi", "nhu_dieu"):
            if getattr(plan, name) is not None:
                yield (name,), (f'"{name}" chỉ dùng cho Quyết định (loai: quyet-dinh); {kind.name} ban hành bằng '
                                'Quyết định thì ghi trong mục "quyet_dinh"')
    if plan.nhu_dieu is not None and kind.nhu_dieu and plan.nhu_dieu > _articles(plan.noi_dung):
        yield ("nhu_dieu",), f"Quyết định chỉ có {_articles(plan.noi_dung)} điều, không có Điều {plan.nhu_dieu}"
    decision = plan.quyet_dinh
    if decision is None:
        return
    if kind.attached is None:
        allowed = ", ".join(k.name for k in KINDS.values() if k.attached)
        yield ("quyet_dinh",), (f"{kind.name} không ban hành kèm theo Quyết định; chỉ {allowed} được ban hành "
                                'kèm theo Quyết định. Hãy bỏ mục "quyet_dinh"')
        return
    count = _articles(decision.dieu) if decision.dieu else 3
    if decision.nhu_dieu is not None and decision.nhu_dieu > count:
        yield ("quyet_dinh", "nhu_dieu"), f"Quyết định chỉ có {count} điều, không có Điều {decision.nhu_dieu}"
    if plan.so is not None:
        yield ("so",), ('văn bản ban hành kèm theo Quyết định không có số riêng; số ghi ở "quyet_dinh: so" '
                        "(số của Quyết định)")
    if decision.ngay is not None and decision.ngay != plan.ngay:
        yield ("quyet_dinh", "ngay"), (
            "văn bản ban hành kèm theo Quyết định mang ngày của Quyết định; hãy ghi một ngày ở \"ngay\" và bỏ "
            "\"quyet_dinh: ngay\"")


_NOTE_MARK = re.compile(r"\^\[|\[\^")
_SPACED_NOTE = re.compile(r"\[\^[^\]]*\s[^\]]*\]")  # "[^a note with spaces]": meant as ^[…]


_TOTAL_ROW = re.compile(r"(?i)\s*(tổng\s+cộng|tổng\s+số|cộng)\s*:?\s*$")


def _table_problems(plan: Plan) -> Iterator[tuple[FieldPath, str]]:
    """A total the plan writes that its rows do not add up to; words asked of an amount not in money."""
    from docgen.vn import so
    from docgen.vn.words import DON_VI_TIEN

    for path, table in plan.tables():
        totals = table.totals()
        for k, column in enumerate(table.cot):
            if isinstance(column, str) or isinstance(column.tong, bool):
                continue
            if Decimal(str(column.tong)) != totals[k]:
                yield (*path, "cot", k, "tong"), (
                    f'cột "{column.ten}" của bảng{f" «{table.bang}»" if table.bang else ""}: tổng cộng ghi '
                    f"{so(column.tong)} nhưng cộng các hàng được {so(totals[k])}; hãy sửa số ở các hàng hoặc số tổng")
        if totals:
            for r, row in enumerate(table.hang):
                if isinstance(row, list) and any(isinstance(cell, str) and _TOTAL_ROW.match(cell) for cell in row):
                    yield (*path, "hang", r), ('đây là hàng tổng cộng: docgen tự cộng các cột có "tong" và in hàng '
                                               '"Tổng cộng"; hãy bỏ hàng này (muốn kiểm tra số tổng thì ghi nó vào '
                                               '"tong" của cột)')
        if table.bang_chu and (table.don_vi_tinh or "").strip().lower() not in DON_VI_TIEN:
            yield (*path, "bang_chu"), (f'"bang_chu" đọc số tiền: "don_vi_tinh" cần là một đơn vị tiền '
                                        f'({", ".join(DON_VI_TIEN)}), đang là "{table.don_vi_tinh or ""}"')


def _unknown(code: str, codes: dict[str, FieldPath]) -> str:
    return (f'trích dẫn [[{code}]] không khớp mã "ma" của văn bản nào trong "can_cu", "tham_chieu" '
            f'hay số liệu trong "so_lieu"{did_you_mean(code, codes)}')


def _after(day: dt.date, plan: Plan) -> bool:
    """True when ``day`` is certainly after the plan's own date (blank parts give it the benefit of the doubt)."""
    own = plan.ngay
    month = own.month or 12
    last = own.day or calendar.monthrange(own.year, month)[1]
    return day > dt.date(own.year, month, last)


def documents_by_code(plan: Plan) -> dict[str, tuple[VanBan, Any]]:
    """Each coded document of the plan with its căn cứ group (or None)."""
    return {doc.ma: (doc, group) for _field, doc, group in plan.documents() if doc.ma}
