// The session plan's result: the steps of one exercise with their times (the timer runs them).
import { element, facts } from "../dom.js";
import { words } from "../page-data.js";
import { clock } from "../words.js";
import { notes } from "./parts.js";

const { t } = words;

export function sessionPlan(r) {
  const unit = t(`unit.${r.unit}`);
  return [
    element("p", { class: "bfr-headline" }, t("ui.session.headline", {
      sets: r.sets, reps: r.reps.join("-"), set_load: r.set_load, unit })),
    facts([
      [t("ui.session.total"), clock(r.total_s)],
      [t("ui.session.cuff"), clock(r.cuff_s)],
    ]),
    element("p", { class: "bfr-notes__title" }, t("ui.session.steps")),
    element("ol", { class: "bfr-steps" }, r.steps.map((step) =>
      element("li", { class: `bfr-steps__${step.kind}` },
        t("ui.with_note", { text: t(`ui.session.step.${step.kind}`, step), note: clock(step.duration_s) })))),
    notes(r.warnings, r),
  ];
}
