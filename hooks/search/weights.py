"""What customers quote, weighted for search at build time (Pagefind's `data-pagefind-weight`).

Customers paste the words they see: an error message (written in a code span), the label of a
button or setting (written in bold) and the title of a callout ("Mail keeps asking for your
password?"). Pagefind counts a word by the weight of the element it is in (1 for body text, up
to 7 for the `h1`); these elements count as a minor heading's words, so an article that quotes
the customer's words ranks above one that only shares them in passing. The article's title (its
`h1`) counts less than Pagefind's 7: a title that shares one of the words no longer outranks an
article that explains them all through its text. Writers write nothing for it. The weight is the best of those tried on the relevance benchmark (bench/results/).
"""

from __future__ import annotations

import re

# Element (as the renderer writes it) -> weight; heavier ones let bold steps outrank the title.
QUOTED = {"strong": 3.0, "code": 3.0}
CALLOUT_TITLE = 3.0
_OPENING = re.compile(r"<(strong|code)>")
_CALLOUT_TITLE = re.compile(r'<p class="admonition-title">')
TITLE = 4.0  # the article's h1
_TITLE = re.compile(r"<h1(?=[\s>])")


def weighted(html: str) -> str:
    """The article's HTML with its h1, each bare `<strong>`, `<code>` and callout title weighted."""
    html = _OPENING.sub(lambda m: f'<{m.group(1)} data-pagefind-weight="{QUOTED[m.group(1)]:g}">', html)
    html = _TITLE.sub(f'<h1 data-pagefind-weight="{TITLE:g}"', html)
    return _CALLOUT_TITLE.sub(f'<p class="admonition-title" data-pagefind-weight="{CALLOUT_TITLE:g}">', html)
