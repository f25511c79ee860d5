"""Placeholders an outline leaves for its author (TODO, TBD, FIXME, lorem ipsum, "[insert ...]"),
found in a posting's title, summary and body so that a posting still holding them is never
published: `careersite new` writes such an outline, and Google would show its "TODO" to everyone.

Only what a reader would see counts: code spans, code blocks and HTML comments are left out, and
ordinary words are not markers ("my todo list", "Todoist", "mastodon"): the all-capitals markers
count in capitals only, and "todo" in lower case only when written as a label ("Todo: ...")."""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER = "placeholder"  # the code `careersite check` reports a placeholder under

_MARKERS = re.compile(
    r"(?<![\w-])(?:TODO|FIXME|TBD|XXX)s?(?![\w-])"  # capitals only: 'todo list' and 'Todoist' are words
    r"|(?<![\w-])(?i:to-?do)\s*:"  # 'Todo:' written as a label
    r"|(?i:\blorem\s+ipsum\b)"
    # an instruction in brackets; not a Markdown link ('[add to calendar](...)', '[your profile][1]')
    r"|(?i:\[\s*(?:insert|enter|fill\s+in|add|your|placeholder)\b[^\]\n]{0,100}\])(?![(\[:])"
    r"|(?i:<\s*(?:insert|enter|your)\b[^>\n@:/]{0,100}>)"  # not an autolink: <your-team@acme.com>
    r"|\{\{[^{}\n]{1,80}\}\}"  # a template variable never filled in: '{{company}}'
)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).{1,2000}?(?<!`)\1(?!`)")  # bounded: a stray backtick costs little
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


@dataclass(frozen=True)
class Placeholder:
    field: str  # "title", "summary" or "body"
    line: int  # 1-based, within the field's text
    marker: str  # as written: 'TODO', '[insert salary]'


def find_in_text(text: str) -> list[tuple[int, str]]:
    """(line, marker) of every placeholder in plain text, such as a title or summary."""
    return [(number, m.group(0)) for number, line in enumerate(text.split("\n"), start=1) for m in _MARKERS.finditer(line)]


def find_in_markdown(text: str) -> list[tuple[int, str]]:
    """(line, marker) of every placeholder a reader would see in Markdown: not in code or comments."""
    if not _MARKERS.search(text):  # nearly every posting: one scan, no line-by-line reading
        return []
    return find_in_text("\n".join(_visible_lines(text)))


def find_placeholders(title: str, summary: str, body: str) -> list[Placeholder]:
    """Every placeholder of a posting, field by field (title, summary, body), in the order written."""
    found = [Placeholder("title", line, marker) for line, marker in find_in_text(title)]
    found += [Placeholder("summary", line, marker) for line, marker in find_in_text(summary)]
    found += [Placeholder("body", line, marker) for line, marker in find_in_markdown(body)]
    return found


def placeholders_by_field(title: str, summary: str, body: str) -> list[tuple[str, list[Placeholder]]]:
    """The fields that hold placeholders (title, summary, body, in that order), each with its own:
    a problem or a warning is said once a field, at its first placeholder."""
    found = find_placeholders(title, summary, body)
    grouped = [(name, [p for p in found if p.field == name]) for name in ("title", "summary", "body")]
    return [(name, here) for name, here in grouped if here]


def describe(found: list[Placeholder]) -> str:
    """'the placeholder 'TODO'' or 'the placeholder 'TODO' (and 3 more)', for one field's findings."""
    more = len(found) - 1
    return f"the placeholder {found[0].marker!r}" + (f" (and {more} more)" if more else "")


def _visible_lines(text: str) -> list[str]:
    """The Markdown's lines with code blocks, code spans and HTML comments blanked (line count kept).

    An indented line is a code block only after a blank line and outside a list (in a list it
    continues an item), which is how CommonMark and Python-Markdown read it."""
    text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    out: list[str] = []
    fence = ""
    blank_before = True
    in_list = False
    in_code = False
    for line in text.split("\n"):
        if fence:
            out.append("")
            if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
                fence = ""
            continue
        opening = _FENCE.match(line)
        if opening:
            fence = opening.group(1)
            out.append("")
            blank_before = False
            continue
        blank = not line.strip()
        indented = line.startswith("    ") or line.startswith("\t")
        if not blank and indented and (in_code or blank_before) and not in_list:
            in_code = True
            out.append("")
            blank_before = False
            continue
        if not blank:
            in_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif not indented and (blank_before or line.startswith("#")):
                in_list = False  # a new paragraph or a heading at the margin ends the list
        out.append(_CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line))
        blank_before = blank
    return out
