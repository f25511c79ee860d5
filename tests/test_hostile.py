"""Broken and hostile input: a precise error for every mistake, nothing injected, nothing lost.

The fixture site tests/fixtures/hostile/ holds one file per mistake; tests/fixtures/hostile/
expected-errors.txt is what `careersite build` must print for it, one line per problem."""

from __future__ import annotations

import html
import json
import os
import shutil
import string
import subprocess
import sys
import tomllib
import unicodedata

import extruct
import feedparser
import html5lib
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree, html as lxml_html

from careersite.output import OutputError
from careersite.problems import ContentError
from careersite.slugs import slugify

from conftest import CONFIG, REPO, basic_fields, build_site, posting_text, tree, write_site

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
EXPECTED = (HOSTILE / "expected-errors.txt").read_text(encoding="utf-8").splitlines()
HOSTILE_FILES = sorted(p.name for p in (HOSTILE / "content" / "jobs").iterdir() if p.name != "bom-crlf.md")


def test_the_hostile_site_fails_with_one_precise_line_per_problem(tmp_path):
    result = subprocess.run([sys.executable, "-m", "careersite", "build", "--source", str(HOSTILE), "--output", str(tmp_path / "out")],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == EXPECTED
    assert lines[-1].startswith(f"Build failed: {len(EXPECTED)} problems;")
    assert not (tmp_path / "out").exists()


def expected_for(name: str) -> list[str]:
    """The expected error lines for one file of the fixture (a pair for id and slug clashes)."""
    pairs = {"duplicate-id-a.md": "duplicate-id-b.md", "Data-Engineer.md": "data engineer.md"}
    shown = pairs.get(name, name)
    return [line.removeprefix("error: ") for line in EXPECTED if line.startswith(f"error: content/jobs/{shown}:")]


@pytest.mark.parametrize("name", [n for n in HOSTILE_FILES if n not in ("duplicate-id-b.md", "data engineer.md")])
def test_each_mistake_alone_fails_the_build_and_leaves_output_byte_for_byte(tmp_path, name):
    site = write_site(tmp_path / "site", {"good.md": posting_text(**basic_fields(id="GOOD-1"))})
    build_site(site)
    before = tree(site / "output")
    pair = {"duplicate-id-a.md": "duplicate-id-b.md", "Data-Engineer.md": "data engineer.md"}.get(name)
    for each in filter(None, (name, pair)):
        shutil.copy(HOSTILE / "content" / "jobs" / each, site / "content" / "jobs" / each)
    with pytest.raises(ContentError) as err:
        build_site(site)
    assert [str(p) for p in err.value.problems] == expected_for(name)
    assert tree(site / "output") == before
    assert sorted(p.name for p in site.iterdir()) == [".careersite-cache", "careersite.toml", "content", "output", "static"]


def test_a_file_over_one_megabyte_is_refused(tmp_path):
    site = write_site(tmp_path, {"huge.md": posting_text(body="word " * 220_000, **basic_fields())})
    with pytest.raises(ContentError) as err:
        build_site(site)
    assert str(err.value.problems[0]).startswith("content/jobs/huge.md: is 1,100,")
    assert "limited to 1,000,000 bytes" in str(err.value.problems[0])


def test_bom_and_crlf_simply_work(tmp_path):
    site = write_site(tmp_path, {})
    shutil.copy(HOSTILE / "content" / "jobs" / "bom-crlf.md", site / "content" / "jobs")
    assert build_site(site).published == 1
    assert "<h1>Windows Engineer</h1>" in (site / "output" / "jobs" / "bom-crlf" / "index.html").read_text()


CONFIG_CASES = {
    "toml syntax": ('title = "Acme\n', 'careersite.toml:1: TOML syntax error'),
    "wrong type": ("title = 5\n", "careersite.toml:1: title: 5 is not a string"),
    "relative base_url": ('base_url = "/careers"\n', "careersite.toml:2: base_url: '/careers' is not an absolute http(s) URL"),
    "ftp base_url": ('base_url = "ftp://files.example"\n', "careersite.toml:2: base_url: 'ftp://files.example' is not an absolute http(s) URL"),
    "unknown setting": ("titel = 'x'\n", "careersite.toml:1: titel: unknown setting (did you mean title?)"),
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_a_broken_config_fails_precisely_and_postings_are_still_checked(tmp_path, case):
    site = write_site(tmp_path, {"good.md": posting_text(**basic_fields()),
                                 "bad.md": posting_text(**basic_fields(id="ENG-2", workplace="remote-ish"))})
    (site / "careersite.toml").write_text(CONFIG.replace("title = ", "title_ = ", 1).replace("title_ = \"Test Careers\"\n", "")
                                          .replace('base_url = "https://jobs.test.example"\n', "")
                                          if case in ("toml syntax", "wrong type", "unknown setting") else CONFIG)
    text, expected = CONFIG_CASES[case]
    config = (site / "careersite.toml").read_text()
    if case in ("relative base_url", "ftp base_url"):
        config = config.replace('base_url = "https://jobs.test.example"\n', text)
    else:
        config = text + 'base_url = "https://jobs.test.example"\n' + config
    (site / "careersite.toml").write_text(config)
    with pytest.raises(ContentError) as err:
        build_site(site)
    messages = [str(p) for p in err.value.problems]
    assert any(m.startswith(expected) for m in messages), messages
    assert any(m.startswith("content/jobs/bad.md:") and "workplace" in m for m in messages), messages
    assert not (site / "output").exists()


def test_symlinks_never_lead_outside(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(posting_text(**basic_fields()))
    site = write_site(tmp_path / "site", {"good.md": posting_text(**basic_fields(id="G"))})
    (site / "content" / "jobs" / "linked.md").symlink_to(secret)
    with pytest.raises(ContentError) as err:
        build_site(site)
    assert "content/jobs/linked.md: is a symbolic link to a file outside the site folder" in str(err.value)
    (site / "content" / "jobs" / "linked.md").unlink()
    (site / "static" / "passwd").symlink_to(secret)
    build_site(site)
    assert not (site / "output" / "static" / "passwd").exists()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(site / "output" / "jobs")
    (site / "output" / "jobs").symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolic link"):
        build_site(site)
    assert list(elsewhere.iterdir()) == []
    linked_output = tmp_path / "linked-output"
    linked_output.symlink_to(elsewhere)
    with pytest.raises(OutputError, match="symbolic link"):
        build_site(site, output=linked_output)


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=300)
def test_any_file_name_gives_a_slug_that_stays_inside_output(name):
    slug = slugify(name)
    # ASCII letters, digits and "-", or letters, digits and marks of other scripts: no dots,
    # slashes, spaces, controls, bidi or private-use characters, and one spelling (NFC) per name
    assert all(c in string.ascii_lowercase + string.digits + "-" or (not c.isascii() and unicodedata.category(c)[0] in "LMN")
               for c in slug)
    assert unicodedata.normalize("NFC", slug) == slug
    assert not slug.startswith("-") and not slug.endswith("-")
    assert ".." not in slug and "/" not in slug


NASTY = st.lists(
    st.characters(blacklist_categories=("Cs", "Cc", "Cn"), blacklist_characters="\ufeff")
    | st.sampled_from(["</script>", "<!--", "-->", "]]>", '"', "'", "\u2028", "\u2029", "&amp;", "<b>", "{{", "{%", "\\"]),
    min_size=1, max_size=20,
).map("".join).map(str.strip).filter(bool)


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text` (U+2028/9 escaped: YAML folds raw ones)."""
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@given(title=NASTY, team=NASTY, summary=NASTY, department=NASTY)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_text_in_any_field_stays_inert_everywhere(tmp_path_factory, title, team, summary, department):
    site = write_site(tmp_path_factory.mktemp("site"), {
        "job.md": posting_text(**basic_fields(title=yaml_string(title), team=yaml_string(team), summary=yaml_string(summary),
                                              department=yaml_string(department)))})
    build_site(site, cache=False)
    out = site / "output"
    page = (out / "jobs" / "job" / "index.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    items = [i for i in extruct.extract(page, syntaxes=["json-ld"], uniform=False)["json-ld"] if i.get("@type") == "JobPosting"]
    assert len(items) == 1 and items[0]["title"] == title
    doc = lxml_html.fromstring(page)
    assert doc.xpath("string(//h1)") == title
    assert not doc.xpath("//script[not(@type='application/ld+json')][not(@src)]")
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 1
    # values read with lxml: feedparser "repairs" text that looks double-encoded ('Â¡' -> '¡').
    # Title and description are HTML to feed readers, so they carry one more level of escaping.
    item = etree.fromstring((out / "feed.xml").read_bytes()).find("channel/item")
    assert html.unescape(item.findtext("title")) == title and html.unescape(item.findtext("description")) == summary
    assert item.findtext("category") == department
    etree.fromstring((out / "sitemap.xml").read_bytes())
    for listing in [out / "index.html", *out.glob("departments/*/index.html")]:
        html5lib.HTMLParser(strict=True).parse(listing.read_text(encoding="utf-8"))


def test_netlify_sets_security_headers_and_caches_only_fingerprinted_assets():
    config = tomllib.loads((REPO / "netlify.toml").read_text())
    headers = {rule["for"]: rule["values"] for rule in config["headers"]}
    site = headers["/*"]
    csp = {d.split()[0]: " ".join(d.split()[1:]) for d in site["Content-Security-Policy"].split(";") if d.strip()}
    assert csp["default-src"] == "'self'" and "'unsafe-inline'" not in csp["script-src"] and "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert site["X-Content-Type-Options"] == "nosniff"
    assert site["Referrer-Policy"] and "max-age=" in site["Strict-Transport-Security"]
    assert "immutable" in headers["/assets/*"]["Cache-Control"]
    assert all("immutable" not in values.get("Cache-Control", "") for path, values in headers.items() if path != "/assets/*")


def test_built_pages_need_nothing_the_csp_forbids(built_example):
    for page in built_example.rglob("*.html"):
        doc = lxml_html.fromstring(page.read_bytes())
        assert not doc.xpath("//style | //*[@style]"), page
        assert not doc.xpath("//script[not(@src)][not(@type='application/ld+json')]"), page
        assert not [a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib if a.startswith("on")], page
        for url in doc.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src"):
            assert url.startswith("/") or url.startswith("https://careers.acme.example/"), (page, url)
