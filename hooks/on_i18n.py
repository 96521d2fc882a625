"""MkDocs hook: the site's languages (`extra.languages`; see hooks/i18n/).

A bad setting stops the build with one line. Each language gets its own navigation, and each
page is drawn with its language's navigation and Material strings. A page a language has no
translation of gets a fallback page there (hooks/i18n/fallbacks.py); a translation older than its
original gets the stale banner (hooks/i18n/staleness.py).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from hooks import engine_loggers
from hooks.checks.config import setting_error_line
from hooks.checks.rules.strings import untranslated
from hooks.i18n.callouts import titled_in
from hooks.i18n.catalogue import CATALOGUES, CatalogueError, load_catalogues, template_helpers
from hooks.i18n.direction import RootDirection
from hooks.i18n.fallbacks import fallback_pages, is_fallback_echo
from hooks.i18n.languages import (LanguageConfigError, check_announcement, load_languages, material_languages,
                                  missing_home_pages)
from hooks.i18n.navigation import split_navigation
from hooks.i18n.staleness import stale_banner
from hooks.i18n.translations import SiteTranslations
from hooks.state import dates, i18n

log = logging.getLogger("mkdocs.plugins.kb_i18n")


class FallbackEchoes(logging.Filter):
    """Drops MkDocs' link and anchor warnings about fallback pages: the original's say it once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not is_fallback_echo(record.getMessage(), i18n.fallbacks)


ECHOES = FallbackEchoes()


def config_error(config, message: str) -> PluginError:
    """The one line for a bad `extra.languages`: mkdocs.yml, the setting's line, what is wrong and the fix."""
    config_file = config.config_file_path
    return PluginError(setting_error_line(os.path.relpath(config_file), Path(config_file).read_text(encoding="utf-8"),
                                          LanguageConfigError(message)))


def on_config(config):
    """Validate `extra.languages` against the theme's language and Material's translations, and the
    promotion bar's languages against them; read our strings' catalogues (hooks/i18n/strings/)."""
    try:
        i18n.languages = load_languages(config.extra.get("languages"), config.theme["language"],
                                        material_languages())
        check_announcement(config.extra.get("announcement"), i18n.languages)
    except LanguageConfigError as error:
        raise config_error(config, str(error)) from None
    shown = Path(os.path.relpath(CATALOGUES))
    try:
        i18n.strings = load_catalogues(CATALOGUES, list(i18n.languages.names), shown)
    except CatalogueError as error:
        raise PluginError(str(error)) from None
    for path, finding in untranslated(i18n.strings, dict(i18n.languages.names), shown):
        log.warning(finding.format(path))
    for pages_log in engine_loggers("structure.pages"):
        pages_log.addFilter(ECHOES)  # once: the same filter is not added twice
    return config


@event_priority(-150)  # after the drafts are gone and the checks have their pages: a fallback is not checked twice
def on_files(files, *, config):
    """Add each language's fallback pages: the default language's file, at the other language's path."""
    pages = files.documentation_pages()
    plan = fallback_pages([file.src_uri for file in pages if file.inclusion.is_in_nav()],
                          {file.src_uri for file in pages}, i18n.languages)
    for path, original in plan.items():
        files.append(File.generated(config, path, abs_src_path=files.get_file_from_path(original).abs_src_path))
    i18n.fallbacks = plan
    log.debug("fallback pages: %d", len(plan))
    return files


def on_nav(nav, *, config, files):
    """Cut the navigation into one per language; know every page by its source path."""
    pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page is not None}
    if missing := missing_home_pages(i18n.languages, set(pages)):
        raise config_error(config, f"extra.languages.{missing[0]}: docs/{missing[0]}/index.md is missing; "
                                   "a language needs its home page (or remove the language)")
    i18n.navigations = split_navigation(nav, i18n.languages)
    i18n.site = SiteTranslations(i18n.languages, pages, i18n.fallbacks)
    log.debug("languages: %s", ", ".join(i18n.languages.names))
    return i18n.navigations[i18n.languages.default]


def on_env(env, *, config, files):
    """The templates ask `kb_i18n` for a page's translations (sitemap.xml) and switcher targets, and
    `kb_t` for our strings in the page's language; `<html>` carries the page's direction, as `<body>` does."""
    env.globals["kb_i18n"] = i18n.site
    env.globals.update(template_helpers(i18n.strings))
    env.add_extension(RootDirection)
    return env


def commit_of(src_uri: str):
    """The last commit of the page at `src_uri` (a path under docs/), from the dates' one `git log`."""
    page = i18n.site.pages.get(src_uri)
    return dates.commits.get(os.path.realpath(page.file.abs_src_path)) if page and page.file.abs_src_path else None


def on_page_content(html, *, page, config, files):
    """An untitled important callout is titled in the page's language (hooks/i18n/callouts.py)."""
    return titled_in(html, i18n.site.language(page), i18n.strings)


def on_page_context(context, *, page, config, nav):
    """Draw the page in its language, with its language's navigation; a translation older than its
    original gets the stale banner (`kb_stale`), a fallback page its note and its original's canonical
    link (`kb_fallback`, the original page): overrides/partials/kb-stale.html and kb-fallback.html."""
    language = i18n.site.language(page)
    context["kb_language"] = language
    context["nav"] = i18n.navigations[language]
    context["kb_stale"] = stale_banner(page, i18n.languages, i18n.site.pages, commit_of)
    context["kb_fallback"] = original = i18n.site.original(page)
    if original is not None:
        page.canonical_url = original.canonical_url
    return context
