// What the reader typed, kept where the reader can find it again and nowhere else.
//
// Browsers keep every address a tab shows in their history, which may be synced to the reader's
// account, so what the reader typed goes into no address unless the reader asks for a link:
// - this tab's own history entry keeps it (`history.state`, the address unchanged), so Back,
//   Forward and Reload find it again;
// - the language switch hands it to the twin page through this tab's sessionStorage
//   (`window.bfrCarryState`, called by language-switch.js); the twin page clears it on reading.
//   The session timer hands on its plan and a running session the same way, and only that way
//   (`carryOnLanguageSwitch`);
// - a link the reader asks for carries it after the # sign; a page opened from such a link reads
//   it and then takes it out of the address bar;
// - a page left for another one keeps a copy of every form in its own memory, nothing stored, for
//   the moment it comes back from the browser's back/forward cache (`keepFormsForReturn`).

// The page's calculators (form.js), in page order.
export const forms = [];
const CARRY_KEY = "bfr-language-switch";
// Chromium ignores history changes beyond 200 in 10 s, so typing saves at most this often.
const KEEP_INTERVAL_MS = 100;

// The inputs of `calculators` as `name.field=value&...`; the session plan's never (it holds
// nothing a link or the history needs).
export function encodeState(calculators = forms) {
  const params = new URLSearchParams();
  for (const calculator of calculators) {
    if (calculator.name === "session_plan") continue; // never in a link or the history
    for (const control of calculator.form.elements) {
      if (!control.name || control.type === "submit" || control.type === "button") continue;
      if ((control.type === "radio" || control.type === "checkbox") && !control.checked) continue;
      if (control.value.trim() === "") continue;
      // a group of ticked boxes (the screening's arms and legs) repeats its name
      params.append(`${calculator.name}.${control.name}`, control.value);
    }
  }
  return params.toString();
}

// The calculator a state key belongs to and the control it names, if both exist on this page.
function controlOf(key) {
  const dot = key.indexOf(".");
  if (dot < 0) return null;
  const calculator = forms.find((c) => c.name === key.slice(0, dot));
  const name = key.slice(dot + 1);
  const control = calculator && calculator.form.elements.namedItem(name);
  return control ? { calculator, name, control } : null;
}

function holdsState(text) {
  return [...new URLSearchParams(text).keys()].some((key) => controlOf(key) !== null);
}

function applyState(text) {
  for (const [key, value] of new URLSearchParams(text)) {
    const found = controlOf(key);
    if (!found) continue;
    const boxes = found.control instanceof RadioNodeList ? [...found.control] : [found.control];
    if (boxes[0] && boxes[0].type === "checkbox") {
      for (const box of boxes) if (box.value === value) box.checked = true;
    } else {
      found.control.value = value; // a RadioNodeList checks the radio with this value
    }
    found.calculator.touched.add(found.name);
  }
}

// Kept with this tab's current history entry only; the address stays as it is.
let keepTimer = 0;
let keptAt = -Infinity;

export function keepState() {
  clearTimeout(keepTimer);
  keepTimer = 0;
  const kept = history.state && typeof history.state === "object" ? history.state : {};
  const state = encodeState();
  if (kept.bfrState === state) return; // a radio's "input" and "change" say the same
  keptAt = performance.now();
  try {
    history.replaceState({ ...kept, bfrState: state }, "");
  } catch {
    // a state too large to keep (a pasted megabyte): Back then shows the form empty
  }
}

export function keepStateSoon() {
  const wait = keptAt + KEEP_INTERVAL_MS - performance.now();
  if (wait <= 0) keepState();
  else if (!keepTimer) keepTimer = setTimeout(keepState, wait);
}

// The last keystrokes, when the reader leaves (a link, Back) before they were saved.
export function keepStateOnLeaving() {
  window.addEventListener("pagehide", () => { if (keepTimer) keepState(); });
}

// Every control's value (the checked radio of each group), form by form, in page order; a
// tick box (the screening's arms and legs) by its place in the form, with whether it is ticked.
function formValues() {
  return forms.map((calculator) => [...calculator.form.elements]
    .map((control, index) => [control, index])
    .filter(([control]) => control.name && control.type !== "submit" && control.type !== "button"
      && (control.type !== "radio" || control.checked))
    .map(([control, index]) => (control.type === "checkbox"
      ? [index, control.checked] : [control.name, control.value])));
}

// A page restored from the back/forward cache must show what the reader typed with the result
// that belongs to it. WebKit (Safari) empties every autocomplete="off" field as it restores a
// page, while the result stays on screen, and the session plan is in no history entry at all.
// So, as the page is hidden: the forms are copied into this page's memory only (never storage,
// the history or an address), and the fields are marked autocomplete="on" for as long as the
// page waits in the cache, which is what keeps WebKit from emptying them (form history is kept
// on a submit, and these forms are never submitted). When the page is shown from the cache, the
// fields are "off" again, what was typed is put back where it is missing, and `shown` works each
// result out again from what the fields hold.
export function keepFormsForReturn(shown) {
  let left = null;
  const unguarded = () => document.querySelectorAll("form[data-calculator] input[data-autocomplete-off]");
  window.addEventListener("pagehide", () => {
    left = formValues();
    for (const input of document.querySelectorAll("form[data-calculator] input[autocomplete=off]")) {
      input.dataset.autocompleteOff = "";
      input.autocomplete = "on";
    }
  });
  window.addEventListener("pageshow", (event) => {
    for (const input of unguarded()) {
      input.autocomplete = "off";
      delete input.dataset.autocompleteOff;
    }
    if (!event.persisted) return;
    const kept = history.state && typeof history.state.bfrState === "string" ? history.state.bfrState : "";
    if (kept) applyState(kept); // load and screening: the tab's history entry
    (left || []).forEach((values, index) => {
      for (const [name, value] of values) {
        if (!forms[index]) continue;
        if (typeof value === "boolean") {
          const box = forms[index].form.elements[name];
          if (box && box.checked !== value) box.checked = value;
          continue;
        }
        const control = forms[index].form.elements.namedItem(name);
        if (control && control.value !== value) control.value = value; // a RadioNodeList checks it
      }
    });
    left = null;
    shown();
  });
}

// A link made earlier no longer matches the form once the reader changes it: take it out of the
// address bar rather than leave the old inputs there.
export function dropLinkFromAddress() {
  if (holdsState(location.hash.slice(1))) {
    history.replaceState(history.state, "", location.pathname + location.search);
  }
}

function takeCarriedState() {
  try {
    const carried = JSON.parse(sessionStorage.getItem(CARRY_KEY) || "null");
    sessionStorage.removeItem(CARRY_KEY);
    return carried && carried.path === location.pathname ? String(carried.state) : "";
  } catch {
    return ""; // storage turned off: the page opens empty
  }
}

export function restoreState() {
  const carried = takeCarriedState();
  const kept = history.state && typeof history.state.bfrState === "string" ? history.state.bfrState : "";
  if (holdsState(location.hash.slice(1))) {
    applyState(location.hash.slice(1)); // a link the reader made
  } else if (kept) {
    applyState(kept); // Back, Forward or Reload to this entry
  } else if (carried) {
    applyState(carried); // the other language's page, just before the switch
  }
  keepState();
  dropLinkFromAddress();
}

// What else goes to the twin page on a language switch, through this tab's sessionStorage only:
// each `carry(target)` is called with the twin page's URL.
const carriers = [];
export function carryOnLanguageSwitch(carry) {
  carriers.push(carry);
}

// The language switch calls this with the twin page's URL just before it goes there.
export function offerToLanguageSwitch() {
  window.bfrCarryState = (target) => {
    carriers.forEach((carry) => carry(target));
    keepState(); // for Back to this page
    const state = encodeState();
    try {
      if (state) sessionStorage.setItem(CARRY_KEY, JSON.stringify({ path: target.pathname, state }));
      else sessionStorage.removeItem(CARRY_KEY);
    } catch {
      // storage turned off: the twin page opens empty rather than with the inputs in its address
    }
  };
}

// A link to this page with the inputs of `calculators` after the # sign.
export function linkTo(calculators) {
  const link = new URL(location.href);
  link.hash = encodeState(calculators);
  return link;
}
