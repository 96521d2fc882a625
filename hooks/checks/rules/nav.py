"""KB416: a folder's `.nav.yml` (mkdocs-awesome-nav) that cannot be read; then its titles (KB301).

awesome-nav reads the file while the build makes the navigation: bytes that are not UTF-8
end the build in a traceback, and YAML it cannot parse is logged over several lines while
the folder silently loses its order and titles. The build and the writers' command ask
`nav_verdict` instead: one located line, and the build leaves the file out (the folder's
pages then follow by file name, as without a .nav.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from hooks.checks.findings import Finding, site_rule
from hooks.checks.rules.files import decode_finding
from hooks.checks.rules.front_matter import yaml_error_place
from hooks.checks.rules.html import nav_title_problems
from hooks.checks.source import YAML_LOADER

# awesome-nav's file of a folder's navigation order and titles (its default name, which the site keeps).
NAV_FILE = ".nav.yml"
KB416 = "KB416"

site_rule(KB416, "nav-file-syntax", "A folder's .nav.yml is not valid YAML settings, so the folder would lose "
                                    "its order and navigation titles.")


@dataclass(frozen=True)
class NavVerdict:
    """The findings about a .nav.yml, and its text when awesome-nav may read it (None: leave it out)."""

    findings: tuple[Finding, ...]
    text: str | None


def nav_verdict(data: bytes) -> NavVerdict:
    """KB404 or KB416 when the file cannot be read as awesome-nav's settings; else KB301 in its titles."""
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
    return NavVerdict(tuple(nav_title_problems(text)), text)
