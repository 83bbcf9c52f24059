/* Keyboard reach on phones. Material's header buttons (menu, search) are <label>s, which a
 * keyboard cannot reach: give them a tab stop, a role and a name (Material clicks a focused
 * label on Enter; Space does the same here). A table wider than the screen scrolls inside its
 * frame: that frame gets a tab stop too, so it can be scrolled with the arrow keys. */
(function () {
  "use strict";
  var names = { __drawer: "打开导航菜单", __search: "打开搜索" };
  document.querySelectorAll(".md-header label.md-header__button[for]").forEach(function (label) {
    if (!names[label.htmlFor]) return;
    label.tabIndex = 0;
    label.setAttribute("role", "button");
    label.setAttribute("aria-label", names[label.htmlFor]);
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); label.click(); }
    });
  });

  function scrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "表格（可左右滑动）");
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  // Material wraps the tables when the document is loaded (listeners run in order: its first).
  document.addEventListener("DOMContentLoaded", scrollers);
  window.addEventListener("load", scrollers);
  window.addEventListener("resize", scrollers);
})();
