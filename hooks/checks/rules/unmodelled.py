"""KB002, KB003: Markdown the checks cannot follow is reported, never silently misread.

The checks read a page by replaying Python-Markdown's block rules for the extensions
listed in `hooks.checks.extensions.MODELLED`. Any other extension that can change block
structure would make them quietly wrong, so KB002 reports it at its line of mkdocs.yml.
md_in_html is followed except inside HTML blocks that opt in with `markdown`: KB003.
"""

from __future__ import annotations

import re

import yaml

from hooks.checks.config import ConfigLoader, located_extensions
from hooks.checks.extensions import effective, normalized, unmodelled
from hooks.checks.findings import SITE_SETTINGS, Finding, rule
from hooks.checks.source import Document

UNMODELLED_EXTENSION = "KB002"
# MkDocs loads these before the ones in mkdocs.yml, whatever the file says.
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")


@rule(UNMODELLED_EXTENSION, "unmodelled-extension",
      "A Markdown extension in mkdocs.yml can change how a page splits into blocks, and the checks "
      "do not follow it; remove it, or teach the checks its rules.", tests="tests/test_unmodelled.py",
      reads=SITE_SETTINGS)
def extension_findings(config_text: str) -> list[Finding]:
    """A KB002 finding for each extension, in mkdocs.yml or built in, that the checks cannot follow."""
    loaded = yaml.load(config_text, Loader=ConfigLoader)
    value = loaded.get("markdown_extensions") if isinstance(loaded, dict) else None
    located, setting_line = located_extensions(config_text, value)
    entries = [(entry.name, entry.line, entry.col) for entry in located if isinstance(entry.name, str)]
    written = {normalized(name) for name, _, _ in entries}
    # superfences replaces MkDocs' own fenced_code when both load.
    superfences = "pymdownx.superfences" in effective(written)
    builtins = [(name, setting_line, 1) for name in MKDOCS_BUILTINS if name not in written]
    findings = []
    for name, line, col in builtins + entries:
        for gap in unmodelled(name):
            if gap.key == "fenced_code" and superfences:
                continue
            advice = ("MkDocs always loads it: add `pymdownx.superfences`, whose fences the checks follow"
                      if name in MKDOCS_BUILTINS and name not in written
                      else "remove it from markdown_extensions, or model it in hooks/checks/blocks/ (one module per upstream processor)")
            findings.append(Finding(line, col, UNMODELLED_EXTENSION,
                                    f"markdown extension `{gap.name}` {gap.effect}; the checks do not follow "
                                    f"it, so {gap.rules} may be wrong on pages that use it; {advice}"))
    return sorted(findings)


UNREAD_MARKDOWN = "KB003"
# An opening tag with a `markdown` attribute that md_in_html honours (`markdown`, "1", "block", "span").
MARKDOWN_ATTRIBUTE_RE = re.compile(
    r"<[A-Za-z][A-Za-z0-9]*\b[^>]*?\smarkdown(?:\s*=\s*([\"']?)(?P<value>[^\"'\s>]*)\1)?(?=[\s/>])", re.IGNORECASE)
PARSED_VALUES = {None, "1", "block", "span", "markdown"}


@rule(UNREAD_MARKDOWN, "markdown-in-html",
      "With `md_in_html`, an HTML block with a `markdown` attribute holds Markdown that the checks do "
      "not read; write that content as plain Markdown.", tests="tests/test_unmodelled.py")
def markdown_in_html(doc: Document):
    """Flag each raw HTML block whose content md_in_html parses as Markdown."""
    if not doc.settings.syntax.md_in_html:
        return
    for paragraph in doc.page.paragraphs:
        for line in paragraph.lines:
            if line.kind != "html":
                continue
            match = MARKDOWN_ATTRIBUTE_RE.search(doc.markdown_lines[line.index])
            if match and (match.group("value") is None or match.group("value").lower() in PARSED_VALUES):
                yield Finding(line.index + 1, doc.source_col(line.index, 0) + match.start(), UNREAD_MARKDOWN,
                              "this HTML block's `markdown` attribute makes its content Markdown that the "
                              "checks do not read, so its steps go unchecked; write it as plain Markdown")
