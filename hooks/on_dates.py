"""MkDocs hook: each page's last-updated date from Git, on the page and in the sitemap (see hooks/publish/dates.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.i18n.catalogue import reader_locale
from hooks.publish.dates import fallback_day, fallback_note, is_shallow, last_commits, last_updated, page_days
from hooks.state import dates, i18n

log = logging.getLogger("mkdocs.plugins.kb_dates")


def on_files(files, *, config):
    """Date every page with one `git log`; say once which pages fell back to the fixed date."""
    docs = Path(config.docs_dir)
    sources = [f.abs_src_path for f in files.documentation_pages() if f.abs_src_path]
    commits = last_commits(docs)
    try:
        found, uncommitted = page_days(sources, docs, commits)
    except ValueError as error:
        raise PluginError(str(error)) from None
    dates.days = found
    dates.commits = commits
    if uncommitted:
        log.info(fallback_note(uncommitted, docs, fallback_day()))
    if is_shallow(docs):
        log.info("shallow Git clone: pages changed before its first commit show that commit's date; "
                 "fetch the whole history (actions/checkout with fetch-depth: 0)")
    return files


def on_pre_page(page, *, config, files):
    """The sitemap's lastmod is the commit day; articles (not index pages) also show it to readers, in their language."""
    day = dates.days.get(page.file.abs_src_path)
    if day is not None:
        page.update_date = day.isoformat()
        if page.file.name != "index":
            page.last_updated = last_updated(day, reader_locale(i18n.languages, page.file.src_uri,
                                                                config.theme.locale))
    return page
