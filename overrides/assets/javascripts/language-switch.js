// Keeps the reader's place when switching language.
//
// Both languages use the same heading anchors, so the fragment (#contraindications) is carried
// to the other language's twin page. A calculator page may replace the fragment with the
// reader's inputs through `window.bfrLanguageState` (see calculators.js); the fragment never
// reaches a server.
(function () {
  "use strict";
  function fragment() {
    if (typeof window.bfrLanguageState === "function") {
      const state = window.bfrLanguageState();
      if (state) return "#" + state;
    }
    return location.hash;
  }
  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest("a[hreflang]") : null;
    if (!link) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    url.hash = fragment();
    link.href = url.href;
  }, true);
})();
