"""The writers' pre-commit hook, run as pre-commit installs it, in a throwaway Git repository.

pre-commit builds the hook's own virtualenv from `additional_dependencies` (from PyPI), so
an import the list forgets ends the hook in ModuleNotFoundError: these tests catch that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

CONFIG = ROOT / ".pre-commit-config.yaml"
MISNUMBERED = "---\ntitle: T\n---\n\n# T\n\n1. Open Mail.\n2. Click Accounts.\n4. Click Save.\n"


def canonical(name: str) -> str:
    """A distribution name as pip compares them (`PyYAML`, `pyyaml` and `py_yaml` are one)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def kb_check_hook(config: dict) -> dict:
    """The `kb-check` hook's settings in a loaded `.pre-commit-config.yaml`."""
    return next(hook for repo in config["repos"] for hook in repo["hooks"] if hook["id"] == "kb-check")


def throwaway_repo(path: Path, config: dict) -> Path:
    """A new Git repository holding the checks, mkdocs.yml, the given pre-commit config and two articles."""
    path.mkdir()
    shutil.copytree(ROOT / "hooks", path / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "mkdocs.yml", path / "mkdocs.yml")
    (path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (path / "docs").mkdir()
    (path / "docs" / "ok.md").write_text("# T\n\n1. Open Mail.\n2. Click Save.\n", encoding="utf-8")
    (path / "docs" / "bad.md").write_text(MISNUMBERED, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=path, check=True)
    return path


def pre_commit_run(repo: Path, home: Path) -> subprocess.CompletedProcess:
    """`pre-commit run --all-files` in `repo`, with its own cache of hook environments."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, check=False)


def test_hook_dependencies_are_pinned_as_in_the_lock_file():
    """Each of the hook's dependencies carries the exact version requirements.lock pins."""
    locked = dict(line.split("==") for line in (ROOT / "requirements.lock").read_text().splitlines()
                  if line and not line.startswith("#"))
    locked = {canonical(name): version for name, version in locked.items()}
    dependencies = kb_check_hook(yaml.safe_load(CONFIG.read_text(encoding="utf-8")))["additional_dependencies"]
    assert dependencies
    for requirement in dependencies:
        name, _, version = requirement.partition("==")
        assert locked.get(canonical(name)) == version, requirement


def test_pre_commit_runs_the_checks_in_a_fresh_repository(tmp_path):
    """The hook installs from PyPI, reports the misnumbered step, the tag in a navigation title and
    a web page among the files, and passes once all three are fixed."""
    repo = throwaway_repo(tmp_path / "repo", yaml.safe_load(CONFIG.read_text(encoding="utf-8")))
    (repo / "docs" / ".nav.yml").write_text("nav:\n  - Good <b>news</b>: ok.md\n", encoding="utf-8")
    (repo / "docs" / "page.html").write_text("<script>alert(1)</script>\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    found = pre_commit_run(repo, tmp_path / "cache")
    assert found.returncode == 1, found.stdout + found.stderr
    assert "docs/bad.md:9:1: KB101 step 4 follows step 2 (expected 3); renumber with --fix" in found.stdout
    assert "docs/.nav.yml:2:5: KB301 `<b>` in a navigation title is shown as typed" in found.stdout
    assert "docs/page.html:1:1: KB417 " in found.stdout
    (repo / "docs" / "bad.md").write_text(MISNUMBERED.replace("4. Click", "3. Click"), encoding="utf-8")
    (repo / "docs" / ".nav.yml").write_text("nav:\n  - Good news: ok.md\n", encoding="utf-8")
    (repo / "docs" / "page.html").unlink()
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    clean = pre_commit_run(repo, tmp_path / "cache")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout


def test_pre_commit_fails_when_the_hook_lacks_a_dependency(tmp_path):
    """Without phonenumbers in additional_dependencies the hook cannot import the rules, and says so."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    hook = kb_check_hook(config)
    hook["additional_dependencies"] = [d for d in hook["additional_dependencies"] if not d.startswith("phonenumbers")]
    result = pre_commit_run(throwaway_repo(tmp_path / "repo", config), tmp_path / "cache")
    assert result.returncode == 1
    assert "ModuleNotFoundError: No module named 'phonenumbers'" in result.stdout
