"""The physical limit of a first search: a page that holds only Pagefind (bench only, never published).

bench/search_speed.py writes it into a built site beside our pages. It loads the site's own
Pagefind bundle with Pagefind's JS API, with the ranking our search-query.js sets, asks the `?q=`
query and draws the first result, with the class our search gives a result
(`.kb-search-result`), so the same probe times both. Nothing else loads: no stylesheet, no
theme script, no article HTML. Whatever our page takes beyond this page's time is the
page's cost, not Pagefind's.
"""

from __future__ import annotations

import re
from pathlib import Path

NAME = "bench-bare-search.html"
# search-query.js keeps Pagefind's ranking options on one line: `var RANKING = {...};`
RANKING_RE = re.compile(r"^\s*var RANKING = (\{.*\});$", re.MULTILINE)

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pagefind alone</title>
<script type="module" async>
const query = new URLSearchParams(location.search).get("q");
const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
await pagefind.options({ baseUrl: new URL(".", location.href).pathname, ranking: RANKING });
pagefind.init();
const found = await pagefind.search(query);
if (found.results.length) {
  const page = await found.results[0].data();
  const item = document.createElement("li");
  item.className = "kb-search-result";
  item.textContent = page.meta.title || page.url;
  document.getElementById("results").append(item);
}
</script>
</head>
<body><ul id="results"></ul></body>
</html>
"""


def our_ranking(search_script: Path) -> str:
    """The ranking options our search-query.js gives Pagefind, as the JavaScript literal it holds."""
    found = RANKING_RE.search(search_script.read_text(encoding="utf-8"))
    if not found:
        raise SystemExit(f"{search_script}: no `var RANKING = {{...}};` line to copy Pagefind's ranking from")
    return found.group(1)


def write_bare_page(project: Path, site: Path) -> str:
    """Write the bare page at the root of the built `site`; return its path in the site."""
    ranking = our_ranking(project / "docs" / "assets" / "javascripts" / "search-query.js")
    (site / NAME).write_text(PAGE.replace("RANKING", ranking, 1), encoding="utf-8")
    return NAME
