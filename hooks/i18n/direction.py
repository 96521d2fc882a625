"""The page's writing direction on `<html>` as well as on `<body>`.

Material 9.8 writes `dir` on `<body>` only. Its `<html lang>` tag is outside every block of its
`base.html`, so no override reaches it short of a copy of the whole template. W3C's advice is to
put `dir` on the root element: the root's direction also decides which side the viewport scrolls
from and where the page's own scrollbar sits. So Material's `base.html` gets the attribute as the
template is loaded (once per build), with the value Material computes for `<body dir>`.
"""

from __future__ import annotations

import re

from jinja2.ext import Extension
from mkdocs.exceptions import PluginError

BASE_TEMPLATE = "base.html"
ROOT_TAG_RE = re.compile(r"<html(?=[\s>])", re.IGNORECASE)
# base.html's own expression for <body dir> (`theme.direction`, else the page's language file's).
DIRECTION = "{{ config.theme.direction or lang.t('direction') }}"


def with_root_direction(source: str, where: str) -> str:
    """`source` (Material's base.html) with `dir` on its `<html>` tag; PluginError naming `where` when it has none."""
    marked, count = ROOT_TAG_RE.subn(f'<html dir="{DIRECTION}"', source, count=1)
    if not count:
        raise PluginError(f"{where}: no <html> tag to give the page's direction to; Material's base.html "
                          "has changed, so update hooks/i18n/direction.py to match it")
    return marked


class RootDirection(Extension):
    """Jinja extension: Material's base.html is loaded with `dir` on `<html>`; other templates as they are."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return with_root_direction(source, filename or name) if name == BASE_TEMPLATE else source
