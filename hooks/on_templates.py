"""MkDocs hook: read each template once per build.

Jinja's default (`auto_reload`) checks a template file's date on every `{% include %}`, some
fifty times per page. MkDocs makes a new environment for every build, `mkdocs serve`
rebuilds included, so an edited template is still picked up.
"""

from __future__ import annotations


def on_env(env, *, config, files):
    """Serve templates from Jinja's cache without checking the files again."""
    env.auto_reload = False
    return env
