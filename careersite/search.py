"""Full-text search for candidates: open postings -> a Pagefind index, as files to publish under /pagefind/.

Pagefind's Python API (`pagefind.index.PagefindIndex`) can build an index from custom records in memory
(add_custom_record + get_files), but it polls the backing service for each answer every 100 ms (one
second per ten postings), and an answer larger than 2 MiB (get_files on a big site) kills its reader and
hangs the build. So careersite gives the Pagefind binary one tiny HTML document per record in a temporary
folder, runs its documented command line on it (`--site`, `--output-path`) and reads the bundle back:
about 50 ms for a dozen postings, the same bytes for the same records, and any size.

The index is sharded (search_shards.py): each open posting goes to a shard by a stable hash of its URL,
the number of shards is a power of two that keeps them at or under SHARD_SIZE postings (up to MAX_SHARDS,
as each merged bundle costs a search one more index chunk), and each shard is its own Pagefind bundle,
cached under the digest of its records. Pagefind takes a few milliseconds a
posting, so one index for the whole site made every edit cost seconds at a thousand postings (half a
minute and 3 GB at 10,000); now an edit re-runs Pagefind over its shard only, and the shards that must
be indexed (all of them on a cold build) run side by side, one Pagefind process per core, which also
bounds memory. The primary bundle, /pagefind/, holds the runtime (pagefind.js, its worker, the wasm);
the others, /pagefind/<n>/, only their index: Pagefind's mergeIndex gives merged bundles the primary's
backend (load_wasm: false), so the runtime is published once. The listing's script loads the primary on
the first search, shows its results, then merges the others, whose paths the listing page lists in
data-search-merge, and shows the results of all.

The binary comes from the `pagefind[bin]` package (PyPI), or PAGEFIND_BINARY_PATH, or `pagefind` on the
PATH. A missing or failing binary is a SearchError (a build problem), never a site without search."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Callable

from .cache import BuildCache

from .fingerprint import digest

from .parsed_posting import ParsedPosting
from .posting import Posting
from .formatting import workplace_text
from .text import description_text
from .problems import ContentError, Problem
from .render import Planned, PlanMemo, as_is
from .site import Site, location_keys
from .search_shards import BUNDLE, bundle_folder, shards

SCRIPT = f"/{BUNDLE}/pagefind.js"  # what the listing's script imports (a language's: /de/pagefind/pagefind.js)
TIMEOUT = 300  # seconds: generous for thousands of postings on a slow machine

# What the browser loads through pagefind.js. Pagefind also writes its ready-made UIs (pagefind-ui.js,
# pagefind-modular-ui.js, pagefind-component-ui.js, their CSS) and pagefind-highlight.js: about 400 KB
# that the default theme does not use (its own listing.js drives the JS API), so they are left out.
_UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
# What a merged bundle does without: the primary's runtime serves every bundle.
_RUNTIME = ("pagefind.js", "pagefind-worker.js", "wasm.")


@dataclass(frozen=True)
class SearchRecord:
    """One page to find: an open posting."""

    url: str  # the site path: /jobs/<slug>/
    title: str
    text: str  # the description as plain text, a line per paragraph or list item
    department: str = ""
    locations: tuple[str, ...] = ()  # as candidates read them: 'Berlin, Germany', 'Remote'
    workplace: str = ""  # 'Remote', 'Hybrid', 'On-site'


class SearchError(ContentError):
    """The search index could not be built: no Pagefind binary, or Pagefind failed."""

    def __init__(self, message: str):
        self.message = message
        super().__init__([Problem("search", 0, "", message)])

    def __reduce__(self):
        return (SearchError, (self.message,))


# Languages written without spaces between words, which only Pagefind's extended binary splits into
# words (its dictionaries): with the standard one a Japanese search finds a word only where it starts
# a run of text (プレッシャー in プレッシャーの中でも), never inside one (パレット in すべてのパレットが)
SEGMENTED = frozenset({"ja", "zh"})


def needs_segmenting(language: str) -> bool:
    return language.replace("_", "-").split("-")[0].lower() in SEGMENTED


def pagefind_binary(language: str = "") -> Path:
    """The Pagefind executable: PAGEFIND_BINARY_PATH, the pagefind_bin package, or `pagefind` on the
    PATH; for a language Pagefind must split into words (SEGMENTED), the extended binary first
    (pip install 'careersite[cjk]'), which `careersite check` asks for when it is missing."""
    given = os.environ.get("PAGEFIND_BINARY_PATH")
    if given:
        if not Path(given).is_file():
            raise SearchError(f"PAGEFIND_BINARY_PATH is {given!r}, which is not a file")
        return Path(given)
    if needs_segmenting(language) and (extended := extended_binary()):
        return extended
    try:
        import pagefind_bin  # type: ignore[import-not-found]

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        pass
    found = shutil.which("pagefind_extended") or shutil.which("pagefind")
    if found:
        return Path(found)
    raise SearchError(
        "the Pagefind binary that builds the search index was not found: install it with "
        "pip install 'pagefind[bin]' (or set PAGEFIND_BINARY_PATH), or build without search (--no-search)"
    )


def extended_binary() -> Path | None:
    """Pagefind's extended binary (the pagefind_bin_extended package, or `pagefind_extended` on the
    PATH), None when there is none."""
    try:
        import pagefind_bin_extended  # type: ignore[import-not-found]

        return Path(pagefind_bin_extended.get_executable())
    except (ImportError, FileNotFoundError):
        found = shutil.which("pagefind_extended")
        return Path(found) if found else None


def record_document(record: SearchRecord, language: str) -> str:
    """The HTML Pagefind reads for one record: the title (also its `title` meta), the text, and the
    department, locations and workplace as meta (kept out of the indexed words).

    Not as Pagefind filters: Pagefind 1.5 writes a filter's values in a random order (a Rust HashMap) as
    soon as a filter has two values, so the bundle would differ on every build. The listing filters by
    department, location and workplace itself, from data-* attributes on each row."""
    esc = html.escape
    meta = [("department", record.department), ("locations", " · ".join(record.locations)), ("workplace", record.workplace)]
    meta_html = "".join(f'<span data-pagefind-meta="{key}">{esc(value)}</span>' for key, value in meta if value)
    return (
        f'<!doctype html><html lang="{esc(language)}"><head><meta charset="utf-8"><title>{esc(record.title)}</title></head>'
        f'<body><main data-pagefind-body><h1 data-pagefind-meta="title">{esc(record.title)}</h1>'
        + "".join(f"<p>{esc(line)}</p>" for line in record.text.splitlines() if line.strip())
        + f"<div data-pagefind-ignore>{meta_html}</div></main></body></html>"
    )


def _document_path(url: str) -> PurePosixPath:
    """Where a record's document goes so that Pagefind gives it back `url`: /jobs/x/ -> jobs/x/index.html."""
    path = PurePosixPath(url.lstrip("/"))
    if not url.startswith("/") or "//" in url or "\\" in url or any(part in (".", "..") for part in path.parts):
        raise ValueError(f"a search record's url must be a site path such as /jobs/x/, not {url!r}")
    return path / "index.html" if url.endswith("/") else path


def search_key(records: list[SearchRecord], language: str, folder: str = BUNDLE) -> str:
    """Hashes everything the bundle depends on, so a cached bundle can stand in for a new run."""
    return digest("pagefind", str(pagefind_binary(language)), language, folder, repr(sorted(records, key=lambda r: r.url)))


def search_files(records: list[SearchRecord], language: str, folder: str = BUNDLE) -> dict[str, bytes]:
    """The Pagefind bundle for `records`: output paths under `folder` -> bytes. The same records give
    the same bytes. No records, no files. A bundle other than the primary (pagefind/) is published
    without the runtime, which the primary's serves."""
    if not records:
        return {}
    primary = folder.rpartition("/")[2] == BUNDLE  # pagefind/ or a language's de/pagefind/, not pagefind/<n>
    binary = pagefind_binary(language)
    with tempfile.TemporaryDirectory(prefix="careersite-search-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        for record in sorted(records, key=lambda r: r.url):
            document = site / _document_path(record.url)
            document.parent.mkdir(parents=True, exist_ok=True)
            document.write_text(record_document(record, language), encoding="utf-8")
        command = [str(binary), "--site", str(site), "--output-path", str(out), "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp,
                                  stdin=subprocess.DEVNULL)
        except OSError as err:
            raise SearchError(f"the Pagefind binary {binary} could not be run: {err}") from None
        except subprocess.TimeoutExpired:
            raise SearchError(f"Pagefind did not finish indexing {len(records)} postings in {TIMEOUT} seconds") from None
        if done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip() or "no message").splitlines()[-5:]
            raise SearchError(f"Pagefind failed (exit code {done.returncode}): {' / '.join(said)}")
        files = {
            f"{folder}/{path.relative_to(out).as_posix()}": path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED) and (primary or not path.name.startswith(_RUNTIME))
        }
        complete = (out / "pagefind.js").is_file() and (out / "pagefind-entry.json").is_file()
    if not complete:
        raise SearchError(f"Pagefind ran but wrote no {folder}/pagefind.js (found {len(files)} files)")
    return files


def record_url(posting: Posting, site: Site) -> str:
    """A posting's URL as its language's index holds it: within the language's prefix (/jobs/x/ for
    /de/jobs/x/), as Pagefind prefixes results with the folder its bundle is in (/de/)."""
    return posting.url.removeprefix(site.prefix)


def search_records(site: Site, parsed: dict[str, ParsedPosting], text: Callable[[ParsedPosting], str],
                   wanted: Callable[[Posting], bool] = lambda posting: True) -> list[SearchRecord]:
    """What full-text search finds: every open posting (that is `wanted`), by its title and description.
    `text` gives the description as plain text; the search index's key is made with its digest instead."""
    return [
        SearchRecord(record_url(p, site), p.title, text(parsed[p.slug]), p.department,
                     tuple(label for _, label in location_keys(p, site.words)), workplace_text(p, site.words))
        for p in site.open if wanted(p)
    ]


def plan_search(site: Site, parsed: dict[str, ParsedPosting], html_of: Callable[[ParsedPosting], str],
                cache: BuildCache, memo: PlanMemo, reuse: bool = False) -> list[Planned]:
    """The Pagefind bundles of the open postings' shards under pagefind/ (none without open postings),
    each from `cache` while its records are unchanged; with `reuse` the last index stands in even if
    postings changed (serve's quick rebuild: the full rebuild after it refreshes the index)."""
    if not site.open:
        return []
    language = site.page_language
    last = memo.search.get(site.prefix, ())
    if reuse and last and all(key in cache.derived for key in last):
        bundles = [cache.derive(key, dict) for key in last]
    else:
        by_digest = search_records(site, parsed, lambda entry: entry.search_digest or description_text(html_of(entry)))
        by_url = {record.url: record for record in by_digest}
        keyed = {search_key([by_url[url] for url in urls], language, folder): (folder, urls)
                 for folder, urls in shards(list(by_url), bundle=bundle_folder(site.prefix)).items()}
        memo.search = {**memo.search, site.prefix: tuple(keyed)}  # a new mapping: the last one is what a caller kept
        made = _index_shards([(key, folder, urls) for key, (folder, urls) in keyed.items() if key not in cache.derived],
                             site, parsed, html_of, language)
        bundles = [cache.derive(key, lambda key=key: made[key]) for key in keyed]
    return [as_is(path, data) for files in bundles for path, data in files.items()]


def _index_shards(todo: list[tuple[str, str, list[str]]], site: Site, parsed: dict[str, ParsedPosting],
                  html_of: Callable[[ParsedPosting], str], language: str) -> dict[str, dict[str, bytes]]:
    """Pagefind over the shards not in the cache: key -> bundle. Side by side, at most one Pagefind
    process per core: each is busy on its own, and the bound caps the memory they hold at once."""
    if not todo:
        return {}
    wanted = {url for _, _, urls in todo for url in urls}
    # the plain text of the postings in these shards only: the others' HTML stays unloaded
    records = {record.url: record for record in search_records(
        site, parsed, lambda entry: description_text(html_of(entry)), lambda posting: record_url(posting, site) in wanted)}
    with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
        bundles = pool.map(lambda job: search_files([records[url] for url in job[2]], language, job[1]), todo)
        return {key: files for (key, _, _), files in zip(todo, bundles)}
