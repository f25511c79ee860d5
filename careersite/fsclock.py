"""The file system's own clock, for deciding whether a file changed too recently to trust its time.

A file's modification time is stamped by the file system (a network share's server, a container's
host), not by this process's clock. Comparing it with `time.time()` goes wrong whenever the two
disagree: a process clock ahead trusts a file that may still change unseen within the same time
stamp; one behind never trusts any. So both sides of the comparison come from the file system.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# A file whose time is this close to the moment it was read (the file system's clock) may still
# change unseen within the same time stamp (as git treats racily clean files): it is read again.
RACY_NS = 2_000_000_000


def filesystem_now_ns(folder: Path) -> int | None:
    """The time the file system in `folder` stamps on a file made now (a probe, removed at once);
    None when the folder cannot be written, and then no file time is trusted."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".clock-") as probe:
            return os.fstat(probe.fileno()).st_mtime_ns
    except OSError:
        return None
