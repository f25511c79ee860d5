"""Split a content file into front matter and body, and parse the YAML keeping line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

import frontmatter
import yaml

_HANDLER = frontmatter.YAMLHandler()
MAX_ALIASES = 100  # a YAML "billion laughs" expands through aliases; real front matter needs none


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


_DROPPED_TAGS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text (careersite parses them with a precise message) and
    reads only true/false as booleans, as YAML 1.2 does: region ON (Ontario) or NO stays text."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.alias_count = getattr(self, "alias_count", 0) + 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"too many aliases at line {mark.line + 1}; write the values out")
        return super().compose_node(parent, index)


_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass(frozen=True)
class Split:
    data: dict
    lines: dict[str, int]  # top-level key -> line in the file
    item_lines: dict[str, list[int]]  # key of a list -> line of each item
    body: str
    body_line: int


def split_document(text: str) -> Split:
    """Text with LF line endings -> front matter mapping with line numbers, and the body."""
    if not _HANDLER.detect(text):
        raise FrontMatterError(1, "no front matter: a posting starts with a line '---', the YAML fields, and a closing '---'")
    try:
        fm_text, body = _HANDLER.split(text)
    except ValueError:
        raise FrontMatterError(1, "front matter is not closed: add a line '---' after the last field") from None
    offset = 0  # the YAML text starts with the newline that ends the opening '---' line
    if body.startswith("\n"):
        body = body[1:]
    body_line = text[: len(text) - len(body)].count("\n") + 1
    loader = _Loader(fm_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        # an unclosed quote is reported at the end of the text; point at where it opened instead
        quoted = err.context and "quoted scalar" in err.context and err.context_mark
        mark = err.context_mark if quoted else (err.problem_mark or err.context_mark)
        line = offset + mark.line + 1 if mark else 1
        reason = " ".join(filter(None, [err.context, err.problem]))
        raise FrontMatterError(line, f"YAML syntax error: {reason}") from None
    except yaml.YAMLError as err:
        raise FrontMatterError(1, f"YAML error: {err}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FrontMatterError(2, f"front matter is {kind}; it must be a mapping of fields such as 'title: ...'")
    lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = offset + key_node.start_mark.line + 1
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [offset + item.start_mark.line + 1 for item in value_node.value]
    return Split(data, lines, item_lines, body, body_line)
