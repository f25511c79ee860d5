"""Rebuilds: the cache and the in-place update give exactly what a cold build gives, touch only
files whose bytes changed, and survive being killed halfway."""

from __future__ import annotations

import os
import signal

import pytest

from careersite.problems import ContentError

from conftest import NOW, basic_fields, build_site, posting_text, tree, write_site

PAGE = "---\ntitle: Benefits\n---\nGood ones.\n"


def small_site(root, count=6):
    postings = {
        f"job-{i}.md": posting_text(**basic_fields(id=f"ENG-{i}", title=f"Engineer {i}", department=["Sales", "Design"][i % 2]))
        for i in range(count)
    }
    return write_site(root, postings, pages={"benefits.md": PAGE})


def cold(site, tmp_path):
    """A build from scratch of the same site, into a fresh folder, with no cache."""
    target = tmp_path / "cold"
    if target.exists():
        import shutil
        shutil.rmtree(target)
    build_site(site, output=target, cache=False)
    return tree(target)


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


CHANGES = {
    "posting body": lambda s: edit(s / "content/jobs/job-1.md", "Build things.", "Build better things."),
    "posting title": lambda s: edit(s / "content/jobs/job-2.md", "Engineer 2", "Staff Engineer"),
    "posting department": lambda s: edit(s / "content/jobs/job-2.md", "department: Sales", "department: Support"),
    "new posting": lambda s: (s / "content/jobs/new.md").write_text(posting_text(**basic_fields(id="ENG-99", title="New Role"))),
    "deleted posting": lambda s: (s / "content/jobs/job-4.md").unlink(),
    "expired posting": lambda s: edit(s / "content/jobs/job-5.md", "date_posted: 2026-11-20\nvalid_through: 2027-01-31",
                                      "date_posted: 2026-10-01\nvalid_through: 2026-11-01"),
    "config": lambda s: edit(s / "careersite.toml", 'title = "Test Careers"', 'title = "Other Careers"'),
    "config base_url": lambda s: edit(s / "careersite.toml", "https://jobs.test.example", "https://careers.test-co.org"),
    "config language": lambda s: edit(s / "careersite.toml", 'language = "en"', 'language = "de"'),
    "config defaults": lambda s: edit(s / "careersite.toml", "apply?job={id}", "jobs/{id}/apply"),
    "page": lambda s: edit(s / "content/pages/benefits.md", "Good ones.", "Great ones."),
    "static file": lambda s: (s / "static" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>"),
    "template override": lambda s: ((s / "themes/default/templates").mkdir(parents=True),
                                    (s / "themes/default/templates/404.html").write_text("{% extends 'base.html' %}{% block main %}<h1>Lost</h1>{% endblock %}")),
    "theme stylesheet": lambda s: ((s / "themes/default/static").mkdir(parents=True),
                                   (s / "themes/default/static/style.css").write_text("body { color: red; }")),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_rebuild_after_a_change_equals_a_cold_build(tmp_path, change):
    site = small_site(tmp_path / "site")
    build_site(site)
    CHANGES[change](site)
    build_site(site)
    assert tree(site / "output") == cold(site, tmp_path)


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_rebuild_in_the_same_process_after_a_change_equals_a_cold_build(tmp_path, change):
    """serve keeps its cache, and the pages planned last time (its memo), from build to build."""
    from careersite.build import BuildOptions, build
    from careersite.cache import CACHE_DIR, BuildCache
    from careersite.render import PlanMemo
    from conftest import NOW

    site = small_site(tmp_path / "site")
    cache, memo = BuildCache.open(site / CACHE_DIR), PlanMemo()
    options = BuildOptions(source=site, output=site / "output", now=NOW)
    build(options, cache=cache, memo=memo)
    assert memo.pages and memo.search  # remembered for the next build
    CHANGES[change](site)
    build(options, cache=cache, memo=memo)
    assert tree(site / "output") == cold(site, tmp_path)


def test_a_rebuild_in_the_same_process_plans_again_only_the_changed_posting(tmp_path):
    from careersite.build import BuildOptions, build
    from careersite.cache import CACHE_DIR, BuildCache
    from careersite.render import PlanMemo
    from conftest import NOW

    site = small_site(tmp_path / "site")
    cache, memo = BuildCache.open(site / CACHE_DIR), PlanMemo()
    options = BuildOptions(source=site, output=site / "output", now=NOW)
    build(options, cache=cache, memo=memo)
    before = {item.path: item for item in memo.pages.values()}
    CHANGES["posting body"](site)
    build(options, cache=cache, memo=memo)
    after = {item.path: item for item in memo.pages.values()}
    assert sorted(after) == [f"jobs/job-{i}/index.html" for i in range(6)]
    kept = sorted(path for path, item in after.items() if before.get(path) is item)
    assert kept == [f"jobs/job-{i}/index.html" for i in (0, 2, 3, 4, 5)]


def test_rebuild_touches_only_files_whose_bytes_changed(tmp_path):
    site = small_site(tmp_path / "site")
    build_site(site)
    out = site / "output"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    result = build_site(site)
    assert result.changed == 0
    assert before == {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}

    edit(site / "content/jobs/job-1.md", "- two", "- three")  # not the first paragraph: the summary stays
    result = build_site(site)
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    touched = sorted(p.relative_to(out).as_posix() for p in after if after[p] != before.get(p))
    search = [path for path in touched if path.startswith("pagefind/")]  # the body is searchable: its index changes
    # the summary did not change, so no listing did
    assert [path for path in touched if path not in search] == ["jobs/job-1/index.html"]
    assert search and "pagefind/pagefind.js" not in search
    assert result.changed == 1 + len(search)
    assert "<li>three</li>" in (out / "jobs/job-1/index.html").read_text()


def test_removed_posting_leaves_no_file_or_folder(tmp_path):
    site = small_site(tmp_path / "site")
    build_site(site)
    (site / "content/jobs/job-4.md").unlink()
    build_site(site)
    assert not (site / "output/jobs/job-4").exists()


def test_a_broken_cache_only_costs_a_cold_build(tmp_path):
    site = small_site(tmp_path / "site")
    build_site(site)
    (site / ".careersite-cache" / "state.pickle").write_bytes(b"not a pickle")
    edit(site / "content/jobs/job-1.md", "Build things.", "Build more.")
    build_site(site)
    assert tree(site / "output") == cold(site, tmp_path)


class Killed(BaseException):
    """Stands in for SIGKILL: raised where clean-up would start, so none of it runs."""


def _half_applied_update(site, monkeypatch, roll_back: bool):
    """Start a rebuild and let it die on the 4th file swap: by an error, so the build's own
    clean-up runs, or (roll_back=False) by SIGKILL in a child process, so none runs at all."""
    edit(site / "content/jobs/job-1.md", "Build things.", "Build more.")
    (site / "content/jobs/job-2.md").unlink()
    (site / "content/jobs/new.md").write_text(posting_text(**basic_fields(id="ENG-77", title="New")))
    real_replace, calls = os.replace, []

    def dying_replace(src, dst):
        calls.append(dst)
        if len(calls) == 4:
            if not roll_back:
                os.kill(os.getpid(), signal.SIGKILL)
            raise OSError("disk full")
        return real_replace(src, dst)

    if roll_back:
        monkeypatch.setattr(os, "replace", dying_replace)
        with pytest.raises(OSError):
            build_site(site)
        monkeypatch.undo()
        return
    pid = os.fork()
    if pid == 0:  # the child builds and is killed; it never returns into pytest
        try:
            os.replace = dying_replace
            build_site(site, jobs=1)
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def test_a_failed_swap_is_rolled_back_at_once(tmp_path, monkeypatch):
    site = small_site(tmp_path / "site")
    build_site(site)
    before = tree(site / "output")
    _half_applied_update(site, monkeypatch, roll_back=True)
    assert tree(site / "output") == before
    assert not list(site.glob(".output.*"))


def test_a_killed_swap_is_rolled_back_by_the_next_run_even_one_that_fails(tmp_path, monkeypatch):
    site = small_site(tmp_path / "site")
    build_site(site)
    before = tree(site / "output")
    _half_applied_update(site, monkeypatch, roll_back=False)
    assert tree(site / "output") != before  # half applied
    assert list(site.glob(".output.stage-*/journal.json"))
    (site / "content/jobs/broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    with pytest.raises(ContentError):
        build_site(site)
    assert tree(site / "output") == before
    assert not list(site.glob(".output.*"))
    (site / "content/jobs/broken.md").unlink()
    build_site(site)  # and the next good build completes the change
    assert tree(site / "output") == cold(site, tmp_path)


def test_many_postings_on_worker_processes_match_one_process(tmp_path):
    site = small_site(tmp_path / "site", count=60)
    build_site(site, jobs=2, cache=False)
    parallel = tree(site / "output")
    build_site(site, output=tmp_path / "serial", jobs=1, cache=False)
    assert parallel == tree(tmp_path / "serial")


def test_template_error_in_a_worker_process_names_template_and_line(tmp_path):
    site = small_site(tmp_path / "site", count=60)
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "_macros.html").write_text("{% macro job_list(postings, heading_level=3) %}\n{{ postings.nope.nope }}\n{% endmacro %}\n")
    with pytest.raises(ContentError) as err:
        build_site(site, jobs=2)
    assert str(err.value.problems[0]).startswith("themes/default/templates/_macros.html:2: template error:")


def test_files_unchanged_on_disk_are_not_even_read_again(tmp_path, monkeypatch):
    from careersite import content

    site = small_site(tmp_path / "site")
    an_hour_ago = os.stat(site / "careersite.toml").st_mtime - 3600
    for path in (site / "content/jobs").iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    build_site(site)
    reads = []
    real_read = content.read_bytes
    monkeypatch.setattr(content, "read_bytes", lambda path, *a: reads.append(path.name) or real_read(path, *a))
    build_site(site)
    assert reads == []

    posting = site / "content/jobs/job-1.md"
    posting.write_text(posting.read_text().replace("Build things.", "Build all the things."))
    os.utime(posting, (an_hour_ago, an_hour_ago))  # same time as before, but the size moved
    build_site(site)
    assert set(reads) == {"job-1.md"}  # read for its key, and again where it is parsed
    assert tree(site / "output") == cold(site, tmp_path)


def test_a_file_saved_just_before_a_build_is_read_again_next_time(tmp_path, monkeypatch):
    from careersite import content

    site = small_site(tmp_path / "site")
    build_site(site)  # the files were written a moment ago: too recent to trust their times
    reads = []
    real_read = content.read_bytes
    monkeypatch.setattr(content, "read_bytes", lambda path, *a: reads.append(path.name) or real_read(path, *a))
    build_site(site)
    assert sorted(reads) == sorted(p.name for p in (site / "content/jobs").iterdir())


def test_a_rebuild_that_renders_no_posting_page_loads_no_posting_html(tmp_path):
    from careersite.build import BuildOptions, build
    from careersite.cache import CACHE_DIR, BuildCache

    site = small_site(tmp_path / "site", count=30)
    build_site(site)

    def rebuild() -> BuildCache:  # with the cache in hand, as serve holds it (no stamp: the build is planned)
        cache = BuildCache.open(site / CACHE_DIR)
        build(BuildOptions(source=site, output=site / "output", now=NOW), cache=cache)
        cache.save()
        return cache

    assert rebuild().loaded == {}  # no shard of posting HTML read
    edit(site / "careersite.toml", 'title = "Test Careers"', 'title = "New Careers"')  # every page again
    assert rebuild().loaded  # the HTML came from the shards
    assert tree(site / "output") == cold(site, tmp_path)


def test_a_damaged_shard_only_costs_a_cold_build(tmp_path):
    site = small_site(tmp_path / "site")
    build_site(site)
    for shard in (site / ".careersite-cache" / "bodies").iterdir():
        shard.write_bytes(b"garbage")
    edit(site / "careersite.toml", 'title = "Test Careers"', 'title = "New Careers"')
    build_site(site)
    assert tree(site / "output") == cold(site, tmp_path)


def test_a_shard_changed_under_a_build_restarts_it_from_scratch(tmp_path, monkeypatch):
    from careersite.cache import BuildCache

    site = small_site(tmp_path / "site")
    build_site(site)
    real_open = BuildCache.open

    def open_then_lose_shards(folder):
        cache = real_open(folder)
        for shard in (folder / "bodies").iterdir() if folder else ():  # as if another build rewrote them meanwhile
            shard.unlink()
        return cache

    monkeypatch.setattr(BuildCache, "open", staticmethod(open_then_lose_shards))
    edit(site / "careersite.toml", 'title = "Test Careers"', 'title = "New Careers"')  # every page needs its HTML
    build_site(site)
    assert tree(site / "output") == cold(site, tmp_path)


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(tmp_path):
    import fcntl

    from careersite.output import OutputError

    site = small_site(tmp_path / "site")
    folder = os.open(site, os.O_RDONLY)
    fcntl.flock(folder, fcntl.LOCK_EX)  # a build in progress holds this lock
    try:
        with pytest.raises(OutputError, match="another careersite build"):
            build_site(site)
    finally:
        os.close(folder)
    build_site(site)


def test_templates_are_compiled_once_and_again_only_when_edited(tmp_path, monkeypatch):
    """Compiled templates wait in the cache for the next process; an edited one is compiled anew."""
    import jinja2

    site = small_site(tmp_path)
    override = site / "themes/default/templates/404.html"
    override.parent.mkdir(parents=True)
    override.write_text("{% extends 'base.html' %}{% block main %}<h1>Lost</h1>{% endblock %}")
    build_site(site)
    assert len(list((site / ".careersite-cache/templates").iterdir())) >= 5
    compiled = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    override.write_text("{% extends 'base.html' %}{% block main %}<h1>Gone</h1>{% endblock %}")
    build_site(site)
    assert compiled == ["404.html"]
    assert "<h1>Gone</h1>" in (site / "output/404.html").read_text()
    assert tree(site / "output") == cold(site, tmp_path)


def test_templates_compiled_by_another_version_are_removed(tmp_path):
    site = small_site(tmp_path)
    stale = site / ".careersite-cache/templates/0000000000000000-base.cache"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"compiled by an older careersite")
    build_site(site)
    assert not stale.exists()
    assert list(stale.parent.iterdir())


def test_a_posting_saved_between_its_two_reads_is_built_as_parsed(tmp_path, monkeypatch):
    """The build reads a file for its key, then its worker reads it again to parse it: a save in
    between must give the page of what was parsed, cached under that text's key."""
    from careersite import content

    site = small_site(tmp_path / "site")
    posting = site / "content/jobs/job-1.md"
    real_read = content.read_bytes

    def read_then_save(path, *args):
        data = real_read(path, *args)
        if path.name == "job-1.md" and b"Build things." in data:
            posting.write_bytes(data.replace(b"Build things.", b"Build saved things."))
        return data

    monkeypatch.setattr(content, "read_bytes", read_then_save)
    build_site(site)
    assert "Build saved things." in (site / "output/jobs/job-1/index.html").read_text()
    monkeypatch.undo()
    build_site(site)
    assert tree(site / "output") == cold(site, tmp_path)


def test_templates_that_cannot_be_kept_compiled_only_cost_compiling(tmp_path, monkeypatch):
    """A cache folder that cannot be written (read-only, removed meanwhile) never fails a build."""
    import tempfile

    import jinja2.bccache

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refuse)
    site = small_site(tmp_path / "site")
    build_site(site)
    assert not list((site / ".careersite-cache/templates").iterdir())
    assert tree(site / "output") == cold(site, tmp_path)
    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", tempfile.NamedTemporaryFile)
    (site / ".careersite-cache/templates").rmdir()
    (site / ".careersite-cache/templates").write_text("a file where the folder should be")
    CHANGES["posting body"](site)
    build_site(site)
    assert tree(site / "output") == cold(site, tmp_path)


def test_a_posting_from_the_cache_keeps_its_source_positions(tmp_path):
    """The cache keeps a posting whole, positions too: a duplicate id found against a cached
    posting is still reported at the cached file's line."""
    site = small_site(tmp_path)
    build_site(site)
    (site / "content" / "jobs" / "a-new.md").write_text(posting_text(**basic_fields(id="ENG-3", title="New")))
    with pytest.raises(ContentError) as raised:
        build_site(site)
    assert "content/jobs/job-3.md:3: id: 'ENG-3' is also the id of content/jobs/a-new.md" in str(raised.value)


def test_a_build_without_a_cache_reads_each_posting_file_once(tmp_path, monkeypatch):
    """Without a cache there is no key to learn: the file is read once, where it is parsed."""
    import collections
    import pathlib

    site = small_site(tmp_path)
    opened: collections.Counter = collections.Counter()
    real_open = pathlib.Path.open

    def counting_open(self, *args, **kwargs):
        opened[self.name] += 1
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", counting_open)
    build_site(site, cache=False, search=False)
    assert [opened[f"job-{i}.md"] for i in range(6)] == [1] * 6, opened
