"""The theme's own words from the message catalogs: every shipped language complete, pages whose
words are the catalog's (read back with lxml), plural forms by Babel's rules, a site's own
catalog over careersite's, and `check` listing what a language lacks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from lxml import html

from careersite.check import check_site
from careersite.messages import (LOCALES, TEMPLATE, Messages, catalog_errors, read_catalog, script_words,
                                 shipped_catalog, shipped_languages, template_msgids)
from careersite.problems import ContentError

from conftest import CONFIG, NOW, REPO, basic_fields, build_site, posting_text, write_site

LANGUAGES = ("en", "fr", "de", "es", "nl", "pt", "it", "ja", "ar")
SALARY = "{min: 60000, max: 80000, currency: EUR, unit: year}"
OPEN_ROLES = ("%(num)d open role", "%(num)d open roles")


def site_in(tmp_path: Path, language: str, catalogs: dict[str, str] | None = None) -> Path:
    """A site in `language` with two open roles, one remote with a salary, and its own catalogs."""
    postings = {
        "data-engineer.md": posting_text(**basic_fields(salary=SALARY, employment_type="full_time")),
        "designer.md": posting_text(**basic_fields(title="Product Designer", id="DES-1", department="Design", workplace="remote",
                                                   locations="[]", applicant_locations="[DE, FR]", employment_type="part_time")),
    }
    site = write_site(tmp_path / language, postings, CONFIG.replace('language = "en"', f'language = "{language}"'))
    for name, text in (catalogs or {}).items():
        (site / "locales").mkdir(exist_ok=True)
        (site / "locales" / name).write_text(text, encoding="utf-8")
    return site


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / "output" / path).read_bytes())


def text_of(doc: html.HtmlElement, xpath: str) -> str:
    [node] = doc.xpath(xpath)
    return node.text_content().strip()


def po(entries: dict[str, str]) -> str:
    """A small .po file: msgid -> msgstr."""
    escaped = lambda s: s.replace("\\", "\\\\").replace('"', '\\"')
    return 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + "".join(
        f'msgid "{escaped(k)}"\nmsgstr "{escaped(v)}"\n\n' for k, v in entries.items())


def test_careersite_ships_catalogs_for_nine_languages():
    assert set(LANGUAGES) <= set(shipped_languages())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_shipped_catalog_translates_every_string_of_the_template(language):
    text = shipped_catalog(language).read_text(encoding="utf-8")
    assert catalog_errors(language, text) == []  # readable, and each translation keeps its msgid's placeholders
    catalog = read_catalog(text, language)
    for msgid in template_msgids():
        message = catalog.get(msgid)
        assert message is not None, f"{language}: {msgid!r} is missing"
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{language}: {msgid!r} is not translated"
        assert len(strings) == (catalog.num_plurals if isinstance(msgid, tuple) else 1)
    assert Messages(language).missing() == []


def test_the_template_holds_every_string_the_theme_and_code_use():
    """careersite.pot is what `pybabel extract` makes of babel.cfg today: no string left out."""
    with open(REPO / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {message if isinstance(message, str) else message[0]
             for _, _, message, _, _ in extract_from_dir(REPO, method_map, options_map,
                                                         keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "Nn_": (1, 2)})}
    written = {m if isinstance(m, str) else m[0] for m in template_msgids()}
    assert found == written
    assert {"Apply for this job", "At a glance", "Full-time", "Remote", "per year"} <= written
    assert TEMPLATE.parent == LOCALES


@pytest.mark.parametrize("language", ["fr", "ja", "ar"])
def test_a_site_in_another_language_shows_the_catalogs_words(tmp_path, language):
    site = site_in(tmp_path, language)
    build_site(site, search=False)
    words = Messages(language)
    posting = page(site, "jobs/data-engineer/index.html")
    assert posting.get("lang") == language
    assert posting.get("dir") == ("rtl" if language == "ar" else None)
    apply = text_of(posting, "//p[contains(@class, 'apply-aside')]/a")
    assert apply == words.gettext("Apply for this job") != "Apply for this job"
    assert text_of(posting, "//h2[@id='facts-title']") == words.gettext("At a glance")
    facts = {dt.text_content(): dt.getnext().text_content() for dt in posting.xpath("//dl[@class='facts']//dt")}
    assert facts[words.gettext("Workplace")] == words.gettext("On-site")
    assert facts[words.gettext("Employment type")] == words.gettext("Full-time")
    assert facts[words.gettext("Salary")].endswith(words.gettext("per year"))
    remote = page(site, "jobs/designer/index.html")
    assert text_of(remote, "//ul[contains(@class, 'posting-meta')]/li[@class='meta-workplace']") == words.gettext("Remote")
    home = page(site, "index.html")
    assert text_of(home, "//p[@class='hero-stats']/strong") == words.ngettext(*OPEN_ROLES, 2) % {"num": 2}
    assert text_of(home, "//label[@for='filter-q']") == words.gettext("Search roles")
    gone = page(site, "404.html")
    assert text_of(gone, "//h1") == words.gettext("Page not found") != "Page not found"


def test_a_french_site_formats_salaries_and_dates_in_french(tmp_path):
    site = site_in(tmp_path, "fr")
    build_site(site, search=False)
    posting = page(site, "jobs/data-engineer/index.html")
    assert text_of(posting, "//div[contains(@class, 'fact-salary')]/dd") == "60\u202f000\xa0€ – 80\u202f000\xa0€ par an"
    assert text_of(posting, "//time[@datetime='2026-11-20']") == "20 novembre 2026"
    remote = page(site, "jobs/designer/index.html")
    assert text_of(remote, "//ul[contains(@class, 'posting-meta')]/li[@class='meta-location']") == "Télétravail (Allemagne, France)"


@pytest.mark.parametrize("language, counts", [
    ("fr", {0: "0 poste ouvert", 1: "1 poste ouvert", 2: "2 postes ouverts"}),
    ("de", {1: "1 offene Stelle", 2: "2 offene Stellen"}),
    ("ja", {1: "募集職種 1 件", 2: "募集職種 2 件"}),
    ("ar", {0: "لا توجد وظائف شاغرة", 1: "وظيفة شاغرة واحدة", 2: "وظيفتان شاغرتان", 3: "3 وظائف شاغرة",
            11: "11 وظيفة شاغرة", 100: "100 وظيفة شاغرة"}),
])
def test_counts_take_the_plural_form_of_babels_rules(language, counts):
    words = Messages(language)
    for n, expected in counts.items():
        assert words.ngettext(*OPEN_ROLES, n) % {"num": n} == expected
    # the catalog's form for a number is the one of its CLDR category (Babel's rule), always the same
    forms: dict[str, set[str]] = {}
    for n in range(300):
        forms.setdefault(Locale.parse(language).plural_form(n), set()).add(words.ngettext(*OPEN_ROLES, n))
    assert all(len(strings) == 1 for strings in forms.values()), forms


def test_one_and_two_open_roles_in_french_and_arabic_pages(tmp_path):
    for language, one, two in (("fr", "1 poste ouvert", "2 postes ouverts"), ("ar", "وظيفة شاغرة واحدة", "وظيفتان شاغرتان")):
        site = site_in(tmp_path, language)
        build_site(site, search=False)
        assert text_of(page(site, "index.html"), "//p[@class='hero-stats']/strong") == two
        assert text_of(page(site, "departments/design/index.html"), "//p[@class='hero-stats']/strong") == one


def test_the_scripts_words_arrive_in_the_pages_language(tmp_path):
    site = site_in(tmp_path, "fr")
    build_site(site, search=False)
    [listing] = page(site, "index.html").xpath("//script[@data-words]")
    said = json.loads(listing.get("data-words"))
    assert said["searching"] == "Recherche…"
    assert said["all"] == {"one": "Affichage de {num} poste ouvert", "other": "Affichage des {num} postes ouverts"}
    assert said["some"]["other"] == "Affichage de {shown} sur {num} postes ouverts"
    [share] = page(site, "jobs/data-engineer/index.html").xpath("//script[@data-words]")
    assert json.loads(share.get("data-words")) == {"copied": "Lien copié.",
                                                   "copyByHand": "Appuyez sur Ctrl+C (ou ⌘C) pour copier le lien sélectionné."}
    arabic = json.loads(str(script_words("listing", Messages("ar"))))
    assert set(arabic["all"]) == {"zero", "one", "two", "other"}  # few and many are the same as other


def test_apply_form_messages_come_in_the_pages_language(tmp_path):
    site = site_in(tmp_path, "de")
    (site / "content" / "jobs" / "form.md").write_text(posting_text(**basic_fields(title="Analyst", id="AN-1", apply="form")),
                                                       encoding="utf-8")
    build_site(site, search=False)
    doc = page(site, "jobs/form/index.html")
    said = json.loads(doc.xpath("//script[contains(@src, 'apply')]")[0].get("data-words"))
    assert said["required"] == "(Pflichtfeld)" == text_of(doc, "(//span[@class='field-required'])[1]")
    assert said["summary"] == {"one": "Eine Antwort braucht Ihre Aufmerksamkeit:", "other": "{num} Antworten brauchen Ihre Aufmerksamkeit:"}
    assert text_of(doc, "//form//button[@type='submit']") == "Bewerbung absenden"


def test_english_pages_keep_their_words(tmp_path):
    site = site_in(tmp_path, "en")
    build_site(site, search=False)
    posting = page(site, "jobs/data-engineer/index.html")
    assert text_of(posting, "//p[contains(@class, 'apply-aside')]/a") == "Apply for this job"
    assert text_of(page(site, "index.html"), "//p[@class='result-count']") == "Showing all 2 open roles"


def test_a_sites_own_catalog_overrides_any_string(tmp_path):
    site = site_in(tmp_path, "en", {"en.po": po({"Apply for this job": "Apply now", "Remote": "Anywhere"})})
    build_site(site, search=False)
    assert text_of(page(site, "jobs/data-engineer/index.html"), "//p[contains(@class, 'apply-aside')]/a") == "Apply now"
    assert text_of(page(site, "jobs/designer/index.html"), "//li[@class='meta-workplace']") == "Anywhere"
    french = site_in(tmp_path, "fr", {"fr.po": po({"Apply for this job": "Je postule"})})
    build_site(french, search=False)
    posting = page(french, "jobs/data-engineer/index.html")
    assert text_of(posting, "//p[contains(@class, 'apply-aside')]/a") == "Je postule"
    assert text_of(posting, "//h2[@id='facts-title']") == "En bref"  # the rest from careersite's catalog


def test_a_language_without_a_catalog_shows_english_and_check_says_so(tmp_path):
    site = site_in(tmp_path, "sv")
    build_site(site, search=False)
    assert text_of(page(site, "jobs/data-engineer/index.html"), "//p[contains(@class, 'apply-aside')]/a") == "Apply for this job"
    [finding] = [f for f in check_site(site, NOW) if f.code == "missing-translation"]
    assert finding.path == "careersite.toml" and finding.line == 3 and finding.severity == "warning"
    assert "no catalog for 'sv'" in finding.message and "locales/sv.po" in finding.message


def test_check_lists_the_strings_a_partial_catalog_lacks(tmp_path):
    site = site_in(tmp_path, "sv", {"sv.po": po({"Apply for this job": "Sök tjänsten", "At a glance": "I korthet"})})
    build_site(site, search=False)
    posting = page(site, "jobs/data-engineer/index.html")
    assert text_of(posting, "//p[contains(@class, 'apply-aside')]/a") == "Sök tjänsten"
    assert text_of(posting, "//h2[@id='facts-title']") == "I korthet"
    assert text_of(posting, "//div[contains(@class, 'fact-salary')]/dt") == "Salary"  # missing: English
    missing = [f.message for f in check_site(site, NOW) if f.code == "missing-translation"]
    assert len(missing) == len(template_msgids()) - 2
    assert "no 'sv' translation of 'Salary': it shows in English; add it to locales/sv.po" in missing
    assert not [m for m in missing if "'Apply for this job'" in m]


def test_a_french_site_has_no_missing_translation(tmp_path):
    assert [f for f in check_site(site_in(tmp_path, "fr"), NOW) if f.code == "missing-translation"] == []


def test_a_broken_site_catalog_fails_the_build_naming_the_file_and_line(tmp_path):
    broken = po({"Apply for this job": "Postuler"}) + 'msgid "More roles in %(department)s"\nmsgstr "Plus de postes : %(service)s"\n'
    site = site_in(tmp_path, "fr", {"fr.po": broken})
    with pytest.raises(ContentError) as err:
        build_site(site, search=False)
    [problem] = err.value.problems
    assert problem.path == "locales/fr.po" and problem.line == 8 and problem.code == "invalid-catalog"
    assert "More roles in %(department)s" in problem.message
    assert [f.path for f in check_site(site, NOW) if f.code == "invalid-catalog"] == ["locales/fr.po"]


def settled(site: Path) -> None:
    """Every input as if saved long ago: a rebuild trusts its up-to-date stamp only for files
    that have not changed in the last two seconds (uptodate.py)."""
    past = 1_700_000_000  # the same every time: only what a test changes differs
    for path in [site, *site.rglob("*")]:
        if "output" not in path.relative_to(site).parts and ".careersite-cache" not in path.relative_to(site).parts:
            os.utime(path, (past, past))


def test_a_rebuild_sees_a_site_catalog_added_or_changed(tmp_path):
    site = site_in(tmp_path, "en")
    settled(site)
    build_site(site, search=False, cache=True)
    assert build_site(site, search=False, cache=True).up_to_date  # so the stamp is what is tested
    apply = "//p[contains(@class, 'apply-aside')]/a"
    assert text_of(page(site, "jobs/data-engineer/index.html"), apply) == "Apply for this job"
    (site / "locales").mkdir()
    (site / "locales" / "en.po").write_text(po({"Apply for this job": "Apply now"}), encoding="utf-8")
    settled(site)
    build_site(site, search=False, cache=True)
    assert text_of(page(site, "jobs/data-engineer/index.html"), apply) == "Apply now"
    (site / "locales" / "en.po").write_text(po({"Apply for this job": "Send us your CV"}), encoding="utf-8")
    settled(site)
    build_site(site, search=False, cache=True)
    assert text_of(page(site, "jobs/data-engineer/index.html"), apply) == "Send us your CV"
