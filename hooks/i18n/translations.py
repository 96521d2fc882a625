"""Which pages translate which: a page and its translation share their path under each language's folder.

`docs/email-setup/outlook.md` and `docs/es/email-setup/outlook.md` are one article in two
languages. Everything here reads only source paths, so the same answer comes out in every
process of the parallel build and in the sitemap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Container, Mapping

from hooks.i18n.languages import Languages


def translations(src_uri: str, sources: Container[str], languages: Languages) -> dict[str, str]:
    """The page at `src_uri` in every language it exists in (itself included), by language, in config order."""
    base = languages.base(src_uri)
    found = {code: languages.path_in(base, code) for code in languages.names}
    return {code: path for code, path in found.items() if path in sources}


def closest(src_uri: str, language: str, sources: Container[str], languages: Languages) -> str | None:
    """The page in `language` nearest to `src_uri`: its translation, else the index of the nearest
    folder above it that has one in `language` (its category), else that language's home page."""
    base = PurePosixPath(languages.base(src_uri))
    candidates = [base.as_posix()] + [(folder / "index.md").as_posix() for folder in base.parents]
    return next((path for candidate in candidates
                 if (path := languages.path_in(candidate, language)) in sources), None)


@dataclass(frozen=True)
class Choice:
    """One entry of the language switcher."""

    code: str
    name: str
    page: object
    # The same article translated into that language (not its category, home page or fallback page standing in).
    same: bool
    current: bool


@dataclass(frozen=True)
class SiteTranslations:
    """The templates' view: every page by source path, and the translations between them."""

    languages: Languages
    pages: Mapping[str, object]
    # The fallback pages (hooks/i18n/fallbacks.py) by path, each with the path of the page it shows.
    fallbacks: Mapping[str, str] = field(default_factory=dict)

    def original(self, page):
        """The default-language page a fallback page shows, or None for any other page."""
        found = self.fallbacks.get(page.file.src_uri) if page else None
        return self.pages.get(found) if found else None

    def language(self, page) -> str:
        """The language a page is written in; the default for a page outside docs/ (the 404 page)."""
        return self.languages.of(page.file.src_uri) if page else self.languages.default

    def alternates(self, page) -> list[tuple[str, object]]:
        """(language, page) for the page and each translation of it, for sitemap.xml; empty when it has none."""
        found = translations(page.file.src_uri, self.pages, self.languages) if page and not self.original(page) else {}
        found = {code: path for code, path in found.items() if path not in self.fallbacks}
        return [(code, self.pages[path]) for code, path in found.items()] if len(found) > 1 else []

    def switcher(self, page) -> list[Choice]:
        """Every language, each with where the switcher sends a reader of `page`; empty on a one-language site."""
        if not page or len(self.languages.names) < 2:
            return []
        own, choices = self.language(page), []
        for code, name in self.languages.names.items():
            target = closest(page.file.src_uri, code, self.pages, self.languages)
            if target is not None:
                same = (self.languages.base(target) == self.languages.base(page.file.src_uri)
                        and target not in self.fallbacks and page.file.src_uri not in self.fallbacks)
                choices.append(Choice(code, name, self.pages[target], same, code == own))
        return choices
