// The API docs: Swagger UI renders some buttons without a name, and scrollable code boxes
// that a keyboard cannot reach. Name them and make them focusable as they appear.
(function () {
  "use strict";
  var names = [
    [".copy-to-clipboard > button", "Copy to clipboard"],
    [".close-modal", "Close"],
  ];
  var root = document.getElementById("swagger-ui");
  var pending = false;

  function mend() {
    pending = false;
    names.forEach(function (pair) {
      root.querySelectorAll(pair[0] + ":not([aria-label])").forEach(function (button) {
        button.setAttribute("aria-label", pair[1]);
      });
    });
    root.querySelectorAll("pre.microlight:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }

  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(mend);
    }
  }).observe(root, { childList: true, subtree: true });
})();
