"""The support contact: config validation, formatting, the placeholder renderer and rules KB201-KB203."""

from __future__ import annotations

import copy
import subprocess
import sys

import markdown
import phonenumbers
import pytest
from mkdocs.config import load_config

from hooks.checks.config import load_settings, load_site_config
from hooks.checks.engine import check_text
from hooks.support.languages import SiteSupport, load_site_support
from hooks.support.phone_links import PhoneLinksExtension
from hooks.support.phones import SupportConfigError, load_support
from tests.conftest import ROOT, soup
from tests.sitemarkdown import site_converter

SETTINGS = load_settings(ROOT / "mkdocs.yml")


def site_support_config() -> dict:
    """A fresh copy of `extra.support` from the project's own mkdocs.yml."""
    return copy.deepcopy(load_config(str(ROOT / "mkdocs.yml")).extra["support"])


def site_contacts(config: dict | None = None) -> SiteSupport:
    """Every language's contact from `config` (the project's `extra.support` by default), for the site's languages."""
    site = load_site_config(ROOT / "mkdocs.yml")
    return load_site_support(site_support_config() if config is None else config, site.languages)


def findings(text: str, rule_id: str) -> list:
    """The findings of one rule in `text`, checked with the site's own settings."""
    return [f for f in check_text(text, SETTINGS) if f.rule_id == rule_id]


# ---- extra.support ------------------------------------------------------------


def test_the_site_config_gives_both_lines_in_e164_and_in_their_audiences_format():
    """US is a national line (national format); International is shown in international format."""
    support = load_support(site_support_config())
    us, international = support.phones["us"], support.phones["international"]
    assert list(support.phones) == ["us", "international"]
    assert (us.href, us.text, us.region, us.toll_free) == ("tel:+18884014678", "(888) 401-4678", "US", True)
    assert (international.href, international.text, international.region) == ("tel:+18017659400", "+1 801-765-9400", None)
    assert international.toll_free is False
    assert support.chat.url == "https://www.example.com/support/chat" and support.chat.label


def test_the_format_setting_overrides_the_default_format():
    """`format: international` on a national line and `format: national` on an international one."""
    config = site_support_config()
    config["phones"]["us"]["format"] = "international"
    config["phones"]["international"]["format"] = "national"
    support = load_support(config)
    assert support.phones["us"].text == "+1 888-401-4678"
    assert support.phones["international"].text == "(801) 765-9400"
    assert support.phones["us"].href == "tel:+18884014678"


def test_a_national_line_may_be_written_without_its_country_code():
    """With `region: US`, "888-401-4678" is read as the US number."""
    config = site_support_config()
    config["phones"]["us"]["number"] = "888-401-4678"
    assert load_support(config).phones["us"].e164 == "+18884014678"


def test_no_support_settings_is_refused_with_the_fix():
    """A site without `extra.support` would end every article with an empty "Still need help?" block."""
    with pytest.raises(SupportConfigError, match=r"^extra\.support: is missing; add the support contact"):
        load_support(None)


def _set(path: tuple, value):
    """A change to the site's support config: set the setting at `path` (None deletes it)."""
    def change(config):
        *parents, last = path
        target = config
        for name in parents:
            target = target[name]
        if value is None:
            del target[last]
        else:
            target[last] = value
    return change


BAD_CONFIGS = {
    "invalid number": (_set(("phones", "us", "number"), "888-401-467"),
                       'extra.support.phones.us.number: "888-401-467" is not a valid phone number; '
                       "write it in international form, e.g. +1 "),
    "no country code": (_set(("phones", "international", "number"), "801-765-9400"),
                        'extra.support.phones.international.number: "801-765-9400" has no country code'),
    "number of another region": (_set(("phones", "us", "number"), "+44 20 7946 0958"),
                                 'extra.support.phones.us.number: "+44 20 7946 0958" is a GB number, not a US one'),
    "number not quoted": (_set(("phones", "us", "number"), 18884014678),
                          "extra.support.phones.us.number: write the number in quotes"),
    "missing number": (_set(("phones", "us", "number"), None), "extra.support.phones.us.number: is missing"),
    "missing label": (_set(("phones", "us", "label"), None), "extra.support.phones.us.label: is missing"),
    "empty label": (_set(("phones", "international", "label"), "  "),
                    "extra.support.phones.international.label: must be text"),
    "unknown line setting": (_set(("phones", "us", "lable"), "US"),
                             "extra.support.phones.us.lable: unknown setting; use label, number, region, format, hours"),
    "unknown support setting": (_set(("phone",), {}), "extra.support.phone: unknown setting"),
    "unknown chat setting": (_set(("chat", "link"), "https://example.com"), "extra.support.chat.link: unknown setting"),
    "unknown format": (_set(("phones", "us", "format"), "local"),
                       "extra.support.phones.us.format: 'local' is not a format; use national or international"),
    "unknown region": (_set(("phones", "us", "region"), "USA"), "extra.support.phones.us.region: 'USA' is not a region code"),
    "bad line key": (_set(("phones", "u s"), {"label": "x", "number": "+18884014678"}),
                     "extra.support.phones.u s: a line's key must start with a letter"),
    "phones not a mapping": (_set(("phones",), ["+18884014678"]), "extra.support.phones: expected a group of settings"),
    "script in chat url": (_set(("chat", "url"), "javascript:alert(1)"),
                           'extra.support.chat.url: "javascript:alert(1)" is not a web address'),
    "missing chat label": (_set(("chat", "label"), None), "extra.support.chat.label: is missing"),
}


@pytest.mark.parametrize("name", BAD_CONFIGS)
def test_a_bad_setting_is_refused_with_one_line_that_names_its_key(name):
    """Each bad setting raises SupportConfigError whose single line starts with the setting's key."""
    change, expected = BAD_CONFIGS[name]
    config = site_support_config()
    change(config)
    with pytest.raises(SupportConfigError) as error:
        load_support(config)
    message = str(error.value)
    assert message.startswith(expected), message
    assert "\n" not in message


def test_every_countrys_sample_number_is_accepted_and_reported_when_typed():
    """For each of libphonenumber's regions, its sample number loads as a line and is caught by KB203."""
    regions = [r for r in sorted(phonenumbers.SUPPORTED_REGIONS) if phonenumbers.example_number(r)]
    assert len(regions) > 200
    for region in regions:
        sample = phonenumbers.example_number(region)
        typed = phonenumbers.format_number(sample, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        line = load_support({"phones": {"x": {"label": "X", "number": typed, "region": region}}}).phones["x"]
        assert line.href == "tel:" + phonenumbers.format_number(sample, phonenumbers.PhoneNumberFormat.E164), region
        assert [f.col for f in findings(ARTICLE_HEAD + f"Call {typed} now.\n", "KB203")] == [6], region


def test_json_ld_lists_every_line_as_a_contact_point_in_e164():
    """The home page's structured data holds one ContactPoint per line, with E.164 numbers."""
    data = site_contacts().json_ld("en")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    points = data["contactPoint"]
    assert [p["telephone"] for p in points] == ["+18884014678", "+18017659400"]
    assert all(p["@type"] == "ContactPoint" and p["contactType"] == "customer support" for p in points)
    assert points[0]["contactOption"] == "TollFree" and points[0]["areaServed"] == "US"
    assert "contactOption" not in points[1] and "areaServed" not in points[1]
    assert [p["availableLanguage"] for p in points] == [list(site_contacts().contacts)] * 2


# ---- the placeholder renderer -----------------------------------------------


def render(text: str) -> str:
    """Render with the site's Markdown extensions plus the placeholder extension, as the build does."""
    extension = PhoneLinksExtension(site_contacts(), lambda: "en")
    return site_converter(extension).convert(text)


def test_spaces_inside_the_braces_are_optional():
    """`{{phone.us}}` and `{{  phone.us  }}` give the same link as `{{ phone.us }}`."""
    expected = render("Call {{ phone.us }}.")
    assert '<a class="kb-phone" dir="ltr" href="tel:+18884014678">(888) 401-4678</a>' in expected
    assert render("Call {{phone.us}}.") == expected == render("Call {{  phone.us  }}.")


def test_an_unknown_key_is_left_as_typed_for_the_check_to_report():
    """The renderer never guesses: `{{ phone.uk }}` stays text (KB201 fails the build)."""
    html = render("Call {{ phone.uk }} today.")
    assert "{{ phone.uk }}" in html and "tel:" not in html


def test_the_number_is_not_touched_by_other_inline_patterns():
    """A key with underscores is not read as emphasis, and the link holds only the number."""
    config = site_support_config()
    config["phones"]["after_hours"] = {"label": "Nights", "number": "+1 801-765-9400"}
    extension = PhoneLinksExtension(site_contacts(config), lambda: "en")
    html = markdown.Markdown(extensions=[extension]).convert("Call _now_ on {{ phone.after_hours }}.")
    link = soup(html).select_one("a.kb-phone")
    assert link["href"] == "tel:+18017659400" and link.get_text() == "+1 801-765-9400"
    assert link["dir"] == "ltr"  # the digits keep their order on a right-to-left page
    assert soup(html).select_one("em").get_text() == "now"


# ---- KB201 unknown-phone-key and KB202 malformed-placeholder --------------------


ARTICLE_HEAD = "---\ntitle: T\n---\n\n# T\n\n"


def test_an_unknown_key_is_reported_at_its_line_and_column_with_the_keys_that_exist():
    """KB201 points at the placeholder and lists every configured placeholder."""
    text = ARTICLE_HEAD + "Call {{ phone.us }} or {{ phone.uk }}.\n"
    [finding] = findings(text, "KB201")
    assert (finding.line, finding.col) == (7, 24)
    assert '"uk"' in finding.message
    assert "`{{ phone.us }}`" in finding.message and "`{{ phone.international }}`" in finding.message


def test_configured_keys_are_not_reported():
    """Every configured key, with or without inner spaces, passes KB201 and KB202."""
    text = ARTICLE_HEAD + "Call {{ phone.us }}, {{phone.international}} or {{  phone.us }}.\n"
    assert check_text(text, SETTINGS) == []


MALFORMED = {
    "{{ phone.us }": "{{ phone.us }}",
    "{phone.us}": "{{ phone.us }}",
    "{{{ phone.us }}}": "{{ phone.us }}",
    "{{ Phone.us }}": "{{ phone.us }}",
    "{{ phones.us }}": "{{ phone.us }}",
    "{{ phone us }}": "{{ phone.us }}",
    "phone.us}}": "{{ phone.us }}",
    "{{ phone }}": "{{ phone.us }}",
}


@pytest.mark.parametrize("typed", MALFORMED)
def test_a_mistyped_placeholder_is_reported_with_the_right_form(typed):
    """KB202 flags text the build would leave on the page, and shows how to write it."""
    text = ARTICLE_HEAD + f"Call {typed} now.\n"
    [finding] = findings(text, "KB202")
    assert (finding.line, finding.col) == (7, 6)
    assert f"`{MALFORMED[typed]}`" in finding.message


def test_placeholders_in_code_and_comments_are_not_checked():
    """Inline code, fenced code, front matter and comments may show any placeholder."""
    text = ("---\ntitle: '{{ phone.uk }} 888-401-4678'\n---\n\n# T\n\n"
            "Type `{{ phone.uk }}` or `{{ phone.us }` or `888-401-4678`. <!-- {{ phone.uk }} 888-401-4678 -->\n\n"
            "```markdown\n{{ phone.uk }} {phone.us} 888-401-4678\n```\n")
    assert check_text(text, SETTINGS) == []


# ---- KB203 hand-typed-phone ---------------------------------------------------

HAND_TYPED = [
    "888-401-4678",
    "(888) 401-4678",
    "1-888-401-4678",
    "888.401.4678",
    "+1 801-765-9400",
    "+1 (801) 765-9400",
    "+18017659400",
    "+44 20 7946 0958",
    "801 765 9400",
    "+1.801.765.9400",
    "1 (800) 555-0199",
    "+44 (0)20 7946 0958",
    "+33 1 23 45 67 89",
]


@pytest.mark.parametrize("number", HAND_TYPED)
def test_a_hand_typed_phone_number_is_reported(number):
    """KB203 reports numbers written as people write phone numbers, at their column."""
    text = ARTICLE_HEAD + f"- Call us on {number} today.\n"
    [finding] = findings(text, "KB203")
    assert (finding.line, finding.col) == (7, 14)
    assert number in finding.message and "`{{ phone.us }}`" in finding.message


NOT_PHONES = {
    "port": "Use port 587, or 465 with SSL, and 993 for IMAP.",
    "port after a host": "Connect to mail.example.com:587 with STARTTLS.",
    "IPv4 address": "Point the A record to 192.168.1.100, 192.168.100.200 or 203.0.113.45.",
    "IPv6 address": "The AAAA record is 2001:db8:85a3::8a2e:370:7334.",
    "ISO date": "The change took effect on 2024-05-01.",
    "US date": "Renewals before 05/01/2024 or 12/31/2025 keep the old price.",
    "timestamp": "The bounce is stamped 2024-05-01 12:30:45 -0600.",
    "version": "Update to macOS 10.15.7, iOS 17.4.1 or build 1.2.3.4567.",
    "ZIP code": "Our office ZIP code is 84043.",
    "ZIP+4 code": "Send letters to ZIP 84043-1234.",
    "order number": "Quote order 1000234567 or 100-023-4567 when you write to us.",
    "order number with hash": "Quote order #2015550123 when you write to us.",
    "invoice number": "Invoice INV-2015550123 lists the renewal.",
    "account number": "Your account number is 20155501234.",
    "price": "The plan costs $1,234.56 a year.",
    "ticket number": "Your ticket 2023-004512 is open; ticket #2024-001234 was closed.",
    "invoice number in groups": "Invoice INV 2024-0007-1234 and INV-2024-0007-1235 list the renewal.",
    "PIN": "Read out your support PIN 5532-1187 when we call.",
    "order number in groups": "Quote order 2200-4411-55 or 5532-1187-22 when you write to us.",
    "serial number": "The licence key starts 1234-5678-9012.",
    "ticket number with a slash or space": "Tickets 2023/004512 and 2023 004512 are the same ticket.",
}


@pytest.mark.parametrize("name", NOT_PHONES)
def test_numbers_that_are_not_phone_numbers_are_not_reported(name):
    """Ports, IPs, dates, versions, ZIP codes, order numbers and prices pass KB203."""
    assert findings(ARTICLE_HEAD + NOT_PHONES[name] + "\n", "KB203") == []


def test_a_ticket_number_is_a_valid_phone_number_that_only_its_grouping_tells_apart():
    """Why KB203 asks for phone grouping: to libphonenumber's plain validity check, the ticket
    `2023-004512` is a dialable US number, so a check without grouping would report it."""
    text = "Your ticket 2023-004512 is open."
    valid = phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.VALID)
    assert [match.raw_string for match in valid] == ["2023-004512"]
    assert findings(ARTICLE_HEAD + text + "\n", "KB203") == []


def test_a_hand_typed_number_can_be_silenced_on_its_line():
    """`<!-- kb-ignore KB203 -->` silences the rule on that line only."""
    text = ARTICLE_HEAD + ("Fax: 801-765-9401 <!-- kb-ignore KB203 -->\n\n"
                           "Call 801-765-9400.\n")
    assert [(f.line, f.rule_id) for f in check_text(text, SETTINGS)] == [(9, "KB203")]


def test_the_writers_command_reports_phone_findings(tmp_path):
    """`python -m hooks check` prints KB201 and KB203 as file:line:col and exits 1."""
    article = tmp_path / "article.md"
    article.write_text(ARTICLE_HEAD + "Call 888-401-4678 or {{ phone.uk }}.\n")
    result = subprocess.run([sys.executable, "-m", "hooks", "check", "--config", str(ROOT / "mkdocs.yml"), str(article)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{article}:7:6: KB203 ") for line in lines), lines
    assert any(line.startswith(f"{article}:7:22: KB201 ") for line in lines), lines


def test_the_writers_guide_documents_every_placeholder_setting_and_phone_rule():
    """Each configured key, each `extra.support` setting and each KB2xx rule has its place in the guide."""
    from hooks.checks.findings import RULES
    from hooks.support.phones import CHAT_SETTINGS, PHONE_SETTINGS, SUPPORT_SETTINGS
    guide = (ROOT / "docs/writers-guide/phone-numbers.md").read_text()
    rules = (ROOT / "docs/writers-guide/rules.md").read_text()
    for key in SETTINGS.phone_keys:
        assert f"| `{{{{ phone.{key} }}}}` |" in guide, key
    documented = {f"`{name}`" for name in SUPPORT_SETTINGS} | {f"`chat.{name}`" for name in CHAT_SETTINGS}
    documented |= {f"`phones.KEY.{name}`" for name in PHONE_SETTINGS}
    assert all(f"| {name} |" in guide for name in documented), [n for n in documented if f"| {n} |" not in guide]
    phone_rules = [r for r in RULES.values() if r.id.startswith("KB2")]
    assert len(phone_rules) == 3
    for r in phone_rules:
        section = rules.split(f"## {r.id} {r.name}\n", 1)[1].split("\n## ", 1)[0]
        assert "Wrong:" in section and "Right:" in section, r.id
    assert "support: false" in guide
