"""MkDocs hook: a Content-Security-Policy on every page (see hooks/pages/csp.py).

Listed last in mkdocs.yml, so the hashes are taken from the final bytes of each page.
`mkdocs serve` gets no policy: it injects its own live-reload script into each page as
it serves it, which no hash made at build time could allow.
"""

from __future__ import annotations

import logging
import os
import secrets

from mkdocs.exceptions import PluginError

from hooks.pages.collector import NO_COLLECTOR, derive_endpoints
from hooks.pages.csp import CSPError, ThemeCodeMarker, endpoint_origin, with_policy
from hooks.state import csp

log = logging.getLogger("mkdocs.plugins.kb_csp")


def on_startup(*, command, dirty) -> None:
    """Remember whether this run is the live preview."""
    csp.serving = command == "serve"


def on_config(config):
    """Check the collector's address once, keep its origin for connect-src, and derive its endpoints."""
    try:
        origin = endpoint_origin(config.extra.get("collector"))
    except CSPError as error:
        raise PluginError(f"{os.path.relpath(config.config_file_path)}: {error}") from None
    csp.connect = [origin] if origin else []
    derive_endpoints(config.extra)
    if not config.extra.get("collector"):
        log.info(NO_COLLECTOR)
    if csp.serving:
        log.info("No Content-Security-Policy in the live preview (it injects its own reload script)")
    return config


def on_env(env, *, config, files):
    """Mark the templates' own scripts and styles with a token drawn for this build."""
    csp.token = None if csp.serving else secrets.token_hex(16)
    if csp.token:
        env.kb_theme_token = csp.token
        env.add_extension(ThemeCodeMarker)
    return env


def on_post_page(output: str, *, page, config) -> str:
    """Add the policy to an article, category or home page."""
    return with_policy(output, csp.token, csp.connect) if csp.token else output


def on_post_template(output: str, *, template_name: str, config) -> str:
    """Add the policy to the theme's pages that are not built from Markdown (404.html)."""
    if not csp.token or not template_name.endswith(".html"):
        return output
    return with_policy(output, csp.token, csp.connect)
