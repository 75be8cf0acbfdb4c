// The session timer's logic, without a page: where a session is at a given moment, and what
// happened while the reader was away. It runs the plan the Python core computed (session_plan:
// steps with their kind, durations and whether the cuff is on; cuff-time alerts with their kind)
// against a clock the caller reads (the wall clock, Date.now(), on the page; any number of
// milliseconds in a test), never a count of ticks, so a phone that locks or puts the tab in the
// background for a minute shows the right step and time when it comes back.

export class SessionClock {
  constructor() {
    this.plan = null; // the core's result
    this.pending = undefined; // a new plan (or none) that arrived while a session runs
    this.clear();
  }

  clear() {
    this.state = "idle"; // "idle" | "running" | "paused" | "done"
    this.index = 0; // the current step
    this.elapsed = 0; // session time in ms before the last resume
    this.resumedAt = 0; // the clock's reading at the last start or resume
    this.stepStart = 0; // session time (ms) at which the current step began
    this.cuffBefore = 0; // ms with the cuff on in the steps before the current one
    this.alerted = new Set(); // the indexes of the plan's alerts already given
  }

  get active() {
    return this.state === "running" || this.state === "paused";
  }

  // Session time (ms) when the clock reads `at`.
  now(at) {
    return this.state === "running" ? this.elapsed + Math.max(0, at - this.resumedAt) : this.elapsed;
  }

  // A plan from the core is taken at once, unless a session runs: then it waits for the reset.
  // Whether it was taken.
  setPlan(plan) {
    if (this.active) {
      this.pending = plan;
      return false;
    }
    this.plan = plan;
    this.pending = undefined;
    this.clear();
    return true;
  }

  start(at) {
    this.clear();
    this.state = "running";
    this.resumedAt = at;
  }

  pause(at) {
    this.elapsed = this.now(at);
    this.state = "paused";
  }

  resume(at) {
    this.state = "running";
    this.resumedAt = at;
  }

  reset() {
    this.clear();
    if (this.pending !== undefined) {
      this.plan = this.pending;
      this.pending = undefined;
    }
  }

  get finished() {
    return this.index >= this.plan.steps.length;
  }

  step() {
    return this.plan.steps[this.index];
  }

  // The step after the current one, or undefined after the last.
  next() {
    return this.plan.steps[this.index + 1];
  }

  // The time spent in a step counts as cuff time when its cuff is on.
  leave(ms) {
    if (this.step().cuff_on) this.cuffBefore += ms;
  }

  // The reader ends the current step early; the next begins now.
  skip(at) {
    const time = this.now(at);
    this.leave(time - this.stepStart);
    this.stepStart = time;
    this.index += 1;
  }

  // The current step begins again now (a set the reader missed the start of); the time already
  // spent in it stays cuff time.
  restartStep(at) {
    const time = this.now(at);
    this.leave(time - this.stepStart);
    this.stepStart = time;
  }

  // Catch up with the clock: every step that has ended since the last look ends now, at the
  // time it was due, so a minute in the background moves the session on by exactly a minute.
  // The steps that ended, in order, each with the session time (ms) at which it ended.
  advance(at) {
    const time = this.now(at);
    const ended = [];
    while (!this.finished && time - this.stepStart >= this.step().duration_s * 1000) {
      const duration = this.step().duration_s * 1000;
      this.leave(duration);
      this.stepStart += duration;
      ended.push({ step: this.step(), index: this.index, endedAt: this.stepStart });
      this.index += 1;
    }
    return ended;
  }

  finish(at) {
    this.elapsed = this.now(at);
    this.state = "done";
    this.index = this.plan.steps.length;
  }

  // Seconds into the current step (never before its start, should the clock be set back).
  inStep(at) {
    return Math.max(0, this.now(at) - this.stepStart) / 1000;
  }

  // Seconds left in the current step.
  remaining(at) {
    return Math.max(0, this.step().duration_s - this.inStep(at));
  }

  // The repetition under way in a set (1 to the set's reps).
  rep(at) {
    return Math.min(this.step().reps, Math.floor(this.inStep(at) / this.plan.rep_s) + 1);
  }

  // Milliseconds with the cuff on so far.
  cuffMs(at) {
    const inStep = !this.finished && this.step().cuff_on ? this.inStep(at) * 1000 : 0;
    return this.cuffBefore + inStep;
  }

  // The core's alerts ({cuff_s, kind}) whose cuff time has now passed, each once.
  dueAlerts(cuffMs) {
    const due = [];
    this.plan.alerts.forEach((alert, i) => {
      if (cuffMs < alert.cuff_s * 1000 || this.alerted.has(i)) return;
      this.alerted.add(i);
      due.push(alert);
    });
    return due;
  }

  // What the session is, to carry it to another page (the other language) and go on there by
  // the same clock; `at` is the clock's reading now.
  snapshot(at) {
    return {
      state: this.state,
      index: this.index,
      elapsed: this.now(at),
      resumedAt: at,
      stepStart: this.stepStart,
      cuffBefore: this.cuffBefore,
      alerted: [...this.alerted],
    };
  }

  // A session carried from another page, with the plan it ran; whether it could be taken.
  restore(plan, saved) {
    const known = ["running", "paused"];
    if (!plan || !Array.isArray(plan.steps) || !saved || !known.includes(saved.state)) return false;
    if (!(saved.index >= 0 && saved.index < plan.steps.length)) return false;
    this.plan = plan;
    this.pending = undefined;
    this.clear();
    this.state = saved.state;
    this.index = saved.index;
    this.elapsed = Number(saved.elapsed) || 0;
    this.resumedAt = Number(saved.resumedAt) || 0;
    this.stepStart = Number(saved.stepStart) || 0;
    this.cuffBefore = Number(saved.cuffBefore) || 0;
    this.alerted = new Set(Array.isArray(saved.alerted) ? saved.alerted : []);
    return true;
  }
}

// What happened while the reader was away, from the steps that ended meanwhile (advance()'s,
// gathered from the moment the page was hidden or stopped): the last step that ended and how
// long ago, and where the session is now (or that it is over). null when no step ended: the
// screen then shows the same step as before, only further on.
export function awaySummary(clock, ended, at) {
  if (ended.length === 0) return null;
  const last = ended[ended.length - 1];
  const agoS = Math.max(0, (clock.now(at) - last.endedAt) / 1000);
  const summary = { ended: last.step, agoS, count: ended.length, done: clock.finished };
  if (!clock.finished) {
    summary.current = clock.step();
    summary.leftS = clock.remaining(at);
    if (summary.current.kind === "set") summary.rep = clock.rep(at);
  }
  return summary;
}

// A time ago in words: "40 s", "1 min 10 s" (whole seconds, rounded down: the step did end at
// least that long ago). `t`: the timer's words (words.js).
export function agoWords(seconds, t) {
  const whole = Math.floor(seconds);
  const min = Math.floor(whole / 60);
  return min > 0 ? t("ui.timer.ago_min", { min, s: whole % 60 }) : t("ui.timer.ago_s", { s: whole });
}

// The banner's words for a summary: what ended and when, and what runs now ("The rest ended 40 s
// ago. Set 2 is running: repetition 6 of 15."); and the step that can begin again (a set whose
// start the reader missed), or null. `countdownText`: seconds as the timer shows them (0:35).
export function awayMessage(summary, t, countdownText) {
  const ago = agoWords(summary.agoS, t);
  if (summary.done) return { text: t("ui.timer.away.done", { ago }), again: null };
  const ended = t(`ui.timer.away.ended.${summary.ended.kind}`, { set: summary.ended.set, ago });
  const step = summary.current;
  const now = t(`ui.timer.away.now.${step.kind}`, {
    set: step.set, rep: summary.rep, reps: step.reps, left: countdownText(summary.leftS),
  });
  return { text: `${ended} ${now}`, again: step.kind === "set" ? step : null };
}
