"""The site's languages (`extra.languages`): which language a page is in, its translations, the
navigation of each language, fallback pages for what a language lacks, and translations behind
their original."""
