"""build(): the whole build as a short story: config, content, site, planned files (one planner per
output family: plan_site), written output. What a build owes the builds before it (the stamp that
says nothing changed, the cache) is incremental.py's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import time
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import collector
from .assets import plan_assets
from .branding import logo, plan_branding
from .cache import CACHE_DIR, BuildCache
from .fingerprint import code_fingerprint, digest, pagefind_candidates
from .parsed_posting import ParsedPosting
from .config import SiteConfig
from .content import parse_setup
from .feeds import plan_feeds
from .incremental import LastBuild
from .job_feeds import plan_job_feeds
from .json_feed import plan_json_feed
from .listings import cards as listing_cards, plan_listings
from .output import check_output_folder, output_lock, render_to_file, write_site
from .pages import plan_pages, plan_posting_pages
from .plural import counted
from .posting import Posting
from .problems import ContentError, Problems
from .progress import Progress
from .render import RENDERER, PageFrame, Planned, PlanMemo, render_setup
from .search import plan_search
from .site import DRAFT, EXPIRED, SCHEDULED, NextChange, Site, language_links, language_views, make_site, next_change, steady_span
from .site_sources import load_site
from .theme import Theme, template_problem, template_syntax_problems
from .workers import Workers


@dataclass(frozen=True)
class BuildOptions:
    source: Path
    output: Path
    drafts: bool = False
    base_url: str | None = None
    now: dt.datetime | None = None  # the build date; defaults to SOURCE_DATE_EPOCH or the clock
    cache: bool = True  # keep .careersite-cache/ in the source folder for fast rebuilds
    jobs: int = 0  # worker processes; 0: one per core
    search: bool = True  # build the Pagefind full-text search index
    reuse_search: bool = False  # keep the last search index even if postings changed (serve's quick rebuild)


@dataclass(frozen=True)
class BuildResult:
    published: int
    skipped: dict[str, int]
    files: int
    changed: int
    seconds: float
    output: Path
    up_to_date: bool = False  # nothing read had changed since the last build: nothing was done
    next_change: NextChange | None = None  # the next posting to open or close after the build date

    def summary(self) -> str:
        # 'expired' and 'scheduled' describe postings; 'draft' counts them
        skipped = ", ".join((counted(n, k) if k == DRAFT else f"{n} {k}")
                            for k in (DRAFT, EXPIRED, SCHEDULED) for n in [self.skipped.get(k, 0)])
        done = "nothing changed since the last build" if self.up_to_date else f"{self.changed} changed"
        return (
            f"Published {counted(self.published, 'posting')} "
            f"(skipped {skipped}); {counted(self.files, 'file')}, {done}, in {self.output} in {self.seconds:.2f}s"
        )

    def record(self) -> dict:
        """What the stamp keeps of the result, for a build that finds nothing changed to say."""
        return {"published": self.published, "skipped": self.skipped, "files": self.files,
                "next_change": self.next_change.record() if self.next_change else None}

    @classmethod
    def from_record(cls, record: dict, now: dt.datetime, output: Path, seconds: float) -> "BuildResult":
        """The result of a build that found its output up to date (see record)."""
        return cls(**{**record, "next_change": NextChange.from_record(record.get("next_change"), now)},
                   changed=0, seconds=seconds, output=output, up_to_date=True)


def build_date(now: dt.datetime | None = None) -> dt.datetime:
    """The moment postings are judged open or expired: given, SOURCE_DATE_EPOCH, or the clock."""
    if now is not None:
        return now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def build(options: BuildOptions, progress: Progress | None = None, cache: BuildCache | None = None,
          memo: PlanMemo | None = None) -> BuildResult:
    """Build the site; raises ContentError with every problem found, leaving the output untouched.
    A caller that builds again and again (serve) passes its own `cache` (and saves it itself) and
    `memo` (what one plan leaves for the next)."""
    started = time.perf_counter()
    progress = progress or Progress(enabled=False)
    memo = memo if memo is not None else PlanMemo()
    now = build_date(options.now)
    with collector.paused(), output_lock(options.output):
        last = LastBuild.look(options.source, options.output, _options_key(options),
                              cached=options.cache, stamped=cache is None and not options.reuse_search)
        done = last.result_if_current(now)
        if done is not None:
            return BuildResult.from_record(done, now, options.output, time.perf_counter() - started)
        (result, postings), cache = last.rebuild(cache, lambda cache: _build(options, progress, cache, memo, now), memo.clear)
        last.stamp(cache, steady_span(postings, now), result.record())
    return dataclasses.replace(result, seconds=time.perf_counter() - started)


def _options_key(options: BuildOptions) -> str:
    """The options that shape the output, and where the search binary would come from."""
    search = pagefind_candidates() if options.search else None
    return repr((str(options.output.resolve()), options.drafts, options.base_url, options.search, search))


def _build(options: BuildOptions, progress: Progress, cache: BuildCache, memo: PlanMemo,
           now: dt.datetime) -> tuple[BuildResult, list[Posting]]:
    """The build proper: read the site (every problem at once), make the site model (what is open,
    closed, grouped), plan every output file, write those that changed. Also gives the postings
    it read (their dates bound the stamp's span)."""
    source, output = options.source, options.output
    check_output_folder(source, output)
    problems = Problems()
    compiled = source / CACHE_DIR / "templates" if options.cache else None
    with Workers(_worker_setup, (source, compiled), options.jobs) as workers:
        with progress.stage("Reading postings") as tick:
            loaded = load_site(source, problems, base_url=options.base_url, cache=cache, workers=workers, on_done=tick)
        config, theme, parsed = loaded.config, loaded.theme, loaded.postings
        if config is not None and theme is not None:
            # compiled once per theme version: the templates' syntax does not change between builds
            problems.items.extend(cache.derive(digest("templates", code_fingerprint(), theme.fingerprint, str(source.resolve())),
                                               lambda: template_syntax_problems(theme, config, source, compiled)))
        problems.raise_if_any()
        assert config is not None and theme is not None  # a config with problems has raised above

        site = make_site(config, [p.posting for p in parsed], loaded.pages, now, options.drafts, theme.catalogs)
        try:
            planned = plan_site(site, {p.posting.slug: p for p in parsed}, theme, loaded.static, code_fingerprint(),
                                search=options.search, cache=cache, memo=memo, reuse_search=options.reuse_search)
            with progress.stage("Writing pages") as tick:
                written, changed = write_site(planned, output, cache.outputs.get(str(output.resolve()), {}),
                                              lambda tasks, count: workers.map(render_to_file, tasks, tick, count, given=RENDERER))
        except jinja2.TemplateError as err:  # loading a template in this process
            raise ContentError([template_problem(err, source)]) from None
    cache.set_output(str(output.resolve()), written)
    result = BuildResult(published=len(site.open), skipped=site.skipped, files=len(planned), changed=changed, seconds=0.0,
                         output=output, next_change=next_change([p.posting for p in parsed], now))
    return result, [p.posting for p in parsed]


def plan_site(site: Site, parsed: dict[str, ParsedPosting], theme: Theme, static_files: dict[str, bytes], code: str,
              search: bool = True, cache: BuildCache | None = None, memo: PlanMemo | None = None,
              reuse_search: bool = False) -> list[Planned]:
    """Every file of the site, family by family. `parsed` maps a posting's slug to its parsed form
    (HTML, summary); `code` (careersite's fingerprint) is in the keys of what careersite makes;
    `search`: also the full-text search index (Pagefind). Whole-site results (search index,
    branding, free pages' HTML) come from `cache` while their inputs are unchanged; `memo` holds
    what the last plan in this process left (see PlanMemo), `reuse_search` lets the last search
    index stand in even if postings changed (serve refreshes it after). A site in several languages
    (languages.py) has its listings, posting pages, feeds and search index planned once per language,
    each page knowing its versions in the others (`links`)."""
    cache = cache or BuildCache(None)
    memo = memo if memo is not None else PlanMemo()
    brand_files, brand = plan_branding(site.config, cache, code)
    views = language_views(site)  # one per language: each has its listings, posting pages, feeds and search
    links = language_links(site)  # a page's versions in the other languages (hreflang, the switcher)
    search_files = [f for view in views for f in plan_search(view, parsed, cache.body, cache, memo, reuse_search)] if search else []
    frame = PageFrame.of(site, theme, code, brand, logo(site.config, static_files))
    cards = listing_cards(site, parsed)
    remembered, memo.pages = memo.pages, {}
    return [
        # the listing pages first: the heaviest to render, they must not be the last a worker takes
        *(f for view in views for f in plan_listings(view, frame, cards, searchable=bool(search_files), links=links)),
        *(f for view in views for f in plan_posting_pages(view, parsed, frame, cards, cache.body, memo, links, remembered)),
        *plan_pages(site, frame, cache, code, links),  # free pages, 404, 410
        *plan_assets(theme, static_files),
        *brand_files,
        *search_files,
        *plan_feeds(site, parsed, links),  # robots.txt, _redirects, feed.xml (each language's, each listing's), sitemap.xml
        *plan_job_feeds(views[0], parsed, cache.body),  # indeed.xml, linkedin.xml, as [feeds] asks: the default language's
        *plan_json_feed(views[0], parsed, cache),  # jobs.json, unless [feeds] says json = false
    ]


def _worker_setup(config: SiteConfig, theme: Theme, source: Path, compiled: Path | None) -> dict:
    """What a worker needs to parse postings and render pages."""
    return {**parse_setup(config), **render_setup(config, theme, source, compiled)}
