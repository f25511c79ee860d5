"""jobs.json: the open postings as a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), for
integrations and "jobs at Acme" widgets on the company's own site. Each item carries the posting's
schema.org JobPosting, the same object as the posting page's JSON-LD, under `_jobposting`: JSON
Feed lets a publisher add objects whose names start with "_", which readers that do not know
them ignore."""

from __future__ import annotations

import json

from .cache import BuildCache
from .config import SiteConfig
from .fingerprint import digest
from .jsonld import job_posting
from .parsed_posting import ParsedPosting
from .posting import Posting, as_datetime
from .render import Planned
from .site import Site

VERSION = "https://jsonfeed.org/version/1.1"
PATH = "/jobs.json"


def _moment(value) -> str:
    """RFC 3339, as JSON Feed asks: a date is its first moment, in UTC."""
    return as_datetime(value).isoformat()


def _json(data: object) -> str:
    # compact: indenting makes json use its pure-Python encoder, ten times slower at 1,000 postings
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def feed_item(posting: Posting, html: str, summary: str, config: SiteConfig) -> bytes:
    """One item as JSON text. Its text is the summary, as in feed.xml: the description is in the
    JobPosting, and once is enough (at 2,000 postings, twice made a 37 MB file)."""
    url = config.absolute(posting.url)
    item = {"id": url, "url": url, "title": posting.title, "content_text": summary or posting.title}
    item["date_published"] = _moment(posting.date_posted)
    if posting.updated:
        item["date_modified"] = _moment(posting.updated)
    tags = [t for t in (posting.department, posting.team) if t]
    if tags:
        item["tags"] = tags
    item["_jobposting"] = job_posting(posting, html, config)
    return _json(item).encode("utf-8")


def feed_document(items: list[bytes], config: SiteConfig) -> bytes:
    """The feed around its items (made by feed_item), in the order given."""
    company = config.company
    author = {"name": company.name, **({"url": company.url} if company.url else {})}
    head = _json({
        "version": VERSION,
        "title": config.title,
        "home_page_url": config.absolute("/"),
        "feed_url": config.absolute(PATH),
        "description": config.description or f"Open positions at {company.name}",
        "language": config.language,
        "authors": [author],
    })
    return head[:-1].encode("utf-8") + b',"items":[' + b",".join(items) + b"]}\n"


def json_feed(postings: list[tuple[Posting, str, str]], config: SiteConfig) -> bytes:
    """The feed of the given open postings (each with its description HTML and its summary), in order."""
    return feed_document([feed_item(posting, html, summary, config) for posting, html, summary in postings], config)


def plan_json_feed(site: Site, parsed: dict[str, ParsedPosting], cache: BuildCache) -> list[Planned]:
    """jobs.json, unless [feeds] json = false. Each item is kept in `cache` under its posting's
    parse key: an edit makes one item again, and no other posting's HTML is loaded (making every
    item again took 0.7 s at 2,000 postings)."""
    config = site.config
    if not config.feeds.json:
        return []
    salt = digest("jobs.json item", repr(config))
    keys = [digest(salt, parsed[p.slug].key) for p in site.open]  # all an item depends on
    items = [cache.derive(key, lambda p=p: feed_item(p.without_body(), cache.body(parsed[p.slug]), parsed[p.slug].summary, config))
             for key, p in zip(keys, site.open)]
    return [Planned(PATH.lstrip("/"), digest("jobs.json", salt, *keys), make=lambda: feed_document(items, config))]
