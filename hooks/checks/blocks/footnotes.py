"""Python-Markdown's footnotes extension: `FootnoteBlockProcessor` takes `[^id]:` definitions out
of the flow, and its tree stage parses each one at the end of the page."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import joined, loose_detab, slice_lines, strip_empty, take_match
from hooks.checks.blocks.nodes import INDENT, Line, Node

FOOTNOTE_RE = re.compile(r"^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$", re.MULTILINE)


def footnote_line(block: list[Line], match: re.Match) -> Line:
    """The definition's own text, after `[^id]:`, with trailing spaces removed."""
    line = slice_lines(block, match.start(2), match.end(2))[0]
    return Line(line.index, line.text.rstrip(), line.col, line.kind, line.stashed)


def indented_footnote_blocks(blocks: list[list[Line]]) -> list[list[Line]]:
    """footnotes' `detectTabbed`: the following blocks indented 4 spaces belong to the footnote."""
    parts = []
    while blocks and blocks[0] and blocks[0][0].text.startswith(INDENT):
        block = blocks.pop(0)
        text = joined(block)
        inner = FOOTNOTE_RE.search(text)
        if inner:
            parts.append(loose_detab(strip_empty(slice_lines(block, 0, inner.start()), leading=False)))
            blocks.insert(0, slice_lines(block, inner.start(), len(text)))
            break
        parts.append(loose_detab(block))
    return parts


def parse_footnotes(parser, root: Node) -> None:
    """footnotes' tree stage: each definition parsed at the end of the page, in its own item."""
    if not parser.footnotes:
        return
    holder = root.add("footnotes")
    for key in list(parser.footnotes):
        lines = parser.footnotes[key]  # read now: an earlier footnote may have redefined it
        parser.parse_chunk(holder.add("footnote", lines[0] if lines else None), lines)


class FootnoteBlockProcessor:
    """A definition and the lines it takes leave the flow, kept by id in the order the page lists them."""

    name = "footnote"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return True  # the run decides, on the block's joined text

    def run(self, parser, parent: Node, blocks: list[list[Line]]):
        found = take_match(blocks, "[^", FOOTNOTE_RE)
        if found is None:
            return False
        block, text, match = found
        preceding = slice_lines(block, 0, match.start())
        # Definitions on consecutive lines are one line each.
        for following in FOOTNOTE_RE.finditer(text, match.end()):
            if text[match.end():following.start()].strip("\n"):
                break
            parser.footnotes[match.group(1)] = [footnote_line(block, match)]
            match = following
        rest_start = len(text) - len(text[match.end():].lstrip("\n"))
        therest = slice_lines(block, rest_start, len(text)) if rest_start < len(text) else []
        own = slice_lines(block, match.start(2), match.end(2))[0]
        following = FOOTNOTE_RE.search(joined(therest))
        if following:
            # Another definition later in this block ends this one; it is parsed next.
            before = strip_empty(slice_lines(therest, 0, following.start()), leading=False)
            parts = [strip_empty([own, *loose_detab(before)], trailing=False)]
            blocks.insert(0, slice_lines(therest, following.start(), len(joined(therest))))
        else:
            parts = [strip_empty([own, *loose_detab(therest)]), *indented_footnote_blocks(blocks)]
        lines: list[Line] = []
        for part in parts:  # joined with blank lines, as the extension joins them with "\n\n"
            if lines:
                lines.append(Line(lines[-1].index, "", 0))
            lines.extend(part)
        lines = strip_empty(lines, leading=False)
        if lines:
            last = lines[-1]
            lines[-1] = Line(last.index, last.text.rstrip(), last.col, last.kind, last.stashed)
        parser.footnotes[match.group(1)] = lines
        if any(line.text.strip() for line in preceding):
            blocks.insert(0, strip_empty(preceding, leading=False))
        return True
