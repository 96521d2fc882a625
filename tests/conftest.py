"""Shared fixtures: one real build of the real site per test session."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import settings

from tests import sitebuild
from tests.sitebuild import ENGINE, ROOT, Build, build, copy_project

if ENGINE == "properdocs":
    # Its environment has no `mkdocs` package: send the tests' `import mkdocs...` to ProperDocs.
    import properdocs.replacement  # noqa: F401

DOCS = ROOT / "docs"
# The writers' guide: a folder of pages outside the navigation and search (docs/writers-guide/index.md first).
GUIDE = DOCS / "writers-guide"

# Hypothesis: with CI set (GitHub Actions sets it), `make test` runs the "ci" profile: the same
# examples on every run, a failure printed with the blob that replays it, and a deadline a busy
# 2-core machine meets. Elsewhere "dev" searches afresh each run. HYPOTHESIS_PROFILE=ci picks one.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=timedelta(seconds=2))
settings.register_profile("dev", deadline=timedelta(seconds=1))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


def read_front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown file (empty when it has none)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    head, _, _ = text[4:].partition("\n---\n")
    return yaml.safe_load(head) or {}


def translation_folders() -> set[str]:
    """The folders of docs/ that hold another language's pages (extra.languages), not a category."""
    from mkdocs.utils.yaml import yaml_load  # after the ProperDocs redirect above, where it applies

    languages = list(yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"].get("languages") or [])
    return set(languages[1:])


def outside_navigation(path: Path) -> bool:
    """The page of docs/ is built but kept out of the navigation by mkdocs.yml's `not_in_nav` (the writers' guide)."""
    return sitebuild.outside_navigation(ROOT, path.relative_to(DOCS).as_posix())


def article_sources() -> list[Path]:
    """Every article of the default language: each Markdown page in a category folder, except the
    category's index page (a translation folder is not a category, nor a folder outside the navigation)."""
    translations = translation_folders()
    return sorted(p for p in DOCS.glob("*/*.md") if p.name != "index.md" and p.parent.name not in translations
                  and not outside_navigation(p))


def guide_sources() -> list[Path]:
    """The pages of the writers' guide: its start page first, then its pages by name."""
    return sorted(GUIDE.glob("*.md"), key=lambda p: (p.name != "index.md", p.name))


def page_url(source: Path) -> str:
    """The built URL path of a source page, with MkDocs' directory URLs."""
    rel = source.relative_to(DOCS).with_suffix("")
    if rel.name == "index":
        rel = rel.parent
    return "" if str(rel) == "." else f"{rel.as_posix()}/"


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The real site, built once with the project's own mkdocs.yml."""
    result = build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project that a test may change and build."""
    return copy_project(tmp_path / "project")


def soup(html: str) -> BeautifulSoup:
    """Parse built HTML."""
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Build:
    """The site with hostile titles, descriptions, settings and article HTML, built without strict mode."""
    from tests.hostile import build_anyway, hostile_project

    result = build_anyway(hostile_project(tmp_path_factory.mktemp("hostile") / "project"))
    assert result.returncode == 0, result.output
    return result
