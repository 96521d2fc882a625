/* Search in the header (overrides/partials/search.html): the dialog, its results and its keys;
   the query itself is search-query.js (`window.kbSearch`: Pagefind, our ranking and what we do
   to the customer's words). Results show as the reader types; `?q=` (the home page's form,
   shared links) opens search with that query; `?h=` on an article highlights the words a
   result matched. Nothing the reader or a URL supplies is ever parsed as HTML: queries and
   titles go in as text, and an excerpt keeps only its <mark> tags.

   This script runs `async` from the head (overrides/partials/kb-search-script.html), beside
   search-query.js and in either order with it, before the page is parsed: it shows a `?q=`
   link's answer once the dialog is parsed (its inline script says so), not when the whole
   page is. */
(function () {
  "use strict";

  // On a page in another language, a search with fewer than ALSO_BELOW results of its own also
  // shows up to ALSO_SHOWN from the default language's index, under its own label: three is what
  // a reader takes in at a glance (and what the relevance benchmark's top-3 counts).
  var ALSO_BELOW = 3;
  var ALSO_SHOWN = 3;
  var params = new URLSearchParams(location.search);
  var latest = 0;
  var search, dialog, toggle, labels, messages, field, meta, list, panel, also;

  // The dialog ends with a script that announces it (partials/search.html); when that ran
  // before this one arrived, the dialog is complete already. A dialog drawn without that
  // script (an override of the partial) starts with the page instead. Either way it waits for
  // search-query.js, which announces itself when it runs after this one. Highlighting walks
  // the whole article, so it waits for the page.
  var started = false;
  if (document.querySelector("[data-kb-search-ready]") || document.readyState !== "loading") ready();
  else ["kb:search-ready", "DOMContentLoaded"].forEach(function (name) { document.addEventListener(name, ready); });
  if (document.readyState !== "loading") highlightTerms(params.get("h"));
  else document.addEventListener("DOMContentLoaded", function () { highlightTerms(params.get("h")); });

  function ready() {
    if (started) return;
    started = true;
    if (window.kbSearch) start(window.kbSearch);
    else document.addEventListener("kb:search-query", function () { start(window.kbSearch); }, { once: true });
  }

  /* `engine`: window.kbSearch, from search-query.js. */
  function start(engine) {
    search = engine;
    dialog = document.querySelector("[data-kb-search]");
    toggle = document.getElementById("__search");
    if (!dialog || !toggle) return;
    labels = dialog.dataset;
    // Our own messages in the page's language (hooks/i18n/strings/), beside Material's labels.
    messages = JSON.parse(dialog.querySelector("script[data-kb-strings]").textContent);
    field = dialog.querySelector(".md-search__input");
    meta = dialog.querySelector(".md-search-result__meta");
    list = dialog.querySelector(".md-search-result__list");
    // aria-busy stays "true" until the results of the last query typed are shown.
    panel = dialog.querySelector(".md-search-result");
    also = dialog.querySelector(".kb-search-also"); // only on pages in another language
    listen();
    if (search.linked) {
      field.value = search.linked.query;
      open();
      field.focus();
      run(search.linked.query, search.linked.answer);
    }
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    search.load();
  }

  function close() {
    toggle.checked = false;
    field.blur();
  }

  function count(total) {
    if (total === 0) return labels.kbNone;
    if (total === 1) return labels.kbOne;
    return labels.kbOther.replace("#", total);
  }

  /* The excerpt's text and its <mark>s, rebuilt as new nodes: nothing else survives. */
  function excerptNodes(html) {
    var parsed = document.createElement("template");
    parsed.innerHTML = html; // inert: a template's content never loads or runs anything
    return Array.prototype.map.call(parsed.content.childNodes, function (node) {
      if (node.nodeName !== "MARK") return document.createTextNode(node.textContent);
      var mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    });
  }

  /* The part of the article that matches best: of Pagefind's sub-results (the text under each
     heading with an id, and what comes before the first), the one whose matched words score
     most. Null when that is the article's top (its h1 and introduction): the page link opens there. */
  function bestSection(page) {
    var best = null, bestScore = 0;
    (page.sub_results || []).forEach(function (section) {
      var score = section.weighted_locations.reduce(function (sum, word) { return sum + word.balanced_score; }, 0);
      if (score > bestScore) {
        best = section;
        bestScore = score;
      }
    });
    return best && best.anchor && best.anchor.element.toLowerCase() !== "h1" ? best : null;
  }

  /* `href` with the matched words for highlighting (`?h=`), any #anchor kept. */
  function withTerms(href, terms) {
    var url = new URL(href, location.href);
    if (terms.length) url.searchParams.set("h", Array.from(new Set(terms)).join(" "));
    return url.href;
  }

  /* The words a result's excerpt marks, which the opened article highlights. */
  function markedTerms(nodes) {
    return nodes.filter(function (node) { return node.nodeName === "MARK"; })
      .map(function (node) { return node.textContent; });
  }

  /* A link under the result that opens the article at its best section: a label in the
     reader's language, then the heading as the writer wrote it (text, never HTML). */
  function sectionLink(section) {
    var link = document.createElement("a");
    link.className = "kb-search-section";
    link.href = withTerms(section.url, markedTerms(excerptNodes(section.excerpt)));
    var label = document.createElement("span");
    label.className = "kb-search-section__label";
    label.textContent = messages.section + " ";
    var heading = document.createElement("span");
    heading.textContent = section.title;
    link.append(label, heading);
    return link;
  }

  function resultItem(page) {
    var marked = excerptNodes(page.excerpt);
    var terms = markedTerms(marked);

    var item = document.createElement("li");
    item.className = "md-search-result__item kb-search-result";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = withTerms(page.url, terms);
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("h1");
    title.textContent = page.meta.title || page.url;
    var excerpt = document.createElement("p");
    excerpt.append.apply(excerpt, marked);
    article.append(icon, title, excerpt);
    link.append(article);
    item.append(link);
    var section = bestSection(page);
    if (section) item.append(sectionLink(section));
    return item;
  }

  /* Draw the results in order, each as soon as it and those above it have arrived (on a slow
     phone the first no longer waits for the tenth); null pages: none to draw. */
  function show(found, wanted) {
    meta.textContent = count(found ? found.total : 0) + (found && found.respelt ? " " + messages.respelt.replace("{words}", found.respelt) : "");
    list.replaceChildren();
    return (found ? found.pages : []).reduce(function (drawn, page) {
      return drawn.then(function () { return page; }).then(function (data) {
        if (wanted()) list.append(resultItem(data));
      });
    }, Promise.resolve());
  }

  /* Under the list, the default language's first results when the page's own are fewer than
     ALSO_BELOW; their items are not `.kb-search-result`, so the list's own keys and counts skip them. */
  function offerDefault(query, total, wanted) {
    also.hidden = true;
    also.querySelector("ol").replaceChildren();
    if (total >= ALSO_BELOW) return null;
    return search.inDefault(query, ALSO_SHOWN, wanted)
      .then(function (pages) {
        if (!wanted() || !pages.length) return;
        also.querySelector("ol").append.apply(also.querySelector("ol"), pages.map(function (page) {
          var item = resultItem(page);
          item.className = "md-search-result__item kb-search-also-result";
          return item;
        }));
        also.hidden = false;
      })
      .catch(function (error) { console.warn("search in the default language failed:", error); });
  }

  function pause(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  /* Show the answer to `query`: `ready`, when it was asked for already, else asked now. */
  function run(query, ready) {
    var id = ++latest;
    function wanted() { return id === latest; }
    query = search.cleaned(query);
    if (!query) {
      show(null, wanted);
      if (also) also.hidden = true;
      meta.textContent = labels.kbPlaceholder;
      panel.setAttribute("aria-busy", "false");
      return;
    }
    panel.setAttribute("aria-busy", "true");
    // A short pause while keys are still coming, so only the last query fetches results.
    (ready || pause(60).then(function () { return wanted() ? search.ask(query, wanted) : null; }))
      .then(function (found) {
        if (!found || !wanted()) return;
        search.shown = { query: query, results: found.total };
        document.dispatchEvent(new CustomEvent("kb:search-results", { detail: search.shown }));
        return show(found, wanted).then(function () { return also && offerDefault(query, found.total, wanted); });
      })
      .catch(function (error) {
        search.reset(); // the next query tries again
        show(null, wanted);
        meta.textContent = messages.unavailable;
        console.warn("search failed:", error);
      })
      .then(function () {
        if (!wanted()) return;
        panel.setAttribute("aria-busy", "false");
        document.dispatchEvent(new Event("kb:search-shown")); // the theme's start waits for it on a `?q=` link
      });
  }

  /* Keyboard: Escape closes, the arrows move between results (and their sections), Enter opens the first one. */
  function move(step) {
    // The results, then those "also in English" when they show.
    var links = Array.from(panel.querySelectorAll(".md-search-result__link, .kb-search-section")).filter(function (link) {
      return !link.closest("[hidden]");
    });
    var next = links.indexOf(document.activeElement) + step;
    if (next < 0) field.focus();
    else if (links[next]) links[next].focus();
  }

  function listen() {
    field.addEventListener("focus", open);
    field.addEventListener("input", function () { run(field.value); });
    toggle.addEventListener("change", function () {
      if (toggle.checked) {
        field.focus();
        search.load();
      }
    });
    field.form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector(".md-search-result__link");
      if (first) location.assign(first.href);
    });
    field.form.addEventListener("reset", function () {
      run("");
      field.focus();
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") close();
      else if (event.key === "ArrowDown") move(1);
      else if (event.key === "ArrowUp") move(-1);
      else return;
      event.preventDefault();
    });
  }

  /* On an article opened from a result: mark the words the result matched. */
  function highlightTerms(param) {
    var body = document.querySelector("[data-pagefind-body]");
    var terms = (param || "").split(/\s+/).filter(function (term) { return term.length > 1; }).slice(0, 10);
    if (!body || !terms.length) return;
    var pattern = new RegExp("(" + terms.map(function (term) {
      return term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }).join("|") + ")", "gi");
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode);
    texts.forEach(function (text) {
      var parts = text.data.split(pattern); // odd positions are the matches
      if (parts.length < 2 || text.parentNode.closest("script, style, mark")) return;
      text.replaceWith.apply(text, parts.map(function (part, index) {
        if (index % 2 === 0) return part;
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = part;
        return mark;
      }));
    });
  }
})();
