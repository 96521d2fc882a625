"""MkDocs hook: run the writers' checks on every page during the build.

Findings are logged as warnings under a `mkdocs.` logger, so `mkdocs build --strict`
fails on them and `mkdocs serve` shows them.
"""

from __future__ import annotations

import logging
import os

from hooks.checks.config import settings_from_mapping
from hooks.checks.engine import RULES_TABLE_MARKER, check_text, rules_table
from hooks.checks.rules.html import setting_problems
from hooks.checks.rules.unmodelled import extension_findings

log = logging.getLogger("mkdocs.plugins.kb_checks")


def on_config(config):
    """Report what is wrong in mkdocs.yml itself, located in the file: markup in its values (KB301),
    Markdown extensions the checks cannot follow (KB002)."""
    path = os.path.relpath(config.config_file_path)
    with open(config.config_file_path, encoding="utf-8") as stream:
        text = stream.read()
    for finding in sorted([*setting_problems(text), *extension_findings(text)]):
        log.warning(finding.format(path))
    return config


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    """Check the page's whole source file (front matter included, so lines match the file).

    A page that asks for the table of rules (the writers' guide) gets it, made from the rules.
    """
    path = os.path.relpath(page.file.abs_src_path)
    # Kept on the page so that the preview (hooks/on_preview.py) shows them without checking again.
    page.kb_check_findings = check_text(page.file.content_string, settings_from_mapping(config))
    for finding in page.kb_check_findings:
        log.warning(finding.format(path))
    if RULES_TABLE_MARKER in markdown:
        markdown = markdown.replace(RULES_TABLE_MARKER, rules_table())
    return markdown
