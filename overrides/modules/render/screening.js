// The screening's result: the level (with its own shape, so that it never rests on colour
// alone), what decided it with each source, the advice, and the next steps for the level.
import { element, facts, fromTemplate } from "../dom.js";
import { DATA, words } from "../page-data.js";
import { notes } from "./parts.js";

const { t, show } = words;

// The level's icon, from the partial's <template data-icon> (partials/calculators/screening.html).
function icon(level) {
  return fromTemplate(document, `[data-icon="${level}"]`);
}

export function screening(r) {
  const bloodPressure = r.blood_pressure && t(`ui.screening.bp.${r.blood_pressure.band}`, r.blood_pressure);
  const reason = (id) => {
    if (id === "blood_pressure") return element("li", {}, `${t("decisive.blood_pressure")}: ${bloodPressure}`);
    if (id === "bmi") return element("li", {}, t("decisive.bmi", r));
    const question = DATA.questions.find((q) => q.id === id);
    if (!question) return element("li", {}, t(`decisive.${id}`));
    const kind = t(`ui.kind.${question.kind}`);
    const source = question.source
      ? element("a", { href: `${DATA.references}#${question.source}` }, DATA.reference_labels[question.source])
      : t("ui.source.precaution");
    return element("li", {}, `${t(`question.${id}.text`)} (${kind}; `, source, ")");
  };
  const advice = r.advice || [];
  return [
    element("p", { class: `bfr-headline bfr-level bfr-level--${r.level}`, "data-level": r.level },
      icon(r.level), element("span", {}, t(`level.${r.level}.title`))),
    element("p", { class: "bfr-next" }, t(`level.${r.level}.next`)),
    advice.length > 0 && element("div", { class: "bfr-advice" },
      element("p", {}, t("result.advice")),
      element("ul", {}, advice.map((code) => element("li", {}, t(`advice.${code}`))))),
    r.decisive.length > 0 && element("div", { class: "bfr-reasons" },
      element("p", {}, t("result.decisive")),
      element("ul", {}, r.decisive.map(reason))),
    (bloodPressure || r.bmi !== undefined) && facts([
      bloodPressure && [t("result.blood_pressure"), bloodPressure],
      r.bmi !== undefined && [t("result.bmi"), `${show(r.bmi)} ${t("unit.kg_m2")}`],
    ]),
    notes(r.warnings, r),
  ];
}

// The next step for the level (the partial's <template data-next>), and for a measured
// pressure in the "stop" band, when to get help at once.
export function nextSteps(form, result) {
  const copy = (name) => fromTemplate(form, `[data-next="${name}"]`);
  const steps = [copy(result.level)];
  if (result.blood_pressure && result.blood_pressure.band === "stop") {
    const urgent = copy("bp_urgent");
    urgent.querySelector("[data-urgent-text]").textContent = t("ui.next.bp_urgent", result.blood_pressure);
    steps.unshift(urgent);
  }
  return steps.filter(Boolean);
}
