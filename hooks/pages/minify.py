"""Smaller pages for phones: templates without indentation, minified copies of our CSS and JavaScript.

An article must weigh no more than a stock Material article although it carries more
(the support block, the feedback widget, the dark scheme). Most of a page's spare bytes are
the indentation of the theme's templates, the same on every page, so it is removed from the
templates once per build, as Jinja loads them, instead of from each page's HTML after it is
drawn (a cost paid again on every page). The article's own HTML, from Python-Markdown, has no
indentation; the comments a writer left in it are removed.
"""

from __future__ import annotations

import re
from pathlib import Path

import rcssmin
import rjsmin
from jinja2.ext import Extension

ASSET_MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}
# Elements whose text a browser keeps as written (or a script reads): their content stays as it is.
VERBATIM_RE = re.compile(r"<(pre|textarea|script|style)\b[^>]*>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
# A line break and the blank lines and indentation after it. HTML treats any run of white space
# between words or tags as one space, so one line break shows the same.
INDENTED_BREAK_RE = re.compile(r"\n\s+")
# An HTML comment a writer left in an article. In the article's HTML, `<!--` can only start one:
# Python-Markdown escapes it in code, and KB301 refuses <script> and <style> in articles.
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


def without_indentation(template: str) -> str:
    """The template with each line break's indentation (and blank lines) removed, except in the
    content of <pre>, <textarea>, <script> and <style>, which stays as written."""
    kept, start = [], 0
    for element in VERBATIM_RE.finditer(template):
        kept += [INDENTED_BREAK_RE.sub("\n", template[start:element.start(2)]), element.group(2)]
        start = element.end(2)
    kept.append(INDENTED_BREAK_RE.sub("\n", template[start:]))
    return "".join(kept)


def without_comments(article_html: str) -> str:
    """The article's HTML without the comments its writer left (`kb-ignore` marks, notes to other writers)."""
    return COMMENT_RE.sub("", article_html)


class CompactTemplates(Extension):
    """Jinja extension: HTML templates are loaded without their indentation."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """Strip the indentation of an HTML template (sitemap.xml and other files stay as they are)."""
        return without_indentation(source) if name and name.endswith(".html") else source


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
