// The cuff pressure's result for each kind of cuff, and the route to a measured value that a
// refused or uncertain estimate shows. The core says which cuff, which way, which words and
// which figures; this only puts them into the page's language, each figure with its source.
import { details, element, facts } from "../dom.js";
import { DATA, words } from "../page-data.js";
import { notes } from "./parts.js";

const { t, show, range, quantity, parts, figure } = words;

function source(reference) {
  return element("a", { href: `${DATA.references}#${reference}` }, t(`ui.pressure.source.${reference}`));
}

// A published figure in words, followed by its source.
function finding(f) {
  return parts("ui.with_note", { text: t(`ui.pressure.finding.${f.key}`, f), note: source(f.reference) });
}

function findingList(findings, attributes = {}) {
  return element("ul", attributes, findings.map((f) => element("li", { "data-finding": f.key }, finding(f))));
}

// Who measures the occlusion pressure, how, how accurately on this limb, in which position, where
// in Denmark; and a button that switches the form to a measured value (form.js, "use_measured").
export function measuredRoute(route, { refused = false } = {}) {
  return element("section", { class: "bfr-route", "data-route": route.limb },
    refused && element("p", { class: "bfr-refusal__title" }, t("ui.pressure.refused.title")),
    element("p", { class: "bfr-route__title" }, t("ui.pressure.route.title")),
    element("p", {}, t("ui.pressure.route.who")),
    element("p", {}, t("ui.pressure.route.methods")),
    findingList(route.methods, { "data-methods": "" }),
    // a result says the position itself; a refusal has none
    refused && route.position && element("p", { "data-position": "" },
      t("ui.pressure.position.as_measured"), " ", finding(route.position)),
    element("p", { "data-denmark": "" }, ...parts("ui.with_note", {
      text: t("ui.pressure.route.denmark"), note: source("amager-hvidovre-hospital") })),
    refused && element("p", {}, t("ui.pressure.refused.meanwhile")),
    element("p", { class: "bfr-route__switch" },
      element("button", { type: "button", class: "md-button", "data-action": "use_measured",
        "aria-describedby": "cuff_pressure-route-hint" }, t("ui.pressure.route.measured")),
      " ",
      element("span", { class: "bfr-route__hint", id: "cuff_pressure-route-hint" }, t("ui.pressure.route.measured_hint"))));
}

function elastic(r) {
  return [
    element("p", { class: "bfr-headline" }, t("ui.pressure.headline.elastic")),
    element("p", { class: "bfr-guidance" }, t(`guidance.${r.guidance}`)),
    element("section", { class: "bfr-elastic", "data-elastic": "" },
      element("p", { class: "bfr-route__title" }, t("ui.pressure.elastic.title")),
      findingList(r.elastic),
      element("p", {}, t("ui.pressure.elastic.instead"))),
  ];
}

// The statistics of the equation behind an estimate, and who it was built on.
function howSure(e) {
  const limits = Object.entries(e.limits).map(([name, limit]) =>
    t("ui.limit", { label: t(`field.${name}.label`), range: range(limit, limit.unit) })).join(t("ui.list.separator"));
  return details(t("ui.how_sure"), facts([
    [t(`ui.pressure.error.${e.error.kind}`), quantity(e.error.mmhg, "mmhg")],
    [t("result.r2"), show(e.r2)],
    [t("result.population"), t("result.population_summary", e.sample)],
    [t("result.limits"), e.limits_by === "site"
      ? t("ui.pressure.limits.by_site", { limits, note: t("ui.pressure.limits.site") }) : limits],
  ]));
}

export function cuffPressure(r) {
  if (r.cuff_type === "elastic") return elastic(r);
  const e = r.estimate;
  const aop = e
    ? [t("result.aop_estimate"), t("ui.pressure.estimate_range", {
      aop: r.aop_mmhg, min: e.aop_range_mmhg.min, max: e.aop_range_mmhg.max })]
    : [t("result.aop_mmhg"), quantity(figure("aop_mmhg", r.aop_mmhg), "mmhg")];
  return [
    element("p", { class: "bfr-headline" }, t("ui.pressure.headline", { min: r.pressure_mmhg.min, max: r.pressure_mmhg.max })),
    facts([
      [t("result.cuff_type"), t(`option.cuff_type.${r.cuff_type}`)],
      [t("result.method"), t(`ui.pressure.method.${r.method}`)],
      e && [t("result.equation"), t(`formula.${e.equation}`)],
      aop,
      [t("result.pressure_mmhg"), t("ui.with_note", {
        text: range(r.pressure_mmhg, "mmhg"), note: range(r.percent, "percent") })],
      [t("result.start_pressure_mmhg"), t("ui.pressure.start", r.start)],
    ]),
    element("p", { class: "bfr-guidance" }, t(`guidance.${r.guidance}`)),
    element("p", { class: "bfr-guidance", "data-limb-guidance": r.limb_guidance }, t(`ui.pressure.limb.${r.limb_guidance}`)),
    element("p", { class: "bfr-guidance", "data-position": r.position.code },
      t(`ui.pressure.position.${r.position.code}`),
      r.position.finding && [" ", finding(r.position.finding)]),
    r.accuracy && element("div", { class: "bfr-accuracy", "data-accuracy": "" },
      element("p", {}, t("ui.pressure.device.note")),
      element("p", {}, t("ui.pressure.accuracy.title")),
      findingList(r.accuracy)),
    notes(r.warnings, r),
    e && howSure(e),
    r.route && measuredRoute(r.route),
  ];
}

// What a reader whose estimate the core refused can do instead (the core's `refusal`): the
// reasons (the errors that are not a field left empty), then the route to a measured value.
export function refusal(response, message) {
  const reasons = response.errors.filter((error) => error.code !== "required").map(message);
  return [
    element("p", { class: "bfr-result__empty" }, reasons.join(" ")),
    element("div", { class: "bfr-refusal", "data-refusal": response.refusal.route.limb },
      measuredRoute(response.refusal.route, { refused: true })),
  ];
}
