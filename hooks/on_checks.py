"""MkDocs hook: run the writers' checks on every page during the build.

Findings are logged as warnings under a `mkdocs.` logger, so `mkdocs build --strict`
fails on them and `mkdocs serve` shows them. In `mkdocs build` they run beside the pages,
in a process of their own (hooks/checks/beside.py), and are logged at the end of the build;
the preview checks each page as it rebuilds it.
"""

from __future__ import annotations

import logging
import os

from markdown import Markdown
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import InclusionLevel

from hooks.checks.beside import ChecksBeside, ChecksStopped, check_files
from hooks.checks.config import settings_from_mapping
from hooks.checks.engine import RULES_TABLE_MARKER, rules_table
from hooks.checks.rules.html import safe_redirects, setting_problems
from hooks.checks.rules.rendered_html import may_publish_problems, published_findings
from hooks.checks.source import Document
from hooks.checks.rules.unmodelled import extension_findings
from hooks.state import checks, i18n

log = logging.getLogger("mkdocs.plugins.kb_checks")


def on_startup(*, command, dirty) -> None:
    """Only `mkdocs build` checks beside the pages."""
    checks.building = command == "build"


def on_config(config):
    """Report what is wrong in mkdocs.yml itself, located in the file: markup in its values and
    redirect targets that would break their page (KB301), Markdown extensions the checks cannot
    follow (KB002). A redirect reported is not written, even by the preview."""
    path = os.path.relpath(config.config_file_path)
    with open(config.config_file_path, encoding="utf-8") as stream:
        text = stream.read()
    for finding in sorted([*setting_problems(text), *extension_findings(text)]):
        log.warning(finding.format(path))
    if redirects := config.plugins.get("redirects"):
        redirects.config["redirect_maps"] = safe_redirects(redirects.config["redirect_maps"])
    return config


@event_priority(-100)  # after on_drafts, so that drafts are not checked in a build, as before
def on_files(files, *, config):
    """In a build: start checking every published page beside the build."""
    checks.beside = None
    if checks.building:
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        checks.beside = ChecksBeside(pages, settings_from_mapping(config))
    return files


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    """In the preview, check the page's whole source file (front matter included, so lines match the file).

    A page that asks for the table of rules (the writers' guide) gets it, made from the rules.
    """
    if checks.beside is None:
        [(path, findings)] = check_files([page.file], settings_from_mapping(config))
        # Kept on the page so that the preview (hooks/on_preview.py) shows them without checking again.
        page.kb_check_findings = findings
        for finding in findings:
            log.warning(finding.format(path))
    if RULES_TABLE_MARKER in markdown:
        markdown = markdown.replace(RULES_TABLE_MARKER, rules_table())
    return markdown


def on_page_content(html: str, *, page, config, files) -> str:
    """KB301 on the page's published HTML, in whichever process renders the page (its warnings reach the
    main process's log, hooks/publish/parallel.py); the renderer is made only for a page with a problem."""
    if not may_publish_problems(page.markdown):  # most pages: no tag, attribute list or script address
        return html
    if page.file.src_uri in i18n.fallbacks:  # its original's finding says it once, at the writer's file
        return html
    doc = Document(page.file.content_string, settings_from_mapping(config).for_page(page.file.src_uri))
    make_renderer = lambda: Markdown(extensions=config.markdown_extensions,  # noqa: E731
                                     extension_configs=config.mdx_configs)
    for finding in published_findings(doc, make_renderer, html):
        log.warning(finding.format(os.path.relpath(page.file.abs_src_path)))
    return html


@event_priority(-100)  # after the search index, beside which the checks finish
def on_post_build(*, config) -> None:
    """In a build: log the findings of the checks, page by page, before strict mode counts them."""
    beside, checks.beside = checks.beside, None
    if beside is None:
        return
    try:
        found = beside.findings()
    except ChecksStopped as error:
        raise PluginError(str(error)) from None
    for path, findings in found:
        for finding in findings:
            log.warning(finding.format(path))


def on_build_error(*, error) -> None:
    """The build failed: stop the checks."""
    if checks.beside is not None:
        checks.beside.stop()
        checks.beside = None
