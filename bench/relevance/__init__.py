"""The search relevance benchmark's parts: the competing corpus (corpus.py) and the judged
query set with its rules (judged.py, queries.yml). `python bench/relevance.py` runs it."""
