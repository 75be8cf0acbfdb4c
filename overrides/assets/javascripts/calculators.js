// The calculators' page code. It collects what the reader typed, asks the Python core (running
// in Pyodide in a worker) and renders the core's codes and numbers as words in the page's
// language. It computes nothing itself. Every word comes from calculators/strings.json, rendered
// into the page at build time (#bfr-calculator-data).

const DATA = JSON.parse(document.getElementById("bfr-calculator-data").textContent);
const LANG = DATA.lang;
// Number formats are made when first used, not as the page starts: the first one made in a
// page's process loads the browser's locale data (20-60 ms on a two-core machine, four times
// that on a phone), which would block the page while it loads. The worker makes one first, on
// its own thread (calculators-worker.js), so that here it costs a fraction of a millisecond.
const numberFormat = (options) => {
  let made = null;
  return { format: (value) => (made ??= new Intl.NumberFormat(LANG, options)).format(value) };
};
const NUMBER = numberFormat({ maximumFractionDigits: 2 });
// Weights and percentages on a gym floor: at most one decimal (the core has already rounded the
// loads to the reader's step), and a number put back into a field without thousands separators.
const WHOLE = numberFormat({ maximumFractionDigits: 0 });
const ONE_DECIMAL = numberFormat({ maximumFractionDigits: 1 });
const TYPED = numberFormat({ maximumFractionDigits: 2, useGrouping: false });
// Dates as the site's footer writes them: "24 November 2026", "24. november 2026".
const DATE_LOCALE = { en: "en-GB", da: "da-DK" }[LANG] || LANG;
const SVG = "http://www.w3.org/2000/svg";
// One shape per screening level, so the level never rests on colour alone (24 x 24 paths).
const LEVEL_ICONS = {
  go: "M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z",
  caution: "M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z",
  stop: "M15.73 3H8.27L3 8.27v7.46L8.27 21h7.46L21 15.73V8.27zM17 15.59 15.59 17 12 13.41 8.41 17 7 15.59 10.59 12 7 8.41 8.41 7 12 10.59 15.59 7 17 8.41 13.41 12z",
};
// Refusals of the cuff-pressure estimate: the result then says what the reader can do.
const REFUSALS = new Set(["estimate_leg_only", "narrow_cuff_no_estimate", "cuff_width_no_equation", "outside_population"]);
const ANNOUNCE_DELAY_MS = 600;
const KEEP_INTERVAL_MS = 100;

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

function icon(level) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", "bfr-level__icon");
  svg.dataset.icon = level;
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", LEVEL_ICONS[level]);
  svg.append(path);
  return svg;
}

function details(summary, ...children) {
  return element("details", { class: "bfr-details" }, element("summary", {}, summary), ...children);
}

function table(caption, head, rows, attributes = {}) {
  return element("div", { class: "bfr-table" },
    element("table", attributes,
      element("caption", {}, caption),
      element("thead", {}, element("tr", {}, head.map((text) => element("th", { scope: "col" }, text)))),
      element("tbody", {}, rows)));
}

function notes(codes, result) {
  if (!codes || codes.length === 0) return null;
  return element("div", { class: "bfr-notes" },
    element("p", { class: "bfr-notes__title" }, t("result.warnings")),
    element("ul", {}, codes.map((code) => element("li", {}, t(`warning.${code}`, result)))));
}

// ------------------------------------------------------------------ the Python runtime

// The caches a failed start leaves behind are dropped, so that a reload fetches everything again
// (names as in hooks/service-worker.js and calculators-worker.js).
const RUNTIME_CACHES = ["bfr-python-runtime", "bfr-python-snapshots"];
// The share of the runtime's bytes (0 to 1) at which the status says how far the download has
// come: a few words for screen readers, not one every half second. The <progress> bar moves on
// every report.
const PROGRESS_STEPS = [0.25, 0.5, 0.75];

const runtime = (() => {
  let state = "loading"; // "loading" | "ready" | "error"
  let status = "status.loading"; // the words for the reader (strings.json)
  let params = {};
  let mode = "";
  let worker = null;
  let sequence = 0;
  let lastProgress = performance.now();
  let share = null; // of the runtime's bytes arrived, 0 to 1; null before the first report
  let watchdog = 0;
  const pending = new Map();
  const listeners = new Set();

  function tell() {
    listeners.forEach((listener) => listener(state));
  }

  // A start that failed for good: the worker is stopped and the reader told why, and whether a
  // reload can help (offline it cannot; with the caches dropped it can).
  function fail(cause) {
    if (state !== "loading") return;
    clearInterval(watchdog);
    state = "error";
    if (worker) worker.terminate();
    worker = null;
    pending.forEach((settle) => settle(null));
    pending.clear();
    params = {};
    if (cause === "blocked") status = "status.blocked";
    else if (cause === "network" || navigator.onLine === false) status = "status.offline";
    else status = "status.failed";
    if (cause === "stalled" && navigator.onLine !== false && self.caches) {
      RUNTIME_CACHES.forEach((name) => caches.delete(name).catch(() => {}));
    }
    tell();
  }

  // loadPyodide() never settles when the WebAssembly file has the wrong MIME type (platform
  // notes), and a download can stall, so a watchdog is the only way to never leave the reader
  // with an endless wait. It fails only a start that has made no progress for a while: a slow
  // download that keeps coming is waited for, with its progress shown.
  watchdog = setInterval(() => {
    if (state === "loading" && performance.now() - lastProgress > DATA.stall_ms) fail("stalled");
  }, 1_000);

  // Bytes arrived: the status says how far the download has come at a few steps, and that the
  // calculator is starting once everything is in.
  function arrived(loaded) {
    const before = share;
    share = Math.min(1, loaded / DATA.runtime_bytes);
    if (share >= 1) {
      if (status !== "status.starting") {
        status = "status.starting";
        params = {};
        tell();
      }
      return;
    }
    const step = PROGRESS_STEPS.filter((at) => share >= at).pop();
    if (step !== undefined && (before === null || before < step)) {
      status = "status.progress";
      params = { percent: Math.round(step * 100) };
    }
    tell();
  }

  function receive(data) {
    if (data.type === "ready") {
      if (state !== "loading") return;
      clearInterval(watchdog);
      mode = data.mode;
      performance.mark("bfr-python-ready", { detail: { mode, worker: data.timings } });
      state = "ready";
      status = "status.ready";
      params = {};
      share = 1;
      tell();
    } else if (data.type === "progress") {
      lastProgress = performance.now();
      if (state === "loading" && typeof data.loaded === "number") arrived(data.loaded);
    } else if (data.type === "failed") {
      fail(data.cause);
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
      fail("broken");
    };
  }
  early.messages.splice(0).forEach(receive);
  if (early.failed || !worker) setTimeout(() => fail("broken"));

  return {
    get state() { return state; },
    get status() { return status; },
    get params() { return params; },
    // The share of the runtime's bytes arrived (0 to 1), or null before the first report.
    get share() { return share; },
    get mode() { return mode; },
    // A listener added after the state settled (Python's message may arrive before this
    // module runs) is told at once.
    onChange(listener) {
      listeners.add(listener);
      if (state !== "loading" || status !== "status.loading") listener(state);
    },
    // Python's answer (JSON text); null if Python is not running; rejects if no answer comes
    // within the time limit (the reader is then told, instead of waiting for ever).
    run(name, payload) {
      if (state !== "ready") return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        sequence += 1;
        const id = sequence;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error("no answer"));
        }, DATA.request_timeout_ms);
        pending.set(id, (json) => {
          clearTimeout(timer);
          if (json === null && state === "ready") reject(new Error("no answer"));
          else resolve(json);
        });
        worker.postMessage({ type: "run", id, name, payload: JSON.stringify(payload) });
      });
    },
  };
})();

// ------------------------------------------------------------------ what the reader typed
//
// Browsers keep every address a tab shows in their history, which may be synced to the reader's
// account, so what the reader typed goes into no address unless the reader asks for a link:
// - this tab's own history entry keeps it (`history.state`, the address unchanged), so Back,
//   Forward and Reload find it again;
// - the language switch hands it to the twin page through this tab's sessionStorage
//   (`window.bfrCarryState`, called by language-switch.js); the twin page clears it on reading;
// - a link the reader asks for carries it after the # sign; a page opened from such a link reads
//   it and then takes it out of the address bar.

const forms = [];
const CARRY_KEY = "bfr-language-switch";

function encodeState(calculators = forms) {
  const params = new URLSearchParams();
  for (const calculator of calculators) {
    if (calculator.name === "session_plan") continue; // never in a link or the history
    for (const control of calculator.form.elements) {
      if (!control.name || control.type === "submit" || control.type === "button") continue;
      if (control.type === "radio" && !control.checked) continue;
      if (control.value.trim() === "") continue;
      params.set(`${calculator.name}.${control.name}`, control.value);
    }
  }
  return params.toString();
}

// The calculator a state key belongs to and the control it names, if both exist on this page.
function controlOf(key) {
  const dot = key.indexOf(".");
  if (dot < 0) return null;
  const calculator = forms.find((c) => c.name === key.slice(0, dot));
  const name = key.slice(dot + 1);
  const control = calculator && calculator.form.elements.namedItem(name);
  return control ? { calculator, name, control } : null;
}

function holdsState(text) {
  return [...new URLSearchParams(text).keys()].some((key) => controlOf(key) !== null);
}

function applyState(text) {
  for (const [key, value] of new URLSearchParams(text)) {
    const found = controlOf(key);
    if (!found) continue;
    found.control.value = value; // a RadioNodeList checks the radio with this value
    found.calculator.touched.add(found.name);
  }
}

// Kept with this tab's current history entry only; the address stays as it is. Chromium ignores
// history changes beyond 200 in 10 s, so typing saves at most every KEEP_INTERVAL_MS.
let keepTimer = 0;
let keptAt = -Infinity;

function keepState() {
  clearTimeout(keepTimer);
  keepTimer = 0;
  const kept = history.state && typeof history.state === "object" ? history.state : {};
  const state = encodeState();
  if (kept.bfrState === state) return; // a radio's "input" and "change" say the same
  keptAt = performance.now();
  try {
    history.replaceState({ ...kept, bfrState: state }, "");
  } catch {
    // a state too large to keep (a pasted megabyte): Back then shows the form empty
  }
}

function keepStateSoon() {
  const wait = keptAt + KEEP_INTERVAL_MS - performance.now();
  if (wait <= 0) keepState();
  else if (!keepTimer) keepTimer = setTimeout(keepState, wait);
}

// A link made earlier no longer matches the form once the reader changes it: take it out of the
// address bar rather than leave the old inputs there.
function dropLinkFromAddress() {
  if (holdsState(location.hash.slice(1))) {
    history.replaceState(history.state, "", location.pathname + location.search);
  }
}

function takeCarriedState() {
  try {
    const carried = JSON.parse(sessionStorage.getItem(CARRY_KEY) || "null");
    sessionStorage.removeItem(CARRY_KEY);
    return carried && carried.path === location.pathname ? String(carried.state) : "";
  } catch {
    return ""; // storage turned off: the page opens empty
  }
}

function restoreState() {
  const carried = takeCarriedState();
  const kept = history.state && typeof history.state.bfrState === "string" ? history.state.bfrState : "";
  if (holdsState(location.hash.slice(1))) {
    applyState(location.hash.slice(1)); // a link the reader made
  } else if (kept) {
    applyState(kept); // Back, Forward or Reload to this entry
  } else if (carried) {
    applyState(carried); // the other language's page, just before the switch
  }
  keepState();
  dropLinkFromAddress();
}

// The language switch calls this with the twin page's URL just before it goes there.
window.bfrCarryState = (target) => {
  keepState(); // for Back to this page
  const state = encodeState();
  try {
    if (state) sessionStorage.setItem(CARRY_KEY, JSON.stringify({ path: target.pathname, state }));
    else sessionStorage.removeItem(CARRY_KEY);
  } catch {
    // storage turned off: the twin page opens empty rather than with the inputs in its address
  }
};

// ------------------------------------------------------------------ one calculator form

class Calculator {
  constructor(form) {
    this.form = form;
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
    this.summary.addEventListener("click", (event) => this.jump(event));
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
    for (const name of ["one_rm", "load", "increment"]) {
      const control = this.form.elements.namedItem(name);
      if (control && control.value.trim() !== "") values[name] = control.value;
    }
    if (Object.keys(values).length > 0 && runtime.state === "ready") {
      // Until the typed weights are converted, no result is worked out from them in the new unit.
      this.converting = true;
      const json = await runtime.run("convert", { from, to, values });
      this.converting = false;
      const response = json && JSON.parse(json);
      if (response && response.ok && this.chosenUnit() === to) {
        for (const [name, value] of Object.entries(response.result.values)) {
          this.form.elements.namedItem(name).value = TYPED.format(value);
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
    this.unit = this.chosenUnit();
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

  setState(state, status = runtime.status, params = runtime.params) {
    this.form.dataset.state = state;
    if (runtime.mode) this.form.dataset.runtime = runtime.mode; // "fresh" or "snapshot"
    // A live region: the same words again would be said again.
    const words = t(status, params);
    if (this.status.textContent !== words) this.status.textContent = words;
    if (this.progress && runtime.share !== null) this.progress.value = runtime.share;
    this.status.classList.toggle("bfr-status--error", state === "error");
    if (state === "ready") this.update();
  }

  async update({ focusSummary = false } = {}) {
    if (this.converting) return; // convertUnits() asks again once the weights are converted
    if (runtime.state !== "ready") {
      if (focusSummary) this.status.focus();
      return;
    }
    this.ticket += 1;
    const ticket = this.ticket;
    let json;
    try {
      json = await runtime.run(this.name, this.payload());
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
    const same = json === this.form.dataset.result && this.body.childElementCount > 0;
    this.form.dataset.result = json;
    if (same) {
      this.showErrors(response.ok ? [] : response.errors, focusSummary);
      // "Yes" and "Not sure" weigh the same, but the printed summary says which one was given.
      if (response.ok && this.name === "screening") this.printSummary(response.result);
    } else if (response.ok) {
      this.showErrors([]);
      this.render(response.result);
    } else {
      this.showErrors(response.errors, focusSummary);
      this.renderEmpty(response.errors);
    }
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
    const field = this.fieldOf(error.field);
    if (error.code === "required" && field && field.querySelector("input[type=radio]")) {
      return t("error.required_choice"); // a question is chosen, not filled in
    }
    return t(`error.${error.code}`, params);
  }

  // The error summary's lines: on the screening, every unanswered question makes one line that
  // leads to the first of them, instead of a line per question.
  summaryItems(errors) {
    const isQuestion = (error) => error.code === "required"
      && this.fieldOf(error.field)?.closest("[data-group=answers]");
    const unanswered = this.name === "screening" ? errors.filter(isQuestion) : [];
    const items = [];
    let counted = false;
    for (const error of errors) {
      const field = this.fieldOf(error.field);
      const input = field && field.querySelector("input");
      if (unanswered.includes(error)) {
        if (counted) continue;
        counted = true;
        const open = [...this.form.querySelectorAll("[data-group=answers]")]
          .filter((q) => !q.querySelector("input:checked"));
        const count = open.length;
        const text = t(count === 1 ? "ui.error_summary.unanswered_one" : "ui.error_summary.unanswered", { count });
        const first = open[0]?.querySelector("input") || input;
        items.push(element("li", {}, element("a", { href: `#${first.id}` }, text)));
        continue;
      }
      const text = field ? `${this.labelOf(error.field)}: ${this.message(error)}` : this.message(error);
      items.push(element("li", {}, input ? element("a", { href: `#${input.id}` }, text) : text));
    }
    return items;
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
    list.replaceChildren(...this.summaryItems(this.submitted ? errors : []));
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

  renderEmpty(errors = []) {
    const refused = errors.filter((error) => REFUSALS.has(error.code));
    this.body.replaceChildren(...(refused.length > 0
      ? [element("p", { class: "bfr-result__empty" }, refused.map((error) => this.message(error)).join(" ")),
        refusalGuidance(refused)]
      : [element("p", { class: "bfr-result__empty" }, t(`ui.result.empty.${this.name}`))]));
  }

  render(result) {
    const [headline, ...rest] = RENDER[this.name](result);
    // A fold the reader opened stays open when the result is worked out again.
    const opened = [...this.body.querySelectorAll("details")].map((fold) => fold.open);
    this.body.replaceChildren(headline, ...rest.filter(Boolean));
    this.body.querySelectorAll("details").forEach((fold, index) => { fold.open = Boolean(opened[index]); });
    if (this.name === "screening") {
      this.body.append(...this.nextSteps(result));
      this.printSummary(result);
    }
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => { this.announcer.textContent = headline.textContent; }, ANNOUNCE_DELAY_MS);
  }

  // The next step for the level (the partial's <template data-next>), and for a measured
  // pressure in the "stop" band, when to get help at once.
  nextSteps(result) {
    const copy = (name) => this.form.querySelector(`template[data-next="${name}"]`)?.content.cloneNode(true);
    const steps = [copy(result.level)];
    if (result.blood_pressure && result.blood_pressure.band === "stop") {
      const urgent = copy("bp_urgent");
      urgent.querySelector("[data-urgent-text]").textContent = t("ui.next.bp_urgent", result.blood_pressure);
      steps.unshift(urgent);
    }
    return steps.filter(Boolean);
  }

  // A one-page summary to take to a doctor: shown only when printing (calculators.css).
  printSummary(result) {
    const answer = (field) => {
      const checked = field.querySelector("input:checked");
      return checked ? checked.closest("label").textContent.trim() : "";
    };
    const rows = [...this.form.querySelectorAll("[data-group=answers] fieldset")].map((field) => {
      const value = field.querySelector("input:checked")?.value;
      return element("tr", value === "yes" || value === "not_sure" ? { class: "bfr-print-answers__flag" } : {},
        element("td", {}, field.querySelector("legend").textContent.trim()),
        element("td", {}, answer(field)));
    });
    const measured = [...this.form.querySelectorAll(".bfr-measurements input")]
      .filter((input) => input.value.trim() !== "")
      .map((input) => `${this.labelOf(input.name)}: ${input.value.trim()} ${input.nextElementSibling?.textContent ?? ""}`);
    let summary = this.form.querySelector("[data-print-summary]");
    if (!summary) {
      summary = element("section", { class: "bfr-print-summary", "data-print-summary": "" });
      this.form.append(summary);
    }
    const [headline, ...parts] = RENDER.screening(result);
    const line = (label) => element("p", { class: "bfr-print-line" }, element("span", {}, label));
    summary.replaceChildren(...[
      element("h2", {}, t("ui.print.title")),
      element("div", { class: "bfr-print-lines" }, line(t("ui.print.name")), line(t("ui.print.birth"))),
      element("p", {}, t("ui.print.date", { date: new Date().toLocaleDateString(DATE_LOCALE, { dateStyle: "long" }) })),
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

  // ---------------------------------------------------------------- buttons

  async action(name) {
    if (name === "copy_link" || name === "share") {
      const link = new URL(location.href);
      link.hash = encodeState([this]); // this calculator's inputs only
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
      const link = new URL(location.href);
      link.hash = encodeState([this]);
      try {
        await navigator.share({ title: document.title, url: link.href });
        this.actionStatus.textContent = t("ui.link.shared");
      } catch {
        this.actionStatus.textContent = ""; // closed without sharing
      }
    } else if (name === "print") {
      window.print();
    }
  }
}

// ------------------------------------------------------------------ result renderers

const RENDER = {
  bfr_load(r) {
    const unit = t(`unit.${r.unit}`);
    const percent = (value) => WHOLE.format(value);
    const weight = (value) => `${show(value)} ${unit}`;
    const oneRm = r.one_rm_source === "estimated"
      ? [t("result.one_rm"), `${ONE_DECIMAL.format(r.one_rm)} ${unit} (${t("ui.load.one_rm_estimated", {
        formula: t(`formula.${r.default_formula}`), load: r.load, unit, reps: r.reps })})`]
      : [t("ui.one_rm_source.legend"), weight(r.one_rm)];
    // A load that rounding moved out of 20-40 % is a warning, never the headline.
    const headline = r.in_range
      ? element("p", { class: "bfr-headline" }, t("ui.load.headline", { set_load: r.set_load, unit }))
      : element("div", { class: "bfr-alert", "data-load-outside": "" },
        element("p", { class: "bfr-headline" }, t("ui.load.outside")),
        element("p", {}, t("warning.set_load_outside_range", { set_percent: percent(r.set_percent) })));
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
          ? [t("ui.load.share_label"), t("ui.percent_value", { value: percent(r.set_percent) })]
          : [t("ui.load.nearest_label"), t("ui.load.nearest", { set_load: r.set_load, unit, set_percent: percent(r.set_percent) })],
        [t("result.restriction_min"), range(r.restriction_min, "min")],
        [t("result.sessions_per_week"), `${range(r.sessions_per_week)} ${t("unit.per_week")}`],
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
      r.in_range && handoverLink(r),
    ];
  },

  cuff_pressure(r) {
    const estimated = r.method === "estimated";
    return [
      element("p", { class: "bfr-headline" }, t("ui.pressure.headline", { min: r.pressure_mmhg.min, max: r.pressure_mmhg.max })),
      facts([
        [t("result.method"), t(`ui.pressure.method.${r.method}`)],
        [t("result.aop_mmhg"), `${ONE_DECIMAL.format(r.aop_mmhg)} ${t("unit.mmhg")}`],
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
  },

  screening(r) {
    const bloodPressure = r.blood_pressure && t(`ui.screening.bp.${r.blood_pressure.band}`, r.blood_pressure);
    const reason = (id) => {
      if (id === "blood_pressure") return element("li", {}, `${t("decisive.blood_pressure")}: ${bloodPressure}`);
      if (id === "bmi") return element("li", {}, t("decisive.bmi", r));
      const question = DATA.questions.find((q) => q.id === id);
      if (!question) return element("li", {}, t(`decisive.${id}`));
      const kind = t(`ui.kind.${question.kind}`);
      const source = question.source
        ? element("a", { href: `${DATA.references}#${question.source}` }, DATA.reference_labels[question.source])
        : t("ui.source.precaution");
      return element("li", {}, `${t(`question.${id}.text`)} (${kind}; `, source, ")");
    };
    const advice = r.advice || [];
    return [
      element("p", { class: `bfr-headline bfr-level bfr-level--${r.level}`, "data-level": r.level },
        icon(r.level), element("span", {}, t(`level.${r.level}.title`))),
      element("p", { class: "bfr-next" }, t(`level.${r.level}.next`)),
      advice.length > 0 && element("div", { class: "bfr-advice" },
        element("p", {}, t("result.advice")),
        element("ul", {}, advice.map((code) => element("li", {}, t(`advice.${code}`))))),
      r.decisive.length > 0 && element("div", { class: "bfr-reasons" },
        element("p", {}, t("result.decisive")),
        element("ul", {}, r.decisive.map(reason))),
      (bloodPressure || r.bmi !== undefined) && facts([
        bloodPressure && [t("result.blood_pressure"), bloodPressure],
        r.bmi !== undefined && [t("result.bmi"), `${show(r.bmi)} ${t("unit.kg_m2")}`],
      ]),
      notes(r.warnings, r),
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

// What a reader refused a cuff-pressure estimate can do: who measures, what to do meanwhile,
// why elastic wraps cannot be set by percentage; the arm and the leg each get their own line.
function refusalGuidance(errors) {
  const arm = errors.some((error) => error.code === "estimate_leg_only");
  return element("div", { class: "bfr-refusal", "data-refusal": arm ? "arm" : "leg" },
    element("p", { class: "bfr-refusal__title" }, t("ui.pressure.refused.title")),
    element("ul", {},
      element("li", {}, t("ui.pressure.refused.measure")),
      element("li", {}, t(arm ? "ui.pressure.refused.arm" : "ui.pressure.refused.leg")),
      element("li", {}, t("ui.pressure.refused.meanwhile")),
      element("li", {}, t("ui.pressure.refused.elastic"))));
}

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
  return table(t("result.estimates"), [t("ui.formula"), `${t("result.one_rm")} (${unit})`],
    Object.entries(r.estimates).map(([formula, value]) => element("tr",
      formula === r.default_formula ? { class: "bfr-estimates__default" } : {},
      element("th", { scope: "row" }, formula === r.default_formula
        ? `${t(`formula.${formula}`)} (${t("ui.formula.default")})` : t(`formula.${formula}`)),
      element("td", {}, ONE_DECIMAL.format(value)))),
    { "data-estimates": "" });
}

// ------------------------------------------------------------------ start

for (const form of document.querySelectorAll("form[data-calculator]")) forms.push(new Calculator(form));
restoreState();
forms.forEach((calculator) => calculator.sync());
// The last keystrokes, when the reader leaves (a link, Back) before they were saved.
window.addEventListener("pagehide", () => { if (keepTimer) keepState(); });
const announce = (state) => forms.forEach((calculator) => calculator.setState(state));
runtime.onChange(announce);
runtime.onChange((state) => {
  if (state === "loading") return; // still coming, only slowly
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
