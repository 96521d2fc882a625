"""The site's Markdown converter for tests: Python-Markdown with exactly mkdocs.yml's extensions and
their settings, loaded as MkDocs loads them."""

from __future__ import annotations

import markdown
from mkdocs.config import load_config

from tests.conftest import ROOT

# Block extensions the site may switch off; the renderer-agreement properties try both ways.
OPTIONAL = frozenset({"footnotes", "def_list", "abbr"})


def site_converter(*extra, optional: bool | None = None) -> markdown.Markdown:
    """A new converter with mkdocs.yml's extensions, then `extra` (names or extension objects).

    `optional`: None keeps mkdocs.yml's list as it is; True puts every OPTIONAL extension last;
    False leaves them out.
    """
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = list(config.markdown_extensions)
    if optional is not None:
        names = [name for name in names if name not in OPTIONAL] + (sorted(OPTIONAL) if optional else [])
    return markdown.Markdown(extensions=[*names, *extra], extension_configs=config.mdx_configs)


def render(text: str) -> str:
    """`text` rendered as the site renders it."""
    return site_converter().convert(text)
