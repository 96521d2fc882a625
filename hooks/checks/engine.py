"""Run every rule over a document, honour suppression comments, apply fixes."""

from __future__ import annotations

from hooks.checks.findings import ARTICLE, RULES, Finding
from hooks.checks.source import Document, Settings

# Importing the rule modules registers their rules.
from hooks.checks.rules import (  # noqa: F401  (registers rules)
    callouts, files, front_matter, html, nav, nesting, phones, review, search_synonyms, sections, settings, site,
    static_files, steps, strings, templates, unmodelled)
from hooks.checks.rules.suppressions import unused_suppressions

# Where the writers' guide wants the table of rules; the build puts the table there.
RULES_TABLE_MARKER = "<!-- kb-rules-table -->"


def article_rules():
    """The rules that read one article's parsed text, in the order they were registered."""
    return [r for r in RULES.values() if r.reads == ARTICLE]


def check_text(text: str, settings: Settings = Settings()) -> list[Finding]:
    """Every finding in one Markdown file, in line order, after suppressions."""
    return check_document(Document(text, settings))


def check_document(doc: Document) -> list[Finding]:
    """Every finding in one parsed file, in line order, after suppressions."""
    raw = [finding for r in article_rules() for finding in r.check(doc)]
    silenced = doc.suppressions
    findings = [f for f in raw if (f.line, f.rule_id) not in silenced] + unused_suppressions(raw, silenced)
    return sorted(set(findings))


def fix_text(text: str, settings: Settings = Settings()) -> str:
    """The text with every automatic fix applied; unchanged when nothing is fixable."""
    for r in article_rules():
        if r.fix is not None:
            text = r.fix(Document(text, settings))
    return text


def guide_anchor(rule_id: str) -> str:
    """The anchor of the rule's section in the writers' guide (its heading is `ID name`)."""
    known = RULES.get(rule_id)
    return f"{rule_id}-{known.name}".lower() if known else rule_id.lower()


def rules_table() -> str:
    """The Markdown table of every registered rule, linked to its section in the writers' guide, with
    the module that holds its logic and the test file that exercises it."""
    rows = ["| ID | name | what it checks | `--fix` | module | tests |", "| --- | --- | --- | --- | --- | --- |"]
    for rule_id in sorted(RULES):
        r = RULES[rule_id]
        rows.append(f"| [{r.id}](#{guide_anchor(r.id)}) | {r.name} | {r.description.replace('|', chr(92) + '|')} | "
                    f"{'yes' if r.fix else 'no'} | `{r.module}` | `{r.tests}` |")
    return "\n".join(rows)
