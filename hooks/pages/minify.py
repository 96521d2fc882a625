"""Smaller pages for phones: minified HTML, and minified copies of our own CSS and JavaScript.

An article must weigh no more than a stock Material article although it carries more
(the support block, the feedback widget, the dark scheme), so the bytes that are ours
are sent without indentation and comments.
"""

from __future__ import annotations

from pathlib import Path

import minify_html
import rcssmin
import rjsmin

# Keep what tests, crawlers and older parsers rely on: closing tags and <html>/<head>.
# Inline scripts (the theme's and our feedback loader) are minified too. Inline CSS is not:
# the theme has none to shorten (the same bytes on all 1,016 pages of the 1,000-article
# corpus), and looking for it took a fifth of the minifier's time.
HTML_OPTIONS = {"keep_closing_tags": True, "keep_html_and_head_opening_tags": True, "minify_js": True,
                "minify_css": False}
ASSET_MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minify_page(html: str) -> str:
    """The page's HTML without the whitespace and comments a browser ignores."""
    return minify_html.minify(html, **HTML_OPTIONS)


def minify_assets(docs_dir: Path, site_dir: Path) -> list[Path]:
    """Minify, in the built site, every CSS and JavaScript file that comes from docs/.

    Returns the files rewritten. Theme files are already minified and are left alone.
    """
    rewritten = []
    for source in sorted(docs_dir.rglob("*")):
        minify = ASSET_MINIFIERS.get(source.suffix)
        built = site_dir / source.relative_to(docs_dir)
        if minify is None or not built.is_file():
            continue
        built.write_text(minify(source.read_text(encoding="utf-8")), encoding="utf-8")
        rewritten.append(built)
    return rewritten
