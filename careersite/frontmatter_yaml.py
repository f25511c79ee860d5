"""Split a content file into front matter and body, and parse the YAML keeping line numbers.

The YAML rules are YAML 1.2's core schema, not PyYAML's 1.1 defaults, because authors write
`region: ON` (Ontario), `id: 010` and `postal_code: 02134` and mean the text they typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10x faster

_OPEN = re.compile(r"\A---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


class FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        self.line = line
        super().__init__(message)


def _core_schema_resolvers() -> dict:
    """PyYAML's implicit resolvers less 1.1's booleans, sexagesimal and octal numbers and dates."""
    dropped = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
    return {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in dropped]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class _Loader(_Base):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers = _core_schema_resolvers()


_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    # a dot or an exponent, and no leading zero: postal code 02134 stays text
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?(?:0|[1-9][0-9]*)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)


@dataclass(frozen=True)
class Split:
    data: dict
    lines: dict[str, int]  # top-level key -> line in the file
    item_lines: dict[str, list[int]]  # key of a list -> line of each item
    body: str
    body_line: int


def _uses_alias(node: yaml.Node, seen: set[int]) -> bool:
    """True when a node is reached twice: the composer turns each *alias into a shared node."""
    if id(node) in seen:
        return True
    seen.add(id(node))
    if isinstance(node, yaml.SequenceNode):
        return any(_uses_alias(item, seen) for item in node.value)
    if isinstance(node, yaml.MappingNode):
        return any(_uses_alias(k, seen) or _uses_alias(v, seen) for k, v in node.value)
    return False


def _refuse_aliases(node: yaml.Node | None, first_line: int) -> None:
    """Aliases are refused outright: front matter never needs them, and a few nested ones
    ("billion laughs") expand to gigabytes as soon as anything walks the value."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[int] = set()
    for key_node, value_node in node.value:
        if _uses_alias(key_node, seen) or _uses_alias(value_node, seen):
            line = first_line + key_node.start_mark.line
            raise FrontMatterError(line, f"{key_node.value}: YAML aliases (*name) are not allowed in front matter; write the value out")


_FIELD_WITH_COLON = re.compile(r"(\s*(?:-\s+)?[\w-]+):[ \t]+([^'\"\[{|>#\s].*?:(?:\s.*)?)\s*$")


def _quote_hint(fm_text: str, index: int) -> str:
    """For `title: Engineer: Backend` (a ': ' inside a value, which YAML reads as a new mapping):
    the line written with its value quoted."""
    lines = fm_text.split("\n")
    match = _FIELD_WITH_COLON.fullmatch(lines[index]) if index < len(lines) else None
    if not match:
        return ""
    key, value = match.group(1).strip(), match.group(2).strip()
    quoted = f'"{value}"' if '"' not in value and "\\" not in value else "'" + value.replace("'", "''") + "'"
    return f" (a value holding ': ' must be quoted: {key}: {quoted})"


def split_document(text: str) -> Split:
    """Text with LF line endings -> front matter mapping with line numbers, and the body."""
    opening = _OPEN.match(text)
    if not opening:
        raise FrontMatterError(1, "no front matter: a posting starts with a line '---', the YAML fields, and a closing '---'")
    closing = _CLOSE.search(text, opening.end())
    if not closing:
        raise FrontMatterError(1, "front matter is not closed: add a line '---' after the last field")
    fm_text = text[opening.end() : closing.start()]
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    body = text[body_start:]
    # the body's first written line, for "description is empty" and the like; never past the end
    stripped = body.lstrip("\n")
    # an empty body is reported on the line after the front matter: where it should be written
    body_line = min(text[:body_start].count("\n") + 1 + len(body) - len(stripped), text.count("\n") + 1)
    first_line = 2  # the YAML starts on the line after the opening '---'
    if "\t" in fm_text.replace("\t\n", "\n"):
        for number, line in enumerate(fm_text.split("\n"), start=first_line):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                raise FrontMatterError(number, "a tab ('\\t') is used for indentation; YAML needs spaces")

    loader = _Loader(fm_text)
    try:
        node = loader.get_single_node()
        _refuse_aliases(node, first_line)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        # an unclosed quote is reported at the end of the text; point at where it opened instead
        quoted = err.context and "quoted scalar" in err.context and err.context_mark
        mark = err.context_mark if quoted else (err.problem_mark or err.context_mark)
        line = first_line + mark.line if mark else first_line
        reason = " ".join(filter(None, [err.context, err.problem]))
        quote = _quote_hint(fm_text, mark.line) if mark and "mapping values are not allowed" in reason else ""
        if quote:
            reason += quote
        elif "mapping values are not allowed" in reason or "expected <block end>" in reason:
            reason += " (check the indentation: every field starts at the left margin, nested ones with spaces)"
        raise FrontMatterError(line, f"YAML syntax error: {reason}") from None
    except yaml.YAMLError as err:
        raise FrontMatterError(first_line, f"YAML error: {err}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FrontMatterError(first_line, f"front matter is {kind}; it must be a mapping of fields such as 'title: ...'")
    lines: dict[str, int] = {}
    item_lines: dict[str, list[int]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in lines:
            raise FrontMatterError(first_line + key_node.start_mark.line, f"{key}: given twice (first on line {lines[key]}); keep one")
        lines[key] = first_line + key_node.start_mark.line
        if isinstance(value_node, yaml.SequenceNode):
            item_lines[key] = [first_line + item.start_mark.line for item in value_node.value]
    return Split(data, lines, item_lines, body, body_line)
