"""Our strings on the real site (one build of the real mkdocs.yml): a Spanish page's support block,
feedback widget, search box, contact page and dates are in Spanish, an Arabic page's in Arabic, and
each script's messages arrive in the page's language; English pages keep their English."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config

from hooks.i18n.catalogue import CATALOGUES, load_catalogues
from tests.conftest import ROOT, soup
from tests.sitebuild import build

SEED = "email-troubleshooting/password-issues-mac-mail-ios/"
CATALOGUE = load_catalogues(CATALOGUES, ["en", "es", "ar"], Path("hooks/i18n/strings"))
REASONS = ("steps_failed", "out_of_date", "hard_to_follow", "missing_information")


def words(language: str, key: str, **values) -> str:
    return CATALOGUE.text(language, key).format(**values)


def text(page, selector: str) -> str:
    return " ".join(page.select_one(selector).get_text(" ", strip=True).split())


def script_strings(element) -> dict:
    return json.loads(element.select_one("script[type='application/json'][data-kb-strings]").string)


@pytest.mark.parametrize("language", ["es", "ar"])
def test_an_articles_own_strings_are_in_its_language(site, language):
    page = soup(site.html(f"{language}/{SEED}"))
    assert text(page, "#kb-support-heading") == words(language, "support.title")
    form = page.select_one("form.kb-feedback")
    assert text(form, "#kb-feedback-title") == words(language, "feedback.question")
    assert [button.get_text(strip=True) for button in form.select(".kb-feedback__answers button")] == [
        words(language, "feedback.yes"), words(language, "feedback.no")]
    assert text(form, "legend") == words(language, "feedback.reasons")
    assert {label.input["value"]: " ".join(label.get_text(" ", strip=True).split())
            for label in form.select(".kb-feedback__reasons label")} == {
        reason: words(language, f"feedback.reason.{reason}") for reason in REASONS}
    assert text(form, "label[for=kb-feedback-comment]") == words(language, "feedback.comment")
    assert text(form, "#kb-feedback-hint") == words(language, "feedback.hint", count=form["data-min-comment-length"])
    assert text(form, ".kb-feedback__send") == words(language, "feedback.send")
    assert script_strings(form) == CATALOGUE.section(language, "feedback.script")
    assert text(page, ".kb-updated").startswith(words(language, "dates.last_updated") + " ")
    assert script_strings(page.select_one("[data-kb-search]")) == CATALOGUE.section(language, "search.script")
    assert json.loads(page.select_one("script[data-kb-code-strings]").string) == CATALOGUE.section(language, "code")
    assert page.select_one("nav.md-path")["aria-label"] == words(language, "nav.breadcrumb")
    assert [label["title"] for label in page.select("label[for^=__palette_]")] == [
        words(language, "palette.toggle.default"), words(language, "palette.toggle.slate")]
    permalinks = [link["title"] for link in page.select("article .headerlink")]
    assert permalinks and set(permalinks) == {words(language, "heading.permalink")}


def test_the_spanish_words_are_spanish_and_the_english_page_keeps_its_english(site):
    """Read from the pages, not from the catalogue: the catalogue could be wrong as well."""
    spanish, english = soup(site.html("es/" + SEED)), soup(site.html(SEED))
    assert text(spanish, "#kb-support-heading") == "¿Todavía necesita ayuda?"
    assert text(spanish, ".kb-feedback__reasons label") == "Los pasos no funcionaron"
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", text(spanish, ".kb-updated time"))  # a Spanish date
    assert text(english, "#kb-support-heading") == "Still need help?"
    assert text(english, ".kb-feedback__reasons label") == "The steps did not work"
    assert text(english, ".kb-updated").startswith("Last updated ")
    assert script_strings(english.select_one("form.kb-feedback"))["thanks"] == "Thank you for your feedback."
    arabic = soup(site.html("ar/" + SEED))
    assert text(arabic, "#kb-feedback-title") == "هل كانت هذه المقالة مفيدة؟" and arabic.body["dir"] == "rtl"
    # toc writes the English title (mkdocs.yml's permalink_title); the catalogue's must be the same
    # words, or no other language's would replace it.
    assert {link["title"] for link in english.select("article .headerlink")} == {words("en", "heading.permalink")}
    assert {link["title"] for link in spanish.select("article .headerlink")} == {"Enlace a esta sección"}


def announcement(page) -> tuple[str, str | None] | None:
    """The promotion bar's text and link, or None when the page has no bar."""
    bar = page.select_one("[data-md-component=announce] .kb-announce")
    return (" ".join(bar.get_text(" ", strip=True).split()), bar.get("href")) if bar else None


def test_the_promotion_bar_is_in_the_pages_language(site):
    promo = load_config(str(ROOT / "mkdocs.yml")).extra["announcement"]
    assert announcement(soup(site.html(SEED))) == (promo["text"], promo["link"])
    for language in ("es", "ar"):
        own = promo["languages"][language]
        assert own["text"] != promo["text"]
        assert announcement(soup(site.html(f"{language}/{SEED}"))) == (own["text"], own["link"])


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_home_pages_search_box_is_in_its_language(site, language):
    page = soup(site.html(f"{language}/"))
    assert text(page, "label[for=kb-hero-query]") == words(language, "search.label")
    assert page.select_one("#kb-hero-query")["placeholder"] == words(language, "search.placeholder")
    assert text(page, ".kb-hero-search button") == words(language, "search.button")


def test_the_spanish_contact_page_is_in_spanish(site):
    page = soup(site.html("es/contact/"))
    ask = page.select_one("[data-kb-contact]")
    assert text(ask, "#kb-contact-ask-title") == "¿Cuál es el problema?" == words("es", "contact.ask_title")
    assert text(ask, "label[for=kb-contact-problem]") == words("es", "contact.ask_label")
    assert text(ask, ".kb-contact__continue") == words("es", "contact.continue")
    assert script_strings(ask) == CATALOGUE.section("es", "contact.script")
    assert text(page, "#kb-contact-ways-title") == "Contacte con nosotros"
    assert text(soup(site.html("contact/")), "#kb-contact-ways-title") == "Contact us"


def test_the_arabic_contact_page_is_a_translation_in_arabic(site):
    """docs/ar/contact.md: the writer's words in Arabic (no "not translated" note), the question,
    its script's messages and the ways to contact us from ar.yml."""
    page = soup(site.html("ar/contact/"))
    assert page.select_one(".kb-fallback") is None and page.select_one(".kb-fallback__article") is None
    assert text(page, "article h1").rstrip(" ¶") == "التواصل مع الدعم"
    ask = page.select_one("[data-kb-contact]")
    assert text(ask, "#kb-contact-ask-title") == "ما المشكلة؟" == words("ar", "contact.ask_title")
    assert text(ask, "label[for=kb-contact-problem]") == words("ar", "contact.ask_label")
    assert text(ask, ".kb-contact__continue") == words("ar", "contact.continue")
    assert script_strings(ask) == CATALOGUE.section("ar", "contact.script")
    assert text(page, "#kb-contact-ways-title") == "تواصل معنا" == words("ar", "contact.ways_title")


def test_listings_reviews_and_untitled_callouts_in_the_pages_language(project_copy):
    """With two entries per category on the home page, every category links to the rest in the
    page's language; an article with review keys says "Revisado"; an untitled important callout is
    "Importante" with the same class."""
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("extra:\n", "extra:\n  home_articles_per_category: 2\n", 1),
                      encoding="utf-8")
    article = project_copy / "docs/es" / (SEED.rstrip("/") + ".md")
    source = article.read_text(encoding="utf-8").replace("---\n", "---\nowner: Equipo de correo\nreviewed: 2026-11-20\nreview_every: 6 months\n", 1)
    article.write_text(source + "\n!!! important\n    Compruebe la dirección.\n", encoding="utf-8")
    arabic = project_copy / "docs/ar" / (SEED.rstrip("/") + ".md")
    for name in ("cannot-send-email.md", "bounced-messages.md"):  # three Arabic articles: more than two
        shutil.copy(arabic, arabic.with_name(name))
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode == 0, result.output
    home = {language: soup(result.html(f"{language}/" if language != "en" else "")) for language in ("en", "es", "ar")}
    more = {language: [a.get_text(strip=True) for a in page.select(".kb-category__more")] for language, page in home.items()}
    assert more["en"] and all(label.startswith("All ") and label.endswith(" articles") for label in more["en"])
    assert more["es"] and all(label.startswith("Los ") and label.endswith(" artículos") for label in more["es"])
    assert more["ar"] and all(label.startswith("كل المقالات (") for label in more["ar"])
    page = soup(result.html("es/" + SEED))
    assert " · Revisado " in text(page, ".kb-updated")
    titles = [div.select_one(".admonition-title").get_text() for div in page.select("div.admonition.important")]
    assert titles[-1] == "Importante"


def test_a_language_without_its_own_bar_shows_the_default_and_an_empty_text_removes_it(project_copy):
    """Arabic's entry left out: its pages show the default bar; Spanish's text emptied: no bar there."""
    config = project_copy / "mkdocs.yml"
    settings = config.read_text()
    arabic = re.search(r"(?m)^      ar:\n        text: .*\n        link: .*\n", settings)
    settings = settings.replace(arabic.group(0), "")
    settings = re.sub(r'(?m)^(      es:\n        text:) ".*"$', r'\1 ""', settings, count=1)
    config.write_text(settings)
    result = build(project_copy, project_copy / "site")
    assert result.returncode == 0, result.output
    promo = load_config(str(config)).extra["announcement"]
    assert announcement(soup(result.html(f"ar/{SEED}"))) == (promo["text"], promo["link"])
    assert announcement(soup(result.html(f"es/{SEED}"))) is None
    assert announcement(soup(result.html(SEED))) == (promo["text"], promo["link"])
