"""End to end: small sites built in temp folders, one behaviour each."""

from __future__ import annotations

import html
import json
import random

import extruct
import feedparser
import pytest

from careersite.build import BuildOptions, build
from careersite.cli import main
from careersite.output import MARKER, OutputError
from careersite.problems import ContentError

from conftest import NOW, basic_fields, build_site, posting_text, tree, write_site


def jsonld_of(path):
    return extruct.extract(path.read_text(encoding="utf-8"), syntaxes=["json-ld"], uniform=False)["json-ld"]


def test_broken_posting_reports_file_and_line_and_leaves_output_untouched(tmp_path):
    site = write_site(tmp_path, {"good.md": posting_text(**basic_fields())})
    build_site(site)
    before = tree(site / "output")
    (site / "content" / "jobs" / "bad.md").write_text(posting_text(**basic_fields(id="ENG-2", employment_type="fulltime")))
    (site / "content" / "jobs" / "worse.md").write_text(posting_text(**basic_fields(id="ENG-3", date_posted="2026-02-30")))
    with pytest.raises(ContentError) as err:
        build_site(site)
    messages = [str(p) for p in err.value.problems]
    assert any(m.startswith("content/jobs/bad.md:") and "employment_type: 'fulltime' is not one of" in m and "did you mean full_time?" in m for m in messages)
    assert any(m.startswith("content/jobs/worse.md:4: date_posted:") for m in messages)
    assert tree(site / "output") == before
    assert not list(tmp_path.glob(".output.*"))


def test_cli_exit_codes_and_messages(tmp_path, capsys):
    site = write_site(tmp_path, {"job.md": posting_text(**basic_fields())})
    assert main(["build", "--source", str(site), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["build", "--source", str(site)]) == 0
    assert "Published 1 posting" in capsys.readouterr().out
    (site / "content" / "jobs" / "job.md").write_text(posting_text(**basic_fields(workplace="remote-ish")))
    assert main(["build", "--source", str(site)]) == 1
    err = capsys.readouterr().err
    assert "content/jobs/job.md:7: workplace: 'remote-ish' is not one of onsite, hybrid, remote" in err
    with pytest.raises(SystemExit) as usage:
        main(["build", "--no-such-flag"])
    assert usage.value.code == 2


def test_same_input_gives_identical_bytes_whatever_the_file_order(tmp_path):
    postings = {f"job-{i}.md": posting_text(**basic_fields(id=f"ENG-{i}", title=f"Engineer {i}", date_posted="2026-11-1" + str(i % 9))) for i in range(12)}
    names = list(postings)
    outputs = []
    for run in range(2):
        random.Random(run).shuffle(names)
        site = write_site(tmp_path / f"site{run}", {n: postings[n] for n in names})
        build_site(site)
        outputs.append(tree(site / "output"))
    assert outputs[0] == outputs[1]


def test_expired_gone_policy_answers_410(tmp_path):
    site = write_site(tmp_path, {
        "old.md": posting_text(**basic_fields(id="ENG-9", date_posted="2026-08-01", valid_through="2026-10-31")),
        "new.md": posting_text(**basic_fields()),
    })
    result = build_site(site)
    assert result.published == 1 and result.skipped["expired"] == 1
    out = site / "output"
    assert not (out / "jobs" / "old").exists()
    assert "/jobs/old/  /410.html  410" in (out / "_redirects").read_text()
    assert "/jobs/old/" not in (out / "sitemap.xml").read_text()


def test_expired_keep_policy_keeps_a_closed_noindex_page_without_json_ld(tmp_path):
    from conftest import CONFIG
    site = write_site(tmp_path, {"old.md": posting_text(**basic_fields(date_posted="2026-08-01", valid_through="2026-10-31"))},
                      config=CONFIG + '[expired]\npolicy = "keep"\n')
    build_site(site)
    page = site / "output" / "jobs" / "old" / "index.html"
    text = page.read_text()
    assert '<meta name="robots" content="noindex">' in text
    assert "Applications for this role are closed" in text
    assert "Apply for this job" not in text
    assert jsonld_of(page) == []
    assert not (site / "output" / "_redirects").exists()
    assert feedparser.parse((site / "output" / "feed.xml").read_bytes()).entries == []


def test_valid_through_date_means_the_whole_day(tmp_path):
    site = write_site(tmp_path, {"last-day.md": posting_text(**basic_fields(valid_through=NOW.date().isoformat()))})
    assert build_site(site).published == 1


def test_drafts_only_with_the_flag_and_never_indexed(tmp_path):
    site = write_site(tmp_path, {"wip.md": posting_text(title="Draft Role", draft="true", workplace="remote", applicant_locations="[US]")})
    result = build_site(site)
    assert result.published == 0 and result.skipped["draft"] == 1
    assert not (site / "output" / "jobs" / "wip").exists()
    build_site(site, drafts=True)
    page = site / "output" / "jobs" / "wip" / "index.html"
    assert "noindex" in page.read_text() and "Draft" in page.read_text()
    assert jsonld_of(page) == []
    assert "/jobs/wip/" not in (site / "output" / "sitemap.xml").read_text()


def test_scheduled_posting_is_not_published_yet(tmp_path):
    site = write_site(tmp_path, {"soon.md": posting_text(**basic_fields(date_posted="2026-12-01"))})
    result = build_site(site)
    assert result.published == 0 and result.skipped["scheduled"] == 1


def test_remote_posting_gets_telecommute_and_applicant_locations(tmp_path):
    site = write_site(tmp_path, {"remote.md": posting_text(**basic_fields(workplace="remote", locations=None, applicant_locations="[US-CA, DE]"))})
    build_site(site)
    job = jsonld_of(site / "output" / "jobs" / "remote" / "index.html")[0]
    assert job["jobLocationType"] == "TELECOMMUTE"
    assert "jobLocation" not in job
    assert job["applicantLocationRequirements"] == [
        {"@type": "State", "name": "California", "containedInPlace": {"@type": "Country", "name": "United States"}},
        {"@type": "Country", "name": "Germany"},
    ]
    assert (site / "output" / "locations" / "remote" / "index.html").is_file()


HOSTILE = 'Eng </script><script>alert(1)</script> <!-- "q" \u2028 ]]> &amp;'


def test_hostile_front_matter_stays_inert(tmp_path):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields(title=json.dumps(HOSTILE), team=json.dumps(HOSTILE), summary=json.dumps(HOSTILE)))})
    build_site(site)
    page = site / "output" / "jobs" / "x" / "index.html"
    text = page.read_text()
    assert "<script>alert(1)</script>" not in text
    items = [i for i in jsonld_of(page) if i.get("@type") == "JobPosting"]
    assert len(items) == 1 and items[0]["title"] == HOSTILE
    feed = feedparser.parse((site / "output" / "feed.xml").read_bytes())
    assert not feed.bozo and html.unescape(feed.entries[0].title) == HOSTILE


def test_markdown_body_is_sanitised(tmp_path):
    body = "Hi <script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<iframe src=https://evil.example></iframe>\n"
    site = write_site(tmp_path, {"x.md": posting_text(body=body, **basic_fields())})
    build_site(site)
    text = (site / "output" / "jobs" / "x" / "index.html").read_text()
    description = text.split('<div class="description">')[1].split("</div>")[0]
    for bad in ("<script", "javascript:", "onerror", "<iframe"):
        assert bad not in description


def test_template_error_names_the_template_and_line(tmp_path):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text('{% extends "base.html" %}\n{% block main %}\n{{ no_such_variable.x }}\n{% endblock %}\n')
    with pytest.raises(ContentError) as err:
        build_site(site)
    assert str(err.value.problems[0]).startswith("themes/default/templates/404.html:3: template error:")
    (templates / "404.html").write_text("{% block main %}\n{% if %}\n")
    with pytest.raises(ContentError) as err:
        build_site(site)
    assert str(err.value.problems[0]).startswith("themes/default/templates/404.html:2: template syntax error")


def test_site_template_overrides_the_built_in_one(tmp_path):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    templates = site / "themes" / "default" / "templates"
    templates.mkdir(parents=True)
    (templates / "410.html").write_text('{% extends "base.html" %}{% block main %}<h1>Filled, sorry</h1>{% endblock %}')
    build_site(site)
    assert "Filled, sorry" in (site / "output" / "410.html").read_text()
    assert "Data Engineer" in (site / "output" / "jobs" / "x" / "index.html").read_text()


def test_refuses_output_folders_it_does_not_own(tmp_path):
    site = write_site(tmp_path / "site", {"x.md": posting_text(**basic_fields())})
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    for target in (precious, site, tmp_path):
        with pytest.raises(OutputError):
            build_site(site, output=target)
    assert (precious / "thesis.txt").read_text() == "years of work"
    build_site(site, output=tmp_path / "fresh")
    assert (tmp_path / "fresh" / MARKER).is_file()
    build_site(site, output=tmp_path / "fresh")  # its own folder: replaced


def test_stale_temp_folder_from_an_interrupted_build_is_cleaned(tmp_path):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    stale = site / ".output.tmp-99999"
    stale.mkdir()
    (stale / MARKER).write_text("")
    build_site(site)
    assert not stale.exists()


def test_free_pages_are_built_and_linked(tmp_path):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())},
                      pages={"benefits.md": "---\ntitle: Benefits\ndescription: What we offer.\n---\n## Health\n\nFull cover.\n"})
    build_site(site)
    page = (site / "output" / "benefits" / "index.html").read_text()
    assert "<h1>Benefits</h1>" in page and "Full cover." in page
    assert 'href="/benefits/"' in (site / "output" / "index.html").read_text()


def test_base_url_override(tmp_path):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    build(BuildOptions(source=site, output=site / "output", now=NOW, base_url="https://preview.example/"))
    assert "https://preview.example/jobs/x/" in (site / "output" / "sitemap.xml").read_text()


def test_raw_html_setting_trusts_authors_html_in_postings_and_pages_and_check_warns(tmp_path):
    from conftest import CONFIG

    from careersite.check import check_site

    body = 'Hi <span class="brand">there</span>\n\n[site](https://other.example)\n'
    site = write_site(tmp_path, {"x.md": posting_text(body=body, **basic_fields())}, config=CONFIG + "[build]\nraw_html = true\n",
                      pages={"about.md": "---\ntitle: About\n---\n" + body})
    build_site(site)
    for page in (site / "output/jobs/x/index.html", site / "output/about/index.html"):
        text = page.read_text()
        assert '<span class="brand">there</span>' in text
        assert '<a href="https://other.example" rel="noopener">site</a>' in text
    findings = [f for f in check_site(site, NOW) if f.code == "raw-html"]
    assert len(findings) == 1 and findings[0].path == "careersite.toml" and findings[0].line > 0
    (site / "careersite.toml").write_text(CONFIG)
    build_site(site)
    assert '<span class="brand">' not in (site / "output/about/index.html").read_text()


def test_build_date_is_given_or_source_date_epoch_or_the_clock(monkeypatch):
    import datetime as dt

    from careersite.build import build_date

    given = dt.datetime(2030, 1, 2, 3, 4)
    assert build_date(given) == given.replace(tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1893456000")
    assert build_date() == dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.timezone.utc)
    assert before <= build_date() <= dt.datetime.now(dt.timezone.utc)


def test_summary_counts_read_as_english():
    from pathlib import Path

    from careersite.build import BuildResult

    one = BuildResult(published=1, skipped={"draft": 1, "scheduled": 0, "expired": 2}, files=1, changed=1, seconds=0.5, output=Path("out"))
    assert one.summary().startswith("Published 1 posting (skipped 1 draft, 2 expired, 0 scheduled); 1 file, 1 changed")
    none = BuildResult(published=0, skipped={}, files=12, changed=0, seconds=0.5, output=Path("out"))
    assert none.summary().startswith("Published 0 postings (skipped 0 drafts, 0 expired, 0 scheduled); 12 files, 0 changed")


def test_editor_leftovers_are_neither_content_nor_published(tmp_path):
    """emacs, gedit and kate leave posting.md~ beside a saved posting; vim probes with 4913; macOS
    leaves .DS_Store: none of them is a posting, and none is published from static/."""
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    jobs = site / "content/jobs"
    (jobs / "x.md~").write_text("old text of the posting")
    (jobs / "#x.md#").write_text("autosave")
    (jobs / "4913").write_text("")
    (site / "static/logo.svg~").write_text("old logo")
    (site / "static/.DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (site / "static/.well-known").mkdir()
    (site / "static/.well-known/security.txt").write_text("Contact: mailto:security@test.example\n")
    result = build_site(site)
    assert result.published == 1
    published = {p.name for p in (site / "output").rglob("*") if p.is_file()}
    assert not published & {"x.md~", "logo.svg~", ".DS_Store", "4913"}
    assert "security.txt" in published  # a hidden folder of the author's own is published


def _part_setup(value):
    return {"part": value, "other": "not given"}


def _with_part(state, item):
    return state, item


@pytest.mark.parametrize("count", [3, 100])  # in this process, and on worker processes
def test_workers_hand_each_task_its_part_of_the_state(count):
    """A renderer is handed to every render task rather than read from a process-wide global."""
    from careersite.workers import Workers

    with Workers(_part_setup, ("settings",), jobs=2) as workers:
        assert list(workers.map(_with_part, range(count), given="part")) == [("settings", i) for i in range(count)]


def test_check_renders_with_its_own_renderer_and_leaves_none_in_the_process_state(tmp_path):
    import jinja2

    from careersite.check import check_site
    from careersite.render import Renderer
    from careersite.workers import worker_state

    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    assert check_site(site, NOW) is not None
    assert not [value for value in worker_state().values() if isinstance(value, (Renderer, jinja2.Environment))]


def test_a_build_makes_every_output_family_that_build_py_plans(tmp_path):
    """plan_site names one planner per output family: none of them may fall out of the build."""
    site = write_site(tmp_path, {
        "open.md": posting_text(**basic_fields(id="ENG-1", title="Open Role")),
        "closed.md": posting_text(**basic_fields(id="ENG-2", title="Closed Role", date_posted="2026-10-01", valid_through="2026-11-01")),
    }, pages={"benefits.md": "---\ntitle: Benefits\n---\nGood ones.\n"})
    build_site(site)
    out = site / "output"
    made = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()}
    assert {"index.html", "departments/engineering/index.html", "locations/berlin-de/index.html",  # plan_listings
            "jobs/open/index.html",  # plan_posting_pages
            "benefits/index.html", "404.html", "410.html",  # plan_pages
            "static/logo.svg",  # plan_assets (the theme's are fingerprinted under assets/)
            "pagefind/pagefind.js",  # plan_search
            "robots.txt", "_redirects", "feed.xml", "sitemap.xml"} <= made  # plan_feeds (_redirects: the closed role is gone)
    assert any(path.startswith("assets/style.") for path in made)  # plan_assets: the theme's
    assert any(path.startswith("assets/share.") and path.endswith(".png") for path in made)  # plan_branding
