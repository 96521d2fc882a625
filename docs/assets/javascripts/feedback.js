/* First-party "Was this article helpful?" widget (overrides/partials/kb-feedback.html).
   Sends {url, title, answer, comment, reason, revision} as JSON to the endpoint set in
   mkdocs.yml (extra.feedback.endpoint) and to nowhere else. The revision is the day the page
   shows as last updated (partials/source-file.html), so the report can count answers since
   the article's last edit apart. */
(function () {
  "use strict";

  // Where this script was loaded from: the widget's stylesheet is found relative to it.
  var STYLES_BASE = document.currentScript.src;
  // What the collector does not count toward the minimum (feedback/validation.py,
  // visible_length): anything but letters, digits, punctuation and symbols, and the Hangul
  // fillers and braille blank, which Unicode classes as letters or symbols but draws blank.
  var NOT_VISIBLE = /[^\p{L}\p{N}\p{P}\p{S}]|[\u115F\u1160\u3164\uFFA0\u2800]/gu;

  // The widget's messages in the page's language: the data block the template fills from our
  // strings' catalogue (hooks/i18n/strings/), with {name} placeholders.
  function messages(form) {
    return JSON.parse(form.querySelector("script[data-kb-strings]").textContent);
  }

  // Numbers as the page's language groups them ("2,000"; "2000" in Spanish), in the digits the
  // rest of the page uses. Only own values that are numbers: the collector's answer is data.
  function fill(text, values) {
    var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, { numberingSystem: "latn" });
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      var value = values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : null;
      return typeof value === "number" && isFinite(value) ? numbers.format(value) : whole;
    });
  }

  // A refusal by the collector ({error, message, field, values}) in the page's language: the
  // catalogue's words for its code, filled with the numbers it counted. The collector's own
  // `message` is English (for logs and scripts); a refusal a reader cannot meet from this page,
  // and a network error, are `failed`.
  function refusal(words, reason) {
    var key = reason && typeof reason.error === "string" ? "refused." + reason.error : null;
    if (!key || !Object.prototype.hasOwnProperty.call(words, key)) return words.failed;
    return fill(words[key], reason.values);
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
        var said = refusal(words, reason);
        if (said !== words.failed && reason.field === "comment") {
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
        // The collector's refusal, said before sending.
        showCommentError(refusal(words, { error: "comment_too_short", values: { count: minLength, written: visible } }));
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
