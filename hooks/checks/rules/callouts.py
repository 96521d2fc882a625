"""KB105: a paragraph that starts with "Important:" should be an important callout."""

from __future__ import annotations

import re

from hooks.checks.findings import Finding, rule
from hooks.checks.source import Document

IMPORTANT_RE = re.compile(r"^(?P<indent>[ ]*)(?:\*\*|__)?Important(?:\*\*|__)?\s*:", re.IGNORECASE)


def opens_item(paragraph) -> bool:
    """True for a step's own first line (`1. Important: ...`), which is the step, not a note."""
    parent = paragraph.parent
    return parent.tag == "li" and parent.first is not None and paragraph.lines[0].index == parent.first.index


@rule("KB105", "important-paragraph",
      "A paragraph that opens with \"Important:\" must be an `!!! important` callout instead.",
      tests="tests/test_rules_steps.py")
def important_paragraphs(doc: Document):
    """Flag the first line of each paragraph that begins with "Important:", in any container."""
    if doc.body_start and IMPORTANT_RE.match(doc.lines[0]):
        # MkDocs reads a leading `Important: ...` line as metadata and drops it from the page.
        yield Finding(1, 1, "KB105", "\"Important:\" at the top of the page is read as metadata and "
                      "vanishes from the page; write it as `!!! important \"Title\"` below the heading")
    for paragraph in doc.page.paragraphs:
        first = paragraph.lines[0]
        if first.kind or opens_item(paragraph) or not (match := IMPORTANT_RE.match(first.text)):
            continue
        yield Finding(first.index + 1, doc.source_col(first.index, first.col + len(match.group("indent"))), "KB105",
                      "paragraph starts with \"Important:\"; write it as `!!! important \"Title\"` "
                      "with the text indented 4 spaces below")
