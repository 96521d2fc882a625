/* Search analytics, first-party: one event per search the customer settles on, POSTed as JSON
   ({query, results, clicked}) to the collector's search endpoint that the page names
   (extra.collector in mkdocs.yml + /search), and to nowhere else. search.js announces each
   answer it shows (kb:search-results); only the last one is sent, when a result is opened
   (its 1-based position) or the search is abandoned: the dialog closed or cleared, the page
   hidden (clicked: null). Nothing is sent before a search, nothing at all with Global Privacy
   Control or Do Not Track on, and no query that looks like an email address, a phone number or
   a card number; the collector applies the same rules again (feedback/searches/privacy.py). */
(function () {
  "use strict";

  var script = document.currentScript;
  var endpoint = script && script.dataset.kbSearchEndpoint;
  var optedOut = navigator.globalPrivacyControl === true || navigator.doNotTrack === "1" || window.doNotTrack === "1";
  if (!endpoint || optedOut) return;

  var MAX_QUERY = 200;
  var EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
  // Digits that may be split by spaces, dots, dashes, slashes or brackets, with an optional +.
  var DIGIT_RUN = /\+?\d(?:[\s.\/()-]*\d)*/g;
  var LINK = ".md-search-result__link";
  var SECTION = ".kb-search-section"; // a result's link to its best heading (search.js): opens that result
  var pending = null; // the search shown last and not yet sent: {query, results}

  function normalized(query) {
    return query.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }

  // The check every payment card number passes.
  function luhnValid(digits) {
    var total = 0;
    for (var i = 0; i < digits.length; i++) {
      var value = Number(digits[digits.length - 1 - i]) * (i % 2 ? 2 : 1);
      total += value > 9 ? value - 9 : value;
    }
    return total % 10 === 0;
  }

  function looksPersonal(query) {
    if (EMAIL.test(query)) return true;
    return (query.match(DIGIT_RUN) || []).some(function (run) {
      var digits = run.replace(/\D/g, "");
      // A phone number has 7 to 15 digits; a card number 13 to 19 and passes the Luhn check.
      return (digits.length >= 7 && digits.length <= 15) ||
        (digits.length >= 13 && digits.length <= 19 && luhnValid(digits));
    });
  }

  function send(clicked) {
    var search = pending;
    pending = null;
    if (!search) return;
    // keepalive: the request outlives the page when the result opened replaces it.
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: search.query, results: search.results, clicked: clicked }),
      credentials: "omit",
      keepalive: true
    }).catch(function () {}); // analytics never bother the customer
  }

  function inDialog(node) {
    return node && node.closest && node.closest("[data-kb-search]");
  }

  function settle(search) {
    var query = normalized(String(search.query));
    var kept = query && query.length <= MAX_QUERY && !looksPersonal(query);
    pending = kept ? { query: query, results: search.results } : null;
  }

  // A `?q=` link's answer may have been announced before this deferred script ran.
  if (window.kbSearch && window.kbSearch.shown) settle(window.kbSearch.shown);
  document.addEventListener("kb:search-results", function (event) { settle(event.detail); });

  // Capture: seen before search.js opens the result and the page goes.
  document.addEventListener("click", function (event) {
    var target = inDialog(event.target) && event.target.closest(LINK + ", " + SECTION);
    if (!target) return;
    var link = target.matches(SECTION) ? target.parentNode.querySelector(LINK) : target;
    send(Array.prototype.indexOf.call(inDialog(link).querySelectorAll(LINK), link) + 1);
  }, true);
  document.addEventListener("submit", function (event) {
    // Enter in the field opens the first result (search.js).
    if (inDialog(event.target) && inDialog(event.target).querySelector(LINK)) send(1);
  }, true);
  document.addEventListener("reset", function (event) {
    if (inDialog(event.target)) send(null);
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && inDialog(event.target)) send(null);
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && !event.target.checked) send(null);
  }, true);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send(null);
  });
  window.addEventListener("pagehide", function () { send(null); });
})();
