"""The benchmark's "hooks off" configuration really has the hooks off, and it reads the search
index's time from the build's own line (bench/scale.py)."""

from __future__ import annotations

import pytest
import yaml

from bench.scale import INDEX_TIME_RE, TEMPLATE_HOOK, without_hooks
from tests.sitebuild import ROOT


def test_hooks_off_keeps_only_the_template_hook_of_the_real_config():
    """Every hook of the real mkdocs.yml but the one the templates need is gone; the rest is intact."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    bare = yaml.load(without_hooks(text), Loader=yaml.BaseLoader)
    full = yaml.load(text, Loader=yaml.BaseLoader)
    assert len(full["hooks"]) > 5 and bare["hooks"] == [TEMPLATE_HOOK]
    assert {key: value for key, value in bare.items() if key != "hooks"} == \
        {key: value for key, value in full.items() if key != "hooks"}


def test_a_config_whose_hooks_cannot_be_found_is_refused():
    """No silent "hooks off" build with the hooks on."""
    with pytest.raises(ValueError, match="no `hooks:` list"):
        without_hooks("site_name: x\nhooks: [hooks/on_checks.py]\n")


def test_the_search_index_time_is_read_from_the_real_build_line(site):
    """The real build's line gives a time; a line without one gives none (the bench then shows 0)."""
    [seconds] = INDEX_TIME_RE.findall(site.output)
    assert 0 <= float(seconds) < 60
    assert INDEX_TIME_RE.search("INFO    -  search: indexed 16 pages into site/pagefind") is None
