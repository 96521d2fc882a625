"""A Content-Security-Policy for every page, written into the page itself.

Static hosts such as GitHub Pages send no headers we choose, so the policy travels as a
`<meta http-equiv="Content-Security-Policy">` tag, placed right after `<meta charset>` so
that it covers every script of the page. It allows scripts, styles, images and
connections from the site's own origin only (plus the collector's origin when it
is another one), and inline scripts and styles only when they are the theme's own: each is
allowed by the sha256 hash of its final bytes, computed here as the page is published.

"The theme's own" is decided before any value reaches a page: when a template is loaded,
each `<script` and `<style` written in its source gets an attribute holding a token drawn
at random for this build. Only code that carries the token is hashed, and the attribute
is removed before the page is written. A script from an article, or from a title or a
setting that some template printed unescaped, cannot know the token, so the browser
refuses to run it; inline event handlers and `javascript:` URLs are refused as well.

`'wasm-unsafe-eval'` lets a WebAssembly search engine (Pagefind) compile its index; it does
not allow `eval` of JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
from html import unescape
import re
from urllib.parse import urlsplit

from jinja2.ext import Extension

# <script type> values that browsers run (HTML's JavaScript MIME types, modules, import maps).
SCRIPT_TYPES = frozenset({
    "", "module", "importmap", "text/javascript", "application/javascript", "application/ecmascript",
    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
})
MARKER = "data-kb-theme"
THEME_CODE_RE = re.compile(r"<(script|style)(?=[\s>])", re.IGNORECASE)
CHARSET_RE = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
HEAD_RE = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
ORIGIN_RE = re.compile(r"^https?://(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$")


class CSPError(ValueError):
    """A setting that would put a wrong source into the policy."""


def mark_theme_code(source: str, token: str) -> str:
    """A template's source with the build's token on each script and style element it writes."""
    # Unquoted (the token is hex), so a marked "<script" inside a Jinja string stays valid Jinja.
    return THEME_CODE_RE.sub(lambda match: f"<{match.group(1)} {MARKER}={token}", source)


class ThemeCodeMarker(Extension):
    """Jinja extension: marks the scripts and styles of every template as it is loaded.

    The token is `environment.kb_theme_token`, set by the hook for each build.
    """

    def preprocess(self, source, name, filename=None):
        return mark_theme_code(source, self.environment.kb_theme_token)


# What a browser reads as text only, so a "<script" inside is not a script: comments, titles,
# text areas; and script and style elements, whose text runs up to their end tag.
TEXT_ONLY_RE = re.compile(
    r"<!--.*?(?:-->|$)"
    r"|<(?P<raw>title|textarea)(?=[\s/>]).*?(?:</(?P=raw)|$)"
    r"|<(?P<tag>script|style)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(?P<text>.*?)(?:</(?P=tag)|$)",
    re.IGNORECASE | re.DOTALL)
ATTRIBUTE_RE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")


def attributes(text: str) -> dict[str, str]:
    """A start tag's attributes by lower-case name, values unquoted and unescaped (the first one wins, as in browsers)."""
    found: dict[str, str] = {}
    for name, value in ATTRIBUTE_RE.findall(text):
        found.setdefault(name.lower(), unescape(value[1:-1] if value[:1] in "\"'" else value))
    return found


def theme_code(page: str, token: str) -> tuple[list[str], list[str]]:
    """(scripts, styles): the text of the theme's inline scripts (that browsers run) and style elements in a page.

    A regular expression, not an HTML parser: pages are scanned once each at build time, and the
    parser took a sixth of a 1,000-article build. It reads the page as a browser tokenizes it.
    """
    scripts: list[str] = []
    styles: list[str] = []
    for match in TEXT_ONLY_RE.finditer(page):
        if match.group("tag") is None or token not in match.group("attrs"):
            continue
        attrs = attributes(match.group("attrs"))
        if attrs.get(MARKER) != token:
            continue
        if match.group("tag").lower() == "style":
            styles.append(match.group("text"))
        elif "src" not in attrs and attrs.get("type", "").strip().lower() in SCRIPT_TYPES:
            scripts.append(match.group("text"))
    return scripts, styles


def unmark(html: str, token: str) -> str:
    """The page without the token's attributes, quoted or not."""
    # The attribute as mark_theme_code writes it goes by plain replace: the expression, which
    # tries every white space of the page, took half of the policy's time.
    html = html.replace(f" {MARKER}={token}", "")
    if token not in html:
        return html
    return re.sub(r"\s" + MARKER + r"=([\"']?)" + re.escape(token) + r"\1", "", html)


def source_hash(text: str) -> str:
    """The CSP source for an inline script or style: sha256 of its text as the browser reads it."""
    # Browsers turn CR LF and lone CR into LF before they parse, so before they hash.
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalized.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def theme_hashes(html: str, token: str) -> tuple[list[str], list[str]]:
    """(script hashes, style hashes) of the theme's inline code in a page."""
    scripts, styles = theme_code(html, token)
    return sorted({source_hash(text) for text in scripts}), sorted({source_hash(text) for text in styles})


def endpoint_origin(endpoint) -> str | None:
    """The origin of a collector endpoint when it is on another host; None for a path on this site.

    Raises CSPError for anything else, so no setting can add its own words to the policy.
    """
    if not endpoint:
        return None
    text = str(endpoint).strip()
    parts = urlsplit(text)
    if not parts.scheme and not parts.netloc:
        return None
    origin = f"{parts.scheme}://{parts.netloc}".lower()
    if parts.scheme.lower() not in ("http", "https") or not ORIGIN_RE.match(origin):
        raise CSPError(f"extra.collector: \"{text}\" is neither a path on this site (/api) "
                       "nor an http:// or https:// address; write one of those")
    return origin


def policy(script_hashes: list[str], style_hashes: list[str], connect: list[str]) -> str:
    """The policy text for a page with these inline-code hashes and extra connection origins."""
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self' 'wasm-unsafe-eval'", *script_hashes]),
        " ".join(["style-src 'self'", *style_hashes]),
        "img-src 'self' data:",
        "font-src 'self'",
        " ".join(["connect-src 'self'", *connect]),
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_policy(html: str, token: str, connect: list[str] = ()) -> str:
    """The page with its Content-Security-Policy meta tag before any script or style, and no token left."""
    scripts, styles = theme_hashes(html, token)
    text = policy(scripts, styles, list(connect)).replace("&", "&amp;").replace('"', "&quot;")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    html = unmark(html, token)
    anchor = CHARSET_RE.search(html) or HEAD_RE.search(html)
    if anchor is None:
        raise CSPError("the page has no <head>, so it cannot carry its security policy")
    return html[:anchor.end()] + tag + html[anchor.end():]
