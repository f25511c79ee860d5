"""A build's dealings with the builds before it: the stamp that can say nothing changed (see
uptodate.py), the build cache opened, saved, and started again from scratch when it turns out
corrupt, so that the build proper (build._build) only reads, plans and writes."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TypeVar

from . import uptodate
from .cache import CACHE_DIR, BuildCache, CacheCorrupt
from .config import CONFIG_NAME, card_font_files
from .fsclock import filesystem_now_ns
from .messages import LOCALES, SITE_LOCALES
from .output import MARKER
from .theme import BUILTIN_THEMES

T = TypeVar("T")


@dataclass(frozen=True)
class LastBuild:
    """What is known of the last build into `output` as this one begins."""

    source: Path
    output: Path
    cached: bool  # the cache is kept in the source folder
    stamps: Path | None  # where stamps are, for a build that trusts and leaves one
    read_at: int | None  # the file system's time as this build began: files are read after it
    facts: str | None  # a hash of everything the build reads; None: not to be trusted

    @classmethod
    def look(cls, source: Path, output: Path, options: str, cached: bool, stamped: bool) -> "LastBuild":
        """`options`: all that the output depends on besides the files the build reads (see
        input_roots); `stamped`: whether this build trusts and leaves a stamp (serve's quick
        rebuilds, with the last search index standing in, do neither)."""
        read_at = filesystem_now_ns(source / CACHE_DIR) if cached else None
        stamps = source / CACHE_DIR if cached and stamped else None
        facts = uptodate.input_facts(source, input_roots(source), options, read_at) if stamps is not None and read_at is not None else None
        return cls(source, output, cached, stamps, read_at, facts)

    def result_if_current(self, now: dt.datetime) -> dict | None:
        """The last build's summary, if its output is still what this build would make at `now`."""
        return uptodate.check(self.stamps, self.output, self.facts, now) if self.facts is not None else None

    def rebuild(self, cache: BuildCache | None, build_once: Callable[[BuildCache], T], on_reset: Callable[[], None]) -> tuple[T, BuildCache]:
        """build_once(cache), with `cache` or the one in the source folder (then saved after). A
        cache found corrupt meanwhile is forgotten (and `on_reset` called) and the build run again."""
        if self.stamps is not None:
            uptodate.forget(self.stamps, self.output)
        keep = cache is None
        if cache is None:
            cache = BuildCache.open(self.source / CACHE_DIR if self.cached else None)
            if (self.output / MARKER).is_file():  # the output kept with the cache (see adopt_restored)
                cache.adopt_restored(self.output)
        cache.read_at = self.read_at or 0  # 0: no file's time is trusted next time
        try:
            result = build_once(cache)
        except CacheCorrupt:
            cache.reset()
            on_reset()
            result = build_once(cache)
        if keep:
            cache.save()
        return result, cache

    def stamp(self, cache: BuildCache, steady: tuple[dt.datetime | None, dt.datetime | None], summary: dict) -> None:
        """After a complete build: the stamp that lets the next one see that nothing changed."""
        if self.facts is None:
            return
        files = {name: (entry.size, entry.mtime_ns) for name, entry in cache.outputs[str(self.output.resolve())].items()}
        marker = os.lstat(self.output / MARKER)
        files[MARKER] = (marker.st_size, marker.st_mtime_ns)
        uptodate.record(self.stamps, self.output, self.facts, steady, files, summary)


def input_roots(source: Path) -> list[Path]:
    """Every file and folder a build reads (careersite's code and libraries aside)."""
    return [source / CONFIG_NAME, source / "content", source / "static", source / "themes", BUILTIN_THEMES,
            source / SITE_LOCALES, LOCALES,  # the theme's words: the site's catalogs and careersite's
            *card_font_files(source)]  # the share cards' fonts, wherever in the site they are
