"""The benchmark measures what it says (bench/scale.py): its "hooks off" configuration really has
the hooks off, and its timed build (bench/timed_hooks.py) times every hook without changing a page;
bench/relevance.py runs, by default, every engine its language is measured with (make bench runs it
for Spanish with no --engines)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from bench.relevance.engines import chosen_engines
from bench.scale_builds import TEMPLATE_HOOKS, hook_times, markdown_run, without_hooks
from tests.sitebuild import ROOT, build


def test_hooks_off_keeps_only_the_template_hooks_of_the_real_config():
    """Every hook of the real mkdocs.yml but the ones the templates need is gone; the rest is intact."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    bare = yaml.load(without_hooks(text), Loader=yaml.BaseLoader)
    full = yaml.load(text, Loader=yaml.BaseLoader)
    assert len(full["hooks"]) > 5 and bare["hooks"] == list(TEMPLATE_HOOKS)
    assert {key: value for key, value in bare.items() if key != "hooks"} == \
        {key: value for key, value in full.items() if key != "hooks"}


def test_a_config_whose_hooks_cannot_be_found_is_refused():
    """No silent "hooks off" build with the hooks on."""
    with pytest.raises(ValueError, match="no `hooks:` list"):
        without_hooks("site_name: x\nhooks: [hooks/on_checks.py]\n")


def timed_build(project, site):
    """`python bench/timed_hooks.py build --strict` of `project` in one process, as bench/scale.py runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "KB_BUILD_PROCESSES": "1"}
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, str(ROOT / "bench" / "timed_hooks.py"), "build", "--strict",
                           "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          cwd=project, env=env, capture_output=True, text=True, check=False)


def test_the_timed_build_times_every_hook_and_writes_the_same_pages(site, tmp_path):
    """Each hook of mkdocs.yml gets a time, and the pages are those of a plain build byte for
    byte, so the events still run in their order."""
    result = timed_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    times = hook_times(result.stderr)
    hooks = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["hooks"]
    assert sorted(times) == sorted(hooks) and all(seconds >= 0 for seconds in times.values())
    plain = {path.relative_to(site.site): path.read_bytes() for path in site.site.rglob("*.html")}
    timed = {path.relative_to(tmp_path / "site"): path.read_bytes() for path in (tmp_path / "site").rglob("*.html")}
    assert plain.keys() == timed.keys()
    assert [name for name in plain if plain[name] != timed[name]] == []


WAITING_HOOK = """import time
from pathlib import Path

pages = []


def on_page_markdown(markdown, **kwargs):
    time.sleep(0.01)
    pages.append(1)
    return markdown


def on_post_build(**kwargs):
    time.sleep(0.3)
    Path(__file__).with_suffix(".pages").write_text(str(len(pages)))
"""


def test_a_hook_is_given_the_time_of_its_own_events(project_copy, tmp_path):
    """A hook that waits 10 ms on each page and 300 ms after the build is given at least that."""
    (project_copy / "hooks" / "waits.py").write_text(WAITING_HOOK, encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("\nhooks:\n", "\nhooks:\n  - hooks/waits.py\n", 1),
                      encoding="utf-8")
    result = timed_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = int((project_copy / "hooks" / "waits.pages").read_text())
    assert pages >= 10 and hook_times(result.stderr)["hooks/waits.py"] >= 0.3 + 0.01 * pages


def test_a_build_output_without_the_timing_line_gives_no_times():
    """A build that was not timed gives no hook times, so no figure is read from the wrong line."""
    assert hook_times("INFO    -  search: indexed 16 pages into site/pagefind in 1.7 s") == {}
    assert hook_times("hook time: 0.30 s in all; hooks/on_csp.py 0.10, hooks/on_search.py 0.20") == \
        {"hooks/on_csp.py": 0.10, "hooks/on_search.py": 0.20}


DRAFT = "---\ntitle: An unfinished article\ndescription: Not published yet.\ndraft: true\n---\n\n# An unfinished article\n\nSoon.\n"


def test_markdown_alone_converts_the_pages_the_build_publishes(project_copy, tmp_path):
    """Python-Markdown alone (bench/scale.py's yardstick) converts one page per page the build
    writes: a draft, which the build leaves out, is left out; the same file published is counted."""
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    built = len(list(result.site.rglob("index.html")))
    assert markdown_run(project_copy, 1)[2] == built
    article = project_copy / "docs/domains/unfinished.md"
    article.write_text(DRAFT, encoding="utf-8")
    assert markdown_run(project_copy, 2)[2] == built
    article.write_text(DRAFT.replace("draft: true\n", ""), encoding="utf-8")
    # Published, it is one page more, and one more in each language without it (its fallback pages).
    result = build(project_copy, tmp_path / "site-published")
    published = len(list(result.site.rglob("index.html")))
    assert published > built and markdown_run(project_copy, 1)[2] == published


def test_relevance_runs_each_languages_engines_by_default_and_refuses_one_it_does_not_measure():
    assert chosen_engines("en", None) == ["ours", "stock", "material"]
    assert chosen_engines("es", None) == ["ours", "stock"]
    assert chosen_engines("en", "ours,material") == ["ours", "material"]
    for language, requested in (("es", "ours,material"), ("en", "stock"), ("en", "ours,bing")):
        with pytest.raises(ValueError, match="ours, and any of the others"):
            chosen_engines(language, requested)
