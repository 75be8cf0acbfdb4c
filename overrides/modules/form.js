// One calculator form: it follows what the reader types, asks the core through the runtime
// (runtime.js) with the raw strings of the visible fields, and shows the answer: the result's
// words (render/), or the errors (form-errors.js). Its buttons copy or share a link with its
// inputs, or print.
import { element, setText } from "./dom.js";
import { jumpToField, messageFor, showErrors } from "./form-errors.js";
import { DATA, words } from "./page-data.js";
import { printSummary } from "./print.js";
import { refusal } from "./render/cuff_pressure.js";
import { RENDER } from "./render/index.js";
import { nextSteps, screeningAnnouncement } from "./render/screening.js";
import { dropLinkFromAddress, keepState, keepStateSoon, linkTo } from "./state.js";

const { t } = words;
const ANNOUNCE_DELAY_MS = 600;
// The fields that hold a weight, converted by the core when the reader changes the unit (the
// core's field registry, WEIGHT_FIELDS, put in the page by the build).
const WEIGHTS = DATA.weights;

export class Calculator {
  constructor(form, runtime) {
    this.form = form;
    this.runtime = runtime;
    this.name = form.dataset.calculator;
    this.submitted = false;
    this.touched = new Set();
    this.ticket = 0;
    this.announceTimer = 0;
    this.status = form.querySelector("[data-status]");
    this.summary = form.querySelector("[data-error-summary]");
    this.body = form.querySelector("[data-result-body]");
    this.progress = form.querySelector("[data-runtime-progress]");
    this.actionStatus = form.querySelector("[data-action-status]");
    this.announcer = element("p", { class: "bfr-visually-hidden", "aria-live": "polite", "data-announce": "" });
    form.append(this.announcer);

    form.addEventListener("input", (event) => this.changed(event));
    form.addEventListener("change", (event) => this.changed(event, { final: true }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitted = true;
      this.update({ focusSummary: true });
    });
    form.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("[data-action]") : null;
      if (button) this.action(button.dataset.action);
    });
    this.summary.addEventListener("click", jumpToField);
    // The system's share sheet beside the link button, where the browser has one (phones).
    const linkButton = form.querySelector("[data-action=copy_link], [data-action=share]");
    if (linkButton && typeof navigator.share === "function") {
      linkButton.after(element("button", { type: "button", class: "md-button", "data-action": "share_sheet" },
        t("action.share_sheet")));
    }
    this.sync();
    this.unit = this.chosenUnit();
  }

  chosenUnit() {
    const unit = this.form.elements.namedItem("unit");
    return unit ? unit.value : "";
  }

  // kg <-> lb: the weights already typed are converted by the core, not reread in the new unit.
  async convertUnits(from, to) {
    const values = {};
    for (const name of WEIGHTS) {
      const control = this.form.elements.namedItem(name);
      if (control && control.value.trim() !== "") values[name] = control.value;
    }
    if (Object.keys(values).length > 0 && this.runtime.state === "ready") {
      // Until the typed weights are converted, no result is worked out from them in the new unit.
      this.converting = true;
      const json = await this.runtime.run("convert", { from, to, values });
      this.converting = false;
      const response = json && JSON.parse(json);
      if (response && response.ok && this.chosenUnit() === to) {
        for (const [name, value] of Object.entries(response.result.values)) {
          this.form.elements.namedItem(name).value = words.typed.format(value);
        }
        const kept = response.result.kept.length > 0;
        this.actionStatus.textContent = t(kept ? "ui.load.not_converted" : "ui.load.converted", { unit: t(`unit.${to}`) });
      }
    }
    keepState();
    dropLinkFromAddress();
    this.update();
  }

  // `final`: a choice made or a field left, saved at once; keystrokes are saved at a pace.
  changed(event, { final = false } = {}) {
    if (event.target.name) this.touched.add(event.target.name);
    if (event.target.name === "unit" && this.unit && this.chosenUnit() !== this.unit) {
      const from = this.unit;
      this.sync();
      this.convertUnits(from, this.chosenUnit());
      return;
    }
    if (final) keepState();
    else keepStateSoon();
    dropLinkFromAddress();
    this.sync();
    this.update();
  }

  // Show the inputs of the chosen way (known 1 RM or a set; the kind of cuff, measured or
  // estimated pressure) and the chosen unit next to every load field. A group names its choice
  // and the values it shows for: "cuff_type=pneumatic_gauge pneumatic_lop".
  sync() {
    for (const group of this.form.querySelectorAll("[data-show-when]")) {
      const [name, values] = group.dataset.showWhen.split("=");
      const chosen = this.form.elements.namedItem(name);
      group.hidden = !chosen || !values.split(" ").includes(chosen.value);
    }
    for (const unit of this.form.querySelectorAll("[data-unit-from]")) {
      const chosen = this.form.elements.namedItem(unit.dataset.unitFrom);
      if (chosen && chosen.value) setText(unit, t(`unit.${chosen.value}`));
    }
    this.unit = this.chosenUnit();
    // A screening question's follow-up (which arm or leg; whether a team follows an operation)
    // is asked when its answer is yes or not sure; hidden, it is not sent.
    for (const followUp of this.form.querySelectorAll("[data-follow-up]")) {
      const answer = this.form.elements.namedItem(followUp.dataset.followUp);
      followUp.hidden = !answer || !["yes", "not_sure"].includes(answer.value);
    }
    const progress = this.form.querySelector("[data-progress]");
    if (progress) {
      const questions = [...this.form.querySelectorAll("[data-group=answers]")];
      const answered = questions.filter((q) => q.querySelector("input:checked")).length;
      setText(progress, t("ui.progress", { answered, total: questions.length }));
    }
  }

  // The values of the visible fields, and the way chosen (a data-ui radio's data-send field), so
  // the core reports what is missing in the fields the reader sees.
  // On the screening, the answers go in `answers`, the ticked arms and legs of a question in
  // `limbs` ("limbs.open_wound" -> limbs.open_wound), the other follow-ups as fields.
  payload() {
    const payload = {};
    const answers = {};
    const limbs = {};
    for (const control of this.form.elements) {
      const name = control.dataset.send || (control.hasAttribute("data-ui") ? "" : control.name);
      if (!name) continue;
      if (control.type === "submit" || control.type === "button") continue;
      if (control.closest("[hidden]")) continue;
      if ((control.type === "radio" || control.type === "checkbox") && !control.checked) continue;
      if (control.value.trim() === "") continue;
      if (name.startsWith("limbs.")) (limbs[name.slice("limbs.".length)] ??= []).push(control.value);
      else if (control.closest("[data-group=answers]")) answers[name] = control.value;
      else payload[name] = control.value;
    }
    if (this.name === "screening") {
      payload.answers = answers;
      payload.limbs = limbs;
    }
    return payload;
  }

  setState(state, status = this.runtime.status, params = this.runtime.params) {
    this.form.dataset.state = state;
    if (this.runtime.mode) this.form.dataset.runtime = this.runtime.mode; // "fresh" or "snapshot"
    // A live region: the same words again would be said again. A calculator may have its own
    // words for its start ("status.loading.session_plan": the timer).
    const own = `${status}.${this.name}`;
    const text = t(own) === own ? t(status, params) : t(own, params);
    if (this.status.textContent !== text) this.status.textContent = text;
    if (this.progress && this.runtime.share !== null) this.progress.value = this.runtime.share;
    this.status.classList.toggle("bfr-status--error", state === "error");
    if (state === "ready") this.update();
  }

  async update({ focusSummary = false } = {}) {
    if (this.converting) return; // convertUnits() asks again once the weights are converted
    if (this.runtime.state !== "ready") {
      if (focusSummary) this.status.focus();
      return;
    }
    this.ticket += 1;
    const ticket = this.ticket;
    let json;
    try {
      json = await this.runtime.run(this.name, this.payload());
    } catch {
      if (ticket === this.ticket) this.setState("error", "status.no_answer");
      return;
    }
    if (json === null || ticket !== this.ticket) return;
    if (this.form.dataset.state !== "ready") { // Python answers again after a request that had none
      this.form.dataset.state = "ready";
      this.status.textContent = t("status.ready");
      this.status.classList.remove("bfr-status--error");
    }
    const response = JSON.parse(json);
    // Leaving a field (its "change") asks again with the same values: the result shown stays as it
    // is, so a click that began as the field was left (on "How sure is this?") is not lost.
    // An unchanged result is not written again either: whatever watches it (the session timer)
    // would render again under a press that is just beginning, and WebKit drops that click.
    const same = json === this.form.dataset.result && this.body.childElementCount > 0;
    if (json !== this.form.dataset.result) this.form.dataset.result = json;
    if (same) {
      this.showErrors(response.ok ? [] : response.errors, focusSummary);
      // "Yes" and "Not sure" weigh the same, but the printed summary says which one was given.
      if (response.ok && this.name === "screening") printSummary(this.form, response.result);
    } else if (response.ok) {
      this.showErrors([]);
      this.render(response.result);
    } else {
      this.showErrors(response.errors, focusSummary);
      this.renderEmpty(response);
    }
  }

  showErrors(errors, focusSummary = false) {
    showErrors(this, errors, focusSummary);
  }

  // No result: what the core refused and what to do instead (its `refusal`), or the empty state.
  renderEmpty(response) {
    this.body.replaceChildren(...(response.refusal
      ? refusal(response, (error) => messageFor(this.form, error))
      : [element("p", { class: "bfr-result__empty" }, this.emptyText(response.errors || []))]));
  }

  // "Correct the error above" while an error is shown next to a field, else what to fill in.
  emptyText(errors) {
    const shown = errors.some((error) => this.submitted || (this.touched.has(error.field) && error.code !== "required"));
    return t(shown ? "ui.result.empty.errors" : `ui.result.empty.${this.name}`);
  }

  // The core's way to a measured value (a route's `switch_to`): its choices are made, the fields
  // it keeps stay as the reader typed them, and the field to type next gets the focus.
  useMeasured() {
    const response = JSON.parse(this.form.dataset.result || "null");
    const route = response && (response.refusal?.route || response.result?.route);
    if (!route) return;
    const radios = [...this.form.querySelectorAll("input[type=radio]")];
    for (const [name, value] of Object.entries(route.switch_to)) {
      const radio = radios.find((input) => (input.dataset.send || input.name) === name && input.value === value);
      if (radio) radio.checked = true;
    }
    this.sync();
    keepState();
    dropLinkFromAddress();
    this.form.elements.namedItem(route.focus)?.focus();
    this.update();
  }

  render(result) {
    const [headline, ...rest] = RENDER[this.name](result);
    // A fold the reader opened stays open when the result is worked out again.
    const opened = [...this.body.querySelectorAll("details")].map((fold) => fold.open);
    this.body.replaceChildren(headline, ...rest.filter(Boolean));
    this.body.querySelectorAll("details").forEach((fold, index) => { fold.open = Boolean(opened[index]); });
    if (this.name === "screening") {
      this.body.append(...nextSteps(this.form, result));
      printSummary(this.form, result);
    }
    const said = this.name === "screening"
      ? screeningAnnouncement(result, headline.textContent)
      : headline.textContent;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => { this.announcer.textContent = said; }, ANNOUNCE_DELAY_MS);
  }

  async action(name) {
    if (name === "copy_link" || name === "share") {
      const link = linkTo([this]); // this calculator's inputs only
      let copied = false;
      try {
        await navigator.clipboard.writeText(link.href);
        copied = true;
      } catch {
        copied = false;
      }
      // Only when the browser does not let the page copy does the link go into the address bar,
      // for the reader to copy from there.
      if (!copied) history.replaceState(history.state, "", link.href);
      this.actionStatus.textContent = t(copied ? "ui.link.copied" : "ui.link.in_address_bar");
    } else if (name === "share_sheet") {
      // Made only now, on request, and handed to the share sheet; the address bar is left alone.
      try {
        await navigator.share({ title: document.title, url: linkTo([this]).href });
        this.actionStatus.textContent = t("ui.link.shared");
      } catch {
        this.actionStatus.textContent = ""; // closed without sharing
      }
    } else if (name === "print") {
      window.print();
    } else if (name === "use_measured") {
      this.useMeasured();
    }
  }
}
