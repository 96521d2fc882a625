"""What a page read in an earlier preview build still tells the templates in a `--dirty` rebuild.

`make serve` runs `mkdocs serve --dirty`: after a save, MkDocs reads and renders only the
changed files. Every other page is still in the navigation, but unread, so its title is None
and its front matter empty; the rebuilt page would show "None" for them in the breadcrumbs,
the sidebar and the previous/next links, and lose their descriptions in a category's list.
The preview keeps what each page had when it was last read and gives it back to unread pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seen:
    """What the templates read of a page that another page's rebuild does not read again."""

    title: str | None
    meta: dict


def carry_over(pages, seen: dict[str, Seen]) -> int:
    """Note each page read in this build in `seen`; give each unread one what it had. Returns how many were given."""
    given = 0
    for page in pages:
        key = page.file.src_uri
        if page.markdown is not None:
            seen[key] = Seen(page.title, page.meta)
        elif key in seen:
            page.title, page.meta = seen[key].title, seen[key].meta
            given += 1
    return given
