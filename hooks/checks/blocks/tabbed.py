"""pymdownx.tabbed: `=== "label"` opens a tab; consecutive tabs make one set unless `!` starts a new one."""

from __future__ import annotations

import re

from hooks.checks.blocks.containers import ContainerProcessor
from hooks.checks.blocks.nodes import Line, Node


class TabbedProcessor(ContainerProcessor):
    """`TabbedProcessor`: each tab joins the set just before it."""

    name = "tabbed"
    marker = "==="
    tag = "tabs"

    def open(self, parent: Node, match: re.Match, line: Line) -> Node:
        sibling = parent.last()
        if sibling is None or sibling.tag != "tabs" or "!" in (match.group(1) or ""):
            sibling = parent.add("tabs", line)
        return sibling.add("tab", line)
