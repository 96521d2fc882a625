"""Run every rule over a document, honour suppression comments, apply fixes."""

from __future__ import annotations

from hooks.checks.findings import RULES, Finding, rule
from hooks.checks.source import Document, Settings

# Importing the rule modules registers their rules.
from hooks.checks.rules import (  # noqa: F401  (registers rules)
    callouts, files, front_matter, html, nav, nesting, phones, review, settings, site, steps, templates,
    unmodelled)

UNUSED_SUPPRESSION = "KB001"
# Where the writers' guide wants the table of rules; the build puts the table there.
RULES_TABLE_MARKER = "<!-- kb-rules-table -->"


@rule(UNUSED_SUPPRESSION, "unused-suppression",
      "A `kb-ignore` comment names a rule that finds nothing on its line; remove it.")
def _unused_suppression_is_reported_by_check_text(doc: Document):
    """Reported by `check_text`, which alone knows which suppressions were used."""
    return ()


def check_text(text: str, settings: Settings = Settings()) -> list[Finding]:
    """Every finding in one Markdown file, in line order, after suppressions."""
    return check_document(Document(text, settings))


def check_document(doc: Document) -> list[Finding]:
    """Every finding in one parsed file, in line order, after suppressions."""
    raw = [finding for r in RULES.values() for finding in r.check(doc)]
    silenced = doc.suppressions
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


def guide_anchor(rule_id: str) -> str:
    """The anchor of the rule's section in the writers' guide (its heading is `ID name`)."""
    known = RULES.get(rule_id)
    return f"{rule_id}-{known.name}".lower() if known else rule_id.lower()


def rules_table() -> str:
    """The Markdown table of every registered rule, linked to its section in the writers' guide."""
    rows = ["| ID | name | what it checks | `--fix` |", "| --- | --- | --- | --- |"]
    for rule_id in sorted(RULES):
        r = RULES[rule_id]
        rows.append(f"| [{r.id}](#{guide_anchor(r.id)}) | {r.name} | {r.description.replace('|', chr(92) + '|')} | "
                    f"{'yes' if r.fix else 'no'} |")
    return "\n".join(rows)
