"""``docgen diff``: what changed between two versions of a document, in the document's own terms.

Two plans are compared by their structure: legal bases and cited documents, figures, Kính gửi
and Nơi nhận, sections (matched by title, so renumbering is not a change) and their paragraphs,
down to the words. Two .docx files (or a plan against its built document) are compared
paragraph by paragraph.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Change", "diff_paths", "diff_plans", "diff_lines", "report"]

_NUMBER = re.compile(r"^[-+]?\d[\d.,]*%?$")


@dataclass(frozen=True)
class Change:
    """One change: ``+`` added, ``-`` removed, ``~`` edited; what, where, and the words."""

    sign: str
    what: str
    where: str = ""
    detail: str = ""

    def _replace_where(self, where: str) -> Change:
        return Change(self.sign, self.what, where, self.detail)

    def line(self) -> str:
        """The change on one line for a person."""
        out = f"{self.sign} {self.what}"
        if self.where:
            out += f" ở {self.where}"
        return out + (f": {self.detail}" if self.detail else "")


def _words_changed(old: str, new: str) -> tuple[str, bool]:
    """The changed words as "cũ → mới" pieces, and whether every changed word is a number."""
    a, b = old.split(), new.split()
    pieces, numeric = [], True
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        numeric &= all(_NUMBER.match(w.strip(".,;:()")) for w in (*a[i1:i2], *b[j1:j2]))
        pieces.append(f'"{removed}" → "{added}"' if removed and added else
                      (f'thêm "{added}"' if added else f'bỏ "{removed}"'))
    return "; ".join(pieces), numeric and bool(pieces)


def _edited(what: str, where: str, old: str, new: str) -> Change:
    detail, numeric = _words_changed(old, new)
    return Change("~", "Sửa số liệu" if numeric else what, where, detail)


def _list_diff(old: list[str], new: list[str], noun: str) -> Iterator[Change]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and i2 - i1 == j2 - j1:
            for a, b in zip(old[i1:i2], new[j1:j2]):
                yield _edited(f"Sửa {noun}", "", a, b)
            continue
        for item in old[i1:i2]:
            yield Change("-", f"Bỏ {noun}", detail=f'"{item}"')
        for item in new[j1:j2]:
            yield Change("+", f"Thêm {noun}", detail=f'"{item}"')


def diff_lines(old: list[str], new: list[str], where: str = "", noun: str = "đoạn") -> Iterator[Change]:
    """Changes between two lists of paragraphs: added, removed, and edited (with the words)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news:  # pair what was replaced, most alike first
            a, b = olds.pop(0), news.pop(0)
            if difflib.SequenceMatcher(None, a.split(), b.split()).ratio() >= 0.5:
                yield _edited(f"Sửa {noun}", where, a, b)
            else:
                yield Change("-", f"Bỏ {noun}", where, f'"{_short(a)}"')
                yield Change("+", f"Thêm {noun}", where, f'"{_short(b)}"')
        yield from (Change("-", f"Bỏ {noun}", where, f'"{_short(a)}"') for a in olds)
        yield from (Change("+", f"Thêm {noun}", where, f'"{_short(b)}"') for b in news)


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- plans -------------------------------------------------------------------------------------


_LABEL = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]+\)|[-+])\s+")


def _unlabelled(text: str) -> str:
    """``text`` without its leading number (I., 1., 4.1., a), -, +): renumbering is not a change."""
    return _LABEL.sub("", text.strip(), count=1)


def _sections(plan) -> dict[tuple[str, ...], tuple[str, list[str]]]:
    """Each section's trail of titles → (its heading as printed, its paragraphs without numbers), in order."""
    from docgen.render.context import Body

    out: dict[tuple[str, ...], tuple[str, list[str]]] = {}
    for line in Body.of(plan).out:
        heading, paragraphs = out.get(line.trail, ("", []))
        if line.head and not heading:
            heading = "".join(s.text for s in line.head).strip()
            if line.text:
                paragraphs.append(_unlabelled("".join(s.text for s in line.text)))
        else:
            if not heading and line.trail:
                heading = line.plain[:60] + ("…" if len(line.plain) > 60 else "")
            paragraphs.append(_unlabelled(line.plain))
        out[line.trail] = (heading, paragraphs)
    return out


def _documents(plan) -> dict[str, str]:
    from docgen.render.context import citation

    return {doc.so or doc.trich_yeu: citation(doc, group, full=True) for _f, doc, group in plan.documents()}


def diff_plans(old, new) -> list[Change]:
    """The changes from plan ``old`` to plan ``new``, in document order; for a plan issued by a Quyết định,
    what changed in the Quyết định too."""
    from docgen.vn import ngay_thang_nam, so

    changes: list[Change] = []
    both = " (cả văn bản và Quyết định ban hành)" if old.quyet_dinh or new.quyet_dinh else ""
    for field, noun in (("trich_yeu", "trích yếu"), ("dia_danh", "địa danh")):
        if getattr(old, field) != getattr(new, field):
            changes.append(_edited(f"Sửa {noun}{both}", "", getattr(old, field), getattr(new, field)))
    if old.ngay != new.ngay:
        changes.append(Change("~", f"Sửa ngày ban hành{both}", "",
                              f'"{ngay_thang_nam(old.ngay)}" → "{ngay_thang_nam(new.ngay)}"'))
    if old.so != new.so:
        changes.append(Change("~", "Sửa số văn bản", "", f'"{_number(old.so)}" → "{_number(new.so)}"'))
    a, b = _documents(old), _documents(new)
    changes += [Change("-", "Bỏ văn bản viện dẫn", detail=f'"{a[k]}"') for k in a if k not in b]
    changes += [Change("+", "Thêm văn bản viện dẫn", detail=f'"{b[k]}"') for k in b if k not in a]
    changes += [_edited("Sửa văn bản viện dẫn", k, a[k], b[k]) for k in a if k in b and a[k] != b[k]]
    fa = {k: so(v.gia_tri, v.thap_phan, v.don_vi) for k, v in old.so_lieu.items()}
    fb = {k: so(v.gia_tri, v.thap_phan, v.don_vi) for k, v in new.so_lieu.items()}
    changes += [Change("~", "Sửa số liệu", k, f'"{fa[k]}" → "{fb[k]}"') for k in fa if k in fb and fa[k] != fb[k]]
    changes += [Change("-", "Bỏ số liệu", k) for k in fa if k not in fb]
    changes += [Change("+", "Thêm số liệu", k, f'"{fb[k]}"') for k in fb if k not in fa]
    changes += list(_list_diff(list(old.kinh_gui), list(new.kinh_gui), "nơi nhận (Kính gửi)"))
    changes += list(_section_diff(_sections(old), _sections(new)))
    changes += list(_list_diff(list(old.noi_nhan), list(new.noi_nhan), "nơi nhận"))
    if old.ky != new.ky:
        changes.append(Change("~", "Sửa người ký", detail=f'"{old.ky.ho_ten}" → "{new.ky.ho_ten}"'
                              if old.ky.ho_ten != new.ky.ho_ten else "quyền hạn hoặc chức vụ"))
    changes += _decision_diff(old, new)
    return changes


def _number(so: int | None) -> str:
    from docgen.vn import so_van_ban

    return so_van_ban(so) if so is not None else "(chưa có số)"


def _decision_diff(old, new) -> list[Change]:
    """What changed in the Quyết định that issues the plan (``quyet_dinh``), in its own terms: its number, its
    căn cứ and articles as printed, who carries it out, its signer and recipients."""
    from docgen.plan import decision_of

    if old.quyet_dinh is None and new.quyet_dinh is None:
        return []
    if old.quyet_dinh is None:
        return [Change("+", "Thêm Quyết định ban hành", detail=f'số {_number(new.quyet_dinh.so)}')]
    if new.quyet_dinh is None:
        return [Change("-", "Bỏ Quyết định ban hành", detail="văn bản ban hành riêng, có số và chữ ký của mình")]
    a, b = decision_of(old), decision_of(new)
    out = []
    if a.so != b.so:
        out.append(Change("~", "Sửa số Quyết định ban hành", "", f'"{_number(a.so)}" → "{_number(b.so)}"'))
    where = "Quyết định ban hành"
    if a.trich_yeu != b.trich_yeu and old.trich_yeu == new.trich_yeu:
        out.append(_edited("Sửa trích yếu", where, a.trich_yeu, b.trich_yeu))
    for field, noun in (("tham_quyen", "thẩm quyền ban hành"), ("theo_de_nghi", "cơ quan đề nghị")):
        if getattr(a, field) != getattr(b, field):
            out.append(_edited(f"Sửa {noun}", where, getattr(a, field) or "", getattr(b, field) or ""))
    da, db = _documents(a), _documents(b)
    out += [Change("-", "Bỏ căn cứ", where, f'"{da[k]}"') for k in da if k not in db and k not in _documents(old)]
    out += [Change("+", "Thêm căn cứ", where, f'"{db[k]}"') for k in db if k not in da and k not in _documents(new)]
    sa, sb = _sections(a), _sections(b)
    for trail in sorted(set(sa) | set(sb)):
        if trail:
            out += [c._replace_where(f"{where} › Điều {trail[0].lstrip('§')}") for c in
                    diff_lines(sa.get(trail, ("", []))[1], sb.get(trail, ("", []))[1])]
    if old.quyet_dinh.ky != new.quyet_dinh.ky and a.ky != b.ky:
        out.append(Change("~", "Sửa người ký", where, f'"{a.ky.ho_ten}" → "{b.ky.ho_ten}"'))
    if old.quyet_dinh.noi_nhan != new.quyet_dinh.noi_nhan:
        out += [c._replace_where(where) for c in _list_diff(list(a.noi_nhan), list(b.noi_nhan), "nơi nhận")]
    return out


def _where(sections: dict, trail: tuple[str, ...]) -> str:
    """The section path as a reader finds it: "III. NỘI DUNG … › 2. Dự án 7 … › a) Nội dung…"."""
    if not trail:
        return "phần mở đầu, kết thúc"
    names = []
    for end in range(1, len(trail) + 1):
        heading = sections.get(trail[:end], ("", []))[0]
        names.append(heading if len(heading) <= 40 else heading[:39] + "…")
    return " › ".join(f'"{n}"' if i == len(names) - 1 else n for i, n in enumerate(names))


def _section_diff(old: dict, new: dict) -> Iterator[Change]:
    for trail, (heading, paragraphs) in new.items():
        if trail not in old:
            if not trail or trail[:-1] in new and trail[:-1] not in old:
                continue  # inside a section that is itself new
            yield Change("+", "Thêm mục", "", f'"{heading}" ({len(paragraphs)} đoạn)')
            continue
        old_heading, old_paragraphs = old[trail]
        yield from diff_lines(old_paragraphs, paragraphs, _where(new, trail))
    for trail, (heading, _paragraphs) in old.items():
        if trail and trail not in new and not (trail[:-1] in old and trail[:-1] not in new):
            yield Change("-", "Bỏ mục", "", f'"{heading}"')


# -- files -------------------------------------------------------------------------------------


def _docx_lines(data: bytes | Path) -> list[str]:
    from docgen.check.document import read_document

    return [p.stripped for p in read_document(data).paras if p.stripped]


def diff_paths(old: Path, new: Path) -> list[Change]:
    """The changes from ``old`` to ``new``: two plans, two .docx files, or a plan and a .docx (rendered first)."""
    from docgen.plan import load_plan
    from docgen.render.engine import render_bytes

    plans = [p.suffix in (".yaml", ".yml") for p in (old, new)]
    if all(plans):
        return diff_plans(load_plan(old), load_plan(new))
    other = next((p for p, is_plan in zip((old, new), plans) if not is_plan), None)
    sides = [render_bytes(_document_like(load_plan(p), other)) if is_plan else p
             for p, is_plan in zip((old, new), plans)]
    return list(diff_lines(_docx_lines(sides[0]), _docx_lines(sides[1])))


def _document_like(plan, docx: Path | None):
    """Of the documents ``plan`` issues, the one of the kind ``docx`` is (its Quyết định, or its own)."""
    from docgen.check.document import read_document
    from docgen.kinds import KINDS
    from docgen.plan import issued

    documents = issued(plan)
    if len(documents) == 1 or docx is None:
        return plan
    kind = read_document(docx).kind_name
    return next((document for _suffix, document in documents if KINDS[document.loai].name == kind), plan)


def report(old: Path, new: Path, changes: list[Change]) -> str:
    """The changes for a person."""
    if not changes:
        return f"{old} và {new}: không có gì thay đổi."
    lines = [f"{old} → {new}: {len(changes)} thay đổi"]
    return "\n".join([*lines, *(f"  {c.line()}" for c in changes)])
