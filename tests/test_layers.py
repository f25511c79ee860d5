"""Data flows one way (README, "Layout of the code"): reading the site never imports what plans or
renders the output, so a planner can change without touching the loading path."""

from __future__ import annotations

import ast
from pathlib import Path

import careersite

PACKAGE = Path(careersite.__file__).parent
PLANNING = {"render", "build", "listings", "pages", "assets", "feeds", "search", "branding", "output", "theme"}


def _imports(module: str) -> set[str]:
    """The careersite modules `module` imports, directly or through others."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        path = PACKAGE / f"{todo.pop()}.py"
        if not path.is_file():
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module.split(".")[0]] if node.module else [alias.name for alias in node.names]
                todo += [name for name in names if name not in seen]
                seen.update(names)
    return seen


def test_reading_the_site_imports_nothing_that_plans_or_renders_it():
    for module in ("config", "posting", "posting_file", "content", "site"):
        assert not _imports(module) & PLANNING, module


def test_the_modules_import_no_cycle():
    modules = [path.stem for path in PACKAGE.glob("*.py")]
    assert not [module for module in modules if module in _imports(module)]
