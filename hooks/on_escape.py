"""MkDocs hook: values reach the page as text (see hooks/pages/escaping.py)."""

from __future__ import annotations

from markupsafe import Markup

from hooks.pages.escaping import autoescape, escaped_meta, mark_toc, title_markup


def on_page_content(html: str, *, page, config, files) -> str:
    """Escape the page's title and front-matter text once, now that MkDocs has settled the title."""
    typed = "title" in vars(page) or "title" in page.meta  # from nav, or from front matter
    page.title = title_markup(page.title, typed)
    page.meta = escaped_meta(page.meta)
    return html


def on_env(env, *, config, files):
    """Escape every value a template prints, unless it is marked as HTML."""
    env.autoescape = autoescape
    return env


def on_page_context(context, *, page, config, nav):
    """The rendered article and its table of contents are HTML by design."""
    page.content = Markup(page.content)
    mark_toc(page.toc)
    return context
