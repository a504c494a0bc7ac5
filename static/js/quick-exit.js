// "Leave this page quickly" (templates/includes/quick_exit.html): the button, or Esc pressed
// twice, replaces this page with a neutral site. location.replace() takes this page out of
// the history, so Back does not return to it. Without JavaScript the button is a plain link.
(function () {
  "use strict";

  var button = document.querySelector("[data-quick-exit]");
  if (!button) return;
  var destination = button.getAttribute("href");
  var ESC_WINDOW = 1000; // the second Esc must come within this many milliseconds
  var lastEscape = 0;

  function leave(event) {
    if (event) event.preventDefault();
    document.documentElement.classList.add("is-leaving"); // hide the page at once, before the new one loads
    window.location.replace(destination);
  }

  button.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var now = Date.now();
    if (now - lastEscape <= ESC_WINDOW) {
      leave(event);
      return;
    }
    lastEscape = now;
  });
})();
