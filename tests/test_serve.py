"""careersite serve, over real HTTP on a free loopback port: pages, 404s, traversal, live reload
after an edit, the error page for a broken posting and recovery, and a clean stop."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Callable

import pytest
from tornado.websocket import websocket_connect

from careersite.fsclock import filesystem_now_ns
from careersite.serve import _changes, resolve

from conftest import REPO, basic_fields, posting_text, write_site


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode(), dict(err.headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def start_server(site, temp, *options, **env):
    """`careersite serve` on a free port, once it answers: (base URL, process)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp), **env}
    process = subprocess.Popen([sys.executable, "-m", "careersite", "serve", "--source", str(site), "--port", str(port), *options],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               # Ctrl-C as in a terminal, even when pytest was started in the background
                               # (a shell makes its background jobs ignore SIGINT, and so their children)
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            get(base + "/")
            return base, process
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(process.communicate())
            time.sleep(0.1)


@pytest.fixture
def server(tmp_path):
    site = write_site(tmp_path / "site", {
        "data-engineer.md": posting_text(**basic_fields()),
        "draft-role.md": posting_text(title="Draft Role", draft="true", workplace="remote", applicant_locations="[US]"),
    })
    temp = tmp_path / "tmp"
    temp.mkdir()
    base, process = start_server(site, temp)
    yield site, base, process, temp
    if process.poll() is None:
        process.kill()
        process.communicate()


def stopped(process) -> str:
    """Stop the server; what it printed. (SIGTERM: a shell that starts pytest in the background
    makes its children ignore SIGINT.)"""
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0 and "Traceback" not in err, err
    return out


async def next_reload(base: str, action) -> dict:
    """Connect as livereload.js does, do `action`, and wait for the reload message."""
    ws = await websocket_connect(base.replace("http", "ws") + "/livereload")
    ws.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    hello = json.loads(await ws.read_message())
    assert hello["command"] == "hello"
    ws.write_message(json.dumps({"command": "info", "url": base + "/", "plugins": {}}))
    await asyncio.sleep(0.3)  # let the server register this page before the edit
    action()
    while True:
        message = json.loads(await asyncio.wait_for(ws.read_message(), timeout=20))
        if message.get("command") == "reload":
            ws.close()
            return message


def test_serves_pages_with_the_reload_script_and_drafts(server):
    site, base, _, _ = server
    status, body, headers = get(base + "/jobs/data-engineer/")
    assert status == 200 and "<h1>Data Engineer</h1>" in body
    assert "livereload.js" in body
    assert headers["Content-Type"].startswith("text/html")
    status, body, _ = get(base + "/jobs/draft-role/")
    assert status == 200 and "Draft: this posting is not published." in body
    assert get(base + "/feed.xml")[0] == 200


def test_unknown_paths_get_the_404_page_and_nothing_outside_is_served(server):
    _, base, _, _ = server
    status, body, _ = get(base + "/no/such/page/")
    assert status == 404 and "Page not found" in body
    for path in ("/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/jobs/..%2f..%2f..%2fetc/passwd", "/..\\..\\etc\\passwd", "/.careersite-output"):
        status, body, _ = get(base + path)
        assert status == 404, path
        assert "root:" not in body
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(base + "/jobs", timeout=10)
    assert redirect.value.code == 301 and redirect.value.headers["Location"] == "/jobs/"


def test_edit_rebuilds_and_reloads_and_a_broken_posting_shows_an_error_until_fixed(server):
    site, base, _, _ = server
    posting = site / "content/jobs/data-engineer.md"
    original = posting.read_text()

    asyncio.run(next_reload(base, lambda: posting.write_text(original.replace("Build things.", "Build great things."))))
    assert "Build great things." in get(base + "/jobs/data-engineer/")[1]

    asyncio.run(next_reload(base, lambda: posting.write_text(original.replace("title: Data Engineer", 'title: "Data Engineer'))))
    status, body, _ = get(base + "/jobs/data-engineer/")
    assert status == 500
    assert "content/jobs/data-engineer.md:2:" in body and "YAML syntax error" in body
    assert "livereload.js" in body  # so the page comes back by itself

    asyncio.run(next_reload(base, lambda: posting.write_text(original)))
    status, body, _ = get(base + "/jobs/data-engineer/")
    assert status == 200 and "Build things." in body


def test_ctrl_c_stops_cleanly_without_traceback_or_temp_folders(server):
    _, _, process, temp = server
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    assert "Stopped." in out
    assert list(temp.iterdir()) == []


def test_resolve_maps_pretty_urls_and_refuses_escapes(tmp_path):
    (tmp_path / "jobs" / "x").mkdir(parents=True)
    (tmp_path / "jobs" / "x" / "index.html").write_text("x")
    (tmp_path / "feed.xml").write_text("f")
    outside = tmp_path.parent / "secret.txt"
    outside.write_text("s")
    (tmp_path / "link").symlink_to(outside)
    assert resolve(tmp_path, "/jobs/x/") == (200, (tmp_path / "jobs/x/index.html").resolve())
    assert resolve(tmp_path, "/jobs/x") == (301, "/jobs/x/")
    assert resolve(tmp_path, "/feed.xml") == (200, (tmp_path / "feed.xml").resolve())
    for path in ("/../secret.txt", "/jobs/../../secret.txt", "/link", "/jobs\\x", "/a\0b", "/.hidden", "jobs/x/"):
        assert resolve(tmp_path, path) == (404, None), path


def test_the_search_index_catches_up_after_the_page_reloads(server):
    site, base, process, _ = server
    before = get(base + "/pagefind/pagefind-entry.json")[1]
    posting = site / "content/jobs/data-engineer.md"
    asyncio.run(next_reload(base, lambda: posting.write_text(posting.read_text().replace("Build things.", "Build zeppelins."))))
    deadline = time.monotonic() + 20
    while get(base + "/pagefind/pagefind-entry.json")[1] == before:
        assert time.monotonic() < deadline, "the search index was not refreshed"
        time.sleep(0.2)
    out = stopped(process)
    assert "note:" not in out and not re.search(r"\b0 files changed", out)  # nothing but the index changed, and that is said
    assert [line.split(",")[0] for line in out.splitlines() if line.startswith("Rebuilt")] == ["Rebuilt: 1 posting"] * 3


# Saves as editors and tools make them. Each must reach the served page through the watcher
# (a livereload "reload" after it, not the search index's later rebuild), three in a row:
# a watch that follows one inode, or a check of size and time, misses the second or third.

def save_by_rename(path, text):
    """As `sed -i`, vim and many editors save: a new file, renamed over the old one."""
    temp = path.with_name(f"sed{os.getpid()}")
    temp.write_text(text)
    os.replace(temp, path)


def save_by_copy(path, text):
    """As `cp` does: the old file truncated and written from another file."""
    other = path.parent.parent / f"copy-of-{path.name}"
    other.write_text(text)
    shutil.copy(other, path)
    other.unlink()


def save_by_rewrite(path, text):
    """Truncate and write in place, as Python's write_text does."""
    path.write_text(text)


SAVES = (save_by_rename, save_by_copy, save_by_rewrite)
# each save changes the length, then keeps it (same size, same second: what size and time checks miss)
MARKS = ("one", "two", "three")


async def saves_show(base: str, saves: list[tuple[Callable[[], None], str, str]]) -> None:
    """For each (save, url, mark): save, then wait for a reload after which the page at url holds mark."""
    ws = await websocket_connect(base.replace("http", "ws") + "/livereload")
    hello = json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]})
    ws.write_message(hello)
    assert json.loads(await ws.read_message())["command"] == "hello"
    ws.write_message(json.dumps({"command": "info", "url": base + "/", "plugins": {}}))
    ws.write_message(hello)  # answered once the server has taken the info: this page waits for reloads
    assert json.loads(await ws.read_message())["command"] == "hello"
    for number, (save, url, mark) in enumerate(saves, 1):
        save()
        deadline = time.monotonic() + 10
        while True:
            try:
                message = json.loads(await asyncio.wait_for(ws.read_message(), timeout=deadline - time.monotonic()))
            except asyncio.TimeoutError:
                raise AssertionError(f"save {number} ({mark!r}) never reached {url}") from None
            if message.get("command") == "reload" and mark in get(base + url)[1]:
                break
    ws.close()


def test_every_save_of_the_config_is_seen_however_it_is_saved(server):
    site, base, _, _ = server
    config = site / "careersite.toml"
    original = config.read_text()
    steps = [(lambda save=save, mark=f"{save.__name__}-{mark}": save(config, original.replace('"Test Careers"', f'"Careers {mark}"')),
              "/", f"Careers {save.__name__}-{mark}") for save in SAVES for mark in MARKS]
    asyncio.run(saves_show(base, steps))
    assert "note:" not in stopped(server[2])  # every save was reported by the watcher itself


def test_every_save_of_a_posting_is_seen_however_it_is_saved(server):
    site, base, _, _ = server
    posting = site / "content/jobs/data-engineer.md"
    original = posting.read_text()
    steps = [(lambda save=save, mark=f"{save.__name__}-{mark}": save(posting, original.replace("Build things.", f"Build {mark}.")),
              "/jobs/data-engineer/", f"Build {save.__name__}-{mark}.") for save in SAVES for mark in MARKS]
    asyncio.run(saves_show(base, steps))
    assert "note:" not in stopped(server[2])  # every save was reported by the watcher itself


def test_every_save_of_a_template_is_seen_even_in_a_theme_folder_made_while_serving(server):
    site, base, _, _ = server
    assert not (site / "themes").exists()
    template = site / "themes/default/templates/404.html"
    page = '{% extends "base.html" %}\n{% block main %}<p>Lost: MARK</p>{% endblock %}\n'

    def first() -> None:  # the site's own theme folder appears: an override of the built-in 404 page
        template.parent.mkdir(parents=True)
        template.write_text(page.replace("MARK", "first"))

    steps = [(first, "/no/such/page/", "Lost: first")]
    steps += [(lambda save=save, mark=f"{save.__name__}-{mark}": save(template, page.replace("MARK", mark)),
               "/no/such/page/", f"Lost: {save.__name__}-{mark}") for save in SAVES for mark in MARKS]
    asyncio.run(saves_show(base, steps))
    assert "note:" not in stopped(server[2])  # every save was reported by the watcher itself


def test_a_config_broken_by_sed_and_restored_by_cp_comes_back_without_a_restart(server, tmp_path):
    site, base, process, _ = server
    config = site / "careersite.toml"
    backup = tmp_path / "careersite.toml.bak"
    shutil.copy(config, backup)
    broken = config.read_text().replace('title = "Test Careers"', 'title = "Test Careers')

    def is_broken() -> None:
        save_by_rename(config, broken)

    async def steps() -> None:
        await saves_show(base, [(is_broken, "/", "careersite.toml:1")])
        assert get(base + "/")[0] == 500
        await saves_show(base, [(lambda: shutil.copy(backup, config), "/", "<title>Test Careers</title>")])
        assert get(base + "/")[0] == 200
        await saves_show(base, [(lambda: save_by_rewrite(config, broken), "/", "careersite.toml:1")])
        await saves_show(base, [(lambda: shutil.copy(backup, config), "/", "<title>Test Careers</title>")])
        assert get(base + "/")[0] == 200

    asyncio.run(steps())
    out = stopped(process)
    assert "note:" not in out  # every save was reported by the watcher itself
    said = [line.split(":")[0].split(" (")[0] for line in out.splitlines() if line.startswith(("Build failed", "Rebuilt:"))]
    said = [line for i, line in enumerate(said) if i == 0 or line != said[i - 1]]
    assert said == ["Rebuilt", "Build failed", "Rebuilt", "Build failed", "Rebuilt"], out  # each recovery is said


def test_a_taken_port_is_one_line_naming_the_fix_and_nothing_is_served(tmp_path):
    site = write_site(tmp_path / "site", {"data-engineer.md": posting_text(**basic_fields())})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-m", "careersite", "serve", "--source", str(site), "--port", str(port)],
                              env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 1
    assert "Serving" not in done.stdout + done.stderr and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: cannot serve at http://127.0.0.1:{port}/: port {port} is already in use")
    assert "--port N" in lines[0] and "e.g. --port " in lines[0]
    assert done.stdout == ""  # not even a build: the port is taken before anything else


def test_a_watch_that_cannot_be_made_is_said_not_silently_missing(tmp_path, monkeypatch):
    import threading

    import watchfiles

    def limit_reached(*paths, **options):
        raise OSError("OS file watch limit reached")
        yield

    monkeypatch.setattr(watchfiles, "watch", limit_reached)
    (tmp_path / "content").mkdir()
    said, ready = [], threading.Event()
    assert list(_changes([tmp_path / "content"], True, threading.Event(), ready, said.append)) == []
    assert ready.is_set()
    assert said == ["warning: saves in content/ are not seen, so not rebuilt (OS file watch limit reached); "
                    "fix that and restart careersite serve"]
    said.clear()  # a folder removed meanwhile is not a problem: the site folder's watch watches again
    assert list(_changes([tmp_path / "gone"], True, threading.Event(), threading.Event(), said.append)) == [] and said == []


@pytest.mark.skipif("faketime" in os.environ.get("LD_PRELOAD", ""),
                    reason="under libfaketime (the suite's time-travel run) watchfiles' polling sees no change at all")
def test_a_save_the_watcher_cannot_tell_apart_is_caught_by_the_settling_rebuild(tmp_path):
    """Polled watching (the default on WSL) compares times: a save with the size and the time of the
    one before is not reported. The rebuild that refreshes the search index finds it all the same."""
    site = write_site(tmp_path / "site", {"data-engineer.md": posting_text(**basic_fields())})
    (tmp_path / "tmp").mkdir()
    posting = site / "content/jobs/data-engineer.md"
    original = posting.read_text()
    base, process = start_server(site, tmp_path / "tmp", WATCHFILES_FORCE_POLLING="1", WATCHFILES_POLL_DELAY_MS="50")
    try:
        # the first save must fall in another second than the file's start (on the file system's clock)
        while filesystem_now_ns(tmp_path) // 10**9 == posting.stat().st_mtime_ns // 10**9:
            time.sleep(0.05)

        def same_size_and_time() -> None:
            before = posting.stat()
            posting.write_text(original.replace("Build things.", "Build gamma."))
            os.utime(posting, ns=(before.st_atime_ns, before.st_mtime_ns))

        asyncio.run(saves_show(base, [(lambda: posting.write_text(original.replace("Build things.", "Build alpha.")),
                                       "/jobs/data-engineer/", "Build alpha."),
                                      (same_size_and_time, "/jobs/data-engineer/", "Build gamma.")]))
        assert "note: that rebuild found a save the file watcher had not reported" in stopped(process)
    finally:
        if process.poll() is None:
            process.kill()


def test_quiet_serve_says_only_the_problems(tmp_path):
    site = write_site(tmp_path / "site", {"data-engineer.md": posting_text(**basic_fields())})
    temp = tmp_path / "tmp"
    temp.mkdir()
    base, process = start_server(site, temp, "--quiet")
    posting = site / "content/jobs/data-engineer.md"
    original = posting.read_text()
    asyncio.run(next_reload(base, lambda: posting.write_text(original.replace("Build things.", "Build great things."))))
    asyncio.run(next_reload(base, lambda: posting.write_text(original.replace("title: Data Engineer", 'title: "Data Engineer'))))
    assert get(base + "/jobs/data-engineer/")[0] == 500
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 0 and "Traceback" not in err, err
    assert out == ""  # no "Serving at", "Rebuilt" or "Stopped"
    assert "error: content/jobs/data-engineer.md:2:" in err and "Build failed (1 problem)" in err


def test_the_preview_keeps_its_plan_so_a_rebuild_plans_again_only_the_changed_posting(tmp_path):
    """serve's memo of planned pages is its own state (Preview.memo), not the build cache's: a
    rebuild after a save re-plans the saved posting's page only, and its quick rebuild keeps the
    last search index until the full rebuild after it."""
    from careersite.cache import BuildCache
    from careersite.serve import Preview

    site = write_site(tmp_path / "site", {f"job-{i}.md": posting_text(**basic_fields(id=f"ENG-{i}", title=f"Engineer {i}"))
                                          for i in range(3)})
    preview = Preview(site, tmp_path / "preview", False, "http://127.0.0.1:8000", BuildCache(None))
    assert preview.rebuild(out=lambda line: None)
    before = {item.path: item for item in preview.memo.pages.values()}
    index = preview.memo.search
    assert sorted(before) == [f"jobs/job-{i}/index.html" for i in range(3)] and index
    posting = site / "content/jobs/job-1.md"
    posting.write_text(posting.read_text().replace("Build things.", "Build better things."))
    assert preview.rebuild(out=lambda line: None, quick=True)
    after = {item.path: item for item in preview.memo.pages.values()}
    assert [path for path in after if after[path] is not before[path]] == ["jobs/job-1/index.html"]
    assert preview.memo.search == index  # the quick rebuild kept the last index
    assert preview.rebuild(out=lambda line: None)
    assert preview.memo.search != index  # the full one caught up with the new text
