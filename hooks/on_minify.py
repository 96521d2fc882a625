"""MkDocs hook: send phones fewer bytes (see hooks/pages/minify.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from hooks.pages.minify import CompactTemplates, minify_assets, without_comments
from hooks.pages.unused_css import purge_stylesheet
from hooks.state import minify

log = logging.getLogger("mkdocs.plugins.kb_minify")


def on_startup(*, command, dirty) -> None:
    """Remember whether this run is the live preview, which keeps Material's whole stylesheet."""
    minify.serving = command == "serve"


def on_env(env, *, config, files):
    """Load the theme's HTML templates without their indentation: once per build, not once per page."""
    env.add_extension(CompactTemplates)
    return env


def on_page_content(html: str, *, page, config, files) -> str:
    """Leave the writer's comments out of the published article: they are notes for writers, not customers."""
    return without_comments(html)


def on_post_build(*, config) -> None:
    """Minify the site's copies of our own stylesheets and scripts; outside the preview, cut Material's
    stylesheet down to the rules the written pages can use (once for the whole site)."""
    rewritten = minify_assets(Path(config.docs_dir), Path(config.site_dir))
    log.debug("minified %d stylesheets and scripts", len(rewritten))
    if minify.serving:
        return
    purge = purge_stylesheet(Path(config.site_dir))
    if purge:
        log.debug("%s: %d bytes kept of %d", purge.stylesheet.name, purge.after, purge.before)
