"""Google's Indexing API: a service account's access token (google-auth signs the JWT and asks
Google's token endpoint), publish calls sent in batches, and what each refusal means and how to fix it.

Google accepts these notifications for pages with a JobPosting (and live streams) only."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser

from google.auth import exceptions, transport

from .http_client import Answer, FetchError, HttpClient

INDEXING_API = "https://indexing.googleapis.com"
SCOPE = "https://www.googleapis.com/auth/indexing"
KEY_VARIABLE = "GOOGLE_INDEXING_KEY"
PUBLISH_PATH = "/v3/urlNotifications:publish"
BATCH_SIZE = 100  # Google takes up to 100 calls in one batch request
_NEW_KEY = (f"make a new JSON key for the service account (Google Cloud console: IAM, Service accounts, Keys) "
            f"and put the whole file's text in {KEY_VARIABLE}")


class GoogleRefused(Exception):
    """Telling Google stops for this run; the message says why and what to do."""


@dataclass(frozen=True)
class _Response(transport.Response):
    answer: Answer

    @property
    def status(self) -> int:
        return self.answer.status

    @property
    def headers(self) -> dict[str, str]:
        return self.answer.headers

    @property
    def data(self) -> bytes:
        return self.answer.body


@dataclass(frozen=True)
class _Transport(transport.Request):
    """google-auth's token request over careersite's own client (its timeouts and retries)."""

    client: HttpClient

    def __call__(self, url, method="GET", body=None, headers=None, timeout=None, **kwargs):  # noqa: ANN001 (google-auth's signature)
        if method != "POST":
            raise exceptions.TransportError(f"careersite asks Google's token endpoint with POST only, not {method}")
        try:
            return _Response(self.client.post(url, body or b"", dict(headers or {})))
        except FetchError as err:
            raise exceptions.TransportError(str(err)) from None


def access_token(key_text: str, client: HttpClient) -> tuple[str, str]:
    """An access token for the Indexing API from a service account's JSON key, and the account's
    e-mail address (the one to make an owner in Search Console)."""
    from google.oauth2 import service_account

    try:
        info = json.loads(key_text)
    except ValueError:
        raise GoogleRefused(f"{KEY_VARIABLE} is not JSON: {_NEW_KEY}") from None
    if not isinstance(info, dict) or info.get("type") != "service_account":
        raise GoogleRefused(f"{KEY_VARIABLE} is not a service account's key (no \"type\": \"service_account\"): {_NEW_KEY}")
    try:
        credentials = service_account.Credentials.from_service_account_info(info, scopes=[SCOPE])
    except (ValueError, KeyError, TypeError) as err:
        raise GoogleRefused(f"{KEY_VARIABLE} is not a usable service account key ({_first_line(err)}): {_NEW_KEY}") from None
    try:
        credentials.refresh(_Transport(client))
    except exceptions.RefreshError as err:
        raise GoogleRefused(f"Google refused the service account's key ({_first_line(err)}); it may be deleted or "
                            f"disabled: {_NEW_KEY}") from None
    except exceptions.TransportError as err:
        raise GoogleRefused(f"cannot reach Google's token endpoint ({err}); the next deploy tries again") from None
    return credentials.token, credentials.service_account_email


def publish_batch(client: HttpClient, api_root: str, token: str, notifications: list[tuple[str, str]]) -> list[Answer]:
    """Publish calls for (url, type) pairs, up to BATCH_SIZE in one HTTP request (Google's batch
    endpoint: multipart/mixed, one application/http part per call; each still counts against the
    quota). The answers in the order of `notifications`; an answer to the whole batch (a 401, a 429)
    stands for each call, and a call the batch's answer leaves out gets status 0."""
    parts = [json.dumps({"url": url, "type": kind}) for url, kind in notifications]
    boundary = "batch_" + hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]  # the parts' hash: not in them
    body = "".join(
        f"--{boundary}\r\nContent-Type: application/http\r\nContent-ID: <item-{n}>\r\n\r\n"
        f"POST {PUBLISH_PATH}\r\nContent-Type: application/json\r\naccept: application/json\r\n"
        f"content-length: {len(part.encode('utf-8'))}\r\n\r\n{part}\r\n"
        for n, part in enumerate(parts)) + f"--{boundary}--\r\n"
    answer = client.post(f"{api_root.rstrip('/')}/batch", body.encode("utf-8"), {
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/mixed; boundary={boundary}"})
    if answer.status != 200:
        return [answer] * len(notifications)
    found = _batch_answers(answer)
    return [found.get(n, Answer(0, b"")) for n in range(len(notifications))]


def _batch_answers(answer: Answer) -> dict[int, Answer]:
    """The answers of a batch answer's parts, by the number of the call each answers
    (Content-ID <response-item-N>)."""
    content_type = next((v for k, v in answer.headers.items() if k.lower() == "content-type"), "")
    message = BytesParser(policy=policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + answer.body)
    found = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        number = re.fullmatch(r"<response-item-(\d+)>", str(part.get("Content-ID", "")).strip())
        http = part.get_payload(decode=True) or b""
        head, _, body = http.replace(b"\r\n", b"\n").partition(b"\n\n")
        status = re.match(rb"HTTP/[\d.]+ (\d{3})", head)
        if number and status:
            found[int(number.group(1))] = Answer(int(status.group(1)), body.strip())
    return found


def refusal(answer: Answer, url: str, account: str) -> tuple[str, bool]:
    """What a non-200 answer means, with its fix, and whether to stop telling Google this run."""
    message = google_message(answer)
    said = f"{answer.status} ({message})" if message else str(answer.status)
    if answer.status == 429:
        return (f"Google's Indexing API quota is spent for today (answered {said}); what is left is kept for the next run. "
                "To send more a day, ask Google for more quota (Google Cloud console: Indexing API, Quotas) "
                "and set [notify] google_daily_quota"), True
    if answer.status == 403:
        return (f"Google answered {said} for {url}: add {account} as an Owner of the site in Search Console "
                "(Settings, Users and permissions) and enable the Indexing API in the key's Google Cloud project"), True
    if answer.status == 0:
        return f"Google's batch answer said nothing of {url}; it stays owed for the next run", False
    if answer.status == 401:
        return f"Google did not accept the access token (answered {said}): {_NEW_KEY}", True
    return f"Google answered {said} for {url}; it stays owed for the next run", False


def google_message(answer: Answer) -> str:
    """Google's own words from an error answer ({"error": {"message": ...}}), or ''."""
    try:
        return _first_line(json.loads(answer.body)["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return ""


def _first_line(text: object) -> str:
    return str(text).strip().splitlines()[0][:200] if str(text).strip() else ""
