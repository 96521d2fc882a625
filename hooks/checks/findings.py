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


@dataclass(frozen=True)
class Rule:
    """A check with a stable ID, a readable name and a one-sentence description."""

    id: str
    name: str
    description: str
    check: Callable[["Document"], Iterable[Finding]] = field(repr=False)
    # Rewrites the text to clear this rule's findings, where that is safe to automate.
    fix: Callable[["Document"], str] | None = field(default=None, repr=False)


RULES: dict[str, Rule] = {}


def rule(rule_id: str, name: str, description: str, *, fix: Callable[["Document"], str] | None = None):
    """Register the decorated function as the check of a new rule."""

    def register(check: Callable[["Document"], Iterable[Finding]]):
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} is registered twice")
        RULES[rule_id] = Rule(rule_id, name, description, check, fix)
        return check

    return register


def _found_elsewhere(doc: "Document") -> Iterable[Finding]:
    """Nothing: the rule's findings come from a file's bytes and name, the site's settings or the whole site."""
    return ()


def site_rule(rule_id: str, name: str, description: str) -> None:
    """Register a rule that one article's text cannot decide, so the rules table lists it too."""
    rule(rule_id, name, description)(_found_elsewhere)
