"""Markdown -> safe HTML: one configured Python-Markdown per process, its output sanitised by nh3.

Imported only where Markdown is rendered: a rebuild that renders nothing never loads Python-Markdown."""

from __future__ import annotations

import html
import re
import signal
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import markdown as pymarkdown
import nh3
from markdown.blockparser import BlockParser
from markdown.extensions import Extension
from markdown.treeprocessors import InlineProcessor, Treeprocessor
from markdown.extensions.toc import slugify as toc_slugify
from markdown.util import AtomicString

from .markdown_limits import MarkdownRefused, markdown_problem

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


class _Headings(Treeprocessor):
    """Make the body's top heading level h2 (the page's one h1 is the job title) and give each
    heading an id for links to its section, as `toc` would but without building a table of
    contents nobody shows (toc was a sixth of the conversion time)."""

    def run(self, root):
        headings = [el for el in root.iter() if el.tag in _HEADINGS]
        if not headings:
            return
        shift = max(0, 2 - min(int(el.tag[1]) for el in headings))
        used: set[str] = {el.get("id") for el in root.iter() if el.get("id")}
        # the last number given to each base: the ones below it are all taken (used only grows), so
        # the search goes on from there; from 0 it made 30,000 headings "## a" take minutes
        last: dict[str, int] = {}
        for el in headings:
            el.tag = f"h{min(6, int(el.tag[1]) + shift)}"
            if el.get("id"):
                continue  # given with an attribute list: {#apply}
            text = _STASHED.sub("", "".join(el.itertext()))
            base = toc_slugify(html.unescape(text), "-") or "section"
            number = last.get(base, 0)
            ident = f"{base}_{number}" if number else base
            while ident in used:
                number += 1
                ident = f"{base}_{number}"
            last[base] = number
            used.add(ident)
            el.set("id", ident)


_STASHED = re.compile(r"\x02wzxhzdk:\d+\x03")


class _NoOpener(Treeprocessor):
    """Links to other sites get rel="noopener", sanitised or not (raw_html)."""

    def run(self, root):
        for link in root.iter("a"):
            if link.get("href", "").startswith(("http://", "https://", "//")):
                link.set("rel", "noopener")


_DASHES = re.compile(r"---|--|\.\.\.")
_DASH_CHARS = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
_OPENERS = set(" \t\n([{\u2014\u2013-/")


class _SmartPunctuation(Treeprocessor):
    """Curly quotes, dashes and ellipses, as Python-Markdown's `smarty` makes them, in one pass
    over the text: `smarty` adds a dozen inline patterns and triples the time of a conversion."""

    def run(self, root):
        self._walk(root, "", inside_code=False, is_root=True)

    def _walk(self, el, previous: str, inside_code: bool, is_root: bool = False) -> str:
        """Text in document order (text, children, tail), so quotes see the character before."""
        code = inside_code or el.tag in ("code", "pre", "kbd")
        if el.text:
            if code or isinstance(el.text, AtomicString):
                previous = el.text[-1]
            else:
                el.text, previous = self._smarten(el.text, previous)
        for child in el:
            previous = self._walk(child, previous, code)
        if el.tail and not is_root:
            if inside_code or isinstance(el.tail, AtomicString):
                previous = el.tail[-1]
            else:
                el.tail, previous = self._smarten(el.tail, previous)
        return previous

    @staticmethod
    def _smarten(text: str, previous: str) -> tuple[str, str]:
        if '"' not in text and "'" not in text and "--" not in text and "..." not in text:
            return text, text[-1]
        text = _DASHES.sub(lambda m: _DASH_CHARS[m.group()], text)
        out = []
        for i, char in enumerate(text):
            if char in "\"'":
                before = out[-1] if out else previous
                after = text[i + 1] if i + 1 < len(text) else ""
                if char == "'" and (before.isalnum() and (after.isalnum() or not after or after in " .,;:!?)") or after.isdigit()):
                    char = "\u2019"  # it's, the 90s, James'
                elif not before or before in _OPENERS or before in "\u201c\u2018":
                    char = "\u201c" if char == '"' else "\u2018"
                else:
                    char = "\u201d" if char == '"' else "\u2019"
            out.append(char)
        return "".join(out), out[-1] if out else previous


# What a Python-Markdown inline pattern needs somewhere in the text to match at all (any one of).
# Patterns not named here (from other extensions) are always tried.
_TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",), "image_link": ("![",),
    "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",), "autolink": ("<",),
    "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
    "em_strong2": ("_",), "not_strong": ("*", "_"), "strong": ("*",), "emphasis": ("*",), "emphasis2": ("_",),
}


def _needle_search(needles: tuple[str, ...] | None):
    """A function telling whether a text holds any of the needles (from a position), or None for
    no needles: a processor without a trigger is always tried."""
    return re.compile("|".join(map(re.escape, needles))).search if needles is not None else None


class _TriggeredInline(InlineProcessor):
    """Python-Markdown's inline pass, skipping each pattern whose trigger is nowhere in the text:
    the stock pass tries all sixteen patterns on every text node, and most nodes of a posting hold
    no `[`, `<`, `&`, `*` or backtick at all. That trying was a third of a conversion's time; the
    HTML is the same, as a pattern cannot match text without its trigger."""

    _triggers: list | None = None

    def run(self, tree, ancestors=None):
        if self._triggers is None:  # on the first conversion: every extension has registered its patterns by then
            registry = self.md.inlinePatterns
            names = {id(pattern): name for name, pattern in registry._data.items()}
            self.inlinePatterns = list(registry)  # the registry sorts itself on every indexing
            triggers = [_TRIGGERS.get(names.get(id(p), "")) for p in self.inlinePatterns]
            self._triggers = [_needle_search(t) for t in triggers]
            known = all(t is not None for t in triggers)
            self._any_trigger = _needle_search(tuple(t for ts in triggers for t in ts)) if known else None
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data, patternIndex=0):
        if self._any_trigger is not None and not self._any_trigger(data):
            return data  # plain text: no pattern can match
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)

    def _InlineProcessor__applyPattern(self, pattern, data, patternIndex, startIndex=0):
        has_trigger = self._triggers[patternIndex]
        if has_trigger is not None and not has_trigger(data, startIndex):
            return data, False, 0
        return InlineProcessor._InlineProcessor__applyPattern(self, pattern, data, patternIndex, startIndex)


# What a Python-Markdown block processor needs in a block to apply to it (any one of); the others
# are always tried. The reference processor takes every block out and puts it back when it holds
# no link definition; the header, rule and quote tests search the whole block.
_BLOCK_TRIGGERS = {"hashheader": ("#",), "hr": ("-", "_", "*"), "quote": (">",), "reference": ("]:",)}


class _TriggeredBlockParser(BlockParser):
    """Python-Markdown's block parser, trying each block processor only on blocks that hold its
    trigger, and in an order taken once (the stock parser asks the registry to sort itself again
    for every block). Same processors, same order, same tree."""

    _order: list | None = None

    def parseBlocks(self, parent, blocks):
        if self._order is None:  # on the first parse: every extension has registered its processors by then
            registry = self.blockprocessors
            names = {id(processor): name for name, processor in registry._data.items()}
            self._order = [(processor, _needle_search(_BLOCK_TRIGGERS.get(names.get(id(processor), ""))))
                           for processor in registry]
        order = self._order
        while blocks:
            for processor, has_trigger in order:
                if has_trigger is not None and not has_trigger(blocks[0]):
                    continue
                if processor.test(parent, blocks[0]):
                    if processor.run(parent, blocks) is not False:
                        break


class _CareersiteExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_TriggeredInline(md), "inline", 20)
        md.treeprocessors.register(_SmartPunctuation(md), "careersite_smart_punctuation", 7)
        md.treeprocessors.register(_Headings(md), "careersite_headings", 6)  # after attr_list (8)
        md.treeprocessors.register(_NoOpener(md), "careersite_noopener", 4)


class _Markdown(pymarkdown.Markdown):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._block_level = frozenset(self.block_level_elements)  # with what extensions added

    def build_parser(self):
        super().build_parser()
        self.parser.__class__ = _TriggeredBlockParser  # the processors hold this very parser: it stays the same object
        return self

    def is_block_level(self, tag) -> bool:
        """As Python-Markdown's, with a set instead of a list: it is asked about every element."""
        return isinstance(tag, str) and tag.lower().rstrip("/") in self._block_level


# Extensions that can only act on text holding one of these: a posting without any is converted
# without them, which gives the same HTML (tables tries every block; attr_list walks every element).
_OPTIONAL_EXTENSIONS = (("tables", ("|",)), ("fenced_code", ("```", "~~~")), ("attr_list", ("{",)))


@lru_cache(maxsize=None)
def _converter(extensions: tuple[str, ...]) -> pymarkdown.Markdown:
    """One configured Python-Markdown per set of extensions, per process (reset between uses;
    dropped after a failure, see render_markdown)."""
    return _Markdown(extensions=[*extensions, "sane_lists", _CareersiteExtension()], output_format="html")


def _converter_for(text: str) -> pymarkdown.Markdown:
    return _converter(tuple(name for name, needles in _OPTIONAL_EXTENSIONS if any(n in text for n in needles)))


TIME_BUDGET = 5.0  # seconds for one body; a posting takes a few milliseconds


class _OverBudget(BaseException):
    """Not an Exception: Python-Markdown's own `except Exception` must not swallow it."""


def _over_budget(signum, frame) -> None:
    raise _OverBudget


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after `seconds` with _OverBudget: with a timer signal, which only the
    main thread can receive (a build worker's tasks and `serve`'s rebuilds run there). Elsewhere
    the caller's check of the time taken is the bound."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _over_budget)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_markdown(text: str, raw_html: bool = False) -> str:
    """A posting or page body as sanitised HTML, safe to insert into a page unescaped; with
    `raw_html` (a site that trusts its authors) the HTML they write passes through as is.

    Raises MarkdownRefused for a body that would take too long or nest too deep (measured first,
    so it is refused at once), or that took longer than TIME_BUDGET anyway. A converter that
    failed in any way is dropped, never used again: Python-Markdown's reset() does not clear the
    state a failure leaves, and the next bodies would come out as raw Markdown."""
    found = markdown_problem(text)
    if found is not None:
        raise MarkdownRefused(*found)
    md = _converter_for(text)
    started = time.perf_counter()
    try:
        with _time_limit(TIME_BUDGET):
            md.reset()
            html = md.convert(text)
    except _OverBudget:
        _converter.cache_clear()
        raise MarkdownRefused(0, _slow_message(), lasting=False) from None
    except RecursionError:
        _converter.cache_clear()
        raise MarkdownRefused(0, "the Markdown is nested too deeply to convert (lists, quotes, emphasis or "
                                 "links inside each other); flatten it") from None
    except Exception as err:  # a Python-Markdown bug on some input: name the file, not a traceback
        _converter.cache_clear()
        raise MarkdownRefused(0, f"Python-Markdown failed on this text ({type(err).__name__}: {err}); "
                                 "simplify unusual markup") from None
    except BaseException:  # Ctrl-C in the middle: the converter's state is half-made
        _converter.cache_clear()
        raise
    if not raw_html:
        html = nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener",  # every link, including ones written as HTML
        )
    if time.perf_counter() - started > TIME_BUDGET:  # where no timer could interrupt it (a thread; nh3's Rust)
        raise MarkdownRefused(0, _slow_message(), lasting=False)
    return html


def _slow_message() -> str:
    return (f"the Markdown took longer than {TIME_BUDGET:g} s to convert (a posting takes milliseconds); "
            "look for long runs of repeated marks such as '[', '*' or '<' and remove them")
