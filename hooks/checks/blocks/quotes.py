"""pymdownx.quotes (`QuotesProcessor`): Python-Markdown's block quote, where a `[!NOTE]` first line
(callouts) is a title of its own."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import leading_spaces
from hooks.checks.blocks.nodes import Line, Node

QUOTE_RE = re.compile(r"^[ ]{0,3}>[ ]?(.*)")
CALLOUT_RE = re.compile(r"^[ ]{0,3}> *\[!([\w-]+(?: *\| *[\w-]+)*)]([-+])?(.*?)$")


def clean_quote(line: Line) -> Line:
    """The line without its `> ` (a lazy line stays as it is)."""
    if line.text.strip() == ">":
        return line.blank()
    match = QUOTE_RE.match(line.text)
    return line.cut(match.start(1)) if match else line


class QuotesProcessor:
    """The lines before the first `>` are parsed first; the rest, without `> `, inside the quote."""

    name = "quote"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return any(">" in line.text[:4] and QUOTE_RE.match(line.text) for line in block)

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        index = next(i for i, line in enumerate(block) if QUOTE_RE.match(line.text))
        parser.parse_blocks(parent, [block[:index]])
        lines = list(block[index:])
        for position, line in enumerate(lines):
            if line.text and line.text.strip() != ">":
                if CALLOUT_RE.match(line.text):
                    # The alert's title becomes a paragraph of its own.
                    lines[position] = line.blank()
                    lines.insert(position, Line(line.index, "\x02", line.col, "title"))
                break
        quote = parent.add("quote", block[index], indent=leading_spaces(block[index].text))
        parser.state.append("blockquote")
        parser.parse_chunk(quote, [clean_quote(line) for line in lines])
        parser.state.pop()
