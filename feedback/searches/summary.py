"""The report's searches section: searches with no result and searches with no click, by normalized query."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from feedback.searches.storage import grouped

KINDS = ("no result", "no click")


@dataclass
class SearchSummary:
    """(query, count) pairs, most frequent first: what to write next, and what to retitle or explain better."""

    no_result: list[tuple[str, int]] = field(default_factory=list)
    no_click: list[tuple[str, int]] = field(default_factory=list)


def read_summary(database) -> SearchSummary:
    """The grouped counts from a database opened with feedback.storage.connect."""
    return SearchSummary(*grouped(database))


def render_searches_csv(summary: SearchSummary, cell: Callable[[str], str]) -> str:
    """One row per (kind, query); `cell` keeps a customer's query from running as a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "query", "searches"])
    for kind, rows in zip(KINDS, (summary.no_result, summary.no_click)):
        for query, count in rows:
            writer.writerow([kind, cell(query), count])
    return out.getvalue()
