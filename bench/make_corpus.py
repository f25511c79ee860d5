"""Write N realistic job postings as three equivalent sites (careersite, Hugo, Pelican) under DIR.

    python bench/make_corpus.py N DIR [--seed S]

The same N and seed always give byte-identical files, so benchmark runs are comparable."""

from __future__ import annotations

import argparse
from pathlib import Path

from corpus_postings import GeneratedPosting, generate_posting
from site_files import write_careersite_site, write_hugo_site, write_pelican_site

DEFAULT_SEED = 2026
SITES = {"careersite": write_careersite_site, "hugo": write_hugo_site, "pelican": write_pelican_site}


def write_corpus(count: int, folder: Path, seed: int = DEFAULT_SEED) -> list[GeneratedPosting]:
    """Generate the postings once and write them as each generator's site under folder/<name>/."""
    postings = [generate_posting(index, seed) for index in range(count)]
    for name, write_site in SITES.items():
        write_site(folder / name, postings)
    return postings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, metavar="N", help="how many postings to write")
    parser.add_argument("folder", type=Path, metavar="DIR", help="where to write careersite/, hugo/ and pelican/")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("N must be at least 1")
    postings = write_corpus(args.count, args.folder, args.seed)
    body_bytes = sum(len(p.body.encode()) for p in postings)
    print(f"Wrote {len(postings)} postings ({body_bytes / 1024:,.0f} KB of Markdown bodies) "
          f"to {args.folder}/careersite, {args.folder}/hugo and {args.folder}/pelican")


if __name__ == "__main__":
    main()
