"""The cache of prepared templates and of parsed markup: a second run reads the template and the texts with
markup back instead of preparing and parsing them again, gives the same bytes, never imports docxtpl,
python-docx or markdown-it for them, and survives a damaged entry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import PLANS, ROOT

PLAN = PLANS / "ngoc-lien-2026-ke-hoach.yaml"

# Render one plan in a fresh interpreter and say which heavy modules it had to import.
SCRIPT = """
import sys
from pathlib import Path
from docgen.cli import main
try:
    main(["render", sys.argv[1], "-o", sys.argv[2]])
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
print("imported:", *sorted(m for m in ("docxtpl", "docx", "markdown_it") if m in sys.modules))
"""


def _render(cache: Path, out: Path) -> str:
    env = {**os.environ, "DOCGEN_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(PLAN), str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1].removeprefix("imported:").strip()


def test_a_warm_cache_gives_the_same_document_without_docxtpl(tmp_path):
    cache = tmp_path / "cache"
    # prepared from the .docx, and the plan's text with markup parsed, the first time
    assert _render(cache, tmp_path / "cold") == "docx docxtpl markdown_it"
    assert len(list(cache.glob("*.bin"))) == 2  # the template, the parsed texts
    assert _render(cache, tmp_path / "warm") == ""  # read back: none of the libraries is imported
    name = f"{PLAN.stem}.docx"
    assert (tmp_path / "warm" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes()


def test_a_damaged_entry_is_made_again(tmp_path):
    cache = tmp_path / "cache"
    _render(cache, tmp_path / "first")
    for entry in cache.glob("*.bin"):
        entry.write_bytes(entry.read_bytes()[:100])  # cut short, as by a full disk
    assert _render(cache, tmp_path / "again") == "docx docxtpl markdown_it"
    name = f"{PLAN.stem}.docx"
    assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()
    assert _render(cache, tmp_path / "warm") == ""


def test_an_empty_docgen_cache_turns_it_off(tmp_path):
    env = {**os.environ, "DOCGEN_CACHE": ""}
    subprocess.run([sys.executable, "-m", "docgen", "render", str(PLAN), "-o", str(tmp_path / "out")], env=env,
                   cwd=ROOT, capture_output=True, check=True)
    assert (tmp_path / "out" / f"{PLAN.stem}.docx").is_file()


def test_a_changed_template_is_prepared_again(tmp_path):
    cache = tmp_path / "cache"
    templates = tmp_path / "templates"
    templates.mkdir()
    for t in (ROOT / "templates").glob("*.docx"):
        (templates / t.name).write_bytes(t.read_bytes())
    env = {**os.environ, "DOCGEN_CACHE": str(cache)}
    run = [sys.executable, "-m", "docgen", "render", str(PLAN), "-o", str(tmp_path / "out"), "--templates",
           str(templates)]
    subprocess.run(run, env=env, cwd=ROOT, capture_output=True, check=True)
    before = set(cache.glob("*.bin"))
    (templates / "ke-hoach.docx").write_bytes((templates / "ke-hoach.docx").read_bytes() + b"\0")  # other bytes
    subprocess.run(run, env=env, cwd=ROOT, capture_output=True, check=False)
    assert len(set(cache.glob("*.bin")) - before) == 1  # other bytes, another entry: the first is not used for them


def test_parsed_markup_read_back_is_what_markdown_it_gives(tmp_path, monkeypatch):
    """Spans kept in the cache are the spans parsing gives, for bold, italic, both and escaped stars."""
    import docgen.plan.inline as inline

    texts = ["Theo **Quyết định** số 1", "(*sau đây gọi tắt là Chương trình*)", "***cả hai*** và \\*sao\\*",
             "a*b*c và **đậm *nghiêng trong* đậm**"]
    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path))
    monkeypatch.setattr(inline, "_KNOWN", None)
    monkeypatch.setattr(inline, "_PARSED_NOW", [])
    parsed = [inline.spans(text) for text in texts]
    assert parsed == [list(inline._parsed(text)) for text in texts]
    inline.keep_parsed()
    monkeypatch.setattr(inline, "_KNOWN", None)  # as in the next run
    assert [inline.spans(text) for text in texts] == parsed
    assert inline._PARSED_NOW == []  # all read back, none parsed again


def test_a_cache_entry_of_another_shape_is_parsed_again(tmp_path, monkeypatch):
    import docgen.plan.inline as inline
    from docgen import cache

    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path))
    cache.store(inline._cache_name(), {"*x*": (("x", "đậm", 1),), "**y**": "không phải các đoạn"})
    monkeypatch.setattr(inline, "_KNOWN", None)
    monkeypatch.setattr(inline, "_PARSED_NOW", [])
    assert inline.spans("*x*") == [inline.Span("x", False, True)]
    assert inline.spans("**y**") == [inline.Span("y", True, False)]
    assert inline._PARSED_NOW == ["*x*", "**y**"]
