"""MkDocs hook: load the support contact from `extra.support` once per build.

A bad setting stops the build with one line that names the key. The validated contact of
every language goes to the templates as `config.extra.kb_support` (`.of(kb_language)`), and
the placeholder extension joins the Markdown extensions; before each page is rendered, the
extension is told the page's language.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.checks.config import setting_error_line
from hooks.state import i18n, support
from hooks.support.languages import load_site_support
from hooks.support.phone_links import PhoneLinksExtension
from hooks.support.phones import SupportConfigError


def on_config(config):
    """Validate `extra.support` against the site's languages (hooks/on_i18n.py read them first);
    hand it to the templates and to the Markdown renderer."""
    support.page_language = None
    try:
        contacts = load_site_support(config.extra.get("support"), i18n.languages)
    except SupportConfigError as error:
        config_file = config.config_file_path
        raise PluginError(setting_error_line(os.path.relpath(config_file),
                                             Path(config_file).read_text(encoding="utf-8"), error)) from None
    config.extra["kb_support"] = contacts
    config.markdown_extensions.append(PhoneLinksExtension(contacts, lambda: support.page_language))
    return config


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    """The page's placeholders are about to be rendered: they take its language's numbers."""
    support.page_language = i18n.languages.of(page.file.src_uri)
    return markdown
