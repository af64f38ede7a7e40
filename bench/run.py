#!/usr/bin/env python3
"""Speed of docgen against docxtpl used plainly, on a "normal" Kế hoạch, in one run.

    python bench/run.py [--quick]

The normal plan: 8 legal bases, 5 sections × 4 items × 3 sub-items, a 30-row table (three group rows with their
subtotals, cells merged down, a computed total and the amount in words), 8 recipients.
Prints ms per document for (a) docxtpl used plainly, (b) docgen's batch path, (c) docgen's whole
pipeline from YAML file to written .docx, (d) a 500-plan folder built with all cores, (e) PDF
conversion per document in a batch, (f) ``docgen --help`` and (g) a single ``docgen render`` as commands,
(h) ``docgen check`` alone, on our document and on real Word files, (i) ``docgen serve``'s edit-to-preview latency
(the page's debounce, docgen's messages, the pages as images through the converter kept warm); the peak memory;
then the ratios on lines of their own.

The figures of earlier runs, and what they mean (instruction counts, the machine's drift), are in docs/speed.md;
the README keeps the latest run.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def normal_plan(index: int = 0) -> str:
    """The YAML text of a normal plan (``index`` varies the commune so that plans differ)."""
    bases = "\n".join(
        f"  - {{ma: qd{i}, loai: Quyết định, so: {100 + i}/QĐ-UBND, ngay: {10 + i}/3/2025, "
        f"co_quan: UBND tỉnh, trich_yeu: về việc phân bổ kinh phí thực hiện nội dung số {i}}}"
        for i in range(8)
    )
    sections = []
    for s in range(5):
        items = []
        for k in range(4):
            subs = "\n".join(
                f'              - "Tiểu mục {j + 1}: tổ chức thực hiện nhiệm vụ theo [[qd{(s + k + j) % 8}]], '
                f'bảo đảm tiến độ, chất lượng và hiệu quả, báo cáo kết quả về UBND xã đúng hạn."'
                for j in range(3)
            )
            items.append(f"          - tieu_de: Nhiệm vụ {k + 1} của phần {s + 1}\n            doan:\n{subs}")
        body = "\n".join(items)
        sections.append(f"  - tieu_de: Nội dung thực hiện phần {s + 1}\n    muc:\n{body}")
    rows = []
    for r in range(30):  # three groups of ten villages; a unit in charge of several runs down its cells
        if r % 10 == 0:
            rows.append(f"          - nhom: {'I' * (r // 10 + 1)}. CỤM THÔN SỐ {r // 10 + 1}")
        unit = "Phòng Văn hóa - Xã hội" if r % 5 == 0 else '"^"'
        rows.append(f"          - [{r + 1}, Thôn {r + 1}, {unit}, {1000 + 37 * r}, {12.5 + r}]")
    table = ("  - tieu_de: Phân bổ kinh phí\n    doan:\n      - bang: Kinh phí theo thôn\n"
             "        don_vi_tinh: triệu đồng\n        bang_chu: true\n"
             "        cot: [{ten: TT, rong: 1}, {ten: Thôn, rong: 3}, {ten: Đơn vị chủ trì, rong: 4}, "
             "{ten: Kinh phí, rong: 2, tong: true}, {ten: Tỷ lệ (%), rong: 2}]\n        hang:\n" + "\n".join(rows))
    recipients = "\n".join(f"  - Đơn vị nhận số {i + 1}" for i in range(7))
    return f"""loai: ke-hoach
co_quan: {{ten: [Ủy ban nhân dân, xã Thử Nghiệm {index}], viet_tat: UBND}}
don_vi_soan_thao: {{ten: Phòng Văn hóa - Xã hội, viet_tat: VHXH}}
so: {index % 90 + 1}
dia_danh: Thử Nghiệm
ngay: 20/4/2026
trich_yeu: Triển khai thực hiện Chương trình mục tiêu quốc gia năm 2026 trên địa bàn xã
can_cu:
{bases}
mo_dau: UBND xã ban hành Kế hoạch thực hiện Chương trình năm 2026 với những nội dung như sau
noi_dung:
{chr(10).join(sections)}
{table}
ket_thuc: Trên đây là Kế hoạch thực hiện Chương trình năm 2026 của UBND xã.
ky: {{quyen_han: KT., tap_the: Chủ tịch, chuc_vu: Phó Chủ tịch, ho_ten: Nguyễn Văn An}}
noi_nhan:
  - Sở Dân tộc và Tôn giáo (để b/c)
{recipients}
"""


def large_plan(scale: int = 1) -> str:
    """A large plan: ``scale`` × (5,000 body paragraphs in 50 sections, and a 2,000-row table)."""
    sections = []
    for s in range(50 * scale):
        lines = "\n".join(f'      - "Đoạn {s + 1}.{k + 1}: các phòng, ban, đơn vị triển khai nhiệm vụ theo kế hoạch, '
                          f'báo cáo kết quả định kỳ về UBND xã."' for k in range(100))
        sections.append(f"  - tieu_de: Nội dung số {s + 1}\n    doan:\n{lines}")
    rows = "\n".join(f"          - [{r + 1}, Thôn {r % 40 + 1}, Hộ gia đình số {r + 1}, {1000 + r}]"
                     for r in range(2000 * scale))
    table = ("  - tieu_de: Danh sách hỗ trợ\n    doan:\n      - bang: Danh sách hộ được hỗ trợ (nghìn đồng)\n"
             "        cot: [TT, Thôn, Hộ, Kinh phí]\n        hang:\n" + rows)
    head = normal_plan().split("noi_dung:")[0]
    tail = "ket_thuc:" + normal_plan().split("ket_thuc:")[1]
    return f"{head}noi_dung:\n{chr(10).join(sections)}\n{table}\n{tail}"


def per_doc(functions: list, repeat: int, rounds: int) -> list[float]:
    """For each of ``functions``, the best of ``rounds`` runs of ``repeat`` calls, in ms per call. The
    functions take turns in every round: a slow minute of the machine then falls on all of them alike,
    and the ratios between them stay true."""
    best = [float("inf")] * len(functions)
    for _ in range(rounds):
        for i, function in enumerate(functions):
            start = time.perf_counter()
            for _ in range(repeat):
                function()
            best[i] = min(best[i], (time.perf_counter() - start) / repeat * 1000)
    return best


def startup(command: list[str], env: dict, runs: int) -> list[float]:
    """Wall seconds of ``runs`` runs of ``command``, each a new process."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        out.append(time.perf_counter() - start)
    return out


def serve_latency(work: Path, edits: int = 12) -> None:
    """(i) What a clerk waits for in ``docgen serve`` after the last keystroke, over real HTTP: the page's debounce,
    then the two requests it makes (docgen's messages, then the preview) and the page images it loads, for an
    edit of the normal plan (a figure changed each time, so nothing comes from a cache)."""
    import json
    import re
    import socket
    import threading
    import urllib.request

    import uvicorn

    from docgen.serve import DEBOUNCE_MS, create_app

    folder = work / "serve"
    folder.mkdir()
    text = normal_plan(0)
    (folder / "xa.yaml").write_text(text, encoding="utf-8")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    address = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(create_app(folder, work / "serve-out"), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)

    def post(path: str, body: dict) -> dict:
        request = urllib.request.Request(address + path, json.dumps(body).encode(),
                                         {"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as answer:
            return json.loads(answer.read())

    def edit(number: int) -> tuple[float, int]:
        edited = re.sub(r"\b1000\b", str(2000 + number), text, count=1)
        start = time.perf_counter()
        told = post("/api/validate", {"name": "xa.yaml", "text": edited})
        assert told["ok"], told
        shown = post("/api/preview", {"name": "xa.yaml", "text": edited})
        for page in shown["pages"]:
            with urllib.request.urlopen(address + page, timeout=60) as image:
                image.read()
        return (time.perf_counter() - start) * 1000, len(shown["pages"])

    try:
        first, pages = edit(0)  # LibreOffice is still starting
        times = [edit(n)[0] for n in range(1, edits + 1)]
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()
    median = statistics.median(times)
    print(f"(i) serve, last keystroke to preview of the normal plan ({pages} pages): "
          f"{DEBOUNCE_MS + median:.0f} ms median, {DEBOUNCE_MS + max(times):.0f} ms worst of {edits} edits "
          f"({DEBOUNCE_MS} ms debounce + {median:.0f} ms messages, render, PDF, page images); "
          f"the first, as the server starts LibreOffice: {DEBOUNCE_MS + first:.0f} ms")


def main() -> None:
    quick = "--quick" in sys.argv
    from docxtpl import DocxTemplate

    from docgen.plan import load_plan
    from docgen.render.context import build_context
    from docgen.render.engine import (
        _core,
        _environment,
        _template_path,
        prepared_template,
        render_file,
        write_atomic,
    )

    work = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    try:
        plan_path = work / "ke-hoach.yaml"
        plan_path.write_text(normal_plan(), encoding="utf-8")
        plan = load_plan(plan_path)
        path = _template_path(plan, None)
        prepared = prepared_template(path)
        context = build_context(plan, prepared.geometry)
        core = _core(plan)
        repeat = 10 if quick else 20

        def plain() -> None:
            template = DocxTemplate(str(path))
            template.render(context, jinja_env=_environment(), autoescape=True)
            template.save(str(work / "plain.docx"))

        def batch() -> None:
            (work / "batch.docx").write_bytes(prepared.render(context, core))

        def pipeline() -> None:
            _plan, data, _warnings = render_file(plan_path)
            # As `docgen build` writes each document (atomically); it flushes them to the disk together at its
            # end, with one sync, before its manifest (docxtpl's save in (a) does not flush at all).
            write_atomic(data, work / "pipeline.docx", durable=False)

        a, b, c = per_doc([plain, batch, pipeline], repeat, 3 if quick else 10)
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        print(f"(a) docxtpl used plainly:        {a:7.2f} ms/document")
        print(f"(b) docgen batch path:           {b:7.2f} ms/document")
        print(f"(c) docgen pipeline YAML→.docx:  {c:7.2f} ms/document (load, validate, render, check, write)")

        # (h) docgen check alone: on the normal plan's document, and on the eight real Word files other offices
        # made (tests/check/realdocx: header tables of several rows, lines drawn as shapes, 1 to 5 pages).
        from docgen.check import check_docx

        ours = (work / "pipeline.docx").read_bytes()
        real = [p.read_bytes() for p in sorted((ROOT / "tests" / "check" / "realdocx").glob("*.docx"))]
        h_ours, = per_doc([lambda: check_docx(ours)], repeat, 3 if quick else 10)
        h_real, = per_doc([lambda: [check_docx(data) for data in real]], 1, 3 if quick else 10)
        print(f"(h) docgen check: {h_ours:7.2f} ms (the normal plan's document), "
              f"{h_real / len(real):.2f} ms per real Word file ({len(real)} files)")

        count = 100 if quick else 500
        folder = work / "plans"
        folder.mkdir()
        for i in range(count):
            (folder / f"xa-{i:03d}.yaml").write_text(normal_plan(i), encoding="utf-8")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "docgen", "build", str(folder), "-o", str(work / "out")],
                       check=True, capture_output=True)
        wall = time.perf_counter() - start
        print(f"(d) {count}-plan folder, all cores: {wall:7.2f} s wall ({wall / count * 1000:.1f} ms/plan)")

        from docgen.pdf import KeptWarm, _batch, find_soffice, to_pdf, uno_python

        soffice = find_soffice()
        if soffice:
            every = sorted((work / "out").glob("*.docx"))[:100]
            cold, warm = {}, {}
            for size in (1, 10, 100):  # a command's worth: converters started, used, stopped
                start = time.perf_counter()
                to_pdf(every[:size], work / f"pdf-cold-{size}")
                cold[size] = (time.perf_counter() - start) / size * 1000
            with KeptWarm() as pool:  # converters already running, as `docgen serve` keeps them
                pool.start(os.cpu_count() or 1)
                for size in (1, 10, 100):
                    start = time.perf_counter()
                    pool.convert_all(every[:size], work / f"pdf-warm-{size}")
                    warm[size] = (time.perf_counter() - start) / size * 1000
            start = time.perf_counter()
            (work / "pdf-plain").mkdir()
            _batch(soffice, every, work / "pdf-plain", 1800)
            plain = (time.perf_counter() - start) / len(every) * 1000
            how = "all cores" if uno_python(soffice) else "no UNO bridge: one soffice run"
            print(f"(e) PDF ({how}), batches of 1, 10, 100: warm converters {warm[1]:.0f}, {warm[10]:.0f}, "
                  f"{warm[100]:.0f} ms/document; a command's worth (LibreOffice started within) {cold[1]:.0f}, "
                  f"{cold[10]:.0f}, {cold[100]:.0f}; one plain soffice --convert-to over the same 100: "
                  f"{plain:.0f} ms/document; ratio plain/warm: {plain / warm[100]:.2f}, plain/command: "
                  f"{plain / cold[100]:.2f}")
            serve_latency(work)
        else:
            print("(e) PDF: LibreOffice not installed, not measured")
            print("(i) serve preview: LibreOffice not installed, not measured")
        # The three sizes in turn, round after round, the best of each (as for (a), (b) and (c)).
        sizes = (1, 2, 4)
        for scale in sizes:
            (work / f"lon-{scale}.yaml").write_text(large_plan(scale), encoding="utf-8")

        def large(scale: int):
            def run() -> None:
                _plan, data, _warnings = render_file(work / f"lon-{scale}.yaml")
                write_atomic(data, work / f"lon-{scale}.docx", durable=False)
            return run

        times = dict(zip(sizes, (ms / 1000 for ms in per_doc([large(k) for k in sizes], 1, 2 if quick else 3))))
        print("large plan (5,000 paragraphs + 2,000-row table) × 1, 2, 4, whole pipeline: "
              + ", ".join(f"{times[k]:.2f} s" for k in (1, 2, 4)))
        # A single command, as a clerk runs it: a new process each time, the Kế hoạch's template prepared once
        # before (docgen's cache), then the best and the median of several runs.
        env = {**os.environ, "DOCGEN_CACHE": str(work / "cache")}
        reference = ROOT / "plans" / "ngoc-lien-2026-ke-hoach.yaml"
        help_times = startup([sys.executable, "-m", "docgen", "--help"], env, 5 if quick else 10)
        render = [sys.executable, "-m", "docgen", "render", str(reference), "-o", str(work / "cmd")]
        first = startup(render, env, 1)
        render_times = startup(render, env, 5 if quick else 15)
        print(f"(f) docgen --help:                {min(help_times):5.2f} s best, "
              f"{statistics.median(help_times):.2f} s median of {len(help_times)}")
        print(f"(g) docgen render (the Kế hoạch): {min(render_times):5.2f} s best, "
              f"{statistics.median(render_times):.2f} s median of {len(render_times)} "
              f"(the first run, which prepares the template: {first[0]:.2f} s)")
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory: {own:.0f} MB (this process), {children:.0f} MB (largest build/LibreOffice process)")
        print(f"ratio plain/batch: {a / b:.1f}")
        print(f"ratio plain/pipeline: {a / c:.1f}")
        print(f"ratio large 4x/1x: {times[4] / times[1]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
