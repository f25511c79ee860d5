"""`careersite serve`: build the site into a temporary folder, serve it on loopback, rebuild what
changed when a source file is saved, and make open browsers reload (livereload)."""

from __future__ import annotations

import html
import logging
import mimetypes
import shutil
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .build import BuildOptions, build
from .cache import CACHE_DIR, BuildCache
from .output import OutputError
from .problems import ContentError
from .progress import Progress

WATCHED = ("careersite.toml", "content", "static", "themes")
SEARCH_DELAY = 1.0  # seconds after a save: the search index is refreshed once the page has reloaded


@dataclass
class Preview:
    """What the server shows: the built folder, or the problems of the last failed build."""

    source: Path
    folder: Path
    drafts: bool
    base_url: str
    cache: BuildCache
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self, out: Callable[[str], None] = print, quick: bool = False) -> bool:
        """Build again (only what changed is redone); on failure keep the problems to show them.
        `quick` keeps the last search index, so the page is back before Pagefind has run."""
        started = time.perf_counter()
        options = BuildOptions(source=self.source, output=self.folder, drafts=self.drafts, base_url=self.base_url,
                               reuse_search=quick)
        with self.lock:
            try:
                result = build(options, Progress(enabled=False), cache=self.cache)
            except (ContentError, OutputError) as err:
                problems = [str(p) for p in err.problems] if isinstance(err, ContentError) else [str(err)]
                self.errors = problems
                for line in problems:
                    out(f"error: {line}")
                out(f"Build failed ({len(problems)} problem{'s' if len(problems) != 1 else ''}); the browser shows them until they are fixed.")
                return False
            self.errors = []
        if result.changed or not quick:
            out(f"Rebuilt: {result.published} postings, {result.changed} files changed, in {time.perf_counter() - started:.2f}s")
        return True


def resolve(root: Path, url_path: str) -> tuple[int, Path | str | None]:
    """Map a decoded URL path to a file under `root`: (200, file), (301, new location) or (404, None).
    Anything that could reach outside the folder (.., backslashes, NUL) is simply not found."""
    if "\\" in url_path or "\0" in url_path or not url_path.startswith("/"):
        return 404, None
    parts = [p for p in url_path.split("/") if p]
    if any(p in (".", "..") or p.startswith(".") for p in parts):
        return 404, None
    target = root.joinpath(*parts)
    try:
        resolved = target.resolve()
        resolved.relative_to(root.resolve())
    except (OSError, ValueError):
        return 404, None
    if resolved.is_dir():
        if not url_path.endswith("/"):
            return 301, url_path + "/"
        resolved = resolved / "index.html"
    if resolved.is_file():
        return 200, resolved
    return 404, None


def error_page(errors: Iterable[str]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Build failed · careersite</title>\n</head>\n"
        "<body>\n<main>\n<h1>The site could not be built</h1>\n"
        "<p>Fix these problems and save: this page reloads by itself.</p>\n"
        f"<ul>\n{items}\n</ul>\n</main>\n</body>\n</html>\n"
    ).encode("utf-8")


def make_app(preview: Preview):
    """A WSGI app serving the preview folder: pretty URLs, 404.html with status 404, no listings."""

    def app(environ, start_response):
        if preview.errors:
            body = error_page(preview.errors)
            start_response("500 Build Failed", [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")])
            return [body]
        with preview.lock:
            status, found = resolve(preview.folder, environ.get("PATH_INFO", "/") or "/")
            if status == 301:
                start_response("301 Moved Permanently", [("Location", str(found)), ("Content-Type", "text/plain")])
                return [b""]
            if status == 404:
                page = preview.folder / "404.html"
                body = page.read_bytes() if page.is_file() else b"Not found"
                start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")])
                return [body]
            body = found.read_bytes()
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/xml", "application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        start_response("200 OK", [("Content-Type", kind), ("Cache-Control", "no-store")])
        return [body]

    return app


class _ChangeWatcher:
    """livereload's watcher interface, fed by watchfiles (inotify) instead of polling every 800 ms:
    a save is seen within milliseconds, and one rebuild covers a burst of saves."""

    def __init__(self, paths: list[Path], on_change: Callable[[set[str]], None]):
        self.paths = paths
        self.on_change = on_change
        self._tasks = {"careersite": {}}  # livereload only checks that there is something to watch
        self._changes: list = []
        self.filepath = None
        self.stop = threading.Event()

    def watch(self, *args, **kwargs) -> None:  # pragma: no cover - livereload API, unused
        pass

    def examine(self):
        return None, None

    def start(self, callback) -> bool:
        from tornado.ioloop import IOLoop

        loop = IOLoop.current()

        def run() -> None:
            import watchfiles

            for changes in watchfiles.watch(*self.paths, debounce=50, step=10, stop_event=self.stop,
                                            rust_timeout=500, yield_on_timeout=False, raise_interrupt=False):
                loop.add_callback(self.on_change, {path for _, path in changes})

        threading.Thread(target=run, name="careersite-watch", daemon=True).start()
        return True


def serve(source: Path, host: str, port: int, drafts: bool, out: Callable[[str], None] = print) -> int:
    """Build, serve and rebuild on change until Ctrl-C. Returns the exit code."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    def stop(signum, frame):  # `kill` and Ctrl-C end the server the same clean way
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    folder = Path(tempfile.mkdtemp(prefix="careersite-serve-"))
    cache = BuildCache.open(source / CACHE_DIR)
    preview = Preview(source, folder / "site", drafts, f"http://{host}:{port}", cache)
    try:
        preview.rebuild(out)

        from tornado.ioloop import IOLoop

        search_refresh = []

        def refresh_search() -> None:
            search_refresh.clear()
            preview.rebuild(out)  # only the search index can differ from the quick rebuild

        def changed(paths: set[str]) -> None:
            for handle in search_refresh:
                IOLoop.current().remove_timeout(handle)
            search_refresh.clear()
            if preview.rebuild(out, quick=True):
                search_refresh.append(IOLoop.current().call_later(SEARCH_DELAY, refresh_search))
            LiveReloadHandler.reload_waiters()

        watched = [source.resolve() / name for name in WATCHED if (source / name).exists()]
        server = Server(make_app(preview), watcher=_ChangeWatcher(watched, changed))
        logging.getLogger("tornado.access").setLevel(logging.WARNING)
        out(f"Serving {source.resolve()} at http://{host}:{port}/ (drafts {'shown' if drafts else 'hidden'}); Ctrl-C stops.")
        try:
            server.serve(port=port, host=host, debug=False, restart_delay=0)
        except KeyboardInterrupt:
            pass
        finally:
            server.watcher.stop.set()
        out("Stopped.")
        return 0
    except KeyboardInterrupt:
        out("Stopped.")
        return 0
    except OSError as err:
        out(f"error: cannot serve on {host}:{port}: {err.strerror or err}")
        return 1
    finally:
        cache.save()
        shutil.rmtree(folder, ignore_errors=True)
