"""A posting written as plain Markdown (no front matter) -> a Draft.

What is taken out of the text and into front matter:
- the title: the first level-1 heading, or the first heading when only blank or labelled lines
  come before it; the heading line is removed from the body;
- labelled lines such as `**Location:** Remote (US) or San Francisco Bay Area` (also written
  `**Location**: ...`). A labelled line is removed only when its value was fully understood; one
  that was not (`**Salary:** Competitive`) stays in the body, word for word, and the field is
  reported as still to fill in. Labels careersite has no field for (`**Reports to:** ...`) stay;
- a "Keywords" (or "Tags") section: its comma-separated terms become `keywords` and the section
  is dropped, since it is written for matching engines rather than for candidates to read.
Horizontal rules left with nothing to separate (at the start or end of the body, or two in a row)
go too. Everything else stays verbatim.
"""

from __future__ import annotations

import re

from ..places import Places
from .draft import Draft
from .labels import HANDLERS, PLACE_LABELS, apply_url, clean_inline, keyword_list, left_out_note, skill_terms

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_LABELLED = re.compile(r"^ {0,3}(\*\*|__)(?P<label>[^*_:\n]{1,40}?)[ \t]*(?::\1|\1[ \t]*:)[ \t]*(?P<value>.*?)[ \t]*\\?[ \t]*$")
# 'Employment Type: Part-time' without bold: read only for a label careersite knows, at the start
# of a line, in a paragraph made of labelled lines alone (so prose such as 'Team: we are five
# people.' inside a paragraph, a list item or code is never taken)
_PLAIN_LABELLED = re.compile(r"^ {0,3}(?P<label>[A-Za-z][A-Za-z ]{0,38}?)[ \t]*:[ \t]+(?P<value>\S.*?)[ \t]*\\?[ \t]*$")
_KEYWORDS_HEADING = re.compile(r"^(keywords|tags|search terms)\b", re.IGNORECASE)


def markdown_draft(text: str, origin: str, title: str = "") -> Draft:
    """A Draft from a Markdown body: its title heading, labelled lines and keywords section. With
    `title` (a front matter already gave it), a first heading that only repeats it is removed and
    any other heading stays."""
    lines = text.split("\n")
    code = _code_lines(lines)
    draft = Draft(origin=origin, slug_hint="")
    drop: set[int] = set()
    if title:
        _drop_repeated_title(lines, code, drop, title)
    else:
        _take_title(lines, code, drop, draft)
    _take_labelled_lines(lines, code, drop, draft)
    _take_keywords_section(lines, code, drop, draft)
    draft.body = _remaining_body(lines, code, drop)
    return draft


def _code_lines(lines: list[str]) -> set[int]:
    """Indices of lines inside fenced code blocks, which are never read as headings or labels."""
    inside, fence, code = False, "", set()
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if match and (not inside or match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)):
            inside, fence = not inside, match.group(1)
            code.add(index)
        elif inside:
            code.add(index)
    return code




# --- title ------------------------------------------------------------------------------------


def _take_title(lines: list[str], code: set[int], drop: set[int], draft: Draft) -> None:
    found = _title_heading(lines, code)
    if found is None:
        return
    first, last, title = found
    drop.update(range(first, last + 1))
    draft.set("title", title, f"{title!r} (the title heading, removed from the body)")


def _drop_repeated_title(lines: list[str], code: set[int], drop: set[int], title: str) -> None:
    found = _title_heading(lines, code)
    if found and found[2].casefold() == clean_inline(title).casefold():
        drop.update(range(found[0], found[1] + 1))


def _title_heading(lines: list[str], code: set[int]) -> tuple[int, int, str] | None:
    """(first line, last line, text) of the title heading: the first h1, or the first heading
    when nothing but blank or labelled lines comes before it."""
    headings = list(_headings(lines, code))
    h1 = next((h for h in headings if h[0] == 1), None)
    if h1:
        return h1[1], h1[2], h1[3]
    if headings:
        level, first, last, text = headings[0]
        before = [line for line in lines[:first] if line.strip() and not _labelled(line)]
        if not before:
            return first, last, text
    return None


def _headings(lines: list[str], code: set[int]):
    """(level, first line, last line, text) for each ATX heading, and a setext heading that
    opens the document."""
    first_text = next((i for i, line in enumerate(lines) if line.strip()), None)
    for index, line in enumerate(lines):
        if index in code:
            continue
        match = _ATX.match(line)
        if match and clean_inline(match.group(2)):
            yield len(match.group(1)), index, index, clean_inline(match.group(2))
        elif index == first_text and index + 1 < len(lines) and _SETEXT.match(lines[index + 1]) and not _labelled(line):
            yield (1 if lines[index + 1].strip()[0] == "=" else 2), index, index + 1, clean_inline(line)


# --- labelled lines (what each label means: labels.py) ----------------------------------------


def _labelled(line: str) -> re.Match[str] | None:
    """A `**Label:** value` line, or a plain `Label: value` line whose label careersite knows."""
    match = _LABELLED.match(line)
    if match:
        return match
    plain = _PLAIN_LABELLED.match(line)
    if plain and " ".join(plain.group("label").lower().split()) in HANDLERS and not plain.group("value").endswith((".", "!", "?")):
        return plain
    return None


def _in_label_block(lines: list[str], code: set[int], index: int) -> bool:
    """Whether every line of the paragraph around `index` is a labelled line."""
    def block_line(i: int) -> bool:
        return 0 <= i < len(lines) and i not in code and bool(lines[i].strip()) and not _ATX.match(lines[i])

    first, last = index, index
    while block_line(first - 1):
        first -= 1
    while block_line(last + 1):
        last += 1
    return all(_labelled(lines[i]) for i in range(first, last + 1))


def _take_labelled_lines(lines: list[str], code: set[int], drop: set[int], draft: Draft) -> None:
    places = Places()
    place_texts: list[str] = []
    for index, line in enumerate(lines):
        match = _labelled(line)
        if index in code or index in drop or not match:
            continue
        if match.re is _PLAIN_LABELLED and not _in_label_block(lines, code, index):
            continue
        label = " ".join(match.group("label").lower().split())
        handler = HANDLERS.get(label)
        # the apply line needs its link target, which cleaning would drop
        value = match.group("value").strip() if handler is apply_url else clean_inline(match.group("value"))
        if handler is None or not value:
            continue
        if label in PLACE_LABELS:
            place_texts.append(value)
        if handler(draft, value, places):
            drop.add(index)
    if place_texts:
        draft.set_places(places, " / ".join(place_texts))


# --- keywords section -------------------------------------------------------------------------


def _take_keywords_section(lines: list[str], code: set[int], drop: set[int], draft: Draft) -> None:
    for level, first, _, text in _headings(lines, code):
        if first in drop or not _KEYWORDS_HEADING.match(text):
            continue
        end = _section_end(lines, code, first, level)
        terms, left_out = skill_terms(keyword_list("\n".join(lines[first + 1:end])))
        if terms:
            draft.set("keywords", terms, f"{len(terms)} terms (from the {text!r} section, removed from the body){left_out_note(left_out)}")
            drop.update(range(first, end))
        return


def _section_end(lines: list[str], code: set[int], start: int, level: int) -> int:
    """Where a section ends: the next heading of its level or higher, a rule, a labelled line."""
    for index in range(start + 1, len(lines)):
        if index in code:
            continue
        heading = _ATX.match(lines[index])
        if heading and len(heading.group(1)) <= level or _RULE.match(lines[index]) or _labelled(lines[index]):
            return index
    return len(lines)


# --- what is left ---------------------------------------------------------------------------


def _remaining_body(lines: list[str], code: set[int], drop: set[int]) -> str:
    """The lines not taken, with the blank lines and rules that only framed taken lines removed."""
    kept: list[tuple[str, bool]] = []  # (line, is a rule outside code)
    after_gap = False
    for index, line in enumerate(lines):
        if index in drop:
            after_gap = True
            continue
        blank = not line.strip()
        if after_gap and blank and (not kept or not kept[-1][0].strip()):
            continue  # blank lines around a removed line collapse into one
        is_rule = index not in code and bool(_RULE.match(line)) and (not kept or not kept[-1][0].strip())
        if is_rule and after_gap and any(r for _, r in _last_nonblank(kept)):
            continue  # two rules with only removed lines between them
        after_gap = after_gap and blank
        kept.append((line, is_rule))
    while kept and (not kept[0][0].strip() or kept[0][1]):
        kept.pop(0)
    while kept and (not kept[-1][0].strip() or kept[-1][1]):
        kept.pop()
    return "\n".join(line for line, _ in kept) + "\n" if kept else ""


def _last_nonblank(kept: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    for line, is_rule in reversed(kept):
        if line.strip():
            return [(line, is_rule)]
    return []
