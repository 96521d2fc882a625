"""KB417 file-type and KB418 unsafe-svg: a path (and an SVG's bytes) in, findings out; and the
real strict build and the writers' command given files that would run script on the site."""

from __future__ import annotations

import re

import pytest

from hooks.checks.rules.static_files import is_static, published, static_findings, svg_findings
from tests.conftest import DOCS, ROOT
from tests.sitebuild import build
from tests.test_catalogue import command, problem_lines
from tests.test_check_command import run

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 24 24">\n'


def never_read() -> bytes:
    """The bytes of a file whose type alone decides: reading it is a mistake."""
    raise AssertionError("only an SVG is read")


def reader(text: str, encoding: str = "utf-8"):
    """What `static_findings` calls for an SVG's bytes: here, `text` encoded."""
    return lambda: text.encode(encoding)


def place_of(text: str, marker: str) -> tuple[int, int]:
    """The line and column (from 1) where `marker` first starts in `text`."""
    before = text[:text.index(marker)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@pytest.mark.parametrize("path", [
    "accounts/x.html", "accounts/x.HTM", "x.xhtml", "accounts/feed.xml", "x.php", "x.shtml", "data.json",
    "accounts/sw.js", "x.mjs", "x.css", "fonts/x.woff2", "x.ttf", "x.svgz", "notes.txt", "README", "accounts/CNAME",
    "assets/x.html", "assets/stylesheets/x.xml", "assets/x.php", "assets/x.json", "Assets/x.js",
])
def test_a_type_the_site_does_not_publish_is_one_finding_without_reading_the_file(path):
    """Pages, XML, scripts and fonts outside docs/assets/, and anything unknown: one KB417 at 1:1
    that says how to fix it."""
    [finding] = static_findings(path, never_read)
    assert (finding.line, finding.col, finding.rule_id) == (1, 1, "KB417")
    assert "Markdown article" in finding.message or "move it there" in finding.message, finding.message
    assert "\n" not in finding.message


@pytest.mark.parametrize("path", [
    "accounts/a.png", "a.jpg", "a.JPEG", "a.gif", "a.webp", "a.avif", "favicon.ico", "guides/setup.pdf", "A.PDF",
    "assets/stylesheets/kb.css", "assets/javascripts/search.js", "assets/fonts/a.woff", "assets/fonts/a.woff2",
    "assets/fonts/a.ttf", "assets/fonts/a.otf", "CNAME",
])
def test_an_allowed_type_is_published_without_reading_the_file(path):
    """Images, PDFs, the site's own CSS, JS and fonts under docs/assets/, and GitHub Pages' CNAME."""
    assert static_findings(path, never_read) == []


def test_which_files_are_judged_here():
    """Articles and navigation files have their own rules; what MkDocs never publishes is left alone."""
    assert [is_static(p) for p in ("a/x.md", "a/x.markdown", "a/.nav.yml", "a/x.html", "a/x.svg")] == [
        False, False, False, True, True]
    assert [published(p) for p in ("a/x.html", ".git/x", "a/.x.html", "templates/x.html", "a/templates/x.html")] == [
        True, False, False, False, True]


def test_every_file_of_the_real_docs_folder_passes():
    """The site's own assets (favicon.svg, stylesheets, scripts) are all of an allowed type and safe."""
    found = {path.relative_to(DOCS).as_posix(): static_findings(path.relative_to(DOCS).as_posix(), path.read_bytes)
             for path in sorted(DOCS.rglob("*")) if path.is_file() and is_static(path.name)}
    assert "assets/favicon.svg" in found and "assets/javascripts/search.js" in found
    assert all(findings == [] for findings in found.values()), found


# Each SVG, and the text at which the finding must point (the element that holds the danger).
UNSAFE_SVGS = {
    "script": (SVG + "  <script>alert(document.domain)</script>\n</svg>", "<script>"),
    "script in the XHTML namespace": (
        SVG + '  <g>\n    <h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>\n  </g>\n</svg>',
        "<h:script"),
    "event handler on the root": ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "<svg"),
    "event handler in capitals": (SVG + '  <rect width="4" ONCLICK="alert(1)"/>\n</svg>', "<rect"),
    "foreignObject": (SVG + "  <foreignObject><p>hi</p></foreignObject>\n</svg>", "<foreignObject"),
    "an element SVG does not draw": (SVG + '  <iframe src="https://e.test/"/>\n</svg>', "<iframe"),
    "href to another site": (SVG + '  <a href="https://e.test/"><text>x</text></a>\n</svg>', "<a "),
    "javascript: href": (SVG + '  <a xlink:href=" javascript:alert(1)"><text>x</text></a>\n</svg>', "<a "),
    "use of another file": (SVG + '  <use href="sprite.svg#icon"/>\n</svg>', "<use"),
    "image from data:": (SVG + '  <image href="data:image/svg+xml;base64,PHN2Zz4="/>\n</svg>', "<image"),
    "feImage from another site": (SVG + '  <filter id="f"><feImage href="https://e.test/x.png"/></filter>\n</svg>',
                                  "<feImage"),
    "style attribute url()": (SVG + '  <rect style="fill: url(https://e.test/p.svg#g)"/>\n</svg>', "<rect"),
    "presentation attribute url()": (SVG + '  <rect fill="URL( \'//e.test/x#g\' )"/>\n</svg>', "<rect"),
    "style element url()": (SVG + "  <style><![CDATA[\n rect { fill: url(/x.png) }\n ]]></style>\n</svg>", "<style"),
    "style element @import": (SVG + '  <style>@import "https://e.test/x.css";</style>\n</svg>', "<style"),
    "image-set() with a string": (SVG + "  <style>rect { fill: image-set(\"x.png\" 1x) }</style>\n</svg>", "<style"),
    "CSS escape": (SVG + '  <rect style="fill: u\\72l(https://e.test/)"/>\n</svg>', "<rect"),
    "xml:base": (SVG + '  <g xml:base="https://e.test/"><use href="#a"/></g>\n</svg>', "<g "),
    "animation that sets href": (SVG + '  <a href="#a"><set attributeName="href" to="javascript:alert(1)"/></a>\n</svg>',
                                 "<set"),
    "animation that sets a handler": (SVG + '  <animate attributeName="onbegin" values="alert(1)"/>\n</svg>',
                                      "<animate"),
    "stylesheet processing instruction": ('<?xml-stylesheet href="https://e.test/x.css"?>\n' + SVG + "</svg>",
                                          "<?xml-stylesheet"),
    "entity expansion (billion laughs)": (
        '<!DOCTYPE svg [\n <!ENTITY a "aaaaaaaa">\n <!ENTITY b "&a;&a;&a;&a;&a;">\n]>\n' + SVG + "&b;</svg>",
        "<!DOCTYPE"),
    "external entity": ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + SVG + "&x;</svg>", "<!DOCTYPE"),
    "public DTD": ('<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                   '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + SVG + "</svg>", "<!DOCTYPE"),
    # expat points at the name in the end tag that does not match.
    "not well-formed": (SVG + "  <g>\n  <rect/>\n</svg>", "svg>"),
    "an HTML page named .svg": ("<html><body><script>alert(1)</script></body></html>", "<html>"),
    "no SVG namespace": ("<svg><script>alert(1)</script></svg>", "<svg>"),
}


@pytest.mark.parametrize("name", UNSAFE_SVGS)
def test_an_unsafe_svg_is_one_finding_at_the_element_that_holds_the_danger(name):
    """Script, handlers, foreignObject, references out of the file, DTDs and broken XML: KB418 at
    the offending element (for a DTD, where the parser stopped on that line)."""
    text, marker = UNSAFE_SVGS[name]
    [finding] = static_findings("accounts/diagram.svg", reader(text))
    line, col = place_of(text, marker)
    assert finding.rule_id == "KB418"
    assert finding.line == line and (finding.col == col or marker == "<!DOCTYPE"), (finding, line, col)
    assert "\n" not in finding.message


def test_an_unknown_encoding_or_an_empty_file_is_refused():
    """What expat cannot decode, and a file with no element, cannot be checked, so it is not published."""
    for data in (b'<?xml version="1.0" encoding="x-klingon"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>', b""):
        [finding] = svg_findings(data)
        assert (finding.line, finding.col, finding.rule_id) == (1, 1, "KB418")


SAFE_SVGS = {
    "the site's favicon": (DOCS / "assets/favicon.svg").read_text(encoding="utf-8"),
    "references inside the file": (
        SVG + '  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>\n'
              '  <symbol id="s"><path d="M0 0h4v4z"/></symbol></defs>\n'
              '  <use href="#s"/><use xlink:href="#s"/><a href="#s"><text>x</text></a>\n'
              '  <rect fill="url(#g)" style="stroke: url( \'#g\' ); transform: translate(1px, 2px)"/>\n'
              "  <style>rect { filter: url(#f) }</style>\n</svg>"),
    "an editor's metadata": (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"\n'
        '     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" inkscape:version="1.3"\n'
        '     xml:space="preserve" xml:lang="en">\n  <sodipodi:namedview pagecolor="#ffffff"/>\n'
        '  <metadata><title>Diagram</title></metadata>\n  <g inkscape:label="Layer 1"><circle r="2"/></g>\n</svg>'),
    "an animation of a drawing attribute": (
        SVG + '  <circle r="2"><animate attributeName="r" values="2;4;2" dur="1s"/></circle>\n</svg>'),
}


@pytest.mark.parametrize("name", SAFE_SVGS)
def test_a_plain_svg_is_published(name):
    """Drawings with references to their own #ids, editor metadata and animations pass."""
    assert static_findings("accounts/diagram.svg", reader(SAFE_SVGS[name])) == []


def test_an_svg_in_utf16_is_read_as_such():
    """expat reads the byte-order mark: the same drawing passes in UTF-16, and its script is still found."""
    assert svg_findings(SAFE_SVGS["references inside the file"].encode("utf-16")) == []
    [finding] = svg_findings(UNSAFE_SVGS["script"][0].encode("utf-16"))
    assert (finding.line, finding.col, finding.rule_id) == (2, 3, "KB418")


# What the outsider dropped into docs/: each would run script with the site's address.
HOSTILE_FILES = {
    "docs/accounts/x.html": "<!doctype html>\n<script>navigator.serviceWorker.register('sw.js')</script>\n",
    "docs/accounts/sw.js": "self.addEventListener('fetch', e => e.respondWith(new Response('owned')));\n",
    "docs/accounts/x.svg": SVG + "  <script>alert(document.cookie)</script>\n</svg>\n",
    "docs/accounts/feed.xml": '<?xml version="1.0"?>\n<x:script xmlns:x="http://www.w3.org/1999/xhtml">'
                              "alert(1)</x:script>\n",
    "docs/assets/logo.svg": SVG + '  <rect width="4" height="4" onclick="alert(1)"/>\n</svg>\n',
}


def test_the_strict_build_and_the_command_refuse_each_file_that_runs_script(project_copy, tmp_path):
    """The must-show: one real strict build with every hostile file fails with one located line per
    file, publishes none of them but still the site's own assets; the command prints the same lines
    and exits 1."""
    for relative, text in HOSTILE_FILES.items():
        (project_copy / relative).write_text(text, encoding="utf-8")
    built = build(project_copy, tmp_path / "site")
    assert built.returncode != 0
    assert "Traceback" not in built.output
    lines = [line.split("-  ", 1)[1] for line in problem_lines(built.output)]
    assert sorted(line.split(":", 1)[0] for line in lines) == sorted(HOSTILE_FILES), built.output
    for line in lines:
        rule = "KB418" if line.split(":", 1)[0].endswith(".svg") else "KB417"
        assert f": {rule} " in line, line
    at, col = place_of(HOSTILE_FILES["docs/accounts/x.svg"], "<script>")
    assert any(line.startswith(f"docs/accounts/x.svg:{at}:{col}: KB418 <script> ") for line in lines), lines
    published_files = {path.relative_to(built.site).as_posix() for path in built.site.rglob("*") if path.is_file()}
    assert {relative.removeprefix("docs/") for relative in HOSTILE_FILES}.isdisjoint(published_files)
    assert {"assets/favicon.svg", "assets/javascripts/search.js", "assets/stylesheets/kb.css"} <= published_files
    checked = command(project_copy)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert sorted(checked.stdout.splitlines()) == sorted(lines) and checked.stderr == ""


def test_the_command_checks_a_file_it_is_given_by_name(project_copy):
    """`python -m hooks check docs/accounts/x.html` judges the file by its type, not as Markdown."""
    (project_copy / "docs/accounts/x.html").write_text(HOSTILE_FILES["docs/accounts/x.html"], encoding="utf-8")
    checked = run("docs/accounts/x.html", "docs/assets/favicon.svg", cwd=project_copy)
    assert checked.returncode == 1
    [line] = checked.stdout.splitlines()
    assert line.startswith("docs/accounts/x.html:1:1: KB417 "), line


def guide_section(rule: str) -> list[tuple[str, str]]:
    """(language, text) of each code block in the writers' guide's section on `rule`."""
    guide = (ROOT / "docs/writers-guide/rules.md").read_text(encoding="utf-8")
    section = guide.split(f"\n## {rule} ", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"(?ms)^```(\w+)\n(.*?)^```$", section)


def test_the_writers_guide_shows_the_lines_the_checks_print():
    """KB417's and KB418's examples in the guide are what the checks say about the guide's own
    wrong examples, and its right SVG passes."""
    [(_, kb417_line), *_] = guide_section("KB417")
    path, _, _ = kb417_line.partition(":")
    [finding] = static_findings(path.removeprefix("docs/"), never_read)
    assert finding.format(path) == kb417_line.strip()
    (_, kb418_line), (_, wrong), (_, right) = guide_section("KB418")
    [finding] = svg_findings(wrong.encode())
    assert finding.format("docs/accounts/diagram.svg") == kb418_line.strip()
    assert svg_findings(right.encode()) == []
