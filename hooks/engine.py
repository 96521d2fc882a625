"""Run every rule over a document, honour suppression comments, apply fixes."""

from __future__ import annotations

import re

from hooks.findings import RULES, Finding, rule
from hooks.source import Document, Settings

# Importing the rule modules registers their rules.
from hooks import rules_callouts, rules_phones  # noqa: F401  (registers rules)

# `<!-- kb-ignore KB101 -->`, or several IDs: `<!-- kb-ignore KB101 KB103 -->`.
SUPPRESS_RE = re.compile(r"<!--\s*kb-ignore\s+(?P<ids>KB\d{3}(?:[\s,]+KB\d{3})*)\s*-->")
UNUSED_SUPPRESSION = "KB001"


@rule(UNUSED_SUPPRESSION, "unused-suppression",
      "A `kb-ignore` comment names a rule that finds nothing on its line; remove it.")
def _unused_suppression_is_reported_by_check_text(doc: Document):
    """Reported by `check_text`, which alone knows which suppressions were used."""
    return ()


def suppressions(doc: Document) -> dict[tuple[int, str], int]:
    """Each (line, rule ID) silenced by a comment, with the comment's column."""
    found = {}
    for index, line in enumerate(doc.lines):
        if index in doc.literal_lines:
            continue
        for match in SUPPRESS_RE.finditer(line):
            for rule_id in re.findall(r"KB\d{3}", match.group("ids")):
                found[(index + 1, rule_id)] = match.start() + 1
    return found


def check_text(text: str, settings: Settings = Settings()) -> list[Finding]:
    """Every finding in one Markdown file, in line order, after suppressions."""
    doc = Document(text, settings)
    raw = [finding for r in RULES.values() for finding in r.check(doc)]
    silenced = suppressions(doc)
    used = {(f.line, f.rule_id) for f in raw if (f.line, f.rule_id) in silenced}
    findings = [f for f in raw if (f.line, f.rule_id) not in silenced]
    findings += [
        Finding(line, col, UNUSED_SUPPRESSION,
                f"`kb-ignore {rule_id}` silences nothing on this line; remove the comment")
        for (line, rule_id), col in silenced.items() if (line, rule_id) not in used
    ]
    return sorted(set(findings))


def fix_text(text: str, settings: Settings = Settings()) -> str:
    """The text with every automatic fix applied; unchanged when nothing is fixable."""
    for r in RULES.values():
        if r.fix is not None:
            text = r.fix(Document(text, settings))
    return text
