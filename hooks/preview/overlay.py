"""Findings on the previewed page: where each one is marked in the text, and the list at the top.

Python-Markdown keeps no source positions, so a finding is tied to its block before
rendering: a small mark goes into the Markdown at the start of the text of the
paragraph, step or heading line the finding names. Pure functions: the preview hook
calls them, and so do the tests.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from hooks.checks.blocks import leading_spaces
from hooks.checks.engine import guide_anchor
from hooks.checks.findings import Finding
from hooks.checks.source import Document

# The mark a finding leaves where it stands. Its rule ID is drawn by the stylesheet (`attr()`),
# so the text itself is unchanged: a heading keeps its anchor and its entry in the contents.
MARK = '<span class="kb-finding-mark" id="kb-mark-{number}" data-kb-rule="{rule_id}"></span>'
HASH_HEADING_RE = re.compile(r"#{1,6}[ \t]*")


@dataclass(frozen=True)
class FindingView:
    """One finding as the list at the top of the previewed page shows it (every field unescaped)."""

    number: int  # 1-based place in the list; names the mark `kb-mark-N` and the entry `kb-finding-N`
    rule_id: str
    message: str
    where: str  # path:line:col
    guide_href: str  # the rule's section of the writers' guide, or "" without a guide
    marked: bool  # True when the mark stands in the text


def text_starts(doc: Document) -> dict[int, int]:
    """For each line of running text (a paragraph, a step, a heading): the expanded column where its text starts.

    Code, tables, comments and callout titles are left out: a mark there would change
    what the page shows.
    """
    starts = {}
    for paragraph in doc.page.paragraphs:
        for line in paragraph.lines:
            if not line.kind and line.text.strip():
                starts[line.index] = line.col + leading_spaces(line.text)
    for node in doc.page.root.walk():
        if node.tag == "h" and node.first is not None and not node.first.kind:
            text = node.first.text
            hashes = HASH_HEADING_RE.match(text) if text.startswith("#") else None
            starts[node.first.index] = node.first.col + (hashes.end() if hashes else leading_spaces(text))
    return starts


def insert_marks(markdown: str, doc: Document, findings: list[Finding]) -> tuple[str, set[int]]:
    """`markdown` (the page body MkDocs renders) with a mark for each finding on a line of text.

    `doc` is the whole source file the findings were made on; `markdown` is its tail,
    after the front matter. A line that does not match its source (another hook changed
    it) gets no mark. Returns the marked text and the 1-based numbers of the marked findings.
    """
    lines = markdown.split("\n")
    offset = len(doc.markdown_lines) - len(lines)
    starts = text_starts(doc)
    inserts: dict[int, list[tuple[int, int, str]]] = {}
    marked = set()
    for number, finding in enumerate(findings, start=1):
        index = finding.line - 1
        if index not in starts or not 0 <= index - offset < len(lines):
            continue
        if lines[index - offset] != doc.markdown_lines[index]:
            continue
        skipped = len(doc.lines[index]) - len(doc.markdown_lines[index])  # a byte-order mark
        position = doc.source_col(index, starts[index]) - 1 - skipped
        mark = MARK.format(number=number, rule_id=html.escape(finding.rule_id))
        inserts.setdefault(index - offset, []).append((position, number, mark))
        marked.add(number)
    for line_index, marks in inserts.items():
        line = lines[line_index]
        for position, _, mark in sorted(marks, reverse=True):  # from the right: positions stay true
            line = line[:position] + mark + line[position:]
        lines[line_index] = line
    return "\n".join(lines), marked


def finding_views(findings: list[Finding], path: str, marked: set[int], guide_url: str | None) -> list[FindingView]:
    """The list at the top of the page, in line order; `guide_url` is the writers' guide relative to the page."""
    return [FindingView(number, finding.rule_id, finding.message,
                        f"{path}:{finding.line}:{finding.col}",
                        f"{guide_url}#{guide_anchor(finding.rule_id)}" if guide_url is not None else "",
                        number in marked)
            for number, finding in enumerate(findings, start=1)]
