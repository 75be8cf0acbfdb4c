// The session timer's logic (overrides/modules/timer/session.js): which step is current at a
// given time, catching up after the tab was away and saying what happened meanwhile, pausing,
// skipping and starting a step again, the core's cuff-time alerts, and a session carried to the
// other language's page.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SessionClock, agoWords, awayMessage, awaySummary } from "../../overrides/modules/timer/session.js";

// Two sets of three 2-second repetitions with a 30 s rest, then the cuff comes off for a minute
// and is pumped up for 10 s before a last set; alerts at 20 s and 40 s of cuff time.
const set = (n) => ({ kind: "set", set: n, reps: 3, duration_s: 6, cuff_on: true });
const PLAN = {
  sets: 3,
  rep_s: 2,
  alerts: [{ cuff_s: 20, kind: "low" }, { cuff_s: 40, kind: "limit" }],
  steps: [set(1), { kind: "rest", set: 1, duration_s: 30, cuff_on: true }, set(2),
    { kind: "deflate", set: 2, duration_s: 50, cuff_on: false },
    { kind: "inflate", set: 2, duration_s: 10, cuff_on: true, pressure_mmhg: 120 }, set(3)],
};
const T0 = 1_700_000_000_000; // the clock's reading at the start (Date.now() on a page)
const at = (seconds) => T0 + seconds * 1000;

function started() {
  const session = new SessionClock();
  session.setPlan(PLAN);
  session.start(T0);
  return session;
}

// The timer's words, with the keys and their values shown as they are filled in.
const t = (key, params = {}) => `${key}${Object.entries(params).map(([k, v]) => ` ${k}=${v}`).join("")}`;
const countdown = (seconds) => `${Math.ceil(seconds)}s`;

test("the current step and repetition follow the clock", () => {
  const session = started();
  assert.deepEqual(session.advance(at(5)), []);
  assert.equal(session.index, 0);
  assert.equal(session.rep(at(0.5)), 1);
  assert.equal(session.rep(at(5)), 3);
  assert.equal(session.remaining(at(5)), 1);
  assert.deepEqual(session.advance(at(6)), [{ step: set(1), index: 0, endedAt: 6000 }]); // on time
  assert.equal(session.step().kind, "rest");
  assert.equal(session.next().set, 2);
  assert.equal(session.remaining(at(6)), 30);
});

test("after a jump every step that ended ends at its due time, not when the page looks", () => {
  const session = started();
  // the tab was in the background from 1 s to 100 s: set 1, the rest, set 2 and the deflation
  // (6 + 30 + 6 + 50 = 92 s) are over; pumping the cuff up is current, 8 s into it
  assert.deepEqual(session.advance(at(1)), []);
  const ended = session.advance(at(100));
  assert.deepEqual(ended.map((e) => [e.step.kind, e.endedAt]), [["set", 6000], ["rest", 36_000],
    ["set", 42_000], ["deflate", 92_000]]);
  assert.equal(session.step().kind, "inflate");
  assert.equal(session.inStep(at(100)), 8);
  // cuff time: both sets, the rest and 8 s of pumping up, none of the deflation
  assert.equal(session.cuffMs(at(100)), 50_000);
  assert.equal(session.advance(at(102))[0].step.kind, "inflate");
  assert.equal(session.step().set, 3);
  assert.equal(session.cuffMs(at(103)), 53_000);
});

test("a pause stops the session's time; a resume goes on from there", () => {
  const session = started();
  session.pause(at(3));
  assert.deepEqual(session.advance(at(60)), []);
  assert.equal(session.index, 0);
  assert.equal(session.inStep(at(60)), 3);
  session.resume(at(60));
  assert.equal(session.inStep(at(61)), 4);
  assert.equal(session.advance(at(63))[0].step.set, 1);
  assert.equal(session.step().kind, "rest");
});

test("a clock that goes back (the phone's time set back) never runs the session backwards", () => {
  const session = started();
  session.advance(at(10)); // in the rest since 6 s
  assert.equal(session.now(at(-5)), 0);
  assert.equal(session.inStep(at(5)), 0); // the rest just begun, not before its start
  assert.equal(session.remaining(at(5)), 30);
  assert.deepEqual(session.advance(at(5)), []);
  assert.equal(session.step().kind, "rest");
  assert.equal(session.cuffMs(at(5)), 6000);
});

test("a skipped step counts only the time spent in it", () => {
  const session = started();
  session.skip(at(2));
  assert.equal(session.step().kind, "rest");
  assert.equal(session.inStep(at(2)), 0);
  assert.equal(session.cuffMs(at(2)), 2000);
  assert.deepEqual(session.advance(at(31)), []); // the rest began at 2 s, so ends at 32 s
  assert.equal(session.advance(at(32))[0].step.kind, "rest");
});

test("a set started again begins now, and the time already spent in it stays cuff time", () => {
  const session = started();
  session.advance(at(40)); // set 2 began at 36 s: 4 s in, repetition 3
  assert.equal(session.rep(at(40)), 3);
  session.restartStep(at(40));
  assert.equal(session.step().set, 2);
  assert.equal(session.rep(at(40)), 1);
  assert.equal(session.remaining(at(40)), 6);
  assert.equal(session.cuffMs(at(40)), 40_000); // 6 + 30 + 4 s, on the wall clock
  assert.deepEqual(session.advance(at(45.9)), []);
  assert.equal(session.advance(at(46))[0].step.set, 2);
});

test("the session is finished once its last step has ended", () => {
  const session = started();
  session.advance(at(1000));
  assert.equal(session.finished, true);
  session.finish(at(1000));
  assert.equal(session.state, "done");
  assert.equal(session.cuffMs(at(2000)), 58_000); // three sets, the rest and the pumping up
});

test("each of the core's alerts is due once, as the cuff time passes it, with its kind", () => {
  const session = started();
  assert.deepEqual(session.dueAlerts(19_999), []);
  assert.deepEqual(session.dueAlerts(20_000), [{ cuff_s: 20, kind: "low" }]);
  assert.deepEqual(session.dueAlerts(25_000), []);
  assert.deepEqual(session.dueAlerts(45_000), [{ cuff_s: 40, kind: "limit" }]);
  const late = started(); // a tab back after both times: both are due at once, in order
  assert.deepEqual(late.dueAlerts(45_000).map((a) => a.kind), ["low", "limit"]);
  // the kind is the core's, not the place in the list: a plan with one alert of kind "low"
  const one = new SessionClock();
  one.setPlan({ ...PLAN, alerts: [{ cuff_s: 20, kind: "low" }] });
  one.start(T0);
  assert.deepEqual(one.dueAlerts(30_000), [{ cuff_s: 20, kind: "low" }]);
});

test("a new plan waits while a session runs and is taken by the reset", () => {
  const session = started();
  const shorter = { ...PLAN, steps: [set(1)] };
  assert.equal(session.setPlan(shorter), false);
  assert.equal(session.plan, PLAN);
  session.reset();
  assert.equal(session.plan, shorter);
  assert.equal(session.state, "idle");
  assert.equal(session.setPlan(PLAN), true); // idle: taken at once
  session.start(T0);
  session.setPlan(null); // the form has an error now: after the reset there is no plan
  session.reset();
  assert.equal(session.plan, null);
});

// ------------------------------------------------------------------ away and back

test("nothing to say after an absence in which no step ended", () => {
  const session = started();
  assert.equal(awaySummary(session, session.advance(at(5)), at(5)), null);
});

test("back during a set: the rest ended this long ago, this set runs, and it can begin again", () => {
  // the review's case: a rest with 44 s left, then 60 s away; here the rest ends at 36 s,
  // and the reader looks again at 40 s
  const session = started();
  session.advance(at(20));
  const summary = awaySummary(session, session.advance(at(40)), at(40));
  assert.deepEqual(summary, {
    ended: PLAN.steps[1], agoS: 4, count: 1, done: false, current: set(2), leftS: 2, rep: 3,
  });
  const message = awayMessage(summary, t, countdown);
  assert.equal(message.text, "ui.timer.away.ended.rest set=1 ago=ui.timer.ago_s s=4 "
    + "ui.timer.away.now.set set=2 rep=3 reps=3 left=2s");
  assert.deepEqual(message.again, set(2)); // "Start set 2 again"
});

test("back during a rest: the set ended this long ago, the rest runs, nothing to begin again", () => {
  const session = started();
  const summary = awaySummary(session, session.advance(at(20)), at(20));
  assert.equal(summary.ended.kind, "set");
  assert.equal(summary.agoS, 14);
  const message = awayMessage(summary, t, countdown);
  assert.match(message.text, /^ui\.timer\.away\.ended\.set set=1 ago=ui\.timer\.ago_s s=14 ui\.timer\.away\.now\.rest .*left=16s$/);
  assert.equal(message.again, null);
});

test("back after several steps: the last one that ended is named, and how many ended", () => {
  const session = started();
  const summary = awaySummary(session, session.advance(at(100)), at(100));
  assert.equal(summary.count, 4);
  assert.equal(summary.ended.kind, "deflate");
  assert.equal(summary.current.kind, "inflate");
  assert.equal(summary.agoS, 8);
  assert.match(awayMessage(summary, t, countdown).text, /ui\.timer\.away\.now\.inflate .*left=2s/);
});

test("back after the end: the session ended this long ago, take the cuff off", () => {
  const session = started();
  const ended = session.advance(at(200)); // the last set ended at 108 s
  assert.equal(session.finished, true);
  session.finish(at(200));
  const summary = awaySummary(session, ended, at(200));
  assert.equal(summary.done, true);
  assert.equal(summary.agoS, 92);
  assert.deepEqual(awayMessage(summary, t, countdown),
    { text: "ui.timer.away.done ago=ui.timer.ago_min min=1 s=32", again: null });
});

test("times ago are whole seconds, in minutes from 60 s", () => {
  assert.equal(agoWords(59.9, t), "ui.timer.ago_s s=59");
  assert.equal(agoWords(60, t), "ui.timer.ago_min min=1 s=0");
  assert.equal(agoWords(130.5, t), "ui.timer.ago_min min=2 s=10");
});

// ------------------------------------------------------------------ to the other language

test("a session carried to another page goes on there by the same clock", () => {
  const session = started();
  session.advance(at(10));
  const saved = JSON.parse(JSON.stringify(session.snapshot(at(10))));
  const twin = new SessionClock();
  assert.equal(twin.restore(PLAN, saved), true);
  // the twin page is ready 3 s later: 13 s into the session, the rest 7 s in
  twin.advance(at(13));
  assert.equal(twin.state, "running");
  assert.equal(twin.step().kind, "rest");
  assert.equal(twin.inStep(at(13)), 7);
  assert.equal(twin.cuffMs(at(13)), 13_000);
  const paused = started();
  paused.pause(at(4));
  const resumedTwin = new SessionClock();
  resumedTwin.restore(PLAN, paused.snapshot(at(9)));
  assert.equal(resumedTwin.state, "paused");
  assert.equal(resumedTwin.inStep(at(60)), 4);
});

test("a carried session that does not fit its plan is not taken", () => {
  const twin = new SessionClock();
  assert.equal(twin.restore(PLAN, { state: "running", index: 99 }), false);
  assert.equal(twin.restore(PLAN, { state: "done", index: 0 }), false);
  assert.equal(twin.restore(null, { state: "running", index: 0 }), false);
  assert.equal(twin.state, "idle");
});
