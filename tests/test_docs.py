"""The README as the front door, and the documentation that cannot drift (issue 21): the README is short, its links
lead somewhere, its plan renders as its picture shows; the site builds with no warning; the field reference and
the rules list are generated from the model and the rules, and say all of them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.check import check_docx
from docgen.check.rules import RULES
from docgen.plan.schema import model_fields
from docgen.reference import reference_markdown, rules_markdown

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_a_front_door():
    assert len(README) < 10_000
    for heading in ("## Quick start", "## A plan and its document", "## Commands", "## Documentation", "## Speed"):
        assert heading in README
    assert "python3 tasks.py demo" in README and "python3 tasks.py test" in README


def test_every_link_of_the_readme_leads_to_a_file():
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", README)
    assert len(links) > 10
    missing = [link for link in links if not (ROOT / link).exists()]
    assert missing == []


def test_the_readmes_plan_renders_clean(tmp_path, run):
    plan = re.search(r"## A plan and its document\n\n```yaml\n(.*?)```", README, re.S).group(1)
    path = tmp_path / "ke-hoach-tuyen-truyen.yaml"
    path.write_text(plan, encoding="utf-8")
    result = run("render", path, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert check_docx(tmp_path / "out" / "ke-hoach-tuyen-truyen.docx") == []
    assert (ROOT / "docs" / "img" / "ke-hoach-tuyen-truyen.png").stat().st_size > 10_000


def test_the_reference_lists_every_field_of_every_part():
    text = reference_markdown()
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    by_model = {re.search(r"\{#(\w+)\}", s).group(1): s for s in sections}
    for entry in model_fields():
        model, field = entry.split(".")
        assert f"| `{field}` |" in by_model[model.lower()], entry


def test_the_reference_says_what_each_kind_takes():
    from docgen.kinds import KINDS

    text = reference_markdown()
    assert all(f"| `{key}` | {kind.name} |" in text for key, kind in KINDS.items())
    assert "| `to-trinh` | Tờ trình | TTr-UBND | `ke-hoach.docx` | bắt buộc |" in text


def test_the_rules_page_lists_every_rule():
    text = rules_markdown()
    assert all(f"| `{rule}` |" in text for rule in RULES)


def test_the_documentation_site_builds_without_a_warning(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    page = (tmp_path / "site" / "reference" / "index.html").read_text(encoding="utf-8")
    assert "trich_yeu" in page and "Khối chữ ký" in page  # the generated reference is in the page
    assert "noi_nhan.nhu_tren" in (tmp_path / "site" / "check" / "index.html").read_text(encoding="utf-8")


def _cookbook_plans():
    for page in sorted((ROOT / "docs" / "cookbook").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for n, block in enumerate(re.findall(r"```yaml\n(.*?)```", text, re.S)):
            if block.startswith("loai:"):
                yield page, n, block


COOKBOOK = list(_cookbook_plans())


def test_the_cookbook_has_a_complete_example_for_each_thing_offices_write():
    pages = {page.stem for page, _n, _block in COOKBOOK}
    assert {"signatures", "citations", "footnotes", "cong-van", "quyet-dinh", "tables", "phu-luc", "sections"} <= pages


@pytest.mark.parametrize("page, n, block", COOKBOOK, ids=[f"{p.stem}-{n}" for p, n, _b in COOKBOOK])
def test_every_cookbook_example_renders_clean_and_has_its_picture(page, n, block, tmp_path, run):
    shutil.copytree(ROOT / "plans" / "dung-chung", tmp_path / "dung-chung")  # the shared groups a Công văn names
    plan = tmp_path / f"{page.stem}.yaml"
    plan.write_text(block, encoding="utf-8")
    result = run("render", plan, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert result.err == "", result.err  # no warning either
    for document in (tmp_path / "out").glob("*.docx"):
        assert check_docx(document) == []
    pictures = re.findall(r"\]\(\.\./img/cookbook/([\w-]+\.png)\)", page.read_text(encoding="utf-8"))
    assert pictures and all((ROOT / "docs" / "img" / "cookbook" / name).exists() for name in pictures)


def test_every_yaml_block_of_the_cookbook_is_an_example_or_a_field_list():
    """A block is a complete example (rendered above) or says it is the annotated list of the fields."""
    for page in sorted((ROOT / "docs" / "cookbook").glob("*.md")):
        for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            assert block.startswith(("loai:", "# các mục và ý nghĩa")), (page.name, block[:60])
