"""Python-Markdown's `SetextHeaderProcessor`: a first line underlined with `===` or `---`."""

from __future__ import annotations

import re

from hooks.checks.blocks.nodes import Line, Node

SETEXT_UNDERLINE_RE = re.compile(r"^(?:=+|-+)[ ]*$")


class SetextHeaderProcessor:
    """The heading is the first line; the lines after the underline are parsed next."""

    name = "setextheader"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return len(block) > 1 and bool(SETEXT_UNDERLINE_RE.match(block[1].text))

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        parent.add("h", block[0])
        if len(block) > 2:
            blocks.insert(0, block[2:])
