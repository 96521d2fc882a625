"""Text from writers and from mkdocs.yml reaches every page as text, never as markup.

MkDocs gives Material a Jinja environment without autoescaping, so a `<script>` in a
front-matter title or in `site_name` would be written raw into the `<title>`, the header,
the navigation, the footer and the search index. We turn autoescaping on for every
template instead of adding `| e` to each place that prints a value: a value nobody
thought of is escaped by default. Only the values that are HTML by design (the rendered
article, its table of contents, script tags) are marked as markup, in one place.

Titles need one more step. MkDocs hands over a title from the first heading as HTML text
(`AT&amp;T`) but one from front matter or `nav` as typed (`AT&T`); Material's search
index treats every title as HTML. Each title therefore becomes escaped markup once, so
that every template and the search index show the same text.
"""

from __future__ import annotations

from html import unescape

from markupsafe import Markup, escape

# Material templates that build HTML as a plain string from theme settings (icon CSS), which
# autoescaping would print as text. They read no content or free-text setting.
HTML_BUILDING_TEMPLATES = frozenset({"partials/icons.html"})
# Front-matter values that Material writes into pages or the search index as HTML.
TEXT_META_KEYS = ("title", "description", "tags")


def autoescape(template_name: str | None) -> bool:
    """Jinja's autoescape switch: on for every template except those that build HTML as strings."""
    return template_name not in HTML_BUILDING_TEMPLATES


def title_markup(title, typed: bool) -> Markup:
    """The title escaped once. `typed` titles come from front matter or nav; others are HTML text."""
    text = str(title)
    return escape(text if typed else unescape(text))


def escaped_meta(meta: dict) -> dict:
    """The front matter with its text values (title, description, each tag) escaped once."""
    escaped = dict(meta)
    for key in TEXT_META_KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            escaped[key] = escape(value)
        elif isinstance(value, list):
            escaped[key] = [escape(item) if isinstance(item, str) else item for item in value]
    return escaped


def mark_toc(items) -> None:
    """Mark each table-of-contents title as the HTML it is (the toc extension's own output)."""
    for item in items:
        item.title = Markup(item.title)
        mark_toc(item.children)
