// Runs payloads through the core in the Pyodide the site ships, loaded as the worker loads it
// (calculators-worker.js): the site's own pyodide.mjs, its standard-library subset as stdLibURL,
// no packages, the core zip put on sys.path.
//
// Usage: node core_pyodide.mjs <pyodide dir> <stdlib zip> <core zip> <cases.json>
// cases.json: [[name, payload], ...]. Prints JSON to stdout: one entry per case,
// {"json": <run()'s text>} or {"thrown": <message>}, each followed by whether a probe
// calculation still answered afterwards ({"probe": true | <message>}).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const [pyodideDir, stdlib, core, casesFile] = process.argv.slice(2).map((p) => resolve(p));
const { loadPyodide } = await import(`${pyodideDir}/pyodide.mjs`);
const py = await loadPyodide({ indexURL: `${pyodideDir}/`, stdLibURL: stdlib, packages: [] });
py.FS.mkdirTree("/home/pyodide");
py.FS.writeFile("/home/pyodide/core.zip", new Uint8Array(readFileSync(core)));
py.runPython("import sys\nsys.path.insert(0, '/home/pyodide/core.zip')"); // no proxy left for the snapshot
const api = py.pyimport("calculators.api");
const python = py.runPython("import sys; sys.version.split()[0]");
const PROBE = ["one_rm", '{"load": "100", "reps": "5"}'];

function attempt(name, payload) {
  try {
    const json = api.run(name, payload);
    return typeof json === "string" ? { json } : { thrown: `returned ${typeof json}` };
  } catch (error) {
    return { thrown: String(error && error.message || error).slice(0, 300) };
  }
}

const out = [];
for (const [name, payload] of JSON.parse(readFileSync(casesFile, "utf8"))) {
  const result = attempt(name, payload);
  const probe = attempt(...PROBE);
  result.probe = probe.json !== undefined && JSON.parse(probe.json).ok === true ? true : probe.thrown || probe.json;
  out.push(result);
}
out.push({ python });
process.stdout.write(JSON.stringify(out));
