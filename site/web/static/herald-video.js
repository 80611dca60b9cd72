/* Click-to-play for YouTube and Vimeo: the page shows the site's own poster and a link to the video; only the
   visitor's press on the button loads the host's privacy-enhanced player (youtube-nocookie.com, Vimeo with
   dnt=1), named by the figure's data-player. The focus moves into the player, so a keyboard user goes on there. */
(function () {
  "use strict";
  var allowed = /^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/;

  function play(figure, button) {
    var player = figure.getAttribute("data-player");
    if (!allowed.test(player)) return;
    var frame = document.createElement("iframe");
    frame.src = player;
    frame.title = figure.querySelector(".video-link").textContent;
    frame.className = "video-frame";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    frame.width = "480";
    frame.height = "270";
    figure.querySelector(".video-poster").replaceWith(frame);
    button.remove();
    figure.classList.add("video-playing");
    frame.focus();
  }

  document.querySelectorAll("figure.video-facade").forEach(function (figure) {
    var button = figure.querySelector("button.video-play");
    if (!button) return;
    button.hidden = false;  /* without this script the button would do nothing: the link under it stays */
    button.addEventListener("click", function () { play(figure, button); });
  });
})();
