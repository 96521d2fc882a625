"""KB002 and KB003: Markdown the checks cannot follow is reported, never silently misread."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from hooks.checks.config import ConfigLoader
from hooks.checks.engine import check_text
from hooks.checks.extensions import MODELLED
from hooks.checks.rules.unmodelled import extension_findings
from hooks.checks.source import Settings
from tests.conftest import DOCS, ROOT
from tests.sitebuild import build

SITE_CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def with_extension(config: str, entry: str) -> tuple[str, int]:
    """The config with `entry` added as the first markdown extension, and that entry's 1-based line."""
    lines = config.split("\n")
    at = lines.index("markdown_extensions:") + 1
    lines.insert(at, f"  - {entry}")
    return "\n".join(lines), at + 1


def test_the_site_config_has_no_unmodelled_extension():
    """mkdocs.yml as committed: every block extension in it is followed by the checks."""
    assert extension_findings(SITE_CONFIG) == []


@pytest.mark.parametrize("entry", ["pymdownx.fancylists", "pymdownx.blocks.admonition", "pymdownx.snippets",
                                   "meta", "markdown.extensions.meta", "pymdownx.saneheaders", "my_company.steps"])
def test_a_block_extension_the_checks_do_not_follow_is_reported_at_its_line(entry):
    """The finding names the extension and the rules that may be wrong, at the entry's line and column."""
    config, line = with_extension(SITE_CONFIG, entry)
    [finding] = extension_findings(config)
    assert (finding.line, finding.col, finding.rule_id) == (line, 5, "KB002")
    assert f"`{entry}`" in finding.message
    assert "KB101-KB106 may be wrong" in finding.message or "every rule may be wrong" in finding.message


@pytest.mark.parametrize("entry", ["footnotes", "def_list", "abbr", "attr_list", "pymdownx.keys",
                                   "markdown.extensions.footnotes", "pymdownx.tasklist", "toc"])
def test_modelled_and_inline_extensions_are_not_reported(entry):
    """Extensions the scanner follows, and those that never change blocks, give nothing."""
    assert extension_findings(with_extension(SITE_CONFIG, entry)[0]) == []


def test_an_extension_with_options_is_located_at_its_name():
    """A `- name:` mapping entry is reported at the name."""
    config, line = with_extension(SITE_CONFIG, "pymdownx.blocks.html:\n      custom: []")
    assert [(f.line, f.col) for f in extension_findings(config)] == [(line, 5)]


def test_mkdocs_builtin_fenced_code_counts_unless_superfences_replaces_it():
    """MkDocs always loads fenced_code; without superfences its fences are not the ones modelled."""
    assert extension_findings("markdown_extensions:\n  - pymdownx.superfences\n") == []
    [finding] = extension_findings("site_name: x\nmarkdown_extensions:\n  - admonition\n")
    assert (finding.line, finding.rule_id) == (2, "KB002") and "`fenced_code`" in finding.message
    assert "pymdownx.superfences" in finding.message


def test_a_bundle_is_reported_for_the_unmodelled_part_it_loads():
    """`extra` loads fenced_code; `pymdownx.extra` loads superfences instead, which the checks follow."""
    bundled = [f for f in extension_findings("markdown_extensions:\n  - extra\n") if f.line == 2]
    assert len(bundled) == 1 and "`extra (fenced_code)`" in bundled[0].message
    assert extension_findings("markdown_extensions:\n  - pymdownx.extra\n") == []


def test_writers_command_reports_kb002_on_mkdocs_yml(tmp_path):
    """`python -m hooks check` prints the config finding, located in mkdocs.yml, and exits 1."""
    config, line = with_extension(SITE_CONFIG, "pymdownx.fancylists")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ok.md").write_text("# T\n\n1. a\n2. b\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "hooks", "check", "docs"], cwd=tmp_path, capture_output=True,
                            text=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith(f"mkdocs.yml:{line}:5: KB002 markdown extension `pymdownx.fancylists`")
    assert result.stdout.count("\n") == 1 and result.stderr == ""


def test_strict_build_fails_on_kb002_and_names_the_line(project_copy, tmp_path):
    """The build reports the same finding at mkdocs.yml's line, and the strict build fails."""
    config, line = with_extension(SITE_CONFIG, "pymdownx.saneheaders")
    (project_copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 1
    assert f"mkdocs.yml:{line}:5: KB002 markdown extension `pymdownx.saneheaders`" in result.output


MD_IN_HTML = Settings(extensions=frozenset({"md_in_html", "sane_lists"}))


@pytest.mark.parametrize("tag", ["<div markdown>", '<div class="x" markdown="1">', "<section markdown='block'>"])
def test_kb003_reports_an_html_block_whose_markdown_the_checks_do_not_read(tag):
    """With md_in_html, the opening tag of a block with Markdown inside is reported at its column."""
    text = f"# T\n\n  {tag}\n1. a\n3. b\n</div>\n"
    assert [(f.line, f.col) for f in check_text(text, MD_IN_HTML) if f.rule_id == "KB003"] == [(3, 3)]


@pytest.mark.parametrize("text, settings", [
    ('# T\n\n<div markdown="0">\n1. a\n</div>\n', MD_IN_HTML),
    ("# T\n\n<div class='markdown-body'>\n1. a\n</div>\n", MD_IN_HTML),
    ("# T\n\n<div markdown>\n1. a\n</div>\n", Settings(extensions=frozenset({"sane_lists"}))),
])
def test_kb003_leaves_raw_html_that_stays_raw(text, settings):
    """No `markdown` attribute, `markdown="0"`, or no md_in_html: the block stays raw HTML."""
    assert [f for f in check_text(text, settings) if f.rule_id == "KB003"] == []


def test_writers_guide_lists_every_modelled_extension():
    """The guide's "Markdown the checks follow" names each extension the scanner models."""
    guide = (DOCS / "writers-guide/steps-and-callouts.md").read_text(encoding="utf-8")
    section = guide[guide.index("### Markdown the checks follow"):]
    section = section[:section.index("\n## ")]
    assert all(f"`{name}`" in section for name in MODELLED)


# ---------------------------------------------------------------- markdown_extensions as a mapping

def as_mapping(config: str) -> str:
    """The config with `markdown_extensions` rewritten as one mapping of names to options (JSON is YAML)."""
    value = yaml.load(config, Loader=ConfigLoader)["markdown_extensions"]
    lines = config.split("\n")
    start = lines.index("markdown_extensions:") + 1
    end = next(i for i in range(start, len(lines)) if lines[i] and not lines[i].startswith(" "))
    entries = [next(iter(entry.items())) if isinstance(entry, dict) else (entry, None) for entry in value]
    mapping = [f"  {name}:" + ("" if options is None else f" {json.dumps(options)}") for name, options in entries]
    return "\n".join(lines[:start] + mapping + lines[end:])


def test_the_mapping_form_of_the_site_config_is_read_like_the_list_form():
    """The site's own extensions as a mapping: superfences is seen, so nothing is reported."""
    mapping = as_mapping(SITE_CONFIG)
    assert "  pymdownx.superfences:" in mapping and "  - pymdownx.superfences" not in mapping
    assert extension_findings(mapping) == []
    assert load_site_config_text(mapping).settings.extensions == load_site_config_text(SITE_CONFIG).settings.extensions


@pytest.mark.parametrize("entry", ["pymdownx.snippets", "pymdownx.fancylists", "meta"])
def test_an_unmodelled_extension_in_the_mapping_form_is_reported_at_its_name(entry):
    """The same finding, at the entry's own line and column, as in the list form."""
    listed, line = with_extension(SITE_CONFIG, entry)
    mapping = as_mapping(listed)
    [from_list] = extension_findings(listed)
    [from_mapping] = extension_findings(mapping)
    assert (from_mapping.line, from_mapping.col) == (line, 3)
    assert mapping.split("\n")[line - 1] == f"  {entry}:"
    assert from_mapping.message == from_list.message


def load_site_config_text(text: str):
    """The writers' command's reading of a mkdocs.yml with this text."""
    from hooks.checks.config import SiteConfig
    return SiteConfig(ROOT / "mkdocs.yml", text, yaml.load(text, Loader=ConfigLoader))


@pytest.mark.parametrize("form", ["list", "mapping"])
@pytest.mark.parametrize("entry, expected", [
    ("not_an_extension", "markdown extension `not_an_extension` is not installed; install it or remove it "
                         "from markdown_extensions"),
    ("pymdownx.fancylist", "markdown extension `pymdownx.fancylist` is not installed; install it or remove it "
                           "from markdown_extensions"),
    ("pymdownx.caret:\n      no_such_option: 1", "markdown extension `pymdownx.caret` has no option 'no_such_option'; correct its options or remove it"),
])
def test_an_extension_that_does_not_load_is_one_located_line(form, entry, expected):
    """An extension that is not installed, or that refuses its options, is named at its line and column."""
    listed, line = with_extension(SITE_CONFIG, entry)
    text = listed if form == "list" else as_mapping(listed)
    [problem] = load_site_config_text(text).problems()[0]
    assert problem.startswith(f"{ROOT / 'mkdocs.yml'}:{line}:{5 if form == 'list' else 3}: {expected}")
    assert "\n" not in problem


@pytest.mark.parametrize("setting, line, col, expected", [
    ("markdown_extensions: toc", 2, 1, "markdown_extensions must be a list of extension names or a mapping"),
    ("markdown_extensions:\n  toc: [1, 2]", 3, 3, "markdown_extensions entry `toc` is not an extension name"),
    ("markdown_extensions:\n  - toc: x", 3, 5, "markdown_extensions entry `toc` is not an extension name"),
    ("markdown_extensions:\n  - toc:\n    admonition:", 3, 5, "markdown_extensions entry `{'toc': None, "),
])
def test_a_markdown_extensions_setting_of_the_wrong_shape_is_one_located_line(setting, line, col, expected):
    """A setting MkDocs would refuse is reported at its place, with how to write it."""
    text = f"site_name: x\n{setting}\n"
    errors = [e for e in load_site_config_text(text).problems()[0] if "extra.support" not in e]
    assert len(errors) == 1 and errors[0].startswith(f"{ROOT / 'mkdocs.yml'}:{line}:{col}: {expected}"), errors
