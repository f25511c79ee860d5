"""http_client.post, as notify uses it: every non-5xx answer is given back (a 429 or 403 is the
caller's to explain, and not retried), a 5xx is retried; plain http only on this machine."""

from __future__ import annotations

import pytest

from careersite.http_client import FetchError, HttpClient

from notify_stand_ins import INDEXNOW, Reply, StandIns


def _client(waits: list[float]) -> HttpClient:
    return HttpClient(retries=2, sleep=waits.append)


def test_post_sends_the_body_and_gives_back_a_429_without_retrying():
    waits: list[float] = []
    with StandIns() as server:
        server.script(INDEXNOW, Reply(429, {"error": "slow down"}))
        answer = _client(waits).post(server.url + INDEXNOW, b'{"a": 1}', {"Content-Type": "application/json"})
    assert (answer.status, answer.body) == (429, b'{"error": "slow down"}')
    [request] = server.requests
    assert (request.method, request.body, request.headers["Content-Type"]) == ("POST", b'{"a": 1}', "application/json")
    assert request.headers["User-Agent"].startswith("careersite/") and not waits


def test_post_retries_a_5xx_then_gives_back_the_answer():
    waits: list[float] = []
    with StandIns() as server:
        server.script(INDEXNOW, Reply(503), Reply(202))
        assert _client(waits).post(server.url + INDEXNOW, b"{}", {}).status == 202
    assert len(server.requests) == 2 and waits == [1.0]


def test_post_refuses_plain_http_elsewhere():
    with pytest.raises(FetchError, match="plain http"):
        HttpClient().post("http://api.indexnow.org/indexnow", b"{}", {})
