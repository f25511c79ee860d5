"""Running the per-posting work on every core: a process pool whose workers set up their state
(site config, theme, Markdown) once, then take tasks in chunks."""

from __future__ import annotations

import itertools
import os
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence, TypeVar

from . import collector

if TYPE_CHECKING:  # multiprocessing is imported when a pool is first started (see Workers._started)
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 48  # below this many tasks, starting processes costs more than it saves
_state: dict = {}  # a worker's own state, made once by the initializer


def worker_state() -> dict:
    return _state


def _initialize(setup: Callable[..., dict], args: tuple) -> None:
    import multiprocessing

    if multiprocessing.parent_process() is not None:
        collector.in_worker()
    _state.clear()
    _state.update(setup(*args))


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Workers:
    """Worker processes for all the stages of a build (parsing, then rendering), started on first
    use: in a cold build that is before this process has loaded the site, so the workers' memory
    is their own and not a copy of it. `setup(*setup_args)` gives each process's state: a task
    is handed its part of it (see map) or reads it through worker_state(). Small batches run in
    this process instead."""

    def __init__(self, setup: Callable[..., dict], setup_args: tuple, jobs: int = 0):
        self.setup, self.setup_args, self.jobs = setup, setup_args, jobs or cores()
        self._pool: ProcessPoolExecutor | None = None
        self._here = False  # the state is set up in this process

    def start_with(self, *site_args: object) -> None:
        """Arguments of the setup that only the site's loading knows (its config and theme: see
        site_sources.load_site); they come before setup_args. Given before the first map."""
        assert self._pool is None and not self._here, "the workers' state is already made"
        self.setup_args = (*site_args, *self.setup_args)

    def map(self, task: Callable[..., R], items: Sequence[T] | Iterable[T], on_done: Callable[[], None] | None = None,
            count: int | None = None, given: str | None = None) -> Iterator[R]:
        """task(item) for every item, yielded in order as they finish; with `given`, task(state,
        item), `state` being that part of the worker's state (a renderer: the task is handed its
        settings instead of reading them). `items` may be a generator: give `count`, and items are
        made as they are needed."""
        count = len(items) if count is None else count  # type: ignore[arg-type]
        if on_done is not None and hasattr(on_done, "start"):
            on_done.start(count)
        if self.jobs <= 1 or count < MIN_PARALLEL:
            if not self._here:
                _initialize(self.setup, self.setup_args)
                self._here = True
            return _each(_run_each(task, items, given), on_done)
        chunk = max(1, min(16, count // (self.jobs * 8)))  # small: the last chunks finish close together
        return _each(_bounded_map(self._started(), task, items, chunk, self.jobs * 4, given), on_done)

    def _started(self) -> ProcessPoolExecutor:
        """The pool, started on first use. multiprocessing is imported here: a build that finds
        nothing changed, or has too little to share out, never loads it."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
            collector.before_workers_start()
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context(method),
                                             initializer=_initialize, initargs=(self.setup, self.setup_args))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            collector.after_workers_end()

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def iter_tasks(
    task: Callable[[T], R],
    items: Sequence[T] | Iterable[T],
    setup: Callable[..., dict],
    setup_args: tuple,
    jobs: int = 0,
    on_done: Callable[[], None] | None = None,
    count: int | None = None,
) -> Iterator[R]:
    """task(item) for every item on workers of their own (see Workers.map)."""
    with Workers(setup, setup_args, jobs) as workers:
        yield from workers.map(task, items, on_done, count)


def _run_each(task: Callable[..., R], items: Iterable[T], given: str | None) -> Iterator[R]:
    if given is None:
        return map(task, items)
    state = _state[given]
    return (task(state, item) for item in items)


def _run_chunk(task: Callable[..., R], chunk: list[T], given: str | None) -> list[R]:
    return list(_run_each(task, chunk, given))


def _bounded_map(pool: ProcessPoolExecutor, task: Callable[..., R], items: Iterable[T], chunk: int, window: int,
                 given: str | None) -> Iterator[R]:
    """Like pool.map, but with at most `window` chunks handed out at a time: Executor.map pickles
    every task up front, which for 10,000 pages held the whole site in memory twice."""
    source = iter(items)
    pending: deque = deque()

    def submit_next() -> None:
        batch = list(itertools.islice(source, chunk))
        if batch:
            pending.append(pool.submit(_run_chunk, task, batch, given))

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
