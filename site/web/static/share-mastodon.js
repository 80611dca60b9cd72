// The Mastodon share page (/share/mastodon/): fills the form from ?text=, checks the server is a host name (with
// a port or without) and sends the visitor to https://<server>/share?text=...; the server is remembered in
// localStorage only when the visitor ticks the box (and forgotten when they untick it). Nothing is asked of any host before they submit.
(function () {
  "use strict";
  var form = document.getElementById("share-mastodon");
  if (!form) return;
  var text = form.elements.text, server = form.elements.server, remember = form.elements.remember;
  var error = document.getElementById("share-server-error");
  var key = form.getAttribute("data-remember-key");
  var HOST = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
  var PORT = /^[1-9][0-9]{0,4}$/;
  var MAX_TEXT = 2000;
  document.getElementById("share-without-script").hidden = true;

  text.value = (new URLSearchParams(window.location.search).get("text") || "").slice(0, MAX_TEXT);
  try {
    var stored = window.localStorage.getItem(key);
    if (stored && isServer(stored)) { server.value = stored; remember.checked = true; }
  } catch (ignored) { /* storage refused: the visitor types the server each time */ }

  // A host name, with a port (mastodon.social:8443) or without.
  function isServer(value) {
    var parts = value.split(":");
    if (parts.length > 2 || !HOST.test(parts[0])) return false;
    return parts.length === 1 || (PORT.test(parts[1]) && Number(parts[1]) <= 65535);
  }

  // What a visitor may type: mastodon.social, mastodon.social:8443, https://mastodon.social/, @name@mastodon.social.
  function hostOf(value) {
    var host = value.trim().toLowerCase().replace(/^https?:\/\//, "").replace(/[\/?#].*$/, "").replace(/^.*@/, "");
    return isServer(host) ? host : null;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var host = hostOf(server.value);
    if (!host) {
      error.textContent = form.getAttribute("data-bad-server").replace("{typed}", server.value.trim());
      server.setAttribute("aria-invalid", "true");
      server.focus();
      return;
    }
    error.textContent = "";
    server.removeAttribute("aria-invalid");
    try {
      if (remember.checked) window.localStorage.setItem(key, host); else window.localStorage.removeItem(key);
    } catch (ignored) { /* not remembered: nothing else changes */ }
    window.location.assign("https://" + host + "/share?text=" + encodeURIComponent(text.value.slice(0, MAX_TEXT)));
  });
})();
