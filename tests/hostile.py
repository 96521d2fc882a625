"""A copy of the site with hostile content: markup in titles, descriptions, settings and article HTML.

Each payload calls `kbPwned(NAME)`, where NAME says where it was planted, so a test can
tell which one ran. The browser test exposes `kbPwned` to Python; the build tests look
for each payload written raw into the built files.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from tests.sitebuild import Build, build, copy_project

CATEGORY = "email-setup"


def script(name: str) -> str:
    """A payload that runs as soon as it is written raw into a page."""
    return f'<script>kbPwned("{name}")</script><img src=x onerror=kbPwned("{name}")>'


def attribute_breakout(name: str) -> str:
    """A payload that runs when written raw into a quoted attribute."""
    return f'x" onfocus=kbPwned("{name}") autofocus data-x="{script(name)}'


# Text values: each must reach every page escaped. NAME -> the value planted.
TEXT_PAYLOADS = {
    "front-matter-title": f"Reset {script('front-matter-title')}",
    "front-matter-description": attribute_breakout("front-matter-description"),
    "front-matter-tag": script("front-matter-tag"),
    # Markup a writer typed as text in a heading (a code span, entities) must stay text.
    "heading-title": 'Fix `<b>` &lt;script&gt;kbPwned("heading-title")&lt;/script&gt;',
    "section-heading": f"Step two `{script('section-heading')}`",
    "nav-title": f"Nav {script('nav-title')}",
    "nav-section": f"Email {script('nav-section')}",
    "site-name": f"KB {script('site-name')}",
    "site-description": attribute_breakout("site-description"),
    "copyright": f"Example {script('copyright')}",
    "announcement": f"Sale {script('announcement')}",
    "chat-label": f"Chat {script('chat-label')}",
    "phone-label": f"US {script('phone-label')}",
    "organization": f"Example Hosting {script('organization')}",
    "feedback-endpoint": f"/api/feedback{attribute_breakout('feedback-endpoint')}",
}

# Article HTML that KB301 rejects; the Content-Security-Policy must stop it on a site built anyway.
# NAME -> (the Markdown line, the text KB301 reports it at).
BODY_PAYLOADS = {
    "body-script": ('<script>kbPwned("body-script")</script>', "<script>"),
    "body-onerror": ('<img src="missing.png" onerror="kbPwned(\'body-onerror\')">', "onerror="),
    "body-svg": ('<svg><animate onbegin="kbPwned(\'body-svg\')" attributeName="x" dur="1s"/></svg>', "<svg>"),
    "body-iframe": ('<iframe srcdoc="<script>parent.kbPwned(\'body-iframe\')</script>"></iframe>', "<iframe"),
    "body-object": ('<object data="data:text/html,<script>parent.kbPwned(\'body-object\')</script>"></object>',
                    "<object"),
    "body-embed": ('<embed src="javascript:kbPwned(\'body-embed\')">', "<embed"),
    "body-html-link": ('<a id="kb-html-link" href="javascript:kbPwned(\'body-html-link\')">open</a>', "href="),
    # A regular expression literal names it: Markdown would read a quoted name as the link's title.
    "body-markdown-link": ("[open](javascript:kbPwned(/body-markdown-link/.source)){ #kb-markdown-link }",
                           "javascript:"),
    "body-attr-list": ('Read this paragraph.\n{ onmouseover="kbPwned(\'body-attr-list\')" #kb-attr-list }',
                       "onmouseover="),
    "body-data-image": ("![logo](data:image/svg+xml;base64,PHN2Zy8+)", "data:"),
}

FRONT_MATTER_ARTICLE = "hostile-front-matter.md"
HEADING_ARTICLE = "hostile-heading.md"
NAV_TITLED_ARTICLE = "outlook.md"  # a real article, given a hostile title in nav


def yaml_text(value: str) -> str:
    """`value` as a single-quoted YAML scalar."""
    return "'" + value.replace("'", "''") + "'"


def front_matter_article() -> str:
    """An article whose title, description and tag are hostile, with hostile HTML in its body."""
    body = "\n\n".join(line for line, _ in BODY_PAYLOADS.values())
    return (f"---\ntitle: {yaml_text(TEXT_PAYLOADS['front-matter-title'])}\n"
            f"description: {yaml_text(TEXT_PAYLOADS['front-matter-description'])}\n"
            f"tags:\n  - {yaml_text(TEXT_PAYLOADS['front-matter-tag'])}\n---\n\n"
            "# Reset your mailbox password\n\nOpen webmail and choose a new password.\n\n"
            f"{body}\n")


def heading_article() -> str:
    """An article without a front-matter title: its title comes from a hostile heading."""
    return (f"# {TEXT_PAYLOADS['heading-title']}\n\nSome text.\n\n"
            f"## {TEXT_PAYLOADS['section-heading']}\n\nMore text.\n")


def replace_setting(text: str, pattern: str, value: str) -> str:
    """Replace the one line of mkdocs.yml that `pattern` (a multiline regex with a group 1 prefix) matches."""
    text, count = re.subn(pattern, lambda m: m.group(1) + yaml_text(value), text, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} matched {count} lines of mkdocs.yml"
    return text


def hostile_config(text: str) -> str:
    """mkdocs.yml with every free-text setting that reaches a template set to a payload."""
    p = TEXT_PAYLOADS
    text = replace_setting(text, r"^(site_name: ).*$", p["site-name"])
    text = replace_setting(text, r"^(site_description: ).*$", p["site-description"])
    text = replace_setting(text, r"^(copyright: ).*$", p["copyright"])
    text = replace_setting(text, r"^(    text: ).*$", p["announcement"])
    text = replace_setting(text, r"^(      label: )Chat.*$", p["chat-label"])
    text = replace_setting(text, r"^(        label: )US.*$", p["phone-label"])
    text = replace_setting(text, r"^(    organization: ).*$", p["organization"])
    text = replace_setting(text, r"^(  collector: ).*$", p["feedback-endpoint"])
    return text


def hostile_navigation(docs: Path) -> None:
    """Hostile titles where the navigation takes them: a category's index page and its .nav.yml."""
    index = docs / CATEGORY / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(replace_setting(text, r"^(title: ).*$", TEXT_PAYLOADS["nav-section"]), encoding="utf-8")
    order = docs / CATEGORY / ".nav.yml"
    text = order.read_text(encoding="utf-8")
    titled = f"  - {NAV_TITLED_ARTICLE}\n"
    assert titled in text, f"{order} no longer lists {NAV_TITLED_ARTICLE}"
    order.write_text(text.replace(titled, f"  - {yaml_text(TEXT_PAYLOADS['nav-title'])}: {NAV_TITLED_ARTICLE}\n"),
                     encoding="utf-8")


def hostile_project(dest: Path) -> Path:
    """A copy of the project with the hostile articles and settings; returns its folder."""
    project = copy_project(dest)
    (project / "docs" / CATEGORY / FRONT_MATTER_ARTICLE).write_text(front_matter_article(), encoding="utf-8")
    (project / "docs" / CATEGORY / HEADING_ARTICLE).write_text(heading_article(), encoding="utf-8")
    hostile_navigation(project / "docs")
    config = project / "mkdocs.yml"
    config.write_text(hostile_config(config.read_text(encoding="utf-8")), encoding="utf-8")
    return project


def build_anyway(project: Path) -> Build:
    """Build without strict mode: KB301 reports the article HTML, and the site is built regardless,
    as a non-strict preview or a careless deploy would."""
    return build(project, project / "site", "--no-strict")


PLANTED_RE = re.compile(r"kbPwned\([\"'/]([\w-]+)")
# The <title> element holds text only (browsers never read tags in it), but html.parser would.
TITLE_RE = re.compile(r"<title>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def planted_in_html(html: str) -> set[str]:
    """The payload names that the HTML would run: script elements, handlers, script URLs, embeds."""
    found = set()
    for element in BeautifulSoup(TITLE_RE.sub("", html), "html.parser").find_all(True):
        code = [element.get_text()] if element.name == "script" else []
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if attribute.startswith("on") or attribute == "srcdoc" or value.lstrip().lower().startswith(
                    ("javascript:", "data:")):
                code.append(value)
        for text in code:
            found.update(PLANTED_RE.findall(text))
    return found


