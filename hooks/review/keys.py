"""Read an article's review plan from its front matter, with a located KB419 finding for each mistake.

Shared by the check (hooks/checks/rules/review.py), the build's "Reviewed" date (hooks/on_review.py)
and `python -m hooks stale`, so all three read the keys alike.
"""

from __future__ import annotations

import yaml

from hooks.checks.findings import Finding
from hooks.checks.rules.front_matter import front_matter_settings, node_type
from hooks.checks.source import Document, Settings
from hooks.review.due import LONGEST_YEARS, ReviewPlan, parse_day, parse_interval

RULE = "KB419"
OWNER = "owner"
DAY_KEYS = ("review_by", "reviewed")
INTERVAL_KEY = "review_every"
REVIEW_KEYS = ("review_by", INTERVAL_KEY, "reviewed")


def place(node: yaml.Node) -> tuple[int, int]:
    """The file's line and column (from 1) of a front-matter node; the front matter starts on line 2."""
    return node.start_mark.line + 2, node.start_mark.column + 1


def shown(node: yaml.Node) -> str:
    """The value as the writer typed it, quoted, or what YAML read it as when it is not one value."""
    return f'"{node.value}"' if isinstance(node, yaml.ScalarNode) and node.value else node_type(node)


def scalar_text(node: yaml.Node) -> str | None:
    """The text of a one-value node (YAML reads an unquoted day as a date; its text is kept), else None."""
    return node.value if isinstance(node, yaml.ScalarNode) and not node.tag.endswith(":null") else None


def review_settings(settings) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The owner and review settings among the front matter's (key, value) nodes; the last of a repeated key wins."""
    return {key.value: (key, value) for key, value in settings
            if isinstance(key, yaml.ScalarNode) and key.value in (OWNER, *REVIEW_KEYS)}


def value_findings(found: dict) -> tuple[dict, list[Finding]]:
    """Each review key's parsed value, and a finding for each one that does not parse."""
    values, findings = {}, []
    for name in DAY_KEYS:
        if name in found:
            node = found[name][1]
            values[name] = parse_day(scalar_text(node) or "")
            if values[name] is None:
                findings.append(Finding(*place(node), RULE, f"{name} must be a day of the calendar written "
                                        f"YYYY-MM-DD, found {shown(node)}; write e.g. {name}: 2027-06-01"))
    if INTERVAL_KEY in found:
        node = found[INTERVAL_KEY][1]
        values[INTERVAL_KEY] = parse_interval(scalar_text(node) or "")
        if values[INTERVAL_KEY] is None:
            findings.append(Finding(*place(node), RULE, f"{INTERVAL_KEY} must be a number then days, weeks, "
                                    f"months or years, at most {LONGEST_YEARS} years, found {shown(node)}; "
                                    f"write e.g. {INTERVAL_KEY}: 6 months"))
    return values, findings


def combination_findings(found: dict) -> list[Finding]:
    """Review keys that do not go together: both a day and an interval, no schedule, no owner."""
    findings = []
    if "review_by" in found and INTERVAL_KEY in found:
        later = max(found["review_by"][0], found[INTERVAL_KEY][0], key=place)
        findings.append(Finding(*place(later), RULE, "review_by and review_every are both set; keep one: "
                                "review_by for a fixed day, review_every for an interval such as 6 months"))
    if "reviewed" in found and "review_by" not in found and INTERVAL_KEY not in found:
        findings.append(Finding(*place(found["reviewed"][0]), RULE, "reviewed sets no next review; add "
                                "review_every (e.g. review_every: 6 months) or review_by (e.g. review_by: 2027-06-01)"))
    if OWNER not in found:
        first = min((found[name][0] for name in REVIEW_KEYS if name in found), key=place)
        findings.append(Finding(*place(first), RULE, f"{first.value} needs an owner, who keeps the article "
                                "current; add a line such as owner: Mail team"))
    return findings


def read_plan(settings) -> tuple[ReviewPlan | None, list[Finding]]:
    """The review plan of front matter given as (key, value) nodes, and its KB419 findings.

    The plan is None when the article has no review key, or when a finding (or an owner that is
    not text, which KB402 reports) leaves its due day unknown.
    """
    found = review_settings(settings)
    if not any(name in found for name in REVIEW_KEYS):
        return None, []
    values, findings = value_findings(found)
    findings += combination_findings(found)
    owner = scalar_text(found[OWNER][1]) if OWNER in found else None
    if findings or not (owner and owner.strip() and found[OWNER][1].tag.endswith(":str")):
        return None, findings
    return ReviewPlan(owner.strip(), values.get("review_by"), values.get(INTERVAL_KEY), values.get("reviewed")), []


def plan_of_text(text: str) -> tuple[ReviewPlan | None, list[Finding]]:
    """The review plan and KB419 findings of an article's whole text."""
    return read_plan(front_matter_settings(Document(text, Settings())))
