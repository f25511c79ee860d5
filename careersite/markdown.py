"""Markdown -> safe HTML: one configured Python-Markdown per process, its output sanitised by nh3."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as pymarkdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Everything a job description needs, nothing that runs or submits: no script, style, iframe, form.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "s", "small", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


class _ShiftHeadings(Treeprocessor):
    """Make the body's top heading level h2: the page's one h1 is the job title."""

    def run(self, root):
        levels = [int(el.tag[1]) for el in root.iter() if el.tag in _HEADINGS]
        if not levels:
            return
        shift = 2 - min(levels)
        if shift <= 0:
            return
        for el in root.iter():
            if el.tag in _HEADINGS:
                el.tag = f"h{min(6, int(el.tag[1]) + shift)}"


class _NoOpener(Treeprocessor):
    """Links to other sites get rel="noopener", sanitised or not (raw_html)."""

    def run(self, root):
        for link in root.iter("a"):
            if link.get("href", "").startswith(("http://", "https://", "//")):
                link.set("rel", "noopener")


class _CareersiteExtension(Extension):
    def extendMarkdown(self, md):
        # before toc (priority 5) so heading ids are made for the final levels
        md.treeprocessors.register(_ShiftHeadings(md), "careersite_shift_headings", 6)
        md.treeprocessors.register(_NoOpener(md), "careersite_noopener", 4)


@lru_cache(maxsize=1)
def _converter() -> pymarkdown.Markdown:
    return pymarkdown.Markdown(
        extensions=["tables", "fenced_code", "attr_list", "smarty", "toc", "sane_lists", _CareersiteExtension()],
        extension_configs={"toc": {"permalink": False}},
        output_format="html",
    )


def render_markdown(text: str, raw_html: bool = False) -> str:
    """A posting or page body as sanitised HTML, safe to insert into a page unescaped; with
    `raw_html` (a site that trusts its authors) the HTML they write passes through as is."""
    md = _converter()
    md.reset()
    html = md.convert(text)
    if raw_html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",  # every link, including ones written as HTML
    )


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(fragment: str) -> str:
    """Rendered HTML as one line of plain text (for excerpts and meta descriptions)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment))).strip()


def excerpt(fragment: str, limit: int = 160) -> str:
    """The first paragraph's text, cut at a word boundary to `limit` characters."""
    match = re.search(r"<p>(.*?)</p>", fragment, re.S)
    text = plain_text(match.group(1) if match else fragment)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"
