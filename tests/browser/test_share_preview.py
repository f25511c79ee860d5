"""A posting's link preview and share links in a real browser (Debian's Chromium through Playwright),
served under the production Content-Security-Policy: the og/twitter tags as the page holds them, the
share card they point to (a screenshot in test-artifacts/ for a person to look at), "Copy link" with
and without JavaScript, and axe-core over the share block in both schemes.

Run only these: python -m pytest tests/browser/test_share_preview.py"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from browser_support import ARTIFACTS, AXE, Watch, copy_example, serve
# the candidate view's fixtures: one Chromium for the module, and open_page(path, scheme, width, height),
# which checks every page it opened for console errors, CSP violations and bad requests; `server` is this module's
from browser_support import chromium_browser  # noqa: F401 (the browser fixture)
from test_candidate_view import page_opener  # noqa: F401 (the open_page fixture)

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (browser tests)")

POSTING = "/jobs/senior-backend-engineer/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = serve(copy_example(tmp_path_factory.mktemp("share") / "example"))
    yield site
    site.stop()


TAGS = """() => Object.fromEntries(Array.from(document.querySelectorAll('meta[property], meta[name]'),
    m => [m.getAttribute('property') || m.getAttribute('name'), m.getAttribute('content')]))"""


def test_a_posting_shows_its_share_card_and_its_meta_tags_describe_it(open_page, server):
    page, _ = open_page(POSTING)
    tags = page.evaluate(TAGS)
    title = page.inner_text("h1")
    card = urlsplit(tags["og:image"])
    assert card.path.startswith(POSTING + "share.") and card.path.endswith(".png")
    assert tags["twitter:image"] == tags["og:image"] and tags["twitter:card"] == "summary_large_image"
    assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
    assert tags["og:image:alt"].startswith(f"{title} at Acme Corp: ") and tags["twitter:image:alt"] == tags["og:image:alt"]
    assert tags["og:image"] != open_page("/")[0].evaluate(TAGS)["og:image"]  # not the site's card

    # the card, loaded from the site as a preview fetches it (an image opened on its own would show in
    # Chromium's viewer, whose inline styles the CSP refuses): placed first on the page and photographed
    shown, _ = open_page(POSTING, width=1300, height=800)
    size = shown.evaluate("""src => new Promise((done, failed) => {
        const img = new Image(); img.id = 'card'; img.alt = 'share card'; img.onerror = failed;
        img.onload = () => done([img.naturalWidth, img.naturalHeight]); img.src = src;
        const holder = document.createElement('div'); holder.append(img); document.body.prepend(holder); })""", card.path)
    assert size == [1200, 630]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "share-card-senior-backend-engineer.png"
    shown.locator("#card").screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    (ARTIFACTS / "share-card-meta.json").write_text(json.dumps(
        {k: v for k, v in tags.items() if k.startswith(("og:", "twitter:"))}, indent=2, sort_keys=True))


def test_copy_link_copies_the_page_address_with_javascript(open_page, server):
    page, _ = open_page(POSTING)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.origin)
    canonical = page.get_attribute("link[rel=canonical]", "href")
    assert page.input_value("#share-url") == canonical
    page.click("[data-copy-link]")
    page.wait_for_function("document.querySelector('[data-copy-status]').textContent !== ''")
    assert page.inner_text("[data-copy-status]") == "Link copied."
    assert page.evaluate("navigator.clipboard.readText()") == canonical
    linkedin = page.get_attribute(".share-links a[href*='linkedin']", "href")
    assert parse_qs(urlsplit(linkedin).query)["url"] == [canonical]
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".share").screenshot(path=str(ARTIFACTS / "share-links-1280.png"))


def test_without_javascript_the_link_stands_selectable_and_no_dead_button_shows(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        watch = Watch(server.origin)
        watch.attach(page)
        page.goto(server.url(POSTING), wait_until="load")
        assert page.is_visible("#share-url") and page.is_hidden("[data-copy-link]")
        assert page.input_value("#share-url") == page.get_attribute("link[rel=canonical]", "href")
        assert page.get_attribute("#share-url", "readonly") is not None
        watch.check(page)
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_the_share_block(open_page, scheme):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: npm ci --prefix tests/browser")
    page, _ = open_page(POSTING, scheme=scheme)
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")  # through DevTools: no inline script for the CSP
    violations = page.evaluate("axe.run({include: [['.share']]}, {resultTypes: ['violations']})")["violations"]
    assert not violations, [f"{v['id']}: {v['help']}" for v in violations]


@pytest.mark.parametrize("width", [320, 390])
def test_the_share_block_fits_a_phone_without_sideways_scroll(open_page, width):
    page, _ = open_page(POSTING, width=width, height=800)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    box = page.locator(".share").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
