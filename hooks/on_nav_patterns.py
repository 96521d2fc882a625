"""MkDocs hook: awesome-nav parses each folder pattern once per build (see hooks/publish/nav_patterns.py)."""

from __future__ import annotations

import logging

from mkdocs_awesome_nav.nav import pattern

from hooks.publish.nav_patterns import install

log = logging.getLogger("mkdocs.plugins.kb_nav_patterns")


def on_config(config):
    """Before awesome-nav builds the navigation: hand it the matcher that parses each pattern once."""
    if reason := install(pattern):
        log.info("navigation patterns parsed as awesome-nav parses them (slower on large sites): %s", reason)
    return config
