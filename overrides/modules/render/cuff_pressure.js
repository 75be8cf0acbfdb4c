// The cuff pressure's result, and what a reader whose estimate the core refused can do instead.
import { details, element, facts } from "../dom.js";
import { words } from "../page-data.js";
import { notes } from "./parts.js";

const { t, show, range, oneDecimal } = words;

// Refusals of the cuff-pressure estimate: the result then says what the reader can do.
export const REFUSALS = new Set(["estimate_leg_only", "narrow_cuff_no_estimate", "cuff_width_no_equation", "outside_population"]);

export function cuffPressure(r) {
  const estimated = r.method === "estimated";
  return [
    element("p", { class: "bfr-headline" }, t("ui.pressure.headline", { min: r.pressure_mmhg.min, max: r.pressure_mmhg.max })),
    facts([
      [t("result.method"), t(`ui.pressure.method.${r.method}`)],
      [t("result.aop_mmhg"), `${oneDecimal.format(r.aop_mmhg)} ${t("unit.mmhg")}`],
      [t("result.pressure_mmhg"), `${range(r.pressure_mmhg, "mmhg")} (${range(r.percent, "percent")})`],
      r.start_pressure_mmhg !== undefined && [t("result.start_pressure_mmhg"), `${show(r.start_pressure_mmhg)} ${t("unit.mmhg")}`],
    ]),
    element("p", { class: "bfr-guidance" }, t(`guidance.${r.guidance}`, r)),
    notes(r.warnings, r),
    estimated && details(t("ui.how_sure"), facts([
      [t("result.aop_interval_mmhg"), range(r.aop_interval_mmhg, "mmhg")],
      [t("result.see_mmhg"), `${show(r.see_mmhg)} ${t("unit.mmhg")}`],
      [t("result.r2"), show(r.r2)],
      [t("result.population"), t("result.population_summary", r.population)],
    ])),
  ];
}

// What a reader refused a cuff-pressure estimate can do: who measures, what to do meanwhile,
// why elastic wraps cannot be set by percentage; the arm and the leg each get their own line.
export function refusalGuidance(errors) {
  const arm = errors.some((error) => error.code === "estimate_leg_only");
  return element("div", { class: "bfr-refusal", "data-refusal": arm ? "arm" : "leg" },
    element("p", { class: "bfr-refusal__title" }, t("ui.pressure.refused.title")),
    element("ul", {},
      element("li", {}, t("ui.pressure.refused.measure")),
      element("li", {}, t(arm ? "ui.pressure.refused.arm" : "ui.pressure.refused.leg")),
      element("li", {}, t("ui.pressure.refused.meanwhile")),
      element("li", {}, t("ui.pressure.refused.elastic"))));
}
