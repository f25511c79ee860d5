"""build(): the whole build as a short story: config, content, site, rendered files, written output."""

from __future__ import annotations

import datetime as dt
import os
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .config import load_config
from .content import read_pages, read_postings
from .output import check_output_folder, write_site
from .problems import ContentError, Problem, Problems
from .render import read_static, render_site
from .site import DRAFT, EXPIRED, SCHEDULED, make_site
from .theme import collect_assets, make_environment, theme_dirs


@dataclass(frozen=True)
class BuildOptions:
    source: Path
    output: Path
    drafts: bool = False
    base_url: str | None = None
    now: dt.datetime | None = None  # the build date; defaults to SOURCE_DATE_EPOCH or the clock


@dataclass(frozen=True)
class BuildResult:
    published: int
    skipped: dict[str, int]
    files: int
    seconds: float
    output: Path
    site_files: dict[str, bytes] = field(repr=False, default_factory=dict)

    def summary(self) -> str:
        skipped = ", ".join(f"{self.skipped.get(k, 0)} {k}" for k in (DRAFT, EXPIRED, SCHEDULED))
        return (
            f"Published {self.published} posting{'s' if self.published != 1 else ''} "
            f"(skipped {skipped}); wrote {self.files} files to {self.output} in {self.seconds:.2f}s"
        )


def build_date(now: dt.datetime | None = None) -> dt.datetime:
    """The moment postings are judged open or expired: given, SOURCE_DATE_EPOCH, or the clock."""
    if now is not None:
        return now if now.tzinfo else now.replace(tzinfo=dt.timezone.utc)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def build(options: BuildOptions) -> BuildResult:
    """Build the site; raises ContentError with every problem found, leaving the output untouched."""
    started = time.perf_counter()
    source = options.source
    problems = Problems()
    config = load_config(source, problems, base_url=options.base_url)
    problems.raise_if_any()
    postings = read_postings(source, config, problems)
    pages = read_pages(source, problems)
    problems.raise_if_any()
    check_output_folder(source, options.output)

    site = make_site(config, postings, pages, build_date(options.now), options.drafts)
    dirs = theme_dirs(source, config.theme)
    assets = collect_assets(dirs)
    try:
        env = make_environment(dirs, config, assets)
        files = render_site(site, env, assets, read_static(source))
    except jinja2.TemplateError as err:
        raise ContentError([template_problem(err, source)]) from None

    write_site(files, options.output)
    return BuildResult(
        published=len(site.open),
        skipped=site.skipped,
        files=len(files),
        seconds=time.perf_counter() - started,
        output=options.output,
        site_files=files,
    )


def template_problem(err: jinja2.TemplateError, source: Path) -> Problem:
    """A template error as a Problem naming the template file and line."""
    if isinstance(err, jinja2.TemplateSyntaxError):
        return Problem(_shown(err.filename or err.name or "template", source), err.lineno or 0, "", f"template syntax error: {err.message}")
    filename, line = "template", 0
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.endswith(".html"):
            filename, line = frame.filename, frame.lineno or 0
    return Problem(_shown(filename, source), line, "", f"template error: {err}")


def _shown(filename: str, source: Path) -> str:
    try:
        return Path(filename).resolve().relative_to(source.resolve()).as_posix()
    except ValueError:
        return filename
