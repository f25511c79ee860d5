"""The check and import commands as a user runs them: output, formats and exit codes."""

from __future__ import annotations

import json
import re

import pytest

from careersite.cli import main

from conftest import REPO, basic_fields, build_site, fill_outline, posting_text, write_site


def test_check_is_clean_on_the_example_site_but_strict_fails_on_warnings(example_site, capsys):
    assert main(["check", "--source", str(example_site)]) == 0
    out = capsys.readouterr().out
    assert "0 errors" in out and "[pay-transparency]" in out
    assert main(["check", "--source", str(example_site), "--strict"]) == 1


def test_check_json_reports_errors_with_file_line_and_exit_1(tmp_path, capsys):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields(title="URGENT!!! DATA ENGINEER", employment_type="fulltime"))})
    assert main(["check", "--source", str(site), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    error = next(f for f in findings if f["severity"] == "error")
    assert error == {**error, "file": "content/jobs/x.md", "line": 9, "field": "employment_type"}
    assert not (site / "output").exists()  # check writes nothing


def test_import_markdown_then_build(tmp_path, capsys):
    site = write_site(tmp_path, {})
    source = REPO / "tests/fixtures/import/senior-backend-engineer.md"
    assert main(["import", str(source), "--source", str(site)]) == 0
    out = capsys.readouterr().out
    assert "wrote content/jobs/senior-software-engineer-backend-infrastructure.md" in out and "to fill in:" in out
    text = (site / "content/jobs/senior-software-engineer-backend-infrastructure.md").read_text()
    (site / "content/jobs/senior-software-engineer-backend-infrastructure.md").write_text(text.replace("title:", "department: Engineering\ntitle:", 1))
    assert build_site(site).published == 1
    assert main(["import", str(source), "--source", str(site)]) == 1  # exists: not overwritten
    assert "already exists" in capsys.readouterr().err


def test_help_lists_commands_as_a_user_meets_them_and_every_argument_says_what_it_is(capsys):
    import argparse

    from careersite.cli import _parser

    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(commands.choices) == ["init", "new", "translate", "serve", "check", "build", "import", "sync", "notify"]
    with pytest.raises(SystemExit):
        main(["--help"])
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines() if re.match(r" {4}\S", line)]
    assert listed == ["init", "new", "translate", "serve", "check", "build", "import", "sync", "notify"]
    for name, command in commands.choices.items():
        for action in command._actions:
            assert action.help, f"careersite {name}: {action.dest} has no help text"


@pytest.mark.parametrize("jobs", ["0", "-2", "many"])
def test_jobs_must_be_one_or_more(tmp_path, capsys, jobs):
    site = write_site(tmp_path, {"x.md": posting_text(**basic_fields())})
    with pytest.raises(SystemExit) as exit_:
        main(["build", "--source", str(site), "--jobs", jobs])
    assert exit_.value.code == 2 and "--jobs" in capsys.readouterr().err
    assert not (site / "output").exists()


def test_quiet_silences_progress_on_every_command_that_prints_it(tmp_path, capsys):
    site = tmp_path / "careers"
    assert main(["init", str(site), "-q"]) == 0
    assert main(["new", "Nurse", "--source", str(site), "--location", "Berlin, DE", "--quiet"]) == 0
    source = REPO / "tests/fixtures/import/senior-backend-engineer.md"
    assert main(["import", str(source), "--source", str(site), "-q"]) == 0
    fill_outline(site / "content/jobs/nurse.md")
    assert main(["build", "--source", str(site), "-q", "--no-search"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (site / "content/jobs/nurse.md").is_file() and (site / "content/jobs/senior-software-engineer-backend-infrastructure.md").is_file()


@pytest.mark.parametrize("command", [["check"], ["build", "--clean", "--no-search"], ["import", "IMPORT"]])
def test_a_closed_pipe_ends_the_command_quietly_as_unix_tools_do(tmp_path, command):
    """`careersite check | head -1`: the reader is gone before careersite writes a line."""
    import os
    import subprocess
    import sys

    site = write_site(tmp_path / "site", {"x.md": posting_text(**basic_fields())})
    args = [str(REPO / "tests/fixtures/import/senior-backend-engineer.md") if a == "IMPORT" else a for a in command]
    read, write = os.pipe()
    os.close(read)  # the reader has gone away
    try:
        done = subprocess.run([sys.executable, "-c", "from careersite.cli import run; run()", *args, "--source", str(site)],
                              stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.returncode == 141, (done.returncode, done.stderr)
