// Forms: progressive enhancement only. Without this file every form still works.
//  - Moves focus to the error summary, and its links to the field they name.
//  - Gives a copy of a form that came from a cache a fresh CSRF token and timestamp (docs/forms.md).
//  - Ignores a second press of the send button while the first is being sent.
(function () {
  "use strict";
  if (window.clinicFormsLoaded) {
    return; // the script is included once per form; run it once per page
  }
  window.clinicFormsLoaded = true;

  function labelFor(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset) {
      return fieldset.querySelector("legend");
    }
    return document.querySelector("label[for='" + input.id + "']");
  }

  function focusField(event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) {
      return;
    }
    var input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) {
      return;
    }
    event.preventDefault();
    (labelFor(input) || input).scrollIntoView();
    input.focus({ preventScroll: true });
  }

  function refreshTokens(form) {
    var url = form.getAttribute("data-token-url");
    if (!url || !window.fetch) {
      return;
    }
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (tokens) {
        if (!tokens) {
          return;
        }
        var csrf = form.querySelector("input[name='csrfmiddlewaretoken']");
        var started = form.querySelector("[data-started-token]");
        if (csrf && tokens.csrfToken) {
          csrf.value = tokens.csrfToken;
        }
        if (started && tokens.started) {
          started.value = tokens.started;
        }
      })
      .catch(function () {
        // Offline or blocked: the tokens in the page are used, and the server explains if they are too old.
      });
  }

  function guardDoubleSubmit(form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("data-submitting") === "true") {
        event.preventDefault();
        return;
      }
      form.setAttribute("data-submitting", "true");
    });
  }

  window.addEventListener("pageshow", function () {
    // Coming back with the Back button: the form may be sent again.
    document.querySelectorAll("[data-clinic-form]").forEach(function (form) {
      form.removeAttribute("data-submitting");
    });
  });

  function init() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.addEventListener("click", focusField);
      summary.focus();
    }
    document.querySelectorAll("[data-clinic-form]").forEach(function (form) {
      guardDoubleSubmit(form);
      // A form shown again with errors was made for this visitor just now, and keeps its
      // original timestamp so the time already spent on it counts.
      if (!form.querySelector("[data-error-summary]")) {
        refreshTokens(form);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
