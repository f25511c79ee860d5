"""The up-to-date stamp: a rebuild with nothing changed does nothing, and any change to what a build
reads (or to what it wrote) makes it build again, giving exactly what a cold build gives."""

from __future__ import annotations

import datetime as dt
import os
import time
from types import SimpleNamespace

import pytest

from careersite import uptodate
from careersite.fsclock import filesystem_now_ns
from careersite.output import OutputError
from careersite.site import steady_span

from conftest import NOW, basic_fields, build_site, posting_text, tree
from test_incremental import CHANGES, cold, edit, small_site


def age(site, seconds_ago=60):
    """Date every input of the site back, as if saved a while ago: fresh files are never trusted
    (a save in the same clock tick would not move their time)."""
    moment = filesystem_now_ns(site) / 1e9 - seconds_ago  # the clock the build compares file times with
    for path in [site, *site.rglob("*")]:
        if {"output", ".careersite-cache"} & set(path.relative_to(site).parts):
            continue
        os.utime(path, (moment, moment), follow_symlinks=False)


def stamped_site(root, **options):
    site = small_site(root)
    age(site)
    first = build_site(site, **options)
    assert not first.up_to_date
    return site


def test_a_rebuild_with_nothing_changed_does_nothing(tmp_path, monkeypatch):
    site = stamped_site(tmp_path / "site", search=False)
    out = site / "output"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*")}
    monkeypatch.setattr("careersite.build.load_site", lambda *a, **k: pytest.fail("read the site"))

    result = build_site(site, search=False)

    assert result.up_to_date and result.changed == 0
    assert (result.published, result.files) == (6, len([p for p in out.rglob("*") if p.is_file()]) - 1)  # but the marker
    assert "nothing changed since the last build" in result.summary()
    assert before == {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*")}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_change_to_an_input_builds_again(tmp_path, change):
    site = stamped_site(tmp_path / "site")
    CHANGES[change](site)
    age(site, seconds_ago=30)  # an old time again, but not the same one
    result = build_site(site)
    assert not result.up_to_date
    assert tree(site / "output") == cold(site, tmp_path)


@pytest.mark.parametrize("damage", ["deleted", "edited", "marker deleted", "replaced by a link"])
def test_a_changed_output_is_built_again(tmp_path, damage):
    site = stamped_site(tmp_path / "site")
    page = site / "output/jobs/job-1/index.html"
    if damage == "deleted":
        page.unlink()
    elif damage == "edited":
        page.write_bytes(page.read_bytes().replace(b"Engineer 1", b"Engineer one"))
        os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns))
    elif damage == "marker deleted":
        (site / "output/.careersite-output").unlink()
    else:
        elsewhere = tmp_path / "elsewhere.html"
        elsewhere.write_bytes(page.read_bytes())
        page.unlink()
        page.symlink_to(elsewhere)
    try:
        result = build_site(site)
    except OutputError as err:  # not trusted: the folder is checked as by any build, and refused
        assert (damage, "symbolic link" in str(err) or "not created by careersite" in str(err)) in (
            ("replaced by a link", True), ("marker deleted", True))
        return
    assert not result.up_to_date
    assert tree(site / "output") == cold(site, tmp_path)


def test_options_are_part_of_the_stamp(tmp_path):
    site = stamped_site(tmp_path / "site")
    assert not build_site(site, drafts=True).up_to_date
    assert not build_site(site, base_url="https://preview.example").up_to_date
    assert not build_site(site, search=False).up_to_date
    assert not build_site(site).up_to_date  # back to the options the stamp was last written with: still built
    assert build_site(site).up_to_date


def test_a_posting_that_opens_or_expires_meanwhile_builds_again(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "content/jobs/later.md").write_text(posting_text(**basic_fields(id="L", title="Later Role", date_posted="2026-12-01")))
    age(site)
    utc = dt.timezone.utc
    build_site(site)
    assert build_site(site, now=NOW + dt.timedelta(days=3)).up_to_date  # another day, the same statuses

    december = dt.datetime(2026, 12, 1, tzinfo=utc)
    opened = build_site(site, now=december)
    assert not opened.up_to_date and opened.published == 7
    assert tree(site / "output") == cold_at(site, tmp_path, december)
    assert build_site(site, now=dt.datetime(2027, 1, 31, 23, 59, 59, 999999, tzinfo=utc)).up_to_date  # the last moment of valid_through

    february = dt.datetime(2027, 2, 1, tzinfo=utc)
    expired = build_site(site, now=february)
    assert not expired.up_to_date and expired.published == 0
    assert tree(site / "output") == cold_at(site, tmp_path, february)
    assert not build_site(site, now=NOW).up_to_date  # SOURCE_DATE_EPOCH or a clock set back: built again


def cold_at(site, tmp_path, now):
    target = tmp_path / f"cold-{now:%Y%m%d}"
    build_site(site, output=target, cache=False, now=now)
    return tree(target)


def test_steady_span_is_bounded_by_the_nearest_status_changes():
    postings = [SimpleNamespace(draft=False, date_posted=dt.date(2026, 11, 1), valid_through=dt.date(2027, 1, 31)),
                SimpleNamespace(draft=False, date_posted=dt.date(2026, 12, 1), valid_through=None),
                SimpleNamespace(draft=False, date_posted=dt.date(2026, 11, 20), valid_through=dt.date(2026, 11, 24)),
                SimpleNamespace(draft=True, date_posted=dt.date(2026, 11, 26), valid_through=None)]
    start, end = steady_span(postings, NOW)
    assert start == dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)  # the microsecond after 24 November ended
    assert end == dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    assert steady_span([], NOW) == (None, None)


def test_a_file_saved_just_now_is_not_trusted(tmp_path):
    site = stamped_site(tmp_path / "site")
    edit(site / "content/jobs/job-1.md", "Build things.", "Build more things.")  # a fresh time: could change again unseen
    assert not build_site(site).up_to_date
    assert not build_site(site).up_to_date  # still fresh: every build reads it
    assert tree(site / "output") == cold(site, tmp_path)


def test_a_symbolic_link_among_the_inputs_is_never_trusted(tmp_path):
    site = small_site(tmp_path / "site")
    (site / "static/linked.svg").symlink_to(site / "static/logo.svg")
    age(site)
    build_site(site)
    assert uptodate.input_facts(site, [site / "static"], "", time.time_ns()) is None
    assert not build_site(site).up_to_date


def test_no_stamp_without_the_cache(tmp_path):
    site = small_site(tmp_path / "site")
    age(site)
    build_site(site, cache=False)
    assert not build_site(site, cache=False).up_to_date
    assert not (site / ".careersite-cache").exists()


def test_the_code_fingerprint_sees_library_versions_but_not_the_current_folder(tmp_path, monkeypatch):
    from careersite.fingerprint import installed_packages

    libraries = tmp_path / "lib" / "site-packages"
    (libraries / "markdown-3.11.3.dist-info").mkdir(parents=True)
    here = tmp_path / "here"
    (here / "stray-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr("sys.path", [str(here), "", str(libraries)])
    monkeypatch.chdir(here)
    assert installed_packages() == ("markdown-3.11.3.dist-info",)
    (libraries / "markdown-3.11.3.dist-info").rename(libraries / "markdown-3.12.0.dist-info")  # an upgrade
    assert installed_packages() == ("markdown-3.12.0.dist-info",)


def test_file_times_are_judged_by_the_file_systems_clock_not_the_processs(tmp_path, monkeypatch):
    """A process clock a year ahead (a wrong clock, a file server's own) must not make a file saved
    just now look old enough to trust."""
    site = stamped_site(tmp_path / "site")
    year = 365 * 24 * 3600
    real_ns, real_s = time.time_ns, time.time
    monkeypatch.setattr(time, "time_ns", lambda: real_ns() + year * 10**9)
    monkeypatch.setattr(time, "time", lambda: real_s() + year)
    posting = site / "content/jobs/job-1.md"
    edit(posting, "Build things.", "Build more things.")
    assert not build_site(site).up_to_date
    saved = os.stat(posting)
    edit(posting, "Build more things.", "Build moar things.")
    os.utime(posting, ns=(saved.st_atime_ns, saved.st_mtime_ns))  # saved again within the same time stamp
    assert not build_site(site).up_to_date
    assert "moar" in (site / "output/jobs/job-1/index.html").read_text()
    assert tree(site / "output") == cold(site, tmp_path)
