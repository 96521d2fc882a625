/* Search in the header (overrides/partials/search.html), answered by Pagefind from the
   site's own pagefind/ folder (hooks/search/pagefind_index.py). Results show as the reader
   types; `?q=` (the home page's form, shared links) opens search with that query; `?h=` on
   an article highlights the words a result matched. Nothing the reader or a URL supplies
   is ever parsed as HTML: queries and titles go in as text, and an excerpt keeps only its
   <mark> tags.

   This script runs `async` from the head (overrides/partials/kb-search-script.html), before
   the page is parsed: with `?q=`, it starts Pagefind and the query at once, while the rest of
   the page is still arriving, and shows the results once the dialog is parsed (its inline
   script says so), not when the whole page is. */
(function () {
  "use strict";

  var script = document.currentScript.dataset;
  var SHOWN = 10;
  // From this many words (a pasted message), a query is narrowed down from its most specific
  // words, starting with NARROW_START of them, instead of fetching the index of every word.
  var NARROW_FROM = 6;
  var NARROW_START = 2;
  // Words a customer adds that say nothing about the problem, in the page's language (English
  // where it has none). Pagefind wants every word on a page, and matches words that start with
  // them ("my" finds "phpMyAdmin", "MySQL"; "el" finds "elija"). Spanish keeps "no".
  var FILLERS = {
    en: ["a", "an", "and", "are", "for", "i", "in", "is", "it", "me", "my", "of", "on", "or",
         "the", "to", "with", "your"],
    es: ["a", "al", "de", "del", "el", "en", "la", "las", "lo", "los", "me", "mi", "mis", "para",
         "por", "se", "su", "sus", "un", "una", "y"]
  };
  var FILLER = FILLERS[document.documentElement.lang.split("-")[0]] || FILLERS.en;
  // Pagefind's ranking, tuned on the relevance benchmark (bench/results/relevance.md): a long
  // article that answers is not pushed below a short one that only shares the words (pageLength),
  // a word repeated through an article keeps counting (termSaturation), and the title counts
  // once, as the article's h1 (metaWeights): counted twice, it lifts the generated articles
  // whose titles share a word above ours that explain it.
  var RANKING = { pageLength: 0, termSaturation: 2, termSimilarity: 9, metaWeights: { title: 0 } };
  // At most this many queries with synonyms (hooks/search/synonyms.yml) besides the customer's.
  var VARIANTS = 3;
  // On a page in another language, a search with fewer than ALSO_BELOW results of its own also
  // shows up to ALSO_SHOWN from the default language's index, under its own label: three is what
  // a reader takes in at a glance (and what the relevance benchmark's top-3 counts).
  var ALSO_BELOW = 3;
  var ALSO_SHOWN = 3;
  var other = null; // that index's Pagefind, opened by the first search that needs it
  var aids = {}; // name -> promise of a file of kb-search/ (query_aids.py), each fetched once
  var params = new URLSearchParams(location.search);
  var engine = null;
  var latest = 0;
  var dialog, toggle, labels, messages, field, meta, list, panel, also;

  // The query of a `?q=` link is answered before the page has finished loading.
  var linked = params.get("q");
  var linkedAnswer = linked && cleaned(linked) ? answer(cleaned(linked), function () { return true; }) : null;
  if (linkedAnswer) linkedAnswer.catch(function () {}); // reported when it is shown

  // The contact page's suggestions (contact.js) are this search's answers: null for an empty query.
  // `shown`: the last search announced, for search-events.js when it runs after a `?q=` answer.
  window.kbSearch = { shown: null, answer: function (query) {
    return cleaned(query) ? answer(cleaned(query), function () { return true; }) : Promise.resolve(null);
  } };

  // The dialog ends with a script that announces it (partials/search.html); when that ran
  // before this one arrived, the dialog is complete already. A dialog drawn without that
  // script (an override of the partial) starts with the page instead. Highlighting walks the
  // whole article, so it waits for the page.
  var started = false;
  if (document.querySelector("[data-kb-search-ready]") || document.readyState !== "loading") start();
  else ["kb:search-ready", "DOMContentLoaded"].forEach(function (name) { document.addEventListener(name, start); });
  if (document.readyState !== "loading") highlightTerms(params.get("h"));
  else document.addEventListener("DOMContentLoaded", function () { highlightTerms(params.get("h")); });

  function start() {
    if (started) return;
    started = true;
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
    if (linked) {
      field.value = linked;
      open();
      field.focus();
      run(linked, linkedAnswer);
    }
  }

  function siteRoot() {
    return new URL(script.kbRoot.replace(/\/?$/, "/"), location.href).pathname;
  }

  /* Pagefind's script and index load on the first use of search (or a `?q=` link), not with every page. */
  function load() {
    if (!engine) {
      var bundle = new URL(script.kbBundle, document.baseURI).href;
      engine = import(bundle).then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot(), ranking: RANKING }).then(function () {
          pagefind.init();
          return pagefind;
        });
      });
      aid("synonyms.json");
    }
    return engine;
  }

  /* A file the build writes beside the index; {} when it cannot be had (search works without). */
  function aid(name) {
    if (!aids[name]) {
      aids[name] = fetch(new URL("kb-search/" + name, new URL(script.kbRoot.replace(/\/?$/, "/"), location.href)))
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; });
    }
    return aids[name];
  }

  function open() {
    if (!toggle.checked) toggle.checked = true;
    load();
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

  function resultItem(page) {
    var marked = excerptNodes(page.excerpt);
    var terms = marked.filter(function (node) { return node.nodeName === "MARK"; })
      .map(function (node) { return node.textContent; });
    var url = new URL(page.url, location.href);
    if (terms.length) url.searchParams.set("h", Array.from(new Set(terms)).join(" "));

    var item = document.createElement("li");
    item.className = "md-search-result__item kb-search-result";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = url.href;
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

  /* The default language's index, in a second Pagefind instance. Pagefind (1.5) takes an
     instance's language from <html lang> as it makes it and has no option for another, so the
     page says the default language for that one synchronous step. */
  function defaultLanguage() {
    if (!other) {
      other = load().then(function (pagefind) {
        var root = document.documentElement, own = root.lang, instance;
        root.lang = script.kbDefaultLanguage;
        try { instance = pagefind.createInstance({}); } finally { root.lang = own; }
        return instance.options({ baseUrl: siteRoot(), ranking: RANKING }).then(function () { return instance; });
      });
      other.catch(function () { other = null; });
    }
    return other;
  }

  /* Under the list, the default language's first results when the page's own are fewer than
     ALSO_BELOW; their items are not `.kb-search-result`, so the list's own keys and counts skip them. */
  function offerDefault(query, total, wanted) {
    also.hidden = true;
    also.querySelector("ol").replaceChildren();
    if (total >= ALSO_BELOW) return null;
    return defaultLanguage()
      .then(function (pagefind) { return wanted() ? find(remembering(pagefind), query) : []; })
      .then(function (results) { return Promise.all(results.slice(0, ALSO_SHOWN).map(function (result) { return result.data(); })); })
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

  function find(pagefind, query) {
    var terms = query.split(/\s+/);
    if (terms.length >= NARROW_FROM && query.indexOf('"') < 0) return narrow(pagefind, query, terms);
    return everyWord(pagefind, query, terms);
  }

  /* Pagefind answers only with pages that contain every word. When that leaves few pages
     (the customer's words are not the article's: "dns not updating"), the pages that contain
     some of the words follow: those with more of the words first, then by Pagefind's score. */
  function everyWord(pagefind, query, terms) {
    return pagefind.search(query).then(function (all) {
      // A quoted phrase asks for those words in that order: nothing looser.
      if (all.results.length >= SHOWN || terms.length < 2 || query.indexOf('"') >= 0) return all.results;
      var pages = new Map(all.results.map(function (result) {
        return [result.id, { result: result, words: terms.length + 1, score: result.score }];
      }));
      return Promise.all(terms.map(function (term) { return pagefind.search(term); })).then(function (each) {
        each.forEach(function (search) {
          search.results.forEach(function (result) {
            var page = pages.get(result.id);
            if (!page) pages.set(result.id, { result: result, words: 1, score: result.score });
            else if (page.words <= terms.length) {
              page.words += 1;
              page.score += result.score;
            }
          });
        });
        return Array.from(pages.values())
          .sort(function (a, b) { return b.words - a.words || b.score - a.score; })
          .map(function (page) { return page.result; });
      });
    });
  }

  /* Pagefind fetches one index chunk (about 10 KB) per word, and wants every word on a page.
     A pasted message has many words that say little ("too", "many", "from"); its most
     specific ones (codes, host names, long words) single out a few pages already. So a long
     query asks for its words most specific first, one more at a time, until at most SHOWN
     pages have them all; those pages' own text (which Pagefind sends with each result, to be
     shown) then says which of the other words each has: pages with more of them come first,
     then by Pagefind's score. Narrowed down to every word, or to no page, it is an ordinary
     query. */
  function narrow(pagefind, query, terms) {
    var ordered = terms.slice().sort(function (a, b) {
      return specificity(b) - specificity(a) || b.length - a.length;
    });
    function ask(count) {
      return pagefind.search(ordered.slice(0, count).join(" ")).then(function (found) {
        if (count < ordered.length && found.results.length > SHOWN) return ask(count + 1);
        if (count === ordered.length || !found.results.length) return everyWord(pagefind, query, terms);
        var rest = ordered.slice(count).map(wordStart);
        return Promise.all(found.results.map(function (result) {
          var data = result.data();
          return data.then(function (page) {
            var text = page.content.toLowerCase();
            var words = rest.filter(function (word) { return text.indexOf(word) >= 0; }).length;
            return { result: { id: result.id, score: result.score, data: function () { return data; } },
                     words: words, score: result.score };
          });
        })).then(function (pages) {
          return pages.sort(function (a, b) { return b.words - a.words || b.score - a.score; })
            .map(function (page) { return page.result; });
        });
      });
    }
    return ask(Math.min(NARROW_START, ordered.length));
  }

  /* Digits (error codes, ports) say most, then joined words (host names, constants). */
  function specificity(word) {
    return (/\d/.test(word) ? 2 : 0) + (/\w[._@:\/-]\w/.test(word) ? 1 : 0);
  }

  /* The start of a word, lower case, without the ending that Pagefind's stemming ignores
     ("connections" is found as "connecti"), to look for in a page's text. */
  function wordStart(word) {
    var bare = word.toLowerCase().replace(/^\W+|\W+$/g, "");
    return bare.slice(0, Math.max(4, bare.length - 3));
  }

  /* The query without filler words, unless it is a quoted phrase or nothing else is left. */
  function withoutFiller(query) {
    if (query.indexOf('"') >= 0) return query;
    var kept = query.split(/\s+/).filter(function (word) { return FILLER.indexOf(word.toLowerCase()) < 0; });
    return kept.length ? kept.join(" ") : query;
  }

  function pause(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  /* The query as Pagefind should get it. Mail errors quote addresses in angle brackets; the
     page shows them without, and to Pagefind "<info@example.com>:" would be one word that no
     page contains. */
  function cleaned(query) {
    return withoutFiller(query.replace(/[<>]/g, " ").trim());
  }

  /* The words of a query as the synonyms' keys are written: lower case, no punctuation or filler. */
  function plain(text) {
    return (text.toLowerCase().match(/[^\W_]+/g) || []).filter(function (word) {
      return FILLER.indexOf(word) < 0;
    }).join(" ");
  }

  /* The query with each of the writers' synonyms put in place of the words it stands for. */
  function variants(query, table) {
    if (query.indexOf('"') >= 0) return [];
    var words = " " + plain(query) + " ";
    var found = [];
    Object.keys(table).forEach(function (key) {
      var at = " " + plain(key) + " ";
      if (words.indexOf(at) < 0) return;
      table[key].forEach(function (instead) { found.push(words.replace(at, " " + instead + " ").trim()); });
    });
    return found.slice(0, VARIANTS);
  }

  /* Several ranked lists as one: the first of each, then the second of each, ... once each. */
  function merged(lists) {
    var seen = new Set(), out = [];
    for (var rank = 0; out.length < SHOWN * 2 && lists.some(function (list) { return rank < list.length; }); rank++) {
      lists.forEach(function (list) {
        var result = list[rank];
        if (result && !seen.has(result.id)) {
          seen.add(result.id);
          out.push(result);
        }
      });
    }
    return out;
  }

  /* Letters to change, add, drop or swap to make one word the other (at most `most`, else most + 1). */
  function distance(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = [], row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var next = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) next[j] = Math.min(next[j], before[j - 2] + 1);
      }
      before = row;
      row = next;
    }
    return row[b.length];
  }

  /* The index's word nearest to `word` (the most common of the nearest), or `word` itself. */
  function nearest(word, vocabulary) {
    if (vocabulary.indexOf(word) >= 0) return word;
    var most = word.length > 5 ? 2 : 1, best = word, bestDistance = most + 1;
    for (var i = 0; i < vocabulary.length && bestDistance > 1; i++) {
      var d = distance(word, vocabulary[i], most);
      if (d < bestDistance) {
        best = vocabulary[i];
        bestDistance = d;
      }
    }
    return best;
  }

  /* Whether `term` may be misspelt: Pagefind finds no page, or its best page lacks the word as
     typed (Pagefind also matches parts of a word: "keychian" finds pages about SSH keys). The
     list of words then says whether some page has it after all. */
  function unknownWord(pagefind, term) {
    return pagefind.search(term).then(function (found) {
      if (!found.results.length) return true;
      return found.results[0].data().then(function (page) {
        return page.content.toLowerCase().indexOf(term.toLowerCase()) < 0;
      });
    });
  }

  /* The query with each word that no page contains spelt as the nearest word of the index. The
     list of words (kb-search/words.json) is fetched only when a word may be misspelt. */
  function respelt(pagefind, query) {
    var terms = query.split(/\s+/);
    // A quoted phrase means it as written; a long query is pasted (and narrowed: checking each
    // word would fetch the index of every word).
    if (query.indexOf('"') >= 0 || terms.length >= NARROW_FROM) return Promise.resolve(query);
    return Promise.all(terms.map(function (term) {
      return /^[a-z]{4,}$/i.test(term) ? unknownWord(pagefind, term) : false;
    })).then(function (unknown) {
      if (unknown.indexOf(true) < 0) return query;
      return aid("words.json").then(function (vocabulary) {
        if (!Array.isArray(vocabulary)) return query;
        return terms.map(function (term, i) { return unknown[i] ? nearest(term.toLowerCase(), vocabulary) : term; }).join(" ");
      });
    });
  }

  /* Pagefind, asked each search once per answer: the misspelling check and the pages with some
     of the words would ask again for words that an earlier step has looked up. */
  function remembering(pagefind) {
    var asked = new Map();
    return { search: function (query) {
      return asked.get(query) || asked.set(query, pagefind.search(query)).get(query);
    } };
  }

  /* The first results of a cleaned query, each a promise of its excerpt (all fetched at once),
     how many pages matched, and the query as respelt; null once `wanted()` says a newer query
     has taken over. */
  function answer(query, wanted) {
    var pagefind, asked = query;
    return load()
      .then(function (loaded) {
        pagefind = remembering(loaded);
        return wanted() ? find(pagefind, query) : null;
      })
      .then(function (results) {
        if (!results || !wanted()) return results;
        return respelt(pagefind, query).then(function (better) {
          asked = better;
          return better === query ? results : find(pagefind, better);
        });
      })
      .then(function (results) {
        if (!results || !wanted()) return null;
        return aid("synonyms.json").then(function (table) {
          var more = variants(asked, table);
          return more.length ? Promise.all(more.map(function (variant) { return find(pagefind, variant); }))
            .then(function (lists) { return merged([results].concat(lists)); }) : results;
        });
      })
      .then(function (results) {
        if (!results || !wanted()) return null;
        var pages = results.slice(0, SHOWN).map(function (result) { return result.data(); });
        // A failed excerpt is reported once, where show() reaches it, not also as unhandled.
        pages.forEach(function (page) { page.catch(function () {}); });
        return { pages: pages, total: results.length, respelt: asked === query ? null : asked };
      });
  }

  /* Show the answer to `query`: `ready`, when it was asked for already, else asked now. */
  function run(query, ready) {
    var id = ++latest;
    function wanted() { return id === latest; }
    query = cleaned(query);
    if (!query) {
      show(null, wanted);
      if (also) also.hidden = true;
      meta.textContent = labels.kbPlaceholder;
      panel.setAttribute("aria-busy", "false");
      return;
    }
    panel.setAttribute("aria-busy", "true");
    // A short pause while keys are still coming, so only the last query fetches results.
    (ready || pause(60).then(function () { return wanted() ? answer(query, wanted) : null; }))
      .then(function (found) {
        if (!found || !wanted()) return;
        window.kbSearch.shown = { query: query, results: found.total };
        document.dispatchEvent(new CustomEvent("kb:search-results", { detail: window.kbSearch.shown }));
        return show(found, wanted).then(function () { return also && offerDefault(query, found.total, wanted); });
      })
      .catch(function (error) {
        engine = null; // the next query tries again
        show(null, wanted);
        meta.textContent = messages.unavailable;
        console.warn("search failed:", error);
      })
      .then(function () {
        if (wanted()) panel.setAttribute("aria-busy", "false");
      });
  }

  /* Keyboard: Escape closes, the arrows move between results, Enter opens the first one. */
  function move(step) {
    // The results, then those "also in English" when they show.
    var links = Array.from(panel.querySelectorAll(".md-search-result__link")).filter(function (link) {
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
        load();
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
