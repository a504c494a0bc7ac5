// The self-check box on the call-back form (templates/forms/includes/self_check_offer.html) and the
// thank-you page. No copy of any questionnaire here: the server checks and scores the answers again.
//  - On the form: fills in the hidden box from the result self-check.js kept in this tab's
//    sessionStorage (questionnaire, score, band), unticked. The answers are the checkbox's value,
//    so the browser sends them only if the visitor ticks it. A box the server filled in is left alone.
//  - "Do not send my answers, and forget them" removes the box and the kept result.
//  - On the thank-you page: the request was sent, so the kept result is forgotten.
(function () {
  "use strict";

  var STORAGE_KEY = "clinicsite.selfCheckResult"; // the same key as in self-check.js

  function forget() {
    try {
      window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // Storage switched off: nothing was kept.
    }
  }

  function kept() {
    try {
      var result = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
      if (result && typeof result.instrument === "string" && Array.isArray(result.answers)) return result;
    } catch (error) {
      // Not readable: treated as nothing kept.
    }
    return null;
  }

  function fill(offer, result) {
    var names = {
      "data-self-check-offer-name": result.name,
      "data-self-check-offer-total": String(result.total),
      "data-self-check-offer-max": String(result.maxScore),
      "data-self-check-offer-band": result.band,
    };
    Object.keys(names).forEach(function (attribute) {
      offer.querySelectorAll("[" + attribute + "]").forEach(function (element) {
        element.textContent = names[attribute];
      });
    });
    var urgent = offer.querySelector("[data-self-check-offer-urgent]");
    if (urgent) urgent.hidden = !result.safety;
    var box = offer.querySelector("[data-self-check-offer-box]");
    box.value = JSON.stringify({
      instrument: result.instrument,
      answers: result.answers,
      difficulty: typeof result.difficulty === "number" ? result.difficulty : null,
    });
    box.checked = false; // the visitor decides, every time
    offer.hidden = false;
  }

  function setUp(offer) {
    var status = offer.nextElementSibling && offer.nextElementSibling.matches("[data-self-check-offer-status]")
      ? offer.nextElementSibling
      : null;
    if (!offer.hasAttribute("data-self-check-offer-filled")) {
      var result = kept();
      if (!result || !offer.querySelector("[data-self-check-offer-box]")) return;
      fill(offer, result);
    }
    var wrap = offer.querySelector("[data-self-check-forget-wrap]");
    var button = offer.querySelector("[data-self-check-forget]");
    if (!wrap || !button) return;
    wrap.hidden = false;
    button.addEventListener("click", function () {
      forget();
      var box = offer.querySelector("[data-self-check-offer-box]");
      if (box) {
        box.checked = false;
        box.disabled = true;
        box.value = "";
      }
      offer.hidden = true;
      if (status) status.textContent = "Your self-check answers were forgotten and will not be sent.";
      var submit = offer.closest("form") && offer.closest("form").querySelector("[type=submit]");
      if (submit) submit.focus(); // the button pressed is gone: focus goes on to what comes next
    });
  }

  function init() {
    if (document.querySelector("[data-self-check-sent]")) {
      forget();
      return;
    }
    document.querySelectorAll("[data-self-check-offer]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
