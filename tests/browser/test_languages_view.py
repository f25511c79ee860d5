"""Pages in Arabic (right to left) and Japanese, in Chromium: axe-core finds no violations, the
page mirrors (dir=rtl, the facts beside the description on the left), and screenshots go to
test-artifacts/ for a person to look at."""

from __future__ import annotations

import shutil

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
