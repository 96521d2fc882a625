"""MkDocs hook: render templates with less repeated work.

Jinja's default (`auto_reload`) checks a template file's date on every `{% include %}`, some
fifty times per page: templates are read once per build instead. MkDocs makes a new
environment for every build, `mkdocs serve` rebuilds included, so an edited template is
still picked up. Parts that differ only by folder are drawn once (hooks/pages/fragments.py).
"""

from __future__ import annotations

from hooks.pages.fragments import RenderOnce


def on_env(env, *, config, files):
    """Serve templates from Jinja's cache without checking the files again; enable `{% once %}`."""
    env.auto_reload = False
    env.add_extension(RenderOnce)
    return env
