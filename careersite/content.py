"""Reading a site's content folder: every posting and free page, problems from all files at once."""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path
from typing import Callable

from .cache import BuildCache

from .fingerprint import code_fingerprint, digest

from .parsed_posting import ParsedPosting, card_key
from .config import SiteConfig
from .frontmatter_yaml import FrontMatterError, split_document
from .markdown_limits import MarkdownRefused, markdown_problem
from .text import description_text, excerpt
from .languages import check_translations
from .posting import Posting, file_language, posting_slug
from .posting_file import parse_posting
from .problems import Problems, brief, did_you_mean
from .sourcefile import control_line, control_problem, decode_text, is_editor_leftover, read_bytes, read_text
from .workers import Workers, iter_tasks, worker_state
from .site import Page
from .site import check_group_names
from .slugs import slugify

JOBS_DIR = "content/jobs"
PAGES_DIR = "content/pages"
PAGE_FIELDS = ("title", "description")
# top-level names the build writes itself; a free page may not take them
RESERVED_SLUGS = {"jobs", "departments", "locations", "assets", "static", "feed-xml", "sitemap-xml", "404", "410",
                  "applied", "pagefind"}  # the form's thank-you page, the search index


def content_files(source: Path, folder: str, problems: Problems) -> list[tuple[str, os.stat_result | None]]:
    """The names of the Markdown files of one content folder, sorted, with their stat (None if it
    vanished); anything else there is reported. One scan of the folder: no call per file but the stat."""
    directory = source / folder
    if not directory.is_dir():
        return []
    root = source.resolve()
    found = []
    with os.scandir(directory) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        shown = f"{folder}/{entry.name}"
        if entry.name.startswith(".") or is_editor_leftover(entry.name):
            continue
        if entry.is_symlink() and root not in (directory / entry.name).resolve().parents:
            problems.add(shown, 0, "", "is a symbolic link to a file outside the site folder; copy the file in instead")
            continue
        if entry.is_dir():
            problems.add(shown, 0, "", f"is a folder; {folder}/ holds .md files only")
            continue
        if not entry.name.lower().endswith(".md"):
            problems.add(shown, 0, "", f"is not a Markdown file; {folder}/ holds .md files only")
            continue
        try:
            st = entry.stat()
        except OSError:
            st = None
        found.append((entry.name, st))
    return found


def read_postings(source: Path, config: SiteConfig, problems: Problems) -> list[Posting]:
    """Every valid posting of a site (problems for the others), without cache or processes."""
    return [p.posting for p in load_postings(source, config, problems, BuildCache(None), jobs=1, keep_body=True)]


def load_postings(
    source: Path, config: SiteConfig, problems: Problems, cache: BuildCache, jobs: int = 0,
    on_done: Callable[[], None] | None = None, keep_body: bool = False, workers: Workers | None = None,
) -> list[ParsedPosting]:
    """Every posting parsed, validated and rendered to HTML; files unchanged since the last build
    come from the cache, the rest are parsed on all cores. Problems of all files are collected."""
    tasks: list[tuple[str, str, str]] = []  # key, shown, slug
    results: list[ParsedPosting | None] = []  # each task's parsed posting, if the cache has it
    slugs: dict[str, str] = {}
    # all a posting's parsing depends on (the languages: a file's language, its URL)
    salt = digest(code_fingerprint(), repr(config.defaults), str(config.raw_html), repr(config.all_languages))
    for name, before in content_files(source, JOBS_DIR, problems):  # stat taken before reading: a save during the read shows next time
        shown = f"{JOBS_DIR}/{name}"
        key = cache.known_file(shown, before, salt) if before is not None else None
        known = cache.get_posting(key) if key is not None else None
        slug = known.posting.slug if known is not None and known.posting is not None else posting_slug(name)
        if slug and slug in slugs:
            problems.add(shown, 0, "", f"gives the URL /jobs/{slug}/, which {slugs[slug]} already has; rename one of the files")
            continue
        slugs[slug] = shown
        # read to learn its key; not kept: the worker that parses it reads it again. A cache that
        # keeps nothing (check, --no-cache) has no use for the key: the file is read once, to parse
        if key is None and cache.folder is not None:
            raw = read_bytes(source / JOBS_DIR / name, shown, problems)
            if raw is None:
                continue
            key = digest(salt, shown, raw)
            cache.remember_file(shown, before, salt, key)
            known = cache.get_posting(key)
        tasks.append((key or "", shown, slug))
        results.append(known)

    # what workers parse: file names, not bytes, so this process never holds every file at once
    missing = [(str(source / task[1]), salt, *task) for task, result in zip(tasks, results) if result is None]
    runs = workers.map(parse_task, missing, on_done) if workers else iter_tasks(parse_task, missing, parse_setup, (config, keep_body), jobs, on_done)
    with closing(runs) as parsed:
        for i, result in enumerate(results):
            if result is None:  # taken as the workers finish them: stored while the rest are parsed
                fresh = next(parsed)
                light = cache.put_posting(fresh.key, fresh) if fresh.key else fresh  # no key: not to be kept
                results[i] = fresh if keep_body else light  # the HTML waits in the cache, compactly

    loaded = []
    for result in results:
        problems.items.extend(result.problems)
        if result.posting is not None:
            loaded.append(result)
    postings = [p.posting for p in loaded]
    _check_unique_ids(postings, problems)
    check_group_names(postings, problems)  # one listing URL, one spelling
    _check_unique_urls(postings, problems)
    if config.languages:
        check_translations(postings, problems)
    return loaded


def parse_setup(config: SiteConfig, keep_body: bool = False) -> dict:
    return {"config": config, "keep_body": keep_body}


def parse_task(task: tuple[str, str, str, str, str]) -> ParsedPosting:
    """One posting file -> ParsedPosting; runs in a worker process. The file is read here again: if
    it changed since its key was taken, the key of what is parsed is what the result carries."""
    from .markdown import render_markdown  # here: a build with nothing to parse never loads Python-Markdown

    path, salt, key, shown, slug = task
    problems = Problems()
    raw = read_bytes(Path(path), shown, problems)
    if raw is None:
        return ParsedPosting(key, None, tuple(problems.items))
    key = digest(salt, shown, raw)
    posting = parse_posting(raw, shown, slug, worker_state()["config"], problems)
    if posting is None:
        return ParsedPosting(key, None, tuple(problems.items))
    try:
        html = render_markdown(posting.body, worker_state()["config"].raw_html)
    except MarkdownRefused as refused:
        text = decode_text(raw, shown, Problems()) or ""  # the body is its end: count its lines from there
        problems.add(shown, body_line(text.count("\n") - posting.body.count("\n") + 1, posting.body, refused.line), "",
                     refused.message)
        # out of time on a busy machine is no verdict on the file: without a key it is not cached
        return ParsedPosting(key if refused.lasting else "", None, tuple(problems.items))
    text = description_text(html)
    if not worker_state()["keep_body"]:  # the HTML stands for it from here on: less to send back and keep
        posting = posting.without_body()
    return ParsedPosting(key, posting, (), html, posting.summary or excerpt(html), digest(text), card_key(posting))


def body_line(first: int, body: str, line: int) -> int:
    """The file's line for a body's `line` (1 = the body's first line, `first` in the file); for
    0, the body's first written line: a problem of the whole text is shown where the text starts."""
    if line:
        return first + line - 1
    return first + len(body) - len(body.lstrip("\n"))


def _check_unique_ids(postings: list[Posting], problems: Problems) -> None:
    """An id names one posting: its translations share it (languages.check_translations)."""
    first: dict[str, Posting] = {}
    for posting in postings:
        if not posting.id:
            continue
        other = first.get(posting.id)
        if other and other.translation_group == posting.translation_group and other.language != posting.language:
            continue
        if posting.id in first:
            problems.add(posting.source, posting.id_line, "id", f"{posting.id!r} is also the id of {first[posting.id].source}; ids must be unique")
        else:
            first[posting.id] = posting


def _check_unique_urls(postings: list[Posting], problems: Problems) -> None:
    """Two files of one language may not give one URL (designer.de.md, and designer-de.md with language: de)."""
    first: dict[str, Posting] = {}
    for posting in postings:
        if posting.url in first and posting.slug != first[posting.url].slug:
            problems.add(posting.source, posting.positions.lines.get("language", 0), "",
                         f"gives the URL {posting.url}, which {first[posting.url].source} already has; rename one of the files")
        first.setdefault(posting.url, posting)


def read_pages(source: Path, problems: Problems, languages: tuple[str, ...] = (), default: str = "") -> list[Page]:
    """The free pages of content/pages/: about.md at /about/, and on a site in several languages
    (`languages`: every one, the `default` first) its translation about.de.md at /de/about/
    (about.en.md, named with the default language, is /about/)."""
    pages = []
    page_slugs: dict[tuple[str, str], str] = {}  # (language, slug) -> the file that gave it first
    for name, _ in content_files(source, PAGES_DIR, problems):
        path = source / PAGES_DIR / name
        shown = f"{PAGES_DIR}/{name}"
        text = read_text(path, shown, problems)
        if text is None:
            continue
        try:
            doc = split_document(text)
        except FrontMatterError as err:
            problems.add(shown, err.line, "", str(err))
            continue
        ok = True
        for key in doc.data:
            if key not in PAGE_FIELDS:
                problems.add(shown, doc.lines.get(str(key), 0), str(key), f"unknown field{did_you_mean(str(key), PAGE_FIELDS)}; a page takes {', '.join(PAGE_FIELDS)}")
                ok = False
        for key in PAGE_FIELDS:
            value = doc.data.get(key, "")
            problem = f"{brief(value)} is not text" if not isinstance(value, str) else control_problem(value)
            if problem:
                problems.add(shown, doc.lines.get(key, 0), key, problem)
                ok = False
        refused = control_line(doc.body, "the text") or markdown_problem(doc.body)  # here, where its lines are known; rendered later
        if refused is not None:
            first = doc.body_line - (len(doc.body) - len(doc.body.lstrip("\n")))
            problems.add(shown, body_line(first, doc.body, refused[0]), "", refused[1])
            ok = False
        if not str(doc.data.get("title", "")).strip():
            problems.add(shown, doc.lines.get("title", 2), "title", "missing; a page needs a title")
            ok = False
        language, slug = file_language(name, languages) or ("", slugify(path.stem))
        language = "" if language == default else language
        url = f"/{language}/{slug}/" if language else f"/{slug}/"
        if slug in RESERVED_SLUGS or not slug or (not language and slug in (*languages, default)):
            problems.add(shown, 0, "", f"the file name gives the URL {url}, which careersite uses itself; rename the file")
            ok = False
        elif (language, slug) in page_slugs:  # 'About.md' and 'about.md', 'Café.md' and 'Cafe.md': one URL
            problems.add(shown, 0, "", f"gives the URL {url}, which {page_slugs[(language, slug)]} already has; rename one of the files")
            ok = False
        page_slugs.setdefault((language, slug), shown)
        if ok:
            pages.append(Page(slug, shown, doc.data["title"].strip(), doc.data.get("description", "").strip(), doc.body, language))
    return pages
