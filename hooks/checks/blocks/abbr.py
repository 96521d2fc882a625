"""Python-Markdown's abbr extension (`AbbrBlockprocessor`): `*[ABBR]: title` definitions leave the flow."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import requeue_around, take_match
from hooks.checks.blocks.nodes import Line, Node

ABBR_RE = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$", re.MULTILINE)


class AbbrProcessor:
    """The definition goes; the text before and after it are parsed as blocks of their own."""

    name = "abbr"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return True  # the run decides, on the block's joined text

    def run(self, parser, parent: Node, blocks: list[list[Line]]):
        found = take_match(blocks, "*[", ABBR_RE, lambda m: m.group("abbr").strip() and m.group("title").strip())
        if found is None:
            return False
        block, text, match = found
        requeue_around(blocks, block, text, match.start(), match.end())
        return True
