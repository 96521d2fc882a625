"""Minified pages and assets: fewer bytes, the same page."""

from __future__ import annotations

from hooks.pages.minify import minify_assets, minify_page
from tests.conftest import DOCS, soup


def test_minified_html_keeps_preformatted_text_and_structure():
    """Indentation between tags goes; text inside <pre> and closing tags stay."""
    html = ("<!doctype html>\n<html>\n  <head>\n    <title>T</title>\n  </head>\n  <body>\n"
            "    <!-- a comment -->\n    <p>\n      One  step.\n    </p>\n"
            "    <pre><code>1. keep\n    this   spacing\n</code></pre>\n  </body>\n</html>\n")
    small = minify_page(html)
    assert len(small) < len(html) * 0.8
    assert "<pre><code>1. keep\n    this   spacing\n</code></pre>" in small
    assert "a comment" not in small and "</p>" in small and "<head>" in small
    assert soup(small).p.get_text(strip=True) == "One step."


def test_built_pages_and_our_assets_are_minified(site):
    """The built article has no indentation runs, and our CSS/JS lose their comments."""
    html = site.html("email-troubleshooting/password-issues-mac-mail-ios/")
    assert "\n    " not in html.split("<pre", 1)[0]
    css = (site.site / "assets/stylesheets/kb.css").read_text()
    source_css = (DOCS / "assets/stylesheets/kb.css").read_text()
    assert "/*" in source_css and "/*" not in css and len(css) < len(source_css)
    assert ".admonition.important" in css


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
