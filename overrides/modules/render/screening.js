// The screening's result, in the words of the codes the core returns: the level (with its own
// shape, so that it never rests on colour alone), why it is that level ("3 risk factors
// together"), the arms and legs to keep the cuff off, the advice, what decided it with each
// item's plain tag and source, and the next steps. It decides nothing: the level, the reasons,
// the limbs and the steps all come from the core (calculators/screening.py).
import { element, facts, fromTemplate } from "../dom.js";
import { DATA, words } from "../page-data.js";
import { notes } from "./parts.js";

const { t } = words;

// The level's icon, from the partial's <template data-icon> (partials/calculators/screening.html).
function icon(level) {
  return fromTemplate(document, `[data-icon="${level}"]`);
}

function capital(text) {
  return text ? text[0].toLocaleUpperCase(words.lang) + text.slice(1) : text;
}

// "left arm, right arm and left leg" in the reader's language (British English: no serial comma).
export const { list } = words;

// A question as the result names it: its number on the form and its short name.
export function questionName(id) {
  const number = DATA.questions.findIndex((q) => q.id === id) + 1;
  return t("ui.question.numbered", { number, text: capital(t(`question.${id}.short`)) });
}

function sourceOf(id) {
  const question = DATA.questions.find((q) => q.id === id);
  return question && question.source
    ? element("a", { href: `${DATA.references}#${question.source}` }, DATA.reference_labels[question.source])
    : t("ui.source.precaution");
}

// The reading with the place it was taken and the threshold for that place.
export function bloodPressureWords(r) {
  const bp = r.blood_pressure;
  return bp && t(`ui.screening.bp.${bp.band}`, { ...bp, place: t(`ui.bp_place.${bp.place}`) });
}

// The sentences that say why the level is what it is, one per code of `why`.
export function whyWords(r) {
  return r.why.map((code) => {
    if (code === "relative") return t(r.count === 1 ? "ui.why.relative_one" : "ui.why.relative", r);
    if (code === "count") return t("ui.why.count", r);
    if (code === "blood_pressure") return t("ui.why.blood_pressure", r.blood_pressure);
    return t(`ui.why.${code}`);
  }).join(" ");
}

// One line per item that decided the result; the items of one condition (an operation and the
// brace after it) share a line, counted once.
function reasons(r) {
  const grouped = new Map();
  for (const group of r.groups || []) for (const id of group) grouped.set(id, group);
  const done = new Set();
  const lines = [];
  for (const id of r.decisive) {
    if (done.has(id)) continue;
    const ids = grouped.get(id) || [id];
    ids.forEach((member) => done.add(member));
    const tag = t(`ui.tag.${r.tags[id]}`);
    if (id === "blood_pressure" || id === "bmi") {
      const measured = id === "bmi" ? t("decisive.bmi", r)
        : t("ui.labelled", { label: t("decisive.blood_pressure"), value: bloodPressureWords(r) });
      lines.push(element("li", {}, measured, element("span", { class: "bfr-tag" }, t("ui.tagged", { tag }))));
      continue;
    }
    const parts = [];
    ids.forEach((member, index) => {
      if (index > 0) parts.push(t("ui.list.separator"));
      parts.push(words.parts("ui.with_note", { text: questionName(member), note: sourceOf(member) }));
      if (r.not_sure.includes(member)) parts.push(t("ui.tagged", { tag: t("ui.answered_not_sure") }));
    });
    const counted = ids.length > 1 ? t("ui.tagged_counted_once", { tag, once: t("ui.counted_once") }) : tag;
    lines.push(element("li", {}, ...parts, element("span", { class: "bfr-tag" }, t("ui.tagged", { tag: counted }))));
  }
  return lines;
}

// The arms and legs to keep the cuff off, each with what rules it out, and the ones left.
function limbs(r) {
  const excluded = r.limbs.excluded;
  if (excluded.length === 0) return null;
  const name = (limb) => t(`option.limbs.${limb}`);
  return element("div", { class: "bfr-limbs-result", "data-limbs": excluded.map((e) => e.limb).join(" ") },
    element("p", { class: "bfr-level bfr-level--limb", "data-level": "limb" }, icon("limb"),
      element("span", {}, t("ui.limbs.title"))),
    element("ul", {}, excluded.map((e) => element("li", {},
      t("ui.labelled", { label: name(e.limb), value: list(e.because.map((id) => t(`question.${id}.short`))) })))),
    r.limbs.allowed.length > 0 && element("p", {},
      t("ui.limbs.allowed", { limbs: list(r.limbs.allowed.map((limb) => name(limb).toLocaleLowerCase(words.lang))) })));
}

// What a screen reader hears once the result is shown: the level, and the arms and legs to keep
// the cuff off, which would otherwise be said only by reading the result.
export function screeningAnnouncement(r, headline) {
  const excluded = r.limbs.excluded.map((e) => t(`option.limbs.${e.limb}`).toLocaleLowerCase(words.lang));
  return excluded.length === 0 ? headline
    : t("ui.limbs.announce", { headline, title: t("ui.limbs.title"), limbs: list(excluded) });
}

export function screening(r) {
  const bloodPressure = bloodPressureWords(r);
  const advice = r.advice || [];
  const shownAbove = new Set(r.decisive);
  return [
    element("p", { class: `bfr-headline bfr-level bfr-level--${r.level}`, "data-level": r.level },
      icon(r.level), element("span", {}, t(`level.${r.level}.title`))),
    element("p", { class: "bfr-next" }, t(`level.${r.level}.next`)),
    element("p", { class: "bfr-why", "data-why": r.why.join(" ") }, whyWords(r)),
    limbs(r),
    advice.length > 0 && element("div", { class: "bfr-advice" },
      element("p", {}, t("result.advice")),
      element("ul", {}, advice.map((code) => element("li", {}, t(`advice.${code}`))))),
    r.decisive.length > 0 && element("div", { class: "bfr-reasons" },
      element("p", {}, t("result.decisive")),
      element("ul", {}, reasons(r))),
    // A measurement already named among the reasons is not shown again.
    ((bloodPressure && !shownAbove.has("blood_pressure")) || (r.bmi !== undefined && !shownAbove.has("bmi"))) && facts([
      bloodPressure && !shownAbove.has("blood_pressure") && [t("result.blood_pressure"), bloodPressure],
      r.bmi !== undefined && !shownAbove.has("bmi") && [t("result.bmi"), words.quantity(r.bmi, "kg_m2")],
    ]),
    notes(r.warnings, r),
  ];
}

// The next steps the core chose (`next`), in its order, from the partial's <template data-next>;
// a measured pressure in the "stop" band leads with when to get help at once.
export function nextSteps(form, result) {
  const copy = (code) => fromTemplate(form, `[data-next="${code}"]`);
  const steps = result.next.filter((code) => code !== "bp_urgent").map(copy).filter(Boolean);
  const block = element("div", { class: "bfr-next-steps", "data-next-steps": result.next.join(" ") },
    element("p", { class: "bfr-next-steps__title" }, t("ui.next.title")), ...steps);
  if (!result.next.includes("bp_urgent")) return [block];
  const urgent = copy("bp_urgent");
  urgent.querySelector("[data-urgent-text]").textContent = t("ui.next.bp_urgent", result.blood_pressure);
  return [urgent, block];
}
