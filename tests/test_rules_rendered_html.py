"""KB301 judged on what is published (hooks/checks/rules/rendered_html.py).

Each bypass of the source reading (backticks inside a raw HTML block, an address on the line
after `[x]:` or `[t](`, ...) must fail at the file, line and column where it is typed: through
the check function, through `python -m hooks check` and through a strict build. What writers
need (the real docs/, the writers' guide, allowed raw HTML, code that shows a tag) must pass.
"""

from __future__ import annotations

import textwrap

import pytest

from hooks.checks.config import load_site_config
from hooks.checks.engine import check_text
from hooks.checks.rules.rendered_html import may_publish_problems, published_findings, published_problems
from hooks.checks.rules.site import renderer
from hooks.checks.source import Document
from hooks.support.phone_links import PhoneLinksExtension
from hooks.support.languages import load_site_support
from tests.conftest import DOCS, ROOT, guide_sources
from tests.sitebuild import build
from tests.test_check_command import run

SITE = load_site_config(ROOT / "mkdocs.yml")


def site_renderer():
    """The site's renderer as the build has it: its extensions, and the phone placeholders' links."""
    md = renderer(SITE.mapping["markdown_extensions"])
    contacts = load_site_support(SITE.mapping["extra"]["support"], SITE.languages)
    md.registerExtensions([PhoneLinksExtension(contacts, lambda: SITE.languages.default)], {})
    return md


MARKDOWN = site_renderer()

# name: (Markdown, the text the finding must point at, what its message must say).
# Each is published as HTML that runs, loads or redirects, and the source reading alone misses it.
BYPASSES = {
    "backticks in a raw div": ("# Fonts\n\n<div>\n`<script src=\"../../assets/javascripts/x.js\"></script>`\n</div>\n",
                               "<script src", "`<script>` is published as a working tag"),
    "meta refresh in a raw div": ("<div>\n`<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">`\n"
                                  "</div>\n", "<meta", "`<meta>` is published"),
    "reference definition, URL on the next line": ("See [the form][x].\n\n[x]:\n    javascript:alert(1)\n",
                                                   "javascript:", "`javascript:` URL in `href=`"),
    "inline link, URL on the next line": ("Open [the form](\njavascript:alert(1)).\n", "javascript:",
                                          "`javascript:` URL in `href=`"),
    "encoded scheme on the next line": ("[x]:\n    &#106;ava&#x09;script&colon;alert(1)\n\nSee [x].\n", "&#106;",
                                        "`javascript:` URL"),
    "image reference, data URL on the next line": ("![logo][i]\n\n[i]:\n  data:image/png;base64,AAAA\n",
                                                   "data:", "`data:` URL in `src=`"),
    "image, URL on the next line": ("![logo](\n  data:image/png;base64,AAAA)\n", "data:", "`data:` URL in `src=`"),
    "autolink shape in a raw block": ("<div>\n<https://example.com/ onmouseover=alert(1)>\n</div>\n", "onmouseover",
                                      "`onmouseover=` runs code"),
    "raw block inside md_in_html": ("<div markdown>\n\n**Steps**\n\n<div>\n`<iframe src=\"https://evil.example\">`\n"
                                    "</div>\n\n</div>\n", "<iframe", "`<iframe>` is published"),
    "backticks in details": ("<details><summary>More</summary>\n`<style>body { display: none }</style>`\n</details>\n",
                             "<style", "`<style>` is published"),
    "handler in backticks in a raw paragraph": ("<p>`<img src=x onerror=alert(1)>`</p>\n", "onerror",
                                                "`onerror=` runs code"),
    "a comment that browsers end at once": ("Text <!--> <img src=x onerror=alert(1)> -->.\n", "onerror",
                                            "`onerror=` runs code"),
    "a comment ended by --!>": ("<div>\n<!-- note --!> <a href=x onmouseover=alert(1)>x</a> -->\n</div>\n",
                                "onmouseover", "`onmouseover=` runs code"),
    "a CDATA section, which HTML ends at the first >": ("<div>\n<![CDATA[ > <img src=x onerror=alert(1)> ]]>\n</div>\n",
                                                        "onerror", "`onerror=` runs code"),
    "a tag hidden in noscript text": ("<div>\n`<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">`\n</div>\n",
                                      "<noscript", "`<noscript>` is published"),
    "a tag hidden in textarea text": ("<div>\n`<textarea><p title=\"</textarea><img src=x onerror=alert(1)>\">`\n"
                                      "</div>\n", "<textarea", "`<textarea>` is published"),
    "shown as code first, then published": ("Never type `<script src=x>` in an article.\n\n<div>\n"
                                            "`<script src=\"x.js\"></script>`\n</div>\n", "<script src=\"x",
                                            "`<script>` is published"),
}


def kb301(text: str) -> list[tuple[int, int, str]]:
    """(line, col, message) of every KB301 finding of a file, as the command reports them: the source
    reading's and the published page's."""
    found = [f for f in check_text(text, SITE.settings) if f.rule_id == "KB301"]
    found += published_findings(Document(text, SITE.settings), lambda: MARKDOWN)
    return sorted((f.line, f.col, f.message) for f in found)


def place_of(text: str, marker: str) -> tuple[int, int]:
    """(line, col) of the first `marker` in the text."""
    before = text[:text.index(marker)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize("name", BYPASSES)
def test_a_bypass_is_reported_once_where_it_is_typed(name):
    """The finding is at the typed tag, attribute or address, once, and names the problem."""
    text, marker, says = BYPASSES[name]
    found = kb301(text)
    assert [(line, col) for line, col, _ in found] == [place_of(text, marker)], found
    assert says in found[0][2]


def test_a_tag_in_backticks_in_a_raw_block_is_told_how_to_show_it_as_text():
    """The writer meant the backticks to make it text: the message says they do not, and what does."""
    [(_, _, message)] = kb301(BYPASSES["backticks in a raw div"][0])
    assert "backticks are not code" in message and "`&lt;`" in message


def test_the_fix_the_message_gives_passes():
    """`&lt;` for `<` inside the raw block: shown as text, nothing reported."""
    assert kb301("<div>\n&lt;script src=\"x.js\"&gt;&lt;/script&gt;\n</div>\n") == []


@pytest.mark.parametrize("text, marker", [
    ("Intro.\n\n<script>alert(1)</script>\n", "<script"),
    ('<div>\n<a href="javascript:alert(1)">x</a>\n</div>\n', "href"),
    ("[open](javascript:alert(1))\n", "javascript"),
    ('A paragraph.\n{ onclick="alert(1)" }\n', "onclick"),
    ('[help](https://example.com){ href="javascript:alert(1)" }\n', "href"),
    ('<img srcset="logo.png 1x, data:image/png;base64,AAAA 2x">\n', "srcset"),
    ("[open](\n<javascript:alert(1)>)\n", "<javascript"),
])
def test_what_the_source_reading_reports_is_not_reported_again(text, marker):
    """Raw HTML, links, attribute lists and images the source rule sees keep its position, once."""
    assert [(line, col) for line, col, _ in kb301(text)] == [place_of(text, marker)]


def test_a_kb_ignore_comment_silences_the_source_finding_but_not_a_bypass():
    """`kb-ignore KB301` keeps silencing what the source reading reports (an iframe map); a tag that
    only the published page shows stays reported, and the comment is reported as silencing nothing."""
    kept = '<iframe src="https://www.example.com/map"></iframe> <!-- kb-ignore KB301 -->\n'
    assert kb301(kept) == []
    text = '<div>\n`<script src="x.js"></script>` <!-- kb-ignore KB301 -->\n</div>\n'
    assert [(line, col) for line, col, _ in kb301(text)] == [place_of(text, "<script")]
    assert [f.rule_id for f in check_text(text, SITE.settings)] == ["KB001"]


def test_two_bypasses_of_one_kind_are_both_located():
    """Two published script tags on different lines: two findings, each at its own line."""
    text = "<div>\n`<script src=\"a.js\"></script>`\n</div>\n\nText.\n\n<div>\n`<script src=\"b.js\"></script>`\n</div>\n"
    assert [(line, col) for line, col, _ in kb301(text)] == [place_of(text, '<script src="a'),
                                                            place_of(text, '<script src="b')]


def test_a_line_after_front_matter_keeps_its_file_line():
    """Lines count from the top of the file, front matter included."""
    text = "---\ntitle: T\n---\n\n" + BYPASSES["reference definition, URL on the next line"][0]
    assert [(line, col) for line, col, _ in kb301(text)] == [place_of(text, "javascript:")]


@pytest.mark.parametrize("text", [
    "Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.<br>Then <sup>1</sup> and H<sub>2</sub>O.\n",
    "<details>\n<summary>More</summary>\n\nText.\n\n</details>\n",
    '<div markdown class="note">\n\n**Bold** and `<script>` shown as code.\n\n</div>\n',
    "Use `<script>` and `onerror=` and `javascript:` in code.\n",
    "```html\n<script>alert(1)</script>\n<a href=\"javascript:x\">x</a>\n```\n",
    "Text.\n\n    <iframe src=x></iframe>\n",
    "<!-- <script>alert(1)</script> -->\n",
    "Write to <support@example.com> or see <https://example.com/>.\n",
    "Back up your data: it is yours. Call {{ phone.us }}.\n",
    '=== "Mac"\n    One.\n=== "Windows"\n    Two.\n\n# Heading\n\nA note[^1].\n\n[^1]: The note.\n\n'
    "??? note \"More\"\n    Hidden.\n\nPress ++ctrl+alt+del++.\n",
])
def test_what_writers_need_is_published_without_a_finding(text):
    """Allowed tags, md_in_html, code that shows a tag, comments, autolinks, tabs, footnotes,
    details, keys, permalinks and the phone links are not reported."""
    assert kb301(text) == []


def test_the_site_extensions_output_is_read_and_passes():
    """The cases above really produce the extensions' markup (tabs' inputs and labels, a tel: link,
    a permalink, a footnote), so passing them is not passing nothing."""
    html = MARKDOWN.reset().convert('=== "A"\n    One.\n\n# H\n\nx[^1] {{ phone.us }}\n\n[^1]: n\n')
    for markup in ('type="radio"', "<label", 'href="tel:', 'class="headerlink"', 'class="footnote-ref"'):
        assert markup in html
    assert published_problems(html) == []


def test_every_real_article_and_the_writers_guide_pass():
    """docs/ as it is, the writers' guide included: rendered and read, nothing published is refused."""
    pages = sorted(DOCS.rglob("*.md"))
    assert set(guide_sources()) <= set(pages)
    for page in pages:
        doc = Document(page.read_text(encoding="utf-8"), SITE.settings)
        body = "\n".join(doc.markdown_lines[doc.body_start:])
        assert published_problems(MARKDOWN.reset().convert(body)) == [], page
        assert published_findings(doc, lambda: MARKDOWN) == [], page


@pytest.mark.parametrize("name", BYPASSES)
def test_the_quick_look_never_skips_a_bypass(name):
    """A page is rendered again only when its text could publish a problem; every bypass could."""
    assert may_publish_problems(BYPASSES[name][0])


def test_the_writers_command_reports_each_bypass_at_its_line_and_exits_1(tmp_path):
    """`python -m hooks check` on a folder with one file per bypass: each is reported at its place."""
    docs = tmp_path / "docs"
    docs.mkdir()
    expected = []
    for number, (text, marker, says) in enumerate(BYPASSES.values()):
        path = docs / f"bypass-{number:02}.md"
        path.write_text(text, encoding="utf-8")
        line, col = place_of(text, marker)
        expected.append((f"{path}:{line}:{col}: KB301 ", says))
    result = run(str(docs), cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    printed = [line for line in result.stdout.splitlines() if " KB301 " in line]
    assert len(printed) == len(expected), printed
    for start, says in expected:
        assert any(line.startswith(start) and says in line for line in printed), (start, printed)


def test_the_writers_command_passes_allowed_html(tmp_path):
    """The same command on a file of allowed raw HTML and code exits 0 and prints nothing."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "fine.md").write_text(textwrap.dedent("""\
        # Fine

        Press <kbd>Ctrl</kbd>. Never type `<script>` into an article.

        <details>
        <summary>More</summary>

        Text.

        </details>
        """), encoding="utf-8")
    result = run(str(docs), cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_strict_build_fails_at_the_located_lines_from_every_process(project_copy, tmp_path):
    """Two neighbouring pages (so one is rendered by the main process and one by the worker) each
    get a bypass: the strict build fails, and each warning names its file and line."""
    expected = []
    for page, name in (("domains/dns-propagation.md", "backticks in a raw div"),
                       ("domains/index.md", "reference definition, URL on the next line")):
        article = project_copy / "docs" / page
        original = article.read_text(encoding="utf-8")
        text, marker, says = BYPASSES[name]
        assert marker not in original
        article.write_text(original + "\n" + text, encoding="utf-8")
        line, col = place_of(original + "\n" + text, marker)
        expected.append(f"docs/{page}:{line}:{col}: KB301 {says}")
    result = build(project_copy, tmp_path / "site", processes=2)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    warnings = [text.split("-  ", 1)[1] for text in result.output.splitlines()
                if text.startswith("WARNING") and " KB301 " in text]
    assert len(warnings) == 2, result.output
    for start in expected:
        assert any(warning.startswith(start) for warning in warnings), (start, warnings)


def test_the_real_site_builds_without_a_published_finding(site):
    """The strict build of the real site (the session's) passes, with no KB301 line."""
    assert " KB301 " not in site.output
