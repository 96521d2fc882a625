"""The run of `python -m hooks check`: which files, checked against what site, on how many cores, in
what order their lines are printed, and the exit status (0 clean, 1 findings, 2 a setup or usage error).

Each file is checked on its own (so a large tree is spread over worker processes, output kept in
order); duplicate URLs and folders without an index page are decided last, over the whole site.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path

import yaml

from hooks import usable_cores
from hooks.checks.config import load_site_config
from hooks.checks.engine import check_document, fix_text
from hooks.checks.rules.files import FileFacts, file_findings, outside_target, path_under, read_facts
from hooks.checks.rules.site import duplicate_url_findings, link_findings, links, page_anchors, renderer
from hooks.checks.source import Document
from hooks.checks.rules.html import setting_problems
from hooks.checks.rules.rendered_html import published_findings
from hooks.checks.rules.search_synonyms import synonyms_findings
from hooks.checks.rules.sections import missing_index_for
from hooks.checks.rules.strings import catalogue_findings
from hooks.checks.rules.nav import NAV_FILE, nav_verdict
from hooks.checks.rules.static_files import is_static, published, static_findings
from hooks.checks.rules.unmodelled import extension_findings
from hooks.i18n.catalogue import CatalogueError
from hooks.publish.textfile import write_atomically

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
    settings = settings.for_page(path_under(path, docs))  # its language's phone lines and region
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


def checks_whole_site(paths: list[Path], docs_dir: Path) -> bool:
    """True when a folder checked holds all of docs/: the site-wide files (our strings' catalogues, the
    search synonyms) are checked too."""
    docs = docs_dir.resolve()
    return any(path.is_dir() and path.resolve() in (docs, *docs.parents) for path in paths)


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
    whole_site = checks_whole_site(paths, site_config.docs_dir)
    try:
        untranslated = catalogue_findings((site_config.mapping.get("extra") or {}).get("languages")) if whole_site else []
    except CatalogueError as error:
        print(error, file=sys.stderr)
        return TROUBLE
    languages = site_config.languages
    synonyms = (synonyms_findings(languages.names, languages.default, site_config.docs_dir, site_config.path.parent)
                if whole_site else [])
    for where, finding in [*duplicate_url_findings(items, site.files), *missing_index_for(items, site.files),
                           *untranslated, *synonyms]:
        print(finding.format(where))
        if on_github:
            print(annotation(where, finding))
        status = max(status, FINDINGS)
    return status


