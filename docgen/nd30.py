"""Nghị định 30/2020/NĐ-CP as data: abbreviations, the page and the size of every component.

This is the one place the decree's numbers live. The template builder lays the Word
templates out from it and the tests (and, later, the checker) measure documents against it.
Sizes are points, lengths millimetres; a range is ``(low, high)`` inclusive.
"""

from __future__ import annotations

__all__ = [
    "TYPE_ABBREVIATIONS",
    "AUTHORITY_PREFIXES",
    "QUOC_HIEU",
    "TIEU_NGU",
    "PAGE",
    "MARGINS",
    "SIZES",
    "PROFILE",
    "BODY",
]

# Phụ lục III, Mục I: abbreviations of the tên loại. Công văn has none.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
}

# Phụ lục I, II.7 and Điều 13: signing-authority prefixes.
AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# Phụ lục I, I.1–I.3.
PAGE = {"width_mm": 210.0, "height_mm": 297.0}
MARGINS = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}

# Phụ lục I, Mục V: allowed size range and style of each component.
SIZES: dict[str, tuple[float, float]] = {
    "quoc_hieu": (12, 13),
    "tieu_ngu": (13, 14),
    "co_quan_chu_quan": (12, 13),
    "co_quan": (12, 13),
    "so_ky_hieu": (13, 13),
    "dia_danh_ngay": (13, 14),
    "ten_loai": (13, 14),
    "trich_yeu": (13, 14),
    "trich_yeu_cong_van": (12, 13),
    "noi_dung": (13, 14),
    "chuc_vu": (13, 14),
    "ho_ten": (13, 14),
    "kinh_gui": (13, 14),
    "noi_nhan_label": (12, 12),
    "noi_nhan": (11, 11),
    "so_trang": (13, 14),
    "dia_chi": (11, 12),
    "phu_luc": (13, 14),
}

# The sizes docgen uses, one consistent profile inside every range above.
PROFILE: dict[str, float] = {
    "quoc_hieu": 13,
    "tieu_ngu": 14,
    "co_quan_chu_quan": 13,
    "co_quan": 13,
    "so_ky_hieu": 13,
    "dia_danh_ngay": 14,
    "ten_loai": 14,
    "trich_yeu": 14,
    "trich_yeu_cong_van": 12,
    "noi_dung": 14,
    "chuc_vu": 14,
    "ho_ten": 14,
    "kinh_gui": 14,
    "noi_nhan_label": 12,
    "noi_nhan": 11,
    "so_trang": 14,
    "dia_chi": 11,
    "bang": 13,
    "phu_luc": 14,
}

# Phụ lục I, II.6: the body.
BODY = {
    "first_line_indent_cm": (1.0, 1.27),
    "space_between_min_pt": 6,
    "line_spacing": (1.0, 1.5),
}

# docgen's page: inside MARGINS; text width 165 mm.
PAGE_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15, "header": 10, "footer": 10}

# Lines drawn under the agency name and under the trích yếu: this fraction of the text line.
RULE_FRACTION = (1 / 3, 1 / 2)
