"""Which search shard holds each open posting, and where each shard's Pagefind bundle is published.

The search index is split so that an edit re-runs Pagefind over one shard, not over every posting.
Both the number of shards and each posting's shard are pure functions (of the number of open
postings, and of the posting's URL): a cold build and any run of incremental builds agree byte for
byte, and a posting stays in its shard while other postings come and go (until the count doubles)."""

from __future__ import annotations

import hashlib

# Measured (Pagefind 1.5 on postings from bench/make_corpus.py): Pagefind takes ~20 ms plus ~4 ms of
# CPU a posting, and whatever a shard's size, a word costs the browser one index chunk of ~21 KB in
# every shard it merges. So shards hold at most SHARD_SIZE postings (an edit re-indexes ~32 postings:
# ~0.15 s) until there are MAX_SHARDS of them; past that the shards grow instead (10,000 postings:
# 64 shards of ~156, ~0.6 s an edit), so that a search never merges more than MAX_SHARDS bundles.
SHARD_SIZE = 32
MAX_SHARDS = 64

BUNDLE = "pagefind"  # the primary bundle (the only one with pagefind.js and the wasm): /pagefind/


def shard_count(postings: int, size: int | None = None) -> int:
    """The smallest power of two that keeps the shards at or under `size` (SHARD_SIZE) postings on
    average, and at most MAX_SHARDS."""
    size = size or SHARD_SIZE
    count = 1
    while count * size < postings and count < MAX_SHARDS:
        count *= 2
    return count


def shard_of(url: str, count: int) -> int:
    """The shard of the posting at `url`: a stable hash (never Python's hash(), which is salted per process).
    With a power-of-two count, doubling it splits each shard in two and moves no posting elsewhere."""
    return int.from_bytes(hashlib.sha256(url.encode("utf-8")).digest()[:8], "big") % count


def bundle_folder(prefix: str = "") -> str:
    """Where a language's primary bundle goes: pagefind/ for the default language, de/pagefind/ for
    German (a site in several languages has an index per language, each with its own stemming)."""
    return f"{prefix.strip('/')}/{BUNDLE}" if prefix.strip("/") else BUNDLE


def shards(urls: list[str], size: int | None = None, bundle: str = BUNDLE) -> dict[str, list[str]]:
    """The open postings' URLs by the output folder of their shard's bundle, primary first: the
    lowest non-empty shard is the primary, pagefind/; each other non-empty shard n is pagefind/<n>.
    (Pagefind cannot index nothing, and a small site may leave a shard empty.) `bundle`: the
    primary's folder (bundle_folder)."""
    count = shard_count(len(urls), size)
    grouped: dict[int, list[str]] = {}
    for url in sorted(urls):
        grouped.setdefault(shard_of(url, count), []).append(url)
    numbers = sorted(grouped)
    return {(bundle if shard == numbers[0] else f"{bundle}/{shard}"): grouped[shard] for shard in numbers}


def merged_bundles(urls: list[str], size: int | None = None, bundle: str = BUNDLE) -> tuple[str, ...]:
    """The site paths of the bundles the listing merges into the primary: /pagefind/1/, /pagefind/2/, ..."""
    return tuple(f"/{folder}/" for folder in list(shards(urls, size, bundle))[1:])
