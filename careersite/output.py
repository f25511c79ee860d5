"""Writing the built site: into a temporary folder beside the target, swapped in only when complete,
so a failed or interrupted build leaves the previous site exactly as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

MARKER = ".careersite-output"  # marks folders careersite owns and may replace


class OutputError(Exception):
    """The output folder cannot be used safely; nothing was written."""


def check_output_folder(source: Path, output: Path) -> None:
    """Refuse targets whose replacement could destroy something careersite does not own."""
    src, out = source.resolve(), output.resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor):
        raise OutputError(f"output folder {output} is the file system root; choose a folder such as {source / 'output'}")
    if out == home:
        raise OutputError(f"output folder {output} is your home folder; choose a folder such as {source / 'output'}")
    if out == src or out in src.parents:
        raise OutputError(f"output folder {output} is or contains the source folder {source}; building there would replace your content")
    if output.is_symlink():
        raise OutputError(f"output folder {output} is a symbolic link; careersite only replaces real folders it created")
    if out.exists():
        if not out.is_dir():
            raise OutputError(f"output path {output} is a file, not a folder")
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise OutputError(
                f"output folder {output} is not empty and was not created by careersite (no {MARKER} file); "
                "empty it or choose another folder"
            )


def _safe_relative(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or "\0" in name or not path.parts:
        raise OutputError(f"refusing to write {name!r}: output paths must stay inside the output folder")
    return path


def _remove_stale(output: Path) -> None:
    """Temp folders left by an interrupted build (ours: they carry the marker) are removed."""
    for stale in output.parent.glob(f".{output.name}.*-*"):
        if stale.is_dir() and not stale.is_symlink() and (stale / MARKER).is_file():
            shutil.rmtree(stale, ignore_errors=True)


def write_site(files: dict[str, bytes], output: Path) -> None:
    """Replace `output` with exactly `files`; the old site stays in place until the new one is whole."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(output)
    temp = output.parent / f".{output.name}.tmp-{os.getpid()}"
    try:
        temp.mkdir()
        (temp / MARKER).write_bytes(b"This folder is written by careersite build and replaced on every build.\n")
        for name in sorted(files):
            target = temp.joinpath(*_safe_relative(name).parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[name])
        if output.exists():
            old = output.parent / f".{output.name}.old-{os.getpid()}"
            output.rename(old)
            temp.rename(output)
            shutil.rmtree(old, ignore_errors=True)
        else:
            temp.rename(output)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
