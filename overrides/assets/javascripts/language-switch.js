// Keeps the reader's place when switching language.
//
// Both languages use the same heading anchors, so the section anchor (#contraindications) is
// carried to the other language's twin page. What the reader typed into a calculator never goes
// into the link: calculators.js hands it over through this tab's sessionStorage
// (`window.bfrCarryState`), because the browser keeps every address it visits in its history.
(function () {
  "use strict";
  // Only a fragment that names an element on this page is a section anchor; anything else
  // (a link with a calculator's inputs, say) stays behind.
  function section() {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return "";
    }
    return id && document.getElementById(id) ? location.hash : "";
  }
  document.addEventListener("click", function (event) {
    const link = event.target instanceof Element ? event.target.closest("a[hreflang]") : null;
    if (!link) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    url.hash = section();
    link.href = url.href;
    // A link opened in another tab or window starts empty; this tab keeps nothing for it.
    const plain = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
    if (plain && typeof window.bfrCarryState === "function") window.bfrCarryState(url);
  }, true);
})();
