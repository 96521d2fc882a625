"""The browser tests find their browser through one setting, KB_CHROMIUM."""

from __future__ import annotations

import subprocess

import pytest

from tests.browser.conftest import CHROMIUM

pytestmark = pytest.mark.browser


def test_the_browser_is_the_one_kb_chromium_names(browser, browser_type_launch_args):
    """With KB_CHROMIUM set, the running browser is that binary (same version); unset, Playwright's own."""
    if CHROMIUM:
        reported = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True).stdout
        assert browser.version in reported, f"{CHROMIUM} is {reported.strip()}, the tests run {browser.version}"
    else:
        assert "executable_path" not in browser_type_launch_args
