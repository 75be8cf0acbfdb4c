// The session timer's logic (overrides/modules/timer/session.js): which step is current at a
// given time, catching up after the tab was away, pausing, skipping, and the cuff-time alerts.
import assert from "node:assert/strict";
import { test } from "node:test";

import { SessionClock, alertKinds } from "../../overrides/modules/timer/session.js";

// Two sets of three 2-second repetitions with a 30 s rest, then the cuff comes off for a minute
// before a last set; alerts at 20 s and 40 s of cuff time.
const set = (n) => ({ kind: "set", set: n, reps: 3, duration_s: 6, cuff_on: true });
const PLAN = {
  sets: 3,
  rep_s: 2,
  alerts_s: [20, 40],
  steps: [set(1), { kind: "rest", duration_s: 30, cuff_on: true }, set(2),
    { kind: "deflate", duration_s: 60, cuff_on: false }, set(3)],
};
const T0 = 10_000; // the clock's reading at the start (performance.now() on a page)
const at = (seconds) => T0 + seconds * 1000;

function started() {
  const session = new SessionClock();
  session.setPlan(PLAN);
  session.start(T0);
  return session;
}

test("the current step and repetition follow the clock", () => {
  const session = started();
  assert.equal(session.advance(at(5)), null);
  assert.equal(session.index, 0);
  assert.equal(session.rep(at(0.5)), 1);
  assert.equal(session.rep(at(5)), 3);
  assert.equal(session.remaining(at(5)), 1);
  assert.deepEqual(session.advance(at(6)), set(1)); // the set ends on time
  assert.equal(session.step().kind, "rest");
  assert.equal(session.remaining(at(6)), 30);
});

test("after a jump every step that ended ends at its due time, not when the page looks", () => {
  const session = started();
  // the tab was in the background from 1 s to 100 s: set 1, the rest, set 2 and the deflation
  // (6 + 30 + 6 + 60 = 102 s) are not all over; the deflation is current, 58 s into it
  assert.equal(session.advance(at(1)), null);
  const ended = session.advance(at(100));
  assert.equal(ended.kind, "set");
  assert.equal(ended.set, 2);
  assert.equal(session.step().kind, "deflate");
  assert.equal(session.inStep(at(100)), 58);
  // cuff time: both sets and the rest, none of the deflation
  assert.equal(session.cuffMs(at(100)), 42_000);
  assert.equal(session.advance(at(102)).kind, "deflate");
  assert.equal(session.step().set, 3);
  assert.equal(session.cuffMs(at(103)), 43_000); // on again
});

test("a pause stops the session's time; a resume goes on from there", () => {
  const session = started();
  session.pause(at(3));
  assert.equal(session.advance(at(60)), null);
  assert.equal(session.index, 0);
  assert.equal(session.inStep(at(60)), 3);
  session.resume(at(60));
  assert.equal(session.inStep(at(61)), 4);
  assert.equal(session.advance(at(63)).set, 1);
  assert.equal(session.step().kind, "rest");
});

test("a skipped step counts only the time spent in it", () => {
  const session = started();
  session.skip(at(2));
  assert.equal(session.step().kind, "rest");
  assert.equal(session.inStep(at(2)), 0);
  assert.equal(session.cuffMs(at(2)), 2000);
  assert.equal(session.advance(at(31)), null); // the rest began at 2 s, so ends at 32 s
  assert.equal(session.advance(at(32)).kind, "rest");
});

test("the session is finished once its last step has ended", () => {
  const session = started();
  session.advance(at(1000));
  assert.equal(session.finished, true);
  session.finish(at(1000));
  assert.equal(session.state, "done");
  assert.equal(session.cuffMs(at(2000)), 48_000); // three sets and the rest
});

test("alert kinds go by position: the last is the limit, one before it the low end", () => {
  assert.deepEqual(alertKinds([300, 600]), [{ at_s: 300, kind: "low" }, { at_s: 600, kind: "limit" }]);
  assert.deepEqual(alertKinds([300]), [{ at_s: 300, kind: "limit" }]);
});

test("each alert is due once, as the cuff time passes it", () => {
  const session = started();
  assert.deepEqual(session.dueAlerts(19_999), []);
  assert.deepEqual(session.dueAlerts(20_000), ["low"]);
  assert.deepEqual(session.dueAlerts(25_000), []);
  assert.deepEqual(session.dueAlerts(45_000), ["limit"]);
  const late = started(); // a tab back after both times: both are due at once, in order
  assert.deepEqual(late.dueAlerts(45_000), ["low", "limit"]);
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
});
