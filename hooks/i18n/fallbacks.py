"""Pages shown in the default language because a language has no translation of them (fallback pages).

Every page of the default language's navigation that a language lacks gets a page at that
language's address (`/ar/email-setup/outlook/`): the default language's article, in the other
language's site (its navigation, header and support block), with a note in the reader's language
that it is not translated. A fallback is not a translation: it has no hreflang link, no place in
the sitemap or the search index, and its canonical link is the original's (guides/design.md,
"Languages"). The home page is left out: each language writes its own (on_i18n checks it).
"""

from __future__ import annotations

from typing import Collection, Iterable

from hooks.i18n.languages import Languages

HOME = "index.md"


def fallback_pages(in_nav: Iterable[str], existing: Collection[str], languages: Languages) -> dict[str, str]:
    """Each fallback page to add, by its path under docs/, with the default-language page it shows.

    `in_nav` are the paths of the pages readers reach through the navigation; `existing` every page's path.
    """
    originals = sorted(uri for uri in in_nav if languages.of(uri) == languages.default and uri != HOME)
    return {path: uri for code in list(languages.names)[1:] for uri in originals
            if (path := languages.path_in(uri, code)) not in existing}
