"""feeds: RSS, sitemap and robots as bytes, parsed back with feedparser and lxml."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import io
import time
import xml.parsers.expat

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


ATOM = "http://www.w3.org/2005/Atom"


def channel_of(data: bytes):
    """The feed as a strict XML parser reads it (feedparser forgives a missing or misnamed element)."""
    declared = []
    expat = xml.parsers.expat.ParserCreate()
    expat.XmlDeclHandler = lambda version, encoding, standalone: declared.append((version, encoding.lower()))
    expat.Parse(data, True)
    assert declared == [("1.0", "utf-8")]  # the declaration is written, naming the encoding
    document = etree.parse(io.BytesIO(data))
    root = document.getroot()
    assert root.tag == "rss" and root.attrib == {"version": "2.0"} and root.nsmap == {"atom": ATOM}
    [channel] = root
    assert channel.tag == "channel"
    return channel


def test_rss_has_every_element_rss_2_requires_with_a_self_link():
    config = SiteConfig(title="Acme \"Careers\"", base_url="https://jobs.example", company=Company("Acme"), description="Work at \"Acme\".")
    items = [FeedItem("Say \"hi\" & <b>", "/jobs/b/", dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))), "Sum & \"more\"", "Sales"),
             FeedItem("A", "/jobs/a/", dt.date(2026, 11, 1), "S")]
    channel = channel_of(rss(items, config))
    assert [child.tag for child in channel] == ["title", "link", "description", "language", f"{{{ATOM}}}link", "lastBuildDate", "item", "item"]
    assert channel.findtext("title") == "Acme \"Careers\"" and channel.findtext("link") == "https://jobs.example/"
    assert channel.findtext("description") == "Work at \"Acme\"." and channel.findtext("language") == "en"
    assert channel.find(f"{{{ATOM}}}link").attrib == {"href": "https://jobs.example/feed.xml", "rel": "self", "type": "application/rss+xml"}
    assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")) == dt.datetime(2026, 11, 20, 7, 30, tzinfo=dt.timezone.utc)
    first, second = channel.findall("item")
    assert [child.tag for child in first] == ["title", "link", "guid", "pubDate", "description", "category"]
    assert [child.tag for child in second] == ["title", "link", "guid", "pubDate", "description"]
    assert first.findtext("link") == first.findtext("guid") == "https://jobs.example/jobs/b/"
    assert second.findtext("link") == "https://jobs.example/jobs/a/" and first.find("guid").attrib == {"isPermaLink": "true"}
    # titles and descriptions are HTML to a reader: unescaped once more they read as written, quotes left plain
    assert html.unescape(first.findtext("title")) == "Say \"hi\" & <b>" and '"hi"' in first.findtext("title")
    assert html.unescape(first.findtext("description")) == "Sum & \"more\"" and '"more"' in first.findtext("description")
    assert first.findtext("category") == "Sales"
    published = first.findtext("pubDate")  # RFC 822 in GMT, as RSS 2.0 writes dates
    assert published.endswith(" GMT") and email.utils.parsedate_to_datetime(published) == dt.datetime(2026, 11, 20, 7, 30, tzinfo=dt.timezone.utc)
    assert email.utils.parsedate_to_datetime(second.findtext("pubDate")) == dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)


def test_rss_channel_description_defaults_to_the_company_and_self_link_follows_the_feed_path():
    channel = channel_of(rss([], CONFIG, "/departments/sales/feed.xml"))
    assert [child.tag for child in channel] == ["title", "link", "description", "language", f"{{{ATOM}}}link"]
    assert channel.findtext("description") == "Open positions at Acme"
    assert channel.find(f"{{{ATOM}}}link").get("href") == "https://jobs.example/departments/sales/feed.xml"


def test_a_listing_feed_names_its_group_and_links_to_its_listing(tmp_path):
    from conftest import basic_fields, posting_text

    planned = _planned_feeds(tmp_path, {"role.md": posting_text(**basic_fields(id="A-1", title="Role", department="R&D"))})
    channel = channel_of(_made(planned["departments/r-d/feed.xml"]))
    assert html.unescape(channel.findtext("title")) == "R&D jobs · Test Careers"
    assert channel.findtext("link") == "https://jobs.test.example/departments/r-d/"
    assert channel.find(f"{{{ATOM}}}link").get("href") == "https://jobs.test.example/departments/r-d/feed.xml"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Role"]
    channel = channel_of(_made(planned["locations/berlin-de/feed.xml"]))
    assert channel.findtext("title") == "Jobs in Berlin, Germany · Test Careers"


def test_rss_dates_are_gmt_whatever_the_machine_zone(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        channel = channel_of(rss([FeedItem("A", "/jobs/a/", dt.datetime(2026, 11, 20, 9, tzinfo=dt.timezone.utc), "S")], CONFIG))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert channel.find("item").findtext("pubDate").endswith("09:00:00 GMT")


def test_sitemap_root_is_a_urlset_and_redirects_start_with_a_comment():
    root = etree.fromstring(sitemap([SitemapEntry("/")], CONFIG))
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    assert netlify_redirects([]).decode().splitlines()[0].startswith("# ")


def _planned_feeds(tmp_path, postings: dict[str, str], pages: dict[str, str] | None = None, config: str | None = None):
    from careersite.feeds import plan_feeds
    from careersite.problems import Problems
    from careersite.site import make_site
    from careersite.site_sources import load_site

    from conftest import CONFIG, NOW, write_site

    problems = Problems()
    loaded = load_site(write_site(tmp_path, postings, config or CONFIG, pages), problems)
    assert not problems
    site = make_site(loaded.config, [p.posting for p in loaded.postings], loaded.pages, NOW, drafts=False)
    return {p.path: p for p in plan_feeds(site, {p.posting.slug: p for p in loaded.postings})}


def _made(planned) -> bytes:
    return planned.data if planned.data is not None else planned.make()


def test_plan_feeds_plans_robots_feed_sitemap_and_redirects_only_for_expired_postings(tmp_path):
    from conftest import basic_fields, posting_text

    open_job = posting_text(**basic_fields(id="A-1", title="Open Role", department="Sales", summary="Sell things."))
    gone_job = posting_text(**basic_fields(id="A-2", title="Gone Role", date_posted="2026-01-01", valid_through="2026-01-31"))
    planned = _planned_feeds(tmp_path / "one", {"open-role.md": open_job})
    listing_feeds = ["departments/sales/feed.xml", "locations/berlin-de/feed.xml"]  # the open role's listings only
    assert sorted(planned) == sorted([*listing_feeds, "feed.xml", "robots.txt", "sitemap.xml"])  # nothing has gone: no _redirects
    planned = _planned_feeds(tmp_path / "two", {"open-role.md": open_job, "gone-role.md": gone_job})
    assert sorted(planned) == sorted(["_redirects", *listing_feeds, "feed.xml", "robots.txt", "sitemap.xml"])

    rules = [line.split() for line in _made(planned["_redirects"]).decode().splitlines() if not line.startswith("#")]
    assert rules == [["/jobs/gone-role/", "/410.html", "410"], ["/jobs/gone-role", "/410.html", "410"]]
    assert _made(planned["robots.txt"]).decode().splitlines()[-1] == "Sitemap: https://jobs.test.example/sitemap.xml"  # conftest.CONFIG's base_url

    feed = feedparser.parse(_made(planned["feed.xml"]))
    assert not feed.bozo and [e.title for e in feed.entries] == ["Open Role"]
    assert feed.entries[0].tags[0].term == "Sales" and feed.entries[0].summary == "Sell things."
    urls = etree.fromstring(_made(planned["sitemap.xml"])).findall("{http://www.sitemaps.org/schemas/sitemap/0.9}url")
    locs = [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in urls]
    assert any(loc.endswith("/jobs/open-role/") for loc in locs) and not any("gone-role" in loc for loc in locs)


def test_plan_feeds_keys_change_with_what_each_file_shows_and_only_then(tmp_path):
    from conftest import basic_fields, posting_text

    def keys(folder, **fields):
        planned = _planned_feeds(tmp_path / folder, {"role.md": posting_text(**basic_fields(**{"id": "A-1", "title": "Role", **fields}))})
        return {path: p.key for path, p in planned.items()}

    first, same = keys("a"), keys("b")
    assert first == same and first["feed.xml"] != first["sitemap.xml"]  # one key per file, however alike their inputs
    for n, change in enumerate(({"title": "Other Role"}, {"department": "Design"}, {"summary": "New summary."})):
        assert keys(f"changed-{n}", **change)["feed.xml"] != first["feed.xml"], change
    for n, change in enumerate(({"title": "Other Role"}, {"summary": "New summary."})):  # what a listing's feed shows of it
        changed = keys(f"group-{n}", **change)
        assert changed["departments/engineering/feed.xml"] != first["departments/engineering/feed.xml"], change
        assert changed["locations/berlin-de/feed.xml"] != first["locations/berlin-de/feed.xml"], change


def test_sitemap_lists_home_postings_listings_and_pages_each_with_its_newest_change(tmp_path):
    from conftest import basic_fields, posting_text

    paris = "[{city: Paris, country: FR}]"
    postings = {
        "old.md": posting_text(**basic_fields(id="A-1", title="Old Role", date_posted="2026-10-01", department="Sales", locations=paris)),
        "edited.md": posting_text(**basic_fields(id="A-2", title="Edited Role", date_posted="2026-09-01", updated="2026-11-10",
                                                 department="Sales")),
        "new.md": posting_text(**basic_fields(id="A-3", title="New Role", date_posted="2026-11-20", department="Design", locations=paris)),
    }
    planned = _planned_feeds(tmp_path, postings, pages={"benefits.md": "---\ntitle: Benefits\n---\nGood ones.\n"})
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urlset = etree.fromstring(_made(planned["sitemap.xml"]))
    lastmod = {u.findtext(f"{ns}loc").removeprefix("https://jobs.test.example"): u.findtext(f"{ns}lastmod")
               for u in urlset.findall(f"{ns}url")}
    assert lastmod == {
        "/": "2026-11-20",  # the newest change of any open posting
        "/jobs/old/": "2026-10-01", "/jobs/edited/": "2026-11-10", "/jobs/new/": "2026-11-20",  # updated wins over posted
        "/departments/sales/": "2026-11-10", "/departments/design/": "2026-11-20",
        "/locations/paris-fr/": "2026-11-20", "/locations/berlin-de/": "2026-11-10",
        "/benefits/": None,  # a free page has no date to give
    }


def test_plan_feeds_keys_follow_the_config_and_each_postings_date(tmp_path):
    from conftest import basic_fields, posting_text

    def keys(folder, **fields):
        planned = _planned_feeds(tmp_path / folder, {"role.md": posting_text(**basic_fields(**{"id": "A-1", **fields}))})
        return {path: p.key for path, p in planned.items()}

    first = keys("a")
    assert all(isinstance(key, str) and key for key in first.values())
    assert keys("b") == first  # same input, same keys
    redated = keys("c", updated="2026-11-22")  # only the sitemap shows lastmod
    assert redated["sitemap.xml"] != first["sitemap.xml"]
    from conftest import CONFIG

    renamed = _planned_feeds(tmp_path / "d", {"role.md": posting_text(**basic_fields(id="A-1"))},
                             config=CONFIG.replace('title = "Test Careers"', 'title = "New Careers"'))
    assert renamed["feed.xml"].key != first["feed.xml"] and renamed["sitemap.xml"].key != first["sitemap.xml"]
