"""The languages' pure parts: `extra.languages` validated, translations and the switcher's targets
found from source paths, and a bad setting stopping the real build with one line."""

from __future__ import annotations

import pytest

from hooks.i18n.languages import LanguageConfigError, load_languages, material_languages, missing_home_pages
from hooks.i18n.translations import closest, translations
from hooks.search.pagefind_index import sort_languages
from tests.conftest import soup
from tests.sitebuild import build

KNOWN = material_languages()
THREE = load_languages({"en": "English", "es": "Español", "ar": "العربية"}, "en", KNOWN)
SOURCES = {"index.md", "es/index.md", "ar/index.md",
           "email-setup/index.md", "email-setup/outlook.md", "email-setup/android.md",
           "es/email-setup/index.md", "es/email-setup/outlook.md",
           "websites/index.md", "websites/ssl-https.md"}


def test_material_ships_the_site_languages():
    assert {"en", "es", "ar"} <= KNOWN and "xx" not in KNOWN


def test_a_good_setting_keeps_the_order_and_the_default_first():
    assert list(THREE.names) == ["en", "es", "ar"] and THREE.default == "en"


def test_no_setting_is_a_one_language_site():
    assert dict(load_languages(None, "en", KNOWN).names) == {"en": "en"}


@pytest.mark.parametrize("setting, key, words", [
    (["en", "es"], "extra.languages:", "one `code: name` line"),
    ({}, "extra.languages:", "one `code: name` line"),
    ({"en": "English", "xx": "Xish"}, "extra.languages.xx:", "no translation for 'xx'"),
    ({"en": "English", "es": ""}, "extra.languages.es:", "language's name"),
    ({"en": "English", "es": 3}, "extra.languages.es:", "language's name"),
    ({"es": "Español", "en": "English"}, "extra.languages.es:", "must be theme.language (en)"),
], ids=["list", "empty", "unknown-code", "empty-name", "number-name", "default-not-first"])
def test_a_bad_setting_names_its_key_and_the_fix(setting, key, words):
    with pytest.raises(LanguageConfigError) as error:
        load_languages(setting, "en", KNOWN)
    message = str(error.value)
    assert message.startswith(key) and words in message and "\n" not in message


@pytest.mark.parametrize("src_uri, language, base", [
    ("index.md", "en", "index.md"), ("es/index.md", "es", "index.md"),
    ("es/email-setup/outlook.md", "es", "email-setup/outlook.md"),
    ("email-setup/outlook.md", "en", "email-setup/outlook.md"),
    # A file that only starts like a language code is the default language's.
    ("es.md", "en", "es.md"), ("espanol/a.md", "en", "espanol/a.md"),
])
def test_a_page_language_is_its_first_folder(src_uri, language, base):
    assert THREE.of(src_uri) == language and THREE.base(src_uri) == base


def test_translations_are_the_same_path_in_each_language_folder():
    assert translations("email-setup/outlook.md", SOURCES, THREE) == {
        "en": "email-setup/outlook.md", "es": "es/email-setup/outlook.md"}
    assert translations("es/email-setup/outlook.md", SOURCES, THREE) == {
        "en": "email-setup/outlook.md", "es": "es/email-setup/outlook.md"}
    assert translations("email-setup/android.md", SOURCES, THREE) == {"en": "email-setup/android.md"}


@pytest.mark.parametrize("src_uri, language, target", [
    ("email-setup/outlook.md", "es", "es/email-setup/outlook.md"),   # its translation
    ("es/email-setup/outlook.md", "en", "email-setup/outlook.md"),   # back
    ("email-setup/android.md", "es", "es/email-setup/index.md"),     # no translation: its category
    ("websites/ssl-https.md", "es", "es/index.md"),                  # no category either: the home page
    ("websites/ssl-https.md", "ar", "ar/index.md"),
    ("email-setup/outlook.md", "en", "email-setup/outlook.md"),      # its own language: itself
])
def test_the_switcher_goes_to_the_closest_page(src_uri, language, target):
    assert closest(src_uri, language, SOURCES, THREE) == target


def test_a_language_without_a_home_page_is_found():
    assert missing_home_pages(THREE, SOURCES) == []
    assert missing_home_pages(THREE, SOURCES - {"ar/index.md"}) == ["ar"]


def test_closest_is_none_only_without_a_home_page():
    assert closest("websites/ssl-https.md", "ar", SOURCES - {"ar/index.md"}, THREE) is None
    assert closest("websites/ssl-https.md", "ar", SOURCES, THREE) is not None


def set_languages(project, lines: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  languages:\n")
    end = text.index("\n  # ", start)
    config.write_text(text[:start] + lines + text[end:], encoding="utf-8")


def test_a_bad_language_stops_the_build_with_one_line(project_copy, tmp_path):
    set_languages(project_copy, "  languages:\n    en: English\n    zz: Zedish")
    result = build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    errors = [line for line in result.output.splitlines() if "extra.languages" in line]
    assert len(errors) == 1 and "Traceback" not in result.output
    line = (project_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("    zz: Zedish") + 1
    assert f"mkdocs.yml:{line}: extra.languages.zz: Material has no translation for 'zz'" in errors[0]


def test_a_language_without_its_folder_stops_the_build_with_one_line(project_copy, tmp_path):
    set_languages(project_copy, "  languages:\n    en: English\n    es: Español\n    ar: العربية\n    fr: Français")
    result = build(project_copy, tmp_path / "site")
    errors = [line for line in result.output.splitlines() if "extra.languages" in line]
    assert result.returncode != 0 and len(errors) == 1 and "Traceback" not in result.output
    assert "extra.languages.fr: docs/fr/index.md is missing" in errors[0]


def test_a_language_name_reaches_the_switcher_as_text(project_copy, tmp_path):
    set_languages(project_copy, '  languages:\n    en: English\n    es: "<b>Español</b>"\n    ar: العربية')
    strict = build(project_copy, tmp_path / "strict")
    assert strict.returncode != 0 and "KB301 `<b>` in a setting is shown as typed" in strict.output
    result = build(project_copy, tmp_path / "site", strict=False)
    page = soup(result.html("es/"))
    link = page.select_one("nav.kb-languages a[hreflang=es]")
    assert link.get_text() == "<b>Español</b>" and link.find("b") is None


def test_the_search_entry_lists_languages_in_code_order(tmp_path):
    """Pagefind's order changes from run to run; the build's must not."""
    entry = tmp_path / "pagefind-entry.json"
    entry.write_text('{"version":"1.5.2","languages":{"es":{"page_count":2},"ar":{"page_count":1},'
                     '"en":{"page_count":3}},"include_characters":["_","‿"]}', encoding="utf-8")
    sort_languages(entry)
    assert entry.read_text(encoding="utf-8") == ('{"version":"1.5.2","languages":{"ar":{"page_count":1},'
                                                 '"en":{"page_count":3},"es":{"page_count":2}},'
                                                 '"include_characters":["_","‿"]}')
