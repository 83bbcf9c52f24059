/* 长辈版 (elder mode): larger type, larger targets, no animation (theme/assets/elder.css).
 * Loaded synchronously at the top of <body> (theme/partials/header.html), so the remembered
 * mode is set on <html> before anything is drawn. The choice is kept in localStorage, on this
 * device only; nothing leaves the page. Without this script the header links still work: #elder
 * turns the mode on for the page through CSS :target, # turns it off. */
(function () {
  "use strict";
  var KEY = "elder-mode";
  var root = document.documentElement;

  function remembered() {
    try { return window.localStorage.getItem(KEY) === "on"; } catch (e) { return false; }
  }
  function remember(on) {
    // Private browsing or a full store may refuse: the mode then lasts for this page only.
    try {
      if (on) window.localStorage.setItem(KEY, "on"); else window.localStorage.removeItem(KEY);
    } catch (e) { /* keep the class change */ }
  }
  function apply(on) {
    if (on) root.classList.add("elder"); else root.classList.remove("elder");
  }

  // A shared address ending in #elder asks for the mode: remember it like a click.
  if (window.location.hash === "#elder") remember(true);
  apply(remembered());

  window.addEventListener("hashchange", function () {
    if (window.location.hash === "#elder") { remember(true); apply(true); }
  });

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("[data-elder]") : null;
    if (!link) return;
    var on = link.getAttribute("data-elder") === "on";
    remember(on);
    apply(on);
    // Stay where the reader is, except to clear #elder: only a navigation ends :target.
    if (on || window.location.hash !== "#elder") event.preventDefault();
    // The clicked link is hidden now: give the focus to the one that replaced it.
    var other = document.querySelector('[data-elder="' + (on ? "off" : "on") + '"]');
    if (other) other.focus();
  });
})();
