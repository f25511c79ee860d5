"""The theme: a Jinja environment that finds a site's own templates before the built-in theme's,
and the theme's static assets, fingerprinted so they can be cached forever."""

from __future__ import annotations

import dataclasses
import hashlib
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from . import formatting
from .fingerprint import code_fingerprint, digest
from .messages import LOCALES, SITE_LOCALES, catalog_errors, locale_for, messages_for, script_words, site_catalogs
from .apply_form import CV_ACCEPT, apply_form
from .config import SiteConfig
from .problems import Problem
from .site import location_keys
from .slugs import slugify

BUILTIN_THEMES = Path(__file__).resolve().parent / "themes"
if not BUILTIN_THEMES.is_dir():  # running from a source checkout: the themes live at its top level
    BUILTIN_THEMES = Path(__file__).resolve().parent.parent / "themes"


def theme_dirs(source: Path, name: str) -> list[Path]:
    """Theme folders to search, most specific first: the site's, then careersite's own."""
    candidates = [source / "themes" / name, BUILTIN_THEMES / name, BUILTIN_THEMES / "default"]
    seen: list[Path] = []
    for path in candidates:
        if path.is_dir() and path.resolve() not in [p.resolve() for p in seen]:
            seen.append(path)
    return seen


@dataclass(frozen=True)
class Assets:
    """Theme static files: logical name -> fingerprinted site path, and the files to write."""

    urls: dict[str, str]
    files: dict[str, bytes]  # output path -> content

    def url(self, name: str) -> str:
        return self.urls[name]


def collect_assets(dirs: list[Path]) -> Assets:
    """style.css -> /assets/style.3f2a9c1b.css; a site's file shadows the built-in one of the same name."""
    urls: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for theme in dirs:
        static = theme / "static"
        if not static.is_dir():
            continue
        for path in sorted(p for p in static.rglob("*") if p.is_file() and not p.is_symlink()):
            name = path.relative_to(static).as_posix()
            if name in urls:
                continue
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()[:10]
            stem, dot, ext = name.rpartition(".")
            out = f"assets/{stem}.{digest}.{ext}" if dot else f"assets/{name}.{digest}"
            urls[name] = "/" + out
            files[out] = data
    return Assets(urls, files)


@dataclass(frozen=True)
class Theme:
    dirs: list[Path]
    assets: Assets
    fingerprint: str  # changes whenever any template or static file of the theme does, or a catalog
    catalogs: tuple[tuple[str, str], ...] = ()  # the site's own locales/<language>.po: (language, text)
    catalog_problems: tuple[Problem, ...] = ()  # what is wrong with them (that catalog is left out)


def load_theme(source: Path, name: str) -> Theme:
    dirs = theme_dirs(source, name)
    parts: list[bytes | str] = []
    for theme in dirs:
        templates = theme / "templates"
        for path in sorted(templates.rglob("*")) if templates.is_dir() else []:
            if path.is_file():
                parts += [path.relative_to(theme).as_posix(), path.read_bytes()]
    assets = collect_assets(dirs)
    for name_, url in sorted(assets.urls.items()):
        parts += [name_, url]
    catalogs, problems = [], []
    for language, text in site_catalogs(source):
        parts += [language, text]  # every one, good or not: the build keeps what it found with this digest
        errors = catalog_errors(language, text)
        problems += [Problem(f"{SITE_LOCALES}/{language}.po", line, "", message, "invalid-catalog") for line, message in errors]
        if not errors:
            catalogs.append((language, text))
    for path in sorted(LOCALES.rglob("*.po*")):  # careersite's catalogs are data, not code: not in code_fingerprint
        parts += [path.relative_to(LOCALES).as_posix(), path.read_bytes()]
    return Theme(dirs, assets, digest(*parts), tuple(catalogs), tuple(problems))


def make_environment(dirs: list[Path], config: SiteConfig, assets: Assets, compiled: Path | None = None, *,
                     catalogs: tuple[tuple[str, str], ...] = (), language: str | None = None) -> jinja2.Environment:
    """The theme's Jinja2 environment for the pages in one language (`language`, else the site's):
    its words come from the catalogs (messages.py; `catalogs`: the site's own), its dates and
    salaries are formatted for it. `compiled`: a folder where compiled templates are kept, so a
    process that renders needs not compile them again (Jinja2 checks each against its source; the
    file names carry careersite's code fingerprint, which covers the Jinja2 version and options)."""
    language = language or config.language
    words = messages_for(language, catalogs)
    env = jinja2.Environment(
        extensions=["jinja2.ext.i18n"],
        loader=jinja2.FileSystemLoader([str(d / "templates") for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(compiled, config, assets, language) if compiled is not None else None,
    )
    # the catalogs are read (and Babel imported) when a page first asks for a word, not before: a
    # rebuild that renders nothing never pays for them
    env.install_gettext_callables(gettext=words.gettext, ngettext=words.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        salary=lambda s: formatting.salary_text(s, language, words),
        date=lambda d: formatting.date_text(d, language),
        employment=lambda p: formatting.employment_text(p, words),
        workplace=lambda p: formatting.workplace_text(p, words),
        locations=lambda p: formatting.locations_text(p, words),
        absolute=config.absolute,
        og_locale=formatting.og_locale,
        slug=slugify,
        apply_form=lambda p, privacy="": apply_form(p, config, words, privacy),  # in the page's language
        location_slugs=lambda p: " ".join(dict.fromkeys(slug for slug, _ in location_keys(p))),
    )
    # the site's own title and description in the page's language, as the site's catalog translates them
    shown = dataclasses.replace(config, title=words.site_text(config.title), description=words.site_text(config.description))
    env.globals.update(site=shown, asset=assets.url, cv_accept=CV_ACCEPT, script_words=lambda name: script_words(name, words),
                       text_direction=lambda: "rtl" if locale_for(language).character_order == "right-to-left" else "ltr")
    return env


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates in a folder, where a folder that cannot be written
    (read-only, removed during the build) only means compiling again, never a failed build."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _bytecode_cache(folder: Path, config: SiteConfig, assets: Assets, language: str) -> jinja2.FileSystemBytecodeCache | None:
    """Compiled templates under names that carry careersite's code fingerprint and a hash of what
    the environment is made of; those left by another version or another config are removed. None
    if the folder cannot be made. The config must be in the name: Jinja2 evaluates a filter on a
    constant while compiling, so `'/feed.xml'|absolute` is compiled into the code with the base_url
    of the day (a rebuild after base_url changed kept the old one in every page's head)."""
    prefix = digest(repr((code_fingerprint(), config, sorted(assets.urls.items()), language)))[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if not old.name.startswith(prefix):
                old.unlink(missing_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder), f"{prefix}-%s.cache")


def safe_html(fragment: str) -> Markup:
    """Mark sanitised HTML (a rendered Markdown body) as safe to insert unescaped."""
    return Markup(fragment)


def template_problem(err: jinja2.TemplateError, source: Path) -> Problem:
    """A template error as a Problem naming the template file and line."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        return Problem(_shown(err.filename or err.name or "template", source), err.lineno or 0, "", f"template syntax error: {err.message}")
    filename, line = "template", 0
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.endswith(".html"):
            filename, line = frame.filename, frame.lineno or 0
    return Problem(_shown(filename, source), line, "", f"template error: {err}")


def _shown(filename: str, source: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(source.resolve()).as_posix()
    except ValueError:
        return filename


def template_syntax_problems(theme: Theme, config: SiteConfig, source: Path, compiled: Path | None = None) -> list[Problem]:
    """Compile every template up front: a syntax error is reported with the content's problems
    (and the workers find the templates compiled in `compiled`); and the site's catalogs' problems."""
    env = make_environment(theme.dirs, config, theme.assets, compiled, catalogs=theme.catalogs)
    found = list(theme.catalog_problems)
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as err:
            found.append(template_problem(err, source))
    return found
