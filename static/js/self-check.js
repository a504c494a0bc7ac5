// Self-check questionnaires (core/blocks/self_check.py): scored here, in the visitor's browser.
// The scoring comes from the JSON definition the page carries (core/self_checks.py); this file has
// no copy of it. Nothing is sent anywhere: the submit is stopped and the result shown in the page.
// Without JavaScript the same form posts to the server, which works out the same result.
// "Send my answers with a call-back request" keeps the result in this tab's sessionStorage (never in
// the URL) and follows its link to the call-back form, where self-check-offer.js offers a box to tick
// to send it. Still nothing is sent from here.
(function () {
  "use strict";

  var STORAGE_KEY = "clinicsite.selfCheckResult"; // the same key as in self-check-offer.js

  function answerOf(form, name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? Number(checked.value) : null;
  }

  function setUp(section) {
    var definitionElement = document.getElementById(section.getAttribute("data-definition"));
    var form = section.querySelector("[data-self-check-form]");
    var result = section.querySelector("[data-self-check-result]");
    if (!definitionElement || !form || !result) return;
    var definition = JSON.parse(definitionElement.textContent);
    var summary = form.querySelector("[data-self-check-errors]");
    var summaryList = form.querySelector("[data-self-check-error-list]");

    function itemName(number) {
      return definition.itemName + number;
    }

    function showItemError(number, show) {
      var item = form.querySelector('[data-self-check-item="' + number + '"]');
      if (!item) return;
      var error = item.querySelector("[data-self-check-item-error]");
      var fieldset = item.querySelector("[data-self-check-fieldset]");
      var described = fieldset.getAttribute("aria-describedby").split(" ").filter(function (id) {
        return id && id !== error.id;
      });
      if (show) described.push(error.id);
      fieldset.setAttribute("aria-describedby", described.join(" "));
      error.hidden = !show;
      item.classList.toggle("self-check__item--error", show);
    }

    function showMissing(missing) {
      summaryList.textContent = "";
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + definition.slug + "-" + itemName(missing[0]) + "-0";
      link.textContent =
        (missing.length > 1 ? "Questions " : "Question ") + missing.join(", ") + (missing.length > 1 ? " have" : " has") + " no answer.";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var target = document.getElementById(link.hash.slice(1));
        if (target) {
          target.closest("fieldset").scrollIntoView({ block: "start" });
          target.focus();
        }
      });
      li.appendChild(link);
      summaryList.appendChild(li);
      summary.hidden = false;
      summary.focus();
    }

    function bandFor(total) {
      for (var i = 0; i < definition.bands.length; i++) {
        var band = definition.bands[i];
        if (band.low <= total && total <= band.high) return band;
      }
      return null;
    }

    var lastResult = null;

    function showResult(answers) {
      var total = answers.reduce(function (sum, value) {
        return sum + value;
      }, 0);
      var band = bandFor(total);
      var safety = definition.safetyItem !== null && answers[definition.safetyItem - 1] > 0;
      var difficulty = definition.difficultyName ? answerOf(form, definition.difficultyName) : null;
      lastResult = {
        instrument: definition.slug,
        name: definition.name,
        answers: answers,
        difficulty: difficulty,
        total: total,
        maxScore: definition.maxScore,
        band: band.label,
        safety: safety,
      };
      var nextStep = safety ? "soon" : band.nextStep;
      var crisis = result.querySelector("[data-self-check-crisis]");
      if (crisis) crisis.hidden = !safety;
      result.querySelector("[data-self-check-total]").textContent = String(total);
      result.querySelector("[data-self-check-band]").textContent = band.label;
      result.querySelector("[data-self-check-explanation]").textContent = band.explanation;
      result.querySelectorAll("[data-self-check-next]").forEach(function (element) {
        element.hidden = element.getAttribute("data-self-check-next") !== nextStep;
      });
      form.hidden = true;
      result.hidden = false;
      result.focus();
      result.scrollIntoView({ block: "start" });
    }

    form.addEventListener("change", function (event) {
      var item = event.target.closest("[data-self-check-item]");
      if (item) showItemError(item.getAttribute("data-self-check-item"), false);
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = [];
      var missing = [];
      for (var number = 1; number <= definition.items; number++) {
        var value = answerOf(form, itemName(number));
        var onScale = value !== null && definition.scale.indexOf(value) !== -1;
        showItemError(number, !onScale);
        if (onScale) answers.push(value);
        else missing.push(number);
      }
      if (missing.length) {
        showMissing(missing);
        return;
      }
      summary.hidden = true;
      showResult(answers);
    });

    var send = section.querySelector("[data-self-check-send]");
    if (send) {
      send.addEventListener("click", function (event) {
        if (!lastResult) {
          event.preventDefault();
          return;
        }
        try {
          window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(lastResult));
        } catch (error) {
          // Storage switched off: the call-back form opens without the answers, and nothing is sent.
        }
      });
    }

    section.querySelector("[data-self-check-change]").addEventListener("click", function () {
      result.hidden = true;
      form.hidden = false;
      var first = form.querySelector("input[type=radio]:checked") || form.querySelector("input[type=radio]");
      first.closest("fieldset").scrollIntoView({ block: "start" });
      first.focus();
    });
  }

  document.querySelectorAll("[data-self-check]").forEach(setUp);
})();
