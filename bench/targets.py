"""The performance targets ("Fast with search on"), judged from a run's medians.

Each target is a comparison computed from the figures of one run (never typed in), so the table
that run.py prints says met / not met for the machine and the run it comes from. A target whose
figures the run did not measure (a size not run, a generator left out with --only) says so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

GB = 10**9  # decimal: "1 GB" is 10^9 bytes (954 MiB), the stricter reading
MIB = 2**20

class Sample(Protocol):
    """What a target reads of a scenario's median (measure.Sample; kept a protocol so that this
    module, and its test, need no psutil)."""

    @property
    def wall(self) -> float: ...  # seconds

    @property
    def peak_rss(self) -> int: ...  # bytes, all processes


# (postings, generator, scenario) -> that scenario's median sample
Figures = dict[tuple[int, str, str], Sample]


@dataclass(frozen=True)
class Verdict:
    target: str
    size: int
    figure: str  # the measured value, with how it was computed
    limit: str
    met: bool | None  # None: not measured in this run


@dataclass(frozen=True)
class Target:
    """One target at one corpus size: the samples it needs, and the value it compares to a limit."""

    target: str
    size: int
    needs: tuple[tuple[str, str], ...]  # (generator, scenario) pairs
    value: Callable[[list[Sample]], float]
    describe: Callable[[list[Sample], float], str]
    limit: float
    limit_text: str
    strict: bool  # True: value < limit; False: value <= limit


def ratio_target(target: str, size: int, mine: tuple[str, str], theirs: tuple[str, str], limit: float, strict: bool) -> Target:
    """mine's wall time over theirs', against a limit."""
    return Target(
        target, size, (mine, theirs),
        lambda s: s[0].wall / s[1].wall,
        lambda s, v: f"{s[0].wall:.2f} s / {s[1].wall:.2f} s = {v:.2f}",
        limit, f"{'<' if strict else '≤'} {limit:g}", strict,
    )


def wall_target(target: str, size: int, mine: tuple[str, str], seconds: float) -> Target:
    return Target(target, size, (mine,), lambda s: s[0].wall, lambda s, v: f"{v:.2f} s", seconds, f"< {seconds:g} s", True)


def peak_target(target: str, size: int, mine: tuple[str, str], limit_bytes: float) -> Target:
    return Target(
        target, size, (mine,), lambda s: s[0].peak_rss,
        lambda s, v: f"{v / MIB:,.0f} MiB", limit_bytes, f"< {limit_bytes / GB:g} GB ({limit_bytes / MIB:,.0f} MiB)", True,
    )


SEARCH, NO_SEARCH, HUGO, HUGO_PAGEFIND = "careersite", "careersite-no-search", "hugo", "hugo+pagefind"

TARGETS = (
    wall_target("one posting edited (search on): wall", 10_000, (SEARCH, "warm-one-posting"), 3.0),
    peak_target("one posting edited (search on): peak memory, all processes", 10_000, (SEARCH, "warm-one-posting"), 1 * GB),
    ratio_target("one posting edited (search on) ÷ Hugo cold, wall", 1_000, (SEARCH, "warm-one-posting"), (HUGO, "cold"), 0.3, True),
    ratio_target("cold (search on) ÷ Hugo + Pagefind cold, wall", 1_000, (SEARCH, "cold"), (HUGO_PAGEFIND, "cold"), 1.0, False),
    ratio_target("cold (search on) ÷ Hugo + Pagefind cold, wall", 10_000, (SEARCH, "cold"), (HUGO_PAGEFIND, "cold"), 1.0, False),
    peak_target("cold (search on): peak memory, all processes", 10_000, (SEARCH, "cold"), 1.5 * GB),
    ratio_target("cold --no-search ÷ Hugo cold, wall", 1_000, (NO_SEARCH, "cold"), (HUGO, "cold"), 2.0, False),
    ratio_target("cold --no-search ÷ Hugo cold, wall", 10_000, (NO_SEARCH, "cold"), (HUGO, "cold"), 1.5, False),
)


def judge(target: Target, figures: Figures) -> Verdict:
    samples = [figures.get((target.size, generator, scenario)) for generator, scenario in target.needs]
    if any(s is None for s in samples):
        missing = ", ".join(f"{g} {s}" for (g, s), sample in zip(target.needs, samples) if sample is None)
        return Verdict(target.target, target.size, f"not measured ({missing})", target.limit_text, None)
    found = [s for s in samples if s is not None]
    value = target.value(found)
    met = value < target.limit if target.strict else value <= target.limit
    return Verdict(target.target, target.size, target.describe(found, value), target.limit_text, met)


def verdicts(figures: Figures, sizes: list[int] | None = None) -> list[Verdict]:
    """Every target at the sizes given (default: the sizes the figures hold)."""
    wanted = set(sizes) if sizes is not None else {size for size, _, _ in figures}
    return [judge(t, figures) for t in TARGETS if t.size in wanted]


def verdict_table(found: list[Verdict]) -> str:
    rows = ["| target | postings | measured | limit | met? |", "|---|---|---|---|---|"]
    for v in found:
        met = "not measured" if v.met is None else ("**met**" if v.met else "**not met**")
        rows.append(f"| {v.target} | {v.size:,} | {v.figure} | {v.limit} | {met} |")
    return "\n".join(rows)
