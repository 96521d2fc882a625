"""`python -m hooks new CATEGORY "Title"`: start an article with complete front matter and a skeleton.

The navigation is made from the folders, so writing the file into its category is what puts
the article in the navigation. The article starts as a draft (`draft: true`): `make serve`
shows it, `make build` leaves it out until the writer deletes that line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify


class NewArticleError(ValueError):
    """The article cannot be written; the message is one line for the writer."""


@dataclass(frozen=True)
class NewArticle:
    """Where the new article goes and what it says."""

    path: Path
    url: str
    text: str


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    try:
        plain = yaml.safe_load(f"key: {value}") == {"key": value}
    except yaml.YAMLError:
        plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def front_matter(title: str) -> str:
    """Title, a description and a tag for the writer to replace, and the draft mark."""
    return "\n".join([
        f"title: {yaml_text(title)}",
        "description: Replace with one sentence on what this article fixes; search engines show it.",
        "tags:",
        "  - Replace with a word customers search for",
        "draft: true",
    ])


def skeleton(title: str, phone_keys: tuple[str, ...]) -> str:
    """The article: heading, intro, one procedure of three steps, and the support paragraph."""
    phones = " or ".join(f"{{{{ phone.{key} }}}}" for key in phone_keys)
    support = (f"If these steps do not fix it, call {phones} and tell us what you see on the screen."
               if phones else "If these steps do not fix it, contact our support team and tell us what you see.")
    return "\n".join([
        "---", front_matter(title), "---", "",
        f"# {title}", "",
        "Say in one or two sentences what goes wrong and what this article fixes. "
        "Quote the error message word for word, as the customer sees it.", "",
        "## Fix it", "",
        "1. Write the first step as one instruction.",
        "2. Write the next step. Put details under a step, indented by four spaces.",
        "3. Say how the customer can tell that it worked.", "",
        "## Still not working?", "",
        support, "",
    ])


def plan_article(docs: Path, category: str, title: str, phone_keys: tuple[str, ...] = (),
                 translations: tuple[str, ...] = ()) -> NewArticle:
    """The new article for `title` in `category`, or NewArticleError when it cannot be written.
    `translations`: the folders of the other languages (`es`), which hold categories, not articles."""
    title = title.strip()
    if not title or not title.isprintable():
        raise NewArticleError('the title must be one line of printable text, e.g. "Set up your mailbox in Outlook"')
    folder = docs / category.strip("/")
    if (category.startswith((".", "/")) or ".." in Path(category).parts or not (folder / "index.md").is_file()
            or category.strip("/") in translations):
        choices = ", ".join(sorted(p.parent.name for p in docs.glob("*/index.md")
                                   if p.parent.name not in translations))
        raise NewArticleError(f"{folder}: not a category (a folder of {docs} with an index.md); "
                              f"choose one of: {choices}")
    slug = slugify(title, "-").strip("-")
    if not slug:
        raise NewArticleError(f'"{title}": the title needs letters or digits to make a URL from')
    url = f"{Path(category.strip('/')).as_posix()}/{slug}/"
    for existing in (folder / f"{slug}.md", folder / slug / "index.md", folder / slug / "README.md"):
        if existing.exists():
            raise NewArticleError(f"{existing}: the URL {url} already exists; choose another title")
    return NewArticle(folder / f"{slug}.md", url, skeleton(title, phone_keys))


def write_new(article: NewArticle) -> None:
    """Create the file; refuse to replace one that appeared meanwhile."""
    try:
        with open(article.path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(article.text)
    except FileExistsError:
        raise NewArticleError(f"{article.path}: the URL {article.url} already exists; choose another title") from None
