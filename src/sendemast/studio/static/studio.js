// sendemast studio: a little progressive enhancement. Every page works without this file; with it,
// drafts stream in as they are written, checks re-run as you type, and texts copy with one click.
// No inline scripts (the Content-Security-Policy forbids them); all HTML inserted here was rendered
// and escaped by the server; text from the model is inserted as text, never as HTML.
(function () {
  "use strict";
  var body = document.body;
  var DEBOUNCE_MS = 300;

  // Team mode: every state-changing fetch carries the session's CSRF token (from the page's meta tag).
  function withCsrf(headers) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { headers["X-CSRF-Token"] = meta.getAttribute("content"); }
    return headers;
  }

  function say(el, text) { if (el) { el.textContent = text; } }

  function fromHtml(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    return tpl.content;
  }

  // ---- streamed drafts -------------------------------------------------------------------------
  function startStream(form) {
    var section = form.parentElement.querySelector(".results");
    var list = section.querySelector(".drafts");
    var errorLine = section.querySelector(".error-line");
    var saved = section.querySelector(".saved");
    var status = form.querySelector(".status");
    var button = form.querySelector("button[type=submit]");
    var data = new FormData(form);
    var text = data.get("notes");
    if (text === null) { text = data.get("original"); }
    data.delete("notes"); data.delete("original");
    data.set("text", text || "");
    data.set("command", form.dataset.command || "draft");

    list.textContent = "";
    errorLine.hidden = true;
    saved.hidden = true;
    section.hidden = false;
    section.setAttribute("aria-busy", "true");
    button.disabled = true;
    say(status, body.dataset.writing);
    var pending = {};
    var finished = false;

    function stop() {
      finished = true;
      button.disabled = false;
      section.removeAttribute("aria-busy");
    }
    function fail(message) {
      errorLine.textContent = message;
      errorLine.hidden = false;
      say(status, "");
      stop();
    }
    function pendingFor(variant) {
      if (!pending[variant]) {
        var article = document.createElement("article");
        article.className = "draft pending";
        article.id = "draft-" + variant;
        var p = document.createElement("p");
        p.className = "stream post-text";
        article.appendChild(p);
        list.appendChild(article);
        pending[variant] = p;
      }
      return pending[variant];
    }

    fetch(form.dataset.stream, { method: "POST", body: data, headers: withCsrf({ "Accept": "application/json" }) })
      .then(function (response) {
        return response.json().then(function (json) { return { ok: response.ok, json: json }; });
      })
      .then(function (answer) {
        if (!answer.ok) { fail(answer.json.error || "error"); return; }
        var source = new EventSource(answer.json.events);
        source.addEventListener("step", function (e) { say(status, JSON.parse(e.data).label + " …"); });
        source.addEventListener("token", function (e) {
          var d = JSON.parse(e.data);
          var p = pendingFor(d.variant);
          p.dataset.tokens = "yes"; // settled sentences that follow must not repeat the text
          p.appendChild(document.createTextNode(d.text));
        });
        source.addEventListener("sentence", function (e) {
          var d = JSON.parse(e.data);
          var p = pendingFor(d.variant);
          if (p.dataset.tokens !== "yes") { p.appendChild(document.createTextNode(d.text + " ")); }
        });
        source.addEventListener("draft", function (e) {
          var d = JSON.parse(e.data);
          var node = fromHtml(d.html);
          var old = document.getElementById("draft-" + d.variant);
          if (old && old.parentElement === list) { list.replaceChild(node, old); } else { list.appendChild(node); }
          delete pending[d.variant];
        });
        source.addEventListener("done", function (e) {
          var d = JSON.parse(e.data);
          say(status, d.label);
          if (d.history_id) {
            var link = saved.querySelector("a");
            link.href = "/history/" + encodeURIComponent(d.history_id);
            link.textContent = d.history_id;
            saved.hidden = false;
          }
        });
        source.addEventListener("error", function (e) {
          if (e.data) { source.close(); fail(JSON.parse(e.data).message); }
        });
        source.addEventListener("end", function () { source.close(); if (!finished) { stop(); } });
        source.onerror = function () {
          if (!finished && source.readyState === EventSource.CLOSED) { fail(body.dataset.streamLost); }
        };
      })
      .catch(function () { fail(body.dataset.streamLost); });
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches && form.matches("form[data-stream]") && window.EventSource && window.fetch) {
      e.preventDefault();
      startStream(form);
    }
  });

  // ---- hand-off: copy a post's text (the textarea stays there to copy by hand without script) ----
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("button[data-copy]");
    if (!button) { return; }
    var field = document.getElementById(button.dataset.copy);
    var status = button.parentNode.querySelector("[data-copy-status]");
    if (!field) { return; }
    field.select();
    var done = function () { if (status) { status.textContent = button.dataset.copied; } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });

  // ---- live check as you type ------------------------------------------------------------------
  var timers = new WeakMap();
  var sequence = 0;
  var latest = {};

  function channelOf(input) {
    if (input.dataset.channelField) {
      var select = document.getElementById(input.dataset.channelField);
      if (select) { return select.value; }
    }
    return input.dataset.channel || "linkedin";
  }

  // whose profile the check scores against: the leader the page (or the draft) is for
  function leaderOf(input) {
    if (input.dataset.leaderField) {
      var select = document.getElementById(input.dataset.leaderField);
      if (select) { return select.value; }
    }
    return input.dataset.leader || null;
  }

  // a draft carries its notes (or a rewrite its original): the check says how much of it is copied
  function bodyOf(input) {
    var body = { text: input.value, channel: channelOf(input), leader: leaderOf(input) };
    if (input.dataset.source) {
      body.source = input.dataset.source;
      body.source_kind = input.dataset.sourceKind || "notes";
    }
    return body;
  }

  function recheck(input) {
    var target = document.getElementById(input.dataset.target);
    if (!target) { return; }
    var mine = ++sequence;
    latest[input.dataset.target] = mine;
    fetch("/api/check", {
      method: "POST",
      headers: withCsrf({ "Content-Type": "application/json", "Accept": "application/json" }),
      body: JSON.stringify(bodyOf(input))
    })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, json: j }; }); })
      .then(function (answer) {
        if (latest[input.dataset.target] !== mine) { return; } // an older answer arriving late
        if (!answer.ok) {
          var p = document.createElement("p");
          p.className = "error-line";
          p.setAttribute("role", "alert");
          p.textContent = answer.json.error || "error";
          target.textContent = "";
          target.appendChild(p);
          return;
        }
        target.textContent = "";
        target.appendChild(fromHtml(answer.json.html));
        target.dataset.checked = String(mine);
      })
      .catch(function () {});
  }

  function schedule(input) {
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { recheck(input); }, DEBOUNCE_MS));
  }

  document.addEventListener("input", function (e) {
    if (e.target.classList && e.target.classList.contains("live-input")) { schedule(e.target); }
  });
  document.addEventListener("change", function (e) {
    var inputs = document.querySelectorAll(".live-input[data-channel-field='" + e.target.id + "'], " +
                                           ".live-input[data-leader-field='" + e.target.id + "']");
    for (var i = 0; i < inputs.length; i++) { if (inputs[i].value.trim()) { recheck(inputs[i]); } }
  });
  // the check page without a submit round trip once this file runs
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches && form.matches("form.check-form") && window.fetch) {
      e.preventDefault();
      var input = form.querySelector(".live-input");
      if (input) { recheck(input); }
    }
  });

  // ---- copy to clipboard -----------------------------------------------------------------------
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) { return navigator.clipboard.writeText(text); }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy")); }
    });
  }

  document.addEventListener("click", function (e) {
    var button = e.target.closest ? e.target.closest("button.copy") : null;
    if (!button) { return; }
    var text = button.dataset.copy;
    if (text === undefined) {
      var source = button.parentElement.querySelector(".copy-source");
      text = source ? source.value : "";
    }
    var status = button.nextElementSibling && button.nextElementSibling.classList.contains("copy-status")
      ? button.nextElementSibling : null;
    copyText(text).then(
      function () { say(status, body.dataset.copied); },
      function () { say(status, body.dataset.copyFailed); }
    );
  });
})();
