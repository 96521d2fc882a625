"""Read the check settings from mkdocs.yml without building the site."""

from __future__ import annotations

from pathlib import Path

import yaml

from hooks.checks.source import Settings, extension_names


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


def load_settings(config_file: Path) -> Settings:
    """Settings from a mkdocs.yml file. Raises OSError or yaml.YAMLError when unreadable."""
    with open(config_file, encoding="utf-8") as stream:
        config = yaml.load(stream, Loader=ConfigLoader) or {}
    if not isinstance(config, dict):
        raise yaml.YAMLError("the file is not a mapping of settings")
    return settings_from_mapping(config)
