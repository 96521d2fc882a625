"""KB301 unsafe-html: Markdown in, (line, col) out; and the same findings from the build and the writers' command."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from hooks.checks.config import load_settings
from hooks.checks.engine import check_text
from hooks.checks.rules.html import nav_title_problems, safe_redirects, setting_problems
from tests.conftest import ROOT
from tests.hostile import BODY_PAYLOADS, CATEGORY, FRONT_MATTER_ARTICLE, front_matter_article

SITE = load_settings(ROOT / "mkdocs.yml")


def findings(markdown: str) -> list[tuple[int, int, str]]:
    """(line, col, message) of each KB301 finding in the dedented Markdown."""
    text = textwrap.dedent(markdown).lstrip("\n")
    return [(f.line, f.col, f.message) for f in check_text(text, SITE) if f.rule_id == "KB301"]


def places(markdown: str) -> list[tuple[int, int]]:
    """(line, col) of each KB301 finding."""
    return [(line, col) for line, col, _ in findings(markdown)]


@pytest.mark.parametrize("markdown, place, says", [
    ('Text.\n\n<script>alert(1)</script>\n', (3, 1), "`<script>` runs code"),
    ("See <SCRIPT src=//evil.example></SCRIPT> here.\n", (1, 5), "`<script>` runs code"),
    ('<iframe src="https://example.com"></iframe>\n', (1, 1), "`<iframe>` runs code or loads another page"),
    ('<object data="x.swf"></object>\n', (1, 1), "`<object>`"),
    ('<embed src="x.swf">\n', (1, 1), "`<embed>`"),
    ('The logo <img src="logo.png" onerror="alert(1)">\n', (1, 30), "`onerror=` runs code"),
    ("<img/src=x/onerror=alert(1)>\n", None, None),  # one attribute, src, as browsers read it
    ("<img/onerror=alert(1)>\n", (1, 6), "`onerror=`"),
    ('<a href="javascript:alert(1)">x</a>\n', (1, 4), "`javascript:` URL in `href=`"),
    ('<a href=" JaVa&#x09;ScRiPt&colon;alert(1)">x</a>\n', (1, 4), "`javascript:` URL"),
    ("[open](javascript:alert(1))\n", (1, 8), "`javascript:` URL in a Markdown link"),
    ("![logo](data:image/png;base64,AAAA)\n", (1, 9), "`data:` URL in a Markdown link"),
    ("See [the form][form].\n\n[form]: javascript:alert(1)\n", (3, 9), "`javascript:` URL"),
    ('A paragraph.\n{ onclick="alert(1)" }\n', (2, 3), "`onclick=` runs code"),
    ("<svg onload=alert(1)></svg>\n", (1, 1), "`<svg>` is not an allowed HTML tag"),
    ("Press <Enter> to go on.\n", (1, 7), "`<enter>` is not an allowed HTML tag"),
    ("---\ntitle: Reset your <b>mailbox</b>\n---\n\n# Reset\n", (2, 19), "`<b>` in the front matter"),
])
def test_unsafe_html_is_reported_where_it_is(markdown, place, says):
    """Each case must fail at its line:col with a message that names the problem (None: must pass)."""
    found = findings(markdown)
    if place is None:
        assert found == []
        return
    assert (found[0][0], found[0][1]) == place, found
    assert says in found[0][2]


def test_a_multi_line_tag_reports_the_attribute_on_its_own_line():
    """An attribute on the tag's third line is reported at that line, not at the `<`."""
    assert places("""
        <img
          src="logo.png"
          onerror="alert(1)">
        """) == [(3, 3)]


@pytest.mark.parametrize("markdown", [
    "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>Then <sup>1</sup> and H<sub>2</sub>O.\n",
    "<details>\n<summary>More</summary>\n\nText.\n\n</details>\n",
    '<div markdown class="note">\n\n**Bold**\n\n</div>\n',
    '[help](https://example.com/help) and [page](../domains/mx-records.md) and ![x](logo.png)\n',
    "Write to <support@example.com> or see <https://example.com/>.\n",
    "Use `<script>` and `onerror=` and `javascript:` in code.\n",
    "```html\n<script>alert(1)</script>\n<a href=\"javascript:x\">x</a>\n```\n",
    "Text.\n\n    <iframe src=x></iframe>\n",
    "<!-- <script>alert(1)</script> -->\n",
    "The price is 5 < 6 and a -> b.\n",
    'A paragraph.\n{ #id .class title="data: 5 GB" }\n',
    "---\ntitle: AT&T mail settings\ndescription: Use 5 < 6 in sums.\n---\n\n# AT&T\n",
])
def test_what_writers_need_passes(markdown):
    """Allowed tags, safe links, autolinks, code, comments and plain `<` text are not reported."""
    assert findings(markdown) == []


def test_a_finding_can_be_silenced_on_its_line():
    """`kb-ignore KB301` silences the rule on that line only."""
    assert places('<iframe src="https://www.example.com/map"></iframe> <!-- kb-ignore KB301 -->\n') == []


def test_every_body_payload_of_the_hostile_article_is_reported():
    """Each hostile line of the test article is reported at the text the payload list names."""
    text = front_matter_article()
    lines = text.split("\n")
    reported = {(line, col) for line, col, _ in findings(text)}
    for markdown, marker in BODY_PAYLOADS.values():
        index = lines.index(next(line for line in markdown.split("\n") if marker in line))
        assert (index + 1, lines[index].index(marker) + 1) in reported, (markdown, marker)
    for index in (1, 2, 4):  # title, description, tag
        assert (index + 1, lines[index].index("<") + 1) in reported


def test_build_and_writers_command_report_the_same_lines(hostile_site):
    """The (non-strict) build logs each KB301 finding; `python -m hooks check` prints the same ones."""
    project = hostile_site.site.parent
    article = project / "docs" / CATEGORY / FRONT_MATTER_ARTICLE
    command = subprocess.run([sys.executable, "-m", "hooks", "check", str(article)], cwd=project,
                             capture_output=True, text=True, check=False)
    assert command.returncode == 1
    printed = [line for line in command.stdout.splitlines() if line.startswith(f"{article}:") and " KB301 " in line]
    relative = f"docs/{CATEGORY}/{FRONT_MATTER_ARTICLE}"
    assert len(printed) >= len(BODY_PAYLOADS)
    logged = [line.split("-  ", 1)[1] for line in hostile_site.output.splitlines()
              if f"{relative}:" in line and " KB301 " in line]
    assert sorted(logged) == sorted(line.replace(str(article), relative) for line in printed)


def test_strict_build_fails_on_kb301(project_copy):
    """One `<script>` in one article fails the strict build, with the located line."""
    from tests.sitebuild import build

    article = project_copy / "docs/domains/mx-records.md"
    article.write_text(article.read_text() + "\n<script>alert(1)</script>\n")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    line = len(article.read_text().split("\n")) - 1
    assert f"docs/domains/mx-records.md:{line}:1: KB301 `<script>` runs code" in result.output


# Navigation titles now live in docs/ (a category's index.md and its .nav.yml), not in mkdocs.yml.
CONFIG_PAYLOADS = ("site-name", "site-description", "copyright", "announcement", "chat-label", "phone-label",
                   "organization", "feedback-endpoint")


def test_markup_in_settings_is_reported_at_its_line_by_the_build_and_the_command(hostile_site):
    """Each hostile value of mkdocs.yml is reported at its own line and column."""
    project = hostile_site.site.parent
    lines = (project / "mkdocs.yml").read_text().split("\n")
    expected = sorted(f"mkdocs.yml:{index + 1}:" for name in CONFIG_PAYLOADS
                      for index, line in enumerate(lines) if f'kbPwned("{name}")' in line)
    assert len(expected) == len(CONFIG_PAYLOADS)
    logged = [line.split("-  ", 1)[1] for line in hostile_site.output.splitlines() if "mkdocs.yml:" in line]
    command = subprocess.run([sys.executable, "-m", "hooks", "check", "docs/index.md"], cwd=project,
                             capture_output=True, text=True, check=False)
    assert command.returncode == 1
    for report in (logged, command.stdout.splitlines()):
        assert sorted(line.rsplit(":", 2)[0] + ":" for line in report if " KB301 " in line) == expected
        assert all("is shown as typed, not as HTML" in line for line in report if " KB301 " in line)


def test_a_script_url_in_a_setting_is_reported():
    """A `javascript:` link for the promotion bar is reported where it is typed."""
    config = "extra:\n  announcement:\n    text: Sale\n    link: javascript:alert(1)\n"
    assert [(f.line, f.col) for f in setting_problems(config)] == [(4, 11)]


REDIRECTS = ("plugins:\n  - search\n  - redirects:\n      redirect_maps:\n"
             "        old.md: 'domains/mx-records.md#ttl'\n"
             "        gone.md: 'https://status.example.com/page?x=1'\n"
             "        a.md: 'https://e.example/\"; alert(2); \"'\n"
             "        b.md: 'x.md</script><script>alert(3)//'\n"
             "        c.md: \"it's.md\"\n"
             "        d.md: 'javascript:alert(4)'\n")


def test_a_redirect_target_that_would_break_its_page_is_reported_once_where_it_is_typed():
    """mkdocs-redirects writes the target into a script and attributes as it is: a quote, < > or a
    backslash would end them. A page path or a plain address passes; each bad target is one
    finding (not also "shown as typed", which a redirect target is not)."""
    found = [(f.line, f.col, f.message.split(",")[0]) for f in setting_problems(REDIRECTS)]
    assert found == [(7, 15, "the redirect target holds `\"`"), (8, 15, "the redirect target holds `<`"),
                     (9, 15, "the redirect target holds `'`"),
                     (10, 15, "`javascript:` URL in a redirect runs code when followed; link to an https:// page or a page in docs/")]
    assert setting_problems("just text\n") == setting_problems("") == []


def test_only_safe_redirects_are_kept_for_the_plugin():
    maps = {"old.md": "domains/mx-records.md#ttl", "a.md": 'https://e.example/"; alert(2); "',
            "d.md": "javascript:alert(4)", "e.md": "line\nbreak.md"}
    assert safe_redirects(maps) == {"old.md": "domains/mx-records.md#ttl"}


def test_the_real_settings_pass():
    """The project's own mkdocs.yml has nothing KB301 reports."""
    assert setting_problems((ROOT / "mkdocs.yml").read_text()) == []


# ---- KB301 in a category's .nav.yml (mkdocs-awesome-nav): titles are shown as typed ----------

NAV_TAG = "in a navigation title is shown as typed, not as HTML; write plain text"


@pytest.mark.parametrize("nav, expected", [
    ('nav:\n  - index.md\n  - "MX <b>records</b>": mx-records.md\n', [(3, 5, "`<b>` " + NAV_TAG)]),
    ("title: Mail <i>setup</i>\nnav:\n  - index.md\n", [(1, 8, "`<i>` " + NAV_TAG)]),
    ("nav:\n  - Email <em>help</em>:\n      - Outlook <script>x</script>: outlook.md\n",
     [(2, 5, "`<em>` " + NAV_TAG), (3, 9, "`<script>` " + NAV_TAG)]),
    ("nav:\n  - Webmail: javascript:alert(1)\n", [(2, 14, "`javascript:` URL in a navigation link runs code")]),
    ("nav:\n  - {Logo: 'data:image/png;base64,AAAA'}\n", [(2, 12, "`data:` URL in a navigation link")]),
])
def test_markup_in_a_nav_title_is_reported_where_it_is(nav, expected):
    """A tag in any title (the folder's, a page's, a section's, at any depth) or a script URL as a
    link target, at its line and column."""
    found = [(f.line, f.col, f.message) for f in nav_title_problems(nav)]
    assert [(line, col) for line, col, _ in found] == [(line, col) for line, col, _ in expected]
    assert all(message.startswith(says) for (*_, message), (*_, says) in zip(found, expected)), found


@pytest.mark.parametrize("nav", [
    'nav:\n  - index.md\n  - "MX records": mx-records.md\n  - "Data: backups and 5 < 6": backups.md\n',
    "title: AT&T mail\nnav:\n  - Help: https://www.example.com/help\n  - '*.md'\n",
    'nav:\n  - glob: "*"\n    sort:\n      by: title\n',
    "nav: [unclosed\n",  # unreadable: KB416's, not KB301's
])
def test_plain_nav_titles_pass(nav):
    """Plain titles (a colon, `&` or `<` before a digit), web links, patterns and their options pass."""
    assert nav_title_problems(nav) == []


def test_build_and_command_report_a_nav_title_and_pass_it_once_plain(project_copy, tmp_path):
    """The strict build fails on the .nav.yml's line; the command prints it (for the folder and for the
    file named alone) and exits 1. With the title in plain text, both pass."""
    from tests.sitebuild import build

    nav = project_copy / "docs/domains/.nav.yml"
    nav.write_text('nav:\n  - index.md\n  - "MX <b>records</b>": mx-records.md\n', encoding="utf-8")
    line = f"docs/domains/.nav.yml:3:5: KB301 `<b>` {NAV_TAG}"
    built = build(project_copy, tmp_path / "bad")
    assert built.returncode == 1
    assert "Traceback" not in built.output
    assert [text.split("-  ", 1)[1] for text in built.output.splitlines() if text.startswith("WARNING")] == [line]
    for named in (["docs"], ["docs/domains/.nav.yml"]):
        command = subprocess.run([sys.executable, "-m", "hooks", "check", *named], cwd=project_copy,
                                 capture_output=True, text=True, check=False)
        assert (command.returncode, command.stdout.splitlines(), command.stderr) == (1, [line], "")

    nav.write_text('nav:\n  - index.md\n  - "MX records": mx-records.md\n', encoding="utf-8")
    assert build(project_copy, tmp_path / "good").returncode == 0
    command = subprocess.run([sys.executable, "-m", "hooks", "check", "docs"], cwd=project_copy,
                             capture_output=True, text=True, check=False)
    assert (command.returncode, command.stdout, command.stderr) == (0, "", "")


def test_a_declaration_python_cannot_read_is_not_a_crash():
    """Python's parser fails on `<![x`; browsers read any `<!` as a comment up to the first `>`, and
    so does the rule: no traceback, and nothing to report."""
    assert findings("<div>\n<![x]: y\n</div>\n") == []
