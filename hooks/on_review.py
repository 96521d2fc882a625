"""MkDocs hook: an article with review keys shows "Reviewed <day>" beside "Last updated" (see hooks/review/).

The day is its `reviewed` key, else its last commit's day (hooks/on_dates.py): never the clock,
so one commit builds the same bytes on any day.
"""

from __future__ import annotations

from datetime import date

from hooks.i18n.catalogue import reader_locale
from hooks.publish.dates import last_updated
from hooks.review.keys import REVIEW_KEYS, plan_of_text
from hooks.state import i18n


def on_page_context(context, *, page, config, nav):
    """Give the page its last-reviewed day when its front matter plans reviews (and KB419 finds it right)."""
    updated = getattr(page, "last_updated", None)  # index pages have none
    if updated and any(key in page.meta for key in REVIEW_KEYS):
        plan, _ = plan_of_text(page.file.content_string)
        if plan is not None:
            committed = date.fromisoformat(updated.iso)
            locale = reader_locale(i18n.languages, page.file.src_uri, config.theme.locale)
            page.last_reviewed = last_updated(plan.last_reviewed(committed), locale)
    return context
