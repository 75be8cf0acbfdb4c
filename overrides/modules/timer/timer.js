// The session timer on the first-session page: its buttons, what it shows and says, and its
// cues, over the logic of session.js read against performance.now().
import { setText } from "../dom.js";
import { countdown } from "../words.js";
import { cues } from "./cues.js";
import { SessionClock } from "./session.js";

const TICK_MS = 250;

export class SessionTimer {
  // `t`: the timer's words (words.js).
  constructor(root, t) {
    this.root = root;
    this.t = t;
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
    this.clock = new SessionClock();
    this.interval = 0;
    root.addEventListener("click", (event) => {
      const button = event.target instanceof Element ? event.target.closest("[data-timer-action]") : null;
      if (button && !button.disabled) this.act(button.dataset.timerAction);
    });
    document.addEventListener("visibilitychange", () => {
      if (this.clock.state !== "running") return;
      this.update();
      if (document.visibilityState === "visible") cues.keepAwake(true);
    });
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
    } else if (action === "print") {
      window.print();
    }
  }

  start() {
    if (!this.clock.plan) return;
    cues.unlock();
    this.clock.start(performance.now());
    this.run();
    this.enter();
  }

  pause() {
    this.clock.pause(performance.now());
    this.stop();
    this.say(this.t("ui.timer.paused"));
    this.render();
  }

  resume() {
    cues.unlock();
    this.clock.resume(performance.now());
    this.run();
    this.say(this.stepText());
    this.render();
  }

  skip() {
    if (!this.clock.active) return;
    this.clock.skip(performance.now());
    if (this.clock.finished) this.finish();
    else this.enter();
  }

  reset() {
    this.stop();
    this.clock.reset();
    this.say(this.t("ui.timer.idle"));
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

  // Every step that ended since the last look ends (session.js); a rest or a deflation that
  // ended is signalled, a set that ended is not (the rest that follows says so).
  update() {
    if (this.clock.state !== "running") return;
    const ended = this.clock.advance(performance.now());
    if (ended && ended.kind !== "set") cues.signal();
    if (this.clock.finished) {
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
    this.clock.finish(performance.now());
    this.stop();
    this.say(this.t("ui.timer.done"));
    this.render();
  }

  stepText() {
    const step = this.clock.step();
    if (step.kind === "set") {
      return this.t("ui.timer.announce_set", { set: step.set, sets: this.clock.plan.sets, reps: step.reps });
    }
    return this.t(`ui.timer.announce_${step.kind}`, { seconds: step.duration_s });
  }

  // Warn once as the cuff time passes each of the core's alert times (5 min, the limit).
  checkAlerts(cuffMs) {
    for (const kind of this.clock.dueAlerts(cuffMs)) {
      const limit = kind === "limit";
      const text = limit
        ? this.t("ui.timer.alert_limit", { minutes: this.clock.plan.cuff_limit_min }) : this.t("ui.timer.alert_low");
      this.alert.textContent = text;
      this.alert.hidden = false;
      this.alert.classList.toggle("bfr-timer__alert--limit", limit);
      this.say(text);
      cues.signal();
    }
  }

  say(text) {
    // A polite live region, told only when the step changes, never every second.
    this.announcer.textContent = text;
  }

  // Called every 250 ms while the timer runs: only what has changed is written (setText), so the
  // button a reader is pressing keeps its text node and the press registers in every engine.
  render() {
    const { t, clock: session } = this;
    const { plan, state } = session;
    const at = performance.now();
    this.root.dataset.timerState = state;
    const ready = Boolean(plan);
    this.toggleButton.disabled = !ready;
    setText(this.toggleButton, t(state === "running" ? "ui.timer.pause"
      : state === "paused" ? "ui.timer.resume" : "ui.timer.start"));
    this.skipButton.disabled = !session.active;
    this.resetButton.disabled = state === "idle";
    this.printButton.disabled = !ready;
    if (state === "idle") {
      this.alert.hidden = true;
      setText(this.alert, "");
      setText(this.phase, t("ui.timer.idle"));
      setText(this.big, ready ? t("ui.timer.set", { set: 1, sets: plan.sets }) : "");
      setText(this.detail, ready ? t("ui.timer.rep", { rep: 0, reps: plan.steps[0].reps }) : "");
      setText(this.cuff, ready ? t("ui.timer.cuff", { time: countdown(0) }) : "");
      this.root.dataset.step = "";
      this.root.dataset.remaining = "";
      return;
    }
    const cuffMs = session.cuffMs(at);
    setText(this.cuff, t("ui.timer.cuff", { time: countdown(cuffMs / 1000) }));
    if (state === "done") {
      setText(this.phase, t("ui.timer.done"));
      setText(this.big, t("ui.timer.done"));
      setText(this.detail, "");
      this.root.dataset.step = "done";
      this.root.dataset.remaining = "0";
      this.checkAlerts(cuffMs);
      return;
    }
    const step = session.step();
    const remaining = countdown(session.remaining(at));
    this.root.dataset.step = `${session.index}`;
    this.root.dataset.remaining = remaining;
    const paused = state === "paused" ? ` (${t("ui.timer.paused")})` : "";
    if (step.kind === "set") {
      setText(this.phase, t("ui.timer.set", { set: step.set, sets: plan.sets }) + paused);
      setText(this.big, t("ui.timer.rep", { rep: session.rep(at), reps: step.reps }));
      setText(this.detail, remaining);
    } else {
      const next = plan.steps[session.index + 1];
      setText(this.phase, t(step.kind === "rest" ? "ui.timer.rest_label" : "ui.timer.deflate_label") + paused);
      setText(this.big, remaining);
      setText(this.detail, next ? t("ui.timer.next", { set: next.set, reps: next.reps }) : "");
    }
    this.checkAlerts(cuffMs);
  }
}
