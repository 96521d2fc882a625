"""KB419 review-date: the owner and review keys of the front matter (`owner`, `review_by`, `review_every`, `reviewed`).

The reading lives in hooks/review/keys.py, shared with `python -m hooks stale` and the build's
"Reviewed" date, so the three never disagree about an article.
"""

from __future__ import annotations

from hooks.checks.findings import rule
from hooks.checks.rules.front_matter import front_matter_settings
from hooks.checks.source import Document
from hooks.review.keys import RULE, read_plan


@rule(RULE, "review-date",
      "A review key is not a day or an interval, a day and an interval are both set, or the article has no owner.",
      tests="tests/test_review.py")
def review_dates(doc: Document):
    """Flag each owner or review key that leaves the article's next review unknown."""
    _, findings = read_plan(front_matter_settings(doc))
    yield from findings
