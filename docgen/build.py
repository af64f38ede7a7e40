"""``docgen build``: render every plan of a folder, only those whose inputs changed, in parallel.

A plan's inputs are its file, the shared files it includes, its template and the engine itself,
each by content hash. They are kept in a manifest in the output folder, beside the documents.
One bad plan never stops the others, and its previous document is left as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from docgen.cache import engine_hash
from docgen.errors import DocgenError
from docgen.kinds import KINDS
from docgen.names import output_name
from docgen.render.engine import TEMPLATES_DIR, make_durable, write_atomic

__all__ = ["Outcome", "build", "plan_files", "plan_inputs", "MANIFEST"]

MANIFEST = ".docgen-build.json"
PARALLEL_FROM = 6  # below this many plans, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Outcome:
    """What became of one plan: ``rendered``, ``unchanged`` or ``failed`` (with the message); the files it
    writes (one, or two for a plan issued by a Quyết định) and, once rendered, their content hashes."""

    plan: Path
    status: str
    message: str = ""
    inputs: tuple[tuple[str, str], ...] = ()
    outputs: tuple[tuple[str, str], ...] = ()
    """(file name, content hash) of each document written."""


class Progress(Protocol):
    """Told how many plans will be rendered, then once per plan done (a progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...


def _hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def plan_files(folder: Path) -> list[Path]:
    """The plans of ``folder``: its *.yaml and *.yml files (sub-folders hold shared files, not plans)."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def plan_inputs(plan: Path, shared: list[Path], kind: str | list[str], templates: Path | None = None) -> dict[str, str]:
    """Every input of ``plan`` with its content hash: the plan, the ``shared`` files it includes, the templates
    its documents are rendered through (``kind``: the names of those templates, or a kind whose template it
    is), the engine. Shared files are named relative to the plan's folder."""
    inputs = {"plan": _hash(plan), "engine": engine_hash()}
    for path in shared:
        inputs[f"shared:{path.relative_to(plan.resolve().parent).as_posix()}"] = _hash(path)
    for name in [KINDS[kind].template] if isinstance(kind, str) else kind:
        template = (templates or TEMPLATES_DIR) / name
        if template.is_file():
            inputs[f"template:{name}"] = _hash(template)
    return inputs


def _unchanged(plan: Path, known: dict[str, str], templates: Path | None) -> bool:
    """True when every input recorded for ``plan`` at its last render still has the same content (no YAML is
    read: a plan whose own file changed is rendered again anyway)."""
    if not known or known.get("plan") != _hash(plan) or known.get("engine") != engine_hash():
        return False
    for key, digest in known.items():
        kind, _, name = key.partition(":")
        path = plan.resolve().parent / name if kind == "shared" else (templates or TEMPLATES_DIR) / name
        if kind in ("shared", "template") and (not path.is_file() or _hash(path) != digest):
            return False
    return True


def _read_manifest(out: Path) -> dict:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return data.get("plans", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_manifest(out: Path, entries: dict) -> None:
    text = json.dumps({"version": 2, "plans": dict(sorted(entries.items()))}, ensure_ascii=False, indent=1)
    write_atomic(text.encode("utf-8"), out / MANIFEST)


def _render_one(plan: Path, out: Path, templates: Path | None) -> Outcome:
    """Load, render, check and write one plan; an Outcome in every case (never raises for a user error)."""
    from docgen.plan import issued, shared_paths
    from docgen.render.engine import render_file_all, template_name

    try:
        loaded, documents = render_file_all(plan, templates)
        written = []
        for suffix, data, _warnings in documents:  # every document checked before the first is written
            name = output_name(plan, f"{suffix}.docx")
            write_atomic(data, out / name, durable=False)  # made durable with the others, at the end
            written.append((name, hashlib.sha256(data).hexdigest()))
    except DocgenError as exc:
        return Outcome(plan, "failed", str(exc))
    names = sorted({template_name(document) for _suffix, document in issued(loaded)})
    inputs = plan_inputs(plan, shared_paths(plan, loaded.dung_chung), names, templates)
    return Outcome(plan, "rendered", inputs=tuple(sorted(inputs.items())), outputs=tuple(written))


def build(folder: Path, out: Path, *, force: bool = False, jobs: int | None = None,
          templates: Path | None = None, progress: Progress | None = None) -> list[Outcome]:
    """Render the plans of ``folder`` into ``out`` that need it; the Outcome of every plan, in name order."""
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob(".*.tmp"):  # a build killed midway leaves its unfinished temporary files
        leftover.unlink(missing_ok=True)
    manifest = _read_manifest(out)
    todo, outcomes, owners = [], {}, {}
    for plan in plan_files(folder):
        name = output_name(plan)
        if name in owners:  # "a.yaml" and "a.yml": the second would overwrite the first's document
            outcomes[plan] = Outcome(plan, "failed", f"{plan}: không soạn vì {owners[name].name} cũng ghi ra {name}; "
                                     "hãy đổi tên một trong hai tệp. (Two plans would write the same file.)")
            continue
        owners[name] = plan
        known = manifest.get(plan.stem, {})
        outputs = known.get("outputs", {})
        fresh = (not force and name in outputs
                 and all((out / file).is_file() and _hash(out / file) == digest for file, digest in outputs.items())
                 and _unchanged(plan, known.get("inputs", {}), templates))
        if fresh:
            outcomes[plan] = Outcome(plan, "unchanged")
        else:
            todo.append(plan)
    jobs = jobs or os.cpu_count() or 1
    if progress is not None:
        progress.start(len(todo))
    if len(todo) >= PARALLEL_FROM and jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_render_one, plan, out, templates) for plan in todo]
            for future in as_completed(futures):
                result = future.result()
                outcomes[result.plan] = result
                if progress is not None:
                    progress.advance()
    else:
        for plan in todo:
            outcomes[plan] = _render_one(plan, out, templates)
            if progress is not None:
                progress.advance()
    # Every document on the disk before the manifest says it is there (one sync for the lot).
    make_durable([out / name for o in outcomes.values() if o.status == "rendered" for name, _h in o.outputs])
    entries = {k: v for k, v in manifest.items() if (folder / f"{k}.yaml").exists() or (folder / f"{k}.yml").exists()}
    for outcome in outcomes.values():
        if outcome.status == "rendered":
            entries[outcome.plan.stem] = {"inputs": dict(outcome.inputs), "outputs": dict(outcome.outputs)}
    _write_manifest(out, entries)
    return [outcomes[p] for p in sorted(outcomes)]
