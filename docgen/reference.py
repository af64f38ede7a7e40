"""The documentation pages that are generated, so that they cannot drift from the code: the reference of every
field a plan may write (from the same model and help as ``docgen schema``), and the list of ``docgen check``'s
rules (from ``check/rules.py``). The documentation site puts them in its pages as it builds them
(``docs/hooks.py``)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["reference_markdown", "rules_markdown", "kinds_markdown"]

# The models, in the order a reader meets them, with what each is, for a person.
_SECTIONS = [
    ("Plan", "Tệp kế hoạch (các mục cấp ngoài cùng)"),
    ("CoQuan", "co_quan: cơ quan ban hành"),
    ("DonVi", "don_vi_soan_thao: đơn vị soạn thảo"),
    ("CanCu", "can_cu: một căn cứ"),
    ("VanBan", "tham_chieu, van_ban: một văn bản được viện dẫn"),
    ("Muc", "noi_dung, muc: một mục"),
    ("Gach", "một ý gạch đầu dòng trong doan"),
    ("PhanCong", "một phân công trong doan"),
    ("KinhPhi", "một dòng kinh phí trong doan"),
    ("Bang", "một bảng trong doan"),
    ("Cot", "cot: một cột của bảng"),
    ("Nhom", "hang: một dòng nhóm của bảng"),
    ("PhuLuc", "phu_luc: một phụ lục"),
    ("Ky", "ky: khối chữ ký"),
    ("Luu", "luu: dòng \"- Lưu: VT, …\""),
    ("PhatHanh", "luu.phat_hanh: ô 12"),
    ("SoLieu", "so_lieu: một số liệu"),
    ("VienDan", "vien_dan: cách viện dẫn"),
    ("LienHe", "lien_he: ô 13"),
    ("QuyetDinh", "quyet_dinh: Quyết định ban hành kèm"),
    ("NgayBanHanh", "ngay khi chưa biết ngày (thang, nam)"),
    ("SharedGroups", "tệp dùng chung (dung_chung)"),
]


def _type(prop: dict[str, Any]) -> str:
    """A field's type in a reader's words."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in prop:
        return " | ".join(str(v) for v in prop["enum"])
    if "const" in prop:
        return str(prop["const"])
    if "anyOf" in prop:
        kinds = []
        for alt in prop["anyOf"]:
            kind = _type(alt)
            if kind not in kinds and kind != "null":
                kinds.append(kind)
        return " hoặc ".join(kinds)
    kind = prop.get("type", "")
    if kind == "array":
        return f"danh sách {_type(prop.get('items', {}))}".strip()
    return {"string": "chữ", "integer": "số nguyên", "number": "số", "boolean": "true/false", "object": "nhóm",
            "null": "null"}.get(kind, kind or "bất kỳ")


def kinds_markdown() -> str:
    """Each kind of document (``loai``): its name, ký hiệu, template, Kính gửi, how its body is numbered, and the
    fields only it uses; from ``kinds.KINDS``."""
    from docgen.kinds import ISSUING, KINDS

    kinh_gui = {"never": "không", "optional": "tùy chọn", "required": "bắt buộc"}
    out = ["| `loai` | tên loại | ký hiệu | mẫu Word | Kính gửi | thân văn bản | mục riêng |", "|---|---|---|---|---|---|---|"]
    for kind in KINDS.values():
        body = "Điều 1., Điều 2." if kind.dieu else ("1., a)" if kind.muc_dau == 2 else "I., 1., a)")
        own = []
        if kind.key == ISSUING:
            own.append("`tham_quyen`, `theo_de_nghi`, `nhu_dieu`")
        if kind.attached:
            own.append("`quyet_dinh` (ban hành kèm theo Quyết định)")
        out.append(f"| `{kind.key}` | {kind.name} | {kind.ky_hieu('UBND', 'VP')} | `{kind.template}` | "
                   f"{kinh_gui[kind.kinh_gui]} | {body} | {'; '.join(own)} |")
    return "\n".join(out) + "\n"


def reference_markdown() -> str:
    """Every field of every part of a plan: its type, whether it must be written, what it is, an example; and
    before them, what each kind of document takes."""
    from docgen.plan.schema import plan_schema

    schema = plan_schema()
    defs = {"Plan": schema, **schema.get("$defs", {})}
    out = ["## Theo loại văn bản {#loai}\n", kinds_markdown()]
    for model, title in _SECTIONS:
        node = defs.get(model) or _own_schema(model)
        required = set(node.get("required", []))
        out.append(f"## {title} {{#{model.lower()}}}\n")
        out.append("| mục | kiểu | bắt buộc | ý nghĩa | ví dụ |")
        out.append("|---|---|---|---|---|")
        for name, prop in node.get("properties", {}).items():
            example = prop.get("examples", [None])[0]
            shown = "" if example is None else f"`{json.dumps(example, ensure_ascii=False)}`"
            text = prop.get("description", "").replace("|", "\\|").replace("\n", " ")
            kind = _type(prop).replace("|", "\\|")
            out.append(f"| `{name}` | {kind} | {'có' if name in required else ''} | {text} | {shown} |")
        out.append("")
    return "\n".join(out)


def _own_schema(name: str) -> dict[str, Any]:
    """The schema of a model no plan field holds (the shared groups file), with the fields' help."""
    from docgen.plan import model
    from docgen.plan.schema import field_help

    node = getattr(model, name).model_json_schema(mode="validation")
    words = field_help()
    for field, prop in node.get("properties", {}).items():
        found = words.get(f"{name}.{field}")
        if found is not None:
            prop["description"] = found["mo_ta"]
    return node


def rules_markdown() -> str:
    """``docgen check``'s rules, as ``check/rules.py`` has them."""
    from docgen.check.rules import RULES

    out = ["| mã | điều khoản | mức | quy định |", "|---|---|---|---|"]
    for rule in RULES.values():
        message = rule.message.replace("|", "\\|")
        out.append(f"| `{rule.id}` | {rule.clause} | {rule.severity} | {message} |")
    return "\n".join(out) + "\n"
