"""Pausing Python's cycle collector while one document is made.

Loading, rendering and checking a document allocate hundreds of thousands of short-lived objects
(YAML nodes, validated models, lxml proxies) that reference counting frees at once. The cycle
collector would still walk the whole heap again and again while they are made, which costs more
the larger the document: paused, the time stays linear in its size. It is switched back on (when
it was on) as soon as the document is done, so nothing accumulates across documents.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cycle collector off, restoring its previous state afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
