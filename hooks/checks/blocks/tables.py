"""Python-Markdown's tables extension (`TableProcessor`): a header row, a separator row, then rows."""

from __future__ import annotations

import re

from hooks.checks.blocks.nodes import Line, Node

TABLE_SEPARATOR_CHARS = set("|:- ")


def split_row(row: str) -> list[str]:
    """The cells of a table row (pipes escaped with a backslash do not split)."""
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return re.split(r"(?<!\\)\|", row)


class TableProcessor:
    """The whole block is the table when its second line separates as many cells as the header has."""

    name = "table"

    def test(self, parser, parent: Node, block: list[Line]) -> bool:
        if len(block) < 2 or not set(block[1].text) <= TABLE_SEPARATOR_CHARS:
            return False
        head, separator = block[0].text.strip(" "), block[1].text.strip(" ")
        cells = split_row(head)
        bordered = head.startswith("|") or head.endswith("|")
        if len(cells) < 2 and not (len(cells) == 1 and bordered and all(
                line.text.strip(" ").startswith("|") or line.text.strip(" ").endswith("|") for line in block[1:])):
            return False
        row = split_row(separator)
        return len(row) == len(cells) and set("".join(row)) <= TABLE_SEPARATOR_CHARS

    def run(self, parser, parent: Node, blocks: list[list[Line]]) -> None:
        block = blocks.pop(0)
        parent.add("table", block[0], lines=block)
