// The screening's one-page summary to take to a doctor: the result, the measurements and every
// answer, with lines to write on. Shown only when printing (calculators.css).
import { element } from "./dom.js";
import { labelOf } from "./form-errors.js";
import { words } from "./page-data.js";
import { RENDER } from "./render/index.js";

const { t } = words;

export function printSummary(form, result) {
  const answer = (field) => {
    const checked = field.querySelector("input:checked");
    return checked ? checked.closest("label").textContent.trim() : "";
  };
  const rows = [...form.querySelectorAll("[data-group=answers] fieldset")].map((field) => {
    const value = field.querySelector("input:checked")?.value;
    return element("tr", value === "yes" || value === "not_sure" ? { class: "bfr-print-answers__flag" } : {},
      element("td", {}, field.querySelector("legend").textContent.trim()),
      element("td", {}, answer(field)));
  });
  const measured = [...form.querySelectorAll(".bfr-measurements input")]
    .filter((input) => input.value.trim() !== "")
    .map((input) => `${labelOf(form, input.name)}: ${input.value.trim()} ${input.nextElementSibling?.textContent ?? ""}`);
  let summary = form.querySelector("[data-print-summary]");
  if (!summary) {
    summary = element("section", { class: "bfr-print-summary", "data-print-summary": "" });
    form.append(summary);
  }
  const [headline, ...parts] = RENDER.screening(result);
  const line = (label) => element("p", { class: "bfr-print-line" }, element("span", {}, label));
  const date = new Date().toLocaleDateString(words.dateLocale, { dateStyle: "long" });
  summary.replaceChildren(...[
    element("h2", {}, t("ui.print.title")),
    element("div", { class: "bfr-print-lines" }, line(t("ui.print.name")), line(t("ui.print.birth"))),
    element("p", {}, t("ui.print.date", { date })),
    headline, ...parts,
    measured.length > 0 ? element("p", {}, measured.join("; ")) : null,
    element("table", { class: "bfr-print-answers" },
      element("thead", {}, element("tr", {},
        element("th", { scope: "col" }, t("ui.print.question")),
        element("th", { scope: "col" }, t("ui.print.answer")))),
      element("tbody", {}, rows)),
    element("p", {}, t("ui.print.note")),
    element("div", { class: "bfr-print-lines" }, line(t("ui.print.comment"))),
    element("p", {}, t("ui.print.site", { url: location.origin + location.pathname })),
  ].filter(Boolean));
}
