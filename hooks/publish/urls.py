"""The list of published URLs: every URL that ever went live must keep answering.

`published-urls.txt` (committed) lists each page URL of the live site. A build is compared
with it: a listed URL that the build no longer has fails, with the redirect that would keep
it. A new URL is not an error: adding an article stays adding one file, and the deploy
workflow adds the URLs it has just published (`make urls`) in a commit of its own.
Redirect pages (mkdocs-redirects) are HTML files too, so a moved article's old URL counts as
kept once its redirect is in mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

LIST_HEADER = """\
# Every page URL the site publishes; CI fails when one disappears without a redirect.
# Update with `make urls` after adding, moving or removing an article (see guides/operators.md).
"""


def built_urls(site: Path) -> set[str]:
    """The URL of every HTML page in a built site, as a reader types it (`/email-setup/outlook/`)."""
    urls = set()
    for page in site.rglob("*.html"):
        path = page.relative_to(site).as_posix()
        urls.add("/" + (path.removesuffix("index.html") if page.name == "index.html" else path))
    return urls


def parse_list(text: str) -> list[str]:
    """The URLs of a published-URL list: one per line; blank lines and `#` comments ignored."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def render_list(urls: set[str]) -> str:
    """The text of a published-URL list, sorted so that a change shows as a small diff."""
    return LIST_HEADER + "".join(f"{url}\n" for url in sorted(urls))


def source_of(url: str) -> str:
    """The Markdown path that a page at `url` is built from, as redirect_maps names it."""
    path = url.strip("/")
    if not path:
        return "index.md"
    if path.endswith(".html"):
        return path.removesuffix(".html") + ".md"
    return f"{path}.md"


def url_problems(listed: list[str], built: set[str], list_name: str) -> list[str]:
    """One line per listed URL that this build no longer has, naming the redirect that keeps it."""
    return [
        f"{list_name}: {url} is published but this build has no page there. If the article moved, "
        f"keep the URL with a redirect in mkdocs.yml, under plugins > redirects > redirect_maps: "
        f"'{source_of(url)}': 'NEW/PATH.md'. If it is gone for good, delete its line from {list_name}."
        for url in sorted(set(listed) - built)
    ]


def updated_list(listed: list[str], built: set[str]) -> set[str]:
    """The list with the build's new URLs added; a missing URL stays listed until a redirect or a person removes it."""
    return set(listed) | built
