"""``docgen schema``: the JSON Schema editors use to help a clerk type a plan (issue 21). It is the model's own, so
it accepts what docgen accepts as a plan writes it, and an editor underlines what docgen would refuse."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from docgen.plan.schema import field_help, model_fields, schema_text

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "plans").glob("*.yaml"))


def _as_editor_reads(text: str):
    """A plan as an editor's YAML extension reads it: JSON values (a date YAML recognises is text)."""
    return json.loads(json.dumps(yaml.safe_load(text), default=lambda v: v.isoformat() if isinstance(
        v, dt.date) else str(v)))


@pytest.fixture(scope="module")
def validator():
    return jsonschema.Draft202012Validator(json.loads(schema_text()))


def test_the_command_prints_the_schema(run):
    result = run("schema")
    assert result.code == 0
    schema = json.loads(result.out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["trich_yeu"]["description"]


def test_the_checked_in_schema_is_the_models(run, tmp_path):
    """schema/plan.schema.json, which the bundled plans name, is what `docgen schema` prints today."""
    assert (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8") == schema_text(), \
        "run: docgen schema -o schema/plan.schema.json"


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_every_bundled_plan_conforms_and_names_the_schema(validator, plan):
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    errors = [f"{list(e.absolute_path)}: {e.message[:120]}" for e in validator.iter_errors(_as_editor_reads(text))]
    assert errors == []


BASE = (ROOT / "plans" / "vi-du-bao-cao-tp-hcm.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("change, where, says", [
    (("trich_yeu:", "trich_yue:"), [], "Additional properties are not allowed ('trich_yue' was unexpected)"),
    (("ngay: 15/12/2025", "ngay: [15, 12, 2025]"), ["ngay"], "is not valid under any of the given schemas"),
    (("  ho_ten: ", "  ho_tenn: "), ["ky"], "'ho_ten' is a required property"),
    (("loai: bao-cao", "loai: bao-cao-nam"), ["loai"], "'bao-cao-nam' is not one of"),
])
def test_an_editor_underlines_what_docgen_refuses(validator, change, where, says, write_plan, run):
    text = BASE.replace(*change, 1)
    assert text != BASE
    errors = list(validator.iter_errors(_as_editor_reads(text)))
    assert any(list(e.absolute_path) == where and says in e.message for e in errors), \
        [(list(e.absolute_path), e.message[:100]) for e in errors]
    result = run("validate", write_plan(text))  # and docgen refuses it too, at its line
    assert result.code == 1


def test_every_field_has_its_help_in_vietnamese():
    """data/fields.vi.yaml says, for each field a plan may write, what it is (and most often an example): no field
    without help, no help for a field that is gone."""
    help_for = field_help()
    assert sorted(help_for) == model_fields()
    assert all(entry["mo_ta"].strip() for entry in help_for.values())
    schema = json.loads(schema_text())
    assert schema["properties"]["ky"]["description"].startswith("Khối chữ ký")
    assert schema["$defs"]["Cot"]["properties"]["can"]["examples"] == ["phai"]
