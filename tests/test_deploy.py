"""The deploy recipe that `careersite init` writes: the same netlify.toml as this repository's
(one source), careersite pinned in requirements.txt, and a daily rebuild so postings open and close
on their dates. The recipe run for real, from a built wheel, is in test_package.py."""

from __future__ import annotations

import datetime as dt
import http.server
import os
import shutil
import subprocess
import threading
import tomllib

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from careersite import __version__
from careersite.cli import main
from careersite.scaffold import STARTER

from conftest import NOW, REPO, basic_fields, build_site, posting_text, write_site
from test_uptodate import age

SECURITY_HEADERS = ("Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
                    "Referrer-Policy", "Permissions-Policy", "X-Frame-Options")


@pytest.fixture
def new_site(tmp_path, capsys):
    site = tmp_path / "careers"
    assert main(["init", str(site)]) == 0
    capsys.readouterr()
    return site


def test_init_writes_the_repositorys_own_netlify_toml(new_site):
    """One source: what differs between a new site and this repository lives in requirements.txt."""
    assert (new_site / "netlify.toml").read_bytes() == (REPO / "netlify.toml").read_bytes() == (STARTER / "netlify.toml").read_bytes()


def test_netlify_recipe_sets_python_and_the_security_headers(new_site):
    config = tomllib.loads((new_site / "netlify.toml").read_text(encoding="utf-8"))
    assert config["build"]["command"] == "pip install -r requirements.txt && careersite sync --skip-refused && careersite build"
    assert config["build"]["publish"] == "output"
    requires = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert config["build"]["environment"]["PYTHON_VERSION"] in SpecifierSet(requires)
    headers = {rule["for"]: rule["values"] for rule in config["headers"]}
    assert all(headers["/*"].get(name) for name in SECURITY_HEADERS)


def test_init_pins_the_careersite_that_made_the_site(new_site):
    lines = [line for line in (new_site / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == [f"careersite=={__version__}"]


def test_repository_requirements_install_its_own_checkout():
    lines = [line for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines == ["."]


def test_package_version_is_written_once():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "careersite.__version__"}


def _workflow(site):
    path = site / ".github/workflows/scheduled-rebuild.yml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_init_writes_a_daily_rebuild_workflow_that_reads_the_hook_from_a_secret(new_site):
    path, workflow = _workflow(new_site)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert len(crons) == 1 and crons[0].split()[2:] == ["*", "*", "*"]  # every day
    assert "workflow_dispatch" in triggers
    (step,) = workflow["jobs"]["rebuild"]["steps"]
    assert step["env"]["NETLIFY_BUILD_HOOK"] == "${{ secrets.NETLIFY_BUILD_HOOK }}"
    assert "curl" in step["run"] and "$NETLIFY_BUILD_HOOK" in step["run"]


@pytest.mark.skipif(not (shutil.which("bash") and shutil.which("curl")), reason="needs bash and curl, as GitHub's runners have")
def test_rebuild_step_fails_loudly_without_the_secret_and_posts_to_the_hook_with_it(new_site):
    _, workflow = _workflow(new_site)
    script = workflow["jobs"]["rebuild"]["steps"][0]["run"]
    env = {"PATH": os.environ["PATH"]}
    missing = subprocess.run(["bash", "-e", "-c", script], env={**env, "NETLIFY_BUILD_HOOK": ""},
                             capture_output=True, text=True, timeout=30)
    assert missing.returncode == 1
    assert "::error" in missing.stdout and "NETLIFY_BUILD_HOOK" in missing.stdout

    posted = []

    class Hook(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the handler's name is http.server's)
            posted.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        hook = f"http://127.0.0.1:{server.server_port}/build_hooks/abc123"
        done = subprocess.run(["bash", "-e", "-c", script], env={**env, "NETLIFY_BUILD_HOOK": hook},
                              capture_output=True, text=True, timeout=30)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr
    assert posted == ["/build_hooks/abc123"]


# `careersite build` says when the next posting opens or closes: until a build runs that day, the
# site shows it wrongly (hence the daily rebuild above).

def _build_output(site, capsys, *extra) -> str:
    capsys.readouterr()
    assert main(["build", "--source", str(site), "--no-search", *extra]) == 0
    return capsys.readouterr().out


def test_build_names_the_next_posting_to_close(tmp_path, capsys):
    write_site(tmp_path, {
        "data-engineer.md": posting_text(**basic_fields()),  # closes after 2027-01-31
        "later.md": posting_text(**basic_fields(title="Later Role", id="ENG-2", valid_through="2027-03-01")),
        "open-ended.md": posting_text(**basic_fields(title="Open Ended", id="ENG-3", valid_through=None)),
    })
    out = _build_output(tmp_path, capsys)
    lines = out.splitlines()
    assert lines[-2].startswith("Published 3 postings")
    assert lines[-1] == ("Next change: 'Data Engineer' closes at the end of 2027-01-31 (in 67 days); schedule a daily "
                         "rebuild so it leaves the site on time: see README, \"Deploying on Netlify\".")


def test_build_names_a_scheduled_posting_that_opens_first(tmp_path, capsys):
    write_site(tmp_path, {
        "data-engineer.md": posting_text(**basic_fields()),
        "nurse.md": posting_text(**basic_fields(title="Nurse", id="ENG-2", date_posted="2026-12-01", valid_through="2026-12-20")),
        "draft.md": posting_text(**basic_fields(title="Draft Role", id="ENG-3", date_posted="2026-11-26", draft="true")),
    })
    out = _build_output(tmp_path, capsys)
    assert out.splitlines()[-1] == ("Next change: 'Nurse' opens on 2026-12-01 (in 6 days); schedule a daily rebuild "
                                    "so it appears on time: see README, \"Deploying on Netlify\".")


def test_build_counts_postings_that_change_at_the_same_moment_and_reads_times_in_utc(tmp_path, capsys):
    write_site(tmp_path, {
        "a.md": posting_text(**basic_fields(title="Alpha", valid_through="2026-11-25T18:00:00+01:00")),
        "b.md": posting_text(**basic_fields(title="Beta", id="ENG-2", valid_through="2026-11-25T17:00:00Z")),
    })
    out = _build_output(tmp_path, capsys)
    assert out.splitlines()[-1].startswith(
        "Next change: 'Alpha' and 1 other posting close at 2026-11-25 17:00 UTC (today); "
        "schedule a daily rebuild so they leave the site on time")


def test_build_says_when_one_posting_closes_as_another_opens(tmp_path, capsys):
    write_site(tmp_path, {
        "a.md": posting_text(**basic_fields(title="Alpha", valid_through="2026-11-30")),  # gone from 2026-12-01 00:00
        "b.md": posting_text(**basic_fields(title="Beta", id="ENG-2", date_posted="2026-12-01")),
    })
    out = _build_output(tmp_path, capsys)
    assert out.splitlines()[-1].startswith(
        "Next change: 'Beta' opens on 2026-12-01 (in 6 days), and 1 other posting closes then; "
        "schedule a daily rebuild so the site changes on time")


def test_build_says_nothing_of_changes_when_no_date_is_ahead_or_when_quiet(tmp_path, capsys):
    write_site(tmp_path, {"a.md": posting_text(**basic_fields(valid_through=None))})
    assert "Next change" not in _build_output(tmp_path, capsys)
    write_site(tmp_path, {"a.md": posting_text(**basic_fields())})
    assert _build_output(tmp_path, capsys, "--quiet") == ""


def test_an_up_to_date_rebuild_still_tells_the_next_change_counted_from_its_own_date(tmp_path):
    write_site(tmp_path, {"a.md": posting_text(**basic_fields())})
    age(tmp_path)
    assert build_site(tmp_path, search=False).next_change.days == 67
    again = build_site(tmp_path, search=False, now=NOW + dt.timedelta(days=1))
    assert again.up_to_date
    assert (again.next_change.title, again.next_change.days) == ("Data Engineer", 66)
    assert "(in 66 days)" in again.next_change.note()
