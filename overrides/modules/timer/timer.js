// The session timer on the first-session page: its buttons, what it shows and says, and its
// cues, over the logic of session.js read against the wall clock (Date.now()), which goes on
// while a phone is locked or the page is frozen.
import { element, setText } from "../dom.js";
import { countdown } from "../words.js";
import { cues } from "./cues.js";
import { SessionClock, awayMessage, awaySummary } from "./session.js";

const TICK_MS = 250;
// A step that ended longer ago than this was missed (the page was frozen, or hidden and slowed
// down): it gets no cue of its own; the banner says what happened when the reader is back.
const LATE_MS = 2_000;
// Ticks this far apart mean the page was stopped (a phone locked without a visibility change).
const GAP_MS = 3_000;

const wall = () => Date.now();

export class SessionTimer {
  // `words`: the timer's words (words.js); `form`: the session plan's form, around the timer.
  constructor(root, words, form = root) {
    this.root = root;
    this.form = form;
    this.t = words.t;
    this.show = words.show;
    const part = (name) => root.querySelector(`[data-timer-${name}]`);
    this.planLine = part("plan");
    this.panel = part("panel");
    this.phase = part("phase");
    this.label = part("label");
    this.number = part("number");
    this.of = part("of");
    this.detail = part("detail");
    this.cuff = part("cuff");
    this.alert = part("alert");
    this.announcer = part("announce");
    this.banner = part("banner");
    this.bannerTitle = part("banner-title");
    this.bannerText = part("banner-text");
    this.againButton = root.querySelector("[data-timer-action=again]");
    this.toggleButton = root.querySelector("[data-timer-action=toggle]");
    this.skipButton = root.querySelector("[data-timer-action=skip]");
    this.resetButton = root.querySelector("[data-timer-action=reset]");
    this.printButton = form.querySelector("[data-timer-action=print]");
    this.clock = new SessionClock();
    this.interval = 0;
    this.lastTick = 0;
    this.away = null; // while the reader is away: the steps that ended meanwhile
    form.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("[data-timer-action]") : null;
      if (button && !button.disabled) this.act(button.dataset.timerAction);
    });
    // Any tap on the timer lets it make sounds again (a page opened by a language switch).
    root.addEventListener("pointerdown", () => cues.unlock());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.leave();
      else this.back();
    });
    // A page the browser stops (frozen) while it stays visible comes back with "resume".
    document.addEventListener("freeze", () => this.leave());
    document.addEventListener("resume", () => this.back());
  }

  setPlan(result) {
    if (this.clock.setPlan(result)) this.render();
  }

  act(action) {
    if (action === "toggle") {
      if (this.clock.state === "running") this.pause();
      else if (this.clock.state === "paused") this.resume();
      else this.start();
    } else if (action === "skip") {
      this.skip();
    } else if (action === "reset") {
      this.reset();
    } else if (action === "again") {
      this.again();
    } else if (action === "continue") {
      cues.unlock();
      this.hideBanner();
    } else if (action === "print") {
      window.print();
    }
  }

  start() {
    if (!this.clock.plan) return;
    cues.unlock();
    this.hideBanner();
    this.clock.start(wall());
    this.run();
    this.enter(true);
  }

  pause() {
    this.update();
    if (this.clock.state !== "running") return;
    this.clock.pause(wall());
    this.stop();
    this.say(this.t("ui.timer.paused"));
    this.render();
  }

  resume() {
    cues.unlock();
    this.clock.resume(wall());
    this.run();
    this.say(this.stepText());
    this.render();
  }

  skip() {
    if (!this.clock.active) return;
    cues.unlock();
    this.clock.skip(wall());
    if (this.clock.finished) this.finish(true);
    else this.enter(true);
  }

  // The banner's "Start set 2 again": the set the reader missed the start of begins now.
  again() {
    cues.unlock();
    if (this.clock.state !== "running" || this.clock.finished) return;
    this.clock.restartStep(wall());
    this.enter(true);
  }

  reset() {
    this.stop();
    this.away = null;
    this.hideBanner();
    this.clock.reset();
    this.say(this.t("ui.timer.idle"));
    this.render();
  }

  run() {
    clearInterval(this.interval);
    this.lastTick = wall();
    this.interval = setInterval(() => this.update(), TICK_MS);
    cues.keepAwake(true);
  }

  stop() {
    clearInterval(this.interval);
    this.interval = 0;
    cues.keepAwake(false);
  }

  // The reader cannot see the timer from now on (hidden, locked, frozen).
  leave() {
    if (this.clock.state === "running") this.away ??= { ended: [], missed: false };
  }

  // The page is on screen again: catch up, and say what happened meanwhile.
  back() {
    if (document.visibilityState !== "visible") return;
    if (this.clock.state === "running") this.update();
    else this.welcome(wall());
    if (this.clock.state === "running") cues.keepAwake(true);
  }

  // Every step that ended since the last look ends (session.js). A change that is due now gets
  // its cue; one that was missed gets none, and the banner tells of it when the reader is back.
  update() {
    if (this.clock.state !== "running") return;
    const at = wall();
    if (this.lastTick && at - this.lastTick > GAP_MS) this.leave();
    this.lastTick = at;
    const ended = this.clock.advance(at);
    const last = ended[ended.length - 1];
    const fresh = Boolean(last) && this.clock.now(at) - last.endedAt <= LATE_MS;
    if (this.away) {
      this.away.ended.push(...ended);
      if (last && !fresh) this.away.missed = true;
    }
    if (this.clock.finished) this.finish(fresh);
    else if (last) this.enter(fresh);
    else this.render();
    if (this.away && document.visibilityState === "visible") this.welcome(at);
  }

  // Back after an absence: a notification banner says what ended while the reader was away
  // and what runs now, with a cue when that change was missed. Nothing when no step ended.
  welcome(at) {
    const away = this.away;
    this.away = null;
    if (!away) return;
    const summary = awaySummary(this.clock, away.ended, at);
    if (!summary) return;
    const { text, again } = awayMessage(summary, this.t, countdown);
    this.showBanner(this.t("ui.timer.away.title"), text, again);
    this.say(text);
    if (away.missed) cues.signal(summary.done ? "done" : summary.current.kind);
  }

  // A session carried from the other language's page: it goes on by the same clock; the banner
  // asks for a tap, without which the browser lets the new page neither beep nor vibrate.
  restore(plan, saved) {
    if (!this.clock.restore(plan, saved)) return false;
    if (this.clock.state === "running") {
      this.run();
      this.update();
    }
    if (this.clock.active) {
      this.showBanner(this.t("ui.timer.carried.title"), this.t("ui.timer.carried"), null);
      this.say(`${this.t("ui.timer.carried")} ${this.stepText()}`);
    }
    this.render();
    return true;
  }

  showBanner(title, text, again) {
    setText(this.bannerTitle, title);
    setText(this.bannerText, text);
    this.againButton.hidden = !again;
    if (again) setText(this.againButton, this.t("ui.timer.again", { set: again.set }));
    this.banner.hidden = false;
  }

  hideBanner() {
    this.banner.hidden = true;
  }

  // A new step begins: it is announced, shown, and (`cue`) signalled by its kind.
  enter(cue) {
    this.hideBanner();
    this.say(this.stepText());
    this.render();
    if (cue) cues.signal(this.clock.step().kind);
  }

  // The end of the session, the strongest cue: take the cuff off.
  finish(cue) {
    this.clock.finish(wall());
    this.stop();
    this.hideBanner();
    this.say(this.t("ui.timer.done_announce"));
    this.render();
    if (cue) cues.signal("done");
  }

  stepText() {
    const step = this.clock.step();
    if (step.kind === "set") {
      return this.t("ui.timer.announce_set", { set: step.set, sets: this.clock.plan.sets, reps: step.reps });
    }
    if (step.kind === "inflate") return this.pumpText("ui.timer.announce_inflate", step);
    return this.t(`ui.timer.announce_${step.kind}`, { seconds: step.duration_s });
  }

  // "Pump the cuff up to 72 mmHg", or without a pressure in the plan "... up again".
  pumpText(key, step) {
    const pressure = step.pressure_mmhg;
    return pressure === undefined
      ? this.t(`${key}_again`, { seconds: step.duration_s })
      : this.t(key, { pressure, seconds: step.duration_s });
  }

  // Warn once as the cuff time passes each of the core's alerts (its kinds: low, limit).
  checkAlerts(cuffMs) {
    const due = this.clock.dueAlerts(cuffMs);
    if (due.length === 0) return;
    const alert = due[due.length - 1];
    const limit = alert.kind === "limit";
    const text = limit
      ? this.t("ui.timer.alert_limit", { minutes: this.clock.plan.cuff_limit_min }) : this.t("ui.timer.alert_low");
    setText(this.alert, text);
    this.alert.hidden = false;
    this.alert.classList.toggle("bfr-timer__alert--limit", limit);
    this.say(text);
    cues.signal("alert");
  }

  say(text) {
    // A polite live region, told only when something changes, never every second.
    this.announcer.textContent = text;
  }

  // The plan in one line: "22.5 kg · 2 sets · 30-15 · rest 45 s · cuff 72 mmHg", as its parts.
  planParts(plan) {
    const { t, show } = this;
    const parts = [t("ui.quantity", { value: show(plan.set_load), unit: t(`unit.${plan.unit}`) }),
      t(plan.sets === 1 ? "ui.timer.plan.sets_one" : "ui.timer.plan.sets", { sets: plan.sets }),
      plan.reps.join("-")];
    if (plan.sets > 1) {
      parts.push(t(plan.rest_mode === "deflate" ? "ui.timer.plan.rest_deflate" : "ui.timer.plan.rest",
        { rest_s: plan.rest_s }));
    }
    if (plan.pressure_mmhg !== undefined) parts.push(t("ui.timer.plan.pressure", { pressure: plan.pressure_mmhg }));
    return parts;
  }

  // The plan line: each part kept whole, so that a narrow phone wraps it between parts ("rest
  // 45 s" never splits from its number). Written only when it changes, as setText does.
  showPlan(parts) {
    const line = this.planLine;
    const text = parts.join(" · ");
    if (line.textContent === text) return;
    line.replaceChildren(...parts.flatMap((part, i) => [
      ...(i > 0 ? [" · "] : []), element("span", { class: "bfr-timer__plan-part" }, part)]));
  }

  // The big figure with what it counts: a label, the number, and "of 30" smaller.
  figure(label, number, of = "") {
    setText(this.label, label);
    setText(this.number, number);
    setText(this.of, of);
  }

  // Called every 250 ms while the timer runs: only what has changed is written (setText), so the
  // button a reader is pressing keeps its text node and the press registers in every engine.
  render() {
    const { t, clock: session } = this;
    const { plan, state } = session;
    const at = wall();
    this.root.dataset.timerState = state;
    const ready = Boolean(plan);
    this.toggleButton.disabled = !ready;
    setText(this.toggleButton, t(state === "running" ? "ui.timer.pause"
      : state === "paused" ? "ui.timer.resume" : "ui.timer.start"));
    this.skipButton.disabled = !session.active;
    this.resetButton.disabled = state === "idle";
    this.printButton.disabled = !ready;
    const runtime = this.form.dataset.state;
    if (ready) this.showPlan(this.planParts(plan));
    else setText(this.planLine, runtime === "ready" ? t("ui.timer.plan.none") : "");
    if (state === "idle") {
      this.alert.hidden = true;
      setText(this.alert, "");
      setText(this.skipButton, t("ui.timer.skip"));
      setText(this.phase, ready ? t("ui.timer.set", { set: 1, sets: plan.sets }) : t("ui.timer.ready"));
      if (ready) this.figure(t("ui.timer.reps_label"), this.show(plan.steps[0].reps));
      else this.figure("", "");
      setText(this.detail, ready && plan.pressure_mmhg !== undefined
        ? t("ui.timer.idle_pressure", { pressure: plan.pressure_mmhg }) : t("ui.timer.idle"));
      setText(this.cuff, "");
      this.root.dataset.step = "";
      this.root.dataset.stepKind = "";
      this.root.dataset.remaining = "";
      return;
    }
    const cuffMs = session.cuffMs(at);
    setText(this.cuff, t("ui.timer.cuff", { time: countdown(cuffMs / 1000), limit: plan.cuff_limit_min }));
    if (state === "done") {
      setText(this.phase, t("ui.timer.done_title"));
      this.figure("", t("ui.timer.done"));
      setText(this.detail, t("ui.timer.done_detail"));
      setText(this.skipButton, t("ui.timer.skip"));
      this.root.dataset.step = "done";
      this.root.dataset.stepKind = "done";
      this.root.dataset.remaining = "0";
      this.checkAlerts(cuffMs);
      return;
    }
    const step = session.step();
    const next = session.next();
    const left = countdown(session.remaining(at));
    this.root.dataset.step = `${session.index}`;
    this.root.dataset.stepKind = step.kind;
    this.root.dataset.remaining = left;
    const paused = (text) => (state === "paused" ? t("ui.with_note", { text, note: t("ui.timer.paused") }) : text);
    setText(this.skipButton, t(`ui.timer.skip.${step.kind}`));
    if (step.kind === "set") {
      setText(this.phase, paused(t("ui.timer.set", { set: step.set, sets: plan.sets })));
      this.figure(t("ui.timer.rep_label"), this.show(session.rep(at)), t("ui.timer.of", { reps: step.reps }));
      setText(this.detail, t("ui.timer.left_set", { time: left }));
    } else {
      const phase = step.kind === "inflate" ? this.pumpText("ui.timer.inflate_label", step)
        : t(`ui.timer.${step.kind}_label`);
      setText(this.phase, paused(phase));
      this.figure(t("ui.timer.left_label"), left);
      setText(this.detail, !next ? "" : next.kind === "set"
        ? t("ui.timer.next", { set: next.set, reps: next.reps }) : this.pumpText("ui.timer.next_inflate", next));
    }
    this.checkAlerts(cuffMs);
  }
}
