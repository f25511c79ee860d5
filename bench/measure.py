"""Running one command and measuring it: wall time, CPU time and peak memory of its process tree.

CPU time and the largest single process's peak RSS come from os.wait4, which is exact and counts
every descendant the command waited for (a process pool's workers included). A pool's processes
are alive together, so the tree's peak can exceed any one process's: a sampler thread adds up the
RSS of the live tree through psutil every SAMPLE_SECONDS, and the peak reported is the larger of
the two. The sum counts pages shared after fork once per process, so it errs high, and it can miss
spikes shorter than the interval.

Pagefind is counted too. careersite runs the Pagefind binary with subprocess.run from its own
process, so Pagefind is a child in the tree while it indexes: the sampler's psutil walk
(children(recursive=True), which follows parent pids) adds its RSS to careersite's and its
workers', and because subprocess.run waits for it, its CPU time is in wait4's rusage. A scenario of
several commands in turn (Hugo, then Pagefind over Hugo's output) is measured by run_steps: the
steps' wall and CPU times added, and the largest of their peaks, as they never run at once."""

from __future__ import annotations

import os
import resource
import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05  # scanning /proc for the tree costs a few ms; this keeps it to a few %


class RunError(Exception):
    """The benchmark cannot go on (a command failed or warned, or a site cannot be edited as a
    scenario needs); the message says which, with the end of the command's output."""


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its waited-for descendants
    peak_rss: int  # bytes


def median_sample(samples: list[Sample]) -> Sample:
    """Each metric's own median, so one slow outlier run moves none of them."""
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        int(statistics.median(s.peak_rss for s in samples)),
    )


def tree_rss(pid: int) -> int:
    """Summed RSS of a process and its descendants now; 0 once it is gone."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:  # exited between the listing and the reading
            pass
    return total


class TreeSampler(threading.Thread):
    """Polls a process tree's RSS until stopped; the main thread blocks in wait4 meanwhile."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.done.wait(SAMPLE_SECONDS)


def run_measured(argv: list[str], env: dict[str, str], logs: Path) -> Sample:
    """Run argv to completion with output to logs/stdout.txt and logs/stderr.txt; raise RunError
    unless it exits 0. posix_spawn plus wait4 (not subprocess) so the rusage is this child's alone."""
    logs.mkdir(parents=True, exist_ok=True)
    out, err = logs / "stdout.txt", logs / "stderr.txt"
    write = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(out), write, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, str(err), write, 0o644),
    ]
    started = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    sampler = TreeSampler(pid)
    sampler.start()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        tail = err.read_text(errors="replace")[-3000:] or out.read_text(errors="replace")[-3000:]
        raise RunError(f"{' '.join(argv)}\nexited with status {code}; its output ends:\n{tail}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss * 1024, sampler.peak))


def run_steps(steps: list[list[str]], env: dict[str, str], logs: Path) -> Sample:
    """Run commands one after the other as one scenario: wall and CPU times summed, peak memory
    the largest step's (each step's tree is measured alone; they never overlap). One step's logs
    go to logs/, several steps' to logs/1-<command>/, logs/2-<command>/ and so on."""
    if len(steps) == 1:
        return run_measured(steps[0], env, logs)
    samples = [run_measured(argv, env, logs / f"{n}-{Path(argv[0]).name}") for n, argv in enumerate(steps, 1)]
    return Sample(sum(s.wall for s in samples), sum(s.cpu for s in samples), max(s.peak_rss for s in samples))


@dataclass(frozen=True)
class CpuClock:
    """The machine's busy CPU time next to this process's own (itself and every child it reaped).
    On a shared machine the difference over a run is what other processes took from it."""

    machine: float
    ours: float
    at: float

    @classmethod
    def now(cls) -> CpuClock:
        t = psutil.cpu_times()
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        busy = t.user + t.nice + t.system + getattr(t, "irq", 0.0) + getattr(t, "softirq", 0.0)
        return cls(busy, own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime, time.monotonic())


def background_load(start: CpuClock, end: CpuClock) -> str:
    """How busy other processes kept the machine between two clocks: timings are only as good as
    this is small."""
    others = max(0.0, (end.machine - start.machine) - (end.ours - start.ours))
    share = others / ((end.at - start.at) * (os.cpu_count() or 1))
    return f"other processes used {others:.0f} CPU s during the run, {share:.0%} of the machine's capacity"
