// The session timer's start on the first-session page: it follows the session plan form's
// result (its data-result, set by form.js), renders the printable plan, takes over the numbers
// handed on from the load calculator (handover.js), and carries the plan and a running session
// to the other language's page. The plan's settings are folded under the timer ("Change the
// plan"), open only while the plan needs the reader: no weight yet, or an error.
import { takeHandover } from "../handover.js";
import { DATA } from "../page-data.js";
import { carryOnLanguageSwitch } from "../state.js";
import { makeWords } from "../words.js";
import { renderPrintable } from "./printable.js";
import { SessionTimer } from "./timer.js";

// The plan's fields and a running session on their way to the twin page, in this tab's
// sessionStorage only, and read once: never in an address, a link or the history.
const CARRY_KEY = "bfr-timer-language-switch";

function fieldValues(form) {
  return [...form.elements]
    .filter((control) => control.name && control.type !== "submit" && control.type !== "button"
      && (control.type !== "radio" || control.checked))
    .map((control) => [control.name, control.value]);
}

function takeCarried() {
  try {
    const carried = JSON.parse(sessionStorage.getItem(CARRY_KEY) || "null");
    sessionStorage.removeItem(CARRY_KEY);
    return carried && carried.path === location.pathname ? carried : null;
  } catch {
    return null; // storage turned off: the page opens as usual
  }
}

// Whether the form holds the weight the plan needs, in the way chosen.
function hasLoad(form) {
  const source = form.elements.namedItem("ui-load_source");
  const field = form.elements.namedItem(source && source.value === "one_rm" ? "one_rm" : "set_load");
  return Boolean(field && field.value.trim());
}

export function startSessionTimer() {
  const form = document.querySelector("form[data-calculator=session_plan]");
  const root = form && form.querySelector("[data-timer]");
  const printable = document.querySelector("[data-plan-print]");
  const settings = form && form.querySelector("[data-timer-settings]");
  if (!form || !root) return;
  // The timer writes its numbers as they are typed, without thousands separators.
  const words = makeWords(DATA, { grouping: false });
  const session = new SessionTimer(root, words, form);
  // Only a result that differs from the last one is followed: rendering again for the same plan
  // would rewrite the button under a press (Start pressed as the set-load field is left).
  let followed = null; // data-result is a string, or undefined before the first result
  const follow = () => {
    const raw = form.dataset.result;
    if (raw === followed) {
      session.render(); // the runtime's state may have changed (data-state)
      return;
    }
    followed = raw;
    const response = raw ? JSON.parse(raw) : null;
    const plan = response && response.ok ? response.result : null;
    session.setPlan(plan);
    session.render();
    renderPrintable(printable, plan, words);
    if (response && !response.ok) settings.open = true; // what to fill in or correct is in there
  };
  new MutationObserver(follow).observe(form, { attributes: true, attributeFilter: ["data-result", "data-state"] });

  const carried = takeCarried();
  if (carried && Array.isArray(carried.fields)) {
    for (const [name, value] of carried.fields) {
      const control = form.elements.namedItem(name);
      if (control && typeof value === "string") control.value = value; // a RadioNodeList checks it
    }
  }
  takeHandover(form);
  settings.open = carried ? Boolean(carried.open) : !hasLoad(form);
  if (carried && carried.session) session.restore(carried.plan, carried.session);
  follow();

  carryOnLanguageSwitch((target) => {
    const clock = session.clock;
    const value = { path: target.pathname, fields: fieldValues(form), open: settings.open };
    if (clock.active) {
      value.plan = clock.plan;
      value.session = clock.snapshot(Date.now());
    }
    try {
      sessionStorage.setItem(CARRY_KEY, JSON.stringify(value));
    } catch {
      // storage turned off: the twin page opens with the plan empty
    }
  });
}
