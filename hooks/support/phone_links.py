"""Python-Markdown extension: `{{ phone.KEY }}` becomes a click-to-call link.

An inline processor never sees inline code or code blocks, so the placeholder stays
literal there. A key that is not configured is left as typed; rule KB201 reports it.
MkDocs makes a new Markdown instance for each page, so each page's links come from its own
language's contact: the extension asks which language the page being rendered is in.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from typing import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from hooks.support.languages import SiteSupport
from hooks.support.phones import PLACEHOLDER_RE, Support

# After inline code (190) and backslash escapes (180), before links and emphasis.
PRIORITY = 175


class PhonePlaceholderProcessor(InlineProcessor):
    """Replace one placeholder with `<a class="kb-phone" dir="ltr" href="tel:E164">number</a>`."""

    def __init__(self, support: Support, md: Markdown):
        super().__init__(PLACEHOLDER_RE.pattern, md)
        self.support = support

    def handleMatch(self, m, data):
        """The link for a configured key; no match (the text stays) for any other key."""
        line = self.support.phones.get(m.group("key"))
        if line is None:
            return None, None, None
        # dir="ltr": a right-to-left page would otherwise show the number's groups in reverse.
        link = etree.Element("a", {"class": "kb-phone", "href": line.href, "dir": "ltr"})
        # AtomicString: no other inline pattern may touch the formatted number.
        link.text = AtomicString(line.text)
        return link, m.start(0), m.end(0)


class PhoneLinksExtension(Extension):
    """Registers the placeholder processor with the contact of the language `page_language()` names."""

    def __init__(self, support: SiteSupport, page_language: Callable[[], str | None], **kwargs):
        super().__init__(**kwargs)
        self.support = support
        self.page_language = page_language

    def extendMarkdown(self, md: Markdown) -> None:
        """Add the processor, with the contact of the page about to be rendered, to the inline patterns."""
        contact = self.support.of(self.page_language())
        md.inlinePatterns.register(PhonePlaceholderProcessor(contact, md), "kb_phone", PRIORITY)
