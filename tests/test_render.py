"""Rendered Kế hoạch, read as a reader reads them: real plans through templates/ke-hoach.docx.

Each test writes a plan, renders it with the real command line and opens the .docx with
python-docx; it asserts the exact lines (and, where it matters, the bold and italic) on the page.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import MINIMAL_PLAN
from docx_helpers import find, paragraphs, run_format, text_lines

TRICH_YEU = "Thực hiện Chương trình năm 2026"

QD1719 = """\
  - ma: qd1719
    loai: Quyết định
    so: 1719/QĐ-TTg
    ngay: 14/10/2021
    co_quan: Thủ tướng Chính phủ
    trich_yeu: phê duyệt Chương trình mục tiêu quốc gia giai đoạn 2021-2030
"""
CAN_CU = "can_cu:\n" + QD1719
THAM_CHIEU = """\
tham_chieu:
  - ma: nq88
    loai: Nghị quyết
    so: 88/2019/QH14
    ngay: 18/11/2019
    co_quan: Quốc hội
    trich_yeu: phê duyệt Đề án tổng thể
"""
BODY = """\
noi_dung:
  - tieu_de: Mục đích, yêu cầu
    doan:
      - Nội dung thứ nhất.
"""
KY = """\
ky:
  quyen_han: KT.
  tap_the: Chủ tịch
  chuc_vu: Phó Chủ tịch
  ho_ten: Phạm Xuân Khánh
"""
NOI_NHAN = """\
noi_nhan:
  - Sở Dân tộc và Tôn giáo (để b/c)
"""

Q1719 = "Quyết định số 1719/QĐ-TTg ngày 14/10/2021 của Thủ tướng Chính phủ"
Q1719_FULL = Q1719 + " phê duyệt Chương trình mục tiêu quốc gia giai đoạn 2021-2030"
N88 = "Nghị quyết số 88/2019/QH14 ngày 18/11/2019 của Quốc hội"


def q(text: str) -> str:
    """``text`` as a single-quoted YAML scalar (nothing in it is special but the quote itself)."""
    return "'" + text.replace("'", "''") + "'"


def plan(
    *,
    so: str | None = None,
    dia_danh: str = "Ngọc Liên",
    ngay: str = "20/4/2026",
    can_cu: str = CAN_CU,
    tham_chieu: str = THAM_CHIEU,
    noi_dung: str = BODY,
    ket_thuc: str | None = "Kết thúc.",
    ky: str = KY,
    noi_nhan: str = NOI_NHAN,
    trich_yeu: str = TRICH_YEU,
    viet_tat_soan_thao: str = "VHXH",
) -> str:
    """A whole plan, each part given as its YAML text."""
    parts = [
        "loai: ke-hoach",
        "co_quan:\n  ten: [Ủy ban nhân dân, xã Ngọc Liên]\n  viet_tat: UBND",
        f"don_vi_soan_thao: {{ten: Phòng Văn hóa - Xã hội, viet_tat: {viet_tat_soan_thao}}}",
        f"so: {so}" if so is not None else "",
        f"dia_danh: {dia_danh}",
        f"ngay: {ngay}",
        f"trich_yeu: {trich_yeu}",
        can_cu,
        tham_chieu,
        noi_dung,
        f"ket_thuc: {q(ket_thuc)}" if ket_thuc is not None else "",
        ky,
        noi_nhan,
    ]
    return "\n".join(part.rstrip("\n") for part in parts if part) + "\n"


def sections(*items: str) -> str:
    """A noi_dung of one Mục ("Nội dung") holding ``items`` (YAML list items indented for its "muc")."""
    inner = "".join(item.rstrip("\n") + "\n" for item in items)
    return "noi_dung:\n  - tieu_de: Nội dung\n    muc:\n" + inner


def first_section(*blocks: str) -> str:
    """A noi_dung whose one section has ``blocks`` (YAML list items, without indentation) as its paragraphs."""
    lines = "".join("      - " + block.replace("\n", "\n        ") + "\n" for block in blocks)
    return "noi_dung:\n  - tieu_de: Mục đích, yêu cầu\n    doan:\n" + lines


def can_cu_lines(doc) -> list[str]:
    """The "Căn cứ …" lines under the title."""
    lines = text_lines(doc)
    out = []
    for line in lines[lines.index(TRICH_YEU) + 1 :]:
        if not line.startswith("Căn cứ "):
            break
        out.append(line)
    return out


def body_lines(doc) -> list[str]:
    """The lines of the body: after the title and its căn cứ, up to "Nơi nhận:"."""
    lines = text_lines(doc)
    start = lines.index(TRICH_YEU) + 1 + len(can_cu_lines(doc))
    return lines[start : lines.index("Nơi nhận:")]


def looks(paragraph) -> list[tuple[str, bool, bool]]:
    """The paragraph as (text, bold, italic) pieces, neighbouring runs of one look joined."""
    out: list[tuple[str, bool, bool]] = []
    for run in paragraph.runs:
        look = (bool(run_format(run, paragraph, "bold")), bool(run_format(run, paragraph, "italic")))
        if out and out[-1][1:] == look:
            out[-1] = (out[-1][0] + run.text, *look)
        elif run.text:
            out.append((run.text, *look))
    return out


# ---------------------------------------------------------------------------------------- Số, ngày


# plan fields, how the line starts, the whole line (a regular expression: " {3,}" is a blank to fill by hand)
NUMBER_AND_DATE = [
    ({"so": "5"}, "Số:", re.escape("Số: 05/KH-UBND")),
    ({"so": "1"}, "Số:", re.escape("Số: 01/KH-UBND")),
    ({"so": "12"}, "Số:", re.escape("Số: 12/KH-UBND")),
    ({"so": "1234"}, "Số:", re.escape("Số: 1234/KH-UBND")),
    ({}, "Số:", "Số: {3,}/KH-UBND"),
    ({"ngay": "05/01/2020"}, "Hà Nội,", re.escape("Hà Nội, ngày 05 tháng 01 năm 2020")),
    ({"ngay": "29/6/2019"}, "Hà Nội,", re.escape("Hà Nội, ngày 29 tháng 6 năm 2019")),
    ({"ngay": "10/02/2026"}, "Hà Nội,", re.escape("Hà Nội, ngày 10 tháng 02 năm 2026")),
    ({"ngay": "1/3/2026"}, "Hà Nội,", re.escape("Hà Nội, ngày 01 tháng 3 năm 2026")),
    ({"ngay": "2026-12-31"}, "Hà Nội,", re.escape("Hà Nội, ngày 31 tháng 12 năm 2026")),
    ({"ngay": "{thang: 4, nam: 2026}"}, "Hà Nội,", "Hà Nội, ngày {3,}tháng 4 năm 2026"),
    ({"ngay": "{thang: 1, nam: 2026}"}, "Hà Nội,", "Hà Nội, ngày {3,}tháng 01 năm 2026"),
    ({"ngay": "{nam: 2023}"}, "Hà Nội,", "Hà Nội, ngày {3,}tháng {3,}năm 2023"),
]


@pytest.mark.parametrize(
    ("fields", "starts", "pattern"),
    [pytest.param(*case, id=" ".join(f"{k}: {v}" for k, v in case[0].items()) or "no so") for case in NUMBER_AND_DATE],
)
def test_number_and_date_lines(render_plan, fields, starts, pattern):
    doc = render_plan(plan(dia_danh="Hà Nội", can_cu="", tham_chieu="", **fields))
    line = find(doc, starts).text
    assert re.fullmatch(pattern, line), line
    in_header = [p.text for table in doc.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    assert line in in_header


# ------------------------------------------------------------------------------------------ escaping

MARKUP = """& < > " ' {{ x }} {% if %} {# c #} </w:t> &amp; {{p x}}"""
UNDERSCORES = "{_{ }_}"
EVERYTHING = f"""& < > " ' {{{{ x }}}} {{% if %}} {UNDERSCORES} {{# c #}}"""

def _placed(place: str, text: str) -> tuple[str, str]:
    """A plan with ``text`` at ``place``, and the line a reader should see there."""
    if place == "paragraph":
        return plan(noi_dung=first_section(q(text))), text
    if place == "heading":
        return plan(noi_dung=sections(f"      - tieu_de: {q(text)}")), f"1. {text}"
    if place == "can_cu":
        basis = QD1719.replace("trich_yeu: phê duyệt Chương trình mục tiêu quốc gia giai đoạn 2021-2030",
                               f"trich_yeu: {q(text)}")
        return plan(can_cu="can_cu:\n" + basis), f"Căn cứ {Q1719} {text}."
    if place == "citation":
        basis = QD1719.replace("trich_yeu: phê duyệt Chương trình mục tiêu quốc gia giai đoạn 2021-2030",
                               f"trich_yeu: {q(text)}")
        return plan(can_cu="can_cu:\n" + basis, noi_dung=first_section(q("Theo [[qd1719+]]"))), \
            f"Theo {Q1719} {text}"
    if place == "noi_nhan":
        return plan(noi_nhan=f"noi_nhan:\n  - {q(text)}"), f"- {text};"
    if place == "ho_ten":
        return plan(ky=KY.replace("ho_ten: Phạm Xuân Khánh", f"ho_ten: {q(text)}")), text
    if place == "trich_yeu":
        return plan(trich_yeu=q(text)), text
    raise AssertionError(place)


PLACES = ["paragraph", "heading", "can_cu", "citation", "noi_nhan", "trich_yeu"]  # a name holds letters only


@pytest.mark.parametrize("place", PLACES)
def test_markup_characters_are_printed_as_written(render_plan, place):
    text, expected = _placed(place, MARKUP)
    doc = render_plan(text)
    assert expected in text_lines(doc)


@pytest.mark.parametrize(
    "place",
    [p if p in ("paragraph", "heading") else p for p in PLACES],
)
def test_template_and_markup_text_is_printed_as_written(render_plan, place):
    text, expected = _placed(place, EVERYTHING)
    doc = render_plan(text)
    assert expected in text_lines(doc)


@pytest.mark.parametrize("text", [MARKUP, EVERYTHING])
def test_a_signer_name_holding_markup_is_refused(run, write_plan, text):
    path = write_plan(_placed("ho_ten", text)[0])
    result = run("validate", path)
    assert result.code == 1
    assert "(ky.ho_ten): họ tên chỉ gồm chữ cái" in result.err


def test_escaping_plan_is_what_it_claims():
    """The texts above really hold every character the template engine or XML would read."""
    for needle in ("&", "<", ">", '"', "'", "{{", "}}", "{%", "%}", "{#", "#}"):
        assert needle in MARKUP and needle in EVERYTHING
    assert UNDERSCORES in EVERYTHING


# ---------------------------------------------------------------------------------------- emphasis


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        ("Mở **đậm** hết", [("Mở ", False, False), ("đậm", True, False), (" hết", False, False)]),
        ("Mở *nghiêng* hết", [("Mở ", False, False), ("nghiêng", False, True), (" hết", False, False)]),
        ("Mở ***cả hai*** hết", [("Mở ", False, False), ("cả hai", True, True), (" hết", False, False)]),
        ("**Đậm** rồi *nghiêng*", [("Đậm", True, False), (" rồi ", False, False), ("nghiêng", False, True)]),
        (r"Giá \*5\* sao", [("Giá *5* sao", False, False)]),
        (r"Sao \*\*không đậm\*\*", [("Sao **không đậm**", False, False)]),
        ("2 * 3 = 6", [("2 * 3 = 6", False, False)]),
    ],
)
def test_inline_bold_and_italic(render_plan, written, seen):
    doc = render_plan(plan(noi_dung=first_section(q(written))))
    expected_text = "".join(piece for piece, _b, _i in seen)
    assert looks(find(doc, expected_text)) == seen


# --------------------------------------------------------------------------------------- numbering

NUMBERING = [
    pytest.param(
        """\
noi_dung:
  - tieu_de: Mục đích, yêu cầu
    doan: [Nội dung một.]
  - tieu_de: Nội dung
    doan: [Nội dung hai.]
  - tieu_de: Tổ chức thực hiện
""",
        ["I. MỤC ĐÍCH, YÊU CẦU", "Nội dung một.", "II. NỘI DUNG", "Nội dung hai.", "III. TỔ CHỨC THỰC HIỆN"],
        id="muc I. II. III. in capitals",
    ),
    pytest.param(
        sections(
            "      - tieu_de: Mục đích",
            "      - tieu_de: Yêu cầu",
            "        muc:\n"
            + "".join(f"          - tieu_de: Điểm {n}\n" for n in range(1, 8)),
        ),
        ["I. NỘI DUNG", "1. Mục đích", "2. Yêu cầu", "a) Điểm 1", "b) Điểm 2", "c) Điểm 3", "d) Điểm 4",
         "đ) Điểm 5", "e) Điểm 6", "g) Điểm 7"],
        id="khoan 1. 2., diem a) to g) with đ)",
    ),
    pytest.param(
        sections(
            """\
      - tieu_de: Khoản
        muc:
          - tieu_de: Điểm
            muc:
              - tieu_de: Ý bốn
                muc:
                  - tieu_de: Ý năm
                  - tieu_de: Ý năm khác
              - tieu_de: Ý bốn khác
""",
        ),
        ["I. NỘI DUNG", "1. Khoản", "a) Điểm", "- Ý bốn", "+ Ý năm", "+ Ý năm khác", "- Ý bốn khác"],
        id="depth 4 '-' and depth 5 '+'",
    ),
    pytest.param(
        sections(
            """\
      - tieu_de: Dự án 9
        muc:
          - tieu_de: Tiểu dự án 2
            danh_so: khong
            muc:
              - tieu_de: Nội dung thực hiện
              - tieu_de: Kinh phí thực hiện
""",
        ),
        ["I. NỘI DUNG", "1. Dự án 9", "Tiểu dự án 2", "a) Nội dung thực hiện", "b) Kinh phí thực hiện"],
        id="danh_so khong: no number, children a) b)",
    ),
    pytest.param(
        sections(
            *[f"      - tieu_de: Dự án {n}" for n in range(1, 4)],
            """\
      - tieu_de: Dự án 4
        muc:
          - tieu_de: Tiểu dự án một
            danh_so: noi-tiep
          - tieu_de: Tiểu dự án hai
            danh_so: noi-tiep
""",
        ),
        ["I. NỘI DUNG", "1. Dự án 1", "2. Dự án 2", "3. Dự án 3", "4. Dự án 4", "4.1. Tiểu dự án một",
         "4.2. Tiểu dự án hai"],
        id="danh_so noi-tiep: 4.1. 4.2. under 4.",
    ),
    pytest.param(
        sections(
            "      - doan: [Đoạn đầu theo sau số.]",
            "      - doan: [Đoạn khác., Đoạn thứ hai của khoản.]",
        ),
        ["I. NỘI DUNG", "1. Đoạn đầu theo sau số.", "2. Đoạn khác.", "Đoạn thứ hai của khoản."],
        id="no tieu_de: number then the first paragraph",
    ),
    pytest.param(
        sections(
            """\
      - tieu_de: Khoản
        muc:
          - tieu_de: "Nội dung thực hiện:"
            cung_dong: true
            doan: [Chi tiết theo quy định., Đoạn sau.]
""",
        ),
        ["I. NỘI DUNG", "1. Khoản", "a) Nội dung thực hiện: Chi tiết theo quy định.", "Đoạn sau."],
        id="cung_dong: heading and text on one line",
    ),
]


@pytest.mark.parametrize(("noi_dung", "expected"), NUMBERING)
def test_section_numbering(render_plan, noi_dung, expected):
    doc = render_plan(plan(noi_dung=noi_dung))
    assert body_lines(doc) == [*expected, "Kết thúc./."]


def test_headings_look(render_plan):
    doc = render_plan(plan(noi_dung=sections(
        """\
      - tieu_de: Khoản có tiêu đề
      - doan: [Đoạn đầu theo sau số.]
      - tieu_de: "Cùng dòng:"
        cung_dong: true
        doan: [văn bản thường.]
""")))
    assert looks(find(doc, "I. ")) == [("I. NỘI DUNG", True, False)]
    assert looks(find(doc, "1. ")) == [("1. Khoản có tiêu đề", True, False)]
    assert looks(find(doc, "2. ")) == [("2. Đoạn đầu theo sau số.", False, False)]
    assert looks(find(doc, "3. ")) == [("3. Cùng dòng:", True, False), (" văn bản thường.", False, False)]


def test_unnumbered_heading_among_numbered_ones_continues_the_numbering(render_plan):
    doc = render_plan(plan(noi_dung=sections(
        """\
      - tieu_de: Khoản A
      - tieu_de: Khoản B
      - tieu_de: Tổ chức
        danh_so: khong
        muc:
          - tieu_de: Khoản C
          - tieu_de: Khoản D
      - tieu_de: Khoản E
""")))
    labels = [line.split(" ", 1)[0] for line in body_lines(doc) if re.match(r"\d+\. ", line)]
    assert len(labels) == len(set(labels)), labels


# ----------------------------------------------------------------------------------------- căn cứ

LUAT_2015 = """\
  - loai: Luật
    trich_yeu: Tổ chức chính quyền địa phương
    ngay: 19/6/2015
"""
LUAT_NSNN = """\
  - loai: Luật
    trich_yeu: Ngân sách nhà nước
"""
GROUP = """\
  - loai: Quyết định
    co_quan: Thủ tướng Chính phủ
    van_ban:
      - ma: qd1719
        so: 1719/QĐ-TTg
        ngay: 14/10/2021
        trich_yeu: phê duyệt Chương trình mục tiêu quốc gia
      - ma: qd920
        so: 920/QĐ-TTg
        ngay: 14/5/2025
        trich_yeu: về việc điều chỉnh một số nội dung của Chương trình
"""
NQ661 = """\
  - ma: nq661
    loai: Nghị quyết
    so: 661/NQ-HĐND
    ngay: 21/7/2025
    co_quan: HĐND tỉnh
    trich_yeu: về phân bổ vốn sự nghiệp năm 2025;
"""


@pytest.mark.parametrize(
    ("bases", "expected"),
    [
        pytest.param([QD1719], [f"Căn cứ {Q1719_FULL}."], id="one"),
        pytest.param(
            [LUAT_2015, QD1719, NQ661],
            [
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                f"Căn cứ {Q1719_FULL};",
                "Căn cứ Nghị quyết số 661/NQ-HĐND ngày 21/7/2025 của HĐND tỉnh về phân bổ vốn sự nghiệp năm 2025.",
            ],
            id="several: ';' then '.'",
        ),
        pytest.param(
            [GROUP, LUAT_NSNN],
            [
                "Căn cứ các Quyết định của Thủ tướng Chính phủ: số 1719/QĐ-TTg ngày 14/10/2021 phê duyệt "
                "Chương trình mục tiêu quốc gia; số 920/QĐ-TTg ngày 14/5/2025 về việc điều chỉnh một số nội "
                "dung của Chương trình;",
                "Căn cứ Luật Ngân sách nhà nước.",
            ],
            id="grouped, and a Luật without date",
        ),
    ],
)
def test_can_cu_lines(render_plan, bases, expected):
    doc = render_plan(plan(can_cu="can_cu:\n" + "".join(bases)))
    assert can_cu_lines(doc) == expected
    for line in expected:
        assert all(italic for _text, _bold, italic in looks(find(doc, line))), line
        assert not any(bold for _text, bold, _italic in looks(find(doc, line))), line


def test_no_can_cu_no_line(render_plan):
    doc = render_plan(plan(can_cu="", tham_chieu=""))
    assert can_cu_lines(doc) == []
    assert body_lines(doc)[0] == "I. MỤC ĐÍCH, YÊU CẦU"


# --------------------------------------------------------------------------------------- citations


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        ("Theo [[qd1719]].", f"Theo {Q1719}."),
        ("Theo [[qd1719+]].", f"Theo {Q1719_FULL}."),
        ("Theo [[ qd1719 + ]].", f"Theo {Q1719_FULL}."),
        ("Theo [[nq88]].", f"Theo {N88}."),
        ("Theo [[nq88+]].", f"Theo {N88} phê duyệt Đề án tổng thể."),
        ("Theo [[qd920]].", "Theo Quyết định số 920/QĐ-TTg ngày 14/5/2025 của Thủ tướng Chính phủ."),
        ("[[qd1719]] và [[qd920]].",
         f"{Q1719} và Quyết định số 920/QĐ-TTg ngày 14/5/2025 của Thủ tướng Chính phủ."),
    ],
)
def test_citation_in_text(render_plan, written, seen):
    group = GROUP.replace("Chương trình mục tiêu quốc gia\n", "Chương trình mục tiêu quốc gia giai đoạn 2021-2030\n")
    doc = render_plan(plan(can_cu="can_cu:\n" + group, noi_dung=first_section(q(written))))
    assert seen in body_lines(doc)


def test_citation_has_the_can_cu_own_form(render_plan):
    """[[code+]] in text reads exactly as the document's căn cứ line, and [[code]] is its beginning."""
    doc = render_plan(plan(
        can_cu="can_cu:\n" + QD1719 + NQ661,
        noi_dung=first_section(q("A [[qd1719+]]"), q("B [[nq661+]]"), q("C [[qd1719]]"), q("D [[nq661]]")),
    ))
    bases = can_cu_lines(doc)
    body = body_lines(doc)
    full = [line[2:] for line in body if line[:2] in ("A ", "B ")]
    short = [line[2:] for line in body if line[:2] in ("C ", "D ")]
    assert [f"Căn cứ {text}" for text in full] == [line.rstrip(";.") for line in bases]
    assert all(f.startswith(s + " ") for f, s in zip(full, short, strict=True))
    assert short == [Q1719, "Nghị quyết số 661/NQ-HĐND ngày 21/7/2025 của HĐND tỉnh"]


def test_citation_of_grouped_basis_keeps_its_number_date_and_issuer(render_plan):
    doc = render_plan(plan(can_cu="can_cu:\n" + GROUP, noi_dung=first_section(q("Theo [[qd920+]]"))))
    basis = can_cu_lines(doc)[0]
    cited = next(line for line in body_lines(doc) if line.startswith("Theo "))
    assert "số 920/QĐ-TTg ngày 14/5/2025 về việc điều chỉnh một số nội dung của Chương trình" in basis
    assert cited == ("Theo Quyết định số 920/QĐ-TTg ngày 14/5/2025 của Thủ tướng Chính phủ về việc điều chỉnh "
                     "một số nội dung của Chương trình")


# ----------------------------------------------------------------------------- assignments, funding


@pytest.mark.parametrize(
    ("block", "seen"),
    [
        ("{don_vi: Phòng Tài chính, vai_tro: chủ trì, nhiem_vu: lập dự toán kinh phí.}",
         "Phòng Tài chính chủ trì, lập dự toán kinh phí."),
        ("{don_vi: Công an xã, vai_tro: phối hợp, nhiem_vu: bảo đảm an ninh trật tự.}",
         "Công an xã phối hợp bảo đảm an ninh trật tự."),
        ("{don_vi: Phòng Tài chính, vai_tro: chủ trì, nhiem_vu: 'tham mưu [[qd1719]].', dau_gach: true}",
         f"- Phòng Tài chính chủ trì, tham mưu {Q1719}."),
        ("{nguon_von: Ngân sách xã}", "Ngân sách xã."),
        ("{nguon_von: Ngân sách xã.}", "Ngân sách xã."),
        ("{nguon_von: Vốn ngân sách Trung ương, theo: [qd1719]}", f"Vốn ngân sách Trung ương theo {Q1719}."),
        ("{nguon_von: Vốn ngân sách Trung ương, theo: [qd1719, nq88]}",
         f"Vốn ngân sách Trung ương theo {Q1719} và {N88}."),
        ("{nguon_von: Vốn, theo: [nq88, qd1719, nq88]}", f"Vốn theo {N88}, {Q1719} và {N88}."),
        ("{nguon_von: Ngân sách xã, ghi_chu: Đơn vị tự cân đối.}", "Ngân sách xã. Đơn vị tự cân đối."),
        ("{nguon_von: Ngân sách xã, dau_gach: true}", "- Ngân sách xã."),
    ],
)
def test_assignment_and_funding_sentences(render_plan, block, seen):
    doc = render_plan(plan(noi_dung=first_section("Đoạn mở.", block)))
    assert body_lines(doc) == ["I. MỤC ĐÍCH, YÊU CẦU", "Đoạn mở.", seen, "Kết thúc./."]


def test_assignment_task_keeps_its_emphasis(render_plan):
    doc = render_plan(plan(noi_dung=first_section(
        "{don_vi: Phòng Tài chính, vai_tro: chủ trì, nhiem_vu: 'lập dự toán **trước ngày 30/6**.'}")))
    assert looks(find(doc, "Phòng Tài chính")) == [
        ("Phòng Tài chính chủ trì, lập dự toán ", False, False),
        ("trước ngày 30/6", True, False),
        (".", False, False),
    ]


# --------------------------------------------------------------------------------------- signature

KY_VARIANTS = [  # the ky mapping without ho_ten, the lines above the name
    ("{quyen_han: TM., tap_the: Ủy ban nhân dân, chuc_vu: Chủ tịch}", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("{quyen_han: KT., tap_the: Chủ tịch, chuc_vu: Phó Chủ tịch}", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("{quyen_han: kt, tap_the: Chủ tịch, chuc_vu: Phó Chủ tịch}", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
    ("{quyen_han: ' Tm ', tap_the: ủy ban nhân dân, chuc_vu: chủ tịch}", ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
    ("{quyen_han: TL., tap_the: Chủ tịch, chuc_vu: Chánh Văn phòng}", ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]),
    ("{quyen_han: TUQ., tap_the: Chủ tịch, chuc_vu: Trưởng phòng Nội vụ}", ["TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"]),
    ("{quyen_han: Q., chuc_vu: Chủ tịch}", ["Q. CHỦ TỊCH"]),
    ("{chuc_vu: Chủ tịch}", ["CHỦ TỊCH"]),
]


@pytest.mark.parametrize(
    ("ky", "lines"), KY_VARIANTS, ids=["TM.", "KT.", "kt", "Tm with spaces", "TL.", "TUQ.", "Q.", "own name"]
)
def test_signature_block(render_plan, ky, lines):
    doc = render_plan(plan(ky="ky: " + ky.replace("}", ", ho_ten: Đỗ Thị Đào}")))
    seen = text_lines(doc)
    assert seen[seen.index("- Lưu: VT, VHXH.") + 1 :] == [*lines, "Đỗ Thị Đào"]
    for line in [*lines, "Đỗ Thị Đào"]:
        assert looks(find(doc, line)) == [(line, True, False)]


# --------------------------------------------------------------------------------------- nơi nhận


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        (["Sở Dân tộc và Tôn giáo (để b/c)"], ["- Sở Dân tộc và Tôn giáo (để b/c);"]),
        (["Như trên", "Thường trực Đảng ủy xã", "Các phòng, đơn vị liên quan"],
         ["- Như trên;", "- Thường trực Đảng ủy xã;", "- Các phòng, đơn vị liên quan;"]),
        (["- Sở A;", "– Sở B.", "+ Sở C,", "• Sở D", "Sở E;  "], ["- Sở A;", "- Sở B;", "- Sở C;", "- Sở D;", "- Sở E;"]),
    ],
    ids=["one", "several", "marks typed by the clerk"],
)
@pytest.mark.parametrize("unit", ["VHXH", "VP"])
def test_noi_nhan(render_plan, written, seen, unit):
    yaml_items = "".join(f"  - {q(item)}\n" for item in written)
    doc = render_plan(plan(noi_nhan="noi_nhan:\n" + yaml_items, viet_tat_soan_thao=unit))
    lines = text_lines(doc)
    assert lines[lines.index("Nơi nhận:") + 1 : lines.index(f"- Lưu: VT, {unit}.") + 1] == [*seen, f"- Lưu: VT, {unit}."]


# ------------------------------------------------------------------------------------------- "./."


@pytest.mark.parametrize(
    ("noi_dung", "ket_thuc", "last"),
    [
        (BODY, "Kế hoạch này thay thế các kế hoạch trước.", "Kế hoạch này thay thế các kế hoạch trước./."),
        (BODY, "Đề nghị các đơn vị thực hiện", "Đề nghị các đơn vị thực hiện./."),
        (BODY, "Đã có dấu kết thúc./.", "Đã có dấu kết thúc./."),
        (BODY, "Thực hiện **nghiêm túc**.", "Thực hiện nghiêm túc./."),
        (BODY, None, "Nội dung thứ nhất./."),
        (first_section("Đoạn một.", "Đoạn cuối;"), None, "Đoạn cuối./."),
        (first_section("{gach: Ý một., cong: [Ý nhỏ một., Ý nhỏ cuối]}"), None, "+ Ý nhỏ cuối./."),
        (first_section("{don_vi: Phòng Tài chính, vai_tro: chủ trì, nhiem_vu: lập dự toán.}"), None,
         "Phòng Tài chính chủ trì, lập dự toán./."),
        (sections("      - tieu_de: 'Cùng dòng:'\n        cung_dong: true\n        doan: [văn bản cuối.]"), None,
         "1. Cùng dòng: văn bản cuối./."),
    ],
)
def test_body_ends_with_the_end_mark(render_plan, noi_dung, ket_thuc, last):
    doc = render_plan(plan(noi_dung=noi_dung, ket_thuc=ket_thuc))
    body = body_lines(doc)
    assert body[-1] == last
    assert sum(line.count("./.") for line in text_lines(doc)) == 1


def test_end_mark_with_minimal_plan(render_plan):
    doc = render_plan(MINIMAL_PLAN)
    lines = text_lines(doc)
    assert lines[lines.index("Nơi nhận:") - 1] == "Nội dung thứ nhất./."


# ---------------------------------------------------------------------------------------------- NFC

NFD_PLAN = plan(
    so="3",
    can_cu="can_cu:\n" + LUAT_2015 + GROUP,
    noi_dung=sections(
        """\
      - tieu_de: Tiểu dự án điều chỉnh
        danh_so: khong
        muc:
          - tieu_de: "Nội dung thực hiện:"
            cung_dong: true
            doan:
              - Chi tiết theo [[qd920+]]; **đậm** và *nghiêng*.
              - gach: Ý gạch đầu dòng có dấu.
                cong: [Ý cộng có dấu.]
              - nguon_von: Vốn ngân sách địa phương
                theo: [qd1719]
""",
    ),
    ket_thuc="Giao Văn phòng Ủy ban nhân dân theo dõi, đôn đốc.",
    ky="ky: {quyen_han: TM., tap_the: Ủy ban nhân dân, chuc_vu: Chủ tịch, ho_ten: Nguyễn Thị Hường}",
    noi_nhan="noi_nhan:\n  - Thường trực Đảng ủy xã\n  - Sở Dân tộc và Tôn giáo (để b/c)",
)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_plan_written_in_nfd_renders_in_nfc(render_plan):
    written = _nfd(NFD_PLAN)
    assert written != NFD_PLAN  # the plan really is decomposed
    doc = render_plan(written)
    texts = [p.text for p in paragraphs(doc)]
    assert all(unicodedata.is_normalized("NFC", text) for text in texts), [
        t for t in texts if not unicodedata.is_normalized("NFC", t)
    ]
    lines = text_lines(doc)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ NGỌC LIÊN",
        "Số: 03/KH-UBND",
        "Ngọc Liên, ngày 20 tháng 4 năm 2026",
        TRICH_YEU,
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Tiểu dự án điều chỉnh",
        "- Ý gạch đầu dòng có dấu.",
        "+ Ý cộng có dấu.",
        f"Vốn ngân sách địa phương theo {Q1719}.",
        "Giao Văn phòng Ủy ban nhân dân theo dõi, đôn đốc./.",
        "- Thường trực Đảng ủy xã;",
        "TM. ỦY BAN NHÂN DÂN",
        "Nguyễn Thị Hường",
    ):
        assert expected in lines, expected


def test_assignment_written_in_nfd_renders(render_plan):
    text = plan(noi_dung=first_section("{don_vi: Phòng Tài chính, vai_tro: chủ trì, nhiem_vu: lập dự toán.}"))
    doc = render_plan(_nfd(text))
    assert "Phòng Tài chính chủ trì, lập dự toán." in text_lines(doc)
