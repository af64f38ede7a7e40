#!/usr/bin/env python3
"""Set up and run docgen with nothing but Python ≥ 3.11 (no make, no shell): the README's two commands.

    python3 tasks.py demo   # set up .venv, render every plan in plans/ into output/
    python3 tasks.py test   # set up .venv, run the whole test suite
    python3 tasks.py web    # rebuild the web page's editor (docgen/data/serve/editor.js) from web/ with npm

Setting up creates ``.venv`` beside this file and installs docgen into it (editable, with the
test extras); it is redone only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".docgen-installed"
# An editable install that puts this folder on sys.path (a .pth line), not an import hook that every
# start of docgen would have to load first.
INSTALL = ("--config-settings", "editable_mode=compat")


def _say(text: str) -> None:
    print(f"[tasks] {text}", flush=True)


def setup() -> None:
    """Create .venv and install docgen with its test extras, unless already done for this pyproject."""
    if sys.version_info < (3, 11):
        sys.exit(f"docgen cần Python 3.11 trở lên (needs Python ≥ 3.11); đang chạy {sys.version.split()[0]}.")
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + " ".join(INSTALL).encode()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == digest:
        _compile()
        return
    if not PYTHON.exists():
        _say(f"creating {VENV}")
        try:
            venv.create(VENV, with_pip=True)
        except Exception as exc:  # Debian without python3-venv: ensurepip is missing
            sys.exit(f"Không tạo được môi trường ảo (cannot create a virtualenv): {exc}\n"
                     "Trên Debian/Ubuntu hãy cài: apt-get install python3-venv")
    _say("installing docgen and its dependencies")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-e", f"{ROOT}[test]", *INSTALL], check=True)
    STAMP.write_text(digest)
    _compile()


def _compile() -> None:
    """Byte-compile docgen's sources (only those changed since the last time): each `docgen` command then
    starts without compiling them, even where PYTHONDONTWRITEBYTECODE keeps Python from saving its own."""
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", str(ROOT / "docgen")], check=True)


def demo() -> int:
    """Render every plan in plans/ into output/ (only those that changed since the last run)."""
    return subprocess.run([str(PYTHON), "-m", "docgen", "build", str(ROOT / "plans"), "-o", str(ROOT / "output")],
                          cwd=ROOT).returncode


def test(args: list[str]) -> int:
    """Run the whole test suite (extra arguments go to pytest)."""
    return subprocess.run([str(PYTHON), "-m", "pytest", *args], cwd=ROOT).returncode


def web() -> int:
    """Rebuild the editor of `docgen serve` from web/ (CodeMirror and its extensions from the npm registry, at the
    versions of web/package-lock.json) into docgen/data/serve/editor.js, which is committed and shipped."""
    import shutil

    npm = shutil.which("npm")
    if npm is None:
        sys.exit("Cần Node.js và npm để dựng lại trình soạn thảo (needs Node.js and npm).")
    for command in (["ci", "--no-audit", "--no-fund"], ["run", "build"]):
        done = subprocess.run([npm, *command], cwd=ROOT / "web").returncode
        if done:
            return done
    return 0


def main() -> None:
    task, *rest = sys.argv[1:] or ["help"]
    if task == "web":
        sys.exit(web())
    if task not in ("demo", "test", "setup"):
        print(__doc__)
        sys.exit(0 if task == "help" else 2)
    setup()
    if task == "demo":
        sys.exit(demo())
    if task == "test":
        sys.exit(test(rest))


if __name__ == "__main__":
    main()
