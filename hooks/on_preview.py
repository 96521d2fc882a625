"""MkDocs hook: in `mkdocs serve` only, show each page's findings on the page (see hooks/preview/).

`mkdocs build` never sees any of it: the list, the marks and their stylesheet exist
only when MkDocs starts with the `serve` command.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from hooks.checks.config import settings_from_mapping
from hooks.checks.source import Document
from hooks.preview.dirty import carry_over
from hooks.preview.overlay import finding_views, insert_marks
from hooks.state import preview

log = logging.getLogger("mkdocs.plugins.kb_preview")

STYLESHEET = "assets/stylesheets/kb-preview.css"
STYLESHEET_SOURCE = Path(__file__).parent / "preview" / "preview.css"
# The writers' guide's page of rules, where each finding's rule ID links to.
GUIDE = "writers-guide/rules.md"


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is the writer's preview."""
    preview.previewing = command == "serve"
    preview.seen.clear()
    if preview.previewing:
        log.info("preview: findings are shown on the pages they concern")


def on_files(files, *, config):
    """In the preview, serve the stylesheet of the findings list and marks."""
    if preview.previewing:
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(STYLESHEET_SOURCE)))
    return files


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    """In the preview, mark each finding in the text and hand the list to the template."""
    if not preview.previewing:
        return markdown
    findings = page.kb_check_findings  # found by hooks/on_checks.py, listed before this hook
    if not findings:
        return markdown
    doc = Document(page.file.content_string, settings_from_mapping(config))
    markdown, marked = insert_marks(markdown, doc, findings)
    guide = files.get_file_from_path(GUIDE)
    page.kb_findings = finding_views(findings, os.path.relpath(page.file.abs_src_path), marked,
                                     guide.url_relative_to(page.file) if guide else None)
    return markdown


@event_priority(100)  # before any other env event: the templates' hooks see every page's title
def on_env(env, *, config, files):
    """In the preview, pages a --dirty rebuild did not read again keep their titles and front matter."""
    if preview.previewing:
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        log.debug("preview: %d unread pages keep what they had", carry_over(pages, preview.seen))
    return env
