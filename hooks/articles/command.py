"""`python -m hooks new CATEGORY "Title"` (`make new`): a new article's skeleton, as a draft.

Exit status: 0 when it is written, 2 (one line why) when it cannot be.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from hooks.articles.new import NewArticleError, plan_article, write_new
from hooks.checks.config import load_site_config

CLEAN, TROUBLE = 0, 2


def run_new(docs: Path, category: str, title: str, config: Path) -> int:
    """Write a new article's skeleton into its category; print where it went, or one line why not."""
    try:
        site = load_site_config(config)
        phone_keys, translations = site.settings.phone_keys, tuple(site.languages.names)[1:]
    except (OSError, yaml.YAMLError):
        # The skeleton then names no phone line; the checks report the config.
        phone_keys, translations = (), ()
    try:
        article = plan_article(docs, category, title, phone_keys, translations)
        write_new(article)
    except (NewArticleError, OSError) as error:
        print(f"{error}" if isinstance(error, NewArticleError) else f"{docs}: cannot write: {error.strerror}",
              file=sys.stderr)
        return TROUBLE
    print(f"{article.path}: written, a draft at {article.url} in its category's navigation. "
          "Preview it with `make serve`; delete `draft: true` to publish it.")
    return CLEAN
