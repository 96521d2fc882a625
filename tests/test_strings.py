"""Our strings' catalogues (hooks/i18n/strings/): read, checked, looked up in the page's language
with English behind, escaped on the way to the page; a bad catalogue stops the build with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from hooks.i18n.catalogue import STRINGS, CatalogueError, load_catalogues, parse_catalogue, template_helpers
from tests.sitebuild import build

SHOWN = Path("hooks/i18n/strings")
LANGUAGES = ["en", "es", "ar"]


def catalogues_in(folder: Path, files: dict[str, str]):
    for code, text in files.items():
        (folder / f"{code}.yml").write_text(text, encoding="utf-8")
    return load_catalogues(folder, list(files), SHOWN)


def test_the_projects_catalogues_load_and_translate_every_english_key():
    catalogues = load_catalogues(STRINGS, LANGUAGES, SHOWN)
    english = set(catalogues.entries["en"])
    assert {"support.title", "feedback.question", "callout.important"} <= english
    for code in LANGUAGES[1:]:
        assert set(catalogues.entries[code]) == english, code


@pytest.mark.parametrize("text, expected", [
    ("a.b: [unclosed\n", "es.yml:1: not valid YAML"),
    ("- a list\n", "es.yml:1: a catalogue is a list of `key: text` lines"),
    ("a.b: x\nSupport: y\n", "es.yml:2: 'Support' is not a key"),
    ("a.b: x\na.b: y\n", "es.yml:2: a.b is already on line 1; keep one of them"),
    ("a.b:\n  c: x\n", "es.yml:1: a.b must be text"),
    ("a.b: 20\n", "es.yml:1: a.b must be text"),
    ("a.b: 'All {count articles'\n", "es.yml:1: a lone { or }"),
    ("a.b: 'All {0} articles'\n", "es.yml:1: {0} is not a placeholder name"),
])
def test_a_bad_catalogue_is_one_located_line(text, expected):
    with pytest.raises(CatalogueError) as raised:
        parse_catalogue(text, "hooks/i18n/strings/es.yml")
    message = str(raised.value)
    assert message.startswith("hooks/i18n/strings/" + expected) and "\n" not in message


def test_a_good_catalogue_gives_each_line_its_text_and_placeholders():
    entries = parse_catalogue("# note\na.b: All {count} articles\nc.d: 'Yes'\n", "es.yml")
    assert entries["a.b"].text == "All {count} articles" and entries["a.b"].line == 2
    assert entries["a.b"].placeholders == {"count"} and entries["c.d"].placeholders == set()


def test_a_translation_may_not_invent_a_key_or_a_placeholder(tmp_path):
    english = "listing.all: All {count} articles\n"
    with pytest.raises(CatalogueError, match=r"^hooks/i18n/strings/es.yml:1: listing.all uses \{total\}, "
                                             r"which hooks/i18n/strings/en.yml does not; use only its placeholders \(\{count\}\)$"):
        catalogues_in(tmp_path, {"en": english, "es": "listing.all: Los {total} artículos\n"})
    with pytest.raises(CatalogueError, match=r"^hooks/i18n/strings/es.yml:2: listing.al is not in "):
        catalogues_in(tmp_path, {"en": english, "es": "listing.all: Los {count}\nlisting.al: x\n"})
    good = catalogues_in(tmp_path, {"en": english, "es": "listing.all: Los {count} artículos\n"})
    assert good.plain("es", "listing.all", {"count": 8}) == "Los 8 artículos"


def test_the_default_catalogue_must_exist_another_may_be_missing(tmp_path):
    with pytest.raises(CatalogueError, match=r"^hooks/i18n/strings/en.yml:1: the default language's catalogue is missing"):
        load_catalogues(tmp_path, ["en", "es"], SHOWN)
    (tmp_path / "en.yml").write_text("support.title: Still need help?\n", encoding="utf-8")
    assert load_catalogues(tmp_path, ["en", "es"], SHOWN).text("es", "support.title") == "Still need help?"


def render(source: str, language: str | None, catalogues) -> str:
    env = Environment(autoescape=True)
    env.globals.update(template_helpers(catalogues))
    return env.from_string(source).render(kb_language=language)


def test_kb_t_answers_in_the_pages_language_with_english_behind(tmp_path):
    catalogues = catalogues_in(tmp_path, {"en": "a.title: Still need help?\na.more: All {count}\n",
                                          "es": "a.title: ¿Todavía necesita ayuda?\n"})
    source = "<h2>{{ kb_t('a.title') }}</h2>{{ kb_t('a.more', count=3) }}"
    assert render(source, "es", catalogues) == "<h2>¿Todavía necesita ayuda?</h2>All 3"
    assert render(source, "en", catalogues) == "<h2>Still need help?</h2>All 3"
    assert render(source, None, catalogues) == "<h2>Still need help?</h2>All 3"


def test_kb_t_escapes_the_catalogues_text_and_each_value(tmp_path):
    catalogues = catalogues_in(tmp_path, {"en": "a.b: <script>alert(1)</script> {name}\n"})
    html = render("<p title=\"{{ kb_t('a.b', name='\"><script>') }}\">{{ kb_t('a.b', name='<b>') }}</p>",
                  "en", catalogues)
    assert "<script>" not in html and "<b>" not in html
    assert html == ('<p title="&lt;script&gt;alert(1)&lt;/script&gt; &#34;&gt;&lt;script&gt;">'
                    "&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;</p>")


def test_kb_script_strings_are_plain_text_for_tojson(tmp_path):
    catalogues = catalogues_in(tmp_path, {"en": "f.script.thanks: Thanks & bye\nf.other: x\n",
                                          "es": "f.script.thanks: Gracias <3\n"})
    assert render("{{ kb_script_strings('f.script') | tojson }}", "es", catalogues) == '{"thanks": "Gracias \\u003c3"}'


def test_a_bad_catalogue_stops_the_build_with_one_line(project_copy):
    catalogue = project_copy / "hooks/i18n/strings/es.yml"
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("feedback.hint:"))
    lines[line - 1] = "feedback.hint: Escriba al menos {cuenta} caracteres.\n"
    catalogue.write_text("".join(lines), encoding="utf-8")
    result = build(project_copy, project_copy.parent / "site")
    assert result.returncode != 0 and "Traceback" not in result.output
    expected = (f"hooks/i18n/strings/es.yml:{line}: feedback.hint uses {{cuenta}}, which "
                "hooks/i18n/strings/en.yml does not; use only its placeholders ({count})")
    said = [text for text in result.output.splitlines() if "strings/es.yml" in text]
    assert len(said) == 1 and said[0].endswith(f"  {expected}"), result.output
