"""Benchmark careersite (search on, and --no-search) against Hugo, Hugo + Pagefind and Pelican on
generated corpora of job postings.

    python bench/run.py [--sizes 100,1000,10000] [--repeat 3] [--only careersite,hugo,...]

For each size it writes a corpus (make_corpus.py), checks that every generator builds all of it
(and that every search index holds every posting), then times each scenario --repeat times,
taking the generators in turn (in a rotating order) so that drift on the machine touches them all
alike. It prints a Markdown table of medians, then the performance targets met or not met."""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from make_corpus import DEFAULT_SEED, write_corpus
from measure import CpuClock, RunError, Sample, background_load, median_sample, run_measured, run_steps
from targets import Figures, verdict_table, verdicts

REPO = Path(__file__).resolve().parent.parent
# careersite as users run it (search on: the default) and with --no-search; Hugo alone, and Hugo
# followed by Pagefind over its output (a Hugo site with search); Pelican
GENERATORS = ("careersite", "careersite-no-search", "hugo", "hugo+pagefind", "pelican")
CAREERSITES = ("careersite", "careersite-no-search")
PEERS = ("hugo", "hugo+pagefind", "pelican")
LABELS = {"careersite": "careersite (search on)", "careersite-no-search": "careersite --no-search"}
# what each generator needs installed (tool_versions' names)
NEEDS = {"careersite": ("careersite",), "careersite-no-search": ("careersite",), "hugo": ("hugo",),
         "hugo+pagefind": ("hugo", "pagefind"), "pelican": ("pelican",)}
# careersite publishes only postings open on the build date: pin it to the corpus's "today" so a
# run in 2028 (when every posting has expired) times the same work as one today
BUILD_EPOCH = calendar.timegm(dt.datetime(2026, 11, 25, 12, 0).timetuple())
QUIET_FLAGS = ("--quiet", "-q")
WARNING = re.compile(r"\b(warn|warning|error|critical)\b", re.IGNORECASE)  # Pelican logs to stdout
EDITED_SENTENCE = "The benchmark added this sentence to change one posting (edit {n})."


@dataclass
class Scenario:
    """One thing to time: the command, and what to do to the site before each timed run."""

    generator: str
    name: str
    steps: list[list[str]]  # commands run one after the other, timed as one
    env: dict[str, str]
    prepare: Callable[[int], None]  # gets the run number, so each edit differs from the last
    skipped: str = ""  # why it is not run, if it is not
    samples: list[Sample] = field(default_factory=list)


def find_command(name: str) -> str | None:
    """The interpreter's own bin folder first, so a virtualenv works without being activated."""
    return shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def find_pagefind() -> str | None:
    """The Pagefind binary careersite would run: PAGEFIND_BINARY_PATH, else pagefind[bin]'s (the
    package careersite depends on), else `pagefind` on the PATH; so both sides run the same one."""
    if given := os.environ.get("PAGEFIND_BINARY_PATH"):
        return given if Path(given).is_file() else None
    try:
        import pagefind_bin  # type: ignore[import-not-found]

        return str(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        return find_command("pagefind_extended") or find_command("pagefind")


def child_env(workdir: Path) -> dict[str, str]:
    """The environment every generator runs in. Python may write bytecode, but into the workdir:
    with PYTHONDONTWRITEBYTECODE set every run would recompile the checkout's careersite, a cost
    no installed copy pays; and the checkout itself stays untouched."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}


def careersite_env(workdir: Path) -> dict[str, str]:
    """Runs the checkout's careersite (the code being benchmarked), whatever else is installed."""
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")]))
    return {**child_env(workdir), "PYTHONPATH": path, "SOURCE_DATE_EPOCH": str(BUILD_EPOCH)}


def first_line(argv: list[str], pattern: str = ".") -> str | None:
    """The first output line of a version command matching pattern; None if it cannot run."""
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    lines = [line.strip() for line in (result.stdout + result.stderr).splitlines()]
    return next((line for line in lines if re.search(pattern, line)), None)


def tool_versions(workdir: Path) -> dict[str, str | None]:
    """Each generator's version, None when it is not installed. careersite always is (it runs from
    this checkout), so its failing to start is an error, not a missing tool."""
    env = careersite_env(workdir)
    started = subprocess.run([sys.executable, "-m", "careersite", "--version"], env=env, capture_output=True, text=True)
    if started.returncode != 0:
        raise RunError(f"careersite from {REPO} does not start:\n{started.stderr[-3000:]}")
    commit = first_line(["git", "-C", str(REPO), "describe", "--always", "--dirty"])
    versions: dict[str, str | None] = {
        "careersite": started.stdout.strip().removeprefix("careersite ") + (f" (checkout {commit})" if commit else ""),
        "hugo": None,
        "pagefind": None,
        "pelican": None,
    }
    if hugo := find_command("hugo"):
        line = first_line([hugo, "version"], pattern=r"^hugo v")
        versions["hugo"] = line.split()[1].split("-")[0] if line else None
    if pagefind := find_pagefind():
        line = first_line([pagefind, "--version"], pattern=r"^pagefind")
        versions["pagefind"] = line.split()[-1] if line else None
    if pelican := find_command("pelican"):
        versions["pelican"] = first_line([pelican, "--version"])
    return versions


def careersite_code_state() -> str:
    """careersite's code and built-in theme as names, sizes and mtimes. Its build cache is keyed
    on its own code, so an edit during a run silently turns later warm builds into cold ones."""
    files = sorted(p for folder in ("careersite", "themes") for p in (REPO / folder).rglob("*")
                   if p.is_file() and "__pycache__" not in p.parts)
    stats = [(p.relative_to(REPO).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    return hashlib.sha256(repr(stats).encode()).hexdigest()


def remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)


def append_posting_sentence(site: Path, n: int) -> None:
    first = sorted((site / "content" / "jobs").glob("*.md"))[0]
    with first.open("a", encoding="utf-8") as file:
        file.write("\n" + EDITED_SENTENCE.format(n=n) + "\n")


def edit_config_description(site: Path, n: int) -> None:
    config = site / "careersite.toml"
    text, count = re.subn(r'(?m)^description = "(.*?)(?: \(edit \d+\))?"$', rf'description = "\1 (edit {n})"', config.read_text(encoding="utf-8"))
    if count != 1:
        raise RunError(f"{config} has no description line to edit")
    config.write_text(text, encoding="utf-8")


def edit_template(site: Path, n: int) -> None:
    template = sorted((site / "themes").glob("*/templates/*.html"))[0]
    with template.open("a", encoding="utf-8") as file:
        file.write(f"{{# benchmark edit {n} #}}\n")


def careersite_site(corpus: Path, generator: str) -> Path:
    """Search on builds corpus/careersite; --no-search a copy of it, corpus/careersite-no-search, so
    each has its own output and cache and its warm builds follow its own cold one."""
    site = corpus / generator
    if generator != "careersite":
        remove(site)  # a kept --workdir may hold an older corpus's copy
        shutil.copytree(corpus / "careersite", site, ignore=shutil.ignore_patterns("output", ".careersite-cache"))
    return site


def careersite_scenarios(corpus: Path, env: dict[str, str], generator: str) -> list[Scenario]:
    """cold, then builds that reuse its output and cache: unchanged, one posting, config, template;
    with search on (the default, what every real site ships) or with --no-search."""
    site = careersite_site(corpus, generator)
    output, cache = site / "output", site / ".careersite-cache"
    argv = [sys.executable, "-m", "careersite", "build", "--source", str(site), "--output", str(output), "--quiet"]
    argv += ["--no-search"] if generator == "careersite-no-search" else []
    has_templates = any((site / "themes").glob("*/templates/*.html"))

    def scenario(name: str, prepare: Callable[[int], None], skipped: str = "") -> Scenario:
        return Scenario(generator, name, [argv], env, prepare, skipped)

    return [
        scenario("cold", lambda n: remove(output, cache)),
        scenario("warm-noop", lambda n: None),
        scenario("warm-one-posting", lambda n: append_posting_sentence(site, n)),
        scenario("warm-config", lambda n: edit_config_description(site, n)),
        scenario("warm-template", lambda n: edit_template(site, n), "" if has_templates else "skipped: the site has no themes/ override"),
    ]


def hugo_scenario(corpus: Path, env: dict[str, str], generator: str = "hugo") -> Scenario:
    """Hugo's cold build; as hugo+pagefind, followed by the Pagefind CLI over Hugo's output (into
    OUT/pagefind/, as a Hugo site with search deploys it), timed and measured as one scenario.
    Each has its own output and cache folder."""
    output, cache = corpus / "out" / generator, corpus / f"{generator}-cache"
    steps = [[find_command("hugo") or "hugo", "--quiet", "-s", str(corpus / "hugo"), "-d", str(output)]]
    if generator == "hugo+pagefind":
        steps.append([find_pagefind() or "pagefind", "--site", str(output), "--silent"])
    env = {**env, "HUGO_CACHEDIR": str(cache)}  # keeps Hugo's file cache out of $HOME, and cold
    return Scenario(generator, "cold", steps, env, lambda n: remove(output, cache))


def pelican_scenario(corpus: Path, env: dict[str, str]) -> Scenario:
    site, output = corpus / "pelican", corpus / "out" / "pelican"
    argv = [find_command("pelican") or "pelican", str(site / "content"), "-o", str(output), "-s", str(site / "pelicanconf.py"), "-q"]
    return Scenario("pelican", "cold", [argv], env, lambda n: remove(output))


def scenarios_for(corpus: Path, workdir: Path, only: list[str], versions: dict[str, str | None]) -> dict[str, list[Scenario]]:
    """The scenarios of each wanted generator; one that is not installed gets a placeholder."""
    makers: dict[str, Callable[[], list[Scenario]]] = {
        "careersite": lambda: careersite_scenarios(corpus, careersite_env(workdir), "careersite"),
        "careersite-no-search": lambda: careersite_scenarios(corpus, careersite_env(workdir), "careersite-no-search"),
        "hugo": lambda: [hugo_scenario(corpus, child_env(workdir))],
        "hugo+pagefind": lambda: [hugo_scenario(corpus, child_env(workdir), "hugo+pagefind")],
        "pelican": lambda: [pelican_scenario(corpus, child_env(workdir))],
    }
    groups = {}
    for name in only:
        missing = [tool for tool in NEEDS[name] if not versions[tool]]
        groups[name] = [Scenario(name, "cold", [], {}, lambda n: None, f"{', '.join(missing)} not installed")] if missing else makers[name]()
    return groups


def output_of(generator: str, corpus: Path) -> Path:
    return corpus / generator / "output" if generator in CAREERSITES else corpus / "out" / generator


def built_pages(generator: str, corpus: Path) -> int:
    """How many posting pages a build wrote: each generator puts them at jobs/<slug>/index.html."""
    return len(list(output_of(generator, corpus).glob("jobs/*/index.html")))


def indexed_pages(generator: str, corpus: Path) -> int | None:
    """How many pages the build's Pagefind index holds: the page_count of every bundle's
    pagefind-entry.json, over its languages (careersite shards its index: pagefind/ and
    pagefind/<n>/, one bundle a shard); None when the generator builds no index."""
    if generator not in ("careersite", "hugo+pagefind"):
        return None
    total = 0
    for entry in sorted((output_of(generator, corpus) / "pagefind").glob("**/pagefind-entry.json")):
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
        total += sum(int(language.get("page_count", 0)) for language in languages.values())
    return total


def check_build(scenario: Scenario, corpus: Path, size: int, logs: Path) -> None:
    """An untimed cold build first, not quiet (Hugo's --quiet hides its warnings): it must warn about
    nothing and publish every posting. It also warms the page cache and Python's bytecode caches,
    which no timed run should pay for."""
    scenario.prepare(0)
    run_steps([[arg for arg in argv if arg not in QUIET_FLAGS + ("--silent",)] for argv in scenario.steps], scenario.env, logs)
    output = "".join(log.read_text(errors="replace") for log in sorted(logs.rglob("std*.txt")))
    warnings = [line for line in output.splitlines() if WARNING.search(line)]
    if warnings:
        raise RunError(f"{scenario.generator} warned on a clean build of the corpus:\n" + "\n".join(warnings[:20]))
    pages = built_pages(scenario.generator, corpus)
    if pages != size:
        raise RunError(f"{scenario.generator} built {pages} posting pages for {size} postings; see {logs}")
    indexed = indexed_pages(scenario.generator, corpus)
    if indexed is not None and indexed != size:
        raise RunError(f"{scenario.generator}'s Pagefind index holds {indexed} pages for {size} postings; see {logs}")


def bench_size(size: int, workdir: Path, args: argparse.Namespace, versions: dict[str, str | None]) -> dict[str, list[Scenario]]:
    """Write the corpus, check every generator on it, then time every scenario args.repeat times."""
    corpus = workdir / f"n{size}"
    write_corpus(size, corpus, args.seed)
    groups = scenarios_for(corpus, workdir, args.only, versions)
    runnable = {name: [s for s in group if not s.skipped] for name, group in groups.items()}
    runnable = {name: group for name, group in runnable.items() if group}
    for name, group in runnable.items():
        print(f"[{size}] checking {name} builds the corpus", file=sys.stderr)
        check_build(group[0], corpus, size, corpus / "logs" / f"{name}-check")
    code_before = careersite_code_state()
    time_scenarios(runnable, args.repeat, corpus, size)
    if careersite_code_state() != code_before:
        raise RunError(f"careersite's code in {REPO} changed during the timed runs, so they are not comparable; "
                       "rerun when it is not being edited")
    return groups


def time_scenarios(runnable: dict[str, list[Scenario]], repeat: int, corpus: Path, size: int) -> None:
    """Round after round, each generator runs all its scenarios (in order: the warm ones build on
    cold), starting one generator further along each round so none is always first."""
    names = list(runnable)
    if not names:
        return
    for round_number in range(1, repeat + 1):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            for scenario in runnable[name]:
                scenario.prepare(round_number)
                sample = run_steps(scenario.steps, scenario.env, corpus / "logs" / f"{name}-{scenario.name}")
                scenario.samples.append(sample)
                print(f"[{size}] round {round_number}/{repeat} {name} {scenario.name}: {sample.wall:.2f} s", file=sys.stderr)


def ratios(mine: Sample, peer: list[Scenario]) -> str:
    """careersite's wall and CPU time over the peer's cold build's: below 1, careersite was faster.
    CPU is the steadier of the two on a machine that other processes keep busy."""
    cold = [s for s in peer if s.name == "cold" and s.samples]
    if not cold:
        return "–"
    theirs = median_sample(cold[0].samples)
    return f"{mine.wall / theirs.wall:.2f} / {mine.cpu / theirs.cpu:.2f}"


def table(results: dict[int, dict[str, list[Scenario]]]) -> str:
    """Medians per scenario; careersite's rows add its times over each peer's cold build's."""
    peers = [p for p in PEERS if any(p in groups for groups in results.values())]
    head = ["postings", "generator", "scenario", "wall s", "CPU s", "peak RSS MiB (all processes)"] + [f"÷ {p} cold (wall / CPU)" for p in peers]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for size, groups in results.items():
        for scenarios in groups.values():
            for s in scenarios:
                if s.skipped:
                    cells = [str(size), LABELS.get(s.generator, s.generator), s.name, s.skipped, "", ""] + [""] * len(peers)
                else:
                    m = median_sample(s.samples)
                    vs = [ratios(m, groups.get(p, [])) if s.generator in CAREERSITES else "" for p in peers]
                    cells = [str(size), LABELS.get(s.generator, s.generator), s.name, f"{m.wall:.2f}", f"{m.cpu:.2f}", f"{m.peak_rss / 2**20:.0f}"] + vs
                rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def figures(results: dict[int, dict[str, list[Scenario]]]) -> Figures:
    """Each timed scenario's median, for the targets."""
    return {(size, s.generator, s.name): median_sample(s.samples)
            for size, groups in results.items() for scenarios in groups.values() for s in scenarios if s.samples}


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    model = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, {platform.system()} {platform.release()}"


def header(versions: dict[str, str | None], args: argparse.Namespace, load: str) -> str:
    wanted = dict.fromkeys(tool for name in args.only for tool in NEEDS[name])
    tools = ", ".join(f"{name} {versions[name] or 'not installed'}" for name in wanted)
    return "\n".join([
        f"- date: {dt.date.today().isoformat()}; sizes {', '.join(map(str, args.sizes))}; "
        f"{args.repeat} timed runs each; corpus seed {args.seed}",
        f"- machine: {machine()}; {load}",
        f"- Python {platform.python_version()}; {tools}",
    ])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated (default 100,1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per scenario (default 3)")
    parser.add_argument("--only", default=",".join(GENERATORS), help="generators to run, comma-separated (default all)")
    parser.add_argument("--workdir", type=Path, help="where to write corpora and outputs (kept); default a temporary folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    args = parser.parse_args()
    args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    args.only = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = sorted(set(args.only) - set(GENERATORS))
    if unknown:
        parser.error(f"unknown generator {', '.join(unknown)}; choose from {', '.join(GENERATORS)}")
    if args.repeat < 1 or not args.sizes or min(args.sizes) < 1:
        parser.error("--repeat and every size must be at least 1")
    return args


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="careersite-bench-") as temp:
        workdir = args.workdir or Path(temp)
        results = {}
        started = CpuClock.now()
        try:
            versions = tool_versions(workdir)
            for size in args.sizes:
                results[size] = bench_size(size, workdir, args, versions)
        except RunError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        load = background_load(started, CpuClock.now())
    print(header(versions, args, load))
    print()
    print(table(results))
    print()
    print(verdict_table(verdicts(figures(results), args.sizes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
