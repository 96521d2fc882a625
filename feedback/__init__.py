"""The "Was this article helpful?" collector: service, storage and the writers' report.

`python -m feedback serve` runs the service, `python -m feedback report` writes the report,
`python -m feedback beside CMD...` runs the service for as long as CMD runs (`make serve`).
"""
