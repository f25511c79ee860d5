"""What Markdown careersite converts: bounds that keep Python-Markdown's time linear and its
recursion shallow, measured on the text before it is converted. Apart from markdown.py so that
reading a free page can be checked without loading Python-Markdown."""

from __future__ import annotations

import bisect
import re

MAX_NESTING = 20  # lists and quotes inside each other; Python-Markdown recurses per level (RecursionError near 250)
MAX_LINK_SEARCH = 3_000_000  # characters Python-Markdown may walk looking for the ends of links (under a second)
MAX_REWRITE = 500_000_000  # paragraph length x its Markdown marks and lines: each match copies the paragraph again
MAX_TAG_SEARCH = 10_000_000  # characters the raw HTML parser may walk looking for the ends of tags
MAX_OPEN_TAGS = 5_000  # HTML elements open at once: the sanitiser's time grows with the square of the depth
MAX_LINES = 50_000  # each block, heading or list item costs about 10 microseconds; a posting has a few hundred lines

# what starts an inline pattern: each match rebuilds the text around it (a fence: the whole body)
_MARKS = ("*", "_", "[", "<", "`", "\\", "&", "  \n")
_MARK_NAMES = {"\\": "'\\'", "  \n": "line breaks (two spaces at a line's end)"}
_FENCES = ("```", "~~~")
_DEEP_PREFIX = re.compile(r"\n[ \t>*+\-0-9.)]{%d,}" % MAX_NESTING)  # the only lines that can nest that deep
_LEVEL = re.compile(r"(>)|([-*+]|\d{1,9}[.)])(?=[ \t]|$)|([ \t]+)")
_FENCE = re.compile(r"^[ \t]*(```|~~~)", re.M)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_BRACKETS = re.compile(r"[\[\]]")
_PARENS = re.compile(r"[()]")
_TAG_START = re.compile(r"<[/!?A-Za-z]")
_TAG_OPEN_CLOSE = re.compile(r"<(/?)[A-Za-z]")


class MarkdownRefused(ValueError):
    """A body careersite does not convert: `line` counts from the body's first line (1), 0 when
    no one line is at fault (the time budget). The message says what is wrong and the fix.
    `lasting` is False when the same text may pass another time (it ran out of time on a busy
    machine): such a refusal is not cached."""

    def __init__(self, line: int, message: str, lasting: bool = True):
        super().__init__(message)
        self.line, self.message, self.lasting = line, message, lasting

    def __reduce__(self):  # raised in a worker process, re-raised in the parent
        return (MarkdownRefused, (self.line, self.message, self.lasting))


def markdown_problem(text: str) -> tuple[int, str] | None:
    """(line in the body, what is wrong and the fix) for a body whose conversion would take
    superlinear time or recurse too deep, or None. Measured, not guessed: the nesting depth of
    each line, and how far Python-Markdown's link and tag searches would walk (they scan to the
    end of the text from every unclosed `[`, `](` and `<`). Linear in the text, and for a normal
    posting a few counts over the whole body."""
    return _size_problem(text) or _nesting_problem(text) or _inline_problem(text)


def _size_problem(text: str) -> tuple[int, str] | None:
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        return MAX_LINES + 1, (f"the text has {lines:,} lines; careersite converts at most {MAX_LINES:,} in one body "
                               "(a posting has a few hundred): shorten it from this line on")
    fences = sum(map(text.count, _FENCES))
    if fences * len(text) > MAX_REWRITE:
        first = min(i for i in (text.find(f) for f in _FENCES) if i >= 0)
        return text.count("\n", 0, first) + 1, (
            f"the text has {fences:,} code fences (``` or ~~~) in {len(text):,} characters: too slow to convert "
            "(each code block rewrites the whole text); remove the stray fences")
    return None


def _nesting_problem(text: str) -> tuple[int, str] | None:
    deep = []  # (offset, depth, quotes are most of it) of each line nested deeper than allowed
    for candidate in _DEEP_PREFIX.finditer("\n" + text):  # a newline before each line: a literal is found fast
        quotes = lists = columns = 0
        for quote, marker, space in _LEVEL.findall(candidate.group()[1:]):
            quotes += bool(quote)
            lists += bool(marker)
            columns += sum(4 if c == "\t" else 1 for c in space)
        depth = quotes + lists + columns // 4
        if depth > MAX_NESTING:
            deep.append((candidate.start(), depth, quotes > lists + columns // 4))
    if not deep:
        return None
    fences = [m.start() for m in _FENCE.finditer(text)]
    deep = [d for d in deep if bisect.bisect(fences, d[0]) % 2 == 0]  # code inside a fence is kept as text
    if not deep:
        return None
    start, _, quotes = deep[0]
    depth = max(d[1] for d in deep)
    what = "quotes (>) are" if quotes else "a list is"
    return text.count("\n", 0, start) + 1, (
        f"{what} nested {depth} levels deep (from this line); careersite allows at most {MAX_NESTING} levels: "
        "flatten it (a posting rarely needs more than three)")


def _inline_problem(text: str) -> tuple[int, str] | None:
    counts = dict(zip(_MARKS, map(text.count, _MARKS)))
    size = len(text)
    if (size * (sum(counts.values()) + text.count("\n") + 1) <= MAX_REWRITE
            and (3 * counts["["] + text.count("](")) * size <= MAX_LINK_SEARCH
            and counts["<"] * size <= MAX_TAG_SEARCH and counts["<"] <= MAX_OPEN_TAGS):
        return None  # the whole body within every bound, so each paragraph is (nearly every posting)
    start, line, spent = 0, 1, [0, 0]
    for separator in [*_BLANK_LINES.finditer(text), None]:  # a paragraph, list or quote: the most one inline pass sees
        end = separator.start() if separator else len(text)
        block = text[start:end]
        blank = len(block) - len(block.lstrip("\n"))  # blank lines left at its start by the split
        found = _block_problem(block[blank:], spent)
        if found is not None:
            return line + blank + found[0], found[1]
        if separator:
            line += text.count("\n", start, separator.end())
            start = separator.end()
    return _tag_problem(text)


def _block_problem(block: str, spent: list[int]) -> tuple[int, str] | None:
    """What is wrong with one paragraph (line within it, message), counting its costs into `spent`
    (link search, rewriting): many paragraphs each within the bounds may not pass them together."""
    walked, first, unclosed = _walk(block, _BRACKETS, "[", after="")
    parens, first_paren, _ = _walk(block, _PARENS, "(", after="]")
    counts = {mark: block.count(mark) for mark in _MARKS}
    lines = block.count("\n") + (not block.endswith("\n"))  # a heading or rule in a block splits it, putting the rest back
    rewrite = len(block) * (sum(counts.values()) + lines)
    links = 3 * walked + parens  # the link, reference and short reference patterns each search from '['
    spent[0] += links
    spent[1] += rewrite
    scope = "a paragraph has" if max(links, rewrite / MAX_REWRITE * MAX_LINK_SEARCH) > MAX_LINK_SEARCH else (
        "the text has too much of it in all; this paragraph has")
    if spent[0] > MAX_LINK_SEARCH and 3 * walked >= parens:
        never = f" ({unclosed:,} never closed by ']')" if unclosed else ""
        return block.count("\n", 0, first), (
            f"{scope} {counts['[']:,} '['{never}: too slow to convert (each '[' may start a link, whose end "
            "is searched for); close each '[' with ']' or remove the stray ones")
    if spent[0] > MAX_LINK_SEARCH:
        return block.count("\n", 0, first_paren), (
            f"{scope} '](' whose ')' never comes: too slow to convert (each may start a link's address, whose "
            "end is searched for); close each address with ')' or remove the stray ones")
    if spent[1] > MAX_REWRITE and lines > 2 * sum(counts.values()):
        return 0, (f"{scope} {lines:,} lines without a blank line between them: too slow to convert (each heading, "
                   "rule or list in it splits the rest again); separate its parts with blank lines")
    if spent[1] > MAX_REWRITE:
        mark = max(counts, key=counts.get)
        return 0, (f"{scope} {counts[mark]:,} {_MARK_NAMES.get(mark, repr(mark))} in {len(block):,} characters: too slow "
                   "to convert (each mark rewrites the paragraph); remove the repeated marks or split the paragraph "
                   "with blank lines")
    return None


def _walk(block: str, pattern: re.Pattern, opening: str, after: str) -> tuple[int, int, int]:
    """How many characters a search from each opening mark (preceded by `after`) to its closing
    mark walks in all, an unclosed one walking to the end; where the first unclosed one is, and
    how many are unclosed. `pattern` finds the opening and closing marks."""
    stack: list[int] = []
    walked = 0
    for match in pattern.finditer(block):
        position = match.start()
        if match.group() == opening:
            stack.append(position)
        elif stack:
            begun = stack.pop()
            if _preceded(block, begun, after):
                walked += position - begun
    unclosed = [p for p in stack if _preceded(block, p, after)]
    walked += sum(len(block) - p for p in unclosed)
    first = unclosed[0] if unclosed else block.find(after + opening) + len(after)  # else where the first one is
    return walked, max(first, 0), len(unclosed)


def _preceded(text: str, position: int, before: str) -> bool:
    return not before or (position >= len(before) and text.startswith(before, position - len(before)))


def _tag_problem(text: str) -> tuple[int, str] | None:
    """The raw HTML parser reads from each `<` to the next `>`, over the whole body."""
    walked = 0
    first = -1
    for match in _TAG_START.finditer(text):
        end = text.find(">", match.start())
        if end < 0:
            end = len(text)
            first = match.start() if first < 0 else first
        walked += end - match.start()
        if walked > MAX_TAG_SEARCH:
            at = first if first >= 0 else match.start()
            return text.count("\n", 0, at) + 1, (
                "the text has many '<' without a closing '>': too slow to convert (each may start an HTML tag, "
                "whose end is searched for); remove the stray ones or write them as '&lt;'")
    opened = 0
    for match in _TAG_OPEN_CLOSE.finditer(text):
        opened += -1 if match.group(1) else 1
        if opened > MAX_OPEN_TAGS:
            return text.count("\n", 0, match.start()) + 1, (
                f"the text opens more than {MAX_OPEN_TAGS:,} HTML tags it does not close (by this line): too slow to "
                "sanitise (each is nested in the ones before); close them or remove them")
    return None
