"""Composing one realistic job posting from the word pools, deterministically from (seed, index).

Each posting gets its own RNG seeded with "seed:index", so posting 7 is the same whatever N is
and a 100-posting corpus is the first 100 postings of a 1000-posting one."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from corpus_pools import (
    BENEFITS, CITIES, CLOSING, COMPANY_OVERVIEW, CULTURE, DEPARTMENTS, EDUCATION_LINES,
    EXPERIENCE_LINES, FIRST_YEAR, GENERIC_DUTIES, HIRING_STEPS, PREFERRED_LINES, REMOTE_AREAS,
    RESPONSIBILITY_HEADINGS, ROLE_OVERVIEW, SENIORITY, SOFT_SKILLS, SUMMARY_TEMPLATES, TEAM_ABOUT,
    City, Department, Role,
)

TODAY = dt.date(2026, 11, 25)  # postings are dated in the 60 days before this day
VALID_FROM, VALID_DAYS = dt.date(2027, 1, 1), 365  # valid_through falls in 2027


@dataclass(frozen=True)
class Salary:
    currency: str
    unit: str  # hour, day or year
    min: int
    max: int


@dataclass(frozen=True)
class GeneratedPosting:
    """One posting with careersite's front matter fields; the peers' formats are derived from it."""

    slug: str
    title: str
    id: str
    date_posted: dt.date
    valid_through: dt.date
    updated: dt.date | None
    department: str
    team: str
    employment_types: tuple[str, ...]
    workplace: str
    office: City | None  # the location listed; a remote posting may have none
    applicant_locations: tuple[str, ...]
    salary: Salary | None
    experience_months: int | None
    education: str
    summary: str
    keywords: tuple[str, ...]
    body: str


@dataclass(frozen=True)
class Context:
    """What the templates may mention: slots like {object} are filled from here, fresh each time."""

    department: Department
    title: str
    team: str
    place: str
    level: str
    years: int
    symbol: str

    def fill_some(self, templates: tuple[str, ...], low: int, high: int, rng: random.Random) -> list[str]:
        """low to high of the templates, picked at random and filled."""
        return [self.fill(t, rng) for t in rng.sample(templates, rng.randint(low, high))]

    def fill(self, template: str, rng: random.Random) -> str:
        dept = self.department
        obj, obj2 = rng.sample(dept.objects, 2)
        partner, partner2 = rng.sample(dept.partners, 2)
        skill, skill2 = rng.sample(dept.skills, 2)
        return template.format(
            object=obj, object2=obj2, partner=partner, partner2=partner2, skill=skill, skill2=skill2,
            title=self.title, a_title=with_article(self.title), team=self.team, place=self.place,
            a_level=with_article(self.level), years=self.years,
            department=dept.name, symbol=self.symbol,
        )


def with_article(noun: str) -> str:
    """'an Analytics Engineer', 'a UX Researcher': no title here starts with a vowel-sounding U."""
    return f"{'an' if noun[0].lower() in 'aeio' else 'a'} {noun}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate_posting(index: int, seed: int) -> GeneratedPosting:
    """Posting number `index`: its own RNG, so it does not depend on how many come before it."""
    rng = random.Random(f"{seed}:{index}")
    dept = rng.choice(DEPARTMENTS)
    role = rng.choice(dept.roles)
    intern = role.title.endswith("Intern")
    prefix, months, pay, _ = ("", 0, 1.0, 0) if intern else rng.choices(SENIORITY, weights=[s[3] for s in SENIORITY])[0]
    title = f"{prefix} {role.title}".strip()
    city = rng.choice(CITIES)
    workplace = rng.choices(("onsite", "hybrid", "remote"), weights=(5, 3, 3))[0]
    office = city if workplace != "remote" or rng.random() < 0.5 else None
    employment = ("intern",) if intern else _employment(rng)
    salary = _salary(rng, role, pay, city, employment) if rng.random() < 0.85 else None
    team = rng.choice(dept.teams)
    date_posted = TODAY - dt.timedelta(days=rng.randint(1, 60))
    level = "early-career" if intern else (prefix or "mid-level").lower()
    ctx = Context(dept, title, team, _place(office, workplace), level, max(1, months // 12), city.symbol)
    return GeneratedPosting(
        slug=f"{slugify(title)}-{slugify(office.name) if office else 'remote'}-{index + 1:05d}",
        title=title,
        id=f"{dept.code}-{10000 + index}",
        date_posted=date_posted,
        valid_through=VALID_FROM + dt.timedelta(days=rng.randrange(VALID_DAYS)),
        updated=_updated(rng, date_posted),
        department=dept.name,
        team=team,
        employment_types=employment,
        workplace=workplace,
        office=office,
        applicant_locations=rng.choice(REMOTE_AREAS[city.country]) if workplace == "remote" else (),
        salary=salary,
        experience_months=months or None,
        education=role.education,
        summary=ctx.fill(rng.choice(SUMMARY_TEMPLATES), rng) if rng.random() < 0.8 else "",
        keywords=tuple(rng.sample(dept.skills, 5)),
        body=_body(rng, ctx, role, salary, employment),
    )


def _employment(rng: random.Random) -> tuple[str, ...]:
    return rng.choices(
        (("full_time",), ("part_time",), ("contractor",), ("contractor", "temporary"), ("temporary",)),
        weights=(85, 5, 4, 3, 3),
    )[0]


def _salary(rng: random.Random, role: Role, pay: float, city: City, employment: tuple[str, ...]) -> Salary:
    """A range in the office's currency; interns are paid by the hour and contractors by the day."""
    yearly = role.base_salary * pay * city.pay_factor * rng.uniform(0.95, 1.05)
    if "intern" in employment:
        low = round(yearly / 2000)
        return Salary(city.currency, "hour", low, low + rng.choice((5, 8, 10)))
    if "contractor" in employment:
        low = round(yearly / 200, -1)
        return Salary(city.currency, "day", int(low), int(low + rng.choice((50, 100, 150))))
    return Salary(city.currency, "year", int(round(yearly * 0.85, -3)), int(round(yearly * 1.15, -3)))


def _updated(rng: random.Random, posted: dt.date) -> dt.date | None:
    days_open = (TODAY - posted).days
    if days_open < 2 or rng.random() > 0.3:
        return None
    return posted + dt.timedelta(days=rng.randint(1, days_open - 1))


def _place(office: City | None, workplace: str) -> str:
    if office is None:
        return "a remote setup"
    return {"onsite": office.name, "hybrid": f"{office.name} (hybrid)", "remote": f"{office.name} or remotely"}[workplace]


def salary_text(salary: Salary, symbol: str) -> str:
    per = {"hour": " per hour", "day": " per day", "year": ""}[salary.unit]
    return f"{symbol}{salary.min:,} - {symbol}{salary.max:,}{per}"


def _body(rng: random.Random, ctx: Context, role: Role, salary: Salary | None, employment: tuple[str, ...]) -> str:
    """The description in the shape of a real posting: ## sections, ### subsections, prose and lists."""
    dept = ctx.department
    sections = [
        _section("Company Overview", _paragraph(rng.sample(COMPANY_OVERVIEW, rng.randint(4, 5)) + [f"The {dept.name} team {dept.mission}."])),
        _section("Role Overview", _paragraph([ctx.fill(ROLE_OVERVIEW[0], rng)] + ctx.fill_some(ROLE_OVERVIEW[1:], 4, 5, rng))),
        _section(f"About the {ctx.team} Team", _paragraph(ctx.fill_some(TEAM_ABOUT, 3, 5, rng))),
        _section("Key Responsibilities", *_responsibilities(rng, ctx)),
        _section("Your First Year", *[_subsection(when, ctx.fill_some(goals, 2, 4, rng)) for when, goals in FIRST_YEAR.items()]),
        _section("Required Qualifications",
                 _subsection("Experience", ctx.fill_some(EXPERIENCE_LINES, 3, 4, rng)),
                 _subsection(f"{dept.name} Expertise", rng.sample(dept.requirements, rng.randint(5, 7))),
                 _subsection("Collaboration & Communication", rng.sample(SOFT_SKILLS, rng.randint(3, 5)))),
        _section("Preferred Qualifications", _bullets(ctx.fill_some(PREFERRED_LINES, 4, 6, rng))),
        _section("Education", _bullets(list(EDUCATION_LINES[role.education]))),
        _section("Tools We Use", _bullets(_tools(rng, dept))),
        _section("How We Work", _paragraph(rng.sample(CULTURE, rng.randint(4, 6)))),
        _section("What We Offer", _bullets(_offer(rng, ctx, salary))),
        _section("Hiring Process", _numbered([ctx.fill(step, rng) for step in HIRING_STEPS if rng.random() < 0.85])),
        _section("Keywords for Matching", ", ".join(rng.sample(dept.skills, rng.randint(8, len(dept.skills))) + [ctx.title, ctx.team])),
    ]
    footer = [
        f"**Location:** {ctx.place}  ",
        f"**Employment Type:** {', '.join(e.replace('_', '-').capitalize() for e in employment)}  ",
        f"**Experience Level:** {ctx.level.capitalize()}",
    ]
    if salary is not None:
        footer[-1] += "  "
        footer.append(f"**Salary Range:** {salary_text(salary, ctx.symbol)}")
    return "\n\n".join(sections + [rng.choice(CLOSING), "---", "\n".join(footer)]) + "\n"


def _responsibilities(rng: random.Random, ctx: Context) -> list[str]:
    """4-5 subsections mixing the department's own duties with generic ones about its work."""
    duties = rng.sample(ctx.department.duties, len(ctx.department.duties))
    generic = rng.sample(GENERIC_DUTIES, len(GENERIC_DUTIES))
    subsections = []
    for heading in rng.sample(RESPONSIBILITY_HEADINGS, rng.randint(4, 5)):
        own, other = rng.randint(2, 3), rng.randint(2, 3)
        items = duties[:own] + [ctx.fill(t, rng) for t in generic[:other]]
        duties, generic = duties[own:], generic[other:]
        rng.shuffle(items)
        subsections.append(_subsection(heading, items))
    return subsections


def _tools(rng: random.Random, dept: Department) -> list[str]:
    return [f"**{label}:** {', '.join(rng.sample(items, rng.randint(1, len(items))))}" for label, items in dept.stack]


def _offer(rng: random.Random, ctx: Context, salary: Salary | None) -> list[str]:
    pay = f"Competitive compensation ({salary_text(salary, ctx.symbol)})" if salary else "Competitive compensation benchmarked twice a year"
    return [pay] + ctx.fill_some(BENEFITS, 7, 10, rng)


def _section(heading: str, *blocks: str) -> str:
    return "\n\n".join([f"## {heading}", *blocks])


def _subsection(heading: str, items: list[str]) -> str:
    return f"### {heading}\n" + _bullets(items)


def _paragraph(sentences: list[str]) -> str:
    return " ".join(sentences)


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))
