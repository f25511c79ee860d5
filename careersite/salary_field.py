"""The `salary` front matter field -> Salary: amounts, currency and unit checked, and for pay
written as text ('$120k-$150k') the mapping to write instead."""

from __future__ import annotations

from typing import Callable

from . import codes
from .posting import Salary
from .problems import brief, did_you_mean, kind_of, one_of

SALARY_FIELDS = ("min", "max", "value", "currency", "unit", "note")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _salary_text_hint(value: object, default_currency: str) -> str:
    """'$120k-$150k' is what `import` reads as pay: say what it means as front matter, so the author
    checks the currency and unit rather than careersite taking them for granted."""
    from .importers.values import salary as salary_from_text  # here: the import machinery only when needed

    parsed = salary_from_text(value) if isinstance(value, str) else None
    if _is_number(value) and value > 0:
        parsed = {"value": value, "currency": default_currency, "unit": "year"}
    if not parsed:
        return f"{brief(value)} is not a mapping like {{min: 50000, max: 70000, currency: EUR, unit: year}}"
    mapping = "{" + ", ".join(f"{key}: {amount}" for key, amount in parsed.items()) + "}"
    return f"{brief(value)} is {kind_of(value)}, not a mapping; write it as salary: {mapping} (check the currency and unit)"


def read_salary(value: object, default_currency: str, err: Callable[..., None]) -> Salary | None:
    """The `salary` field: a value, or a min and max, in an ISO 4217 currency per unit of time."""
    if value is None:
        return None
    if not isinstance(value, dict):
        err("salary", _salary_text_hint(value, default_currency))
        return None
    ok = True
    for key in value:
        if key not in SALARY_FIELDS:
            err("salary", f"unknown key {key!r}{did_you_mean(str(key), SALARY_FIELDS)}")
            ok = False
    amounts = {}
    for key in ("min", "max", "value"):
        if key in value:
            amount = value[key]
            if not _is_number(amount) or amount <= 0:
                err("salary", f"{key} {brief(amount)} is not a positive amount")
                ok = False
            else:
                amounts[key] = amount
    currency = value.get("currency", default_currency)
    if not isinstance(currency, str) or not codes.is_currency(currency):
        err("salary", f"currency {brief(currency)} is not an ISO 4217 code such as USD, EUR or GBP")
        ok = False
    unit = value.get("unit", "year")
    if unit not in codes.SALARY_UNITS:
        err("salary", "unit " + one_of(unit, codes.SALARY_UNITS))
        ok = False
    note = value.get("note", "")
    if not isinstance(note, str):
        err("salary", f"note {brief(note)} is not text; write it like note: + equity")
        ok = False
    if not ok:
        return None
    if "value" in amounts and ("min" in amounts or "max" in amounts):
        err("salary", "give either value, or min and max, not both")
        return None
    if "value" not in amounts and ("min" not in amounts or "max" not in amounts):
        err("salary", "needs value, or both min and max")
        return None
    if "min" in amounts and amounts["min"] > amounts["max"]:
        err("salary", f"min {amounts['min']} is greater than max {amounts['max']}")
        return None
    return Salary(currency=currency, unit=unit, note=" ".join(note.split()), **amounts)
