// The page-worker protocol (overrides/modules/protocol.js): what each side sends, and the
// settings the worker refuses to start without.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  CAUSES, FAILED, PROGRESS, READY, RESULT, RUN, failedMessage, progressMessage, readyMessage,
  resultMessage, runMessage, settingsFrom,
} from "../../overrides/modules/protocol.js";

const SETTINGS = {
  pyodide: "https://example.test/assets/pyodide/314.0.7/",
  core: "https://example.test/assets/core/calculators-0123456789ab.zip",
  stdlib: "https://example.test/assets/core/python-stdlib-0123456789ab.zip",
  key: "314.0.7-calculators-0123456789ab.zip-python-stdlib-0123456789ab.zip",
  probes: [["one_rm", "{}", "{\"ok\": true}"]],
  caches: { runtime: "bfr-python-runtime", snapshots: "bfr-python-snapshots" },
};

test("a request carries its id, the calculator and the payload as JSON text", () => {
  const message = runMessage(7, "bfr_load", { one_rm: "72,5" });
  assert.deepEqual(message, { type: RUN, id: 7, name: "bfr_load", payload: '{"one_rm":"72,5"}' });
  assert.deepEqual(JSON.parse(message.payload), { one_rm: "72,5" });
});

test("an answer is Python's JSON text, and anything else is no answer", () => {
  assert.deepEqual(resultMessage(7, '{"ok": true}'), { type: RESULT, id: 7, json: '{"ok": true}' });
  assert.equal(resultMessage(7, undefined).json, null);
  assert.equal(resultMessage(7, { ok: true }).json, null);
});

test("the worker's reports have the fields the page reads", () => {
  assert.deepEqual(readyMessage("snapshot", { script: 3 }), { type: READY, mode: "snapshot", timings: { script: 3 } });
  assert.deepEqual(progressMessage(1024), { type: PROGRESS, loaded: 1024 });
  assert.deepEqual(failedMessage("WebAssembly is not allowed", CAUSES.blocked),
    { type: FAILED, reason: "WebAssembly is not allowed", cause: "blocked" });
});

test("a failure without a known cause is a broken start, its reason always text", () => {
  const message = failedMessage(new Error("boom").message);
  assert.equal(message.cause, CAUSES.broken);
  assert.equal(failedMessage(42).reason, "42");
});

test("the settings travel as the worker's name and come back whole", () => {
  assert.deepEqual(settingsFrom(JSON.stringify(SETTINGS)), SETTINGS);
});

test("settings that lack a part are refused, naming it", () => {
  const { caches, ...rest } = SETTINGS;
  assert.ok(caches);
  assert.throws(() => settingsFrom(JSON.stringify(rest)), /setting caches is undefined/);
  assert.throws(() => settingsFrom(JSON.stringify({ ...SETTINGS, probes: "[]" })), /setting probes is string/);
  assert.throws(() => settingsFrom(JSON.stringify({ ...SETTINGS, key: null })), /setting key is null/);
  assert.throws(() => settingsFrom("null"), /setting pyodide/);
  assert.throws(() => settingsFrom(""), SyntaxError); // a worker started without a name
});
