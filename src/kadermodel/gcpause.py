"""A context manager that pauses Python's cyclic garbage collector during bulk building."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def pause_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a large syntax tree, model or plan.

    Parsing and compiling allocate hundreds of thousands of objects that all stay alive; the
    collector would scan them again and again for nothing (it doubles the time for big
    kaders). Garbage made meanwhile is collected once the collector runs again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
