"""The build cache in `.careersite-cache/`: parsed postings keyed by their bytes, and what was
written to each output folder last time, so a rebuild redoes only what its inputs changed.

Correctness over speed: every key hashes all that the result depends on, including careersite's
own code, and anything unreadable in the cache is ignored rather than trusted."""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from .posting import Posting
from .problems import Problem

CACHE_DIR = ".careersite-cache"
T = TypeVar("T")
_FORMAT = 3
_RACY_NS = 2_000_000_000  # a file changed this close to being read is read again next time


def digest(*parts: bytes | str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def code_fingerprint() -> str:
    """Changes whenever careersite's own code does (an upgrade, or an edit in a checkout)."""
    package = Path(__file__).resolve().parent
    stats = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(package.rglob("*.py"))]
    return digest(repr(stats))


@dataclass(frozen=True)
class ParsedPosting:
    """What reading one posting file gives: the posting (None if invalid), its problems, its HTML."""

    key: str  # hash of the file's bytes and all that parsing it depends on
    posting: Posting | None
    problems: tuple[Problem, ...]
    html: str = ""
    summary: str = ""
    search_text: str = ""  # the description as plain text for full-text search


@dataclass(frozen=True)
class Written:
    """One file in an output folder as careersite last wrote it."""

    key: str  # hash of everything the content depends on
    content: str  # hash of the bytes
    size: int
    mtime_ns: int


@dataclass
class BuildCache:
    folder: Path | None  # None: no cache kept (every build is cold)
    postings: dict[str, ParsedPosting] = field(default_factory=dict)
    outputs: dict[str, dict[str, Written]] = field(default_factory=dict)  # output folder -> path -> Written
    files: dict[str, tuple[int, int, int, str, str]] = field(default_factory=dict)  # path -> size, mtime, read at, salt, key
    derived: dict[str, object] = field(default_factory=dict)  # key -> a whole-site result (search index, share image)
    last_search: str | None = None  # key of the search index the last build published
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, folder: Path | None) -> "BuildCache":
        cache = cls(folder)
        if folder is None:
            return cache
        try:
            with open(folder / "state.pickle", "rb") as file:
                state = pickle.load(file)
            if state.get("format") == _FORMAT:
                cache.postings = state["postings"]
                cache.outputs = state["outputs"]
                cache.files = state["files"]
                cache.derived = state["derived"]
        except Exception:  # a missing, old or damaged cache only costs a cold build
            pass
        return cache

    def known_file(self, shown: str, path: Path, salt: str) -> str | None:
        """The key of a file whose size and modification time are what they were when it was last
        read, long enough after its last change that a later save must have moved its time (as
        git does for racily clean files); None when it has to be read again."""
        entry = self.files.get(shown)
        if entry is None or entry[3] != salt or entry[4] not in self.postings:
            return None
        st = self.stat(path)
        if st is None:
            return None
        size, mtime, read_at, _, key = entry
        if st.st_size == size and st.st_mtime_ns == mtime and mtime + _RACY_NS < read_at:
            return key
        return None

    @staticmethod
    def stat(path: Path) -> os.stat_result | None:
        try:
            return path.stat()
        except OSError:
            return None

    def remember_file(self, shown: str, before: os.stat_result | None, salt: str, key: str) -> None:
        """Record the file's state as it was just before it was read."""
        if self.folder is not None and before is not None:
            self.files[shown] = (before.st_size, before.st_mtime_ns, time.time_ns(), salt, key)

    def derive(self, key: str, make: Callable[[], T]) -> T:
        """`make()`, or what it gave the last time with the same key (which must hash all its inputs)."""
        self.used.add(key)
        if key not in self.derived:
            self.derived[key] = make()
        return self.derived[key]  # type: ignore[return-value]

    def get_posting(self, key: str) -> ParsedPosting | None:
        self.used.add(key)
        return self.postings.get(key)

    def put_posting(self, key: str, parsed: ParsedPosting) -> None:
        self.used.add(key)
        self.postings[key] = parsed

    def save(self) -> None:
        """Write the cache atomically, keeping only the postings this build used."""
        if self.folder is None:
            return
        self.folder.mkdir(exist_ok=True)
        (self.folder / ".gitignore").write_text("*\n")
        outputs = {folder: files for folder, files in self.outputs.items() if Path(folder).is_dir()}  # e.g. serve's temp folders go
        files = {shown: entry for shown, entry in self.files.items() if entry[4] in self.used}
        derived = {k: v for k, v in self.derived.items() if k in self.used}
        state = {"format": _FORMAT, "postings": {k: v for k, v in self.postings.items() if k in self.used}, "outputs": outputs,
                 "files": files, "derived": derived}
        temp = self.folder / "state.pickle.tmp"
        with open(temp, "wb") as file:
            pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
        temp.replace(self.folder / "state.pickle")
