"""The support contact in the built site: placeholders, the support block, JSON-LD, strict failures."""

from __future__ import annotations

import json

import pytest

from hooks.search.pagefind_index import indexed_text
from tests.conftest import DOCS, article_sources, page_url, soup
from tests.sitebuild import build, copy_project

US = ("tel:+18884014678", "(888) 401-4678")
INTERNATIONAL = ("tel:+18017659400", "+1 801-765-9400")
CHAT = ("https://www.example.com/support/chat", "Chat with our support team")
ARTICLE = "docs/domains/mx-records.md"
US_NUMBER_SETTING = 'number: "+1 888-401-4678"'


def phone_link(element) -> tuple[str, str]:
    """(href, visible text) of the one phone link inside `element`."""
    [link] = element.select("a.kb-phone")
    return link["href"], link.get_text()


def edit(path, old: str, new: str) -> None:
    """Replace `old` (which must occur) with `new` in a file of the project copy."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def support_block(html: str):
    """The "Still need help?" block of a page, or None."""
    return soup(html).select_one("aside.kb-support")


# ---- placeholders ---------------------------------------------------------------

CONTEXTS = """
## Every place a placeholder can go

Paragraph: call {{ phone.us }} today.

- List item: from abroad, call {{phone.international}}.

| Line | Number |
| --- | --- |
| US | {{ phone.us }} |

!!! note "Call us"
    Admonition: {{ phone.international }}

> [!IMPORTANT]
> Alert: {{ phone.us }}

Inline code stays literal: `{{ phone.us }}`

```markdown
Fenced code stays literal: {{ phone.international }}
```
"""


@pytest.fixture(scope="module")
def contexts_site(tmp_path_factory):
    """A copy of the project whose MX records article uses the placeholder in every context."""
    project = copy_project(tmp_path_factory.mktemp("contexts") / "project")
    article = project / ARTICLE
    article.write_text(article.read_text() + CONTEXTS)
    result = build(project, project / "site")
    assert result.returncode == 0, result.output
    return soup(result.html("domains/mx-records/")).select_one("article")


def test_placeholder_in_a_paragraph(contexts_site):
    """A paragraph gets the US link: E.164 href, national text."""
    paragraph = next(p for p in contexts_site.find_all("p") if p.get_text().startswith("Paragraph:"))
    assert phone_link(paragraph) == US


def test_placeholder_in_a_list_item(contexts_site):
    """A list item gets the international link, in international format."""
    item = next(li for li in contexts_site.find_all("li") if "List item:" in li.get_text())
    assert phone_link(item) == INTERNATIONAL


def test_placeholder_in_a_table(contexts_site):
    """A table cell gets the link."""
    table = next(t for t in contexts_site.select("table") if t.th.get_text() == "Line")
    assert phone_link(table.select_one("tbody td:nth-of-type(2)")) == US


def test_placeholder_in_an_admonition(contexts_site):
    """An admonition's body gets the link."""
    assert phone_link(contexts_site.select_one("div.admonition.note")) == INTERNATIONAL


def test_placeholder_in_a_github_alert(contexts_site):
    """A `> [!IMPORTANT]` alert (rendered as an important callout) gets the link."""
    alert = next(d for d in contexts_site.select("div.admonition.important") if "Alert:" in d.get_text())
    assert phone_link(alert) == US


def test_placeholder_stays_literal_in_inline_code_and_code_blocks(contexts_site):
    """Code shows the placeholder as typed, with no link in it."""
    inline = next(c for c in contexts_site.select("p code") if "phone" in c.get_text())
    assert inline.get_text() == "{{ phone.us }}" and inline.find("a") is None
    block = next(pre for pre in contexts_site.select("pre") if "Fenced code" in pre.get_text())
    assert "Fenced code stays literal: {{ phone.international }}" in block.get_text()
    assert block.find("a", class_="kb-phone") is None


def test_real_articles_use_the_placeholders(site):
    """The articles that tell a customer to call carry both links, and no placeholder is left over."""
    for source in [DOCS / "email-troubleshooting/password-issues-mac-mail-ios.md", DOCS / "accounts/reset-mailbox-password.md"]:
        assert "{{ phone.us }}" in source.read_text()
        page = soup(site.html(page_url(source)))
        content = page.select_one("article")
        content.select_one("aside.kb-support").decompose()
        links = {(a["href"], a.get_text(), a.get("dir")) for a in content.select("a.kb-phone")}
        assert links == {(*US, "ltr"), (*INTERNATIONAL, "ltr")}, source  # ltr: digits in order on rtl pages
        assert "{{" not in content.get_text()


def test_an_unknown_key_fails_the_strict_build_at_its_line(project_copy):
    """`{{ phone.uk }}` is a KB201 finding at file:line:col listing the keys, and the build fails."""
    article = project_copy / ARTICLE
    text = article.read_text()
    line = text.count("\n") + 2
    article.write_text(text + "\nFrom the UK, call {{ phone.uk }}.\n")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    [finding] = [l for l in result.output.splitlines() if "KB201" in l]
    assert f"{ARTICLE}:{line}:19: KB201" in finding
    assert "`{{ phone.us }}`" in finding and "`{{ phone.international }}`" in finding
    assert "Aborted with 1 warnings in strict mode!" in result.output


def test_a_hand_typed_number_fails_the_strict_build(project_copy):
    """KB203 runs in the build too: a typed number stops the strict build."""
    article = project_copy / ARTICLE
    article.write_text(article.read_text() + "\nCall 888-401-4678.\n")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    assert f"{ARTICLE}:" in result.output and 'KB203 phone number "888-401-4678" typed by hand' in result.output


# ---- mkdocs.yml -----------------------------------------------------------------


def test_an_invalid_number_in_mkdocs_yml_stops_the_build_with_one_line(project_copy):
    """A bad number is one error line naming the key; no traceback, no site."""
    edit(project_copy / "mkdocs.yml", US_NUMBER_SETTING, 'number: "888-401-467"')
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    errors = [l for l in result.output.splitlines() if l.startswith("ERROR")]
    line = (project_copy / "mkdocs.yml").read_text().splitlines().index('        number: "888-401-467"') + 1
    assert errors == [f'ERROR   -  mkdocs.yml:{line}: extra.support.phones.us.number: "888-401-467" is not a valid '
                      "phone number; write it in international form, e.g. +1 201-555-0123"], result.output
    assert "Traceback" not in result.output
    assert not (project_copy / "site" / "index.html").exists()


def test_an_unknown_setting_in_mkdocs_yml_stops_the_build(project_copy):
    """A misspelt setting is refused, naming it."""
    edit(project_copy / "mkdocs.yml", "        region: US\n", "        region: US\n        hour: 24/7\n")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 1
    line = (project_copy / "mkdocs.yml").read_text().splitlines().index("        hour: 24/7") + 1
    assert f"mkdocs.yml:{line}: extra.support.phones.us.hour: unknown setting" in result.output
    assert "Traceback" not in result.output


def test_changing_a_number_once_changes_every_page(project_copy):
    """One edit in mkdocs.yml: every article, the placeholders, JSON-LD and search show the new number only."""
    edit(project_copy / "mkdocs.yml", US_NUMBER_SETTING, 'number: "+1 877-240-3316"')
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    new = ("tel:+18772403316", "(877) 240-3316")
    for source in article_sources():
        block = support_block(result.html(page_url(source)))
        assert phone_link(block.select("li")[1]) == new, source
    placeholder_page = soup(result.html("accounts/reset-mailbox-password/")).select_one("article")
    assert new in {(a["href"], a.get_text()) for a in placeholder_page.select("a.kb-phone")}
    home = soup(result.html("")).select_one('script[type="application/ld+json"]')
    assert "+18772403316" in [p["telephone"] for p in json.loads(home.string)["contactPoint"]]
    stale = [str(p.relative_to(result.site)) for p in result.site.rglob("*.html")
             if any(old in p.read_text() for old in ("8884014678", "401-4678"))]
    stale += [page["url"] for page in indexed_text(result.site / "pagefind")
              if any(old in page["content"] for old in ("8884014678", "401-4678"))]
    assert stale == []


# ---- the support block ------------------------------------------------------------


@pytest.mark.parametrize("source", article_sources(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_article_ends_with_the_support_block(site, source):
    """Chat first, then each phone line as a labelled click-to-call link, after the article text."""
    article = soup(site.html(page_url(source))).select_one("article")
    block = article.select_one("aside.kb-support")
    assert block is not None
    assert block.find("h2").get_text() == "Still need help?"
    chat, us, international = block.select("li")
    assert (chat.a["href"], chat.a.get_text()) == CHAT
    assert phone_link(us) == US and us.select_one(".kb-support__label").get_text() == "US, toll-free:"
    assert phone_link(international) == INTERNATIONAL
    assert international.select_one(".kb-support__label").get_text() == "International:"
    # After the article's own last heading (the theme's blocks that follow have headings too).
    article_headings = [h for h in article.select("h1, h2") if not h.find_parent(["aside", "form"])]
    assert article_headings[-1].find_next("aside") is block


@pytest.mark.parametrize("url_path", ["", "domains/", "email-setup/", "writers-guide/", "writers-guide/rules/"])
def test_home_category_and_guide_pages_have_no_support_block(site, url_path):
    """The block is for articles: not the home page, a category page or the writers' guide."""
    assert support_block(site.html(url_path)) is None


def test_front_matter_can_turn_the_block_off(project_copy):
    """`support: false` removes the block from that article only."""
    edit(project_copy / ARTICLE, "---\n", "---\nsupport: false\n")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    assert support_block(result.html("domains/mx-records/")) is None
    assert support_block(result.html("domains/dns-propagation/")) is not None


def test_the_support_block_is_not_in_the_search_index(site):
    """The index holds article text, including placeholder numbers, but never the block."""
    text = " ".join(page["meta"]["title"] + " " + page["content"] for page in indexed_text(site.site / "pagefind"))
    # The index does hold rendered article content, so the absence below means something.
    assert "(888) 401-4678" in text and "We can help you get back in." in text
    assert "Still need help" not in text and CHAT[1] not in text
    assert "US, toll-free" not in text


def test_hours_and_every_configured_text_are_escaped(project_copy):
    """Labels, hours and the organisation are printed as text: markup in mkdocs.yml is not markup on the page."""
    config = project_copy / "mkdocs.yml"
    edit(config, "label: US, toll-free", 'label: "US & <b>Canada</b>"\n        hours: "Mon-Fri <script>alert(1)</script>"')
    edit(config, "organization: Example Hosting", "organization: 'Example </script><script>alert(2)</script>'")
    edit(config, "url: https://www.example.com/support/chat",
         'url: "https://www.example.com/support/chat?a=1&b=\\"2"\n      hours: Every day, 8am to 8pm')
    # KB301 reports these settings, so a strict build refuses them; built anyway, they must read as text.
    result = build(project_copy, project_copy / "site", "--no-strict")
    assert result.returncode == 0, result.output
    block = support_block(result.html("domains/mx-records/"))
    chat, us, _ = block.select("li")
    assert chat.a["href"] == 'https://www.example.com/support/chat?a=1&b="2'
    assert chat.select_one(".kb-support__hours").get_text() == "Every day, 8am to 8pm"
    assert us.select_one(".kb-support__label").get_text() == "US & <b>Canada</b>:"
    assert us.select_one(".kb-support__hours").get_text() == "Mon-Fri <script>alert(1)</script>"
    assert block.find(["b", "script"]) is None
    home = soup(result.html(""))
    [data] = home.select('script[type="application/ld+json"]')
    assert json.loads(data.string)["name"] == "Example </script><script>alert(2)</script>"
    assert not [s for s in home.find_all("script") if "alert(2)" in (s.string or "") and s is not data]


# ---- structured data ----------------------------------------------------------------


def test_home_page_json_ld_lists_both_lines_in_e164(site):
    """The home page has valid JSON-LD with a ContactPoint per line; articles have none."""
    [script] = soup(site.html("")).select('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert [(p["@type"], p["telephone"]) for p in data["contactPoint"]] == [
        ("ContactPoint", "+18884014678"), ("ContactPoint", "+18017659400")]
    assert not soup(site.html("domains/mx-records/")).select('script[type="application/ld+json"]')
