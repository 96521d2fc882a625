"""One navigation per language, cut from the one awesome-nav builds from the folders.

awesome-nav sees `docs/es/` as one more folder, so the Spanish pages arrive as a section among
the English categories. Each language's readers get only their own tree: the section of a
language folder becomes that language's whole navigation, and everything else is the default
language's. Previous and next links stay within a language.
"""

from __future__ import annotations

from mkdocs.structure.nav import Navigation, Section

from hooks.i18n.languages import Languages


def first_page(item):
    """The first page in a navigation item (itself, for a page), or None for a link or an empty section."""
    if isinstance(item, Section):
        return next((page for child in item.children if (page := first_page(child)) is not None), None)
    return item if getattr(item, "file", None) is not None else None


def item_language(item, languages: Languages) -> str:
    """The language a top-level item belongs to: a section holding a language folder is that language's."""
    page = first_page(item)
    return languages.of(page.file.src_uri) if page is not None else languages.default


def link_in_order(pages: list) -> None:
    """Previous and next page for each of `pages`, within the list only."""
    for before, after in zip([None, *pages], [*pages, None]):
        if after is not None:
            after.previous_page = before
        if before is not None:
            before.next_page = after


def split_navigation(nav: Navigation, languages: Languages) -> dict[str, Navigation]:
    """Each language's navigation: its items at the top, its pages in order, its home page."""
    items: dict[str, list] = {code: [] for code in languages.names}
    for item in nav.items:
        code = item_language(item, languages)
        if code == languages.default:
            items[code].append(item)
        else:
            items[code].extend(item.children if isinstance(item, Section) else [item])
    navigations = {}
    for code, top in items.items():
        for item in top:
            item.parent = None
        pages = [page for page in nav.pages if languages.of(page.file.src_uri) == code]
        link_in_order(pages)
        navigation = Navigation(top, pages)
        home = languages.path_in("index.md", code)
        navigation.homepage = next((page for page in pages if page.file.src_uri == home), None)
        navigations[code] = navigation
    return navigations
