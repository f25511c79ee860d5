"""careersite.http_client against a local replay server: retries, Retry-After, timeouts, size cap,
https only, and the User-Agent. No test sleeps: the client's sleep is a list of waits."""

from __future__ import annotations

import datetime as dt

import pytest

from careersite.http_client import USER_AGENT, FetchError, HttpClient, retry_after, url_problem

from replay_server import Answer, ReplayServer

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def ats():
    with ReplayServer() as server:
        yield server


def client(**options) -> tuple[HttpClient, list[float]]:
    slept: list[float] = []
    options.setdefault("timeout", 2.0)
    return HttpClient(sleep=slept.append, now=lambda: NOW, **options), slept


def test_get_returns_the_body_and_names_careersite_in_the_user_agent(ats):
    ats.script("/board", Answer(200, b'{"jobs": []}'))
    http, slept = client()
    assert http.get(f"{ats.url}/board") == b'{"jobs": []}'
    assert slept == []
    assert ats.requests[0][1]["User-Agent"] == USER_AGENT and USER_AGENT.startswith("careersite/")


def test_429_with_retry_after_seconds_then_success_waits_as_asked(ats):
    ats.script("/board", Answer(429, headers={"Retry-After": "7"}), Answer(200, b"ok"))
    http, slept = client()
    assert http.get(f"{ats.url}/board") == b"ok"
    assert slept == [7.0] and ats.asked("/board") == 2


def test_retry_after_as_an_http_date_waits_until_then_and_is_capped(ats):
    later = "Wed, 25 Nov 2026 12:00:30 GMT"
    ats.script("/board", Answer(503, headers={"Retry-After": later}), Answer(429, headers={"Retry-After": "86400"}), Answer(200, b"ok"))
    http, slept = client(max_wait=60)
    assert http.get(f"{ats.url}/board") == b"ok"
    assert slept == [30.0, 60.0]


def test_retry_after_reads_seconds_dates_and_ignores_nonsense():
    assert retry_after("120", NOW) == 120
    assert retry_after("Wed, 25 Nov 2026 11:00:00 GMT", NOW) == 0  # in the past: no wait
    assert retry_after("soon", NOW) is None and retry_after(None, NOW) is None


def test_500_then_success_backs_off_exponentially(ats):
    ats.script("/board", Answer(500), Answer(502), Answer(200, b"ok"))
    http, slept = client(backoff=1.5)
    assert http.get(f"{ats.url}/board") == b"ok"
    assert slept == [1.5, 3.0]


def test_persistent_5xx_gives_up_after_the_retries_with_the_status(ats):
    ats.script("/board", Answer(503))
    http, slept = client(retries=2)
    with pytest.raises(FetchError, match=r"answered 503 .*gave up after 3 attempts") as caught:
        http.get(f"{ats.url}/board")
    assert caught.value.status == 503 and len(slept) == 2 and ats.asked("/board") == 3


def test_404_is_not_retried(ats):
    http, slept = client()
    with pytest.raises(FetchError, match="answered 404") as caught:
        http.get(f"{ats.url}/nothing")
    assert caught.value.status == 404 and slept == [] and ats.asked("/nothing") == 1


def test_an_answer_slower_than_the_timeout_is_retried_then_reported(ats):
    ats.script("/slow", Answer(200, b"late", delay=1.0))
    http, slept = client(timeout=0.2, retries=1)
    with pytest.raises(FetchError, match=r"did not answer within 0.2 seconds"):
        http.get(f"{ats.url}/slow")
    assert slept == [1.0]


def test_a_slow_answer_then_a_fast_one_succeeds(ats):
    ats.script("/slow", Answer(200, b"late", delay=1.0), Answer(200, b"ok"))
    http, _ = client(timeout=0.2)
    assert http.get(f"{ats.url}/slow") == b"ok"


def test_connection_refused_is_retried_then_reported():
    with ReplayServer() as server:
        url = f"{server.url}/board"
    http, slept = client(retries=1)
    with pytest.raises(FetchError, match="cannot reach"):
        http.get(url)
    assert slept == [1.0]


def test_an_answer_larger_than_the_cap_is_refused(ats):
    ats.script("/big", Answer(200, b"x" * 5000))
    http, _ = client(max_bytes=1000)
    with pytest.raises(FetchError, match="5,000 bytes; more than 1,000"):
        http.get(f"{ats.url}/big")


def test_only_https_is_fetched_except_on_this_machine():
    assert url_problem("https://boards-api.greenhouse.io/v1") == ""
    assert url_problem("http://127.0.0.1:8000/x") == "" and url_problem("http://localhost/x") == ""
    assert "https only" in url_problem("http://boards-api.greenhouse.io/v1")
    assert "not an https URL" in url_problem("ftp://example.com/")
    http, _ = client()
    with pytest.raises(FetchError, match="https only"):
        http.get("http://boards-api.greenhouse.io/v1/boards/acme/jobs")


def test_a_redirect_to_plain_http_elsewhere_is_refused(ats):
    ats.script("/moved", Answer(302, headers={"Location": "http://example.com/board"}))
    http, _ = client()
    with pytest.raises(FetchError, match="redirects to http://example.com/board, which is refused"):
        http.get(f"{ats.url}/moved")
