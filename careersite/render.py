"""Site -> every output file as bytes: posting pages, listings, free pages, feed, sitemap, robots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2

from . import feeds
from .jsonld import job_posting, script_json
from .markdown import excerpt, render_markdown
from .posting import Posting, as_datetime
from .site import Group, Site
from .slugs import slugify
from .theme import Assets, safe_html


@dataclass(frozen=True)
class RenderedBody:
    html: str
    summary: str


def _newest(values) -> dt.date | dt.datetime | None:
    values = [v for v in values if v]
    return max(values, key=as_datetime) if values else None


def render_site(site: Site, env: jinja2.Environment, assets: Assets, static_files: dict[str, bytes]) -> dict[str, bytes]:
    config = site.config
    files: dict[str, bytes] = {}
    bodies: dict[str, RenderedBody] = {}
    nav_pages = site.pages

    def body_of(posting: Posting) -> RenderedBody:
        if posting.slug not in bodies:
            html = render_markdown(posting.body)
            bodies[posting.slug] = RenderedBody(html, posting.summary or excerpt(html))
        return bodies[posting.slug]

    def page(template: str, out: str, *, title: str, description: str, path: str | None, robots: str = "",
             jsonld: str = "", og_type: str = "website", **context) -> None:
        html = env.get_template(template).render(
            page_title=title,
            description=description,
            canonical=config.absolute(path) if path else "",
            robots=robots,
            jsonld=safe_html(jsonld) if jsonld else "",
            og_type=og_type,
            nav_pages=nav_pages,
            **context,
        )
        files[out] = html.encode("utf-8")

    department_of = {p.slug: g for g in site.departments for p in g.postings}

    for posting in site.open:
        body = body_of(posting)
        department = department_of.get(posting.slug)
        related = [p for p in department.postings if p.slug != posting.slug][:5] if department else []
        page(
            "posting.html", f"jobs/{posting.slug}/index.html",
            title=f"{posting.title} · {config.company.name}", description=body.summary, path=posting.url,
            jsonld=script_json(job_posting(posting, body.html, config)), og_type="article",
            posting=posting, body_html=safe_html(body.html), department=department, related=related, closed=False,
        )
    for posting in site.closed + site.drafts:
        body = body_of(posting)
        page(
            "posting.html", f"jobs/{posting.slug}/index.html",
            title=f"{posting.title} · {config.company.name}", description=body.summary, path=posting.url,
            robots="noindex", posting=posting, body_html=safe_html(body.html),
            department=_group_for(posting), related=[], closed=posting in site.closed,
        )

    departmentless = [p for p in site.open if not p.department]
    page(
        "index.html", "index.html",
        title=config.title, description=config.description or f"Open roles at {config.company.name}: {len(site.open)} open positions.",
        path="/", postings=site.open, departments=site.departments, locations=site.locations, other_postings=departmentless,
    )
    for kind, groups, heading in (("departments", site.departments, "{} jobs"), ("locations", site.locations, "Jobs in {}")):
        for group in groups:
            url = f"/{kind}/{group.slug}/"
            name = heading.format(group.name) if group.slug != "remote" else "Remote jobs"
            page(
                "listing.html", f"{kind}/{group.slug}/index.html",
                title=f"{name} · {config.title}",
                description=f"{len(group.postings)} open roles at {config.company.name}: {name.lower() if kind == 'locations' else name}.",
                path=url, group=group, group_url=url, heading=name, kind=kind,
            )
    for free in site.pages:
        html = render_markdown(free.body)
        page(
            "page.html", f"{free.slug}/index.html",
            title=f"{free.title} · {config.title}", description=free.description or excerpt(html), path=free.url,
            page=free, body_html=safe_html(html),
        )
    page("404.html", "404.html", title=f"Page not found · {config.title}", description="This page does not exist.", path=None, robots="noindex")
    page("410.html", "410.html", title=f"Role closed · {config.title}", description="This role is no longer open.", path=None, robots="noindex")

    files["feed.xml"] = feeds.rss(
        [feeds.FeedItem(p.title, p.url, p.date_posted, body_of(p).summary, p.department) for p in site.open], config
    )
    files["sitemap.xml"] = feeds.sitemap(_sitemap_entries(site), config)
    files["robots.txt"] = feeds.robots(config)
    if site.gone:
        files["_redirects"] = feeds.netlify_redirects([p.url for p in site.gone])
    for name, data in assets.files.items():
        files[name] = data
    files.update(static_files)
    return files


def _group_for(posting: Posting) -> Group | None:
    if not posting.department:
        return None
    return Group(slugify(posting.department), posting.department, ())


def _sitemap_entries(site: Site) -> list[feeds.SitemapEntry]:
    entries = [feeds.SitemapEntry("/", _newest(p.lastmod for p in site.open))]
    entries += [feeds.SitemapEntry(p.url, p.lastmod) for p in site.open]
    for kind, groups in (("departments", site.departments), ("locations", site.locations)):
        entries += [feeds.SitemapEntry(f"/{kind}/{g.slug}/", _newest(p.lastmod for p in g.postings)) for g in groups]
    entries += [feeds.SitemapEntry(p.url) for p in site.pages]
    return entries


def read_static(source: Path) -> dict[str, bytes]:
    """The site's static/ folder, copied as is under /static/ (symlinks out of the site are skipped)."""
    folder = source / "static"
    if not folder.is_dir():
        return {}
    root = source.resolve()
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and root in path.resolve().parents:
            files["static/" + path.relative_to(folder).as_posix()] = path.read_bytes()
    return files
