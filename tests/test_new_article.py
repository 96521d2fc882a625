"""`python -m hooks new CATEGORY "Title"`: a complete draft in its category, refused when its URL exists."""

from __future__ import annotations

import shutil
import subprocess
import sys

import yaml
from hypothesis import given, strategies as st

from hooks.articles.new import NewArticleError, plan_article, yaml_text
from tests.conftest import DOCS, read_front_matter, soup
from tests.sitebuild import ROOT, build


def new(project, *args):
    """Run the command in `project`, as a writer runs it from the project's folder."""
    return subprocess.run([sys.executable, "-m", "hooks", "new", *args], cwd=project,
                          capture_output=True, text=True, check=False)


def test_the_new_article_builds_strictly_as_a_draft_and_is_published_without_the_mark(project_copy):
    """The command writes a draft that passes the checks; the strict build leaves it out; with
    `draft: true` deleted, the next strict build publishes it in its category with its steps."""
    result = new(project_copy, "domains", "Point a subdomain: the CNAME way")
    assert result.returncode == 0, result.stderr
    article = project_copy / "docs/domains/point-a-subdomain-the-cname-way.md"
    assert str(article.relative_to(project_copy)) in result.stdout
    meta = read_front_matter(article)
    assert meta["title"] == "Point a subdomain: the CNAME way"
    assert meta["description"] and meta["tags"] and meta["draft"] is True

    check = subprocess.run([sys.executable, "-m", "hooks", "check", str(article)], cwd=project_copy,
                           capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    draft_build = build(project_copy, project_copy / "site")
    assert draft_build.returncode == 0, draft_build.output
    assert not (draft_build.site / "domains/point-a-subdomain-the-cname-way").exists()

    article.write_text(article.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    published = build(project_copy, project_copy / "site")
    assert published.returncode == 0, published.output
    page = soup(published.html("domains/point-a-subdomain-the-cname-way/"))
    assert page.find("h1").get_text(strip=True).startswith("Point a subdomain: the CNAME way")
    assert len(page.select("article ol > li")) == 3
    assert page.select("article a.kb-phone")  # the support paragraph's placeholders became links
    listed = {a["href"] for a in soup(published.html("domains/")).select(".kb-article-list a")}
    assert "point-a-subdomain-the-cname-way/" in listed


def test_make_new_keeps_a_dollar_sign_and_quotes_in_the_title(project_copy):
    """`make new` hands the title over as typed: make would read `$5` as its own (empty) variable."""
    shutil.copy2(ROOT / "Makefile", project_copy / "Makefile")
    title = 'Save $5 on "big" domains, it\'s $(easy)'
    result = subprocess.run(["make", "-s", "-o", ".venv/.installed", "new", f"PY={sys.executable}",
                             "CATEGORY=domains", f"TITLE={title}"], cwd=project_copy, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    [article] = [path for path in (project_copy / "docs/domains").glob("save-5*.md")]
    assert read_front_matter(article)["title"] == title


def test_a_title_whose_url_exists_is_refused_with_one_line_and_nothing_changes(project_copy):
    """"MX records" would be domains/mx-records/, which exists: exit 2, one line, the file untouched."""
    existing = project_copy / "docs/domains/mx-records.md"
    before = existing.read_bytes()
    result = new(project_copy, "domains", "MX records")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "domains/mx-records/ already exists" in result.stderr
    assert existing.read_bytes() == before


def test_an_unknown_category_is_refused_and_the_categories_are_named(project_copy):
    """A folder that is not a category (or that leaves docs/, or holds a language) gets one line
    listing the categories, the language folders left out."""
    for category in ("billing", "../docs", "/etc", "es"):
        result = new(project_copy, category, "Change your card")
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "choose one of: accounts, domains" in result.stderr
        assert " es," not in result.stderr and " ar," not in result.stderr
    assert not list(project_copy.rglob("change-your-card.md"))


def test_a_category_of_another_language_takes_the_new_article(project_copy):
    """`es/domains` is the Spanish domains category: the article goes there."""
    result = new(project_copy, "es/domains", "Cambiar la tarjeta")
    assert result.returncode == 0, result.stderr
    assert (project_copy / "docs" / "es" / "domains" / "cambiar-la-tarjeta.md").is_file()


def test_a_title_of_several_lines_or_no_letters_is_refused():
    """The title becomes one heading and one URL: it needs one line with letters or digits."""
    for title in ("Two\nlines", "Tab\there", "", "!!!"):
        try:
            plan_article(DOCS, "domains", title)
        except NewArticleError as error:
            assert "\n" not in str(error)
        else:
            raise AssertionError(f"{title!r} was accepted")


@given(st.text(min_size=1).filter(str.isprintable))
def test_any_printable_title_survives_the_front_matter(title):
    """Whatever a writer types as a title, YAML reads back exactly that title."""
    assert yaml.safe_load(f"title: {yaml_text(title)}") == {"title": title}
