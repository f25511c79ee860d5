"""The listing pages: all open roles (the home page, with its filters), and one page per
department and per location."""

from __future__ import annotations

from . import codes
from .languages import LanguageLinks
from .messages import Nn_
from .pages import home_crumb
from .feeds import group_feed_path, group_heading, listing_groups
from .parsed_posting import ParsedPosting, card_key
from .render import PageFrame, Planned
from .search import SCRIPT as SEARCH_SCRIPT, record_url
from .search_shards import bundle_folder, merged_bundles
from .site import Group, Site


def cards(site: Site, parsed: dict[str, ParsedPosting]) -> dict[str, str]:
    """What a listing row or a 'more roles' link shows of each open posting, as a key (made when
    it was parsed): a listing is rendered again only when one of its rows changed."""
    return {p.slug: parsed[p.slug].card or card_key(p) for p in site.open}


def plan_listings(site: Site, frame: PageFrame, cards: dict[str, str], searchable: bool,
                  links: LanguageLinks | None = None) -> list[Planned]:
    """index.html, departments/<slug>/ and locations/<slug>/. `searchable`: the site has a search
    index, which the home page's script queries: the primary bundle, merged with the other shards'
    (search_shards.py), whose paths are part of the page's key. `site` may be one language's view
    (its pages under its prefix, /de/), `links` its pages' versions in the others."""
    config, prefix = site.config, site.prefix
    out = prefix.lstrip("/") + "/" if prefix else ""
    departmentless = [p for p in site.open if not p.department]
    bundle = bundle_folder(prefix)
    merged = merged_bundles([record_url(p, site) for p in site.open], bundle=bundle) if searchable else ()
    script = f"/{bundle}/pagefind.js" if prefix else SEARCH_SCRIPT
    words = site.words
    title = words.site_text(config.title)
    count = len(site.open)
    planned = [frame.page(
        "index.html", f"{out}index.html", (*(cards[p.slug] for p in site.open), searchable, merged),
        title=title, description=words.site_text(config.description) or words.ngettext(
            *Nn_("Open roles at %(company)s: %(num)d open position.", "Open roles at %(company)s: %(num)d open positions."), count)
        % {"company": config.company.name, "num": count},
        path=f"{prefix}/", language=links.page(site.language, "/") if links else None,
        context=lambda: dict(postings=[p.without_body() for p in site.open], departments=[_light_group(g) for g in site.departments],
                             locations=[_light_group(g) for g in site.locations], other_postings=[p.without_body() for p in departmentless],
                             facets=facet_options(site), search_script=script if searchable else "",
                             search_merge=" ".join(merged)),
    )]
    for kind, group in listing_groups(site):
        within = f"/{kind}/{group.slug}/"
        url = prefix + within
        name = group_heading(kind, group, words)
        # its feed (feeds.group_feed), linked from the page's head for feed readers to find
        feed = dict(url=config.absolute(group_feed_path(kind, group, prefix)), title=f"{name} · {title}")
        count = len(group.postings)
        planned.append(frame.page(
            "listing.html", f"{out}{kind}/{group.slug}/index.html", (group.name, *(cards[p.slug] for p in group.postings), repr(feed)),
            title=f"{name} · {title}",
            description=words.ngettext(*Nn_("%(num)d open role at %(company)s: %(heading)s.",
                                            "%(num)d open roles at %(company)s: %(heading)s."), count)
            % {"num": count, "company": config.company.name, "heading": name},
            path=url, breadcrumbs=(home_crumb(words, prefix), (group.name, url)),
            language=links.page(site.language, links.listing(site.language, within)) if links else None,
            context=lambda group=group, url=url, name=name, kind=kind, feed=feed: dict(
                group=_light_group(group), group_url=url, heading=name, kind=kind, group_feed=feed),
        ))
    return planned


def _light_group(group: Group) -> Group:
    return Group(group.slug, group.name, tuple(p.without_body() for p in group.postings))


def facet_options(site: Site) -> dict:
    """The listing's filter choices: (value, label, count of open roles) for each facet, in order."""
    workplaces = [p.workplace for p in site.open]
    types = [t for p in site.open for t in p.employment_types]
    return dict(
        departments=[(g.slug, g.name, len(g.postings)) for g in site.departments],
        locations=[(g.slug, g.name, len(g.postings)) for g in site.locations],
        workplaces=[(code, label, workplaces.count(code)) for code, label in codes.WORKPLACES.items() if code in workplaces],
        employment_types=[(code, label, types.count(code)) for code, label in codes.EMPLOYMENT_LABELS.items() if code in types],
    )
