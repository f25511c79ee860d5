"""What the browser tests share: the example site built with the fixed build date and served on loopback
with the production Content-Security-Policy, Debian's Chromium driven by Playwright, and a watch on
every page for console errors, CSP violations, failed and third-party requests.

Needs: `apt-get install chromium` (used at /usr/bin/chromium; Playwright's own browser download is never
used), the `playwright` package from PyPI, and axe-core from npm in tests/browser/node_modules
(`npm ci --prefix tests/browser`). A missing one fails the browser tests with a message saying so."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import REPO, build_site, copy_example_sources

HERE = Path(__file__).resolve().parent
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = os.environ.get("CAREERSITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"

# The policy the site is served with in production (netlify.toml): every page must work under it.
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'")

# An accent that fails AA as it is in both schemes: the theme must adjust it (light: darker text colour,
# dark: a lighter one), so axe's contrast checks cover [theme] accent too.
ACCENT_THEME = '\n[theme]\nname = "default"\naccent = "#f5b400"\naccent_dark = "#1d4ed8"\nfont = "Georgia, serif"\n'


def copy_example(root: Path, extra_config: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "careersite.toml").read_text(encoding="utf-8")
    if extra_config:
        config = "\n".join(line for line in config.splitlines() if not line.startswith("theme =")) + extra_config
    (root / "careersite.toml").write_text(config, encoding="utf-8")
    copy_example_sources(root, config=False)
    build_site(root)
    return root / "output"


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files as Netlify serves them: pretty URLs, the site's 404.html, the CSP on every response."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args) -> None:  # quiet test output
        pass


Handler.extensions_map = {**Handler.extensions_map, ".js": "text/javascript", ".pagefind": "application/octet-stream",
                          ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
                          ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream"}


@dataclass
class Server:
    root: Path
    httpd: http.server.ThreadingHTTPServer
    thread: threading.Thread

    @property
    def origin(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.origin + path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def serve(root: Path) -> Server:
    handler = functools.partial(Handler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="careersite-test-server", daemon=True)
    thread.start()
    return Server(root, httpd, thread)


def launch_chromium(playwright):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (browser tests use Debian's build)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@pytest.fixture(scope="module", name="browser")
def chromium_browser():
    """`browser`: Debian's Chromium for a module's tests (import this fixture into the module)."""
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


WATCH_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
});
window.__layoutShift = 0;
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { if (!entry.hadRecentInput) window.__layoutShift += entry.value; }
  }).observe({type: 'layout-shift', buffered: true});
} catch (e) {}
"""


@dataclass
class Watch:
    """Everything a page did wrong: console errors, uncaught exceptions, failed or off-site requests."""

    origin: str
    problems: list[str] = field(default_factory=list)
    allowed_statuses: dict[str, int] = field(default_factory=dict)  # url -> expected error status

    def attach(self, page) -> None:
        page.add_init_script(WATCH_SCRIPT)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"uncaught: {e}"))
        page.on("requestfailed", self._failed)
        page.on("request", self._request)
        page.on("response", self._response)

    def _console(self, message) -> None:
        if message.type not in ("error", "warning"):
            return
        if message.text.startswith("Failed to load resource") and message.location.get("url") in self.allowed_statuses:
            return  # the expected error status of a page under test (the 404 page), reported by _response
        self.problems.append(f"console {message.type}: {message.text}")

    def _failed(self, request) -> None:
        # Pagefind starts loading when the search field gets focus: leaving the page (Tab past the
        # field, then a link) cancels what was still on its way, which is no fault of the page
        if "/pagefind/" in request.url and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"failed request: {request.url} ({request.failure})")

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme == "data":
            return
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.problems.append(f"third-party request: {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400 and self.allowed_statuses.get(response.url) != response.status:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def check(self, page) -> None:
        violations = [] if page.is_closed() else page.evaluate("window.__cspViolations || []")
        problems = self.problems + [f"CSP violation: {v}" for v in violations]
        assert not problems, "\n".join(problems)
