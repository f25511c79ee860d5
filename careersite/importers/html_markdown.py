"""ATS description HTML -> Markdown for a posting body: sanitised first, then converted.

markdownify does the conversion (nested lists, links, emphasis, tables and the escaping of
Markdown characters in text are where hand-written converters go wrong); nh3 removes scripts,
styles, event handlers and javascript: links before any of it reaches the Markdown.
"""

from __future__ import annotations

import html
import re

import nh3
from markdownify import MarkdownConverter

_BLOCK_START = re.compile(r"^(#{1,6}\s|[-+*]\s|\d{1,9}[.)]\s|>)")
_BLANK_RUNS = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+\n")


class _Converter(MarkdownConverter):
    """markdownify with the choices careersite's Markdown reads best: ATX headings, '-' bullets,
    backslash line breaks (no trailing spaces to lose), and '<' kept as text."""

    def __init__(self) -> None:
        super().__init__(heading_style="ATX", bullets="-", strong_em_symbol="*", newline_style="backslash",
                         escape_misc=False, autolinks=True)

    def escape(self, text: str, parent_tags: set[str]) -> str:
        # text like 'a <b> tag' (entity-encoded in the HTML) must not become raw HTML in the Markdown
        return super().escape(text, parent_tags).replace("<", "&lt;")

    def convert_p(self, el, text: str, parent_tags: set[str]) -> str:
        # a paragraph that starts '# of hires' or '1. ' would read as a heading or a list
        converted = super().convert_p(el, text, parent_tags)
        stripped = converted.strip("\n")
        if _BLOCK_START.match(stripped) and "_inline" not in parent_tags:
            converted = converted.replace(stripped, "\\" + stripped, 1)
        return converted


def html_to_markdown(fragment: str) -> str:
    """A description's HTML as Markdown text ending in one newline ('' for an empty description)."""
    clean = nh3.clean(fragment or "")
    markdown = _Converter().convert(clean)
    markdown = _BLANK_RUNS.sub("\n\n", markdown).strip()
    return markdown + "\n" if markdown else ""


def unescape_html(encoded: str) -> str:
    """Greenhouse sends its HTML entity-encoded ('&lt;p&gt;'): decode it once, and only once, so
    text that was meant to show '&lt;' still does."""
    return html.unescape(encoded or "")


def heading(text: str, level: int = 2) -> str:
    """A Markdown heading line for plain text from an ATS (Lever's list titles)."""
    return "#" * level + " " + " ".join(text.split())
