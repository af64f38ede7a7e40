"""PDF and page images through LibreOffice and poppler: what the reader actually sees.

PDFs come from warm converters: a headless LibreOffice started once (private, throw-away profile, so a
LibreOffice the user has open is neither blocked nor touched) and fed one document after another over its UNO
interface (``lo_worker.py``, run by the Python that has LibreOffice's bridge), one converter per core for a large
batch. A converter that crashes or hangs on a document is stopped and started again, the document tried once
more, then reported; the other documents are not affected, and every PDF is written whole (a temporary file,
then a rename). Where no Python has the bridge, one ``soffice --convert-to pdf`` converts the batch.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from docgen.errors import DocgenError

__all__ = ["KeptWarm", "PdfError", "converters_for", "find_soffice", "font_problem", "page_images", "to_pdf", "to_png",
           "uno_python"]

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


_WORKER = Path(__file__).resolve().parent / "lo_worker.py"
DOCUMENT_TIMEOUT = 120.0
"""Seconds a converter may take over one document before it is taken for hung (``DOCGEN_PDF_TIMEOUT``)."""
STARTUP_TIMEOUT = 90.0


@lru_cache(maxsize=4)
def _has_bridge(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def uno_python(soffice: str | None = None) -> str | None:
    """A Python that has LibreOffice's UNO bridge (``DOCGEN_UNO_PYTHON`` names one): the system's (Debian's
    python3-uno), or LibreOffice's own next to ``soffice``; None when there is none."""
    chosen = os.environ.get("DOCGEN_UNO_PYTHON")
    if chosen is not None:
        return chosen if os.environ.get("DOCGEN_PDF_WORKER") or _has_bridge(chosen) else None
    candidates = ["/usr/bin/python3"]
    if soffice:
        here = Path(soffice).resolve().parent
        candidates += [str(here / "python"), str(here / "python.exe")]
    return next((c for c in candidates if Path(c).is_file() and _has_bridge(c)), None)


class _Hung(Exception):
    """The converter did not answer in time."""


class _Died(Exception):
    """The converter stopped."""


LIVE: set = set()
"""The converters running now (a test stops one in the middle of a batch; a server could keep them)."""


class _Converter:
    """One warm LibreOffice, through ``lo_worker.py``."""

    def __init__(self, python: str, soffice: str) -> None:
        worker = os.environ.get("DOCGEN_PDF_WORKER") or str(_WORKER)
        self.process = subprocess.Popen([python, worker, soffice], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                                        start_new_session=True)  # its LibreOffice in its process group
        self.lines: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        LIVE.add(self)
        try:
            ready = self._answer(STARTUP_TIMEOUT)
        except (_Hung, _Died):
            self.kill()
            raise
        if not ready.get("ready"):
            self.kill()
            raise _Died(ready.get("error", "LibreOffice did not start"))

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _answer(self, timeout: float) -> dict:
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise _Hung from None
        if line is None:
            raise _Died("LibreOffice stopped")
        return json.loads(line)

    def convert(self, docx: Path, pdf: Path, timeout: float) -> str | None:
        """Convert ``docx`` to ``pdf``; None, or what LibreOffice said when it could not."""
        try:
            self.process.stdin.write(json.dumps({"in": str(docx.resolve()), "out": str(pdf.resolve())}) + "\n")
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            raise _Died("LibreOffice stopped") from None
        answer = self._answer(timeout)
        return None if answer.get("ok") else str(answer.get("error", "?"))

    def close(self) -> None:
        try:
            self.process.stdin.close()
            self.process.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()

    def kill(self) -> None:
        LIVE.discard(self)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        self.reader.join(timeout=10)  # it has read to the end: the pipe may be closed
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


def converters_for(count: int, jobs: int | None) -> int:
    """How many converters for ``count`` documents: one per core (or ``jobs``), each with four or more documents
    (a LibreOffice takes a second to start, a document a fifth of one)."""
    cores = jobs or os.cpu_count() or 1
    return max(1, min(cores, count // 4))


def to_pdf(documents: list[Path], outdir: Path, timeout: float = 600, jobs: int | None = None,
           pool: KeptWarm | None = None) -> list[Path]:
    """Convert ``documents`` (.docx) to ``outdir/<stem>.pdf``; the PDF paths. Warm converters when a Python with
    LibreOffice's bridge is there (those of ``pool`` when given, already started perhaps; else started for this
    batch and stopped after it), else one LibreOffice run for the batch (``timeout`` for the whole run)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("Không tìm thấy LibreOffice nên không tạo được PDF. " + INSTALL_HINT)
    problem = font_problem()
    if problem:
        raise PdfError("Không tạo PDF: " + problem)
    outdir.mkdir(parents=True, exist_ok=True)
    if uno_python(soffice) is None:
        return _batch(soffice, documents, outdir, timeout)
    if pool is not None:
        return pool.convert_all(documents, outdir, jobs)
    with KeptWarm() as own:
        return own.convert_all(documents, outdir, jobs)


_PRIMER = Path(__file__).resolve().parent.parent / "templates" / "cong-van.docx"


def _prime(converter: _Converter) -> None:
    """Convert a small document once, thrown away: LibreOffice's first document costs twice the next ones (its
    Word import and PDF export loaded, fonts read), and a converter started ahead should not make a clerk wait
    for that."""
    if not _PRIMER.is_file():
        return
    with tempfile.TemporaryDirectory(prefix="docgen-prime-") as scratch:
        converter.convert(_PRIMER, Path(scratch) / "x.pdf",
                          float(os.environ.get("DOCGEN_PDF_TIMEOUT", DOCUMENT_TIMEOUT)))


class KeptWarm:
    """Warm converters kept between calls: started on demand (or ahead, by ``start``), each taking the next
    document as it is free, restarted when one hangs or dies (the document tried once more on a fresh one, then
    reported; the other documents are not affected), stopped by ``close``. ``docgen serve`` keeps one for its
    previews; ``build --pdf`` starts them while it renders; ``to_pdf`` makes one for a batch. Every PDF is
    written whole (a temporary file beside it, then a rename)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._free: list[_Converter] = []
        self._closed = False
        soffice = find_soffice()
        self._programs = (uno_python(soffice), soffice) if soffice else (None, None)

    def __enter__(self) -> KeptWarm:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def _take(self) -> _Converter | None:
        with self._lock:
            return self._free.pop() if self._free else None

    def _give(self, converter: _Converter) -> None:
        with self._lock:
            if not self._closed:
                self._free.append(converter)
                return
        converter.close()

    def _new(self) -> _Converter:
        python, soffice = self._programs
        return _Converter(python, soffice)

    def start(self, count: int = 1) -> None:
        """Have ``count`` converters running (started side by side), so that the first documents do not wait
        for LibreOffice to start. Nothing where no Python has LibreOffice's bridge."""
        if self._programs[0] is None:
            return
        with self._lock:
            missing = count - len(self._free)
        def one() -> None:
            try:
                converter = self._new()
            except (_Hung, _Died):
                return  # the first document starts one again, and tells
            try:
                _prime(converter)
            except (_Hung, _Died):
                converter.kill()  # likewise
                return
            self._give(converter)
        threads = [threading.Thread(target=one, daemon=True) for _ in range(max(0, missing))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def convert(self, docx: Path, outdir: Path) -> Path:
        """``docx`` as ``outdir/<stem>.pdf``; PdfError when it cannot be made."""
        if self._programs[1] is None:
            raise PdfError("Không tìm thấy LibreOffice nên không tạo được PDF. " + INSTALL_HINT)
        outdir.mkdir(parents=True, exist_ok=True)
        if self._programs[0] is None:
            return _batch(self._programs[1], [docx], outdir, DOCUMENT_TIMEOUT)[0]
        return self.convert_all([docx], outdir, 1)[0]

    def convert_all(self, documents: list[Path], outdir: Path, jobs: int | None = None) -> list[Path]:
        """The documents as PDFs in ``outdir``, through as many converters as ``converters_for`` says (or as are
        already warm, when more)."""
        per_document = float(os.environ.get("DOCGEN_PDF_TIMEOUT", DOCUMENT_TIMEOUT))
        outdir.mkdir(parents=True, exist_ok=True)
        todo: queue.Queue = queue.Queue()
        for doc in documents:
            todo.put(doc)
        failed: dict[Path, str] = {}
        failed_lock = threading.Lock()
        with self._lock:
            warm = len(self._free)
        count = min(len(documents), max(converters_for(len(documents), jobs), min(warm, jobs or warm)))

        with tempfile.TemporaryDirectory(dir=outdir, prefix=".docgen-pdf-") as converted_dir:
            def work() -> None:
                converter = self._take()
                try:
                    while True:
                        try:
                            doc = todo.get_nowait()
                        except queue.Empty:
                            return
                        made = Path(converted_dir) / f"{doc.stem}.pdf"
                        error = None
                        for _attempt in (1, 2):
                            try:
                                if converter is None:
                                    converter = self._new()
                                error = converter.convert(doc, made, per_document)
                                break
                            except _Hung:
                                error = f"LibreOffice không trả lời sau {per_document:.0f} giây"
                            except _Died as exc:
                                error = f"LibreOffice dừng giữa chừng ({exc})"
                            if converter is not None:
                                converter.kill()
                                converter = None
                        if error is None and made.is_file() and made.stat().st_size > 0:
                            os.replace(made, outdir / made.name)
                        else:
                            with failed_lock:
                                failed[doc] = error or "không có tệp PDF"
                finally:
                    if converter is not None:
                        self._give(converter)

            threads = [threading.Thread(target=work) for _ in range(max(1, count))]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        if failed:
            told = "; ".join(f"{doc.name}: {why}" for doc, why in failed.items())
            raise PdfError(f"Không tạo được PDF cho {len(failed)} văn bản ({told}). Các PDF khác đã được ghi.")
        return [outdir / f"{doc.stem}.pdf" for doc in documents]

    def close(self) -> None:
        """Stop the converters (those busy now stop when they are given back)."""
        with self._lock:
            self._closed = True
            free, self._free = self._free, []
        for converter in free:
            converter.close()


def _batch(soffice: str, documents: list[Path], outdir: Path, timeout: float) -> list[Path]:
    """The documents in one ``soffice --convert-to pdf`` run (no Python with the bridge here)."""
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
    return page_images(pdf, outdir, resolution, first_page_only, "png")


def page_images(pdf: Path, outdir: Path, resolution: int = 110, first_page_only: bool = False,
                kind: str = "png") -> list[Path]:
    """Page images of ``pdf`` as ``outdir/<stem>-<page>.<png|jpg>`` (via poppler's pdftoppm); their paths. JPEG
    is for previews: poppler writes it about ten times faster than PNG (9 pages at 60 dpi: 0.09 s against 0.9 s)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise PdfError("Không tìm thấy pdftoppm nên không tạo được ảnh trang. " + INSTALL_HINT)
    suffix = {"png": "png", "jpeg": "jpg"}[kind]
    outdir.mkdir(parents=True, exist_ok=True)
    for old in outdir.glob(f"{pdf.stem}-*.{suffix}"):
        old.unlink()
    command = [pdftoppm, "-png"] if kind == "png" else [pdftoppm, "-jpeg", "-jpegopt", "quality=88"]
    command += ["-r", str(resolution)]
    if first_page_only:
        command += ["-f", "1", "-l", "1"]
    result = subprocess.run([*command, str(pdf), str(outdir / pdf.stem)], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise PdfError(f"pdftoppm không đọc được {pdf.name}: {result.stderr.strip()[-300:]}")
    return sorted(outdir.glob(f"{pdf.stem}-*.{suffix}"))
