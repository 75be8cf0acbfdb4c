// The session timer's logic, without a page: where a session is at a given moment. It runs the
// plan the Python core computed (session_plan: steps with durations and whether the cuff is on,
// cuff-time alerts) against a clock the caller reads (performance.now() on the page, any number
// of milliseconds in a test), never a count of ticks, so a phone that puts the tab in the
// background for a minute shows the right step and time when it comes back.

// The kind of each of the core's cuff-time alerts: the last is the cuff-time limit, any before it
// the low end of the usual range. The core lists them in that order (session_plan.plan() gives
// (low, limit), or only the limit when the two are the same); it does not name them yet.
export function alertKinds(alertsS) {
  return alertsS.map((at, i) => ({ at_s: at, kind: i === alertsS.length - 1 ? "limit" : "low" }));
}

export class SessionClock {
  constructor() {
    this.plan = null; // the core's result
    this.pending = null; // a new plan that arrived while a session runs
    this.clear();
  }

  clear() {
    this.state = "idle"; // "idle" | "running" | "paused" | "done"
    this.index = 0; // the current step
    this.elapsed = 0; // session time in ms before the last resume
    this.resumedAt = 0; // the clock's reading at the last start or resume
    this.stepStart = 0; // session time (ms) at which the current step began
    this.cuffBefore = 0; // ms with the cuff on in the steps before the current one
    this.alerted = new Set();
  }

  get active() {
    return this.state === "running" || this.state === "paused";
  }

  // Session time (ms) when the clock reads `at`.
  now(at) {
    return this.state === "running" ? this.elapsed + (at - this.resumedAt) : this.elapsed;
  }

  // A plan from the core is taken at once, unless a session runs: then it waits for the reset.
  // Whether it was taken.
  setPlan(plan) {
    if (this.active) {
      this.pending = plan;
      return false;
    }
    this.plan = plan;
    this.pending = null;
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
    if (this.pending) {
      this.plan = this.pending;
      this.pending = null;
    }
  }

  get finished() {
    return this.index >= this.plan.steps.length;
  }

  step() {
    return this.plan.steps[this.index];
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

  // Catch up with the clock: every step that has ended since the last look ends now, at the
  // time it was due, so a minute in the background moves the session on by exactly a minute.
  // The last step that ended, or null.
  advance(at) {
    const time = this.now(at);
    let ended = null;
    while (!this.finished && time - this.stepStart >= this.step().duration_s * 1000) {
      const duration = this.step().duration_s * 1000;
      ended = this.step();
      this.leave(duration);
      this.stepStart += duration;
      this.index += 1;
    }
    return ended;
  }

  finish(at) {
    this.elapsed = this.now(at);
    this.state = "done";
    this.index = this.plan.steps.length;
  }

  // Seconds into the current step.
  inStep(at) {
    return (this.now(at) - this.stepStart) / 1000;
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
    const inStep = !this.finished && this.step().cuff_on ? this.now(at) - this.stepStart : 0;
    return this.cuffBefore + inStep;
  }

  // The kinds of the alerts whose time the cuff time has now passed, each once.
  dueAlerts(cuffMs) {
    const due = [];
    alertKinds(this.plan.alerts_s).forEach(({ at_s: at, kind }, i) => {
      if (cuffMs < at * 1000 || this.alerted.has(i)) return;
      this.alerted.add(i);
      due.push(kind);
    });
    return due;
  }
}
