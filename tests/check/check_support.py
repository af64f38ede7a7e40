"""Shared by the ``docgen check`` tests: clean documents rendered once per session, and small tools
to break ONE property of such a document with python-docx and check the result."""

from __future__ import annotations

import copy
import io
import textwrap
from collections.abc import Callable

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docx_helpers import paragraphs

from conftest import PLANS, cli
from docgen.check import ERROR, Finding, check_docx

# Small plans beside the two bundled ones: a number, a contact line, the TM./Q./no-prefix signatures,
# one "Kính gửi" line, several, and sections four levels deep ("4.1." numbering included).
VARIANTS = {
    "ke-hoach-so": """\
        loai: ke-hoach
        co_quan:
          ten: [Ủy ban nhân dân, xã Ngọc Liên]
          viet_tat: UBND
        don_vi_soan_thao: {ten: Phòng Văn hóa - Xã hội, viet_tat: VHXH}
        so: 5
        dia_danh: Ngọc Liên
        ngay: 5/1/2026
        trich_yeu: Tổ chức các hoạt động văn hóa, thể thao năm 2026
        lien_he: {dia_chi: "Thôn Liên Sơn, xã Ngọc Liên", dien_thoai: "0237 3500 123", email: ubnd@ngoclien.gov.vn}
        can_cu:
          - ma: qd1719
            loai: Quyết định
            so: 1719/QĐ-TTg
            ngay: 14/10/2021
            co_quan: Thủ tướng Chính phủ
            trich_yeu: phê duyệt Chương trình mục tiêu quốc gia
          - loai: Luật
            trich_yeu: Tổ chức chính quyền địa phương
        noi_dung:
          - tieu_de: Mục đích, yêu cầu
            muc:
              - tieu_de: Mục đích
                muc:
                  - tieu_de: Nội dung
                    doan:
                      - Thực hiện [[qd1719]].
                      - gach: Ý thứ nhất.
                        cong: ["Ý nhỏ thứ nhất;", "Ý nhỏ thứ hai."]
                  - tieu_de: Kinh phí
                    danh_so: noi-tiep
                    doan: [Ngân sách xã.]
          - tieu_de: Tổ chức thực hiện
            doan:
              - Các phòng, đơn vị triển khai thực hiện.
        ky:
          quyen_han: TM.
          tap_the: Ủy ban nhân dân
          chuc_vu: Chủ tịch
          ho_ten: Lê Văn An
        noi_nhan:
          - Sở Dân tộc và Tôn giáo (để b/c)
          - Các phòng, đơn vị liên quan
        """,
    "cong-van-mot-noi": """\
        loai: cong-van
        co_quan:
          ten: [Ủy ban nhân dân, huyện Bạch Thông]
          viet_tat: UBND
        don_vi_soan_thao: {ten: Văn phòng HĐND và UBND huyện, viet_tat: VP}
        so: 12
        dia_danh: Bạch Thông
        ngay: 20/02/2024
        trich_yeu: báo cáo kết quả thực hiện Chương trình năm 2024
        kinh_gui: [Sở Dân tộc tỉnh Bắc Kạn]
        mo_dau: Thực hiện chỉ đạo của UBND tỉnh, UBND huyện báo cáo như sau.
        noi_dung:
          - doan: [Kết quả thực hiện đạt kế hoạch đề ra.]
        ket_thuc: Đề nghị Sở tổng hợp.
        ky:
          quyen_han: Q.
          chuc_vu: Chủ tịch
          ho_ten: Hà Kim Oanh
        noi_nhan: [Như trên, CT UBND huyện]
        lien_he: {dien_thoai: "0209 3850 111"}
        """,
    "bao-cao": """\
        loai: bao-cao
        co_quan:
          ten: [Ủy ban nhân dân, xã Ngọc Liên]
          viet_tat: UBND
        don_vi_soan_thao: {ten: Văn phòng, viet_tat: VP}
        so: 15
        dia_danh: Ngọc Liên
        ngay: 30/11/2025
        trich_yeu: Kết quả thực hiện nhiệm vụ năm 2025
        kinh_gui: [Ủy ban nhân dân tỉnh Thanh Hóa, Sở Nội vụ tỉnh Thanh Hóa]
        noi_dung:
          - tieu_de: Kết quả đạt được
            doan: [Hoàn thành các chỉ tiêu.]
          - tieu_de: Phương hướng năm 2026
            doan: [Tiếp tục thực hiện.]
        ky:
          chuc_vu: Chủ tịch
          ho_ten: Lê Văn An
        noi_nhan: [Như trên, Lãnh đạo UBND xã]
        """,
    # Issued in 2025 about a span and a horizon; body sentences that merely begin "Căn cứ" (one right after
    # the căn cứ ban hành): a correct document that must draw no warning.
    "ke-hoach-2025": """\
        loai: ke-hoach
        co_quan:
          ten: [Ủy ban nhân dân, xã Ngọc Liên]
          viet_tat: UBND
        don_vi_soan_thao: {ten: Văn phòng, viet_tat: VP}
        so: 120
        dia_danh: Ngọc Liên
        ngay: 15/12/2025
        trich_yeu: >-
          Chuyển đổi số giai đoạn 2026 - 2030, định hướng đến năm 2030, tầm nhìn đến năm 2045
        can_cu:
          - ma: qd749
            loai: Quyết định
            so: 749/QĐ-TTg
            ngay: 03/6/2020
            co_quan: Thủ tướng Chính phủ
            trich_yeu: >-
              phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030
        mo_dau: >-
          Căn cứ vào tình hình thực tế của địa phương, Ủy ban nhân dân xã ban hành Kế hoạch chuyển đổi số
          giai đoạn 2026 - 2030 như sau:
        noi_dung:
          - tieu_de: Mục đích, yêu cầu
            doan:
              - Căn cứ nội dung trên, các phòng, đơn vị xây dựng kế hoạch cụ thể của đơn vị mình.
              - Căn cứ chức năng, nhiệm vụ được giao, các phòng chủ động triển khai thực hiện [[qd749]].
          - tieu_de: Tổ chức thực hiện
            doan:
              - Căn cứ kết quả thực hiện, Văn phòng tổng hợp báo cáo Chủ tịch Ủy ban nhân dân xã.
        ky:
          quyen_han: KT.
          tap_the: Chủ tịch
          chuc_vu: Phó Chủ tịch
          ho_ten: Lê Văn An
        noi_nhan:
          - Sở Khoa học và Công nghệ (để b/c)
          - Các phòng, đơn vị thuộc xã
        """,
    # A table in the body and two phụ lục: tasks on landscape pages (group rows, a cell merged down), a budget
    # with its totals, subtotals and the amount in words.
    "phu-luc": """\
        loai: ke-hoach
        co_quan:
          ten: [Ủy ban nhân dân, xã Ngọc Liên]
          viet_tat: UBND
        don_vi_soan_thao: {viet_tat: VP}
        so: 21
        dia_danh: Ngọc Liên
        ngay: 10/3/2026
        trich_yeu: Thực hiện chuyển đổi số năm 2026
        noi_dung:
          - tieu_de: Nhiệm vụ
            doan:
              - Nhiệm vụ chi tiết tại [[nv]], kinh phí [[kp]] chi tiết tại [[ns]].
              - bang: Chỉ tiêu chủ yếu
                cot: [STT, Chỉ tiêu, Kế hoạch 2026]
                hang: [[1, Hồ sơ trực tuyến toàn trình (%), 80], [2, Người dân có tài khoản định danh, 12500]]
        ket_thuc: Trên đây là Kế hoạch chuyển đổi số năm 2026.
        ky: {quyen_han: [TM. Ủy ban nhân dân, KT. Chủ tịch], chuc_vu: Phó Chủ tịch, ho_ten: Lê Văn An}
        noi_nhan: [UBND huyện (để b/c)]
        phu_luc:
          - ma: nv
            tieu_de: Danh mục nhiệm vụ
            ngang: true
            doan:
              - bang: Nhiệm vụ năm 2026
                cot: [{ten: STT, rong: 1}, {ten: Nhiệm vụ, rong: 6}, {ten: Chủ trì, rong: 3}, {ten: Thời hạn, rong: 2}]
                hang:
                  - nhom: I. TUYÊN TRUYỀN
                  - [1, Tuyên truyền trên loa truyền thanh, Văn phòng, Quý I]
                  - [2, Tập huấn kỹ năng số, "^", Quý II]
                  - nhom: II. HẠ TẦNG
                  - [3, Nâng cấp mạng nội bộ, Văn phòng, Quý III]
          - ma: ns
            tieu_de: Kinh phí thực hiện
            doan:
              - bang: Dự toán kinh phí
                ma: kp
                don_vi_tinh: triệu đồng
                bang_chu: true
                cot: [STT, Nội dung, {ten: Kinh phí, tong: 1250}]
                hang:
                  - nhom: I. Tuyên truyền
                  - [1, Phát thanh, 150]
                  - [2, Tập huấn, 100]
                  - nhom: II. Hạ tầng
                  - [3, Mạng nội bộ, 1000]
        """,
    # A Quyết định standing alone (Phụ lục III, Mẫu 1.2): articles with khoản, "Theo đề nghị của …", "- Như Điều 4;".
    "quyet-dinh": """\
        loai: quyet-dinh
        co_quan:
          ten: [Ủy ban nhân dân, xã Ngọc Liên]
          viet_tat: UBND
        don_vi_soan_thao: {viet_tat: VHXH}
        so: 52
        dia_danh: Ngọc Liên
        ngay: 12/5/2026
        trich_yeu: Thành lập Ban Chỉ đạo các Chương trình mục tiêu quốc gia xã Ngọc Liên
        can_cu:
          - {loai: Luật, trich_yeu: Tổ chức chính quyền địa phương, ngay: 16/6/2025}
          - loai: Quyết định
            so: 1719/QĐ-TTg
            ngay: 14/10/2021
            co_quan: Thủ tướng Chính phủ
            trich_yeu: phê duyệt Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021-2030
        theo_de_nghi: Trưởng phòng Văn hóa - Xã hội
        noi_dung:
          - doan: ["Thành lập Ban Chỉ đạo các Chương trình mục tiêu quốc gia xã Ngọc Liên, gồm các ông (bà) có tên sau:"]
            muc:
              - doan: [Ông Phạm Xuân Khánh - Phó Chủ tịch UBND xã - Trưởng ban;]
              - doan: [Bà Lê Thị Hoa - Trưởng phòng Văn hóa - Xã hội - Phó Trưởng ban Thường trực;]
              - doan: [Ông Hà Văn Dũng - Trưởng phòng Kinh tế - Thành viên.]
          - doan: ["Ban Chỉ đạo có nhiệm vụ:"]
            muc:
              - doan: ["Giúp Ủy ban nhân dân xã chỉ đạo thực hiện các Chương trình trên địa bàn xã;"]
              - doan: ["Kiểm tra, đôn đốc các thôn, làng thực hiện các dự án, tiểu dự án."]
          - doan: [Quyết định này có hiệu lực kể từ ngày ký.]
          - doan: ["Chánh Văn phòng HĐND và UBND xã, các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."]
        ky: {quyen_han: [KT. Chủ tịch], chuc_vu: Phó Chủ tịch, ho_ten: Phạm Xuân Khánh}
        noi_nhan: [Chủ tịch UBND xã, "Các thôn, làng"]
        """,
    # A Kế hoạch issued with a Quyết định: two documents from one plan ("kem-theo" and "kem-theo-quyet-dinh").
    "kem-theo": """\
        loai: ke-hoach
        co_quan:
          ten: [Ủy ban nhân dân, xã Ngọc Liên]
          viet_tat: UBND
        don_vi_soan_thao: {viet_tat: VHXH}
        dia_danh: Ngọc Liên
        ngay: 05/01/2026
        trich_yeu: Tuyên truyền phổ biến pháp luật năm 2026
        can_cu:
          - {loai: Luật, trich_yeu: "Phổ biến, giáo dục pháp luật", ngay: 20/6/2012}
        noi_dung:
          - tieu_de: Mục đích, yêu cầu
            doan: [Nâng cao nhận thức pháp luật của cán bộ và Nhân dân.]
          - tieu_de: Nội dung
            doan: [Tuyên truyền trên loa truyền thanh của xã hằng tháng.]
        ky: {quyen_han: [KT. Chủ tịch], chuc_vu: Phó Chủ tịch, ho_ten: Lê Văn An}
        noi_nhan: ["Các thôn, làng"]
        quyet_dinh:
          so: 3
          can_cu:
            - {loai: Luật, trich_yeu: Tổ chức chính quyền địa phương, ngay: 16/6/2025}
          theo_de_nghi: Trưởng phòng Văn hóa - Xã hội
          thi_hanh: Chánh Văn phòng HĐND và UBND xã, Trưởng các phòng, đơn vị và Trưởng các thôn, làng
        """,
}
BUNDLED = {"ngoc-lien": "ngoc-lien-2026-ke-hoach.yaml", "bach-thong": "bach-thong-2024-cong-van.yaml"}

_CACHE: dict[str, bytes] = {}


def _render_all(folder) -> dict[str, bytes]:
    sources = {name: PLANS / file for name, file in BUNDLED.items()}
    for name, text in VARIANTS.items():
        sources[name] = folder / f"{name}.yaml"
        sources[name].write_text(textwrap.dedent(text), encoding="utf-8")
    out = folder / "out"
    cli("render", *sources.values(), "-o", out)
    found = {name: (out / f"{path.stem}.docx").read_bytes() for name, path in sources.items()}
    found["kem-theo-quyet-dinh"] = (out / "kem-theo-quyet-dinh.docx").read_bytes()
    return found


@pytest.fixture(scope="session")
def clean(tmp_path_factory) -> dict[str, bytes]:
    """Every clean document (bundled plans and variants) rendered once per session: name → .docx bytes."""
    if not _CACHE:
        _CACHE.update(_render_all(tmp_path_factory.mktemp("check-clean")))
    return _CACHE


# The findings a clean rendered document does draw, each a true one: (rule, start of the paragraph, detail).
# The bundled Ngọc Liên plan reproduces a real Kế hoạch (tests/reference/ke-hoach-ngoc-lien-2026.md) word for word,
# and that Kế hoạch cites two documents in full a second time. Phụ lục I, II.6.a: the first citation gives kind,
# số/ký hiệu, date, issuer and trích yếu; later ones only kind and số/ký hiệu. Here:
# - Quyết định số 1719/QĐ-TTg is cited in full in the căn cứ ("số 1719/QĐ-TTg ngày 14/10/2021 phê duyệt Chương
#   trình …") and again in I.1, first dash ("Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ
#   phê duyệt Chương trình …"). (Its citation inside the trích yếu of Kế hoạch 281/KH-UBND, in the căn cứ, is part
#   of that plan's name and does not count.)
# - Công văn số 455/SĐTTG-KHTH is cited in full in the căn cứ and again in IV.5 ("theo Công văn số 455/SĐTTG-KHTH
#   ngày 14/4/2026 của Sở Dân tộc và Tôn Giáo Thanh Hóa về việc tập trung chỉ đạo …"): the real text repeats it too.
# Both are warnings the checker owes the clerk; nothing else is found.
KNOWN = {
    "ngoc-lien": [
        ("trich_dan.full_twice", "- Tiếp tục triển khai thực hiện có hiệu quả Nghị quyết số 88/2019/QH14",
         '"1719/QĐ-TTg" đã được viện dẫn lần đầu ở {Căn cứ các Quyết định của Thủ tướng Chính phủ}; '
         'lần sau chỉ ghi "Quyết định số 1719/QĐ-TTg"'),
        ("trich_dan.full_twice", "5. Tập trung thực hiện quyết liệt",
         '"455/SĐTTG-KHTH" đã được viện dẫn lần đầu ở {Căn cứ Công văn số 455}; '
         'lần sau chỉ ghi "Công văn số 455/SĐTTG-KHTH"'),
    ],
}




def unexpected(name: str, found: list[Finding]) -> list[Finding]:
    """``found`` on (a copy of) clean document ``name`` without its KNOWN findings (matched by rule and paragraph)."""
    known = [(rule, start) for rule, start, _detail in KNOWN.get(name, [])]
    return [f for f in found if not any(f.rule == rule and f.text.startswith(start) for rule, start in known)]


# -- breaking one property ------------------------------------------------------------------------


def load(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def save(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def mutated(data: bytes, change: Callable[[Document], object]) -> bytes:
    """``data`` opened with python-docx, changed by ``change(doc)`` and saved again."""
    doc = load(data)
    change(doc)
    return save(doc)


def para(doc: Document, start: str, nth: int = 0) -> Paragraph:
    """The ``nth`` paragraph (reading order, table cells included) whose stripped text starts with ``start``."""
    found = [p for p in paragraphs(doc) if p.text.strip().startswith(start)]
    assert len(found) > nth, f"no paragraph #{nth} starts with {start!r}"
    return found[nth]


def text_runs(p: Paragraph) -> list[Run]:
    return [r for r in p.runs if r.text.strip()]


def set_runs(p: Paragraph, **attrs) -> None:
    """Set font attributes (bold=…, italic=…, size=…, name=…, underline=…) on every text run of ``p``."""
    runs = text_runs(p)
    assert runs, p.text
    for r in runs:
        for name, value in attrs.items():
            setattr(r.font, name, value)


def replace(doc: Document, old: str, new: str, nth: int = 0) -> Paragraph:
    """Replace ``old`` by ``new`` in the ``nth`` run (reading order) that holds it; returns its paragraph."""
    hits = [(p, r) for p in paragraphs(doc) for r in p.runs if old in r.text]
    assert len(hits) > abs(nth) - (nth < 0), f"{old!r} not found (#{nth})"
    p, r = hits[nth]
    r.text = r.text.replace(old, new, 1)
    return p


def set_text(p: Paragraph, text: str) -> None:
    """Put ``text`` in the first text run of ``p`` and empty the others (formatting of the run kept)."""
    runs = text_runs(p)
    runs[0].text = text
    for r in runs[1:]:
        r.text = ""


def copy_paragraph(doc: Document, model: str, text: str, before: str | None = None) -> Paragraph:
    """A copy of the paragraph starting ``model`` (its style and look) holding ``text``, put before the paragraph
    starting ``before``, or right after the model when None."""
    original = para(doc, model)
    element = copy.deepcopy(original._p)
    if before is None:
        original._p.addnext(element)
    else:
        para(doc, before)._p.addprevious(element)
    new = Paragraph(element, original._parent)
    set_text(new, text)
    return new


def delete(p: Paragraph) -> None:
    p._element.getparent().remove(p._element)


def remove_line_paragraph_after(p: Paragraph) -> None:
    """Delete the (empty, bordered) rule paragraph that follows ``p``."""
    nxt = p._element.getnext()
    assert nxt is not None and nxt.tag == qn("w:p") and not Paragraph(nxt, p._parent).text.strip()
    nxt.getparent().remove(nxt)


# -- reading findings -----------------------------------------------------------------------------


def errors(found: list[Finding]) -> set[str]:
    return {f.rule for f in found if f.severity == ERROR}


def rules(found: list[Finding]) -> set[str]:
    return {f.rule for f in found}


def check(data: bytes) -> list[Finding]:
    return check_docx(data)
