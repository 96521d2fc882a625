"""KB409: lists nested too deep to read."""

from __future__ import annotations

from hooks.checks.findings import Finding, rule
from hooks.checks.source import Document

# A step with sub-steps and their details needs three levels. Each level moves the text
# about 30 px right, so past six a phone shows a column a few words wide.
MAX_LIST_DEPTH = 6


@rule("KB409", "deep-list",
      f"Lists are nested more than {MAX_LIST_DEPTH} levels deep; split the steps into sections instead.",
      tests="tests/test_catalogue.py")
def deep_lists(doc: Document):
    """Flag the first list that sits deeper than MAX_LIST_DEPTH lists, once per page."""
    pending = [(doc.page.root, 0)]
    while pending:
        node, depth = pending.pop()
        if node.tag in ("ol", "ul"):
            depth += 1
            if depth > MAX_LIST_DEPTH:
                yield Finding(node.first.index + 1, doc.source_col(node.first.index, node.first.col), "KB409",
                              f"lists are nested {depth} levels deep here, more than the {MAX_LIST_DEPTH} a "
                              "reader can follow; split the steps into sections with their own headings")
                return
        # A node without children (a paragraph, a heading, code) holds no list.
        pending.extend((child, depth) for child in reversed(node.children) if child.children)
