"""KB105: a paragraph that starts with "Important:" should be an important callout."""

from __future__ import annotations

import re

from hooks.findings import Finding, rule
from hooks.source import Document

IMPORTANT_PARAGRAPH_RE = re.compile(r"^(?P<indent>[ \t]*)(?:>\s*)*(?:\*\*|__)?Important(?:\*\*|__)?\s*:", re.IGNORECASE)


@rule("KB105", "important-paragraph",
      "A paragraph that opens with \"Important:\" must be an `!!! important` callout instead.")
def important_paragraphs(doc: Document):
    """Flag the first line of each paragraph that begins with "Important:"."""
    if doc.body_start and IMPORTANT_PARAGRAPH_RE.match(doc.lines[0]):
        # MkDocs reads a leading `Important: ...` line as metadata and drops it from the page.
        yield Finding(1, 1, "KB105", "\"Important:\" at the top of the page is read as metadata and "
                      "vanishes from the page; write it as `!!! important \"Title\"` below the heading")
    previous_blank = True
    for index in range(doc.body_start, len(doc.lines)):
        line = doc.prose(index)
        if previous_blank and (match := IMPORTANT_PARAGRAPH_RE.match(line)):
            yield Finding(index + 1, len(match.group("indent")) + 1, "KB105",
                          "paragraph starts with \"Important:\"; write it as `!!! important \"Title\"` "
                          "with the text indented 4 spaces below")
        previous_blank = not line.strip()
