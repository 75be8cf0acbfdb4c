// A form's errors, as GOV.UK's pattern has them: a message next to each field the reader has
// touched (and a "required" only after a submit), and after a submit a summary at the top whose
// lines lead to the fields. The core names the field and the code; these are its words.
import { element } from "./dom.js";
import { words } from "./page-data.js";

const { t } = words;

export function fieldOf(form, name) {
  return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
}

export function labelOf(form, name) {
  const field = fieldOf(form, name);
  const label = field && field.querySelector(".bfr-label");
  if (!label) return "";
  const text = label.firstChild.textContent.trim();
  // A screening follow-up ("Which arm or leg?") is named with its question's number.
  const question = field.closest("[data-follow-up]")?.previousElementSibling?.querySelector("legend");
  const number = question && question.textContent.trim().split(". ")[0];
  return number ? `${number}. ${text}` : text;
}

export function messageFor(form, error) {
  const params = { ...error };
  if (params.unit) params.unit = t(`unit.${params.unit}`);
  const field = fieldOf(form, error.field);
  if (error.code === "required" && field && field.querySelector("input[type=radio]")) {
    return t("error.required_choice"); // a question is chosen, not filled in
  }
  return t(`error.${error.code}`, params);
}

// The error summary's lines: on the screening, every unanswered question makes one line that
// leads to the first of them, instead of a line per question.
function summaryItems(calculator, errors) {
  const { form } = calculator;
  const isQuestion = (error) => error.code === "required"
    && fieldOf(form, error.field)?.closest("[data-group=answers]");
  const unanswered = calculator.name === "screening" ? errors.filter(isQuestion) : [];
  const items = [];
  let counted = false;
  for (const error of errors) {
    const field = fieldOf(form, error.field);
    const input = field && field.querySelector("input");
    if (unanswered.includes(error)) {
      if (counted) continue;
      counted = true;
      const open = [...form.querySelectorAll("[data-group=answers]")]
        .filter((q) => !q.querySelector(":scope > fieldset input:checked"));
      const count = open.length;
      const text = t(count === 1 ? "ui.error_summary.unanswered_one" : "ui.error_summary.unanswered", { count });
      const first = open[0]?.querySelector("input") || input;
      items.push(element("li", {}, element("a", { href: `#${first.id}` }, text)));
      continue;
    }
    const text = field
      ? t("ui.error.line", { label: labelOf(form, error.field), message: messageFor(form, error) })
      : messageFor(form, error);
    items.push(element("li", {}, input ? element("a", { href: `#${input.id}` }, text) : text));
  }
  return items;
}

export function showErrors(calculator, errors, focusSummary = false) {
  const { form, summary } = calculator;
  const visible = errors.filter((error) => calculator.submitted
    || (calculator.touched.has(error.field) && error.code !== "required"));
  for (const field of form.querySelectorAll("[data-field]")) {
    const error = visible.find((e) => e.field === field.dataset.field);
    const slot = field.querySelector(":scope > .bfr-error-message");
    field.classList.toggle("bfr-field--error", Boolean(error));
    for (const input of field.querySelectorAll("input")) {
      if (error) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
    slot.hidden = !error;
    slot.textContent = error ? messageFor(form, error) : "";
    if (error) slot.prepend(element("span", { class: "bfr-visually-hidden" }, `${t("ui.error.prefix")} `));
  }
  const list = summary.querySelector("ul");
  list.replaceChildren(...summaryItems(calculator, calculator.submitted ? errors : []));
  summary.hidden = list.children.length === 0;
  if (focusSummary && !summary.hidden) summary.focus();
}

// A summary line's link moves the focus to its field, which the browser alone would only scroll to.
export function jumpToField(event) {
  const link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
  if (!link) return;
  const input = document.getElementById(link.getAttribute("href").slice(1));
  if (!input) return;
  event.preventDefault();
  input.focus();
  input.scrollIntoView({ block: "center" });
}
