// T-Profile's own script: small enhancements on top of pages that work without it.
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");
  document.documentElement.classList.add("js");

  // Menu toggle for narrow screens (without JavaScript the menu is always open).
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-toggle-target]");
    if (!button) return;
    var target = document.getElementById(button.getAttribute("data-toggle-target"));
    if (!target) return;
    var open = target.classList.toggle("show");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });

  // Copy buttons (data-copy: the id of the element whose text they copy; data-copy-status:
  // where to say it worked). Shown only where the browser can copy; without them the text
  // is there to select.
  if (navigator.clipboard) {
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-copy-status") || "");
    var say = function (text) {
      if (status) status.textContent = text;
    };
    navigator.clipboard.writeText(source.textContent.trim()).then(
      function () { say("Copied: " + button.textContent.replace(/^Copy the /, "the ") + "."); },
      function () { say("Could not copy: select the text and copy it instead."); }
    );
  });

  // Elements marked data-autosubmit submit their form when changed (e.g. a select
  // that switches a view); the form keeps a submit button for use without JavaScript.
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      if (window.htmx && field.form.hasAttribute("hx-get")) {
        window.htmx.trigger(field.form, "submit");
      } else {
        field.form.requestSubmit();
      }
    }
  });

  // The assessment form saves each answer as it changes (htmx posts the row). Every save
  // shows its state in its status line (data-autosave names it): "Saving…", then the
  // server's answer. A save that does not arrive (signed out, offline, a server error) is
  // kept in the page and in sessionStorage under the draft's id, counted in the banner,
  // and sent again when the connection returns, on "Try again", or on the form's next
  // load (after signing in again), which puts the kept values back first.
  var form = document.getElementById("assessment-form");
  if (form && form.dataset.draft) autosave(form);

  function autosave(form) {
    var storeKey = "tprofile-unsaved-" + form.dataset.draft;
    var banner = document.getElementById("autosave-banner");
    var bannerText = document.getElementById("autosave-banner-text");
    var signIn = banner.querySelector("[data-autosave-sign-in]");
    var failed = {}; // autosaving element's id → {values, reason}
    // Kept answers of another step of the form (its rows are not on this page): sent as
    // they were, in the background, until stored.
    var elsewhere = {};
    // Each request's autosaving element, by id: the answer may replace the element (a
    // conflict), and htmx then reports it from a parent.
    var sent = new WeakMap();
    var inFlight = 0;
    var submitter = null; // the Save or Submit button pressed while saves were on their way
    var NOT_SAVED = {
      "signed-out": "Not saved: you are signed out.",
      offline: "Not saved: no connection.",
      server: "Not saved: the server had a problem."
    };
    var WHY = {
      "signed-out": "you are signed out. Sign in again and they will be saved",
      offline: "there is no connection. They will be saved when it returns",
      server: "the server had a problem. Try again in a moment"
    };

    // Posted with Save and Submit: every answer was saved as it changed, so a submit
    // submits what is saved (assessments.posted.AUTOSAVE).
    var flag = document.createElement("input");
    flag.type = "hidden";
    flag.name = "autosave";
    flag.value = "1";
    form.appendChild(flag);

    function autosaving(elt) {
      return elt && elt.id && elt.hasAttribute("data-autosave") && form.contains(elt);
    }

    function setStatus(elt, text, kind) {
      var status = document.getElementById(elt.getAttribute("data-autosave"));
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("text-danger", kind === "error");
      status.classList.toggle("text-body-secondary", kind === "saving");
    }

    function valuesOf(elt) {
      var values = {};
      elt.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.type === "radio") {
          if (field.checked) values[field.name] = field.value;
        } else if (field.type === "checkbox") {
          values[field.name] = field.checked;
        } else {
          values[field.name] = field.value;
        }
      });
      return values;
    }

    function apply(elt, values) {
      elt.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (!Object.prototype.hasOwnProperty.call(values, field.name)) return;
        if (field.type === "radio") {
          field.checked = field.value === values[field.name];
        } else if (field.type === "checkbox") {
          field.checked = values[field.name] === true;
        } else {
          field.value = values[field.name];
          count(field);
        }
      });
    }

    function keep() {
      try {
        var all = Object.assign({}, elsewhere, failed);
        if (Object.keys(all).length) {
          window.sessionStorage.setItem(storeKey, JSON.stringify(all));
        } else {
          window.sessionStorage.removeItem(storeKey);
        }
      } catch (error) {
        // Storage may be off; the answers are still kept in the page.
      }
    }

    function kept() {
      try {
        return JSON.parse(window.sessionStorage.getItem(storeKey) || "{}") || {};
      } catch (error) {
        return {};
      }
    }

    function showBanner() {
      var ids = Object.keys(failed);
      if (!ids.length) {
        banner.hidden = true;
        return;
      }
      var reasons = ids.map(function (id) { return failed[id].reason; });
      var reason = ["signed-out", "offline", "server"].filter(function (r) {
        return reasons.indexOf(r) !== -1;
      })[0];
      bannerText.textContent = ids.length + (ids.length === 1 ? " answer is" : " answers are") +
        " not saved yet: " + WHY[reason] + ".";
      signIn.hidden = reason !== "signed-out";
      banner.hidden = false;
    }

    function retry() {
      Object.keys(failed).forEach(function (id) {
        var elt = document.getElementById(id);
        if (elt) window.htmx.trigger(elt, "change");
      });
      Object.keys(elsewhere).forEach(deliver);
    }

    // An answer kept from another step, posted as its row would post it.
    function deliver(id) {
      var body = new FormData();
      var values = elsewhere[id].values;
      Object.keys(values).forEach(function (name) {
        if (values[name] === true) body.append(name, "on");
        else if (values[name] !== false) body.append(name, values[name]);
      });
      window.fetch(form.getAttribute("action"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "HX-Request": "true", "X-CSRFToken": form.elements.csrfmiddlewaretoken.value }
      }).then(function (response) {
        // Stored, or answered (refused, or newer elsewhere): that step shows it when opened.
        if (response.ok || response.status === 409 || response.status === 422) {
          delete elsewhere[id];
          keep();
        }
      }, function () {});
    }

    function reasonFor(xhr) {
      var status = xhr ? xhr.status : 0;
      if (status === 401 && xhr.getResponseHeader("X-Login-URL")) return "signed-out";
      // A page whose CSRF token changed with a sign-in elsewhere: signing in again here
      // loads it afresh, with the kept answers.
      if (status === 403) return "signed-out";
      if (status === 0) return "offline";
      return "server";
    }

    document.body.addEventListener("htmx:beforeRequest", function (event) {
      var elt = event.detail.elt;
      if (!autosaving(elt)) return;
      sent.set(event.detail.xhr, elt.id);
      inFlight += 1;
      setStatus(elt, "Saving…", "saving");
    });

    document.body.addEventListener("htmx:afterRequest", function (event) {
      var id = event.detail.xhr && sent.get(event.detail.xhr);
      if (!id) return;
      sent.delete(event.detail.xhr);
      inFlight = Math.max(0, inFlight - 1);
      var xhr = event.detail.xhr;
      var status = xhr ? xhr.status : 0;
      // The row may have been replaced (a conflict answers with the row as saved now).
      var current = document.getElementById(id);
      if (!current) return;
      if ((status >= 200 && status < 300) || status === 409 || status === 422) {
        // Saved, or answered in the row (a refusal, or a newer value to decide on).
        delete failed[id];
        if (status === 409) {
          var choice = current.querySelector("[data-keep-yours]");
          if (choice) choice.focus();
        }
      } else {
        var reason = reasonFor(xhr);
        failed[id] = { values: valuesOf(current), reason: reason };
        setStatus(current, NOT_SAVED[reason], "error");
      }
      keep();
      showBanner();
      if (inFlight === 0 && submitter) {
        var pressed = submitter;
        submitter = null;
        if (!Object.keys(failed).length) form.requestSubmit(pressed);
      }
    });

    window.addEventListener("online", retry);
    banner.querySelector("[data-autosave-retry]").addEventListener("click", retry);

    // Save and Submit wait for the saves on their way, and do not leave with answers
    // unsaved: the banner says why and offers to try again.
    form.addEventListener("submit", function (event) {
      if (Object.keys(failed).length) {
        event.preventDefault();
        showBanner();
        banner.focus();
        retry();
      } else if (inFlight > 0) {
        event.preventDefault();
        submitter = event.submitter || null;
      }
    });

    // Enter in a field moves on to the next field (its change autosaves) instead of
    // submitting the whole form; on the last field it saves.
    form.addEventListener("keydown", function (event) {
      var field = event.target;
      if (event.key !== "Enter" || event.isComposing || field.tagName !== "INPUT") return;
      if (field.type === "submit" || field.type === "button") return;
      event.preventDefault();
      var fields = Array.prototype.filter.call(form.elements, function (candidate) {
        if (candidate.tagName === "FIELDSET" || candidate.tagName === "OUTPUT") return false;
        if (candidate.disabled || candidate.type === "hidden" || !candidate.getClientRects().length) {
          return false;
        }
        if (candidate.type !== "radio") return true;
        var group = form.querySelectorAll('input[type="radio"][name="' + candidate.name + '"]');
        var checked = form.querySelector('input[type="radio"][name="' + candidate.name + '"]:checked');
        return checked ? candidate === checked : candidate === group[0];
      });
      var next = fields[fields.indexOf(field) + 1];
      if (next) {
        next.focus();
      } else {
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });

    // The evidence count against its limit, live; a paste that does not fit says so.
    function count(field, cut) {
      var counter = document.getElementById(field.getAttribute("aria-describedby") || "");
      if (!counter || !counter.classList.contains("evidence-count")) return;
      var limit = Number(counter.getAttribute("data-limit"));
      var full = field.value.length >= limit;
      counter.textContent = field.value.length + " / " + limit + " characters" +
        (cut ? " — only the first part of what you pasted fits" : full ? " — the limit" : "");
      counter.classList.toggle("text-danger", full);
      counter.classList.toggle("text-body-secondary", !full);
    }
    form.addEventListener("input", function (event) { count(event.target); });
    form.addEventListener("paste", function (event) {
      var field = event.target;
      var limit = Number(field.getAttribute("maxlength"));
      if (!limit || !event.clipboardData) return;
      var room = limit - field.value.length + (field.selectionEnd - field.selectionStart);
      if (event.clipboardData.getData("text").length > room) {
        setTimeout(function () { count(field, true); }, 0);
      }
    });

    // "Keep yours" after a conflict: the page's answer goes back in the row and is saved
    // over the newer one, whose version the row now carries.
    form.addEventListener("click", function (event) {
      var button = event.target.closest("[data-keep-yours]");
      if (!button) return;
      var row = document.getElementById("row-" + button.getAttribute("data-keep-yours"));
      var values = {};
      values["level-" + button.getAttribute("data-keep-yours")] = button.getAttribute("data-level");
      values["evidence-" + button.getAttribute("data-keep-yours")] = button.getAttribute("data-evidence");
      apply(row, values);
      var checked = row.querySelector('input[type="radio"]:checked');
      if (checked) checked.focus();
      window.htmx.trigger(row, "change");
    });

    // Answers kept from before (a reload, or signing in again) go back in and are saved,
    // once htmx has set the form up.
    document.addEventListener("DOMContentLoaded", function () {
      setTimeout(function () {
        var saved = kept();
        Object.keys(saved).forEach(function (id) {
          var elt = document.getElementById(id);
          if (!saved[id] || !saved[id].values) return;
          if (!autosaving(elt)) {
            elsewhere[id] = saved[id];
            return;
          }
          apply(elt, saved[id].values);
          failed[id] = saved[id];
          setStatus(elt, NOT_SAVED[saved[id].reason] || NOT_SAVED.server, "error");
        });
        showBanner();
        retry();
      }, 0);
    });
  }

  // The quick start posts every answer on each change and gets the T back. A post that
  // does not arrive (signed out, offline, a server error) says so beside the T; the answers
  // stay in the page and in sessionStorage, and are posted again when the connection
  // returns, on "Try again", or on the page's next load (after signing in again).
  var quick = document.getElementById("quick-form");
  if (quick) quickStart(quick);

  function quickStart(form) {
    var status = document.getElementById("quick-status");
    var text = document.getElementById("quick-status-text");
    var retryButton = status.querySelector("[data-quick-retry]");
    var signIn = status.querySelector("[data-quick-sign-in]");
    // Per person: answers kept in a tab never go to someone else who signs in there.
    var storeKey = "tprofile-quick-start-" + form.dataset.owner;
    var NOT_SAVED = {
      "signed-out": "Not saved: you are signed out. Your answers are still here; sign in again and they will be saved.",
      offline: "Not saved: no connection. Your answers are still here and will be saved when it returns.",
      server: "Not saved: the server had a problem. Your answers are still here; try again in a moment."
    };
    var unsaved = false;

    function show(message, reason) {
      text.textContent = message;
      status.hidden = !message;
      retryButton.hidden = !reason || reason === "signed-out";
      signIn.hidden = reason !== "signed-out";
    }

    function values() {
      var kept = {};
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrfmiddlewaretoken") kept[name] = value;
      });
      return kept;
    }

    function save() {
      window.htmx.trigger(form, "change");
    }

    document.body.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.elt !== form) return;
      var xhr = event.detail.xhr;
      var code = xhr ? xhr.status : 0;
      if ((code >= 200 && code < 300) || code === 422) {
        // Saved, or refused with the reason shown beside the T.
        unsaved = false;
        show("", null);
        try { window.sessionStorage.removeItem(storeKey); } catch (error) { /* off */ }
        return;
      }
      var reason = code === 0 ? "offline"
        : (code === 401 && xhr.getResponseHeader("X-Login-URL")) || code === 403 ? "signed-out"
        : "server";
      unsaved = true;
      show(NOT_SAVED[reason], reason);
      try {
        window.sessionStorage.setItem(storeKey, JSON.stringify(values()));
      } catch (error) {
        // Storage may be off; the answers are still in the page.
      }
    });

    retryButton.addEventListener("click", save);
    window.addEventListener("online", function () { if (unsaved) save(); });

    document.addEventListener("DOMContentLoaded", function () {
      setTimeout(function () {
        var kept;
        try {
          kept = JSON.parse(window.sessionStorage.getItem(storeKey) || "null");
        } catch (error) {
          kept = null;
        }
        if (!kept) return;
        Object.keys(kept).forEach(function (name) {
          form.querySelectorAll("[name='" + name.replace(/[^a-z0-9_-]/gi, "") + "']").forEach(function (field) {
            if (field.type === "radio") field.checked = field.value === kept[name];
            else field.value = kept[name];
          });
        });
        save();
      }, 0);
    });
  }

  // After htmx swaps content in, move focus to a marked heading so keyboard and
  // screen-reader users land on what changed.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = document.getElementById(event.detail.target.id) || event.detail.target;
    var focus = root.matches("[data-focus-after-swap]") ? root : root.querySelector("[data-focus-after-swap]");
    if (focus) focus.focus({ preventScroll: true });
  });
})();
