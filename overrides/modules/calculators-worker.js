// Runs the Python core in Pyodide, off the main thread. It computes nothing itself: every
// answer is what `calculators.api.run(name, payload_json)` returned. Its settings and messages
// are written down in protocol.js; hooks/bundles.py bundles it into one content-hashed file.
//
// Return visits start from a memory snapshot of the interpreter (Pyodide's private
// _makeSnapshot/_loadSnapshot options), kept in the browser's Cache API under a key of the
// Pyodide version, the core and the standard library, with the SHA-256 of what was stored
// (worker/snapshot.js). The snapshot is taken right after the core is imported and checked,
// before any reader input reaches Python, so it holds no answers. A snapshot that does not match
// its digest, or whose interpreter answers a reference case differently from the build's core,
// is dropped, and Python starts normally. After a failed start the runtime cache and the snapshot
// are dropped, so that a reload fetches them again.
import {
  CAUSES, MODES, RUN, failedMessage, progressMessage, readyMessage, resultMessage, settingsFrom,
} from "./protocol.js";
import { SNAPSHOT_BYTES, SNAPSHOT_RUNS, SNAPSHOT_SHA256, packSnapshot, readInto, same } from "./worker/snapshot.js";

const PROGRESS_EVERY_MS = 500;
let cacheNames = { runtime: "", snapshots: "" }; // the Cache API names, from the settings

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
  self.postMessage(progressMessage(loaded));
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

function snapshotRequest(key) {
  return new Request(new URL(`snapshot/${key}`, self.location.href));
}

// The stored snapshot's response (found in a few milliseconds, before its 30 MB body is read),
// or null.
async function findSnapshot(key) {
  if (!self.caches) return null;
  try {
    const response = await (await caches.open(cacheNames.snapshots)).match(snapshotRequest(key));
    const stored = response && Number(response.headers.get(SNAPSHOT_BYTES)) > 0;
    return stored && response.headers.has(SNAPSHOT_RUNS) && response.headers.has(SNAPSHOT_SHA256)
      ? response : null;
  } catch {
    return null;
  }
}

async function storeSnapshot(key, snapshot) {
  if (!self.caches) return;
  try {
    const cache = await caches.open(cacheNames.snapshots);
    const current = snapshotRequest(key);
    const { body, headers } = await packSnapshot(snapshot);
    await cache.put(current, new Response(body, { headers }));
    for (const old of await cache.keys()) {
      if (old.url !== current.url) await cache.delete(old); // one build at a time
    }
  } catch {
    // no room or no Cache API: the next visit starts normally
  }
}

async function forgetSnapshot(key) {
  if (self.caches) await caches.open(cacheNames.snapshots).then((c) => c.delete(snapshotRequest(key))).catch(() => {});
}

// Puts the core's zip on sys.path (files are gone after a snapshot restore, so it is written
// every time; Python imports from a zip itself, no unpacking), imports the core and checks that
// it answers the build's reference cases as the build's core did.
function attach(py, core, probes) {
  py.FS.mkdirTree("/home/pyodide");
  py.FS.writeFile("/home/pyodide/core.zip", new Uint8Array(core));
  py.runPython("import sys\nsys.path.insert(0, '/home/pyodide/core.zip')"); // no proxy left for the snapshot
  const imported = py.pyimport("calculators.api");
  if (!Array.isArray(probes) || probes.length === 0) throw new Error("no reference cases to check");
  for (const [name, payload, wanted] of probes) {
    if (!same(JSON.parse(imported.run(name, payload)), JSON.parse(wanted))) {
      throw new Error(`the core answered ${name} ${payload} differently from the build`);
    }
  }
  return imported;
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
  if (self.caches) await caches.delete(cacheNames.runtime).catch(() => {});
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
      const imported = attach(py, await coreBytes, probes);
      phase("imported");
      return { api: imported, mode: MODES.snapshot };
    } catch {
      await forgetSnapshot(key);
    }
  }
  const py = await loadPyodide({ ...options, createPyodideModule: factory, _makeSnapshot: true });
  phase("booted");
  const imported = attach(py, await coreBytes, probes);
  phase("imported");
  const made = py.makeMemorySnapshot();
  phase("snapshot");
  return { api: imported, mode: MODES.fresh, store: () => storeSnapshot(key, made) };
}

function answer({ id, name, payload }) {
  let json = null;
  try {
    json = api.run(name, payload);
  } catch {
    json = null; // the page says Python did not answer
  }
  self.postMessage(resultMessage(id, json));
}

function begin(settings) {
  cacheNames = settings.caches;
  if (!webAssemblyAllowed()) {
    self.postMessage(failedMessage("WebAssembly is not allowed", CAUSES.blocked));
    return;
  }
  start(settings).then(
    (started) => {
      api = started.api;
      self.postMessage(readyMessage(started.mode, timings));
      queue.splice(0).forEach(answer);
      if (started.store) setTimeout(started.store, 0);
    },
    async (error) => {
      const cause = networkFailed ? CAUSES.network : CAUSES.broken;
      // Offline, what is cached is all there is; otherwise a reload starts from the network.
      if (cause === CAUSES.broken) await dropCaches(settings.key);
      self.postMessage(failedMessage((error && error.message) || error, cause));
    },
  );
}

self.onmessage = ({ data }) => {
  if (data.type !== RUN) return;
  if (api) answer(data);
  else queue.push(data);
};

try {
  begin(settingsFrom(self.name));
} catch (error) {
  self.postMessage(failedMessage(`no settings: ${error.message}`));
}
