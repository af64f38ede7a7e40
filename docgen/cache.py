"""What docgen keeps between runs, in the user's cache folder, so that one ``docgen render`` starts fast.

A prepared template (docxtpl's cleaned tags compiled by Jinja, and the widths measured in it) is
the same for as long as the template file, docgen's own code and the libraries that made it stay
the same; all of them go into the key. So are the spans of the texts with markup (**bold**,
*italic*) that markdown-it parsed: a plan rendered again does not import markdown-it. Entries are
written atomically with ``marshal`` (the format of Python's own .pyc files: plain values and
compiled code, no objects), and anything unreadable is simply made again. ``DOCGEN_CACHE`` names
another folder, or turns the cache off when empty.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["engine_hash", "library_stamp", "cache_dir", "load", "store", "key"]


@lru_cache(maxsize=1)
def engine_hash() -> str:
    """What identifies docgen's own code and data: each file's name, size and time of change (a new engine
    re-renders everything and prepares templates again). Nothing is read: a stat per file is all a start pays."""
    root = os.path.dirname(os.path.abspath(__file__))
    files = []
    for folder, subfolders, names in os.walk(root):  # os.scandir underneath: no Path object per file
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        files += [_stamp(name if relative == "." else f"{relative}/{name}", os.path.join(folder, name))
                  for name in names if name.endswith((".py", ".json"))]
    return hashlib.sha256("\n".join(sorted(files)).encode()).hexdigest()


def _stamp(name: str, path: str | Path) -> str:
    """A file as the keys know it: its name, size and time of change (one stat, nothing read)."""
    info = os.stat(path)
    return f"{name}:{info.st_size}:{info.st_mtime_ns}"


def library_stamp(name: str) -> str:
    """What identifies the installed library ``name`` (its files' names, sizes and times of change), read
    without importing it: importing docxtpl loads python-docx, and markdown-it is what a cache spares."""
    spec = importlib.util.find_spec(name)
    folder = Path(spec.origin).parent if spec and spec.origin else None
    if folder is None:
        return ""
    return ";".join(_stamp(p.name, p) for p in sorted(folder.glob("*.py")))


def cache_dir() -> Path | None:
    """The cache folder: $DOCGEN_CACHE, else $XDG_CACHE_HOME/docgen or ~/.cache/docgen; None when turned off."""
    chosen = os.environ.get("DOCGEN_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docgen"


def key(*parts: bytes | str) -> str:
    """An entry's name from everything its content depends on (with this engine and this Python)."""
    digest = hashlib.sha256(f"{engine_hash()}|{sys.version}".encode())
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def load(name: str) -> Any | None:
    """The value stored under ``name``, or None (missing, unreadable, or written by another Python)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return marshal.loads((folder / f"{name}.bin").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None


def store(name: str, value: Any) -> None:
    """Keep ``value`` under ``name``; a cache that cannot be written is only a slower start."""
    folder = cache_dir()
    if folder is None:
        return
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(tmp, folder / f"{name}.bin")
    except (OSError, ValueError):
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
