"""`careersite notify` end to end: a site built, then notify run through the command line against
local stand-ins for Google's token endpoint, the Indexing API and IndexNow, each request checked
(method, auth, body; the service account's JWT verified with cryptography). The clock is
SOURCE_DATE_EPOCH (conftest), moved a day on where the quota's day matters."""

from __future__ import annotations

import base64
import json
import urllib.parse
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from lxml import etree

from careersite.cli import main
from careersite.notify_state import state_path

from conftest import CONFIG, NOW, basic_fields, build_site, posting_text, write_site
from notify_stand_ins import ACCOUNT, BATCH, INDEXNOW, PUBLISH, TOKEN, Reply, StandIns, rsa_key, service_account_key

KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
BASE = "https://jobs.test.example"
SCOPE = "https://www.googleapis.com/auth/indexing"
ROLES = ("data-engineer", "designer", "recruiter", "support-lead")


def _url(slug: str) -> str:
    return f"{BASE}/jobs/{slug}/"


def _postings(quota: int | None = None, **fields) -> dict[str, str]:
    """A posting per ROLES; `fields`: a slug's other fields (None: the posting is removed)."""
    postings = {}
    for n, slug in enumerate(ROLES):
        own = fields.get(slug.replace("-", "_"), {})
        if own is None:
            continue
        mine = {"title": slug.replace("-", " ").title(), "id": f"JOB-{n}", "date_posted": "2026-10-01"}
        postings[f"{slug}.md"] = posting_text(**basic_fields(**mine | own))
    return postings


def _site(root: Path, quota: int | None = None, **fields) -> Path:
    config = CONFIG + f'[notify]\nindexnow_key = "{KEY}"\n' + (f"google_daily_quota = {quota}\n" if quota else "")
    site = write_site(root, _postings(**fields), config=config)
    build_site(site, search=False)
    return site


@pytest.fixture(scope="module")
def private_key():
    return rsa_key()


@pytest.fixture
def engines(monkeypatch, private_key):
    with StandIns() as stand_ins:
        monkeypatch.setenv("GOOGLE_INDEXING_KEY", json.dumps(service_account_key(stand_ins.url + TOKEN, private_key)))
        monkeypatch.setenv("CAREERSITE_INDEXING_API", stand_ins.url)
        monkeypatch.setenv("CAREERSITE_INDEXNOW_API", stand_ins.url + INDEXNOW)
        yield stand_ins


def _notify(site: Path, capsys, *options: str) -> tuple[int, str, str]:
    code = main(["notify", "--source", str(site), *options])
    out, err = capsys.readouterr()
    return code, out, err


def _told_google(engines: StandIns) -> list[tuple[str, str]]:
    """(url, type) of each publish call, every call checked for its method, token and body."""
    told = []
    for request in engines.to(PUBLISH):
        assert request.method == "POST"
        assert request.headers["Authorization"] == "Bearer token-1"
        assert request.headers["Content-Type"] == "application/json"
        body = request.json()
        assert set(body) == {"url", "type"}
        told.append((body["url"], body["type"]))
    return told


def _told_indexnow(engines: StandIns) -> list[list[str]]:
    posts = []
    for request in engines.to(INDEXNOW):
        assert request.method == "POST" and request.headers["Content-Type"].startswith("application/json")
        body = request.json()
        assert {k: v for k, v in body.items() if k != "urlList"} == {
            "host": "jobs.test.example", "key": KEY, "keyLocation": f"{BASE}/{KEY}.txt"}
        posts.append(body["urlList"])
    return posts


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _check_token_request(request, private_key) -> None:
    """The JWT bearer grant (RFC 7523) Google's token endpoint takes, signed by the key's RSA key
    (its audience is Google's token endpoint whatever address the key's token_uri gives)."""
    assert request.method == "POST"
    form = urllib.parse.parse_qs(request.body.decode())
    assert form["grant_type"] == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]
    header, claims, signature = form["assertion"][0].split(".")
    private_key.public_key().verify(_b64(signature), f"{header}.{claims}".encode(), padding.PKCS1v15(), hashes.SHA256())
    assert json.loads(_b64(header))["alg"] == "RS256"
    claims = json.loads(_b64(claims))
    assert (claims["iss"], claims["scope"], claims["aud"]) == (ACCOUNT, SCOPE, "https://oauth2.googleapis.com/token")


def _sitemap_postings(site: Path) -> list[str]:
    """The open postings' URLs, read from the built sitemap with lxml."""
    locs = etree.parse(str(site / "output" / "sitemap.xml")).findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return sorted(loc.text for loc in locs if "/jobs/" in loc.text)


def test_dry_run_on_the_example_site_lists_what_it_would_send(built_example, capsys):
    site = built_example.parent
    code, out, err = _notify(site, capsys, "--dry-run")
    assert code == 0 and not err
    postings = _sitemap_postings(site)
    assert len(postings) >= 5
    assert [line.split()[1] for line in out.splitlines() if line.startswith("  URL_UPDATED ")] == postings
    assert [line.split()[0] for line in out.splitlines() if line.startswith("    https://")] == postings
    assert "first run" in out and "IndexNow would get 1 POST of" in out
    assert not state_path(site).exists()  # a dry run keeps nothing


def test_build_publishes_the_indexnow_key_file(tmp_path):
    site = _site(tmp_path)
    assert (site / "output" / f"{KEY}.txt").read_text(encoding="utf-8") == KEY


def test_first_run_tells_google_and_indexnow_of_every_open_posting(tmp_path, capsys, engines, private_key):
    site = _site(tmp_path)
    code, out, err = _notify(site, capsys)
    assert code == 0 and not err, err
    [token] = engines.to(TOKEN)
    _check_token_request(token, private_key)
    [batch] = engines.to(BATCH)  # four calls in one batch request
    assert batch.headers["Content-Type"].startswith("multipart/mixed; boundary=")
    assert _told_indexnow(engines) == [_sitemap_postings(site)]
    assert sorted(_told_google(engines)) == [(url, "URL_UPDATED") for url in _sitemap_postings(site)]
    assert "first run" in out and f"URL_UPDATED {_url('designer')} (new): 200 OK" in out
    assert "4 URLs accepted (202)" in out

    engines.requests.clear()
    code, out, err = _notify(site, capsys)  # nothing changed: nothing sent
    assert code == 0 and not engines.requests
    assert "Google Indexing API: nothing changed" in out and "IndexNow: nothing changed" in out
    assert _notify(site, capsys, "--quiet") == (0, "", "")


def test_more_calls_than_a_batch_holds_go_in_several(tmp_path, capsys, engines, monkeypatch):
    monkeypatch.setattr("careersite.indexing_api.BATCH_SIZE", 3)  # Google's is 100
    site = _site(tmp_path)
    assert _notify(site, capsys)[0] == 0
    assert len(engines.to(BATCH)) == 2 and sorted(_told_google(engines)) == [(u, "URL_UPDATED") for u in _sitemap_postings(site)]


def test_changed_expired_and_removed_postings_are_told_after_a_rebuild(tmp_path, capsys, engines):
    site = _site(tmp_path)
    _notify(site, capsys)
    engines.requests.clear()
    (site / "content" / "jobs" / "recruiter.md").unlink()
    _site(site, data_engineer={"title": "Senior Data Engineer"}, designer={"valid_through": "2026-11-10"}, recruiter=None)
    code, out, err = _notify(site, capsys)
    assert code == 0 and not err, err
    assert _told_indexnow(engines) == [[_url("data-engineer"), _url("designer"), _url("recruiter")]]
    assert _told_google(engines) == [(_url("data-engineer"), "URL_UPDATED"), (_url("designer"), "URL_DELETED"),
                                     (_url("recruiter"), "URL_DELETED")]
    assert f"{_url('designer')} (expired): 200 OK" in out and f"{_url('recruiter')} (removed): 200 OK" in out


def test_google_429_keeps_what_is_left_for_the_next_run(tmp_path, capsys, engines, monkeypatch):
    site = _site(tmp_path)
    engines.script(PUBLISH, Reply(200), Reply(429, {"error": {"code": 429, "message": "Quota exceeded for quota metric"}}))
    code, out, err = _notify(site, capsys)
    assert code == 0
    assert len(_told_google(engines)) == 4  # one batch: one told, three refused: no more calls that day
    assert err.count("\n") == 1 and "quota is spent" in err and "google_daily_quota" in err
    assert "3 notifications owed" in out
    assert len(_told_indexnow(engines)) == 1  # IndexNow is told all the same

    engines.requests.clear()
    code, out, err = _notify(site, capsys)  # the same day: Google's quota is gone
    assert code == 0 and not _told_google(engines) and "3 more notifications wait for the quota" in out

    engines.script(PUBLISH, Reply(200))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp()) + 86400))
    engines.requests.clear()
    code, out, err = _notify(site, capsys)
    told = _told_google(engines)
    assert code == 0 and len(told) == 3 and _url("data-engineer") not in [url for url, _ in told]


def test_google_daily_quota_spreads_a_large_backlog_over_days(tmp_path, capsys, engines, monkeypatch):
    site = _site(tmp_path, quota=3)
    code, out, err = _notify(site, capsys)
    assert code == 0 and len(_told_google(engines)) == 3
    assert "1 more notification wait for the quota (3 a day" in out and "about 1 more day" in out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp()) + 86400))
    engines.requests.clear()
    _notify(site, capsys)
    assert _told_google(engines) == [(_url("support-lead"), "URL_UPDATED")]


def test_google_403_names_search_console_and_never_fails_the_deploy(tmp_path, capsys, engines):
    site = _site(tmp_path)
    engines.script(PUBLISH, Reply(403, {"error": {"code": 403, "message": "Permission denied. Failed to verify the URL ownership."}}))
    code, out, err = _notify(site, capsys)
    assert code == 0 and len(_told_google(engines)) == 4  # one batch, each call refused, told as one line
    [line] = err.splitlines()  # four refusals, one line
    assert line.startswith("warning: ") and ACCOUNT in line and "Owner" in line and "Search Console" in line
    assert "Failed to verify the URL ownership" in line
    assert "4 notifications owed" in out
    code, out, err = _notify(site, capsys, "--strict")
    assert code == 1 and err.startswith("error: ")


@pytest.mark.parametrize("key, says", [
    ("not json", "GOOGLE_INDEXING_KEY is not JSON"),
    ('{"type": "authorized_user"}', "is not a service account's key"),
    ('{"type": "service_account", "client_email": "a@b.c", "token_uri": "x", "private_key": "-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\\n"}',
     "is not a usable service account key"),
    ("refused", "Google refused the service account's key"),
])
def test_bad_key_is_one_line_naming_the_fix(tmp_path, capsys, engines, monkeypatch, key, says):
    site = _site(tmp_path)
    if key == "refused":  # a well-formed key Google no longer knows
        engines.script(TOKEN, Reply(400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}))
    else:
        monkeypatch.setenv("GOOGLE_INDEXING_KEY", key)
    code, out, err = _notify(site, capsys)
    assert code == 0
    [line] = err.splitlines()
    assert says in line and "make a new JSON key" in line
    assert not engines.to(PUBLISH) and len(_told_indexnow(engines)) == 1


def test_indexnow_refusal_keeps_its_urls_for_the_next_run(tmp_path, capsys, engines):
    site = _site(tmp_path)
    engines.script(INDEXNOW, Reply(403))
    code, out, err = _notify(site, capsys)
    assert code == 0 and f"{BASE}/{KEY}.txt" in err and "deploy" in err
    engines.requests.clear()
    engines.script(INDEXNOW, Reply(200))
    _notify(site, capsys)
    assert _told_indexnow(engines) == [_sitemap_postings(site)]


def test_unreadable_state_is_a_first_run_and_says_so(tmp_path, capsys, engines):
    site = _site(tmp_path)
    state_path(site).write_text("{not json", encoding="utf-8")
    code, out, err = _notify(site, capsys)
    assert code == 0 and "is unreadable" in out and "treated as a first run" in out
    assert len(_told_google(engines)) == 4
    assert json.loads(state_path(site).read_text())["format"] == 1  # replaced by a good one


def test_no_built_output_is_a_warning_not_a_failed_deploy(tmp_path, capsys, engines):
    site = write_site(tmp_path, _postings())
    code, out, err = _notify(site, capsys)
    assert code == 0 and "run careersite build before careersite notify" in err
    assert _notify(site, capsys, "--strict")[0] == 1
    assert not engines.requests


def test_engines_not_set_up_are_named_and_nothing_is_sent(tmp_path, capsys, monkeypatch):
    site = write_site(tmp_path, _postings())
    build_site(site, search=False)
    monkeypatch.delenv("GOOGLE_INDEXING_KEY", raising=False)
    code, out, err = _notify(site, capsys)
    assert code == 0 and not err
    assert "GOOGLE_INDEXING_KEY is not set" in out and "no [notify] indexnow_key" in out


@pytest.mark.parametrize("setting, says", [
    ('indexnow_key = "short"', "is not an IndexNow key"),
    ("google_daily_quota = 0", "is not a number of publish calls a day"),
    ("google_daily_quota = true", "True is not a number of publish calls a day"),
    ('google_daily_quota = "200"', "is not a whole number of publish calls a day"),
])
def test_notify_settings_are_checked(tmp_path, capsys, setting, says):
    site = write_site(tmp_path, _postings(), config=CONFIG + f"[notify]\n{setting}\n")
    assert main(["check", "--source", str(site)]) == 1
    assert says in capsys.readouterr().out
