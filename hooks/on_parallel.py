"""MkDocs hook: `mkdocs build` renders the pages on every core (see hooks/publish/parallel.py).

The preview (`mkdocs serve`) stays in one process: it rebuilds one page at a time.
"""

from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from hooks.publish.parallel import PageBuild, one_process_reason, process_count
from hooks.state import parallel

log = logging.getLogger("mkdocs.plugins.kb_parallel")


def on_startup(*, command, dirty) -> None:
    """Only `mkdocs build` is split across processes."""
    parallel.building = command == "build"


@event_priority(-100)  # after every other nav event (awesome-nav builds the navigation there)
def on_nav(nav, *, config, files):
    """Fork one worker per extra core; from here on each process makes its share of the pages."""
    parallel.run = None
    if parallel.building:
        processes = process_count()
        if processes > 1 and (reason := one_process_reason()):
            log.info("building the pages in one process: %s", reason)
            return nav
        run = PageBuild()
        run.start(files, processes)
        if run.parallel and run.rank == 0:
            log.info("building the pages in %d processes", processes)
        parallel.run = run
    return nav


@event_priority(100)  # before any other env event, so that they see every page
def on_env(env, *, config, files):
    """Every page is rendered somewhere: share what the templates read of them."""
    if parallel.run:
        parallel.run.exchange(files, config)
    return env


@event_priority(100)  # before the search index, the redirects and the minified assets
def on_post_build(*, config) -> None:
    """Wait for every worker (a worker ends here)."""
    if parallel.run:
        parallel.run.finish()


def on_build_error(*, error) -> None:
    """Stop the other processes; a worker reports its error to the main process."""
    if parallel.run:
        parallel.run.fail(error)
