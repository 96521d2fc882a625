"""Templates without indentation, minified assets: fewer bytes, the same page."""

from __future__ import annotations

import json
import re

from hooks.pages.minify import minify_assets, without_comments, without_indentation
from tests.conftest import DOCS, soup
from tests.sitebuild import build


def test_templates_lose_indentation_but_not_preformatted_text_or_scripts():
    """Indentation and blank lines go; the content of <pre>, <textarea>, <script> and <style>
    stays byte for byte; a browser shows the same text."""
    template = ("<div>\n    <p>\n\n      One  step.\n    </p>\n    <pre><code>1. keep\n    this   spacing\n</code></pre>\n"
                "    <TEXTAREA rows=4\n              id=t>\n  typed\n</TEXTAREA>\n"
                "    <script src=a.js\n        async>\n  if (a)\n    b()\n</script>\n"
                "    <style>\n  .a { }\n</style>\n    {% if x %}\n      <b>x</b>\n    {% endif %}\n</div>\n")
    small = without_indentation(template)
    assert small == ("<div>\n<p>\nOne  step.\n</p>\n<pre><code>1. keep\n    this   spacing\n</code></pre>\n"
                     "<TEXTAREA rows=4\nid=t>\n  typed\n</TEXTAREA>\n"
                     "<script src=a.js\nasync>\n  if (a)\n    b()\n</script>\n"
                     "<style>\n  .a { }\n</style>\n{% if x %}\n<b>x</b>\n{% endif %}\n</div>\n")
    shown = [" ".join(soup(html).p.get_text().split()) for html in (small, template)]  # as a browser collapses spaces
    assert shown == ["One step.", "One step."]
    assert without_indentation("<p>\n  a</p>\n  <pre>open, never closed\n    b") == "<p>\na</p>\n<pre>open, never closed\nb"


def test_built_pages_have_no_indentation_and_our_assets_are_minified(site):
    """The built article has no indented lines outside preformatted text and scripts, and our
    CSS/JS lose their comments; sitemap.xml is not an HTML template and keeps its layout."""
    html = site.html("email-troubleshooting/password-issues-mac-mail-ios/")
    before_code = html.split("<pre", 1)[0]
    outside_scripts = "".join(part.split("</script>")[-1] for part in before_code.split("<script"))
    assert "\n " not in outside_scripts
    assert "\n    <" in (site.site / "sitemap.xml").read_text()
    css = (site.site / "assets/stylesheets/kb.css").read_text()
    source_css = (DOCS / "assets/stylesheets/kb.css").read_text()
    assert "/*" in source_css and "/*" not in css and len(css) < len(source_css)
    assert ".admonition.important" in css


# A link or button of the navigation, with what it holds.
NAV_LINK_RE = re.compile(r'<(a|label) [^>]*class="md-nav__link.*?</\1>', re.DOTALL)


def test_the_sidebar_links_have_no_blank_lines_and_keep_every_title_word_for_word(site):
    """overrides/partials/nav-item.html strips the line break before each statement alone on its
    line: its links have no blank line left, and each still reads as its page's title, with the
    spaces between its words (the text a browser shows)."""
    article = "email-troubleshooting/password-issues-mac-mail-ios"
    html = site.html(article + "/")
    sidebar = html.split("md-sidebar--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', sidebar, re.DOTALL).group()
    drawn = [link.group() for link in NAV_LINK_RE.finditer(sidebar.replace(toc, ""))]
    assert len(drawn) >= 5 and not [link for link in drawn if "\n\n" in link]
    # The table of contents inside, drawn by Material's own partial, still has them: the check sees them.
    assert [link.group() for link in NAV_LINK_RE.finditer(toc) if "\n\n" in link.group()]
    links = [a for a in soup("".join(drawn)).select("a[href]") if not a.get_text().startswith("All ")]
    assert len(links) >= 5
    for link in links:
        target = (site.site / article / link["href"] / "index.html").read_text(encoding="utf-8")
        title = soup(target).title.get_text().rsplit(" - ", 1)[0]
        assert " ".join(link.get_text().split()) == title, link


def test_the_themes_settings_carry_only_what_its_script_reads_on_our_pages(site):
    """overrides/main.html's settings block: the code copy button's words, no words of Material's
    search or version selector (neither is on our pages), no search worker; the rest as Material's."""
    config = json.loads(soup(site.html("domains/mx-records/")).find("script", id="__config").get_text())
    assert set(config["translations"]) == {"clipboard.copy", "clipboard.copied"}
    assert "search" not in config and config["version"] is None
    assert config["base"] == "../.." and "content.code.copy" in config["features"]


def test_comments_leave_the_article_but_code_that_shows_one_stays():
    assert without_comments("<p>Open Mail. <!-- kb-ignore KB101 --></p><!--\nnote\n--><p>b</p>") == "<p>Open Mail. </p><p>b</p>"
    assert without_comments("<pre><code>&lt;!-- shown --&gt;</code></pre>") == "<pre><code>&lt;!-- shown --&gt;</code></pre>"


def test_a_writers_comment_is_not_published(project_copy, tmp_path):
    """A note left for other writers in an article's source is not in its page; a comment shown
    as code still is."""
    article = project_copy / "docs/email-setup/outlook.md"
    article.write_text(article.read_text(encoding="utf-8")
                       + "\nLast step. <!-- note for writers: ask Dana before changing -->\n\n"
                       + "`<!-- shown as code -->`\n", encoding="utf-8")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    html = result.html("email-setup/outlook/")
    assert "Last step." in html and "ask Dana" not in html
    assert "&lt;!-- shown as code --&gt;" in html


def test_minify_assets_rewrites_only_files_that_come_from_docs(tmp_path):
    """Only CSS/JS with a source in docs/ are rewritten; theme files and other types are left as built."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "assets").mkdir(parents=True)
    (site / "assets").mkdir(parents=True)
    (docs / "assets/a.css").write_text("/* why */\n.a {\n  color: red;\n}\n")
    (docs / "assets/b.js").write_text("// why\nfunction b () {\n  return 1;\n}\n")
    (docs / "page.md").write_text("# Page\n")
    for name, text in {"assets/a.css": "/* why */\n.a {\n  color: red;\n}\n",
                       "assets/b.js": "// why\nfunction b () {\n  return 1;\n}\n",
                       "assets/theme.css": "/* theme */ .t { }", "page.md": "# Page\n"}.items():
        (site / name).write_text(text)
    rewritten = minify_assets(docs, site)
    assert rewritten == [site / "assets/a.css", site / "assets/b.js"]
    assert (site / "assets/a.css").read_text() == ".a{color:red}"
    assert (site / "assets/b.js").read_text() == "function b(){return 1;}"
    assert (site / "assets/theme.css").read_text() == "/* theme */ .t { }"
    assert (site / "page.md").read_text() == "# Page\n"
