"""careersite sync: a live board (a local replay server) -> content/jobs/, end to end through the
command line. No test reaches the internet: CAREERSITE_GREENHOUSE_API points at 127.0.0.1."""

from __future__ import annotations

import copy
import json
import os
import shlex
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import pytest

from careersite.cli import main
from careersite.config import load_config
from careersite.frontmatter_yaml import split_document
from careersite.importers.draft import Draft
from careersite.importers.vendors import VENDORS
from careersite.posting_file import read_posting
from careersite.problems import Problems

from conftest import CONFIG, NOW, REPO, build_site, posting_text, basic_fields, tree, write_site
from replay_server import Answer, ReplayServer

SAMPLES = Path(__file__).parent / "ats_samples" / "sync"
BOARD = json.loads((SAMPLES / "greenhouse-acme.json").read_text(encoding="utf-8"))
JOBS = "content/jobs"


@pytest.fixture
def ats(monkeypatch):
    with ReplayServer() as server:
        monkeypatch.setenv("CAREERSITE_GREENHOUSE_API", server.url)
        yield server


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {})


def serve(ats: ReplayServer, board: dict, token: str = "acme") -> None:
    """The board's list and each job's own answer, as Greenhouse's fetch_board asks for them."""
    ats.json(f"/v1/boards/{token}/jobs?content=true", board)
    for job in board["jobs"]:
        ats.json(f"/v1/boards/{token}/jobs/{job['id']}?pay_transparency=true", job)


def board(*changes) -> dict:
    """The sample board, with changes applied to a deep copy: (job index, key, value), or an index alone to drop that job."""
    data = copy.deepcopy(BOARD)
    dropped = {c for c in changes if isinstance(c, int)}
    for index, key, value in (c for c in changes if not isinstance(c, int)):
        data["jobs"][index][key] = value
    data["jobs"] = [job for i, job in enumerate(data["jobs"]) if i not in dropped]
    return data


def run(site: Path, capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["sync", "--source", str(site), *args])
    out, err = capsys.readouterr()
    return code, out, err


def plan(out: str) -> list[str]:
    """The printed plan without the notes under new postings (what is still to fill in)."""
    return [line for line in out.splitlines() if not line.startswith("      ")]


def files(site: Path) -> dict[str, bytes]:
    return tree(site / JOBS)


def stats(site: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted((site / JOBS).glob("*.md"))}


def front(site: Path, name: str) -> dict:
    return split_document((site / JOBS / name).read_text(encoding="utf-8")).data


def valid(site: Path, name: str):
    problems = Problems()
    posting = read_posting(site / JOBS / name, name, load_config(site, Problems()), problems)
    assert not problems, [str(p) for p in problems.items]
    return posting


# --- new, changed, closed, unchanged -----------------------------------------------------------


def test_sync_writes_each_new_posting_with_its_source(site, ats, capsys):
    serve(ats, BOARD)
    code, out, err = run(site, capsys, "greenhouse:acme")
    assert code == 0, err
    assert sorted(files(site)) == ["backend-engineer.md", "product-designer.md", "support-specialist.md"]
    assert front(site, "backend-engineer.md")["source"] == "greenhouse:acme/5001"
    posting = valid(site, "backend-engineer.md")
    assert posting.title == "Backend Engineer" and posting.department == "Engineering"
    assert valid(site, "product-designer.md").applicant_locations == ("US",)
    assert out.splitlines()[-1] == "Synced: 3 new, 0 changed, 0 closed, 0 unchanged."
    assert "  new       content/jobs/backend-engineer.md (greenhouse:acme/5001)" in out


def test_sync_updates_a_changed_posting_in_its_file_whatever_its_name(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    (site / JOBS / "backend-engineer.md").rename(site / JOBS / "platform-engineer.md")  # renamed by hand
    serve(ats, board((0, "title", "Senior Backend Engineer"), (0, "updated_at", "2026-11-24T10:00:00-05:00")))
    code, out, err = run(site, capsys, "greenhouse:acme")
    assert code == 0, err
    assert sorted(files(site)) == ["platform-engineer.md", "product-designer.md", "support-specialist.md"]
    assert valid(site, "platform-engineer.md").title == "Senior Backend Engineer"
    assert "  changed   content/jobs/platform-engineer.md (greenhouse:acme/5001): title, updated" in out
    assert out.splitlines()[-1] == "Synced: 0 new, 1 changed, 0 closed, 2 unchanged."


def test_a_posting_gone_from_the_board_is_closed_and_the_build_answers_410(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    serve(ats, board(2))  # Product Designer taken down in the ATS
    code, out, _ = run(site, capsys, "greenhouse:acme")
    assert code == 0
    assert front(site, "product-designer.md")["valid_through"] == "2026-11-25T11:59:59Z"  # the second before the sync
    assert "  closed    content/jobs/product-designer.md (greenhouse:acme/5003)" in out
    assert out.splitlines()[-1] == "Synced: 0 new, 0 changed, 1 closed, 2 unchanged."

    import feedparser
    from lxml import etree

    build_site(site, search=False, now=NOW)  # the same instant as the sync: already expired
    output = site / "output"
    assert not (output / "jobs/product-designer").exists()
    redirects = [line.split() for line in (output / "_redirects").read_text().splitlines()]
    assert ["/jobs/product-designer/", "/410.html", "410"] in redirects
    urls = [loc.text for loc in etree.parse(str(output / "sitemap.xml")).iter("{*}loc")]
    assert any(u.endswith("/jobs/backend-engineer/") for u in urls)
    assert not any("product-designer" in u for u in urls)
    assert all("product-designer" not in entry.link for entry in feedparser.parse((output / "feed.xml").read_bytes()).entries)
    assert (site / JOBS / "product-designer.md").exists()  # closed, never deleted

    again = run(site, capsys, "greenhouse:acme")[1]  # a closed posting stays closed, untouched
    assert again.splitlines()[-1] == "Synced: 0 new, 0 changed, 0 closed, 2 unchanged."


def test_a_closed_posting_listed_again_is_opened_again(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    serve(ats, board(2))
    run(site, capsys, "greenhouse:acme")
    serve(ats, BOARD)
    out = run(site, capsys, "greenhouse:acme")[1]
    assert "  changed   content/jobs/product-designer.md (greenhouse:acme/5003): valid_through" in out
    assert "valid_through" not in front(site, "product-designer.md")


def test_a_second_sync_with_nothing_changed_touches_no_file(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    before, times = files(site), stats(site)
    code, out, _ = run(site, capsys, "greenhouse:acme")
    assert code == 0
    assert out == "Synced: 0 new, 0 changed, 0 closed, 3 unchanged.\n"
    assert files(site) == before and stats(site) == times


def test_dry_run_prints_the_plan_and_writes_nothing(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    serve(ats, board(1, (0, "title", "Staff Backend Engineer"), (2, "content", "&lt;p&gt;New text.&lt;/p&gt;")))
    ats.json("/v1/boards/acme/jobs?content=true", {"jobs": board(1, (0, "title", "Staff Backend Engineer"),
             (2, "content", "&lt;p&gt;New text.&lt;/p&gt;"))["jobs"] + [{**BOARD["jobs"][0], "id": 5004, "title": "Data Engineer", "requisition_id": "ENG-5004"}]})
    ats.json("/v1/boards/acme/jobs/5004?pay_transparency=true", {})
    before, times = files(site), stats(site)
    code, out, _ = run(site, capsys, "greenhouse:acme", "--dry-run")
    assert code == 0
    assert plan(out) == [
        "  new       content/jobs/data-engineer.md (greenhouse:acme/5004)",
        "  changed   content/jobs/backend-engineer.md (greenhouse:acme/5001): title",
        "  changed   content/jobs/product-designer.md (greenhouse:acme/5003): body",
        "  closed    content/jobs/support-specialist.md (greenhouse:acme/5002)",
        "Dry run, nothing written; a sync would make: 1 new, 2 changed, 1 closed, 0 unchanged.",
    ]
    assert files(site) == before and stats(site) == times
    assert not list((site / JOBS).glob(".*"))  # no temporary file left either


# --- what belongs to the site ------------------------------------------------------------------


def test_fields_added_by_hand_survive_a_sync_that_brings_the_boards_change(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    path = site / JOBS / "support-specialist.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("---\n", "---\ndepartment: Customer Success\nsummary: Help customers by chat and phone.\n", 1),
                    encoding="utf-8")
    serve(ats, board((1, "title", "Senior Support Specialist")))
    code, out, _ = run(site, capsys, "greenhouse:acme")
    assert code == 0
    posting = valid(site, "support-specialist.md")
    assert posting.title == "Senior Support Specialist"  # the board's change landed
    assert posting.department == "Customer Success" and posting.summary == "Help customers by chat and phone."  # kept
    assert "(greenhouse:acme/5002): title" in out


def test_a_field_the_board_stops_giving_is_removed_and_hand_made_ones_stay(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    path = site / JOBS / "backend-engineer.md"
    assert path.read_text().splitlines()[1] == ("# careersite sync owns: title, id, date_posted, updated, department, "
                                                "employment_type, locations, apply_url and the description; fields you add are kept")
    path.write_text(path.read_text().replace("apply_url:", "summary: Services that move freight.\napply_url:"))
    serve(ats, board((0, "departments", [])))  # the department removed in Greenhouse
    out = run(site, capsys, "greenhouse:acme")[1]
    assert "(greenhouse:acme/5001): department" in out
    posting = valid(site, "backend-engineer.md")
    assert posting.department == "" and posting.summary == "Services that move freight."
    assert "department, " not in path.read_text().splitlines()[1]


def test_without_the_owned_line_a_field_the_board_stops_giving_is_kept(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    path = site / JOBS / "backend-engineer.md"
    path.write_text("\n".join(line for line in path.read_text().split("\n") if not line.startswith("# careersite sync owns")))
    serve(ats, board((0, "departments", [])))
    run(site, capsys, "greenhouse:acme")
    assert valid(site, "backend-engineer.md").department == "Engineering"  # who gave it is unknown: kept
    assert "# careersite sync owns" not in path.read_text()


def test_a_field_the_board_gives_is_the_boards_even_when_edited_by_hand(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    path = site / JOBS / "backend-engineer.md"
    path.write_text(path.read_text().replace("department: Engineering", "department: Platform"))
    out = run(site, capsys, "greenhouse:acme")[1]
    assert "(greenhouse:acme/5001): department" in out and valid(site, "backend-engineer.md").department == "Engineering"


def test_files_sync_did_not_write_are_never_touched(site, ats, capsys):
    mine = posting_text(**basic_fields(title="Backend Engineer", id="HAND-1"))
    (site / JOBS / "backend-engineer.md").write_text(mine, encoding="utf-8")  # same title as a board job
    (site / JOBS / "other.md").write_text(posting_text(**basic_fields(id="HAND-2")), encoding="utf-8")
    other_board = posting_text(**basic_fields(id="LEV-1", source="greenhouse:elsewhere/77"))
    (site / JOBS / "elsewhere.md").write_text(other_board, encoding="utf-8")
    before = files(site)
    serve(ats, BOARD)
    code, out, _ = run(site, capsys, "greenhouse:acme")
    assert code == 0
    after = files(site)
    assert {name: after[name] for name in before} == before
    assert "backend-engineer-eng-5001.md" in after  # the new one named around the hand-made file
    serve(ats, board(0))  # gone from acme: the hand-made file of the same title is still not closed
    run(site, capsys, "greenhouse:acme")
    assert files(site)["backend-engineer.md"] == before["backend-engineer.md"]
    assert "valid_through" in front(site, "backend-engineer-eng-5001.md")


def test_source_field_is_accepted_and_never_published(site, ats, capsys):
    from careersite.posting_fields import KEPT_FIELDS, POSTING_FIELDS

    assert "source" in KEPT_FIELDS and [entry.attr for entry in POSTING_FIELDS if entry.key == "source"] == [""]  # fills no attribute
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    build_site(site, search=False)
    assert all(b"greenhouse:acme" not in data for data in tree(site / "output").values())


def test_a_malformed_source_field_is_a_clear_problem(site):
    (site / JOBS / "x.md").write_text(posting_text(**basic_fields(source="acme-5001")), encoding="utf-8")
    problems = Problems()
    read_posting(site / JOBS / "x.md", "x.md", load_config(site, Problems()), problems)
    assert [p.field for p in problems.items] == ["source"]
    assert "is not VENDOR:BOARD/ID such as 'greenhouse:acme/4012345'" in problems.items[0].message


# --- untrusted answers -------------------------------------------------------------------------


def test_a_posting_careersite_would_refuse_is_reported_and_the_rest_still_synced(site, ats, capsys):
    serve(ats, board((1, "location", {"name": "Atlantis"}), (0, "absolute_url", "javascript:alert(1)")))
    code, out, err = run(site, capsys, "greenhouse:acme")
    assert code == 1
    assert sorted(files(site)) == ["product-designer.md"]
    assert "  refused   content/jobs/backend-engineer.md (greenhouse:acme/5001): not written" in err
    assert "content/jobs/backend-engineer.md:" in err and "apply_url: 'javascript:alert(1)' is not an http(s) or mailto URL" in err
    assert "content/jobs/support-specialist.md:" in err and "locations: missing" in err
    assert err.splitlines()[-1] == "Synced: 1 new, 0 changed, 0 closed, 0 unchanged, 2 postings refused (not written)."
    code, _, err = run(site, capsys, "greenhouse:acme", "--skip-refused")  # as the Netlify build runs it
    assert code == 0 and "2 postings refused" in err and sorted(files(site)) == ["product-designer.md"]


def test_html_in_an_answer_is_sanitised_like_an_import(site, ats, capsys):
    serve(ats, board((2, "content", "&lt;p&gt;Hi&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")))
    assert run(site, capsys, "greenhouse:acme")[0] == 0
    build_site(site, search=False)
    page = (site / "output/jobs/product-designer/index.html").read_text()
    assert "<script>alert" not in page and "onerror" not in page


# --- the board cannot be read: exit 1, nothing written -----------------------------------------


def test_an_unknown_board_names_the_token_to_check(site, ats, capsys):
    before = files(site)
    code, out, err = run(site, capsys, "greenhouse:nope")
    assert code == 1 and out == ""
    assert err.startswith("error: Greenhouse board 'nope' not found: check the board token in the command line")
    assert files(site) == before


def test_an_unknown_board_from_careersite_toml_names_the_setting(tmp_path, ats, capsys):
    site = write_site(tmp_path / "site", {}, config=CONFIG + '[sync]\nsources = ["greenhouse:nope"]\n')
    code, _, err = run(site, capsys)
    assert code == 1 and "check the board token in careersite.toml [sync] sources" in err


def test_429_then_success_syncs(site, ats, capsys, monkeypatch):
    slept = []
    monkeypatch.setattr("careersite.http_client.time.sleep", slept.append)
    serve(ats, BOARD)
    ats.script("/v1/boards/acme/jobs?content=true", Answer(429, headers={"Retry-After": "2"}), Answer.of(BOARD))
    ats.script("/v1/boards/acme/jobs/5002?pay_transparency=true", Answer(500), Answer.of(BOARD["jobs"][1]))
    code, out, _ = run(site, capsys, "greenhouse:acme")
    assert code == 0 and len(files(site)) == 3
    assert slept == [2.0, 1.0]


def test_malformed_json_stops_the_sync_before_any_file_is_written(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    before, times = files(site), stats(site)
    serve(ats, board(2, (0, "title", "Changed")))
    ats.script("/v1/boards/acme/jobs/5002?pay_transparency=true", Answer(200, b'{"id": 5002, "title": '))
    code, out, err = run(site, capsys, "greenhouse:acme")
    assert code == 1 and out == ""
    assert err.startswith("error: greenhouse:acme: the answer of ")
    assert "/jobs/5002?pay_transparency=true is not valid JSON" in err and err.rstrip().endswith("nothing was written")
    assert files(site) == before and stats(site) == times  # not even the title change of job 5001


def test_a_board_that_stays_down_fails_without_writing(site, ats, capsys, monkeypatch):
    monkeypatch.setattr("careersite.http_client.time.sleep", lambda s: None)
    ats.script("/v1/boards/acme/jobs?content=true", Answer(503))
    code, _, err = run(site, capsys, "greenhouse:acme")
    assert code == 1 and "answered 503" in err and "gave up after 5 attempts" in err
    assert files(site) == {}


def test_one_bad_board_of_two_writes_nothing(site, ats, capsys):
    serve(ats, BOARD)
    code, _, err = run(site, capsys, "greenhouse:acme", "greenhouse:nope")
    assert code == 1 and "'nope' not found" in err
    assert files(site) == {}


def test_a_real_host_over_plain_http_is_refused(site, capsys, monkeypatch):
    monkeypatch.setenv("CAREERSITE_GREENHOUSE_API", "http://boards-api.greenhouse.io")
    code, _, err = run(site, capsys, "greenhouse:acme")
    assert code == 1 and "CAREERSITE_GREENHOUSE_API: http://boards-api.greenhouse.io is plain http" in err


# --- the command line and careersite.toml ------------------------------------------------------


def test_an_unknown_vendor_on_the_command_line_is_a_usage_error(site, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["sync", "--source", str(site), "greenhose:acme"])
    assert caught.value.code == 2
    assert "'greenhose' in 'greenhose:acme' is not an ATS careersite syncs; expected one of ashby, greenhouse" in capsys.readouterr().err


def test_sync_reads_its_boards_from_careersite_toml(tmp_path, ats, capsys):
    site = write_site(tmp_path / "site", {}, config=CONFIG + '[sync]\nsources = ["greenhouse:acme"]\n')
    serve(ats, BOARD)
    code, out, _ = run(site, capsys)
    assert code == 0 and out.splitlines()[-1] == "Synced: 3 new, 0 changed, 0 closed, 0 unchanged."


def test_a_bad_sync_source_in_careersite_toml_is_reported_with_its_line(tmp_path):
    site = write_site(tmp_path / "site", {}, config=CONFIG + '[sync]\nsources = ["greenhouse:acme", "acme", 3]\n')
    problems = Problems()
    assert load_config(site, problems) is None
    assert [str(p) for p in problems.items] == [
        "careersite.toml:14: sync.sources: 'acme' is not VENDOR:BOARD such as 'greenhouse:acme' (vendors: ashby, greenhouse, lever, personio, recruitee, smartrecruiters, workable)",
        'careersite.toml:14: sync.sources: 3 is not text such as "greenhouse:acme"',
    ]


def test_sync_without_boards_says_how_to_name_one(site, capsys):
    code, out, _ = run(site, capsys)
    assert code == 0 and out.startswith("Nothing to sync: name a board")


def test_sync_runs_as_a_module_with_its_exit_code(site, ats):
    serve(ats, BOARD)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "careersite", "sync", "--source", str(site), "greenhouse:acme", "--quiet"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == "" and done.stderr == ""
    missing = subprocess.run([sys.executable, "-m", "careersite", "sync", "--source", str(site), "greenhouse:gone"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "Greenhouse board 'gone' not found" in missing.stderr


def test_output_is_sorted_whatever_order_the_board_lists(site, ats, capsys):
    serve(ats, {"jobs": list(reversed(BOARD["jobs"]))})
    lines = plan(run(site, capsys, "greenhouse:acme")[1])[:-1]
    assert lines == sorted(lines) and len(lines) == 3


# --- any vendor, through the protocol ----------------------------------------------------------


def _fake_vendor() -> types.ModuleType:
    """A vendor of the tests' own whose board comes in pages: /boards/{board}?page=N until next is null."""
    fake = types.ModuleType("fake")
    fake.NAME, fake.WHAT, fake.API = "Fake ATS", "a fake answer", "https://fake.invalid"
    fake.looks_like = lambda data: isinstance(data, list)

    def fetch_board(token, get, api):
        jobs, page = [], 1
        while page:
            answer = json.loads(get(f"{api}/boards/{token}?page={page}"))
            jobs += answer["jobs"]
            page = answer["next"]
        return jobs

    def drafts(data, name):
        out = []
        for job in data:
            draft = Draft(origin=f"{name}, job {job['key']}", slug_hint=job["name"], source_id=job["key"])
            draft.fields.update(title=job["name"], date_posted="2026-11-01", workplace="remote", applicant_locations=["DE"],
                                apply_url=f"https://fake.example/{job['key']}")
            draft.body = job["text"]
            out.append(draft)
        return out

    fake.fetch_board, fake.drafts = fetch_board, drafts
    return fake


def _register(monkeypatch, name: str, module: types.ModuleType) -> None:
    """A vendor module of the tests' own in VENDORS, which imports careersite.importers.<name> when asked."""
    monkeypatch.setattr(VENDORS, "names", (*VENDORS.names, name))
    monkeypatch.setattr("careersite.sync_source.ATS_NAMES", (*VENDORS.names,))  # the names boards are checked against
    monkeypatch.setitem(sys.modules, f"careersite.importers.{name}", module)


def test_any_vendor_in_vendors_syncs_through_its_fetch_board_with_paging(site, ats, capsys, monkeypatch):
    _register(monkeypatch, "fake", _fake_vendor())
    monkeypatch.setenv("CAREERSITE_FAKE_API", ats.url)
    job = lambda key, name: {"key": key, "name": name, "text": f"About the {name} role."}  # noqa: E731
    ats.json("/boards/co?page=1", {"jobs": [job("a1", "Nurse")], "next": 2})
    ats.json("/boards/co?page=2", {"jobs": [job("b2", "Welder")], "next": None})
    serve(ats, BOARD)
    code, out, err = run(site, capsys, "fake:co", "greenhouse:acme")
    assert code == 0, err
    assert front(site, "welder.md")["source"] == "fake:co/b2"
    assert out.splitlines()[-1] == "Synced: 5 new, 0 changed, 0 closed, 0 unchanged."
    ats.json("/boards/co?page=1", {"jobs": [job("b2", "Welder")], "next": None})  # the nurse job filled
    out = run(site, capsys, "fake:co")[1]
    assert out.splitlines() == ["  closed    content/jobs/nurse.md (fake:co/a1)", "Synced: 0 new, 0 changed, 1 closed, 1 unchanged."]
    assert "valid_through" not in front(site, "backend-engineer.md")  # another board's postings are not closed


def test_sync_of_the_import_fixture_board_writes_every_posting(site, ats, capsys):
    recorded = json.loads((REPO / "tests/fixtures/import/greenhouse-board.json").read_text(encoding="utf-8"))
    serve(ats, recorded, token="northwind")
    code, out, err = run(site, capsys, "greenhouse:northwind")
    assert code == 0, err
    assert len(files(site)) == len(recorded["jobs"])
    for name in files(site):
        valid(site, name)


# --- the loop on Netlify: the build command syncs, then builds ----------------------------------


def _netlify_steps(site: Path) -> list[list[str]]:
    command = tomllib.loads((site / "netlify.toml").read_text(encoding="utf-8"))["build"]["command"]
    return [shlex.split(step) for step in command.split("&&")]


def test_netlify_build_command_syncs_before_it_builds(tmp_path, capsys):
    assert main(["init", str(tmp_path / "careers")]) == 0
    steps = _netlify_steps(tmp_path / "careers")
    assert [step[:2] for step in steps] == [["pip", "install"], ["careersite", "sync"], ["careersite", "build"]]
    assert "--skip-refused" in steps[1]
    assert (tmp_path / "careers/netlify.toml").read_bytes() == (REPO / "netlify.toml").read_bytes()


def test_the_netlify_build_command_syncs_a_new_site_and_closes_what_the_ats_closed(tmp_path, ats, capsys):
    """The command of the netlify.toml `init` writes, run step by step (careersite as this checkout),
    on a site whose careersite.toml names a board: what a build hook called by the ATS's webhook runs."""
    site = tmp_path / "careers"
    assert main(["init", str(site)]) == 0
    config = (site / "careersite.toml").read_text(encoding="utf-8")
    (site / "careersite.toml").write_text(config.replace('# [sync]\n# sources = ["greenhouse:acme"]', '[sync]\nsources = ["greenhouse:acme"]'))
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def netlify_build() -> None:
        for step in _netlify_steps(site)[1:]:
            extra = ["--no-search"] if step[1] == "build" else []  # Pagefind's index is not what is tested here
            done = subprocess.run([sys.executable, "-m", *step, *extra], cwd=site, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr

    serve(ats, BOARD)
    netlify_build()
    pages = sorted(p.parent.name for p in (site / "output/jobs").glob("*/index.html"))
    assert {"backend-engineer", "product-designer", "support-specialist"} <= set(pages) and len(pages) == 5
    serve(ats, board(0))  # Backend Engineer closed in Greenhouse; its webhook calls the build hook
    netlify_build()
    assert not (site / "output/jobs/backend-engineer").exists()
    redirects = [line.split() for line in (site / "output/_redirects").read_text().splitlines()]
    assert ["/jobs/backend-engineer/", "/410.html", "410"] in redirects


def test_a_new_site_builds_with_the_sync_step_and_no_sources(tmp_path, capsys):
    site = tmp_path / "careers"
    assert main(["init", str(site)]) == 0
    capsys.readouterr()
    assert main(["sync", "--source", str(site)]) == 0
    assert capsys.readouterr().out.startswith("Nothing to sync")


def test_a_job_taken_down_between_the_list_and_its_own_answer_stops_the_sync_and_says_to_retry(site, ats, capsys):
    serve(ats, BOARD)
    ats.script("/v1/boards/acme/jobs/5003?pay_transparency=true")  # no answer: 404
    code, _, err = run(site, capsys, "greenhouse:acme")
    assert code == 1 and "/jobs/5003?pay_transparency=true answered 404" in err
    assert "run the sync again); nothing was written" in err and files(site) == {}


def test_a_file_that_cannot_be_written_stops_the_sync_and_says_how_far_it_got(site, ats, capsys, monkeypatch):
    serve(ats, BOARD)
    real_open = open

    def full_disk(path, mode="r", *args, **kwargs):
        if "x" in mode and str(path).endswith("product-designer.md"):
            raise OSError(28, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", full_disk)
    code, _, err = run(site, capsys, "greenhouse:acme")
    assert code == 1
    assert err == ("error: cannot write content/jobs/product-designer.md: No space left on device; "
                   "1 of 3 files were written, sync again once it is fixed\n")


def test_a_synced_file_broken_by_hand_is_reported_not_duplicated(site, ats, capsys):
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    path = site / JOBS / "backend-engineer.md"
    path.write_text(path.read_text().replace("title: Backend Engineer", "title: [Backend Engineer"))
    code, _, err = run(site, capsys, "greenhouse:acme")
    assert code == 1 and sorted(files(site)) == ["backend-engineer.md", "product-designer.md", "support-specialist.md"]
    assert "  refused   greenhouse:acme, job 5001 (greenhouse:acme/5001): not written" in err
    assert "content/jobs/backend-engineer.md holds this posting but cannot be read" in err
    serve(ats, board(0))
    err = run(site, capsys, "greenhouse:acme")[2]
    assert "fix it and sync again to close it" in err


def test_greenhouse_documented_sample_syncs_and_a_later_sync_keeps_the_date_it_set(site, ats, capsys, monkeypatch):
    """Greenhouse's own sample answer gives no publication date: the first sync sets the day it ran
    and says so; the date is not the board's, so a sync on a later day keeps it."""
    sample = json.loads((SAMPLES / "greenhouse-docs-jobs-content.json").read_text(encoding="utf-8"))
    serve(ats, sample, token="vaulttec")
    code, out, _ = run(site, capsys, "greenhouse:vaulttec")
    assert code == 0
    assert "      to fill in: date_posted: set to today (2026-11-25); the source has no publication date, check it" in out
    posting = valid(site, "vault-designer.md")
    assert (posting.title, posting.id, posting.date_posted.isoformat()) == ("Vault Designer", "50", "2026-11-25")
    assert [(loc.city, loc.region, loc.country) for loc in posting.locations] == [("New York", "NY", "US")]
    before = files(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp()) + 3 * 86400))
    assert run(site, capsys, "greenhouse:vaulttec")[1] == "Synced: 0 new, 0 changed, 0 closed, 1 unchanged.\n"
    assert files(site) == before


def test_a_network_failure_stops_the_sync_with_nothing_written(site, capsys, monkeypatch):
    with ReplayServer() as closed:  # a port where nothing listens any more
        url = closed.url
    monkeypatch.setenv("CAREERSITE_GREENHOUSE_API", url)
    monkeypatch.setattr("careersite.http_client.time.sleep", lambda seconds: None)
    code, out, err = run(site, capsys, "greenhouse:acme")
    assert code == 1 and out == ""
    assert err.startswith(f"error: greenhouse:acme: cannot reach {url}/v1/boards/acme/jobs?content=true")
    assert "(gave up after 5 attempts); nothing was written" in err and files(site) == {}


def test_an_ashby_board_syncs_through_its_own_fetch_board_and_an_unlisted_job_is_closed(site, ats, capsys, monkeypatch):
    """A second real vendor, by name only: Ashby's board in one answer (tests/ats_samples/ashby/, the
    Ashby importer's own fixture), its unlisted job never written; a job unlisted later is closed."""
    answer = json.loads((REPO / "tests/ats_samples/ashby/recorded-shaped-board.json").read_text(encoding="utf-8"))
    monkeypatch.setenv("CAREERSITE_ASHBY_API", ats.url)
    ats.json("/posting-api/job-board/acme?includeCompensation=true", answer)
    code, out, err = run(site, capsys, "ashby:acme")
    assert code == 0, err
    written = {front(site, name)["source"]: name for name in files(site)}
    listed = [job for job in answer["jobs"] if job["isListed"]]
    assert sorted(written) == sorted(f"ashby:acme/{job['id']}" for job in listed)  # the unlisted one is not
    for name in written.values():
        valid(site, name)
    first = listed[0]
    ats.json("/posting-api/job-board/acme?includeCompensation=true",
             {**answer, "jobs": [{**job, "isListed": job is not first and job["isListed"]} for job in answer["jobs"]]})
    out = run(site, capsys, "ashby:acme")[1]
    ref = f"ashby:acme/{first['id']}"
    assert plan(out) == [f"  closed    content/jobs/{written[ref]} ({ref})",
                         f"Synced: 0 new, 0 changed, 1 closed, {len(listed) - 1} unchanged."]


# --- a site in several languages ----------------------------------------------------------------


def test_a_synced_postings_translation_follows_its_shared_fields_and_closes_with_it(tmp_path, ats, capsys):
    """product-designer.de.md (started with careersite translate, then translated) is not the ATS's:
    sync leaves its words alone when the title changes, and closes it with its original, so the build
    neither refuses the two as disagreeing nor keeps the job open in German."""
    site = write_site(tmp_path / "site", {}, CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["de"]\n'))
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    assert main(["translate", "--source", str(site), "--quiet", f"{JOBS}/product-designer.md", "de"]) == 0
    german = site / JOBS / "product-designer.de.md"
    text = german.read_text(encoding="utf-8").split("\n")
    text = [line for line in text if not line.startswith("draft:")]
    body_start = text.index("---", 1) + 1
    german.write_text("\n".join(text[:body_start] + ["", "## Die Stelle", "", "Gestalten Sie unser Produkt mit uns."]) + "\n",
                      encoding="utf-8")
    written = german.read_text(encoding="utf-8")
    serve(ats, board((2, "title", "Senior Product Designer"), (2, "updated_at", "2026-11-24T10:00:00-05:00")))
    out = run(site, capsys, "greenhouse:acme")[1]
    assert german.read_text(encoding="utf-8") == written  # the title is not shared: the German one is its own
    assert "product-designer.de.md" not in out
    serve(ats, board(2))  # taken down in the ATS
    code, out, err = run(site, capsys, "greenhouse:acme")
    assert code == 0, err
    assert "  closed    content/jobs/product-designer.de.md (greenhouse:acme/5003)" in out
    closed = front(site, "product-designer.de.md")
    assert closed["valid_through"] == front(site, "product-designer.md")["valid_through"] == "2026-11-25T11:59:59Z"
    assert "source" not in closed and "Gestalten Sie unser Produkt" in german.read_text(encoding="utf-8")
    build_site(site, search=False, now=NOW)
    output = site / "output"
    assert not (output / "de" / "jobs" / "product-designer").exists()
    redirects = [line.split() for line in (output / "_redirects").read_text().splitlines()]
    assert ["/de/jobs/product-designer/", "/de/410.html", "410"] in redirects


def test_a_translation_takes_the_shared_fields_and_keeps_its_own_words_and_city_names():
    from careersite.sync_plan import CHANGED as CHANGED_, Change, LocalFiles, SyncedFile, _translations_follow, posting_file_text

    original = {"title": "Designer", "id": "D-1", "date_posted": "2026-11-01", "salary": {"min": 60000, "max": 80000, "currency": "EUR", "unit": "year"},
                "locations": [{"city": "Munich", "country": "DE"}], "source": "greenhouse:acme/1"}
    translation = SyncedFile("designer.de.md", {"title": "Designerin", "id": "D-1", "date_posted": "2026-11-01",
                                                "salary": {"min": 55000, "max": 75000, "currency": "EUR", "unit": "year"},
                                                "locations": [{"city": "München", "country": "DE"}]}, "Text auf Deutsch.\n", None)
    local = LocalFiles({}, set(), {}, {}, {}, {"designer": [translation]})
    change = Change(CHANGED_, "content/jobs/designer.md", "greenhouse:acme/1", ("salary",), text=posting_file_text(original, "Text.", ()))
    [follow] = _translations_follow(change, local)
    data = split_document(follow.text).data
    assert follow.path == "content/jobs/designer.de.md" and follow.fields == ("salary",)
    assert data["salary"]["min"] == 60000 and data["title"] == "Designerin" and data["locations"][0]["city"] == "München"
    assert "source" not in data and split_document(follow.text).body.strip() == "Text auf Deutsch."
    moved = dict(original, locations=[{"city": "Vienna", "country": "AT"}])
    change = Change(CHANGED_, "content/jobs/designer.md", "greenhouse:acme/1", ("locations",), text=posting_file_text(moved, "Text.", ()))
    [follow] = _translations_follow(change, local)
    assert split_document(follow.text).data["locations"] == [{"city": "Vienna", "country": "AT"}]


def test_a_translation_named_in_its_front_matter_follows_and_an_ats_german_posting_stays_synced(tmp_path, ats, capsys):
    """produktdesigner.md saying `language: de` and `translation_key: product-designer` is the German
    version as much as product-designer.de.md is: it closes with its original. A file named like a
    translation that holds a board's `source` (the ATS's own German posting) is that posting's file:
    updated in place, never written again beside it."""
    site = write_site(tmp_path / "site", {}, CONFIG.replace('language = "en"\n', 'language = "en"\nlanguages = ["de"]\n'))
    serve(ats, BOARD)
    run(site, capsys, "greenhouse:acme")
    original = front(site, "product-designer.md")
    german = {key: original[key] for key in ("id", "date_posted", "employment_type", "workplace", "applicant_locations") if key in original}
    (site / JOBS / "produktdesigner.md").write_text(posting_text(
        "## Die Stelle\n\nGestalten Sie unser Produkt.\n", title="Produktdesigner", language="de", translation_key="product-designer",
        **{k: (f"[{', '.join(v)}]" if isinstance(v, list) else v) for k, v in german.items()}), encoding="utf-8")
    (site / JOBS / "backend-engineer.md").rename(site / JOBS / "backend-engineer.de.md")  # the board's posting, renamed
    serve(ats, board(2))
    code, out, err = run(site, capsys, "greenhouse:acme")
    assert code == 0, err
    assert "  closed    content/jobs/produktdesigner.md (greenhouse:acme/5003)" in out
    assert "backend-engineer.md" not in out and not (site / JOBS / "backend-engineer.md").exists()
    assert front(site, "produktdesigner.md")["valid_through"] == front(site, "product-designer.md")["valid_through"]
