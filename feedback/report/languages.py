"""The dashboard per language: which language a page is in (its URL's first folder, as
`extra.languages` in mkdocs.yml sets the site's languages) and the dashboard's rows for one language.

Answers and views name their page, so they are counted per language; searches and contact
steps name no page, so those sections cover every language.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

from hooks.i18n.languages import LanguageConfigError, Languages, load_languages, material_languages

if TYPE_CHECKING:  # the rows' modules read the languages from here
    from feedback.report.articles import Row
    from feedback.report.stale import Overdue


class UnknownLanguage(ValueError):
    """`--language` names no language of the site, or mkdocs.yml's languages are wrong; one line."""


def site_languages(config: MkDocsConfig) -> Languages:
    """The site's languages, as the build validates them; UnknownLanguage when mkdocs.yml's are wrong."""
    try:
        return load_languages(config.extra.get("languages"), config.theme["language"], material_languages())
    except LanguageConfigError as error:
        raise UnknownLanguage(f"{os.path.relpath(config.config_file_path)}: {error}") from None


def chosen_language(languages: Languages, code: str | None) -> str | None:
    """`code` when it is one of the site's languages (None: every language); else UnknownLanguage."""
    if code is None or code in languages.names:
        return code
    raise UnknownLanguage(f'--language "{code}" is not a language of the site; use one of '
                          f"{', '.join(languages.names)} (extra.languages in mkdocs.yml), or leave it out for all")


def path_language(path: str, base: str, languages: Languages) -> str:
    """The language of the page at site path `path` (`/es/accounts/x/` under the site's `base` path `/`)."""
    return languages.of(path[len(base):] if path.startswith(base) else path.lstrip("/"))


def source_language(source: str, docs: Path, languages: Languages) -> str:
    """The language of a source file (a path to a file under `docs`)."""
    return languages.of(Path(os.path.relpath(Path(source).resolve(), docs.resolve())).as_posix())


def rows_in(rows: list[Row], language: str | None) -> list[Row]:
    """The rows about pages in `language`; every row for None."""
    return [row for row in rows if language is None or row.language == language]


def owners_in(owners: list[tuple[str, list[Overdue]]], language: str | None, docs: Path,
              languages: Languages) -> list[tuple[str, list[Overdue]]]:
    """The overdue articles in `language`, by owner, without the owners left with none; all for None."""
    if language is None:
        return owners
    kept = [(owner, [article for article in articles if source_language(article.source, docs, languages) == language])
            for owner, articles in owners]
    # Still the owner with most articles first, counting this language's only.
    return sorted(((owner, articles) for owner, articles in kept if articles), key=lambda item: (-len(item[1]), item[0]))
