/* First-party "Was this article helpful?" widget (overrides/partials/kb-feedback.html).
   Sends {url, title, answer, comment, reason, revision} as JSON to the endpoint set in
   mkdocs.yml (extra.feedback.endpoint) and to nowhere else. The revision is the day the page
   shows as last updated (partials/source-file.html), so the report can count answers since
   the article's last edit apart. */
(function () {
  "use strict";

  // Where this script was loaded from: the widget's stylesheet is found relative to it.
  var STYLES_BASE = document.currentScript.src;
  var MAX_MESSAGE = 300;
  // What the collector does not count toward the minimum (feedback/validation.py,
  // visible_length): anything but letters, digits, punctuation and symbols, and the Hangul
  // fillers and braille blank, which Unicode classes as letters or symbols but draws blank.
  var NOT_VISIBLE = /[^\p{L}\p{N}\p{P}\p{S}]|[\u115F\u1160\u3164\uFFA0\u2800]/gu;

  // The widget's messages in the page's language: the data block the template fills from our
  // strings' catalogue (hooks/i18n/strings/), with {name} placeholders.
  function messages(form) {
    return JSON.parse(form.querySelector("script[data-kb-strings]").textContent);
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return name in values ? values[name] : whole; });
  }

  // Counted by code point, as the collector counts: an emoji is one character.
  function visibleLength(text) {
    return Array.from(text.replace(NOT_VISIBLE, "")).length;
  }

  // The last-updated day the page shows ("" on a page that shows none).
  function revision() {
    var shown = document.querySelector(".kb-updated time[datetime]");
    return shown ? shown.getAttribute("datetime") : "";
  }

  function send(form, answer, comment, reason) {
    var payload = {
      url: location.origin + location.pathname,
      title: form.dataset.title,
      answer: answer,
      comment: comment,
      reason: reason,
      revision: revision()
    };
    // The honeypot goes along only when something filled it in.
    var trap = form.querySelector("input[name=website]");
    if (trap && trap.value) payload.website = trap.value;
    // keepalive lets the request finish when the reader leaves the page at once.
    return fetch(form.dataset.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      credentials: "omit",
      keepalive: true
    }).then(function (response) {
      if (response.ok) return;
      // The collector explains a refusal as {error, message, field}; show its words.
      return response.json().catch(function () { return {}; }).then(function (reason) {
        throw reason;
      });
    });
  }

  function setUp(form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "true";
    var answers = form.querySelector(".kb-feedback__answers");
    var buttons = answers.querySelectorAll("button");
    var commentBox = form.querySelector(".kb-feedback__comment");
    var comment = form.querySelector("textarea");
    var error = form.querySelector(".kb-feedback__error");
    var status = form.querySelector(".kb-feedback__status");
    // By class: the HTML minifier drops type="submit", the default.
    var submit = form.querySelector(".kb-feedback__send");
    var minLength = parseInt(form.dataset.minCommentLength, 10) || 0;
    var words = messages(form);

    function setBusy(busy) {
      buttons.forEach(function (button) { button.disabled = busy; });
      submit.disabled = busy;
    }

    function showCommentError(text) {
      commentBox.hidden = false;
      error.textContent = text;
      comment.setAttribute("aria-invalid", "true");
      comment.focus();
    }

    function finish(answer, text, reason) {
      setBusy(true);
      status.textContent = "";
      send(form, answer, text, reason).then(function () {
        answers.hidden = true;
        commentBox.hidden = true;
        status.textContent = words.thanks;
      }, function (reason) {
        setBusy(false);
        // A refusal from the collector has a code and words; a network error has neither.
        var refused = reason && typeof reason.error === "string" && typeof reason.message === "string";
        var said = refused ? reason.message.slice(0, MAX_MESSAGE) : words.failed;
        if (refused && reason.field === "comment") {
          showCommentError(said);
        } else {
          status.textContent = said;
        }
      });
    }

    answers.addEventListener("click", function (event) {
      var chosen = event.target.closest("button");
      if (!chosen) return;
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button === chosen));
      });
      if (chosen.value === "yes") {
        commentBox.hidden = true;
        finish("yes", "", "");
      } else {
        commentBox.hidden = false;
        comment.focus();
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = comment.value.trim();
      var visible = visibleLength(text);
      var chosen = form.querySelector("input[name=reason]:checked");
      // A reason says what to fix; without one, the comment has to (as the collector checks).
      if (!chosen && visible < minLength) {
        showCommentError(fill(words.too_short, { count: minLength, written: visible }));
        return;
      }
      error.textContent = "";
      comment.removeAttribute("aria-invalid");
      finish("no", text, chosen ? chosen.value : "");
    });

    form.hidden = false;
  }

  function setUpAll() {
    document.querySelectorAll("form[data-kb-feedback]").forEach(setUp);
  }

  // The widget's stylesheet comes with this script (both load only near the end of an
  // article); the form is shown once it has arrived, so it never shows unstyled.
  function withStyles(then) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("../stylesheets/kb-feedback.css", STYLES_BASE).href;
    link.onload = link.onerror = then;
    document.head.appendChild(link);
  }

  // With Material's instant navigation a new article arrives without a reload;
  // document$ announces it.
  withStyles(function () {
    setUpAll();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUpAll);
    }
  });
})();
