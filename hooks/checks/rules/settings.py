"""KB410: a setting in mkdocs.yml that MkDocs does not know, found with its line."""

from __future__ import annotations

import difflib

import yaml

from hooks.checks.findings import SITE_SETTINGS, Finding, rule
from hooks.checks.source import YAML_LOADER

# MkDocs 1.6's own settings, in its order (`mkdocs.config.defaults.MkDocsConfig`); a test
# keeps this list equal to MkDocs', so the writers' command need not import MkDocs to know them.
MKDOCS_SETTINGS = (
    "config_file_path", "site_name", "nav", "pages", "exclude_docs", "draft_docs", "not_in_nav", "site_url",
    "site_description", "site_author", "theme", "docs_dir", "site_dir", "copyright", "google_analytics",
    "dev_addr", "use_directory_urls", "repo_url", "repo_name", "edit_uri_template", "edit_uri", "extra_css",
    "extra_javascript", "extra_templates", "markdown_extensions", "mdx_configs", "strict", "remote_branch",
    "remote_name", "extra", "plugins", "hooks", "watch", "validation",
)


def unknown_setting_finding(key: str, line: int) -> Finding:
    """KB410 for one setting, with the closest known name when there is one."""
    close = difflib.get_close_matches(key, MKDOCS_SETTINGS, n=1)
    advice = f'did you mean "{close[0]}"? Correct' if close else "remove it, or move it under extra: and correct"
    return Finding(line, 1, "KB410", f'unknown setting "{key}", which MkDocs ignores; {advice} its name')


def setting_lines(config_text: str) -> dict[str, int]:
    """The line of each top-level setting in the text of mkdocs.yml (empty when it does not parse)."""
    try:
        root = yaml.compose(config_text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in root.value if isinstance(key, yaml.ScalarNode)}


@rule("KB410", "unknown-setting", "mkdocs.yml has a top-level setting that MkDocs does not know; "
                                  "it is ignored, so it is probably misspelt.",
      tests="tests/test_catalogue.py", reads=SITE_SETTINGS)
def unknown_settings(config_text: str) -> list[Finding]:
    """KB410 for every top-level setting of mkdocs.yml that MkDocs does not know."""
    return [unknown_setting_finding(key, line) for key, line in setting_lines(config_text).items()
            if key not in MKDOCS_SETTINGS]


def setting_line(config_text: str, dotted: str) -> int:
    """The line of the deepest part of a dotted setting (`extra.support.phones.us`) that mkdocs.yml has."""
    try:
        node = yaml.compose(config_text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return 1
    line = 1
    for part in dotted.split("."):
        if not isinstance(node, yaml.MappingNode):
            break
        entry = next(((key, value) for key, value in node.value if getattr(key, "value", None) == part), None)
        if entry is None:
            break
        line, node = entry[0].start_mark.line + 1, entry[1]
    return line
