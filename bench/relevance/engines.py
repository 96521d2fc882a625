"""The engines the relevance benchmark compares, and which of them each language is measured with."""

from __future__ import annotations

ENGINES = {"ours": "ours", "stock": "stock Pagefind", "material": "Material"}
# The engines each language is measured with (Material's search has no per-language index).
LANGUAGE_ENGINES = {"en": ("ours", "stock", "material"), "es": ("ours", "stock")}


def chosen_engines(language: str, requested: str | None) -> list[str]:
    """The engines to run for `language`: those `requested` (comma-separated), or all of the
    language's; ValueError when ours is left out or one is not measured in that language."""
    allowed = LANGUAGE_ENGINES[language]
    engines = requested.split(",") if requested else list(allowed)
    if "ours" not in engines or not set(engines) <= set(allowed):
        raise ValueError(f"--engines: ours, and any of the others; choose from {', '.join(allowed)} "
                         f"for --language {language}")
    return engines
