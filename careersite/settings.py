"""The settings careersite.toml may hold, table by table: each one's type, how a message names it,
and the check of its value. config.load_config reads the file and runs these."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import codes
from .fields import Field, must
from .problems import brief, one_of
from .sync_source import EXAMPLE_BOARD, board_problem

EXPIRED_POLICIES = ("gone", "keep")
APPLY_MODES = ("link", "form")
MAX_UPLOAD_MB = 7  # Netlify Forms takes requests of up to 8 MB: a file and the rest of the form

_HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_INDEXNOW_KEY = re.compile(r"[A-Za-z0-9-]{8,128}")  # IndexNow's rule for a key
_FONT = re.compile(r"[A-Za-z0-9 ,'\"-]+")
_BARE_EMAIL = re.compile(r"[^@\s/:<>]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_BARE_HOST = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?")


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


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


def is_language(tag: str) -> bool:
    """A BCP 47 tag with a locale Babel knows, so dates and salaries can be written in it."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def _is_id_pattern(pattern: str) -> bool:
    try:
        return pattern.format(number=1) != pattern.format(number=2)
    except (KeyError, IndexError, ValueError):
        return False


# an empty optional address means "none"; an empty base_url is reported as missing instead
_web_url = must(lambda v: not v or is_web_url(v), lambda v: f"{v!r} is not an absolute http(s) URL{url_fix(v)}")


def _web_urls(urls: list) -> list[str]:
    return [f"{url!r} is not an absolute http(s) URL" for url in urls if not isinstance(url, str) or not is_web_url(url)]


def _languages(tags: list) -> list[str]:
    return [f"{brief(t)} is not a language tag careersite knows, such as de, fr-CA, ja or ar"
            for t in tags if not isinstance(t, str) or not is_language(t)] + [
            f"{t!r} is listed twice; list each language once" for i, t in enumerate(tags) if isinstance(t, str) and t in tags[:i]]


def _boards(boards: list) -> list[str]:
    return [board_problem(b) if isinstance(b, str) else f"{brief(b)} is not text such as \"{EXAMPLE_BOARD}\""
            for b in boards if not isinstance(b, str) or board_problem(b)]


def _colour(key: str, example: str) -> Field:
    expected = f"a CSS hex colour such as \"{example}\""
    return Field(key, (str,), expected, must(_HEX_COLOUR.fullmatch, lambda v: f"{brief(v)} is not {expected}"))


_TEXT, _TABLE = "a string", "a table"
_FONT_FILES = "a list of font files such as [\"fonts/NotoSansJP-Regular.otf\"]"


def _font_paths(paths: list) -> list[str]:
    """The entries of [theme] card_fonts that are not paths; the files are read by load_config."""
    return [f"{brief(p)} is not the path of a font file; write {_FONT_FILES[2:]}"
            for p in paths if not isinstance(p, str) or not p.strip()]

_FONT_LIST = "a CSS font-family list such as \"Georgia, serif\""

# table ("" for the top level) -> its settings, in the order "expected one of" lists them
SETTINGS: dict[str, tuple[Field, ...]] = {
    "": (
        Field("title", (str,), _TEXT, required="title = ..."),
        Field("base_url", (str,), "an absolute http(s) URL", _web_url, required="base_url = ..."),
        Field("language", (str,), "a language tag such as en or de-CH", must(
            is_language, lambda v: f"{v!r} is not a language tag careersite knows, such as en, en-GB, de or fr-CA")),
        # the site's other languages (`language` is the default): careersite builds one site per language
        Field("languages", (list,), "a list of language tags such as [\"de\", \"fr\"]", lambda v: _languages(v)),
        Field("theme", (str, dict), "a theme name, or a [theme] table"),
        Field("description", (str,), _TEXT),
        Field("company", (dict,), _TABLE),
        Field("defaults", (dict,), _TABLE),
        Field("expired", (dict,), _TABLE),
        Field("build", (dict,), _TABLE),
        Field("sync", (dict,), _TABLE),
        Field("apply", (dict,), _TABLE),
        Field("notify", (dict,), _TABLE),
        Field("feeds", (dict,), _TABLE),
    ),
    "company": (
        Field("name", (str,), _TEXT, required="name = \"Your company\""),
        Field("url", (str,), "an absolute http(s) URL", _web_url),
        Field("logo", (str,), "a path such as static/logo.svg or an absolute URL"),
        Field("same_as", (list,), "a list of URLs", _web_urls),
    ),
    "defaults": (
        Field("apply_url", (str,), "an http(s) or mailto URL", must(
            lambda v: not v or is_web_url(v) or v.startswith("mailto:"),
            lambda v: f"{v!r} is not an http(s) or mailto URL{url_fix(v)}")),
        Field("employment_type", (str,), "an employment type", must(
            lambda v: v in codes.EMPLOYMENT_TYPES, lambda v: one_of(v, codes.EMPLOYMENT_TYPES))),
        Field("currency", (str,), "an ISO 4217 code", must(
            codes.is_currency, lambda v: f"{brief(v)} is not an ISO 4217 currency code such as USD or EUR")),
        Field("eeo_statement", (str,), _TEXT),
        Field("id_pattern", (str,), "a pattern such as \"JOB-{number:04d}\"", must(
            lambda v: not v or _is_id_pattern(v),
            lambda v: f"{brief(v)} is not a pattern with one {{number}} such as \"JOB-{{number:04d}}\"")),
        Field("apply", (str,), "link or form", must(lambda v: v in APPLY_MODES, lambda v: one_of(v, APPLY_MODES))),
    ),
    "apply": (
        Field("privacy_notice", (str,), "a site path such as /privacy/ or an absolute http(s) URL", must(
            lambda v: not v or v.startswith("/") and not v.startswith("//") or is_web_url(v),
            lambda v: f"{brief(v)} is not a site path such as /privacy/ or an absolute http(s) URL{url_fix(v)}")),
        Field("retention", (str,), "how long applications are kept, such as \"12 months\""),
        Field("max_file_mb", (int,), f"a whole number of MB from 1 to {MAX_UPLOAD_MB}", must(
            lambda v: not isinstance(v, bool) and 1 <= v <= MAX_UPLOAD_MB,
            lambda v: f"{brief(v)} is not from 1 to {MAX_UPLOAD_MB} (Netlify Forms takes at most 8 MB a submission)")),
        Field("self_identification", (bool,), "true or false"),
    ),
    "expired": (
        Field("policy", (str,), "gone or keep", must(lambda v: v in EXPIRED_POLICIES, lambda v: one_of(v, EXPIRED_POLICIES))),
    ),
    "build": (Field("raw_html", (bool,), "true or false"),),
    # `careersite sync` with no boards named fetches these: ["greenhouse:acme", "lever:acme"]
    "sync": (Field("sources", (list,), f"a list of boards such as [\"{EXAMPLE_BOARD}\"]", _boards),),
    # `careersite notify`: the IndexNow key (build publishes it as <key>.txt) and Google's daily quota
    "notify": (
        Field("indexnow_key", (str,), "an IndexNow key: 8 to 128 letters, digits or dashes", must(
            lambda v: not v or _INDEXNOW_KEY.fullmatch(v),
            lambda v: f"{brief(v)} is not an IndexNow key: 8 to 128 letters (a-z, A-Z), digits or dashes, "
                      "e.g. the output of python -c \"import uuid; print(uuid.uuid4().hex)\"")),
        Field("google_daily_quota", (int,), "a whole number of publish calls a day, such as 200", must(
            lambda v: not isinstance(v, bool) and v >= 1,
            lambda v: f"{brief(v)} is not a number of publish calls a day from 1 up (Google's default quota is 200)")),
    ),
    # the feeds for job boards and integrations (job_feeds.py, json_feed.py): which ones to publish
    "feeds": (
        Field("indeed", (bool,), "true or false"),
        Field("linkedin", (bool,), "true or false"),
        Field("json", (bool,), "true or false"),
    ),
    "theme": (
        Field("name", (str,), "a theme name"),
        _colour("accent", "#0a66c2"),
        _colour("accent_dark", "#8ab4ff"),
        Field("font", (str,), _FONT_LIST, must(
            _FONT.fullmatch, lambda v: f"{brief(v)} is not {_FONT_LIST} (letters, digits, spaces, commas, quotes)")),
        # the fonts the share cards draw with before Pillow's bundled one (share_card.py), from the site folder
        Field("card_fonts", (list,), _FONT_FILES, _font_paths),
    ),
}

# The order the checks of values report in: `careersite new` prints problems as they come, so it
# stays as it always was. REQUIRED is where the required settings found missing are reported.
REQUIRED = "(required settings)"
CHECK_ORDER = (
    "theme.accent", "theme.accent_dark", "theme.font", "theme.card_fonts", REQUIRED, "base_url", "company.url", "company.same_as",
    "defaults.employment_type", "defaults.currency", "defaults.apply_url", "defaults.id_pattern", "language", "languages",
    "expired.policy", "sync.sources", "defaults.apply", "apply.privacy_notice", "apply.max_file_mb",
    "notify.indexnow_key", "notify.google_daily_quota",
)


def setting(table: str, key: str) -> Field | None:
    """The field for `key` in `table` ("" for the top level), None for a setting careersite has not."""
    return next((field for field in SETTINGS[table] if field.key == key), None)
