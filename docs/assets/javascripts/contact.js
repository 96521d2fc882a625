/* The contact page (overrides/partials/kb-contact.html): asks what the problem is, suggests
   articles live from the site's own search (window.kbSearch, from search.js), and shows the
   chat and phone lines when the customer says none of them helps.

   The collector counts three steps (POST /api/contact, a step name and nothing else): a contact
   started (the first problem typed), a suggested article opened, and a contact continued after
   an article was opened. Which step this tab has reached is kept in sessionStorage, so coming
   back from an article still counts; it never leaves the browser and ends with the tab. Nothing
   is sent when the browser asks for privacy (Global Privacy Control or Do Not Track). */
(function () {
  "use strict";

  var SHOWN = 5;
  var WAIT = 250; // ms after the last keystroke: one search per pause, not one per key
  var STATE = "kb-contact-step";

  var ask = document.querySelector("[data-kb-contact]");
  if (!ask) return;
  var field = ask.querySelector("input");
  var found = ask.querySelector(".kb-contact__found");
  var list = ask.querySelector(".kb-contact__articles");
  var more = ask.querySelector(".kb-contact__continue");
  var ways = document.getElementById("kb-contact-ways");
  // Its messages in the page's language, from our strings' catalogue (hooks/i18n/strings/).
  var words = JSON.parse(ask.querySelector("script[data-kb-strings]").textContent);
  var endpoint = ask.dataset.endpoint;
  var quiet = navigator.globalPrivacyControl || navigator.doNotTrack === "1" || !navigator.sendBeacon;
  var remembered = null; // when sessionStorage is refused
  var latest = 0, timer = null;

  function step() {
    try { return sessionStorage.getItem(STATE); } catch (error) { return remembered; }
  }

  function reach(name) {
    try { sessionStorage.setItem(STATE, name); } catch (error) { remembered = name; }
  }

  function count(name) {
    if (endpoint && !quiet) navigator.sendBeacon(endpoint, JSON.stringify({ step: name }));
  }

  // search.js loads async in the head; it has run by the time the page has loaded.
  function search() {
    if (window.kbSearch) return Promise.resolve(window.kbSearch);
    return new Promise(function (resolve) {
      addEventListener("load", function () { resolve(window.kbSearch); });
    });
  }

  function suggestion(page) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = new URL(page.url, location.href).href;
    link.textContent = page.meta.title || page.url;
    item.append(link);
    return item;
  }

  function suggest(query) {
    var id = ++latest;
    if (!step()) {
      reach("started");
      count("started");
    }
    search().then(function (engine) {
      if (!engine) throw new Error("search.js did not load");
      return engine.answer(query);
    }).then(function (answer) {
      return Promise.all(answer ? answer.pages : []);
    }).then(function (pages) {
      if (id !== latest) return;
      var here = location.pathname;
      pages = pages.filter(function (page) { return new URL(page.url, location.href).pathname !== here; });
      list.replaceChildren.apply(list, pages.slice(0, SHOWN).map(suggestion));
      found.textContent = pages.length ? words.found : words.none_found;
    }).catch(function () {
      if (id !== latest) return;
      list.replaceChildren();
      found.textContent = words.unavailable;
      showWays();
    });
  }

  function showWays() {
    ways.hidden = false;
    more.setAttribute("aria-expanded", "true");
  }

  field.addEventListener("input", function () {
    clearTimeout(timer);
    var query = field.value.trim();
    if (!query) {
      latest++;
      list.replaceChildren();
      found.textContent = "";
      return;
    }
    timer = setTimeout(function () { suggest(query); }, WAIT);
  });

  // A click, or Enter on a focused link: the customer opens a suggestion.
  list.addEventListener("click", function (event) {
    if (!event.target.closest("a")) return;
    reach("opened");
    count("opened");
  });

  more.addEventListener("click", function () {
    if (step() === "opened") {
      reach("continued");
      count("continued");
    }
    showWays();
    ways.querySelector("h2").setAttribute("tabindex", "-1");
    ways.querySelector("h2").focus();
  });

  ways.hidden = true;
  ask.hidden = false;
})();
