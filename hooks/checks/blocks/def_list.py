"""Python-Markdown's def_list extension: `DefListIndentProcessor` and `DefListProcessor` (terms,
then `: definition` lines)."""

from __future__ import annotations

import re

from hooks.checks.blocks.lines import detab, has_text, leading_spaces
from hooks.checks.blocks.listindent import ListIndentProcessor
from hooks.checks.blocks.nodes import DEF_ITEMS, DEF_LISTS, Line, Node

DEFINITION_RE = re.compile(r"^[ ]{0,3}:[ ]{1,3}(.*)$")
DEFINITION_NO_INDENT_RE = re.compile(r"^[ ]{0,3}[^ :]")


class DefListIndentProcessor(ListIndentProcessor):
    """An indented block after a definition belongs to it, as one after a list item does."""

    name = "defindent"
    items = DEF_ITEMS
    lists = DEF_LISTS
    new_item = "dd"


class DefListProcessor:
    """Terms, then a `: definition`: a `<dl>`, or more of the one just before it."""

    name = "deflist"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        return any(":" in line.text[:4] and DEFINITION_RE.match(line.text) for line in block)

    def run(self, parser, parent: Node, blocks: list[list[Line]]):
        """def_list's `DefListProcessor`: terms, then a `: definition` and its indented lines."""
        raw = blocks[0]
        index = next(i for i, line in enumerate(raw) if DEFINITION_RE.match(line.text))
        terms = [line for line in raw[:index] if line.text.strip()]
        first = raw[index].cut(DEFINITION_RE.match(raw[index].text).start(1))
        after = raw[index + 1:]
        if after and DEFINITION_NO_INDENT_RE.match(after[0].text):
            content, rest = after, []
        else:
            content, rest = detab(after)
        content = [first, *content] if has_text(content) else [first]
        sibling = parent.last()
        if not terms and sibling is None:
            return False  # a paragraph that opens with a colon
        blocks.pop(0)
        state = "list"
        if not terms and (sibling.tag == "p" or (sibling.tag == "title" and parent.tag == "admonition")):
            # The paragraph above (even an admonition's title, a `<p>` too) holds the terms.
            state, terms = "looselist", sibling.lines or [sibling.first]
            parent.children.pop()
            parser.paragraphs = [p for p in parser.paragraphs if p.lines is not sibling.lines]
            sibling = parent.last()
        if sibling is not None and sibling.tag == "dl":
            dl = sibling
            if not terms and dl.children and dl.children[-1].tag == "dd" and dl.children[-1].children:
                state = "looselist"
        else:
            dl = parent.add("dl", (terms or raw)[0], indent=leading_spaces((terms or raw)[0].text))
        for term in terms:
            dl.add("dt", term)
        parser.state.append(state)
        parser.parse_blocks(dl.add("dd", raw[index]), [content])
        parser.state.pop()
        if has_text(rest):
            blocks.insert(0, rest)
        return True
