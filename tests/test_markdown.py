"""markdown: Python-Markdown output, sanitised, with the job title as the page's only h1."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

import careersite.markdown as markdown_module
from careersite.markdown import MarkdownRefused, render_markdown
from careersite.markdown_limits import MAX_NESTING
from careersite.text import excerpt, plain_text


def test_headings_shift_so_the_top_level_is_h2():
    html = render_markdown("# Overview\n\n## Details\n")
    assert '<h2 id="overview">Overview</h2>' in html and '<h3 id="details">Details</h3>' in html
    assert "<h2" in render_markdown("## Already h2\n") and "<h3" not in render_markdown("## Already h2\n")


def test_extensions_tables_fenced_code_smart_quotes():
    html = render_markdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode <x>\n```\n\n"quoted" it\'s\n')
    assert "<table>" in html and "<td>1</td>" in html
    assert "<pre><code>code &lt;x&gt;" in html
    assert "“quoted” it’s" in html


def test_dangerous_html_is_removed_but_content_stays():
    html = render_markdown('<script>alert(1)</script><style>p{}</style>\n\n<a href="javascript:x()" onclick="y()">l</a> '
                           '<img src="data:image/png;base64,AA" alt="i"> <form><input></form> <iframe src="https://e.example"></iframe>\n\n**bold** [ok](https://ok.example)\n')
    for bad in ("<script", "<style", "javascript:", "onclick", "data:", "<form", "<input", "<iframe"):
        assert bad not in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://ok.example" rel="noopener">ok</a>' in html


def test_excerpt_is_the_first_paragraph_cut_at_a_word():
    html = render_markdown("## H\n\n" + "word " * 60 + "\n\nsecond")
    text = excerpt(html, 50)
    assert len(text) <= 50 and text.endswith("…") and "second" not in text
    assert plain_text("<p>a &amp; <b>b</b></p>") == "a & b"


# --- the fast paths give exactly what stock Python-Markdown gives -------------------------------

import importlib.metadata
import inspect
import tomllib

import markdown as pymarkdown
from hypothesis import given, settings, strategies as st
from markdown.blockparser import BlockParser
from markdown.treeprocessors import InlineProcessor
from packaging.requirements import Requirement

from careersite.markdown import _CareersiteExtension, _converter_for

SHARED_EXAMPLE = Path(__file__).resolve().parents[1] / "content" / "jobs" / "senior-backend-engineer.md"


def _stock_html(text: str) -> str:
    """Python-Markdown with every extension loaded and its own inline pass, as careersite used it first."""
    md = pymarkdown.Markdown(extensions=["tables", "fenced_code", "attr_list", "sane_lists", _CareersiteExtension()],
                             output_format="html")
    md.treeprocessors.register(InlineProcessor(md), "inline", 20)
    return md.convert(text)


def _fast_html(text: str) -> str:
    md = _converter_for(text)
    md.reset()
    return md.convert(text)


MARKDOWN_SAMPLES = [
    SHARED_EXAMPLE.read_text(encoding="utf-8").split("---", 2)[2],
    "Plain text with no syntax at all.\n\nA second paragraph.",
    "Some *em*, __strong__, `code`, a [link](https://x.example) and <https://auto.example>.\n",
    "Mail <jobs@x.example>, &amp; an entity, a line  \nbreak, an escaped \\*star\\* and ![img](/a.png).",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nx = '<b>'\n```\n\n## Heading {#apply}\n",
    "Reference [link][1] and [short] ones.\n\n[1]: https://x.example\n[short]: /short/\n",
    "* one\n* two with _under_ and **bold**\n\n1. first\n2. second\n\n> quote with <span>html</span>\n",
    "Title\n=====\n\nSub\n---\n\n***\n\n- - -\n\n___\n\n    indented code\n\n> q\n> > nested\n\n# H1 #\nafter\n",
    "[x]: /y \"T\"\nText [x] and a rule:\n\n* item\n\n    * nested\n\n---\n[z]: /z\n\nText [z].\n",
]


NEW_RELEASE = (
    "careersite/markdown.py overrides private methods of Python-Markdown (InlineProcessor.__handleInline and "
    "__applyPattern, BlockParser.parseBlocks, Registry._data), checked only against the releases pyproject.toml allows. Read Python-Markdown {version}'s "
    "changes to those methods, mend the overrides, then raise the bound."
)


def _assert_same_as_stock(text: str) -> None:
    assert _fast_html(text) == _stock_html(text), (
        f"careersite's HTML differs from stock Python-Markdown {pymarkdown.__version__}: " + NEW_RELEASE.format(version=pymarkdown.__version__))


@pytest.mark.parametrize("text", MARKDOWN_SAMPLES)
def test_fast_paths_match_stock_python_markdown(text):
    _assert_same_as_stock(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1*_`[]()<>&!\\{}|#-:.\n\"'~@/=;")), max_size=120))
def test_fast_paths_match_stock_python_markdown_on_any_text(text):
    _assert_same_as_stock(text)


def test_python_markdown_is_a_release_the_overrides_were_checked_against():
    """pip keeps users inside the bound; this catches a checkout whose venv has a newer release."""
    pyproject = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    [bound] = [Requirement(r) for r in pyproject["project"]["dependencies"] if Requirement(r).name == "markdown"]
    assert any(spec.operator == "<" for spec in bound.specifier), "markdown needs an upper bound in pyproject.toml"
    installed = importlib.metadata.version("markdown")
    assert bound.specifier.contains(installed), (
        f"Python-Markdown {installed} is outside {bound}: " + NEW_RELEASE.format(version=installed))


@pytest.mark.parametrize("owner, name, parameters", [
    (InlineProcessor, "_InlineProcessor__handleInline", ["self", "data", "patternIndex"]),
    (InlineProcessor, "_InlineProcessor__applyPattern", ["self", "pattern", "data", "patternIndex", "startIndex"]),
    (BlockParser, "parseBlocks", ["self", "parent", "blocks"]),
    (pymarkdown.Markdown, "build_parser", ["self"]),
    (pymarkdown.Markdown, "is_block_level", ["self", "tag"]),
])
def test_the_private_methods_careersite_overrides_are_still_there(owner, name, parameters):
    method = getattr(owner, name, None)
    assert method is not None and list(inspect.signature(method).parameters) == parameters, (
        f"{owner.__name__}.{name} is gone or takes other arguments: " + NEW_RELEASE.format(version=pymarkdown.__version__))
    assert isinstance(pymarkdown.Markdown(extensions=["tables"]).inlinePatterns._data, dict), (
        "Registry._data is gone: " + NEW_RELEASE.format(version=pymarkdown.__version__))


# --- pathological Markdown: converted in bounded time, or refused with file:line -----------------

NESTED_250 = "\n".join("    " * level + "- item" for level in range(250))


def _refused(text: str) -> MarkdownRefused:
    started = time.perf_counter()
    with pytest.raises(MarkdownRefused) as refused:
        render_markdown(text)
    assert time.perf_counter() - started < 2  # measured before converting: at once, not after a budget
    return refused.value


def test_a_long_line_of_open_brackets_is_refused_at_once_with_its_line():
    refused = _refused("Intro\n\n" + "[" * 200_000 + "\n\nEnd\n")
    assert refused.line == 3
    assert "200,000 '['" in refused.message and "never closed by ']'" in refused.message and "remove" in refused.message


def test_a_long_run_of_emphasis_marks_is_refused_at_once_with_its_line():
    refused = _refused("Intro\n\nMore\n" + "*a" * 200_000 + "\n")
    assert refused.line == 3  # the paragraph it is in starts there
    assert _refused("Intro\n\n\n" + "*a" * 200_000).line == 4  # not the blank line before it
    assert "'*'" in refused.message and "split the paragraph" in refused.message


def test_deep_nesting_is_refused_with_the_line_where_it_passes_the_limit():
    refused = _refused("Intro\n\n" + NESTED_250)
    assert refused.line == 3 + MAX_NESTING
    assert refused.message.startswith(f"a list is nested 250 levels deep (from this line); careersite allows at most {MAX_NESTING} levels")
    assert _refused(">" * 250 + " quoted").message.startswith("quotes (>) are nested 250 levels deep")


def test_what_postings_really_hold_is_not_refused():
    nested = "\n".join("    " * level + f"- level {level}" for level in range(MAX_NESTING))
    code = "```\n" + " " * 200 + "deeply indented code\n```\n"
    links = " ".join(f"[link {n}](https://e.example/{n}) *and* `code` &amp; <b>x</b>" for n in range(400))
    html = render_markdown(f"{nested}\n\n{code}\n{links}\n\n[unclosed (bracket\n")
    assert html.count("<ul>") == MAX_NESTING and "deeply indented code" in html and html.count("<a ") == 400


def test_a_converter_that_failed_is_never_used_again(monkeypatch):
    monkeypatch.setattr(markdown_module, "markdown_problem", lambda text: None)  # as if the nesting were not measured
    with pytest.raises(MarkdownRefused) as refused:
        render_markdown(NESTED_250)  # RecursionError inside Python-Markdown
    assert refused.value.line == 0 and "nested too deeply" in refused.value.message
    # Python-Markdown's reset() leaves the failed parser's state: reused, this came out as raw text
    assert render_markdown("Hello *world*\n\n- a\n- b\n") == "<p>Hello <em>world</em></p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_the_time_budget_interrupts_a_slow_conversion(monkeypatch):
    monkeypatch.setattr(markdown_module, "markdown_problem", lambda text: None)
    monkeypatch.setattr(markdown_module, "TIME_BUDGET", 0.05)
    started = time.perf_counter()
    with pytest.raises(MarkdownRefused) as refused:
        render_markdown("[" * 3000)  # seconds without the budget
    assert time.perf_counter() - started < 1
    assert refused.value.line == 0 and "took longer than 0.05 s" in refused.value.message
    assert render_markdown("*fine*") == "<p><em>fine</em></p>"


def test_outside_the_main_thread_the_time_taken_is_checked(monkeypatch):
    monkeypatch.setattr(markdown_module, "markdown_problem", lambda text: None)
    monkeypatch.setattr(markdown_module, "TIME_BUDGET", 0.001)
    outcome = []

    def convert():
        try:
            render_markdown("[" * 600)
        except MarkdownRefused as err:
            outcome.append(err.message)

    thread = threading.Thread(target=convert)
    thread.start()
    thread.join()
    assert outcome and "took longer than" in outcome[0]


def test_paragraphs_each_within_the_bounds_are_bounded_together():
    paragraph = "[" * 1000  # a quarter of a second each
    refused = _refused("Intro\n\n" + "\n\n".join([paragraph] * 40))
    assert refused.line > 3 and refused.message.startswith("the text has too much of it in all; this paragraph has 1,000 '['")


def test_many_unclosed_tags_are_refused_at_once_with_the_first_ones_line():
    refused = _refused("Intro\n\n" + "<a\n\n" * 5000)  # the HTML parser reads on from each '<' to a '>'
    assert refused.line == 3 and "'<' without a closing '>'" in refused.message


def test_many_headings_of_one_name_get_their_ids_in_linear_time():
    started = time.perf_counter()
    html = render_markdown("## Apply\n\n" * 20_000)  # numbered from 1 for each heading: half a minute
    assert time.perf_counter() - started < 3
    assert html.count('id="apply_') == 19_999 and '<h2 id="apply_19999">Apply</h2>' in html


def test_too_many_lines_or_fences_are_refused_at_once():
    refused = _refused("a\n\n" * 30_000)
    assert refused.line == 50_001 and "careersite converts at most 50,000" in refused.message
    refused = _refused("Intro\n\n" + "~~~\n" * 20_000)
    assert refused.line == 3 and "20,000 code fences" in refused.message
    assert "line breaks (two spaces at a line's end)" in _refused("a  \n" * 30_000).message


def test_a_long_block_of_headings_without_blank_lines_is_refused_at_once():
    refused = _refused("Intro\n\n" + "Title\n-----\n" * 20_000)  # each setext heading splits the rest of the block
    assert refused.line == 3 and "40,000 lines without a blank line between them" in refused.message


def test_thousands_of_unclosed_html_tags_are_refused_at_once():
    refused = _refused("Intro\n\n" + "<div>\n\n" * 6_000)  # nested in each other: the sanitiser slows with the square
    assert refused.line == 3 + 2 * 5_000 and "more than 5,000 HTML tags it does not close" in refused.message
    assert render_markdown("<b>x</b>\n\n" * 6_000).count("<b>x</b>") == 6_000
