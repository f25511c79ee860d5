"""workers: the per-posting work on every core, in order, counted, with each worker's state set up once."""

from __future__ import annotations

import os

import pytest

from careersite.workers import MIN_PARALLEL, Workers, cores, iter_tasks, worker_state


def _setup(factor: int) -> dict:
    return {"factor": factor, "pid": os.getpid()}


def _times_factor(item: int) -> tuple[int, int]:
    state = worker_state()
    return item * state["factor"], state["pid"]


class Counter:
    """An on_done callback with the progress bar's `start(count)`."""

    def __init__(self) -> None:
        self.started, self.done = None, 0

    def start(self, count: int) -> None:
        self.started = count

    def __call__(self) -> None:
        self.done += 1


def test_cores_is_at_least_one():
    assert cores() >= 1


@pytest.mark.parametrize("count", [3, MIN_PARALLEL * 2])
def test_results_come_in_the_order_given_and_every_one_is_counted(count):
    counter = Counter()
    results = list(iter_tasks(_times_factor, range(count), _setup, (3,), jobs=2, on_done=counter))
    assert [value for value, _ in results] == [3 * i for i in range(count)]
    assert counter.started == count and counter.done == count


def test_a_small_batch_runs_here_and_a_large_one_on_worker_processes():
    with Workers(_setup, (1,), jobs=2) as workers:
        small = {pid for _, pid in workers.map(_times_factor, list(range(MIN_PARALLEL - 1)))}
        large = {pid for _, pid in workers.map(_times_factor, list(range(MIN_PARALLEL * 4)))}
    assert small == {os.getpid()}
    assert os.getpid() not in large


def test_items_may_be_a_generator_with_a_count():
    made = []

    def items():
        for i in range(MIN_PARALLEL * 2):
            made.append(i)
            yield i

    results = iter_tasks(_times_factor, items(), _setup, (2,), jobs=2, count=MIN_PARALLEL * 2)
    first = next(results)
    assert first[0] == 0 and len(made) < MIN_PARALLEL * 2  # made as needed, not all up front
    assert [value for value, _ in results] == [2 * i for i in range(1, MIN_PARALLEL * 2)]


def test_one_job_runs_everything_here():
    assert {pid for _, pid in iter_tasks(_times_factor, list(range(MIN_PARALLEL * 2)), _setup, (1,), jobs=1)} == {os.getpid()}
