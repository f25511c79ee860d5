"""The command line: parse arguments, call one function, print, exit code. No logic here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .build import BuildOptions, build, build_date
from .output import OutputError
from .problems import ContentError
from .progress import Progress

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careersite", description="Build a career site from Markdown job postings.")
    parser.add_argument("--version", action="version", version=f"careersite {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def source_option(command: argparse.ArgumentParser) -> None:
        command.add_argument("--source", type=Path, default=Path("."), help="the site folder (default: the current folder)")

    b = commands.add_parser("build", help="build the site into the output folder",
                            description="Read careersite.toml and content/, write the site to output/.")
    source_option(b)
    b.add_argument("--output", type=Path, default=None, help="where to write the site (default: SOURCE/output)")
    b.add_argument("--drafts", action="store_true", help="also build draft postings (marked as drafts, noindex)")
    b.add_argument("--base-url", default=None, help="override base_url from careersite.toml (e.g. for a deploy preview)")
    b.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    b.add_argument("--clean", action="store_true", help="ignore and do not keep the build cache (.careersite-cache/)")
    b.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="worker processes (default: one per core)")

    c = commands.add_parser("check", help="check postings and settings without building",
                            description="Validate careersite.toml and content/ as the build does, and warn about "
                                        "Google's job posting guidelines, pay transparency rules and posting lifecycle. Writes nothing.")
    source_option(c)
    c.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    c.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json for CI (one object per finding)")

    i = commands.add_parser("import", help="turn outside postings (Markdown, Greenhouse, Lever) into posting files",
                            description="Write content/jobs/<slug>.md for each posting in FILE: a plain Markdown posting, or the JSON "
                                        "of the Greenhouse or Lever job board APIs. Existing files are never replaced without --force.")
    source_option(i)
    i.add_argument("files", nargs="+", type=Path, metavar="FILE")
    i.add_argument("--from", dest="from_", choices=("auto", "markdown", "greenhouse", "lever"), default="auto",
                   help="the input format (default: by file name and JSON shape)")
    i.add_argument("--force", action="store_true", help="replace posting files that already exist")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return {"build": _build, "check": _check, "import": _import}[args.command](args)


def _build(args: argparse.Namespace) -> int:
    output = args.output if args.output is not None else args.source / "output"
    try:
        options = BuildOptions(source=args.source, output=output, drafts=args.drafts, base_url=args.base_url,
                               cache=not args.clean, jobs=args.jobs)
        result = build(options, Progress(enabled=not args.quiet))
    except ContentError as err:
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        count = len(err.problems)
        print(f"Build failed: {count} problem{'s' if count != 1 else ''}; {output} was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    except OutputError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(result.summary())
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .check import check_site, exit_code, format_json, format_text

    findings = check_site(args.source, build_date())
    sys.stdout.write(format_json(findings) if args.format == "json" else format_text(findings))
    return exit_code(findings, args.strict)


def _import(args: argparse.Namespace) -> int:
    from .importers import import_files, summary

    reports = import_files(args.files, args.from_, args.source, args.force, build_date().date())
    for report in reports:
        print("\n".join(report.lines()), file=sys.stdout if report.ok else sys.stderr)
    print(summary(reports))
    return EXIT_OK if all(report.ok for report in reports) else EXIT_CONTENT


if __name__ == "__main__":
    sys.exit(main())
