"""End to end: the repository's example site, built and read back with independent parsers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import extruct
import feedparser
import frontmatter
import html5lib
from lxml import etree, html as lxml_html

from careersite.vocabulary import unknown_properties

from conftest import NOW, REPO

BASE = "https://careers.acme.example"
GOOGLE_EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}


def page_path(path: Path) -> tuple[str, str]:
    """(language, page path) of a posting file: x.md is English at jobs/x, x.de.md German at de/jobs/x."""
    stem, _, tag = path.stem.rpartition(".")
    return (tag, f"{tag}/jobs/{stem}") if stem else ("en", f"jobs/{path.stem}")


def expected_open(language: str | None = "en") -> dict[str, dict]:
    """Open postings judged straight from the files with python-frontmatter, not careersite's reader,
    by their page's path (jobs/x, de/jobs/x): those of one `language`, or of all (None)."""
    today = NOW.date()
    found = {}
    for path in sorted((REPO / "content" / "jobs").glob("*.md")):
        meta = frontmatter.load(path).metadata
        tag, key = page_path(path)
        if meta.get("draft") or language not in (None, tag):
            continue
        posted = dt.date.fromisoformat(str(meta["date_posted"]))
        until = meta.get("valid_through")
        if posted > today or (until and dt.date.fromisoformat(str(until)[:10]) < today):
            continue
        found[key] = meta
    # every test that loops over these would pass with nothing checked if none were open on NOW
    assert found, f"no posting in content/jobs is open on {today}: the example site needs open postings to test"
    return found


def jsonld(page: Path) -> list[dict]:
    return extruct.extract(page.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]


def test_example_content_covers_the_brief():
    metas = [frontmatter.load(p).metadata for p in (REPO / "content" / "jobs").glob("*.md")]
    assert len(metas) >= 8
    assert len({m.get("department") for m in metas}) >= 3
    assert {"onsite", "hybrid", "remote"} <= {m.get("workplace") for m in metas}
    assert any(m.get("draft") for m in metas)
    assert any("salary" in m for m in metas) and any("salary" not in m for m in metas)
    assert len(expected_open()) < len(metas) - 1  # one draft and at least one expired


def test_every_open_posting_has_one_job_posting(built_example):
    for slug, meta in expected_open(None).items():
        page = built_example / slug / "index.html"
        items = [i for i in jsonld(page) if i.get("@type") == "JobPosting"]
        assert len(items) == 1, slug
        job = items[0]
        assert job["@type"] == "JobPosting"
        assert job["title"] == meta["title"]
        assert job["datePosted"] == str(meta["date_posted"])
        assert job["hiringOrganization"]["name"] == "Acme Corp"
        assert job["hiringOrganization"]["logo"].startswith("https://")
        assert "<p>" in job["description"] or "<li>" in job["description"]
        assert job["url"] == f"{BASE}/{slug}/"
        types = job["employmentType"] if isinstance(job["employmentType"], list) else [job["employmentType"]]
        assert set(types) <= GOOGLE_EMPLOYMENT_TYPES
        if meta.get("workplace") == "remote":
            assert job["jobLocationType"] == "TELECOMMUTE"
            assert job["applicantLocationRequirements"]
        else:
            places = job["jobLocation"] if isinstance(job["jobLocation"], list) else [job["jobLocation"]]
            assert len(places) == len(meta["locations"])
            for place in places:
                assert place["@type"] == "Place"
                assert re.fullmatch(r"[A-Z]{2}", place["address"]["addressCountry"])
        if "salary" in meta:
            salary = job["baseSalary"]
            assert salary["currency"] == meta["salary"].get("currency", "USD")
            assert salary["value"]["unitText"] in {"HOUR", "DAY", "WEEK", "MONTH", "YEAR"}
        else:
            assert "baseSalary" not in job
        if "id" in meta:
            assert job["identifier"]["value"] == str(meta["id"])
        if "valid_through" in meta:
            assert job["validThrough"].startswith(str(meta["valid_through"]))
        assert unknown_properties(job) == []


def test_salary_shown_on_page_matches_json_ld(built_example):
    page = (built_example / "jobs" / "senior-backend-engineer" / "index.html").read_text()
    job = jsonld(built_example / "jobs" / "senior-backend-engineer" / "index.html")[0]
    assert job["baseSalary"]["value"]["minValue"] == 160000
    assert job["baseSalary"]["value"]["maxValue"] == 240000
    assert "$160,000 – $240,000 per year" in page


def test_listing_pages_carry_no_job_posting(built_example):
    listings = [built_example / "index.html", *built_example.glob("departments/*/index.html"), *built_example.glob("locations/*/index.html")]
    assert len(listings) > 5
    for page in listings:
        assert not [i for i in jsonld(page) if i.get("@type") == "JobPosting"], page


def test_listing_shows_every_open_posting_grouped(built_example):
    doc = lxml_html.parse(str(built_example / "index.html")).getroot()
    links = {a.get("href") for a in doc.iter("a")}
    for slug in expected_open():
        assert f"/{slug}/" in links
    departments = {m.get("department") for m in expected_open().values()}
    headings = [h.text_content() for h in doc.iter("h2")]
    for department in departments:
        assert any(h.startswith(department) for h in headings)


def test_feed_lists_exactly_the_open_postings_newest_first(built_example):
    feed = feedparser.parse((built_example / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    links = [e.link for e in feed.entries]
    assert sorted(links) == sorted(f"{BASE}/{slug}/" for slug in expected_open())
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in feed.entries:
        assert entry.id == entry.link
        assert entry.summary
        assert entry.tags[0].term


def test_sitemap_follows_the_protocol(built_example):
    root = etree.parse(str(built_example / "sitemap.xml")).getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    locs = [u.findtext("s:loc", namespaces=ns) for u in root.findall("s:url", ns)]
    assert len(locs) == len(set(locs)) <= 50000
    for url in root.findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns)
        assert loc.startswith(BASE + "/")
        lastmod = url.findtext("s:lastmod", namespaces=ns)
        if lastmod:
            dt.date.fromisoformat(lastmod[:10])
    jobs = {loc for loc in locs if "/jobs/" in loc}
    assert jobs == {f"{BASE}/{slug}/" for slug in expected_open(None)}
    for slug, meta in expected_open(None).items():
        url = next(u for u in root.findall("s:url", ns) if u.findtext("s:loc", namespaces=ns) == f"{BASE}/{slug}/")
        assert url.findtext("s:lastmod", namespaces=ns) == str(meta.get("updated") or meta["date_posted"])


def test_robots_points_to_the_sitemap(built_example):
    robots = (built_example / "robots.txt").read_text()
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()


def test_every_page_is_valid_html_with_head_metadata(built_example):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    pages = sorted(built_example.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser.parse(text)  # raises on any HTML5 parse error
        doc = lxml_html.fromstring(text)
        german = page.relative_to(built_example).parts[0] == "de"
        assert doc.get("lang") == ("de" if german else "en")
        assert doc.findtext(".//title")
        assert doc.xpath("//meta[@name='description']/@content")[0]
        assert doc.xpath("//meta[@property='og:title']")
        feed = doc.xpath("//link[@rel='alternate'][@type='application/rss+xml']/@href")
        listing = page.parent.parent.name in ("departments", "locations")  # and its own feed (test_job_feeds)
        assert feed == [f"{BASE}{'/de' if german else ''}/feed.xml"] + ([f"{BASE}/{page.parent.relative_to(built_example).as_posix()}/feed.xml"] if listing else [])
        if page.name not in ("404.html", "410.html"):
            assert doc.xpath("//link[@rel='canonical']/@href")[0].startswith(BASE + "/")
        assert len(doc.xpath("//h1")) == 1, page


def test_every_internal_link_resolves_to_a_built_file(built_example):
    for page in built_example.rglob("*.html"):
        doc = lxml_html.fromstring(page.read_bytes())
        for attribute in ("href", "src"):
            for value in doc.xpath(f"//@{attribute}"):
                url = urljoin(BASE + "/" + page.relative_to(built_example).as_posix(), value)
                parts = urlsplit(url)
                if parts.netloc != urlsplit(BASE).netloc or parts.scheme not in ("http", "https"):
                    continue
                path = parts.path.lstrip("/")
                target = built_example / path
                if path == "" or path.endswith("/"):
                    target = target / "index.html"
                assert target.is_file(), f"{page}: {value}"


def test_expired_and_draft_postings_are_not_published(built_example):
    for path in (REPO / "content" / "jobs").glob("*.md"):
        if page_path(path)[1] not in expected_open(None):
            assert not (built_example / page_path(path)[1]).exists()
    redirects = (built_example / "_redirects").read_text()
    expired = [p.stem for p in (REPO / "content" / "jobs").glob("*.md")
               if "valid_through" in frontmatter.load(p).metadata
               and str(frontmatter.load(p).metadata["valid_through"])[:10] < NOW.date().isoformat()]
    assert expired
    for slug in expired:
        assert re.search(rf"^/jobs/{slug}/\s+/410.html\s+410$", redirects, re.M)
