"""Python-Markdown's `EmptyBlockProcessor`: a block that opens with an empty line."""

from __future__ import annotations

from hooks.checks.blocks.lines import has_text
from hooks.checks.blocks.nodes import Line, Node


class EmptyBlockProcessor:
    """The empty line goes; the rest of the block is parsed again."""

    name = "empty"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return block[0].text == ""

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        rest = blocks.pop(0)[1:]
        if has_text(rest):
            blocks.insert(0, rest)
