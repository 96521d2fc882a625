"""Python-Markdown's `HRProcessor`: a rule of three or more `-`, `_` or `*` on any line of a block."""

from __future__ import annotations

import re

from hooks.checks.blocks.nodes import Line, Node

HR_CHARS = ("-", "_", "*")
HR_RE = re.compile(
    r"^[ ]{0,3}(?=(?P<atomicgroup>(-+[ ]{0,2}){3,}|(_+[ ]{0,2}){3,}|(\*+[ ]{0,2}){3,}))(?P=atomicgroup)[ ]*$"
)


class HRProcessor:
    """The lines before the rule are parsed first, the lines after it next."""

    name = "hr"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        # HR_RE allows at most 3 spaces before the rule, so the first 4 characters decide.
        return any(line.text[:4].lstrip(" ")[:1] in HR_CHARS and HR_RE.match(line.text) for line in block)

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        index = next(i for i, line in enumerate(block) if HR_RE.match(line.text))
        before = block[:index]
        while before and before[-1].text == "":
            before.pop()
        if before:
            parser.parse_blocks(parent, [before])
        parent.add("hr", block[index])
        after = block[index + 1:]
        while after and after[0].text == "":
            after.pop(0)
        if after:
            blocks.insert(0, after)
