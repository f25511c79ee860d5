"""The machine-read outputs: RSS 2.0 feed, sitemaps.org sitemap, robots.txt, Netlify's _redirects.
Pure functions to bytes, and plan_feeds(), which plans them for a site."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from .fingerprint import digest

from .parsed_posting import ParsedPosting
from .config import SiteConfig
from .posting import as_datetime
from .render import Planned, as_is
from .site import Group, Site
from .slugs import url_path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # site path
    published: dt.date | dt.datetime
    summary: str
    category: str = ""


@dataclass(frozen=True)
class SitemapEntry:
    url: str  # site path
    lastmod: dt.date | dt.datetime | None = None


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def rfc822(value: dt.date | dt.datetime) -> str:
    return email.utils.format_datetime(as_datetime(value).astimezone(dt.timezone.utc), usegmt=True)


def rss(items: list[FeedItem], config: SiteConfig, feed_path: str = "/feed.xml", title: str = "", link: str = "/") -> bytes:
    """RSS 2.0 of the given items, in the order given (newest first is the caller's job); `title`
    and `link` name a part of the site (a department's feed), else the whole site."""
    ET.register_namespace("atom", ATOM_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = html.escape(title or config.title, quote=False)
    ET.SubElement(channel, "link").text = config.absolute(link)
    ET.SubElement(channel, "description").text = html.escape(config.description or f"Open positions at {config.company.name}", quote=False)
    ET.SubElement(channel, "language").text = config.language
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": config.absolute(feed_path), "rel": "self", "type": "application/rss+xml"})
    if items:
        # the newest content date, not the clock, so the same content gives the same bytes
        ET.SubElement(channel, "lastBuildDate").text = rfc822(max(as_datetime(i.published) for i in items))
    for item in items:
        node = ET.SubElement(channel, "item")
        link = config.absolute(item.url)
        # RSS readers (feedparser among them) take title and description as HTML: escape the
        # plain text once more so "<" or "&" in a title reads as written, and never as markup
        ET.SubElement(node, "title").text = html.escape(item.title, quote=False)
        ET.SubElement(node, "link").text = link
        ET.SubElement(node, "guid", {"isPermaLink": "true"}).text = link
        ET.SubElement(node, "pubDate").text = rfc822(item.published)
        ET.SubElement(node, "description").text = html.escape(item.summary, quote=False)
        if item.category:
            ET.SubElement(node, "category").text = item.category
    return _xml(root)


def sitemap(entries: list[SitemapEntry], config: SiteConfig) -> bytes:
    """A sitemaps.org 0.9 urlset with absolute URLs, sorted by URL."""
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for entry in sorted(entries, key=lambda e: e.url):
        node = ET.SubElement(root, "url")
        ET.SubElement(node, "loc").text = config.absolute(entry.url)
        if entry.lastmod:
            ET.SubElement(node, "lastmod").text = entry.lastmod.isoformat()
    return _xml(root)


def robots(config: SiteConfig) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('/sitemap.xml')}\n".encode()


def netlify_redirects(gone_paths: list[str]) -> bytes:
    """Netlify `_redirects` rules answering 410 Gone for expired postings' URLs."""
    lines = ["# Written by careersite: expired postings are gone (410) so search engines drop them."]
    for path in sorted(url_path(p) for p in gone_paths):  # Netlify wants special characters url-encoded
        lines.append(f"{path}  /410.html  410")
        lines.append(f"{path.rstrip('/')}  /410.html  410")
    return ("\n".join(lines) + "\n").encode()


def plan_feeds(site: Site, parsed: dict[str, ParsedPosting]) -> list[Planned]:
    """robots.txt, _redirects (410 for the URLs of expired postings, when there are any), feed.xml
    (the open postings, newest first), a feed.xml beside each department's and location's listing
    (alerts: "Engineering jobs" in a feed reader) and sitemap.xml."""
    config = site.config
    planned = [as_is("robots.txt", robots(config))]
    if config.indexnow_key:  # IndexNow's proof that the site is ours: the key at /<key>.txt (notify)
        planned.append(as_is(f"{config.indexnow_key}.txt", config.indexnow_key.encode()))
    if site.gone:
        planned.append(as_is("_redirects", netlify_redirects([p.url for p in site.gone])))
    item_of = {p.slug: FeedItem(p.title, p.url, p.date_posted, parsed[p.slug].summary, p.department) for p in site.open}
    items = list(item_of.values())
    entries = sitemap_entries(site)
    planned.append(Planned("feed.xml", digest("feed", repr(config), repr(items)), make=lambda: rss(items, config)))
    planned += [group_feed(kind, group, [item_of[p.slug] for p in group.postings], config) for kind, group in listing_groups(site)]
    planned.append(Planned("sitemap.xml", digest("sitemap", repr(config), repr(entries)), make=lambda: sitemap(entries, config)))
    return planned


def listing_groups(site: Site) -> list[tuple[str, Group]]:
    """(kind, group) of every department and location listing: ('departments', Engineering)."""
    return [("departments", g) for g in site.departments] + [("locations", g) for g in site.locations]


def group_heading(kind: str, group: Group) -> str:
    """What a listing and its feed are called: 'Engineering jobs', 'Jobs in Berlin, Germany', 'Remote jobs'."""
    if kind == "departments":
        return f"{group.name} jobs"
    return "Remote jobs" if group.slug == "remote" else f"Jobs in {group.name}"


def group_feed_path(kind: str, group: Group) -> str:
    return f"/{kind}/{group.slug}/feed.xml"


def group_feed(kind: str, group: Group, items: list[FeedItem], config: SiteConfig) -> Planned:
    """<kind>/<slug>/feed.xml: the group's open postings, newest first, as the site's feed.xml has them."""
    path, title = group_feed_path(kind, group), f"{group_heading(kind, group)} · {config.title}"
    return Planned(path.lstrip("/"), digest("group feed", path, title, repr(config), repr(items)),
                   make=lambda: rss(items, config, path, title, f"/{kind}/{group.slug}/"))


def sitemap_entries(site: Site) -> list[SitemapEntry]:
    """The home page, every open posting, listing and free page (closed roles and drafts are noindex)."""
    entries = [SitemapEntry("/", _newest(p.lastmod for p in site.open))]
    entries += [SitemapEntry(p.url, p.lastmod) for p in site.open]
    entries += [SitemapEntry(f"/{kind}/{g.slug}/", _newest(p.lastmod for p in g.postings)) for kind, g in listing_groups(site)]
    entries += [SitemapEntry(p.url) for p in site.pages]
    return entries


def _newest(values) -> dt.date | dt.datetime | None:
    values = [v for v in values if v]
    return max(values, key=as_datetime) if values else None
