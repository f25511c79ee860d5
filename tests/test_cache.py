"""cache: what a build stores is what the next one loads; anything unreadable costs a cold build, never a wrong one."""

from __future__ import annotations

from pathlib import Path

from careersite.cache import BuildCache
from careersite.fingerprint import digest


def test_digest_keeps_the_parts_apart():
    assert digest("ab", "c") != digest("a", "bc") != digest("abc")
    assert digest("é") == digest("é".encode("utf-8"))


def test_a_derived_result_is_kept_across_builds_while_it_is_used(tmp_path):
    folder = tmp_path / ".careersite-cache"
    first = BuildCache.open(folder)
    assert first.derive("k1", lambda: ["index"]) == ["index"]
    first.derive("k2", lambda: "image")
    first.save()
    assert (folder / ".gitignore").read_text() == "*\n"

    second = BuildCache.open(folder)
    assert second.derive("k1", lambda: ["made again"]) == ["index"]  # k2 is not asked for by this build
    second.save()
    third = BuildCache.open(folder)
    assert third.derive("k2", lambda: "made again") == "made again"  # dropped: the last build did not use it


def test_an_unchanged_rebuild_writes_nothing(tmp_path):
    folder = tmp_path / "cache"
    cache = BuildCache.open(folder)
    cache.derive("k", lambda: 1)
    cache.save()
    state = folder / "state.pickle"
    before = state.stat().st_mtime_ns
    again = BuildCache.open(folder)
    again.derive("k", lambda: 2)
    again.save()
    assert state.stat().st_mtime_ns == before


def test_a_damaged_or_missing_cache_is_a_cold_one(tmp_path):
    folder = tmp_path / "cache"
    cache = BuildCache.open(folder)
    cache.derive("k", lambda: 1)
    cache.save()
    (folder / "state.pickle").write_bytes(b"not a pickle")
    assert BuildCache.open(folder).derive("k", lambda: "cold") == "cold"
    assert BuildCache.open(tmp_path / "nothing").derive("k", lambda: "cold") == "cold"


def test_reset_forgets_everything_and_the_next_save_replaces_the_disk(tmp_path):
    folder = tmp_path / "cache"
    cache = BuildCache.open(folder)
    cache.derive("k", lambda: 1)
    cache.save()
    again = BuildCache.open(folder)
    again.reset()
    again.derive("other", lambda: 2)
    again.save()
    assert BuildCache.open(folder).derive("k", lambda: "cold") == "cold"


def test_without_a_folder_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cache = BuildCache.open(None)
    cache.derive("k", lambda: 1)
    cache.save()
    assert list(Path(tmp_path).iterdir()) == []
