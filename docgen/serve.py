"""``docgen serve``: the plans of a folder behind a local web page, over the same engine as the command line.

The page lists the plans, lets a clerk edit one and see docgen's messages at their lines as they type, saves it,
and hands out the .docx (and its PDF). The server is Starlette under uvicorn; the page is static HTML and a
little JavaScript (``docgen/data/serve/``). What the API guards, whatever a browser sends:
- only plan files directly inside the folder are read or written (a name, never a path: no "..", no "/", no
  symlink out of the folder);
- request bodies are bounded (1 MB, the size of a very long plan);
- a save names the version it was edited from: a plan saved meanwhile from another tab is not overwritten (409,
  with what to do), and the previous version is kept as ``<plan>.yaml.bak``;
- a plan that does not render is never turned into a document; the last good one stays;
- any bad input is an answer (400/404/409/413), never a stopped server.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from docgen.errors import DocgenError, PlanError

__all__ = ["create_app", "MAX_BODY"]

MAX_BODY = 1_000_000
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$")
_PAGE = Path(__file__).resolve().parent / "data" / "serve" / "index.html"


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def create_app(folder: Path, output: Path | None = None) -> Starlette:
    """The web application over the plans of ``folder``; documents are written to ``output`` (default: the
    folder's sibling ``output``)."""
    folder = folder.resolve()
    output = (output or folder.parent / "output").resolve()

    def plan_path(name: str) -> Path:
        if not _NAME.fullmatch(name):
            raise _Refused(400, f'"{name}" không phải tên một tệp kế hoạch (chỉ tên tệp .yaml trong thư mục, '
                                'không có đường dẫn)')
        path = folder / name
        if path.is_symlink() or path.resolve().parent != folder:
            raise _Refused(400, f"{name} không nằm trong thư mục kế hoạch")
        return path

    async def body(request: Request) -> dict:
        declared = request.headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > MAX_BODY:
            raise _Refused(413, f"nội dung gửi lên quá lớn (hơn {MAX_BODY // 1000} kB)")
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > MAX_BODY:
                raise _Refused(413, f"nội dung gửi lên quá lớn (hơn {MAX_BODY // 1000} kB)")
        try:
            parsed = json.loads(data or b"{}")
        except ValueError:
            raise _Refused(400, "nội dung gửi lên không phải JSON") from None
        if not isinstance(parsed, dict):
            raise _Refused(400, "nội dung gửi lên phải là một đối tượng JSON")
        return parsed

    def check_text(name: str, text: str) -> tuple[list[dict], list, object | None]:
        """docgen's problems with ``text`` as the plan ``name`` (rendered beside the folder's other files, so
        that shared files resolve), and the documents when there is none."""
        from docgen.render.engine import render_file_all

        with tempfile.TemporaryDirectory(prefix="docgen-serve-") as scratch:
            for entry in folder.iterdir():  # the folders beside the plan (shared groups), for its dung_chung
                if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith("."):
                    shutil.copytree(entry, Path(scratch) / entry.name, symlinks=True)
            path = Path(scratch) / name
            path.write_text(text, encoding="utf-8")
            try:
                _plan, documents = render_file_all(path)
            except PlanError as exc:
                return [{"line": p.line, "column": p.column, "field": p.field_path, "message": p.message}
                        for p in exc.problems], [], None
            except DocgenError as exc:
                return [{"line": None, "column": None, "field": "", "message": str(exc)}], [], None
        warnings = [w.line() for _s, _d, found in documents for w in found]
        return [], warnings, documents

    async def page(_request: Request) -> Response:
        return HTMLResponse(_PAGE.read_text(encoding="utf-8"))

    async def plans(_request: Request) -> Response:
        from docgen.kinds import KINDS

        out = []
        for path in sorted(p for p in folder.glob("*.yaml") if p.is_file() and not p.is_symlink()):
            text = path.read_text(encoding="utf-8", errors="replace")
            kind = re.search(r"^loai:\s*([\w-]+)", text, re.M)
            key = kind.group(1) if kind else ""
            out.append({"name": path.name, "kind": KINDS[key].name if key in KINDS else key})
        return JSONResponse({"plans": out})

    async def read(request: Request) -> Response:
        path = plan_path(request.path_params["name"])
        if not path.is_file():
            raise _Refused(404, f"không có kế hoạch {path.name}")
        data = path.read_bytes()
        return JSONResponse({"name": path.name, "text": data.decode("utf-8", errors="replace"),
                             "version": _version(data)})

    async def validate(request: Request) -> Response:
        data = await body(request)
        name = str(data.get("name") or "ke-hoach.yaml")
        plan_path(name)
        problems, warnings, _documents = check_text(name, str(data.get("text", "")))
        return JSONResponse({"ok": not problems, "problems": problems, "warnings": warnings})

    async def save(request: Request) -> Response:
        from docgen.render.engine import write_atomic

        path = plan_path(request.path_params["name"])
        data = await body(request)
        text = data.get("text")
        if not isinstance(text, str):
            raise _Refused(400, 'thiếu "text": nội dung kế hoạch')
        current = path.read_bytes() if path.exists() else None
        if current is not None and data.get("version") != _version(current):
            raise _Refused(409, "kế hoạch đã được lưu từ một nơi khác (một thẻ khác của trình duyệt?) sau khi "
                                "bạn mở nó: hãy mở lại kế hoạch rồi sửa tiếp, để không mất phần đã lưu kia")
        problems, warnings, documents = check_text(path.name, text)
        if current is not None:
            write_atomic(current, path.with_name(path.name + ".bak"))
        encoded = text.encode("utf-8")
        write_atomic(encoded, path)
        written = []
        if documents is not None:  # only a plan that renders becomes a document; the last good one stays
            for suffix, document, _found in documents:
                target = output / f"{path.stem}{suffix}.docx"
                write_atomic(document, target)
                written.append(target.name)
        return JSONResponse({"ok": not problems, "problems": problems, "warnings": warnings,
                             "version": _version(encoded), "written": written})

    async def download(request: Request) -> Response:
        path = plan_path(request.path_params["name"])
        kind = request.path_params["kind"]
        if kind not in ("docx", "pdf"):
            raise _Refused(404, "chỉ tải được .docx hoặc .pdf")
        document = output / f"{path.stem}.docx"
        if not document.is_file():
            raise _Refused(404, f"chưa có văn bản của {path.name}: hãy lưu kế hoạch khi không còn lỗi")
        if kind == "pdf":
            from docgen.pdf import PdfError, to_pdf

            try:
                (made,) = to_pdf([document], output)
            except PdfError as exc:
                raise _Refused(503, str(exc)) from None
            return FileResponse(made, media_type="application/pdf", filename=made.name)
        return FileResponse(document, filename=document.name, media_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))

    async def refused(_request: Request, exc: _Refused) -> Response:
        return JSONResponse({"ok": False, "error": exc.message}, status_code=exc.status)

    return Starlette(
        routes=[
            Route("/", page),
            Route("/api/plans", plans),
            Route("/api/plans/{name}", read, methods=["GET"]),
            Route("/api/plans/{name}", save, methods=["PUT"]),
            Route("/api/plans/{name}/{kind}", download, methods=["GET"]),
            Route("/api/validate", validate, methods=["POST"]),
        ],
        exception_handlers={_Refused: refused},
    )


def serve(folder: Path, host: str, port: int, output: Path | None = None) -> None:
    """Run the server until stopped (Ctrl+C)."""
    import uvicorn

    uvicorn.run(create_app(folder, output), host=host, port=port, log_level="warning")
