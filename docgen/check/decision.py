"""Rules of a Quyết định (Phụ lục III, Mẫu 1.2, 1.3): its authority line, "QUYẾT ĐỊNH:", its articles and
"- Như Điều …;"; and of a document issued with one: its "(Ban hành kèm theo Quyết định …)" line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from docgen.check.document import Checked
from docgen.check.header import looks
from docgen.check.report import Finding, finding

__all__ = ["check_decision"]

_ARTICLE = re.compile(r"^Điều\s+(\d+)\s*\.")
_NHU_DIEU = re.compile(r"^-\s*Như\s+Điều\s+(\d+)(?:\s*(?:,|và|-)\s*\d+)*\b")
_ISSUED_WITH = re.compile(r"Quyết định số\s+\S*\s*/\s*\S+")


def check_decision(c: Checked) -> Iterator[Finding]:
    """Findings on a Quyết định's own parts, and on the line that ties a document to the Quyết định issuing it."""
    if c.kem_theo is not None:
        p = c.kem_theo
        problems = [looks(p, 13, 14, bold=False, italic=True, center=True)]
        if not p.folded.endswith(")"):
            problems.append('dòng kết thúc bằng ")"')
        if "Quyết định" in p.folded and not _ISSUED_WITH.search(p.folded):
            problems.append('cần ghi "Quyết định số …/QĐ-… ngày … tháng … năm … của …"')
        if any(problems):
            yield finding("kem_theo.format", p, "; ".join(x for x in problems if x))
    if c.kind_name != "Quyết định":
        return
    if c.tham_quyen is None:
        yield finding("quyet_dinh.tham_quyen", c.trich_yeu[-1] if c.trich_yeu else c.ten_loai,
                      "không thấy dòng thẩm quyền ban hành dưới trích yếu")
    elif problem := looks(c.tham_quyen, 13, 14, bold=True, caps=True, center=True):
        yield finding("quyet_dinh.tham_quyen", c.tham_quyen, problem)
    if c.quyet_dinh is None:
        yield finding("quyet_dinh.label", c.tham_quyen, 'không thấy dòng "QUYẾT ĐỊNH:" trước Điều 1')
    else:
        problems = [looks(c.quyet_dinh, 13, 14, bold=True, caps=True, center=True)]
        if not c.quyet_dinh.folded.endswith(":"):
            problems.append('cần dấu hai chấm: "QUYẾT ĐỊNH:"')
        if any(problems):
            yield finding("quyet_dinh.label", c.quyet_dinh, "; ".join(x for x in problems if x))
    articles = 0
    for p in c.body:
        found = _ARTICLE.match(p.stripped)
        if found is None:
            continue
        articles += 1
        if int(found.group(1)) != articles:
            yield finding("quyet_dinh.dieu", p, f'điều thứ {articles} lại ghi "Điều {found.group(1)}"')
        label = _label_bold(p, found.end())
        if label is not None:
            yield finding("quyet_dinh.dieu", p, label)
    if not articles:
        yield finding("quyet_dinh.dieu", c.quyet_dinh, "không thấy điều nào (Điều 1., Điều 2., …)")
    items = c.noi_nhan
    if items:
        nhu = _NHU_DIEU.match(items[0].folded)
        if nhu is None:
            yield finding("noi_nhan.nhu_dieu", items[0], 'dòng đầu của nơi nhận là "- Như Điều …;" (điều giao thi hành)')
        elif articles and int(nhu.group(1)) > articles:
            yield finding("noi_nhan.nhu_dieu", items[0], f"Quyết định chỉ có {articles} điều")


def _label_bold(p, length: int) -> str | None:
    """What is wrong with the look of a paragraph's first ``length`` characters, "Điều N." (bold); None if
    nothing."""
    from docgen.check.ooxml import text_of

    seen = 0
    for run, look in zip(_text_runs(p), p.runs):
        text = text_of(run)
        if not text:
            continue
        if not look.bold and text.strip():
            return '"Điều …." cần chữ đậm'
        seen += len(text)
        if seen >= length:
            return None
    return None


def _text_runs(p):
    from docgen.check.document import _text_runs

    return _text_runs(p.element)
