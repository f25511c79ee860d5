"""SiteConfig and load_config(): careersite.toml read and validated once, every problem reported."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from .problems import Problems, did_you_mean
from .share_card import CardFont, read_card_font
from .slugs import url_path
from .settings import CHECK_ORDER, REQUIRED, SETTINGS, is_web_url, setting, url_fix
from .sourcefile import control_problem, decode_text, read_bytes

# is_web_url and url_fix live with the settings they check; posting.py takes them from here
__all__ = ["CONFIG_NAME", "ApplyOptions", "Company", "Defaults", "FeedOptions", "SiteConfig", "ThemeOptions", "is_web_url", "key_lines", "load_config", "url_fix"]

CONFIG_NAME = "careersite.toml"


@dataclass(frozen=True)
class Company:
    name: str
    url: str = ""
    logo: str = ""  # a site-relative path (static/logo.svg) or an absolute URL
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class Defaults:
    """Values used where a posting does not say otherwise."""

    apply_url: str = ""  # may hold {id} and {slug}
    employment_type: str = "full_time"
    currency: str = "USD"
    eeo_statement: str = ""
    id_pattern: str = ""  # how `careersite new` numbers postings: "ENG-{number:04d}"
    apply: str = "link"  # how candidates apply where a posting does not say: "link" or "form"


@dataclass(frozen=True)
class ApplyOptions:
    """`[apply]`: what the application form (`apply: form`) tells candidates and accepts. Netlify
    Forms takes requests of up to 8 MB, so the CV's limit stays below that."""

    privacy_notice: str = ""  # a site path (/privacy/) or an absolute URL: linked from the consent box
    retention: str = ""  # how long applications are kept, in words: "12 months"
    max_file_mb: int = 5  # the largest CV or file a candidate may upload, in MB (1 to 7)
    self_identification: bool = False  # the voluntary US self-identification questions (EEO)


@dataclass(frozen=True)
class ThemeOptions:
    """Branding a site sets without writing templates: `[theme] accent = "#0a66c2"`."""

    accent: str = ""  # a CSS hex colour for buttons and links
    accent_dark: str = ""  # the same for the dark colour scheme (default: derived by the theme)
    font: str = ""  # a CSS font-family list; the default is the system font stack (no web fonts)
    card_fonts: tuple[CardFont, ...] = ()  # the share cards' fonts, tried in order before Pillow's bundled one


@dataclass(frozen=True)
class FeedOptions:
    """[feeds]: which machine-read feeds of the open postings the site publishes. Indeed's and
    LinkedIn's are for boards the company has an agreement with: off until asked for. jobs.json
    carries every open posting's whole JobPosting, about 10 KB each (10 MB at 1,000 postings,
    rewritten on every edit): off until a widget or an integration asks for it."""

    indeed: bool = False  # indeed.xml
    linkedin: bool = False  # linkedin.xml
    json: bool = False  # jobs.json (JSON Feed 1.1)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str  # absolute, without a trailing slash
    company: Company
    language: str = "en"
    # `languages`: the site's other languages, each built under /<tag>/ (languages.py); () for a site in one
    languages: tuple[str, ...] = ()
    theme: str = "default"
    theme_options: ThemeOptions = field(default_factory=ThemeOptions)
    description: str = ""
    defaults: Defaults = field(default_factory=Defaults)
    expired_policy: str = "gone"
    raw_html: bool = False  # [build] raw_html: trust authors' HTML in Markdown (no sanitising)
    sync_sources: tuple[str, ...] = ()  # [sync] sources: the ATS boards `careersite sync` reads
    apply: ApplyOptions = field(default_factory=ApplyOptions)  # [apply]: the application form
    indexnow_key: str = ""  # [notify] indexnow_key: published as <key>.txt, sent by `careersite notify`
    google_daily_quota: int = 200  # [notify] google_daily_quota: Indexing API publish calls a day
    feeds: FeedOptions = field(default_factory=FeedOptions)  # [feeds]: the feeds for job boards
    # (table, key) -> line in careersite.toml (key_lines), for `check`'s findings; not part of the
    # settings' value (equality, repr, cache keys): moving a setting to another line changes no page
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def all_languages(self) -> tuple[str, ...]:
        """The default language, then the others as declared (the order of the language switcher)."""
        return (self.language, *(tag for tag in self.languages if tag != self.language))

    @property
    def file_languages(self) -> tuple[str, ...]:
        """The languages a content file's name may end in (designer.de.md), the default's too
        (designer.en.md is designer.md, as Hugo names them): none on a site in one language."""
        return self.all_languages if self.languages else ()

    def absolute(self, path: str) -> str:
        """An absolute URL for a site path ('/jobs/x/') or a static file ('static/logo.svg')."""
        if urlsplit(path).scheme in ("http", "https"):
            return path
        return self.base_url + "/" + url_path(path.lstrip("/"))  # percent-encoded: slugs keep every script


_TABLE_RE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY_RE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def key_lines(text: str) -> dict[tuple[str, str], int]:
    """(table, key) -> line number, so problems in a parsed TOML file can point at a line."""
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if m := _TABLE_RE.match(line):
            table = m.group(1)
            lines.setdefault((table, ""), number)
        elif m := _KEY_RE.match(line):
            lines.setdefault((table, m.group(1)), number)
    return lines


def _repeated_key_line(lines: list[str]) -> int:
    """The line of the first setting or [table] given a second time (0 if none is seen)."""
    table, seen = "", set()
    for number, text in enumerate(lines, start=1):
        text = text.strip()
        header = re.fullmatch(r"\[([^\[\]]+)\]\s*(#.*)?", text)
        if header:
            table = header.group(1).strip()
            name = ("[table]", table)
        elif re.match(r"[A-Za-z0-9_.\"'-]+\s*=", text):
            name = (table, text.split("=", 1)[0].strip())
        else:
            continue
        if name in seen:
            return number
        seen.add(name)
    return 0


def _toml_fix(reason: str, written: str) -> str:
    """What to write instead, for the TOML mistakes people make in a settings file: text left
    unquoted, a quote not closed, a key set twice."""
    key, equals, value = written.partition("=")
    if reason.startswith("Invalid value") and equals and value.strip():
        return f"; text is quoted in TOML: {key.strip()} = \"{value.strip()}\""
    if reason.startswith(("Unterminated string", "Illegal character")):
        return "; a quoted value is not closed: end it with the same quote on the same line"
    if reason.startswith("Cannot overwrite a value"):
        return "; a setting or [table] is given twice: keep one of them"
    if reason.startswith("Expected '=' after a key"):
        return "; write each setting as key = value"
    if reason.startswith("Expected newline or end of document"):
        return "; something follows the value on its line: a quote inside it? quote the text with the other kind, e.g. title = \"Acme's jobs\""
    return ""


def load_config(source: Path, problems: Problems, base_url: str | None = None) -> SiteConfig | None:
    """Read SOURCE/careersite.toml; None (with problems added) when it cannot be used."""
    read = _read_toml(source, problems)
    if read is None:
        return None
    text, given = read
    lines = key_lines(text)

    def report(table: str, key: str, message: str) -> None:
        name = f"{table}.{key}" if table else key
        problems.add(CONFIG_NAME, lines.get((table, key), lines.get((table, ""), 0)), name, message)

    before = len(problems.items)
    values, suggested = _typed_values(given, report)
    base = (base_url or values[""].get("base_url", "")).rstrip("/")
    for name in CHECK_ORDER:
        table, _, key = name.rpartition(".")
        if name == REQUIRED:
            _report_missing(given, values, suggested, report)
        elif name == "base_url":  # the address the site is built for, which --base-url overrides
            for message in setting(table, key).check(base):
                if base_url:  # given on the command line: blame the option, not careersite.toml
                    problems.add("--base-url", 0, "", f"{message}; give the address the site is published at, e.g. https://careers.acme.com")
                else:
                    report(table, key, message)
        elif key in values[table]:
            for message in setting(table, key).check(values[table][key]):
                report(table, key, message)
    _read_card_fonts(source, values["theme"], report)
    if len(problems.items) > before:
        return None
    return _site_config(values, base, lines)


def _read_card_fonts(source: Path, theme: dict, report: Callable[[str, str, str], None]) -> None:
    """[theme] card_fonts as CardFonts (each file read and hashed: its bytes are in the cards'
    keys), every file that is missing or no font reported."""
    paths = theme.get("card_fonts")
    if paths is None or not all(isinstance(path, str) and path.strip() for path in paths):  # reported by its check
        return
    fonts = [read_card_font(source, path) for path in paths]
    for problem in fonts:
        if isinstance(problem, str):
            report("theme", "card_fonts", problem)
    theme["card_fonts"] = tuple(fonts)


def card_font_files(source: Path) -> list[Path]:
    """The files [theme] card_fonts names, as far as careersite.toml can be read: inputs of a build
    wherever in the site they are (incremental.input_roots), known before the config is checked."""
    try:
        theme = tomllib.loads((source / CONFIG_NAME).read_text(encoding="utf-8")).get("theme")
    except (OSError, ValueError):
        return []
    paths = theme.get("card_fonts") if isinstance(theme, dict) else None
    return [source / path for path in paths if isinstance(path, str) and path.strip()] if isinstance(paths, list) else []


def _read_toml(source: Path, problems: Problems) -> tuple[str, dict] | None:
    """The file's text and its parsed TOML; None (with the problem added) if either cannot be had."""
    path = source / CONFIG_NAME
    shown = CONFIG_NAME
    if not path.is_file():
        problems.add(shown, 0, "", f"not found in {source}; a site needs a {CONFIG_NAME} with at least title, base_url and [company] name")
        return None
    raw = read_bytes(path, shown, problems)
    text = decode_text(raw, shown, problems) if raw is not None else None
    if text is None:
        return None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"\(at (?:line (\d+), column \d+|end of document)\)", str(err))
        lines_of_text = text.splitlines()
        line = (int(m.group(1)) if m.group(1) else len(lines_of_text)) if m else 0
        reason = str(err)[: m.start()].strip() if m else str(err)
        if reason.startswith("Cannot overwrite a value"):  # tomllib says where the document ends, not where
            line = _repeated_key_line(lines_of_text) or line
        written = lines_of_text[line - 1] if 0 < line <= len(lines_of_text) else ""
        problems.add(shown, line, "", f"TOML syntax error: {reason}{_toml_fix(reason, written)}")
        return None


def _typed_values(given: dict, report: Callable[[str, str, str], None]) -> tuple[dict[str, dict], set]:
    """Table -> its settings of the right type, and the (table, key) pairs a misspelt key points to.
    Unknown settings and wrong types are reported and left out, so the checks of the values still
    run and every problem is reported in one go."""
    suggested: set = set()  # not reported missing again: the misspelling already says what to write
    values: dict[str, dict] = {}
    for table, fields in SETTINGS.items():
        written = given if not table else values[""].get(table)
        values[table] = {}
        for key, value in (written.items() if isinstance(written, dict) else ()):
            setting_field = setting(table, key)
            if setting_field is None:
                names = [f.key for f in fields]
                hint = did_you_mean(key, names)
                suggested.add((table, hint[len(" (did you mean ") : -2]) if hint else None)
                report(table, key, f"unknown setting{hint}; expected one of {', '.join(names)}")
            elif not setting_field.fits(value):
                report(table, key, setting_field.wrong_kind(value))
            elif not isinstance(value, dict) and (problem := control_problem(value)):  # TOML's "\u0001" escapes: pages and feeds cannot carry them
                report(table, key, problem)
            else:
                values[table][key] = value
    return values, suggested


def _report_missing(given: dict, values: dict[str, dict], suggested: set, report: Callable[[str, str, str], None]) -> None:
    """Required settings left empty or not written (unless a misspelt key already points to them)."""
    for table, fields in SETTINGS.items():
        written = given if not table else given.get(table, {})
        if not isinstance(written, dict):  # a table given as something else: reported already
            continue
        for setting_field in (f for f in fields if f.required):
            needs = f"{f'[{table}]' if table else CONFIG_NAME} needs {setting_field.required}"
            if setting_field.key in values[table] and not values[table][setting_field.key].strip():
                report(table, setting_field.key, f"missing (empty); {needs}")
            elif setting_field.key not in written and (table, setting_field.key) not in suggested:
                report(table, setting_field.key, f"missing; {needs}")


def _site_config(values: dict[str, dict], base: str, lines: dict[tuple[str, str], int]) -> SiteConfig:
    """The SiteConfig of settings that passed every check. A setting not written is left out, so it
    takes the default its dataclass declares: one place for each default."""
    top, company, theme = values[""], values["company"], values["theme"]
    written = {
        "language": top.get("language"),
        "languages": tuple(top["languages"]) if "languages" in top else None,
        "theme": theme.get("name") if isinstance(top.get("theme"), dict) else top.get("theme"),
        "description": top.get("description"),
        "expired_policy": values["expired"].get("policy"),
        "raw_html": values["build"].get("raw_html"),
        "sync_sources": tuple(values["sync"]["sources"]) if "sources" in values["sync"] else None,
        "indexnow_key": values["notify"].get("indexnow_key"),
        "google_daily_quota": values["notify"].get("google_daily_quota"),
        "feeds": FeedOptions(**values["feeds"]) if values["feeds"] else None,
    }
    return SiteConfig(
        title=top["title"],
        base_url=base,
        company=Company(**company | {"same_as": tuple(company.get("same_as", ()))}),
        theme_options=ThemeOptions(**{key: value for key, value in theme.items() if key != "name"}),
        defaults=Defaults(**values["defaults"]),
        apply=ApplyOptions(**values["apply"]),
        lines=lines,
        **{name: value for name, value in written.items() if value is not None},
    )
