"""Parts of pages drawn once per folder (hooks/pages/fragments.py): reused only where they are the same."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urljoin

from jinja2 import DictLoader, Environment

from hooks.pages.fragments import RenderOnce
from tests.conftest import soup

TEMPLATE = '{% once "links", item %}<a href="{{ target | rel }}">{{ item }}</a> {{ count() }}{% endonce %}'


def environment():
    """A Jinja environment with `{% once %}`, a link filter relative to the page, and a render counter."""
    env = Environment(loader=DictLoader({"t.html": TEMPLATE}), extensions=[RenderOnce], autoescape=True)
    renders = []
    env.globals["count"] = lambda: renders.append(1) or len(renders)
    env.filters["rel"] = lambda target: "../" * 2 + target  # what MkDocs' `url` gives at depth 2
    return env, renders


def render(env, url: str, base_url: str, item: str = "domains") -> str:
    return env.get_template("t.html").render(page=SimpleNamespace(url=url), base_url=base_url,
                                             target="domains/", item=item)


def test_a_fragment_is_drawn_once_for_the_pages_of_one_folder():
    """Two articles of one category share the HTML: the body ran once."""
    env, renders = environment()
    first = render(env, "email-setup/outlook/", "../..")
    assert render(env, "email-setup/android/", "../..") == first
    assert len(renders) == 1


def test_another_folder_depth_or_key_draws_it_again():
    """Another category, another depth or another key value: the body runs again."""
    env, renders = environment()
    render(env, "email-setup/outlook/", "../..")
    render(env, "domains/mx-records/", "../..")
    render(env, "email-setup/", "..")
    render(env, "email-setup/outlook/", "../..", item="accounts")
    assert len(renders) == 4


def test_every_navigation_link_of_every_page_leads_to_a_built_page(site):
    """The shared sidebar, header and scripts hold links that work from each page that received them."""
    pages = sorted(site.site.rglob("index.html"))
    assert len(pages) > 15
    for path in pages:
        url = "/" + path.parent.relative_to(site.site).as_posix() + "/"
        page = soup(path.read_text(encoding="utf-8"))
        links = [a["href"] for a in page.select("header a[href], nav.md-nav--primary a[href]")]
        links += [tag["src"] for tag in page.select("script[src]")]
        assert links, path
        for link in links:
            if link.startswith(("http:", "https:", "#")):
                continue
            target = urljoin("https://kb.test" + url, link).removeprefix("https://kb.test/").split("#")[0]
            built = site.site / target
            assert (built / "index.html" if target.endswith("/") or not target else built).is_file(), (url, link)
