"""The support contact (`extra.support` in mkdocs.yml): validated once, formatted for every use.

Phone numbers are parsed, validated and formatted by `phonenumbers` (Google's
libphonenumber rules), never by a pattern of our own. The build hook, the Markdown
extension, the checks and the theme templates all read the `Support` made here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping
from urllib.parse import urlsplit

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

# `{{ phone.us }}`; the spaces inside the braces are optional.
PLACEHOLDER_RE = re.compile(r"\{\{[ \t]*phone\.(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*\}\}")
LINE_KEY_RE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

SUPPORT_SETTINGS = ("organization", "region", "chat", "phones", "languages")
CHAT_SETTINGS = ("label", "url", "hours")
PHONE_SETTINGS = ("label", "number", "region", "format", "hours")
FORMATS = {"national": PhoneNumberFormat.NATIONAL, "international": PhoneNumberFormat.INTERNATIONAL}
# Where readers type numbers without a country code, when `extra.support.region` is left out.
HOME_REGION = "US"


class SupportConfigError(ValueError):
    """A bad `extra.support` setting. The message is one line that starts with the setting's key."""


@dataclass(frozen=True)
class PhoneLine:
    """One support phone line, ready to print."""

    key: str
    label: str
    e164: str
    # The number as customers read it: national or international format.
    text: str
    # The ISO region a national line serves ("US"), or None for a line meant for any country.
    region: str | None
    toll_free: bool
    hours: str | None = None

    @property
    def href(self) -> str:
        """The click-to-call link target, always E.164."""
        return f"tel:{self.e164}"


@dataclass(frozen=True)
class Chat:
    """The chat entry point on the company website."""

    label: str
    url: str
    hours: str | None = None


@dataclass(frozen=True, eq=False)
class Support:
    """Every way to reach a person: chat first, then the phone lines in their configured order."""

    phones: Mapping[str, PhoneLine] = field(default_factory=dict)
    chat: Chat | None = None
    organization: str | None = None
    # The country whose numbers the readers type without a country code (the hand-typed-number rule).
    region: str = HOME_REGION


def placeholder(key: str) -> str:
    """What a writer types to insert line `key`."""
    return "{{ phone.%s }}" % key


def contact_point(line: PhoneLine, languages: list[str]) -> dict:
    """One phone line as a schema.org `ContactPoint`, offered in `languages` (BCP 47 codes)."""
    point = {"@type": "ContactPoint", "contactType": "customer support",
             "name": line.label, "telephone": line.e164, "availableLanguage": languages}
    if line.region:
        point["areaServed"] = line.region
    if line.toll_free:
        point["contactOption"] = "TollFree"
    return point


def load_support(raw, path: str = "extra.support") -> Support:
    """Validate one support contact (`extra.support`, or a language's settings merged over it, named
    by `path`). Raises SupportConfigError naming the bad key; `languages` is read by hooks/support/languages.py."""
    if raw is None:
        # Every article ends with the "Still need help?" block: a site without a contact is a mistake.
        raise SupportConfigError("extra.support: is missing; add the support contact (organization, chat, "
                                 "phones) under extra: in mkdocs.yml, as the writers' guide shows")
    require_mapping(raw, path, SUPPORT_SETTINGS)
    phones = raw.get("phones") or {}
    require_mapping(phones, f"{path}.phones", None)
    lines = {}
    for key, setting in phones.items():
        if not isinstance(key, str) or not LINE_KEY_RE.fullmatch(key):
            raise SupportConfigError(f"{path}.phones.{key}: a line's key must start with a letter and "
                                     "hold only letters, digits, - and _ (it is what writers type in {{ phone.KEY }})")
        lines[key] = _phone_line(key, setting, f"{path}.phones.{key}")
    chat = raw.get("chat")
    return Support(phones=MappingProxyType(lines),
                   chat=None if chat is None else _chat(chat, f"{path}.chat"),
                   organization=_text(raw, "organization", path, required=False),
                   region=_readers_region(raw, path))


def require_mapping(value, path: str, allowed: tuple[str, ...] | None) -> None:
    """Refuse anything but a mapping, and (when `allowed` is given) any setting not in it."""
    if not isinstance(value, Mapping):
        raise SupportConfigError(f"{path}: expected a group of settings, found {value!r}")
    if allowed is not None:
        for name in value:
            if name not in allowed:
                raise SupportConfigError(f"{path}.{name}: unknown setting; use {', '.join(allowed)}")


def _text(raw: Mapping, name: str, path: str, *, required: bool) -> str | None:
    """A non-empty text setting, or None when it is optional and absent."""
    value = raw.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        problem = "is missing" if value is None else f"must be text, found {value!r}"
        raise SupportConfigError(f"{path}.{name}: {problem}")
    return value.strip()


def _chat(raw, path: str) -> Chat:
    """The validated chat entry point; only http(s) links, so no script can hide in the URL."""
    require_mapping(raw, path, CHAT_SETTINGS)
    url = _text(raw, "url", path, required=True)
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise SupportConfigError(f'{path}.url: "{url}" is not a web address; write it in full, '
                                 "e.g. https://www.example.com/support/chat")
    return Chat(label=_text(raw, "label", path, required=True), url=url,
                hours=_text(raw, "hours", path, required=False))


def _phone_line(key: str, raw, path: str) -> PhoneLine:
    """One validated phone line, formatted for its audience."""
    require_mapping(raw, path, PHONE_SETTINGS)
    label = _text(raw, "label", path, required=True)
    region = _region(raw, path)
    number = _number(raw, path, region)
    style = raw.get("format", "national" if region else "international")
    if style not in FORMATS:
        raise SupportConfigError(f"{path}.format: {style!r} is not a format; use {' or '.join(FORMATS)}")
    return PhoneLine(
        key=key, label=label,
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        text=phonenumbers.format_number(number, FORMATS[style]),
        region=region,
        toll_free=phonenumbers.number_type(number) == PhoneNumberType.TOLL_FREE,
        hours=_text(raw, "hours", path, required=False),
    )


def _region(raw: Mapping, path: str) -> str | None:
    """The optional two-letter region of a national line, as phonenumbers knows it."""
    region = raw.get("region")
    if region is None:
        return None
    if not _is_region(region):
        raise SupportConfigError(f"{path}.region: {region!r} is not a region code; "
                                 "use a two-letter code such as US, or leave it out for an international line")
    return region.upper()


def _readers_region(raw: Mapping, path: str) -> str:
    """The two-letter country whose numbers readers type without a country code."""
    region = raw.get("region", HOME_REGION)
    if not _is_region(region):
        raise SupportConfigError(f"{path}.region: {region!r} is not a region code; use the two-letter code of "
                                 "the country whose local numbers your readers write, such as US or ES")
    return region.upper()


def _is_region(value) -> bool:
    """True for a two-letter region code phonenumbers knows, in either case."""
    return isinstance(value, str) and value.upper() in phonenumbers.SUPPORTED_REGIONS


def _number(raw: Mapping, path: str, region: str | None) -> phonenumbers.PhoneNumber:
    """Parse and validate the number; without a region it must carry its country code."""
    text = raw.get("number")
    if text is None:
        raise SupportConfigError(f"{path}.number: is missing")
    if not isinstance(text, str):
        raise SupportConfigError(f'{path}.number: write the number in quotes, e.g. number: "{_example(region)}"')
    example = _example(region)
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException as error:
        if error.error_type == NumberParseException.INVALID_COUNTRY_CODE and not text.strip().startswith("+"):
            raise SupportConfigError(f'{path}.number: "{text}" has no country code, so it could belong to any '
                                     f"country; write it in international form, e.g. {example}") from None
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise SupportConfigError(f'{path}.number: "{text}" is not a valid phone number; '
                                 f"write it in international form, e.g. {example}")
    if region and not phonenumbers.is_valid_number_for_region(number, region):
        found = phonenumbers.region_code_for_number(number)
        raise SupportConfigError(f'{path}.number: "{text}" is a {found} number, not a {region} one; '
                                 f"fix the number or set region: {found}")
    return number


def _example(region: str | None) -> str:
    """A sample number in international form, from the library's own examples."""
    return phonenumbers.format_number(phonenumbers.example_number(region or "US"), PhoneNumberFormat.INTERNATIONAL)
