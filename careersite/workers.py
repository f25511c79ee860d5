"""Running the per-posting work on every core: a process pool whose workers set up their state
(site config, theme, Markdown) once, then take tasks in chunks."""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 48  # below this many tasks, starting processes costs more than it saves
_state: dict = {}  # a worker's own state, made once by the initializer


def worker_state() -> dict:
    return _state


def _initialize(setup: Callable[..., dict], args: tuple) -> None:
    if multiprocessing.parent_process() is not None:  # a worker: rendering templates does make cycles
        gc.enable()
    _state.clear()
    _state.update(setup(*args))


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def iter_tasks(
    task: Callable[[T], R],
    items: Sequence[T] | Iterable[T],
    setup: Callable[..., dict],
    setup_args: tuple,
    jobs: int = 0,
    on_done: Callable[[], None] | None = None,
    count: int | None = None,
) -> Iterator[R]:
    """task(item) for every item, yielded in order as they finish. `setup(*setup_args)` gives the
    state `task` reads through worker_state(); small batches run in this process, large ones on
    `jobs` processes. `items` may be a generator: give `count`, and items are made as they are needed."""
    jobs = jobs or cores()
    count = len(items) if count is None else count  # type: ignore[arg-type]
    if on_done is not None and hasattr(on_done, "start"):
        on_done.start(count)
    if jobs <= 1 or count < MIN_PARALLEL:
        _initialize(setup, setup_args)
        yield from _each(map(task, items), on_done)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    gc.freeze()  # what the workers inherit is never collected there: no walking it, no copying its pages
    chunk = max(1, min(16, count // (jobs * 8)))  # small: the last chunks finish close together
    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method), initializer=_initialize, initargs=(setup, setup_args))
    try:
        yield from _each(_bounded_map(pool, task, items, chunk, window=jobs * 4), on_done)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()


def _run_chunk(task: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [task(item) for item in chunk]


def _bounded_map(pool: ProcessPoolExecutor, task: Callable[[T], R], items: Iterable[T], chunk: int, window: int) -> Iterator[R]:
    """Like pool.map, but with at most `window` chunks handed out at a time: Executor.map pickles
    every task up front, which for 10,000 pages held the whole site in memory twice."""
    source = iter(items)
    pending: deque = deque()

    def submit_next() -> None:
        batch = list(itertools.islice(source, chunk))
        if batch:
            pending.append(pool.submit(_run_chunk, task, batch))

    for _ in range(window):
        submit_next()
    while pending:
        results = pending.popleft().result()
        submit_next()
        yield from results


def _each(results: Iterable[R], on_done: Callable[[], None] | None) -> Iterator[R]:
    for result in results:
        if on_done:
            on_done()
        yield result
