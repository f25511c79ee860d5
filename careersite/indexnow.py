"""IndexNow (Bing, Yandex, Seznam, Naver and others share what one of them is told): the request
body for a site's URLs, and what each refusal means and how to fix it.

The key is the site's proof of ownership: `careersite build` publishes it as /<key>.txt when
careersite.toml's [notify] indexnow_key is set (feeds.plan_feeds)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from .config import SiteConfig
from .http_client import Answer, HttpClient

INDEXNOW_API = "https://api.indexnow.org/indexnow"
MAX_URLS = 10_000  # IndexNow takes up to this many URLs in one POST


def payloads(urls: list[str], config: SiteConfig, key: str) -> list[dict]:
    """The JSON bodies that carry `urls`, MAX_URLS each."""
    return [{"host": urlsplit(config.base_url).hostname, "key": key, "keyLocation": key_location(config, key),
             "urlList": urls[start:start + MAX_URLS]} for start in range(0, len(urls), MAX_URLS)]


def key_location(config: SiteConfig, key: str) -> str:
    return config.absolute(f"/{key}.txt")


def submit(client: HttpClient, endpoint: str, payload: dict) -> Answer:
    return client.post(endpoint, json.dumps(payload).encode("utf-8"), {"Content-Type": "application/json; charset=utf-8"})


def refusal(answer: Answer, payload: dict) -> str:
    """What an answer other than 200 or 202 means, with its fix."""
    count = len(payload["urlList"])
    if answer.status == 403:
        return (f"IndexNow answered 403: the key was not found at {payload['keyLocation']}; build with "
                "[notify] indexnow_key set and deploy, so the key file is live before notifying")
    if answer.status == 422:
        return (f"IndexNow answered 422: the URLs are not on {payload['host']} or do not match the key; "
                "base_url in careersite.toml must be the address the site is published at")
    if answer.status == 429:
        return f"IndexNow answered 429 (too many requests): the {count} URLs are kept for the next run"
    return f"IndexNow answered {answer.status} for {count} URLs; they are kept for the next run"
