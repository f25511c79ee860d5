"""The check and import commands as a user runs them: output, formats and exit codes."""

from __future__ import annotations

import json

from careersite.cli import main

from conftest import REPO, basic_fields, build_site, posting_text, write_site


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
