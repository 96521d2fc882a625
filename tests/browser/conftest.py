"""Browser fixtures: the real site served on 127.0.0.1, one Debian Chromium per session."""

from __future__ import annotations

import pytest

from tests.siteserver import serve_site

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 3},
}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright's own browser download does not work on these machines."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True,
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(site):
    """The real site, served from a thread of this process for the whole session."""
    with serve_site(site.site) as url:
        yield url


@pytest.fixture
def screen(request) -> str:
    """The screen a test runs on: desktop unless the test parametrizes it."""
    return getattr(request, "param", "desktop")


@pytest.fixture
def context(new_context, screen):
    """A fresh browser context (own storage, no shared state) with the test's screen size."""
    return new_context(**SCREENS[screen])
