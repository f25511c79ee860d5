"""Site -> the plan of every output file: each with a key that hashes all its content depends on,
and either its bytes or a PageJob that renders it with the theme (on any core)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2

from . import codes, feeds
from .branding import branding_files, image_size
from .cache import BuildCache, ParsedPosting, card_key, digest
from .config import SiteConfig
from .formatting import workplace_text
from .jsonld import breadcrumb_list, job_posting, script_json
from .text import excerpt
from .posting import Posting, as_datetime
from .problems import ContentError, Problem
from .search import SCRIPT as SEARCH_SCRIPT, SearchRecord, description_text, search_files, search_key
from .site import Group, Site, location_keys
from .slugs import slugify
from .sourcefile import is_editor_leftover
from .theme import Theme, make_environment, safe_html, template_problem
from .workers import worker_state


@dataclass(frozen=True)
class PageJob:
    """A page to render: a template and its context (picklable, sent to a worker process)."""

    template: str
    context: dict
    job_posting: tuple[Posting, str] | None = None  # (posting, its HTML): JobPosting JSON-LD made by the worker


@dataclass(frozen=True)
class Planned:
    """One output file: its path, its key, and how to get its bytes if they must be made again."""

    path: str
    key: str
    job: Callable[[], PageJob] | None = None  # a page rendered with the theme, or
    data: bytes | None = None  # the bytes themselves, or
    make: Callable[[], bytes] | None = None  # a function that makes them (called only when the key changed)


def render_setup(config: SiteConfig, theme: Theme, source: Path, compiled: Path | None = None) -> dict:
    """A renderer's state; `compiled`: where compiled templates are kept between processes."""
    return {"env": make_environment(theme.dirs, config, theme.assets, compiled), "source": source, "config": config}


def render_task(job: PageJob) -> bytes:
    """Render one page; runs in a worker process. A template error becomes a ContentError here,
    where its traceback still tells the template's line."""
    state = worker_state()
    context = job.context
    if job.job_posting is not None:
        context = {**context, "jsonld": safe_html(script_json(job_posting(*job.job_posting, state["config"])))}
    try:
        return state["env"].get_template(job.template).render(**context).encode("utf-8")
    except jinja2.TemplateError as err:
        raise ContentError([template_problem(err, state["source"])]) from None


def render_in_memory(planned: list[Planned], config: SiteConfig, theme: Theme, source: Path) -> dict[str, bytes]:
    """Every planned file's bytes, rendered in this process: for `check`, which writes nothing."""
    state = render_setup(config, theme, source)
    worker_state().update(state)
    return {item.path: item.data if item.data is not None else item.make() if item.make else render_task(item.job())
            for item in planned}


def _page_html(body: str, raw_html: bool, source: str) -> str:
    """A free page's HTML. Its text passed the bounds when it was read (with lines); what is left
    to fail here (the time budget) is a problem of the whole file."""
    from .markdown import MarkdownRefused, render_markdown  # only when a page's Markdown changed

    try:
        return render_markdown(body, raw_html)
    except MarkdownRefused as refused:
        raise ContentError([Problem(source, refused.line, "", refused.message)]) from None


def _light(posting: Posting) -> Posting:
    """The posting without its body, to send to other pages' templates cheaply (a built posting
    has none: its HTML stands for it)."""
    return dataclasses.replace(posting, body="") if posting.body else posting


def _newest(values) -> dt.date | dt.datetime | None:
    values = [v for v in values if v]
    return max(values, key=as_datetime) if values else None


def _logo(config: SiteConfig, static_files: dict[str, bytes]) -> dict | None:
    """The company logo as the header shows it: a same-origin src, and its size when it can be read."""
    logo = config.company.logo
    if not logo:
        return None
    if "://" in logo:
        return {"src": logo, "width": None, "height": None}
    path = logo.lstrip("/")
    size = image_size(static_files[path]) if path in static_files else None
    return {"src": "/" + path, "width": size[0] if size else None, "height": size[1] if size else None}


def search_records(site: Site, parsed: dict[str, ParsedPosting], text: Callable[[ParsedPosting], str]) -> list[SearchRecord]:
    """What full-text search finds: every open posting, by its title and description. `text` gives
    the description as plain text; the search index's key is made with its digest instead."""
    return [
        SearchRecord(p.url, p.title, text(parsed[p.slug]), p.department,
                     tuple(label for _, label in location_keys(p)), workplace_text(p))
        for p in site.open
    ]


def _facet_options(site: Site) -> dict:
    """The listing's filter choices: (value, label, count of open roles) for each facet, in order."""
    workplaces = [p.workplace for p in site.open]
    types = [t for p in site.open for t in p.employment_types]
    return dict(
        departments=[(g.slug, g.name, len(g.postings)) for g in site.departments],
        locations=[(g.slug, g.name, len(g.postings)) for g in site.locations],
        workplaces=[(code, label, workplaces.count(code)) for code, label in codes.WORKPLACES.items() if code in workplaces],
        employment_types=[(code, label, types.count(code)) for code, label in codes.EMPLOYMENT_LABELS.items() if code in types],
    )


def plan_site(site: Site, parsed: dict[str, ParsedPosting], theme: Theme, static_files: dict[str, bytes], code: str,
              search: bool = True, cache: BuildCache | None = None, reuse_search: bool = False) -> list[Planned]:
    """Every file of the site. `parsed` maps a posting's slug to its parsed form (HTML, summary).
    `search`: also build the full-text search index (Pagefind) under pagefind/. Whole-site results
    (search index, share image) come from `cache` while their inputs are unchanged; with
    `reuse_search` the last index stands in even if postings changed (serve refreshes it after)."""
    config = site.config
    cache = cache or BuildCache(None)
    nav_pages = [dataclasses.replace(p, body="") for p in site.pages]
    brand_files, brand = cache.derive(digest("branding", code, repr(config)), lambda: branding_files(config))
    def html_of(entry: ParsedPosting) -> str:
        return cache.body(entry)  # loaded only for pages rendered again
    search_index: dict[str, bytes] = {}
    if search and site.open:
        if reuse_search and cache.last_search in cache.derived:
            search_index = cache.derive(cache.last_search, dict)
        else:
            by_digest = search_records(site, parsed, lambda entry: entry.search_digest or description_text(html_of(entry)))
            cache.last_search = search_key(by_digest, config.language)
            search_index = cache.derive(cache.last_search, lambda: search_files(
                search_records(site, parsed, lambda entry: description_text(html_of(entry))), config.language))
    common = dict(nav_pages=nav_pages, logo=_logo(config, static_files), theme_css=brand["theme_css"],
                  share_image=config.absolute(brand["share_image"]), icon=brand["icon"])
    salt = digest(code, theme.fingerprint, repr(config), repr(sorted(common.items())))
    planned: list[Planned] = []

    def page(template: str, out: str, key_parts: tuple, *, title: str, description: str, path: str | None,
             robots: str = "", og_type: str = "website", job_posting: Callable[[], tuple[Posting, str]] | None = None,
             breadcrumbs: tuple[tuple[str, str], ...] = (), context: Callable[[], dict] = dict) -> None:
        def job() -> PageJob:
            return PageJob(template, dict(
                page_title=title, description=description, canonical=config.absolute(path) if path else "",
                robots=robots, jsonld="", og_type=og_type,
                breadcrumbs=[{"name": name, "url": url} for name, url in breadcrumbs],
                # structured data only where search engines may index the page (closed roles and drafts: none)
                breadcrumb_jsonld=safe_html(script_json(breadcrumb_list(list(breadcrumbs), config))) if breadcrumbs and not robots else "",
                **common, **context(),
            ), job_posting() if job_posting else None)
        key = digest(salt, repr((template, out, title, description, robots, og_type, breadcrumbs, key_parts)))  # one repr: cheap for 10,000 pages
        planned.append(Planned(out, key, job=job))

    def trail(posting: Posting, department: Group | None) -> tuple[tuple[str, str], ...]:
        """All jobs > the department > the role, as (name, site path)."""
        middle = ((department.name, f"/departments/{department.slug}/"),) if department else ()
        return (("All jobs", "/"), *middle, (posting.title, posting.url))

    department_of = {p.slug: g for g in site.departments for p in g.postings}
    # what a listing row or a 'more roles' link shows of a posting, as a key (made when it was parsed)
    cards = {p.slug: parsed[p.slug].card or card_key(p) for p in site.open}

    def light_group(group: Group) -> Group:
        return Group(group.slug, group.name, tuple(_light(p) for p in group.postings))

    # the listing pages first: the heaviest to render, they must not be the last a worker takes
    departmentless = [p for p in site.open if not p.department]
    page(
        "index.html", "index.html", (*(cards[p.slug] for p in site.open), bool(search_index)),
        title=config.title, description=config.description or f"Open roles at {config.company.name}: {len(site.open)} open positions.",
        path="/",
        context=lambda: dict(postings=[_light(p) for p in site.open], departments=[light_group(g) for g in site.departments],
                             locations=[light_group(g) for g in site.locations], other_postings=[_light(p) for p in departmentless],
                             facets=_facet_options(site), search_script=SEARCH_SCRIPT if search_index else ""),
    )
    for kind, groups, heading in (("departments", site.departments, "{} jobs"), ("locations", site.locations, "Jobs in {}")):
        for group in groups:
            url = f"/{kind}/{group.slug}/"
            name = heading.format(group.name) if group.slug != "remote" else "Remote jobs"
            page(
                "listing.html", f"{kind}/{group.slug}/index.html", (group.name, *(cards[p.slug] for p in group.postings)),
                title=f"{name} · {config.title}",
                description=f"{len(group.postings)} open roles at {config.company.name}: {name.lower() if kind == 'locations' else name}.",
                path=url, breadcrumbs=(("All jobs", "/"), (group.name, url)),
                context=lambda group=group, url=url, name=name, kind=kind: dict(group=light_group(group), group_url=url, heading=name, kind=kind),
            )
    remembered, cache.planned = cache.planned, {}
    for posting in site.open:
        entry = parsed[posting.slug]
        group = department_of.get(posting.slug)
        related = [p for p in group.postings[:6] if p.slug != posting.slug][:5] if group else []
        key_parts = (entry.key, group and (group.slug, group.name), tuple(cards[p.slug] for p in related))
        inputs = (salt, posting.slug, *key_parts)
        if inputs in remembered:  # the same page as last time: its title, breadcrumbs and context follow from these
            planned.append(remembered[inputs])
            cache.planned[inputs] = remembered[inputs]
            continue
        department = Group(group.slug, group.name, ()) if group else None
        page(
            "posting.html", f"jobs/{posting.slug}/index.html", key_parts,
            title=f"{posting.title} · {config.company.name}", description=entry.summary, path=posting.url, og_type="article",
            job_posting=lambda posting=posting, entry=entry: (_light(posting), html_of(entry)),
            breadcrumbs=trail(posting, department),
            context=lambda posting=posting, entry=entry, department=department, related=related: dict(
                posting=_light(posting), body_html=safe_html(html_of(entry)), department=department,
                related=[_light(p) for p in related], closed=False),
        )
        cache.planned[inputs] = planned[-1]
    for posting in site.closed + site.drafts:
        entry = parsed[posting.slug]
        closed = posting in site.closed
        department = Group(slugify(posting.department), posting.department, ()) if posting.department else None
        page(
            "posting.html", f"jobs/{posting.slug}/index.html", (entry.key, posting.department, closed),
            title=f"{posting.title} · {config.company.name}", description=entry.summary, path=posting.url, robots="noindex",
            breadcrumbs=trail(posting, department),
            context=lambda posting=posting, entry=entry, department=department, closed=closed: dict(
                posting=_light(posting), body_html=safe_html(html_of(entry)), department=department, related=[], closed=closed),
        )

    for free in site.pages:
        html = cache.derive(digest("page", code, str(config.raw_html), free.body), lambda free=free: _page_html(free.body, config.raw_html, free.source))
        page(
            "page.html", f"{free.slug}/index.html", (html,),
            title=f"{free.title} · {config.title}", description=free.description or excerpt(html), path=free.url,
            context=lambda free=free, html=html: dict(page=dataclasses.replace(free, body=""), body_html=safe_html(html)),
        )
    page("404.html", "404.html", (), title=f"Page not found · {config.title}", description="This page does not exist.", path=None, robots="noindex")
    page("410.html", "410.html", (), title=f"Role closed · {config.title}", description="This role is no longer open.", path=None, robots="noindex")

    data = {
        "robots.txt": feeds.robots(config),
        **theme.assets.files,
        **brand_files,
        **search_index,
        **static_files,
    }
    if site.gone:
        data["_redirects"] = feeds.netlify_redirects([p.url for p in site.gone])
    planned += [Planned(path, digest(content), data=content) for path, content in data.items()]
    feed_items = [feeds.FeedItem(p.title, p.url, p.date_posted, parsed[p.slug].summary, p.department) for p in site.open]
    sitemap_entries = _sitemap_entries(site)
    planned.append(Planned("feed.xml", digest("feed", repr(config), repr(feed_items)), make=lambda: feeds.rss(feed_items, config)))
    planned.append(Planned("sitemap.xml", digest("sitemap", repr(config), repr(sitemap_entries)),
                           make=lambda: feeds.sitemap(sitemap_entries, config)))
    return planned


def _sitemap_entries(site: Site) -> list[feeds.SitemapEntry]:
    entries = [feeds.SitemapEntry("/", _newest(p.lastmod for p in site.open))]
    entries += [feeds.SitemapEntry(p.url, p.lastmod) for p in site.open]
    for kind, groups in (("departments", site.departments), ("locations", site.locations)):
        entries += [feeds.SitemapEntry(f"/{kind}/{g.slug}/", _newest(p.lastmod for p in g.postings)) for g in groups]
    entries += [feeds.SitemapEntry(p.url) for p in site.pages]
    return entries


def read_static(source: Path) -> dict[str, bytes]:
    """The site's static/ folder, copied as is under /static/ (symlinks out of the site and editors'
    leftovers such as logo.svg~ or .DS_Store are skipped)."""
    folder = source / "static"
    if not folder.is_dir():
        return {}
    root = source.resolve()
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and root in path.resolve().parents and not is_editor_leftover(path.name):
            files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
