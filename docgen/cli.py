"""The ``docgen`` command: thin, Vietnamese for the clerk, one place that turns errors into exit codes."""

from __future__ import annotations

import gc

# A command starts by loading some three hundred modules, which make no garbage cycles: the cycle collector
# would only walk the growing heap again and again while they load. It is paused from here to the end of
# this module (and again while a command runs, see ``main``).
_collecting = gc.isenabled()
gc.disable()

import os  # noqa: E402
import sys  # noqa: E402
import types  # noqa: E402
from pathlib import Path  # noqa: E402

import click  # noqa: E402

# pydantic looks for plugins among every installed package's entry points, the first time a model is built:
# for a command that runs once, that search costs more than docgen's own work. docgen uses none.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _without_plugin_loader() -> None:
    """Even with plugins disabled, pydantic's plugin loader imports importlib.metadata (and the email package
    under it) when it is first asked: about a thirtieth of a ``docgen render``. Its one function then
    returns no plugins, so a module saying just that stands in for it (only when plugins are disabled, and
    only before pydantic has loaded its own)."""
    name = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true") and name not in sys.modules:
        loader = types.ModuleType(name, "docgen's stand-in: pydantic plugins are disabled")
        loader.get_plugins = lambda: ()
        sys.modules[name] = loader


_without_plugin_loader()

from docgen.errors import DocgenError
from docgen.gcpause import gc_paused

__all__ = ["main", "cli"]

PLAN = click.Path(exists=True, dir_okay=False, path_type=Path)
CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
@click.version_option(package_name="docgen", message="docgen %(version)s")
def cli() -> None:
    """docgen: soạn văn bản hành chính (Kế hoạch, …) theo Nghị định 30/2020/NĐ-CP từ tệp kế hoạch YAML.

    (Vietnamese administrative documents from YAML plans.)
    """


def _stderr(text: str) -> None:
    click.echo(text, err=True)


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=PLAN)
@click.option("-o", "--output", "output", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True,
              help="Thư mục ghi văn bản (.docx). (Output folder.)")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              default=None, help="Thư mục mẫu Word thay cho templates/. (Templates folder.)")
@click.option("--pdf", is_flag=True, help="Ghi thêm bản PDF bên cạnh (cần LibreOffice). (Also write PDFs.)")
@click.option("--png", is_flag=True, help="Ghi thêm ảnh từng trang để xem nhanh (kèm PDF). (Page images.)")
def render(plans: tuple[Path, ...], output: Path, templates: Path | None, pdf: bool, png: bool) -> None:
    """Soạn văn bản .docx từ các tệp kế hoạch: OUTPUT/<tên tệp>.docx. (Render plans to .docx.)

    Kế hoạch ban hành kèm theo Quyết định (mục quyet_dinh) ghi thêm OUTPUT/<tên tệp>-quyet-dinh.docx.
    Mọi kế hoạch được kiểm tra trước; nếu có lỗi thì không ghi tệp nào.
    """
    from docgen.names import output_name
    from docgen.plan import issued, load_plan

    loaded, failed = [], []
    for path in plans:
        try:
            loaded.append((path, load_plan(path)))
        except DocgenError as exc:
            failed.append(exc)
    if failed:
        for exc in failed:
            _stderr(str(exc))
        raise SystemExit(1)
    owners: dict[str, list[Path]] = {}
    for path, plan in loaded:
        for suffix, _document in issued(plan):
            owners.setdefault(output_name(path, f"{suffix}.docx"), []).append(path)
    clashes = {name: paths for name, paths in owners.items() if len(paths) > 1}
    if clashes:  # one would overwrite the other
        for name, paths in clashes.items():
            _stderr(f"Không soạn: các kế hoạch {', '.join(str(p) for p in paths)} cùng ghi ra tệp {name}; "
                    "hãy đổi tên một tệp kế hoạch hoặc soạn riêng từng lần. (Several plans would write the same file.)")
        raise SystemExit(1)
    with _Warming(pdf or png, len(loaded), None) as warming:
        _render_and_write(loaded, output, templates, pdf, png, warming)


def _render_and_write(loaded: list, output: Path, templates: Path | None, pdf: bool, png: bool,
                      warming: _Warming) -> None:
    from docgen.names import output_name
    from docgen.plan.inline import keep_parsed
    from docgen.render.engine import PlanTextError, make_durable, render_all, write_atomic

    failed = []
    rendered = []  # (file written, its bytes, the checker's warnings)
    for path, plan in loaded:
        try:
            rendered += [(output / output_name(path, f"{suffix}.docx"), data, warnings)
                         for suffix, data, warnings in render_all(plan, templates)]
        except PlanTextError as exc:  # the plan's own text contradicts itself: nothing is written
            failed.append(exc.located(path))
    if failed:
        for exc in failed:
            _stderr(str(exc))
        raise SystemExit(1)
    for target, data, _warnings in rendered:
        write_atomic(data, target, durable=False)
    make_durable([target for target, *_ in rendered])
    keep_parsed()
    for target, data, warnings in rendered:
        click.echo(f"Đã soạn {target} ({len(data) // 1024} KB)")
        for warning in warnings:
            _stderr(f"  cảnh báo: {warning.line()}")
    if pdf or png:
        _pdf_and_images([target for target, *_ in rendered], output, png, pool=warming.ready())


class _Warming:
    """LibreOffice converters started in the background while the documents are rendered (``--pdf``), so that
    the PDFs do not wait for LibreOffice to start; stopped at the end whatever happens."""

    def __init__(self, wanted: bool, documents: int, jobs: int | None) -> None:
        self.pool = self.thread = None
        if wanted:
            import threading

            from docgen.pdf import KeptWarm, converters_for

            self.pool = KeptWarm()
            self.thread = threading.Thread(target=self.pool.start, args=(converters_for(documents, jobs),),
                                           daemon=True)
            self.thread.start()

    def ready(self):
        """The pool, its converters started (or given up)."""
        if self.thread is not None:
            self.thread.join()
        return self.pool

    def __enter__(self) -> _Warming:
        return self

    def __exit__(self, *_exc) -> None:
        if self.pool is not None:
            self.ready().close()


def _pdf_and_images(documents: list[Path], output: Path, png: bool, jobs: int | None = None, pool=None) -> None:
    """PDFs (warm LibreOffice converters, one per core or ``jobs``; those of ``pool`` when given) and page images;
    the .docx files are already written."""
    from docgen.pdf import PdfError, to_pdf, to_png

    try:
        for made in to_pdf(documents, output, jobs=jobs, pool=pool):
            click.echo(f"Đã tạo {made}")
            if png:
                pages = to_png(made, output)
                click.echo(f"Đã tạo {len(pages)} ảnh trang: {pages[0]}{' …' if len(pages) > 1 else ''}")
    except PdfError as exc:
        _stderr(f"{exc}\nCác tệp .docx đã được ghi đầy đủ.")
        raise SystemExit(1) from None


class _Bar:
    """A progress bar on a terminal (click's), nothing when output goes to a file."""

    def __init__(self) -> None:
        self.bar = None

    def start(self, total: int) -> None:
        if total and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label="Đang soạn", file=sys.stderr)
            self.bar.__enter__()

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@click.argument("folder", required=False, default=Path("plans"),
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Thư mục ghi văn bản. (Output folder.)")
@click.option("--force", is_flag=True, help="Soạn lại tất cả, kể cả kế hoạch không đổi. (Rebuild all.)")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Số tiến trình song song (mặc định: số lõi CPU). (Parallel workers.)")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Thư mục mẫu Word thay cho templates/. (Templates folder.)")
@click.option("--pdf", is_flag=True, help="Ghi thêm PDF cho các văn bản vừa soạn. (Also write PDFs.)")
@click.option("--redline-since", "redline_since", metavar="REV",
              help="Ghi thêm <tên>-thay-doi.docx cho mỗi kế hoạch đã sửa từ phiên bản git REV. "
                   "(A redline beside each plan changed since git REV.)")
def build(folder: Path, output: Path, force: bool, jobs: int | None, templates: Path | None, pdf: bool,
          redline_since: str | None) -> None:
    """Soạn mọi kế hoạch trong FOLDER (mặc định plans/), chỉ những kế hoạch đã thay đổi. (Build a folder.)

    Kế hoạch lỗi được báo kèm dòng, cột; văn bản cũ của nó giữ nguyên; các kế hoạch khác vẫn được soạn.
    """

    with _Warming(pdf, len(list(folder.glob("*.y*ml"))), jobs) as warming:
        _build(folder, output, force, jobs, templates, pdf, redline_since, warming)


def _build(folder: Path, output: Path, force: bool, jobs: int | None, templates: Path | None, pdf: bool,
           redline_since: str | None, warming: _Warming) -> None:
    from docgen.build import build as run_build
    from docgen.plan.inline import keep_parsed

    bar = _Bar()
    try:
        outcomes = run_build(folder, output, force=force, jobs=jobs, templates=templates, progress=bar)
    finally:
        bar.close()
    keep_parsed()  # what this process parsed itself (a small build is not spread over workers)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("rendered", "unchanged", "failed")}
    for outcome in outcomes:
        if outcome.status == "failed":
            _stderr(outcome.message)
    click.echo(f"Đã soạn {counts['rendered']}, không đổi {counts['unchanged']}, lỗi {counts['failed']} "
               f"(rendered / unchanged / failed) → {output}")
    rendered = [output / name for o in outcomes if o.status == "rendered" for name, _digest in o.outputs]
    if pdf and rendered:
        _pdf_and_images(rendered, output, png=False, jobs=jobs, pool=warming.ready())
    if redline_since:
        _redlines(folder, output, redline_since, [o.plan for o in outcomes if o.status != "failed"])
    if counts["failed"]:
        raise SystemExit(1)


def _redlines(folder: Path, output: Path, revision: str, plans: list[Path]) -> None:
    """A redline beside each document whose plan changed since git ``revision``."""
    import tempfile

    from docgen.redline import RedlineError, folder_at_revision, redline_paths
    from docgen.render.engine import write_atomic

    with tempfile.TemporaryDirectory() as scratch:
        try:
            old_folder = folder_at_revision(folder, revision, scratch)
        except RedlineError as exc:
            _stderr(f"Không tạo được bản so sánh: {exc}")
            raise SystemExit(1) from exc
        written = 0
        for plan in plans:
            old = old_folder / Path(plan).name
            if not old.exists() or old.read_bytes() == Path(plan).read_bytes():
                continue  # new since then, or not changed
            try:
                results = redline_paths(old, plan)
            except DocgenError as exc:  # the old version no longer renders (its shared file moved, …)
                _stderr(f"{plan}: không so được với bản {revision}: {exc}")
                continue
            for suffix, data, _changes in results:
                write_atomic(data, output / f"{Path(plan).stem}{suffix}-thay-doi.docx")
                written += 1
        click.echo(f"Đã ghi {written} bản so sánh với {revision} (redlines)")


@cli.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def diff(old: Path, new: Path) -> None:
    """Những gì đã thay đổi giữa hai bản: hai kế hoạch, hai tệp .docx, hoặc kế hoạch và văn bản đã soạn.
    (What changed between two versions.)"""
    from docgen.diff import diff_paths, report

    click.echo(report(old, new, diff_paths(old, new)))


@cli.command()
@click.argument("old", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("new", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--since", "revision", metavar="REV",
              help="So với kế hoạch ở phiên bản git REV (khi đó chỉ ghi một tệp kế hoạch). (Compare with git REV.)")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tệp .docx ghi ra (mặc định: output/<tên>-thay-doi.docx). (The .docx to write.)")
@click.option("--author", default="docgen", show_default=True, help="Tên người sửa ghi trong các thay đổi. (Author.)")
def redline(old: Path, new: Path | None, revision: str | None, output: Path | None, author: str) -> None:
    """Văn bản mới, có đánh dấu những gì đã sửa so với bản cũ (Track Changes của Word). (Redline.)

    OLD và NEW là hai tệp kế hoạch, hoặc một tệp .docx đã ban hành trước và kế hoạch đã sửa. Với --since REV
    chỉ cần kế hoạch: bản cũ lấy từ git. Mở tệp ra trong Word: Review → Accept/Reject.
    """
    import tempfile

    from docgen.redline import RedlineError, plan_at_revision, redline_paths
    from docgen.render.engine import write_atomic

    with tempfile.TemporaryDirectory() as scratch:
        try:
            if revision is not None:
                if new is not None:
                    raise RedlineError("với --since chỉ ghi một tệp kế hoạch (the plan), không ghi hai")
                old, new = plan_at_revision(old, revision, scratch), old
            elif new is None:
                raise RedlineError("cần hai tệp (bản cũ và bản mới), hoặc một kế hoạch và --since REV")
            results = redline_paths(old, new, author)
        except RedlineError as exc:
            _stderr(f"Không tạo được bản so sánh: {exc}")
            raise SystemExit(1) from exc
    target = output or Path("output") / f"{new.stem}-thay-doi.docx"
    for suffix, data, changes in results:
        path = target.with_name(target.stem + suffix + target.suffix)
        write_atomic(data, path)
        click.echo(f"Đã ghi {path}: {changes.insertions} chỗ thêm, {changes.deletions} chỗ bỏ, "
                   f"{changes.formatting} chỗ đổi định dạng (insertions, deletions, formatting)")


@cli.command()
@click.argument("folder", required=False, default=Path("plans"),
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ nghe; mặc định chỉ máy này mở được trang. (Address to listen on.)")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Cổng. (Port.)")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Thư mục ghi văn bản. (Output folder.)")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Thư mục mẫu Word thay cho templates/. (Templates folder.)")
def serve(folder: Path, host: str, port: int, output: Path, templates: Path | None) -> None:
    """Mở trang soạn kế hoạch trên trình duyệt: sửa, xem lỗi theo dòng, lưu, tải văn bản. (A local web page.)"""
    from docgen.serve import listen
    from docgen.serve import serve as run

    sock = listen(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Mở trình duyệt tại http://{shown}:{port}/  (Ctrl+C để dừng)")
    run(folder, host, port, output, templates, sock)
    click.echo("Đã dừng trang soạn thảo. (Stopped.)")


@cli.command()
@click.argument("kind", metavar="LOAI")
@click.argument("target", metavar="TEP.yaml", type=click.Path(dir_okay=False, path_type=Path))
def new(kind: str, target: Path) -> None:
    """Tạo tệp kế hoạch mới từ mẫu của một loại văn bản (ke-hoach, cong-van, to-trinh, bao-cao, thong-bao,
    quyet-dinh, quy-che, quy-dinh), có ghi chú cách điền từng mục. (A new plan from a kind's starter.)

    Ví dụ: docgen new cong-van plans/cong-van-don-doc.yaml
    """
    from docgen.kinds import KINDS, starter
    from docgen.render.engine import write_atomic

    source = starter(kind)
    if source is None:
        kinds = [key for key in KINDS if starter(key)]
        _stderr(f'Không có mẫu cho loại văn bản "{kind}". Các loại có mẫu: {", ".join(kinds)}. '
                f"(No starter for that kind.)")
        raise SystemExit(2)
    if target.suffix.lower() not in (".yaml", ".yml"):
        target = target.with_name(target.name + ".yaml")
    if target.exists():
        _stderr(f"{target} đã có; docgen không ghi đè. Hãy chọn tên khác. (The file exists; not overwritten.)")
        raise SystemExit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(source.read_bytes(), target)
    click.echo(f"Đã tạo {target} từ mẫu {kind}. Sửa các mục rồi chạy: docgen render {target}")


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Ghi ra tệp thay vì in ra màn hình. (Write to a file.)")
def schema(output: Path | None) -> None:
    """In lược đồ JSON (JSON Schema) của tệp kế hoạch, cho trình soạn thảo gợi ý và gạch chân lỗi khi gõ.
    (Print the plan's JSON Schema, for editors.)

    Trong VS Code (tiện ích YAML của Red Hat), dòng đầu tệp kế hoạch
    "# yaml-language-server: $schema=../schema/plan.schema.json" bật gợi ý, giải thích và gạch chân lỗi.
    """
    from docgen.plan.schema import schema_text
    from docgen.render.engine import write_atomic

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(text.encode("utf-8"), output)
        click.echo(f"Đã ghi {output}")


@cli.command()
@click.argument("plans", nargs=-1, required=True, type=PLAN)
def validate(plans: tuple[Path, ...]) -> None:
    """Kiểm tra tệp kế hoạch, không ghi gì. (Check plans without writing.)

    Kế hoạch được đọc, soạn thử và đối chiếu với Nghị định như khi soạn thật, nhưng không ghi tệp nào.
    """
    from docgen.render.engine import render_file_all

    bad = 0
    for path in plans:
        try:
            _plan, documents = render_file_all(path)
            click.echo(f"{path}: hợp lệ (valid)" + (f", {len(documents)} văn bản" if len(documents) > 1 else ""))
            for _suffix, _data, warnings in documents:
                for warning in warnings:
                    _stderr(f"  cảnh báo: {warning.line()}")
        except DocgenError as exc:
            bad += 1
            _stderr(str(exc))
    if bad:
        raise SystemExit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON cho chương trình khác. (JSON output.)")
def check(files: tuple[Path, ...], as_json: bool) -> None:
    """Kiểm tra văn bản .docx bất kỳ theo Nghị định 30/2020/NĐ-CP. (Check .docx files against the decree.)

    Mỗi lỗi ghi rõ điều khoản, đoạn chữ sai và vị trí. Thoát với mã 1 nếu có lỗi.
    """
    from docgen.check import ERROR, check_docx, json_report, text_report

    results, unreadable = {}, 0
    for path in files:
        try:
            results[str(path)] = check_docx(path)
        except Exception as exc:  # not a Word file, a damaged zip, …: say so and go on
            unreadable += 1
            _stderr(f"{path}: không đọc được tệp Word .docx ({type(exc).__name__}: {exc})")
    if as_json:
        click.echo(json_report(results))
    else:
        click.echo("\n\n".join(text_report(path, found) for path, found in results.items()))
    if unreadable or any(f.severity == ERROR for found in results.values() for f in found):
        raise SystemExit(1)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``docgen`` console script."""
    # The modules a command loads and the documents it makes leave no garbage cycles behind (tests/test_gc.py):
    # the cycle collector stays paused, and is switched back on afterwards (when it was on) for a caller that
    # goes on running.
    with gc_paused():
        _run(argv)


def _run(argv: list[str] | None) -> None:
    try:
        cli.main(args=argv, prog_name="docgen", standalone_mode=False)
    except click.exceptions.Abort:
        _stderr("Đã dừng. (Aborted.)")
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except DocgenError as exc:
        _stderr(str(exc))
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _stderr("Đã dừng. (Interrupted.)")
        sys.exit(130)


if _collecting:
    gc.enable()
