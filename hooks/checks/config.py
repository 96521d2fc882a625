"""Read the site's settings from mkdocs.yml without building the site."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import yaml

from hooks.checks.rules.settings import setting_line, unknown_settings
from hooks.checks.rules.templates import templates_in
from hooks.checks.source import Settings, extension_names
from hooks.support.phones import SupportConfigError, load_support


class ConfigLoader(yaml.SafeLoader):
    """A safe YAML loader that reads MkDocs' `!ENV` and `!relative` tags as their default."""


def _tag_default(loader: yaml.SafeLoader, node: yaml.Node):
    """`!ENV [NAME, default]` becomes the default; a bare tag becomes None."""
    if isinstance(node, yaml.SequenceNode) and len(node.value) > 1:
        return loader.construct_object(node.value[-1])
    return None


ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _tag_default(loader, node))
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def settings_from_mapping(config) -> Settings:
    """Settings from a loaded MkDocs configuration (a mapping)."""
    phones = ((config.get("extra") or {}).get("support") or {}).get("phones") or {}
    return Settings(extensions=extension_names(config.get("markdown_extensions")),
                    phone_keys=tuple(phones) if isinstance(phones, dict) else ())


def support_error_line(config_file: str, config_text: str, error: SupportConfigError) -> str:
    """The one line for a bad `extra.support`: the file, the setting's line, what is wrong and the fix."""
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
    def custom_dir(self) -> Path | None:
        """The theme's folder of template overrides, as MkDocs finds it: relative to mkdocs.yml."""
        theme = self.mapping.get("theme")
        custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.path.parent / str(custom_dir) if custom_dir else None

    @property
    def docs_dir(self) -> Path:
        """The folder of the articles, as MkDocs finds it: `docs_dir`, relative to mkdocs.yml."""
        return self.path.parent / str(self.mapping.get("docs_dir") or "docs")

    def problems(self) -> tuple[list[str], list[str]]:
        """(errors, warnings) about the settings, one line each: a bad support contact, unknown settings."""
        errors = []
        try:
            load_support((self.mapping.get("extra") or {}).get("support"))
        except SupportConfigError as error:
            errors.append(support_error_line(str(self.path), self.text, error))
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
