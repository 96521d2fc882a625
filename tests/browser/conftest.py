"""Browser fixtures: the real site served on 127.0.0.1, one Debian Chromium per session.

pytest-playwright provides `browser` (one per session), `context` and `page`;
the overrides below point it at Debian's Chromium and at our own server.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.sitebuild import build, copy_project
from tests.collector import Collector, running
from tests.ports import free_port
from tests.siteserver import serve_site

# The one browser setting: KB_CHROMIUM names a Chromium binary (`make test` sets Debian's
# /usr/bin/chromium); unset or empty, Playwright's own browser (`playwright install chromium`).
CHROMIUM = os.environ.get("KB_CHROMIUM") or None
# Without the background-networking flags Chromium keeps calling Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 3},
}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, browser_type):
    """The browser KB_CHROMIUM names, else Playwright's own (whose download fails on our machines)."""
    if not CHROMIUM and not os.path.exists(browser_type.executable_path):
        pytest.fail("no browser: set KB_CHROMIUM=/usr/bin/chromium (make test does), "
                    "or install Playwright's own with `python -m playwright install chromium`", pytrace=False)
    path = {"executable_path": CHROMIUM} if CHROMIUM else {}
    return {**browser_type_launch_args, **path, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(site, tmp_path_factory):
    """The real site, served from a thread of this process for the whole session, with a real
    collector behind its /api/ (mkdocs.yml's default collector address), as a reverse proxy
    puts it beside the published site, so a search's event has somewhere to go."""
    api: dict = {}
    with serve_site(site.site, api=api) as url:
        # Generous limits: every browser test searches from the same address.
        with running(tmp_path_factory.mktemp("collector") / "feedback.sqlite3", str(site.site / "sitemap.xml"),
                     [url.rstrip("/")], rate_limit="100000/60", search_cap="100000/3600") as collector:
            api["upstream"] = collector.url
            yield url


@pytest.fixture
def screen(request) -> str:
    """The screen a test runs on: desktop unless the test parametrizes it."""
    return getattr(request, "param", "desktop")


@pytest.fixture
def new_context(new_context, request):
    """Every browser context a test opens records its traffic; at the end the test fails on
    any call to another host or any console error. A companion test that provokes them on
    purpose, to show the recorder works, is marked `provokes_traffic` and asserts them itself."""
    recorders: list[Traffic] = []

    def open_recorded(**kwargs) -> BrowserContext:
        context = new_context(**kwargs)
        context.kb_traffic = Traffic(context)
        recorders.append(context.kb_traffic)
        return context

    yield open_recorded
    if request.node.get_closest_marker("provokes_traffic") is None:
        assert [r.foreign_requests for r in recorders if r.foreign_requests] == [], "a page called another host"
        assert [r.console_errors for r in recorders if r.console_errors] == [], "a page logged console errors"


@pytest.fixture
def scheme(request) -> str:
    """The colour scheme the reader's system prefers: light unless the test parametrizes it."""
    return getattr(request, "param", "light")


@pytest.fixture
def context(new_context, screen, scheme) -> BrowserContext:
    """A fresh browser context (own storage, no shared state) with the test's screen and scheme."""
    return new_context(**SCREENS[screen], color_scheme=scheme)


both_screens = pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
# Material follows the system's preference on a first visit: "dark" shows the slate scheme.
both_schemes = pytest.mark.parametrize("scheme", ["light", "dark"], indirect=True)
SHOWN_SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def open_search(page: Page, screen: str):
    """Open the header search the way a customer does, and return the query field.

    The dialog is Material's; the results come from our Pagefind index (search.js).
    """
    if screen == "phone":
        page.click("label.md-header__button[for=__search]")
    else:
        page.click("input.md-search__input")
    field = page.locator("input.md-search__input")
    field.wait_for(state="visible")
    return field


class Traffic:
    """What a page did that a customer would not want: calls to other hosts, console errors."""

    def __init__(self, context: BrowserContext):
        self.foreign_requests: list[str] = []
        self.console_errors: list[str] = []
        context.on("request", self._on_request)
        context.on("page", self.watch)
        for page in context.pages:
            self.watch(page)

    def _on_request(self, request):
        if urlsplit(request.url).hostname not in LOCAL_HOSTS and not request.url.startswith(("data:", "blob:")):
            self.foreign_requests.append(request.url)

    def watch(self, page: Page):
        """Record the console errors and uncaught exceptions of `page`."""
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))


@pytest.fixture
def traffic(context) -> Traffic:
    """What the test's context has recorded so far: requests to other hosts, console errors."""
    return context.kb_traffic


@dataclass
class FeedbackSite:
    """A copy of the site whose widget posts to the real collector, started beside it."""

    url: str
    endpoint: str
    min_comment_length: int
    collector: Collector
    config: Path


FEEDBACK_MIN_COMMENT_LENGTH = 30  # not the production value, so the test proves the setting is used


@pytest.fixture(scope="session")
def feedback_site(tmp_path_factory) -> FeedbackSite:
    """The site built with `extra.collector` (KB_COLLECTOR_URL) pointing at a real collector this session runs.

    The collector reads the copy's mkdocs.yml (minimum comment length) and its built sitemap,
    allows the test server's origin only, and stores answers in a temporary SQLite file.
    It is stopped when the session ends, so `make test` leaves no service running.
    """
    root = tmp_path_factory.mktemp("feedback")
    project = copy_project(root / "project")
    config = project / "mkdocs.yml"
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}/api/feedback"
    text = config.read_text()
    text, count = re.subn(r"(?m)^(    min_comment_length:).*$", rf"\1 {FEEDBACK_MIN_COMMENT_LENGTH}", text)
    text, count_views = re.subn(r"(?m)^(    count_views:).*$", r"\1 true", text)
    assert count == count_views == 1, "extra.feedback is missing from mkdocs.yml"
    config.write_text(text)
    result = build(project, project / "site", env={"KB_COLLECTOR_URL": f"http://127.0.0.1:{port}/api"})
    assert result.returncode == 0, result.output
    with serve_site(result.site) as url:
        # A generous limit: every browser test answers from the same address.
        with running(root / "feedback.sqlite3", str(result.site / "sitemap.xml"), [url.rstrip("/")],
                     config=config, rate_limit="1000/60", port=port) as collector:
            yield FeedbackSite(url, endpoint, FEEDBACK_MIN_COMMENT_LENGTH, collector, config)
