// Runs the Python core in Pyodide, off the main thread. It computes nothing itself: every
// answer is what `calculators.api.run(name, payload_json)` returned.
//
// Started with its settings as the worker's name, JSON {pyodide, core, stdlib, key, probes} (URLs;
// key names this exact build; probes are [name, payload, result] the build's core gave), so it
// starts the moment its script runs rather than when the busy page thread gets round to
// delivering a first message.
// Messages in:  {type: "run", id, name, payload}   (queued until Python is ready)
// Messages out: {type: "ready", mode: "fresh" | "snapshot", timings}
//               {type: "failed", reason, cause: "network" | "blocked" | "broken"}
//               {type: "progress", loaded}  (bytes of the runtime arrived, or a step of the
//                start done: a slow start is not a hang)
//               {type: "result", id, json}  (json is null if Python gave no answer)
//
// Return visits start from a memory snapshot of the interpreter (Pyodide's private
// _makeSnapshot/_loadSnapshot options), kept in the browser's Cache API under a key of the
// Pyodide version, the core and the standard library, with the SHA-256 of what was stored. The
// snapshot is taken right after the core is imported and checked, before any reader input
// reaches Python, so it holds no answers. A snapshot that does not match its digest, or whose
// interpreter answers a reference case differently from the build's core, is dropped, and
// Python starts normally. After a failed start the runtime cache and the snapshot are dropped,
// so that a reload fetches them again.

const SNAPSHOTS = "bfr-python-snapshots";
// A snapshot is the interpreter's whole 30 MB heap, about two thirds of it zeros. Only the runs
// of 4 KB pages that hold data are stored (a third of the bytes to read on a return visit); two
// headers give its full length and where each run goes, so the buffer can be made before the
// body is read.
const SNAPSHOT_BYTES = "x-snapshot-bytes";
const SNAPSHOT_RUNS = "x-snapshot-runs"; // JSON [[offset, length], ...]
const SNAPSHOT_SHA256 = "x-snapshot-sha256"; // of the two headers above and the body
const PAGE = 4096;
const RUNTIME = "bfr-python-runtime"; // the service worker's cache (hooks/service-worker.js)
const PROGRESS_EVERY_MS = 500;

// Every download the worker or Pyodide makes is watched: its bytes are reported as progress
// (`loaded`, decoded bytes so far, against the build's `total` of the files fetched), and a
// request that could not reach the site at all marks the start as failed by the network.
let networkFailed = false;
let lastProgress = 0;
let loaded = 0;
const plainFetch = self.fetch.bind(self);
function progress(force = false) {
  const now = performance.now();
  if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
  lastProgress = now;
  self.postMessage({ type: "progress", loaded });
}
self.fetch = async (...args) => {
  let response;
  try {
    response = await plainFetch(...args);
  } catch (error) {
    networkFailed = true;
    throw error;
  }
  // A copy of the body is read only to count its bytes; Pyodide gets the response itself.
  const reader = response.clone().body?.getReader();
  if (reader) {
    (async () => {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        loaded += chunk.value.byteLength;
        progress();
      }
      progress(true); // a file complete
    })().catch(() => {});
  }
  return response;
};

let api = null;
const queue = [];

function bytes(url) {
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
}

async function sha256(...parts) {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.byteLength;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", whole));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function snapshotDigest(headers, body) {
  const text = new TextEncoder().encode(`${headers[SNAPSHOT_BYTES]}\n${headers[SNAPSHOT_RUNS]}\n`);
  return sha256(text, body);
}

function snapshotRequest(key) {
  return new Request(new URL(`snapshot/${key}`, self.location.href));
}

// The stored snapshot's response (found in a few milliseconds, before its 30 MB body is read),
// or null.
async function findSnapshot(key) {
  if (!self.caches) return null;
  try {
    const response = await (await caches.open(SNAPSHOTS)).match(snapshotRequest(key));
    const stored = response && Number(response.headers.get(SNAPSHOT_BYTES)) > 0;
    return stored && response.headers.has(SNAPSHOT_RUNS) && response.headers.has(SNAPSHOT_SHA256)
      ? response : null;
  } catch {
    return null;
  }
}

function isZero(bytes, words, start, end) {
  if (words && start % 4 === 0 && end % 4 === 0) {
    for (let i = start >> 2; i < end >> 2; i += 1) if (words[i] !== 0) return false;
    return true;
  }
  for (let i = start; i < end; i += 1) if (bytes[i] !== 0) return false;
  return true;
}

// The [offset, length] runs of pages of `bytes` that are not all zeros.
function dataRuns(bytes) {
  const words = bytes.byteOffset % 4 === 0
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2) : null;
  const runs = [];
  for (let start = 0; start < bytes.byteLength; start += PAGE) {
    const end = Math.min(start + PAGE, bytes.byteLength);
    if (isZero(bytes, words, start, end)) continue;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === start) last[1] += end - start;
    else runs.push([start, end - start]);
  }
  return runs;
}

// Reads a stored snapshot's runs into `target` (zeros, of the snapshot's full length). The
// browser reads the body in one piece, which costs this thread far less than chunk by chunk.
async function readInto(response, target) {
  const headers = Object.fromEntries([SNAPSHOT_BYTES, SNAPSHOT_RUNS].map((h) => [h, response.headers.get(h)]));
  const runs = JSON.parse(headers[SNAPSHOT_RUNS]);
  const body = new Uint8Array(await response.arrayBuffer());
  if ((await snapshotDigest(headers, body)) !== response.headers.get(SNAPSHOT_SHA256)) {
    throw new Error("snapshot does not match its digest");
  }
  let read = 0;
  for (const [offset, length] of runs) {
    if (!(offset >= 0 && length > 0 && offset + length <= target.byteLength)) throw new Error("bad run");
    target.set(body.subarray(read, read + length), offset);
    read += length;
  }
  if (read !== body.byteLength) throw new Error("snapshot of the wrong length");
}

async function storeSnapshot(key, snapshot) {
  if (!self.caches) return;
  try {
    const cache = await caches.open(SNAPSHOTS);
    const current = snapshotRequest(key);
    const runs = dataRuns(snapshot);
    const body = new Uint8Array(runs.reduce((sum, [, length]) => sum + length, 0));
    let written = 0;
    for (const [offset, length] of runs) {
      body.set(snapshot.subarray(offset, offset + length), written);
      written += length;
    }
    const headers = { [SNAPSHOT_BYTES]: String(snapshot.byteLength), [SNAPSHOT_RUNS]: JSON.stringify(runs) };
    headers[SNAPSHOT_SHA256] = await snapshotDigest(headers, body);
    await cache.put(current, new Response(body, { headers }));
    for (const old of await cache.keys()) {
      if (old.url !== current.url) await cache.delete(old); // one build at a time
    }
  } catch {
    // no room or no Cache API: the next visit starts normally
  }
}

async function forgetSnapshot(key) {
  if (self.caches) await caches.open(SNAPSHOTS).then((c) => c.delete(snapshotRequest(key))).catch(() => {});
}

// Whether two JSON values are the same result (numbers may differ in the last bits between the
// build's CPython and Pyodide's libm, never by more).
function same(got, wanted) {
  if (typeof wanted === "number") {
    return typeof got === "number" && Math.abs(got - wanted) <= 1e-9 * Math.max(1, Math.abs(wanted));
  }
  if (wanted === null || typeof wanted !== "object") return got === wanted;
  if (got === null || typeof got !== "object" || Array.isArray(got) !== Array.isArray(wanted)) return false;
  const keys = Object.keys(wanted);
  return keys.length === Object.keys(got).length && keys.every((k) => k in got && same(got[k], wanted[k]));
}

// Puts the core's zip on sys.path (files are gone after a snapshot restore, so it is written
// every time; Python imports from a zip itself, no unpacking), imports the core and checks that
// it answers the build's reference cases as the build's core did.
function attach(py, core, probes) {
  py.FS.mkdirTree("/home/pyodide");
  py.FS.writeFile("/home/pyodide/core.zip", new Uint8Array(core));
  py.runPython("import sys\nsys.path.insert(0, '/home/pyodide/core.zip')"); // no proxy left for the snapshot
  const loaded = py.pyimport("calculators.api");
  if (!Array.isArray(probes) || probes.length === 0) throw new Error("no reference cases to check");
  for (const [name, payload, wanted] of probes) {
    if (!same(JSON.parse(loaded.run(name, payload)), JSON.parse(wanted))) {
      throw new Error(`the core answered ${name} ${payload} differently from the build`);
    }
  }
  return loaded;
}

// Whether this browser lets a worker compile WebAssembly at all (a strict Content-Security-Policy
// without 'wasm-unsafe-eval' does not): the smallest valid module.
function webAssemblyAllowed() {
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    return true;
  } catch {
    return false;
  }
}

async function dropCaches(key) {
  await forgetSnapshot(key);
  if (self.caches) await caches.delete(RUNTIME).catch(() => {});
}

// The page formats its numbers with Intl.NumberFormat. The first format made in the page's
// process loads the browser's locale data (20-60 ms measured on a two-core machine, four times
// that on a phone's CPU): a long task on the page's thread if the page made it. Made here, on
// this thread, while the loader downloads, the page's own formats then cost it a fraction of a
// millisecond.
function loadLocaleData() {
  new Intl.NumberFormat().format(0);
}

// Milliseconds since the worker started, per phase (reported with "ready" for benchmarks).
const timings = { origin: performance.timeOrigin, script: Math.round(performance.now()) };
const phase = (name) => {
  timings[name] = Math.round(performance.now());
  progress(true); // a step done is progress too
};

async function start({ pyodide, core, stdlib, key, probes }) {
  const coreBytes = bytes(core);
  coreBytes.catch(() => {}); // awaited once Python runs
  const found = Promise.all([import(new URL("pyodide.mjs", pyodide).href), findSnapshot(key)]);
  loadLocaleData();
  const [{ loadPyodide }, stored] = await found;
  phase("loader");
  // loadPyodide starts fetching the WebAssembly and the standard library at once; its large
  // module script is imported alongside.
  const factory = import(new URL("pyodide.asm.mjs", pyodide).href).then((module) => module.default);
  const options = { indexURL: pyodide, stdLibURL: stdlib, packages: [] };
  if (stored) {
    try {
      // Pyodide reads a snapshot before it compiles and instantiates the WebAssembly. Here it is
      // handed a buffer of the right size at once, filled while that work goes on, and the
      // module (through loadPyodide's experimental createPyodideModule option) is released to
      // the restore only when the buffer is full.
      const snapshot = new Uint8Array(Number(stored.headers.get(SNAPSHOT_BYTES)));
      const filled = readInto(stored, snapshot).then(() => phase("read"));
      filled.catch(() => {}); // awaited below
      const createPyodideModule = factory.then((create) => async (settings) => {
        const module = await create(settings);
        await filled;
        return module;
      });
      const py = await loadPyodide({ ...options, createPyodideModule, _loadSnapshot: snapshot });
      phase("booted");
      const loaded = attach(py, await coreBytes, probes);
      phase("imported");
      return { api: loaded, mode: "snapshot" };
    } catch {
      await forgetSnapshot(key);
    }
  }
  const py = await loadPyodide({ ...options, createPyodideModule: factory, _makeSnapshot: true });
  phase("booted");
  const loaded = attach(py, await coreBytes, probes);
  phase("imported");
  const made = py.makeMemorySnapshot();
  phase("snapshot");
  return { api: loaded, mode: "fresh", store: () => storeSnapshot(key, made) };
}

function answer({ id, name, payload }) {
  let json = null;
  try {
    json = api.run(name, payload);
  } catch {
    json = null; // the page says Python did not answer
  }
  self.postMessage({ type: "result", id, json: typeof json === "string" ? json : null });
}

function begin(settings) {
  if (!webAssemblyAllowed()) {
    self.postMessage({ type: "failed", reason: "WebAssembly is not allowed", cause: "blocked" });
    return;
  }
  start(settings).then(
    (started) => {
      api = started.api;
      self.postMessage({ type: "ready", mode: started.mode, timings });
      queue.splice(0).forEach(answer);
      if (started.store) setTimeout(started.store, 0);
    },
    async (error) => {
      const cause = networkFailed ? "network" : "broken";
      // Offline, what is cached is all there is; otherwise a reload starts from the network.
      if (cause === "broken") await dropCaches(settings.key);
      self.postMessage({ type: "failed", reason: String(error && error.message || error), cause });
    },
  );
}

self.onmessage = ({ data }) => {
  if (data.type !== "run") return;
  if (api) answer(data);
  else queue.push(data);
};

try {
  begin(JSON.parse(self.name));
} catch (error) {
  self.postMessage({ type: "failed", reason: `no settings: ${error.message}` });
}
