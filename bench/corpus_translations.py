"""The benchmark corpus in other languages: each generated page "translated" word for word into
made-up Spanish-like or Arabic-like words, for bench/corpus.py's `languages` option.

It is benchmark data, not a translation: each English word becomes one invented word, the same
every time (so a title reads the same in the navigation and in a link), built from syllables of
that language (Latin letters and accents for Spanish, Arabic letters for Arabic) and as many
bytes long in UTF-8 as the English word (an Arabic letter takes two bytes, so a word of an odd
number of bytes is one byte longer or shorter, as often one as the other). A translated page
therefore carries the English page's text weight, and a page heavier than its original is heavier
by the site's doing (its templates, strings and navigation), which is what bench/scale.py compares.
Real Spanish runs longer than English; that is the writers', not the site's. What a real
translation keeps stays as written: brand and product names (Outlook, WordPress, IMAP), code,
`{{ phone.KEY }}` placeholders, link targets, the quoted error message (the software shows it in
English), Markdown's own syntax and the front matter's keys and tags. So a translated page has
the English page's structure, links and steps, in words of its own language, and passes the same
checks and strict build.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    """How one language's invented words are made: its syllables, and a letter of one byte in UTF-8
    that makes up a word's length ("" when the script has none)."""

    syllables: tuple[str, ...]
    one_byte: str


VOICES = {
    "es": Voice(("la", "de", "ción", "men", "te", "par", "es", "que", "do", "ña", "to", "ri", "ver", "al",
                 "no", "se", "ble", "ra", "co", "sí", "gu", "é", "ar", "on", "pa", "ti", "lo", "ma", "ue"), "a"),
    "ar": Voice(("ال", "م", "ت", "ب", "ر", "س", "ن", "ي", "و", "ل", "ك", "ع", "ف", "ق", "د", "ح", "ه",
                 "ا", "ة", "ش", "ج", "خ", "ص", "ط", "إ", "أ"), ""),
}
# Names a translation keeps: the words of the apps and products the corpus names (bench/corpus.py's
# CLIENTS) that read like ordinary words. Any word with a capital after its first letter (iPhone,
# IMAP, WordPress) or a digit (POP3) is kept too.
BRANDS = frozenset({"Outlook", "Apple", "Mail", "Thunderbird", "Gmail", "Windows", "Samsung", "Email",
                    "Spark", "Cyberduck", "Chrome", "Firefox", "Safari", "Edge", "Client"})
# What stays as written within a line: code spans, placeholders, link targets, quoted text, addresses.
KEPT_RE = re.compile(r"`[^`]*`|\{\{.*?\}\}|\]\([^)]*\)|\"[^\"]*\"|https?://\S+")
WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*")
# Front matter lines whose value is prose; every other front matter line is a key or a tag, kept.
PROSE_KEYS = ("title: ", "description: ")
FENCE_RE = re.compile(r"^\s*```")
ADMONITION_RE = re.compile(r"^\s*!!! \w+\s*$")


def invented(word: str, language: str) -> str:
    """The one word `word` becomes in `language`, as many UTF-8 bytes long: seeded by both, so the
    same every run and every time."""
    voice = VOICES[language]
    rng = random.Random(f"{language}:{word.lower()}")
    target, made = len(word.encode()), ""
    while len(made.encode()) < target:
        made += rng.choice(voice.syllables)
    while made and len(made.encode()) > target:
        made = made[:-1]
    gap = target - len(made.encode())
    if gap and voice.one_byte:
        made += voice.one_byte * gap
    elif gap and (not made or rng.random() < 0.5):  # two-byte letters only: one byte over as often as under
        made += rng.choice(voice.syllables)[0]
    return made[0].upper() + made[1:] if word[0].isupper() else made


def kept(word: str) -> bool:
    """Whether a translation keeps `word` as written (a brand, an acronym, a product name)."""
    return word in BRANDS or any(c.isupper() or c.isdigit() for c in word[1:])


def translate_prose(text: str, language: str) -> str:
    """`text` with every word outside the kept spans (KEPT_RE) invented in `language`."""
    def words(part: str) -> str:
        return WORD_RE.sub(lambda m: m.group() if kept(m.group()) else invented(m.group(), language), part)

    out, start = [], 0
    for span in KEPT_RE.finditer(text):
        out += [words(text[start:span.start()]), span.group()]
        start = span.end()
    return "".join(out) + words(text[start:])


def translate_page(text: str, language: str) -> str:
    """A generated page (bench/corpus.py) in `language`: its front matter's title and description and
    its prose translated; its code, admonition markers, keys and tags as they are."""
    lines, out = text.split("\n"), []
    front = lines[0] == "---"
    code = False
    for number, line in enumerate(lines):
        if front and number and line == "---":
            front = False
        elif front:
            key = next((key for key in PROSE_KEYS if line.startswith(key)), None)
            line = key + translate_prose(line[len(key):], language) if key else line
        elif FENCE_RE.match(line):
            code = not code
        elif not code and not ADMONITION_RE.match(line):
            line = translate_prose(line, language)
        out.append(line)
    return "\n".join(out)
