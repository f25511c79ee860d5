"""`careersite serve`: build the site into a temporary folder, serve it on loopback, rebuild what
changed when a source file is saved, and make open browsers reload (livereload)."""

from __future__ import annotations

import datetime as dt
import errno
import html
import logging
import mimetypes
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .build import BuildOptions, build
from .cache import CACHE_DIR, BuildCache
from .plural import counted
from .config import CONFIG_NAME
from .output import OutputError
from .problems import ContentError
from .progress import Progress
from .render import PlanMemo
from .slugs import url_path
from .submissions import take_submission

WATCHED = (CONFIG_NAME, "content", "static", "themes", "locales")
SEARCH_DELAY = 1.0  # seconds after a save: the search index is refreshed once the page has reloaded (and
# anything a watcher missed is caught: see settle)


@dataclass
class Preview:
    """What the server shows: the built folder, or the problems of the last failed build."""

    source: Path
    folder: Path
    drafts: bool
    base_url: str
    cache: BuildCache
    memo: PlanMemo = field(default_factory=PlanMemo)  # what each build's plan leaves for the next: only changed pages are planned again
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    news: bool = False  # the last rebuild changed what a browser shows (pages or problems; not the search index)

    def rebuild(self, out: Callable[[str], None] = print, quick: bool = False, quiet: bool = False,
                problems_out: Callable[[str], None] | None = None) -> bool:
        """Build again (only what changed is redone); on failure keep the problems to show them.
        `quick` keeps the last search index, so the page is back before Pagefind has run. A quick
        or `quiet` rebuild says nothing when no file changed (the search index catching up after
        a save said "0 files changed", which read as a save not seen), unless it ends a failure;
        a `quiet` one does not repeat the problems already said. Problems go to `problems_out`
        when given (serve --quiet: errors only)."""
        started = time.perf_counter()
        options = BuildOptions(source=self.source, output=self.folder, drafts=self.drafts, base_url=self.base_url,
                               reuse_search=quick)
        manifest = str(self.folder.resolve())
        with self.lock:
            before, shown = self.cache.outputs.get(manifest, {}), self.errors
            try:
                result = build(options, Progress(enabled=False), cache=self.cache, memo=self.memo)
            except (ContentError, OutputError) as err:
                problems = [str(p) for p in err.problems] if isinstance(err, ContentError) else [str(err)]
                self.errors, self.news = problems, problems != shown
                if self.news or not quiet:
                    say = problems_out or out
                    for line in problems:
                        say(f"error: {line}")
                    say(f"Build failed ({counted(len(problems), 'problem')}); the browser shows them until they are fixed.")
                return False
            self.errors = []
            after = self.cache.outputs.get(manifest, {})
            self.news = bool(shown) or any(  # a page added, changed or removed; the search index aside
                not path.startswith("pagefind/") and (before.get(path) is None or after.get(path) is None
                                                      or before[path].content != after[path].content)
                for path in before.keys() | after.keys())
        if result.changed or shown or not (quick or quiet):  # after "Build failed", always say it is back
            out(f"Rebuilt: {counted(result.published, 'posting')}, {counted(result.changed, 'file')} changed, in {time.perf_counter() - started:.2f}s")
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


def request_path(environ: dict) -> str:
    """The request's decoded path as text. WSGI (PEP 3333) hands it over as the URL's bytes, decoded
    as Latin-1: '/departments/%E5%96%B6%E6%A5%AD/' arrives as six Latin-1 characters, and only
    read again as UTF-8 do they name the folder departments/営業/ (NFC, as slugs are written)."""
    raw = environ.get("PATH_INFO", "/") or "/"
    try:
        return unicodedata.normalize("NFC", raw.encode("latin-1").decode("utf-8"))
    except (UnicodeEncodeError, UnicodeDecodeError):  # not UTF-8: no file of the site has that name
        return raw


def error_page(errors: Iterable[str]) -> bytes:
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors)
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Build failed · careersite</title>\n</head>\n"
        "<body>\n<main>\n<h1>The site could not be built</h1>\n"
        "<p>Fix these problems and save: this page reloads by itself.</p>\n"
        f"<ul>\n{items}\n</ul>\n</main>\n</body>\n</html>\n"
    ).encode("utf-8")


def not_found_page(root: Path, path: str) -> Path | None:
    """The 404 page for a missing `path`: its language's (/de/404.html for /de/...), as the
    _redirects rules have Netlify answer, else the site's 404.html."""
    first = path.strip("/").split("/")[0]
    for page in ((root / first / "404.html") if first and first not in (".", "..") else None, root / "404.html"):
        if page is not None and page.is_file():
            return page
    return None


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def make_app(preview: Preview, say: Callable[[str], None] = print, now: Callable[[], dt.datetime] = _utc_now):
    """A WSGI app serving the preview folder: pretty URLs, 404.html with status 404, no listings;
    an application form's POST is taken as Netlify would (submissions.py), said on `say`."""

    def app(environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if method == "POST" and not preview.errors:
            with preview.lock:
                answer = take_submission(environ, preview.folder, preview.source / CACHE_DIR, now, say)
            start_response(answer.status, answer.headers)
            return [answer.body]
        if method not in ("GET", "HEAD"):
            start_response("405 Method Not Allowed", [("Allow", "GET, HEAD, POST"), ("Content-Type", "text/plain")])
            return [b"Method not allowed"]
        if preview.errors:
            body = error_page(preview.errors)
            start_response("500 Build Failed", [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")])
            return [body]
        with preview.lock:
            status, found = resolve(preview.folder, request_path(environ))
            if status == 301:
                start_response("301 Moved Permanently", [("Location", url_path(str(found))), ("Content-Type", "text/plain")])
                return [b""]
            if status == 404:
                page = not_found_page(preview.folder, request_path(environ))
                body = page.read_bytes() if page else b"Not found"
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
    a save is seen within milliseconds, and one rebuild covers a burst of saves.

    The site folder is watched, not careersite.toml itself: a watch on a file follows that file
    (its inode), and a save that writes a new file and renames it over the old one (`sed -i`, vim,
    many editors) left the watch on the replaced file, so every later save went unseen. The
    folder's own watch (not recursive: output/ and the cache are no business of it) sees
    careersite.toml however it is saved, and sees content/, static/ and themes/ appear, vanish or
    be replaced; those folders are watched recursively by a second watch, made again over the
    folders there are whenever that happens."""

    def __init__(self, source: Path, on_change: Callable[[set[str]], None], warn: Callable[[str], None] = print):
        self.source = source.resolve()
        self.on_change = on_change
        self.warn = warn
        self._tasks = {"careersite": {}}  # livereload only checks that there is something to watch
        self._changes: list = []
        self.filepath = None
        self.stop = threading.Event()

    def watch(self, *args, **kwargs) -> None:  # pragma: no cover - livereload API, unused
        pass

    def examine(self):
        return None, None

    def start(self, callback) -> bool:
        """livereload's hook: watching began before the first build (see begin)."""
        return True

    def begin(self) -> None:
        """Watch from now on: returns once the watches are in place, so a save made after this is
        seen, and one made before is read by the build that follows. Changes are handed to
        `on_change` on this thread's IOLoop, which runs them once it is started."""
        from tornado.ioloop import IOLoop

        loop = IOLoop.current()

        def report(paths: set[str]) -> None:
            loop.add_callback(self.on_change, paths)

        folders, folders_ready = self._watch_folders(report)
        ready = threading.Event()
        threading.Thread(target=self._watch_site, args=(report, ready, folders), name="careersite-watch", daemon=True).start()
        ready.wait(10)
        folders_ready.wait(10)

    def _watch_site(self, report: Callable[[set[str]], None], ready: threading.Event, folders: threading.Event) -> None:
        for changes in _changes([self.source], False, self.stop, ready, self.warn):
            names = {Path(path).name for _, path in changes} & set(WATCHED)
            if names - {CONFIG_NAME}:  # a watched folder appeared, vanished or was replaced
                previous = folders
                folders, folders_ready = self._watch_folders(report)
                folders_ready.wait(10)  # the new watch in place before the old one ends: nothing falls between
                previous.set()
            if names:
                report({str(self.source / name) for name in names})

    def _watch_folders(self, report: Callable[[set[str]], None]) -> tuple[threading.Event, threading.Event]:
        """Watch the folders there are now, recursively: gives the event that ends this watch, and
        the one set once it is in place."""
        folders = [self.source / name for name in WATCHED if name != CONFIG_NAME and (self.source / name).is_dir()]
        ended, ready = threading.Event(), threading.Event()
        if not folders:
            ready.set()
            return ended, ready

        def run() -> None:
            for changes in _changes(folders, True, _Either(self.stop, ended), ready, self.warn):
                report({path for _, path in changes})

        threading.Thread(target=run, name="careersite-watch-folders", daemon=True).start()
        return ended, ready


@dataclass(frozen=True)
class _Either:
    """A stop event for watchfiles that is set when either of two events is."""

    first: threading.Event
    second: threading.Event

    def is_set(self) -> bool:
        return self.first.is_set() or self.second.is_set()


def _changes(paths: list[Path], recursive: bool, stop, ready: threading.Event, warn: Callable[[str], None]):
    """watchfiles' batches of changes under `paths` (empty ones left out) until `stop` is set;
    `ready` is set once the watch is in place (at its first batch or first quiet 0.1 s). A watch
    that cannot be made is said, never silently missing (a folder that is gone meanwhile aside:
    the site folder's watch sees that and watches again)."""
    import watchfiles

    try:
        for changes in watchfiles.watch(*paths, debounce=50, step=10, stop_event=stop, rust_timeout=100,
                                        yield_on_timeout=True, raise_interrupt=False, recursive=recursive):
            ready.set()
            if changes:
                yield changes
    except OSError as error:
        if all(path.is_dir() for path in paths):
            shown = ", ".join(f"{path.name}/" for path in paths)
            warn(f"warning: saves in {shown} are not seen, so not rebuilt ({error}); fix that and restart careersite serve")
    finally:
        ready.set()


def serve(source: Path, host: str, port: int, drafts: bool, out: Callable[[str], None] = print,
          err: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True), quiet: bool = False) -> int:
    """Build, serve and rebuild on change until Ctrl-C. Returns the exit code. The port is taken
    first, so a port in use is said at once (before any build), and "Serving at" is only said
    of a server that is listening. `quiet`: only problems are said, on `err`."""
    problems_out = err if quiet else out
    if quiet:
        out = lambda line: None  # noqa: E731 - progress silenced, problems still said
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    def stop(signum, frame):  # `kill` and Ctrl-C end the server the same clean way
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    folder = Path(tempfile.mkdtemp(prefix="careersite-serve-"))
    cache = BuildCache.open(source / CACHE_DIR)
    preview = Preview(source, folder / "site", drafts, f"http://{host}:{port}", cache)
    watcher = None
    try:
        settling = []

        def settle() -> None:
            """A full rebuild a moment after the last change: the search index catches up. It should
            change nothing else; if it does, it found a save the watcher did not report (polled
            watching, the default on WSL, knows a file's time to the second: a second save within
            the same second goes unseen), shown all the same."""
            settling.clear()
            preview.rebuild(out, quiet=True, problems_out=problems_out)
            if preview.news:
                out("note: that rebuild found a save the file watcher had not reported; the browser reloads now")
                LiveReloadHandler.reload_waiters()

        def changed(paths: set[str]) -> None:
            for handle in settling:
                IOLoop.current().remove_timeout(handle)
            settling.clear()
            preview.rebuild(out, quick=True, problems_out=problems_out)
            settling.append(IOLoop.current().call_later(SEARCH_DELAY, settle))
            LiveReloadHandler.reload_waiters()

        watcher = _ChangeWatcher(source, changed, err)
        server = Server(make_app(preview, out), watcher=watcher)
        logging.getLogger("tornado.access").setLevel(logging.WARNING)
        try:
            server.application(port, host, debug=False)  # binds the port (livereload's serve() would say "Serving" first)
        except OSError as error:
            err(port_problem(host, port, error))
            return 1
        watcher.begin()  # before the first build: a save made during it is not lost
        preview.rebuild(out, problems_out=problems_out)
        out(f"Serving {source.resolve()} at http://{host}:{port}/ (drafts {'shown' if drafts else 'hidden'}); Ctrl-C stops.")
        LiveReloadHandler.start_tasks()
        try:
            IOLoop.current().start()
        except KeyboardInterrupt:
            pass
        out("Stopped.")
        return 0
    except KeyboardInterrupt:
        out("Stopped.")
        return 0
    except OSError as error:  # e.g. the temporary folder's disk is full: said, not a traceback
        err(f"error: {error}")
        return 1
    finally:
        if watcher is not None:
            watcher.stop.set()
        cache.save()
        shutil.rmtree(folder, ignore_errors=True)


def port_problem(host: str, port: int, error: OSError) -> str:
    """One line for a server that could not listen: what went wrong and the option that fixes it."""
    if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
        return (f"error: cannot serve at http://{host}:{port}/: {host} is not an address of this machine "
                f"({error.strerror or error}); use --host 127.0.0.1")
    if error.errno == errno.EADDRINUSE:
        reason = f"port {port} is already in use (another careersite serve, or another server)"
    elif error.errno == errno.EACCES:
        reason = f"port {port} needs administrator rights"
    else:
        reason = error.strerror or str(error)
    free = _free_port(host, port)
    return f"error: cannot serve at http://{host}:{port}/: {reason}; choose another with --port N" + (
        f", e.g. --port {free}" if free else "")


def _free_port(host: str, taken: int) -> int | None:
    """The first of the next few ports that can be bound now, to suggest one."""
    from tornado.netutil import bind_sockets

    for port in range(max(taken + 1, 1024), max(taken + 1, 1024) + 20):
        try:
            sockets = bind_sockets(port, host)
        except OSError:
            continue
        for sock in sockets:
            sock.close()
        return port
    return None
