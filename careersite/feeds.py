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
from .languages import LanguageLinks
from .messages import ENGLISH, Messages, N_
from .site import Group, Site, free_page, language_views, translation_page
from .slugs import url_path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"  # the sitemap's xhtml:link alternates (Google's hreflang in sitemaps)
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
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, site path) of every version, this one too; x-default last


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def rfc822(value: dt.date | dt.datetime) -> str:
    return email.utils.format_datetime(as_datetime(value).astimezone(dt.timezone.utc), usegmt=True)


def rss(items: list[FeedItem], config: SiteConfig, feed_path: str = "/feed.xml", title: str = "", link: str = "/",
        language: str = "", words: Messages = ENGLISH) -> bytes:
    """RSS 2.0 of the given items, in the order given (newest first is the caller's job); `title`
    and `link` name a part of the site (a department's feed), else the whole site; `language`: the
    feed's, when not the site's default, `words` its words."""
    ET.register_namespace("atom", ATOM_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = html.escape(title or words.site_text(config.title), quote=False)
    ET.SubElement(channel, "link").text = config.absolute(link)
    description = words.site_text(config.description) or words.gettext(N_("Open positions at %(company)s")) % {"company": config.company.name}
    ET.SubElement(channel, "description").text = html.escape(description, quote=False)
    ET.SubElement(channel, "language").text = language or config.language
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
    """A sitemaps.org 0.9 urlset with absolute URLs, sorted by URL; a page in several languages lists
    each of its versions as <xhtml:link rel="alternate" hreflang>, itself included, as Google asks."""
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for entry in sorted(entries, key=lambda e: e.url):
        node = ET.SubElement(root, "url")
        ET.SubElement(node, "loc").text = config.absolute(entry.url)
        if entry.lastmod:
            ET.SubElement(node, "lastmod").text = entry.lastmod.isoformat()
        for hreflang, url in entry.alternates:
            ET.SubElement(node, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": hreflang, "href": config.absolute(url)})
    return _xml(root)


def robots(config: SiteConfig) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.absolute('/sitemap.xml')}\n".encode()


def netlify_redirects(gone_paths: list[str], prefixes: tuple[str, ...] = ()) -> bytes:
    """Netlify `_redirects` rules answering 410 Gone for expired postings' URLs, each with the 410
    page of its language (/de/410.html for /de/jobs/...), and a missing page under a language's
    `prefixes` (/de) with its 404 page (Netlify applies a rule only where no file is: shadowing)."""
    lines = ["# Written by careersite: expired postings are gone (410) so search engines drop them."]
    def folder(path: str) -> str:
        return next((p for p in prefixes if path.startswith(p + "/")), "")

    for path in sorted(url_path(p) for p in gone_paths):  # Netlify wants special characters url-encoded
        lines.append(f"{path}  {folder(path)}/410.html  410")
        lines.append(f"{path.rstrip('/')}  {folder(path)}/410.html  410")
    if prefixes:
        lines.append("# A missing page in another language: that language's 404 page.")
        lines += [f"{p}/*  {p}/404.html  404" for p in prefixes]
    return ("\n".join(lines) + "\n").encode()


def plan_feeds(site: Site, parsed: dict[str, ParsedPosting], links: LanguageLinks | None = None) -> list[Planned]:
    """robots.txt, _redirects (410 for the URLs of expired postings, when there are any), feed.xml
    (the open postings, newest first), a feed.xml beside each department's and location's listing
    (alerts: "Engineering jobs" in a feed reader) and sitemap.xml. A site in several languages has
    the feeds of each language under its prefix (/de/feed.xml), and one sitemap of every language's
    pages, each with its versions (`links`); each in its language's words."""
    config = site.config
    planned = [as_is("robots.txt", robots(config))]
    if config.indexnow_key:  # IndexNow's proof that the site is ours: the key at /<key>.txt (notify)
        planned.append(as_is(f"{config.indexnow_key}.txt", config.indexnow_key.encode()))
    prefixes = tuple(view.prefix for view in site.views if view.prefix)
    if site.gone or prefixes:
        planned.append(as_is("_redirects", netlify_redirects([p.url for p in site.gone], prefixes)))
    entries = []
    for view in language_views(site):
        planned += _language_feeds(view, parsed, view.words)
        entries += sitemap_entries(view, links)
    planned.append(Planned("sitemap.xml", digest("sitemap", repr(config), repr(entries)), make=lambda: sitemap(entries, config)))
    return planned


def _language_feeds(site: Site, parsed: dict[str, ParsedPosting], words: Messages) -> list[Planned]:
    """feed.xml and each listing's, of one language (the whole site's in a site of one language),
    titled in its words."""
    config, prefix = site.config, site.prefix
    language = site.language if site.language != config.language else ""
    item_of = {p.slug: FeedItem(p.title, p.url, p.date_posted, parsed[p.slug].summary, p.department) for p in site.open}
    items = list(item_of.values())
    path = f"{prefix}/feed.xml"
    planned = [Planned(path.lstrip("/"), digest("feed", path, repr(config), repr(items), repr(words)),
                       make=lambda: rss(items, config, path, link=f"{prefix}/", language=language, words=words))]
    planned += [group_feed(kind, group, [item_of[p.slug] for p in group.postings], config, prefix, language, words)
                for kind, group in listing_groups(site)]
    return planned


def listing_groups(site: Site) -> list[tuple[str, Group]]:
    """(kind, group) of every department and location listing: ('departments', Engineering)."""
    return [("departments", g) for g in site.departments] + [("locations", g) for g in site.locations]


def group_heading(kind: str, group: Group, words: Messages = ENGLISH) -> str:
    """What a listing and its feed are called, in `words`' language: 'Engineering jobs', 'Jobs in
    Berlin, Germany', 'Remote jobs'."""
    if kind == "departments":
        return words.gettext(N_("%(department)s jobs")) % {"department": group.name}
    if group.slug == "remote":
        return words.gettext(N_("Remote jobs"))
    return words.gettext(N_("Jobs in %(place)s")) % {"place": group.name}


def group_feed_path(kind: str, group: Group, prefix: str = "") -> str:
    return f"{prefix}/{kind}/{group.slug}/feed.xml"


def group_feed(kind: str, group: Group, items: list[FeedItem], config: SiteConfig, prefix: str = "", language: str = "",
               words: Messages = ENGLISH) -> Planned:
    """<kind>/<slug>/feed.xml: the group's open postings, newest first, as the site's feed.xml has them
    (`prefix`, `language`, `words`: those of a language other than the default)."""
    path, title = group_feed_path(kind, group, prefix), f"{group_heading(kind, group, words)} · {words.site_text(config.title)}"
    return Planned(path.lstrip("/"), digest("group feed", path, title, repr(config), repr(items), language, repr(words)),
                   make=lambda: rss(items, config, path, title, f"{prefix}/{kind}/{group.slug}/", language, words))


def sitemap_entries(site: Site, links: LanguageLinks | None = None) -> list[SitemapEntry]:
    """The home page, every open posting, listing and free page (closed roles and drafts are noindex);
    `site` may be one language's view (with its own free pages), `links` the versions of its pages
    in the others."""
    def alternates(what: str) -> tuple[tuple[str, str], ...]:
        return links.sitemap_alternates(what) if links else ()

    def listing(within: str) -> str:
        return links.listing(site.language, within) if links else within

    prefix = site.prefix
    entries = [SitemapEntry(f"{prefix}/", _newest(p.lastmod for p in site.open), alternates("/"))]
    entries += [SitemapEntry(p.url, p.lastmod, alternates(translation_page(p))) for p in site.open]
    entries += [SitemapEntry(f"{prefix}/{kind}/{g.slug}/", _newest(p.lastmod for p in g.postings), alternates(listing(f"/{kind}/{g.slug}/")))
                for kind, g in listing_groups(site)]
    entries += [SitemapEntry(p.url, None, alternates(free_page(p))) for p in site.pages]
    return entries


def _newest(values) -> dt.date | dt.datetime | None:
    values = [v for v in values if v]
    return max(values, key=as_datetime) if values else None
