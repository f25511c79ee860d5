"""Pages in Arabic (right to left) and Japanese, in Chromium: axe-core finds no violations, the
page mirrors (dir=rtl, the facts beside the description on the left), each language's listing
searches its own language's index, and screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

import shutil
from urllib.parse import urlsplit

import pytest

from browser_support import ARTIFACTS, Watch, chromium_browser, serve  # noqa: F401 (the browser fixture)
from conftest import build_site
from test_candidate_view import run_axe

pytestmark = pytest.mark.browser

SITE = __import__("pathlib").Path(__file__).resolve().parent.parent / "sites" / "languages"
PAGES = [("ar", "/ar/jobs/support-engineer/"), ("ar", "/ar/"), ("ja", "/ja/jobs/support-engineer/"), ("ja", "/ja/")]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("languages") / "site"
    shutil.copytree(SITE, root)
    build_site(root)
    server = serve(root / "output")
    yield server
    server.stop()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("tag, path", PAGES)
def test_rtl_and_japanese_pages_have_no_axe_violations(browser, site, tag, path, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    watch = Watch(site.origin)
    watch.attach(page)
    try:
        page.goto(site.url(path), wait_until="load")
        assert page.get_attribute("html", "lang") == tag
        assert page.get_attribute("html", "dir") == ("rtl" if tag == "ar" else "ltr")
        violations = run_axe(page)
        report = [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:5]) for v in violations]
        assert not violations, "\n".join(report)
        ARTIFACTS.mkdir(exist_ok=True)
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=str(ARTIFACTS / f"language-{name}{'' if scheme == 'light' else '-dark'}.png"), full_page=True)
        watch.check(page)
    finally:
        context.close()


def test_an_arabic_posting_mirrors(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site.url("/ar/jobs/support-engineer/"), wait_until="load")
        title = page.locator("h1").bounding_box()
        facts = page.locator(".posting-aside").bounding_box()
        # right to left: the title starts at the right, the facts card stands to the left of the text
        assert facts["x"] + facts["width"] <= title["x"] + 1
        assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    finally:
        context.close()


# Per listing: a word written only in one posting's description (not its title, summary or facts, so
# nothing on the listing has it and only the full-text search can find it), and that posting's version
# in the listing's language. Japanese: the standard Pagefind binary does not split Japanese into words
# (README, "A site in several languages"), so the word starts a list item: プレッシャー (pressure).
BODY_WORDS = [
    ("/", "pallet", "forklift-lead.md", "/jobs/forklift-lead/"),
    ("/ar/", "الأعطال", "support-engineer.ar.md", "/ar/jobs/support-engineer/"),
    ("/ja/", "プレッシャー", "support-engineer.ja.md", "/ja/jobs/support-engineer/"),
]
OTHER_LANGUAGES = ("/ar/", "/ja/")  # the default language's pages are at the root


def in_language(path: str, listing: str) -> bool:
    """Whether a site path belongs to the language of the listing at `listing` ('/', '/ar/')."""
    return path.startswith(listing) and (listing != "/" or not path.startswith(OTHER_LANGUAGES))


@pytest.mark.parametrize("listing, word, source, expected", BODY_WORDS)
def test_each_languages_listing_finds_its_posting_by_a_word_only_in_the_description(browser, site, listing, word, source, expected):
    front, body = (SITE / "content" / "jobs" / source).read_text(encoding="utf-8").split("\n---\n", 1)
    assert word in body and word not in front
    assert word not in (site.root / listing.lstrip("/") / "index.html").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    watch = Watch(site.origin)
    watch.attach(page)
    try:
        page.goto(site.url(listing), wait_until="load")
        rows = page.eval_on_selector_all("[data-job] .job-title a", "links => links.map(a => a.getAttribute('href'))")
        assert expected in rows and all(in_language(path, listing) for path in rows)
        page.fill("#filter-q", word)
        page.wait_for_url(lambda url: "q=" in urlsplit(url).query)
        row = f"[data-job]:not([hidden]):has(a[href='{expected}'])"
        page.wait_for_selector(f"{row} .job-excerpt", timeout=10_000)  # only the full-text search writes excerpts
        page.wait_for_selector("[data-results]:not([aria-busy])", state="attached", timeout=10_000)
        shown = page.eval_on_selector_all("[data-job]:not([hidden]) .job-title a", "links => links.map(a => a.getAttribute('href'))")
        assert shown == [expected]
        assert word in page.text_content(f"{row} .job-excerpt")
        # what the listing's own index answers: this language's version, never another language's
        found = page.evaluate("""async (word) => {
          const form = document.querySelector("[data-filters]");
          const pagefind = await import(form.getAttribute("data-search"));
          const search = await pagefind.search(word);
          return Promise.all(search.results.map(async r => new URL((await r.data()).url, location.href).pathname));
        }""", word)
        assert expected in found
        assert all(in_language(path, listing) for path in found), found
        watch.check(page)
    finally:
        context.close()
