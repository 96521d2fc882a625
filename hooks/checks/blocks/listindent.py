"""Python-Markdown's `ListIndentProcessor`: a block indented under a list item belongs to it."""

from __future__ import annotations

from hooks.checks.blocks.lines import leading_spaces, loose_detab
from hooks.checks.blocks.nodes import INDENT, ITEMS, LISTS, TAB, Line, Node, text_to_paragraph


class ListIndentProcessor:
    """An indented block joins the item it is under, one level deeper for each four spaces."""

    name = "indent"
    items = ITEMS  # the tags of an item
    lists = LISTS  # the tags of a list of them
    new_item = "li"  # the item made when there is none to join

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return (block[0].text.startswith(INDENT) and not parser.in_state("detabbed")
                and (parent.tag in self.items or (parent.last() is not None and parent.last().tag in self.lists)))

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        items, lists = self.items, self.lists
        block = blocks.pop(0)
        indent_level = leading_spaces(block[0].text) // TAB
        level = 1 if parser.in_state("list") else 0
        sibling = parent
        while indent_level > level:
            child = sibling.last()
            if child is not None and (child.tag in lists or child.tag in items):
                if child.tag in lists:
                    level += 1
                sibling = child
            else:
                break
        block = loose_detab(block, level)
        parser.state.append("detabbed")
        if parent.tag in items:
            last = parent.last()
            parser.parse_blocks(last if last is not None and last.tag in lists else parent, [block])
        elif sibling.tag in items:
            parser.parse_blocks(sibling, [block])
        elif sibling.last() is not None and sibling.last().tag in items:
            item = sibling.last()
            if item.has_text:
                text_to_paragraph(item)
            parser.parse_chunk(item, block)
        else:
            parser.parse_blocks(sibling.add(self.new_item, block[0]), [block])
        parser.state.pop()
