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



def properdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """`python -m properdocs build --strict` of a project copy in ProperDocs' own environment."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONPATH": str(project)}
    return subprocess.run([str(PROPERDOCS_PYTHON), "-m", "properdocs", "build", "--strict", "-f",
                           str(project / "mkdocs.yml"), "-d", str(site)], cwd=project, env=env, capture_output=True,
                          text=True, check=False)


# ProperDocs logs what MkDocs logs on mkdocs.NAME on properdocs.NAME: the hooks' filters sit on both
# (hooks.engine_loggers), or the writer gets the engine's bare line, or an echo of it.
def test_an_unknown_setting_is_our_located_kb410_line_on_properdocs_too(tmp_path):
    """The unknown-setting warning (properdocs.config) is reworded as MkDocs' is: file, line and fix."""
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("copyright:", "site_descripton: Help\ncopyright:", 1),
                      encoding="utf-8")
    result = properdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert 'mkdocs.yml:' in output and 'KB410 unknown setting "site_descripton"' in output, output
    assert "Unrecognised configuration name" not in output, output


def test_a_broken_link_is_reported_once_on_properdocs_too(tmp_path):
    """The fallback pages' echo of a link warning (properdocs.structure.pages) is dropped as MkDocs' is."""
    project = copy_project(tmp_path / "project")
    article = project / "docs" / "email-setup" / "outlook.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nSee [the old page](no-such-page.md).\n",
                       encoding="utf-8")
    result = properdocs_build(project, tmp_path / "site")
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "no-such-page.md" in line]
    assert result.returncode != 0
    assert len(warnings) == 1 and "'email-setup/outlook.md'" in warnings[0], warnings
