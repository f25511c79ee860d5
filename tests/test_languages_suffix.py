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


@pytest.mark.parametrize("name", ["node.js.md", "engineer.v2.md", "v2.md", "team.md", "team.pt_BR.md",
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


def test_a_file_named_with_the_sites_own_language_is_warned_on_a_site_in_one_language(tmp_path):
    """team.en.md on an English site (as Hugo names files) is published at /jobs/team-en/: check says
    so and names the rename."""
    [finding] = suffix_findings(tiny_site(tmp_path, ["team.en.md"]))
    assert "site's own language (.en)" in finding.message and "at /jobs/team-en/" in finding.message
    assert "rename it to team.md" in finding.message


def test_on_a_site_in_several_languages_a_file_named_with_the_default_language_is_its_version(tmp_path):
    """designer.en.md and designer.de.md on a site in English and German (Hugo's naming): the English
    version at /jobs/designer/, linked with the German one; designer.md beside designer.en.md is two
    files for one URL, an error naming both; about.en.md is /about/."""
    from lxml import html

    from careersite.problems import ContentError

    config = CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["de"]\n')
    postings = {"designer.en.md": posting_text(BODY, **basic_fields()),
                "designer.de.md": posting_text(BODY, **basic_fields(title="Designerin"))}
    site = write_site(tmp_path / "site", postings, config, pages={"about.en.md": "---\ntitle: About\n---\n\nText.\n"})
    assert suffix_findings(site) == []
    build_site(site, search=False)
    english = html.fromstring((site / "output" / "jobs" / "designer" / "index.html").read_bytes())
    assert english.get("lang") == "en"
    assert {link.get("hreflang") for link in english.xpath("//link[@rel='alternate'][@hreflang]")} == {"en", "de", "x-default"}
    assert (site / "output" / "about" / "index.html").is_file() and not (site / "output" / "jobs" / "designer-en").exists()
    (site / "content" / "jobs" / "designer.md").write_text(posting_text(BODY, **basic_fields()), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        build_site(site, search=False)
    assert "designer.md" in str(raised.value) and "designer.en.md" in str(raised.value)
