"""`make build` is all or nothing, and published URLs keep answering (hooks/publish/).

Both run the real commands (`python -m hooks build`, `python -m hooks urls`) on a copy of
the project, exactly as the Makefile and CI do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hooks.publish.urls import built_urls, parse_list, url_problems
from tests.filetree import snapshot
from tests.sitebuild import ENGINE, ROOT, build

URL_LIST = ROOT / "published-urls.txt"
# An article that only one other page links to, so a test can move it and fix that link.
MOVED, MOVED_TO = "email-setup/apple-mail-mac.md", "email-setup/mail-on-mac.md"


def run_hooks(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m hooks ARGS` in `project`, the way `make build` and `make urls` run it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "hooks", *args], cwd=project, env=env,
                          capture_output=True, text=True, check=False)


def break_a_link(project: Path) -> None:
    """Give one article a link to a page that does not exist: the strict build then fails late."""
    article = project / "docs" / "accounts" / "webmail.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nSee [the old page](no-such-page.md).\n",
                       encoding="utf-8")


def test_a_failed_build_leaves_the_last_good_site_byte_identical(project_copy):
    """After a good build, a failing one changes nothing in site/ and leaves no temporary folder."""
    good = run_hooks(project_copy, "build", "--engine", ENGINE)
    assert good.returncode == 0, good.stderr
    before = snapshot(project_copy / "site")
    assert "accounts/webmail/index.html" in before

    break_a_link(project_copy)
    failed = run_hooks(project_copy, "build", "--engine", ENGINE)
    assert failed.returncode != 0
    assert "site/: the build failed, so site/ is left as it was (the last good build)" in failed.stderr
    assert snapshot(project_copy / "site") == before
    assert sorted(p.name for p in project_copy.iterdir() if p.name.startswith(".site")) == []


def test_companion_building_straight_into_site_leaves_it_changed(project_copy):
    """What `make build` used to do (mkdocs build --strict into site/) alters site/ on the same failure."""
    assert run_hooks(project_copy, "build", "--engine", ENGINE).returncode == 0
    before = snapshot(project_copy / "site")
    break_a_link(project_copy)
    direct = build(project_copy, project_copy / "site")
    assert direct.returncode != 0
    assert snapshot(project_copy / "site") != before


def test_a_good_build_replaces_the_site(project_copy):
    """A successful build swaps in the new pages."""
    (project_copy / "site").mkdir()
    (project_copy / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = run_hooks(project_copy, "build", "--engine", ENGINE)
    assert result.returncode == 0, result.stderr
    assert not (project_copy / "site" / "stale.html").exists()
    assert (project_copy / "site" / "accounts" / "webmail" / "index.html").is_file()


def test_every_published_url_is_still_built(site):
    """No URL of the committed list has gone missing from the real site."""
    assert url_problems(parse_list(URL_LIST.read_text(encoding="utf-8")), built_urls(site.site),
                        "published-urls.txt") == []


def test_a_new_article_needs_no_edit_to_the_url_list(project_copy):
    """Adding one file passes the check as it is; `make urls` (the deploy workflow's) then lists it."""
    (project_copy / "published-urls.txt").write_bytes(URL_LIST.read_bytes())
    article = project_copy / "docs" / "accounts" / "brand-new.md"
    article.write_text("---\ntitle: A brand new article\ndescription: Nothing else changes.\n---\n\n"
                       "# A brand new article\n\nOne file, and it is published.\n", encoding="utf-8")
    assert run_hooks(project_copy, "build", "--engine", ENGINE).returncode == 0
    assert run_hooks(project_copy, "urls").returncode == 0
    assert "/accounts/brand-new/" not in parse_list((project_copy / "published-urls.txt").read_text(encoding="utf-8"))
    assert run_hooks(project_copy, "urls", "--update").returncode == 0
    assert "/accounts/brand-new/" in parse_list((project_copy / "published-urls.txt").read_text(encoding="utf-8"))


def move_article(project: Path, old: str, new: str) -> None:
    """Rename an article and point every link and the navigation at its new name, as a writer would."""
    docs = project / "docs"
    (docs / old).rename(docs / new)
    old_name, new_name = Path(old).name, Path(new).name
    # Links live in Markdown; the navigation in mkdocs.yml, or in .nav.yml files under docs/.
    for path in [project / "mkdocs.yml", *(p for p in docs.rglob("*") if p.suffix in {".md", ".yml", ".yaml"})]:
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(old_name, new_name), encoding="utf-8")


def add_redirect(project: Path, old: str, new: str) -> None:
    """Add `old: new` to the redirects plugin's redirect_maps in mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      redirect_maps: {}\n" in text, "mkdocs.yml has no empty redirect_maps to add to"
    config.write_text(text.replace("      redirect_maps: {}\n", f"      redirect_maps:\n        {old}: {new}\n"),
                      encoding="utf-8")


def test_a_redirect_that_would_run_script_fails_the_build_and_is_never_written(project_copy, tmp_path):
    """The strict build fails on one located line; the preview's build publishes the site without
    that redirect page, and keeps a safe one."""
    add_redirect(project_copy, "old-a.md", "'https://e.example/\"; alert(2); \"'")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "        old-a.md:", "        old-b.md: domains/mx-records.md\n        old-a.md:"), encoding="utf-8")
    strict = build(project_copy, tmp_path / "strict")
    assert strict.returncode == 1
    problems = [line for line in strict.output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert len(problems) == 1 and "KB301 the redirect target holds `\"`" in problems[0], strict.output
    assert "mkdocs.yml:" in problems[0]
    preview = build(project_copy, tmp_path / "preview", strict=False)
    assert preview.returncode == 0, preview.output
    assert not (tmp_path / "preview/old-a").exists()
    assert "url=../domains/mx-records/" in (tmp_path / "preview/old-b/index.html").read_text(encoding="utf-8")


def moved_then_listed(project: Path) -> subprocess.CompletedProcess:
    """Build, update the URL list (`make urls`), and return the check that CI runs afterwards."""
    (project / "published-urls.txt").write_bytes(URL_LIST.read_bytes())
    built = run_hooks(project, "build", "--engine", ENGINE)
    assert built.returncode == 0, built.stderr
    run_hooks(project, "urls", "--update")
    return run_hooks(project, "urls")


def test_a_moved_article_without_a_redirect_fails_and_says_how_to_add_one(project_copy):
    """The old URL is gone: the check exits 1 and names the redirect to add."""
    move_article(project_copy, MOVED, MOVED_TO)
    check = moved_then_listed(project_copy)
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        "published-urls.txt: /email-setup/apple-mail-mac/ is published but this build has no page there. "
        "If the article moved, keep the URL with a redirect in mkdocs.yml, under plugins > redirects > "
        f"redirect_maps: '{MOVED}': 'NEW/PATH.md'. If it is gone for good, delete its line from published-urls.txt."
    ]


def test_the_same_move_with_a_redirect_passes_and_the_old_url_leads_to_the_new_page(project_copy):
    """With the redirect, the check exits 0 and the old URL's page sends readers to the new one."""
    move_article(project_copy, MOVED, MOVED_TO)
    add_redirect(project_copy, MOVED, MOVED_TO)
    check = moved_then_listed(project_copy)
    assert (check.returncode, check.stdout) == (0, "")
    old_page = (project_copy / "site" / "email-setup" / "apple-mail-mac" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../mail-on-mac/"' in old_page
    assert "/email-setup/mail-on-mac/" in parse_list((project_copy / "published-urls.txt").read_text(encoding="utf-8"))
