// The screening's one-page summary to take to a doctor, midwife or physiotherapist: the result
// with what decided it and the arms and legs to keep the cuff off, the measurements, and every
// answer by number and short name, with lines to write on. Shown only when printing
// (calculators.css).
import { element } from "./dom.js";
import { labelOf } from "./form-errors.js";
import { DATA, words } from "./page-data.js";
import { RENDER } from "./render/index.js";
import { list, questionName } from "./render/screening.js";

const { t } = words;

export function printSummary(form, result) {
  const answerOf = (id) => {
    const checked = form.querySelector(`[data-field="${CSS.escape(id)}"] input:checked`);
    return checked ? checked.closest("label").textContent.trim() : "";
  };
  // The limbs the core excluded for each limb question, and the team answer after an operation.
  const limbsOf = (id) => result.limbs.excluded.filter((e) => e.because.includes(id))
    .map((e) => t(`option.limbs.${e.limb}`));
  const rows = DATA.questions.map((q) => {
    const value = form.querySelector(`[data-field="${CSS.escape(q.id)}"] input:checked`)?.value;
    let answer = answerOf(q.id);
    const limbs = limbsOf(q.id);
    if (limbs.length > 0) answer = t("ui.labelled", { label: answer, value: list(limbs) });
    const followUp = q.follow_up && value && value !== "no" ? answerOf(q.follow_up) : "";
    if (followUp) {
      const team = t("ui.labelled", { label: t(`field.${q.follow_up}.short`), value: followUp });
      answer = [answer, team].join(t("ui.list.separator"));
    }
    return element("tr", value === "yes" || value === "not_sure" ? { class: "bfr-print-answers__flag" } : {},
      element("td", {}, questionName(q.id)),
      element("td", {}, answer));
  });
  const measured = [...form.querySelectorAll(".bfr-measurements input[type=text]")]
    .filter((input) => input.value.trim() !== "")
    .map((input) => t("ui.labelled", { label: labelOf(form, input.name),
      value: t("ui.quantity", { value: input.value.trim(), unit: input.nextElementSibling?.textContent ?? "" }).trim() }));
  const place = result.blood_pressure && t(`option.bp_place.${result.blood_pressure.place}`);
  if (place) measured.push(`${labelOf(form, "bp_place")} ${place}`);
  let summary = form.querySelector("[data-print-summary]");
  if (!summary) {
    summary = element("section", { class: "bfr-print-summary", "data-print-summary": "" });
    form.append(summary);
  }
  const [headline, ...parts] = RENDER.screening(result);
  const line = (label) => element("p", { class: "bfr-print-line" }, element("span", {}, label));
  const date = words.date(new Date());
  summary.replaceChildren(...[
    element("h2", {}, t("ui.print.title")),
    element("div", { class: "bfr-print-lines" }, line(t("ui.print.name")), line(t("ui.print.birth"))),
    element("p", {}, t("ui.print.date", { date })),
    headline, ...parts,
    measured.length > 0 ? element("p", {}, measured.join("; ")) : null,
    // Two columns of answers side by side keep the sheet to one A4 page at 10 pt.
    element("div", { class: "bfr-print-columns" },
      [rows.slice(0, Math.ceil(rows.length / 2)), rows.slice(Math.ceil(rows.length / 2))].map((half) =>
        element("table", { class: "bfr-print-answers" },
          element("thead", {}, element("tr", {},
            element("th", { scope: "col" }, t("ui.print.question")),
            element("th", { scope: "col" }, t("ui.print.answer")))),
          element("tbody", {}, half)))),
    element("p", {}, t("ui.print.note")),
    element("div", { class: "bfr-print-lines" }, line(t("ui.print.comment"))),
    element("p", {}, t("ui.print.site", { url: location.origin + location.pathname })),
  ].filter(Boolean));
}
