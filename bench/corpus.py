"""A generated help center for benchmarks and scale tests: realistic, uneven, deterministic.

Copies of our 16 articles make a flattering benchmark: they are short, their words are rare,
and every category is the same size. This corpus looks like a real hosting help center:

- categories as uneven as real ones (at 3,000 articles: 400 articles in the largest, 10 in
  the smallest);
- titles that share most of their words ("Fix ... in Outlook", "Set up ... on Android");
- 2 to 4 procedures of 4 to 12 steps, with nested bullets and code under steps, "Important"
  callouts, `{{ phone.KEY }}` placeholders, and links between articles;
- one quoted error message per article, unique in the corpus but built from words that many
  articles share, so a pasted error message tests ranking, not a rare word.

Two shapes. "flat": category -> article (`docs/dns/<article>.md`). "nested", as Zendesk Guide
nests: category -> section -> article (`docs/dns/a-record/<article>.md`), each section with its
own index page; three quarters of the largest category in one section (300 articles at
3,000), and the DNS sections one level deeper (`docs/dns/a-record/part-1/<article>.md`).

The same seed and size give the same bytes. Every article passes the writers' checks and the
strict build.

With `--languages es ar`, every page is also written under `docs/es/` and `docs/ar/` at the same
path, in invented words of that language (bench/corpus_translations.py), as its translation.

    python bench/corpus.py DEST_DOCS --articles 1000 [--seed 2026] [--shape nested] [--languages es ar]
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

try:
    from bench.corpus_translations import VOICES, translate_page
except ModuleNotFoundError:  # run as a script: bench/ is on the path, the project is not
    from corpus_translations import VOICES, translate_page

SEED = 2026
SHAPES = ("flat", "nested")
# The nested shape: the share of the largest category that one section holds, the most
# sections a category is cut into (named after its subjects), and the category whose sections
# are cut once more, into parts of at most DEEPER_PART articles.
BIG_SECTION_SHARE = 0.75
DEEPER_CATEGORY = "dns"
DEEPER_PART = 20

# (folder, title, share of the articles). The shares add up to 3,000 so that a
# 3,000-article corpus has categories of exactly these sizes.
CATEGORIES = (
    ("email-apps", "Email apps", 400),
    ("email-delivery", "Email delivery", 400),
    ("wordpress", "WordPress", 350),
    ("domains", "Domains", 350),
    ("dns", "DNS records", 300),
    ("websites", "Websites", 300),
    ("ssl", "SSL certificates", 250),
    ("databases", "Databases", 250),
    ("file-transfer", "File transfer", 200),
    ("billing", "Billing", 100),
    ("account-security", "Account security", 60),
    ("backups", "Backups", 30),
    ("migrations", "Moving to us", 10),
)

CLIENTS = ("Outlook", "Apple Mail", "Thunderbird", "Gmail app", "iPhone Mail", "Android Mail",
           "Windows Mail", "eM Client", "Samsung Email", "Spark", "webmail", "FileZilla",
           "Cyberduck", "WinSCP", "WordPress", "phpMyAdmin", "Chrome", "Firefox", "Safari", "Edge")
ACTIONS = ("Fix", "Set up", "Troubleshoot", "Change", "Check", "Reset", "Update", "Repair",
           "Turn on", "Turn off", "Find", "Move")
SUBJECTS = {
    "email-apps": ("IMAP settings", "POP3 settings", "outgoing mail server", "mailbox password",
                   "email signature", "SSL settings for email", "sync problems", "folder subscriptions"),
    "email-delivery": ("bounced messages", "spam filtering", "SPF record", "DKIM signing",
                       "DMARC policy", "mail forwarding", "autoresponder", "blocked sender"),
    "wordpress": ("plugin conflicts", "white screen", "admin login", "permalinks", "PHP memory limit",
                  "theme update", "site URL", "maintenance mode"),
    "domains": ("domain renewal", "domain transfer", "nameservers", "WHOIS privacy",
                "domain lock", "parked domain", "subdomain", "domain redirect"),
    "dns": ("A record", "CNAME record", "MX records", "TXT record", "DNS propagation",
            "TTL values", "AAAA record", "CAA record"),
    "websites": ("404 errors", "500 errors", "htaccess rules", "site speed", "PHP version",
                 "index page", "file permissions", "error logs"),
    "ssl": ("SSL certificate", "HTTPS redirect", "mixed content", "certificate renewal",
            "certificate chain", "wildcard certificate", "HSTS", "certificate warning"),
    "databases": ("database connection", "MySQL user", "database import", "database export",
                  "table repair", "database size", "remote MySQL", "character set"),
    "file-transfer": ("SFTP connection", "FTP account", "file upload", "SSH keys",
                      "passive mode", "transfer timeout", "file ownership", "disk quota"),
    "billing": ("invoice", "payment method", "auto-renewal", "refund", "plan upgrade",
                "tax details", "failed payment", "billing contact"),
    "account-security": ("two-factor sign-in", "account password", "login alerts",
                         "recovery email", "API tokens", "session timeout", "account lockout", "audit log"),
    "backups": ("daily backups", "backup restore", "backup download", "backup schedule",
                "file restore", "database restore", "backup storage", "backup retention"),
    "migrations": ("website move", "email move", "DNS cut-over", "mailbox import",
                   "database move", "domain move", "staging copy", "launch checklist"),
}
TAGS = ("Email", "IMAP", "SMTP", "DNS", "SSL", "WordPress", "Billing", "Security", "FTP",
        "MySQL", "Domains", "Backups", "Passwords", "Errors", "Mobile", "Desktop")

_CONNECT = "Cannot connect to the {proto} server {host} on port {port}"
_PASSWORD = "The {proto} server {host} rejected the password for {user}@{domain}"
_IDENTITY = "{client} could not verify the identity of {host}"
_TIMEOUT = "Connection timed out after {seconds} seconds while contacting {host}"
_DB = "Error establishing a database connection to {dbhost} as {dbuser}"
_LOCKED = "Too many failed sign-in attempts for {user}@{domain}: try again later"
# The error messages each category's articles quote; related categories share some.
ERROR_TEMPLATES = {
    "email-apps": (_CONNECT, _PASSWORD, _IDENTITY,
                   "{client} cannot send messages: the SMTP server {host} requires authentication"),
    "email-delivery": ("550 5.1.1 <{user}@{domain}>: Recipient address rejected: User unknown",
                       "554 5.7.1 Message rejected because {domain} is listed on a block list",
                       "The mailbox {user}@{domain} is full and cannot receive messages",
                       "421 4.7.0 {host} Too many connections from your address, closing transmission channel"),
    "wordpress": (_DB, "Fatal error: Allowed memory size of {memory} bytes exhausted on {domain}",
                  "Mixed content: the page at https://{domain}/ loaded an insecure script"),
    "domains": ("The transfer of {domain} was rejected: the authorization code is not valid",
                "DNS_PROBE_FINISHED_NXDOMAIN: {domain} could not be found"),
    "dns": ("DNS_PROBE_FINISHED_NXDOMAIN: {domain} could not be found", _TIMEOUT),
    "websites": ("Fatal error: Allowed memory size of {memory} bytes exhausted on {domain}", _TIMEOUT,
                 "Forbidden: you don't have permission to access https://{domain}/ on this server"),
    "ssl": ("NET::ERR_CERT_{cert} for https://{domain}/",
            "Mixed content: the page at https://{domain}/ loaded an insecure script", _IDENTITY),
    "databases": (_DB, "Access denied for user '{dbuser}'@'{dbhost}' (using password: YES)"),
    "file-transfer": ("Permission denied (publickey) for {user}@{host}", _CONNECT, _TIMEOUT),
    "billing": ("Your payment for invoice {invoice} was declined by the card issuer",),
    "account-security": (_LOCKED, _PASSWORD),
    "backups": ("Restore of backup {backup} failed: not enough free space on {host}", _TIMEOUT),
    "migrations": (_CONNECT, _DB, "DNS_PROBE_FINISHED_NXDOMAIN: {domain} could not be found"),
}
PROTOCOLS = ("IMAP", "POP3", "SMTP", "SFTP", "FTP")
PORTS = ("993", "995", "465", "587", "22", "21", "143", "110")
CERTS = ("DATE_INVALID", "AUTHORITY_INVALID", "COMMON_NAME_INVALID", "REVOKED")
WORDS = ("blue", "fern", "harbor", "maple", "river", "stone", "cedar", "lumen", "north", "pixel",
         "quartz", "sage", "tidal", "willow", "amber", "birch", "comet", "delta", "ember", "frost")
USERS = ("info", "sales", "office", "anna", "ben", "carla", "dev", "jobs", "hello", "orders")

STEP_VERBS = ("Open", "Select", "Click", "Type", "Check", "Choose", "Scroll to", "Tap",
              "Copy", "Paste", "Enter", "Clear", "Confirm", "Wait for", "Close")
STEP_OBJECTS = ("the account settings", "**Server settings**", "the **Advanced** tab",
                "your full email address", "the port number", "**Save**", "the control panel",
                "the **DNS Zone Editor**", "the list of records", "the security setting",
                "**Use SSL/TLS**", "the confirmation message", "the error log", "the **Files** section",
                "the plugin list", "the certificate details", "your mailbox password", "the new value")
STEP_ENDINGS = ("", " and wait a moment.", " again.", " on the next screen.", " if it is shown.",
                " near the top of the page.", " at the bottom of the list.")
CODE_SAMPLES = (
    ("text", "Incoming server: mail.{domain}\nPort: {port}\nSecurity: SSL/TLS"),
    ("shell", "dig +short MX {domain}"),
    ("shell", "nslookup -type=TXT {domain}"),
    ("apache", "RewriteEngine On\nRewriteCond %{{HTTPS}} off\nRewriteRule ^ https://%{{HTTP_HOST}}%{{REQUEST_URI}} [R=301,L]"),
    ("php", "define( 'WP_MEMORY_LIMIT', '256M' );"),
    ("shell", "sftp {user}@{domain}"),
    ("text", "v=spf1 include:mail.{domain} ~all"),
)


@dataclass(frozen=True)
class Article:
    """One generated article and what a test or benchmark needs to know about it."""

    path: str  # relative to the docs folder, e.g. "dns/change-a-record-in-outlook-17.md"
    category: str  # the top folder
    title: str
    error: str  # quoted word for word in the article

    @property
    def url(self) -> str:
        """The article's URL path with MkDocs' directory URLs."""
        return self.path.removesuffix(".md") + "/"


@dataclass
class Corpus:
    """The articles written, in the order of their categories and then their files."""

    articles: list[Article] = field(default_factory=list)

    def in_category(self, folder: str) -> list[Article]:
        """The articles of one category, in file order."""
        return [a for a in self.articles if a.category == folder]


def category_sizes(articles: int) -> dict[str, int]:
    """How many articles each category gets: the shares scaled to `articles`, at least 1 each."""
    total = sum(share for _, _, share in CATEGORIES)
    sizes = {folder: max(1, share * articles // total) for folder, _, share in CATEGORIES}
    # Hand the rounding remainder to the largest categories, so the sizes add up exactly.
    for folder, _, _ in CATEGORIES[: max(0, articles - sum(sizes.values()))]:
        sizes[folder] += 1
    return sizes


def section_folders(folder: str, size: int) -> list[str]:
    """The nested shape's folder of each of a category's `size` articles, in order.

    The largest category keeps BIG_SECTION_SHARE of its articles in its first section; the
    others are cut into at most as many sections as the category has subjects.
    """
    subjects = SUBJECTS[folder]
    big = round(size * BIG_SECTION_SHARE) if folder == CATEGORIES[0][0] else 0
    rest = size - big
    count = min(len(subjects) - (1 if big else 0), max(1, math.ceil(rest / 40)))
    per_section = max(1, math.ceil(rest / count))
    names = [slugify(subject) for subject in subjects]
    folders = [f"{folder}/{names[0]}"] * big
    folders += [f"{folder}/{names[(1 if big else 0) + i // per_section]}" for i in range(rest)]
    if folder == DEEPER_CATEGORY:
        counted: dict[str, int] = {}
        for i, section in enumerate(folders):
            counted[section] = counted.get(section, 0) + 1
            folders[i] = f"{section}/part-{(counted[section] - 1) // DEEPER_PART + 1}"
    return folders


def slugify(title: str) -> str:
    """A file name from a title: lower case, letters and digits joined by hyphens."""
    word = "".join(c if c.isalnum() else " " for c in title.lower())
    return "-".join(word.split())


class _Writer:
    """Draws every choice from one seeded generator, so the output depends only on the seed."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.errors: set[str] = set()

    def pick(self, options):
        return options[self.rng.randrange(len(options))]

    def domain(self) -> str:
        return f"{self.pick(WORDS)}{self.pick(WORDS)}.example"

    def error(self, category: str) -> str:
        """An error message of the category's kind that no other article quotes."""
        while True:
            message = self.pick(ERROR_TEMPLATES[category]).format(
                proto=self.pick(PROTOCOLS), host=f"mail.{self.domain()}", port=self.pick(PORTS),
                user=self.pick(USERS), domain=self.domain(), client=self.pick(CLIENTS),
                cert=self.pick(CERTS), dbhost=f"db{self.rng.randrange(1, 40)}.{self.domain()}",
                dbuser=f"wp_{self.pick(WORDS)}", invoice=f"INV-{self.rng.randrange(10000, 99999)}",
                backup=f"{self.pick(WORDS)}-{self.rng.randrange(1, 28):02d}",
                seconds=self.pick(("30", "60", "90", "120")),
                memory=self.pick(("134217728", "268435456", "67108864")))
            if message not in self.errors:
                self.errors.add(message)
                return message

    def step(self) -> str:
        return f"{self.pick(STEP_VERBS)} {self.pick(STEP_OBJECTS)}{self.pick(STEP_ENDINGS) or '.'}"

    def under_step(self) -> list[str]:
        """What may sit under a step, indented four spaces: bullets, code, a callout, or nothing."""
        kind = self.rng.random()
        if kind < 0.15:
            return ["", *(f"    - {self.step()}" for _ in range(self.rng.randint(2, 4))), ""]
        if kind < 0.25:
            language, sample = self.pick(CODE_SAMPLES)
            code = sample.format(domain=self.domain(), port=self.pick(PORTS), user=self.pick(USERS))
            return ["", f"    ```{language}", *(f"    {line}" for line in code.splitlines()), "    ```", ""]
        if kind < 0.30:
            return ["", "    !!! important", f"        {self.step()} Nothing else changes until you do.", ""]
        return []

    def procedure(self, heading: str) -> list[str]:
        lines = [f"## {heading}", "", f"Follow these steps in {self.pick(CLIENTS)} or in the control panel.", ""]
        for number in range(1, self.rng.randint(4, 12) + 1):
            lines.append(f"{number}. {self.step()}")
            lines.extend(self.under_step())
        if lines[-1] != "":
            lines.append("")
        return lines

    def article(self, title: str, error: str, tags: list[str], links: list[tuple[str, str]]) -> str:
        client = self.pick(CLIENTS)
        lines = ["---", f"title: {title}",
                 f"description: What to do when {client} shows an error, explained step by step.",
                 "tags:", *(f"  - {tag}" for tag in tags), "---", "", f"# {title}", "",
                 f'If {client} shows "{error}", one of the procedures below fixes it. '
                 "Work through them in order and test after each one.", ""]
        headings = ["Check the settings", "Try again with a new password", "Clear the saved data",
                    "Check the server status", "Ask your administrator"]
        for heading in headings[: self.rng.randint(2, 4)]:
            lines += self.procedure(heading)
            if self.rng.random() < 0.3:
                lines += ["!!! important", f"    {self.step()} Otherwise the change is lost.", ""]
        related = ", ".join(f"[{text}]({target})" for text, target in links)
        lines += ["## Related articles", "", f"You may also need {related}.", "",
                  "## Still stuck?", "",
                  "Call {{ phone.us }} in the US or {{ phone.international }} from elsewhere, "
                  "and quote the error message.", ""]
        return "\n".join(lines)


def plan(articles: int, seed: int = SEED, shape: str = "flat") -> tuple[Corpus, _Writer]:
    """Decide every article's title, file and error message (the text comes later)."""
    writer = _Writer(seed)
    corpus = Corpus()
    used: set[str] = set()
    for folder, _, _ in CATEGORIES:
        size = category_sizes(articles)[folder]
        folders = section_folders(folder, size) if shape == "nested" else [folder] * size
        for place in folders:
            title = f"{writer.pick(ACTIONS)} {writer.pick(SUBJECTS[folder])} in {writer.pick(CLIENTS)}"
            slug, n = slugify(title), 2
            while f"{place}/{slug}" in used:
                slug, n = f"{slugify(title)}-{n}", n + 1
            used.add(f"{place}/{slug}")
            corpus.articles.append(Article(f"{place}/{slug}.md", folder, title, writer.error(folder)))
    return corpus, writer


def index_page(title: str, about: str) -> str:
    """A category's or a section's index page: its articles are listed by overrides/category.html."""
    return (f"---\ntitle: {title}\ndescription: Help with {about} on your hosting account.\n"
            f"template: category.html\n---\n\nArticles about {about}.\n")


def section_title(folder: str) -> str:
    """A section's title from its folder: its subject ("a-record" -> "A record"), or its part."""
    name = folder.rpartition("/")[2]
    if name.startswith("part-"):
        return f"{section_title(folder.rpartition('/')[0])}, part {name.removeprefix('part-')}"
    subject = next(s for s in SUBJECTS[folder.split("/")[0]] if slugify(s) == name)
    return subject[0].upper() + subject[1:]


def write_corpus(docs: Path, articles: int, seed: int = SEED, shape: str = "flat",
                 languages: tuple[str, ...] = ()) -> Corpus:
    """Write `articles` articles in `shape` and one index page per category and section under
    `docs`; return what was written. `languages` (codes of bench/corpus_translations.py's VOICES):
    every page is also written translated under `docs/<code>/` at the same path, so the site
    pairs each with its original. The English pages are the same bytes with or without them."""
    corpus, writer = plan(articles, seed, shape)
    pages = {f"{folder}/index.md": index_page(name, name.lower()) for folder, name, _ in CATEGORIES}
    sections = sorted({a.path.rpartition("/")[0] for a in corpus.articles} - {f for f, _, _ in CATEGORIES})
    for section in sorted({parent for s in sections for parent in ancestors(s)} | set(sections)):
        title = section_title(section)
        pages[f"{section}/index.md"] = index_page(title, title.lower())
    for article in corpus.articles:
        others = [writer.pick(corpus.articles) for _ in range(writer.rng.randint(1, 3))]
        up = "../" * article.path.count("/")
        links = [(other.title, f"{up}{other.path}") for other in others if other is not article]
        links = links or [("the category page", "index.md")]
        tags = writer.rng.sample(TAGS, writer.rng.randint(2, 3))
        pages[article.path] = writer.article(article.title, article.error, tags, links)
    for path, text in pages.items():
        for folder, page in ((docs, text), *((docs / code, translate_page(text, code)) for code in languages)):
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(page, encoding="utf-8")
    return corpus


def ancestors(folder: str) -> list[str]:
    """The folders between a section and its category ("dns/a/part-1" -> ["dns/a"])."""
    parts = folder.split("/")
    return ["/".join(parts[:n]) for n in range(2, len(parts))]


def main() -> None:
    """Write a corpus from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path, help="the folder to write into (e.g. a copy's docs/)")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--shape", choices=SHAPES, default="flat")
    parser.add_argument("--languages", nargs="*", choices=sorted(VOICES), default=[], metavar="CODE",
                        help="also write every page translated under DEST_DOCS/CODE/ (es, ar)")
    args = parser.parse_args()
    corpus = write_corpus(args.docs, args.articles, args.seed, args.shape, tuple(args.languages))
    also = f", and translated into {', '.join(args.languages)}" if args.languages else ""
    print(f"wrote {len(corpus.articles)} {args.shape} articles in {len(CATEGORIES)} categories to {args.docs}{also}")


if __name__ == "__main__":
    main()
