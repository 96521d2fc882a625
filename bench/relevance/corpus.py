"""The competing corpus: our real articles among about 1,000 generated ones that compete with them.

Most generated articles come from bench/corpus.py (titles that share most of their words, a
quoted error message each). The rest are written against our real articles
(competitors.yml): near-duplicate topics in the same folder, with the real article's rare
words in their text, so a query's words are never its answer's alone. Our Spanish articles
(docs/es/) get theirs too (competitors-es.yml, written in Spanish), so the Spanish index has
competition of its own. Same seed, same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.corpus import SEED, _Writer, slugify
from hooks.checks.rules.search_synonyms import SYNONYMS_FOLDER
from tests.corpussite import corpus_project
from tests.sitebuild import ROOT

GENERATED = 1000  # generated articles in all: bench/corpus.py's and the competitors
COMPETITORS = Path(__file__).with_name("competitors.yml")
SPANISH_COMPETITORS = Path(__file__).with_name("competitors-es.yml")
SENTENCES_EACH = 3  # of its family's sentences, in each competitor's introduction


@dataclass(frozen=True)
class Competitor:
    """One article written to compete with a real one."""

    path: str  # relative to docs/, in the real article's folder
    title: str
    error: str  # "" when it quotes none
    rival: str  # the real article it competes with


def real_categories() -> list[Path]:
    """Our real category folders (each has an index.md)."""
    return sorted(index.parent for index in (ROOT / "docs").glob("*/index.md"))


def file_name(title: str) -> str:
    """The title's file name, in ASCII: "Contraseñas guardadas" is contrasenas-guardadas."""
    return slugify(unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode())


def plan_competitors(families: list[dict], source: Path = COMPETITORS) -> list[Competitor]:
    """Each family's titles as articles in its rival's folder; the n-th title quotes the n-th error."""
    competitors, paths = [], set()
    for family in families:
        folder = family["rival"].rsplit("/", 1)[0]
        for number, title in enumerate(family["titles"]):
            path = f"{folder}/{file_name(title)}.md"
            if path in paths or (ROOT / "docs" / path).exists():
                raise ValueError(f"{source.name}: two articles would be written to {path}")
            paths.add(path)
            error = family["errors"][number] if number < len(family["errors"]) else ""
            competitors.append(Competitor(path, title, error, family["rival"]))
    return competitors


def competitor_text(competitor: Competitor, drawn: list[str], writer: _Writer) -> str:
    """The article: its error quoted in the introduction, its sentences, one or two procedures."""
    quoted = f'If you see "{competitor.error}", read on. ' if competitor.error else ""
    rival = os.path.relpath(competitor.rival, competitor.path.rsplit("/", 1)[0])
    lines = ["---", f"title: {json.dumps(competitor.title)}",
             f"description: {json.dumps('Help with this problem: ' + competitor.title.rstrip('?') + '.')}",
             "---", "", f"# {competitor.title}", "",
             quoted + " ".join(drawn[:2]), "", drawn[2], ""]
    for heading in ("Check the settings", "Ask your administrator")[: writer.rng.randint(1, 2)]:
        lines += writer.procedure(heading)
    lines += ["## Related articles", "", f"This is not the same problem as [the one in this guide]({rival}).", ""]
    return "\n".join(lines)


def spanish_text(competitor: Competitor, drawn: list[str], writer: _Writer, procedure: dict) -> str:
    """A Spanish competitor: its error quoted, its sentences, one or two procedures of
    competitors-es.yml's steps."""
    quoted = f"Si ve «{competitor.error}», siga leyendo. " if competitor.error else ""
    rival = os.path.relpath(competitor.rival, competitor.path.rsplit("/", 1)[0])
    lines = ["---", f"title: {json.dumps(competitor.title, ensure_ascii=False)}",
             "description: " + json.dumps("Ayuda con este problema: " + competitor.title.strip("¿?") + ".",
                                          ensure_ascii=False),
             "---", "", f"# {competitor.title}", "", quoted + " ".join(drawn[:2]), "", drawn[2], ""]
    for heading in procedure["headings"][: writer.rng.randint(1, 2)]:
        steps = writer.rng.sample(procedure["steps"], writer.rng.randint(3, 6))
        lines += [f"## {heading}", "", procedure["intro"], "",
                  *(f"{number}. {step}" for number, step in enumerate(steps, 1)), ""]
    lines += ["## Artículos relacionados", "", f"Este no es el mismo problema que el de [esta guía]({rival}).", ""]
    return "\n".join(lines)


def deal(families: list[dict], competitors: list[Competitor], writer: _Writer):
    """Each competitor with its SENTENCES_EACH sentences of its family, dealt in turn from a deck
    shuffled once per family (not drawn at random: every sentence reaches an article)."""
    for family in families:
        deck = writer.rng.sample(family["sentences"], len(family["sentences"]))
        rivals = [competitor for competitor in competitors if competitor.rival == family["rival"]]
        for number, competitor in enumerate(rivals):
            yield competitor, [deck[(number * SENTENCES_EACH + k) % len(deck)] for k in range(SENTENCES_EACH)]


def write_competitors(docs: Path, seed: int = SEED) -> list[Competitor]:
    """Write every competitor, English and Spanish, under `docs`; return them."""
    families = yaml.safe_load(COMPETITORS.read_text(encoding="utf-8"))
    writer = _Writer(seed)
    competitors = plan_competitors(families)
    for competitor, drawn in deal(families, competitors, writer):
        (docs / competitor.path).write_text(competitor_text(competitor, drawn, writer), encoding="utf-8")
    spanish = yaml.safe_load(SPANISH_COMPETITORS.read_text(encoding="utf-8"))
    planned = plan_competitors(spanish["families"], SPANISH_COMPETITORS)
    for competitor, drawn in deal(spanish["families"], planned, writer):
        text = spanish_text(competitor, drawn, writer, spanish["procedure"])
        (docs / competitor.path).write_text(text, encoding="utf-8")
    return competitors + planned


def competing_project(dest: Path) -> Path:
    """A copy of the project at `dest` whose docs/ hold our real articles, bench/corpus.py's
    articles and the competitors: GENERATED generated articles in all."""
    families = yaml.safe_load(COMPETITORS.read_text(encoding="utf-8"))
    project, _ = corpus_project(dest, GENERATED - sum(len(family["titles"]) for family in families),
                                keep_languages=True)
    for folder in real_categories():  # translations too; the navigation lists unknown folders after the others
        shutil.copytree(folder, project / "docs" / folder.name, dirs_exist_ok=True)
    for synonyms in (ROOT / SYNONYMS_FOLDER).glob("synonyms*.yml"):  # written for our articles
        shutil.copy2(synonyms, project / SYNONYMS_FOLDER / synonyms.name)
    write_competitors(project / "docs")
    return project
