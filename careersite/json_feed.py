"""jobs.json: the open postings as a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), for
integrations and "jobs at Acme" widgets on the company's own site. Each item carries the posting's
schema.org JobPosting, the same object as the posting page's JSON-LD, under `_jobposting`: JSON
Feed lets a publisher add objects whose names start with "_", which readers that do not know
them ignore."""

from __future__ import annotations

import json

from .config import SiteConfig
from .jsonld import job_posting
from .posting import Posting, as_datetime

VERSION = "https://jsonfeed.org/version/1.1"
PATH = "/jobs.json"


def _moment(value) -> str:
    """RFC 3339, as JSON Feed asks: a date is its first moment, in UTC."""
    return as_datetime(value).isoformat()


def json_feed(postings: list[tuple[Posting, str]], config: SiteConfig) -> bytes:
    """The feed of the given open postings (each with its description HTML), in the order given."""
    company = config.company
    author = {"name": company.name, **({"url": company.url} if company.url else {})}
    items = []
    for posting, html in postings:
        url = config.absolute(posting.url)
        item = {"id": url, "url": url, "title": posting.title, "content_html": html}
        if posting.summary:
            item["summary"] = posting.summary
        item["date_published"] = _moment(posting.date_posted)
        if posting.updated:
            item["date_modified"] = _moment(posting.updated)
        tags = [t for t in (posting.department, posting.team) if t]
        if tags:
            item["tags"] = tags
        item["_jobposting"] = job_posting(posting, html, config)
        items.append(item)
    feed = {
        "version": VERSION,
        "title": config.title,
        "home_page_url": config.absolute("/"),
        "feed_url": config.absolute(PATH),
        "description": config.description or f"Open positions at {company.name}",
        "language": config.language,
        "authors": [author],
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
