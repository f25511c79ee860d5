"""notify_output: the open postings a built folder publishes, fingerprinted by their JobPosting,
and the 410 Gone paths; and notify.changes, what an engine is owed from them."""

from __future__ import annotations

from careersite.notify import CHANGED, EXPIRED, NEW, REMOVED, changes
from careersite.notify_output import Published, job_posting_fingerprint, read_published

from conftest import basic_fields, build_site, posting_text, write_site

BASE = "https://jobs.test.example"


def test_published_postings_are_the_sitemap_urls_with_a_job_posting(tmp_path):
    site = write_site(tmp_path, {"a.md": posting_text(**basic_fields(id="A-1")),
                                 "b.md": posting_text(**basic_fields(id="B-1", title="Designer"))},
                      pages={"benefits.md": "---\ntitle: Benefits\n---\nGood ones.\n"})
    build_site(site, search=False)
    published = read_published(site / "output")
    assert sorted(published.postings) == [f"{BASE}/jobs/a/", f"{BASE}/jobs/b/"]  # not /, listings or /benefits/
    assert len(set(published.postings.values())) == 2 and not published.gone


def test_fingerprint_follows_the_job_posting_not_the_rest_of_the_page(tmp_path):
    page = tmp_path / "index.html"
    posting = '<script type="application/ld+json">{"@type": "JobPosting", "title": "%s", "x": 1}</script>'
    page.write_text("<footer>one</footer>" + posting % "Designer")
    first = job_posting_fingerprint(page)
    page.write_text("<footer>two</footer>" + posting.replace('"x": 1', '"x":1') % "Designer")
    assert job_posting_fingerprint(page) == first  # another footer, the same JSON written otherwise
    page.write_text(posting % "Senior Designer")
    assert job_posting_fingerprint(page) not in ("", first)
    page.write_text('<script type="application/ld+json">{"@type": "WebSite"}</script>')
    assert job_posting_fingerprint(page) == "" and job_posting_fingerprint(tmp_path / "none.html") == ""


def test_expired_postings_are_read_from_the_redirects_410_rules(tmp_path):
    site = write_site(tmp_path, {"old.md": posting_text(**basic_fields(date_posted="2026-10-01", valid_through="2026-11-01"))})
    build_site(site, search=False)
    assert read_published(site / "output").gone == {"/jobs/old/"}


def test_changes_are_new_changed_expired_removed_in_that_order():
    published = Published({f"{BASE}/jobs/b/": "2", f"{BASE}/jobs/c/": "3"}, frozenset({"/jobs/a/"}))
    told = {f"{BASE}/jobs/a/": "1", f"{BASE}/jobs/b/": "old", f"{BASE}/jobs/d/": "4"}
    assert [(c.url.removeprefix(BASE), c.kind, c.google_type) for c in changes(published, told)] == [
        ("/jobs/c/", NEW, "URL_UPDATED"), ("/jobs/b/", CHANGED, "URL_UPDATED"),
        ("/jobs/a/", EXPIRED, "URL_DELETED"), ("/jobs/d/", REMOVED, "URL_DELETED")]
    assert changes(published, {f"{BASE}/jobs/b/": "2", f"{BASE}/jobs/c/": "3"}) == []


def test_postings_with_names_in_other_scripts_and_languages_are_published(tmp_path):
    """The sitemap's URLs are percent-encoded (/jobs/%E5...): their folders are named in letters, and
    each language's postings are read too (/de/jobs/...)."""
    from conftest import CONFIG

    config = CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["de"]\n')
    site = write_site(tmp_path, {"営業.md": posting_text(**basic_fields(id="S-1", title="営業担当")),
                                 "a.md": posting_text(**basic_fields(id="A-1")),
                                 "a.de.md": posting_text(**basic_fields(id="A-1", title="Entwicklerin"))}, config)
    build_site(site, search=False)
    assert set(read_published(site / "output").postings) == {f"{BASE}/de/jobs/a/", f"{BASE}/jobs/a/",
                                                              f"{BASE}/jobs/%E5%96%B6%E6%A5%AD/"}
