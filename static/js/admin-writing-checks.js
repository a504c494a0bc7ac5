// The page editor's "Writing checks" panel (core/panels.py): rechecks the unsaved form as
// the editor types, the way Wagtail's preview does, and never saves anything.
(function () {
  "use strict";

  var INTERVAL = 1500; // how often to look for changes, in milliseconds

  function serialise(form) {
    var data = new FormData(form);
    var parts = [];
    data.forEach(function (value, key) {
      if (typeof value === "string") parts.push(key + "=" + value);
    });
    return parts.join("&");
  }

  function start(panel) {
    var url = panel.getAttribute("data-writing-checks-url");
    var form = panel.closest("form");
    var results = panel.querySelector("[data-writing-checks-results]");
    var status = panel.querySelector("[data-writing-checks-status]");
    if (!url || !form || !results) return;
    var last = serialise(form);
    var busy = false;

    function recheck() {
      var current = serialise(form);
      if (busy || current === last) return;
      busy = true;
      last = current;
      fetch(url, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          return response.text().then(function (html) {
            if (response.ok) {
              results.innerHTML = html;
              status.textContent = "";
            } else {
              status.textContent = "The checks will update once the form has no errors.";
            }
          });
        })
        .catch(function () {
          status.textContent = "The checks could not be updated. They update again when you save.";
        })
        .finally(function () {
          busy = false;
        });
    }

    window.setInterval(recheck, INTERVAL);
  }

  function init() {
    document.querySelectorAll("[data-writing-checks]").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
