"""The JSON Schema of a plan file, for editors: VS Code (with Red Hat's YAML extension) completes keys, shows each
field's help on hover and underlines a mistake as the clerk types.

It is the pydantic model's own schema (``Plan``, in the mode that describes what a plan may *write*: a text where
a list of one is meant, a date "05/01/2026"), with two things the model does not see because the loader handles
them before it:
- a recipient in ``kinh_gui`` or ``noi_nhan`` may be ``{nhom: name}``, a group of a shared file (``dung_chung``);
- the forms a paragraph may take (text, "- " point, table, …) are told apart by docgen from their keys; for an
  editor any of them is right (``anyOf``: JSON Schema's ``oneOf`` would refuse a text that two forms accept).

The editor's check is a help, not the judge: ``docgen validate`` says everything, at its line, in Vietnamese.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["plan_schema", "SCHEMA_ID", "schema_text", "field_help", "model_fields"]

SCHEMA_ID = "https://docgen.local/plan.schema.json"
_GROUP = {
    "type": "object",
    "properties": {"nhom": {"type": "string", "description": "Tên một nhóm nơi nhận trong tệp dùng chung (dung_chung)"}},
    "required": ["nhom"],
    "additionalProperties": False,
}


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) a plan file conforms to."""
    from docgen.plan.model import Plan

    schema = Plan.model_json_schema(mode="validation")
    schema = _any_of(schema)
    words = field_help()
    for model, node in [("Plan", schema), *schema.get("$defs", {}).items()]:
        for name, prop in node.get("properties", {}).items():
            found = words.get(f"{model}.{name}")
            if found is None:
                continue
            prop["description"] = found["mo_ta"]
            if "vi_du" in found:
                prop["examples"] = [found["vi_du"]]
    props = schema["properties"]
    for key in ("kinh_gui", "noi_nhan"):
        props[key] = _with_groups(props[key])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kế hoạch, công văn, quyết định… của docgen",
        "description": "Tệp kế hoạch (YAML) của docgen. Kiểm tra đầy đủ: docgen validate TỆP.yaml",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def field_help() -> dict[str, dict[str, Any]]:
    """Each field's help for a clerk, in Vietnamese, by "Model.field" (``data/fields.vi.yaml``): ``mo_ta``, what
    it is and what it prints; ``vi_du``, an example."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parent.parent / "data" / "fields.vi.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def schema_text() -> str:
    """The schema as the file editors read (stable: keys in the model's order, two-space indents)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def _any_of(node: Any) -> Any:
    if isinstance(node, dict):
        out = {("anyOf" if k == "oneOf" else k): _any_of(v) for k, v in node.items()}
        out.pop("discriminator", None)
        return out
    if isinstance(node, list):
        return [_any_of(v) for v in node]
    return node


def _with_groups(prop: dict[str, Any]) -> dict[str, Any]:
    """A recipients property that also takes ``{nhom: name}``, alone or as an item."""
    def items(node: dict[str, Any]) -> dict[str, Any]:
        if node.get("type") == "array":
            return {**node, "items": {"anyOf": [node.get("items", {}), _GROUP]}}
        return node

    if "anyOf" in prop:
        return {**prop, "anyOf": [items(alt) for alt in prop["anyOf"]] + [_GROUP]}
    return {"anyOf": [items(prop), _GROUP], **{k: v for k, v in prop.items() if k in ("description", "default")}}


def model_fields() -> list[str]:
    """Every field of every model a plan is made of, as "Model.field"."""
    import inspect

    from pydantic import BaseModel

    from docgen.plan import model

    out = []
    for name, cls in inspect.getmembers(model, inspect.isclass):
        if issubclass(cls, BaseModel) and cls.__module__ == model.__name__ and not name.startswith("_"):
            out += [f"{name}.{field}" for field in cls.model_fields]
    return sorted(out)
