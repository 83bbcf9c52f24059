/* Material requests the search index (the text of every page) as soon as any page opens. Hold
 * that one request back until the visitor opens search: most readers never do, and on a phone
 * the index is the largest download of a visit. Loaded before Material's bundle; every other
 * request goes out untouched. A page opened from a search result (?h=…) highlights the words
 * with the index, so it is fetched at once there. */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], released = new URLSearchParams(location.search).has("h");

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchIndex = /(^|\/)search\/search_index\.json$/.test(String(url).split(/[?#]/)[0]);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.searchIndex && !released) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };

  var toggle = document.getElementById("__search");
  var input = document.querySelector(".md-search__input");
  if (toggle) toggle.addEventListener("change", function () { if (toggle.checked) release(); });
  if (input) {
    input.addEventListener("focus", release);
    input.addEventListener("pointerdown", release);
  }
})();
