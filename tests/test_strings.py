"""Our strings' catalogues (hooks/i18n/strings/): read, checked, looked up in the page's language
with English behind, escaped on the way to the page; a bad catalogue stops the build with one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from hooks.checks.rules.strings import untranslated
from hooks.i18n.callouts import titled_in
from hooks.i18n.catalogue import CATALOGUES, CatalogueError, load_catalogues, parse_catalogue, template_helpers
from tests.conftest import soup
from tests.sitebuild import build
from tests.sitemarkdown import render as render_markdown
from tests.test_catalogue import command

SHOWN = Path("hooks/i18n/strings")
LANGUAGES = ["en", "es", "ar"]


def catalogues_in(folder: Path, files: dict[str, str]):
    for code, text in files.items():
        (folder / f"{code}.yml").write_text(text, encoding="utf-8")
    return load_catalogues(folder, list(files), SHOWN)


def test_the_projects_catalogues_load_and_translate_every_english_key():
    catalogues = load_catalogues(CATALOGUES, LANGUAGES, SHOWN)
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
    assert good.text("es", "listing.all").format(count=8) == "Los 8 artículos"


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


NAMES = {"en": "English", "es": "Español", "ar": "العربية"}
ENGLISH = "support.title: Still need help?\nfeedback.question: Was this article helpful?\nfeedback.send: Send feedback\n"


def test_kb425_a_key_missing_from_a_translation_is_reported_where_it_belongs(tmp_path):
    catalogues = catalogues_in(tmp_path, {"en": ENGLISH, "es": "support.title: ¿Todavía necesita ayuda?\n"
                                                               "feedback.send: Enviar comentario\n"})
    assert [finding.format(path) for path, finding in untranslated(catalogues, NAMES, SHOWN)] == [
        'hooks/i18n/strings/es.yml:1:1: KB425 feedback.question is not translated, so readers of Español see '
        '"Was this article helpful?"; add `feedback.question:` with its translation after line 1 '
        "(the English is hooks/i18n/strings/en.yml:2)",
        "hooks/i18n/strings/ar.yml:1:1: KB425 العربية has no catalogue, so its readers see every string of ours "
        "in English; copy hooks/i18n/strings/en.yml to hooks/i18n/strings/ar.yml and translate each line"]


def test_kb425_finds_nothing_when_every_language_has_every_key(tmp_path):
    catalogues = catalogues_in(tmp_path, {"en": ENGLISH, "es": ENGLISH, "ar": ENGLISH})
    assert untranslated(catalogues, NAMES, SHOWN) == []


def test_kb425_in_the_writers_command_and_the_build(project_copy):
    """The project's catalogues pass; with a line taken out of es.yml, both report it, and fail."""
    assert "KB425" not in command(project_copy).stdout
    catalogue = project_copy / "hooks/i18n/strings/es.yml"
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    gone = next(number for number, text in enumerate(lines, 1) if text.startswith("feedback.send:"))
    catalogue.write_text("".join(lines[:gone - 1] + lines[gone:]), encoding="utf-8")
    expected = (f"hooks/i18n/strings/es.yml:{gone - 1}:1: KB425 feedback.send is not translated, so readers of "
                f'Español see "Send feedback"; add `feedback.send:` with its translation after line {gone - 1}')
    checked = command(project_copy)
    assert checked.returncode == 1 and [line for line in checked.stdout.splitlines() if "KB425" in line][0].startswith(expected)
    built = build(project_copy, project_copy.parent / "site")
    assert built.returncode != 0 and f"WARNING -  {expected}" in built.output


def test_an_untitled_important_callout_is_titled_in_the_pages_language():
    """Both ways of writing it (the site's own Markdown); typed "Important" cannot be told from none."""
    catalogues = load_catalogues(CATALOGUES, LANGUAGES, SHOWN)
    html = render_markdown('!!! important\n    Escriba.\n\n> [!IMPORTANT]\n> Escriba.\n\n'
                           '!!! important "Important"\n    Escriba.\n\n!!! note\n    Nota.\n')
    assert html.count('<p class="admonition-title">Important</p>') == 3
    spanish = titled_in(html, "es", catalogues)
    titles = [p.get_text() for p in soup(spanish).select(".admonition-title")]
    assert titles == ["Importante", "Importante", "Importante", "Note"]
    assert [div["class"] for div in soup(spanish).select(".admonition")][:2] == [["admonition", "important"]] * 2
    assert titled_in(html, "en", catalogues) == html
    assert [p.get_text() for p in soup(titled_in(html, "ar", catalogues)).select(".admonition-title")][:2] == ["مهم"] * 2


def test_a_template_asking_for_an_unknown_key_or_leaving_a_placeholder_out_is_one_line(tmp_path):
    from mkdocs.exceptions import PluginError
    catalogues = catalogues_in(tmp_path, {"en": "a.more: All {count}\n"})
    with pytest.raises(PluginError, match=r"^None: asks for a.less, which hooks/i18n/strings/en.yml does not have; "):
        render("{{ kb_t('a.less') }}", "en", catalogues)
    with pytest.raises(PluginError, match=r"^None: gives a.more no value for \{count\}; pass it: kb_t\('a.more', count=...\)$"):
        render("{{ kb_t('a.more') }}", "en", catalogues)
