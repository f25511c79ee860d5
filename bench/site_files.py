"""The same postings as three sites: careersite's, Hugo's and Pelican's, each with the settings and
layouts it needs, so that the generators are timed on equal content."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Callable

from corpus_postings import GeneratedPosting

TITLE = "Acme Careers"
BASE_URL = "https://careers.acme.example"
DESCRIPTION = "Join Acme: open roles in engineering, data, security, product, design, sales, marketing, customer success, finance and people teams."
COMPANY, COMPANY_URL = "Acme Corp", "https://acme.example"
APPLY_URL = "https://acme.example/apply?job={id}"

LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48" viewBox="0 0 160 48" role="img" aria-label="Acme">
  <rect x="4" y="4" width="40" height="40" rx="10" fill="#4f46e5"/>
  <path d="M14 34 L24 14 L34 34" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
"""

CAREERSITE_TOML = f"""# careersite settings for the benchmark corpus (the shape of the example site's).
title = "{TITLE}"
base_url = "{BASE_URL}"
language = "en"
theme = "default"
description = "{DESCRIPTION}"

[company]
name = "{COMPANY}"
url = "{COMPANY_URL}"
logo = "static/logo.svg"
same_as = ["https://www.linkedin.com/company/acme"]

[defaults]
apply_url = "{APPLY_URL}"
employment_type = "full_time"
currency = "USD"
eeo_statement = "Acme is an equal opportunity employer. We welcome applicants of every background and do not discriminate on the basis of race, religion, colour, national origin, sex, sexual orientation, gender identity, age, disability or veteran status."

[expired]
policy = "gone"
"""

# Hugo reads the careersite front matter as is; date_posted and updated become its page dates.
HUGO_TOML = f"""baseURL = "{BASE_URL}/"
locale = "en"
title = "{TITLE}"
disableKinds = ["section", "taxonomy", "term"]
enableRobotsTXT = true

[frontmatter]
date = ["date_posted", ":default"]
lastmod = ["updated", ":default"]

[params]
description = "{DESCRIPTION}"
applyURL = "{APPLY_URL}"

[params.company]
name = "{COMPANY}"
url = "{COMPANY_URL}"
logo = "{BASE_URL}/logo.svg"
"""

HUGO_BASEOF = """<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Params.company.name }}{{ end }}</title>
<meta name="description" content="{{ if .IsHome }}{{ site.Params.description }}{{ else }}{{ .Summary | plainify }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}" title="{{ site.Title }}">{{ end }}
{{ block "head" . }}{{ end }}
</head>
<body>
<header><a href="{{ "/" | absURL }}"><img src="{{ "logo.svg" | absURL }}" alt="{{ site.Params.company.name }}" width="160" height="48"></a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>© {{ site.Params.company.name }}</p></footer>
</body>
</html>
"""

HUGO_HOME = """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p>{{ site.Params.description }}</p>
{{ range site.RegularPages.GroupByParam "department" }}
<section>
<h2>{{ .Key }}</h2>
<ul>
{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> · {{ .Params.team }} · {{ .Params.workplace }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<p>{{ .Summary | plainify }}</p></li>
{{ end }}
</ul>
</section>
{{ end }}
{{ end }}
"""

# A JobPosting built from the front matter, as careersite's jsonld.py builds it. The article is marked
# data-pagefind-body so that Pagefind, run over Hugo's output, indexes the posting pages only, as
# careersite's search index holds the postings only (not the listing).
HUGO_SINGLE = """{{ define "head" }}
{{- $p := .Params }}
{{- $types := slice }}
{{- range (cond (reflect.IsSlice $p.employment_type) $p.employment_type (slice $p.employment_type)) }}{{- $types = $types | append (upper .) }}{{ end }}
{{- $ld := dict
  "@context" "https://schema.org"
  "@type" "JobPosting"
  "title" .Title
  "description" (string .Content)
  "datePosted" (.Date.Format "2006-01-02")
  "validThrough" (time.Format "2006-01-02" $p.valid_through)
  "employmentType" $types
  "identifier" (dict "@type" "PropertyValue" "name" site.Params.company.name "value" $p.id)
  "hiringOrganization" (dict "@type" "Organization" "name" site.Params.company.name "sameAs" site.Params.company.url "logo" site.Params.company.logo)
  "url" .Permalink
  "skills" (delimit $p.keywords ", ")
}}
{{- with $p.locations }}
  {{- $places := slice }}
  {{- range . }}
    {{- $address := dict "@type" "PostalAddress" "streetAddress" .street "addressLocality" .city "addressRegion" .region "postalCode" .postal_code "addressCountry" .country }}
    {{- $places = $places | append (dict "@type" "Place" "address" $address) }}
  {{- end }}
  {{- $ld = merge $ld (dict "jobLocation" $places) }}
{{- end }}
{{- if eq $p.workplace "remote" }}
  {{- $areas := slice }}
  {{- range $p.applicant_locations }}{{- $areas = $areas | append (dict "@type" (cond (strings.Contains . "-") "State" "Country") "name" .) }}{{ end }}
  {{- $ld = merge $ld (dict "jobLocationType" "TELECOMMUTE" "applicantLocationRequirements" $areas) }}
{{- end }}
{{- with $p.salary }}
  {{- $value := dict "@type" "QuantitativeValue" "minValue" .min "maxValue" .max "unitText" (upper .unit) }}
  {{- $ld = merge $ld (dict "baseSalary" (dict "@type" "MonetaryAmount" "currency" .currency "value" $value)) }}
{{- end }}
{{- with $p.experience_months }}
  {{- $ld = merge $ld (dict "experienceRequirements" (dict "@type" "OccupationalExperienceRequirements" "monthsOfExperience" .)) }}
{{- end }}
{{- with $p.education }}
  {{- $ld = merge $ld (dict "educationRequirements" (dict "@type" "EducationalOccupationalCredential" "credentialCategory" (replace . "_" " "))) }}
{{- end }}
<script type="application/ld+json">{{ $ld | jsonify (dict "indent" "  ") | safeJS }}</script>
{{ end }}
{{ define "main" }}
<article data-pagefind-body>
<h1>{{ .Title }}</h1>
<dl>
<dt>Department</dt><dd>{{ .Params.department }} · {{ .Params.team }}</dd>
<dt>Location</dt><dd>{{ range $i, $l := .Params.locations }}{{ if $i }}; {{ end }}{{ $l.city }}, {{ $l.country }}{{ else }}Remote ({{ delimit .Params.applicant_locations ", " }}){{ end }}</dd>
<dt>Workplace</dt><dd>{{ .Params.workplace }}</dd>
{{ with .Params.salary }}<dt>Salary</dt><dd>{{ lang.FormatNumber 0 .min }} - {{ lang.FormatNumber 0 .max }} {{ .currency }} per {{ .unit }}</dd>{{ end }}
<dt>Posted</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></dd>
<dt>Job ID</dt><dd>{{ .Params.id }}</dd>
</dl>
{{ $apply := replace site.Params.applyURL "{id}" .Params.id }}
<p><a href="{{ $apply }}">Apply for this job</a></p>
{{ .Content }}
<p><a href="{{ $apply }}">Apply for this job</a></p>
</article>
{{ end }}
"""

PELICANCONF = f'''"""Pelican settings for the benchmark corpus: the default theme, feeds on, absolute URLs."""

AUTHOR = "{TITLE}"
SITENAME = "{TITLE}"
SITEURL = "{BASE_URL}"
RELATIVE_URLS = False
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = False

ARTICLE_URL = "jobs/{{slug}}/"
ARTICLE_SAVE_AS = "jobs/{{slug}}/index.html"

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
'''

# plain YAML scalars that are safe to leave unquoted: start with a letter, no YAML punctuation
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .&'()/+,-]*")
_PLAIN_IN_FLOW = re.compile(r"[A-Za-z][A-Za-z0-9 .&'()/+-]*")
# words YAML 1.1 (PyYAML, some Hugo versions) would read as booleans or null
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_text(value: str, flow: bool = False) -> str:
    """A string as a YAML scalar, quoted only where a plain one would be misread."""
    plain = _PLAIN_IN_FLOW if flow else _PLAIN
    if plain.fullmatch(value) and value.lower() not in _YAML_WORDS and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid double-quoted YAML scalar


def yaml_list(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(yaml_text(v, flow=True) for v in values) + "]"


def careersite_document(p: GeneratedPosting) -> str:
    """The posting in careersite's format; Hugo reads the same file."""
    lines = [
        f"title: {yaml_text(p.title)}",
        f"id: {p.id}",
        f"date_posted: {p.date_posted.isoformat()}",
        f"valid_through: {p.valid_through.isoformat()}",
    ]
    if p.updated:
        lines.append(f"updated: {p.updated.isoformat()}")
    lines += [
        f"department: {yaml_text(p.department)}",
        f"team: {yaml_text(p.team)}",
        f"employment_type: {p.employment_types[0] if len(p.employment_types) == 1 else yaml_list(p.employment_types)}",
        f"workplace: {p.workplace}",
    ]
    if p.office:
        o = p.office
        lines += ["locations:", f"  - {{city: {yaml_text(o.name, True)}, region: {yaml_text(o.region, True)}, country: {yaml_text(o.country, True)}, "
                                f"postal_code: {json.dumps(o.postal_code)}, street: {json.dumps(o.street)}}}"]
    if p.applicant_locations:
        lines.append(f"applicant_locations: {yaml_list(p.applicant_locations)}")
    if p.salary:
        s = p.salary
        lines.append(f"salary: {{min: {s.min}, max: {s.max}, currency: {s.currency}, unit: {s.unit}}}")
    if p.experience_months:
        lines.append(f"experience_months: {p.experience_months}")
    if p.education:
        lines.append(f"education: {p.education}")
    if p.summary:
        lines.append(f"summary: {yaml_text(p.summary)}")
    lines.append(f"keywords: {yaml_list(p.keywords)}")
    return "---\n" + "\n".join(lines) + "\n---\n\n" + p.body


def pelican_document(p: GeneratedPosting) -> str:
    """The posting as Pelican Markdown: metadata header lines, a blank line, the same body."""
    where = f"{p.office.name}, {p.office.country}" if p.office else "Remote (" + ", ".join(p.applicant_locations) + ")"
    fields = {
        "Title": p.title,
        "Date": p.date_posted.isoformat(),
        "Modified": p.updated.isoformat() if p.updated else "",
        "Category": p.department,
        "Tags": ", ".join(p.keywords),
        "Slug": p.slug,
        "Summary": p.summary,
        "Job_id": p.id,
        "Team": p.team,
        "Location": where,
        "Workplace": p.workplace,
        "Employment_type": ", ".join(p.employment_types),
        "Salary": f"{p.salary.min}-{p.salary.max} {p.salary.currency} per {p.salary.unit}" if p.salary else "",
        "Valid_through": p.valid_through.isoformat(),
    }
    header = "\n".join(f"{key}: {value}" for key, value in fields.items() if value)
    return header + "\n\n" + p.body


def write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def write_postings(jobs: Path, postings: list[GeneratedPosting], render: Callable[[GeneratedPosting], str]) -> None:
    """Replace the folder's postings, so a smaller N leaves no postings from an earlier run behind."""
    if jobs.exists():
        shutil.rmtree(jobs)
    jobs.mkdir(parents=True)
    for p in postings:
        (jobs / f"{p.slug}.md").write_text(render(p), encoding="utf-8", newline="\n")


def write_careersite_site(site: Path, postings: list[GeneratedPosting]) -> None:
    write_file(site / "careersite.toml", CAREERSITE_TOML)
    write_file(site / "static" / "logo.svg", LOGO_SVG)
    write_postings(site / "content" / "jobs", postings, careersite_document)


def write_hugo_site(site: Path, postings: list[GeneratedPosting]) -> None:
    write_file(site / "hugo.toml", HUGO_TOML)
    write_file(site / "static" / "logo.svg", LOGO_SVG)
    for name, text in (("baseof.html", HUGO_BASEOF), ("home.html", HUGO_HOME), ("single.html", HUGO_SINGLE)):
        write_file(site / "layouts" / name, text)
    write_postings(site / "content" / "jobs", postings, careersite_document)


def write_pelican_site(site: Path, postings: list[GeneratedPosting]) -> None:
    write_file(site / "pelicanconf.py", PELICANCONF)
    write_postings(site / "content" / "jobs", postings, pelican_document)
