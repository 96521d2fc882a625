"""ProperDocs, the maintained fork of MkDocs 1.6, builds the same site, byte for byte.

ProperDocs runs from its own environment (.venv-properdocs, made by `make test`: the same
lock without the `mkdocs` package), so nothing in its build can fall back on MkDocs' code.
Only the generator meta tag may differ.
"""

from __future__ import annotations

import os
import re
import subprocess
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.filetree import snapshot
from tests.sitebuild import ENGINE, ROOT, copy_project

PROPERDOCS_PYTHON = ROOT / ".venv-properdocs" / "bin" / "python"
# `<meta name="generator" content="...">`, in the theme's order or the minifier's.
GENERATOR = re.compile(rb'<meta (?:name="?generator"? content="[^"]*"|content="[^"]*" name="?generator"?)>')


def without_generator(data: bytes) -> bytes:
    """A built file's bytes with the generator meta tag taken out."""
    return GENERATOR.sub(b"", data)


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    """The real site built by `python -m properdocs build --strict` in ProperDocs' own environment."""
    assert PROPERDOCS_PYTHON.exists(), "no ProperDocs environment: run `make .venv-properdocs/.installed` (make test does)"
    site = tmp_path_factory.mktemp("properdocs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    result = subprocess.run([str(PROPERDOCS_PYTHON), "-m", "properdocs", "build", "--strict", "--clean",
                             "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_properdocs_environment_has_no_mkdocs_package():
    """The fork's environment lacks MkDocs itself, so its build cannot borrow MkDocs' code."""
    probe = subprocess.run([str(PROPERDOCS_PYTHON), "-c", "import importlib.util as u; print(u.find_spec('mkdocs'))"],
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "None"


def test_properdocs_builds_the_same_files_as_mkdocs_apart_from_the_generator_tag(site, properdocs_site):
    """Same file names; every file's bytes equal once the generator tag is taken out."""
    ours, theirs = snapshot(site.site), snapshot(properdocs_site)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if without_generator(ours[name]) != without_generator(theirs[name])] == []


def test_companion_the_generator_tags_name_each_engine(site, properdocs_site):
    """Each build names its own engine, so the comparison above sees two engines' raw bytes differ."""
    properdocs_tag = f"ProperDocs {version('properdocs')},"
    ours, theirs = site.html(""), (properdocs_site / "index.html").read_text(encoding="utf-8")
    assert (f"mkdocs-{version('mkdocs')}," if ENGINE == "mkdocs" else properdocs_tag) in ours
    assert properdocs_tag in theirs


def test_an_unknown_setting_is_our_located_kb410_line_on_properdocs_too(tmp_path):
    """ProperDocs logs the unknown-setting warning on its own logger (properdocs.config): the hook rewords it
    there as it does MkDocs', so the writer sees file, line and fix, not the engine's bare line."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("copyright:", "site_descripton: Help\ncopyright:", 1),
                      encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(project)}
    result = subprocess.run([str(PROPERDOCS_PYTHON), "-m", "properdocs", "build", "--strict", "-f", str(config),
                             "-d", str(tmp_path / "site")], cwd=project, env=env, capture_output=True, text=True,
                            check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert 'mkdocs.yml:' in output and 'KB410 unknown setting "site_descripton"' in output, output
    assert "Unrecognised configuration name" not in output, output
