"""The command line: parse arguments, call one function, print, exit code. No logic here."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import __version__, collector
from .build import BuildOptions, build, build_date
from .import_formats import IMPORT_FORMATS
from .output import OutputError
from .plural import counted
from .problems import ContentError
from .progress import Progress

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    """The commands in the order a user meets them: init, new, serve, check, build, import, sync, notify."""
    parser = argparse.ArgumentParser(prog="careersite", description="Build a career site from Markdown job postings.")
    parser.add_argument("--version", action="version", version=f"careersite {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    _author_commands(commands)
    _site_commands(commands)
    _outside_commands(commands)
    return parser


def _source_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--source", type=Path, default=Path("."), help="the site folder (default: the current folder)")


def _quiet_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")


def _author_commands(commands: argparse._SubParsersAction) -> None:
    """init, new, serve: making a site and its postings, and seeing them."""
    n = commands.add_parser("init", help="create a new site that builds at once",
                            description="Create careersite.toml, two example postings, a page, static/, netlify.toml and .gitignore.")
    n.add_argument("folder", type=Path, nargs="?", default=Path("."), help="where to create the site (default: the current folder)")
    n.add_argument("--force", action="store_true", help="add the missing starter files to a non-empty folder (existing files are kept)")
    _quiet_option(n)

    w = commands.add_parser("new", help="write a new posting with its front matter filled in",
                            description="Write content/jobs/<slug>.md: today as date_posted, closing in 60 days, the config's "
                                        "defaults, a fresh id when [defaults] id_pattern is set, and an outline of the description.")
    _source_option(w)
    w.add_argument("title", help='the job title, e.g. "Senior Data Engineer"')
    w.add_argument("--department", default="", help="the department, e.g. Engineering")
    w.add_argument("--location", default="", help="'City, CC', 'City, ST' or 'City, Region, CC', e.g. 'Berlin, DE', 'Austin, TX' or 'Wilmington, DE, US'")
    w.add_argument("--remote", action="store_true", help="a remote posting (open to the --location's country, else US)")
    _quiet_option(w)

    t = commands.add_parser("translate", help="start a posting's version in another of the site's languages",
                            description="Write content/jobs/<slug>.<language>.md beside the posting FILE: its front matter and "
                                        "description to translate, marked draft: true until they are.")
    _source_option(t)
    t.add_argument("file", type=Path, help="the posting to translate, e.g. content/jobs/designer.md")
    t.add_argument("language", help="one of the site's languages (careersite.toml), e.g. de")
    _quiet_option(t)

    s = commands.add_parser("serve", help="preview the site locally, rebuilding and reloading the browser on every save",
                            description="Build the site (drafts included), serve it on http://127.0.0.1:8000/ and rebuild what "
                                        "changed whenever careersite.toml, content/, static/ or the theme change.")
    _source_option(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=_port, default=8000, help="port to listen on (default: 8000)")
    s.add_argument("--no-drafts", action="store_true", help="hide draft postings, as the published site does")
    _quiet_option(s)


def _site_commands(commands: argparse._SubParsersAction) -> None:
    """check, build: the whole site judged, or made."""
    c = commands.add_parser("check", help="check postings and settings without building",
                            description="Validate careersite.toml and content/ as the build does, and warn about "
                                        "Google's job posting guidelines, pay transparency rules and posting lifecycle. Writes nothing.")
    _source_option(c)
    c.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    c.add_argument("--format", choices=("text", "json"), default="text", help="text for people, json for CI (one object per finding)")

    b = commands.add_parser("build", help="build the site into the output folder",
                            description="Read careersite.toml and content/, write the site to output/.")
    _source_option(b)
    b.add_argument("--output", type=Path, default=None, help="where to write the site (default: SOURCE/output)")
    b.add_argument("--drafts", action="store_true", help="also build draft postings (marked as drafts, noindex)")
    b.add_argument("--base-url", default=None, help="override base_url from careersite.toml (e.g. for a deploy preview)")
    _quiet_option(b)
    b.add_argument("--clean", action="store_true", help="ignore and do not keep the build cache (.careersite-cache/)")
    b.add_argument("--jobs", "-j", type=_positive, default=0, metavar="N", help="worker processes, 1 or more (default: one per core)")
    b.add_argument("--no-search", action="store_true", help="build no full-text search index (Pagefind)")


def _outside_commands(commands: argparse._SubParsersAction) -> None:
    """import, sync: postings from elsewhere (another site, an ATS)."""
    i = commands.add_parser("import", help="turn outside postings (Markdown, another static site, ATS job boards) into posting files",
                            description="Write content/jobs/<slug>.md for each posting in FILE: a plain Markdown posting, a posting of "
                                        "another static site (Jekyll, Hugo, Gatsby, Eleventy; give its folder to import them all), or the "
                                        "answer of an ATS job board API (Greenhouse, Lever, Ashby, ...). Existing files are never replaced without --force.")
    _source_option(i)
    i.add_argument("files", nargs="+", type=Path, metavar="FILE",
                   help="a Markdown posting, an old site's postings folder (_jobs/, _posts/, content/jobs/), "
                        "or a saved ATS job board answer (.json; Personio's feed: .xml)")
    i.add_argument("--from", dest="from_", choices=IMPORT_FORMATS, default="auto",
                   help="the input format (default: by file name and the answer's shape)")
    i.add_argument("--force", action="store_true", help="replace posting files that already exist")
    _quiet_option(i)

    y = commands.add_parser("sync", help="bring content/jobs/ in line with your ATS's live job board",
                            description="Fetch each BOARD over HTTPS (default: [sync] sources in careersite.toml) and write "
                                        "its new and changed postings to content/jobs/, closing the ones gone from the board. "
                                        "Only files an earlier sync wrote are changed; fields added by hand are kept. "
                                        "CAREERSITE_<VENDOR>_API overrides a vendor's API root.")
    _source_option(y)
    y.add_argument("boards", nargs="*", type=_board, metavar="VENDOR:BOARD",
                   help="a board such as greenhouse:acme (the board token in the vendor's job board URL)")
    y.add_argument("--dry-run", action="store_true", help="print what would change, write nothing")
    y.add_argument("--skip-refused", action="store_true",
                   help="exit 0 when postings careersite refuses were only reported and skipped (as the Netlify build "
                        "command does: one bad posting in the ATS does not hold back the rest)")
    _quiet_option(y)
    _notify_command(commands)


def _notify_command(commands: argparse._SubParsersAction) -> None:
    t = commands.add_parser("notify", help="tell Google's Indexing API and IndexNow which postings changed since the last time",
                            description="After a deploy: send URL_UPDATED / URL_DELETED to Google's Indexing API (service account "
                                        "key in GOOGLE_INDEXING_KEY) and the changed URLs to IndexNow ([notify] indexnow_key), "
                                        "within Google's daily quota; what was told is kept in .careersite-cache/notify.json. "
                                        "Problems are reported, and the exit code is 0 unless --strict.")
    _source_option(t)
    t.add_argument("--output", type=Path, default=None, help="the built (deployed) site (default: SOURCE/output)")
    t.add_argument("--dry-run", action="store_true", help="print what would be sent; send nothing, keep nothing, need no key")
    t.add_argument("--strict", action="store_true", help="exit 1 when an engine refused or could not be reached")
    _quiet_option(t)


def _board(text: str):
    from .sync_source import parse_board

    try:
        return parse_board(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _number_from(low: int, high: int, hint: str):
    """An argument type for whole numbers from `low` to `high`: `--jobs 0` would build nothing, a
    port past 65535 does not exist; argparse then names the option and exits 2."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is not from {low} to {high}; {hint}")
        return value
    return parse


_positive = _number_from(1, 1024, "leave --jobs out for one worker per core")
_port = _number_from(1, 65535, "give a free port, e.g. --port 8001")


def main(argv: list[str] | None = None, process: bool = False) -> int:
    """Run one command. `process`: this is the whole life of the process (see run())."""
    args = _parser().parse_args(argv)
    commands = {"build": _build, "check": _check, "import": _import, "serve": _serve, "init": _init, "new": _new, "translate": _translate,
                "sync": _sync, "notify": _notify}
    if process and args.command == "build":
        collector.pause_for_good()
    code = commands[args.command](args)
    if process:
        collector.skip_at_exit()
    return code


def run() -> None:
    """The `careersite` command (for the cycle collector's part in it, see collector.py).
    A reader that goes away (`careersite check | head -1`) ends the command quietly, as it ends a
    Unix tool: exit status 141 (128 + SIGPIPE), no traceback. A build stopped that way has raised
    before its output was swapped in, so the previous site is left as it was."""
    try:
        code = main(process=True)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's own flush at exit
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):  # nothing left to flush into a closed pipe at exit
            os.dup2(devnull, stream.fileno())
        code = 128 + signal.SIGPIPE
    sys.exit(code)


def _build(args: argparse.Namespace) -> int:
    output = args.output if args.output is not None else args.source / "output"
    try:
        options = BuildOptions(source=args.source, output=output, drafts=args.drafts, base_url=args.base_url,
                               cache=not args.clean, jobs=args.jobs, search=not args.no_search)
        result = build(options, Progress(enabled=not args.quiet))
    except ContentError as err:
        for problem in err.problems:
            print(f"error: {problem}", file=sys.stderr)
        print(f"Build failed: {counted(len(err.problems), 'problem')}; {output} was left as it was.", file=sys.stderr)
        return EXIT_CONTENT
    except OutputError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(result.summary())
        if result.next_change:  # why a site needs a build on that day too (README: a daily rebuild)
            print(result.next_change.note())
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .check import check_site
    from .findings import exit_code, format_json, format_text

    findings = check_site(args.source, build_date())
    sys.stdout.write(format_json(findings) if args.format == "json" else format_text(findings))
    return exit_code(findings, args.strict)


def _import(args: argparse.Namespace) -> int:
    from .importers import import_files, summary

    reports = import_files(args.files, args.from_, args.source, args.force, build_date().date())
    for report in reports:
        if not report.expected:
            print("\n".join(report.lines()), file=sys.stderr)
        elif not args.quiet:
            print("\n".join(report.lines()))
    if not args.quiet:
        print(summary(reports))
    return EXIT_OK if all(report.expected for report in reports) else EXIT_CONTENT


def _serve(args: argparse.Namespace) -> int:
    from .serve import serve

    if not (args.source / "careersite.toml").is_file():
        print(f"error: {args.source / 'careersite.toml'} not found; run careersite serve in a site folder, or careersite init first", file=sys.stderr)
        return EXIT_CONTENT
    return serve(args.source, args.host, args.port, drafts=not args.no_drafts, out=lambda line: print(line, flush=True),
                 quiet=args.quiet)


def _init(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, init_site

    try:
        written = init_site(args.folder, build_date().date(), args.force)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CONTENT
    if args.quiet:
        return EXIT_OK
    for path in written:
        print(f"created {path}")
    where = "" if args.folder == Path(".") else f"cd {args.folder} && "
    print(f"Next: {where}careersite serve   (then edit content/jobs/*.md and watch the browser)")
    return EXIT_OK


def _config_or_say(source: Path):
    """The site's careersite.toml, or None after printing its problems (the command then stops)."""
    from .config import load_config
    from .problems import Problems

    problems = Problems()
    config = load_config(source, problems)
    for problem in problems.items if config is None else ():
        print(f"error: {problem}", file=sys.stderr)
    return config


def _new(args: argparse.Namespace) -> int:
    from .lints import reserved_host
    from .posting_file import read_posting
    from .problems import Problems
    from .scaffold import NewPosting, ScaffoldError, ids_in_use, new_posting

    config = _config_or_say(args.source)
    if config is None:
        return EXIT_CONTENT
    spec = NewPosting(args.title, args.department, args.location, args.remote)
    try:
        path = new_posting(args.source, config, spec, build_date().date(), ids_in_use(args.source))
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CONTENT
    if args.quiet:
        return EXIT_OK
    print(f"created {path}")
    # what is left is what the build would refuse: read the new file as the build reads it
    left = Problems()
    read_posting(path, path.relative_to(args.source).as_posix(), config, left)
    if left:
        print("Still to fill in (the build refuses the posting until then, or set draft: true):")
        for problem in sorted(left.items):
            print(f"  {problem}")
    print("Also recommended: salary: {min, max, currency, unit} (Google shows it; pay transparency laws may require it)")
    host = reserved_host(config.defaults.apply_url)
    if host:
        print(f"Also to set: [defaults] apply_url in careersite.toml points to {host}, so the Apply button goes there "
              "(careersite check lists every example URL)")
    return EXIT_OK


def _translate(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, translate_posting

    config = _config_or_say(args.source)
    if config is None:
        return EXIT_CONTENT
    # FILE within the site folder (--source), else as given from here
    original = args.file if args.file.is_absolute() or not (args.source / args.file).is_file() else args.source / args.file
    if not original.is_file():
        print(f"error: {args.file}: no such posting file; name one such as content/jobs/designer.md", file=sys.stderr)
        return EXIT_CONTENT
    try:
        path = translate_posting(args.source, config, original, args.language)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(f"created {path}")
        print("Translate its title, summary and description; keep id, salary, dates, employment_type and places as "
              "they are (translations must agree on them; a city's name may be translated), then remove draft: true.")
    return EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from .config import load_config
    from .http_client import HttpClient
    from .problems import Problems
    from .sync import SyncError, report_lines, summary, sync
    from .sync_plan import REFUSED
    from .sync_source import parse_board

    boards, where = args.boards, "the command line"
    if not boards:
        config = load_config(args.source, Problems())  # a broken file is reported by sync itself
        boards = [parse_board(text) for text in config.sync_sources] if config else []
        where = "careersite.toml [sync] sources"
        if config and not boards:
            if not args.quiet:
                print("Nothing to sync: name a board (careersite sync greenhouse:acme) or set [sync] sources in careersite.toml.")
            return EXIT_OK
    try:
        changes = sync(args.source, boards, HttpClient(), build_date(), os.environ, args.dry_run, where)
    except SyncError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_CONTENT
    refused = any(change.action == REFUSED for change in changes)
    lines = report_lines(changes)
    if refused:
        print("\n".join(lines), file=sys.stderr)
    elif lines and not args.quiet:
        print("\n".join(lines))
    if not args.quiet or refused:
        print(summary(changes, args.dry_run), file=sys.stderr if refused else sys.stdout)
    return EXIT_CONTENT if refused and not args.skip_refused else EXIT_OK


def _notify(args: argparse.Namespace) -> int:
    from .http_client import HttpClient
    from .notify import Endpoints, NotifyOptions, notify

    options = NotifyOptions(args.source, args.output if args.output is not None else args.source / "output",
                            build_date().date(), os.environ.get("GOOGLE_INDEXING_KEY", ""), args.dry_run,
                            Endpoints.from_environment(os.environ))
    report = notify(options, HttpClient(retries=2), Progress(enabled=not args.quiet))
    if not args.quiet and report.lines:
        print("\n".join(report.lines))
    for problem in report.problems:  # never a failed deploy: the site is live, the next run tells again
        print(f"{'error' if args.strict else 'warning'}: {problem}", file=sys.stderr)
    return EXIT_CONTENT if args.strict and report.problems else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
