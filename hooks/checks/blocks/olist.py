"""Python-Markdown's `OListProcessor` and `UListProcessor`: a block that opens with a list marker."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import leading_spaces
from hooks.checks.blocks.nodes import INDENT, LISTS, Line, Node, text_to_paragraph

OL_START_RE = re.compile(r"^[ ]{0,3}\d+\.[ ]+")
UL_START_RE = re.compile(r"^[ ]{0,3}[*+-][ ]+")
ANY_CHILD_RE = re.compile(r"^[ ]{0,3}((\d+\.)|[*+-])[ ]+(.*)")
NESTED_ITEM_RE = re.compile(r"^[ ]{4,7}((\d+\.)|[*+-])[ ]+.*")


def list_items(block: list[Line], child_re: re.Pattern) -> list[tuple[Node | None, list[Line]]]:
    """Python-Markdown's `get_items`: (a new item, or None for nested lines, and its lines)."""
    items: list[tuple[Node | None, list[Line]]] = []
    for line in block:
        match = child_re.match(line.text)
        if match:
            marker = match.group(1)
            item = Node("li", line, number=int(marker[:-1]) if marker[0].isdigit() else None,
                        marker_col=line.col + match.start(1), indent=match.start(1))
            items.append((item, [line.cut(match.start(3))]))
        elif NESTED_ITEM_RE.match(line.text):
            if items[-1][1][0].text.startswith(INDENT):
                items[-1][1].append(line)
            else:
                items.append((None, [line]))
        else:
            items[-1][1].append(line)
    return items


class OListProcessor:
    """A numbered list, or more items of the list just before it."""

    name = "olist"
    tag = "ol"
    start_re = OL_START_RE
    child_re = ANY_CHILD_RE  # a line that starts an item
    siblings = LISTS  # the lists just before it that this block continues

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return bool(self.start_re.match(block[0].text))

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        items = list_items(block, self.child_re)
        sibling = parent.last()
        if sibling is not None and sibling.tag in self.siblings:
            lst = sibling
            last_item = lst.last()
            if last_item.has_text:
                text_to_paragraph(last_item)
            inner = last_item.last()
            if inner is not None and inner.tail:
                last_item.children.append(Node("p", inner.tail[0], lines=inner.tail))
                inner.tail = []
            item, lines = items.pop(0)
            lst.children.append(item)
            parser.state.append("looselist")
            parser.parse_blocks(item, [lines])
            parser.state.pop()
        elif parent.tag in LISTS:
            lst = parent
        else:
            lst = parent.add(self.tag, block[0], indent=leading_spaces(block[0].text))
            lst.number = items[0][0].number
        parser.state.append("list")
        for item, lines in items:
            if item is None:
                parser.parse_blocks(lst.children[-1], [lines])
            else:
                lst.children.append(item)
                parser.parse_blocks(item, [lines])
        parser.state.pop()


class UListProcessor(OListProcessor):
    """A bulleted list, or more items of the list just before it."""

    name = "ulist"
    tag = "ul"
    start_re = UL_START_RE
