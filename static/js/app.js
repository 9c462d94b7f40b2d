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

  // After htmx swaps content in, move focus to a marked heading so keyboard and
  // screen-reader users land on what changed.
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = document.getElementById(event.detail.target.id) || event.detail.target;
    var focus = root.matches("[data-focus-after-swap]") ? root : root.querySelector("[data-focus-after-swap]");
    if (focus) focus.focus({ preventScroll: true });
  });
})();
