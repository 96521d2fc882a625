"""MkDocs hook: weight what customers quote (hooks/search/weights.py), index the built site for
search (hooks/search/pagefind_index.py), write each language's synonyms and the spelling words
beside it (hooks/search/query_aids.py; a fault of a synonyms file fails the strict build)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.checks.rules.search_synonyms import KB421
from hooks.state import i18n
from hooks.search.pagefind_index import SearchIndexError, build_index
from hooks.search.query_aids import write_aids
from hooks.search.weights import weighted

log = logging.getLogger("mkdocs.plugins.kb_search")


def on_page_content(html: str, **_) -> str:
    """The article with code spans, bold labels and callout titles weighted for search."""
    return weighted(html)


def on_post_build(*, config) -> None:
    """Write the Pagefind index into site/pagefind/; a site without search fails the build."""
    try:
        report = build_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("search: indexed %d pages into %s in %.1f s", report.pages, report.bundle, report.seconds)
    languages = list(i18n.languages.names)
    for path, finding in write_aids(Path(config.site_dir), report.bundle, languages, i18n.languages.default):
        level = logging.INFO if finding.rule_id == KB421 else logging.WARNING  # see write_aids
        log.log(level, finding.format(os.path.relpath(path)))
