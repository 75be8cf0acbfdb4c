// Runs the Python core in Pyodide, off the main thread. It computes nothing itself: every
// answer is what `calculators.api.run(name, payload_json)` returned.
//
// Started with its settings as the worker's name, JSON {pyodide, core, stdlib, key} (URLs; key
// names this exact build), so it starts the moment its script runs rather than when the busy
// page thread gets round to delivering a first message.
// Messages in:  {type: "run", id, name, payload}   (queued until Python is ready)
// Messages out: {type: "ready", mode: "fresh" | "snapshot", timings} | {type: "failed", reason}
//               {type: "result", id, json}
//
// Return visits start from a memory snapshot of the interpreter (Pyodide's private
// _makeSnapshot/_loadSnapshot options), kept in the browser's Cache API under a key of the
// Pyodide version, the core and the standard library. The snapshot is taken right after the
// core is imported and checked, before any reader input reaches Python, so it holds no answers.
// Any failure falls back to a normal start.

const SNAPSHOTS = "bfr-python-snapshots";
// A snapshot is the interpreter's whole 30 MB heap, about two thirds of it zeros. Only the runs
// of 4 KB pages that hold data are stored (a third of the bytes to read on a return visit); two
// headers give its full length and where each run goes, so the buffer can be made before the
// body is read.
const SNAPSHOT_BYTES = "x-snapshot-bytes";
const SNAPSHOT_RUNS = "x-snapshot-runs"; // JSON [[offset, length], ...]
const PAGE = 4096;
const PROBE = ["one_rm", '{"load": "100", "reps": "5"}'];

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
    const response = await (await caches.open(SNAPSHOTS)).match(snapshotRequest(key));
    const stored = response && Number(response.headers.get(SNAPSHOT_BYTES)) > 0;
    return stored && response.headers.has(SNAPSHOT_RUNS) ? response : null;
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
  const runs = JSON.parse(response.headers.get(SNAPSHOT_RUNS));
  const body = new Uint8Array(await response.arrayBuffer());
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

// Unpacks the core (its data files are gone after a snapshot restore), imports it and checks it.
function attach(py, core) {
  py.unpackArchive(core, "zip", { extractDir: "/home/pyodide/core" });
  py.runPython("import sys\nif '/home/pyodide/core' not in sys.path: sys.path.insert(0, '/home/pyodide/core')");
  const loaded = py.pyimport("calculators.api");
  if (!JSON.parse(loaded.run(...PROBE)).ok) throw new Error("the core failed its check");
  return loaded;
}

// Milliseconds since the worker started, per phase (reported with "ready" for benchmarks).
const timings = { origin: performance.timeOrigin, script: Math.round(performance.now()) };
const phase = (name) => { timings[name] = Math.round(performance.now()); };

async function start({ pyodide, core, stdlib, key }) {
  const coreBytes = bytes(core);
  coreBytes.catch(() => {}); // awaited once Python runs
  const [{ loadPyodide }, stored] = await Promise.all([
    import(new URL("pyodide.mjs", pyodide).href), findSnapshot(key),
  ]);
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
      const loaded = attach(py, await coreBytes);
      phase("imported");
      return { api: loaded, mode: "snapshot" };
    } catch {
      await forgetSnapshot(key);
    }
  }
  const py = await loadPyodide({ ...options, createPyodideModule: factory, _makeSnapshot: true });
  phase("booted");
  const loaded = attach(py, await coreBytes);
  phase("imported");
  const made = py.makeMemorySnapshot();
  phase("snapshot");
  return { api: loaded, mode: "fresh", store: () => storeSnapshot(key, made) };
}

function answer({ id, name, payload }) {
  self.postMessage({ type: "result", id, json: api.run(name, payload) });
}

function begin(settings) {
  start(settings).then(
    (started) => {
      api = started.api;
      self.postMessage({ type: "ready", mode: started.mode, timings });
      queue.splice(0).forEach(answer);
      if (started.store) setTimeout(started.store, 0);
    },
    (error) => self.postMessage({ type: "failed", reason: String(error && error.message || error) }),
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
