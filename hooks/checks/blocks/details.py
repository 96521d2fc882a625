"""pymdownx.details: `??? kind "summary"` (`???+` open) and the indented lines after it."""

from __future__ import annotations

import re

from hooks.checks.blocks.containers import ContainerProcessor
from hooks.checks.blocks.nodes import Line, Node


class DetailsProcessor(ContainerProcessor):
    """`DetailsProcessor`: always a summary, made from the kind when no title is written."""

    name = "details"
    marker = "???"
    tag = "details"

    def open(self, parent: Node, match: re.Match, line: Line) -> Node:
        node = parent.add("details", line)
        node.add("title", line)
        return node
