"""Python-Markdown's `HashHeaderProcessor`: a `#` heading on any line of a block."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import has_text, loose_detab
from hooks.checks.blocks.nodes import Line, Node

HASH_HEADER_RE = re.compile(r"^#{1,6}(?:\\.|[^\\#]|#+(?=[^#]))*?#*$")


def is_heading(line: Line) -> bool:
    """The line is a `#` heading (the first character is tested before the pattern: most lines fail it)."""
    return line.text[:1] == "#" and bool(HASH_HEADER_RE.match(line.text))


class HashHeaderProcessor:
    """The lines before the heading are parsed first, the lines after it next."""

    name = "hashheader"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return any(is_heading(line) for line in block)

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        index = next(i for i, line in enumerate(block) if is_heading(line))
        if has_text(block[:index]):
            parser.parse_blocks(parent, [block[:index]])
        parent.add("h", block[index])
        after = block[index + 1:]
        if has_text(after):
            blocks.insert(0, loose_detab(after) if parser.in_state("looselist") else after)
