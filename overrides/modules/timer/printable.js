// The session plan's printable four weeks: a row per session, with the numbers to use and boxes
// to fill in by hand.
import { element, labelCells } from "../dom.js";

// `words`: the timer's words (words.js); `plan`: the core's session plan, or null.
export function renderPrintable(printable, plan, words) {
  if (!plan) {
    printable.replaceChildren();
    return;
  }
  const { t, show } = words;
  const unit = t(`unit.${plan.unit}`);
  const load = t("ui.quantity", { value: show(plan.set_load), unit });
  const pressure = plan.pressure_mmhg !== undefined
    ? t("ui.quantity", { value: show(plan.pressure_mmhg), unit: t("unit.mmhg") }) : t("ui.plan.pressure_blank");
  const rows = [];
  for (const week of plan.weeks) {
    for (let session = 1; session <= week.sessions; session += 1) {
      rows.push(element("tr", {},
        element("td", {}, String(week.week)),
        element("td", {}, String(session)),
        element("td", { class: "bfr-plan-print__blank" }, ""),
        element("td", {}, String(week.sets)),
        element("td", {}, load),
        element("td", {}, pressure),
        element("td", { class: "bfr-plan-print__box" }, element("span", { class: "bfr-plan-print__tick" }))));
    }
  }
  const headings = ["ui.plan.week", "ui.plan.session", "ui.plan.date", "ui.plan.sets", "ui.plan.load",
    "ui.plan.pressure", "ui.plan.done"].map((key) => t(key));
  const header = headings.map((text) => element("th", { scope: "col" }, text));
  // A sheet of paper, never stacked; the cells name their headings all the same.
  labelCells(rows, headings);
  printable.replaceChildren(
    element("h2", {}, t("ui.plan.title")),
    element("p", {}, t("ui.plan.numbers", {
      set_load: plan.set_load, unit, reps: plan.reps.join("-"), rest_s: plan.rest_s, pressure })),
    element("table", { class: "bfr-plan-print__table" },
      element("thead", {}, element("tr", {}, header)),
      element("tbody", {}, rows)),
    element("p", {}, t("ui.plan.note")));
}
