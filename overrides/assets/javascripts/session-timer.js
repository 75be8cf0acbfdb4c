// The session timer on the first-session page. It runs the plan the Python core computed (the
// session_plan form's data-result: steps, durations, cuff-time alerts) against a clock:
// performance.now(), never a count of ticks, so a phone that puts the tab in the background
// for a minute shows the right step and time when it comes back. It also renders the printable
// four-week plan and takes over numbers handed on from the load calculator. Every word comes
// from calculators/strings.json (#bfr-calculator-data).

const DATA = JSON.parse(document.getElementById("bfr-calculator-data").textContent);
const LANG = DATA.lang;
// Made when first used (calculators.js says why).
let plain = null;
const PLAIN = {
  format: (value) =>
    (plain ??= new Intl.NumberFormat(LANG, { useGrouping: false, maximumFractionDigits: 2 })).format(value),
};
const HANDOVER_KEY = "bfr-session-handover";
const TICK_MS = 250;

const form = document.querySelector("form[data-calculator=session_plan]");
const timer = document.querySelector("[data-timer]");
const printable = document.querySelector("[data-plan-print]");

function t(key, params) {
  const text = DATA.strings[key];
  if (text === undefined) return key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    (name in params ? (typeof params[name] === "number" ? PLAIN.format(params[name]) : String(params[name])) : whole));
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

// Minutes:seconds of a number of seconds, rounded up so a countdown shows 0:00 only at the end.
function clock(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-6));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// ------------------------------------------------------------------ cues: sound, vibration, screen

const cues = {
  audio: null,
  wakeLock: null,
  // Called from the reader's own tap on Start: browsers allow sound only after one.
  unlock() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!this.audio && Context) {
      try {
        this.audio = new Context();
      } catch {
        this.audio = null;
      }
    }
    if (this.audio && this.audio.state === "suspended") this.audio.resume().catch(() => {});
  },
  // A short generated beep and a vibration, where the device has them.
  signal() {
    if (this.audio) {
      try {
        const now = this.audio.currentTime;
        const tone = this.audio.createOscillator();
        const gain = this.audio.createGain();
        tone.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, now);
        gain.gain.exponentialRampToValueAtTime(0.4, now + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.4);
        tone.connect(gain).connect(this.audio.destination);
        tone.start(now);
        tone.stop(now + 0.45);
      } catch {
        // no sound: the screen still shows the change
      }
    }
    if (navigator.vibrate) {
      try {
        navigator.vibrate([200, 100, 200]);
      } catch {
        // no vibration
      }
    }
    document.documentElement.dataset.timerSignals = String(Number(document.documentElement.dataset.timerSignals || 0) + 1);
  },
  async keepAwake(on) {
    if (!on) {
      const lock = this.wakeLock;
      this.wakeLock = null;
      if (lock) lock.release().catch(() => {});
      return;
    }
    if (this.wakeLock || !("wakeLock" in navigator) || document.visibilityState !== "visible") return;
    try {
      this.wakeLock = await navigator.wakeLock.request("screen");
      this.wakeLock.addEventListener("release", () => { this.wakeLock = null; });
    } catch {
      this.wakeLock = null; // not allowed here: silently without
    }
  },
};

// ------------------------------------------------------------------ the timer

class SessionTimer {
  constructor(root) {
    this.root = root;
    this.phase = root.querySelector("[data-timer-phase]");
    this.big = root.querySelector("[data-timer-big]");
    this.detail = root.querySelector("[data-timer-detail]");
    this.cuff = root.querySelector("[data-timer-cuff]");
    this.alert = root.querySelector("[data-timer-alert]");
    this.announcer = root.querySelector("[data-timer-announce]");
    this.toggleButton = root.querySelector("[data-timer-action=toggle]");
    this.skipButton = root.querySelector("[data-timer-action=skip]");
    this.resetButton = root.querySelector("[data-timer-action=reset]");
    this.printButton = root.querySelector("[data-timer-action=print]");
    this.plan = null; // the core's result
    this.pending = null; // a new plan that arrived while a session runs
    this.interval = 0;
    this.clear();
    root.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("[data-timer-action]") : null;
      if (button && !button.disabled) this.act(button.dataset.timerAction);
    });
    document.addEventListener("visibilitychange", () => {
      if (this.state !== "running") return;
      this.update();
      if (document.visibilityState === "visible") cues.keepAwake(true);
    });
  }

  clear() {
    this.state = "idle";
    this.index = 0; // the current step
    this.elapsed = 0; // session time in ms before the last resume
    this.resumedAt = 0;
    this.stepStart = 0; // session time (ms) at which the current step began
    this.cuffBefore = 0; // ms with the cuff on in the steps before the current one
    this.alerted = new Set();
  }

  now() {
    return this.state === "running" ? this.elapsed + (performance.now() - this.resumedAt) : this.elapsed;
  }

  setPlan(result) {
    if (this.state === "running" || this.state === "paused") {
      this.pending = result;
      return;
    }
    this.plan = result;
    this.pending = null;
    this.clear();
    this.render();
  }

  act(action) {
    if (action === "toggle") {
      if (this.state === "running") this.pause();
      else if (this.state === "paused") this.resume();
      else this.start();
    } else if (action === "skip") {
      this.skip();
    } else if (action === "reset") {
      this.reset();
    } else if (action === "print") {
      window.print();
    }
  }

  start() {
    if (!this.plan) return;
    cues.unlock();
    this.clear();
    this.state = "running";
    this.resumedAt = performance.now();
    this.run();
    this.enter();
  }

  pause() {
    this.elapsed = this.now();
    this.state = "paused";
    this.stop();
    this.say(t("ui.timer.paused"));
    this.render();
  }

  resume() {
    cues.unlock();
    this.state = "running";
    this.resumedAt = performance.now();
    this.run();
    this.say(this.stepText());
    this.render();
  }

  skip() {
    if (this.state !== "running" && this.state !== "paused") return;
    const at = this.now();
    this.leave(at - this.stepStart);
    this.stepStart = at;
    this.index += 1;
    if (this.index >= this.plan.steps.length) this.finish();
    else this.enter();
  }

  reset() {
    this.stop();
    this.clear();
    if (this.pending) {
      this.plan = this.pending;
      this.pending = null;
    }
    this.say(t("ui.timer.idle"));
    this.render();
  }

  run() {
    clearInterval(this.interval);
    this.interval = setInterval(() => this.update(), TICK_MS);
    cues.keepAwake(true);
  }

  stop() {
    clearInterval(this.interval);
    this.interval = 0;
    cues.keepAwake(false);
  }

  step() {
    return this.plan.steps[this.index];
  }

  // The time spent in a step counts as cuff time when its cuff is on.
  leave(ms) {
    if (this.step().cuff_on) this.cuffBefore += ms;
  }

  // Catch up with the clock: every step that has ended since the last look ends now, at the
  // time it was due, so a minute in the background moves the session on by exactly a minute.
  update() {
    if (this.state !== "running") return;
    const at = this.now();
    let ended = null;
    while (this.index < this.plan.steps.length && at - this.stepStart >= this.step().duration_s * 1000) {
      const duration = this.step().duration_s * 1000;
      ended = this.step();
      this.leave(duration);
      this.stepStart += duration;
      this.index += 1;
    }
    if (ended && ended.kind !== "set") cues.signal();
    if (this.index >= this.plan.steps.length) {
      this.finish();
      return;
    }
    if (ended) this.enter();
    else this.render();
  }

  enter() {
    this.say(this.stepText());
    this.render();
  }

  finish() {
    this.elapsed = this.now();
    this.state = "done";
    this.index = this.plan.steps.length;
    this.stop();
    this.say(t("ui.timer.done"));
    this.render();
  }

  stepText() {
    const step = this.step();
    if (step.kind === "set") {
      return t("ui.timer.announce_set", { set: step.set, sets: this.plan.sets, reps: step.reps });
    }
    return t(`ui.timer.announce_${step.kind}`, { seconds: step.duration_s });
  }

  cuffMs() {
    const inStep = this.index < this.plan.steps.length && this.step().cuff_on ? this.now() - this.stepStart : 0;
    return this.cuffBefore + inStep;
  }

  // Warn once as the cuff time passes each of the core's alert times (5 min, the limit).
  checkAlerts(cuffMs) {
    const alerts = this.plan.alerts_s;
    alerts.forEach((at, i) => {
      if (cuffMs < at * 1000 || this.alerted.has(i)) return;
      this.alerted.add(i);
      const last = i === alerts.length - 1;
      const text = last ? t("ui.timer.alert_limit", { minutes: this.plan.cuff_limit_min }) : t("ui.timer.alert_low");
      this.alert.textContent = text;
      this.alert.hidden = false;
      this.alert.classList.toggle("bfr-timer__alert--limit", last);
      this.say(text);
      cues.signal();
    });
  }

  say(text) {
    // A polite live region, told only when the step changes, never every second.
    this.announcer.textContent = text;
  }

  render() {
    this.root.dataset.timerState = this.state;
    const ready = Boolean(this.plan);
    this.toggleButton.disabled = !ready;
    this.toggleButton.textContent = t(this.state === "running" ? "ui.timer.pause"
      : this.state === "paused" ? "ui.timer.resume" : "ui.timer.start");
    this.skipButton.disabled = !(this.state === "running" || this.state === "paused");
    this.resetButton.disabled = this.state === "idle";
    this.printButton.disabled = !ready;
    if (this.state === "idle") {
      this.alert.hidden = true;
      this.alert.textContent = "";
      this.phase.textContent = t("ui.timer.idle");
      this.big.textContent = ready ? t("ui.timer.set", { set: 1, sets: this.plan.sets }) : "";
      this.detail.textContent = ready ? t("ui.timer.rep", { rep: 0, reps: this.plan.steps[0].reps }) : "";
      this.cuff.textContent = ready ? t("ui.timer.cuff", { time: clock(0) }) : "";
      this.root.dataset.step = "";
      this.root.dataset.remaining = "";
      return;
    }
    const cuffMs = this.cuffMs();
    this.cuff.textContent = t("ui.timer.cuff", { time: clock(cuffMs / 1000) });
    if (this.state === "done") {
      this.phase.textContent = t("ui.timer.done");
      this.big.textContent = t("ui.timer.done");
      this.detail.textContent = "";
      this.root.dataset.step = "done";
      this.root.dataset.remaining = "0";
      this.checkAlerts(cuffMs);
      return;
    }
    const step = this.step();
    const inStep = (this.now() - this.stepStart) / 1000;
    const remaining = Math.max(0, step.duration_s - inStep);
    this.root.dataset.step = `${this.index}`;
    this.root.dataset.remaining = clock(remaining);
    const paused = this.state === "paused" ? ` (${t("ui.timer.paused")})` : "";
    if (step.kind === "set") {
      const rep = Math.min(step.reps, Math.floor(inStep / this.plan.rep_s) + 1);
      this.phase.textContent = t("ui.timer.set", { set: step.set, sets: this.plan.sets }) + paused;
      this.big.textContent = t("ui.timer.rep", { rep, reps: step.reps });
      this.detail.textContent = clock(remaining);
    } else {
      const next = this.plan.steps[this.index + 1];
      this.phase.textContent = t(step.kind === "rest" ? "ui.timer.rest_label" : "ui.timer.deflate_label") + paused;
      this.big.textContent = clock(remaining);
      this.detail.textContent = next ? t("ui.timer.next", { set: next.set, reps: next.reps }) : "";
    }
    this.checkAlerts(cuffMs);
  }
}

// ------------------------------------------------------------------ the printable plan

function renderPrintable(plan) {
  if (!plan) {
    printable.replaceChildren();
    return;
  }
  const unit = t(`unit.${plan.unit}`);
  const load = `${PLAIN.format(plan.set_load)} ${unit}`;
  const pressure = plan.pressure_mmhg !== undefined
    ? `${PLAIN.format(plan.pressure_mmhg)} ${t("unit.mmhg")}` : t("ui.plan.pressure_blank");
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
  const header = ["ui.plan.week", "ui.plan.session", "ui.plan.date", "ui.plan.sets", "ui.plan.load",
    "ui.plan.pressure", "ui.plan.done"].map((key) => element("th", { scope: "col" }, t(key)));
  printable.replaceChildren(
    element("h2", {}, t("ui.plan.title")),
    element("p", {}, t("ui.plan.numbers", {
      set_load: plan.set_load, unit, reps: plan.reps.join("-"), rest_s: plan.rest_s, pressure })),
    element("table", { class: "bfr-plan-print__table" },
      element("thead", {}, element("tr", {}, header)),
      element("tbody", {}, rows)),
    element("p", {}, t("ui.plan.note")));
}

// ------------------------------------------------------------------ start

if (form && timer) {
  const session = new SessionTimer(timer);
  const follow = () => {
    const raw = form.dataset.result;
    const response = raw ? JSON.parse(raw) : null;
    const plan = response && response.ok ? response.result : null;
    session.setPlan(plan);
    renderPrintable(plan);
  };
  new MutationObserver(follow).observe(form, { attributes: true, attributeFilter: ["data-result"] });
  follow();

  // The repetition scheme has dashes, which a phone's number pad may not offer.
  const scheme = form.querySelector("input[name=reps_scheme]");
  if (scheme) scheme.inputMode = "text";

  // Numbers handed on from the load calculator: filled in once, then forgotten.
  let handed = null;
  try {
    handed = JSON.parse(sessionStorage.getItem(HANDOVER_KEY) || "null");
    sessionStorage.removeItem(HANDOVER_KEY);
  } catch {
    handed = null;
  }
  if (handed && typeof handed === "object") {
    const set = (name, value) => {
      const control = form.elements.namedItem(name);
      if (control && value !== undefined && value !== null) {
        control.value = typeof value === "number" ? PLAIN.format(value) : String(value);
      }
    };
    set("ui-load_source", "set_load");
    set("unit", handed.unit);
    set("set_load", handed.set_load);
    set("sets", handed.sets);
    set("pressure_mmhg", handed.pressure_mmhg);
    form.dispatchEvent(new Event("change", { bubbles: true }));
    form.querySelector("[data-handover-status]").textContent = t("ui.handover.loaded");
  }
}
