"""KB001: a `<!-- kb-ignore ID -->` comment that silences nothing on its line.

Only the other rules' findings on the page tell which comments were used, so the engine asks
this rule after every article rule has run.
"""

from __future__ import annotations

from typing import Iterable

from hooks.checks.findings import FINDINGS, Finding, rule

UNUSED_SUPPRESSION = "KB001"


@rule(UNUSED_SUPPRESSION, "unused-suppression",
      "A `kb-ignore` comment names a rule that finds nothing on its line; remove it.",
      tests="tests/test_rules_suppressions.py", reads=FINDINGS)
def unused_suppressions(raw: Iterable[Finding], silenced: dict[tuple[int, str], int]) -> list[Finding]:
    """KB001 for each (line, rule ID) of `silenced` (the page's comments, with their columns) that
    none of the `raw` findings of the other rules falls on."""
    used = {(f.line, f.rule_id) for f in raw if (f.line, f.rule_id) in silenced}
    return [Finding(line, col, UNUSED_SUPPRESSION, f"`kb-ignore {rule_id}` silences nothing on this line; remove the comment")
            for (line, rule_id), col in silenced.items() if (line, rule_id) not in used]
