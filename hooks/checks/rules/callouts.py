"""KB105: a paragraph that starts with "Important:", in any of the site's languages, should be an
important callout.

The word is each catalogue's `callout.important` (hooks/i18n/strings/): "Importante:" in a
Spanish article and "مهم:" in an Arabic one are reported as "Important:" is in English.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hooks.checks.findings import Finding, rule
from hooks.checks.source import Document
from hooks.i18n.callouts import IMPORTANT_KEY
from hooks.i18n.catalogue import CATALOGUES, CatalogueError, parse_catalogue

ENGLISH_WORD = "Important"


def important_words(folder=CATALOGUES) -> tuple[str, ...]:
    """The word for "Important" in every catalogue of `folder`, English always among them. A catalogue
    that does not read is left out here: the build and `make check docs/` report it on their own."""
    found = {ENGLISH_WORD}
    for path in sorted(folder.glob("*.yml")):
        try:
            entry = parse_catalogue(path.read_text(encoding="utf-8"), str(path)).get(IMPORTANT_KEY)
        except (CatalogueError, UnicodeDecodeError):
            continue
        if entry is not None and entry.text.strip():
            found.add(entry.text.strip())
    return tuple(sorted(found, key=lambda word: (-len(word), word)))  # longest first: "Importante" before "Important"


def important_re(words: tuple[str, ...]) -> re.Pattern:
    """A line that opens with one of `words` (bold or not) and a colon."""
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"^(?P<indent>[ ]*)(?:\*\*|__)?(?P<word>{alternatives})(?:\*\*|__)?\s*:", re.IGNORECASE)


@lru_cache(maxsize=1)
def site_important_re() -> re.Pattern:
    return important_re(important_words())


def opens_item(paragraph) -> bool:
    """True for a step's own first line (`1. Important: ...`), which is the step, not a note."""
    parent = paragraph.parent
    return parent.tag == "li" and parent.first is not None and paragraph.lines[0].index == parent.first.index


@rule("KB105", "important-paragraph",
      "A paragraph that opens with \"Important:\" (or the word in the page's language) must be an "
      "`!!! important` callout instead.",
      tests="tests/test_rules_steps.py")
def important_paragraphs(doc: Document):
    """Flag the first line of each paragraph that begins with "Important:", in any container."""
    pattern = site_important_re()
    if doc.body_start and (match := pattern.match(doc.lines[0])):
        # MkDocs reads a leading `Important: ...` line as metadata and drops it from the page.
        yield Finding(1, 1, "KB105", f"\"{match.group('word')}:\" at the top of the page is read as metadata and "
                      "vanishes from the page; write it as `!!! important \"Title\"` below the heading")
    for paragraph in doc.page.paragraphs:
        first = paragraph.lines[0]
        if first.kind or opens_item(paragraph) or not (match := pattern.match(first.text)):
            continue
        yield Finding(first.index + 1, doc.source_col(first.index, first.col + len(match.group("indent"))), "KB105",
                      f"paragraph starts with \"{match.group('word')}:\"; write it as `!!! important \"Title\"` "
                      "with the text indented 4 spaces below")
