"""The application form in a site of several languages: a German posting's form speaks German (its
labels, hints, consent and choices, read back with lxml and compared with the German catalog), its
choices submit the same values as English's, it posts to /de/applied/, a German thank-you page,
and `careersite serve` takes it there. The English form is as before."""

from __future__ import annotations

import datetime as dt
import io
import json

import lxml.html
import pytest

from careersite.apply_form import SELF_IDENTIFICATION, apply_form
from careersite.cache import CACHE_DIR, BuildCache
from careersite.config import load_config
from careersite.messages import ENGLISH, messages_for
from careersite.posting import Posting, Question
from careersite.problems import Problems
from careersite.serve import Preview, make_app
from careersite.submissions import built_form
from conftest import CONFIG, basic_fields, build_site, posting_text, tree, write_site

DE = messages_for("de")
CONFIG_DE = CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["de", "nl"]\n') + """
[apply]
privacy_notice = "/privacy/"
retention = "12 months"
max_file_mb = 4
self_identification = true
"""
# the site's own catalog translates its [apply] retention, as it does its title
SITE_DE_PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "12 months"\nmsgstr "12 Monate"\n'
QUESTIONS_EN = "[{label: Do you hold a work permit?, type: yes_no, required: true, name: permit}, {label: Which team?, type: choice, choices: [Data, Platform], name: team}]"
QUESTIONS_DE = "[{label: Haben Sie eine Arbeitserlaubnis?, type: yes_no, required: true, name: permit}, {label: Welches Team?, type: choice, choices: [Daten, Plattform], name: team}]"
ABOUT = {"name": "Full name", "email": "E-mail", "phone": "Phone", "cv": "CV or résumé", "cover-letter": "Cover letter",
         "linkedin": "LinkedIn profile", "portfolio": "Portfolio or website"}
CONSENT = "I agree that %(company)s keeps my application for %(retention)s to consider me for this role."
CV = b"%PDF-1.7\n%%EOF"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("apply-languages") / "site", {
        "data-engineer.md": posting_text(**basic_fields(apply="form", questions=QUESTIONS_EN)),
        "data-engineer.de.md": posting_text(**basic_fields(title="Dateningenieurin", apply="form", questions=QUESTIONS_DE)),
        "data-engineer.nl.md": posting_text(**basic_fields(title="Data-engineer")),  # Dutch: the apply link, no form
    }, CONFIG_DE)
    (root / "locales").mkdir()
    (root / "locales" / "de.po").write_text(SITE_DE_PO, encoding="utf-8")
    build_site(root, search=False)
    return root


def page(site, path: str):
    return lxml.html.parse(str(site / "output" / path / "index.html")).getroot()


def form_of(doc):
    [form] = doc.xpath("//form[@data-netlify='true']")
    return form


def label_of(doc, name: str) -> str:
    """A control's label as a candidate reads it, without the "(required)" mark."""
    [control] = doc.xpath(f"//form//*[@name='{name}'][not(@type='hidden')]")
    labels = doc.xpath(f"//label[@for='{control.get('id')}']") or control.xpath("ancestor::label")
    return _text(labels[0])


def _text(element) -> str:
    element = lxml.html.fromstring(lxml.html.tostring(element))
    for mark in element.xpath(".//span[@class='field-required']"):
        mark.drop_tree()
    return " ".join(element.text_content().split())


def group(doc, name: str) -> tuple[str, list[tuple[str, str]]]:
    """A radio group's legend and (value, label) of its answers, or a list's label and options."""
    radios = doc.xpath(f"//form//input[@type='radio'][@name='{name}']")
    if radios:
        legend = _text(radios[0].xpath("ancestor::fieldset[1]/legend")[0])
        return legend, [(r.get("value"), " ".join(r.getparent().text_content().split())) for r in radios]
    options = doc.xpath(f"//form//select[@name='{name}']/option[@value!='']")
    return label_of(doc, name), [(o.get("value"), o.text_content().strip()) for o in options]


def test_a_german_postings_form_is_in_german(site):
    doc = page(site, "de/jobs/data-engineer")
    assert doc.get("lang") == "de"
    for name, msgid in ABOUT.items():
        assert DE.gettext(msgid) != msgid, msgid  # German has it: the comparison below can fail
        assert label_of(doc, name) == DE.gettext(msgid), name
    assert _text(doc.get_element_by_id("field-cv-hint")) == DE.gettext("PDF, DOC or DOCX, up to %(size)s MB.") % {"size": 4}
    assert _text(doc.get_element_by_id("field-cover-letter-hint")) == DE.gettext("A few lines on why this role, if you like.")
    assert label_of(doc, "consent") == DE.gettext(CONSENT) % {"company": "Test Co", "retention": "12 Monate"}
    assert group(doc, "q-team") == ("Welches Team?", [("Daten", "Daten"), ("Plattform", "Plattform")])  # the posting's own words
    legend, answers = group(doc, "q-permit")
    assert legend == "Haben Sie eine Arbeitserlaubnis?"
    assert answers == [("Yes", DE.gettext("Yes")), ("No", DE.gettext("No"))] and DE.gettext("Yes") != "Yes"
    for name, msgid, choices in SELF_IDENTIFICATION:
        legend, answers = group(doc, name)
        assert legend == DE.gettext(msgid) != msgid
        assert answers == [(choice, DE.gettext(choice)) for choice in choices]


def test_choices_submit_the_same_values_in_every_language(site):
    english, german = page(site, "jobs/data-engineer"), page(site, "de/jobs/data-engineer")
    for name in ["q-permit"] + [name for name, _, _ in SELF_IDENTIFICATION]:
        values_en, labels_en = zip(*group(english, name)[1])
        values_de, labels_de = zip(*group(german, name)[1])
        assert values_en == values_de, name
        assert labels_en != labels_de, name
    # the recruiter's hidden fields are the posting's, in its own words
    hidden = {i.get("name"): i.get("value") for i in form_of(german).xpath(".//input[@type='hidden']")}
    assert hidden["subject"] == "Application: Dateningenieurin (ENG-1)" and hidden["form-name"] == "apply-data-engineer-de"


def test_the_english_form_is_as_before(site):
    doc = page(site, "jobs/data-engineer")
    assert doc.get("lang") == "en" and form_of(doc).get("action") == "/applied/"
    for name, msgid in ABOUT.items():
        assert label_of(doc, name) == msgid
    assert label_of(doc, "consent") == CONSENT % {"company": "Test Co", "retention": "12 months"}
    assert group(doc, "q-permit")[1] == [("Yes", "Yes"), ("No", "No")]
    thanks = page(site, "applied")
    assert thanks.get("lang") == "en" and _text(thanks.xpath("//h1")[0]) == "Thank you for applying"


def test_a_german_form_posts_to_the_german_thank_you_page(site):
    assert form_of(page(site, "de/jobs/data-engineer")).get("action") == "/de/applied/"
    thanks = page(site, "de/applied")
    assert thanks.get("lang") == "de"
    assert _text(thanks.xpath("//h1")[0]) == DE.gettext("Thank you for applying") != "Thank you for applying"
    assert thanks.xpath("//title")[0].text_content().startswith(DE.gettext("Application sent") + " · ")
    assert thanks.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert thanks.xpath("//meta[@name='description']/@content") == [DE.gettext("Thank you for applying.")]
    assert "/de/" in thanks.xpath("//main//a[contains(@class, 'button')]/@href")
    # Dutch has no posting with the form: no thank-you page
    assert not (site / "output/nl/applied").exists()


def _post(site, path: str, fields: dict[str, str], said: list) -> tuple[str, dict]:
    boundary = "----careersite-test"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode() for k, v in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="cv"; filename="cv.pdf"\r\n'
                 f"Content-Type: application/pdf\r\n\r\n".encode() + CV + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": path, "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
               "CONTENT_LENGTH": str(len(body)), "HTTP_HOST": "127.0.0.1:8000", "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO(body)}
    preview = Preview(site, site / "output", False, "http://127.0.0.1:8000", BuildCache.open(site / CACHE_DIR))
    answer = {}
    app = make_app(preview, say=said.append, now=lambda: dt.datetime(2026, 11, 25, 12, 30, tzinfo=dt.timezone.utc))
    text = b"".join(app(environ, lambda status, headers: answer.update(status=status, headers=dict(headers)))).decode("utf-8")
    return answer["status"], {**answer["headers"], "body": text}


def test_serve_takes_a_german_application_at_the_german_thank_you_page(site):
    fields = {"form-name": "apply-data-engineer-de", "job-id": "ENG-1", "job-title": "Dateningenieurin",
              "job-url": "http://127.0.0.1:8000/de/jobs/data-engineer/", "bot-field": "", "name": "Ada Lovelace",
              "email": "ada@example.org", "q-permit": "Yes", "q-team": "Daten", "eeo-gender": "Woman", "consent": "yes"}
    said = []
    status, answer = _post(site, "/de/applied/", fields, said)
    assert status.startswith("303") and answer["Location"] == "/de/applied/", answer["body"]
    stored = tree(site / CACHE_DIR / "submissions")
    [record] = [json.loads(data) for path, data in stored.items() if path.endswith("submission.json")]
    assert record["form"] == "apply-data-engineer-de"
    assert record["fields"]["q-permit"] == "Yes" and record["fields"]["eeo-gender"] == "Woman"
    assert said and "Application for Dateningenieurin stored in" in said[0]
    # a German answer outside the choices is refused, the field named as the German page labels it
    status, answer = _post(site, "/de/applied/", {**fields, "q-permit": DE.gettext("Yes")}, [])
    assert status.startswith("400") and "Haben Sie eine Arbeitserlaubnis?: choose one of the answers given" in answer["body"]


def test_serve_reads_a_german_form_with_its_labels(site):
    form = built_form(site / "output", "apply-data-engineer-de", "de")
    assert form.action == "/de/applied/"
    assert form.controls["cv"].label == DE.gettext("CV or résumé")  # without the German "(required)" mark
    assert form.controls["q-permit"].values == ["Yes", "No"]
    assert built_form(site / "output", "apply-data-engineer-de") is None  # not a page of the default language
    assert built_form(site / "output", "apply-data-engineer").action == "/applied/"
    # posted to another language's thank-you page (Netlify takes a form wherever it is posted): still found
    assert built_form(site / "output", "apply-data-engineer", "de").action == "/applied/"


@pytest.mark.parametrize("language", ["ar", "ja"])
def test_every_word_of_the_form_is_translated(tmp_path, language):
    """apply_form() in a language of another script, where no word is the same as in English: no
    label, hint or answer the form itself writes is left in English (test_messages checks that
    every catalog has every msgid)."""
    source = write_site(tmp_path / "site", {}, CONFIG_DE.replace('languages = ["de", "nl"]', f'languages = ["{language}"]'))
    config = load_config(source, Problems())
    posting = Posting(slug="job-" + language, source="content/jobs/job.md", title="Job", body="", apply_url="", apply="form",
                      language=language, questions=(Question("permit", "?", "yes_no"),))
    words = messages_for(language)
    form = apply_form(posting, config, words)
    english = apply_form(posting, config, ENGLISH)
    assert form.action == f"/{language}/applied/"
    for shown, original in zip(form.fields, english.fields):
        if original.label != "?":
            assert shown.label != original.label, original.label
        assert shown.hint != original.hint or not original.hint, original.hint
        assert [value for value, _ in shown.choices] == [value for value, _ in original.choices]
        assert all(label != value for value, label in shown.choices), shown.choices


def test_a_site_in_german_alone_has_its_form_and_thank_you_page_in_german(tmp_path):
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields(apply="form"))},
                      CONFIG.replace('language = "en"', 'language = "de"') + '[apply]\nprivacy_notice = "/privacy/"\n')
    build_site(site, search=False)
    doc = page(site, "jobs/a")
    assert doc.get("lang") == "de" and form_of(doc).get("action") == "/applied/"
    assert label_of(doc, "name") == DE.gettext("Full name") != "Full name"
    assert label_of(doc, "consent") == DE.gettext("I agree that %(company)s keeps my application to consider me for this role.") % {"company": "Test Co"}
    thanks = page(site, "applied")
    assert thanks.get("lang") == "de" and _text(thanks.xpath("//h1")[0]) == DE.gettext("Thank you for applying")


def test_the_privacy_link_goes_to_the_pages_language_version_when_the_site_has_one(tmp_path):
    """[apply] privacy_notice = "/privacy/": a German form links to /de/privacy/ when privacy.de.md
    exists, and to /privacy/ when it does not."""
    from conftest import CONFIG, basic_fields, build_site, posting_text, write_site

    form = dict(apply="form")
    config = CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["de", "fr"]\n') + \
        '[apply]\nprivacy_notice = "/privacy/"\nretention = "12 months"\n'
    page = "---\ntitle: {}\n---\n\nText.\n"
    site = write_site(tmp_path / "site", {
        "designer.md": posting_text(**basic_fields(**form)),
        "designer.de.md": posting_text(**basic_fields(title="Designerin", **form)),
        "designer.fr.md": posting_text(**basic_fields(title="Designer (F/H)", **form)),
    }, config, pages={"privacy.md": page.format("Privacy"), "privacy.de.md": page.format("Datenschutz")})
    build_site(site)

    def privacy_link(path: str) -> str:
        doc = lxml.html.fromstring((site / "output" / path).read_bytes())
        [href] = doc.xpath("//form[@data-netlify]//a/@href")
        return href

    assert privacy_link("jobs/designer/index.html") == "/privacy/"
    assert privacy_link("de/jobs/designer/index.html") == "/de/privacy/"
    assert privacy_link("fr/jobs/designer/index.html") == "/privacy/"
