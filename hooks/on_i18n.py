"""MkDocs hook: the site's languages (`extra.languages`; see hooks/i18n/).

A bad setting stops the build with one line. Each language gets its own navigation, and each
page is drawn with its language's navigation and Material strings.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.checks.rules.settings import setting_line
from hooks.checks.rules.strings import untranslated
from hooks.i18n.callouts import titled_in
from hooks.i18n.catalogue import CATALOGUES, CatalogueError, load_catalogues, template_helpers
from hooks.i18n.languages import LanguageConfigError, load_languages, material_languages, missing_home_pages
from hooks.i18n.navigation import split_navigation
from hooks.i18n.translations import SiteTranslations
from hooks.state import i18n

log = logging.getLogger("mkdocs.plugins.kb_i18n")


def config_error(config, message: str) -> PluginError:
    """The one line for a bad `extra.languages`: mkdocs.yml, the setting's line, what is wrong and the fix."""
    config_file = config.config_file_path
    line = setting_line(Path(config_file).read_text(encoding="utf-8"), message.split(":", 1)[0])
    return PluginError(f"{os.path.relpath(config_file)}:{line}: {message}")


def on_config(config):
    """Validate `extra.languages` against the theme's language and Material's translations; read our
    strings' catalogues (hooks/i18n/strings/)."""
    try:
        i18n.languages = load_languages(config.extra.get("languages"), config.theme["language"],
                                        material_languages())
    except LanguageConfigError as error:
        raise config_error(config, str(error)) from None
    shown = Path(os.path.relpath(CATALOGUES))
    try:
        i18n.strings = load_catalogues(CATALOGUES, list(i18n.languages.names), shown)
    except CatalogueError as error:
        raise PluginError(str(error)) from None
    for path, finding in untranslated(i18n.strings, dict(i18n.languages.names), shown):
        log.warning(finding.format(path))
    return config


def on_nav(nav, *, config, files):
    """Cut the navigation into one per language; know every page by its source path."""
    pages = {file.src_uri: file.page for file in files.documentation_pages() if file.page is not None}
    if missing := missing_home_pages(i18n.languages, set(pages)):
        raise config_error(config, f"extra.languages.{missing[0]}: docs/{missing[0]}/index.md is missing; "
                                   "a language needs its home page (or remove the language)")
    i18n.navigations = split_navigation(nav, i18n.languages)
    i18n.site = SiteTranslations(i18n.languages, pages)
    log.debug("languages: %s", ", ".join(i18n.languages.names))
    return i18n.navigations[i18n.languages.default]


def on_env(env, *, config, files):
    """The templates ask `kb_i18n` for a page's translations (sitemap.xml) and switcher targets, and
    `kb_t` for our strings in the page's language."""
    env.globals["kb_i18n"] = i18n.site
    env.globals.update(template_helpers(i18n.strings))
    return env


def on_page_content(html, *, page, config, files):
    """An untitled important callout is titled in the page's language (hooks/i18n/callouts.py)."""
    return titled_in(html, i18n.site.language(page), i18n.strings)


def on_page_context(context, *, page, config, nav):
    """Draw the page in its language, with its language's navigation."""
    language = i18n.site.language(page)
    context["kb_language"] = language
    context["nav"] = i18n.navigations[language]
    return context
