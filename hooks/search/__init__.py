"""Site search: the Pagefind index of the built articles (see pagefind_index.py)."""
