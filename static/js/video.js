// Video blocks (templates/blocks/video_block.html): nothing is loaded from YouTube or Vimeo until
// the visitor presses play. Without this file the play button stays hidden and its link opens the
// video on the provider's own site. Each video block includes this file, so it runs once per block
// and leaves a block it has already set up alone.
(function () {
  "use strict";
  // The only players the page may load; the Content-Security-Policy's frame-src names the same two.
  var PLAYER = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/[\w-]+|player\.vimeo\.com\/video\/\d+)(\?|$)/;

  function openTranscript(link) {
    var transcript = document.getElementById(link.getAttribute("href").slice(1));
    if (transcript && transcript.tagName === "DETAILS") {
      transcript.open = true;
    }
  }

  function play(video) {
    var frame = video.querySelector(".video__frame");
    var player = document.createElement("iframe");
    player.className = "video__player";
    player.src = video.getAttribute("data-video-player");
    player.title = video.getAttribute("data-video-title");
    player.width = "640";
    player.height = "360";
    // The visitor pressed play once: the player starts without asking again.
    player.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
    player.allowFullscreen = true;
    player.referrerPolicy = "strict-origin-when-cross-origin";
    frame.classList.add("is-playing");
    frame.replaceChildren(player);
    // The button that had focus is gone: keyboard and screen reader users carry on in the player.
    player.focus();
  }

  document.querySelectorAll("[data-video]:not([data-video-ready])").forEach(function (video) {
    var button = video.querySelector("[data-video-play]");
    var link = video.querySelector("[data-video-link]");
    if (!button || !PLAYER.test(video.getAttribute("data-video-player") || "")) {
      return; // not a player this page may load: the link to the provider's site stays
    }
    video.setAttribute("data-video-ready", "");
    button.hidden = false;
    if (link) {
      link.remove();
    }
    button.addEventListener("click", function () {
      play(video);
    });
    var transcriptLink = video.querySelector("[data-video-transcript-link]");
    if (transcriptLink) {
      transcriptLink.addEventListener("click", function () {
        openTranscript(transcriptLink);
      });
    }
  });
})();
