"""MkDocs hook: index the built site for search (see hooks/search/pagefind_index.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.search.pagefind_index import SearchIndexError, build_index

log = logging.getLogger("mkdocs.plugins.kb_search")


def on_post_build(*, config) -> None:
    """Write the Pagefind index into site/pagefind/; a site without search fails the build."""
    try:
        report = build_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("search: indexed %d pages into %s in %.1f s", report.pages, report.bundle, report.seconds)
