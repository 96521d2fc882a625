"""Python-Markdown's sane_lists extension: a numbered and a bulleted list never join, and each
takes only its own markers."""

from __future__ import annotations

import re

from hooks.checks.blocks.olist import OListProcessor, UListProcessor

OL_CHILD_RE = re.compile(r"^[ ]{0,3}((\d+\.))[ ]+(.*)")
UL_CHILD_RE = re.compile(r"^[ ]{0,3}(([*+-]))[ ]+(.*)")


class SaneOListProcessor(OListProcessor):
    """`SaneOListProcessor`: only `1.` markers make its items."""

    child_re = OL_CHILD_RE
    siblings = ("ol",)


class SaneUListProcessor(UListProcessor):
    """`SaneUListProcessor`: only `-`, `*` and `+` markers make its items."""

    child_re = UL_CHILD_RE
    siblings = ("ul",)
