"""Writing the built site: into a temporary folder beside the target, swapped in only when complete,
so a failed or interrupted build leaves the previous site exactly as it was. Files whose bytes did
not change are hard-linked from the previous site, so their modification times stay as they were
and deploy tools see only real changes."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import stat
from pathlib import Path, PurePosixPath
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from .cache import Written

from .fingerprint import digest
from .render import PageJob, Planned, Renderer, render_task

MARKER = ".careersite-output"  # marks folders careersite owns and may replace
_MARKER_TEXT = b"This folder is written by careersite build and replaced on every build.\n"


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


@contextmanager
def output_lock(output: Path) -> Iterator[None]:
    """One build at a time per output folder: a second one is refused, not interleaved. What an
    interrupted build left is undone as soon as the lock is held, so even a build that then fails
    leaves the output as the last complete build made it."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(output.parent, os.O_RDONLY)  # the folder that holds output and its staging folders
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another careersite build is writing beside {output}; wait for it to finish") from None
        _remove_stale(output)
        yield
    finally:
        os.close(folder)  # closing releases the lock


def _safe_parts(name: str) -> list[str]:
    """The parts of a planned file's path (empty and '.' parts dropped, as pathlib does), which
    must stay inside the output folder."""
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if name.startswith("/") or "\0" in name or not parts or ".." in parts or name == MARKER:
        raise OutputError(f"refusing to write {name!r}: output paths must stay inside the output folder")
    return parts


def _remove_stale(output: Path) -> None:
    """Undo what an interrupted build left: a half-applied update is rolled back from its journal,
    temporary folders (ours: they carry the marker) are removed."""
    for stale in sorted(output.parent.glob(f".{output.name}.*-*")):
        if not stale.is_dir() or stale.is_symlink() or not (stale / MARKER).is_file():
            continue
        if (stale / _JOURNAL).is_file():
            _roll_back(output, stale)
        shutil.rmtree(stale, ignore_errors=True)


_JOURNAL = "journal.json"  # written before an in-place update starts replacing files


def _roll_back(output: Path, stage: Path) -> None:
    journal = json.loads((stage / _JOURNAL).read_text())
    for name in journal["replaced"] + journal["added"]:
        target = output.joinpath(*PurePosixPath(name).parts)
        backup = stage.joinpath("old", *PurePosixPath(name).parts)
        if backup.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(backup, target)
        elif name in journal["added"] and target.is_file():
            target.unlink()
    _prune_empty_dirs(output)


def _prune_empty_dirs(root: Path) -> None:
    for folder, dirs, files in os.walk(root, topdown=False):
        if folder != str(root) and not dirs and not files:
            try:
                os.rmdir(folder)
            except OSError:
                pass


class _DeferInterrupt:
    """Ctrl-C while files are being swapped waits until the swap is complete."""

    def __enter__(self):
        self.interrupted = False
        try:
            self.previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:  # not the main thread: nothing to defer
            self.previous = None
        return self

    def _handle(self, signum, frame):
        self.interrupted = True

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if self.interrupted:
            raise KeyboardInterrupt


def _intact(path: str, written: Written | None) -> bool:
    """The previous build's file is still exactly what careersite wrote there (not a link)."""
    if written is None:
        return False
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return st.st_size == written.size and st.st_mtime_ns == written.mtime_ns and stat.S_ISREG(st.st_mode)


@dataclass(frozen=True)
class FileTask:
    """A page for a worker to render and write into the staging folder, unless its bytes hash to
    `unchanged_if` (the file in place, intact): then nothing is written."""

    job: PageJob
    target: str
    unchanged_if: str | None


def render_to_file(renderer: Renderer, task: FileTask) -> tuple[str, int, bool]:
    """Render a page and write it (in a worker process): its content hash, size, and whether it was written."""
    data = render_task(renderer, task.job)
    content = digest(data)
    if content == task.unchanged_if:
        return content, len(data), False
    _write_file(task.target, data)
    return content, len(data), True


def _write_file(target: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as file:
        file.write(data)


def write_site(
    planned: list[Planned], output: Path, previous: dict[str, Written],
    render: Callable[[Iterable[FileTask], int], Iterable[tuple[str, int, bool]]],
) -> tuple[dict[str, Written], int]:
    """Make `output` hold exactly the planned files. Pages whose key is unchanged are not rendered
    again, files whose bytes are unchanged are not touched. Pages are rendered and written to a
    staging folder by the workers (`render` runs render_to_file on each task), so this process
    neither holds nor copies them. Returns what the folder now holds (for the next build) and how
    many files were written."""
    output = output.absolute()
    output.parent.mkdir(parents=True, exist_ok=True)
    in_place = (output / MARKER).is_file()
    if not in_place:
        previous = {}
    root = str(output)
    parts = {item.path: _safe_parts(item.path) for item in planned}
    targets = {name: os.path.join(root, *split) for name, split in parts.items()}
    reuse = {
        item.path for item in planned
        if previous.get(item.path) and previous[item.path].key == item.key and _intact(targets[item.path], previous[item.path])
    }
    written: dict[str, Written] = {}
    changed: list[str] = []
    stage = _stage(output, "stage" if in_place else "tmp")
    staged = os.path.join(stage, "new") if in_place else str(stage)

    def unchanged_if(item: Planned) -> str | None:
        before = previous.get(item.path)
        return before.content if before is not None and _intact(targets[item.path], before) else None

    to_render = [item for item in planned if item.path not in reuse and item.job is not None]
    rendered = iter(render((FileTask(item.job(), os.path.join(staged, *parts[item.path]), unchanged_if(item))
                            for item in to_render), len(to_render)))  # tasks made as workers take them
    try:
        for item in planned:
            before = previous.get(item.path)
            if item.path in reuse:
                written[item.path] = before
                continue
            if item.job is not None:
                content, size, wrote = next(rendered)
            else:
                data = item.data if item.data is not None else item.make()
                content, size = digest(data), len(data)
                wrote = content != unchanged_if(item)
                if wrote:
                    _write_file(os.path.join(staged, *parts[item.path]), data)
            if not wrote:
                written[item.path] = Written(item.key, content, before.size, before.mtime_ns)
                continue
            written[item.path] = Written(item.key, content, size, 0)
            changed.append(item.path)
        if in_place:
            _update_in_place(output, stage, changed, set(targets), set(previous) if previous else None)
        else:
            if output.exists():  # an empty folder (anything else was refused earlier)
                output.rmdir()
            stage.rename(output)
    finally:
        if stage.exists() and not (stage / _JOURNAL).exists():  # with a journal left, the next run rolls back
            shutil.rmtree(stage, ignore_errors=True)
    for name in changed:
        entry = written[name]
        written[name] = Written(entry.key, entry.content, entry.size, os.stat(targets[name]).st_mtime_ns)
    return written, len(changed)


def _existing_files(output: Path) -> set[str]:
    """The files a previous build left, as relative paths. A symbolic link in there was not made
    by careersite and could lead writes outside the folder: refuse rather than follow it."""
    found = set()
    for folder, dirs, names in os.walk(output):
        for name in dirs + names:
            path = Path(folder) / name
            if path.is_symlink():
                raise OutputError(f"{path} is a symbolic link; careersite only writes real files inside {output}. Remove the link (or the folder) and build again")
        found.update((Path(folder) / name).relative_to(output).as_posix() for name in names)
    return found - {MARKER}


def _refuse_links(output: Path, names: list[str]) -> None:
    """No folder on the way to a file about to be written or removed may lead out of the output."""
    root = os.path.realpath(output)
    for folder in {os.path.dirname(os.path.join(root, *PurePosixPath(name).parts)) for name in names}:
        real = os.path.realpath(folder)
        if real != root and not real.startswith(root + os.sep):
            raise OutputError(f"{folder} leads through a symbolic link to {real}; careersite only writes real files inside {output}. Remove the link (or the folder) and build again")


def _stage(output: Path, kind: str) -> Path:
    stage = output.parent / f".{output.name}.{kind}-{os.getpid()}"
    stage.mkdir()
    (stage / MARKER).write_bytes(_MARKER_TEXT)
    return stage


def _update_in_place(output: Path, stage: Path, changed: list[str], keep: set[str], known: set[str] | None) -> None:
    """Swap the changed files (already in stage/new) in, remove the ones no longer built. The swap
    is journaled, so a build killed halfway is rolled back next time.
    `known`: the files the last build left, from its manifest; None to look at the folder."""
    def exists(name: str) -> bool:
        return os.path.lexists(os.path.join(output, *PurePosixPath(name).parts))

    if known is None:
        existing = _existing_files(output)
        removed = sorted(existing - keep)
    else:  # only the files not built any more, and the changed ones, need be looked for
        removed = sorted(name for name in known - keep if exists(name))
        existing = {name for name in changed if exists(name)}
    if not changed and not removed:
        return
    _refuse_links(output, [*changed, *removed])
    replaced = sorted(name for name in changed if name in existing)
    added = sorted(name for name in changed if name not in existing)
    (stage / _JOURNAL).write_text(json.dumps({"replaced": replaced + removed, "added": added}))
    with _DeferInterrupt():
        try:
            _swap(output, stage, replaced + removed, sorted(changed))
        except BaseException:
            _roll_back(output, stage)
            (stage / _JOURNAL).unlink()
            raise
        (stage / _JOURNAL).unlink()
    if removed:
        _prune_empty_dirs(output)


def _swap(output: Path, stage: Path, moved_out: list[str], moved_in: list[str]) -> None:
    for name in moved_out:
        backup = stage.joinpath("old", *PurePosixPath(name).parts)
        backup.parent.mkdir(parents=True, exist_ok=True)
        os.replace(output.joinpath(*PurePosixPath(name).parts), backup)
    for name in moved_in:
        target = output.joinpath(*PurePosixPath(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(stage.joinpath("new", *PurePosixPath(name).parts), target)
