"""MkDocs hook: load the support contact from `extra.support` once per build.

A bad setting stops the build with one line that names the key. The validated contact
goes to the templates as `config.extra.kb_support`, and the placeholder extension joins
the Markdown extensions.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from hooks.checks.config import support_error_line
from hooks.support.phone_links import PhoneLinksExtension
from hooks.support.phones import SupportConfigError, load_support


def on_config(config):
    """Validate `extra.support`, hand it to the templates and to the Markdown renderer."""
    try:
        support = load_support(config.extra.get("support"))
    except SupportConfigError as error:
        config_file = config.config_file_path
        raise PluginError(support_error_line(os.path.relpath(config_file),
                                             Path(config_file).read_text(encoding="utf-8"), error)) from None
    config.extra["kb_support"] = support
    config.markdown_extensions.append(PhoneLinksExtension(support))
    return config
