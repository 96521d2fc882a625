"""KB415: a front-matter `template` that names none of the site's page templates.

MkDocs looks the name up only when it draws the page, and a name it cannot find ends the
build in a Jinja traceback (TemplateNotFound). The build (`page_verdict`, before any page is
drawn) and the writers' command report the `template:` value instead, and the build leaves
the page out of the site.

A page may name the templates at the top of the theme's `custom_dir` (overrides/: home.html,
category.html, main.html), and main.html, MkDocs' default, on any theme. Material's other
page templates are not offered: base.html is what main.html extends, so a page drawn with it
loses what main.html adds (the search marker, the support block, the feedback question);
blog.html and blog-post.html need Material's blog plugin, which the site does not run; 404.html
and redirect.html are drawn by MkDocs and the redirects plugin for their own pages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable

import yaml

from hooks.checks.findings import Finding, rule
from hooks.checks.rules.front_matter import node_type, front_matter_settings
from hooks.checks.source import Document

KB415 = "KB415"
# What MkDocs draws a page with when its front matter names no template.
DEFAULT_TEMPLATE = "main.html"


def page_templates(names: Iterable[str]) -> frozenset[str]:
    """The templates a page may name, from the file names at the top of the theme's custom_dir."""
    return frozenset({DEFAULT_TEMPLATE, *(name for name in names
                                          if name.endswith(".html") and not name.startswith("."))})


def templates_in(custom_dir: str | os.PathLike | None) -> frozenset[str]:
    """`page_templates` of the files at the top of `custom_dir` (main.html alone without one)."""
    folder = Path(custom_dir) if custom_dir else None
    if folder is None or not folder.is_dir():
        return page_templates(())
    return page_templates(entry.name for entry in folder.iterdir() if entry.is_file())


def quoted(name: str) -> str:
    """The writer's value in double quotes, on one line whatever it holds."""
    return json.dumps(name, ensure_ascii=False)


def template_problem(value: yaml.Node, templates: frozenset[str]) -> str | None:
    """What is wrong with the `template:` value, if anything."""
    *others, last = sorted(templates)
    choices = f"{', '.join(others)} or {last}" if others else last
    if not (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":str")):
        return f"template must be the file name of a page template, found {node_type(value)}; use {choices}"
    name = value.value
    if name in templates:
        return None
    if "/" in name or "\\" in name:
        return f"template {quoted(name)} is a path; name one of the site's page templates instead: {choices}"
    return (f"template {quoted(name)} is none of the site's page templates; use {choices}, or delete the line "
            f"(an article uses {DEFAULT_TEMPLATE})")


@rule(KB415, "unknown-template",
      "A front-matter `template` names none of the site's page templates, so the page cannot be drawn.",
      tests="tests/test_rules_templates.py")
def unknown_template(doc: Document):
    """Flag a `template:` value that is not a page template, at the value (skipped when the theme was not read)."""
    templates = doc.settings.page_templates
    if templates is None:
        return
    for key, value in front_matter_settings(doc):
        if getattr(key, "value", None) == "template" and (problem := template_problem(value, templates)):
            yield Finding(value.start_mark.line + 2, value.start_mark.column + 1, KB415, problem)
