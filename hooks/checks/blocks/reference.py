"""Python-Markdown's `ReferenceProcessor`: `[id]: url "title"` link definitions leave the flow."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import requeue_around, take_match
from hooks.checks.blocks.nodes import Line, Node

# A link reference may put its URL and its title on the next line (matched on the joined block).
REFERENCE_RE = re.compile(
    r"""^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)[ ]*(?:\n[ ]*)?((["'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""",
    re.MULTILINE)


class ReferenceProcessor:
    """The definitions go; the text before and after them are parsed as blocks of their own."""

    name = "reference"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return True  # the run decides, on the block's joined text

    def run(self, parser, parent: Node, blocks: list[list[Line]]):
        found = take_match(blocks, "]:", REFERENCE_RE)
        if found is None:
            return False
        block, text, match = found
        start = end = match.start()
        # Definitions on the following lines go in this pass; one after the first that spans lines does not.
        for match in REFERENCE_RE.finditer(text, start):
            if match.start() > start and (text[end:match.start()].strip("\n") or "\n" in match.group()):
                break
            end = match.end()
        requeue_around(blocks, block, text, start, end)
        return True
