"""Drafts: an article whose front matter says `draft: true` is left out of the built site.

The navigation is made from the folders, so every file in docs/ would be published; a draft
is how a writer commits an unfinished article. `mkdocs serve` still shows it (marked as a
draft), `mkdocs build` leaves it out of the pages, the navigation, the sitemap and search.
"""

from __future__ import annotations

import yaml

from hooks.checks.source import FRONT_MATTER_RE, YAML_LOADER


def is_draft(text: str) -> bool:
    """True when the page's YAML front matter sets `draft: true`, read as MkDocs reads it."""
    match = FRONT_MATTER_RE.match(text.lstrip("\ufeff"))
    # Most pages are not drafts: skip the YAML parse unless the word is there.
    if match is None or "draft" not in match.group(1):
        return False
    try:
        meta = yaml.load(match.group(1), Loader=YAML_LOADER)
    except yaml.YAMLError:
        return False  # MkDocs renders such a page as text; the checks report the front matter
    return isinstance(meta, dict) and meta.get("draft") is True
