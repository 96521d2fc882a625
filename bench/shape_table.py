"""bench/scale.py's table per corpus shape: the issue's page and build targets, each met or not.

The figures come from the rows bench/scale.py measured (one per shape and size); this module only
reads a built site's pages and compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LINK = re.compile(rb"<a\s[^>]*href=")
PAGE_KB_AT_1000 = 30
PAGE_GROWTH_TO_3000 = 1.1
BUILD_OVER_MARKDOWN_AT_1000 = 1.5
BUILD_GROWTH_TO_3000 = 3.3
LARGEST_PAGE_KB = 150
MOST_LINKS = 3000


@dataclass
class Extremes:
    """The largest page of a built site and the page with the most links."""

    largest_bytes: int
    largest_page: str
    most_links: int
    most_links_page: str


def site_extremes(site: Path) -> Extremes:
    """Every HTML page of `site` read once: the largest, and the one with the most links."""
    largest, linked = (0, ""), (0, "")
    for path in site.rglob("*.html"):
        data = path.read_bytes()
        name = path.relative_to(site).as_posix()
        largest = max(largest, (len(data), name))
        linked = max(linked, (len(LINK.findall(data)), name))
    return Extremes(largest[0], largest[1], linked[0], linked[1])


def pages_over(site: Path, limit_kb: float = LARGEST_PAGE_KB) -> list[tuple[str, int]]:
    """Each HTML page of `site` over `limit_kb` (KB of 1,024 bytes), by name, with its size in bytes."""
    sizes = ((path.relative_to(site).as_posix(), path.stat().st_size) for path in site.rglob("*.html"))
    return sorted((name, size) for name, size in sizes if size > limit_kb * 1024)


def mark(met: bool) -> str:
    return "met" if met else "NOT met"


def shape_lines(shape: str, numbers: dict[int, dict[str, float]]) -> list[str]:
    """The table rows of one shape from its figures at 1,000 and 3,000 articles."""
    small, large = numbers[1000], numbers[3000]
    page_ratio = large["median_page"] / small["median_page"]
    build_ratio = large["growth"]
    over_markdown = small["build_over_markdown"]
    fair = small["build_over_markdown_every_core"]
    largest = max(small["largest_page"], large["largest_page"])
    links = max(small["most_links"], large["most_links"])
    rows = [
        ("median article page at 1,000", f"{small['median_page'] / 1024:.1f} KB",
         f"at most {PAGE_KB_AT_1000} KB", small["median_page"] / 1024 <= PAGE_KB_AT_1000),
        ("median article page at 3,000", f"{large['median_page'] / 1024:.1f} KB ({page_ratio:.2f}x)",
         f"at most {PAGE_GROWTH_TO_3000}x the 1,000 median", page_ratio <= PAGE_GROWTH_TO_3000),
        ("build at 3,000 / build at 1,000 (median of the turns' ratios)", f"{build_ratio:.2f}x", f"at most {BUILD_GROWTH_TO_3000}x",
         build_ratio <= BUILD_GROWTH_TO_3000),
        ("build / Markdown alone at 1,000 (Markdown in one process, the build on every core)",
         f"{over_markdown:.2f}x", f"at most {BUILD_OVER_MARKDOWN_AT_1000}x", over_markdown <= BUILD_OVER_MARKDOWN_AT_1000),
        ("the same, Markdown on every core too (the fair comparison)", f"{fair:.2f}x",
         f"at most {BUILD_OVER_MARKDOWN_AT_1000}x", fair <= BUILD_OVER_MARKDOWN_AT_1000),
        ("largest page (any page, both sizes)", f"{largest / 1024:.1f} KB", f"at most {LARGEST_PAGE_KB} KB",
         largest / 1024 <= LARGEST_PAGE_KB),
        ("most links on one page (both sizes)", f"{links:,.0f}", f"fewer than {MOST_LINKS:,}", links < MOST_LINKS),
    ]
    return [f"| {shape} | {name} | {value} | {target} | {mark(met)} |" for name, value, target, met in rows]


def shape_table(numbers: dict[str, dict[int, dict[str, float]]]) -> str:
    """One Markdown table for every shape measured at both 1,000 and 3,000 articles ("" if none)."""
    lines = [line for shape, sizes in numbers.items() if {1000, 3000} <= sizes.keys()
             for line in shape_lines(shape, sizes)]
    if not lines:
        return ""
    return "\n".join(["| shape | measure | figure | target | |", "| --- | --- | ---: | --- | --- |", *lines])
