"""The site's languages (`extra.languages`): which language a page is in, its translations, and the navigation of each language."""
