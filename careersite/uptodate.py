"""Is the site in an output folder still what a build would make? After each build a stamp records
the facts of everything it read (each input file's size, time and inode, careersite's code, the
installed libraries, the options), the span of build dates over which no posting changes status,
and the files it left. A rebuild whose inputs and output match the stamp has nothing to do, and
knows it from a few thousand stat calls instead of loading and planning the whole site.

Trust is narrow: any symbolic link among the inputs, any input changed less than two seconds
before the build looked (a later save could keep its time), or a file in the output that is not
exactly as written, and the build runs in full."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

from .fingerprint import code_fingerprint, digest
from .fsclock import RACY_NS

_FORMAT = 2  # 2: the result holds the next change
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def input_facts(source: Path, roots: list[Path], options: str, started: int) -> str | None:
    """A hash of everything a build reads, as file facts; None when they cannot be trusted.
    `started`: the file system's time as the build began (fsclock), to compare file times with."""
    facts: list[tuple] = [(options, code_fingerprint())]
    for root in roots:
        if not _scan(root, str(root), facts, started):
            return None
    return digest(repr(facts))


def _scan(path: Path | str, shown: str, facts: list[tuple], started: int) -> bool:
    """Append the facts of a file or a folder tree; False if something in it is not to be trusted."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        facts.append((shown, None))
        return True
    if stat.S_ISLNK(st.st_mode) or st.st_mtime_ns + RACY_NS > started:
        return False
    if stat.S_ISREG(st.st_mode):
        facts.append((shown, st.st_size, st.st_mtime_ns, st.st_ino))
        return True
    if not stat.S_ISDIR(st.st_mode):
        return False
    facts.append((shown, "dir"))
    with os.scandir(path) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    return all(_scan(entry.path, f"{shown}/{entry.name}", facts, started) for entry in entries)


def _microseconds(moment: dt.datetime) -> int:
    """A moment as an exact whole number (JSON floats would round a date-time's microseconds)."""
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def _stamp_path(cache_dir: Path, output: Path) -> Path:
    return cache_dir / f"stamp-{digest(str(output.resolve()))[:16]}.json"


def check(cache_dir: Path, output: Path, facts: str, now: dt.datetime) -> dict | None:
    """The last build's summary if it is still up to date for these input facts at `now`."""
    try:
        stamp = json.loads(_stamp_path(cache_dir, output).read_text(encoding="utf-8"))
        if stamp.get("format") != _FORMAT or stamp["inputs"] != facts:
            return None
        start, end = stamp["steady"]
        moment = _microseconds(now)
        if (start is not None and moment < start) or (end is not None and moment >= end):
            return None
        for name, (size, mtime) in stamp["files"].items():
            st = os.lstat(os.path.join(output, *name.split("/")))
            if not stat.S_ISREG(st.st_mode) or st.st_size != size or st.st_mtime_ns != mtime:
                return None
        return stamp["result"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def forget(cache_dir: Path, output: Path) -> None:
    """Before a build changes anything: the stamp no longer speaks for the output."""
    _stamp_path(cache_dir, output).unlink(missing_ok=True)


def record(cache_dir: Path, output: Path, facts: str, steady: tuple[dt.datetime | None, dt.datetime | None],
           files: dict[str, tuple[int, int]], result: dict) -> None:
    """After a complete build: what it read, when its statuses hold, what it wrote, what it said."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    stamp = {
        "format": _FORMAT, "inputs": facts,
        "steady": [_microseconds(moment) if moment else None for moment in steady],
        "files": files, "result": result,
    }
    path = _stamp_path(cache_dir, output)
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(stamp), encoding="utf-8")
    temp.replace(path)
