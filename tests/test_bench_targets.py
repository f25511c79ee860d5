"""The benchmark's target table (bench/targets.py): met / not met computed from given figures, no timing."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def targets():
    sys.path.insert(0, str(BENCH))
    try:
        import targets as module

        yield module
    finally:
        sys.path.remove(str(BENCH))
        sys.modules.pop("targets", None)


@dataclass(frozen=True)
class Figure:
    wall: float
    peak_rss: int


MIB = 2**20


def figures_1000(one_posting: float, hugo: float, cold: float, hugo_pagefind: float, no_search: float):
    return {
        (1000, "careersite", "warm-one-posting"): Figure(one_posting, 50 * MIB),
        (1000, "careersite", "cold"): Figure(cold, 150 * MIB),
        (1000, "careersite-no-search", "cold"): Figure(no_search, 140 * MIB),
        (1000, "hugo", "cold"): Figure(hugo, 340 * MIB),
        (1000, "hugo+pagefind", "cold"): Figure(hugo_pagefind, 340 * MIB),
    }


def by_target(verdicts):
    return {v.target: v for v in verdicts}


def test_targets_at_1000_met_when_figures_are_within_limits(targets):
    found = by_target(targets.verdicts(figures_1000(one_posting=0.5, hugo=2.0, cold=3.0, hugo_pagefind=3.5, no_search=3.9)))
    assert [v.met for v in found.values()] == [True, True, True]
    assert found["one posting edited (search on) ÷ Hugo cold, wall"].figure == "0.50 s / 2.00 s = 0.25"


def test_targets_at_1000_not_met_when_figures_exceed_limits(targets):
    found = by_target(targets.verdicts(figures_1000(one_posting=0.6, hugo=2.0, cold=3.6, hugo_pagefind=3.5, no_search=4.1)))
    assert [v.met for v in found.values()] == [False, False, False]
    assert found["cold --no-search ÷ Hugo cold, wall"].figure == "4.10 s / 2.00 s = 2.05"


def test_strict_limit_is_not_met_on_equality_and_no_slower_is(targets):
    # one posting must be under 0.3 x Hugo; cold with search may equal Hugo + Pagefind
    found = by_target(targets.verdicts(figures_1000(one_posting=0.6, hugo=2.0, cold=3.5, hugo_pagefind=3.5, no_search=4.0)))
    assert found["one posting edited (search on) ÷ Hugo cold, wall"].met is False
    assert found["cold (search on) ÷ Hugo + Pagefind cold, wall"].met is True
    assert found["cold --no-search ÷ Hugo cold, wall"].met is True


def test_memory_targets_at_10000_use_decimal_gigabytes(targets):
    figures = {
        (10000, "careersite", "warm-one-posting"): Figure(2.9, 10**9 - 1),
        (10000, "careersite", "cold"): Figure(40.0, int(1.5 * 10**9)),
    }
    found = targets.verdicts(figures)
    memory = {v.target: v.met for v in found if "memory" in v.target}
    assert memory == {"one posting edited (search on): peak memory, all processes": True,
                      "cold (search on): peak memory, all processes": False}
    wall = next(v for v in found if v.target == "one posting edited (search on): wall")
    assert (wall.met, wall.figure) == (True, "2.90 s")


def test_target_without_its_figures_says_not_measured(targets):
    figures = {(10000, "careersite", "cold"): Figure(40.0, MIB)}
    found = by_target(targets.verdicts(figures))
    missing = found["cold (search on) ÷ Hugo + Pagefind cold, wall"]
    assert missing.met is None and "hugo+pagefind cold" in missing.figure
    assert "not measured" in targets.verdict_table(list(found.values()))


def test_only_the_sizes_asked_for_are_judged(targets):
    assert {v.size for v in targets.verdicts({}, [1000])} == {1000}
    assert targets.verdicts({}, [100]) == []
