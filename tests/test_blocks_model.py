"""Which of the installed renderer's block processors the scanner models.

The site's real Markdown instance (mkdocs.yml's extensions, with the optional footnotes,
def_list and abbr on) lists its block processors by name and priority; the table in
`hooks.checks.blocks.upstream` must list the same ones, of the same classes, in the same
order, and the scanner's chain must run the modelled ones in that order, each from the
module the table names. A new Python-Markdown or pymdown-extensions that adds, drops,
reorders or replaces a processor fails here until the table (and the scanner) follow.
"""

from __future__ import annotations

import markdown
import pytest
from mkdocs.config import load_config

from hooks.checks.blocks.parser import build_processors
from hooks.checks.blocks.upstream import NOT_MODELLED, PROCESSORS, Upstream
from tests.conftest import ROOT
from tests.test_renderer_agreement import OPTIONAL, site_markdown, site_settings

PACKAGE = "hooks.checks.blocks."


def registered(converter: markdown.Markdown) -> list[Upstream]:
    """The converter's block processors in the order it runs them, as rows of the table (model left empty)."""
    registry = converter.parser.blockprocessors
    list(registry)  # iterating sorts the registry by priority
    # The registry keeps each name with its priority only in `_priority` (no public accessor).
    return [Upstream(item.name, item.priority, f"{type(registry[item.name]).__module__}."
                     f"{type(registry[item.name]).__name__}", "") for item in registry._priority]


def differences(installed: list[Upstream], table) -> list[str]:
    """One line per way the table does not say what the installed renderer runs."""
    ours = {row.name: row for row in table}
    theirs = {row.name: row for row in installed}
    found = [f"upstream runs `{name}` ({row.processor}), which the table does not list"
             for name, row in theirs.items() if name not in ours]
    found += [f"the table lists `{name}`, which upstream does not run" for name in ours if name not in theirs]
    found += [f"upstream runs `{name}` as {row.processor} at priority {row.priority:g}; the table says "
              f"{ours[name].processor} at {ours[name].priority:g}"
              for name, row in theirs.items() if name in ours and ours[name][:3] != row[:3]]
    in_both = [name for name in theirs if name in ours], [name for name in ours if name in theirs]
    if in_both[0] != in_both[1]:
        found.append(f"upstream runs {', '.join(in_both[0])}; the table lists {', '.join(in_both[1])}")
    return found


def extensions_converter(*extra: str) -> markdown.Markdown:
    """The site's converter with `extra` extensions added to mkdocs.yml's."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    names = [*config.markdown_extensions, *sorted(OPTIONAL - set(config.markdown_extensions)), *extra]
    return markdown.Markdown(extensions=names, extension_configs=config.mdx_configs)


def test_the_table_lists_the_installed_renderers_block_processors_in_order():
    assert differences(registered(site_markdown(True)), PROCESSORS) == []


def test_every_row_says_where_it_is_modelled_or_why_it_is_not():
    for row in PROCESSORS:
        reason = row.model.removeprefix(NOT_MODELLED)
        assert reason.strip(), row.name
        if reason == row.model:
            assert " " not in row.model, f"{row.name}: a module name or '{NOT_MODELLED}why'"


def test_the_scanner_runs_the_modelled_processors_in_upstreams_order_from_the_named_modules():
    chain = build_processors(site_settings(True).syntax)
    ours = [(processor.name, type(processor).__module__) for processor in chain]
    modelled = [(row.name, PACKAGE + row.model) for row in PROCESSORS if not row.model.startswith(NOT_MODELLED)]
    assert ours == modelled


@pytest.mark.parametrize("row", PROCESSORS, ids=lambda row: row.name)
def test_a_table_without_a_row_fails(row):
    table = [other for other in PROCESSORS if other is not row]
    assert differences(registered(site_markdown(True)), table)


def test_a_table_with_two_processors_swapped_fails():
    table = list(PROCESSORS)
    first = next(place for place in range(len(table) - 1) if table[place].priority != table[place + 1].priority)
    table[first], table[first + 1] = table[first + 1], table[first]
    assert differences(registered(site_markdown(True)), table)


@pytest.mark.parametrize("converter, expected", [
    # pymdownx.fancylists adds the generic `blocks` processor and replaces both list processors.
    (lambda: extensions_converter("pymdownx.fancylists"), {"blocks", "olist", "ulist"}),
    # Without the optional extensions, upstream runs fewer processors than the table lists.
    (lambda: site_markdown(False), {"deflist", "footnote", "abbr", "defindent"}),
], ids=["gains-and-replaces", "loses"])
def test_a_renderer_that_gains_replaces_or_loses_processors_fails(converter, expected):
    found = differences(registered(converter()), PROCESSORS)
    assert found
    named = {name for line in found for name in expected if f"`{name}`" in line}
    assert named == expected
