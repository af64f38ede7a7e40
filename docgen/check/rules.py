"""The decree's rules as data: one entry per rule, with its clause, severity and a message for the clerk."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Rule", "RULES", "ERROR", "WARNING"]

ERROR, WARNING = "lỗi", "cảnh báo"


@dataclass(frozen=True)
class Rule:
    """One checkable requirement."""

    id: str
    clause: str
    severity: str
    message: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        # Phụ lục I, Phần I: the page and the font
        Rule("page.size", "Phụ lục I, I.1", ERROR, "văn bản phải trình bày trên khổ giấy A4 (210 mm × 297 mm)"),
        Rule("page.orientation", "Phụ lục I, I.2", WARNING,
             "văn bản trình bày theo chiều dài khổ A4 (chỉ bảng biểu mới được trình bày theo chiều rộng)"),
        Rule("page.margins", "Phụ lục I, I.3", ERROR,
             "lề trên, lề dưới 20–25 mm; lề trái 30–35 mm; lề phải 15–20 mm"),
        Rule("font.family", "Phụ lục I, I.4", ERROR, "phông chữ phải là Times New Roman (bộ mã Unicode TCVN 6909:2001)"),
        Rule("font.color", "Phụ lục I, I.4", ERROR, "chữ phải màu đen"),
        Rule("text.nfc", "Phụ lục I, I.4", ERROR,
             "chữ phải dựng sẵn theo Unicode TCVN 6909:2001 (NFC); ở đây dấu được gõ tách rời khỏi chữ"),
        Rule("text.control", "Phụ lục I, I.4", WARNING,
             "có ký tự ẩn (gạch nối mềm, khoảng trắng độ rộng 0, ký tự điều khiển) dán từ nơi khác"),
        Rule("page.number.first", "Phụ lục I, I.7", ERROR, "không hiển thị số trang ở trang thứ nhất"),
        Rule("page.number.place", "Phụ lục I, I.7", ERROR,
             "số trang đặt canh giữa theo chiều ngang trong phần lề trên, cỡ chữ 13–14, kiểu chữ đứng"),
        # Phụ lục I, Phần II: the components
        Rule("quoc_hieu.format", "Phụ lục I, II.1", ERROR,
             'Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": chữ in hoa, cỡ 12–13, đứng, đậm'),
        Rule("tieu_ngu.format", "Phụ lục I, II.1", ERROR,
             'Tiêu ngữ "Độc lập - Tự do - Hạnh phúc": cỡ 13–14, đứng, đậm, gạch nối có cách chữ'),
        Rule("tieu_ngu.line", "Phụ lục I, II.1", ERROR,
             "phía dưới Tiêu ngữ có đường kẻ ngang, nét liền, dài bằng dòng chữ"),
        Rule("tieu_ngu.line_length", "Phụ lục I, II.1", WARNING,
             "đường kẻ dưới Tiêu ngữ dài bằng dòng chữ"),
        Rule("co_quan.format", "Phụ lục I, II.2", ERROR,
             "tên cơ quan ban hành: chữ in hoa, cỡ 12–13, đứng, đậm; tên cơ quan chủ quản không đậm"),
        Rule("co_quan.line", "Phụ lục I, II.2", ERROR,
             "phía dưới tên cơ quan ban hành có đường kẻ ngang, nét liền, dài 1/3 đến 1/2 dòng chữ"),
        Rule("co_quan.line_length", "Phụ lục I, II.2", WARNING,
             "đường kẻ dưới tên cơ quan ban hành dài từ 1/3 đến 1/2 dòng chữ"),
        Rule("so.format", "Phụ lục I, II.3", ERROR,
             'số, ký hiệu: "Số:" cỡ 13, đứng; ký hiệu in hoa; giữa số và ký hiệu có "/", không có dấu cách'),
        Rule("so.leading_zero", "Phụ lục I, II.3", ERROR, "số văn bản nhỏ hơn 10 phải ghi thêm số 0 phía trước"),
        Rule("so.ky_hieu", "Phụ lục I, II.3", ERROR,
             "ký hiệu văn bản có tên loại là <tên loại viết tắt>-<cơ quan>; của công văn là <cơ quan>-<đơn vị>"),
        Rule("ngay.format", "Phụ lục I, II.4", ERROR,
             'địa danh và thời gian: "<Địa danh>, ngày … tháng … năm …", chữ in thường, cỡ 13–14, nghiêng'),
        Rule("ngay.leading_zero", "Phụ lục I, II.4", ERROR,
             "ngày dưới 10 và tháng 1, 2 phải ghi thêm số 0 phía trước; tháng 3 trở đi không ghi số 0"),
        Rule("ten_loai.format", "Phụ lục I, II.5.a", ERROR,
             "tên loại văn bản: chữ in hoa, cỡ 13–14, đứng, đậm, canh giữa"),
        Rule("trich_yeu.format", "Phụ lục I, II.5.a", ERROR,
             "trích yếu nội dung: chữ in thường, cỡ 13–14, đứng, đậm, canh giữa, dưới tên loại"),
        Rule("vv.format", "Phụ lục I, II.5.b", ERROR,
             'trích yếu công văn "V/v …": chữ in thường, cỡ 12–13, đứng, không đậm, canh giữa dưới số, ký hiệu'),
        Rule("kinh_gui.format", "Phụ lục I, II.9.b", ERROR,
             '"Kính gửi" cỡ 13–14, đứng; nhiều nơi nhận thì mỗi nơi một dòng bắt đầu "- ", cuối dòng ";", '
             'dòng cuối "."'),
        Rule("body.size", "Phụ lục I, II.6", ERROR, "nội dung văn bản cỡ chữ 13–14"),
        Rule("body.align", "Phụ lục I, II.6", ERROR, "nội dung văn bản canh đều hai lề"),
        Rule("body.indent", "Phụ lục I, II.6", ERROR, "đầu dòng lùi vào 1 cm hoặc 1,27 cm"),
        Rule("body.spacing", "Phụ lục I, II.6", ERROR, "khoảng cách giữa các đoạn văn tối thiểu 6 pt"),
        Rule("body.line_spacing", "Phụ lục I, II.6", ERROR, "khoảng cách giữa các dòng từ dòng đơn đến 1,5 dòng"),
        Rule("heading.muc", "Phụ lục I, Mục V, 6b", ERROR, 'mục "I., II., …": chữ in hoa, đứng, đậm'),
        Rule("can_cu.format", "Phụ lục I, II.6.a", WARNING,
             "căn cứ ban hành: chữ nghiêng; mỗi căn cứ một dòng, cuối dòng \";\", dòng cuối \".\""),
        Rule("ky.format", "Phụ lục I, II.7", ERROR,
             "quyền hạn, chức vụ người ký: chữ in hoa, cỡ 13–14, đứng, đậm; họ tên: cỡ 13–14, đậm"),
        Rule("ky.prefix", "Phụ lục I, II.7.a", ERROR, "ký thay mặt, ký thay… ghi TM., KT., TL., TUQ., Q. (có dấu chấm)"),
        Rule("ky.lines", "Phụ lục I, II.7; Điều 13", ERROR,
             "quyền hạn (TM., KT., TL., TUQ., Q.) và mỗi chức vụ ghi trên một dòng riêng; TM. đứng trước tên tập thể, "
             "KT., TL., TUQ., Q. đứng trước chức vụ người đứng đầu, theo các cách ghi của Nghị định"),
        Rule("noi_nhan.label", "Phụ lục I, II.9.d", ERROR, '"Nơi nhận:" cỡ 12, nghiêng, đậm, sát lề trái'),
        Rule("noi_nhan.items", "Phụ lục I, II.9.d", ERROR,
             'danh sách nơi nhận cỡ 11, đứng; mỗi dòng bắt đầu "- ", cuối dòng ";"; dòng cuối "- Lưu: VT, …."'),
        Rule("noi_nhan.nhu_tren", "Phụ lục I, II.9.b", ERROR,
             'nơi nhận của công văn, và của văn bản có "Kính gửi" (tờ trình, báo cáo), bắt đầu bằng "- Như trên;"'),
        Rule("quyet_dinh.tham_quyen", "Phụ lục III, Mẫu 1.2, 1.3", ERROR,
             "quyết định: dưới trích yếu là dòng thẩm quyền ban hành (tập thể, cơ quan, hoặc chức vụ người đứng đầu và "
             "tên cơ quan), chữ in hoa, cỡ 13–14, đứng, đậm, canh giữa"),
        Rule("quyet_dinh.label", "Phụ lục III, Mẫu 1.2, 1.3", ERROR,
             'quyết định: sau căn cứ là dòng "QUYẾT ĐỊNH:" chữ in hoa, cỡ 13–14, đứng, đậm, canh giữa'),
        Rule("quyet_dinh.dieu", "Phụ lục I, Mục V, 6a", ERROR,
             'điều của quyết định: "Điều 1.", "Điều 2.", … theo thứ tự, chữ đậm'),
        Rule("noi_nhan.nhu_dieu", "Phụ lục III, Mẫu 1.2, 1.3", WARNING,
             'nơi nhận của quyết định bắt đầu bằng "- Như Điều …;" (điều giao tổ chức thi hành)'),
        Rule("kem_theo.format", "Phụ lục III, Mẫu 1.3", ERROR,
             'văn bản ban hành kèm theo quyết định: dưới trích yếu ghi "(Ban hành kèm theo Quyết định số … ngày … '
             'tháng … năm … của …)", chữ in thường, cỡ 13–14, nghiêng, canh giữa'),
        Rule("phu_luc.format", "Phụ lục I, III.1", ERROR,
             '"Phụ lục" (số La Mã khi có từ hai phụ lục) đứng, đậm, canh giữa; tiêu đề in hoa, đậm, canh giữa; '
             'dòng "(Kèm theo … số … ngày … của …)" nghiêng, canh giữa, cỡ 13–14'),
        Rule("bang.grid", "Phụ lục I, I.2", WARNING, "bảng biểu cần đường kẻ khung để in ra đọc được"),
        # consistency a careful reviewer checks
        Rule("can_cu.after_date", "Phụ lục I, II.6.a", ERROR, "văn bản được viện dẫn có ngày sau ngày ban hành văn bản này"),
        Rule("trich_dan.inconsistent", "Phụ lục I, II.6.a", ERROR,
             "cùng một văn bản được viện dẫn với số, ký hiệu hoặc cơ quan ban hành khác nhau"),
        Rule("trich_dan.full_twice", "Phụ lục I, II.6.a", WARNING,
             "văn bản được viện dẫn đầy đủ (ngày ban hành, trích yếu) quá một lần; từ lần viện dẫn thứ hai chỉ ghi "
             "tên loại và số, ký hiệu"),
        Rule("ngay.before_year", "Phụ lục I, II.4", WARNING,
             "văn bản ghi năm ban hành trước năm mà nội dung của nó nói tới; kiểm tra lại năm"),
    )
}
