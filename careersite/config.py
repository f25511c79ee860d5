"""SiteConfig and load_config(): careersite.toml read and validated once, every problem reported."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import codes
from .problems import Problems, brief, did_you_mean, one_of
from .sourcefile import decode_text, read_bytes

CONFIG_NAME = "careersite.toml"
EXPIRED_POLICIES = ("gone", "keep")


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


@dataclass(frozen=True)
class ThemeOptions:
    """Branding a site sets without writing templates: `[theme] accent = "#0a66c2"`."""

    accent: str = ""  # a CSS hex colour for buttons and links
    accent_dark: str = ""  # the same for the dark colour scheme (default: derived by the theme)
    font: str = ""  # a CSS font-family list; the default is the system font stack (no web fonts)


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str  # absolute, without a trailing slash
    company: Company
    language: str = "en"
    theme: str = "default"
    theme_options: ThemeOptions = field(default_factory=ThemeOptions)
    description: str = ""
    defaults: Defaults = field(default_factory=Defaults)
    expired_policy: str = "gone"
    raw_html: bool = False  # [build] raw_html: trust authors' HTML in Markdown (no sanitising)
    # (table, key) -> line in careersite.toml (key_lines), for `check`'s findings; not part of the
    # settings' value (equality, repr, cache keys): moving a setting to another line changes no page
    lines: dict[tuple[str, str], int] = field(default_factory=dict, compare=False, repr=False)

    def absolute(self, path: str) -> str:
        """An absolute URL for a site path ('/jobs/x/') or a static file ('static/logo.svg')."""
        if urlsplit(path).scheme in ("http", "https"):
            return path
        return self.base_url + "/" + path.lstrip("/")


# table -> key -> (expected python types, what to call them in a message)
_SCHEMA: dict[str, dict[str, tuple[tuple[type, ...], str]]] = {
    "": {
        "title": ((str,), "a string"),
        "base_url": ((str,), "an absolute http(s) URL"),
        "language": ((str,), "a language tag such as en or de-CH"),
        "theme": ((str, dict), "a theme name, or a [theme] table"),
        "description": ((str,), "a string"),
        "company": ((dict,), "a table"),
        "defaults": ((dict,), "a table"),
        "expired": ((dict,), "a table"),
        "build": ((dict,), "a table"),
    },
    "company": {
        "name": ((str,), "a string"),
        "url": ((str,), "an absolute http(s) URL"),
        "logo": ((str,), "a path such as static/logo.svg or an absolute URL"),
        "same_as": ((list,), "a list of URLs"),
    },
    "defaults": {
        "apply_url": ((str,), "an http(s) or mailto URL"),
        "employment_type": ((str,), "an employment type"),
        "currency": ((str,), "an ISO 4217 code"),
        "eeo_statement": ((str,), "a string"),
        "id_pattern": ((str,), "a pattern such as \"JOB-{number:04d}\""),
    },
    "expired": {"policy": ((str,), "gone or keep")},
    "build": {"raw_html": ((bool,), "true or false")},
    "theme": {
        "name": ((str,), "a theme name"),
        "accent": ((str,), "a CSS hex colour such as \"#0a66c2\""),
        "accent_dark": ((str,), "a CSS hex colour such as \"#8ab4ff\""),
        "font": ((str,), "a CSS font-family list such as \"Georgia, serif\""),
    },
}
_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_FONT = re.compile(r"[A-Za-z0-9 ,'\"-]+")

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


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


_BARE_EMAIL = re.compile(r"[^@\s/:<>]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_BARE_HOST = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?")


def url_fix(value: str) -> str:
    """' (did you mean https://jobs.acme.com/apply?)' for an address written without its scheme,
    ' (did you mean mailto:jobs@acme.com?)' for a bare e-mail address, else ''."""
    text = value.strip()
    if _BARE_EMAIL.fullmatch(text):
        return f" (did you mean mailto:{text}?)"
    if text.startswith("//") and _BARE_HOST.fullmatch(text[2:]):
        return f" (did you mean https:{text}?)"
    if _BARE_HOST.fullmatch(text):
        return f" (did you mean https://{text}?)"
    return ""


def _is_id_pattern(pattern: str) -> bool:
    try:
        return pattern.format(number=1) != pattern.format(number=2)
    except (KeyError, IndexError, ValueError):
        return False


def is_language(tag: str) -> bool:
    """A BCP 47 tag with a locale Babel knows, so dates and salaries can be written in it."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


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
        data = tomllib.loads(text)
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

    lines = key_lines(text)
    before = len(problems.items)

    def report(table: str, key: str, message: str) -> None:
        name = f"{table}.{key}" if table else key
        problems.add(shown, lines.get((table, key), lines.get((table, ""), 0)), name, message)

    def checked(table: str, values: dict) -> dict:
        """The table's settings of the right type; the others are reported and left out, so the
        value checks below still run and every problem is reported in one go."""
        schema = _SCHEMA[table]
        kept = {}
        for key, value in values.items():
            if key not in schema:
                hint = did_you_mean(key, schema)
                suggested.add((table, hint[len(" (did you mean ") : -2]) if hint else None)
                report(table, key, f"unknown setting{hint}; expected one of {', '.join(schema)}")
            elif not isinstance(value, schema[key][0]):
                report(table, key, f"{brief(value)} is not {schema[key][1]}")
            else:
                kept[key] = value
        return kept

    suggested: set = set()  # (table, key) pairs a misspelling points to: not reported missing again
    given = data
    data = checked("", data)
    company, defaults, expired, build = (checked(t, data.get(t, {})) for t in ("company", "defaults", "expired", "build"))
    theme = checked("theme", data["theme"]) if isinstance(data.get("theme"), dict) else {"name": data.get("theme", "default")}
    for key in ("accent", "accent_dark"):
        if key in theme and not _HEX_COLOUR.fullmatch(theme[key]):
            report("theme", key, f"{brief(theme[key])} is not {_SCHEMA['theme'][key][1]}")
    if "font" in theme and not _FONT.fullmatch(theme["font"]):
        report("theme", "font", f"{brief(theme['font'])} is not {_SCHEMA['theme']['font'][1]} (letters, digits, spaces, commas, quotes)")
    base = (base_url or data.get("base_url", "")).rstrip("/")

    for key in ("title", "base_url"):
        if key in data and not data[key].strip():
            report("", key, f"missing (empty); {CONFIG_NAME} needs {key} = ...")
        elif key not in given and ("", key) not in suggested:
            report("", key, f"missing; {CONFIG_NAME} needs {key} = ...")
    if "name" in company and not company["name"].strip():
        report("company", "name", "missing (empty); [company] needs name = \"Your company\"")
    given_company = given.get("company", {})
    if isinstance(given_company, dict) and "name" not in given_company and ("company", "name") not in suggested:
        report("company", "name", "missing; [company] needs name = \"Your company\"")
    if base and not is_web_url(base):
        if base_url:  # given on the command line: blame the option, not careersite.toml
            problems.add("--base-url", 0, "", f"{base!r} is not {_SCHEMA['']['base_url'][1]}{url_fix(base)}; "
                                             "give the address the site is published at, e.g. https://careers.acme.com")
        else:
            report("", "base_url", f"{base!r} is not {_SCHEMA['']['base_url'][1]}{url_fix(base)}")
    for key in ("url",):
        if company.get(key) and not is_web_url(company[key]):
            report("company", key, f"{company[key]!r} is not an absolute http(s) URL{url_fix(company[key])}")
    for url in company.get("same_as", []):
        if not isinstance(url, str) or not is_web_url(url):
            report("company", "same_as", f"{url!r} is not an absolute http(s) URL")
    employment = defaults.get("employment_type", "full_time")
    if employment not in codes.EMPLOYMENT_TYPES:
        report("defaults", "employment_type", one_of(employment, codes.EMPLOYMENT_TYPES))
    currency = defaults.get("currency", "USD")
    if not codes.is_currency(currency):
        report("defaults", "currency", f"{brief(currency)} is not an ISO 4217 currency code such as USD or EUR")
    apply_url = defaults.get("apply_url", "")
    if apply_url and not (is_web_url(apply_url) or apply_url.startswith("mailto:")):
        report("defaults", "apply_url", f"{apply_url!r} is not an http(s) or mailto URL{url_fix(apply_url)}")
    id_pattern = defaults.get("id_pattern", "")
    if id_pattern and not _is_id_pattern(id_pattern):
        report("defaults", "id_pattern", f"{brief(id_pattern)} is not a pattern with one {{number}} such as \"JOB-{{number:04d}}\"")
    language = data.get("language", "en")
    if not is_language(language):
        report("", "language", f"{language!r} is not a language tag careersite knows, such as en, en-GB, de or fr-CA")
    policy = expired.get("policy", "gone")
    if policy not in EXPIRED_POLICIES:
        report("expired", "policy", one_of(policy, EXPIRED_POLICIES))
    if len(problems.items) > before:
        return None

    return SiteConfig(
        title=data["title"],
        base_url=base,
        company=Company(
            name=company["name"],
            url=company.get("url", ""),
            logo=company.get("logo", ""),
            same_as=tuple(company.get("same_as", ())),
        ),
        language=language,
        theme=theme.get("name", "default"),
        theme_options=ThemeOptions(theme.get("accent", ""), theme.get("accent_dark", ""), theme.get("font", "")),
        description=data.get("description", ""),
        defaults=Defaults(
            apply_url=apply_url,
            employment_type=employment,
            currency=currency,
            eeo_statement=defaults.get("eeo_statement", ""),
            id_pattern=id_pattern,
        ),
        expired_policy=policy,
        raw_html=build.get("raw_html", False),
        lines=lines,
    )
