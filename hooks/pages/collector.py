"""The collector's endpoints, all derived from one base address: `extra.collector` in mkdocs.yml.

`COLLECTOR/feedback` takes the widget's answers, `COLLECTOR/search` the search events,
`COLLECTOR/view` the page views and `COLLECTOR/contact` the contact page's steps; a new endpoint
derives the same way. A path (the default, `/api`) is on the site's own host; an
http(s) address is another host. Empty means there is no collector: the pages draw no widget
and send no search events (a GitHub Pages build without its repository variable).
"""

from __future__ import annotations

NO_COLLECTOR = ("extra.collector is empty (KB_COLLECTOR_URL not set): the pages draw no feedback widget "
                "and send no search events; see guides/operators.md, \"The collector's address\"")


def endpoint(collector: object, name: str) -> str:
    """`name`'s endpoint under the base address `collector`; empty when there is no collector."""
    base = str(collector or "").strip().rstrip("/")
    return f"{base}/{name}" if base else ""


ROUTES = ("feedback", "search", "view", "contact")


def derive_endpoints(extra) -> None:
    """Set `extra.feedback.endpoint`, `extra.search_events.endpoint` and `extra.routes` (every
    endpoint by name), which the templates read."""
    collector = extra.get("collector")
    extra["routes"] = {name: endpoint(collector, name) for name in ROUTES}
    extra["feedback"] = {**(extra.get("feedback") or {}), "endpoint": endpoint(collector, "feedback")}
    extra["search_events"] = {"endpoint": endpoint(collector, "search")}
