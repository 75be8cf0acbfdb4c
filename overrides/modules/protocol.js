// The protocol between a calculator page and the worker that runs Python
// (calculators-worker.js), written down once: the worker's settings and every message in each
// direction. The page (runtime.js) and the worker both import it, so neither can send a field
// the other does not read.
//
// Settings. An inline script in <head> (partials/calculators/start.html, filled in by
// hooks/calculators.py) starts the worker with its settings as the worker's name, JSON, so that
// it starts the moment its script runs rather than when the busy page thread gets round to
// delivering a first message:
//   pyodide, core, stdlib  URLs: Pyodide's folder, the core's and the standard library's archives
//   key                    names this exact build; a memory snapshot is kept under it
//   probes                 [[name, payload, result], ...]: what the build's core answered
//   caches                 {runtime, snapshots}: Cache API names (hooks/offline.py, CACHES)
//
// Page -> worker:
//   {type: "run", id, name, payload}         payload is JSON text; queued until Python is ready
// Worker -> page:
//   {type: "ready", mode, timings}           mode "fresh" | "snapshot"; timings: ms per phase
//   {type: "failed", reason, cause}          cause "network" | "blocked" | "broken"
//   {type: "progress", loaded}               bytes of the runtime arrived, or a step of the start
//                                            done: a slow start is not a hang
//   {type: "result", id, json}               run()'s JSON text, or null if Python gave no answer

export const RUN = "run";
export const READY = "ready";
export const FAILED = "failed";
export const PROGRESS = "progress";
export const RESULT = "result";

export const MODES = Object.freeze({ fresh: "fresh", snapshot: "snapshot" });
// Why a start failed: no request reached the site (a reload cannot help while offline); the
// browser forbids WebAssembly here (a reload cannot help at all); anything else.
export const CAUSES = Object.freeze({ network: "network", blocked: "blocked", broken: "broken" });

const SETTINGS = { pyodide: "string", core: "string", stdlib: "string", key: "string", probes: "array",
  caches: "object" };

// The worker's settings from its name; throws, naming what is missing, if they are not whole.
export function settingsFrom(name) {
  const settings = JSON.parse(name);
  for (const [field, kind] of Object.entries(SETTINGS)) {
    const value = settings?.[field];
    const found = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
    if (found !== kind) throw new Error(`setting ${field} is ${found}, not ${kind}`);
  }
  return settings;
}

export function runMessage(id, name, payload) {
  return { type: RUN, id, name, payload: JSON.stringify(payload) };
}

export function readyMessage(mode, timings) {
  return { type: READY, mode, timings };
}

export function failedMessage(reason, cause = CAUSES.broken) {
  return { type: FAILED, reason: String(reason), cause };
}

export function progressMessage(loaded) {
  return { type: PROGRESS, loaded };
}

// Anything but text from Python is no answer.
export function resultMessage(id, json) {
  return { type: RESULT, id, json: typeof json === "string" ? json : null };
}
