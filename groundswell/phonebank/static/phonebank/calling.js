// The calling card: a client_uuid made here when the card is shown, the call's duration, survey branching,
// and "Save & next" posted with retries so a dropped connection never loses or doubles an attempt.
(function () {
  "use strict";

  var RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000];

  function newUuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // Branching: walk the questions in order; an answer whose choice names a `next` position jumps there.
  // Skipped questions are hidden and disabled, so they are not sent (the server checks the answers anyway).
  function applyBranching(form) {
    var questions = Array.prototype.slice.call(form.querySelectorAll(".question"));
    var byPosition = {};
    questions.forEach(function (q, i) { byPosition[q.dataset.position] = i; });
    var shown = new Set();
    var i = 0;
    var guard = 0;
    while (i < questions.length && guard++ < 500) {
      var q = questions[i];
      shown.add(q);
      var picked = q.querySelector("input[type=radio]:checked[data-next]");
      var jump = picked ? byPosition[picked.dataset.next] : undefined;
      i = jump !== undefined && jump > i ? jump : i + 1;
    }
    questions.forEach(function (q) {
      // A question the server complained about stays in view, even on a branch that skips it.
      var visible = shown.has(q) || q.classList.contains("field-error");
      q.hidden = !visible;
      q.querySelectorAll("input, textarea").forEach(function (el) { el.disabled = !visible; });
    });
  }

  function setStatus(form, text, isError) {
    var status = form.querySelector(".save-status");
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("is-error", !!isError);
  }

  async function post(form) {
    var response = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "HX-Request": "true" },
      credentials: "same-origin",
    });
    if (response.status >= 500) throw new Error("server error " + response.status);
    return { status: response.status, html: await response.text() };
  }

  // The same form (so the same client_uuid) is posted again after each failure: the server stores it once.
  async function save(form, area) {
    var button = form.querySelector("button[type=submit]");
    var duration = form.querySelector("input[name=duration_seconds]");
    duration.value = String(Math.max(0, Math.round((Date.now() - form._shownAt) / 1000)));
    button.disabled = true;
    setStatus(form, "Saving…");
    for (var attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      if (attempt > 0) {
        setStatus(form, "Connection trouble — trying again…", true);
        await sleep(RETRY_DELAYS_MS[attempt - 1]);
      }
      try {
        var result = await post(form);
      } catch (err) {
        continue;
      }
      if (result.status === 200 || result.status === 409 || result.status === 422) {
        area.innerHTML = result.html;
        start(area);
        if (result.status !== 422) {
          // A new contact: back to the top, and screen readers land on their name.
          window.scrollTo(0, 0);
          var name = area.querySelector(".contact-name, h2");
          if (name) { name.setAttribute("tabindex", "-1"); name.focus({ preventScroll: true }); }
        }
        return;
      }
      form.submit();  // signed out, removed from the team…: let the browser show the page
      return;
    }
    button.disabled = false;
    setStatus(form, "Not saved yet: no connection. Your answers are kept — tap “Save & next” to try again.", true);
  }

  function start(area) {
    var form = area.querySelector("form.call-card");
    if (!form) return;
    var uuid = form.querySelector("input[name=client_uuid]");
    if (!uuid.value) uuid.value = newUuid();
    form._shownAt = Date.now() - (Number(form.dataset.elapsed) || 0) * 1000;
    applyBranching(form);
    form.addEventListener("change", function () { applyBranching(form); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      save(form, area);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var area = document.getElementById("call-area");
    if (area) start(area);
  });
})();
