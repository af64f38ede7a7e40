"""PDF and page images through LibreOffice and poppler: what the reader actually sees.

All documents of a run are converted by ONE headless LibreOffice process, with a private,
throw-away profile, so a LibreOffice the user has open is neither blocked nor touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docgen.errors import DocgenError

__all__ = ["PdfError", "find_soffice", "font_problem", "to_pdf", "to_png"]

INSTALL_HINT = (
    "Cài LibreOffice và phông Liberation 2 (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "fonts-liberation2 poppler-utils; Windows/macOS: cài LibreOffice từ trang chính thức)."
)
_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)


class PdfError(DocgenError):
    """A PDF or page image could not be made."""


def find_soffice() -> str | None:
    """The LibreOffice program to run (``DOCGEN_SOFFICE`` names one); None when LibreOffice is not installed."""
    chosen = os.environ.get("DOCGEN_SOFFICE")
    if chosen is not None:
        return chosen if Path(chosen).is_file() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((c for c in _CANDIDATES if Path(c).is_file()), None)


def font_problem() -> str | None:
    """Why Times New Roman would not print Vietnamese here (a missing metric twin), or None when it would."""
    if sys.platform != "linux" or not shutil.which("fc-match"):
        return None  # Windows and macOS ship Times New Roman itself
    result = subprocess.run(["fc-match", "-f", "%{family}", "Times New Roman:charset=1ea1 1ec7 1edd"],
                            capture_output=True, text=True, check=False)
    family = result.stdout
    if "Times New Roman" in family or "Liberation Serif" in family:
        return None
    return (f'không có phông thay cho Times New Roman có đủ dấu tiếng Việt (máy đang dùng "{family or "?"}"). '
            + INSTALL_HINT)


def to_pdf(documents: list[Path], outdir: Path, timeout: float = 600) -> list[Path]:
    """Convert ``documents`` (.docx) to ``outdir/<stem>.pdf`` in one LibreOffice process; the PDF paths."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("Không tìm thấy LibreOffice nên không tạo được PDF. " + INSTALL_HINT)
    problem = font_problem()
    if problem:
        raise PdfError("Không tạo PDF: " + problem)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as work, \
            tempfile.TemporaryDirectory(dir=outdir, prefix=".docgen-pdf-") as converted_dir:
        profile = Path(work, "profile").as_uri()
        converted = Path(converted_dir)  # beside the targets: the final rename is atomic
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
                   "--nodefault", "--nofirststartwizard", "--convert-to", "pdf", "--outdir", str(converted),
                   *(str(d) for d in documents)]
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice không chuyển xong sau {timeout:.0f} giây (PDF conversion timed out).") from None
        out = []
        for doc in documents:
            made = converted / f"{doc.stem}.pdf"
            if not made.is_file():
                detail = (result.stderr or result.stdout).strip()[-300:]
                raise PdfError(f"LibreOffice không tạo được PDF cho {doc.name} (mã {result.returncode}). {detail}")
            target = outdir / made.name
            os.replace(made, target)
            out.append(target)
    return out


def to_png(pdf: Path, outdir: Path, resolution: int = 110, first_page_only: bool = False) -> list[Path]:
    """Page images of ``pdf`` as ``outdir/<stem>-<page>.png`` (via poppler's pdftoppm); their paths."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise PdfError("Không tìm thấy pdftoppm nên không tạo được ảnh trang. " + INSTALL_HINT)
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    command = [pdftoppm, "-png", "-r", str(resolution)]
    if first_page_only:
        command += ["-f", "1", "-l", "1"]
    result = subprocess.run([*command, str(pdf), str(outdir / pdf.stem)], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise PdfError(f"pdftoppm không đọc được {pdf.name}: {result.stderr.strip()[-300:]}")
    return sorted(outdir.glob(f"{pdf.stem}-*.png"))
