// Runs the Python core in Pyodide, off the main thread. It computes nothing itself: every
// answer is what `calculators.api.run(name, payload_json)` returned.
//
// Messages in:  {type: "init", pyodide: <folder URL>, core: <zip URL>}
//               {type: "run", id, name, payload}
// Messages out: {type: "ready"} | {type: "failed", reason} | {type: "result", id, json}

let api = null;
const queue = [];

async function start({ pyodide, core }) {
  const [{ loadPyodide }, archive] = await Promise.all([
    import(new URL("pyodide.mjs", pyodide).href),
    fetch(core).then((response) => {
      if (!response.ok) throw new Error(`core archive: HTTP ${response.status}`);
      return response.arrayBuffer();
    }),
  ]);
  const py = await loadPyodide({ indexURL: pyodide, packages: [] });
  py.unpackArchive(archive, "zip", { extractDir: "/home/pyodide/core" });
  py.runPython("import sys; sys.path.insert(0, '/home/pyodide/core')");
  return py.pyimport("calculators.api");
}

function answer({ id, name, payload }) {
  self.postMessage({ type: "result", id, json: api.run(name, payload) });
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.type === "init") {
    start(message).then(
      (loaded) => {
        api = loaded;
        self.postMessage({ type: "ready" });
        queue.splice(0).forEach(answer);
      },
      (error) => self.postMessage({ type: "failed", reason: String(error && error.message || error) }),
    );
  } else if (message.type === "run") {
    if (api) answer(message);
    else queue.push(message);
  }
};
