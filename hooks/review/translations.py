"""The translations part of `python -m hooks stale`: per language, the translations older than their
original and the pages not translated yet, with the days of their last commits.

The languages come from mkdocs.yml (`extra.languages`, read as the build reads it); the commits
from the same one `git log` the review dates use.
"""

from __future__ import annotations

import os
from pathlib import Path

from hooks.i18n.languages import LanguageConfigError, Languages, load_languages, material_languages
from hooks.i18n.staleness import Translations, translation_report


class ConfigProblem(ValueError):
    """mkdocs.yml cannot give the languages. The message is the one line to print."""


def site_languages(config: Path) -> Languages:
    """`extra.languages` of the mkdocs.yml at `config`; raises ConfigProblem with a located line."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reader, for its !ENV tags

    from hooks.checks.rules.settings import setting_line

    try:
        text = config.read_text(encoding="utf-8")
        settings = yaml_load(text) or {}
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigProblem(f"{config}:1: cannot read the site's settings ({error.__class__.__name__}); "
                            "pass --config PATH to the site's mkdocs.yml") from None
    except ConfigurationError:
        raise ConfigProblem(f"{config}:1: not valid YAML; run mkdocs build to see where") from None
    extra, theme = settings.get("extra"), settings.get("theme")
    extra, theme = extra if isinstance(extra, dict) else {}, theme if isinstance(theme, dict) else {}
    try:
        return load_languages(extra.get("languages"), theme.get("language", "en"), material_languages())
    except LanguageConfigError as error:
        line = setting_line(text, str(error).split(":", 1)[0])
        raise ConfigProblem(f"{os.path.relpath(config)}:{line}: {error}") from None


def docs_sources(docs: Path) -> set[str]:
    """Every Markdown page under `docs`, as a path under it (symbolic links are not pages of their own)."""
    return {path.relative_to(docs).as_posix() for path in docs.rglob("*.md") if not path.is_symlink()}


def translation_lines(docs: Path, languages: Languages, committed: dict) -> tuple[list[str], int]:
    """The report's lines, language by language, and how many translations are behind.

    `committed` is the last commit of each file by real path (hooks/publish/dates.py last_commits).
    """
    def commit_of(src_uri: str):
        return committed.get(os.path.realpath(docs / src_uri))

    shown = os.path.relpath(docs)
    lines, late = [], 0
    for part in translation_report(docs_sources(docs), languages, commit_of):
        lines += language_lines(part, shown)
        late += len(part.behind)
    return lines, late


def language_lines(part: Translations, shown: str) -> list[str]:
    """One language's lines: a count, then each translation behind, then each page not translated."""
    lines = [f"{part.language}: {len(part.behind)} translation(s) behind the original, "
             f"{len(part.missing)} page(s) not translated"]
    for row in part.behind:
        lines.append(f"{shown}/{row.translation}: behind {shown}/{row.original}, which changed on "
                     f"{row.original_day.isoformat()}; the translation last changed on {row.translation_day.isoformat()}; "
                     "update it and commit")
    for original in part.missing:
        lines.append(f"{shown}/{part.language}/{original}: not translated; the original is {shown}/{original}")
    return lines
