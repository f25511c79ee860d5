"""`careersite serve` taking application forms: what is stored (fields, the CV's bytes intact), and
what is refused, cleanly and with nothing written outside the submissions folder (hostile bodies,
file names, hosts, forms). Driven through serve's WSGI app, as the server calls it."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from careersite.cache import CACHE_DIR, BuildCache
from careersite.serve import Preview, make_app
from careersite.submissions import MAX_BODY, built_form
from conftest import CONFIG, basic_fields, posting_text, tree, write_site

WHEN = dt.datetime(2026, 11, 25, 12, 30, 5, tzinfo=dt.timezone.utc)
QUESTIONS = "[{label: Do you hold a work permit?, type: yes_no, required: true, name: permit}, {label: Why us?, type: long_text}]"
CV = b"%PDF-1.7\r\n\x00\x01binary\nlines\r\rand \xff\xfe bytes\r\n--not-a-boundary\r\n%%EOF"


@pytest.fixture
def preview(tmp_path):
    site = write_site(tmp_path / "site", {
        "data-engineer.md": posting_text(**basic_fields(apply="form", questions=QUESTIONS)),
        "designer.md": posting_text(**basic_fields(title="Designer", id="DES-1")),
    }, CONFIG + '[apply]\nprivacy_notice = "/privacy/"\nmax_file_mb = 1\n')
    cache = BuildCache.open(site / CACHE_DIR)
    shown = Preview(site, tmp_path / "shown", False, "http://127.0.0.1:8000", cache)
    assert shown.rebuild(out=lambda line: None)
    return shown


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[str, bytes]:
    boundary = "----careersite-test-boundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    return f"multipart/form-data; boundary={boundary}", b"".join(parts) + f"--{boundary}--\r\n".encode()


def complete(**changes) -> dict[str, str]:
    fields = {"form-name": "apply-data-engineer", "job-id": "ENG-1", "job-title": "Data Engineer",
              "job-url": "http://127.0.0.1:8000/jobs/data-engineer/", "bot-field": "", "name": "Ada Lovelace",
              "email": "ada@example.org", "q-permit": "Yes", "q-why-us": "Engines.\r\nAnd data.", "consent": "yes"}
    fields.update(changes)
    return {k: v for k, v in fields.items() if v is not None}


def post(preview, kind: str, body: bytes, host: str = "127.0.0.1:8000", addr: str = "127.0.0.1",
         length: int | None = None, said: list | None = None, stream=None):
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/applied/", "CONTENT_TYPE": kind,
               "CONTENT_LENGTH": str(len(body) if length is None else length), "HTTP_HOST": host, "REMOTE_ADDR": addr,
               "wsgi.input": stream or io.BytesIO(body)}
    answer = {}
    app = make_app(preview, say=(said if said is not None else []).append, now=lambda: WHEN)
    body_out = b"".join(app(environ, lambda status, headers: answer.update(status=status, headers=dict(headers))))
    return answer["status"], answer["headers"], body_out.decode("utf-8")


def stored(preview) -> dict[str, bytes]:
    folder = preview.source / CACHE_DIR / "submissions"
    return tree(folder) if folder.exists() else {}


def test_a_complete_application_is_stored_with_the_cv_bytes_intact(preview):
    said = []
    site_before = tree(preview.source / "content")
    status, headers, _ = post(preview, *multipart(complete(unknown="dropped"), {"cv": ("Ada CV.pdf", CV)}), said=said)
    assert status.startswith("303") and headers["Location"] == "/applied/"
    files = stored(preview)
    [record_path] = [p for p in files if p.endswith("submission.json")]
    assert record_path.startswith("apply-data-engineer/20261125T123005Z-")
    record = json.loads(files[record_path])
    assert record["fields"]["job-id"] == "ENG-1" and record["fields"]["job-title"] == "Data Engineer"
    assert record["fields"]["q-why-us"] == "Engines.\r\nAnd data." and "unknown" not in record["fields"]
    assert "bot-field" not in record["fields"]
    assert record["files"]["cv"] == {"stored_as": "files/cv.pdf", "name": "Ada CV.pdf", "bytes": len(CV)}
    assert files[record_path.replace("submission.json", "files/cv.pdf")] == CV
    assert said and "Application for Data Engineer stored in" in said[0]
    assert tree(preview.source / "content") == site_before


def test_the_thank_you_page_is_served(preview):
    app = make_app(preview, say=lambda line: None)
    answer = {}
    body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": "/applied/"}, lambda s, h: answer.update(status=s)))
    assert answer["status"].startswith("200") and b"Thank you for applying" in body


@pytest.mark.parametrize("changes, files, expected", [
    ({"q-permit": None}, {"cv": ("cv.pdf", CV)}, "Do you hold a work permit?: an answer is required"),
    ({"consent": None}, {"cv": ("cv.pdf", CV)}, "an answer is required"),
    ({}, {}, "CV or résumé: choose a file to upload"),
    ({"q-permit": "Maybe"}, {"cv": ("cv.pdf", CV)}, "Do you hold a work permit?: choose one of the answers given"),
    ({"email": "ada at home"}, {"cv": ("cv.pdf", CV)}, "'ada at home' is not an e-mail address"),
    ({}, {"cv": ("cv.pdf", b"x" * (1024 * 1024 + 1))}, "CV or résumé: the file is 1.0 MB; the limit is 1 MB"),
    ({}, {"cv": ("../../careersite.toml", b"title = 'x'")}, "CV or résumé: send a PDF, DOC or DOCX file"),
])
def test_a_wrong_application_is_refused_with_what_to_fix_and_nothing_stored(preview, changes, files, expected):
    status, _, page = post(preview, *multipart(complete(**changes), files))
    assert status.startswith("400")
    assert expected.replace("'", "&#x27;") in page
    assert 'href="/jobs/data-engineer/"' in page
    assert stored(preview) == {}


def test_a_client_file_name_is_never_a_path(preview):
    before = tree(preview.source)
    status, _, _ = post(preview, *multipart(complete(), {"cv": ("../../../careersite.pdf", CV)}))
    assert status.startswith("303")
    files = stored(preview)
    assert [p for p in files if p.endswith("/files/cv.pdf")]
    after = tree(preview.source)
    outside = {p for p in after.keys() - before.keys() if not p.startswith(f"{CACHE_DIR}/submissions/")}
    assert not outside and after["careersite.toml"] == before["careersite.toml"]


def test_a_body_over_netlifys_limit_is_refused_before_it_is_read(preview):
    class Unread(io.RawIOBase):
        def read(self, size=-1):
            raise AssertionError("the body was read")

    status, _, page = post(preview, "multipart/form-data; boundary=x", b"", length=50 * 1024 * 1024, stream=Unread())
    assert status.startswith("413") and "at most 8 MB" in page
    assert stored(preview) == {}
    assert MAX_BODY == 8 * 1024 * 1024


@pytest.mark.parametrize("host, addr", [("careers.acme.example", "127.0.0.1"), ("127.0.0.1:8000", "192.0.2.7"),
                                        ("localhost.acme.example:8000", "127.0.0.1")])
def test_only_this_machine_may_post(preview, host, addr):
    status, _, _ = post(preview, *multipart(complete(), {"cv": ("cv.pdf", CV)}), host=host, addr=addr)
    assert status.startswith("403")
    assert stored(preview) == {}


@pytest.mark.parametrize("form_name", ["apply-no-such-role", "apply-designer", "apply-../../careersite", "contact", ""])
def test_a_form_the_site_does_not_have_is_refused(preview, form_name):
    status, _, page = post(preview, *multipart(complete(**{"form-name": form_name}), {"cv": ("cv.pdf", CV)}))
    assert status.startswith("404") and "no application form named" in page
    assert stored(preview) == {}


def test_the_honeypot_takes_spam_quietly_and_stores_nothing(preview):
    said = []
    status, headers, _ = post(preview, *multipart(complete(**{"bot-field": "http://spam.example"}), {"cv": ("cv.pdf", CV)}), said=said)
    assert status.startswith("303") and headers["Location"] == "/applied/"
    assert stored(preview) == {} and "spam" in said[0]


def test_a_body_that_is_not_a_form_is_refused(preview):
    status, _, page = post(preview, "application/json", b'{"name": "x"}')
    assert status.startswith("400") and "multipart/form-data" in page
    status, _, _ = post(preview, "multipart/form-data; boundary=x", b"--x\r\nnot a part\r\n")
    assert status.startswith(("400", "404"))
    assert stored(preview) == {}


def test_other_methods_are_not_allowed(preview):
    app = make_app(preview, say=lambda line: None)
    answer = {}
    app({"REQUEST_METHOD": "DELETE", "PATH_INFO": "/"}, lambda s, h: answer.update(status=s))
    assert answer["status"].startswith("405")


def test_the_form_is_read_from_the_built_page(preview):
    form = built_form(preview.folder, "apply-data-engineer")
    assert form.action == "/applied/"
    assert form.controls["q-permit"].values == ["Yes", "No"] and form.controls["q-permit"].required
    assert form.controls["q-permit"].label == "Do you hold a work permit?"
    assert form.controls["cv"].kind == "file" and form.controls["cv"].max_bytes == 1024 * 1024
    assert form.controls["email"].label == "E-mail" and form.controls["email"].required
    assert not form.controls["phone"].required
    assert built_form(preview.folder, "apply-designer") is None


def test_the_running_server_refuses_a_50_mb_body_and_another_host(tmp_path):
    """The same guards through `careersite serve` itself, over HTTP."""
    import urllib.error
    import urllib.request

    from test_serve import start_server, stopped

    site = write_site(tmp_path / "site", {"data-engineer.md": posting_text(**basic_fields(apply="form"))},
                      CONFIG + '[apply]\nprivacy_notice = "/privacy/"\n')
    temp = tmp_path / "tmp"
    temp.mkdir()
    base, process = start_server(site, temp)
    try:
        def status_of(body: bytes, headers: dict) -> int:
            request = urllib.request.Request(base + "/applied/", data=body, method="POST", headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    return response.status
            except urllib.error.HTTPError as error:
                return error.code

        kind, form = multipart(complete(**{"form-name": "apply-data-engineer"}), {"cv": ("cv.pdf", CV)})
        _, huge = multipart(complete(**{"form-name": "apply-data-engineer"}), {"cv": ("cv.pdf", b"%PDF" + b"0" * (50 * 1024 * 1024))})
        assert status_of(huge, {"Content-Type": kind}) == 413
        assert status_of(b"x" * (50 * 1024 * 1024), {"Content-Type": kind}) == 400  # not even a form
        assert status_of(form, {"Content-Type": kind, "Host": "careers.acme.example"}) == 403
        assert not (site / CACHE_DIR / "submissions").exists()
    finally:
        out = stopped(process)
    assert "Application for" not in out
