"""The command line runs with Python's cycle collector off (``cli.main``). That is sound only while making
a document leaves nothing behind that only the collector could free: what a render allocates must go
with reference counting alone, or a build of hundreds of plans in one worker would keep growing."""

from __future__ import annotations

import gc

from conftest import PLANS
from docgen.check import check_docx
from docgen.cli import main
from docgen.render.engine import render_file

REFERENCE_PLANS = [PLANS / "ngoc-lien-2026-ke-hoach.yaml", PLANS / "bach-thong-2024-cong-van.yaml"]


def _leftover_cycles(work) -> int:
    """Objects in garbage cycles left by ``work()``, done with the collector off as on the command line."""
    work()  # the first time fills caches (prepared templates, parsed styles), which are meant to stay
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            work()
        return gc.collect()
    finally:
        if collecting:
            gc.enable()


def test_rendering_and_checking_leave_no_garbage_cycles():
    def work():
        for path in REFERENCE_PLANS:
            _plan, data, _warnings = render_file(path)
            check_docx(data)

    assert _leftover_cycles(work) == 0


def test_the_render_command_leaves_no_garbage_cycles(tmp_path):
    def work():
        main(["render", *map(str, REFERENCE_PLANS), "-o", str(tmp_path)])

    assert _leftover_cycles(work) == 0


def test_the_command_line_gives_the_collector_back_as_it_found_it(tmp_path):
    assert gc.isenabled()
    main(["render", str(REFERENCE_PLANS[0]), "-o", str(tmp_path)])
    assert gc.isenabled()
