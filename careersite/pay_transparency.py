"""The pay transparency rules engine: which laws requiring pay in job ads a posting falls under (by
its offices and where applicants may live), read from pay_transparency.toml, and the warning when
a posting without salary is published where one is, or soon will be, in force."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import codes
from .findings import WARNING, Add
from .posting import Location, Posting, as_datetime

UPCOMING_DAYS = 180  # a pay rule starting within this many days gets a "from DATE" warning
LISTED_JURISDICTIONS = 4  # how many a warning names before "(and N more)"
PAY_RULES = "pay_transparency.toml"


@dataclass(frozen=True)
class PayRule:
    name: str
    starts: dt.date
    codes: tuple[str, ...] = ()  # "DE", "US-CO"
    cities: tuple[tuple[str, str, str], ...] = ()  # (country, region, city)
    min_employees: int = 1
    note: str = ""


class PayRulesError(ValueError):
    """The pay transparency data file is malformed (a careersite bug, not a site problem)."""


_RULE_KEYS = {"name", "codes", "cities", "starts", "min_employees", "note"}
_CITY_KEYS = {"country", "region", "city"}


def parse_pay_rules(text: str, shown: str = PAY_RULES) -> tuple[PayRule, ...]:
    """The rules in a pay transparency TOML text, validated; PayRulesError lists every mistake."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise PayRulesError(f"{shown}: {err}") from None
    errors: list[str] = []
    if set(data) != {"jurisdiction"} or not isinstance(data["jurisdiction"], list):
        raise PayRulesError(f"{shown}: expected only [[jurisdiction]] tables")
    rules: list[PayRule] = []
    names: set[str] = set()
    for number, entry in enumerate(data["jurisdiction"], start=1):
        where = f"{shown}: jurisdiction {number} ({entry.get('name', '?')})"
        bad = len(errors)
        for key in sorted(set(entry) - _RULE_KEYS):
            errors.append(f"{where}: unknown key {key!r}")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            errors.append(f"{where}: name must be text")
        elif name in names:
            errors.append(f"{where}: name {name!r} is used twice")
        else:
            names.add(name)
        starts = entry.get("starts")
        if not isinstance(starts, dt.date) or isinstance(starts, dt.datetime):
            errors.append(f"{where}: starts must be a date such as 2026-01-01, not {starts!r}")
        rule_codes = entry.get("codes", [])
        if not isinstance(rule_codes, list) or not all(isinstance(c, str) for c in rule_codes):
            errors.append(f"{where}: codes must be a list of ISO 3166 codes")
            rule_codes = []
        for code in rule_codes:
            known = codes.subdivision_name(code) if "-" in code else codes.country_name(code)
            if not known:
                errors.append(f"{where}: {code!r} is not an ISO 3166 country or subdivision code")
        cities = entry.get("cities", [])
        parsed_cities = []
        if not isinstance(cities, list) or not all(isinstance(c, dict) for c in cities):
            errors.append(f"{where}: cities must be a list of {{country, region, city}} tables")
            cities = []
        for city in cities:
            if set(city) != _CITY_KEYS or not all(isinstance(v, str) and v for v in city.values()):
                errors.append(f"{where}: city {city!r} needs exactly country, region and city, as text")
            elif not codes.subdivision_name(f"{city['country']}-{city['region']}"):
                errors.append(f"{where}: city {city['city']!r}: {city['country']}-{city['region']} is not an ISO 3166-2 code")
            else:
                parsed_cities.append((city["country"], city["region"], city["city"]))
        if not rule_codes and not cities:
            errors.append(f"{where}: needs codes or cities")
        employees = entry.get("min_employees", 1)
        if not isinstance(employees, int) or isinstance(employees, bool) or employees < 1:
            errors.append(f"{where}: min_employees must be a whole number, 1 or more")
        note = entry.get("note", "")
        if not isinstance(note, str):
            errors.append(f"{where}: note must be text")
        if len(errors) == bad:
            rules.append(PayRule(name.strip(), starts, tuple(rule_codes), tuple(parsed_cities), employees, note))
    if errors:
        raise PayRulesError("\n".join(errors))
    return tuple(rules)


@lru_cache(maxsize=1)
def load_pay_rules() -> tuple[PayRule, ...]:
    """careersite's own pay transparency rules (careersite/pay_transparency.toml)."""
    text = resources.files(__package__).joinpath(PAY_RULES).read_text(encoding="utf-8")
    return parse_pay_rules(text)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _covers_location(rule: PayRule, loc: Location) -> str | None:
    """The rule code an office location falls under, or None."""
    for code in rule.codes:
        if "-" in code:
            if loc.region and code == f"{loc.country}-{loc.region}":
                return code
        elif code == loc.country:
            return code
    # a city without a region still matches by country and name ("New York, US")
    for country, region, city in rule.cities:
        if country == loc.country and (not loc.region or region == loc.region) and _same(city, loc.city):
            return f"{country}-{region}"
    return None


def _covers_applicants(rule: PayRule, area: str) -> str | None:
    """The rule code an applicant area reaches: 'US' reaches US-CO and NYC; 'US-NY' reaches NYC; 'US-CA' reaches 'US'."""
    for code in rule.codes:
        if code == area or code.startswith(area + "-") or area.startswith(code + "-"):
            return code
    for country, region, _ in rule.cities:
        if area in (country, f"{country}-{region}"):
            return f"{country}-{region}"
    return None


def pay_rules_for(posting: Posting, rules: tuple[PayRule, ...]) -> list[tuple[PayRule, list[str], str]]:
    """(rule, codes matched, 'locations' or 'applicant_locations') for every rule a posting falls under."""
    matches = []
    for rule in rules:
        hit = []
        via = ""
        for loc in posting.locations:
            code = _covers_location(rule, loc)
            if code:
                hit.append(code)
                via = via or "locations"
        for area in posting.applicant_locations:
            code = _covers_applicants(rule, area)
            if code:
                hit.append(area if len(area) > len(code) else code)
                via = via or "applicant_locations"
        if via:
            matches.append((rule, sorted(set(hit)), via))
    return matches


def _rule_label(rule: PayRule, hit: list[str]) -> str:
    if len(rule.codes) > 3 and hit:  # the EU directive: say which member states
        return f"{rule.name} ({', '.join(hit)})"
    return rule.name


def _employers(rule: PayRule) -> str:
    return "all employers" if rule.min_employees <= 1 else f"employers with {rule.min_employees}+ employees"


def _listed(items: list[str]) -> str:
    shown = items[:LISTED_JURISDICTIONS]
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" (and {more} more)" if more else "")


def check_pay(posting: Posting, now: dt.datetime, rules: tuple[PayRule, ...], employees: int | None, add: Add) -> None:
    """Warn when a posting without salary can be filled where a pay transparency rule is, or soon will be, in force."""
    lines = posting.positions.lines
    if posting.salary:
        return
    published = max(now, as_datetime(posting.date_posted)) if posting.date_posted else now
    horizon = now + dt.timedelta(days=UPCOMING_DAYS)
    closes = as_datetime(posting.valid_through, end_of_day=True) if posting.valid_through else None
    in_force, upcoming = [], []
    for rule, hit, via in pay_rules_for(posting, rules):
        if employees is not None and employees < rule.min_employees:
            continue
        starts = as_datetime(rule.starts)
        if starts <= published:
            in_force.append((rule, hit, via))
        elif starts <= horizon and (closes is None or starts <= closes):
            upcoming.append((rule, hit, via))
    add_salary = "add salary: {min, max, currency, unit}"
    if in_force:
        in_force.sort(key=lambda m: m[0].name.casefold())
        via = "locations" if any(v == "locations" for _, _, v in in_force) else "applicant_locations"
        if len(in_force) == 1:
            rule, hit, _ = in_force[0]
            detail = f"{_rule_label(rule, hit)} requires pay in job ads since {rule.starts.isoformat()} ({_employers(rule)}; {rule.note})"
        else:
            names = [f"{_rule_label(r, h)} (since {r.starts.isoformat()})" for r, h, _ in in_force]
            detail = f"pay transparency rules require pay in job ads in {_listed(names)}"
        add("salary", WARNING, "pay-transparency", f"missing, and the job can be filled where {detail}; {add_salary}",
            line=lines.get(via, 2))
    if upcoming:
        upcoming.sort(key=lambda m: (m[0].starts, m[0].name.casefold()))
        via = "locations" if any(v == "locations" for _, _, v in upcoming) else "applicant_locations"
        names = [f"{_rule_label(r, h)} from {r.starts.isoformat()} ({_employers(r)})" for r, h, _ in upcoming]
        add("salary", WARNING, "pay-transparency-upcoming",
            f"missing; pay in job ads will be required where the job can be filled: {_listed(names)}; {add_salary}",
            line=lines.get(via, 2))
