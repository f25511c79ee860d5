"""output: the folders careersite refuses to replace, and one build at a time per output folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from careersite.output import MARKER, OutputError, check_output_folder, output_lock


@pytest.fixture
def source(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "content" / "jobs").mkdir(parents=True)
    return site


@pytest.mark.parametrize("target, words", [
    (lambda site: Path("/"), "is the file system root"),
    (lambda site: Path.home(), "is your home folder"),
    (lambda site: site, "is or contains the source folder"),
    (lambda site: site.parent, "is or contains the source folder"),
])
def test_folders_that_hold_other_things_are_refused(source, target, words):
    with pytest.raises(OutputError, match=words):
        check_output_folder(source, target(source))


def test_a_symlink_a_file_and_a_foreign_folder_are_refused(source, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(OutputError, match="is a symbolic link"):
        check_output_folder(source, tmp_path / "link")
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_output_folder(source, tmp_path / "file")
    (real / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match=f"not empty and was not created by careersite \\(no {MARKER} file\\)"):
        check_output_folder(source, real)


def test_a_new_an_empty_or_a_careersite_folder_is_accepted(source, tmp_path):
    check_output_folder(source, tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_output_folder(source, tmp_path / "empty")
    ours = source / "output"  # inside the source folder is fine: only the reverse is refused
    ours.mkdir()
    (ours / MARKER).write_text("")
    (ours / "index.html").write_text("")
    check_output_folder(source, ours)


def test_a_second_build_beside_the_same_output_is_refused(tmp_path):
    output = tmp_path / "out" / "site"
    with output_lock(output):
        assert output.parent.is_dir()
        with pytest.raises(OutputError, match="another careersite build is writing beside"):
            with output_lock(output):
                pass
    with output_lock(output):  # released when the first build ends
        pass
