"""Template tags another generator left in a posting's body: Liquid and Jinja/Nunjucks (`{% include
x.html %}`, `{{ site.email }}`, `{% raw %}`), Hugo shortcodes (`{{< youtube id >}}`) and excerpt
markers (`<!-- more -->`). careersite's Markdown would print them as text, so each is removed, or
resolved when that is trivial (`{{ page.title }}` is the title, `{% raw %}` keeps what it wraps),
and every one is named for the report. Fenced code is left as written: there the tags are the
example being shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# a block whose content goes with it; `{% comment ---- %}` (decorated tags) included
_COMMENT_BLOCK = re.compile(r"\{%-?\s*comment\b.*?%\}.*?\{%-?\s*endcomment\b.*?%\}", re.S)
_RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
_STATEMENT = re.compile(r"\{%.*?%\}", re.S)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_EXCERPT = re.compile(r"^[ \t]*<!--\s*(more|break|excerpt|truncate|read ?more)\s*-->[ \t]*$", re.I | re.M)
_DROPPED = "\0DROPPED\0"
_BETWEEN_WORDS = re.compile(r"(?<=\S)[ \t]*(?:\0DROPPED\0[ \t]*)+(?=\S)")
_AT_EDGE = re.compile(r"[ \t]*(?:\0DROPPED\0[ \t]*)+")
# '[benefits]({% link pages/benefits.md %})' once its tag is gone: no target left to link to
_EMPTY_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([ \t]*\)")
_BLANK_RUN = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")
_PAGE_TITLE = re.compile(r"^\{\{-?\s*(page|post)\.title\s*-?\}\}$")


@dataclass
class CleanBody:
    """The body without template tags, what was done, and the text before an excerpt marker."""

    text: str
    removed: list[str] = field(default_factory=list)  # the tags as written, once each, in order
    resolved: list[str] = field(default_factory=list)  # 'tag -> value'
    counts: dict[str, int] = field(default_factory=dict)  # how often each removed tag was seen

    def removed_text(self) -> list[str]:
        """'{% include x.html %}', or '... (3 times)'."""
        return [tag + (f" ({self.counts[tag]} times)" if self.counts.get(tag, 1) > 1 else "") for tag in self.removed]
    excerpt: str = ""  # the Markdown before `<!-- more -->`, when there was one


def clean_body(text: str, title: str = "") -> CleanBody:
    """`text` without template tags and excerpt markers (outside fenced code)."""
    result = CleanBody(text="")
    pieces = []
    for chunk, is_code in _chunks(text):
        pieces.append(chunk if is_code else _clean_prose(chunk, title, result))
    cleaned = "".join(pieces)
    marker = _EXCERPT.search(cleaned)
    if marker:
        result.excerpt = cleaned[:marker.start()].strip()
        result.removed.append(marker.group(0).strip())
        cleaned = _EXCERPT.sub("", cleaned)
    cleaned = cleaned.strip("\n")
    result.text = cleaned + "\n" if cleaned.strip() else ""
    return result


def _chunks(text: str):
    """(text, is fenced code) in order."""
    lines = text.split("\n")
    current: list[str] = []
    inside, fence = False, ""
    for line in lines:
        match = _FENCE.match(line)
        if match and not inside:
            if current:
                yield "\n".join(current) + "\n", False
            current, inside, fence = [line], True, match.group(1)
        elif match and inside and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            current.append(line)
            yield "\n".join(current) + "\n", True
            current, inside = [], False
        else:
            current.append(line)
    if current:
        yield "\n".join(current), inside


def _clean_prose(text: str, title: str, result: CleanBody) -> str:
    def drop(match: re.Match[str]) -> str:
        tag = match.group(0)
        shown = "{% comment %}...{% endcomment %}" if _COMMENT_BLOCK.fullmatch(tag) else " ".join(tag.split())
        _note(result.removed, shown)
        result.counts[shown] = result.counts.get(shown, 0) + 1
        return _DROPPED

    def raw(match: re.Match[str]) -> str:
        # set aside, so the tags it wraps are kept as written
        raws.append(match.group(1))
        _note(result.resolved, "{% raw %} -> its content, as written")
        return f"\0RAW{len(raws) - 1}\0"

    def expression(match: re.Match[str]) -> str:
        tag = match.group(0)
        if title and _PAGE_TITLE.match(tag):
            _note(result.resolved, f"{tag} -> {title!r}")
            return title
        return drop(match)

    raws: list[str] = []
    text = _RAW_BLOCK.sub(raw, text)
    text = _COMMENT_BLOCK.sub(drop, text)
    text = _JINJA_COMMENT.sub(drop, text)
    text = _SHORTCODE.sub(drop, text)
    text = _STATEMENT.sub(drop, text)
    text = _EXPRESSION.sub(expression, text)
    text = _BETWEEN_WORDS.sub(" ", text)  # 'Email {{ site.email }} now' -> 'Email now'
    text = _AT_EDGE.sub("", text)
    text = _EMPTY_LINK.sub(lambda m: _unlink(m, result), text)
    text = _BLANK_RUN.sub("\n\n", text)  # lines that only held tags go
    for index, kept in enumerate(raws):
        text = text.replace(f"\0RAW{index}\0", kept)
    return text


def _unlink(match: re.Match[str], result: CleanBody) -> str:
    _note(result.resolved, f"[{match.group(1)}](...) -> plain text, as its target was a template tag")
    return match.group(1)


def _note(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
