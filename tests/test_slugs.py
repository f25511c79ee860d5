"""Slugs that keep letters of every script: Latin names keep their old ASCII slugs, other scripts
keep their letters, URLs that machines read are percent-encoded, and a built site in Japanese,
Cyrillic, Arabic and Greek has distinct URLs that work on disk, over HTTP and through `serve`."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
import unicodedata
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree, html as lxml_html

from careersite.cache import BuildCache
from careersite.problems import ContentError
from careersite.search import SearchRecord, search_files
from careersite.serve import Preview, make_app
from careersite.slugs import slugify, url_path
from conftest import CONFIG, basic_fields, build_site, job_posting, posting_text, write_site

BASE = "https://jobs.test.example"
SCRIPTS = {  # department, city, country: one of each script the issue names
    "sales-jp.md": ("営業", "東京", "JP", "営業", "東京-jp"),
    "sales-ru.md": ("Продажи", "Москва", "RU", "продажи", "москва-ru"),
    "sales-eg.md": ("المبيعات", "القاهرة", "EG", "المبيعات", "القاهرة-eg"),
    "sales-gr.md": ("Πωλήσεις", "Αθήνα", "GR", "πωλήσεις", "αθήνα-gr"),
}


def _old_slugify(text: str) -> str:
    """careersite's rule before slugs kept other scripts: what every Latin name must still give."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@pytest.mark.parametrize("name, slug", [
    ("Zürich", "zurich"), ("Customer Success (EMEA)", "customer-success-emea"), ("São Paulo BR", "sao-paulo-br"),
    ("Straße", "strae"), ("Café–Bar", "cafebar"), ("İstanbul", "istanbul"), ("Hawaiʻi", "hawaii"), ("ＦＵＬＬ ｗｉｄｔｈ", "full-width"),
])
def test_latin_names_keep_their_ascii_slugs(name, slug):
    assert slugify(name) == slug == _old_slugify(name)


@pytest.mark.parametrize("name, slug", [
    ("営業", "営業"), ("Продажи", "продажи"), ("Πωλήσεις", "πωλήσεις"), ("المبيعات", "المبيعات"),
    ("セールス", "セールス"), ("营业・企画", "营业-企画"), ("हिन्दी विभाग", "हिन्दी-विभाग"),
    ("Sales 営業", "sales-営業"), ("Москва RU", "москва-ru"), ("ΑΘΗΝΑ", "αθηνα"),
])
def test_names_in_other_scripts_keep_their_letters(name, slug):
    assert slugify(name) == slug


def test_marks_a_word_may_go_without_give_no_second_url():
    assert slugify("الْمَبِيعَات") == slugify("المـبيعات") == slugify("المبيعات")  # harakat, tatweel
    assert slugify("Прода́жи") == "продажи"  # a stress mark


def test_names_in_different_scripts_never_share_a_slug():
    slugs = [slugify(name) for name in ("Sales", "営業", "Продажи", "المبيعات", "Πωλήσεις", "Ventes")]
    assert len(set(slugs)) == len(slugs) and all(slugs)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_a_name_whose_slug_is_ascii_slugs_as_it_always_did(name):
    slug = slugify(name)
    if slug.isascii():
        assert slug == _old_slugify(name)
    else:  # kept letters of another script: what a URL must encode
        assert url_path(slug).isascii() and unquote(url_path(slug)) == slug


def test_url_path_encodes_only_what_a_url_cannot_hold():
    assert url_path("/departments/営業/") == "/departments/%E5%96%B6%E6%A5%AD/"
    assert url_path("/jobs/customer-success-emea/") == "/jobs/customer-success-emea/"
    assert url_path("/departments/%E5%96%B6/") == "/departments/%E5%96%B6/"  # never twice


@pytest.fixture(scope="module")
def scripts_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("scripts")
    postings = {name: posting_text(**basic_fields(
        title=f"Sales {n}", id=f"S-{n}", department=department, locations=f"[{{city: {city}, country: {country}}}]"))
        for n, (name, (department, city, country, _, _)) in enumerate(SCRIPTS.items())}
    postings["営業マネージャー.md"] = posting_text(**basic_fields(title="Sales Manager", id="S-JP2", department="営業",
                                                              locations="[{city: 東京, country: JP}]"))
    postings["Прошлая.md"] = posting_text(**basic_fields(title="Old Role", id="S-OLD", date_posted="2026-10-01", valid_through="2026-11-01"))
    site = write_site(root / "site", postings)
    build_site(site, jobs=1, search=False)
    return site, site / "output"


def _site_file(output: Path, url: str) -> Path:
    """The built file a URL of the site names, read as a static host reads it: decoded, index.html."""
    path = unquote(urlsplit(url).path)
    return output / path.lstrip("/") / "index.html" if path.endswith("/") else output / path.lstrip("/")


def test_departments_and_locations_in_four_scripts_build_distinct_folders(scripts_site):
    _, output = scripts_site
    for department, _, _, dept_slug, loc_slug in SCRIPTS.values():
        page = lxml_html.parse(str(output / "departments" / dept_slug / "index.html"))
        assert department in page.findtext(".//h1")
        assert (output / "locations" / loc_slug / "index.html").is_file()
        assert (output / "departments" / dept_slug / "feed.xml").is_file()
    assert (output / "jobs" / "営業マネージャー" / "index.html").is_file()
    assert len(list((output / "departments").iterdir())) == 4


def test_sitemap_locs_are_ascii_and_name_built_pages(scripts_site):
    _, output = scripts_site
    locs = [loc.text for loc in etree.parse(str(output / "sitemap.xml")).iter("{*}loc")]
    assert f"{BASE}/departments/%E5%96%B6%E6%A5%AD/" in locs
    for loc in locs:
        assert loc.isascii() and _site_file(output, loc).is_file(), loc


def test_feeds_link_ascii_urls_of_built_pages(scripts_site):
    _, output = scripts_site
    for feed_file in [output / "feed.xml", *output.glob("departments/*/feed.xml"), *output.glob("locations/*/feed.xml")]:
        feed = feedparser.parse(feed_file.read_bytes())
        assert not feed.bozo and feed.entries, feed_file
        for entry in feed.entries:
            assert entry.link.isascii() and _site_file(output, entry.link).is_file(), entry.link
        assert feed.feed.link.isascii()


def test_job_posting_url_canonical_and_og_url_are_percent_encoded(scripts_site):
    _, output = scripts_site
    page = output / "jobs" / "営業マネージャー" / "index.html"
    expected = f"{BASE}/jobs/{url_path('営業マネージャー')}/"
    assert job_posting(page)["url"] == expected
    tree = lxml_html.parse(str(page))
    assert tree.find(".//link[@rel='canonical']").get("href") == expected
    assert tree.find(".//meta[@property='og:url']").get("content") == expected


def test_a_default_apply_url_gets_the_slug_percent_encoded(tmp_path):
    config = CONFIG.replace("apply?job={id}", "apply/{slug}")
    site = write_site(tmp_path / "site", {"営業.md": posting_text(**basic_fields())}, config)
    build_site(site, jobs=1, search=False)
    page = lxml_html.parse(str(site / "output" / "jobs" / "営業" / "index.html"))
    assert "https://test.example/apply/%E5%96%B6%E6%A5%AD" in page.xpath("//a/@href")


def test_redirects_of_gone_postings_are_url_encoded(scripts_site):
    _, output = scripts_site
    rules = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    gone = f"/jobs/{url_path('прошлая')}/"
    assert f"{gone}  /410.html  410" in rules and all(line.isascii() for line in rules)


def test_every_link_in_the_built_pages_reaches_a_built_file(scripts_site):
    _, output = scripts_site
    checked = 0
    for page in output.rglob("*.html"):
        tree = lxml_html.parse(str(page))
        here = "/" + page.relative_to(output).parent.as_posix() + "/"
        for href in tree.xpath("//a/@href | //link[@rel='alternate']/@href"):
            url = urljoin(BASE + here, href)
            if not url.startswith(BASE) or urlsplit(url).fragment and not urlsplit(url).path:
                continue
            assert _site_file(output, url).is_file() or (output / unquote(urlsplit(url).path).lstrip("/")).is_file(), (page, href)
            checked += 1
    assert checked > 50


def test_listing_filters_use_the_same_slugs_as_the_listing_pages(scripts_site):
    _, output = scripts_site
    home = lxml_html.parse(str(output / "index.html"))
    rows = [row for row in home.iter("li") if row.get("data-job") is not None]
    departments = {row.get("data-department") for row in rows}
    places = {slug for row in rows for slug in row.get("data-locations").split()}
    assert departments == {d for _, _, _, d, _ in SCRIPTS.values()}
    assert places == {loc for _, _, _, _, loc in SCRIPTS.values()}
    # listing.js compares a row's data attributes with the chosen option's value, as text
    assert {o.get("value") for o in home.xpath("//select[@name='department']/option") if o.get("value")} == departments
    assert {o.get("value") for o in home.xpath("//select[@name='location']/option") if o.get("value")} == places


def test_percent_encoded_urls_are_served_from_the_static_files(scripts_site):
    _, output = scripts_site
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for _, _, _, dept_slug, loc_slug in SCRIPTS.values():
            for path in (f"/departments/{dept_slug}/", f"/locations/{loc_slug}/"):
                url = f"http://127.0.0.1:{server.server_address[1]}{url_path(path)}"
                with urllib.request.urlopen(url, timeout=10) as answer:
                    assert answer.status == 200 and b"<h1" in answer.read()
    finally:
        server.shutdown()
        server.server_close()


def _serve_get(app, raw_path: bytes) -> tuple[str, dict, bytes]:
    """A GET through serve's WSGI app as a server hands it over: PATH_INFO is the decoded bytes as Latin-1."""
    answer = {}
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": unquote(raw_path.decode("ascii"), encoding="latin-1")}
    body = b"".join(app(environ, lambda status, headers: answer.update(status=status, headers=dict(headers))))
    return answer["status"], answer["headers"], body


def test_serve_answers_percent_encoded_paths(scripts_site, tmp_path):
    site, _ = scripts_site
    preview = Preview(site, tmp_path / "shown", False, "http://127.0.0.1:8000", BuildCache(None))
    assert preview.rebuild(out=lambda line: None)
    app = make_app(preview, say=lambda line: None)
    for department, _, _, dept_slug, _ in SCRIPTS.values():
        status, _, body = _serve_get(app, url_path(f"/departments/{dept_slug}/").encode())
        assert status.startswith("200") and department in body.decode("utf-8")
    status, headers, _ = _serve_get(app, url_path("/departments/営業").encode())
    assert status.startswith("301") and headers["Location"] == "/departments/%E5%96%B6%E6%A5%AD/"
    status, _, _ = _serve_get(app, b"/departments/%E5%96%B6%E6%A5%AD%E9%83%A8/")
    assert status.startswith("404")


def test_two_spellings_of_one_department_are_an_error_naming_both(tmp_path):
    site = write_site(tmp_path / "site", {
        "a.md": posting_text(**basic_fields(department="Sales")),
        "b.md": posting_text(**basic_fields(id="ENG-2", title="Analyst", department="Säles",
                                            locations="[{city: Zurich, country: CH}]")),
        "c.md": posting_text(**basic_fields(id="ENG-3", title="Designer", locations="[{city: Zürich, country: CH}]")),
        "d.md": posting_text(**basic_fields(id="ENG-4", title="Writer", department="営業")),  # another script: no clash
        "e.md": posting_text(**basic_fields(id="ENG-5", title="Clerk", locations="[{city: Portland, region: OR, country: US}]")),
        "f.md": posting_text(**basic_fields(id="ENG-6", title="Nurse", locations="[{city: Portland, region: ME, country: US}]")),
    })
    with pytest.raises(ContentError) as raised:
        build_site(site, jobs=1, search=False)
    messages = [str(p) for p in raised.value.problems]
    department_fix = "write the name the same way in both files, or make the names differ in letters, not only in accents or case"
    location_fix = ("a location's URL is its city and country: write one place the same way in both files (city and region), "
                    "or write two places' cities differently")
    assert messages == [
        "content/jobs/b.md:6: department: the department 'Säles' gives the URL /departments/sales/, as 'Sales' does in "
        f"content/jobs/a.md:6; {department_fix}",
        "content/jobs/c.md:8: locations: the location 'Zürich, Switzerland' gives the URL /locations/zurich-ch/, as "
        f"'Zurich, Switzerland' does in content/jobs/b.md:8; {location_fix}",
        "content/jobs/f.md:8: locations: the location 'Portland, ME, United States' gives the URL /locations/portland-us/, as "
        f"'Portland, OR, United States' does in content/jobs/e.md:8; {location_fix}",
    ]
    assert not (site / "output").exists()


def test_posting_files_whose_names_give_one_slug_are_an_error(tmp_path):
    site = write_site(tmp_path / "site", {
        "Säles.md": posting_text(**basic_fields()),
        "sales.md": posting_text(**basic_fields(id="ENG-2")),
        "営業.md": posting_text(**basic_fields(id="ENG-3")),
    })
    with pytest.raises(ContentError) as raised:
        build_site(site, jobs=1, search=False)
    [problem] = raised.value.problems
    assert "gives the URL /jobs/sales/" in str(problem) and "rename one of the files" in str(problem)


def test_pages_whose_names_give_one_slug_are_an_error(tmp_path):
    page = "---\ntitle: About\n---\nWho we are.\n"
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields())},
                      pages={"Café.md": page, "cafe.md": page, "会社概要.md": page})
    with pytest.raises(ContentError) as raised:
        build_site(site, jobs=1, search=False)
    [problem] = raised.value.problems
    assert str(problem) == "content/pages/cafe.md: gives the URL /cafe/, which content/pages/Café.md already has; rename one of the files"


def test_search_records_of_other_scripts_give_back_their_page():
    records = [SearchRecord("/jobs/営業マネージャー/", "営業マネージャー", "東京で法人営業を担当します。", "営業", ("東京, Japan",), "On-site"),
               SearchRecord("/jobs/продажи/", "Менеджер по продажам", "Продавать в Москве.", "Продажи", ("Москва, Russia",), "On-site")]
    urls = []
    for path, data in search_files(records, "en").items():
        if path.startswith("pagefind/fragment/"):
            fragment = json.loads(gzip.decompress(data)[len(b"pagefind_dcd"):])
            urls.append(fragment["url"])
            assert fragment["meta"]["department"] in ("営業", "Продажи")
    # the URL Pagefind gives back is the page's path (an IRI, as in the pages' links)
    assert sorted(unquote(url) for url in urls) == ["/jobs/продажи/", "/jobs/営業マネージャー/"]


def test_careersite_serve_answers_percent_encoded_paths(scripts_site, tmp_path):
    from test_serve import get, start_server, stopped  # the real server: its WSGI container decodes the path

    site, _ = scripts_site
    temp = tmp_path / "tmp"
    temp.mkdir()
    base, process = start_server(site, temp)
    try:
        for department, _, _, dept_slug, loc_slug in SCRIPTS.values():
            status, body, _ = get(base + url_path(f"/departments/{dept_slug}/"))
            assert status == 200 and department in body
            assert get(base + url_path(f"/locations/{loc_slug}/"))[0] == 200
        assert get(base + url_path("/jobs/営業マネージャー/"))[0] == 200
    finally:
        stopped(process)


def test_a_department_too_long_for_a_folder_name_is_an_error(tmp_path):
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields(department="営" * 90))})
    with pytest.raises(ContentError) as raised:
        build_site(site, jobs=1, search=False)
    [problem] = raised.value.problems
    assert str(problem).startswith("content/jobs/a.md:6: department: the department '" + "営" * 40 + "'... gives a folder name of 270 bytes")
    assert str(problem).endswith("file systems hold at most 255; shorten the name")
