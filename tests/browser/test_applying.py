"""A candidate applying on the posting page, in Chromium, against `careersite serve` (which takes the
form as Netlify would): with and without JavaScript, from the keyboard, with a required answer
missing and with a file over the limit, and successfully (the thank-you page, the submission
stored with the posting's id and the CV's bytes as sent). Pages are served with the production CSP."""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import pytest

from browser_support import CSP, REPO, Watch, chromium_browser  # noqa: F401 (the browser fixture)
from conftest import copy_example_sources
from careersite.cache import CACHE_DIR
from test_serve import start_server

pytestmark = pytest.mark.browser

FORM_PAGE = "/jobs/people-operations-intern/"
LIVERELOAD_SNIPPET = re.compile(rb'<script type="text/javascript">\(function\(\)\{var s=document.createElement\("script"\);.*?</script>', re.S)
CV = b"%PDF-1.4\r\n%\xe2\xe3\xcf\xd3\r\n1 0 obj\n<< /Type /Catalog >>\nendobj\r\n\x00\x01\x02 binary \xff\r\n%%EOF\n"


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("apply")
    site = copy_example_sources(root / "site")
    temp = root / "tmp"
    temp.mkdir()
    base, process = start_server(site, temp)
    yield site, base
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=20)


@pytest.fixture
def open_form(browser, preview):
    _, base = preview
    opened = []

    def opener(javascript: bool = True):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        watch = Watch(base, allowed_statuses={f"{base}/applied/": 400})

        def with_csp(route):
            """The production policy on every page, as Netlify sends it; without the inline snippet
            livereload adds to pages in the preview (the preview's own, never published)."""
            response = route.fetch()
            body = LIVERELOAD_SNIPPET.sub(b"", response.body())
            route.fulfill(response=response, body=body, headers={**response.headers, "content-security-policy": CSP})

        page.route(re.compile(r".*/(|[^.?]*/)(\?.*)?$"), lambda route: with_csp(route) if route.request.method == "GET" else route.continue_())
        if javascript:
            watch.attach(page)
        page.goto(base + FORM_PAGE, wait_until="load")
        opened.append((context, page, watch, javascript))
        return page

    yield opener
    try:
        for _, page, watch, javascript in opened:
            if javascript:
                watch.check(page)
    finally:
        for context, *_ in opened:
            context.close()


def submissions(site: Path) -> list[dict]:
    folder = site / CACHE_DIR / "submissions" / "apply-people-operations-intern"
    return [json.loads(p.read_text(encoding="utf-8")) | {"_folder": p.parent} for p in sorted(folder.glob("*/submission.json"))]


def fill_valid(page, tmp_path: Path, cv: bytes = CV) -> None:
    page.fill("#field-name", "Grace Hopper")
    page.fill("#field-email", "grace@example.org")
    cv_file = tmp_path / "Grace Hopper CV.pdf"
    cv_file.write_bytes(cv)
    page.set_input_files("#field-cv", str(cv_file))
    page.check("input[name='q-enrolled'][value='Yes']")
    page.check("#field-consent")


def test_applying_with_javascript_from_the_keyboard_stores_the_application(open_form, preview, tmp_path):
    site, base = preview
    before = len(submissions(site))
    page = open_form()
    # from the Apply button to the form, keyboard only
    page.focus("a.button[href='#apply']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#apply$"))
    page.focus("#field-name")
    page.keyboard.type("Grace Hopper")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "field-email"
    page.keyboard.type("grace@example.org")
    cv_file = tmp_path / "cv.pdf"
    cv_file.write_bytes(CV)
    page.set_input_files("#field-cv", str(cv_file))  # a file is chosen in the system's dialog, not typed
    page.focus("input[name='q-enrolled'][value='Yes']")
    page.keyboard.press("Space")
    page.focus("#field-consent")
    page.keyboard.press("Space")
    page.focus("form[data-apply-form] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/applied/")
    assert "Thank you for applying" in page.text_content("h1")
    [stored] = submissions(site)[before:]
    assert stored["fields"]["job-id"] == "PPL-0048" and stored["fields"]["job-title"] == "People Operations Intern"
    assert stored["fields"]["job-url"].endswith(FORM_PAGE) and stored["fields"]["q-enrolled"] == "Yes"
    assert (stored["_folder"] / stored["files"]["cv"]["stored_as"]).read_bytes() == CV


def test_a_missing_answer_is_announced_and_focused_with_javascript(open_form, preview, tmp_path):
    site, _ = preview
    before = len(submissions(site))
    page = open_form()
    fill_valid(page, tmp_path)
    page.uncheck("#field-consent")
    page.fill("#field-email", "")
    page.click("form[data-apply-form] button[type=submit]")
    summary = page.locator("#form-problems")
    summary.wait_for(state="visible")
    assert summary.get_attribute("role") == "alert"
    assert "2 answers need your attention" in summary.text_content()
    assert page.evaluate("document.activeElement.id") == "field-email"
    assert page.get_attribute("#field-email", "aria-invalid") == "true"
    error = page.locator("#field-email-error")
    assert error.is_visible() and "Fill in this field" in error.text_content()
    assert "field-email-error" in page.get_attribute("#field-email", "aria-describedby")
    assert page.url.endswith(FORM_PAGE)
    # fixed, the messages go and the application is sent
    page.fill("#field-email", "grace@example.org")
    page.check("#field-consent")
    page.click("form[data-apply-form] button[type=submit]")
    page.wait_for_url(re.compile(r"/applied/$"))
    assert len(submissions(site)) == before + 1


def test_a_file_over_the_limit_is_refused_before_uploading(open_form, preview, tmp_path):
    site, _ = preview
    before = len(submissions(site))
    page = open_form()
    fill_valid(page, tmp_path, cv=b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1))
    error = page.locator("#field-cv-error")
    error.wait_for(state="visible")
    assert "the limit is 5 MB" in error.text_content()
    page.click("form[data-apply-form] button[type=submit]")
    assert page.evaluate("document.activeElement.id") == "field-cv"
    assert page.url.endswith(FORM_PAGE) and len(submissions(site)) == before


def test_without_javascript_the_browser_checks_and_the_form_still_posts(open_form, preview, tmp_path):
    site, base = preview
    before = len(submissions(site))
    page = open_form(javascript=False)
    fill_valid(page, tmp_path)
    page.fill("#field-name", "")
    page.click("form[data-apply-form] button[type=submit]")
    page.wait_for_timeout(300)
    assert page.url.endswith(FORM_PAGE)  # the browser's own check stopped it, on the field
    assert page.evaluate("document.activeElement.id") == "field-name"
    page.fill("#field-name", "Grace Hopper")
    page.click("form[data-apply-form] button[type=submit]")
    page.wait_for_url(base + "/applied/")
    assert "Thank you for applying" in page.text_content("h1")
    [stored] = submissions(site)[before:]
    assert (stored["_folder"] / "files" / "cv.pdf").read_bytes() == CV


def test_without_javascript_a_file_over_the_limit_is_refused_by_the_server(open_form, preview, tmp_path):
    site, _ = preview
    before = len(submissions(site))
    page = open_form(javascript=False)
    fill_valid(page, tmp_path, cv=b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1))
    page.click("form[data-apply-form] button[type=submit]")
    page.wait_for_load_state("load")
    assert "Your application was not sent" in page.text_content("h1")
    assert "the limit is 5 MB" in page.text_content("main")
    assert page.get_attribute("main a", "href") == FORM_PAGE
    assert len(submissions(site)) == before
