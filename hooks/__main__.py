"""The writers' command: `python -m hooks check [--fix] [PATH ...]` and `python -m hooks new CATEGORY "Title"`.

Maintainers' commands: `python -m hooks build` (the all-or-nothing `make build`) and
`python -m hooks urls [--update]` (the published-URL list, `make urls`); `python -m hooks stale
[--date YYYY-MM-DD]` (articles overdue for review, `make stale`: exit 1 when any are, see hooks/review/command.py).

Exit status: 0 when clean, 1 when there are findings, 2 on a setup or usage error: a
path that does not exist, an unreadable file, a support contact in mkdocs.yml that is
missing or wrong, a Markdown extension that is not installed or does not load, or a
`markdown_extensions` entry of the wrong shape (each one located line, never a traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

import yaml

from hooks import usable_cores
from hooks.articles.new import NewArticleError, plan_article, write_new
from hooks.checks.config import load_settings, load_site_config
from hooks.checks.engine import check_document, fix_text
from hooks.checks.findings import Finding
from hooks.checks.rules.files import FileFacts, file_findings, outside_target, path_under, read_facts
from hooks.checks.rules.site import duplicate_urls, link_findings, links, page_anchors, page_url, renderer
from hooks.checks.source import Document
from hooks.checks.rules.html import setting_problems
from hooks.checks.rules.rendered_html import published_findings
from hooks.checks.rules.nav import NAV_FILE, nav_verdict
from hooks.checks.rules.static_files import is_static, published, static_findings
from hooks.checks.rules.unmodelled import extension_findings
from hooks.publish.atomic import build_atomically
from hooks.publish.urls import built_urls, parse_list, render_list, updated_list, url_problems
from hooks.review.command import run_stale

CLEAN, FINDINGS, TROUBLE = 0, 1, 2
# Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
# Files handed to a worker at a time: few enough round trips, and the cores finish together.
CHUNKS_PER_WORKER = 8


def markdown_files(paths: list[Path], docs_dir: Path, pattern: str = "*.md") -> list[tuple[Path, Path]]:
    """(file, its docs folder) for the files named and those matching `pattern` (the Markdown files
    by default) below the folders named, in a stable order.

    A file's docs folder is the site's `docs_dir` when the file is in it; otherwise the folder
    named on the command line (or, for a single file, its own folder).
    """
    docs = Path(os.path.abspath(docs_dir))
    files = []
    for path in paths:
        found = sorted(path.rglob(pattern)) if path.is_dir() else [path]
        own = path if path.is_dir() else path.parent
        files.extend((file, docs_dir if docs in Path(os.path.abspath(file)).parents else own) for file in found)
    return files


def nav_files(paths: list[Path]) -> list[Path]:
    """The navigation files (`.nav.yml`) named and below the folders named, in a stable order."""
    return [file for path in paths
            for file in (sorted(path.rglob(NAV_FILE)) if path.is_dir() else [path] if path.name == NAV_FILE else [])]


def static_files(paths: list[Path], docs_dir: Path) -> list[tuple[Path, Path]]:
    """(file, its docs folder) for the files named and below the folders named that are neither
    articles nor navigation files and that MkDocs would publish (KB417, KB418), in a stable order."""
    return [(file, docs) for file, docs in markdown_files(paths, docs_dir, pattern="*")
            if file.is_file() and is_static(file.name) and published(path_under(file, docs))]


def check_static_file(item: tuple[Path, Path], on_github: bool) -> tuple[int, list[tuple[bool, str]]]:
    """One file that is not an article (a link out of docs/: KB408; its type: KB417; an SVG: KB418):
    its status and its output lines (to stderr?, text)."""
    path, docs = item
    target = outside_target(path, docs)
    try:
        findings = (file_findings(FileFacts(path_under(path, docs), None, target)).findings if target
                    else static_findings(path_under(path, docs), path.read_bytes))
    except OSError as error:
        return TROUBLE, [(True, f"{path}:1:1: cannot read: {error.strerror}")]
    return (FINDINGS if findings else CLEAN), finding_lines(path, findings, on_github)


def check_nav_file(path: Path, on_github: bool) -> tuple[int, list[tuple[bool, str]]]:
    """One navigation file (unreadable: KB404, KB416; titles: KB301): its status and its output lines
    (to stderr?, text)."""
    try:
        findings = nav_verdict(path.read_bytes()).findings
    except OSError as error:
        return TROUBLE, [(True, f"{path}:1:1: cannot read: {error.strerror}")]
    if any(f.rule_id == "KB404" for f in findings):
        return TROUBLE, [(True, f.format(str(path))) for f in findings]
    return (FINDINGS if findings else CLEAN), finding_lines(path, findings, on_github)


def finding_lines(path: Path, findings, on_github: bool) -> list[tuple[bool, str]]:
    """The output lines (to stderr?, text) of a file's findings, in order; under GitHub Actions each
    is followed by its annotation."""
    lines = []
    for finding in sorted(findings):
        lines.append((False, finding.format(str(path))))
        if on_github:
            lines.append((False, annotation(str(path), finding)))
    return lines


def print_output(output: list[tuple[bool, str]]) -> None:
    """Print a file's output lines, each to stderr or stdout as it says."""
    for to_stderr, line in output:
        print(line, file=sys.stderr if to_stderr else sys.stdout)


def read_text(path: Path) -> str:
    """The file's text with its line endings kept exactly."""
    return path.read_bytes().decode("utf-8")


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a reader sees the old file or the new one, never half."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def annotation(path: str, finding) -> str:
    """A GitHub Actions workflow command that marks the finding in the pull request."""
    message = finding.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={path},line={finding.line},col={finding.col},title={finding.rule_id}::{message}"


@dataclass
class SiteContext:
    """What a file's links are checked against: the site's files and its Markdown settings."""

    markdown_extensions: list
    # Each docs folder's files, as paths under it: "domains/mx-records.md".
    files: dict[Path, frozenset[str]]
    _anchors: dict = field(default_factory=dict)

    @cached_property
    def markdown(self):
        """The site's Markdown renderer, made once per process and only when an anchor is looked up."""
        return renderer(self.markdown_extensions)

    def anchors(self, docs: Path, page: str) -> frozenset[str]:
        """The anchors of a page under `docs`, rendered once."""
        if (docs, page) not in self._anchors:
            text = (docs / page).read_bytes().decode("utf-8", "replace")
            self._anchors[docs, page] = page_anchors(text, self.markdown)
        return self._anchors[docs, page]


def site_files(docs_dirs) -> dict[Path, frozenset[str]]:
    """Every file under each docs folder, as a path under it."""
    return {docs: frozenset(path_under(p, docs) for p in docs.rglob("*") if p.is_file()) for docs in docs_dirs}


def check_file(item: tuple[Path, Path], settings, site: SiteContext, fix: bool,
               on_github: bool) -> tuple[int, list[tuple[bool, str]]]:
    """Check (and with `fix`, repair) one file: its status and its output lines (to stderr?, text)."""
    path, docs = item
    try:
        facts = read_facts(path, docs)
    except OSError as error:
        return TROUBLE, [(True, f"{path}:1:1: cannot read: {error.strerror}")]
    verdict = file_findings(facts)
    findings, text = list(verdict.findings), verdict.text
    if any(f.rule_id == "KB404" for f in findings):
        return TROUBLE, [(True, f.format(str(path))) for f in findings]
    output = []
    if fix and text is not None:
        fixed = fix_text(text, settings)
        if fixed != text:
            try:
                write_atomically(path, fixed)
            except OSError as error:
                return TROUBLE, [(True, f"{path}:1:1: cannot write the fix: {error.strerror}; the file is unchanged")]
            output.append((False, f"{path}: fixed"))
            text = fixed
    if text is not None:
        doc = Document(text, settings)
        found = link_findings(facts.path, links(doc), site.files[docs].__contains__,
                              lambda target: site.anchors(docs, target))
        findings += check_document(doc) + [f for f in found if (f.line, f.rule_id) not in doc.suppressions]
        # KB301 on the HTML the site's renderer makes of the file: what the source reading cannot see.
        findings += published_findings(doc, lambda: site.markdown)
    return (FINDINGS if findings else CLEAN), output + finding_lines(path, findings, on_github)


def worker_count(files: int, cores: int) -> int:
    """How many processes check `files` files on `cores` cores: this one alone for a small tree."""
    return cores if files >= PARALLEL_FROM else 1


# The check of one file in a worker process, set once per worker by `_start_worker`.
_worker_check = None


def _start_worker(work) -> None:
    """Keep the check (with the site's settings and files) in the worker, sent once, not with every file."""
    global _worker_check
    _worker_check = work


def _check_in_worker(item):
    """Run the worker's check on one file."""
    return _worker_check(item)


def checked_in_order(work, items: list, workers: int):
    """(status, output) of `work` on each item, in the items' order; spread over `workers` processes."""
    if workers <= 1:
        yield from map(work, items)
        return
    chunk = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(work,)) as pool:
        yield from pool.map(_check_in_worker, items, chunksize=chunk)


def duplicate_url_findings(items: list[tuple[Path, Path]], site: SiteContext) -> list[tuple[str, Finding]]:
    """(file, KB411) for each URL that two files of a docs folder claim, when one of them was checked."""
    checked = {(docs, path_under(path, docs)) for path, docs in items}
    found = []
    for docs, files in site.files.items():
        pages = sorted(page for page in files if page.endswith(".md"))
        shown = {os.path.relpath(docs / page): page for page in pages}
        for where, finding in duplicate_urls({name: page_url(page) for name, page in shown.items()}):
            url = page_url(shown[where])
            if any((docs, page) in checked for page in pages if page_url(page) == url):
                found.append((where, finding))
    return found


def run_check(paths: list[Path], config: Path, fix: bool) -> int:
    """Check (and with `fix`, repair) the files; print findings; return the exit status."""
    try:
        site_config = load_site_config(config)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        print(f"{config}: cannot read the site settings ({error.__class__.__name__}: "
              f"{str(error).splitlines()[0] if str(error) else 'unreadable'}); pass --config PATH to mkdocs.yml",
              file=sys.stderr)
        return TROUBLE
    errors, warnings = site_config.problems()
    for line in errors:
        print(line, file=sys.stderr)
    if errors:
        return TROUBLE
    for line in warnings:
        print(line)
    status = FINDINGS if warnings else CLEAN
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"{missing[0]}: no such file or folder; name a Markdown file or a folder such as docs/", file=sys.stderr)
        return TROUBLE
    for finding in sorted([*setting_problems(site_config.text), *extension_findings(site_config.text)]):
        print(finding.format(str(config)))
        status = FINDINGS
    articles = [path for path in paths if path.is_dir() or not (path.name == NAV_FILE or is_static(path.name))]
    items = markdown_files(articles, site_config.docs_dir)
    site = SiteContext(site_config.markdown_extensions,
                       site_files(sorted({docs for _, docs in items})))
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    work = partial(check_file, settings=site_config.settings, site=site, fix=fix, on_github=on_github)
    # Files are independent; on a large tree, spread them over the cores (output stays in order).
    for file_status, output in checked_in_order(work, items, worker_count(len(items), usable_cores())):
        print_output(output)
        status = max(status, file_status)
    for nav_file in nav_files(paths):
        nav_status, output = check_nav_file(nav_file, on_github)
        print_output(output)
        status = max(status, nav_status)
    for static_file in static_files(paths, site_config.docs_dir):
        static_status, output = check_static_file(static_file, on_github)
        print_output(output)
        status = max(status, static_status)
    for where, finding in duplicate_url_findings(items, site):
        print(finding.format(where))
        if on_github:
            print(annotation(where, finding))
        status = max(status, FINDINGS)
    return status


def run_urls(site: Path, url_list: Path, update: bool) -> int:
    """Compare the built `site` with the published-URL list (with `update`, first add its new URLs)."""
    if not (site / "index.html").is_file():
        print(f"{site}/: no built site here; run `make build` first", file=sys.stderr)
        return TROUBLE
    try:
        listed = parse_list(read_text(url_list)) if url_list.exists() else []
    except (OSError, UnicodeDecodeError) as error:
        print(f"{url_list}:1:1: cannot read the list of published URLs ({error}); restore it from Git", file=sys.stderr)
        return TROUBLE
    built = built_urls(site)
    if update:
        urls = updated_list(listed, built)
        if urls != set(listed):
            write_atomically(url_list, render_list(urls))
            print(f"{url_list}: {len(urls - set(listed))} new URL(s) added; commit it")
        listed = sorted(urls)
    problems = url_problems(listed, built, str(url_list))
    for line in problems:
        print(line)
    return FINDINGS if problems else CLEAN


def run_new(docs: Path, category: str, title: str, config: Path) -> int:
    """Write a new article's skeleton into its category; print where it went, or one line why not."""
    try:
        phone_keys = load_settings(config).phone_keys
    except (OSError, yaml.YAMLError):
        phone_keys = ()  # the skeleton then names no phone line; the checks report the config
    try:
        article = plan_article(docs, category, title, phone_keys)
        write_new(article)
    except (NewArticleError, OSError) as error:
        print(f"{error}" if isinstance(error, NewArticleError) else f"{docs}: cannot write: {error.strerror}",
              file=sys.stderr)
        return TROUBLE
    print(f"{article.path}: written, a draft at {article.url} in its category's navigation. "
          "Preview it with `make serve`; delete `draft: true` to publish it.")
    return CLEAN


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
    stale = commands.add_parser("stale", help="list the articles whose review is overdue; exit 1 when any are")
    stale.add_argument("--date", help="the day to report on, YYYY-MM-DD (default: today, UTC)")
    stale.add_argument("--docs", type=Path, default=Path("docs"), help="the docs folder")
    args = parser.parse_args(argv)
    if args.command == "build":
        return build_atomically(args.site, args.engine, args.config)
    if args.command == "urls":
        return run_urls(args.site, args.list, args.update)
    if args.command == "new":
        return run_new(args.docs, args.category, args.title, args.config)
    if args.command == "stale":
        return run_stale(args.docs, args.date)
    return run_check(args.paths, args.config, args.fix)


if __name__ == "__main__":
    sys.exit(main())
