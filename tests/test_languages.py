"""A site in several languages: translations linked both ways (hreflang, sitemap alternates, the
switcher), each language's pages, feed and search, html lang and dir, and the checks of translations.
Built pages are read back with independent parsers (lxml, extruct, feedparser) and searched with
Pagefind's own runtime."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from lxml import etree, html as lxml_html

from careersite.check import check_site
from careersite.config import load_config
from careersite.problems import ContentError, Problems

from conftest import NOW, REPO, basic_fields, build_site, job_posting, posting_text, tree, write_site

SITE = REPO / "tests" / "sites" / "languages"  # English (default), Arabic, Japanese
BASE = "https://jobs.kumo.example"
XHTML = "http://www.w3.org/1999/xhtml"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("languages") / "site"
    shutil.copytree(SITE, site)
    build_site(site)
    return site / "output"


def pages(output: Path, base: str = BASE) -> dict[str, lxml_html.HtmlElement]:
    """Every indexable built page (404 and 410 aside) by its absolute URL."""
    found = {}
    for page in sorted(output.rglob("index.html")):
        path = page.parent.relative_to(output).as_posix()
        found[f"{base}/{path}/" if path != "." else f"{base}/"] = lxml_html.fromstring(page.read_bytes())
    return found


def hreflangs(doc) -> dict[str, str]:
    """A page's hreflang alternates, their URLs decoded (machines read them percent-encoded: slugs.url_path)."""
    return {link.get("hreflang"): unquote(link.get("href")) for link in doc.xpath("//head/link[@rel='alternate'][@hreflang]")}


@pytest.mark.parametrize("site", ["languages", "example"])
def test_every_hreflang_pair_is_reciprocal(site, request):
    if site == "example":
        docs, least = pages(request.getfixturevalue("built_example"), "https://careers.acme.example"), 8
    else:
        docs, least = pages(request.getfixturevalue("built")), 9
    linked = 0
    for url, doc in docs.items():
        alternates = hreflangs(doc)
        if not alternates:
            continue
        linked += 1
        assert alternates[doc.get("lang")] == url  # a page lists itself, under its own language
        assert "x-default" in alternates
        for tag, other in alternates.items():
            assert other in docs, other
            assert hreflangs(docs[other]) == alternates, (url, other)  # the same set, both ways
            if tag != "x-default":
                assert docs[other].get("lang") == tag
    assert linked >= least  # the versions of postings, the home pages, the department and location pages


def test_the_example_site_links_its_german_translations_both_ways(built_example):
    docs = pages(built_example, "https://careers.acme.example")
    english = docs["https://careers.acme.example/jobs/product-designer/"]
    german = docs["https://careers.acme.example/de/jobs/product-designer/"]
    assert hreflangs(english) == hreflangs(german) == {
        "en": "https://careers.acme.example/jobs/product-designer/",
        "de": "https://careers.acme.example/de/jobs/product-designer/",
        "x-default": "https://careers.acme.example/jobs/product-designer/",
    }
    translated = [url for url in docs if "/de/jobs/" in url]
    assert len(translated) >= 3


def test_sitemap_lists_every_version_as_xhtml_alternates(built):
    root = etree.parse(str(built / "sitemap.xml")).getroot()
    urls = {u.findtext(f"{{{SITEMAP}}}loc"): u for u in root.findall(f"{{{SITEMAP}}}url")}
    support = {f"{BASE}/jobs/support-engineer/", f"{BASE}/ar/jobs/support-engineer/", f"{BASE}/ja/jobs/support-engineer/"}
    assert support <= set(urls)
    for loc in support:
        links = urls[loc].findall(f"{{{XHTML}}}link")
        assert {link.get("rel") for link in links} == {"alternate"}
        alternates = {link.get("hreflang"): link.get("href") for link in links}
        assert alternates == {"en": f"{BASE}/jobs/support-engineer/", "ar": f"{BASE}/ar/jobs/support-engineer/",
                              "ja": f"{BASE}/ja/jobs/support-engineer/", "x-default": f"{BASE}/jobs/support-engineer/"}
    # every alternate is itself in the sitemap, with the same alternates (Google: each URL lists all)
    for loc, url in urls.items():
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{{{XHTML}}}link")}
        for other in alternates.values():
            assert other in urls
            assert {l.get("hreflang"): l.get("href") for l in urls[other].findall(f"{{{XHTML}}}link")} == alternates


def test_a_site_in_one_language_has_no_alternates_and_no_xhtml_namespace(tmp_path):
    site = write_site(tmp_path / "site", {"job.md": posting_text(**basic_fields())})
    build_site(site)
    sitemap = (site / "output/sitemap.xml").read_bytes()
    assert XHTML.encode() not in sitemap
    page = lxml_html.fromstring((site / "output/jobs/job/index.html").read_bytes())
    assert page.get("lang") == "en" and page.get("dir") is None
    assert not hreflangs(page) and not page.xpath("//nav[contains(@class, 'language-switcher')]")


def test_each_translation_has_one_job_posting_in_its_language_with_the_same_identifier(built):
    english = job_posting(built / "jobs/support-engineer/index.html")
    arabic = job_posting(built / "ar/jobs/support-engineer/index.html")
    japanese = job_posting(built / "ja/jobs/support-engineer/index.html")
    assert english["title"] == "Support Engineer"
    assert arabic["title"] == "مهندس دعم فني" and "مستودعاتنا" in arabic["description"]
    assert japanese["title"] == "サポートエンジニア" and "倉庫" in japanese["description"]
    # the Japanese file gives no id: a translation carries its original's
    assert english["identifier"] == arabic["identifier"] == japanese["identifier"]
    assert english["identifier"]["value"] == "KUMO-0007"
    assert arabic["url"] == f"{BASE}/ar/jobs/support-engineer/"
    assert english["baseSalary"] == arabic["baseSalary"] == japanese["baseSalary"]


def test_html_lang_and_dir_follow_the_page_language(built):
    seen = set()
    locales = {"en": "en_US", "ar": "ar_EG", "ja": "ja_JP"}  # Open Graph's language_TERRITORY, CLDR's likeliest
    for page in built.rglob("*.html"):  # 404.html and 410.html too: each language's
        doc = lxml_html.fromstring(page.read_bytes())
        first = page.relative_to(built).parts[0]
        tag = first if first in ("ar", "ja") else "en"
        seen.add(tag)
        assert doc.get("lang") == tag, page
        assert doc.get("dir") == ("rtl" if tag == "ar" else "ltr"), page
        assert doc.xpath("//meta[@property='og:locale']/@content") == [locales[tag]]
    assert seen == {"en", "ar", "ja"}


def test_language_switcher_links_to_the_translation_or_that_languages_listing(built):
    def switcher(path: str) -> dict[str, str]:
        doc = lxml_html.fromstring((built / path).read_bytes())
        return {a.get("hreflang"): a.get("href") for a in doc.xpath("//nav[contains(@class, 'language-switcher')]//a")}

    assert switcher("ja/jobs/support-engineer/index.html") == {
        "en": "/jobs/support-engineer/", "ar": "/ar/jobs/support-engineer/", "ja": "/ja/jobs/support-engineer/"}
    # the forklift posting has no Arabic version: Arabic links to the Arabic listing
    assert switcher("jobs/forklift-lead/index.html") == {"en": "/jobs/forklift-lead/", "ar": "/ar/", "ja": "/ja/jobs/forklift-lead-ja/"}


def test_hugo_translation_key_kept_by_import_links_translations(built):
    japanese = lxml_html.fromstring((built / "ja/jobs/forklift-lead-ja/index.html").read_bytes())
    assert hreflangs(japanese)["en"] == f"{BASE}/jobs/forklift-lead/"


def test_each_language_has_its_own_listing_and_feed(built):
    home = lxml_html.fromstring((built / "ja/index.html").read_bytes())
    links = set(home.xpath("//a/@href"))
    assert {"/ja/jobs/support-engineer/", "/ja/jobs/forklift-lead-ja/"} <= links
    assert not any(link.startswith("/jobs/") for link in links)  # no posting of another language
    for prefix, tag, count in (("", "en", 2), ("ar/", "ar", 1), ("ja/", "ja", 2)):
        feed = feedparser.parse((built / f"{prefix}feed.xml").read_bytes())
        assert not feed.bozo and feed.feed.language == tag
        assert len(feed.entries) == count
        assert all(entry.link.startswith(f"{BASE}/{prefix}jobs/") for entry in feed.entries)
    assert (built / "ar/departments/operations/feed.xml").is_file()


def _pagefind_search(output: Path, bundle: str, term: str, tmp_path: Path, merged: tuple[str, ...] = ()) -> list[str]:
    """The site paths Pagefind's own runtime (pagefind.js in Node) finds for `term` in a bundle and
    the bundles `merged` into it (site paths, as the listing's data-search-merge gives them), served
    from the built folder by a local server."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        shutil.copy(output / bundle / "pagefind.js", tmp_path / "pagefind.mjs")
        script = tmp_path / "query.mjs"
        script.write_text(
            "const pf = await import(process.argv[2]);\n"
            "await pf.options({ basePath: process.argv[3] });\n"
            "for (const path of process.argv.slice(5)) await pf.mergeIndex(new URL(path, process.argv[3]).href);\n"
            "const found = await pf.search(process.argv[4]);\n"
            "const urls = [];\n"
            "for (const r of found.results) urls.push(new URL((await r.data()).url).pathname);\n"
            "console.log(JSON.stringify(urls));\n")
        base = f"http://127.0.0.1:{server.server_address[1]}/{bundle}/"
        done = subprocess.run(["node", str(script), str(tmp_path / "pagefind.mjs"), base, term, *merged],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)
    finally:
        server.shutdown()


@pytest.mark.skipif(shutil.which("node") is None, reason="Pagefind's runtime is run with Node")
@pytest.mark.parametrize("bundle, term, expected", [
    ("pagefind", "scanners", "/jobs/support-engineer/"),
    ("ar/pagefind", "الماسحات", "/ar/jobs/support-engineer/"),
    # words inside a run of Japanese text (すべてのパレットが, 繰り返し起きる障害の原因): Pagefind's
    # extended binary, which careersite uses for Japanese pages, splits the run into words
    ("ja/pagefind", "パレット", "/ja/jobs/forklift-lead-ja/"),
    ("ja/pagefind", "障害", "/ja/jobs/support-engineer/"),
])
def test_search_in_each_language_finds_a_posting_by_a_word_of_its_body(built, tmp_path, bundle, term, expected):
    found = _pagefind_search(built, bundle, term, tmp_path)
    assert expected in found
    language = "en" if bundle == "pagefind" else bundle.split("/")[0]
    assert all(url.startswith(f"/{language}/") for url in found) if language != "en" else all(url.startswith("/jobs/") for url in found)


def test_the_example_sites_german_search_finds_a_german_posting(built_example, tmp_path):
    if shutil.which("node") is None:
        pytest.skip("Pagefind's runtime is run with Node")
    assert "/de/jobs/product-designer/" in _pagefind_search(built_example, "de/pagefind", "Designsystem", tmp_path)
    entry = json.loads((built_example / "de/pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["de"]


def test_a_languages_sharded_index_finds_postings_of_every_shard_at_their_own_urls(tmp_path, monkeypatch):
    if shutil.which("node") is None:
        pytest.skip("Pagefind's runtime is run with Node")
    from careersite import search_shards

    monkeypatch.setattr(search_shards, "SHARD_SIZE", 1)
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    build_site(site)
    out = site / "output"
    merge = lxml_html.fromstring((out / "ja/index.html").read_bytes()).xpath("//form[@data-filters]/@data-search-merge")[0].split()
    assert merge and all(path.startswith("/ja/pagefind/") for path in merge)
    assert lxml_html.fromstring((out / "ja/index.html").read_bytes()).xpath("//form[@data-filters]/@data-search") == ["/ja/pagefind/pagefind.js"]
    found = set()
    for term in ("フォークリフト", "サポートエンジニア"):
        found |= set(_pagefind_search(out, "ja/pagefind", term, tmp_path, tuple(merge)))
    assert found == {"/ja/jobs/forklift-lead-ja/", "/ja/jobs/support-engineer/"}


# --- the checks of translations ---------------------------------------------------------------------

LANGUAGES_CONFIG = """\
title = "Acme"
base_url = "https://jobs.acme.test"
language = "en"
languages = ["de"]

[company]
name = "Acme"

[defaults]
apply_url = "https://acme.test/apply"
"""


def _problems(site: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        build_site(site)
    return [str(problem) for problem in raised.value.problems]


def test_translations_that_disagree_on_salary_dates_or_places_are_errors_at_their_line(tmp_path):
    site = write_site(tmp_path / "site", {
        "job.md": posting_text(**basic_fields()),
        "job.de.md": posting_text(**basic_fields(title="Datenbank-Ingenieur", date_posted="2026-11-02",
                                                 salary="{min: 1, max: 2, currency: EUR, unit: year}",
                                                 locations="[{city: München, country: DE}]")),
    }, LANGUAGES_CONFIG)
    messages = _problems(site)
    for field in ("date_posted", "salary", "locations"):
        [message] = [m for m in messages if m.startswith("content/jobs/job.de.md:") and f": {field}: differs from content/jobs/job.md" in m]
        assert message.split(":")[1].isdigit() and message.split(":")[1] != "0"


def test_a_translated_city_name_is_no_disagreement(tmp_path):
    site = write_site(tmp_path / "site", {
        "job.md": posting_text(**basic_fields(locations="[{city: Munich, region: BY, country: DE}]")),
        "job.de.md": posting_text(**basic_fields(title="Ingenieurin", locations="[{city: München, region: BY, country: DE}]")),
    }, LANGUAGES_CONFIG)
    build_site(site)
    assert (site / "output/de/jobs/job/index.html").is_file()


def test_translations_with_different_ids_are_an_error(tmp_path):
    site = write_site(tmp_path / "site", {
        "job.md": posting_text(**basic_fields(id="A-1")),
        "job.de.md": posting_text(**basic_fields(id="A-2")),
    }, LANGUAGES_CONFIG)
    assert any(m.startswith("content/jobs/job.de.md:") and ": id: differs from content/jobs/job.md" in m for m in _problems(site))


def test_two_files_claiming_one_translation_key_and_language_are_an_error(tmp_path):
    site = write_site(tmp_path / "site", {
        "job.md": posting_text(**basic_fields()),
        "job.de.md": posting_text(**basic_fields()),
        "stelle.md": posting_text(**basic_fields(language="de", translation_key="job")),
    }, LANGUAGES_CONFIG)
    messages = _problems(site)
    assert any(m.startswith("content/jobs/stelle.md:") and "translation_key" in m and "content/jobs/job.de.md is already the de version" in m
               for m in messages), messages


def test_a_language_the_site_does_not_declare_is_an_error_naming_the_fix(tmp_path):
    site = write_site(tmp_path / "site", {"job.md": posting_text(**basic_fields(language="fr"))}, LANGUAGES_CONFIG)
    [message] = _problems(site)
    assert message.startswith("content/jobs/job.md:") and "language: 'fr' is not a language of this site (en, de)" in message
    assert "careersite.toml" in message


def test_a_bad_language_tag_is_an_error_in_the_posting_and_in_careersite_toml(tmp_path):
    site = write_site(tmp_path / "site", {"job.md": posting_text(**basic_fields(language="not a tag"))}, LANGUAGES_CONFIG)
    [message] = _problems(site)
    assert message.startswith("content/jobs/job.md:") and "is not a language tag" in message
    config = write_site(tmp_path / "bad", {}, LANGUAGES_CONFIG.replace('["de"]', '["de", "klingon!", "de"]'))
    problems = Problems()
    assert load_config(config, problems) is None
    messages = [str(p) for p in problems.items]
    assert any(m.startswith("careersite.toml:4: languages:") and "'klingon!' is not a language tag" in m for m in messages), messages
    assert any("'de' is listed twice" in m for m in messages)


def test_an_outdated_translation_is_a_check_warning_at_its_updated_line(tmp_path):
    site = write_site(tmp_path / "site", {
        "job.md": posting_text(**basic_fields(updated="2026-11-20")),
        "job.de.md": posting_text(**basic_fields(title="Ingenieurin", updated="2026-11-10")),
    }, LANGUAGES_CONFIG)
    findings = check_site(site, NOW)
    [outdated] = [f for f in findings if f.code == "translation-outdated"]
    assert (outdated.path, outdated.field, outdated.severity) == ("content/jobs/job.de.md", "updated", "warning")
    assert outdated.line == (site / "content/jobs/job.de.md").read_text().splitlines().index("updated: 2026-11-10") + 1
    (site / "content/jobs/job.de.md").write_text(posting_text(**basic_fields(title="Ingenieurin", updated="2026-11-21")))
    assert not [f for f in check_site(site, NOW) if f.code == "translation-outdated"]


def test_a_rebuild_after_editing_a_translation_equals_a_cold_build(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    build_site(site)
    japanese = site / "content/jobs/support-engineer.ja.md"
    japanese.write_text(japanese.read_text().replace("倉庫の現場", "物流センターの現場"))
    build_site(site)
    cold = tmp_path / "cold"
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns("output", ".careersite-cache"))
    build_site(cold)
    assert tree(site / "output") == tree(cold / "output")
    assert "物流センター".encode() in (site / "output/ja/jobs/support-engineer/index.html").read_bytes()


def test_two_cold_builds_of_a_site_in_three_languages_are_byte_identical(tmp_path, built):
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    build_site(site, cache=False)
    assert tree(site / "output") == tree(built)


def test_declaring_a_language_and_adding_a_translation_rebuilds_as_a_cold_build(tmp_path):
    one = LANGUAGES_CONFIG.replace('languages = ["de"]\n', "")
    site = write_site(tmp_path / "site", {"job.md": posting_text(**basic_fields())}, one)
    build_site(site)
    write_site(site, {"job.de.md": posting_text(**basic_fields(title="Dateningenieurin"))}, LANGUAGES_CONFIG)
    build_site(site)
    cold = write_site(tmp_path / "cold", {"job.md": posting_text(**basic_fields()),
                                          "job.de.md": posting_text(**basic_fields(title="Dateningenieurin"))}, LANGUAGES_CONFIG)
    build_site(cold)
    assert tree(site / "output") == tree(cold / "output")
    assert hreflangs(lxml_html.fromstring((site / "output/jobs/job/index.html").read_bytes()))["de"] == "https://jobs.acme.test/de/jobs/job/"


def test_a_translation_without_an_id_is_checked_with_its_originals(tmp_path):
    fields = basic_fields(title="Dateningenieurin")
    del fields["id"]
    site = write_site(tmp_path / "site", {"job.md": posting_text(**basic_fields()), "job.de.md": posting_text(**fields)}, LANGUAGES_CONFIG)
    findings = check_site(site, NOW)
    assert {f.path for f in findings} >= {"content/jobs/job.de.md"}  # it was checked
    assert not [f for f in findings if f.code == "missing-id"]
    assert job_posting_of(site, "de/jobs/job")["identifier"]["value"] == "ENG-1"


def job_posting_of(site: Path, path: str) -> dict:
    build_site(site)
    return job_posting(site / "output" / path / "index.html")


def test_a_japanese_description_is_not_called_too_short_for_having_no_spaces():
    from careersite.lints import MIN_DESCRIPTION_WORDS, word_count

    text = (SITE / "content/jobs/support-engineer.ja.md").read_text().split("---", 2)[2]
    assert len(text.split()) < MIN_DESCRIPTION_WORDS <= word_count(text)
    assert word_count("倉庫") == 1 and word_count("Build and run 倉庫") == 4
    findings = check_site(SITE, NOW)
    assert not [f for f in findings if f.code == "description-too-short" and f.path.endswith(".ja.md")]


@pytest.mark.parametrize("tag", ["ar", "ja"])
def test_each_languages_pages_speak_its_catalogs_words(built, tag):
    """A page in another of the site's languages is rendered with that language's catalog, dates and
    salaries, not the default language's."""
    from careersite.messages import messages_for

    words = messages_for(tag)
    doc = lxml_html.fromstring((built / tag / "jobs" / "support-engineer" / "index.html").read_bytes())
    buttons = {a.text_content().strip() for a in doc.xpath("//a[contains(@class, 'button')][@href]")}
    assert words.gettext("Apply for this job") in buttons and "Apply for this job" not in buttons
    assert doc.xpath("//*[@id='facts-title']")[0].text_content().strip() == words.gettext("At a glance")
    english = lxml_html.fromstring((built / "jobs" / "support-engineer" / "index.html").read_bytes())
    assert english.xpath("//*[@id='facts-title']")[0].text_content().strip() == "At a glance"


def test_what_careersite_writes_itself_is_in_the_pages_language(built):
    """Titles, breadcrumbs, listing headings and descriptions, feed titles: careersite's own words on
    a Japanese page come from the Japanese catalog, and a country is named in Japanese (Babel's
    CLDR names)."""
    import extruct
    from babel import Locale

    from careersite.messages import messages_for

    words = messages_for("ja")
    japan = Locale.parse("ja").territories["JP"]
    posting = lxml_html.fromstring((built / "ja" / "jobs" / "support-engineer" / "index.html").read_bytes())
    crumbs = [a.text_content().strip() for a in posting.xpath("//nav[contains(@class, 'breadcrumbs')]//a")]
    assert crumbs[0] == words.gettext("All jobs") != "All jobs"
    data = extruct.extract((built / "ja" / "jobs" / "support-engineer" / "index.html").read_text(encoding="utf-8"), syntaxes=["json-ld"])
    trail = next(d for d in data["json-ld"] if d.get("@type") == "BreadcrumbList")
    assert trail["itemListElement"][0]["name"] == words.gettext("All jobs")
    assert japan in posting.xpath("string(//main)")  # 東京, 日本: the facts name the country in Japanese
    listing = lxml_html.fromstring((built / "ja" / "locations" / "東京-jp" / "index.html").read_bytes())
    heading = listing.xpath("string(//h1)").strip()
    assert heading == words.gettext("Jobs in %(place)s") % {"place": f"東京, {japan}"}
    assert listing.xpath("string(//title)").startswith(heading)
    assert "Jobs in" not in listing.xpath("string(//meta[@name='description']/@content)")
    english = lxml_html.fromstring((built / "locations" / "tokyo-jp" / "index.html").read_bytes())
    assert english.xpath("string(//h1)").strip().startswith("Jobs in ") and "Japan" in english.xpath("string(//h1)")
    feed = feedparser.parse((built / "ja" / "feed.xml").read_bytes())
    assert feed.feed.language == "ja" and feed.feed.description == words.gettext("Open positions at %(company)s") % {"company": "Kumo Logistics"}
    group_feed = feedparser.parse((built / "ja" / "locations" / "東京-jp" / "feed.xml").read_bytes())
    assert group_feed.feed.title.startswith(heading)


def test_each_language_has_its_own_404_and_410_pages_and_netlify_serves_them(built):
    """/ar/404.html in Arabic, answered by Netlify (the _redirects rule) for a missing page under /ar/,
    and an expired Arabic posting's URL gets /ar/410.html."""
    from careersite.messages import messages_for

    for tag in ("ar", "ja"):
        for name, title in (("404.html", "Page not found"), ("410.html", "Role closed")):
            doc = lxml_html.fromstring((built / tag / name).read_bytes())
            assert doc.get("lang") == tag and doc.xpath("string(//title)").startswith(messages_for(tag).gettext(title))
            assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    rules = [line.split() for line in (built / "_redirects").read_text().splitlines() if line and not line.startswith("#")]
    assert ["/ar/*", "/ar/404.html", "404"] in rules and ["/ja/*", "/ja/404.html", "404"] in rules
    assert not any(rule[0] == "/*" for rule in rules)  # the default language's 404.html is Netlify's own default


def test_netlify_redirects_send_an_expired_translation_to_its_languages_410():
    from careersite.feeds import netlify_redirects

    rules = [line.split() for line in netlify_redirects(["/jobs/a/", "/de/jobs/a/"], ("/de",)).decode().splitlines()
             if line and not line.startswith("#")]
    assert ["/jobs/a/", "/410.html", "410"] in rules and ["/de/jobs/a/", "/de/410.html", "410"] in rules
    assert ["/de/jobs/a", "/de/410.html", "410"] in rules and ["/de/*", "/de/404.html", "404"] in rules


def test_serve_answers_a_missing_page_with_its_languages_404(tmp_path):
    from careersite.cache import BuildCache
    from careersite.serve import Preview, make_app

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    preview = Preview(site, tmp_path / "shown", False, "http://127.0.0.1:8000", BuildCache(None))
    assert preview.rebuild(out=lambda line: None)
    app = make_app(preview, say=lambda line: None)
    for path, lang in (("/ar/jobs/gone/", "ar"), ("/ja/nothing", "ja"), ("/nothing/", "en"), ("/jobs/x/", "en")):
        answer = {}
        body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": path}, lambda status, headers: answer.update(status=status)))
        assert answer["status"].startswith("404")
        assert lxml_html.fromstring(body).get("lang") == lang, path


def test_a_translated_city_or_department_links_to_its_originals_listing(built):
    """東京 (Japanese) and Tokyo (English) name one place: their listings are versions of each other,
    found through the postings that translate each other, hreflang both ways and in the sitemap."""
    japanese = lxml_html.fromstring((built / "ja" / "locations" / "東京-jp" / "index.html").read_bytes())
    english = lxml_html.fromstring((built / "locations" / "tokyo-jp" / "index.html").read_bytes())
    assert hreflangs(japanese) == hreflangs(english)
    assert hreflangs(english)["ja"] == f"{BASE}/ja/locations/東京-jp/" and hreflangs(english)["en"] == f"{BASE}/locations/tokyo-jp/"
    sitemap = etree.parse(str(built / "sitemap.xml"))
    entry = sitemap.xpath("//s:url[s:loc = $loc]", loc=f"{BASE}/ja/locations/%E6%9D%B1%E4%BA%AC-jp/", namespaces={"s": SITEMAP})[0]
    assert {l.get("hreflang") for l in entry.xpath("x:link", namespaces={"x": XHTML})} >= {"en", "ja", "x-default"}


def test_listing_versions_match_a_group_only_when_its_originals_agree():
    from careersite.posting import Location, Posting
    from careersite.site import Group, Site, listing_versions

    def posting(slug, department, city, key, language=""):
        return Posting(slug, f"content/jobs/{slug}.md", "Role", "", "https://jobs.example.org/apply", department=department,
                       locations=(Location(city, "DE"),), translation_key=key, language=language)

    default = Site(config=None, open=[posting("a", "Customer Support", "Munich", "a"), posting("b", "Sales", "Berlin", "b")])
    de = [posting("a-de", "Kundenservice", "München", "a", "de"), posting("b-de", "Vertrieb", "Berlin", "b", "de")]
    assert listing_versions("departments", [Group("kundenservice", "Kundenservice", (de[0],)), Group("vertrieb", "Vertrieb", (de[1],))],
                            default) == {"kundenservice": "/departments/customer-support/", "vertrieb": "/departments/sales/"}
    assert listing_versions("locations", [Group("munchen-de", "München", (de[0],))], default) == {"munchen-de": "/locations/munich-de/"}
    # one German department holding roles of two English ones: no version rather than a wrong one
    assert listing_versions("departments", [Group("team", "Team", tuple(de))], default) == {}


def test_the_sites_title_is_translated_by_its_own_catalog_and_check_names_what_is_not(built, tmp_path):
    """careersite.toml's title is the site's own words: locales/ja.po translates it for the Japanese
    pages; a language whose catalog lacks it shows it as written, and check says where to add it."""
    listing = lxml_html.fromstring((built / "ja" / "index.html").read_bytes())
    assert listing.xpath("string(//title)") == "Kumo 採用情報"
    feed = feedparser.parse((built / "ja" / "feed.xml").read_bytes())
    assert feed.feed.title == "Kumo 採用情報"
    assert listing.xpath("string(//meta[@property='og:site_name']/@content)") == "Kumo 採用情報"  # the theme's site.title too
    assert lxml_html.fromstring((built / "index.html").read_bytes()).xpath("string(//title)") == "Kumo Careers"
    assert [f for f in check_site(SITE, NOW) if f.code == "missing-translation"] == []
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    (site / "locales" / "ar.po").unlink()
    config = (site / "careersite.toml").read_text(encoding="utf-8")
    (site / "careersite.toml").write_text(config.replace('languages = ["ar", "ja"]', 'languages = ["ar", "ja", "sv"]'), encoding="utf-8")
    found = {(f.field, f.message.split(":")[0]) for f in check_site(site, NOW) if f.code == "missing-translation"}
    assert ("title", "the site's title has no 'ar' translation") in found
    assert ("title", "the site's title has no 'sv' translation") in found
    assert ("language", "careersite ships no catalog for 'sv'") in found
    assert not any("'ja'" in message for _, message in found)


def test_check_asks_for_pagefinds_extended_binary_on_a_japanese_site_without_it(monkeypatch):
    from careersite import search

    monkeypatch.delenv("PAGEFIND_BINARY_PATH", raising=False)
    assert search.extended_binary() is not None  # the test extra installs it: the Japanese search above uses it
    assert search.pagefind_binary("ja") == search.extended_binary() != search.pagefind_binary("en")
    assert [f for f in check_site(SITE, NOW) if f.code == "search-unsegmented"] == []
    monkeypatch.setattr(search, "extended_binary", lambda: None)
    [finding] = [f for f in check_site(SITE, NOW) if f.code == "search-unsegmented"]
    assert finding.field == "languages" and "pip install 'careersite[cjk]'" in finding.message and "'ja'" in finding.message


def _page_site(tmp_path: Path, pages: dict[str, str], languages: str = 'languages = ["de"]\n') -> Path:
    return write_site(tmp_path / "site", {"designer.md": posting_text(**basic_fields()),
                                          "designer.de.md": posting_text(**basic_fields(title="Designerin"))},
                      _config_with(languages), pages=pages)


def _config_with(languages: str) -> str:
    from conftest import CONFIG

    return CONFIG.replace('language = "en"\n', f'language = "en"\n{languages}')


def test_a_free_pages_translation_is_published_in_its_language_and_linked_from_its_pages(tmp_path):
    """content/pages/about.de.md is the German /de/about/: hreflang both ways, in the sitemap with its
    alternates, and the German pages' navigation links to it (and to the pages German lacks)."""
    page = "---\ntitle: {}\n---\n\n{}\n"
    site = _page_site(tmp_path, {"about.md": page.format("About us", "We make tests."),
                                 "about.de.md": page.format("Über uns", "Wir machen Tests."),
                                 "benefits.md": page.format("Benefits", "Lunch.")})
    build_site(site)
    out = site / "output"
    german = lxml_html.fromstring((out / "de" / "about" / "index.html").read_bytes())
    english = lxml_html.fromstring((out / "about" / "index.html").read_bytes())
    assert german.get("lang") == "de" and "Wir machen Tests." in german.xpath("string(//main)")
    base = "https://jobs.test.example"
    assert hreflangs(german) == hreflangs(english) == {"en": f"{base}/about/", "de": f"{base}/de/about/", "x-default": f"{base}/about/"}
    def nav(path):
        doc = lxml_html.fromstring((out / path).read_bytes())
        return [a.get("href") for a in doc.xpath("//nav[contains(@class, 'site-nav')]//a")]
    assert nav("de/jobs/designer/index.html") == ["/de/", "/de/about/", "/benefits/"]
    assert nav("jobs/designer/index.html") == ["/", "/about/", "/benefits/"]
    sitemap = etree.parse(str(out / "sitemap.xml"))
    entry = sitemap.xpath("//s:url[s:loc = $loc]", loc=f"{base}/de/about/", namespaces={"s": SITEMAP})[0]
    assert {l.get("hreflang"): l.get("href") for l in entry.xpath("x:link", namespaces={"x": XHTML})}["en"] == f"{base}/about/"
    assert not (out / "about-de").exists()


def test_a_page_named_like_a_language_or_a_folder_careersite_uses_is_an_error(tmp_path):
    page = "---\ntitle: A page\n---\n\nText.\n"
    site = _page_site(tmp_path, {"de.md": page, "applied.md": page, "pagefind.md": page})
    with pytest.raises(ContentError) as raised:
        build_site(site)
    said = str(raised.value)
    assert "content/pages/de.md" in said and "/de/" in said
    assert "content/pages/applied.md" in said and "content/pages/pagefind.md" in said


def test_the_example_sites_own_words_are_all_translated_and_check_names_one_left_out(example_site):
    site = example_site
    assert [f.message for f in check_site(site, NOW) if f.code == "missing-translation"] == []
    catalog = site / "locales" / "de.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace('msgstr "12 Monate"', 'msgstr ""'), encoding="utf-8")
    [finding] = [f for f in check_site(site, NOW) if f.code == "missing-translation"]
    assert finding.field == "apply.retention" and finding.line > 0 and "locales/de.po" in finding.message


def test_check_asks_for_a_card_font_for_a_language_the_bundled_font_cannot_write():
    """Japanese cards need a font with Japanese letters ([theme] card_fonts); Arabic is never drawn
    (right to left), English is: neither gets the warning."""
    found = [f for f in check_site(SITE, NOW) if f.code == "card-font-missing"]
    assert [(f.field, f.message.split(":")[0]) for f in found] == [("languages", "'ja'")]
    assert "card_fonts" in found[0].message and "Jpan" in found[0].message


def test_a_listing_whose_namesake_translates_another_links_to_no_version(tmp_path):
    """German 'Berlin-Mitte' postings translate the English 'Berlin' ones, and a German-only posting is
    in 'Berlin': /de/locations/berlin-de/ is no version of /locations/berlin-de/ (that is Berlin-Mitte)."""
    config = _config_with('languages = ["de"]\n')
    berlin = "[{city: Berlin, country: DE}]"
    site = write_site(tmp_path / "site", {
        "designer.md": posting_text(**basic_fields(locations=berlin)),
        "designer.de.md": posting_text(**basic_fields(title="Designerin", locations="[{city: Berlin-Mitte, country: DE}]")),
        "werkstudent.de.md": posting_text(**basic_fields(id="W-1", title="Werkstudent", locations=berlin)),
    }, config)
    build_site(site, search=False)
    out, base = site / "output", "https://jobs.test.example"
    mitte = lxml_html.fromstring((out / "de" / "locations" / "berlin-mitte-de" / "index.html").read_bytes())
    assert hreflangs(mitte)["de"] == f"{base}/de/locations/berlin-mitte-de/" and hreflangs(mitte)["en"] == f"{base}/locations/berlin-de/"
    alone = lxml_html.fromstring((out / "de" / "locations" / "berlin-de" / "index.html").read_bytes())
    assert hreflangs(alone) == {}
    english = lxml_html.fromstring((out / "locations" / "berlin-de" / "index.html").read_bytes())
    assert hreflangs(english)["de"] == f"{base}/de/locations/berlin-mitte-de/"


def test_og_locale_takes_the_script_into_account():
    from careersite.formatting import og_locale

    assert [og_locale(t) for t in ("zh-Hant", "zh", "de", "pt-BR", "ja")] == ["zh_TW", "zh_CN", "de_DE", "pt_BR", "ja_JP"]


def test_no_card_font_is_asked_for_a_script_the_cards_never_draw(tmp_path):
    """Thai and Hindi need shaping, which the cards never do: a font would not help, so check asks for none."""
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields())}, _config_with('languages = ["th", "hi", "ru"]\n'))
    assert [f.message.split(":")[0] for f in check_site(site, NOW) if f.code == "card-font-missing"] == ["'ru'"]
