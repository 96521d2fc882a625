"""`python -m feedback serve|report|beside`: the collector, the writers' report, the preview helper."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from feedback.settings import (DEFAULT_DB, DEFAULT_RATE, DEFAULT_SEARCH_CAP, DEFAULT_SITEMAP, Settings, origin_of,
                               parse_rate, site_defaults)

DEFAULT_REPORT = Path("report")


def one_line(error: Exception) -> str:
    """An error message on one line (YAML errors span several)."""
    return " ".join(str(error).split())


def serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml: site_url gives the allowed origin, extra.feedback the minimum comment length")
    parser.add_argument("--db", default=DEFAULT_DB,
                        help=f"SQLite file, or a postgresql://USER:PASSWORD@HOST:PORT/DATABASE URL (default {DEFAULT_DB})")
    parser.add_argument("--sitemap", default=DEFAULT_SITEMAP,
                        help=f"file or URL of the built site's sitemap.xml (default {DEFAULT_SITEMAP})")
    parser.add_argument("--origin", action="append", default=[],
                        help="origin allowed to post (repeatable; default: the origin of site_url)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--rate-limit", default=DEFAULT_RATE, help=f"answers per client, COUNT/SECONDS (default {DEFAULT_RATE})")
    parser.add_argument("--search-cap", default=DEFAULT_SEARCH_CAP,
                        help=f"searches per client beside --rate-limit, COUNT/SECONDS (default {DEFAULT_SEARCH_CAP})")


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the command line and mkdocs.yml; a bad value exits with one line."""
    try:
        site_origin, min_comment_length = site_defaults(args.config)
        origins = frozenset(origin_of(origin) for origin in args.origin) or frozenset({site_origin})
        limit, window = parse_rate(args.rate_limit)
        search_cap = parse_rate(args.search_cap)
    except (OSError, ValueError) as error:
        sys.exit(f"feedback: {error}")
    except MkDocsException as error:  # a missing or broken mkdocs.yml
        sys.exit(f"feedback: {args.config}: {one_line(error)}")
    return Settings(args.db, args.sitemap, origins, min_comment_length, limit, window, search_cap=search_cap)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from feedback.app import create_app
    from feedback.storage import DATABASE_ERRORS, SchemaTooNew, shown

    settings = settings_from(args)
    try:
        app = create_app(settings)
    except (OSError, SchemaTooNew, *DATABASE_ERRORS) as error:
        sys.exit(f"feedback: {shown(settings.db)}: {one_line(error)}")
    print(f"feedback: storing answers in {shown(settings.db)}, pages from {settings.sitemap}, "
          f"origins {', '.join(sorted(settings.origins))}", file=sys.stderr)
    # No access log: nothing about a reader is logged, and each line would cost every request.
    # httptools (C) parses each request for a fraction of the CPU that h11 (pure Python) takes.
    uvicorn.run(app, host=args.host, port=args.port, http="httptools", log_level="warning", access_log=False)
    return 0


def report(args: argparse.Namespace) -> int:
    from feedback.report import Dashboard, read_dashboard, write_report
    from feedback.report.languages import UnknownLanguage
    from feedback.report.stale import StaleTrouble
    from feedback.storage import DATABASE_ERRORS, SchemaTooNew, connect, exists, shown
    from hooks.review.command import report_day

    on = report_day(args.date)
    if on is None:
        sys.exit(f'feedback: --date "{args.date}" is not a day written YYYY-MM-DD; give one such as --date 2027-01-31')
    try:
        data = read_dashboard(connect(args.db)) if exists(args.db) else Dashboard()
    except (OSError, SchemaTooNew, *DATABASE_ERRORS) as error:
        sys.exit(f"feedback: {shown(args.db)}: {one_line(error)}")
    try:
        rows = write_report(data, args.config, args.out, on, args.language)
    except StaleTrouble as error:  # KB419 findings, one located line each, as `make stale` prints them
        sys.exit(str(error))
    except UnknownLanguage as error:
        sys.exit(f"feedback: {error}")
    except (OSError, MkDocsException) as error:  # a missing or broken mkdocs.yml or docs file
        sys.exit(f"feedback: {args.config}: {one_line(error)}")
    answers = sum(row.total for row in rows)
    print(f"{args.out / 'index.html'}, with feedback.csv, searches.csv, stale.csv, deflection.csv and trends.csv: "
          f"{len(rows)} articles, {answers} answers")
    return 0


def beside(args: argparse.Namespace, command: list[str]) -> int:
    from feedback.beside import run_beside

    if not command:
        sys.exit("feedback: give the command to run after --, e.g. python -m feedback beside -- mkdocs serve")
    settings_from(args)  # fail now, with one line, rather than inside the child
    serve_args = [f"--config={args.config}", f"--db={args.db}", f"--sitemap={args.sitemap}",
                  f"--host={args.host}", f"--port={args.port}", f"--rate-limit={args.rate_limit}",
                  f"--search-cap={args.search_cap}",
                  *(f"--origin={origin}" for origin in args.origin)]
    return run_beside(serve_args, f"http://{args.host}:{args.port}", command)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    argv, command = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(prog="python -m feedback", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_options(commands.add_parser("serve", help="run the collector"))
    serve_options(commands.add_parser("beside", help="run the collector while the command after -- runs"))
    report_parser = commands.add_parser("report", help="write the writers' dashboard (HTML and CSV)")
    report_parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    report_parser.add_argument("--db", default=DEFAULT_DB, help="SQLite file or postgresql:// URL, as for serve")
    report_parser.add_argument("--out", type=Path, default=DEFAULT_REPORT)
    report_parser.add_argument("--date", help="the day stale articles are counted on and the charts end, "
                               "YYYY-MM-DD (default: today, UTC)")
    report_parser.add_argument("--language", help="only the articles in this language of extra.languages, "
                               "e.g. es (default: every language)")
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(args)
    if args.command == "report":
        return report(args)
    return beside(args, command)


if __name__ == "__main__":
    sys.exit(main())
