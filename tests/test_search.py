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
    assert len(calls) == 2  # the example site is in English and German: an index each, made once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<p>", "</p>", "<br>", "</li>", "<", ">", "&amp;", "&#10;", "&#0;", "&lt;", "\x00",
                                           " ", "\n", "\t", "\u2028", "\xa0", "a", "b", "é", "</h2>"]), max_size=60).map("".join))
def test_description_text_is_plain_text_of_each_block(fragment):
    """Built for speed from one pass over the whole fragment; it must equal the plain text of each block."""
    lines = (plain_text(part) for part in text._BLOCK_END.split(fragment))
    assert text.description_text(fragment) == "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- shards

from careersite import search_shards  # noqa: E402
from careersite.search_shards import merged_bundles, shard_count, shard_of, shards  # noqa: E402

from conftest import basic_fields, posting_text, tree, write_site  # noqa: E402


@pytest.mark.parametrize("postings, count", [(0, 1), (1, 1), (32, 1), (33, 2), (64, 2), (65, 4), (1000, 32), (2048, 64),
                                             (10_000, 64), (100_000, 64)])
def test_shard_count_is_the_smallest_power_of_two_that_keeps_shards_at_or_under_the_size_up_to_a_maximum(postings, count):
    assert shard_count(postings) == count


def test_shard_count_follows_the_shard_size_setting(monkeypatch):
    monkeypatch.setattr(search_shards, "SHARD_SIZE", 2)
    assert shard_count(5) == 4 and shard_count(4) == 2


def test_a_posting_keeps_its_shard_and_doubling_the_count_only_splits_shards():
    urls = [f"/jobs/role-{i}/" for i in range(2000)]
    # a stable hash: the same in every process and on every machine (Python's hash() is salted)
    assert [shard_of(url, 1024) for url in urls[:3]] == [shard_of(url, 1024) for url in list(urls[:3])]
    assert shard_of("/jobs/role-0/", 1 << 30) == int.from_bytes(__import__("hashlib").sha256(b"/jobs/role-0/").digest()[:8], "big") % (1 << 30)
    for url in urls:
        assert shard_of(url, 16) % 8 == shard_of(url, 8)


def test_shards_are_balanced_enough():
    urls = [f"/jobs/software-engineer-{i}/" for i in range(10_000)]
    sizes = [len(found) for found in shards(urls, 256).values()]
    assert len(sizes) == 64 and sum(sizes) == 10_000
    assert max(sizes) <= 156 * 1.3 and min(sizes) >= 156 * 0.7


def test_every_posting_is_in_one_shard_and_the_lowest_shard_is_the_primary():
    urls = [f"/jobs/r{i}/" for i in range(5)]
    found = shards(urls, 1)  # 8 shards for 5 postings: some are empty, and have no bundle
    assert sorted(url for group in found.values() for url in group) == sorted(urls)
    folders = list(found)
    assert folders[0] == "pagefind" and all(folder.startswith("pagefind/") for folder in folders[1:])
    numbers = [int(folder.split("/")[1]) for folder in folders[1:]]
    assert numbers == sorted(numbers) and len(folders) < 8
    assert merged_bundles(urls, 1) == tuple(f"/{folder}/" for folder in folders[1:])
    assert shards(list(reversed(urls)), 1) == found


def test_a_merged_bundle_leaves_the_runtime_to_the_primary():
    files = search_files(RECORDS, "en", "pagefind/3")
    assert "pagefind/3/pagefind-entry.json" in files and any(p.startswith("pagefind/3/index/") for p in files)
    assert not [p for p in files if p.endswith(("pagefind.js", "pagefind-worker.js")) or "/wasm." in p]
    primary = search_files(RECORDS, "en")
    # the same records under another folder: the same index
    assert files["pagefind/3/pagefind-entry.json"] == primary["pagefind/pagefind-entry.json"]


def counting_pagefind(tmp_path, monkeypatch):
    """PAGEFIND_BINARY_PATH as a wrapper that logs each run, then runs the real binary."""
    real = search.pagefind_binary()
    log = tmp_path / "pagefind-runs.log"
    wrapper = tmp_path / "pagefind-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho run >> "{log}"\nexec "{real}" "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    return lambda: len(log.read_text().splitlines()) if log.exists() else 0


def sharded_site(root, monkeypatch, count=12):
    monkeypatch.setattr(search_shards, "SHARD_SIZE", 2)  # 8 shards for 12 postings
    postings = {f"job-{i}.md": posting_text(**basic_fields(id=f"ENG-{i}", title=f"Engineer {i}")) for i in range(count)}
    return write_site(root, postings)


def bundle_urls(out) -> dict[str, set[str]]:
    """Each published bundle's folder -> the URLs it indexes."""
    bundles = {}
    for entry in out.rglob("pagefind-entry.json"):
        folder = entry.parent
        files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.glob("fragment/*")}
        bundles[folder.relative_to(out).as_posix()] = {f["url"] for f in fragments({f"pagefind/{k}": v for k, v in files.items()})}
    return bundles


def test_a_sharded_build_publishes_each_shard_once_and_the_listing_merges_them(tmp_path, monkeypatch):
    site = sharded_site(tmp_path / "site", monkeypatch)
    build_site(site)
    out = site / "output"
    bundles = bundle_urls(out)
    assert len(bundles) > 3 and "pagefind" in bundles
    urls = [u for found in bundles.values() for u in found]
    assert sorted(urls) == sorted(f"/jobs/{p.parent.name}/" for p in (out / "jobs").glob("*/index.html"))
    assert list((out / "pagefind").rglob("pagefind.js")) == [out / "pagefind" / "pagefind.js"]
    assert len(list((out / "pagefind").rglob("wasm.*"))) == len(list((out / "pagefind").glob("wasm.*")))
    merge = lxml_html(out / "index.html").xpath("//form[@data-filters]/@data-search-merge")[0].split()
    assert merge == list(merged_bundles(urls)) == sorted((f"/{b}/" for b in bundles if b != "pagefind"), key=lambda b: int(b.split("/")[2]))


def lxml_html(path):
    from lxml import html as lxml

    return lxml.fromstring(path.read_bytes())


def test_an_edit_reruns_pagefind_for_its_shard_only(tmp_path, monkeypatch):
    runs = counting_pagefind(tmp_path, monkeypatch)
    site = sharded_site(tmp_path / "site", monkeypatch)
    build_site(site)
    shard_runs = runs()
    assert shard_runs == len(bundle_urls(site / "output")) > 3
    edit_posting(site / "content/jobs/job-3.md")
    build_site(site)
    assert runs() == shard_runs + 1
    build_site(site)
    assert runs() == shard_runs + 1


def edit_posting(path):
    text = path.read_text()
    assert "Build things." in text
    path.write_text(text.replace("Build things.", "Build things with zeppelins."))


SHARD_CHANGES = {
    "edited": lambda s: edit_posting(s / "content/jobs/job-3.md"),
    "added": lambda s: (s / "content/jobs/new.md").write_text(posting_text(**basic_fields(id="ENG-99", title="New Role"))),
    "removed": lambda s: (s / "content/jobs/job-4.md").unlink(),
    "expired": lambda s: (s / "content/jobs/job-5.md").write_text((s / "content/jobs/job-5.md").read_text().replace(
        "date_posted: 2026-11-20\nvalid_through: 2027-01-31", "date_posted: 2026-10-01\nvalid_through: 2026-11-01")),
}


def test_sharded_index_after_changes_equals_a_cold_build(tmp_path, monkeypatch):
    site = sharded_site(tmp_path / "site", monkeypatch, count=8)  # 4 shards; the added posting makes 8
    build_site(site)
    for name, change in SHARD_CHANGES.items():
        change(site)
        build_site(site)
        cold = tmp_path / f"cold-{name}"
        build_site(site, output=cold, cache=False)
        assert tree(site / "output") == tree(cold), name


def test_two_cold_sharded_builds_are_byte_identical(tmp_path, monkeypatch):
    site = sharded_site(tmp_path / "site", monkeypatch)
    build_site(site, output=tmp_path / "one", cache=False)
    build_site(site, output=tmp_path / "two", cache=False)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
