// The session timer's start on the first-session page: it follows the session plan form's
// result (its data-result, set by form.js), renders the printable plan, and takes over the
// numbers handed on from the load calculator (handover.js).
import { takeHandover } from "../handover.js";
import { DATA } from "../page-data.js";
import { makeWords } from "../words.js";
import { renderPrintable } from "./printable.js";
import { SessionTimer } from "./timer.js";

export function startSessionTimer() {
  const form = document.querySelector("form[data-calculator=session_plan]");
  const root = document.querySelector("[data-timer]");
  const printable = document.querySelector("[data-plan-print]");
  if (!form || !root) return;
  // The timer writes its numbers as they are typed, without thousands separators.
  const words = makeWords(DATA, { grouping: false });
  const session = new SessionTimer(root, words.t);
  // Only a result that differs from the last one followed: rendering again for the same plan
  // would rewrite the button under a press (Start pressed as the set-load field is left).
  let followed = null; // data-result is a string, or undefined before the first result
  const follow = () => {
    const raw = form.dataset.result;
    if (raw === followed) return;
    followed = raw;
    const response = raw ? JSON.parse(raw) : null;
    const plan = response && response.ok ? response.result : null;
    session.setPlan(plan);
    renderPrintable(printable, plan, words);
  };
  new MutationObserver(follow).observe(form, { attributes: true, attributeFilter: ["data-result"] });
  follow();

  // The repetition scheme has dashes, which a phone's number pad may not offer.
  const scheme = form.querySelector("input[name=reps_scheme]");
  if (scheme) scheme.inputMode = "text";

  takeHandover(form);
}
