"""Read the site's settings from mkdocs.yml without building the site."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import markdown
import yaml

from hooks.checks.rules.settings import setting_line, unknown_settings
from hooks.checks.rules.templates import templates_in
from hooks.checks.source import Settings, extension_names
from hooks.i18n.languages import LanguageConfigError, Languages, check_announcement
from hooks.support.languages import language_settings, load_site_support
from hooks.support.phones import HOME_REGION, SupportConfigError


class ConfigLoader(yaml.SafeLoader):
    """A safe YAML loader that reads MkDocs' `!ENV` and `!relative` tags as their default."""


def _tag_default(loader: yaml.SafeLoader, node: yaml.Node):
    """`!ENV [NAME, default]` becomes the default; a bare tag becomes None."""
    if isinstance(node, yaml.SequenceNode) and len(node.value) > 1:
        return loader.construct_object(node.value[-1])
    return None


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _tag_default(loader, node))
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def phone_settings(support) -> tuple[tuple[str, ...], str]:
    """(the phone keys, the readers' region) of one language's merged support settings, read as written:
    a wrong value is reported by `load_site_support`, not here."""
    phones = support.get("phones") or {}
    region = support.get("region")
    return (tuple(phones) if isinstance(phones, dict) else (),
            region.upper() if isinstance(region, str) else HOME_REGION)


def settings_from_mapping(config) -> Settings:
    """Settings from a loaded MkDocs configuration (a mapping)."""
    support = (config.get("extra") or {}).get("support") or {}
    support = support if isinstance(support, dict) else {}
    keys, region = phone_settings(support)
    languages = support.get("languages") if isinstance(support.get("languages"), dict) else {}
    return Settings(extensions=extension_names(config.get("markdown_extensions")), phone_keys=keys,
                    phone_region=region,
                    language_phones=tuple((code, *phone_settings(language_settings(support, code)))
                                          for code in languages if isinstance(code, str)))


@dataclass(frozen=True)
class ExtensionEntry:
    """One `markdown_extensions` entry as written: its name, its options and where the name stands."""

    name: object  # a string when the entry is well formed
    options: object  # None or a mapping when well formed
    line: int  # 1-based
    col: int


def located_extensions(config_text: str, value) -> tuple[list[ExtensionEntry], int]:
    """(each entry of the loaded `markdown_extensions` value with its place, the setting's line).

    Both forms MkDocs accepts: a list of names and one-key mappings, or one mapping of names to
    options. Raises yaml.YAMLError when the text is not YAML.
    """
    root = yaml.compose(config_text, Loader=ConfigLoader)
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    node = next((value_node for key, value_node in pairs if key.value == "markdown_extensions"), None)
    if node is None:
        return [], 1
    setting_line = next(key.start_mark.line + 1 for key, _ in pairs if key.value == "markdown_extensions")
    entries = []
    if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
        for key, _ in node.value:
            entries.append(ExtensionEntry(key.value, value.get(key.value), key.start_mark.line + 1,
                                          key.start_mark.column + 1))
    elif isinstance(node, yaml.SequenceNode) and isinstance(value, list):
        for item_node, item in zip(node.value, value):
            place = item_node.value[0][0] if isinstance(item_node, yaml.MappingNode) and item_node.value else item_node
            name, options = next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None)
            entries.append(ExtensionEntry(name, options, place.start_mark.line + 1, place.start_mark.column + 1))
    return entries, setting_line


def extension_list(value) -> list:
    """The `markdown_extensions` value in the list form: names, and one-key mappings for options."""
    if isinstance(value, dict):
        return [name if options is None else {name: options} for name, options in value.items()]
    return list(value) if isinstance(value, list) else []


def entry_problem(entry: ExtensionEntry) -> str | None:
    """What is wrong with one entry, in words with the fix; None when Python-Markdown loads it."""
    if not isinstance(entry.name, str) or not (entry.options is None or isinstance(entry.options, dict)):
        return (f"markdown_extensions entry `{entry.name}` is not an extension name with a mapping of options; "
                f"write `- name` or `- name: {{option: value}}`")
    options = {key: value for key, value in (entry.options or {}).items() if value is not None}
    try:
        markdown.Markdown(extensions=[entry.name], extension_configs={entry.name: options})
    except ImportError:
        return f"markdown extension `{entry.name}` is not installed; install it or remove it from markdown_extensions"
    except KeyError as error:  # Python-Markdown's word for an option the extension does not have
        return f"markdown extension `{entry.name}` has no option {error}; correct its options or remove it"
    except Exception as error:  # an extension may raise anything for options it refuses
        reason = str(error).splitlines()[0] if str(error) else error.__class__.__name__
        return f"markdown extension `{entry.name}` does not load ({reason}); correct its options or remove it"
    return None


def extension_problems(config_file: str, config_text: str, value) -> list[str]:
    """One located line for a `markdown_extensions` setting of the wrong shape, or for each entry
    that is malformed or that Python-Markdown cannot load."""
    entries, setting_line = located_extensions(config_text, value)
    if value is not None and not isinstance(value, (list, dict)):
        return [f"{config_file}:{setting_line}:1: markdown_extensions must be a list of extension names "
                f"or a mapping of names to options; correct it"]
    return [f"{config_file}:{entry.line}:{entry.col}: {problem}" for entry in entries
            if (problem := entry_problem(entry)) is not None]


def setting_error_line(config_file: str, config_text: str, error: ValueError) -> str:
    """The one line for a bad setting (SupportConfigError, LanguageConfigError: the message starts with
    the setting's key): the file, the setting's line, what is wrong and the fix."""
    key = str(error).split(":", 1)[0]
    return f"{config_file}:{setting_line(config_text, key)}: {error}"


@dataclass(frozen=True)
class SiteConfig:
    """mkdocs.yml as the writers' command reads it: its text and its settings."""

    path: Path
    text: str
    mapping: dict

    @cached_property
    def settings(self) -> Settings:
        """What the article rules need to know, with the page templates of the theme's custom_dir."""
        return replace(settings_from_mapping(self.mapping), page_templates=templates_in(self.custom_dir))

    @property
    def markdown_extensions(self) -> list:
        """`markdown_extensions` in the list form, however mkdocs.yml writes it."""
        return extension_list(self.mapping.get("markdown_extensions"))

    @property
    def custom_dir(self) -> Path | None:
        """The theme's folder of template overrides, as MkDocs finds it: relative to mkdocs.yml."""
        theme = self.mapping.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.path.parent / str(custom_dir) if custom_dir else None

    @property
    def languages(self) -> Languages:
        """The site's languages as `extra.languages` lists them (the theme's language alone without it);
        the build checks them against Material's translations."""
        theme = self.mapping.get("theme")
        default = theme.get("language") if isinstance(theme, dict) else None
        names = (self.mapping.get("extra") or {}).get("languages")
        return Languages(names if isinstance(names, dict) and names else {default or "en": default or "en"})

    @property
    def docs_dir(self) -> Path:
        """The folder of the articles, as MkDocs finds it: `docs_dir`, relative to mkdocs.yml."""
        return self.path.parent / str(self.mapping.get("docs_dir") or "docs")

    def problems(self) -> tuple[list[str], list[str]]:
        """(errors, warnings) about the settings, one line each: a Markdown extension that does not
        load, a bad support contact, a promotion bar for a language the site lacks; unknown settings."""
        errors = extension_problems(str(self.path), self.text, self.mapping.get("markdown_extensions"))
        try:
            load_site_support((self.mapping.get("extra") or {}).get("support"), self.languages)
        except SupportConfigError as error:
            errors.append(setting_error_line(str(self.path), self.text, error))
        try:
            check_announcement((self.mapping.get("extra") or {}).get("announcement"), self.languages)
        except LanguageConfigError as error:
            errors.append(setting_error_line(str(self.path), self.text, error))
        return errors, [finding.format(str(self.path)) for finding in unknown_settings(self.text)]


def load_site_config(config_file: Path) -> SiteConfig:
    """mkdocs.yml, read. Raises OSError or yaml.YAMLError when unreadable."""
    text = config_file.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=ConfigLoader) or {}
    if not isinstance(config, dict):
        raise yaml.YAMLError("the file is not a mapping of settings")
    return SiteConfig(config_file, text, config)


def load_settings(config_file: Path) -> Settings:
    """Settings from a mkdocs.yml file. Raises OSError or yaml.YAMLError when unreadable."""
    return load_site_config(config_file).settings
