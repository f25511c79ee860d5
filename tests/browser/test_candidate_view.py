"""The candidate's view in a real browser (Debian's Chromium through Playwright), served under the
production Content-Security-Policy: filters and their URL state, full-text search, the apply button,
keyboard-only use, axe-core in light and dark schemes, layout at 320-1280 px, print, and screenshots
in test-artifacts/ for a person to look at.

Run only these: python -m pytest -m browser; everything else: python -m pytest -m "not browser"."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from careersite.slugs import slugify

from browser_support import (ACCENT_THEME, ARTIFACTS, AXE, Watch, chromium_browser, copy_example, serve)  # noqa: F401 (the browser fixture)
from test_example_site import expected_open

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (browser tests)")

APPLY_DEFAULT = "https://acme.example/apply?job={id}"
POSTING = "/jobs/senior-backend-engineer/"


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The example site, and the same with a hard [theme] accent, each built once and served."""
    root = tmp_path_factory.mktemp("browser")
    servers = {"example": serve(copy_example(root / "example")), "accent": serve(copy_example(root / "accent", ACCENT_THEME))}
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="module")
def server(sites):
    return sites["example"]


@pytest.fixture(name="open_page")
def page_opener(browser, server):
    """open_page(path, scheme='light', width=1280, height=900, site=server) -> (page, watch); every page
    opened is checked at the end of the test for console errors, CSP violations and bad requests."""
    opened = []

    def opener(path: str, scheme: str = "light", width: int = 1280, height: int = 900, site=None, allow: dict | None = None):
        site = site or server
        context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme,
                                      reduced_motion="reduce")
        page = context.new_page()
        watch = Watch(site.origin, allowed_statuses={site.url(k): v for k, v in (allow or {}).items()})
        watch.attach(page)
        page.goto(site.url(path), wait_until="load")
        opened.append((context, page, watch))
        return page, watch

    yield opener
    try:
        for _, page, watch in opened:
            watch.check(page)
    finally:
        for context, _, _ in opened:
            context.close()


# ---------------------------------------------------------------- what the content says


def region_text(region) -> str:
    """python-frontmatter reads YAML 1.1, where `region: ON` (Ontario) is true; careersite reads it as text."""
    return {True: "ON", False: "OFF"}.get(region, region) if isinstance(region, bool) else str(region)


def open_postings() -> dict[str, dict]:
    """slug -> facts straight from the posting files (python-frontmatter), as the filters should see them."""
    facts = {}
    for path, meta in expected_open().items():  # jobs/<slug>: the default language's
        slug = path.rsplit("/", 1)[-1]
        types = meta.get("employment_type", "full_time")
        locations = [slugify(" ".join([loc["city"], *([region_text(loc["region"])] if loc.get("region") and loc["country"] in ("US", "CA", "AU") else []),
                                       loc["country"]])) for loc in meta.get("locations", [])]
        if meta.get("workplace") == "remote":
            locations.append("remote")
        facts[slug] = {
            "title": meta["title"],
            "department": slugify(meta.get("department", "")),
            "workplace": meta.get("workplace", "onsite"),
            "types": types if isinstance(types, list) else [types],
            "locations": locations,
            # a posting with the application form sends its Apply buttons to the form on its page
            "apply_url": (f"/jobs/{slug}/#apply" if meta.get("apply") == "form"
                          else meta.get("apply_url") or APPLY_DEFAULT.replace("{id}", str(meta.get("id", slug)))),
        }
    return facts


def visible_slugs(page) -> set[str]:
    hrefs = page.eval_on_selector_all("[data-job]:not([hidden]) .job-title a", "links => links.map(a => a.getAttribute('href'))")
    return {href.strip("/").split("/")[-1] for href in hrefs}


def body_words(server) -> dict[str, set[str]]:
    """Each word of 7+ letters in the open postings' descriptions and nowhere on the listing page ->
    the slugs of the postings whose description has it: only full-text search can find them by it."""
    listing = (server.root / "index.html").read_text(encoding="utf-8").lower()
    seen: dict[str, set[str]] = {}
    for slug in open_postings():
        html = (server.root / "jobs" / slug / "index.html").read_text(encoding="utf-8")
        body = re.search(r'<div class="description">(.*?)</div>', html, re.S).group(1)
        for word in set(re.findall(r"[a-z]{7,}", re.sub(r"<[^>]+>", " ", body).lower())):
            seen.setdefault(word, set()).add(slug)
    return {word: slugs for word, slugs in seen.items() if word not in listing}


def body_only_word(server) -> tuple[str, str]:
    """A word in exactly one posting's description and nowhere on the listing page."""
    seen = body_words(server)
    candidates = sorted(w for w, slugs in seen.items() if len(slugs) == 1)
    assert candidates, "no word unique to one description"
    word = candidates[len(candidates) // 2]
    return word, next(iter(seen[word]))


# ---------------------------------------------------------------- listing: filters and URL state


FACETS = [
    ("department", "filter-department", lambda f, v: f["department"] == v, "engineering"),
    ("location", "filter-location", lambda f, v: v in f["locations"], "remote"),
    ("location", "filter-location", lambda f, v: v in f["locations"], "london-gb"),
    ("workplace", "filter-workplace", lambda f, v: f["workplace"] == v, "hybrid"),
    ("type", "filter-type", lambda f, v: v in f["types"], "contractor"),
    ("type", "filter-type", lambda f, v: v in f["types"], "full_time"),
]


@pytest.mark.parametrize("name, control, matches, value", FACETS, ids=[f"{f[0]}={f[3]}" for f in FACETS])
def test_each_filter_shows_exactly_the_matching_roles(open_page, name, control, matches, value):
    facts = open_postings()
    expected = {slug for slug, f in facts.items() if matches(f, value)}
    assert expected and expected != set(facts)
    page, _ = open_page("/")
    assert visible_slugs(page) == set(facts)
    page.select_option(f"#{control}", value)
    assert visible_slugs(page) == expected
    assert page.url.endswith(f"/?{name}={value}")
    assert page.text_content("#result-count").strip() == f"Showing {len(expected)} of {len(facts)} open roles"
    # department sections without a match step aside, the others count what is shown
    for section in page.query_selector_all("[data-group]"):
        shown = len(section.query_selector_all("[data-job]:not([hidden])"))
        assert section.is_hidden() == (shown == 0)


def test_filters_combine_and_survive_reload_and_back_button(open_page):
    facts = open_postings()
    page, _ = open_page("/")
    page.select_option("#filter-location", "remote")
    page.select_option("#filter-type", "full_time")
    both = {s for s, f in facts.items() if "remote" in f["locations"] and "full_time" in f["types"]}
    assert visible_slugs(page) == both
    assert page.url.endswith("/?location=remote&type=full_time")

    page.reload()
    assert page.input_value("#filter-location") == "remote"
    assert page.input_value("#filter-type") == "full_time"
    assert visible_slugs(page) == both

    page.go_back()
    page.wait_for_url(re.compile(r"/\?location=remote$"))
    assert page.input_value("#filter-type") == ""
    assert visible_slugs(page) == {s for s, f in facts.items() if "remote" in f["locations"]}
    page.go_back()
    page.wait_for_url(re.compile(r"/$"))
    assert page.input_value("#filter-location") == ""
    assert visible_slugs(page) == set(facts)
    page.go_forward()
    page.wait_for_url(re.compile(r"/\?location=remote$"))
    assert page.input_value("#filter-location") == "remote"


def test_a_shared_link_opens_with_its_filters(open_page):
    page, _ = open_page("/?department=design&workplace=onsite")
    facts = open_postings()
    assert page.input_value("#filter-department") == "design"
    assert visible_slugs(page) == {s for s, f in facts.items() if f["department"] == "design" and f["workplace"] == "onsite"}


def test_text_filter_empty_state_and_clearing(open_page, server):
    facts = open_postings()
    page, _ = open_page("/")
    page.fill("#filter-q", "engineer")
    page.wait_for_url(re.compile(r"q=engineer"))
    page.wait_for_selector("[data-results]:not([aria-busy])")  # full-text search has answered too
    shown = visible_slugs(page)
    assert {s for s, f in facts.items() if "engineer" in f["title"].lower()} <= shown < set(facts)
    for slug in shown:
        assert "engineer" in (server.root / "jobs" / slug / "index.html").read_text(encoding="utf-8").lower()
    page.fill("#filter-q", "xylophonist")
    page.wait_for_selector("[data-empty]:not([hidden])")
    assert "No roles match" in page.text_content("[data-empty]")
    assert visible_slugs(page) == set()
    page.click("[data-empty] [data-clear]")
    page.wait_for_url(re.compile(r"/$"))
    assert visible_slugs(page) == set(facts)
    assert page.input_value("#filter-q") == ""
    assert page.is_hidden("[data-empty]")
    assert page.evaluate("document.activeElement.id") == "filter-q"


def test_search_finds_a_posting_by_a_word_only_in_its_description(open_page, server):
    word, slug = body_only_word(server)
    page, _ = open_page("/")
    page.fill("#filter-q", word)
    page.wait_for_url(re.compile(rf"\?q={word}$"))
    page.wait_for_selector(f"[data-job]:not([hidden]):has(a[href='/jobs/{slug}/']) .job-excerpt", timeout=10_000)
    page.wait_for_selector("[data-results]:not([aria-busy])")
    assert visible_slugs(page) == {slug}
    excerpt = page.text_content(f"[data-job]:has(a[href='/jobs/{slug}/']) .job-excerpt")
    assert word in excerpt.lower()
    assert page.query_selector(f"[data-job]:has(a[href='/jobs/{slug}/']) .job-excerpt mark")
    # the search is in the URL too: reload and get the same result
    page.reload()
    page.wait_for_selector(f"[data-job]:not([hidden]):has(a[href='/jobs/{slug}/']) .job-excerpt", timeout=10_000)
    assert visible_slugs(page) == {slug}
    assert page.input_value("#filter-q") == word


def test_search_starts_when_the_field_is_used_and_not_before(open_page, server):
    """A visitor who never searches downloads nothing of Pagefind; focusing the field starts its
    runtime (no index chunk, no result), so the first word typed waits only for the search."""
    page, _ = open_page("/")
    asked: list[str] = []
    page.on("request", lambda r: "/pagefind/" in r.url and asked.append(r.url))
    page.wait_for_timeout(300)
    assert asked == []
    with page.expect_request(lambda r: "/wasm." in r.url):
        page.focus("#filter-q")
    page.wait_for_timeout(300)
    assert any(url.endswith("/pagefind/pagefind.js") for url in asked)
    assert not [url for url in asked if "/index/" in url or "/fragment/" in url]
    word, slug = body_only_word(server)
    page.keyboard.type(word)
    page.wait_for_selector(f"[data-job]:not([hidden]):has(a[href='/jobs/{slug}/']) .job-excerpt", timeout=10_000)
    assert [url for url in asked if "/index/" in url]


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """The example site with its search index in shards of at most two postings: several bundles to merge."""
    from careersite import search_shards

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_shards, "SHARD_SIZE", 2)
        site = serve(copy_example(tmp_path_factory.mktemp("sharded") / "site"))
    yield site
    site.stop()


def test_search_merges_every_shard_and_filters_still_narrow(open_page, sharded):
    from careersite.search_shards import shards

    facts = open_postings()
    shard_of = {url.strip("/").split("/")[-1]: folder for folder, urls in shards([f"/jobs/{slug}/" for slug in facts], 2).items()
                for url in urls}
    assert len(set(shard_of.values())) >= 3
    # a word only in descriptions, in postings of two departments, one of them outside the primary bundle
    word, slugs = next((word, slugs) for word, slugs in sorted(body_words(sharded).items())
                       if any(shard_of[s] != "pagefind" for s in slugs) and len({facts[s]["department"] for s in slugs}) > 1)
    page, watch = open_page("/", site=sharded)
    merge = page.get_attribute("[data-filters]", "data-search-merge").split()
    assert merge and all(f"/{shard_of[s]}/" in merge for s in slugs if shard_of[s] != "pagefind")
    page.fill("#filter-q", word)
    page.wait_for_url(re.compile(rf"\?q={word}$"))
    for slug in slugs:
        page.wait_for_selector(f"[data-job]:not([hidden]):has(a[href='/jobs/{slug}/']) .job-excerpt", timeout=10_000)
    page.wait_for_selector("[data-results]:not([aria-busy])")
    assert slugs <= visible_slugs(page)
    department = facts[sorted(slugs)[0]]["department"]
    page.select_option("#filter-department", department)
    page.wait_for_url(re.compile(rf"department={department}"))
    narrowed = visible_slugs(page)
    assert narrowed and all(facts[s]["department"] == department for s in narrowed)
    assert {s for s in slugs if facts[s]["department"] == department} <= narrowed < slugs | narrowed


def search_finds(page, word: str) -> set[str]:
    """The slugs the listing shows once the full-text search for `word` is done (a made-up word
    is in no title or fact, so only the index can find it)."""
    page.fill("#filter-q", word)
    page.wait_for_url(re.compile(rf"\?q={word}$"))
    # the URL changes as the search starts (aria-busy set); done when every shard has answered
    page.wait_for_selector("[data-results]:not([aria-busy])", state="attached", timeout=10_000)
    return visible_slugs(page)


def index_finds(page, word: str) -> set[str]:
    """The URLs the published index itself gives for `word`, every shard merged (Pagefind's JS API,
    as the listing uses it): a stale index shows here even where the listing has no row to show."""
    return set(page.evaluate("""async (word) => {
      const pagefind = await import("/pagefind/pagefind.js");
      const merge = (document.querySelector("[data-filters]").getAttribute("data-search-merge") || "").split(" ").filter(Boolean);
      for (const path of merge) await pagefind.mergeIndex(path);
      const search = await pagefind.search(word);
      return Promise.all(search.results.map(async r => (await r.data()).url));
    }""", word))


def test_search_after_an_edit_an_addition_a_removal_and_an_expiry_finds_what_the_site_holds(open_page, tmp_path):
    """Incremental builds keep the sharded index true: a word an edit took out is found nowhere, the
    word it put in is found, a new posting is found, a removed or expired one is not."""

    from careersite import search_shards
    from conftest import build_site, copy_example_sources

    root = copy_example_sources(tmp_path / "site")
    jobs = root / "content" / "jobs"

    def add_word(name: str, word: str) -> None:
        path = jobs / name
        path.write_text(path.read_text(encoding="utf-8") + f"\nAsk us about {word}.\n", encoding="utf-8")

    add_word("account-executive.md", "zorblaxian")  # to be edited away
    add_word("customer-success-manager.md", "gromphile")  # to be removed
    add_word("product-designer.md", "trelloquin")  # to expire
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search_shards, "SHARD_SIZE", 2)  # several bundles: the changes land in different shards
        build_site(root)
        site = serve(root / "output")
        try:
            page, _ = open_page("/", site=site)
            assert search_finds(page, "zorblaxian") == {"account-executive"}
            assert search_finds(page, "gromphile") == {"customer-success-manager"}
            assert search_finds(page, "trelloquin") == {"product-designer"}

            edited = jobs / "account-executive.md"
            edited.write_text(edited.read_text(encoding="utf-8").replace("zorblaxian", "vuldrenite"), encoding="utf-8")
            added = (jobs / "account-executive.md").read_text(encoding="utf-8").replace("id: SAL-2207", "id: SAL-2299")
            (jobs / "account-executive-emea.md").write_text(added.replace("vuldrenite", "plimsquard"), encoding="utf-8")
            for version in jobs.glob("customer-success-manager*.md"):  # the posting and its translation
                version.unlink()
            for expiring in jobs.glob("product-designer*.md"):  # translations share their dates
                expiring.write_text(re.sub(r"(?m)^valid_through: .*$", "valid_through: 2026-11-20", expiring.read_text(encoding="utf-8")),
                                    encoding="utf-8")
            build_site(root)  # incremental: the cache of the first build is used

            page, _ = open_page("/", site=site)
            index = {word: index_finds(page, word) for word in ("zorblaxian", "vuldrenite", "plimsquard", "gromphile", "trelloquin")}
            assert index == {"zorblaxian": set(), "vuldrenite": {"/jobs/account-executive/"},
                             "plimsquard": {"/jobs/account-executive-emea/"}, "gromphile": set(), "trelloquin": set()}
            page, _ = open_page("/", site=site)
            assert search_finds(page, "zorblaxian") == set()
            assert search_finds(page, "vuldrenite") == {"account-executive"}
            assert search_finds(page, "plimsquard") == {"account-executive-emea"}
            assert search_finds(page, "gromphile") == set()
            assert search_finds(page, "trelloquin") == set()
        finally:
            site.stop()


def test_without_javascript_the_listing_links_to_department_and_location_pages(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url("/"))
    assert page.is_hidden("form.filters")
    hrefs = page.eval_on_selector_all(".browse a", "links => links.map(a => a.getAttribute('href'))")
    assert "/departments/engineering/" in hrefs and "/locations/remote/" in hrefs
    assert len(page.query_selector_all("[data-job]")) == len(open_postings())
    context.close()


# ---------------------------------------------------------------- posting page


def test_every_apply_button_goes_to_the_apply_url(open_page):
    for slug, facts in open_postings().items():
        page, _ = open_page(f"/jobs/{slug}/")
        hrefs = page.eval_on_selector_all("a.button", "links => links.map(a => a.href)")
        expected = facts["apply_url"] if facts["apply_url"].startswith("http") else page.url.split("/jobs/")[0] + facts["apply_url"]
        assert hrefs and set(hrefs) == {expected}, slug
        assert page.text_content("h1").strip() == facts["title"]


def test_apply_button_stays_in_view_on_a_phone(open_page):
    page, _ = open_page(POSTING, width=390, height=844)
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(100)
    box = page.locator(".apply-bar .button").bounding_box()
    assert box and 0 < box["y"] and box["y"] + box["height"] <= 844
    assert box["width"] > 300  # a thumb-sized target across the screen


def test_keyboard_only_from_listing_to_apply(open_page):
    page, _ = open_page("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    first_job = page.eval_on_selector("[data-job] .job-title a", "a => a.getAttribute('href')")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == first_job:
            break
    else:
        pytest.fail("Tab never reached the first role")
    outline = page.evaluate("getComputedStyle(document.activeElement, '::after').outlineStyle")
    assert outline != "none", "the focused role shows no focus ring"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(first_job) + "$"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Apply for this job":
            break
    else:
        pytest.fail("Tab never reached the apply button")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    slug = first_job.strip("/").split("/")[-1]
    assert page.evaluate("document.activeElement.href") == open_postings()[slug]["apply_url"]


def test_filters_work_from_the_keyboard(open_page):
    page, _ = open_page("/")
    page.focus("#filter-workplace")
    page.keyboard.press("ArrowDown")  # Chromium changes a closed select's value with the arrow keys
    assert page.input_value("#filter-workplace") != ""
    assert "workplace=" in page.url


# ---------------------------------------------------------------- accessibility


AXE_PAGES = {
    "listing": ("/", None),
    "posting": (POSTING, None),
    "department": ("/departments/engineering/", None),
    "location": ("/locations/remote/", None),
    "404": ("/no-such-page/", 404),
    "search-results": ("/?q=SEARCH_WORD", None),
    "no-results": ("/?q=xylophonist", None),
    "page": ("/benefits/", None),
    "apply-form": ("/jobs/people-operations-intern/", None),
    "applied": ("/applied/", None),
}
AXE_RESULTS: dict[str, int] = {}


def run_axe(page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: npm ci --prefix tests/browser (or npm install --prefix tests/browser axe-core@4)")
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")  # evaluated through DevTools: no inline script for the CSP
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


# the accent site is checked on the pages that show the accent most
AXE_CASES = [(name, "example") for name in AXE_PAGES] + [(name, "accent") for name in ("listing", "posting", "search-results")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name, site_name", AXE_CASES)
def test_axe_finds_no_violations(open_page, sites, server, name, scheme, site_name):
    path, status = AXE_PAGES[name]
    word = body_only_word(server)[0]
    path = path.replace("SEARCH_WORD", word)
    page, _ = open_page(path, scheme=scheme, site=sites[site_name], allow={path: status} if status else None)
    if name == "search-results":
        page.wait_for_selector(".job-excerpt", timeout=10_000)
    if name == "no-results":
        page.wait_for_selector("[data-empty]:not([hidden])")
    violations = run_axe(page)
    AXE_RESULTS[f"{site_name}/{name}/{scheme}"] = len(violations)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "axe-results.json").write_text(json.dumps(AXE_RESULTS, indent=2, sort_keys=True))
    report = [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:5]) for v in violations]
    assert not violations, "\n".join(report)


# ---------------------------------------------------------------- every page, layout, print, screenshots


def test_every_page_loads_cleanly_under_the_csp(open_page, server):
    pages = sorted(p.relative_to(server.root).as_posix() for p in server.root.rglob("*.html"))
    assert len(pages) > 15
    for name in pages:
        path = "/" + name.removesuffix("index.html")
        page, watch = open_page(path)
        assert page.title()
        watch.check(page)
        page.context.close()  # keep memory low


@pytest.mark.parametrize("path", ["/", POSTING])
def test_no_layout_shift_and_no_sideways_scroll_at_320px(open_page, path):
    for width in (320, 390, 768, 1280, 1920):
        page, _ = open_page(path, width=width, height=800)
        page.wait_for_timeout(200)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"sideways scroll at {width}px"
        assert page.evaluate("window.__layoutShift") < 0.01, f"layout shift at {width}px"


def test_print_leaves_out_navigation(open_page):
    page, _ = open_page(POSTING)
    page.emulate_media(media="print")
    assert page.is_hidden(".site-nav")
    assert page.is_hidden(".apply-bar")
    assert page.is_hidden(".breadcrumbs")
    assert page.is_visible(".description")
    assert page.is_visible(".facts")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(open_page, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    suffix = "" if scheme == "light" else "-dark"
    for name, path in (("listing", "/"), ("posting", POSTING), ("apply-form", "/jobs/people-operations-intern/")):
        for width, height in ((390, 844), (1280, 900)):
            page, _ = open_page(path, scheme=scheme, width=width, height=height)
            shot = ARTIFACTS / f"{name}-{width}{suffix}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000


# ---------------------------------------------------------------- search on a big site (a measurement)


BIG_SITE = os.environ.get("CAREERSITE_BIG_SITE")  # the output folder of a big built site


@pytest.mark.skipif(not BIG_SITE, reason="set CAREERSITE_BIG_SITE to a built site's output folder (README, Search)")
def test_first_search_on_a_big_site_is_quick_and_small(browser):
    """Bytes of index a first search downloads and the time to the first result, on a site such as
    `python bench/make_corpus.py 10000 DIR` built: rerun to measure (README, "Search")."""
    site = serve(Path(BIG_SITE))
    try:
        listing = (site.root / "index.html").read_text(encoding="utf-8").lower()
        posting = sorted((site.root / "jobs").glob("*/index.html"))[len(listing) % 97]
        body = re.search(r'<div class="description">(.*?)</div>', posting.read_text(encoding="utf-8"), re.S).group(1)
        word = sorted(w for w in set(re.findall(r"[a-z]{8,}", re.sub(r"<[^>]+>", " ", body).lower())) if w not in listing)[0]
        context = browser.new_context()
        page = context.new_page()
        sizes: dict[str, int] = {}

        def downloaded(response) -> None:
            if "/pagefind/" in response.url:
                sizes[response.url.split("?")[0]] = len(response.body())

        page.on("response", downloaded)
        page.goto(site.url("/"), wait_until="load")
        assert not sizes  # nothing of the index before the search field is used
        # times taken in the page: from the last keystroke to the first result row with its excerpt
        page.evaluate("""() => {
          const field = document.getElementById("filter-q");
          window.__typed = 0; window.__first = 0;
          field.addEventListener("input", () => { window.__typed = performance.now(); });
          new MutationObserver(() => {
            if (!window.__first && document.querySelector("[data-job]:not([hidden]) .job-excerpt")) window.__first = performance.now();
          }).observe(document.body, { subtree: true, childList: true });
        }""")
        page.click("#filter-q")
        page.keyboard.type(word, delay=80)  # a quick typist; the listing searches 120 ms after the last key
        page.wait_for_selector("[data-job]:not([hidden]) .job-excerpt", timeout=30_000)
        at_first = dict(sizes)
        first = page.evaluate("(window.__first - window.__typed) / 1000")
        page.wait_for_selector("[data-results]:not([aria-busy])", timeout=60_000)
        everything = page.evaluate("(performance.now() - window.__typed) / 1000")
        page.remove_listener("response", downloaded)
        context.close()

        def index_bytes(downloads: dict[str, int]) -> tuple[int, str]:
            kinds: dict[str, int] = {}
            for url, size in downloads.items():
                kind = ("runtime" if url.endswith(".js") or "/wasm." in url else "fragments" if "/fragment/" in url
                        else "index chunks" if "/index/" in url else "entry+meta")
                kinds[kind] = kinds.get(kind, 0) + size
            told = f"{len(downloads)} requests, " + ", ".join(f"{kind} {size / 1024:.0f} KB" for kind, size in sorted(kinds.items()))
            return sum(size for kind, size in kinds.items() if kind not in ("runtime", "fragments")), told

        index, told = index_bytes(at_first)
        print(f"\n{word!r}: first result {first * 1000:.0f} ms after the last keystroke ({told}); all shards' results in "
              f"{everything * 1000:.0f} ms ({index_bytes(sizes)[1]})")
        # the first results come from the primary bundle alone: its runtime, entry, meta and one index chunk
        assert index < 300 * 1024
        # the goal is 300 ms from the last keystroke; measured ~1 s on an idle 2-core machine, much
        # more on a busy one, where keystrokes 80 ms apart arrive more than the listing's 120 ms
        # pause apart and each prefix starts a search of every shard: this bound only catches a regression
        assert first < 6
    finally:
        site.stop()
