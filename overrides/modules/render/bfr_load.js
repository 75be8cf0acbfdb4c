// The training load's result: the headline load, the set plan, the percent table, how sure an
// estimated 1RM is, and the link that hands the numbers to the session timer.
import { details, element, facts, table } from "../dom.js";
import { handoverLink } from "../handover.js";
import { words } from "../page-data.js";
import { notes } from "./parts.js";

const { t, show, range, figure } = words;

function estimatesTable(r, unit) {
  return table(t("result.estimates"), [t("ui.formula"), t("ui.with_note", { text: t("result.one_rm"), note: unit })],
    Object.entries(r.estimates).map(([formula, value]) => element("tr",
      formula === r.default_formula ? { class: "bfr-estimates__default" } : {},
      element("th", { scope: "row" }, formula === r.default_formula
        ? t("ui.with_note", { text: t(`formula.${formula}`), note: t("ui.formula.default") }) : t(`formula.${formula}`)),
      element("td", {}, figure("estimate", value)))),
    { "data-estimates": "" });
}

export function bfrLoad(r) {
  const unit = t(`unit.${r.unit}`);
  const weight = (value) => t("ui.quantity", { value: show(value), unit });
  const oneRm = r.one_rm_source === "estimated"
    ? [t("result.one_rm"), t("ui.with_note", {
      text: t("ui.quantity", { value: figure("one_rm", r.one_rm), unit }),
      note: t("ui.load.one_rm_estimated", { formula: t(`formula.${r.default_formula}`), load: r.load, unit, reps: r.reps }),
    })]
    : [t("ui.one_rm_source.legend"), weight(r.one_rm)];
  // A load that rounding moved out of 20-40 % is a warning, never the headline.
  const headline = r.in_range
    ? element("p", { class: "bfr-headline" }, t("ui.load.headline", { set_load: r.set_load, unit }))
    : element("div", { class: "bfr-alert", "data-load-outside": "" },
      element("p", { class: "bfr-headline" }, t("ui.load.outside")),
      element("p", {}, t("warning.set_load_outside_range", { set_percent: r.set_percent })));
  const plan = r.set_plan.map((row) => element("tr", row.first_sessions ? {} : { class: "bfr-plan__later" },
    element("th", { scope: "row" }, row.first_sessions ? show(row.set) : t("ui.load.plan.later", { set: row.set })),
    element("td", {}, show(row.reps)),
    element("td", {}, weight(row.load)),
    element("td", {}, row.rest_s ? range(row.rest_s, "s") : t("ui.load.plan.end"))));
  const percents = r.percent_table.map((row) => element("tr", {},
    element("th", { scope: "row" }, t("ui.percent_value", { value: row.percent })),
    element("td", {}, row.load === null ? t("ui.load.percent.none") : weight(row.load))));
  return [
    headline,
    facts([
      oneRm,
      r.in_range
        ? [t("ui.load.share_label"), t("ui.percent_value", { value: figure("set_percent", r.set_percent) })]
        : [t("ui.load.nearest_label"), t("ui.load.nearest", { set_load: r.set_load, unit, set_percent: r.set_percent })],
      [t("result.restriction_min"), range(r.restriction_min, "min")],
      [t("result.sessions_per_week"), range(r.sessions_per_week, "per_week")],
      [t("result.conventional_load"), t("ui.load.conventional", {
        load_min: r.conventional.set_load_min, load_max: r.conventional.set_load_max, unit,
        percent_min: r.conventional.percent_min, percent_max: r.conventional.percent_max })],
    ]),
    r.in_range && table(t("ui.load.plan.caption"),
      [t("ui.load.plan.set"), t("ui.load.plan.reps"), t("ui.load.plan.load"), t("ui.load.plan.rest")],
      plan, { "data-set-plan": "" }),
    r.in_range && element("p", { class: "bfr-guidance" }, t("ui.load.plan.note", r.sets)),
    element("p", { class: "bfr-guidance" }, t("ui.load.intermittent")),
    table(t("ui.load.percent.caption"), [t("ui.load.percent.percent"), t("ui.load.plan.load")],
      percents, { "data-percent-table": "" }),
    r.estimates ? details(t("ui.how_sure"), estimatesTable(r, unit)) : null,
    notes(r.warnings.filter((code) => r.in_range || code !== "set_load_outside_range"), r),
    r.handover && handoverLink(r),
  ];
}
