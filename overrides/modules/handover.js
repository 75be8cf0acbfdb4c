// The hand-over from the load calculator to the session timer on the first-session page, through
// this tab's sessionStorage (never the address bar or the history): following the load result's
// link writes the numbers, and the first-session page fills them in once and removes them.
import { element } from "./dom.js";
import { DATA, words } from "./page-data.js";

const HANDOVER_KEY = "bfr-session-handover";

// The load result's link to the timer. What it hands on is what the core names in each result's
// `handover`: the load result's load and first-session sets, and the cuff result's pressure
// (where a first session starts; none for an elastic band).
export function handoverLink(r) {
  const link = element("a", { href: `${DATA.first_session}#timer` }, words.t("ui.handover.link"));
  link.addEventListener("click", () => {
    const values = { ...r.handover };
    const cuff = document.querySelector("form[data-calculator=cuff_pressure]");
    const pressure = cuff && cuff.dataset.result ? JSON.parse(cuff.dataset.result) : null;
    if (pressure && pressure.ok && pressure.result.handover) {
      values.pressure_mmhg = pressure.result.handover.pressure_mmhg;
    }
    try {
      sessionStorage.setItem(HANDOVER_KEY, JSON.stringify(values));
    } catch {
      // storage refused: the reader types the numbers instead
    }
  });
  return element("p", { class: "bfr-handover-link" }, link);
}

// The numbers handed on, filled into the session plan's form once, then forgotten.
export function takeHandover(form) {
  let handed = null;
  try {
    handed = JSON.parse(sessionStorage.getItem(HANDOVER_KEY) || "null");
    sessionStorage.removeItem(HANDOVER_KEY);
  } catch {
    handed = null;
  }
  if (!handed || typeof handed !== "object") return;
  const set = (name, value) => {
    const control = form.elements.namedItem(name);
    if (control && value !== undefined && value !== null) {
      control.value = typeof value === "number" ? words.typed.format(value) : String(value);
    }
  };
  set("ui-load_source", "set_load");
  set("unit", handed.unit);
  set("set_load", handed.set_load);
  set("sets", handed.sets);
  set("pressure_mmhg", handed.pressure_mmhg);
  form.dispatchEvent(new Event("change", { bubbles: true }));
  form.querySelector("[data-handover-status]").textContent = words.t("ui.handover.loaded");
}
