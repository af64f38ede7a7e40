"""Output file names: the plan file's own name, made safe to write on any system.

A plan named ``ke-hoach-2026.yaml`` is written as ``ke-hoach-2026.docx``. Names come from files
shared between offices, so what Windows or a file system would refuse or misread — control
characters, ``<>:"/\\|?*``, trailing dots and spaces, reserved device names (CON, NUL, COM1…),
names too long in bytes — is replaced, and the name is in NFC. Nothing in a name can lead
outside the output folder: the result is always a single file name.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

__all__ = ["output_name"]

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_MAX_BYTES = 200  # of the stem in UTF-8: 255 is the usual limit for a whole name, leave room for ".tmp" files


def output_name(plan: Path, suffix: str = ".docx") -> str:
    """The file name the document of ``plan`` is written under (``suffix`` included)."""
    stem = _FORBIDDEN.sub("_", unicodedata.normalize("NFC", plan.stem)).strip(" .")
    while len(stem.encode("utf-8")) > _MAX_BYTES:
        stem = stem[:-1]
    if not stem or stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem + suffix
