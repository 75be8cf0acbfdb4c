// How the worker stores an interpreter's memory snapshot and checks it on restore
// (overrides/modules/worker/snapshot.js), and how it compares a restored core's answers.
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { test } from "node:test";

import {
  PAGE, SNAPSHOT_BYTES, SNAPSHOT_RUNS, SNAPSHOT_SHA256, dataRuns, packSnapshot, readInto, same,
} from "../../overrides/modules/worker/snapshot.js";

globalThis.crypto ??= webcrypto; // a worker's global; Node 18 has it only as a module

// A heap of `pages` pages, with a byte set at each of `marks`.
function heap(pages, marks, extra = 0) {
  const bytes = new Uint8Array(pages * PAGE + extra);
  for (const at of marks) bytes[at] = 0xab;
  return bytes;
}

function stored({ body, headers }) {
  return new Response(body, { headers });
}

test("only pages that hold data are kept, neighbours as one run", () => {
  assert.deepEqual(dataRuns(heap(4, [])), []);
  assert.deepEqual(dataRuns(heap(4, [10, 2 * PAGE + 5])), [[0, PAGE], [2 * PAGE, PAGE]]);
  assert.deepEqual(dataRuns(heap(4, [PAGE - 1, PAGE])), [[0, 2 * PAGE]]);
});

test("a last part page is kept with its own length, and byte by byte where words do not fit", () => {
  const bytes = heap(2, [2 * PAGE + 2], 3);
  assert.deepEqual(dataRuns(bytes), [[2 * PAGE, 3]]);
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  assert.deepEqual(dataRuns(shifted.subarray(1)), [[2 * PAGE, 3]]); // not 4-byte aligned
});

test("a stored snapshot reads back into a zeroed buffer byte for byte", async () => {
  const snapshot = heap(8, [0, 3 * PAGE + 7, 3 * PAGE + 8, 7 * PAGE + 4095]);
  const packed = await packSnapshot(snapshot);
  assert.equal(packed.body.byteLength, 3 * PAGE); // five zero pages are not stored
  assert.equal(packed.headers[SNAPSHOT_BYTES], String(snapshot.byteLength));
  assert.deepEqual(JSON.parse(packed.headers[SNAPSHOT_RUNS]), [[0, PAGE], [3 * PAGE, PAGE], [7 * PAGE, PAGE]]);
  assert.match(packed.headers[SNAPSHOT_SHA256], /^[0-9a-f]{64}$/);
  const target = new Uint8Array(snapshot.byteLength);
  await readInto(stored(packed), target);
  assert.deepEqual(target, snapshot);
});

test("a snapshot that is not what was stored is refused", async () => {
  const snapshot = heap(4, [5, 2 * PAGE]);
  const packed = await packSnapshot(snapshot);
  const changed = packed.body.slice();
  changed[0] ^= 1;
  await assert.rejects(readInto(stored({ ...packed, body: changed }), new Uint8Array(snapshot.length)),
    /does not match its digest/);
  const moved = { ...packed.headers, [SNAPSHOT_RUNS]: JSON.stringify([[PAGE, PAGE], [3 * PAGE, PAGE]]) };
  await assert.rejects(readInto(stored({ body: packed.body, headers: moved }), new Uint8Array(snapshot.length)),
    /does not match its digest/); // the runs are covered by the digest too
  await assert.rejects(readInto(stored(packed), new Uint8Array(2 * PAGE)), /bad run/); // too small
});

test("answers are the same when numbers differ only in their last bits", () => {
  assert.equal(same({ load: 30.000000000001, unit: "kg" }, { load: 30, unit: "kg" }), true);
  assert.equal(same({ load: 30.0001 }, { load: 30 }), false);
  assert.equal(same([1, [2, null]], [1, [2, null]]), true);
  assert.equal(same("30", 30), false);
});

test("an answer with a field more, less or of another shape is not the same", () => {
  assert.equal(same({ ok: true, extra: 1 }, { ok: true }), false);
  assert.equal(same({}, { ok: true }), false);
  assert.equal(same({ 0: 1 }, [1]), false);
  assert.equal(same(null, { ok: true }), false);
});
