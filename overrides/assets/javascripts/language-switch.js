// Keeps the reader's place when switching language.
//
// Both languages use the same heading anchors and the same calculator form and field ids, so a
// place on one page names the same place on its twin. Two kinds of place are carried:
// - a section anchor already in the address (#contraindications) goes along in the link;
// - where the reader actually is goes through this tab's sessionStorage: the calculator field in
//   use (focused or last changed) when its form is on screen, otherwise the nearest heading above
//   the top of the screen, with how far from the top of the screen it was. The twin page scrolls
//   there and deletes the note.
// What the reader typed into a calculator never goes into the link: the calculators' script
// (overrides/modules/state.js) hands it over through sessionStorage too (`window.bfrCarryState`),
// because the browser keeps every address it visits in its history.
(function () {
  "use strict";
  const PLACE_KEY = "bfr-language-place";
  // How long the place is kept on screen while the page's height changes: on a page without
  // calculators, from when it is parsed; on a calculator page, from Python's first answer
  // (ready or failed), long enough for the results it then works out on a slow, busy phone.
  const KEEP_MS = 15000;

  // Only a fragment that names an element on this page is a section anchor; anything else
  // (a link with a calculator's inputs, say) stays behind.
  function section() {
    let id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return "";
    }
    return id && document.getElementById(id) ? location.hash : "";
  }

  // The height of Material's sticky header: what lies under it is not on screen.
  function headerHeight() {
    const header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().bottom : 0;
  }

  // The calculator field the reader used last (focused or changed), by its id.
  let used = null;
  function remember(event) {
    const target = event.target instanceof Element ? event.target : null;
    const form = target && target.closest("form[data-calculator]");
    if (!form) return;
    used = target.id ? target : form;
  }
  document.addEventListener("focusin", remember);
  document.addEventListener("input", remember);
  document.addEventListener("change", remember);

  function onScreen(element) {
    const box = element.getBoundingClientRect();
    return box.bottom > headerHeight() && box.top < window.innerHeight;
  }

  // Where the reader is now: { id, top } with top the element's distance from the top of the
  // screen, or null at the top of the page.
  function place() {
    if (used && used.isConnected) {
      const form = used.closest("form[data-calculator]");
      if (form && onScreen(form)) {
        const target = used.getClientRects().length > 0 ? used : form;
        const box = target.getBoundingClientRect();
        if (box.bottom > headerHeight() && box.top < window.innerHeight) {
          return { id: target.id, top: box.top };
        }
        return { id: form.id, top: form.getBoundingClientRect().top };
      }
    }
    if (window.scrollY < 1) return null;
    const top = headerHeight() + 1;
    let found = null;
    for (const heading of document.querySelectorAll(".md-content .md-typeset :is(h1, h2, h3, h4)[id]")) {
      const box = heading.getBoundingClientRect();
      if (box.top > top) break;
      found = { id: heading.id, top: box.top, heading: true };
    }
    return found;
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
    if (!plain) return;
    if (typeof window.bfrCarryState === "function") window.bfrCarryState(url);
    try {
      const here = place();
      if (here) sessionStorage.setItem(PLACE_KEY, JSON.stringify({ path: url.pathname, ...here }));
      else sessionStorage.removeItem(PLACE_KEY);
    } catch {
      // storage turned off: the twin page opens at its section anchor, or at the top
    }
  }, true);

  // ---------------------------------------------------------------- on the twin page

  function takePlace() {
    try {
      const carried = JSON.parse(sessionStorage.getItem(PLACE_KEY) || "null");
      sessionStorage.removeItem(PLACE_KEY);
      return carried && carried.path === location.pathname ? carried : null;
    } catch {
      return null;
    }
  }

  const carried = takePlace();
  if (carried && typeof carried.id === "string") {
    const restore = function () {
      const target = document.getElementById(carried.id);
      if (!target || target.getClientRects().length === 0) return;
      // A heading goes back to where it was, above the screen if the reader was deep in its
      // section; a calculator's field is brought on screen, under the header.
      const low = carried.heading ? -Infinity : headerHeight();
      const high = Math.max(headerHeight(), window.innerHeight - target.getBoundingClientRect().height);
      const wanted = Math.min(Math.max(Number(carried.top) || 0, low), high);
      window.scrollTo(0, window.scrollY + target.getBoundingClientRect().top - wanted);
    };
    // Once the calculators have filled in their forms (deferred scripts, run before
    // DOMContentLoaded), again when everything has loaded, and whenever the page's height
    // changes until the reader moves on: on a page without calculators for its first 15 s
    // (images, fonts); on a calculator page for 15 s after Python has answered (or
    // failed), however long its start takes on a slow phone, because the results worked out
    // again above the place then push it down (Safari has no scroll anchoring to hold it).
    let moved = false;
    const keep = "ResizeObserver" in window
      ? new ResizeObserver(function () { if (!moved) restore(); })
      : null;
    let ending = 0;
    const stop = function () {
      moved = true;
      clearTimeout(ending);
      if (keep) keep.disconnect();
    };
    const stopIn = function (ms) {
      clearTimeout(ending);
      ending = setTimeout(stop, ms);
    };
    for (const type of ["wheel", "touchmove", "keydown", "mousedown"]) {
      window.addEventListener(type, stop, { passive: true, once: true });
    }
    document.addEventListener("bfr-calculators-settled", function () { stopIn(KEEP_MS); });
    document.addEventListener("DOMContentLoaded", function () {
      restore();
      if (keep && !moved) {
        keep.observe(document.body);
        if (!document.querySelector("form[data-calculator]")) stopIn(KEEP_MS);
      }
    });
    window.addEventListener("load", function () { if (!moved) restore(); });
  }

  // The language menu marks the language of this page.
  document.addEventListener("DOMContentLoaded", function () {
    const lang = document.documentElement.lang;
    for (const link of document.querySelectorAll(".md-select__link[hreflang]")) {
      if (link.hreflang === lang) link.setAttribute("aria-current", "true");
    }
  });
})();
