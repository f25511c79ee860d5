"""Full-text search: posting records -> the Pagefind bundle under pagefind/, and what a build publishes."""

from __future__ import annotations

import gzip
import json
import stat

import pytest
from hypothesis import given, settings, strategies as st

from careersite import search, text
from careersite.text import plain_text
from careersite.search import SearchError, SearchRecord, record_document, search_files

from conftest import build_site

RECORDS = [
    SearchRecord("/jobs/backend/", "Backend Engineer", "You will run Kubernetes clusters and tune Postgres.", "Engineering",
                 ("San Francisco, CA, United States", "Remote"), "Remote"),
    SearchRecord("/jobs/designer/", "Product Designer", "Prototype flows in Figma with our researchers.", "Design",
                 ("Berlin, Germany",), "Hybrid"),
]


def fragments(files: dict[str, bytes]) -> list[dict]:
    found = []
    for path, data in files.items():
        if path.startswith("pagefind/fragment/"):
            raw = gzip.decompress(data)
            assert raw.startswith(b"pagefind_dcd")
            found.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return sorted(found, key=lambda f: f["url"])


def test_search_files_are_the_pagefind_bundle_for_the_records():
    files = search_files(RECORDS, "en")
    assert all(path.startswith("pagefind/") for path in files)
    assert {"pagefind/pagefind.js", "pagefind/pagefind-worker.js", "pagefind/pagefind-entry.json", "pagefind/wasm.en.pagefind"} <= set(files)
    assert any(p.startswith("pagefind/index/") for p in files) and any(p.endswith(".pf_meta") for p in files)
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    assert entry["languages"]["en"]["page_count"] == 2
    # the ready-made UIs are not used by the theme and not published
    assert not [p for p in files if "-ui." in p or "highlight" in p]
    backend, designer = fragments(files)
    assert backend["url"] == "/jobs/backend/" and backend["meta"]["title"] == "Backend Engineer"
    assert "Kubernetes" in backend["content"]
    assert backend["meta"] == {"title": "Backend Engineer", "department": "Engineering",
                               "locations": "San Francisco, CA, United States · Remote", "workplace": "Remote"}
    assert designer["meta"]["workplace"] == "Hybrid"
    assert "Berlin" not in designer["content"]  # the facts are meta, not indexed words


def test_the_same_records_give_the_same_bytes():
    # many departments, places and workplaces: Pagefind filters would come out in a random order
    records = RECORDS + [SearchRecord(f"/jobs/job-{i}/", f"Role {i}", f"Duties of role {i}.", f"Dept {i % 5}",
                                      (f"City {i % 7}", "Remote"), ("Remote", "Hybrid", "On-site")[i % 3]) for i in range(40)]
    first = search_files(records, "en")
    for attempt in range(3):
        assert search_files(records[::-1] if attempt % 2 == 0 else records, "en") == first


def test_no_records_no_files():
    assert search_files([], "en") == {}


def test_the_language_names_the_index():
    files = search_files(RECORDS, "de")
    assert "pagefind/wasm.de.pagefind" in files
    assert "de" in json.loads(files["pagefind/pagefind-entry.json"])["languages"]


def test_record_text_is_escaped_in_the_document_pagefind_reads():
    document = record_document(SearchRecord("/jobs/x/", "<script>alert(1)</script>", "a & b", "R&D", ("<b>",), "Remote"), "en")
    assert "<script>" not in document and "&lt;script&gt;" in document
    assert "R&amp;D" in document and "&lt;b&gt;" in document


@pytest.mark.parametrize("url", ["jobs/x/", "/jobs/../../etc/", "/jobs//x/", "/jobs\\x/"])
def test_record_urls_must_be_site_paths(url):
    with pytest.raises(ValueError):
        search_files([SearchRecord(url, "T", "text")], "en")


def test_a_missing_binary_is_an_error_not_a_site_without_search(monkeypatch, tmp_path):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "nope"))
    with pytest.raises(SearchError) as err:
        search_files(RECORDS, "en")
    assert "PAGEFIND_BINARY_PATH" in str(err.value)

    monkeypatch.delenv("PAGEFIND_BINARY_PATH")
    monkeypatch.setitem(__import__("sys").modules, "pagefind_bin", None)  # import fails
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SearchError) as err:
        search_files(RECORDS, "en")
    message = str(err.value)
    assert "pip install 'pagefind[bin]'" in message and "--no-search" in message
    assert err.value.problems[0].path == "search"


def test_a_failing_binary_is_an_error_with_its_message(monkeypatch, tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: something broke inside' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SearchError) as err:
        search_files(RECORDS, "en")
    assert "exit code 3" in str(err.value) and "something broke inside" in str(err.value)


def test_a_binary_that_writes_nothing_is_an_error(monkeypatch, tmp_path):
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(SearchError, match="wrote no pagefind/pagefind.js"):
        search_files(RECORDS, "en")


def test_search_error_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(SearchError("boom")))
    assert isinstance(err, SearchError) and err.message == "boom" and "boom" in str(err)


def test_a_build_publishes_the_index_of_open_postings_only(example_site):
    build_site(example_site)
    out = example_site / "output"
    assert (out / "pagefind" / "pagefind.js").is_file()
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "pagefind").rglob("*") if p.is_file()}
    urls = {f["url"] for f in fragments(files)}
    assert urls == {f"/jobs/{p.parent.name}/" for p in (out / "jobs").glob("*/index.html")}
    assert 'data-search="/pagefind/pagefind.js"' in (out / "index.html").read_text()
    for fragment in fragments(files):
        assert fragment["meta"]["title"] and "<" not in fragment["content"]


def test_no_search_builds_no_index(example_site, capsys):
    from careersite.cli import main

    assert main(["build", "--source", str(example_site), "--no-search", "--quiet"]) == 0
    out = example_site / "output"
    assert not (out / "pagefind").exists()
    assert "data-search" not in (out / "index.html").read_text()


def test_a_rebuild_without_changes_runs_pagefind_once(example_site, monkeypatch):
    calls = []
    real = search.subprocess.run
    monkeypatch.setattr(search.subprocess, "run", lambda *a, **k: calls.append(a) or real(*a, **k))
    build_site(example_site)
    build_site(example_site)
    assert len(calls) == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<br>", "</li>", "<", ">", "&amp;", "&#10;", "&#0;", "&lt;", "\x00",
                                           " ", "\n", "\t", "\u2028", "\xa0", "a", "b", "é", "</h2>"]), max_size=60).map("".join))
def test_description_text_is_plain_text_of_each_block(fragment):
    """Built for speed from one pass over the whole fragment; it must equal the plain text of each block."""
    lines = (plain_text(part) for part in text._BLOCK_END.split(fragment))
    assert text.description_text(fragment) == "\n".join(line for line in lines if line)
