"""The cache of prepared templates: a second run reads the template back instead of preparing it again,
gives the same bytes, never imports docxtpl or python-docx for it, and survives a damaged entry."""

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
print("imported:", *sorted(m for m in ("docxtpl", "docx") if m in sys.modules))
"""


def _render(cache: Path, out: Path) -> str:
    env = {**os.environ, "DOCGEN_CACHE": str(cache)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(PLAN), str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1].removeprefix("imported:").strip()


def test_a_warm_cache_gives_the_same_document_without_docxtpl(tmp_path):
    cache = tmp_path / "cache"
    assert _render(cache, tmp_path / "cold") == "docx docxtpl"  # prepared from the .docx the first time
    assert len(list(cache.glob("*.bin"))) == 1
    assert _render(cache, tmp_path / "warm") == ""  # read back: neither library is imported
    name = f"{PLAN.stem}.docx"
    assert (tmp_path / "warm" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes()


def test_a_damaged_entry_is_made_again(tmp_path):
    cache = tmp_path / "cache"
    _render(cache, tmp_path / "first")
    entry = next(cache.glob("*.bin"))
    entry.write_bytes(entry.read_bytes()[:100])  # cut short, as by a full disk
    assert _render(cache, tmp_path / "again") == "docx docxtpl"
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
    (templates / "ke-hoach.docx").write_bytes((templates / "ke-hoach.docx").read_bytes() + b"\0")  # other bytes
    subprocess.run(run, env=env, cwd=ROOT, capture_output=True, check=False)
    assert len(list(cache.glob("*.bin"))) == 2  # other bytes, another entry: the first is not used for them
