// Runs the Python core in Pyodide, off the main thread. It computes nothing itself: every
// answer is what `calculators.api.run(name, payload_json)` returned.
//
// Messages in:  {type: "init", pyodide, core, stdlib, key}   (URLs; key names this exact build)
//               {type: "run", id, name, payload}
// Messages out: {type: "ready", mode: "fresh" | "snapshot"} | {type: "failed", reason}
//               {type: "result", id, json}
//
// Return visits start from a memory snapshot of the interpreter (Pyodide's private
// _makeSnapshot/_loadSnapshot options), kept in the browser's Cache API under a key of the
// Pyodide version, the core and the standard library. The snapshot is taken right after the
// core is imported and checked, before any reader input reaches Python, so it holds no answers.
// Any failure falls back to a normal start.

const SNAPSHOTS = "bfr-python-snapshots";
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

async function readSnapshot(key) {
  if (!self.caches) return null;
  try {
    const cache = await caches.open(SNAPSHOTS);
    const response = await cache.match(snapshotRequest(key));
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null;
  }
}

async function storeSnapshot(key, snapshot) {
  if (!self.caches) return;
  try {
    const cache = await caches.open(SNAPSHOTS);
    const current = snapshotRequest(key);
    await cache.put(current, new Response(snapshot));
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
const timings = {};
const phase = (name) => { timings[name] = Math.round(performance.now()); };

async function start({ pyodide, core, stdlib, key }) {
  const [{ loadPyodide }, coreBytes, snapshot] = await Promise.all([
    import(new URL("pyodide.mjs", pyodide).href), bytes(core), readSnapshot(key),
  ]);
  phase("fetched");
  const options = { indexURL: pyodide, stdLibURL: stdlib, packages: [] };
  if (snapshot) {
    try {
      const py = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      phase("booted");
      const loaded = attach(py, coreBytes);
      phase("imported");
      return { api: loaded, mode: "snapshot" };
    } catch {
      await forgetSnapshot(key);
    }
  }
  const py = await loadPyodide({ ...options, _makeSnapshot: true });
  phase("booted");
  const loaded = attach(py, coreBytes);
  phase("imported");
  const made = py.makeMemorySnapshot();
  phase("snapshot");
  return { api: loaded, mode: "fresh", store: () => storeSnapshot(key, made) };
}

function answer({ id, name, payload }) {
  self.postMessage({ type: "result", id, json: api.run(name, payload) });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    start(message).then(
      (started) => {
        api = started.api;
        self.postMessage({ type: "ready", mode: started.mode, timings });
        queue.splice(0).forEach(answer);
        if (started.store) setTimeout(started.store, 0);
      },
      (error) => self.postMessage({ type: "failed", reason: String(error && error.message || error) }),
    );
  } else if (message.type === "run") {
    if (api) answer(message);
    else queue.push(message);
  }
};
