"""`careersite check` on a site in one language: a posting file named like a translation
(team.it.md) is published as one more posting in the site's language, so check warns
(`language-suffix`) and names both fixes; names that only look dotted (node.js.md) pass."""

from __future__ import annotations

import json

import pytest

from careersite.check import check_site
from careersite.cli import main
from careersite.lints import LANGUAGE_SUFFIX, language_suffix

from conftest import CONFIG, NOW, basic_fields, build_site, posting_text, write_site

BODY = "## About the role\n\nRun the team that keeps our warehouse moving.\n\n- one\n- two\n"


def tiny_site(tmp_path, names, config=CONFIG):
    """A site whose postings are the files `names`, each a complete posting with an id of its own."""
    postings = {name: posting_text(BODY, **basic_fields(id=f"ENG-{n}")) for n, name in enumerate(names, 1)}
    return write_site(tmp_path / "site", postings, config)


def suffix_findings(site):
    return [f for f in check_site(site, NOW) if f.code == LANGUAGE_SUFFIX]


def test_a_file_named_like_a_translation_on_a_site_without_languages_is_warned_with_both_fixes(tmp_path):
    site = tiny_site(tmp_path, ["team.md", "team.it.md", "designer.de.md"])
    found = {f.path: f for f in suffix_findings(site)}
    assert set(found) == {"content/jobs/team.it.md", "content/jobs/designer.de.md"}
    team = found["content/jobs/team.it.md"]
    assert (team.severity, team.line) == ("warning", 0)
    assert "translation into Italian" in team.message and "declares no `languages`" in team.message
    assert 'add languages = ["it"] to careersite.toml' in team.message
    assert "rename it to team-it.md" in team.message
    assert "translation into German" in found["content/jobs/designer.de.md"].message
    assert "rename it to designer-de.md" in found["content/jobs/designer.de.md"].message
    # what the warning says happens is what the build does: an English posting at /jobs/team-it/
    assert "at /jobs/team-it/" in team.message
    build_site(site, search=False)
    page = (site / "output" / "jobs" / "team-it" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in page


def test_the_warning_is_one_line_of_careersite_check_and_fails_only_strict(tmp_path, capsys):
    site = tiny_site(tmp_path, ["team.it.md"])
    assert main(["check", "--source", str(site), "--format", "json"]) == 0
    [entry] = [f for f in json.loads(capsys.readouterr().out) if f["code"] == LANGUAGE_SUFFIX]
    assert (entry["file"], entry["line"], entry["severity"]) == ("content/jobs/team.it.md", 0, "warning")
    assert main(["check", "--source", str(site), "--strict"]) == 1
    [line] = [line for line in capsys.readouterr().out.splitlines() if line.endswith("[language-suffix]")]
    assert line.startswith("content/jobs/team.it.md: warning: the file name reads as a translation into Italian")


@pytest.mark.parametrize("name", ["node.js.md", "engineer.v2.md", "v2.md", "team.md", "team.en.md", "team.pt_BR.md",
                                  "release.2026.md", "api.dev.md"])
def test_names_that_are_not_a_translation_are_not_warned(tmp_path, name):
    assert suffix_findings(tiny_site(tmp_path, [name])) == []


def test_a_site_that_declares_the_language_reads_the_file_as_its_translation(tmp_path):
    config = CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["it"]\n')
    site = tiny_site(tmp_path, ["team.md", "team.it.md"], config)
    assert suffix_findings(site) == []


@pytest.mark.parametrize("name, tag", [("team.it.md", "it"), ("team.IT.md", "IT"), ("team.pt-BR.md", "pt-BR"),
                                       ("a.b.de.md", "de"), ("node.js.md", ""), ("de.md", ""), ("team.xx.md", "")])
def test_language_suffix_is_a_tag_babel_knows_at_the_end_of_the_name(name, tag):
    assert language_suffix(name) == tag
