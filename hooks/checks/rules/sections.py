"""KB424: a folder of articles with no index page.

The navigation is made from the folders: a folder is a category or a section, and its
`index.md` is the page that lists its articles (category.html). An article's sidebar and
breadcrumbs lead up through those pages and list only the article itself and "All N
articles", so a folder without one leaves its articles with no page that lists them and the
customer with no way up. The writers' command and the build both ask `missing_index_findings`.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Iterable

from hooks.checks.findings import SITE, Finding, rule
from hooks.checks.rules.files import path_under

KB424 = "KB424"
# The file names MkDocs publishes as a folder's own page (README.md stands in for index.md).
INDEX_NAMES = ("index.md", "README.md")


def folders_of(page: str) -> list[str]:
    """Every folder that holds the page at `page` (a path under docs/), the top of docs/ left out."""
    parts = page.split("/")[:-1]
    return ["/".join(parts[:depth]) for depth in range(1, len(parts) + 1)]


def folders_without_index(pages: Iterable[str]) -> dict[str, str]:
    """Each folder that holds pages (in it or below) but no index page, with its first page by name."""
    indexed, first_page = set(), {}
    for page in sorted(pages):
        folder, name = posixpath.split(page)
        if name in INDEX_NAMES:
            indexed.add(folder)
        for holder in folders_of(page):
            first_page.setdefault(holder, page)
    return {folder: page for folder, page in first_page.items() if folder not in indexed}


@rule(KB424, "section-index", "A folder of articles has no index.md, so no page lists its articles and the "
                              "breadcrumbs lead nowhere.",
      tests="tests/test_rules_sections.py", reads=SITE)
def missing_index_findings(pages: Iterable[str], docs: str = "docs",
                           among: set[str] | None = None) -> list[tuple[str, Finding]]:
    """(page, KB424) for each folder without an index page, reported once, on its first page.

    `pages`: the pages' paths under docs/ ("dns/mx.md"); `docs`: the docs folder as the writer
    sees it, for the message; `among`: only these folders (None: every folder).
    """
    found = []
    for folder, page in sorted(folders_without_index(pages).items()):
        if among is None or folder in among:
            shown = posixpath.join(docs, folder)
            found.append((page, Finding(1, 1, KB424, f"the folder {shown}/ holds articles but no index.md, so no "
                                                     "page lists them and the breadcrumbs lead nowhere; add "
                                                     f"{shown}/index.md with a title, a description and "
                                                     "template: category.html")))
    return found


def missing_index_for(items: list[tuple[Path, Path]],
                      site_files: dict[Path, frozenset[str]]) -> list[tuple[str, Finding]]:
    """(file as the writer names it, KB424) for each folder without an index page that holds one of
    the checked files (`items`: file, its docs folder); `site_files`: each docs folder's files under it."""
    found = []
    for docs, files in site_files.items():
        checked = {folder for path, home in items if home == docs for folder in folders_of(path_under(path, docs))}
        shown = os.path.relpath(docs)
        pages = [name for name in files if name.endswith(".md")]
        found += [(os.path.join(shown, page), finding)
                  for page, finding in missing_index_findings(pages, shown, among=checked)]
    return found
