"""`careersite translate FILE LANGUAGE`: a posting's version in another of the site's languages,
started as a draft beside it, and `check` telling when a published translation was never translated."""

from __future__ import annotations

import pytest
from lxml import html

from careersite.check import check_site
from careersite.cli import main
from careersite.lints import TRANSLATION_UNTRANSLATED

from conftest import CONFIG, NOW, basic_fields, build_site, posting_text, write_site

BODY = "## About the role\n\nRun the team that keeps our warehouse moving.\n\n- plan the shifts\n- train new people\n"
GERMAN = "## Über die Stelle\n\nSie leiten das Team, das unser Lager am Laufen hält.\n\n- Schichten planen\n- Neue Leute einarbeiten\n"


def site_with(tmp_path, postings: dict[str, str]):
    config = CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["de"]\n')
    return write_site(tmp_path / "site", postings, config)


def findings(site, code):
    return [f for f in check_site(site, NOW) if f.code == code]


def test_translate_starts_a_draft_that_agrees_with_its_original_and_goes_live_once_translated(tmp_path, capsys):
    site = site_with(tmp_path, {"lead.md": posting_text(BODY, **basic_fields(title="Warehouse Lead"))})
    assert main(["translate", "--source", str(site), "content/jobs/lead.md", "de"]) == 0
    assert "created" in capsys.readouterr().out
    german = site / "content" / "jobs" / "lead.de.md"
    text = german.read_text(encoding="utf-8")
    assert text.startswith("---\ndraft: true")
    assert findings(site, "translation-mismatch") == [] and findings(site, TRANSLATION_UNTRANSLATED) == []
    build_site(site, search=False)
    assert not (site / "output" / "de" / "jobs" / "lead").exists()  # a draft until translated
    # the translator removes the draft line but forgets the description: check says so, at the description
    untranslated = "\n".join(line for line in text.split("\n") if not line.startswith("draft:"))
    german.write_text(untranslated, encoding="utf-8")
    [finding] = findings(site, TRANSLATION_UNTRANSLATED)
    assert finding.path == "content/jobs/lead.de.md" and finding.line == untranslated.split("\n").index("## About the role") + 1
    german.write_text(untranslated.replace(BODY, GERMAN).replace("title: Warehouse Lead", "title: Lagerleitung"), encoding="utf-8")
    assert findings(site, TRANSLATION_UNTRANSLATED) == []
    build_site(site, search=False)
    page = html.fromstring((site / "output" / "de" / "jobs" / "lead" / "index.html").read_bytes())
    assert page.get("lang") == "de" and "Lagerleitung" in page.xpath("string(//h1)")
    assert {link.get("hreflang") for link in page.xpath("//link[@rel='alternate'][@hreflang]")} == {"en", "de", "x-default"}


def test_a_translation_leaves_out_the_ats_source_and_follows_a_default_language_file_name(tmp_path):
    """A synced posting's `source:` would make sync take the translation for the ATS posting: left out.
    lead.en.md (named with the default language) gets lead.de.md."""
    site = site_with(tmp_path, {"lead.en.md": posting_text(BODY, **basic_fields(source="greenhouse:acme/4012345"))})
    assert main(["translate", "--source", str(site), "--quiet", "content/jobs/lead.en.md", "de"]) == 0
    text = (site / "content" / "jobs" / "lead.de.md").read_text(encoding="utf-8")
    assert "source:" not in text and "greenhouse" not in text and "title:" in text


@pytest.mark.parametrize("file, language, said", [
    ("content/jobs/lead.md", "fr", "'fr' is not one of the site's other languages (de)"),
    ("content/jobs/lead.md", "en", "'en' is not one of the site's other languages"),
    ("content/jobs/lead.de.md", "de", "is itself a translation"),
    ("content/jobs/nobody.md", "de", "no such posting file"),
])
def test_translate_refuses_what_it_cannot_do_and_writes_nothing(tmp_path, capsys, file, language, said):
    site = site_with(tmp_path, {"lead.md": posting_text(BODY, **basic_fields()),
                                "lead.de.md": posting_text(GERMAN, **basic_fields(title="Lagerleitung"))})
    before = sorted(p.name for p in (site / "content" / "jobs").iterdir())
    assert main(["translate", "--source", str(site), file, language]) == 1  # EXIT_CONTENT
    assert said in capsys.readouterr().err
    assert sorted(p.name for p in (site / "content" / "jobs").iterdir()) == before


def test_translate_never_overwrites_an_existing_translation(tmp_path, capsys):
    site = site_with(tmp_path, {"lead.md": posting_text(BODY, **basic_fields())})
    assert main(["translate", "--source", str(site), "content/jobs/lead.md", "de"]) == 0
    (site / "content" / "jobs" / "lead.de.md").write_text("kept", encoding="utf-8")
    assert main(["translate", "--source", str(site), "content/jobs/lead.md", "de"]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (site / "content" / "jobs" / "lead.de.md").read_text(encoding="utf-8") == "kept"


def test_a_translation_keeps_the_originals_translation_key_and_its_own_lines(tmp_path, capsys):
    """translation_key links the versions: kept, so the two build as one posting; front matter
    closed with YAML's '...' is read; a synced file's ownership line is the ATS's, not the translation's."""
    text = posting_text(BODY, **basic_fields(translation_key="ux-role"))
    text = text.replace("---\n", "---\n# careersite sync owns: title and the description; fields you add are kept\n", 1)
    closed_with_dots = text[::-1].replace("\n---\n"[::-1], "\n...\n"[::-1], 1)[::-1]
    site = site_with(tmp_path, {"ux.md": closed_with_dots})
    assert main(["translate", "--source", str(site), "--quiet", "content/jobs/ux.md", "de"]) == 0
    german = (site / "content" / "jobs" / "ux.de.md").read_text(encoding="utf-8")
    assert "translation_key: ux-role" in german and "careersite sync owns" not in german and "\n...\n" in german
    lines = german.split("\n")
    lines = [line for line in lines if not line.startswith("draft:")]
    (site / "content" / "jobs" / "ux.de.md").write_text("\n".join(lines).replace(BODY, GERMAN), encoding="utf-8")
    build_site(site, search=False)
    page = html.fromstring((site / "output" / "de" / "jobs" / "ux" / "index.html").read_bytes())
    assert {link.get("hreflang") for link in page.xpath("//link[@rel='alternate'][@hreflang]")} == {"en", "de", "x-default"}
