"""The application form (`apply: form`): what a posting may ask, the form built as Netlify Forms
documents it (read back with lxml), the thank-you page, directApply in the JSON-LD, check's warnings."""

from __future__ import annotations

import json

import lxml.html
import pytest

from careersite.check import check_site
from careersite.problems import ContentError
from conftest import CONFIG, NOW, basic_fields, build_site, job_posting, posting_text, write_site

APPLY = """
[apply]
privacy_notice = "/privacy/"
retention = "12 months"
max_file_mb = 4
"""

QUESTIONS = ("[{label: Do you hold a work permit for Germany?, type: yes_no, required: true, name: permit},"
             " {label: Which team?, type: choice, choices: [Data, Platform]},"
             " {label: Why us?, type: long_text},"
             " {label: A writing sample, type: file}]")


def form_site(tmp_path, config=CONFIG + APPLY, **fields):
    postings = {
        "data-engineer.md": posting_text(**basic_fields(apply="form", questions=QUESTIONS, **fields)),
        "designer.md": posting_text(**basic_fields(title="Designer", id="DES-1")),
    }
    return write_site(tmp_path / "site", postings, config)


def the_form(page):
    doc = lxml.html.parse(str(page)).getroot()
    [form] = doc.xpath("//form[@data-netlify='true']")
    return doc, form


def test_form_is_built_as_netlify_documents_it(tmp_path):
    site = form_site(tmp_path)
    build_site(site)
    doc, form = the_form(site / "output/jobs/data-engineer/index.html")
    assert form.get("name") == "apply-data-engineer"
    assert form.get("method") == "POST"
    assert form.get("enctype") == "multipart/form-data"
    assert form.get("action") == "/applied/"
    assert form.get("netlify-honeypot") == "bot-field"
    [form_name] = form.xpath(".//input[@type='hidden'][@name='form-name']")
    assert form_name.get("value") == "apply-data-engineer"
    hidden = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    assert hidden["job-id"] == "ENG-1" and hidden["job-title"] == "Data Engineer"
    assert hidden["job-url"] == "https://jobs.test.example/jobs/data-engineer/"
    assert hidden["subject"] == "Application: Data Engineer (ENG-1)"
    [bot] = form.xpath(".//input[@name='bot-field']")
    assert bot.getparent().getparent().get("class") == "honeypot"
    # the Apply buttons go to the form, the thank-you page exists and is not indexed
    assert {a.get("href") for a in doc.xpath("//a[contains(@class, 'button')][normalize-space()='Apply for this job']")} == {"#apply"}
    assert doc.xpath("//section[@id='apply']//form")
    thanks = lxml.html.parse(str(site / "output/applied/index.html")).getroot()
    assert thanks.xpath("//meta[@name='robots']/@content") == ["noindex"]
    # a posting that links elsewhere is as before
    other = lxml.html.parse(str(site / "output/jobs/designer/index.html")).getroot()
    assert not other.xpath("//form")
    assert "https://test.example/apply?job=DES-1" in other.xpath("//a/@href")


def test_every_control_has_a_label_and_errors_are_tied_to_fields(tmp_path):
    site = form_site(tmp_path)
    build_site(site)
    doc, form = the_form(site / "output/jobs/data-engineer/index.html")
    for control in form.xpath(".//input[not(@type='hidden')][not(@name='bot-field')] | .//textarea | .//select"):
        if control.get("type") == "radio":
            legend = control.xpath("ancestor::fieldset[1]/legend")
            assert legend and legend[0].text_content().strip(), control.get("name")
            continue
        labels = doc.xpath(f"//label[@for='{control.get('id')}']") or control.xpath("ancestor::label")
        assert labels and labels[0].text_content().strip(), control.get("name")
        described = control.get("aria-describedby", "").split()
        assert f"{control.get('id')}-error" in described
        assert all(doc.get_element_by_id(i) is not None for i in described)
    names = {c.get("name") for c in form.xpath(".//*[@name]")}
    assert {"name", "email", "phone", "cv", "cover-letter", "linkedin", "portfolio", "consent",
            "q-permit", "q-which-team", "q-why-us", "q-a-writing-sample"} <= names
    [cv] = form.xpath(".//input[@name='cv']")
    assert cv.get("type") == "file" and "required" in cv.attrib and ".pdf" in cv.get("accept")
    assert cv.get("data-max-bytes") == str(4 * 1024 * 1024)
    assert "up to 4 MB" in doc.get_element_by_id("field-cv-hint").text_content()
    assert [r.get("value") for r in form.xpath(".//input[@name='q-permit']")] == ["Yes", "No"]
    assert all("required" in r.attrib for r in form.xpath(".//input[@name='q-permit']"))
    # the consent names the retention and links the privacy notice
    consent = form.xpath(".//input[@name='consent']")[0]
    assert "required" in consent.attrib
    assert "for 12 months" in consent.getparent().text_content()
    assert form.xpath(".//a[@href='/privacy/']")
    assert not form.xpath(".//*[@style]") and not doc.xpath("//script[not(@src)][not(@type='application/ld+json')]")


def test_self_identification_is_voluntary_and_only_when_the_site_asks(tmp_path):
    site = form_site(tmp_path)
    build_site(site)
    _, form = the_form(site / "output/jobs/data-engineer/index.html")
    assert not form.xpath(".//*[starts-with(@name, 'eeo-')]")
    site = form_site(tmp_path / "b", config=CONFIG + APPLY + "self_identification = true\n")
    build_site(site)
    _, form = the_form(site / "output/jobs/data-engineer/index.html")
    [section] = [f for f in form.xpath("./fieldset") if f.xpath("legend")[0].text_content() == "Voluntary self-identification"]
    controls = section.xpath(".//input | .//select")
    assert controls and not [c for c in controls if "required" in c.attrib]
    for name in ("eeo-gender", "eeo-race", "eeo-veteran", "eeo-disability"):
        answers = [c.get("value") for c in section.xpath(f".//input[@name='{name}']")] or \
            [o.text for o in section.xpath(f".//select[@name='{name}']/option")]
        assert "I don't wish to answer" in answers, name


def test_a_form_posting_is_a_direct_apply_in_its_job_posting(tmp_path):
    site = form_site(tmp_path)
    build_site(site)
    assert job_posting(site / "output/jobs/data-engineer/index.html")["directApply"] is True
    assert "directApply" not in job_posting(site / "output/jobs/designer/index.html")


def test_no_thank_you_page_without_a_form(tmp_path):
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields())})
    build_site(site)
    assert not (site / "output/applied").exists()


@pytest.mark.parametrize("questions, expected", [
    ("[{type: short_text}]", "questions: question 1 has no label; every question needs the text candidates read"),
    ("[{label: Pick, type: choice, choices: [One]}]", "question 1: a choice question needs choices, a list of two or more answers"),
    ("[{label: Pick, type: dropdown}]", "question 1: 'dropdown' is not one of"),
    ("[{label: Salary?, nme: pay}]", "question 1: unknown key 'nme' (did you mean name?)"),
    ("[{label: A, name: x}, {label: B, name: x}]", "question 2: the field name 'x' is taken"),
    ("[{label: E-mail, name: email}]", "question 1: the field name 'email' is taken"),
    ("Why us?", "expected a list of questions"),
])
def test_a_wrong_question_is_a_precise_error(tmp_path, questions, expected):
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields(apply="form", questions=questions))})
    with pytest.raises(ContentError) as raised:
        build_site(site)
    messages = [str(p) for p in raised.value.problems]
    assert any(expected in m and m.startswith("content/jobs/a.md:") for m in messages), messages


def test_questions_without_the_form_and_a_contradiction_are_errors(tmp_path):
    site = write_site(tmp_path / "site", {
        "a.md": posting_text(**basic_fields(questions="[{label: Why?}]")),
        "b.md": posting_text(**basic_fields(id="ENG-2", apply="form", direct_apply="false")),
        "c.md": posting_text(**basic_fields(id="ENG-3", apply="email")),
    })
    with pytest.raises(ContentError) as raised:
        build_site(site)
    messages = "\n".join(str(p) for p in raised.value.problems)
    assert "a.md:" in messages and "add apply: form, or remove them" in messages
    assert "b.md:" in messages and "direct_apply: is false, but apply: form" in messages
    assert "c.md:" in messages and "'email' is not one of link, form" in messages


def test_a_form_posting_needs_no_apply_url(tmp_path):
    config = CONFIG.replace('apply_url = "https://test.example/apply?job={id}"\n', "") + APPLY
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields(apply="form"))}, config)
    build_site(site)
    assert (site / "output/jobs/a/index.html").is_file()


def test_the_site_default_makes_every_posting_a_form_posting(tmp_path):
    config = CONFIG.replace("[defaults]\n", '[defaults]\napply = "form"\n') + APPLY
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields()),
                                          "b.md": posting_text(**basic_fields(id="ENG-2", apply="link"))}, config)
    build_site(site)
    assert lxml.html.parse(str(site / "output/jobs/a/index.html")).getroot().xpath("//form[@name='apply-a']")
    assert not lxml.html.parse(str(site / "output/jobs/b/index.html")).getroot().xpath("//form")


@pytest.mark.parametrize("setting, expected", [
    ('max_file_mb = 20', "apply.max_file_mb: 20 is not from 1 to 7"),
    ('privacy_notice = "privacy.html"', "apply.privacy_notice: 'privacy.html' is not a site path such as /privacy/"),
])
def test_wrong_apply_settings_are_errors(tmp_path, setting, expected):
    site = write_site(tmp_path / "site", {"a.md": posting_text(**basic_fields())}, CONFIG + "[apply]\n" + setting + "\n")
    with pytest.raises(ContentError) as raised:
        build_site(site)
    assert any(expected in str(p) for p in raised.value.problems), [str(p) for p in raised.value.problems]


def test_check_warns_of_a_form_without_a_privacy_notice(tmp_path):
    site = form_site(tmp_path, config=CONFIG)
    found = [f for f in check_site(site, now=NOW) if f.code == "form-privacy-notice"]
    assert found and found[0].severity == "warning" and "[apply] privacy_notice" in found[0].message
    assert not [f for f in check_site(form_site(tmp_path / "b"), now=NOW) if f.code.startswith("form-")]


def test_the_example_site_has_a_form_posting(built_example):
    doc, form = the_form(built_example / "jobs/people-operations-intern/index.html")
    assert form.get("name") == "apply-people-operations-intern"
    assert json.loads(doc.xpath("//script[@type='application/ld+json']")[0].text)["directApply"] is True
    assert (built_example / "applied/index.html").is_file()
