"""KB416: a folder's `.nav.yml` (mkdocs-awesome-nav) that cannot be read; then its titles (KB301).

awesome-nav reads the file while the build makes the navigation: bytes that are not UTF-8
end the build in a traceback, and YAML it cannot parse is logged over several lines while
the folder silently loses its order and titles. The build and the writers' command ask
`nav_verdict` instead: one located line, and the build leaves the file out (the folder's
pages then follow by file name, as without a .nav.yml). A value awesome-nav refuses (`sort:
sideways`) is checked by the build only, with awesome-nav's own rules: loading them would
add more to the writers' command than checking a thousand articles takes.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from hooks.checks.findings import NAV_SETTINGS, Finding, rule
from hooks.checks.rules.files import decode_finding
from hooks.checks.rules.front_matter import yaml_error_place
from hooks.checks.rules.html import nav_title_problems
from hooks.checks.source import YAML_LOADER

# awesome-nav's file of a folder's navigation order and titles (its default name, which the site keeps).
NAV_FILE = ".nav.yml"
KB416 = "KB416"


@dataclass(frozen=True)
class NavVerdict:
    """The findings about a .nav.yml, and its text when awesome-nav may read it (None: leave it out)."""

    findings: tuple[Finding, ...]
    text: str | None


@rule(KB416, "nav-file-syntax", "A folder's .nav.yml is not valid YAML settings, so the folder would lose "
                                "its order and navigation titles.",
      tests="tests/test_rules_nav.py", reads=NAV_SETTINGS)
def nav_verdict(data: bytes, check_settings: bool = False) -> NavVerdict:
    """KB404 or KB416 when the file cannot be read as awesome-nav's settings; else KB301 in its titles.

    With `check_settings` (the build, which has awesome-nav loaded), each setting's value is
    also checked against awesome-nav's own rules.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return NavVerdict((decode_finding(data, error),), None)
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark, problem = yaml_error_place(error)
        return NavVerdict((Finding(mark.line + 1, mark.column + 1, KB416,
                                   f"the file is not valid YAML ({problem}); put quotes around a title that holds "
                                   'a colon, brackets or braces, e.g. - "Mail: the basics": mail.md'),), None)
    except yaml.YAMLError as error:
        return NavVerdict((Finding(1, 1, KB416, f"the file is not valid YAML ({error}); fix it as the writers' "
                                                "guide shows"),), None)
    if root is not None and not isinstance(root, yaml.MappingNode):
        return NavVerdict((Finding(root.start_mark.line + 1, root.start_mark.column + 1, KB416,
                                   "the file is not a list of `key: value` settings; start it with nav: and one "
                                   "entry per line below it, e.g.   - mail.md"),), None)
    if check_settings and root is not None and (finding := settings_finding(text, root)):
        return NavVerdict((finding,), None)
    return NavVerdict(tuple(nav_title_problems(text)), text)


def node_at(root: yaml.Node, location: tuple) -> tuple[yaml.Node, list]:
    """The deepest YAML node along a setting's location (keys and list positions), and the path to it."""
    node, path = root, []
    for part in location:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            found = node.value[part]
        else:
            found = None
        if found is None:
            break
        node, path = found, [*path, part]
    return node, path


def settings_finding(text: str, root: yaml.Node) -> Finding | None:
    """KB416 at the first setting whose value awesome-nav refuses (it would log the error over
    several lines and drop the whole file)."""
    from mkdocs_awesome_nav.nav.config import ConfigModel  # its own rules; loaded by the build already
    from pydantic import ValidationError

    try:
        ConfigModel.from_yaml(text)
    except ValidationError as error:
        problem = error.errors()[0]
        node, path = node_at(root, problem["loc"])
        setting = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")
        if path[:1] == ["nav"]:
            fix = ('write each entry under nav: as a file or folder name (- mail.md), a title and a file '
                   '(- "Mail": mail.md) or a title and a list of entries')
        else:
            fix = "change it as that says, or remove the line to keep awesome-nav's default"
        return Finding(node.start_mark.line + 1, node.start_mark.column + 1, KB416,
                       f"the value of `{setting or 'the file'}` is not one awesome-nav accepts "
                       f"({problem['msg'][0].lower()}{problem['msg'][1:]}); {fix}")
    return None
