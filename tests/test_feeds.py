"""feeds: RSS, sitemap and robots as bytes, parsed back with feedparser and lxml."""

from __future__ import annotations

import datetime as dt
import html

import feedparser
from lxml import etree

from careersite.config import Company, SiteConfig
from careersite.feeds import FeedItem, SitemapEntry, netlify_redirects, robots, rss, sitemap

CONFIG = SiteConfig(title="Acme Careers", base_url="https://jobs.example", company=Company("Acme"))


def test_rss_items_in_given_order_with_permalink_guids():
    items = [FeedItem("B & <b>", "/jobs/b/", dt.date(2026, 11, 20), "Summary <i>", "Sales"),
             FeedItem("A", "/jobs/a/", dt.date(2026, 11, 1), "S", "")]
    feed = feedparser.parse(rss(items, CONFIG))
    assert not feed.bozo and feed.version == "rss20"
    assert feed.feed.title == "Acme Careers" and feed.feed.link == "https://jobs.example/"
    assert [html.unescape(e.title) for e in feed.entries] == ["B & <b>", "A"]  # titles are HTML to readers
    assert feed.entries[0].id == feed.entries[0].link == "https://jobs.example/jobs/b/"
    assert feed.entries[0].published_parsed[:3] == (2026, 11, 20)
    assert feed.entries[0].tags[0].term == "Sales"
    assert "tags" not in feed.entries[1]


def test_empty_feed_is_still_valid():
    feed = feedparser.parse(rss([], CONFIG))
    assert not feed.bozo and feed.entries == []


def test_sitemap_is_sorted_absolute_and_in_the_protocol_namespace():
    data = sitemap([SitemapEntry("/jobs/b/", dt.date(2026, 11, 2)), SitemapEntry("/"), SitemapEntry("/jobs/a/", dt.date(2026, 11, 1))], CONFIG)
    root = etree.fromstring(data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)] == [
        "https://jobs.example/", "https://jobs.example/jobs/a/", "https://jobs.example/jobs/b/"]
    assert root.find("s:url", ns).find("s:lastmod", ns) is None
    assert root.findall("s:url", ns)[1].findtext("s:lastmod", namespaces=ns) == "2026-11-01"


def test_robots_and_redirects():
    assert robots(CONFIG).decode().splitlines()[-1] == "Sitemap: https://jobs.example/sitemap.xml"
    rules = netlify_redirects(["/jobs/z/", "/jobs/a/"]).decode().splitlines()[1:]
    assert rules == ["/jobs/a/  /410.html  410", "/jobs/a  /410.html  410", "/jobs/z/  /410.html  410", "/jobs/z  /410.html  410"]
