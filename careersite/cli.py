"""The command line: parse arguments, call one function, print, exit code. No logic here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .build import BuildOptions, build
from .output import OutputError
from .problems import ContentError

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careersite", description="Build a career site from Markdown job postings.")
    parser.add_argument("--version", action="version", version=f"careersite {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = commands.add_parser("build", help="build the site into the output folder", description="Read careersite.toml and content/, write the site to output/.")
    b.add_argument("--source", type=Path, default=Path("."), help="the site folder (default: the current folder)")
    b.add_argument("--output", type=Path, default=None, help="where to write the site (default: SOURCE/output)")
    b.add_argument("--drafts", action="store_true", help="also build draft postings (marked as drafts, noindex)")
    b.add_argument("--base-url", default=None, help="override base_url from careersite.toml (e.g. for a deploy preview)")
    b.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return _build(args)
    return EXIT_USAGE


def _build(args: argparse.Namespace) -> int:
    output = args.output if args.output is not None else args.source / "output"
    try:
        result = build(BuildOptions(source=args.source, output=output, drafts=args.drafts, base_url=args.base_url))
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


if __name__ == "__main__":
    sys.exit(main())
