"""Python-Markdown's admonition extension: `!!! kind "title"` and the indented lines after it."""

from __future__ import annotations

import re

from hooks.checks.blocks.containers import ContainerProcessor
from hooks.checks.blocks.nodes import Line, Node


class AdmonitionProcessor(ContainerProcessor):
    """`AdmonitionProcessor`: a title paragraph unless the title is written as `""`."""

    name = "admonition"
    marker = "!!!"
    tag = "admonition"

    def open(self, parent: Node, match: re.Match, line: Line) -> Node:
        node = parent.add("admonition", line)
        if match.group(2) != "":
            node.add("title", line)
        return node
