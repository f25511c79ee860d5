"""careersite serve, over real HTTP on a free loopback port: pages, 404s, traversal, live reload
after an edit, the error page for a broken posting and recovery, and a clean stop."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from tornado.websocket import websocket_connect

from careersite.serve import resolve

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


@pytest.fixture
def server(tmp_path):
    site = write_site(tmp_path / "site", {
        "data-engineer.md": posting_text(**basic_fields()),
        "draft-role.md": posting_text(title="Draft Role", draft="true", workplace="remote", applicant_locations="[US]"),
    })
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(temp)}
    process = subprocess.Popen([sys.executable, "-m", "careersite", "serve", "--source", str(site), "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            get(base + "/")
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise AssertionError(process.communicate())
            time.sleep(0.1)
    yield site, base, process, temp
    if process.poll() is None:
        process.kill()
        process.communicate()


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
    site, base, _, _ = server
    before = get(base + "/pagefind/pagefind-entry.json")[1]
    posting = site / "content/jobs/data-engineer.md"
    asyncio.run(next_reload(base, lambda: posting.write_text(posting.read_text().replace("Build things.", "Build zeppelins."))))
    deadline = time.monotonic() + 20
    while get(base + "/pagefind/pagefind-entry.json")[1] == before:
        assert time.monotonic() < deadline, "the search index was not refreshed"
        time.sleep(0.2)
