"""The GitHub workflow runs on GitHub's own runners and publishes only what passed (.github/workflows/site.yml)."""

from __future__ import annotations

import yaml

from tests.sitebuild import ROOT

WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
JOBS = WORKFLOW["jobs"]


def runs(job: str) -> list[str]:
    """The shell commands of a job's steps, in order."""
    return [step["run"] for step in JOBS[job]["steps"] if "run" in step]


def test_every_checkout_fetches_the_whole_history():
    """A shallow clone would give every article the date of the last commit."""
    checkouts = [step for job in JOBS.values() for step in job["steps"] if step.get("uses", "").startswith("actions/checkout")]
    assert checkouts and all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts)


def test_test_jobs_install_playwrights_browser_as_documented_and_use_it():
    """Playwright's install (its version from the lock, via the venv), and KB_CHROMIUM empty so the tests use it."""
    for job, python in (("test", ".venv/bin/python"), ("properdocs", ".venv-properdocs/bin/python")):
        commands = runs(job)
        install = commands.index(f"{python} -m playwright install --with-deps chromium")
        assert install < commands.index(next(c for c in commands if c.startswith("make test")))
        assert JOBS[job]["env"]["KB_CHROMIUM"] == ""
        assert not any("apt-get install" in command for command in commands)


def test_the_site_is_deployed_only_after_the_tests_and_a_successful_build():
    """build needs both test jobs; deploy needs build; the build step is the all-or-nothing `make build`."""
    assert set(JOBS["build"]["needs"]) == {"test", "properdocs"}
    assert JOBS["deploy"]["needs"] == "build"
    assert "make build" in runs("build")
    assert ".venv/bin/python -m hooks urls" in runs("build")


def test_new_urls_are_listed_by_the_workflow_after_deploy_not_by_writers():
    """Only the job after a deploy writes published-urls.txt, so no pull request has to."""
    assert JOBS["list-urls"]["needs"] == "deploy"
    assert "make urls" in runs("list-urls")
    assert JOBS["list-urls"]["permissions"] == {"contents": "write"}


def test_the_pages_build_takes_the_collectors_address_from_the_repository_variable():
    """Unset, the variable gives an empty address: no widget, no search events (tests/test_feedback_widget.py)."""
    [build] = [step for step in JOBS["build"]["steps"] if step.get("run") == "make build"]
    assert build["env"]["KB_COLLECTOR_URL"] == "${{ vars.KB_COLLECTOR_URL }}"
