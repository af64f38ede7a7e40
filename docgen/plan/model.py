"""What a clerk writes in a plan, as typed, validated models (the YAML keys are these field names).

Every text field is cleaned (NFC, whitespace folded) and may not be empty: a missing value
is an error, never an empty gap in the document.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    field_validator,
    model_validator,
    PlainValidator,
    Strict,
    Tag,
)

from docgen import nd30
from docgen.kinds import KINDS
from docgen.vn import PartialDate, bad_chars, clean, parse_date, upper
from docgen.vn.signature import problems as signature_problems, split_prefix
from docgen.vn.text import clean_lines, is_plain, legacy_words

__all__ = [
    "Plan",
    "SoLieu",
    "LienHe",
    "CoQuan",
    "DonVi",
    "VanBan",
    "CanCu",
    "Muc",
    "Gach",
    "PhanCong",
    "KinhPhi",
    "Bang",
    "Cot",
    "Nhom",
    "PhuLuc",
    "QuyetDinh",
    "Ky",
    "Luu",
    "PhatHanh",
    "VienDan",
    "Block",
    "LAW_KINDS",
]

# Kinds of legal document cited by name only: no number, no issuer (Phụ lục I, II.6).
LAW_KINDS = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Quy chuẩn kỹ thuật quốc gia", "Tiêu chuẩn quốc gia")
"""The kinds cited by their names (a national technical regulation by its name and code, "… (QCVN 01:2019/BCT)"),
with no number or issuer."""


def _cleaning(cleaner):
    """A validator that cleans a text with ``cleaner`` and refuses control characters and legacy encodings."""

    def check(value: Any) -> Any:
        if isinstance(value, str) and not is_plain(value):
            value = cleaner(value)
            found = bad_chars(value)
            if found:
                index, char = found[0]
                raise ValueError(f"có ký tự điều khiển không in được (U+{ord(char):04X}) ở vị trí {index + 1}")
            legacy = legacy_words(value)
            if legacy:
                shown = ", ".join(f'"{w}"' for w in legacy[:3])
                raise ValueError(f"chữ có vẻ được gõ bằng bảng mã cũ TCVN3 (ABC) hoặc VNI ({shown}); hãy chuyển sang "
                                 "Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi dán lại")
        return value

    return check


_text = _cleaning(clean)
_lines = _cleaning(clean_lines)
"""Text whose line breaks are kept (each line cleaned) and text folded to one line."""


def _not_empty(value: str) -> str:
    if not value:
        raise ValueError("không được để trống")
    return value


Text = Annotated[str, BeforeValidator(_text), AfterValidator(_not_empty)]
Lines = Annotated[str, BeforeValidator(_lines), AfterValidator(_not_empty)]
"""Text whose line breaks are meant (a YAML literal block "|", or "\\n" in quotes): each is a line break in the
paragraph. Plain Text folds every white space, new lines included, into one space."""


def _person(value: str) -> str:
    if not re.fullmatch(r"[^\W\d_](?:[^\W\d_]|[.'’ -])*", value):  # a letter, then letters, spaces, . ' -
        raise ValueError("họ tên chỉ gồm chữ cái và dấu cách (ví dụ: Nguyễn Văn An)")
    if value == value.upper() and value != value.lower():
        raise ValueError(f'họ tên người ký viết chữ thường, hoa chữ cái đầu (ví dụ: "{value.title()}"), '
                         "không viết hoa cả tên")
    return value


def _place(value: str) -> str:
    if "," in value or not value[:1].isupper():
        raise ValueError("địa danh là tên riêng, viết hoa chữ cái đầu, không có dấu phẩy (ví dụ: Ngọc Liên; "
                         "Quận 1)")
    return value


PersonName = Annotated[Text, AfterValidator(_person)]
"""A signer's name: letters and spaces, written in lower case with capitals (the decree: "chữ in thường")."""
Place = Annotated[Text, AfterValidator(_place)]
"""The place name before the date (địa danh): a proper name."""
"""A piece of Vietnamese text: cleaned, never empty."""

Int = Annotated[int, Strict()]
"""A whole number as YAML writes it (yes/no and true/false are not numbers)."""

def _code(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?", value):
        raise ValueError(f'mã "{value}" viết chưa đúng dạng: chỉ gồm chữ cái không dấu, chữ số và các dấu _ . -, '
                         'bắt đầu bằng chữ hoặc số, không kết thúc bằng "-" hay "." (ví dụ: qd1719, nq57-tw)')
    return value


Code = Annotated[str, AfterValidator(_code)]
"""A short code a plan gives a document to cite it in text as [[code]] (never ending with "-" or ".", which
[[code-]] and a sentence's full stop use)."""

# A state document's số/ký hiệu (1719/QĐ-TTg, 88/2019/QH14) or a Party document's (35-CT/TW, 05-NQ/TU).
_SO_KY_HIEU = re.compile(r"\d+(?:/[0-9A-Za-zĐđ&]+(?:-[0-9A-Za-zĐđ&]+)*)+|\d+-[A-Za-zĐđ]+(?:/[0-9A-Za-zĐđ&]+(?:-[0-9A-Za-zĐđ&]+)*)+")


def _so_ky_hieu(value: str) -> str:
    if _SO_KY_HIEU.fullmatch(value):
        return value
    hint = ""
    if re.match(r"(?i)số\b", value):
        hint = 'chỉ ghi số và ký hiệu, không ghi chữ "số"; '
    elif " " in value:
        hint = "viết liền, không có dấu cách; "
    raise ValueError(f'số, ký hiệu "{value}" viết chưa đúng dạng: {hint}ghi như trên văn bản, ví dụ 1719/QĐ-TTg, '
                     "88/2019/QH14, 274/TB-UBDT; văn bản của Đảng ghi số và ký hiệu nối bằng gạch ngang, ví dụ "
                     "35-CT/TW, 05-NQ/TU")


SoKyHieu = Annotated[str, BeforeValidator(_text), AfterValidator(_so_ky_hieu)]
"""A document's số/ký hiệu as printed on it, e.g. 1719/QĐ-TTg, 88/2019/QH14, or a Party document's 57-NQ/TW."""

Abbreviation = Annotated[str, BeforeValidator(_text), Field(pattern=r"^[0-9A-Za-zĐđ&]+(-[0-9A-Za-zĐđ&]+)*$")]


def _date(value: Any) -> Any:
    if isinstance(value, (dt.date, str)) and not isinstance(value, dt.datetime):
        return parse_date(value)
    return value


DATE_TEXT = r"^\d{1,2}/\d{1,2}/\d{4}$"
"""A date as a plan writes it: "05/01/2026" (the day and month with or without their 0)."""
Date = Annotated[dt.date, BeforeValidator(_date, json_schema_input_type=Annotated[str, Field(pattern=DATE_TEXT)])]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, use_attribute_docstrings=True)


class CoQuan(_Model):
    """The issuing agency (ô 2)."""

    ten: list[Text]
    """Its full name, one list item per printed line (or one string that the engine keeps on one line)."""
    viet_tat: Abbreviation
    """Its abbreviation in the ký hiệu, e.g. UBND."""
    chu_quan: list[Text] = []
    """The direct parent agency (printed above, not bold), if any."""

    @field_validator("ten", "chu_quan", mode="before", json_schema_input_type=Text | list[Text])
    @classmethod
    def _lines(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("ten")
    @classmethod
    def _some_name(cls, value: list[str]) -> list[str]:
        if not value:
            raise ValueError("không được để trống")
        return value


class DonVi(_Model):
    """A unit of the agency: the drafting unit."""

    ten: Text | None = None
    """Its name (not printed: the ký hiệu and the Lưu line use the abbreviation)."""
    viet_tat: Abbreviation
    """Its abbreviation: in a Công văn's ký hiệu (UBND-VP) and the "Lưu" line."""
    viet_tat_luu: Text | None = None
    """What the "- Lưu: VT, …." line names, when it is not ``viet_tat`` (e.g. a specialist's desk)."""


class VanBan(_Model):
    """One document cited by the plan (a legal basis or another reference)."""

    ma: Code | None = None
    """Code to cite it in text: [[ma]] (kind, number, date, issuer) or [[ma+]] (with its trích yếu)."""
    loai: Text | None = None
    """Its kind as written in text: Quyết định, Nghị quyết, Luật, Công văn…"""
    so: SoKyHieu | None = None
    """Its số/ký hiệu, e.g. 1719/QĐ-TTg. Not for a Luật or Pháp lệnh."""
    ngay: Date | None = None
    co_quan: Text | None = None
    """Who issued it: Thủ tướng Chính phủ, HĐND tỉnh, UBND tỉnh…"""
    trich_yeu: Text | None = None
    """What it is about, with its own first word: "phê duyệt …", "về việc …"; a Luật's name. Needed where it is
    printed: in the căn cứ, for a Luật, and for a document the text cites in full ([[ma+]], or first under
    vien_dan: rut-gon)."""
    chu_thich: Lines | None = None
    """A footnote on its căn cứ line (e.g. the documents that amended it); the note's text, with markup."""

    @field_validator("trich_yeu")
    @classmethod
    def _no_trailing_punctuation(cls, value: str | None) -> str | None:
        if value is None:
            return None
        trimmed = value.rstrip(";., ")
        if not trimmed:
            raise ValueError("không được để trống")
        return trimmed


class CanCu(VanBan):
    """A legal basis ("Căn cứ …"): one document, or several of one kind and issuer."""

    trich_yeu: Text | None = None  # type: ignore[assignment]
    van_ban: list[VanBan] = []
    """Several documents of the same kind and issuer, cited together ("Căn cứ các Quyết định …: số …; số …")."""

    @model_validator(mode="after")
    def _shape(self) -> CanCu:
        if self.van_ban:
            for name in ("so", "ngay", "trich_yeu", "ma"):
                if getattr(self, name) is not None:
                    raise ValueError(f'căn cứ có "van_ban" thì "{name}" ghi trong từng văn bản')
            law = self.loai in LAW_KINDS  # laws are cited by their names: no issuer needed
            missing = [n for n in ("loai", *(() if law else ("co_quan",))) if getattr(self, n) is None]
            if missing:
                raise ValueError(f'căn cứ gồm nhiều văn bản cần ghi "{missing[0]}" chung')
            for item in self.van_ban:
                if item.loai not in (None, self.loai) or item.co_quan not in (None, self.co_quan):
                    raise ValueError("các văn bản trong một căn cứ phải cùng loại và cùng cơ quan ban hành")
                _printable(item, self.loai, law, "mỗi văn bản trong van_ban")
        elif self.trich_yeu is None:
            raise ValueError('căn cứ cần "trich_yeu" (hoặc danh sách "van_ban")')
        else:
            _printable(self, self.loai, self.loai in LAW_KINDS, "căn cứ")
        return self


def _printable(doc: VanBan, kind: str | None, law: bool, what: str) -> None:
    """A căn cứ prints a law by its name (and its date when given), any other document by its number, date and
    issuer: what it cannot print is asked for here, not printed as a blank."""
    if law:
        if doc.trich_yeu is None:
            raise ValueError(f'{what} là {kind} cần "trich_yeu": tên của {kind} (ví dụ: Tổ chức chính quyền địa phương)')
        return
    missing = [name for name in ("so", "ngay") if getattr(doc, name) is None]
    if missing:
        names = " và ".join(f'"{m}"' for m in missing)
        raise ValueError(f"{what} ({kind or 'văn bản'}) cần {names}: căn cứ ghi số, ký hiệu và ngày ban hành "
                         "(chỉ Hiến pháp, Bộ luật, Luật, Pháp lệnh được ghi bằng tên)")


class Gach(_Model):
    """A "- " point, with optional "+ " sub-points."""

    gach: Lines
    cong: list[Lines] = []


class PhanCong(_Model):
    """An assignment: a unit, its role, what it must do."""

    don_vi: Text
    vai_tro: Annotated[Literal["chủ trì", "phối hợp"], BeforeValidator(_text)]
    nhiem_vu: Lines
    dau_gach: bool = False
    """Print it as a "- " point."""


class KinhPhi(_Model):
    """A funding note: the source, and the documents that allocate it."""

    nguon_von: Text
    theo: list[Code] = []
    """Codes of the cited documents that allocate the money."""
    ghi_chu: Lines | None = None
    dau_gach: bool = False


def _cell(value: Any) -> str | int | float:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("ô trong bảng phải là chữ hoặc số")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"ô trong bảng phải là một số viết ra được, không phải {value}")
    return _lines(value) if isinstance(value, str) else value


Cell = Annotated[str | int | float, PlainValidator(_cell)]
"""A table cell: text (may be empty), or a number the engine writes the Vietnamese way."""


MERGE_UP = "^"
"""A cell written "^" is the cell above it, run on (a unit in charge of several tasks): merged down."""

_WIDTH = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>cm|mm)")


def _width(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("độ rộng cột là một số (phần chia) hoặc số đo như \"2,5 cm\", \"30 mm\"")
    if isinstance(value, (int, float)):
        if not 0 < value < 1000 or not math.isfinite(value):
            raise ValueError(f"độ rộng cột {value} phải là một số dương (phần chia so với các cột khác)")
        return float(value)
    if isinstance(value, str) and (found := _WIDTH.fullmatch(clean(value))):
        mm = float(found.group("n").replace(",", ".")) * (10 if found.group("unit") == "cm" else 1)
        if not 3 <= mm <= 300:
            raise ValueError(f"độ rộng cột {value} không hợp lý (từ 3 mm đến 300 mm)")
        return f"{mm:g} mm"
    raise ValueError(f'độ rộng cột viết là một số (phần chia, ví dụ 1 và 4) hoặc số đo như "2,5 cm", "30 mm"; '
                     f"đang ghi {value!r}")


class Cot(_Model):
    """A column of a table: its heading and, when the plan says so, its width, alignment and total."""

    ten: Lines
    """The heading, in the header row (repeated on every page the table runs onto)."""
    rong: Annotated[float | str, PlainValidator(_width)] | None = None
    """Its width: a share (2 = twice a column of 1) or a fixed "2,5 cm" / "25 mm"; left out: from its content."""
    can: Annotated[Literal["trai", "giua", "phai", "deu"], BeforeValidator(_text)] | None = None
    """Alignment of its cells: trai, giua, phai, deu (justified); left out: numbers right, STT centred, text left."""
    tong: bool | int | float = False
    """true: the column is summed, in a "Tổng cộng" row and in each group's row; a number: the total the plan
    expects, checked against the sum."""
    ma: Code | None = None
    """A code for its total, cited in text as [[bảng.cột]] (the table's ``ma``, a dot, this one)."""

    @field_validator("tong", mode="before")
    @classmethod
    def _total(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and not math.isfinite(value):
            raise ValueError(f"tổng phải là một số viết ra được, không phải {value}")
        return value


class Nhom(_Model):
    """A group row: its heading across the row ("I. CÔNG TÁC TUYÊN TRUYỀN"), with the group's subtotals."""

    nhom: Lines


def _column_tag(value: Any) -> str:
    return "#cot" if isinstance(value, dict) else "#text"


Column = Annotated[
    Annotated[Lines, Tag("#text")] | Annotated[Cot, Tag("#cot")],
    Discriminator(_column_tag),
]


def _row_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "#nhom"
    return "#cells" if isinstance(value, list) else None


Row = Annotated[
    Annotated[list[Cell], Tag("#cells")] | Annotated[Nhom, Tag("#nhom")],
    Discriminator(_row_tag, custom_error_type="row", custom_error_message=(
        'hàng của bảng là một danh sách ô [ô 1, ô 2, …], hoặc một dòng nhóm {nhom: "I. TÊN NHÓM"}')),
]


class Bang(_Model):
    """A table: its title, unit line, columns and rows; totals and the amount in words computed."""

    bang: Lines | None = None
    """The table's title, printed above it in bold (a table in a phụ lục may have none)."""
    cot: list[Column]
    """The columns: a heading, or {ten, rong, can, tong, ma}."""
    hang: list[Row]
    """Rows: a list of cells each (numbers are formatted, 1.250,5; "^" runs the cell above on), or a group row
    {nhom: …} spanning the columns."""
    don_vi_tinh: Text | None = None
    """Printed "Đơn vị tính: …" above the table, right, italic; the unit of its totals."""
    tong_cong: Text | None = None
    """The label of the totals row (default "Tổng cộng" when a column is summed)."""
    bang_chu: bool = False
    """Print the total of the summed column in words under the table: "(Bằng chữ: Một tỷ … đồng)"."""
    ma: Code | None = None
    """A code for the table's total (one summed column), cited in text as [[ma]]."""

    @property
    def columns(self) -> list[Cot]:
        """Every column as a Cot (a heading alone is a column with nothing else said)."""
        return [Cot(ten=c) if isinstance(c, str) else c for c in self.cot]

    def summed(self) -> list[int]:
        """The indexes of the summed columns."""
        return [k for k, c in enumerate(self.cot) if not isinstance(c, str) and c.tong is not False]

    def totals(self) -> dict[int, Decimal]:
        """The total of each summed column, over the rows (group rows hold subtotals, not figures)."""
        out = {k: Decimal(0) for k in self.summed()}
        for row in self.hang:
            if isinstance(row, list):
                for k in out:
                    if isinstance(row[k], (int, float)):
                        out[k] += Decimal(str(row[k]))
        return out

    def group_totals(self) -> list[dict[int, Decimal]]:
        """Each group row's subtotals: the rows under it, until the next group row."""
        out: list[dict[int, Decimal]] = []
        summed = self.summed()
        for row in self.hang:
            if isinstance(row, Nhom):
                out.append({k: Decimal(0) for k in summed})
            elif out:
                for k in summed:
                    if isinstance(row[k], (int, float)):
                        out[-1][k] += Decimal(str(row[k]))
        return out

    @model_validator(mode="after")
    def _shape(self) -> Bang:
        if not self.cot:
            raise ValueError('bảng cần ít nhất một cột trong "cot"')
        width = len(self.cot)
        above: list[Any] | None = None
        for i, row in enumerate(self.hang, start=1):
            if isinstance(row, Nhom):
                above = None
                continue
            if len(row) != width:
                hint = ' (trong [ … ] dấu phẩy tách ô: ô có dấu phẩy thì đặt trong ngoặc kép "…")' \
                    if len(row) > width else ""
                raise ValueError(f"hàng {i} của bảng có {len(row)} ô, bảng có {width} cột{hint}")
            for k, cell in enumerate(row):
                if cell == MERGE_UP and above is None:
                    raise ValueError(f'hàng {i}, cột {k + 1}: ô "^" nối với ô phía trên, nhưng phía trên không có ô nào '
                                     "(hàng đầu của bảng hoặc ngay dưới một dòng nhóm)")
                if cell == MERGE_UP and k in self.summed():
                    raise ValueError(f'hàng {i}, cột {k + 1}: cột được cộng tổng không nối ô bằng "^"')
            above = row
        if self.bang_chu and not self.summed():
            raise ValueError('"bang_chu" đọc số tổng cộng: cần một cột có "tong"')
        return self


def _colon_in_text(value: Any) -> Any:
    raise ValueError('đoạn chữ có dấu ": " nên YAML hiểu nhầm thành tên mục; hãy đặt cả đoạn trong ngoặc kép "…"')


def _block_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "#text"
    if isinstance(value, dict) and len(value) == 1 and " " in str(next(iter(value))):
        return "#colon"  # "Nhiệm vụ 9: Hỗ trợ …" unquoted: YAML read a key and a value
    if isinstance(value, dict):
        for key, tag in (("gach", "#gach"), ("don_vi", "#phan_cong"), ("nguon_von", "#kinh_phi"), ("bang", "#bang"),
                         ("cot", "#bang")):
            if key in value:
                return tag
    return None


Block = Annotated[
    Annotated[Lines, Tag("#text")]
    | Annotated[Gach, Tag("#gach")]
    | Annotated[PhanCong, Tag("#phan_cong")]
    | Annotated[KinhPhi, Tag("#kinh_phi")]
    | Annotated[Bang, Tag("#bang")]
    | Annotated[Any, BeforeValidator(_colon_in_text), Tag("#colon")],
    Discriminator(
        _block_tag,
        custom_error_type="block",
        custom_error_message='đoạn phải là một đoạn chữ, hoặc một nhóm có "gach" (ý gạch đầu dòng), '
        '"don_vi" (phân công), "nguon_von" (kinh phí) hay "bang"/"cot" (bảng)',
    ),
]
"""One paragraph of a section: plain text, a "- " point, an assignment or a funding note.
(Union tags start with "#" so that error locations can drop them.)"""


class Muc(_Model):
    """A section of the body; numbered by its depth: I., 1., a), then "-" and "+"."""

    tieu_de: Lines | None = None
    """Its heading; without one, the first paragraph follows the number on the same line."""
    danh_so: Annotated[Literal["tu-dong", "khong", "noi-tiep"], BeforeValidator(_text)] = "tu-dong"
    """tu-dong: numbered by depth; khong: a heading with no number; noi-tiep: "4.1." under "4."."""
    cung_dong: bool = False
    """Print the first paragraph on the heading's line ("a) Nội dung thực hiện: …")."""
    doan: list[Block] = []
    muc: list[Muc] = []

    @model_validator(mode="after")
    def _has_content(self) -> Muc:
        if self.tieu_de is None and not self.doan:
            raise ValueError('mục cần "tieu_de" hoặc ít nhất một đoạn trong "doan"')
        if self.tieu_de is None and not isinstance(self.doan[0], str):
            raise ValueError('mục không có "tieu_de" thì đoạn đầu tiên phải là một đoạn chữ')
        if self.cung_dong and (not self.doan or not isinstance(self.doan[0], str)):
            raise ValueError('"cung_dong" cần một đoạn chữ đầu tiên trong "doan"')
        return self


def _authority_line(value: str) -> str:
    """One line of authority as printed before the signer's title: its prefix normalised ("TM.", "KT.", …) and
    what it stands before ("TM. Ủy ban nhân dân"); a bare prefix ("KT.") is the older form with ``tap_the``."""
    prefix, rest = split_prefix(value)
    if prefix is None and value.rstrip(".").upper() in _BARE:
        prefix, rest = _BARE[value.rstrip(".").upper()], ""
    if prefix is None:
        raise ValueError(f'"{value}": dòng quyền hạn bắt đầu bằng một trong TM., KT., TL., TUQ., Q. '
                         '(ví dụ "TM. Ủy ban nhân dân", "KT. Chủ tịch")')
    return f"{prefix} {rest}" if rest else prefix


_BARE = {p.rstrip("."): p for p in nd30.AUTHORITY_PREFIXES}


AuthorityLine = Annotated[Text, AfterValidator(_authority_line)]


def _authority_lines(value: Any) -> Any:
    return [] if value is None else _as_list(value)


class PhuLuc(_Model):
    """A phụ lục after the signature and Nơi nhận, on pages of its own (Phụ lục I, mục III.1; Mẫu 2.1)."""

    ma: Code | None = None
    """A code to point to it in the text: [[ma]] prints "Phụ lục I" (or "Phụ lục" when there is one)."""
    tieu_de: Lines
    """Its title, printed in capitals under "Phụ lục I"."""
    ngang: bool = False
    """true: its pages are landscape (a wide table)."""
    doan: list[Block] = []
    """Paragraphs and tables, before its sections."""
    muc: list[Muc] = []
    """Numbered sections, as in the body."""

    @model_validator(mode="after")
    def _has_content(self) -> PhuLuc:
        if not self.doan and not self.muc:
            raise ValueError('phụ lục cần nội dung: "doan" (đoạn, bảng) hoặc "muc"')
        return self


class Ky(_Model):
    """The signature block (ô 7): the lines of authority, the signer's title and name."""

    quyen_han: Annotated[list[AuthorityLine], BeforeValidator(
        _authority_lines, json_schema_input_type=AuthorityLine | list[AuthorityLine] | None)] = []
    """The lines above the signer's title, each a prefix and what it stands before, as printed:
    ``[TM. Ủy ban nhân dân, KT. Chủ tịch]``; none when the head signs in their own name. The older form, one
    bare prefix (``KT.``) with ``tap_the``, is read as the same."""
    tap_the: Text | None = None
    """With a bare prefix: what it stands before, the collective (TM. ỦY BAN NHÂN DÂN) or the head's title."""
    chuc_vu: Text | None = None
    """The signer's title, e.g. Chủ tịch, Phó Chủ tịch (not needed when the last line is "Q. …")."""
    ho_ten: PersonName

    def authority(self) -> list[tuple[str, str]]:
        """The lines of authority as (prefix, what it stands before); the older bare form with ``tap_the``. A bare
        "Q." gives ("Q.", "") : the acting head's own title follows as ``chuc_vu``."""
        out = []
        for line in self.quyen_han:
            prefix, _, rest = line.partition(" ")
            out.append((prefix, rest or self.tap_the or ""))
        return out

    def printed(self) -> list[str]:
        """The capitalised lines above the signature, each on its own line: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH"]; a bare "Q." (the older form) stands before the acting head's own title."""
        lines = []
        for prefix, text in self.authority():
            if not text:  # "Q." with the title in chuc_vu
                return [*lines, f"{prefix} {upper(self.chuc_vu or '')}"]
            lines.append(f"{prefix} {upper(text)}")
        return [*lines, upper(self.chuc_vu)] if self.chuc_vu else lines

    def problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(field path inside ``ky``, message) for a block the decree does not have; empty when it fits."""
        bare = [i for i, line in enumerate(self.quyen_han) if " " not in line]
        if bare and len(self.quyen_han) > 1:
            return [(("quyen_han", bare[0]), f'"{self.quyen_han[bare[0]]}" cần ghi cả chức danh hay tập thể đứng '
                     'sau nó, ví dụ "KT. Chủ tịch" (khi có nhiều dòng quyền hạn, không dùng "tap_the")')]
        prefix = self.quyen_han[0] if bare else None
        if prefix in ("TM.", "KT.", "TL.", "TUQ.") and self.tap_the is None:
            return [(("tap_the",), f'ký "{prefix}" cần "tap_the" (ví dụ: Ủy ban nhân dân, Chủ tịch), hoặc ghi cả '
                     f'dòng: quyen_han: "{prefix} Chủ tịch"')]
        if self.tap_the is not None and prefix in (None, "Q."):
            return [(("tap_the",), '"tap_the" chỉ dùng với TM., KT., TL. hoặc TUQ.')]
        lines = self.authority()
        acting_last = bool(lines) and lines[-1][0] == "Q." and lines[-1][1] != ""
        if self.chuc_vu is None and not acting_last:
            return [(("chuc_vu",), "thiếu mục bắt buộc này (chức vụ của người ký, ví dụ: Phó Chủ tịch)")]
        if self.chuc_vu is not None and acting_last:
            return [(("chuc_vu",), f'dòng "{self.quyen_han[-1]}" đã là chức vụ của người ký; hãy bỏ "chuc_vu"')]
        if self.chuc_vu is not None and (found := split_prefix(self.chuc_vu)[0]):
            return [(("chuc_vu",), f'"chuc_vu" chỉ ghi chức vụ của người ký; "{found}" và chức '
                     'danh đi sau nó ghi trong "quyen_han", mỗi dòng một mục, ví dụ: quyen_han: [TM. Ủy ban nhân '
                     'dân, KT. Chủ tịch] và chuc_vu: Phó Chủ tịch')]
        # the same words judge the plan and, in `docgen check`, the printed block (docgen.vn.signature)
        out = []
        for index, message in signature_problems(self.printed()):
            if index < len(self.quyen_han):
                field = ("tap_the",) if " " not in self.quyen_han[index] else ("quyen_han", index)
            else:
                field = ("chuc_vu",)
            out.append((field, message))
        return out


def _recipient(value: str) -> str:
    value = re.sub(r"^[-–+•]\s*", "", value).rstrip(";.,  ")
    if re.match(r"(?i)^lưu\s*:", value):
        raise ValueError('không ghi dòng "Lưu: VT, …": chương trình tự tạo dòng này từ "don_vi_soan_thao"')
    return _not_empty(value)


Recipient = Annotated[Lines, AfterValidator(_recipient)]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _as_list_of_dicts(value: Any) -> Any:
    return [value] if isinstance(value, dict) else value


class SoLieu(_Model):
    """A figure: a number the engine formats the Vietnamese way, with its unit."""

    gia_tri: int | float
    don_vi: Text | None = None
    """Its unit: "tr.đ", "%", "ha"… ("%" is written without a space)."""
    thap_phan: Annotated[Int, Field(ge=0, le=6)] | None = None
    """Round to this many decimals (26.585 with 2 → "26,59")."""

    @field_validator("gia_tri", mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"phải là một số (ví dụ 6975 hoặc 26.59), đang ghi {value!r}")
        return value


class LienHe(_Model):
    """The issuing agency's contact line (ô 13)."""

    dia_chi: Text | None = None
    dien_thoai: Text | None = None
    fax: Text | None = None
    email: Text | None = None
    website: Text | None = None

    def line(self) -> str:
        """"Địa chỉ: …; Điện thoại: …; Email: …" with the parts that are given."""
        labels = (("dia_chi", "Địa chỉ"), ("dien_thoai", "Điện thoại"), ("fax", "Fax"),
                  ("email", "Email"), ("website", "Website"))
        return "; ".join(f"{label}: {getattr(self, name)}" for name, label in labels if getattr(self, name))

    @model_validator(mode="after")
    def _something(self) -> LienHe:
        if not self.line():
            raise ValueError("cần ít nhất một trong: dia_chi, dien_thoai, fax, email, website")
        return self


def _initials(value: str) -> str:
    value = value.rstrip(".")
    if not re.fullmatch(r"[A-ZĐ](?:\.?[A-ZĐ])*", value):
        raise ValueError(f'ký hiệu ở ô 12 ("ky_hieu" của "phat_hanh") "{value}" viết bằng chữ in hoa, không dấu cách '
                         '(ví dụ: PL); tên người soạn thảo ghi ở "nguoi_soan"')
    return value


class PhatHanh(_Model):
    """Ô 12: who drafted the document and how many copies are issued, printed "PL.(300)"."""

    ky_hieu: Annotated[Text, AfterValidator(_initials)]
    """The drafter's initials in capitals, e.g. PL."""
    so_ban: Annotated[Int, Field(ge=1)] | None = None
    """How many copies are issued (left out: only the initials, "PL.")."""


class Luu(_Model):
    """What the "- Lưu: VT, …." line at the end of Nơi nhận says besides VT and the drafting unit."""

    don_vi: Annotated[list[Text], BeforeValidator(_as_list, json_schema_input_type=Text | list[Text])] = []
    """Other desks or files that keep a copy, printed after VT: "- Lưu: VT, KT, TH."."""
    nguoi_soan: Text | None = None
    """The drafter, in brackets after the drafting unit: "TH(Hùng)"."""
    phat_hanh: PhatHanh | None = None
    """Ô 12 of the decree, at the end of the Lưu line: "- Lưu: VT, TH. PL.(300).", 11 pt."""


class VienDan(_Model):
    """How the document cites other documents."""

    lan_sau: Annotated[Literal["day-du", "rut-gon"], BeforeValidator(_text)] = "day-du"
    """rut-gon: Phụ lục I's rule, [[code]] in full the first time (the căn cứ count) and "Quyết định số
    1719/QĐ-TTg" after; day-du: every [[code]] gives kind, number, date and issuer (as plans written before)."""
    ngay: Annotated[Literal["so", "chu"], BeforeValidator(_text)] = "so"
    """so: "ngày 31/5/2022"; chu: "ngày 31 tháng 5 năm 2022", in every citation of the document."""


class SharedGroups(_Model):
    """A shared file of recipient groups, used by plans as {nhom: name} in kinh_gui or noi_nhan."""

    nhom: dict[Code, list[Recipient]]


class NgayBanHanh(_Model):
    """A date whose day or month may still be blank."""

    ngay: Int | None = None
    thang: Int | None = None
    nam: Int


DocumentDate = Annotated[str, Field(pattern=DATE_TEXT)] | NgayBanHanh
"""A document's date as a plan writes it: "05/01/2026", or {thang: 4, nam: 2026} while the day is blank."""


def _doc_date(value: Any) -> Any:
    if isinstance(value, dict):
        parts = NgayBanHanh.model_validate(value)
        return PartialDate(parts.nam, parts.thang, parts.ngay)
    if isinstance(value, (dt.date, str)) and not isinstance(value, dt.datetime):
        day = parse_date(value)
        return PartialDate(day.year, day.month, day.day)
    return value


class QuyetDinh(_Model):
    """The Quyết định that issues this plan's document ("Ban hành Kế hoạch …"): written from the same plan, the
    document itself then carries "(Ban hành kèm theo Quyết định số …)" under its title."""

    so: Annotated[Int, Field(ge=1)] | None = None
    """The Quyết định's number; left out: "Số:      /QĐ-UBND" and a blank one in "(Ban hành kèm theo …)"."""
    ngay: Annotated[PartialDate, BeforeValidator(_doc_date, json_schema_input_type=DocumentDate)] | None = None
    """Its date; left out: the plan's own."""
    trich_yeu: Lines | None = None
    """Its trích yếu; left out: "Ban hành Kế hoạch <the plan's trích yếu>"."""
    tham_quyen: Text | None = None
    """The issuing authority's line (THẨM QUYỀN BAN HÀNH), e.g. "Chủ tịch Ủy ban nhân dân xã Ngọc Liên"; left
    out: the agency for a TM. signature, else the head's title and the agency."""
    can_cu: list[CanCu] = []
    """Its own căn cứ (Luật Tổ chức chính quyền địa phương, …), printed before the plan's: the Quyết định
    carries every căn cứ, the document attached none."""
    theo_de_nghi: Text | None = None
    """Who proposed it: "Trưởng phòng Văn hóa - Xã hội" → "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."."""
    hieu_luc: Lines = "Quyết định này có hiệu lực kể từ ngày ký."
    """Điều 2."""
    thi_hanh: Text = "Các cơ quan, đơn vị và cá nhân có liên quan"
    """Who carries it out, in Điều 3: "<thi_hanh> chịu trách nhiệm thi hành Quyết định này."."""
    dieu: list[Muc] = []
    """Its articles, when not the standard three (Điều 1 issues the plan, Điều 2 its effect, Điều 3 who executes)."""
    nhu_dieu: Annotated[Int, Field(ge=1)] | None = None
    """Its Nơi nhận starts "- Như Điều <n>;"; left out: its last article."""
    ky: Ky | None = None
    """Its signature; left out: the plan's."""
    noi_nhan: list[Recipient] = []
    """Its recipients after "- Như Điều 3;"; left out: the plan's."""
    ky_kem_theo: bool = False
    """The document attached is signed too (its signature block, without Nơi nhận, after its text), as some
    offices do; left out: as Phụ lục III's "Mẫu văn bản được ban hành kèm theo quyết định", unsigned."""

class Plan(_Model):
    """A whole document to issue."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, use_attribute_docstrings=True)

    loai: Annotated[Literal[tuple(KINDS)], BeforeValidator(_text)]  # type: ignore[valid-type]
    """The kind of document: ke-hoach, …"""
    co_quan: CoQuan
    don_vi_soan_thao: DonVi
    so: Annotated[Int, Field(ge=1)] | None = None
    """The number Văn thư assigns; leave it out to print "Số:      /KH-UBND"."""
    dia_danh: Place
    ngay: Annotated[PartialDate, BeforeValidator(_doc_date, json_schema_input_type=DocumentDate)]
    trich_yeu: Lines
    """What the document is about: under the title, or "V/v …" in a Công văn. A new line in it (a "|" block)
    is where the printed line breaks; without one, docgen balances the lines."""
    can_cu: list[CanCu] = []
    tham_chieu: list[VanBan] = []
    """Other documents the text cites by code, that are not legal bases."""
    kinh_gui: Annotated[list[Recipient], BeforeValidator(_as_list, json_schema_input_type=Recipient | list[Recipient])] = []
    """"Kính gửi" recipients (Công văn; Báo cáo, Tờ trình to a superior), without "- " and ";"; one may be
    written as a single text."""
    so_lieu: dict[Code, SoLieu] = {}
    """Named figures, printed in text as [[code]] the Vietnamese way: 6.975 tr.đ, 26,59%."""
    vien_dan: VienDan = VienDan()
    """How documents are cited: the short form after the first citation, dates in figures or words."""
    chu_thich: dict[Code, Lines] = {}
    """Footnotes cited in text as [^code], each printed at the foot of its page."""
    mo_dau: Annotated[list[Block], BeforeValidator(_as_list, json_schema_input_type=Text | list[Block])] = []
    """Paragraphs before the numbered sections."""
    noi_dung: list[Muc] = []
    ket_thuc: Annotated[list[Block], BeforeValidator(_as_list, json_schema_input_type=Text | list[Block])] = []
    """Paragraphs after the sections; the last one ends with "./."."""
    ky: Ky
    noi_nhan: list[Recipient] = []
    """Recipients, one per item, without the "- " and ";" (the engine adds them and the "Lưu" line; a Quyết định's
    "- Như Điều N;" and a Kính gửi's "- Như trên;" too). Needed unless the document adds one of those."""
    dung_chung: list[str] = []
    """Shared files of recipient groups, relative to this plan's folder (used as {nhom: name})."""
    luu: Luu | None = None
    """The rest of the "- Lưu: VT, …." line: other desks, the drafter's name, ô 12."""
    phu_luc: Annotated[list[PhuLuc], BeforeValidator(_as_list_of_dicts, json_schema_input_type=PhuLuc | list[PhuLuc])] = []
    """Phụ lục after the signature, each on new pages (numbered I, II, … when there are several)."""
    tham_quyen: Text | None = None
    """A Quyết định's issuing authority line (THẨM QUYỀN BAN HÀNH); left out: from the signature and the agency."""
    theo_de_nghi: Text | None = None
    """A Quyết định's "Theo đề nghị của …" line, after its căn cứ."""
    nhu_dieu: Annotated[Int, Field(ge=1)] | None = None
    """A Quyết định's Nơi nhận starts "- Như Điều <n>;" (the article naming who executes); left out: its last."""
    quyet_dinh: QuyetDinh | None = None
    """This document is issued by a Quyết định: docgen writes both, the Quyết định and the document attached."""
    lien_he: LienHe | None = None
    """Address, phone, email, website (ô 13), at the foot of page 1."""

    def tables(self) -> list[tuple[tuple[str | int, ...], Bang]]:
        """Every table of the plan (body and phụ lục) with its field path."""
        out: list[tuple[tuple[str | int, ...], Bang]] = []
        out += [(("mo_dau", j), b) for j, b in enumerate(self.mo_dau) if isinstance(b, Bang)]
        for i, section in enumerate(self.noi_dung):
            _tables_in(section.doan, section.muc, ("noi_dung", i), out)
        out += [(("ket_thuc", j), b) for j, b in enumerate(self.ket_thuc) if isinstance(b, Bang)]
        for i, annex in enumerate(self.phu_luc):
            _tables_in(annex.doan, annex.muc, ("phu_luc", i), out)
        return out

    def table_figures(self) -> dict[str, tuple[tuple[str | int, ...], SoLieu]]:
        """The totals of the tables that have a code, as figures: [[bảng]] (one summed column) and [[bảng.cột]]."""
        out: dict[str, tuple[tuple[str | int, ...], SoLieu]] = {}
        for path, table in self.tables():
            if table.ma is None:
                continue
            totals = table.totals()
            columns = table.columns
            for k, total in totals.items():
                figure = SoLieu(gia_tri=int(total) if total == total.to_integral() else float(total),
                                don_vi=table.don_vi_tinh)
                if len(totals) == 1:
                    out[table.ma] = ((*path, "ma"), figure)
                if columns[k].ma:
                    out[f"{table.ma}.{columns[k].ma}"] = ((*path, "cot", k, "ma"), figure)
        return out

    def documents(self) -> list[tuple[tuple[str | int, ...], VanBan, CanCu | None]]:
        """Every cited document with its field path and, for a grouped căn cứ, its group."""
        out: list[tuple[tuple[str | int, ...], VanBan, CanCu | None]] = []
        for i, basis in enumerate(self.can_cu):
            if basis.van_ban:
                out += [(("can_cu", i, "van_ban", j), doc, basis) for j, doc in enumerate(basis.van_ban)]
            else:
                out.append((("can_cu", i), basis, None))
        out += [(("tham_chieu", i), doc, None) for i, doc in enumerate(self.tham_chieu)]
        return out


def _tables_in(blocks: list[Any], sections: list[Muc], path: tuple[str | int, ...],
               out: list[tuple[tuple[str | int, ...], Bang]]) -> None:
    out.extend(((*path, "doan", j), b) for j, b in enumerate(blocks) if isinstance(b, Bang))
    for i, section in enumerate(sections):
        _tables_in(section.doan, section.muc, (*path, "muc", i), out)


def _law(kind: str | None) -> bool:
    return kind in LAW_KINDS


def document_problems(doc: VanBan, group: CanCu | None) -> list[tuple[str, str]]:
    """(field, message) for a cited document missing what its citation needs; empty when complete."""
    kind = doc.loai or (group.loai if group else None)
    issuer = doc.co_quan or (group.co_quan if group else None)
    out = []
    if kind is None:
        out.append(("loai", 'cần ghi loại văn bản (ví dụ "Quyết định")'))
    if doc.trich_yeu is None and (group is not None or _law(kind)):
        out.append(("trich_yeu", "cần ghi trích yếu (tên) của văn bản: nó được in trong căn cứ"
                                  if not _law(kind) else f"cần ghi tên của {kind} trong trich_yeu"))
    if _law(kind):
        if doc.so is not None:
            out.append(("so", f"{kind} không ghi số, ký hiệu khi viện dẫn"))
        return out
    if doc.so is None:
        out.append(("so", "cần ghi số, ký hiệu (ví dụ 1719/QĐ-TTg)"))
    if doc.ngay is None:
        out.append(("ngay", "cần ghi ngày ban hành"))
    if issuer is None:
        out.append(("co_quan", "cần ghi cơ quan ban hành"))
    return out

