"""The starter plans (``docgen new KIND FILE`` and the web page's "new plan"): one per kind, each renders through
its kind's template and passes the decree check with nothing to say, and ``docgen new`` copies it and never
overwrites a file."""

from __future__ import annotations

import unicodedata

import docx
import pytest
from docx_helpers import text_lines

from docgen.kinds import KINDS, starter
from docgen.render.engine import render_file_all


@pytest.mark.parametrize("key", list(KINDS))
def test_every_kind_has_a_starter_that_renders_clean(key):
    path = starter(key)
    assert path is not None, f"no starter for {key}: add docgen/data/starters/{key}.yaml"
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert text.startswith("#")  # what the kind is for, in Vietnamese, before anything else
    assert "$schema" not in text  # copied anywhere: no path to the schema that would not resolve
    plan, documents = render_file_all(path)
    assert plan.loai == key
    for _suffix, _data, found in documents:
        assert [f.line() for f in found] == []


def test_new_copies_the_starter(run, tmp_path):
    target = tmp_path / "ke-hoach" / "to-trinh-moi"
    result = run("new", "to-trinh", target)
    assert result.code == 0, result.err
    made = target.with_name("to-trinh-moi.yaml")
    assert made.read_bytes() == starter("to-trinh").read_bytes()
    assert str(made) in result.out
    out = tmp_path / "out"
    assert run("render", made, "-o", out).code == 0
    lines = text_lines(docx.Document(out / "to-trinh-moi.docx"))
    assert "TỜ TRÌNH" in lines


def test_new_never_overwrites_and_names_the_kinds_it_knows(run, tmp_path):
    target = tmp_path / "co-san.yaml"
    target.write_text("loai: ke-hoach\n", encoding="utf-8")
    kept = run("new", "cong-van", target)
    assert kept.code == 1 and "đã có" in kept.err and "không ghi đè" in kept.err
    assert target.read_text(encoding="utf-8") == "loai: ke-hoach\n"
    unknown = run("new", "cong-dien", tmp_path / "x.yaml")
    assert unknown.code == 2 and 'Không có mẫu cho loại văn bản "cong-dien"' in unknown.err
    assert all(key in unknown.err for key in KINDS)
    assert not (tmp_path / "x.yaml").exists()
