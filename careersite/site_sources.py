"""load_site(): everything a site is made from, read once, for build and check alike.

careersite.toml, the theme, every posting parsed and its body rendered to HTML, the free pages and
the static files; the problems of all of them are collected at once. What a command then does
with the site is its own: the build plans and writes it (build.py), check lints it (check.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .assets import read_static
from .cache import BuildCache
from .config import Company, Defaults, SiteConfig, load_config
from .content import load_postings, read_pages
from .parsed_posting import ParsedPosting
from .problems import Problems
from .site import Page
from .theme import Theme, load_theme
from .workers import Workers


@dataclass(frozen=True)
class SiteSources:
    config: SiteConfig | None  # None: careersite.toml has problems (they are in the problems given)
    theme: Theme | None  # None with the config
    postings: list[ParsedPosting]  # the valid ones; the others' problems are in the problems given
    pages: list[Page]
    static: dict[str, bytes]  # static/ as read_static reads it


def load_site(source: Path, problems: Problems, *, base_url: str | None = None, cache: BuildCache | None = None,
              workers: Workers | None = None, keep_body: bool = False,
              on_done: Callable[[], None] | None = None) -> SiteSources:
    """The site in `source`, every problem added to `problems`. A config with problems does not
    stop the reading: the postings are checked against a stand-in, so one run reports them all.

    `base_url` overrides the config's; `cache`: postings unchanged since the last build come from
    it; `workers`: where postings are parsed (their setup is given the config and theme read
    here), else in this process; `keep_body`: each posting keeps its Markdown body beside the
    HTML (check lints the text); `on_done` is called as each posting is parsed (progress)."""
    config = load_config(source, problems, base_url=base_url)
    if config is None:
        postings = load_postings(source, placeholder_config(), problems, BuildCache(None),
                                 workers.jobs if workers else 1, keep_body=keep_body)
        return SiteSources(None, None, postings, read_pages(source, problems), {})
    theme = load_theme(source, config.theme)
    if workers is not None:
        workers.start_with(config, theme)
    postings = load_postings(source, config, problems, cache or BuildCache(None), 1, on_done, keep_body, workers)
    # about.de.md: the German /de/about/; about.en.md: the default language's /about/
    return SiteSources(config, theme, postings, read_pages(source, problems, config.file_languages, config.language), read_static(source))


def placeholder_config() -> SiteConfig:
    """Stands in for a careersite.toml that has problems, so postings can be checked meanwhile."""
    return SiteConfig(title="", base_url="https://invalid.example", company=Company(""),
                      defaults=Defaults(apply_url="https://invalid.example/apply"))
