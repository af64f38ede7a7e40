"""``docgen serve``: the plans of a folder behind a local web page, over the same engine as the command line.

The page lists the plans by kind with their status, edits one in a real editor (CodeMirror, built from the npm
registry into ``docgen/data/serve/editor.js`` by ``web/``; nothing is fetched at run time) with completion and
hover help from the plan's JSON Schema and docgen's own messages at their lines, shows the pages beside it
(LibreOffice through a converter kept warm, then poppler), saves, hands out the .docx/.pdf, the decree check's
report and the redline against the last saved version, and starts a new plan from a kind's starter.

The server is Starlette under uvicorn. What the API guards, whatever a browser sends:
- only plan files directly inside the folder are read or written (a name, never a path: no "..", no "/", no
  symlink out of the folder);
- request bodies are bounded (1 MB, the size of a very long plan);
- a save names the version it was edited from: a plan saved meanwhile from another tab is not overwritten (409,
  with what to do), and the previous version is kept as ``<plan>.yaml.bak``;
- a plan that does not render is never turned into a document; the last good one stays;
- any bad input is an answer (400/404/409/413), never a stopped server.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import shutil
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from docgen.errors import DocgenError, PlanError

__all__ = ["create_app", "DEBOUNCE_MS", "MAX_BODY"]

MAX_BODY = 1_000_000
DEBOUNCE_MS = 350
"""How long the page waits after a keystroke before it asks (the page reads it from /api/kinds' answer)."""
PREVIEW_DPI = 72
"""Page images of the preview (JPEG): an A4 page 596 pixels wide, the text readable, quick to make."""
_KEPT_PREVIEWS = 24
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$")
_DATA = Path(__file__).resolve().parent / "data"
_PAGE = _DATA / "serve" / "index.html"
_EDITOR = _DATA / "serve" / "editor.js"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _kind_of(text: str) -> str:
    found = re.search(r"^loai:\s*([\w-]+)", text, re.M)
    return found.group(1) if found else ""


class _Site:
    """The folder, its documents and what the server keeps between requests."""

    def __init__(self, folder: Path, output: Path, templates: Path | None) -> None:
        from docgen.pdf import KeptWarm

        self.folder, self.output, self.templates = folder, output, templates
        self.converter = KeptWarm()
        self.converting = threading.Lock()  # one conversion at a time: one LibreOffice kept, not one per request
        self.previews_dir = Path(tempfile.mkdtemp(prefix="docgen-serve-previews-"))
        self.previews: OrderedDict[str, list[str]] = OrderedDict()
        self.preview_lock = threading.Lock()
        self.status: dict[str, tuple[tuple[int, int], str]] = {}

    def close(self) -> None:
        self.converter.close()
        shutil.rmtree(self.previews_dir, ignore_errors=True)

    def plan_path(self, name: str) -> Path:
        if not _NAME.fullmatch(name):
            raise _Refused(400, f'"{name}" không phải tên một tệp kế hoạch (chỉ tên tệp .yaml trong thư mục, '
                                'không có đường dẫn)')
        path = self.folder / name
        if path.is_symlink() or path.resolve().parent != self.folder:
            raise _Refused(400, f"{name} không nằm trong thư mục kế hoạch")
        return path

    def existing(self, name: str) -> Path:
        path = self.plan_path(name)
        if not path.is_file():
            raise _Refused(404, f"không có kế hoạch {path.name}")
        return path

    def check_text(self, name: str, text: str) -> tuple[list[dict], list, list | None]:
        """docgen's problems with ``text`` as the plan ``name`` would be in the folder (its shared files read from
        there; nothing written), the decree check's findings, and the documents ``(suffix, bytes, findings)``
        when there is no problem."""
        from docgen.render.engine import render_file_all

        try:
            _plan, documents = render_file_all(self.folder / name, self.templates, text.encode("utf-8"))
        except PlanError as exc:
            return [{"line": p.line, "column": p.column, "field": p.field_path, "message": p.message}
                    for p in exc.problems], [], None
        except DocgenError as exc:
            return [{"line": None, "column": None, "field": "", "message": str(exc)}], [], None
        findings = [f for _s, _d, found in documents for f in found]
        return [], findings, documents

    def plan_status(self, path: Path) -> dict:
        """How a plan stands: "loi" (does not render), "canh-bao" (renders, the decree check finds something),
        "dat" (renders clean); and whether its documents are older than it (or missing)."""
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        cached = self.status.get(path.name)
        if cached is None or cached[0] != key:
            text = path.read_text(encoding="utf-8", errors="replace")
            problems, findings, _docs = self.check_text(path.name, text)
            state = "loi" if problems else "canh-bao" if findings else "dat"
            self.status[path.name] = cached = (key, state)
        document = self.output / f"{path.stem}.docx"
        changed = not document.is_file() or document.stat().st_mtime_ns < stat.st_mtime_ns
        return {"status": cached[1], "changed": changed}

    def preview(self, documents: list) -> tuple[str, list[str]]:
        """Page images of ``documents`` (the rendered .docx bytes): a key and the image names, kept for the
        last few previews only."""
        from docgen.pdf import page_images

        digest = hashlib.sha256(b"".join(data for _s, data, _f in documents)).hexdigest()[:24]
        with self.preview_lock:
            if digest in self.previews:
                self.previews.move_to_end(digest)
                return digest, self.previews[digest]
        folder = self.previews_dir / digest
        folder.mkdir(exist_ok=True)
        pages: list[str] = []
        for index, (_suffix, data, _found) in enumerate(documents):
            docx = folder / f"van-ban-{index}.docx"
            docx.write_bytes(data)
            with self.converting:
                pdf = self.converter.convert(docx, folder)
            pages += [p.name for p in page_images(pdf, folder, PREVIEW_DPI, kind="jpeg")]
        with self.preview_lock:
            self.previews[digest] = pages
            while len(self.previews) > _KEPT_PREVIEWS:
                old, _ = self.previews.popitem(last=False)
                shutil.rmtree(self.previews_dir / old, ignore_errors=True)
        return digest, pages


def _problem_list(problems: list[dict], findings: list) -> dict:
    return {"ok": not problems, "problems": problems, "warnings": [f.line() for f in findings]}


def create_app(folder: Path, output: Path | None = None, templates: Path | None = None,
               prewarm: bool = True) -> Starlette:
    """The web application over the plans of ``folder``; documents are written to ``output`` (default: the
    folder's sibling ``output``), through the Word templates of ``templates`` (default: docgen's own). With
    ``prewarm``, LibreOffice is started with the server, so that the first preview does not wait for it."""
    folder = folder.resolve()
    site = _Site(folder, (output or folder.parent / "output").resolve(), templates)

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

    async def name_and_text(request: Request) -> tuple[str, str]:
        data = await body(request)
        name = str(data.get("name") or "ke-hoach.yaml")
        site.plan_path(name)
        text = data.get("text", "")
        if not isinstance(text, str):
            raise _Refused(400, '"text" phải là nội dung kế hoạch (một chuỗi)')
        return name, text

    async def page(_request: Request) -> Response:
        return HTMLResponse(_PAGE.read_text(encoding="utf-8"))

    async def editor(_request: Request) -> Response:
        return FileResponse(_EDITOR, media_type="text/javascript")

    async def schema(_request: Request) -> Response:
        from docgen.plan.schema import plan_schema

        return JSONResponse(plan_schema())

    async def kinds(_request: Request) -> Response:
        from docgen.kinds import KINDS, starter

        return JSONResponse({"kinds": [{"key": key, "name": kind.name} for key, kind in KINDS.items()
                                       if starter(key)], "debounce_ms": DEBOUNCE_MS})

    def listing(with_status: bool) -> dict:
        from docgen.kinds import KINDS

        out = []
        for path in sorted(p for p in folder.glob("*.yaml") if p.is_file() and not p.is_symlink()):
            key = _kind_of(path.read_text(encoding="utf-8", errors="replace"))
            out.append({"name": path.name, "kind": KINDS[key].name if key in KINDS else key, "key": key,
                        **(site.plan_status(path) if with_status else {})})
        return {"plans": out}

    async def plans(request: Request) -> Response:
        """The plans by name and kind, and with each one's status unless ``?status=0`` (the page asks for the
        names first: a folder of hundreds of plans takes seconds to check the first time)."""
        with_status = request.query_params.get("status", "1") != "0"
        return JSONResponse(await run_in_threadpool(listing, with_status))

    async def create(request: Request) -> Response:
        """A new plan from a kind's starter: {"kind": "cong-van", "name": "cong-van-moi.yaml"}."""
        from docgen.render.engine import write_atomic

        from docgen.kinds import starter as starter_of

        data = await body(request)
        key = str(data.get("kind", ""))
        starter = starter_of(key)
        if starter is None:
            raise _Refused(400, f'không có mẫu cho loại văn bản "{key}"')
        name = str(data.get("name") or f"{key}-moi.yaml")
        if not name.endswith((".yaml", ".yml")):
            name += ".yaml"
        path = site.plan_path(name)
        if path.exists():
            raise _Refused(409, f"đã có kế hoạch {name}: hãy đặt tên khác")
        content = starter.read_bytes()
        write_atomic(content, path)
        return JSONResponse({"name": name, "text": content.decode("utf-8"), "version": _version(content)},
                            status_code=201)

    async def read(request: Request) -> Response:
        path = site.existing(request.path_params["name"])
        data = path.read_bytes()
        return JSONResponse({"name": path.name, "text": data.decode("utf-8", errors="replace"),
                             "version": _version(data), "has_previous": path.with_name(path.name + ".bak").is_file()})

    async def validate(request: Request) -> Response:
        name, text = await name_and_text(request)
        problems, findings, _documents = await run_in_threadpool(site.check_text, name, text)
        return JSONResponse(_problem_list(problems, findings))

    def make_preview(name: str, text: str) -> dict:
        from docgen.pdf import PdfError

        problems, findings, documents = site.check_text(name, text)
        answer = _problem_list(problems, findings)
        if documents is None:
            return answer
        try:
            key, pages = site.preview(documents)
        except PdfError as exc:
            return {**answer, "pages": [], "preview_error": str(exc)}
        return {**answer, "pages": [f"/api/preview/{key}/{page}" for page in pages]}

    async def preview(request: Request) -> Response:
        name, text = await name_and_text(request)
        return JSONResponse(await run_in_threadpool(make_preview, name, text))

    async def preview_page(request: Request) -> Response:
        key, page_name = request.path_params["key"], request.path_params["page"]
        with site.preview_lock:
            known = page_name in site.previews.get(key, ())
        if not known:
            raise _Refused(404, "ảnh trang này không còn (hãy xem lại bản xem trước)")
        return FileResponse(site.previews_dir / key / page_name, media_type="image/jpeg",
                            headers={"cache-control": "private, max-age=600"})

    async def check(request: Request) -> Response:
        """The decree check's report on the documents the text makes, finding by finding."""
        name, text = await name_and_text(request)
        problems, _findings, documents = await run_in_threadpool(site.check_text, name, text)
        if documents is None:
            return JSONResponse({"ok": False, "problems": problems, "documents": []})
        out = []
        for suffix, _data, found in documents:
            out.append({"document": f"{Path(name).stem}{suffix}.docx", "findings": [
                {"rule": f.rule, "severity": f.severity, "clause": f.clause, "message": f.message,
                 "detail": f.detail, "where": f.where, "text": f.text} for f in found]})
        return JSONResponse({"ok": True, "problems": [], "documents": out})

    def make_redline(path: Path, text: str) -> tuple:
        from docgen.redline import RedlineError, redline_paths

        saved = path.read_bytes()
        previous = path.with_name(path.name + ".bak")
        if text.encode("utf-8") != saved:
            old, what = saved, "bản đã lưu"
        elif previous.is_file():
            old, what = previous.read_bytes(), "bản lưu trước đó"
        else:
            raise _Refused(404, "chưa có bản nào để so sánh: kế hoạch chưa được sửa từ lần lưu đầu")
        try:
            made = redline_paths(path, path, templates=site.templates, old_raw=old, new_raw=text.encode("utf-8"))
        except PlanError as exc:
            problems = [p.message for p in exc.problems]
            raise _Refused(422, f"không so sánh được với {what}: kế hoạch còn lỗi "
                                f"({problems[0] if problems else exc})") from None
        except (RedlineError, DocgenError) as exc:
            raise _Refused(422, f"không so sánh được với {what}: {exc}") from None
        if not made:
            raise _Refused(404, f"{what} không soạn ra văn bản nào để so sánh")
        _suffix, data, changes = next((m for m in made if m[0] == ""), made[0])  # the plan's own document
        return data, changes

    async def redline(request: Request) -> Response:
        """NEW = the text sent; OLD = the saved plan, or when the text is the saved plan, the version before."""
        name, text = await name_and_text(request)
        path = site.existing(name)
        data, changes = await run_in_threadpool(make_redline, path, text)
        return Response(data, media_type=_DOCX, headers={
            "content-disposition": f'attachment; filename="{path.stem}-so-sanh.docx"',
            "x-docgen-insertions": str(changes.insertions), "x-docgen-deletions": str(changes.deletions),
            "x-docgen-formatting": str(changes.formatting)})

    async def save(request: Request) -> Response:
        from docgen.render.engine import write_atomic

        path = site.plan_path(request.path_params["name"])
        data = await body(request)
        text = data.get("text")
        if not isinstance(text, str):
            raise _Refused(400, 'thiếu "text": nội dung kế hoạch')
        current = path.read_bytes() if path.exists() else None
        if current is not None and data.get("version") != _version(current):
            raise _Refused(409, "kế hoạch đã được lưu từ một nơi khác (một thẻ khác của trình duyệt?) sau khi "
                                "bạn mở nó: hãy mở lại kế hoạch rồi sửa tiếp, để không mất phần đã lưu kia")
        problems, findings, documents = await run_in_threadpool(site.check_text, path.name, text)
        if current is not None:
            write_atomic(current, path.with_name(path.name + ".bak"))
        encoded = text.encode("utf-8")
        write_atomic(encoded, path)
        written = []
        if documents is not None:  # only a plan that renders becomes a document; the last good one stays
            for suffix, document, _found in documents:
                target = site.output / f"{path.stem}{suffix}.docx"
                write_atomic(document, target)
                written.append(target.name)
        return JSONResponse({**_problem_list(problems, findings), "version": _version(encoded),
                             "written": written, "has_previous": current is not None})

    async def download(request: Request) -> Response:
        path = site.plan_path(request.path_params["name"])
        kind = request.path_params["kind"]
        if kind not in ("docx", "pdf"):
            raise _Refused(404, "chỉ tải được .docx hoặc .pdf")
        document = site.output / f"{path.stem}.docx"
        if not document.is_file():
            raise _Refused(404, f"chưa có văn bản của {path.name}: hãy lưu kế hoạch khi không còn lỗi")
        if kind == "pdf":
            from docgen.pdf import PdfError

            try:
                def convert() -> Path:
                    with site.converting:
                        return site.converter.convert(document, site.output)

                made = await run_in_threadpool(convert)
            except PdfError as exc:
                raise _Refused(503, str(exc)) from None
            return FileResponse(made, media_type="application/pdf", filename=made.name)
        return FileResponse(document, filename=document.name, media_type=_DOCX)

    async def refused(_request: Request, exc: _Refused) -> Response:
        return JSONResponse({"ok": False, "error": exc.message}, status_code=exc.status)

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        if prewarm:
            threading.Thread(target=site.converter.start, daemon=True).start()
        try:
            yield
        finally:
            await run_in_threadpool(site.close)

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/editor.js", editor),
            Route("/api/schema", schema),
            Route("/api/kinds", kinds),
            Route("/api/plans", plans, methods=["GET"]),
            Route("/api/plans", create, methods=["POST"]),
            Route("/api/plans/{name}", read, methods=["GET"]),
            Route("/api/plans/{name}", save, methods=["PUT"]),
            Route("/api/plans/{name}/{kind}", download, methods=["GET"]),
            Route("/api/validate", validate, methods=["POST"]),
            Route("/api/preview", preview, methods=["POST"]),
            Route("/api/preview/{key}/{page}", preview_page, methods=["GET"]),
            Route("/api/check", check, methods=["POST"]),
            Route("/api/redline", redline, methods=["POST"]),
        ],
        middleware=[Middleware(GZipMiddleware, minimum_size=2000)],
        exception_handlers={_Refused: refused},
        lifespan=lifespan,
    )
    app.state.site = site
    return app


class ServeError(DocgenError):
    """The server cannot start (its port taken, a host that is not this machine's)."""


def listen(host: str, port: int):
    """A socket listening on ``host``:``port``; ServeError, in words for the clerk, when it cannot be had."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            why = (f"cổng {port} đang được một chương trình khác dùng (có thể docgen serve đang chạy ở một cửa sổ "
                   f"khác); hãy chọn cổng khác, ví dụ: docgen serve --port {port + 1 if port < 65535 else 8000}")
        elif exc.errno == errno.EACCES:
            why = f"không được phép mở cổng {port} (cổng dưới 1024 cần quyền quản trị); hãy chọn cổng từ 1024 trở lên"
        else:
            why = f'"{host}" không phải địa chỉ của máy này ({exc.strerror or exc})'
        raise ServeError(f"Không mở được trang soạn thảo: {why}. (Cannot listen on {host}:{port}.)") from None


def serve(folder: Path, host: str, port: int, output: Path | None = None, templates: Path | None = None,
          sock=None) -> None:
    """Run the server until stopped (Ctrl+C), on ``sock`` (from ``listen``) or on ``host``:``port``. The cycle
    collector runs, as in any long-lived program (docgen's commands pause it: they make one batch and end)."""
    import gc

    import uvicorn

    sock = sock or listen(host, port)
    gc.enable()
    server = uvicorn.Server(uvicorn.Config(create_app(folder, output, templates), log_level="warning"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # Ctrl+C: how the server is meant to stop (uvicorn raises it again once stopped)
        pass
