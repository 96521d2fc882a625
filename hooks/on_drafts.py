"""MkDocs hook: keep articles marked `draft: true` out of the built site (hooks/articles/drafts.py)."""

from __future__ import annotations

import logging

from mkdocs.structure.files import InclusionLevel

from hooks.articles.drafts import is_draft

log = logging.getLogger("mkdocs.plugins.kb_drafts")


def on_files(files, *, config):
    """Mark draft pages as MkDocs drafts: built by `mkdocs serve` only, never by `mkdocs build`."""
    for file in files.documentation_pages():
        if is_draft(file.content_string):
            file.inclusion = InclusionLevel.DRAFT
            log.info("draft, not published: %s", file.src_uri)
    return files
