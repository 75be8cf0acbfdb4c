// The calculators' page code. It collects what the reader typed, asks the Python core (running
// in Pyodide in a worker) and renders the core's codes and numbers as words in the page's
// language. It computes nothing itself. Every word comes from calculators/strings.json, rendered
// into the page at build time (#bfr-calculator-data).

const DATA = JSON.parse(document.getElementById("bfr-calculator-data").textContent);
const LANG = DATA.lang;
const NUMBER = new Intl.NumberFormat(LANG, { maximumFractionDigits: 2 });
const ANNOUNCE_DELAY_MS = 600;

// ------------------------------------------------------------------ words and numbers

function show(value) {
  if (typeof value === "number") return NUMBER.format(value);
  if (Array.isArray(value)) return value.map(show).join(", ");
  return String(value);
}

function t(key, params) {
  const text = DATA.strings[key];
  if (text === undefined) return key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? show(params[name]) : whole));
}

function range(pair, unit) {
  const text = `${show(pair.min)}–${show(pair.max)}`;
  return unit ? `${text} ${t(`unit.${unit}`)}` : text;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

function facts(rows) {
  return element("dl", { class: "bfr-facts" },
    rows.filter(Boolean).map(([term, detail]) => [element("dt", {}, term), element("dd", {}, detail)]));
}

function notes(codes, result) {
  if (!codes || codes.length === 0) return null;
  return element("div", { class: "bfr-notes" },
    element("p", { class: "bfr-notes__title" }, t("result.warnings")),
    element("ul", {}, codes.map((code) => element("li", {}, t(`warning.${code}`, result)))));
}

// ------------------------------------------------------------------ the Python runtime

const runtime = (() => {
  let state = "loading";
  let mode = "";
  let worker = null;
  let sequence = 0;
  const pending = new Map();
  const listeners = new Set();

  // `final` failures stop the worker; a timeout does not, so a slow start still recovers.
  function settle(next, { final = true } = {}) {
    if (state === next || (state === "error" && final === false)) return;
    if (state !== "loading" && !(state === "error" && next === "ready" && worker)) return;
    state = next;
    clearTimeout(watchdog);
    if (next === "error" && final) {
      if (worker) worker.terminate();
      worker = null;
      pending.forEach((resolve) => resolve(null));
      pending.clear();
    }
    listeners.forEach((listener) => listener(state));
  }

  // loadPyodide() never settles when the WebAssembly file has the wrong MIME type (platform
  // notes), so a watchdog is the only way to never leave the reader with an endless spinner.
  const watchdog = setTimeout(() => settle("error", { final: false }), DATA.timeout_ms);

  function receive(data) {
    if (data.type === "ready") {
      mode = data.mode;
      performance.mark("bfr-python-ready", { detail: { mode, worker: data.timings } });
      settle("ready");
    } else if (data.type === "failed") {
      settle("error");
    } else if (data.type === "result" && pending.has(data.id)) {
      pending.get(data.id)(data.json);
      pending.delete(data.id);
    }
  }

  // The worker was started by an inline script before the forms (partials/calculators/start.html);
  // take it over with the messages it has sent so far.
  const early = window.bfrEarly || { worker: null, messages: [], failed: true };
  early.claimed = true;
  worker = early.worker;
  if (worker) {
    worker.onmessage = ({ data }) => receive(data);
    worker.onerror = (event) => {
      event.preventDefault();
      settle("error");
    };
  }
  early.messages.splice(0).forEach(receive);
  if (early.failed || !worker) setTimeout(() => settle("error"));

  return {
    get state() { return state; },
    get mode() { return mode; },
    // A listener added after the state settled (Python's message may arrive before this
    // module runs) is told at once.
    onChange(listener) {
      listeners.add(listener);
      if (state !== "loading") listener(state);
    },
    run(name, payload) {
      if (state !== "ready") return Promise.resolve(null);
      return new Promise((resolve) => {
        sequence += 1;
        pending.set(sequence, resolve);
        worker.postMessage({ type: "run", id: sequence, name, payload: JSON.stringify(payload) });
      });
    },
  };
})();

// ------------------------------------------------------------------ what the reader typed

const forms = [];

function encodeState({ shared = false } = {}) {
  const params = new URLSearchParams();
  for (const calculator of forms) {
    if (calculator.name === "session_plan") continue; // never in a link or the history
    for (const control of calculator.form.elements) {
      if (!control.name || control.type === "submit" || control.type === "button") continue;
      if (control.type === "radio" && !control.checked) continue;
      if (control.value.trim() === "") continue;
      params.set(`${calculator.name}.${control.name}`, control.value);
    }
  }
  if (shared) params.set("shared", "1");
  return params.toString();
}

function restoreState() {
  const params = new URLSearchParams(location.hash.slice(1));
  let restored = false;
  for (const [key, value] of params) {
    const dot = key.indexOf(".");
    if (dot < 0) continue;
    const calculator = forms.find((c) => c.name === key.slice(0, dot));
    const control = calculator && calculator.form.elements.namedItem(key.slice(dot + 1));
    if (!control) continue;
    control.value = value; // a RadioNodeList checks the radio with this value
    calculator.touched.add(key.slice(dot + 1));
    restored = true;
  }
  return { restored, shared: params.get("shared") === "1" };
}

// The language switch carries this fragment to the twin page (language-switch.js).
window.bfrLanguageState = () => encodeState();

// ------------------------------------------------------------------ one calculator form

class Calculator {
  constructor(form) {
    this.form = form;
    this.name = form.dataset.calculator;
    // screening answers go into a link only on request; session plans never
    this.keepsLink = this.name !== "screening" && this.name !== "session_plan";
    this.submitted = false;
    this.touched = new Set();
    this.ticket = 0;
    this.announceTimer = 0;
    this.status = form.querySelector("[data-status]");
    this.summary = form.querySelector("[data-error-summary]");
    this.body = form.querySelector("[data-result-body]");
    this.actionStatus = form.querySelector("[data-action-status]");
    this.announcer = element("p", { class: "bfr-visually-hidden", "aria-live": "polite", "data-announce": "" });
    form.append(this.announcer);

    form.addEventListener("input", (event) => this.changed(event));
    form.addEventListener("change", (event) => this.changed(event));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitted = true;
      this.update({ focusSummary: true });
    });
    form.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("[data-action]") : null;
      if (button) this.action(button.dataset.action);
    });
    this.summary.addEventListener("click", (event) => this.jump(event));
    this.sync();
  }

  changed(event) {
    if (event.target.name) this.touched.add(event.target.name);
    this.sync();
    this.update();
  }

  // Show the inputs of the chosen way (known 1 RM or a set; measured or estimated pressure)
  // and the chosen unit next to every load field.
  sync() {
    for (const group of this.form.querySelectorAll("[data-show-when]")) {
      const [name, value] = group.dataset.showWhen.split("=");
      const chosen = this.form.elements.namedItem(name);
      group.hidden = !chosen || chosen.value !== value;
    }
    for (const unit of this.form.querySelectorAll("[data-unit-from]")) {
      const chosen = this.form.elements.namedItem(unit.dataset.unitFrom);
      if (chosen && chosen.value) unit.textContent = t(`unit.${chosen.value}`);
    }
    const progress = this.form.querySelector("[data-progress]");
    if (progress) {
      const questions = [...this.form.querySelectorAll("[data-group=answers]")];
      const answered = questions.filter((q) => q.querySelector("input:checked")).length;
      progress.textContent = t("ui.progress", { answered, total: questions.length });
    }
  }

  // The values of the visible fields, and the way chosen (a data-ui radio's data-send field), so
  // the core reports what is missing in the fields the reader sees.
  payload() {
    const payload = {};
    const answers = {};
    for (const control of this.form.elements) {
      const name = control.dataset.send || (control.hasAttribute("data-ui") ? "" : control.name);
      if (!name) continue;
      if (control.type === "submit" || control.type === "button") continue;
      if (control.closest("[hidden]")) continue;
      if (control.type === "radio" && !control.checked) continue;
      if (control.value.trim() === "") continue;
      if (control.closest("[data-group=answers]")) answers[name] = control.value;
      else payload[name] = control.value;
    }
    if (this.name === "screening") payload.answers = answers;
    return payload;
  }

  setState(state) {
    this.form.dataset.state = state;
    if (runtime.mode) this.form.dataset.runtime = runtime.mode; // "fresh" or "snapshot"
    this.status.textContent = t(`status.${state === "error" ? "failed" : state}`);
    this.status.classList.toggle("bfr-status--error", state === "error");
    if (state === "ready") this.update();
  }

  async update({ focusSummary = false } = {}) {
    if (runtime.state !== "ready") {
      if (focusSummary) this.status.focus();
      return;
    }
    this.ticket += 1;
    const ticket = this.ticket;
    const json = await runtime.run(this.name, this.payload());
    if (json === null || ticket !== this.ticket) return;
    const response = JSON.parse(json);
    this.form.dataset.result = json;
    if (response.ok) {
      this.showErrors([]);
      this.render(response.result);
    } else {
      this.showErrors(response.errors, focusSummary);
      this.renderEmpty();
    }
    if (this.keepsLink) history.replaceState(null, "", `#${encodeState()}`);
  }

  // ---------------------------------------------------------------- errors (GOV.UK pattern)

  fieldOf(name) {
    return this.form.querySelector(`[data-field="${CSS.escape(name)}"]`);
  }

  labelOf(name) {
    const field = this.fieldOf(name);
    const label = field && field.querySelector(".bfr-label");
    return label ? label.firstChild.textContent.trim() : "";
  }

  message(error) {
    const params = { ...error };
    if (params.unit) params.unit = t(`unit.${params.unit}`);
    return t(`error.${error.code}`, params);
  }

  showErrors(errors, focusSummary = false) {
    const visible = errors.filter((error) => this.submitted
      || (this.touched.has(error.field) && error.code !== "required"));
    for (const field of this.form.querySelectorAll("[data-field]")) {
      const error = visible.find((e) => e.field === field.dataset.field);
      const slot = field.querySelector(":scope > .bfr-error-message");
      field.classList.toggle("bfr-field--error", Boolean(error));
      for (const input of field.querySelectorAll("input")) {
        if (error) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
      slot.hidden = !error;
      slot.textContent = error ? this.message(error) : "";
      if (error) slot.prepend(element("span", { class: "bfr-visually-hidden" }, `${t("ui.error.prefix")} `));
    }
    const list = this.summary.querySelector("ul");
    list.replaceChildren(...(this.submitted ? errors : []).map((error) => {
      const field = this.fieldOf(error.field);
      const input = field && field.querySelector("input");
      const text = field ? `${this.labelOf(error.field)}: ${this.message(error)}` : this.message(error);
      return element("li", {}, input ? element("a", { href: `#${input.id}` }, text) : text);
    }));
    this.summary.hidden = list.children.length === 0;
    if (focusSummary && !this.summary.hidden) this.summary.focus();
  }

  jump(event) {
    const link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
    if (!link) return;
    const input = document.getElementById(link.getAttribute("href").slice(1));
    if (!input) return;
    event.preventDefault();
    input.focus();
    input.scrollIntoView({ block: "center" });
  }

  // ---------------------------------------------------------------- results

  renderEmpty() {
    this.body.replaceChildren(element("p", { class: "bfr-result__empty" }, t(`ui.result.empty.${this.name}`)));
  }

  render(result) {
    const [headline, ...rest] = RENDER[this.name](result);
    this.body.replaceChildren(headline, ...rest.filter(Boolean));
    if (this.name === "screening") this.printSummary(result);
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => { this.announcer.textContent = headline.textContent; }, ANNOUNCE_DELAY_MS);
  }

  // A one-page summary to take to a doctor: shown only when printing (calculators.css).
  printSummary(result) {
    const answer = (field) => {
      const checked = field.querySelector("input:checked");
      return checked ? checked.closest("label").textContent.trim() : "";
    };
    const rows = [...this.form.querySelectorAll("[data-group=answers] fieldset")].map((field) =>
      element("tr", {},
        element("td", {}, field.querySelector("legend").textContent.trim()),
        element("td", {}, answer(field))));
    const measured = [...this.form.querySelectorAll(".bfr-measurements input")]
      .filter((input) => input.value.trim() !== "")
      .map((input) => `${this.labelOf(input.name)}: ${input.value.trim()} ${input.nextElementSibling?.textContent ?? ""}`);
    let summary = this.form.querySelector("[data-print-summary]");
    if (!summary) {
      summary = element("section", { class: "bfr-print-summary", "data-print-summary": "" });
      this.form.append(summary);
    }
    const [headline, next, reasons, bmi] = RENDER.screening(result);
    summary.replaceChildren(...[
      element("h2", {}, t("ui.print.title")),
      element("p", {}, t("ui.print.date", { date: new Date().toLocaleDateString(LANG, { dateStyle: "long" }) })),
      headline, next, reasons, bmi,
      measured.length > 0 ? element("p", {}, measured.join("; ")) : null,
      element("table", { class: "bfr-print-answers" },
        element("thead", {}, element("tr", {},
          element("th", { scope: "col" }, t("ui.print.question")),
          element("th", { scope: "col" }, t("ui.print.answer")))),
        element("tbody", {}, rows)),
      element("p", {}, t("ui.print.note")),
    ].filter(Boolean));
  }

  // ---------------------------------------------------------------- buttons

  async action(name) {
    if (name === "copy_link" || name === "share") {
      history.replaceState(null, "", `#${encodeState({ shared: name === "share" })}`);
      let copied = false;
      try {
        await navigator.clipboard.writeText(location.href);
        copied = true;
      } catch {
        copied = false;
      }
      this.actionStatus.textContent = t(copied ? "ui.link.copied" : "ui.link.in_address_bar");
    } else if (name === "print") {
      window.print();
    }
  }
}

// ------------------------------------------------------------------ result renderers

const RENDER = {
  bfr_load(r) {
    const unit = t(`unit.${r.unit}`);
    const source = r.one_rm_source === "estimated"
      ? t("ui.load.one_rm_estimated", { formula: t(`formula.${r.default_formula}`), load: r.load, unit, reps: r.reps })
      : t("one_rm_source.entered");
    return [
      element("p", { class: "bfr-headline" }, t("ui.load.headline", { set_load: r.set_load, unit })),
      facts([
        [t("result.set_load"), t("ui.load.set_load", { set_load: r.set_load, unit, set_percent: r.set_percent })],
        [t("result.target_load"), t("ui.load.target", { target_load: r.target_load, unit, percent: r.percent })],
        [t("result.one_rm"), `${show(r.one_rm)} ${unit} (${source})`],
        [t("result.sets"), t("ui.load.sets", r.sets)],
        [t("result.reps_scheme"), t("ui.load.scheme", { reps: r.reps_scheme })],
        [t("result.rest_s"), range(r.rest_s, "s")],
        [t("result.restriction_min"), range(r.restriction_min, "min")],
        [t("result.sessions_per_week"), `${range(r.sessions_per_week)} ${t("unit.per_week")}`],
        [t("result.conventional_load"), t("ui.load.conventional", {
          load_min: r.conventional.load_min, load_max: r.conventional.load_max, unit,
          percent_min: r.conventional.percent_min, percent_max: r.conventional.percent_max })],
      ]),
      element("p", { class: "bfr-guidance" }, t("ui.load.intermittent")),
      r.estimates ? estimatesTable(r, unit) : null,
      notes(r.warnings, r),
      handoverLink(r),
    ];
  },

  cuff_pressure(r) {
    const estimated = r.method === "estimated";
    return [
      element("p", { class: "bfr-headline" }, t("ui.pressure.headline", { min: r.pressure_mmhg.min, max: r.pressure_mmhg.max })),
      facts([
        [t("result.method"), t(`ui.pressure.method.${r.method}`)],
        [t("result.aop_mmhg"), `${show(r.aop_mmhg)} ${t("unit.mmhg")}`],
        estimated && [t("result.aop_interval_mmhg"), range(r.aop_interval_mmhg, "mmhg")],
        [t("result.pressure_mmhg"), `${range(r.pressure_mmhg, "mmhg")} (${range(r.percent, "percent")})`],
        r.start_pressure_mmhg !== undefined && [t("result.start_pressure_mmhg"), `${show(r.start_pressure_mmhg)} ${t("unit.mmhg")}`],
        estimated && [t("result.see_mmhg"), `${show(r.see_mmhg)} ${t("unit.mmhg")}`],
        estimated && [t("result.r2"), show(r.r2)],
        estimated && [t("result.population"), t("result.population_summary", r.population)],
      ]),
      element("p", { class: "bfr-guidance" }, t(`guidance.${r.guidance}`, r)),
      notes(r.warnings, r),
    ];
  },

  screening(r) {
    const reason = (id) => {
      const question = DATA.questions.find((q) => q.id === id);
      if (!question) return element("li", {}, t(`decisive.${id}`));
      const kind = t(`ui.kind.${question.kind}`);
      const source = question.source
        ? element("a", { href: `${DATA.references}#${question.source}` }, DATA.reference_labels[question.source])
        : t("ui.source.precaution");
      return element("li", {}, `${t(`question.${id}.text`)} (${kind}; `, source, ")");
    };
    return [
      element("p", { class: `bfr-headline bfr-level bfr-level--${r.level}` }, t(`level.${r.level}.title`)),
      element("p", { class: "bfr-next" }, t(`level.${r.level}.next`)),
      r.decisive.length > 0 && element("div", { class: "bfr-reasons" },
        element("p", {}, t("result.decisive")),
        element("ul", {}, r.decisive.map(reason))),
      r.bmi !== undefined && facts([[t("result.bmi"), `${show(r.bmi)} ${t("unit.kg_m2")}`]]),
      r.level === "go" && element("p", { class: "bfr-first-session-link" },
        element("a", { href: DATA.first_session }, t("ui.first_session.link"))),
    ];
  },

  session_plan(r) {
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
          `${t(`ui.session.step.${step.kind}`, step)} (${clock(step.duration_s)})`))),
      notes(r.warnings, r),
    ];
  },
};

// A duration in seconds as minutes:seconds.
function clock(seconds) {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// The load result hands its numbers to the session timer through sessionStorage (never the
// address bar or the history); the first-session page reads them once and removes them.
function handoverLink(r) {
  const link = element("a", { href: `${DATA.first_session}#timer` }, t("ui.handover.link"));
  link.addEventListener("click", () => {
    const values = { unit: r.unit, set_load: r.set_load, sets: r.sets.first_sessions };
    const cuff = document.querySelector("form[data-calculator=cuff_pressure]");
    const pressure = cuff && cuff.dataset.result ? JSON.parse(cuff.dataset.result) : null;
    if (pressure && pressure.ok) {
      values.pressure_mmhg = pressure.result.start_pressure_mmhg ?? pressure.result.pressure_mmhg.min;
    }
    try {
      sessionStorage.setItem("bfr-session-handover", JSON.stringify(values));
    } catch {
      // storage refused: the reader types the numbers instead
    }
  });
  return element("p", { class: "bfr-handover-link" }, link);
}

function estimatesTable(r, unit) {
  return element("table", { class: "bfr-estimates" },
    element("caption", {}, t("result.estimates")),
    element("thead", {}, element("tr", {},
      element("th", { scope: "col" }, t("ui.formula")),
      element("th", { scope: "col" }, `${t("result.one_rm")} (${unit})`))),
    element("tbody", {}, Object.entries(r.estimates).map(([formula, value]) => element("tr",
      formula === r.default_formula ? { class: "bfr-estimates__default" } : {},
      element("th", { scope: "row" }, formula === r.default_formula
        ? `${t(`formula.${formula}`)} (${t("ui.formula.default")})` : t(`formula.${formula}`)),
      element("td", {}, show(value))))));
}

// ------------------------------------------------------------------ start

for (const form of document.querySelectorAll("form[data-calculator]")) forms.push(new Calculator(form));
const { restored, shared } = restoreState();
forms.forEach((calculator) => calculator.sync());
if (restored && !shared && !forms.every((c) => c.keepsLink)) {
  // Answers carried over by the language switch are not left in the address bar or history.
  history.replaceState(null, "", location.pathname + location.search);
}
const announce = (state) => forms.forEach((calculator) => calculator.setState(state));
runtime.onChange(announce);
runtime.onChange((state) => {
  // The service worker is registered only now, so its downloads do not compete with Python's
  // (main.html); once Python runs, it is asked to keep the runtime for offline use.
  document.dispatchEvent(new Event("bfr-calculators-settled"));
  if (state === "ready" && navigator.serviceWorker) {
    navigator.serviceWorker.addEventListener("message", ({ data }) => {
      if (data === "runtime-cached") document.documentElement.dataset.offlineReady = "";
    });
    navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("cache-runtime"));
  }
});
