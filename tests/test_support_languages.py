"""The support contact per language (`extra.support.languages`): merging, validation, the checks
on each language's pages, and what the built site shows in each language."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys

import pytest

from hooks.checks.config import load_site_config
from hooks.checks.engine import check_text
from hooks.support.languages import language_settings, load_site_support
from hooks.support.phones import SupportConfigError
from tests.conftest import ROOT, soup
from tests.sitebuild import build

SITE = load_site_config(ROOT / "mkdocs.yml")
SUPPORT = SITE.mapping["extra"]["support"]
SPANISH_ARTICLE = "es/accounts/reset-mailbox-password/"
ENGLISH_ARTICLE = "accounts/reset-mailbox-password/"
ARABIC_ARTICLE = "ar/email-troubleshooting/password-issues-mac-mail-ios/"
SPAIN = ("tel:+34912345678", "912 34 56 78")
ARTICLE_HEAD = "---\ntitle: T\n---\n\n# T\n\n"
# A Madrid number as a Spanish reader types it: no country code, Spain's grouping.
LOCAL_SPANISH_NUMBER = "912 345 678"


def fresh_support() -> dict:
    """A copy of the project's `extra.support` a test may change."""
    return copy.deepcopy(SUPPORT)


def block_lines(html: str) -> list[tuple[str, str, str]]:
    """(label, href, number) of each phone line of a page's "Still need help?" block."""
    block = soup(html).select_one("aside.kb-support")
    return [(li.select_one(".kb-support__label").get_text(), li.a["href"], li.a.get_text())
            for li in block.select("li.kb-support__way--phone")]


def chat_link(html: str) -> tuple[str, str]:
    """(href, text) of the chat link of a page's support block."""
    link = soup(html).select_one("aside.kb-support .kb-support__chat")
    return link["href"], link.get_text()


# ---- merging and validation --------------------------------------------------------


def test_a_language_takes_each_setting_it_leaves_out_from_the_default():
    """Field by field: Spanish gives the chat's label, not its address; the lines' labels, not their numbers."""
    merged = language_settings(SUPPORT, "es")
    assert merged["chat"]["url"] == SUPPORT["chat"]["url"] and merged["chat"]["label"] != SUPPORT["chat"]["label"]
    assert merged["phones"]["us"]["number"] == SUPPORT["phones"]["us"]["number"]
    assert merged["phones"]["us"]["label"] != SUPPORT["phones"]["us"]["label"]
    assert list(merged["phones"]) == ["us", "international", "spain"]
    assert "languages" not in merged and merged["organization"] == SUPPORT["organization"]


def test_each_language_gets_its_contact_and_a_language_without_settings_the_defaults():
    contacts = load_site_support(SUPPORT, SITE.languages)
    spanish, english = contacts.of("es"), contacts.of("en")
    assert (spanish.phones["us"].e164, spanish.phones["us"].label) == ("+18884014678", "EE. UU., llamada gratuita")
    assert (spanish.phones["spain"].e164, spanish.region) == ("+34912345678", "ES")
    assert "spain" not in english.phones and english.region == "US"
    assert contacts.of(None) is english
    arabic = contacts.of("ar")
    assert [(line.e164, line.label) for line in arabic.phones.values()] == [
        ("+18884014678", "الولايات المتحدة، مكالمة مجانية"), ("+18017659400", "دولي")]
    assert (arabic.chat.url, arabic.region) == (english.chat.url, "US")
    without_arabic = fresh_support()
    del without_arabic["languages"]["ar"]
    contacts = load_site_support(without_arabic, SITE.languages)
    assert contacts.of("ar") is contacts.of("en")


def test_json_ld_names_the_languages_whose_pages_offer_each_line():
    """A line a language overrides with another number is no longer offered in it."""
    config = fresh_support()
    config["languages"]["es"]["phones"]["international"]["number"] = "+34 934 000 000"
    contacts = load_site_support(config, SITE.languages)
    english = {p["name"]: p["availableLanguage"] for p in contacts.json_ld("en")["contactPoint"]}
    assert english == {"US, toll-free": ["en", "es", "ar"], "International": ["en", "ar"]}
    spanish = {p["telephone"]: p["availableLanguage"] for p in contacts.json_ld("es")["contactPoint"]}
    assert spanish == {"+18884014678": ["en", "es", "ar"], "+34934000000": ["es"], "+34912345678": ["es"]}


def _language(code: str, settings):
    def change(config):
        config["languages"][code] = settings
    return change


def _spanish(*path: str, value):
    def change(config):
        target = config["languages"]["es"]
        for name in path[:-1]:
            target = target[name]
        target[path[-1]] = value
    return change


BAD_LANGUAGE_SETTINGS = {
    "language not in extra.languages": (_language("fr", {"region": "FR"}),
                                        "extra.support.languages.fr: 'fr' is not in extra.languages; use one of es, ar"),
    "the default language": (_language("en", {"region": "GB"}),
                             "extra.support.languages.en: en is the default language"),
    "unknown language setting": (_spanish("organisation", value="X"),
                                 "extra.support.languages.es.organisation: unknown setting; use region, chat, phones"),
    "unknown line setting": (_spanish("phones", "us", "lable", value="X"),
                             "extra.support.languages.es.phones.us.lable: unknown setting"),
    "unknown chat setting": (_spanish("chat", "link", value="https://example.com"),
                             "extra.support.languages.es.chat.link: unknown setting"),
    "bad number": (_spanish("phones", "spain", "number", value="+34 912 345"),
                   'extra.support.languages.es.phones.spain.number: "+34 912 345" is not a valid phone number'),
    "number of another region": (_spanish("phones", "us", "region", value="ES"),
                                 'extra.support.languages.es.phones.us.number: "+1 888-401-4678" is a US number, '
                                 "not a ES one"),
    "misspelt key of a default line": (_spanish("phones", "internacional", value={"label": "Internacional"}),
                                       "extra.support.languages.es.phones.internacional: no line 'internacional' "
                                       "in extra.support.phones to take the number from; correct the key (us, "
                                       "international)"),
    "bad region": (_spanish("region", value="Spain"), "extra.support.languages.es.region: 'Spain' is not a region code"),
    "phones not a mapping": (_spanish("phones", value=["+34912345678"]),
                             "extra.support.languages.es.phones: expected a group of settings"),
    "languages not a mapping": (lambda config: config.update(languages=["es"]),
                                "extra.support.languages: expected a group of settings"),
}


@pytest.mark.parametrize("name", BAD_LANGUAGE_SETTINGS)
def test_a_bad_language_setting_is_refused_with_one_line_that_names_its_key(name):
    change, expected = BAD_LANGUAGE_SETTINGS[name]
    config = fresh_support()
    change(config)
    with pytest.raises(SupportConfigError) as error:
        load_site_support(config, SITE.languages)
    assert str(error.value).startswith(expected), str(error.value)
    assert "\n" not in str(error.value)


def test_a_bad_language_setting_stops_the_build_at_its_line_in_mkdocs_yml(project_copy):
    """One line with the file, the setting's line and the fix; no traceback; a non-zero exit."""
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('number: "+34 912 345 678"', 'number: "+34 912 345"'), encoding="utf-8")
    line = text[:text.index('number: "+34 912 345 678"')].count("\n") + 1
    result = build(project_copy, project_copy / "site")
    assert result.returncode != 0
    assert (f"mkdocs.yml:{line}: extra.support.languages.es.phones.spain.number: "
            '"+34 912 345" is not a valid phone number') in result.output, result.output
    assert "Traceback" not in result.output


# ---- the checks on each language's pages ----------------------------------------------


@pytest.mark.parametrize(("page", "reported"), [("es/accounts/a.md", True), ("accounts/a.md", False),
                                                ("ar/accounts/a.md", False)])
def test_a_number_without_country_code_is_read_with_the_pages_language_region(page, reported):
    """On a Spanish page, "912 345 678" is a Madrid number; in English and Arabic (US region) it is none."""
    text = ARTICLE_HEAD + f"Llame al {LOCAL_SPANISH_NUMBER} hoy.\n"
    found = [f for f in check_text(text, SITE.settings.for_page(page)) if f.rule_id == "KB203"]
    assert [(f.line, f.col) for f in found] == ([(7, 10)] if reported else [])


def test_a_spanish_page_may_use_its_own_line_and_an_english_page_may_not():
    text = ARTICLE_HEAD + "Desde España, llame al {{ phone.spain }}.\n"
    assert check_text(text, SITE.settings.for_page("es/accounts/a.md")) == []
    [finding] = check_text(text, SITE.settings.for_page("accounts/a.md"))
    assert finding.rule_id == "KB201" and "`{{ phone.us }}`" in finding.message


def test_the_writers_command_reads_a_spanish_page_with_the_spanish_region(project_copy):
    """`python -m hooks check docs/es/...` reports the typed number; the same text in English passes."""
    spanish = project_copy / "docs/es/accounts/reset-mailbox-password.md"
    english = project_copy / "docs/accounts/reset-mailbox-password.md"
    for page in (spanish, english):
        page.write_text(page.read_text(encoding="utf-8") + f"\nLlame al {LOCAL_SPANISH_NUMBER}.\n", encoding="utf-8")
    line = spanish.read_text(encoding="utf-8").count("\n")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("GITHUB_ACTIONS", None)
    result = subprocess.run([sys.executable, "-m", "hooks", "check", "--config", "mkdocs.yml",
                             "docs/es/accounts/reset-mailbox-password.md", "docs/accounts/reset-mailbox-password.md"],
                            cwd=project_copy, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.splitlines() == [
        f'docs/es/accounts/reset-mailbox-password.md:{line}:10: KB203 phone number "{LOCAL_SPANISH_NUMBER}" typed '
        "by hand; use `{{ phone.us }}` or `{{ phone.international }}` or `{{ phone.spain }}`"]


def test_the_build_refuses_a_typed_spanish_number_on_a_spanish_page_only(project_copy):
    spanish = project_copy / "docs/es/accounts/reset-mailbox-password.md"
    english = project_copy / "docs/accounts/reset-mailbox-password.md"
    for page in (spanish, english):
        page.write_text(page.read_text(encoding="utf-8") + f"\nLlame al {LOCAL_SPANISH_NUMBER}.\n", encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode != 0
    found = [line for line in result.output.splitlines() if "KB203" in line]
    assert len(found) == 1 and "docs/es/accounts/reset-mailbox-password.md:" in found[0], result.output


# ---- the built site ------------------------------------------------------------------


def test_a_spanish_article_shows_the_spanish_contact(site):
    """Spanish labels, the default numbers, the Spain line with its hours, the chat's default address."""
    html = site.html(SPANISH_ARTICLE)
    assert block_lines(html) == [("EE. UU., llamada gratuita:", "tel:+18884014678", "(888) 401-4678"),
                                 ("Internacional:", "tel:+18017659400", "+1 801-765-9400"),
                                 ("España:", *SPAIN)]
    assert chat_link(html) == ("https://www.example.com/support/chat", "Chatee con nuestro equipo de soporte")
    hours = soup(html).select("aside.kb-support .kb-support__hours")
    assert [h.get_text() for h in hours] == ["De lunes a viernes, de 9:00 a 18:00 (hora peninsular)"]


def test_an_english_article_shows_the_default_contact(site):
    html = site.html(ENGLISH_ARTICLE)
    assert block_lines(html) == [("US, toll-free:", "tel:+18884014678", "(888) 401-4678"),
                                 ("International:", "tel:+18017659400", "+1 801-765-9400")]
    assert chat_link(html) == ("https://www.example.com/support/chat", "Chat with our support team")


@pytest.mark.parametrize("url_path", [ARABIC_ARTICLE, "ar/contact/"])
def test_arabic_pages_name_the_default_lines_in_arabic(site, url_path):
    """Arabic gives only labels: the default numbers and chat address, each named in Arabic, on an
    article's support block and on the contact page."""
    ways = soup(site.html(url_path)).select_one(".kb-support__ways")
    assert [(li.select_one(".kb-support__label").get_text(), li.a["href"])
            for li in ways.select("li.kb-support__way--phone")] == [
        ("الولايات المتحدة، مكالمة مجانية:", "tel:+18884014678"), ("دولي:", "tel:+18017659400")]
    chat = ways.select_one(".kb-support__chat")
    assert (chat["href"], chat.get_text()) == ("https://www.example.com/support/chat", "تحدّث مع فريق الدعم")


def test_the_spanish_contact_page_lists_the_spanish_lines(site):
    ways = soup(site.html("es/contact/")).select_one(".kb-contact__ways")
    assert [a["href"] for a in ways.select("a.kb-phone")] == ["tel:+18884014678", "tel:+18017659400", SPAIN[0]]
    assert "España:" in ways.get_text()


def test_each_home_page_lists_its_languages_lines_with_their_languages(site):
    english, spanish = ([json.loads(s.string) for s in soup(site.html(path)).select('script[type="application/ld+json"]')]
                        for path in ("", "es/"))
    assert [(p["name"], p["availableLanguage"]) for p in english[0]["contactPoint"]] == [
        ("US, toll-free", ["en", "es", "ar"]), ("International", ["en", "es", "ar"])]
    assert [(p["telephone"], p["availableLanguage"]) for p in spanish[0]["contactPoint"]] == [
        ("+18884014678", ["en", "es", "ar"]), ("+18017659400", ["en", "es", "ar"]), ("+34912345678", ["es"])]


def test_placeholders_take_the_pages_language_and_fall_back_to_the_default(project_copy):
    """Spanish without its own `international` line: the default's label and number; `spain` is Spanish."""
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("          international:\n            label: Internacional\n", ""),
                      encoding="utf-8")
    spanish = project_copy / "docs/es/accounts/reset-mailbox-password.md"
    spanish.write_text(spanish.read_text(encoding="utf-8") + "\nDesde España, llame al {{ phone.spain }}.\n",
                       encoding="utf-8")
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    html = result.html(SPANISH_ARTICLE)
    article_links = [(a["href"], a.get_text()) for a in soup(html).select("article a.kb-phone")
                     if not a.find_parent("aside")]
    assert SPAIN in article_links and ("tel:+18017659400", "+1 801-765-9400") in article_links
    assert [label for label, *_ in block_lines(html)] == ["EE. UU., llamada gratuita:", "International:", "España:"]
    english_links = {a["href"] for a in soup(result.html(ENGLISH_ARTICLE)).select("article a.kb-phone")}
    assert SPAIN[0] not in english_links
