"""content: a site's postings and free pages read, their Markdown converted in bounded time or
refused with file:line, in this process and in worker processes."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import careersite.markdown as markdown_module
from careersite import workers
from careersite.cache import BuildCache
from careersite.cli import main
from careersite.config import load_config
from careersite.content import load_postings, parse_setup, parse_task
from careersite.problems import Problems

from conftest import basic_fields, build_site, posting_text, tree, write_site

NESTED_250 = "\n".join("    " * level + "- item" for level in range(250))
GOOD_HTML = "<p>Hello <em>world</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def _site(tmp_path, bad_body: str):
    return write_site(tmp_path, {
        "a-bad.md": posting_text(body="Intro.\n\n" + bad_body, **basic_fields(id="BAD-1")),
        "b-good.md": posting_text(body="Hello *world*\n\n- a\n- b\n", **basic_fields(id="GOOD-1")),
    })


def _body_start(site, name: str) -> int:
    """The file line of the body's first line."""
    lines = (site / "content/jobs" / name).read_text().split("\n")
    return lines.index("---", 1) + 2


def test_a_pathological_posting_fails_the_build_with_file_and_line_and_leaves_the_output(tmp_path, capsys):
    site = write_site(tmp_path, {"b-good.md": posting_text(**basic_fields())})
    build_site(site)
    before = tree(site / "output")
    for name, body, line, words in [
        ("a-brackets.md", "[" * 200_000 + "\n", 3, "never closed by ']'"),
        ("a-emphasis.md", "*a" * 200_000 + "\n", 3, "'*'"),
        ("a-nested.md", NESTED_250 + "\n", 3 + 20, "a list is nested 250 levels deep"),
    ]:
        (site / "content/jobs" / name).write_text(posting_text(body="Intro.\n\n" + body, **basic_fields(id=name)))
        started = time.perf_counter()
        assert main(["build", "--source", str(site), "--quiet"]) == 1
        assert time.perf_counter() - started < 10
        err = capsys.readouterr().err
        assert f"content/jobs/{name}:{_body_start(site, name) + line - 1}: " in err and words in err, err
        assert tree(site / "output") == before
        (site / "content/jobs" / name).unlink()


def test_a_pathological_free_page_is_refused_with_file_and_line(tmp_path, capsys):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())},
                      pages={"benefits.md": "---\ntitle: Benefits\n---\n\nWe offer:\n\n" + NESTED_250 + "\n"})
    assert main(["build", "--source", str(site), "--quiet"]) == 1
    assert "content/pages/benefits.md:" + str(7 + 20) + ": a list is nested 250 levels deep" in capsys.readouterr().err


def test_a_good_posting_after_one_that_broke_the_converter_comes_out_right(tmp_path, monkeypatch):
    monkeypatch.setattr(markdown_module, "markdown_problem", lambda text: None)  # past the bounds: RecursionError
    site = _site(tmp_path, NESTED_250)
    problems = Problems()
    parsed = load_postings(site, load_config(site, problems), problems, BuildCache(None), jobs=1, keep_body=True)  # one after another, here
    assert [p.posting.slug for p in parsed] == ["b-good"] and parsed[0].html == GOOD_HTML
    assert [(p.path, p.line) for p in problems.items] == [("content/jobs/a-bad.md", _body_start(site, "a-bad.md"))]
    assert "nested too deeply" in problems.items[0].message


def test_in_a_worker_process_too(tmp_path, monkeypatch):
    monkeypatch.setattr(markdown_module, "markdown_problem", lambda text: None)  # inherited by the forked worker
    site = _site(tmp_path, NESTED_250)
    config = load_config(site, Problems())
    tasks = [(str(site / "content/jobs" / name), "salt", "key", f"content/jobs/{name}", name[:-3]) for name in ("a-bad.md", "b-good.md")]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(1, mp_context=context, initializer=workers._initialize, initargs=(parse_setup, (config, True))) as pool:
        bad, good = pool.map(parse_task, tasks)  # one worker: the good posting is converted right after the bad one
    assert bad.posting is None and "nested too deeply" in bad.problems[0].message
    assert good.html == GOOD_HTML


def test_a_posting_out_of_time_is_not_cached_as_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(markdown_module, "markdown_problem", lambda text: None)
    monkeypatch.setattr(markdown_module, "TIME_BUDGET", 0.001)
    site = write_site(tmp_path, {"slow.md": posting_text(body="[" * 600 + "\n", **basic_fields())})
    config, cache = load_config(site, Problems()), BuildCache(None)
    problems = Problems()
    assert load_postings(site, config, problems, cache, jobs=1) == []
    assert [(p.path, p.line) for p in problems.items] == [("content/jobs/slow.md", _body_start(site, "slow.md"))]
    assert "took longer than 0.001 s" in problems.items[0].message
    monkeypatch.setattr(markdown_module, "TIME_BUDGET", 5.0)  # the machine is less busy next time
    problems = Problems()
    assert [p.posting.slug for p in load_postings(site, config, problems, cache, jobs=1)] == ["slow"] and not problems


def test_a_control_character_in_a_page_is_refused_at_its_line(tmp_path):
    from careersite.content import read_pages
    from careersite.problems import Problems

    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "about.md").write_text('---\ntitle: "About\\x1b"\n---\nWho we are.\n\nAnd \x01 more.\n', encoding="utf-8")
    problems = Problems()
    assert read_pages(tmp_path, problems) == []
    assert [str(p) for p in problems.items] == [
        "content/pages/about.md:2: title: holds the control character U+001B, which no page or feed can carry; remove it",
        "content/pages/about.md:6: the text holds the control character U+0001, which no page or feed can carry; remove it"]
