"""The stale banner and the fallback note in Chromium: axe-clean in both colour schemes, in a
left-to-right and a right-to-left language, and the banner's link opens the English original."""

from __future__ import annotations

import pytest

from tests.browser.conftest import both_schemes
from tests.browser.test_accessibility import showing, violations
from tests.sitebuild import build
from tests.siteserver import serve_site
from tests.test_i18n_stale import SEED, history  # noqa: F401 - the Git history fixture, shared

pytestmark = pytest.mark.browser

FALLBACK = "ar/email-setup/outlook/"   # no Arabic translation on the real site


@pytest.fixture(scope="module")
def stale_site(history, tmp_path_factory):  # noqa: F811 - the imported fixture
    """The history's site (the seed changed in English after its translations), served."""
    result = build(history, tmp_path_factory.mktemp("stale-browser") / "site")
    assert result.returncode == 0, result.output
    with serve_site(result.site) as url:
        yield url


@both_schemes
@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_stale_banner_has_no_violations_and_links_to_the_original(page, stale_site, language, scheme):
    seed = SEED.removesuffix(".md") + "/"
    page.goto(stale_site + f"{language}/{seed}")
    banner = page.get_by_role("note").filter(has=page.locator("time"))
    assert banner.is_visible()
    assert violations(showing(page, scheme)) == {}
    banner.get_by_role("link").click()
    page.wait_for_url(stale_site + seed)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".kb-stale").count() == 0


@both_schemes
def test_the_fallback_page_has_no_violations(page, scheme):
    page.goto(FALLBACK)
    assert page.locator(".kb-fallback").is_visible()
    assert page.locator("body").get_attribute("dir") == "rtl"
    assert violations(showing(page, scheme)) == {}
