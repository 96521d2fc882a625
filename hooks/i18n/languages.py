"""`extra.languages` in mkdocs.yml: the site's languages, the default first, validated once.

A language other than the default lives in its own folder, `docs/<code>/`, mirroring the
default language's paths; its URLs start with `/<code>/`. The default language stays at the
root, so adding a language moves no published URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping


class LanguageConfigError(ValueError):
    """A bad `extra.languages` setting. The message is one line that starts with the setting's key."""


def material_strings() -> Path:
    """The folder of Material's interface strings, one template per language: a code without one
    would leave the theme's labels in English. Imported here, not above: the writers' checks (and
    their pre-commit hook) run without the theme."""
    import material

    return Path(material.__file__).parent / "templates" / "partials" / "languages"


def material_languages() -> frozenset[str]:
    """The language codes Material has interface strings for."""
    return frozenset(path.stem for path in material_strings().glob("*.html"))


@dataclass(frozen=True)
class Languages:
    """Each language's code and the name the language switcher shows; the default one first."""

    names: Mapping[str, str]

    @property
    def default(self) -> str:
        return next(iter(self.names))

    def of(self, src_uri: str) -> str:
        """The language of the page at `src_uri` (a path under docs/): its first folder's, or the default."""
        first = src_uri.partition("/")[0]
        return first if first in self.names and first != self.default else self.default

    def base(self, src_uri: str) -> str:
        """The path of `src_uri` in the default language's tree (`es/a/b.md` -> `a/b.md`)."""
        language = self.of(src_uri)
        return src_uri if language == self.default else src_uri[len(language) + 1:]

    def path_in(self, base: str, language: str) -> str:
        """Where the page at `base` (a default-language path) lives in `language`."""
        return base if language == self.default else f"{language}/{base}"


def load_languages(setting, theme_language: str, known: frozenset[str]) -> Languages:
    """`extra.languages` checked against the theme's language and Material's translations.

    Absent, the site has one language: the theme's. Raises LanguageConfigError on a bad value.
    """
    if setting is None:
        return Languages(MappingProxyType({theme_language: theme_language}))
    if not isinstance(setting, dict) or not setting:
        raise LanguageConfigError("extra.languages: write one `code: name` line per language, "
                                  f"the default first (for example `{theme_language}: English`)")
    for code, name in setting.items():
        if not isinstance(code, str) or code not in known:
            raise LanguageConfigError(f"extra.languages.{code}: Material has no translation for {code!r}; "
                                      "use a code from material/templates/partials/languages/ (such as es, fr, ar)")
        if not isinstance(name, str) or not name.strip():
            raise LanguageConfigError(f"extra.languages.{code}: write the language's name as its readers "
                                      f"write it (for example `{code}: Español`)")
    first = next(iter(setting))
    if first != theme_language:
        raise LanguageConfigError(f"extra.languages.{first}: the first language is the default and must be "
                                  f"theme.language ({theme_language}); list {theme_language} first")
    return Languages(MappingProxyType({code: name.strip() for code, name in setting.items()}))


def missing_home_pages(languages: Languages, sources: set[str]) -> list[str]:
    """The languages with no home page (`docs/<code>/index.md`) among `sources`."""
    return [code for code in languages.names if languages.path_in("index.md", code) not in sources]


ANNOUNCEMENT_SETTINGS = ("text", "link")


def check_announcement(setting, languages: Languages) -> None:
    """`extra.announcement.languages`: each key a language of the site other than the default, each
    value its own `text` and `link`. Raises LanguageConfigError on a bad one (a misspelt code
    would leave that language's readers the default's bar with no word said)."""
    own = (setting or {}).get("languages") if isinstance(setting, dict) else None
    if own is None:
        return
    others = [code for code in languages.names if code != languages.default]
    if not isinstance(own, dict):
        raise LanguageConfigError("extra.announcement.languages: write one group per language, "
                                  "such as `es:` with its `text:` and `link:` under it")
    for code, settings in own.items():
        path = f"extra.announcement.languages.{code}"
        if code not in others:
            choice = f"use one of {', '.join(others)}" if others else "the site has no other language"
            raise LanguageConfigError(f"{path}: {code!r} is not another language of extra.languages; {choice}"
                                      + ("; the default's bar is extra.announcement itself"
                                         if code == languages.default else ""))
        if not isinstance(settings, dict):
            raise LanguageConfigError(f"{path}: write this language's `text:` and `link:` under it")
        unknown = next((name for name in settings if name not in ANNOUNCEMENT_SETTINGS), None)
        if unknown is not None:
            raise LanguageConfigError(f"{path}.{unknown}: unknown setting; give only text and link")
