"""The build cache in `.careersite-cache/`: parsed postings keyed by their bytes, and what was
written to each output folder last time, so a rebuild redoes only what its inputs changed.

Correctness over speed: every key hashes all that the result depends on, including careersite's
own code, and anything unreadable in the cache is ignored rather than trusted. A cache copied from
elsewhere (Netlify's build cache restores it into each fresh clone, every file with a new time and
inode) is opened only if it was made by the same code, Python and libraries (environment()), and
its files' times are never trusted: sources are read again, output files are hashed again."""

from __future__ import annotations

import os
import pickle
import stat
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, TypeVar

from .fingerprint import code_fingerprint, digest, pagefind_candidates
from .fsclock import RACY_NS
from .parsed_posting import ParsedPosting

CACHE_DIR = ".careersite-cache"
T = TypeVar("T")
_FORMAT = 11  # 11: the environment the cache was made in is kept with it


def environment() -> str:
    """What everything in the cache was made with: careersite's code, Python and the installed
    libraries (code_fingerprint, which holds the pip-installed Pagefind's version), and the Pagefind
    binaries a build could run instead, by path and size (one put on the PATH or named by
    PAGEFIND_BINARY_PATH has no version careersite can see). A cache made with another one is not
    opened, so a restored cache from another careersite, Python or Pagefind gives a cold build."""
    sizes = []
    for binary in pagefind_candidates():
        try:
            sizes.append((binary, os.stat(binary).st_size if binary else None))
        except OSError:
            sizes.append((binary, None))
    return digest(code_fingerprint(), repr(sizes))


class CacheCorrupt(Exception):
    """A part of the cache vanished or changed under this build (another build, a crash, a disk
    error): the build starts again from scratch rather than trust any of it."""


@dataclass(frozen=True)
class Written:
    """One file in an output folder as careersite last wrote it."""

    key: str  # hash of everything the content depends on
    content: str  # hash of the bytes
    size: int
    mtime_ns: int


@dataclass
class BuildCache:
    """state.pickle (postings without their HTML, output manifests, file stats, whole-site results)
    is loaded by every build. The HTML and search text of the postings live in 256 shards,
    bodies/<first two hex digits of the key>.pickle, each loaded only when one of its pages must be
    rendered again and rewritten only when one of its postings changed."""

    folder: Path | None  # None: no cache kept (every build is cold)
    # key -> posting without its body, pickled on its own: saving 10,000 of them is then a copy,
    # not 10,000 objects walked again; each is unpickled once, when a build asks for it
    packed: dict[str, bytes] = field(default_factory=dict)
    postings: dict[str, ParsedPosting] = field(default_factory=dict)  # the ones unpickled or parsed by this process
    outputs: dict[str, dict[str, Written]] = field(default_factory=dict)  # output folder -> path -> Written
    files: dict[str, tuple[int, int, int, str, str]] = field(default_factory=dict)  # path -> size, mtime, read at, salt, key
    derived: dict[str, object] = field(default_factory=dict)  # key -> a whole-site result (search index, share image)
    used: set[str] = field(default_factory=set)
    dirty: bool = False  # anything to write back
    shards: dict[str, int] = field(default_factory=dict)  # shard -> generation written with this state
    # HTML as UTF-8: a str holding one curly quote takes two bytes a character
    fresh: dict[str, bytes] = field(default_factory=dict)  # HTML of the postings parsed by this process
    loaded: dict[str, dict[str, bytes]] = field(default_factory=dict)  # shard -> its postings' HTML
    # the file system's time as the current build began (fsclock): files are read after it, so a
    # file whose time is two seconds older than this was already old when it was read
    read_at: int = 0

    @classmethod
    def open(cls, folder: Path | None) -> "BuildCache":
        cache = cls(folder)
        if folder is None:
            return cache
        try:
            with open(folder / "state.pickle", "rb") as file:
                state = pickle.load(file)
            if state.get("format") != _FORMAT or state.get("environment") != environment():
                return cache
            for shard, generation in state["shards"].items():
                with open(folder / "bodies" / f"{shard}.pickle", "rb") as file:
                    if pickle.load(file) != generation:  # only the header: the bodies wait until needed
                        return cache
            cache.packed = state["postings"]
            cache.outputs = state["outputs"]
            cache.files = state["files"]
            cache.derived = state["derived"]
            cache.shards = state["shards"]
        except Exception:  # a missing, old or damaged cache only costs a cold build
            cache.packed, cache.outputs, cache.files, cache.derived, cache.shards = {}, {}, {}, {}, {}
        return cache

    def known_file(self, shown: str, st: os.stat_result, salt: str) -> str | None:
        """The key of a file whose size and modification time (`st`) are what they were when it was
        last read, long enough after its last change that a later save must have moved its time (as
        git does for racily clean files); None when it has to be read again."""
        entry = self.files.get(shown)
        if entry is None or entry[3] != salt or entry[4] not in self.packed:
            return None
        size, mtime, read_at, _, key = entry
        if st.st_size == size and st.st_mtime_ns == mtime and mtime + RACY_NS < read_at:
            return key
        return None

    def adopt_restored(self, output: Path) -> int:
        """After the output folder was copied back with its cache (Netlify's build cache restores
        files with new times): a file whose size is as written but whose time is not is hashed,
        and if its bytes are what careersite wrote its new time is taken, so the page is not made
        again. Any other file keeps its old entry, which write_site then finds broken: the file is
        made again. Returns how many files were taken back. (Call only when the folder holds
        careersite's marker: write_site ignores the manifest of a folder without it.)"""
        entries = self.outputs.get(str(output.resolve()))
        adopted = 0
        for name, entry in (entries or {}).items():
            path = os.path.join(output, *name.split("/"))
            try:
                st = os.lstat(path)
                if not stat.S_ISREG(st.st_mode) or st.st_size != entry.size or st.st_mtime_ns == entry.mtime_ns:
                    continue
                with open(path, "rb") as file:
                    same = digest(file.read()) == entry.content
            except OSError:
                continue
            if same and os.lstat(path).st_mtime_ns == st.st_mtime_ns:  # not changed while being read
                entries[name] = replace(entry, mtime_ns=st.st_mtime_ns)
                adopted += 1
        self.dirty = self.dirty or adopted > 0
        return adopted

    def set_output(self, folder: str, written: dict[str, Written]) -> None:
        if self.outputs.get(folder) != written:
            self.outputs[folder] = written
            self.dirty = True

    def remember_file(self, shown: str, before: os.stat_result | None, salt: str, key: str) -> None:
        """Record the file's state as it was just before it was read."""
        if self.folder is not None and before is not None:
            self.files[shown] = (before.st_size, before.st_mtime_ns, self.read_at, salt, key)
            self.dirty = True

    def derive(self, key: str, make: Callable[[], T]) -> T:
        """`make()`, or what it gave the last time with the same key (which must hash all its inputs)."""
        self.used.add(key)
        if key not in self.derived:
            self.derived[key] = make()
            self.dirty = True
        return self.derived[key]  # type: ignore[return-value]

    def get_posting(self, key: str) -> ParsedPosting | None:
        self.used.add(key)
        if key not in self.postings and key in self.packed:
            try:
                self.postings[key] = pickle.loads(self.packed[key])
            except Exception as err:
                raise CacheCorrupt(f"posting {key}: {err}") from None
        return self.postings.get(key)

    def put_posting(self, key: str, parsed: ParsedPosting) -> ParsedPosting:
        """Keep a parsed posting; gives it back without body and HTML (see body())."""
        self.used.add(key)
        self.dirty = True
        # kept without the Markdown body and HTML: the HTML stands for the body, and waits in a shard
        posting = parsed.posting.without_body() if parsed.posting else None
        self.postings[key] = replace(parsed, posting=posting, html=None)
        self.packed[key] = pickle.dumps(self.postings[key], protocol=pickle.HIGHEST_PROTOCOL)
        if parsed.html is not None:
            self.fresh[key] = parsed.html.encode("utf-8")
        return self.postings[key]

    def body(self, entry: ParsedPosting) -> str:
        """A posting's HTML, from the entry itself, this build or its shard."""
        if entry.html is not None:
            return entry.html
        if entry.key in self.fresh:
            return self.fresh[entry.key].decode("utf-8")
        try:
            return self._shard(entry.key[:2])[entry.key].decode("utf-8")
        except KeyError:
            raise CacheCorrupt(f"no HTML for {entry.key} in its shard") from None

    def _shard(self, shard: str) -> dict[str, bytes]:
        if shard not in self.loaded:
            bodies: dict[str, bytes] = {}
            if self.folder is not None and shard in self.shards:
                try:
                    with open(self.folder / "bodies" / f"{shard}.pickle", "rb") as file:
                        if pickle.load(file) != self.shards[shard]:
                            raise CacheCorrupt(f"shard {shard} was rewritten by another build")
                        bodies = pickle.load(file)
                except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError) as err:
                    raise CacheCorrupt(f"shard {shard}: {err}") from None
            self.loaded[shard] = bodies
        return self.loaded[shard]

    def reset(self) -> None:
        """Forget everything: the next build is cold, and its save replaces what is on disk."""
        folder = self.folder
        self.__init__(folder)  # type: ignore[misc]
        self.dirty = True

    def save(self) -> None:
        """Write the cache, keeping only what this build used: the shards whose postings changed,
        then state.pickle (each file written aside and renamed, state last, so a crash between
        them leaves a state that the shards' generations no longer match: a cold build)."""
        if self.folder is None:
            return
        postings = {k: v for k, v in self.packed.items() if k in self.used}
        outputs = {folder: files for folder, files in self.outputs.items() if Path(folder).is_dir()}  # e.g. serve's temp folders go
        files = {shown: entry for shown, entry in self.files.items() if entry[4] in self.used}
        derived = {k: v for k, v in self.derived.items() if k in self.used}
        if not self.dirty and (len(postings), len(outputs), len(files), len(derived)) == (
                len(self.packed), len(self.outputs), len(self.files), len(self.derived)):
            return  # nothing changed: a rebuild with no change writes nothing
        (self.folder / "bodies").mkdir(parents=True, exist_ok=True)
        (self.folder / ".gitignore").write_text("*\n")
        dropped = set(self.packed) - set(postings)
        fresh: dict[str, dict[str, bytes]] = {}
        for key, html in self.fresh.items():
            fresh.setdefault(key[:2], {})[key] = html
        for shard in sorted(fresh.keys() | {k[:2] for k in dropped}):
            bodies = {k: v for k, v in {**self._shard(shard), **fresh.get(shard, {})}.items() if k in postings}
            if bodies:
                self.shards[shard] = time.time_ns()
                self._write(f"bodies/{shard}.pickle", self.shards[shard], bodies)
                self.loaded[shard] = bodies
            else:
                self.shards.pop(shard, None)
                (self.folder / "bodies" / f"{shard}.pickle").unlink(missing_ok=True)
        self.fresh = {}
        self.packed, self.outputs, self.files, self.derived, self.dirty = postings, outputs, files, derived, False
        self.postings = {k: v for k, v in self.postings.items() if k in postings}
        self._write("state.pickle", {"format": _FORMAT, "environment": environment(), "shards": self.shards, "postings": postings,
                                      "outputs": outputs, "files": files, "derived": derived})

    def _write(self, name: str, *objects: object) -> None:
        temp = self.folder / f"{name}.tmp"
        with open(temp, "wb") as file:
            for item in objects:
                pickle.dump(item, file, protocol=pickle.HIGHEST_PROTOCOL)
        temp.replace(self.folder / name)
