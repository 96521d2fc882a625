"""Findings, rules and the registry of rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

if TYPE_CHECKING:
    from hooks.checks.source import Document


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place in a source file. Line and column count from 1."""

    line: int
    col: int
    rule_id: str
    message: str

    def format(self, path: str) -> str:
        """The compiler-style line a writer reads: `path:line:col: ID message`."""
        return f"{path}:{self.line}:{self.col}: {self.rule_id} {self.message}"


# What a rule reads. Only ARTICLE rules run on each parsed page (`check_document`); the others are
# called, by the writers' command and the build, with what they read: a file's bytes and name,
# mkdocs.yml, a .nav.yml, the whole site, the other rules' findings.
ARTICLE = "article"
FILE = "the file's bytes and name"
SITE_SETTINGS = "mkdocs.yml"
NAV_SETTINGS = "a .nav.yml"
SITE = "every file of docs/"
SYNONYMS = "the search synonyms file"
STRINGS = "our strings' catalogues (hooks/i18n/strings/)"
FINDINGS = "the other rules' findings"


@dataclass(frozen=True)
class Rule:
    """A check with a stable ID, a readable name and a one-sentence description."""

    id: str
    name: str
    description: str
    # The function that finds the rule's problems, in the rule's own module.
    check: Callable = field(repr=False)
    # Rewrites the text to clear this rule's findings, where that is safe to automate.
    fix: Callable[["Document"], str] | None = field(default=None, repr=False)
    reads: str = ARTICLE
    # The test file that exercises the rule, shown in the writers' guide's table of rules.
    tests: str = ""

    @property
    def module(self) -> str:
        """The source file that holds the rule's logic, e.g. hooks/checks/rules/steps.py."""
        return self.check.__module__.replace(".", "/") + ".py"


RULES: dict[str, Rule] = {}


def rule(rule_id: str, name: str, description: str, *, tests: str,
         fix: Callable[["Document"], str] | None = None, reads: str = ARTICLE):
    """Register the decorated function as the check of a new rule (stack several for a function that
    finds several rules)."""

    def register(check: Callable[..., Iterable[Finding]]):
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, name, description, check, fix, reads, tests)
        return check

    return register
