"""The writers' command: `python -m hooks check [--fix] [PATH ...]` and `python -m hooks new CATEGORY "Title"`.

Maintainers' commands: `python -m hooks build` (the all-or-nothing `make build`) and
`python -m hooks urls [--update]` (the published-URL list, `make urls`); `python -m hooks stale
[--date YYYY-MM-DD]` (articles overdue for review and translations behind their original, `make stale`:
exit 1 when a review is overdue, see hooks/review/command.py).

Exit status: 0 when clean, 1 when there are findings, 2 on a setup or usage error: a
path that does not exist, an unreadable file, a support contact in mkdocs.yml that is
missing or wrong, a Markdown extension that is not installed or does not load, or a
`markdown_extensions` entry of the wrong shape (each one located line, never a traceback).

This module parses the command line and dispatches; each command lives beside its parts: the
check in hooks/checks/runner.py, `new` in hooks/articles/command.py, `urls` in
hooks/publish/url_command.py, `stale` in hooks/review/command.py, `build` in hooks/publish/atomic.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hooks.articles.command import run_new
from hooks.checks.runner import run_check
from hooks.publish.atomic import build_atomically
from hooks.publish.url_command import run_urls
from hooks.review.command import run_stale


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="python -m hooks", description="Knowledge Base checks for writers.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check Markdown files without building the site")
    check.add_argument("--fix", action="store_true", help="renumber flagged steps in place (atomically)")
    check.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    check.add_argument("paths", nargs="*", type=Path, default=[Path("docs")], metavar="PATH")
    build = commands.add_parser("build", help="strict build into a new folder; replace the site folder only on success")
    build.add_argument("--engine", default="mkdocs", choices=["mkdocs", "properdocs"], help="the builder to run")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    build.add_argument("--site", type=Path, default=Path("site"), help="the folder the site is published from")
    urls = commands.add_parser("urls", help="compare a built site with the list of published URLs")
    urls.add_argument("--update", action="store_true", help="add the build's new URLs to the list (never drops one)")
    urls.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    urls.add_argument("--list", type=Path, default=Path("published-urls.txt"), help="the committed URL list")
    new = commands.add_parser("new", help="start a new article (a draft) in a category")
    new.add_argument("category", help="the category's folder under docs/, e.g. domains")
    new.add_argument("title", help='the title, e.g. "Point your domain at us"')
    new.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder")
    new.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    stale = commands.add_parser("stale", help="list overdue reviews and stale or missing translations; "
                                                      "exit 1 when a review is overdue")
    stale.add_argument("--date", help="the day to report on, YYYY-MM-DD (default: today, UTC)")
    stale.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder")
    stale.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml (its languages)")
    stale.add_argument("--fail-on-translations", action="store_true",
                       help="exit 1 also when a translation is behind its original")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build_atomically(args.site, args.engine, args.config)
    if args.command == "urls":
        return run_urls(args.site, args.list, args.update)
    if args.command == "new":
        return run_new(args.docs, args.category, args.title, args.config)
    if args.command == "stale":
        return run_stale(args.docs, args.date, args.config, args.fail_on_translations)
    return run_check(args.paths, args.config, args.fix)


if __name__ == "__main__":
    sys.exit(main())
