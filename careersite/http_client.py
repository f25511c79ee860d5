"""GET and POST over HTTPS for `careersite sync` and `careersite notify`: timeouts, retries with backoff that honour Retry-After, a
cap on an answer's size, and one error type whose message says what went wrong.

An ATS answer is untrusted and the network is unreliable: a board read half-way must never turn
into postings closed by mistake, so every failure ends the fetch with a FetchError, never a
partial answer. Plain http is refused except on this machine (the tests' replay server)."""

from __future__ import annotations

import datetime as dt
import email.utils
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlsplit

from . import __version__

USER_AGENT = f"careersite/{__version__} (career site sync; +https://pypi.org/project/careersite/)"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_BYTES = 50_000_000  # as importers/jsonfile.py: a whole board with descriptions is a few MB
_CHUNK = 65536


class FetchError(Exception):
    """A GET that gave no usable answer; `status` is the HTTP status when there was one (404...)."""

    def __init__(self, url: str, message: str, status: int = 0):
        self.url, self.status = url, status
        super().__init__(message)


def url_problem(url: str) -> str:
    """Why careersite will not fetch `url` ('' when it will): https, or http on this machine only."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return ""
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return ""
    if parts.scheme == "http":
        return f"{url} is plain http; careersite fetches over https only (http only on 127.0.0.1 or localhost, for tests)"
    return f"{url!r} is not an https URL"


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is followed only to where a first request could go: never from https to http."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        if problem := url_problem(newurl):
            raise FetchError(req.full_url, f"{req.full_url} redirects to {newurl}, which is refused: {problem}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: its status, body and headers."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HttpClient:
    """GET and POST with retries. `sleep` and `now` are inputs so tests take no real time and no real date."""

    timeout: float = 20.0  # seconds for connecting, for each read, and for a whole answer
    retries: int = 4  # further attempts after a 429, a 5xx, a timeout or a connection failure
    backoff: float = 1.0  # the first wait; doubled at each retry
    max_wait: float = 60.0  # no wait is longer, whatever Retry-After asks
    max_bytes: int = MAX_BYTES
    sleep: Callable[[float], None] = field(default=lambda seconds: time.sleep(seconds))  # looked up when called
    now: Callable[[], dt.datetime] = field(default=lambda: dt.datetime.now(dt.timezone.utc))

    def get(self, url: str) -> bytes:
        """The body of a 200 answer to GET `url`, or FetchError after the retries are spent."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        return self._send(request, answers=False).body

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        """POST `body` to `url`: the answer whatever its status, for a caller that knows what a 403
        or a 429 means (notify: a quota spent for the day is not back after a short wait, so a 429
        is not retried here). 5xx, timeouts and failed connections are retried: the notifications
        sent are idempotent. FetchError only when no answer came."""
        request = urllib.request.Request(url, data=body, method="POST", headers={"User-Agent": USER_AGENT, **headers})
        return self._send(request, answers=True)

    def _send(self, request: urllib.request.Request, answers: bool) -> Answer:
        url = request.full_url
        if problem := url_problem(url):
            raise FetchError(url, problem)
        opener = urllib.request.build_opener(_CheckedRedirects())
        for attempt in range(self.retries + 1):
            try:
                return self._read(opener, request, answers)
            except _Retry as retry:
                if attempt == self.retries:
                    raise FetchError(url, f"{retry.reason} (gave up after {attempt + 1} attempts)", retry.status) from None
                wait = min(self.max_wait, retry.after if retry.after is not None else self.backoff * 2 ** attempt)
                self.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _read(self, opener: urllib.request.OpenerDirector, request: urllib.request.Request, answers: bool) -> Answer:
        """One attempt. `answers`: every status but a 5xx is given back as an Answer (POST)."""
        url = request.full_url
        try:
            with opener.open(request, timeout=self.timeout) as answer:
                return Answer(answer.status, self._body(url, answer), dict(answer.headers))
        except urllib.error.HTTPError as err:
            with err:
                if err.code in RETRY_STATUSES and not (answers and err.code < 500):
                    raise _Retry(f"{url} answered {err.code} {err.reason}", err.code,
                                 retry_after(err.headers.get("Retry-After"), self.now())) from None
                if answers:
                    return Answer(err.code, self._body(url, err), dict(err.headers))
                raise FetchError(url, f"{url} answered {err.code} {err.reason}", err.code) from None
        except (TimeoutError, socket.timeout):
            raise _Retry(f"{url} did not answer within {self.timeout:g} seconds") from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, (TimeoutError, socket.timeout)):
                raise _Retry(f"{url} did not answer within {self.timeout:g} seconds") from None
            raise _Retry(f"cannot reach {url}: {err.reason}") from None
        except (ConnectionError, http_client_errors()) as err:
            raise _Retry(f"the connection to {url} failed: {err or type(err).__name__}") from None

    def _body(self, url: str, answer) -> bytes:  # noqa: ANN001 (an http.client.HTTPResponse)
        length = answer.headers.get("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes:
            raise FetchError(url, f"{url} answered {int(length):,} bytes; more than {self.max_bytes:,} is not a job board")
        deadline = time.monotonic() + self.timeout
        chunks, size = [], 0
        while chunk := answer.read(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"{url} answered more than {self.max_bytes:,} bytes; not a job board")
            if time.monotonic() > deadline:  # a server that trickles bytes never trips the read timeout
                raise _Retry(f"{url} did not finish its answer within {self.timeout:g} seconds")
            chunks.append(chunk)
        return b"".join(chunks)


class _Retry(Exception):
    """A failure worth another attempt: 429, 5xx, a timeout, a connection that failed."""

    def __init__(self, reason: str, status: int = 0, after: float | None = None):
        self.reason, self.status, self.after = reason, status, after
        super().__init__(reason)


def http_client_errors() -> type[Exception]:
    """http.client's errors for a connection cut mid-answer (IncompleteRead, RemoteDisconnected...)."""
    import http.client

    return http.client.HTTPException


def retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Retry-After as seconds to wait: delay-seconds or an HTTP date (RFC 9110 10.2.3); None when
    absent or unreadable, so the backoff applies; a date in the past is no wait."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - now).total_seconds())
