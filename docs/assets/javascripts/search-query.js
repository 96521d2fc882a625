/* The query half of our search (the dialog and its results are search.js): Pagefind, loaded
   from the site's own pagefind/ folder (hooks/search/pagefind_index.py) with our ranking, and
   what we do to a customer's words before and after Pagefind sees them (filler words dropped,
   long pasted messages narrowed, misspelt words respelt, the writers' synonyms tried beside
   them), and the default language's index for pages in another language. It is
   `window.kbSearch`, for search.js, contact.js and search-events.js, and it draws nothing.

   This script runs `async` from the head (overrides/partials/kb-search-script.html), before
   the page is parsed: with `?q=`, it starts Pagefind and the query at once, while the rest of
   the page is still arriving; search.js shows that answer once the dialog is parsed. The two
   scripts may run in either order: this one announces itself (`kb:search-query`) to a
   search.js that ran first. */
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
  // them ("my" finds "phpMyAdmin", "MySQL"; "el" finds "elija"). Spanish keeps "no". The words
  // that make a question ("how do I", "¿qué") go too; "where" and "when" stay, as in "the
  // record that says where my email goes".
  var FILLERS = {
    en: ["a", "an", "and", "are", "for", "i", "in", "is", "it", "me", "my", "of", "on", "or",
         "the", "to", "with", "your",
         "can", "did", "do", "does", "how", "should", "what", "which", "why"],
    es: ["a", "al", "de", "del", "el", "en", "la", "las", "lo", "los", "me", "mi", "mis", "para",
         "por", "se", "su", "sus", "un", "una", "y",
         "cómo", "cuál", "qué"]
  };
  var FILLER = FILLERS[document.documentElement.lang.split("-")[0]] || FILLERS.en;
  // Pagefind's ranking, tuned on the relevance benchmark (bench/results/relevance.md): a long
  // article that answers is not pushed below a short one that only shares the words (pageLength),
  // a word repeated through an article keeps counting (termSaturation), and the title counts
  // once, as the article's h1 (metaWeights): counted twice, it lifts the generated articles
  // whose titles share a word above ours that explain it. The writers' tags (overrides/main.html
  // keeps them as `keywords`) count as much as five words of the text: a writer chose them.
  var RANKING = { pageLength: 0, termSaturation: 2, termSimilarity: 9, metaWeights: { title: 0, keywords: 5 } };
  // At most this many queries with synonyms (hooks/search/synonyms.yml) besides the customer's.
  var VARIANTS = 3;
  // The synonyms of the page's language: synonyms.yml's for the default one, synonyms.CODE.yml's for another.
  var SYNONYMS = document.documentElement.lang === script.kbDefaultLanguage ? "synonyms.json"
    : "synonyms." + document.documentElement.lang + ".json";
  var other = null; // the default language's Pagefind, opened by the first search that needs it
  var aids = {}; // name -> promise of a file of kb-search/ (query_aids.py), each fetched once
  var engine = null;

  // The query of a `?q=` link is answered before the page has finished loading.
  var linked = new URLSearchParams(location.search).get("q");
  var linkedAnswer = linked && cleaned(linked) ? answer(cleaned(linked), function () { return true; }) : null;
  if (linkedAnswer) linkedAnswer.catch(function () {}); // reported when it is shown

  // `answer`: the contact page's suggestions (contact.js) are this search's answers, null for an
  // empty query. `shown`: the last search announced (search.js), for search-events.js when it
  // runs after a `?q=` answer. The rest is for search.js.
  window.kbSearch = {
    shown: null,
    answer: function (query) {
      return cleaned(query) ? answer(cleaned(query), function () { return true; }) : Promise.resolve(null);
    },
    linked: linked ? { query: linked, answer: linkedAnswer } : null,
    cleaned: cleaned,
    ask: answer,
    inDefault: inDefault,
    load: load,
    reset: function () { engine = null; } // after a failure: the next query tries again
  };
  document.dispatchEvent(new Event("kb:search-query"));

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
      aid(SYNONYMS);
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


  /* The first `count` pages of the default language's answer to a cleaned query (their data);
     none once `wanted()` says a newer query has taken over. */
  function inDefault(query, count, wanted) {
    return defaultLanguage()
      .then(function (pagefind) { return wanted() ? find(remembering(pagefind), query) : []; })
      .then(function (results) { return Promise.all(results.slice(0, count).map(function (result) { return result.data(); })); });
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
    var plainWord = bare(word);
    return plainWord.slice(0, Math.max(4, plainWord.length - 3));
  }

  /* A word in lower case, without the punctuation at its ends ("¿por", "iphone?"), accents kept. */
  function bare(word) {
    return word.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  /* The query without filler words, unless it is a quoted phrase or nothing else is left. */
  function withoutFiller(query) {
    if (query.indexOf('"') >= 0) return query;
    var kept = query.split(/\s+/).filter(function (word) { return FILLER.indexOf(bare(word)) < 0; });
    return kept.length ? kept.join(" ") : query;
  }

  /* The query as Pagefind should get it. Mail errors quote addresses in angle brackets; the
     page shows them without, and to Pagefind "<info@example.com>:" would be one word that no
     page contains. */
  function cleaned(query) {
    return withoutFiller(query.replace(/[<>]/g, " ").trim());
  }

  /* The words of a query as the synonyms' keys are written: lower case, no punctuation or filler. */
  function plain(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter(function (word) {
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
     list of words (kb-search/words.json) is fetched only when a word may be misspelt. A word of
     a synonym (`table`) is the customer's word, to be replaced as it is, not respelt. */
  function respelt(pagefind, query, table) {
    var synonymWords = plain(Object.keys(table).join(" ")).split(" ");
    var terms = query.split(/\s+/);
    // A quoted phrase means it as written; a long query is pasted (and narrowed: checking each
    // word would fetch the index of every word).
    if (query.indexOf('"') >= 0 || terms.length >= NARROW_FROM) return Promise.resolve(query);
    return Promise.all(terms.map(function (term) {
      var spellable = /^[a-z]{4,}$/i.test(term) && synonymWords.indexOf(term.toLowerCase()) < 0;
      return spellable ? unknownWord(pagefind, term) : false;
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
        return aid(SYNONYMS).then(function (table) {
          return respelt(pagefind, query, table);
        }).then(function (better) {
          asked = better;
          return better === query ? results : find(pagefind, better);
        });
      })
      .then(function (results) {
        if (!results || !wanted()) return null;
        return aid(SYNONYMS).then(function (table) {
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

})();
