"""Words that Python-Markdown writes into an article in English, put in the page's language.

- An untitled important callout (`!!! important`, `> [!IMPORTANT]`): Python-Markdown titles it
  with its type, "Important", in every language; on a page in another language, that title
  becomes the catalogue's `callout.important`. The callout keeps its class, so its colour and
  icon stay the same. A title the writer typed is left alone, unless it is the English word
  itself, which cannot be told from no title in the HTML.
- The link beside each heading (toc's `permalink`): its title, which screen readers and the
  pointer's tooltip give, becomes the catalogue's `heading.permalink`.
"""

from __future__ import annotations

import re

from hooks.i18n.catalogue import Catalogues

IMPORTANT_KEY = "callout.important"
PERMALINK_KEY = "heading.permalink"


def titled_in(html: str, language: str, catalogues: Catalogues) -> str:
    """The page's HTML with each untitled important callout's title and each heading's link
    title in `language`."""
    from markupsafe import escape  # here: the writers' checks import this module without the theme's packages

    if language == catalogues.default:
        return html
    english = catalogues.text(catalogues.default, IMPORTANT_KEY)
    translated = catalogues.text(language, IMPORTANT_KEY)
    untitled = re.compile(r'(<div class="admonition important">\s*<p class="admonition-title">)'
                          rf"{re.escape(str(escape(english)))}(</p>)")
    html = untitled.sub(lambda match: f"{match.group(1)}{escape(translated)}{match.group(2)}", html)
    permalink = re.compile(r'(<a class="headerlink" href="#[^"]*" title=")'
                           rf'{re.escape(str(escape(catalogues.text(catalogues.default, PERMALINK_KEY))))}(">)')
    link_title = escape(catalogues.text(language, PERMALINK_KEY))
    return permalink.sub(lambda match: f"{match.group(1)}{link_title}{match.group(2)}", html)
