"""What admonition, details and tabbed share: a block opens one of them at its first `!!!`, `???`
or `===` line, or, indented, continues the one just before it."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import detab, has_text, leading_spaces
from hooks.checks.blocks.nodes import DEF_LISTS, TAB, Line, Node, text_to_paragraph

ADMONITION_RE = re.compile(r'^!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')
DETAILS_RE = re.compile(r'^\?{3}(\+)? ?(?:([\w\-]+(?: +[\w\-]+)*?)?(?: +"(.*?)")|([\w\-]+(?: +[\w\-]+)*?)) *$')
TABBED_RE = re.compile(r'^={3}(\+|\+!|!\+|!)? +"(.*?)" *$')
# One scan for the three: the first line that opens any of them decides which one takes the block.
CONTAINER_STARTS = {"!!!": ADMONITION_RE, "???": DETAILS_RE, "===": TABBED_RE}
CONTAINER_TAGS = ("admonition", "details", "tabs")


def container_start(block: list[Line]) -> tuple[int, str, re.Match] | None:
    """The first line that opens an admonition, a details block or a tab."""
    for index, line in enumerate(block):
        pattern = CONTAINER_STARTS.get(line.text[:3])
        if pattern is not None and (match := pattern.match(line.text)):
            return index, line.text[:3], match
    return None


def scanned_start(parser, block: list[Line]) -> tuple[int, str, re.Match] | None:
    """`container_start` of the block, scanned once for the three processors that ask in turn."""
    if parser.scanned is None or parser.scanned[0] is not block:
        parser.scanned = (block, container_start(block))
    return parser.scanned[1]


def container_content(parent: Node, block: list[Line]):
    """Where an indented block continues the container just before it, as the extensions decide."""
    sibling = parent.last()
    if sibling is None or sibling.tag not in CONTAINER_TAGS:
        return None
    spaces, shift = leading_spaces(block[0].text), 0
    last = sibling.last()
    if sibling.tag == "tabs":
        last = sibling.last()  # the last tab
    while last is not None:
        if spaces - shift >= 2 * TAB and (last.tag in DEF_LISTS or last.tag == "tab"):
            if last.tag == "tab":
                inner = last.last()
                if inner is None or inner.tag not in DEF_LISTS:
                    break
                last = inner
            sibling = last.last()
            last = sibling.last() if sibling is not None else None
            shift += TAB
        else:
            last = None
    if spaces - shift < TAB or sibling is None:
        return None
    content, rest = detab(block, shift + TAB)
    return sibling, content, rest


class ContainerProcessor:
    """The test and run of a container processor; each one says which marker and tag are its own."""

    name = ""
    marker = ""  # the three characters that open it
    tag = ""  # the node that an indented block after it continues

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        # Asked of nearly every block, three times: `scanned_start` and `parent.last()` written out.
        scanned = parser.scanned
        if scanned is None or scanned[0] is not block:
            scanned = parser.scanned = (block, container_start(block))
        if scanned[1] is not None:
            return scanned[1][1] == self.marker
        if not parent.children or parent.children[-1].tag != self.tag:
            return False
        parser.pending = container_content(parent, block)
        return parser.pending is not None

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        start = scanned_start(parser, block)
        if start is None:
            sibling, content, rest = parser.pending
            parser.pending = None
            if sibling.tag == "li" and sibling.has_text:
                text_to_paragraph(sibling)
            target = sibling.last() if sibling.tag == "tabs" else sibling
            parser.parse_chunk(target, content)
        else:
            index, _, match = start
            if has_text(block[:index]):
                parser.parse_blocks(parent, [block[:index]])
            content, rest = detab(block[index + 1:])
            target = self.open(parent, match, block[index])
            parser.parse_chunk(target, content)
        if rest:
            blocks.insert(0, rest)

    def open(self, parent: Node, match: re.Match, line: Line) -> Node:
        """The node that the marker line opens, where its content goes."""
        raise NotImplementedError
