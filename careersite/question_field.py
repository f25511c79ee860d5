"""The `questions` field of a posting with the application form: a list of {label, type, required,
choices, help, name}, each checked at its item's line. Each needs a label (a field without one
cannot be told apart, by anyone, on a screen reader least of all); `name`, the field's name in the
submissions, defaults to the label's slug and may not be one the form itself uses."""

from __future__ import annotations

from typing import Callable

from .apply_form import FORM_FIELD_NAMES
from .posting import QUESTION_KINDS, Question
from .problems import brief, did_you_mean, kind_of, one_of
from .slugs import slugify

QUESTION_KEYS = ("label", "name", "type", "required", "choices", "help")

Err = Callable[..., None]  # err(message, line=None)


def read_questions(value: object, item_lines: list[int], err: Err) -> list[Question]:
    """The questions, every problem reported (a question with one is left out)."""
    if value is None:
        return []
    if not isinstance(value, list):
        err(f"{brief(value)} is {kind_of(value)}; expected a list of questions such as - {{label: Why us?, type: long_text}}")
        return []
    questions: list[Question] = []
    names: set[str] = set()
    for n, item in enumerate(value, start=1):
        line = item_lines[n - 1] if n - 1 < len(item_lines) else None
        question = _question(n, item, line, err)
        if question is None:
            continue
        if question.name in names or question.name in FORM_FIELD_NAMES:
            err(f"question {n}: the field name {question.name!r} is taken; give this question its own name: ...", line)
            continue
        names.add(question.name)
        questions.append(question)
    return questions


def _question(n: int, item: object, line: int | None, err: Err) -> Question | None:
    where = f"question {n}"
    if not isinstance(item, dict):
        err(f"{where}: {brief(item)} is {kind_of(item)}; expected {{label: ..., type: ...}}", line)
        return None
    problems: list[str] = []
    for unknown in (k for k in item if k not in QUESTION_KEYS):
        problems.append(f"{where}: unknown key {unknown!r}{did_you_mean(str(unknown), QUESTION_KEYS)}; expected {', '.join(QUESTION_KEYS)}")
    label = item.get("label")
    if not isinstance(label, str) or not label.strip():
        problems.append(f"{where} has no label; every question needs the text candidates read, e.g. label: Why do you want this role?")
    kind = item.get("type", "short_text")
    if kind not in QUESTION_KINDS:
        problems.append(f"{where}: {one_of(kind, QUESTION_KINDS)}")
    required = item.get("required", False)
    if not isinstance(required, bool):
        problems.append(f"{where}: required is {brief(required)}; expected true or false")
    choices = item.get("choices", [])
    if kind == "choice" and (not isinstance(choices, list) or len(choices) < 2
                             or not all(isinstance(c, (str, int)) and str(c).strip() for c in choices)):
        problems.append(f"{where}: a choice question needs choices, a list of two or more answers")
    elif kind != "choice" and "choices" in item:
        problems.append(f"{where}: choices are for type: choice only")
    name = item.get("name")
    if name is not None and (not isinstance(name, str) or not slugify(name) or slugify(name) != name):
        problems.append(f"{where}: name {brief(name)} is not lower-case letters, digits and hyphens such as work-permit")
    for problem in problems:
        err(problem, line)
    if problems:
        return None
    return Question(name=name or slugify(label)[:40].strip("-") or f"question-{n}", label=label.strip(), kind=kind,
                    required=required, choices=tuple(str(c).strip() for c in choices) if kind == "choice" else (),
                    help=str(item.get("help") or "").strip())
