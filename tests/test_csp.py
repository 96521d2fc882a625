"""The Content-Security-Policy in the built pages: on every page, first in the head, hashing only the theme's code."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from jinja2 import Environment

from hooks.pages.csp import CSPError, ThemeCodeMarker, endpoint_origin, mark_theme_code, theme_hashes, with_policy
from tests.conftest import soup
from tests.hostile import CATEGORY, FRONT_MATTER_ARTICLE
from tests.ports import free_port
from tests.sitebuild import ROOT, build

# What a source in our policy may be: a keyword, our own data: images, or a script/style hash.
OWN_SOURCES_RE = re.compile(r"^(?:'self'|'none'|'wasm-unsafe-eval'|data:|'sha256-[A-Za-z0-9+/]+=*')$")
EXECUTABLE_TYPES = ("", "text/javascript", "module")


def policy_of(html: str) -> dict[str, list[str]]:
    """The page's one CSP meta tag, as directive -> sources."""
    tags = soup(html).select('meta[http-equiv="Content-Security-Policy"]')
    assert len(tags) == 1, f"{len(tags)} policy tags"
    return {name: sources for name, *sources in (part.split() for part in tags[0]["content"].split(";"))}


def sha256_source(text: str) -> str:
    """The CSP hash source of an inline script or style, computed here independently of the hook."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_page_has_one_policy_first_in_its_head_with_no_other_origin(site):
    """Each HTML file, the 404 page included, carries one policy, before any script or style, naming only our site."""
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = policy_of(html)
        assert html.index('http-equiv="Content-Security-Policy"') < min(
            html.index(tag) for tag in ("<script", "<link", "<style") if tag in html), path
        assert html.index("<meta charset") < html.index('http-equiv="Content-Security-Policy"'), path
        sources = [source for values in policy.values() for source in values]
        assert all(OWN_SOURCES_RE.match(source) for source in sources), (path, sources)
        assert policy["object-src"] == ["'none'"] and "'unsafe-inline'" not in sources


def test_policy_allows_exactly_the_pages_inline_scripts_and_styles(site):
    """The hashes are those of the final bytes of each inline script and style of the page, no more, no fewer."""
    for path in sorted(site.site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        page = soup(html)
        scripts = {sha256_source(tag.get_text()) for tag in page.find_all("script")
                   if not tag.has_attr("src") and tag.get("type", "") in EXECUTABLE_TYPES}
        styles = {sha256_source(tag.get_text()) for tag in page.find_all("style")}
        policy = policy_of(html)
        assert scripts and set(policy["script-src"]) - {"'self'", "'wasm-unsafe-eval'"} == scripts, path
        assert set(policy["style-src"]) - {"'self'"} == styles, path


def test_article_scripts_are_never_allowed(hostile_site):
    """The hostile article's inline script is on its page, but its hash is not in the page's policy."""
    html = hostile_site.html(f"{CATEGORY}/{FRONT_MATTER_ARTICLE[:-3]}/")
    article_script = next(tag.get_text() for tag in soup(html).select("article script")
                          if "kbPwned" in tag.get_text())
    allowed = policy_of(html)["script-src"]
    assert sha256_source(article_script) not in allowed
    assert len(allowed) > 2  # the theme's own scripts still are


TOKEN = "0123abcd"


def test_templates_mark_their_own_scripts_and_styles():
    """Each `<script` and `<style` written in a template's source gets the build's token; nothing else does."""
    source = '<script>a()</script><script src="b.js"></script><style>p{}</style><scripts><p>script</p>'
    assert mark_theme_code(source, TOKEN) == (
        f'<script data-kb-theme={TOKEN}>a()</script><script data-kb-theme={TOKEN} src="b.js"></script>'
        f'<style data-kb-theme={TOKEN}>p{{}}</style><scripts><p>script</p>')


def test_only_code_with_the_token_is_allowed_and_the_token_leaves_no_trace():
    """Theme code (with the token) is hashed; an article's or a forged token's code is not; data blocks are not."""
    page = (f"<html><head><meta charset=utf-8><title>a <script data-kb-theme={TOKEN}>t()</script></title>"
            f"<script data-kb-theme={TOKEN}>theme()</script><style data-kb-theme='{TOKEN}'>p{{}}</style>"
            f'<script data-kb-theme="{TOKEN}" type=application/json>{{}}</script></head>'
            f"<body><script>article()</script><script data-kb-theme=guessed>forged()</script></body></html>")
    assert theme_hashes(page, TOKEN) == ([sha256_source("theme()")], [sha256_source("p{}")])
    secured = with_policy(page, TOKEN)
    assert TOKEN not in secured and "data-kb-theme=guessed" in secured
    assert secured.startswith('<html><head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" ')


def test_code_the_browser_reads_as_text_is_not_allowed():
    """Theme code inside a comment or a text area is text to the browser, so it gets no hash;
    a quoted ">" inside a start tag does not end the tag."""
    page = (f"<html><head><meta charset=utf-8><!-- <script data-kb-theme={TOKEN}>commented()</script> -->"
            f"<textarea><script data-kb-theme={TOKEN}>typed()</script></textarea>"
            f"<script data-kb-theme={TOKEN} data-note=\"a>b\">theme()</script>"
            f"<SCRIPT DATA-KB-THEME={TOKEN} TYPE=Module>upper()</SCRIPT></head></html>")
    assert theme_hashes(page, TOKEN) == (sorted([sha256_source("theme()"), sha256_source("upper()")]), [])


def test_two_builds_give_the_same_pages(site, tmp_path):
    """The token is drawn anew for each build, yet no byte of any page depends on it."""
    again = build(ROOT, tmp_path / "site")
    assert again.returncode == 0, again.output
    first = {path.relative_to(site.site): path.read_bytes() for path in site.site.rglob("*.html")}
    second = {path.relative_to(again.site): path.read_bytes() for path in again.site.rglob("*.html")}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.parametrize("endpoint, origin", [
    ("/api/feedback", None),
    ("", None),
    ("https://Feedback.Example.com/api/v1?x=1", "https://feedback.example.com"),
    ("http://127.0.0.1:8081/feedback", "http://127.0.0.1:8081"),
])
def test_feedback_endpoint_origin(endpoint, origin):
    """A path stays on our origin; an absolute address adds only its scheme, host and port."""
    assert endpoint_origin(endpoint) == origin


@pytest.mark.parametrize("endpoint", [
    "javascript:alert(1)",
    "https://a.example; script-src *",
    "https://a.example 'unsafe-inline'/x",
    "ftp://files.example.com/in",
    "//feedback.example.com/api",
])
def test_feedback_endpoint_that_would_change_the_policy_is_refused(endpoint):
    """Anything but a path or an http(s) address is refused, so no setting writes into the policy."""
    with pytest.raises(CSPError, match="extra.collector"):
        endpoint_origin(endpoint)


def test_build_stops_on_a_bad_endpoint_and_names_it(project_copy):
    """The build fails with one line naming mkdocs.yml and the setting, and no traceback."""
    config = project_copy / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^(  collector:).*$", r"\1 'https://a.example; script-src *'", config.read_text()))
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    assert 'mkdocs.yml: extra.collector: "https://a.example; script-src *" is neither' in result.output
    assert "Traceback" not in result.output


def test_an_endpoint_on_another_host_is_added_to_connect_src(project_copy):
    """The widget may post to the collector's own address; the policy lets the page reach that origin only."""
    config = project_copy / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^(  collector:).*$", r"\1 https://feedback.example.com/api",
                             config.read_text()))
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    assert policy_of(result.html("domains/mx-records/"))["connect-src"] == ["'self'", "https://feedback.example.com"]


def test_live_preview_has_no_policy_and_keeps_its_reload_script():
    """`mkdocs serve` injects an inline reload script per request, so its pages carry no policy."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                               "--no-strict"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        html = None
        for _ in range(240):  # the first build takes a few seconds on a busy machine
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/domains/mx-records/", timeout=5) as response:
                    html = response.read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert html is not None, "mkdocs serve did not answer"
        assert "Content-Security-Policy" not in html
        assert "livereload(" in html and 'class="md-content__inner md-typeset"' in html
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "No Content-Security-Policy in the live preview" in output


def test_a_script_tag_inside_a_jinja_string_stays_valid_jinja():
    """The mark has no quotes, so a template that writes "<script>" from a string still compiles."""
    env = Environment(extensions=[ThemeCodeMarker])
    env.kb_theme_token = TOKEN
    assert env.from_string('{{ "<script>x()</script>" }}').render() == f"<script data-kb-theme={TOKEN}>x()</script>"
