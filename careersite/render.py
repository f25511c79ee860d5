"""What planning an output file means: a Planned file has a key that hashes all its content depends
on, and either its bytes or a PageJob that renders it with the theme (on any core). A PageFrame
plans the theme's pages: what every page shows, and the page of one template. Each output family
is planned beside its noun (listings.py, pages.py, search.py, feeds.py, branding.py, assets.py);
build.py calls them in turn."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jinja2

from .fingerprint import digest
from .config import SiteConfig
from .languages import PageLanguage
from .jsonld import breadcrumb_list, job_posting, script_json
from .posting import Posting
from .problems import ContentError
from .site import Site, language_views, navigation
from .theme import Theme, make_environment, safe_html, template_problem


@dataclass(frozen=True)
class PageJob:
    """A page to render: a template and its context (picklable, sent to a worker process)."""

    template: str
    context: dict
    job_posting: tuple[Posting, str] | None = None  # (posting, its HTML): JobPosting JSON-LD made by the worker


@dataclass(frozen=True)
class ImageJob:
    """A file drawn on a worker, as a page is rendered there: `draw(*args)` gives its bytes (a
    module-level function and picklable arguments: a posting's share card, share_card.py)."""

    draw: Callable[..., bytes]
    args: tuple


@dataclass(frozen=True)
class Planned:
    """One output file: its path, its key, and how to get its bytes if they must be made again."""

    path: str
    key: str
    job: Callable[[], PageJob | ImageJob] | None = None  # a page rendered with the theme (or drawn), or
    data: bytes | None = None  # the bytes themselves, or
    make: Callable[[], bytes] | None = None  # a function that makes them (called only when the key changed)


def as_is(path: str, data: bytes) -> Planned:
    """A file published as it is: its key is its bytes' hash."""
    return Planned(path, digest(data), data=data)


@dataclass(frozen=True)
class Renderer:
    """What rendering a page takes, made once per process (each worker's, or check's) and given
    to every render_task: the theme's Jinja environment, the config (for the JobPosting JSON-LD)
    and the source folder (to name a template in a problem)."""

    env: jinja2.Environment
    config: SiteConfig
    source: Path
    # the environment of another of the site's languages (its catalogs, dates and salaries), made
    # when a page in it is first rendered in this process
    make_env: Callable[[str], jinja2.Environment] | None = None
    others: dict[str, jinja2.Environment] = field(default_factory=dict, compare=False)

    def env_for(self, language: str | None) -> jinja2.Environment:
        if not language or language == self.config.language or self.make_env is None:
            return self.env
        if language not in self.others:
            self.others[language] = self.make_env(language)
        return self.others[language]


RENDERER = "renderer"  # its name in a worker's state (see Workers.map)


def render_setup(config: SiteConfig, theme: Theme, source: Path, compiled: Path | None = None) -> dict:
    """A worker's renderer; `compiled`: where compiled templates are kept between processes."""
    def environment(language: str | None = None) -> jinja2.Environment:
        return make_environment(theme.dirs, config, theme.assets, compiled, catalogs=theme.catalogs, language=language)

    return {RENDERER: Renderer(environment(), config, source, environment)}


def render_task(renderer: Renderer, job: PageJob | ImageJob) -> bytes:
    """Render one page (or draw one image); runs in a worker process. A template error becomes a
    ContentError here, where its traceback still tells the template's line."""
    if isinstance(job, ImageJob):
        return job.draw(*job.args)
    context = job.context
    if job.job_posting is not None:
        context = {**context, "jsonld": safe_html(script_json(job_posting(*job.job_posting, renderer.config)))}
    try:
        env = renderer.env_for(context.get("page_language"))  # a page in another of the site's languages: its words
        return env.get_template(job.template).render(**context).encode("utf-8")
    except jinja2.TemplateError as err:
        raise ContentError([template_problem(err, renderer.source)]) from None


def render_in_memory(planned: list[Planned], config: SiteConfig, theme: Theme, source: Path) -> dict[str, bytes]:
    """Every planned file's bytes, rendered in this process: for `check`, which writes nothing. The
    postings' share cards are left out: drawing them shows check nothing its lints look at, and
    would take a thousand postings' check several seconds."""
    renderer = render_setup(config, theme, source)[RENDERER]
    rendered = {}
    for item in planned:
        job = item.job() if item.job is not None else None
        if isinstance(job, ImageJob):
            continue
        rendered[item.path] = item.data if item.data is not None else item.make() if item.make else render_task(renderer, job)
    return rendered


@dataclass
class PlanMemo:
    """What one build's plan leaves for the next build in the same process (serve keeps it from
    save to save; a build from the command line starts with an empty one). Never saved: a plan
    holds functions."""

    # posting pages by all their key depends on: only the pages whose inputs changed are planned again
    pages: dict[tuple, Planned] = field(default_factory=dict)
    # the keys of the search index's shards the last build published, by language prefix ("" the default's)
    search: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def clear(self) -> None:
        self.pages, self.search = {}, {}


@dataclass(frozen=True)
class PageFrame:
    """What every page of the theme shows (the free pages in the navigation, the logo, the
    branding), and the salt of every page's key: all that the pages share."""

    config: SiteConfig
    common: dict
    salt: str
    card_logo: bytes | None  # the company logo for the postings' share cards, when a raster image (branding.logo)
    card_salt: str  # all a share card depends on besides its posting (share_card.py)
    # the free pages each language's pages link to (site.navigation): its own versions where there are
    navs: dict[str, tuple] = field(default_factory=dict)

    @classmethod
    def of(cls, site: Site, theme: Theme, code: str, brand: dict[str, str], logo: dict | None) -> "PageFrame":
        config = site.config
        card_logo = logo.get("card_image") if logo else None  # a raster logo's bytes, for the cards only
        logo = {k: v for k, v in logo.items() if k != "card_image"} if logo else None
        navs = {view.page_language: tuple(dataclasses.replace(p, body="") for p in navigation(site, view)) for view in language_views(site)}
        common = dict(nav_pages=navs[site.page_language], logo=logo, theme_css=brand["theme_css"],
                      share_image=config.absolute(brand["share_image"]), share_card=False, icon=brand["icon"])
        return cls(config, common, digest(code, theme.fingerprint, repr(config), repr(sorted(common.items())), repr(navs)),
                   card_logo, digest("share-card", code, repr(config), card_logo or b""), navs)

    def page(self, template: str, out: str, key_parts: tuple, *, title: str, description: str, path: str | None,
             robots: str = "", og_type: str = "website", job_posting: Callable[[], tuple[Posting, str]] | None = None,
             breadcrumbs: tuple[tuple[str, str], ...] = (), context: Callable[[], dict] = dict,
             language: PageLanguage | None = None) -> Planned:
        """The page `out`, rendered from `template`; its key hashes `key_parts` (all that `context()`
        and `job_posting()` depend on) with everything given here. `language`: the page's language
        and its versions in the others, in a site of several languages (languages.py)."""
        config, common = self.config, self.common

        def job() -> PageJob:
            return PageJob(template, {**dict(
                page_title=title, description=description, canonical=config.absolute(path) if path else "",
                robots=robots, jsonld="", og_type=og_type,
                breadcrumbs=[{"name": name, "url": url} for name, url in breadcrumbs],
                # structured data only where search engines may index the page (closed roles and drafts: none)
                breadcrumb_jsonld=safe_html(script_json(breadcrumb_list(list(breadcrumbs), config))) if breadcrumbs and not robots else "",
                # the page's language on every page, for the theme's words (gettext catalogs); the rest of
                # language.context() (dir, hreflang, the switcher) only in a site of several languages
                page_language=config.language, **common), **(language.context() if language else {}),
                **({"nav_pages": self.navs[language.tag]} if language and language.tag in self.navs else {}), **context()},
                job_posting() if job_posting else None)  # a page's context may override common (share_image)
        key = digest(self.salt, repr((template, out, title, description, robots, og_type, breadcrumbs, key_parts, language)))  # one repr: cheap for 10,000 pages
        return Planned(out, key, job=job)
