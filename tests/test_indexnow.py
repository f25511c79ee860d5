"""indexnow: the JSON bodies (host, key, keyLocation, urlList of up to 10,000) and the refusals."""

from __future__ import annotations

from careersite import indexnow
from careersite.config import Company, SiteConfig
from careersite.http_client import Answer

CONFIG = SiteConfig(title="Jobs", base_url="https://jobs.acme.example", company=Company("Acme"))
KEY = "0a1b2c3d4e5f6071"


def test_one_post_carries_up_to_ten_thousand_urls():
    urls = [f"https://jobs.acme.example/jobs/{n}/" for n in range(10_001)]
    bodies = indexnow.payloads(urls, CONFIG, KEY)
    assert [len(b["urlList"]) for b in bodies] == [10_000, 1]
    assert bodies[0]["urlList"] + bodies[1]["urlList"] == urls
    assert {(b["host"], b["key"], b["keyLocation"]) for b in bodies} == {
        ("jobs.acme.example", KEY, f"https://jobs.acme.example/{KEY}.txt")}


def test_refusals_name_the_fix():
    [body] = indexnow.payloads(["https://jobs.acme.example/jobs/a/"], CONFIG, KEY)
    assert f"https://jobs.acme.example/{KEY}.txt" in indexnow.refusal(Answer(403, b""), body)
    assert "base_url" in indexnow.refusal(Answer(422, b""), body)
    assert "kept for the next run" in indexnow.refusal(Answer(429, b""), body)
