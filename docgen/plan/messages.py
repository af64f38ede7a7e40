"""Pydantic's validation errors in words an office clerk understands, in Vietnamese."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Tag

__all__ = ["message_for", "known_keys", "keys_at"]

_SIMPLE = {
    "missing": "thiếu mục bắt buộc này",
    "string_type": "phải là một đoạn chữ",
    "int_type": "phải là một số nguyên",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên (không có phần thập phân)",
    "bool_type": "phải là true (có) hoặc false (không)",
    "bool_parsing": "phải là true (có) hoặc false (không)",
    "list_type": 'phải là một danh sách (mỗi phần tử một dòng, bắt đầu bằng "- ")',
    "dict_type": 'phải là một nhóm mục con dạng "tên_mục: giá trị"',
    "model_type": 'phải là một nhóm mục con dạng "tên_mục: giá trị"',
    "model_attributes_type": 'phải là một nhóm mục con dạng "tên_mục: giá trị"',
    "date_type": "phải là một ngày, ví dụ 14/10/2021",
    "string_too_short": "không được để trống",
    "too_short": "không được để trống",
    "none_required": "không được ghi giá trị ở đây",
    "frozen_instance": "không được sửa",
}


def known_keys(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """Every field name of ``model`` and the models it contains: the vocabulary of a plan."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for inner in _models_in(info.annotation):
            names |= known_keys(inner, seen)
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        out += _models_in(arg)
    meta = getattr(annotation, "__metadata__", ())
    if meta:
        out += _models_in(getattr(annotation, "__origin__", None))
    return out


def _members(annotation: Any, tag: str | None = None) -> list[tuple[str | None, type[BaseModel]]]:
    """The models ``annotation`` may hold (in lists, dicts, unions), each with the union tag it is chosen by."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(tag, annotation)]
    meta = getattr(annotation, "__metadata__", ())
    if meta:
        tag = next((m.tag for m in meta if isinstance(m, Tag)), tag)
        return _members(getattr(annotation, "__origin__", None), tag)
    out: list[tuple[str | None, type[BaseModel]]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        out += _members(arg, tag)
    return out


def keys_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a plan may write where the key at ``loc`` (pydantic's location, union tags included) stands."""
    found: list[tuple[str | None, type[BaseModel]]] = [(None, model)]
    for part in loc[:-1]:
        if isinstance(part, str) and part.startswith("#"):
            found = [(tag, m) for tag, m in found if tag == part] or found
            continue
        fields = [m.model_fields[part] for _tag, m in found if isinstance(part, str) and part in m.model_fields]
        if fields:
            found = _members(fields[0].annotation)
        # a list's index or a dict's key: the same models hold the item
    names: list[str] = []
    for _tag, m in found:
        names += [name for name in m.model_fields if name not in names]
    return names


def did_you_mean(word: str, choices) -> str:
    """'; có phải là "X"?' for the choice closest to a mistyped ``word``, "" when none is close."""
    import difflib  # only a plan with a mistake needs it

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f'; có phải là "{close[0]}"?' if close else ""


def _unknown_key(name: str, loc: tuple, vocabulary: set[str], model: type[BaseModel] | None) -> str:
    allowed = keys_at(model, loc) if model is not None else []
    listed = f'; ở đây chỉ dùng các mục: {", ".join(allowed)}' if allowed else ""
    if name in vocabulary:  # a real field, at the wrong level
        return f'mục "{name}" không được đặt ở đây; hãy kiểm tra thụt lề (mục này thuộc một phần khác){listed}'
    if " " in name.strip():  # a text YAML split at ", " inside {…} or read as a key at ": "
        return (f'"{name}" không phải tên mục: có vẻ là một phần của đoạn chữ; đoạn chữ có dấu phẩy trong {{…}} '
                f'hoặc có dấu ": " cần đặt cả đoạn trong ngoặc kép "…"')
    hint = did_you_mean(name, allowed or vocabulary - {name})
    return f'không có mục "{name}" trong kế hoạch{hint or listed}'


def message_for(error: dict[str, Any], vocabulary: set[str], model: type[BaseModel] | None = None) -> str:
    """The clerk's message for one pydantic error dict."""
    kind = error["type"]
    given = error.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(str(error["loc"][-1]), error["loc"], vocabulary, model)
    if kind == "literal_error":
        expected = re.sub(r"'([^']*)'", r'"\1"', error.get("ctx", {}).get("expected", "")).replace(" or ", " hoặc ")
        return f"phải là một trong: {expected}; đang ghi {_show(given)}"
    if kind == "string_pattern_mismatch":
        return f"viết chưa đúng dạng: đang ghi {_show(given)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"phải lớn hơn hoặc bằng {error['ctx'].get('ge', error['ctx'].get('gt'))}; đang ghi {_show(given)}"
    if kind in ("value_error", "assertion_error"):
        cause = error.get("ctx", {}).get("error")
        return str(cause) if cause is not None else error["msg"]
    if given is None and kind not in ("missing",):
        return "không được để trống"
    text = _SIMPLE.get(kind)
    if text is None:
        return error["msg"]
    if kind in ("missing", "string_too_short", "too_short"):
        return text
    return f"{text}; đang ghi {_show(given)}"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value if len(value) <= 60 else value[:57] + "…"}"'
    if isinstance(value, (dict, list)):
        return "một nhóm mục" if isinstance(value, dict) else "một danh sách"
    return str(value)
