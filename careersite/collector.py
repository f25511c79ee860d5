"""When Python's cycle collector runs during careersite's work: the whole policy in one place.

The collector walks every live object, again and again as a program allocates: with 10,000
postings loaded that was half the time of a rebuild, and walking the loaded site twice more as a
build ends (when the collector is enabled again, and at exit) cost 0.2 s of a 2 s rebuild. The
build's own process makes next to no reference cycles (reference counting frees the rest), so
there the collector rests while a build runs, and for good in a process that only builds; what
a process leaves at its end is frozen, not walked. The worker processes are the exception:
Markdown and the templates do make cycles, so workers collect now and then, and what they
inherit from the build's process is frozen before they start, neither walked there nor copied
page by page as a collection would touch it."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """No collection while a build runs (the state before is restored after)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pause_for_good() -> None:
    """A process whose whole life is one build: the collector never runs again."""
    gc.disable()


def skip_at_exit() -> None:
    """The process ends: its exit need not walk every object left for cycles."""
    gc.freeze()


def in_worker() -> None:
    """A worker process: collect now and then, not every 700 allocations."""
    gc.set_threshold(20_000, 10, 10)
    gc.enable()


def before_workers_start() -> None:
    """What the workers inherit is never collected there: no walking it, no copying its pages."""
    gc.freeze()


def after_workers_end() -> None:
    gc.unfreeze()
