"""Rules of the signature block and Nơi nhận."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen import nd30
from docgen.check.document import Checked
from docgen.check.header import looks
from docgen.check.report import Finding, finding
from docgen.vn.signature import problems as signature_problems

__all__ = ["check_signature"]

LABEL_OUTDENT = 15.0  # points: about the 0.19 cm of a cell's margin, and a little more
_PREFIX = re.compile(r"^(TM|KT|TL|TUQ|Q)\b\.?")


def check_signature(c: Checked) -> Iterator[Finding]:
    """Findings on the signature block and the Nơi nhận list."""
    yield from _signature(c)
    yield from _noi_nhan(c)


def _signature(c: Checked) -> Iterator[Finding]:
    lines = [p for p in c.signature if p.stripped]
    if not lines:
        if c.kem_theo is None:  # a document issued with a Quyết định is signed on the decision
            yield finding("ky.format", detail="không thấy phần ký: quyền hạn, chức vụ và họ tên người ký")
        return
    *titles, name = lines
    for p in titles:
        if problem := looks(p, 13, 14, bold=True, caps=True):
            yield finding("ky.format", p, problem)
    problem = looks(name, 13, 14, bold=True)
    if name.stripped == name.stripped.upper() != name.stripped.lower():  # cased letters, all capitals
        problem = "; ".join(x for x in (problem, "họ tên viết chữ thường, hoa chữ cái đầu") if x)
    if problem:
        yield finding("ky.format", name, problem)
    if titles:
        m = _PREFIX.match(titles[0].stripped)
        if m and m.group(0) + ("" if m.group(0).endswith(".") else ".") not in nd30.AUTHORITY_PREFIXES or (
                m and not m.group(0).endswith(".")):
            yield finding("ky.prefix", titles[0], f'"{m.group(1)}" cần ghi "{m.group(1)}."')
    by_line: dict[int, list[str]] = {}
    for index, problem in signature_problems([p.stripped for p in titles]):
        by_line.setdefault(index, []).append(problem)
    for index, found in by_line.items():
        yield finding("ky.lines", titles[index], "; ".join(found))


def _noi_nhan(c: Checked) -> Iterator[Finding]:
    label = c.noi_nhan_label
    if label is None:
        if c.kem_theo is None:  # … and sent with it
            yield finding("noi_nhan.label", detail='không thấy "Nơi nhận:" và danh sách nơi nhận')
        return
    problems = [looks(label, 12, 12, bold=True, italic=True)]
    # "sát lề trái": at the margin, or a little into the cell's left margin (a slightly negative indent)
    if label.look.alignment not in ("left", "start", "both") or not -LABEL_OUTDENT <= label.look.left + \
            label.look.first_line <= 1:
        problems.append("nhãn đặt sát lề trái")
    if any(problems):
        yield finding("noi_nhan.label", label, "; ".join(x for x in problems if x))
    items = c.noi_nhan
    for i, p in enumerate(items):
        last = i == len(items) - 1
        problems = [looks(p, 11, 11, bold=False)]
        text = p.stripped
        if not text.startswith("- "):
            problems.append('dòng bắt đầu bằng "- "')
        if last and not (text.startswith("- Lưu") and text.endswith(".")):
            problems.append('dòng cuối là "- Lưu: VT, …." và kết thúc bằng "."')
        elif not last and not text.endswith(";"):
            problems.append('dòng kết thúc bằng ";"')
        if any(problems):
            yield finding("noi_nhan.items", p, "; ".join(x for x in problems if x))
    if (c.kind_name == "Công văn" or c.kinh_gui) and items and not items[0].stripped.startswith("- Như trên"):
        yield finding("noi_nhan.nhu_tren", items[0])
