"""The support contact per language: `extra.support.languages.CODE` over the default's settings.

A language gives only what differs: a chat label, a phone line's label or hours, its own
lines, the region its readers' numbers belong to. Every setting it leaves out, and every line
it does not name, is the default language's. Each language's merged settings are validated
like the default's, so a bad value is reported under the language's own key.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

from hooks.i18n.languages import Languages
from hooks.support.phones import (CHAT_SETTINGS, PHONE_SETTINGS, Support, SupportConfigError, contact_point,
                                  load_support, require_mapping)

LANGUAGE_SETTINGS = ("region", "chat", "phones")


def _group(value) -> Mapping:
    """`value` when it is a group of settings, else an empty one (a wrong shape is reported elsewhere)."""
    return value if isinstance(value, Mapping) else {}


def language_settings(raw, code: str) -> dict:
    """The support settings of `code`'s pages: the default's, with the language's own values over them,
    field by field in the chat and in each phone line; the language's new lines come last."""
    raw = _group(raw)
    own = _group(_group(raw.get("languages")).get(code))
    merged = {name: value for name, value in raw.items() if name != "languages"}
    if "region" in own:
        merged["region"] = own["region"]
    if "chat" in own:
        merged["chat"] = {**_group(raw.get("chat")), **_group(own["chat"])}
    if "phones" in own:
        phones = dict(_group(raw.get("phones")))
        for key, line in _group(own["phones"]).items():
            phones[key] = {**_group(phones.get(key)), **_group(line)}
        merged["phones"] = phones
    return merged


@dataclass(frozen=True, eq=False)
class SiteSupport:
    """Every language's support contact, in `extra.languages` order, the default first."""

    contacts: Mapping[str, Support]

    @property
    def default(self) -> Support:
        return next(iter(self.contacts.values()))

    def of(self, language: str | None) -> Support:
        """The contact a page in `language` shows; the default's for a language the site does not have."""
        return self.contacts.get(language, self.default)

    def languages_offering(self, key: str, e164: str) -> list[str]:
        """The languages whose pages give `e164` as their phone line `key`."""
        return [code for code, contact in self.contacts.items()
                if key in contact.phones and contact.phones[key].e164 == e164]

    def json_ld(self, language: str | None) -> dict:
        """schema.org data for `language`'s pages: the organisation and a `ContactPoint` per phone line,
        each with the languages (`availableLanguage`) whose pages offer it."""
        contact = self.of(language)
        data: dict = {"@context": "https://schema.org", "@type": "Organization"}
        if contact.organization:
            data["name"] = contact.organization
        data["contactPoint"] = [contact_point(line, self.languages_offering(key, line.e164))
                                for key, line in contact.phones.items()]
        return data


def load_site_support(raw, languages: Languages) -> SiteSupport:
    """Validate `extra.support` and its `languages`. Raises SupportConfigError naming the bad key."""
    default = load_support(raw)
    own = raw.get("languages") or {}
    require_mapping(own, "extra.support.languages", None)
    for code, settings in own.items():
        _check_language(code, settings, raw, languages)
    contacts = {code: load_support(language_settings(raw, code), f"extra.support.languages.{code}")
                if code in own else default for code in languages.names}
    return SiteSupport(MappingProxyType(contacts))


def _check_language(code, settings, raw: Mapping, languages: Languages) -> None:
    """What merging cannot tell: a language the site lacks, a block of the wrong shape, a new line
    without its number (most often a misspelt key of a default line)."""
    path = f"extra.support.languages.{code}"
    others = [name for name in languages.names if name != languages.default]
    if code == languages.default:
        raise SupportConfigError(f"{path}: {code} is the default language, whose contact is extra.support "
                                 "itself; move these settings up into extra.support")
    if code not in languages.names:
        choice = f"use one of {', '.join(others)}" if others else "the site has no other language"
        raise SupportConfigError(f"{path}: {code!r} is not in extra.languages; {choice}, "
                                 "or add the language to extra.languages first")
    require_mapping(settings, path, LANGUAGE_SETTINGS)
    require_mapping(settings.get("chat") or {}, f"{path}.chat", CHAT_SETTINGS)
    phones = settings.get("phones") or {}
    require_mapping(phones, f"{path}.phones", None)
    default_keys = list(_group(raw.get("phones")))
    for key, line in phones.items():
        require_mapping(line, f"{path}.phones.{key}", PHONE_SETTINGS)
        if key not in default_keys and "number" not in line:
            raise SupportConfigError(f"{path}.phones.{key}: no line {key!r} in extra.support.phones to take the "
                                     f"number from; correct the key ({', '.join(default_keys) or 'none there'}) "
                                     "or give this language's own line its number")
