"""Owners and review dates of articles: when each is due for review, and which are overdue (KB419, `python -m hooks stale`)."""
