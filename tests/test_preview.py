"""The writer's preview: `make serve` never freezes, shows each finding on its page, and none of it reaches a build."""

from __future__ import annotations

import subprocess
import sys

import pytest
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from hooks.checks.engine import check_text
from hooks.checks.findings import Finding
from hooks.checks.source import Document
from hooks.preview.overlay import finding_views, insert_marks
from tests.conftest import ROOT, read_front_matter, soup
from tests.previewserver import MAKE_SERVE_ARGS, serve_preview, wait_for_page
from tests.sitebuild import build
from tests.test_phones import SETTINGS, render

ARTICLE = "docs/accounts/reset-mailbox-password.md"
URL = "accounts/reset-mailbox-password/"
STEP = "3. Find the mailbox"
# What a writer types while previewing: a misnumbered step, a new sentence with a typed number,
# and a mistyped placeholder that quotes markup (the list must show it as text).
MISNUMBERED = "4. Find the mailbox"
NEW_TEXT = "Fresh sentence from the writer."
HOSTILE = '{{ phone.<img src=x class=kb-injected> }}'


def with_findings(text: str, placeholder: str = HOSTILE) -> str:
    """The article as a writer leaves it mid-edit: three findings and a new sentence."""
    return text.replace(STEP, MISNUMBERED, 1) + f"\n{NEW_TEXT} Call 801-555-0134 or {placeholder}.\n"


def marked(text: str) -> tuple[str, set[int], list[Finding]]:
    """The body MkDocs renders, marked for the findings of `text` (site settings)."""
    findings = check_text(text, SETTINGS)
    body, numbers = insert_marks(get_data(text)[0], Document(text, SETTINGS), findings)
    return body, numbers, findings


def text_after(html: str, number: int) -> str:
    """The text that follows finding `number`'s mark, up to the next element."""
    mark = soup(html).find(id=f"kb-mark-{number}")
    assert mark is not None and mark.get_text() == "", html
    return str(mark.next_sibling).strip()


def mark_holder(html: str, number: int):
    """The element that holds finding `number`'s mark in rendered HTML."""
    mark = soup(html).find(id=f"kb-mark-{number}")
    assert mark is not None, html
    return mark.parent


# ---- where a finding is marked (pure functions, the site's real renderer) ------------------


def test_each_finding_is_marked_in_the_paragraph_step_or_heading_it_names():
    """The mark goes to the start of the text of the finding's line, and the renderer keeps it in that block."""
    text = ("---\ntitle: T\n---\n\n# T\n\n## Call 801-555-0134\n\n"
            "1. Open the panel.\n3. Click Save.\n   The panel calls 801-555-0135.\n\n"
            "> Quoted 801-555-0136.\n\n"
            "Last paragraph\nwith 801-555-0137 on its second line.\n")
    body, numbers, findings = marked(text)
    html = render(body)
    assert [f.rule_id for f in findings] == ["KB203", "KB101", "KB203", "KB203", "KB203"]
    assert numbers == {1, 2, 3, 4, 5}
    holders = [mark_holder(html, number) for number in range(1, 6)]
    assert [h.name for h in holders] == ["h2", "li", "li", "p", "p"]
    assert holders[1] == holders[2] and holders[3].parent.name == "blockquote"
    assert [text_after(html, number) for number in range(1, 6)] == [
        "Call 801-555-0134", "Click Save.", "The panel calls 801-555-0135.", "Quoted 801-555-0136.",
        "with 801-555-0137 on its second line."]
    assert holders[0]["id"] == "call-801-555-0134", "a mark must not change the heading's anchor"


def test_a_tab_indented_step_paragraph_is_marked_after_its_tab():
    """Columns count the file's own characters: the mark goes after the tab, inside the step."""
    text = "# T\n\n1. Open the panel.\n\n\tCall 801-555-0134 now.\n"
    body, numbers, _ = marked(text)
    assert body.split("\n")[4].startswith('\t<span class="kb-finding-mark"')
    assert mark_holder(render(body), 1).parent.name == "li"


def test_findings_on_one_line_keep_their_order():
    """Two findings on one line give two marks, in the order of the list."""
    text = "# T\n\nCall 801-555-0134 or 888-401-4678.\n"
    body, numbers, _ = marked(text)
    assert numbers == {1, 2}
    assert body.split("\n")[2].startswith('<span class="kb-finding-mark" id="kb-mark-1" data-kb-rule="KB203"></span>'
                                           '<span class="kb-finding-mark" id="kb-mark-2" data-kb-rule="KB203"></span>Call')


def test_code_tables_callout_titles_and_front_matter_are_never_marked():
    """A mark there would change the page; those findings are listed at the top only."""
    text = ("---\ntitle: T\n---\n\n# T\n\n```text\ncode\n```\n\n| a | b |\n| - | - |\n| c | d |\n\n"
            "!!! note \"Title\"\n    Body.\n")
    lines = {"front matter": 2, "fence": 8, "table row": 13, "callout title": 15}
    findings = [Finding(line, 1, "KB203", "x") for line in lines.values()]
    body = get_data(text)[0]
    assert insert_marks(body, Document(text, SETTINGS), findings) == (body, set())


def test_a_line_another_hook_changed_gets_no_mark_but_the_others_do():
    """The mark is placed only where the text MkDocs renders is still the file's own line."""
    text = "# T\n\nCall 801-555-0134.\n\nCall 801-555-0135.\n"
    findings = check_text(text, SETTINGS)
    changed = text.replace("Call 801-555-0134.", "Call {{ phone.us }}.")
    body, numbers = insert_marks(changed, Document(text, SETTINGS), findings)
    assert numbers == {2} and "Call {{ phone.us }}." in body and body.count("kb-finding-mark") == 1


def test_the_list_links_each_rule_to_its_section_of_the_writers_guide():
    """Rule ID, message, file:line:col, and the guide's section for the rule."""
    finding = Finding(21, 1, "KB101", "step 4 follows step 2 (expected 3); renumber with --fix")
    [view] = finding_views([finding], ARTICLE, {1}, "../../writers-guide/rules/")
    assert (view.rule_id, view.message, view.where) == ("KB101", finding.message, f"{ARTICLE}:21:1")
    assert view.guide_href == "../../writers-guide/rules/#kb101-step-sequence" and view.marked
    guide = (ROOT / "docs/writers-guide/rules.md").read_text(encoding="utf-8")
    assert "\n## KB101 step-sequence\n" in guide
    [unguided] = finding_views([finding], ARTICLE, set(), None)
    assert unguided.guide_href == "" and not unguided.marked


# ---- strictness: the preview never is, the build always is ------------------------------


def test_mkdocs_yml_is_not_strict():
    """`strict` in mkdocs.yml would apply to `make serve` too and freeze the preview at the first finding."""
    assert load_config(str(ROOT / "mkdocs.yml")).strict is False


def test_make_build_fails_on_the_tree_a_writer_previews_and_a_plain_build_carries_none_of_the_preview(
        project_copy, tmp_path):
    """`make build`'s command (`python -m hooks build`, strict) fails on the findings; a plain build
    of the same tree, as `mkdocs serve` makes it but without serve, writes no list, mark or stylesheet."""
    article = project_copy / ARTICLE
    article.write_text(with_findings(article.read_text(encoding="utf-8")), encoding="utf-8")
    strict = subprocess.run([sys.executable, "-m", "hooks", "build", "--config", "mkdocs.yml", "--site", "site"],
                            cwd=project_copy, capture_output=True, text=True, check=False)
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert f"{ARTICLE}:" in strict.stderr and "KB101 step 4 follows step 2" in strict.stderr
    plain = build(project_copy, tmp_path / "plain", strict=False)
    assert plain.returncode == 0, plain.output
    assert NEW_TEXT in plain.html(URL) and "KB101" in plain.output
    leftovers = [path for path in plain.site.rglob("*")
                 if "kb-preview" in path.name or (path.suffix == ".html" and "kb-finding" in path.read_text())]
    assert leftovers == []


def test_the_real_site_carries_none_of_the_preview(site):
    """No built page has the findings list or a mark, and the preview's stylesheet is not published."""
    assert not list(site.site.rglob("kb-preview*"))
    assert [p for p in site.site.rglob("*.html") if "kb-finding" in p.read_text()] == []


# ---- the real `mkdocs serve` ------------------------------------------------------------


def findings_list(html: str):
    """The findings list at the top of a previewed page (None when there is none)."""
    return soup(html).select_one("section.kb-findings")


def test_the_preview_shows_each_save_and_its_findings_and_never_sticks(project_copy, tmp_path):
    """Save a finding: the new text and the finding appear. Fix it: the list goes, the new text stays."""
    article = project_copy / ARTICLE
    original = article.read_text(encoding="utf-8")
    with serve_preview(project_copy, tmp_path / "serve.log") as url:
        page = url + URL
        assert findings_list(wait_for_page(page, lambda html: "Find the mailbox" in html)) is None

        article.write_text(with_findings(original), encoding="utf-8")
        html = wait_for_page(page, lambda html: NEW_TEXT in html)
        listed = findings_list(html)
        assert listed is not None, (tmp_path / "serve.log").read_text()
        step = original.splitlines().index("3. Find the mailbox you want to change.") + 1
        new_line = len(original.splitlines()) + 2
        entries = [item.get_text(" ", strip=True) for item in listed.select("li.kb-findings__item")]
        assert entries[0].startswith("KB101 step 4 follows step 2 (expected 3)")
        assert f"{ARTICLE}:{step}:1" in entries[0]
        assert entries[1].startswith('KB203 phone number "801-555-0134" typed by hand')
        assert f"{ARTICLE}:{new_line}:" in entries[1]
        assert entries[2].startswith(f"KB202 malformed phone placeholder `{HOSTILE}`"), entries[2]
        assert listed.select("img") == [], "a message is shown as text, never as markup"
        guide = [a["href"] for a in listed.select("a.kb-findings__rule")]
        assert guide == ["../../writers-guide/rules/#kb101-step-sequence",
                         "../../writers-guide/rules/#kb203-hand-typed-phone",
                         "../../writers-guide/rules/#kb202-malformed-placeholder"]
        marked_step = soup(html).find(id="kb-mark-1").parent
        assert marked_step.name == "li" and "Find the mailbox" in marked_step.get_text()

        article.write_text(original + "\nA second fresh sentence.\n", encoding="utf-8")
        html = wait_for_page(page, lambda html: "A second fresh sentence." in html)
        assert findings_list(html) is None and "kb-finding-mark" not in html


def page_chrome(html: str) -> dict[str, list[str]]:
    """The titles of other pages that a page shows: breadcrumbs, sidebar, previous and next links."""
    page = soup(html)
    texts = {"breadcrumbs": "nav.md-path a", "sidebar": "nav.md-nav--primary a.md-nav__link",
             "previous and next": "nav.md-footer__inner .md-footer__title .md-ellipsis"}
    return {name: [link.get_text(" ", strip=True) for link in page.select(selector)] for name, selector in texts.items()}


def test_make_serve_keeps_every_title_after_a_save(project_copy, tmp_path):
    """`make serve` rebuilds only the saved page (--dirty): that page still shows the home page's real
    title and every other page's in its breadcrumbs, sidebar and previous/next links, never "None"."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"-m mkdocs serve {' '.join(MAKE_SERVE_ARGS)} " in makefile, "the test must serve as make serve does"
    home_title = read_front_matter(ROOT / "docs/index.md")["title"]
    article = project_copy / ARTICLE
    with serve_preview(project_copy, tmp_path / "serve.log", *MAKE_SERVE_ARGS) as url:
        before = page_chrome(wait_for_page(url + URL, lambda html: "Find the mailbox" in html))
        assert before["breadcrumbs"][0] == home_title and all(before.values()), before
        article.write_text(article.read_text(encoding="utf-8") + f"\n{NEW_TEXT}\n", encoding="utf-8")
        after = page_chrome(wait_for_page(url + URL, lambda html: NEW_TEXT in html))
    assert after == before, (tmp_path / "serve.log").read_text(encoding="utf-8")
    assert "None" not in {text for texts in after.values() for text in texts}
