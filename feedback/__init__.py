"""The "Was this article helpful?" collector: service, storage and the writers' report.

`python -m feedback serve` runs the service, `python -m feedback report` writes the writers' dashboard,
`python -m feedback beside CMD...` runs the service for as long as CMD runs (`make serve`).
"""

try:  # ProperDocs' environment has no `mkdocs` package; its replacement module answers for it.
    import mkdocs  # noqa: F401
except ModuleNotFoundError:
    import properdocs.replacement  # noqa: F401
