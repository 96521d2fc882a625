"""The parallel build fails safe: on an engine, a version or a page step it was not written for,
or without fork(), it builds in one process and says why in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from types import ModuleType

import pytest
from mkdocs.commands import build as mkdocs_build

from hooks.publish.parallel import one_process_reason
from tests.sitebuild import ENGINE, ROOT

# The engine as an upgrade might leave it: _build_page still works, but takes its arguments otherwise.
CHANGED_PAGE_STEP = """
import importlib, sys
engine = sys.argv[1]
build = importlib.import_module(engine + ".commands.build")
original = build._build_page
def _build_page(*args, **kwargs):
    return original(*args, **kwargs)
build._build_page = _build_page
sys.argv[0:2] = [engine]
importlib.import_module(engine + ".__main__").cli()
"""


def build_module_copy(**changes) -> ModuleType:
    """The installed engine's build module, copied, with some of its names changed (None: removed)."""
    module = ModuleType(mkdocs_build.__name__)
    module.__dict__.update({k: v for k, v in vars(mkdocs_build).items() if k != "__name__"})
    for name, value in changes.items():
        if value is None:
            delattr(module, name)
        else:
            setattr(module, name, value)
    return module


def test_the_installed_engine_is_split_across_processes():
    assert one_process_reason() is None
    assert one_process_reason(build_module_copy()) is None


@pytest.mark.parametrize(("changes", "reason"), [
    ({"_build_page": None}, "has no _build_page()"),
    ({"_populate_page": lambda page, config: None}, "_populate_page() takes other arguments"),
    ({"build": lambda config, *, serve_url=None, dirty=False: None},
     "build() does not call _populate_page() through its module"),
])
def test_a_page_step_this_was_not_written_for_keeps_one_process(changes, reason):
    assert reason in one_process_reason(build_module_copy(**changes))


def test_an_unknown_engine_or_no_fork_keeps_one_process():
    unknown = build_module_copy()
    unknown.__name__ = "otherdocs.commands.build"
    assert "otherdocs is not MkDocs or ProperDocs 1.6" in one_process_reason(unknown)
    assert one_process_reason(can_fork=False) == "this system has no fork()"


def test_a_changed_page_step_builds_every_page_in_one_process_and_says_so(tmp_path):
    site = tmp_path / "site"
    env = {**os.environ, "KB_BUILD_PROCESSES": "2", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    result = subprocess.run([sys.executable, "-c", CHANGED_PAGE_STEP, ENGINE, "build", "--strict", "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    said = [line for line in output.splitlines() if "building the pages in" in line]
    assert said == [f"INFO    -  building the pages in one process: {ENGINE} {version(ENGINE)}'s _build_page() takes "
                    "other arguments than page, config, doc_files, nav, env, dirty, excluded"], output
    articles = [path for path in (ROOT / "docs").rglob("*.md") if path.name != "index.md"]
    assert len(articles) > 10
    assert all((site / path.relative_to(ROOT / "docs").with_suffix("") / "index.html").is_file() for path in articles)
