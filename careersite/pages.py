"""The pages of single things: a page per posting (open, closed or a draft), the free pages of
content/pages/, and the 404 and 410 pages."""

from __future__ import annotations

import dataclasses
from typing import Callable
from urllib.parse import urlsplit

from .apply_form import thanks_page, thanks_path
from .cache import BuildCache

from .fingerprint import digest

from .parsed_posting import ParsedPosting
from .posting import Posting
from .problems import ContentError, Problem
from .branding import card_style
from .render import ImageJob, PageFrame, Planned, PlanMemo
from .share_card import CardStyle, draw_posting_card
from .languages import LanguageLinks
from .messages import Messages, N_
from .site import Group, Site, free_page, language_views, translation_page
from .slugs import slugify
from .text import excerpt
from .theme import safe_html


def plan_posting_pages(site: Site, parsed: dict[str, ParsedPosting], frame: PageFrame, cards: dict[str, str],
                       html_of: Callable[[ParsedPosting], str], memo: PlanMemo, links: LanguageLinks | None = None,
                       remembered: dict | None = None) -> list[Planned]:
    """jobs/<slug>/ for every open posting (with up to five more roles of its department), closed
    role and shown draft (noindex). `html_of` gives a posting's HTML, loaded only for pages
    rendered again; the open postings' pages come from `memo` while all their key depends on is
    unchanged, and are left there for the next build. `site` may be one language's view, `links`
    its pages' versions in the others; `remembered`: the last build's pages, when memo.pages
    already holds this build's pages of other languages."""
    config = site.config
    department_of = {p.slug: g for g in site.departments for p in g.postings}
    planned: list[Planned] = []
    if remembered is None:
        remembered, memo.pages = memo.pages, {}
    style = card_style(config, frame.card_logo)
    words = site.words
    privacy = privacy_page(site)
    for posting in site.open:
        entry = parsed[posting.slug]
        group = department_of.get(posting.slug)
        related = [p for p in group.postings[:6] if p.slug != posting.slug][:5] if group else []
        share = plan_share_card(posting, frame, style)
        planned.append(share)
        language = links.page(site.language, translation_page(posting)) if links else None
        key_parts = (entry.key, group and (group.slug, group.name), tuple(cards[p.slug] for p in related), share.path, privacy)
        inputs = (frame.salt, posting.slug, *key_parts, language, posting.id)
        if inputs in remembered:  # the same page as last time: its title, breadcrumbs and context follow from these
            planned.append(remembered[inputs])
            memo.pages[inputs] = remembered[inputs]
            continue
        department = Group(group.slug, group.name, ()) if group else None
        planned.append(frame.page(
            "posting.html", f"{posting.url.lstrip('/')}index.html", (*key_parts, posting.id),
            title=f"{posting.title} · {config.company.name}", description=entry.summary, path=posting.url, og_type="article",
            job_posting=lambda posting=posting, entry=entry: (posting.without_body(), html_of(entry)),
            breadcrumbs=_trail(posting, department, words, site.prefix), language=language,
            context=lambda posting=posting, entry=entry, department=department, related=related, share=share: dict(
                posting=posting.without_body(), body_html=safe_html(html_of(entry)), department=department,
                related=[p.without_body() for p in related], closed=False, privacy_notice=privacy,
                share_image=config.absolute("/" + share.path), share_card=True),
        ))
        memo.pages[inputs] = planned[-1]
    for posting in site.closed + site.drafts:
        entry = parsed[posting.slug]
        closed = posting in site.closed
        department = Group(slugify(posting.department), posting.department, ()) if posting.department else None
        planned.append(frame.page(
            "posting.html", f"{posting.url.lstrip('/')}index.html", (entry.key, posting.department, closed, privacy),
            title=f"{posting.title} · {config.company.name}", description=entry.summary, path=posting.url, robots="noindex",
            breadcrumbs=_trail(posting, department, words, site.prefix), language=links.page(site.language, None) if links else None,
            context=lambda posting=posting, entry=entry, department=department, closed=closed: dict(
                posting=posting.without_body(), body_html=safe_html(html_of(entry)), department=department, related=[], closed=closed,
                privacy_notice=privacy),
        ))
    return planned


def privacy_page(site: Site) -> str:
    """The page an application form's privacy link goes to on `site`'s pages: its language's version
    of `[apply] privacy_notice` (/de/privacy/ for /privacy/, a translated free page), "" for the
    setting as written."""
    notice = site.config.apply.privacy_notice
    translated = f"{site.prefix}{notice}" if site.prefix and notice.startswith("/") else ""
    return translated if translated and any(page.url == translated for page in site.pages) else ""


def plan_share_card(posting: Posting, frame: PageFrame, style: CardStyle) -> Planned:
    """jobs/<slug>/share.<key>.png: the posting's share card, drawn on a worker when what it shows
    changed (its key and name follow the fields it draws, not the body: editing a description
    draws no card). A new name for new content, so link previews never show a cached old card."""
    shown = repr((posting.title, posting.salary, posting.locations, posting.workplace, posting.applicant_locations)) + posting.language
    key = digest(frame.card_salt, shown)
    config = frame.config
    site = (config.company.name, urlsplit(config.base_url).netloc, posting.language or config.language)
    return Planned(f"{posting.url.lstrip('/')}share.{key[:10]}.png", key,
                   job=lambda: ImageJob(draw_posting_card, (posting.without_body(), *site, style)))


def _trail(posting: Posting, department: Group | None, words: Messages, prefix: str = "") -> tuple[tuple[str, str], ...]:
    """All jobs > the department > the role, as (name, site path), in the page's language (`words`);
    `prefix`: the language's (/de)."""
    middle = ((department.name, f"{prefix}/departments/{department.slug}/"),) if department else ()
    return (home_crumb(words, prefix), *middle, (posting.title, posting.url))


def home_crumb(words: Messages, prefix: str = "") -> tuple[str, str]:
    """The first step of every breadcrumb trail: the language's listing."""
    return words.gettext(N_("All jobs")), f"{prefix}/"


def plan_pages(site: Site, frame: PageFrame, cache: BuildCache, code: str, links: LanguageLinks | None = None) -> list[Planned]:
    """<slug>/ for every free page (its HTML kept in `cache` while its Markdown is unchanged), and
    404.html, 410.html (the page of an expired role's URL) and the application form's thank-you
    page; in a site of several languages (`links`) each language's: /de/about/ (about.de.md),
    /de/404.html, /de/applied/."""
    config = site.config
    planned = []
    for view in language_views(site):
        for free in view.pages:
            html = cache.derive(digest("page", code, str(config.raw_html), free.body),
                                lambda free=free: _page_html(free.body, config.raw_html, free.source))
            planned.append(frame.page(
                "page.html", f"{free.url.lstrip('/')}index.html", (html,),
                title=f"{free.title} · {view.words.site_text(config.title)}", description=free.description or excerpt(html),
                path=free.url, language=links.page(view.page_language, free_page(free)) if links else None,
                context=lambda free=free, html=html: dict(page=dataclasses.replace(free, body=""), body_html=safe_html(html)),
            ))
        planned += _error_pages(view, frame, links)
        planned += _thanks_page(view, frame, links)
    return planned


def _thanks_page(site: Site, frame: PageFrame, links: LanguageLinks | None) -> list[Planned]:
    """The thank-you page of one language (/applied/, /de/applied/), where its postings' forms send
    a candidate (their action: Netlify's success page); only where one of them has the form."""
    if not any(p.apply == "form" for p in site.open + site.drafts):
        return []
    words = site.words
    language = links.page(site.page_language, None) if links else None
    return [frame.page("applied.html", thanks_page(site.prefix), (), title=f"{words.gettext('Application sent')} · {words.site_text(site.config.title)}",
                       description=words.gettext(N_("Thank you for applying.")), path=thanks_path(site.prefix), robots="noindex", language=language)]


def _error_pages(site: Site, frame: PageFrame, links: LanguageLinks | None) -> list[Planned]:
    """404.html and 410.html of one language, in its folder (/de/404.html): Netlify answers a missing
    page under /de/ with /de/404.html (the _redirects rules feeds.netlify_redirects writes), and an
    expired German posting's URL with /de/410.html."""
    words = site.words
    title = words.site_text(site.config.title)
    out = site.prefix.lstrip("/") + "/" if site.prefix else ""
    language = links.page(site.page_language, None) if links else None
    return [frame.page("404.html", f"{out}404.html", (), title=f"{words.gettext('Page not found')} · {title}",
                       description=words.gettext(N_("This page does not exist.")), path=None, robots="noindex", language=language),
            frame.page("410.html", f"{out}410.html", (), title=f"{words.gettext('Role closed')} · {title}",
                       description=words.gettext(N_("This role is no longer open.")), path=None, robots="noindex", language=language)]


def _page_html(body: str, raw_html: bool, source: str) -> str:
    """A free page's HTML. Its text passed the bounds when it was read (with lines); what is left
    to fail here (the time budget) is a problem of the whole file."""
    from .markdown import MarkdownRefused, render_markdown  # only when a page's Markdown changed

    try:
        return render_markdown(body, raw_html)
    except MarkdownRefused as refused:
        raise ContentError([Problem(source, refused.line, "", refused.message)]) from None
