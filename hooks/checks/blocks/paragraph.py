"""Python-Markdown's `ParagraphProcessor`: whatever no other processor took is running text."""

from __future__ import annotations

from hooks.checks.blocks.lines import leading_spaces
from hooks.checks.blocks.nodes import Line, Node, Paragraph


class ParagraphProcessor:
    """A `<p>`, or in a tight list the item's own text (or the tail of its last child)."""

    name = "paragraph"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return True

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        if not any(line.text.strip() for line in block):
            return
        if parser.in_state("list"):
            sibling = parent.last()
            if sibling is not None:
                sibling.tail.extend(block)
            else:
                parent.has_text = True
        else:
            parent.add("p", block[0], lines=block, indent=leading_spaces(block[0].text))
        parser.paragraphs.append(Paragraph(block, parent))
