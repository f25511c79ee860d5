"""Unit tests for careersite.config.load_config and SiteConfig."""

from __future__ import annotations

from pathlib import Path

import pytest

from careersite.config import CONFIG_NAME, Company, Defaults, SiteConfig, load_config
from careersite.problems import Problems

FULL_CONFIG = """\
# a full configuration
title = "Acme Careers"
base_url = "https://careers.acme.example/"
language = "de-CH"
theme = "plain"
description = "Open roles at Acme."

[company]
name = "Acme Corp"
url = "https://acme.example"
logo = "static/logo.svg"
same_as = ["https://www.linkedin.com/company/acme", "https://github.com/acme"]

[defaults]
apply_url = "https://acme.example/apply?job={id}"
employment_type = "part_time"
currency = "EUR"
eeo_statement = "We are an equal opportunity employer."

[expired]
policy = "keep"
"""

MINIMAL = """\
title = "Acme Careers"
base_url = "https://careers.acme.example"

[company]
name = "Acme Corp"
"""


def load(tmp_path: Path, text: str | bytes, base_url: str | None = None) -> tuple[SiteConfig | None, list[str]]:
    path = tmp_path / CONFIG_NAME
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    problems = Problems()
    config = load_config(tmp_path, problems, base_url)
    return config, [str(p) for p in problems.items]


def only_problem(tmp_path: Path, text: str) -> str:
    config, problems = load(tmp_path, text)
    assert config is None
    assert len(problems) == 1, problems
    return problems[0]


# --- valid configs -----------------------------------------------------------------------------


def test_full_config(tmp_path):
    config, problems = load(tmp_path, FULL_CONFIG)
    assert problems == []
    assert config == SiteConfig(
        title="Acme Careers",
        base_url="https://careers.acme.example",
        company=Company(
            name="Acme Corp",
            url="https://acme.example",
            logo="static/logo.svg",
            same_as=("https://www.linkedin.com/company/acme", "https://github.com/acme"),
        ),
        language="de-CH",
        theme="plain",
        description="Open roles at Acme.",
        defaults=Defaults(
            apply_url="https://acme.example/apply?job={id}",
            employment_type="part_time",
            currency="EUR",
            eeo_statement="We are an equal opportunity employer.",
        ),
        expired_policy="keep",
    )


def test_the_config_keeps_the_line_of_each_setting_and_table(tmp_path):
    """check points its findings at careersite.toml's lines without reading the file again; the
    lines are not part of the settings' value (a setting moved to another line changes no page)."""
    config, _ = load(tmp_path, FULL_CONFIG)
    assert config.lines[("", "base_url")] == 3
    assert config.lines[("defaults", "")] == 14 and config.lines[("defaults", "employment_type")] == 16
    assert ("build", "raw_html") not in config.lines
    moved, _ = load(tmp_path, "\n\n" + FULL_CONFIG)
    assert moved.lines[("", "base_url")] == 5
    assert moved == config and hash(moved) == hash(config) and repr(moved) == repr(config)


def test_base_url_loses_its_trailing_slash_and_absolute_builds_urls(tmp_path):
    config, _ = load(tmp_path, FULL_CONFIG)
    assert config.base_url == "https://careers.acme.example"
    assert config.absolute("static/logo.svg") == "https://careers.acme.example/static/logo.svg"
    assert config.absolute("/jobs/x/") == "https://careers.acme.example/jobs/x/"
    assert config.absolute("https://cdn.example/logo.png") == "https://cdn.example/logo.png"


def test_absolute_with_a_base_url_that_has_a_path(tmp_path):
    config, _ = load(tmp_path, MINIMAL.replace("https://careers.acme.example", "https://acme.example/careers/"))
    assert config.base_url == "https://acme.example/careers"
    assert config.absolute("/jobs/x/") == "https://acme.example/careers/jobs/x/"
    assert config.absolute("static/logo.svg") == "https://acme.example/careers/static/logo.svg"


def test_minimal_config_takes_the_defaults(tmp_path):
    config, problems = load(tmp_path, MINIMAL)
    assert problems == []
    assert config.title == "Acme Careers"
    assert config.company == Company(name="Acme Corp")
    assert config.language == "en"
    assert config.theme == "default"
    assert config.defaults == Defaults()
    assert config.defaults.currency == "USD"
    assert config.defaults.employment_type == "full_time"
    assert config.expired_policy == "gone"


def test_the_example_site_config_loads():
    config, problems = None, Problems()
    config = load_config(Path(__file__).resolve().parent.parent, problems)
    assert [str(p) for p in problems.items] == []
    assert config.title == "Acme Careers"
    assert config.company.name == "Acme Corp"


def test_base_url_argument_overrides_the_file(tmp_path):
    config, problems = load(tmp_path, MINIMAL, base_url="http://localhost:8000/")
    assert problems == []
    assert config.base_url == "http://localhost:8000"
    assert config.absolute("/jobs/x/") == "http://localhost:8000/jobs/x/"


def test_bom_is_accepted(tmp_path):
    config, problems = load(tmp_path, "\ufeff" + MINIMAL)
    assert problems == []
    assert config.title == "Acme Careers"


def test_mailto_apply_url_is_accepted(tmp_path):
    config, problems = load(tmp_path, MINIMAL + '\n[defaults]\napply_url = "mailto:jobs@acme.example"\n')
    assert problems == []
    assert config.defaults.apply_url == "mailto:jobs@acme.example"


# --- unreadable files --------------------------------------------------------------------------


def test_missing_file(tmp_path):
    problems = Problems()
    assert load_config(tmp_path, problems) is None
    assert len(problems.items) == 1
    problem = problems.items[0]
    assert problem.line == 0
    assert str(problem).startswith("careersite.toml: not found in ")
    assert str(tmp_path) in str(problem)
    assert "title, base_url and [company] name" in str(problem)


def test_not_utf8(tmp_path):
    config, problems = load(tmp_path, b'title = "Caf\xe9"\n')
    assert config is None
    assert problems == ["careersite.toml:1: is not UTF-8 text: byte 0xe9 at offset 12; save the file as UTF-8"]


def test_toml_syntax_error_reports_the_line(tmp_path):
    text = 'title = "Acme"\nbase_url = "https://a.example"\n\n[company]\nname "Acme"\n'
    problem = only_problem(tmp_path, text)
    assert problem.startswith("careersite.toml:5: TOML syntax error: ")
    assert "Expected '='" in problem
    assert "(at line" not in problem


def test_toml_unclosed_table_header(tmp_path):
    problem = only_problem(tmp_path, 'title = "x"\nbase_url = "https://a.example"\n[company\nname = "A"\n')
    assert problem.startswith("careersite.toml:3: TOML syntax error: ")
    assert "']'" in problem


def test_toml_duplicate_key(tmp_path):
    problem = only_problem(tmp_path, 'title = "x"\nbase_url = "https://a.example"\ntitle = "y"\n[company]\nname = "A"\n')
    assert problem.startswith("careersite.toml:3: TOML syntax error: ")


# --- schema --------------------------------------------------------------------------------------


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = MINIMAL.replace('title = "Acme Careers"', 'titel = "Acme Careers"')
    problem = only_problem(tmp_path, text)
    assert problem.startswith("careersite.toml:1: titel: unknown setting (did you mean title?)")
    assert "expected one of title, base_url" in problem


def test_unknown_key_in_a_table(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + 'logoo = "static/logo.svg"\n')
    assert problem.startswith("careersite.toml:6: company.logoo: unknown setting (did you mean logo?)")


def test_unknown_key_without_a_close_match(tmp_path):
    problem = only_problem(tmp_path, 'zzzzz = 1\n' + MINIMAL)
    assert problem.startswith("careersite.toml:1: zzzzz: unknown setting; expected one of")
    assert "did you mean" not in problem


def test_wrong_type_in_a_table(tmp_path):
    text = 'title = "Acme"\nbase_url = "https://a.example"\n\n[company]\nname = 5\n'
    problem = only_problem(tmp_path, text)
    assert problem == "careersite.toml:5: company.name: 5 is not a string"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("title = 3", "careersite.toml:1: title: 3 is not a string"),
        ("title = true", "careersite.toml:1: title: True is not a string"),
        ('title = ["a"]', "careersite.toml:1: title: ['a'] is not a string"),
    ],
)
def test_wrong_type_at_top_level(tmp_path, line, expected):
    text = MINIMAL.replace('title = "Acme Careers"', line)
    assert only_problem(tmp_path, text) == expected


def test_table_given_as_a_string(tmp_path):
    text = 'title = "Acme"\nbase_url = "https://a.example"\ncompany = "Acme"\n'
    assert only_problem(tmp_path, text) == "careersite.toml:3: company: 'Acme' is not a table"


def test_same_as_must_be_a_list(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + 'same_as = "https://x.example"\n')
    assert problem == "careersite.toml:6: company.same_as: 'https://x.example' is not a list of URLs"


# --- values -------------------------------------------------------------------------------------


@pytest.mark.parametrize("base_url", ["careers.acme.example", "/careers", "ftp://careers.acme.example", "https://"])
def test_base_url_must_be_absolute_http(tmp_path, base_url):
    text = f'title = "Acme"\n\nbase_url = "{base_url}"\n[company]\nname = "A"\n'
    problem = only_problem(tmp_path, text)
    assert problem.startswith("careersite.toml:3: base_url: ")
    assert repr(base_url.rstrip("/")) in problem
    assert "is not an absolute http(s) URL" in problem


@pytest.mark.parametrize("key", ["title", "base_url"])
def test_missing_required_top_level_key(tmp_path, key):
    lines = [line for line in MINIMAL.splitlines() if not line.startswith(key)]
    problem = only_problem(tmp_path, "\n".join(lines) + "\n")
    assert problem == f"careersite.toml: {key}: missing; careersite.toml needs {key} = ..."


def test_missing_company_name_points_at_the_table(tmp_path):
    text = 'title = "Acme"\nbase_url = "https://a.example"\n[company]\nurl = "https://acme.example"\n'
    problem = only_problem(tmp_path, text)
    assert problem.startswith("careersite.toml:3: company.name: missing")


def test_empty_title_is_missing(tmp_path):
    problem = only_problem(tmp_path, MINIMAL.replace('"Acme Careers"', '""'))
    assert problem.startswith("careersite.toml:1: title: missing")


def test_company_url_and_same_as_must_be_web_urls(tmp_path):
    text = MINIMAL + 'url = "acme.example"\nsame_as = ["https://ok.example", "linkedin/acme"]\n'
    config, problems = load(tmp_path, text)
    assert config is None
    assert problems == [
        "careersite.toml:6: company.url: 'acme.example' is not an absolute http(s) URL (did you mean https://acme.example?)",
        "careersite.toml:7: company.same_as: 'linkedin/acme' is not an absolute http(s) URL",
    ]


def test_unknown_default_currency(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + '\n[defaults]\ncurrency = "usd"\n')
    assert problem == "careersite.toml:8: defaults.currency: 'usd' is not an ISO 4217 currency code such as USD or EUR"


def test_unknown_default_currency_code(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + '\n[defaults]\ncurrency = "XYZ"\n')
    assert problem.startswith("careersite.toml:8: defaults.currency: 'XYZ' is not an ISO 4217")


def test_unknown_default_employment_type(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + '\n[defaults]\nemployment_type = "fulltime"\n')
    assert problem.startswith("careersite.toml:8: defaults.employment_type: 'fulltime' is not one of full_time, part_time")
    assert problem.endswith("(did you mean full_time?)")


def test_default_apply_url_must_be_web_or_mailto(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + '\n[defaults]\napply_url = "javascript:alert(1)"\n')
    assert problem == "careersite.toml:8: defaults.apply_url: 'javascript:alert(1)' is not an http(s) or mailto URL"


def test_unknown_expired_policy(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + '\n[expired]\npolicy = "delete"\n')
    assert problem == "careersite.toml:8: expired.policy: 'delete' is not one of gone, keep"


def test_expired_policy_typo_gets_a_suggestion(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + '\n[expired]\npolicy = "keeep"\n')
    assert problem.endswith("(did you mean keep?)")


@pytest.mark.parametrize("language", ["english", "xx", "en-XX"])
def test_unknown_language(tmp_path, language):
    text = MINIMAL.replace('base_url = "https://careers.acme.example"', f'base_url = "https://careers.acme.example"\nlanguage = "{language}"')
    problem = only_problem(tmp_path, text)
    assert problem == f"careersite.toml:3: language: {language!r} is not a language tag careersite knows, such as en, en-GB, de or fr-CA"


# --- every problem at once ------------------------------------------------------------------------


def test_three_value_mistakes_give_three_problems(tmp_path):
    text = (
        'title = "Acme"\n'  # 1
        'base_url = "ftp://acme.example"\n'  # 2
        "[company]\n"  # 3
        'name = "Acme"\n'  # 4
        "[defaults]\n"  # 5
        'currency = "EURO"\n'  # 6
        "[expired]\n"  # 7
        'policy = "delete"\n'  # 8
    )
    config, problems = load(tmp_path, text)
    assert config is None
    assert len(problems) == 3, problems
    assert any(p.startswith("careersite.toml:2: base_url: 'ftp://acme.example'") for p in problems)
    assert any(p.startswith("careersite.toml:6: defaults.currency: 'EURO'") for p in problems)
    assert any(p.startswith("careersite.toml:8: expired.policy: 'delete'") for p in problems)


def test_three_schema_mistakes_give_three_problems(tmp_path):
    text = 'titel = "Acme"\ntitle = 1\nbase_url = "https://a.example"\n[company]\nname = 5\n'
    config, problems = load(tmp_path, text)
    assert config is None
    assert problems == [
        "careersite.toml:1: titel: unknown setting (did you mean title?); expected one of "
        "title, base_url, language, languages, theme, description, company, defaults, expired, build, sync, apply, notify, feeds",
        "careersite.toml:2: title: 1 is not a string",
        "careersite.toml:5: company.name: 5 is not a string",
    ]


def test_schema_and_value_mistakes_are_reported_together(tmp_path):
    text = (
        'titel = "Acme"\n'  # 1: unknown key
        'title = "Acme"\n'  # 2
        'base_url = "https://a.example"\n'  # 3
        "[company]\n"  # 4
        'name = "Acme"\n'  # 5
        "[defaults]\n"  # 6
        'currency = "usd"\n'  # 7: unknown currency
        "[expired]\n"  # 8
        'policy = "delete"\n'  # 9: unknown policy
    )
    config, problems = load(tmp_path, text)
    assert config is None
    assert len(problems) == 3, problems


def test_not_utf8_after_a_bom_reports_the_file_offset(tmp_path):
    config, problems = load(tmp_path, b'\xef\xbb\xbftitle = "Caf\xe9"\n')
    assert config is None
    assert problems == ["careersite.toml:1: is not UTF-8 text: byte 0xe9 at offset 15; save the file as UTF-8"]


def test_a_bad_base_url_option_is_blamed_on_the_option_not_the_file(tmp_path):
    config, problems = load(tmp_path, MINIMAL, base_url="example.com")
    assert config is None
    assert problems == ["--base-url: 'example.com' is not an absolute http(s) URL (did you mean https://example.com?); "
                        "give the address the site is published at, e.g. https://careers.acme.com"]


def test_a_default_apply_url_without_its_scheme_suggests_one(tmp_path):
    problem = only_problem(tmp_path, MINIMAL + '[defaults]\napply_url = "careers@acme.com"\n')
    assert problem.endswith("defaults.apply_url: 'careers@acme.com' is not an http(s) or mailto URL (did you mean mailto:careers@acme.com?)")


@pytest.mark.parametrize("text, line, fix", [
    ('title = "x"\nbase_url = https://a.example\n', 2, 'text is quoted in TOML: base_url = "https://a.example"'),
    ('base_url = "https://a.example"\ntitle = Acme Careers\n', 2, 'title = "Acme Careers"'),
    ('base_url = "https://a.example"\ntitle = "Broken\n', 2, "a quoted value is not closed"),
    ('base_url = "https://a.example"\ntitle = "Broken', 2, "a quoted value is not closed"),  # no newline at the end
    ('title = "x"\nbase_url = "https://a.example"\ntitle = "y"\n', 3, "given twice: keep one"),
    ("base_url = 'https://a.example'\ntitle = 'Acme's jobs'\n", 2, "quote the text with the other kind"),
])
def test_toml_mistakes_say_what_to_write(tmp_path, text, line, fix):
    problem = only_problem(tmp_path, text)
    assert problem.startswith(f"careersite.toml:{line}: TOML syntax error: ") and fix in problem, problem


def test_a_setting_given_twice_is_blamed_on_its_second_line_not_the_end(tmp_path):
    text = 'title = "x"\nbase_url = "https://a.example"\ntitle = "y"\n\n[company]\nname = "A"\n\n[defaults]\ncurrency = "USD"\n'
    assert only_problem(tmp_path, text).startswith("careersite.toml:3: TOML syntax error: Cannot overwrite a value; a setting or [table] is given twice")
    text = 'title = "x"\nbase_url = "https://a.example"\n[company]\nname = "A"\n[defaults]\ncurrency = "USD"\n[company]\nurl = "https://a.example"\n'
    assert only_problem(tmp_path, text).startswith("careersite.toml:7: TOML syntax error: ")


def test_problems_come_in_one_fixed_order_whatever_the_order_of_the_file(tmp_path):
    # `careersite new` prints them as they come: unknown settings and wrong types table by table,
    # then the theme's values, the missing settings, and the other values in the order of CHECK_ORDER
    text = (
        'titel = "Acme"\n'  # 1
        'base_url = "acme.example"\n'  # 2
        'language = "xx-QQ"\n'  # 3
        "[company]\n"  # 4
        'url = "acme.example"\n'  # 5
        'same_as = ["https://ok.example", 7]\n'  # 6
        "[defaults]\n"  # 7
        'apply_url = "jobs@acme.example"\n'  # 8
        'employment_type = "fulltime"\n'  # 9
        'currency = "usd"\n'  # 10
        'id_pattern = "JOB"\n'  # 11
        "eeo_statement = 1\n"  # 12
        "[expired]\n"  # 13
        'policy = "delete"\n'  # 14
        "[theme]\n"  # 15
        'font = "x; y"\n'  # 16
        'accent = "red"\n'  # 17
    )
    config, problems = load(tmp_path, text)
    assert config is None
    assert [p.split(": ", 2)[:2] for p in problems] == [
        ["careersite.toml:1", "titel"],
        ["careersite.toml:12", "defaults.eeo_statement"],
        ["careersite.toml:17", "theme.accent"],
        ["careersite.toml:16", "theme.font"],
        ["careersite.toml:4", "company.name"],
        ["careersite.toml:2", "base_url"],
        ["careersite.toml:5", "company.url"],
        ["careersite.toml:6", "company.same_as"],
        ["careersite.toml:9", "defaults.employment_type"],
        ["careersite.toml:10", "defaults.currency"],
        ["careersite.toml:8", "defaults.apply_url"],
        ["careersite.toml:11", "defaults.id_pattern"],
        ["careersite.toml:3", "language"],
        ["careersite.toml:14", "expired.policy"],
    ]


def test_every_check_of_a_setting_has_its_place_in_the_report_order():
    # a setting whose check is missing from CHECK_ORDER would never be checked
    from careersite.fields import no_check
    from careersite.settings import CHECK_ORDER, REQUIRED, SETTINGS

    checked = [f"{table}.{f.key}".lstrip(".") for table, fields in SETTINGS.items() for f in fields if f.check is not no_check]
    assert sorted(name for name in CHECK_ORDER if name != REQUIRED) == sorted(checked)


def test_a_control_character_in_a_setting_is_refused(tmp_path):
    (tmp_path / "careersite.toml").write_text('title = "Acme\\u0007 Careers"\nbase_url = "https://jobs.acme.com"\n'
                                             '[company]\nname = "Acme"\nsame_as = ["https://x.com/acme\\u0000"]\n', encoding="utf-8")
    problems = Problems()
    assert load_config(tmp_path, problems) is None
    assert [str(p) for p in problems.items] == [
        "careersite.toml:1: title: holds the control character U+0007, which no page or feed can carry; remove it",
        "careersite.toml:5: company.same_as: holds the control character U+0000, which no page or feed can carry; remove it"]
