"""Placeholders (TODO, TBD, lorem ipsum, "[insert ...]") are never published: the build refuses
them with file:line, check reports them, serve shows them, and ordinary words are left alone."""

from __future__ import annotations

import pytest

from careersite.cache import BuildCache
from careersite.check import check_site
from careersite.findings import exit_code
from careersite.placeholders import find_in_markdown, find_in_text
from careersite.problems import ContentError
from careersite.serve import Preview

from conftest import NOW, basic_fields, build_site, posting_text, write_site


@pytest.mark.parametrize("text, marker", [
    ("TODO: two or three sentences", "TODO"),
    ("- TODO", "TODO"),
    ("Salary: TBD", "TBD"),
    ("FIXME later", "FIXME"),
    ("Todo: say why the role matters", "Todo:"),
    ("Lorem ipsum dolor sit amet", "Lorem ipsum"),
    ("Join [insert team name] today", "[insert team name]"),
    ("We are [Your Company], a startup", "[Your Company]"),
    ("Pay: $XXX,XXX", "XXX"),
    ("Welcome to {{company}}", "{{company}}"),
    ("Reports to <insert manager>", "<insert manager>"),
])
def test_placeholders_are_found(text, marker):
    assert find_in_markdown(text)[0] == (1, marker)


@pytest.mark.parametrize("text", [
    "Keep your todo list short",
    "We use Todoist and Mastodon",
    "Undo, redo and todos in the editor",  # lower case: a word
    "The `TODO` markers in our code base",
    "```\n# TODO: refactor\n```",
    "~~~python\nx = 1  # FIXME\n~~~",
    "A paragraph.\n\n    TODO in an indented code block\n",
    "<!-- TODO: ask HR about the benefits -->",
    "[Add to calendar](https://cal.example/x) and [your profile][1]",
    "Photos of our TODOIST-like board",
    "Write to <your-team@acme-robotics.com> or see <https://acme-robotics.com/your-first-day>",
])
def test_ordinary_words_and_code_are_not_placeholders(text):
    assert find_in_markdown(text) == []


def test_a_list_continuation_is_text_not_code():
    assert find_in_markdown("- an item\n\n    TODO: its second paragraph\n") == [(3, "TODO")]


def test_lines_are_counted_in_the_text():
    assert find_in_markdown("One\n\nTwo\n\n- TODO\n") == [(5, "TODO")]
    assert find_in_text("Senior TBD Engineer") == [(1, "TBD")]


def outline_site(tmp_path, **overrides):
    fields = basic_fields(summary="'TODO: one or two sentences about the role.'", **overrides)
    body = "## About the role\n\nWe build things.\n\n## What you will do\n\n- TODO\n- TODO\n"
    return write_site(tmp_path, {"job.md": posting_text(body, **fields)})


def test_build_refuses_a_posting_with_placeholders_naming_file_and_line(tmp_path):
    site = outline_site(tmp_path)
    with pytest.raises(ContentError) as caught:
        build_site(site)
    shown = [str(p) for p in caught.value.problems]
    # job.md: line 1 '---', fields on 2-9 (summary on 9), '---' on 10, the body from 11; '- TODO' on 17
    assert shown == [
        "content/jobs/job.md:9: summary: still holds the placeholder 'TODO'; write the real text, "
        "or set draft: true until it is ready (a posting with placeholders is not published)",
        "content/jobs/job.md:17: the description still holds the placeholder 'TODO' (and 1 more); write the real text, "
        "or set draft: true until it is ready (a posting with placeholders is not published)",
    ]
    assert not (tmp_path / "output" / "jobs" / "job").exists()


def test_a_placeholder_in_the_title_is_refused(tmp_path):
    site = write_site(tmp_path, {"job.md": posting_text(**basic_fields(title="'TBD Engineer'"))})
    with pytest.raises(ContentError) as caught:
        build_site(site)
    assert [(p.line, p.field, p.code) for p in caught.value.problems] == [(2, "title", "placeholder")]


def test_check_reports_placeholders_as_errors(tmp_path):
    findings = [f for f in check_site(outline_site(tmp_path), NOW) if f.code == "placeholder"]
    assert [(f.line, f.field, f.severity) for f in findings] == [(9, "summary", "error"), (17, "", "error")]
    assert exit_code(findings) == 1


def test_a_draft_may_hold_placeholders_and_check_lists_them(tmp_path):
    site = outline_site(tmp_path, draft="true")
    assert build_site(site).published == 0  # not published; the build does not fail
    findings = [f for f in check_site(site, NOW) if f.code == "placeholder"]
    assert [(f.line, f.field, f.severity) for f in findings] == [(9, "summary", "warning"), (18, "body", "warning")]
    assert "before removing draft: true" in findings[0].message


def test_serve_shows_the_placeholders(tmp_path):
    site = outline_site(tmp_path)
    preview = Preview(site, tmp_path / "preview", True, "http://127.0.0.1:8000", BuildCache(None))
    assert preview.rebuild(out=lambda line: None) is False
    assert any("job.md:17: the description still holds the placeholder 'TODO'" in e for e in preview.errors)
