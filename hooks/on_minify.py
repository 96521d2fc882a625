"""MkDocs hook: send phones fewer bytes (see hooks/pages/minify.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from hooks.pages.minify import minify_assets, minify_page

log = logging.getLogger("mkdocs.plugins.kb_minify")


def on_post_page(output: str, *, page, config) -> str:
    """Minify each page's HTML after the theme has rendered it."""
    return minify_page(output)


def on_post_build(*, config) -> None:
    """Minify the site's copies of our own stylesheets and scripts."""
    rewritten = minify_assets(Path(config.docs_dir), Path(config.site_dir))
    log.debug("minified %d stylesheets and scripts", len(rewritten))
