"""Parts of a page that are the same on many pages, rendered once per build.

In a template, `{% once "name" %}...{% endonce %}` renders its body the first time and gives
the same HTML again on every later page in the same folder, at the same depth. The folder is
part of the key because MkDocs writes links relative to the page: a link from
`email-setup/outlook/` to `domains/` is `../../domains/` from every article of `email-setup/`,
but not from the home page. Anything else the body reads of the page must be in the key:
`{% once "nav", path %}`. A fragment lives for one build (MkDocs makes a new template
environment for each, `mkdocs serve` rebuilds included).

The theme's header, navigation, settings and scripts took about half of the template time at
1,000 articles although they differ only by folder.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension


def page_folder(context) -> tuple:
    """Where a page's relative links start from: its depth (`base_url`) and the folder that holds it; and
    the language it is drawn in (hooks/on_i18n.py), since `es/` sits at the depth of the English categories."""
    page = context.get("page")
    folder = page.url.rstrip("/").rpartition("/")[0] if page else None
    return context.get("base_url"), folder, context.get("kb_language")


class RenderOnce(Extension):
    """Jinja extension: the `{% once key, ... %}` block."""

    tags = {"once"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(kb_fragments={})

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        key = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            key.append(parser.parse_expression())
        body = parser.parse_statements(("name:endonce",), drop_needle=True)
        call = self.call_method("_fragment", [nodes.ContextReference(), nodes.Tuple(key, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _fragment(self, context, key, caller):
        """The body's HTML for this key and page folder: rendered now if it is the first time."""
        fragments = self.environment.kb_fragments
        full_key = (key, page_folder(context))
        if full_key not in fragments:
            fragments[full_key] = caller()
        return fragments[full_key]
