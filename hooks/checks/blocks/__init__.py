"""Split a page into blocks by Python-Markdown's own rules, keeping each block's source line.

Python-Markdown (the renderer behind MkDocs) keeps no source positions, and its rules
differ from CommonMark's: content belongs to a list item only when indented by 4 spaces,
a list needs a blank line before it, an admonition or fence at the margin ends a list.
This package replays the block stage of the site's configuration (admonition, details,
tabbed, superfences, pymdownx.quotes, tables, and when enabled sane_lists, footnotes,
def_list and abbr) on lines that remember where they came from, so a check can say what
the customer sees and where to fix it. `MODELLED` in `hooks.checks.extensions` names them.
Each processor has its own module, named after the upstream one it follows; `parser` runs
them in upstream's order and `upstream` lists upstream's processors against ours.
Inline Markdown is not parsed: no check here needs it.
"""

from hooks.checks.blocks.lines import joined, leading_spaces, starts_with_letters
from hooks.checks.blocks.nodes import TAB, Line, Node, Page, Syntax
from hooks.checks.blocks.parser import BlockParser, parse

__all__ = ["TAB", "BlockParser", "Line", "Node", "Page", "Syntax", "joined", "leading_spaces", "parse",
           "starts_with_letters"]
