// The page's side of the worker that runs Python (the protocol is in protocol.js): it takes over
// the worker that start.html started, keeps the start's state and the words for the reader, and
// sends requests with a time limit. It computes nothing.
import { CAUSES, FAILED, PROGRESS, READY, RESULT, runMessage } from "./protocol.js";

// The share of the runtime's bytes (0 to 1) at which the status says how far the download has
// come: a few words for screen readers, not one every half second. The <progress> bar moves on
// every report.
const PROGRESS_STEPS = [0.25, 0.5, 0.75];

// `data`: the page's data (page-data.js): stall_ms, runtime_bytes, request_timeout_ms and the
// names of the caches a failed start leaves behind.
export function startRuntime(data) {
  let state = "loading"; // "loading" | "ready" | "error"
  let status = "status.loading"; // the words for the reader (strings.json)
  let params = {};
  let mode = "";
  let worker = null;
  let sequence = 0;
  let lastProgress = performance.now();
  let share = null; // of the runtime's bytes arrived, 0 to 1; null before the first report
  let watchdog = 0;
  const pending = new Map();
  const listeners = new Set();

  function tell() {
    listeners.forEach((listener) => listener(state));
  }

  // A start that failed for good: the worker is stopped and the reader told why, and whether a
  // reload can help (offline it cannot; with the caches dropped, so that a reload fetches
  // everything again, it can).
  function fail(cause) {
    if (state !== "loading") return;
    clearInterval(watchdog);
    state = "error";
    if (worker) worker.terminate();
    worker = null;
    pending.forEach((settle) => settle(null));
    pending.clear();
    params = {};
    if (cause === CAUSES.blocked) status = "status.blocked";
    else if (cause === CAUSES.network || navigator.onLine === false) status = "status.offline";
    else status = "status.failed";
    if (cause === "stalled" && navigator.onLine !== false && self.caches) {
      Object.values(data.caches).forEach((name) => caches.delete(name).catch(() => {}));
    }
    tell();
  }

  // loadPyodide() never settles when the WebAssembly file has the wrong MIME type (platform
  // notes), and a download can stall, so a watchdog is the only way to never leave the reader
  // with an endless wait. It fails only a start that has made no progress for a while: a slow
  // download that keeps coming is waited for, with its progress shown.
  watchdog = setInterval(() => {
    if (state === "loading" && performance.now() - lastProgress > data.stall_ms) fail("stalled");
  }, 1_000);

  // Bytes arrived: the status says how far the download has come at a few steps, and that the
  // calculator is starting once everything is in.
  function arrived(loaded) {
    const before = share;
    share = Math.min(1, loaded / data.runtime_bytes);
    if (share >= 1) {
      if (status !== "status.starting") {
        status = "status.starting";
        params = {};
        tell();
      }
      return;
    }
    const step = PROGRESS_STEPS.filter((at) => share >= at).pop();
    if (step !== undefined && (before === null || before < step)) {
      status = "status.progress";
      params = { percent: Math.round(step * 100) };
    }
    tell();
  }

  function receive(message) {
    if (message.type === READY) {
      if (state !== "loading") return;
      clearInterval(watchdog);
      mode = message.mode;
      performance.mark("bfr-python-ready", { detail: { mode, worker: message.timings } });
      state = "ready";
      status = "status.ready";
      params = {};
      share = 1;
      tell();
    } else if (message.type === PROGRESS) {
      lastProgress = performance.now();
      if (state === "loading" && typeof message.loaded === "number") arrived(message.loaded);
    } else if (message.type === FAILED) {
      fail(message.cause);
    } else if (message.type === RESULT && pending.has(message.id)) {
      pending.get(message.id)(message.json);
      pending.delete(message.id);
    }
  }

  // The worker was started by an inline script before the forms (partials/calculators/start.html);
  // take it over with the messages it has sent so far.
  const early = window.bfrEarly || { worker: null, messages: [], failed: true };
  early.claimed = true;
  worker = early.worker;
  if (worker) {
    worker.onmessage = ({ data: message }) => receive(message);
    worker.onerror = (event) => {
      event.preventDefault();
      fail(CAUSES.broken);
    };
  }
  early.messages.splice(0).forEach(receive);
  if (early.failed || !worker) setTimeout(() => fail(CAUSES.broken));

  return {
    get state() { return state; },
    get status() { return status; },
    get params() { return params; },
    // The share of the runtime's bytes arrived (0 to 1), or null before the first report.
    get share() { return share; },
    get mode() { return mode; },
    // A listener added after the state settled (Python's message may arrive before this
    // module runs) is told at once.
    onChange(listener) {
      listeners.add(listener);
      if (state !== "loading" || status !== "status.loading") listener(state);
    },
    // Python's answer (JSON text); null if Python is not running; rejects if no answer comes
    // within the time limit (the reader is then told, instead of waiting for ever).
    run(name, payload) {
      if (state !== "ready") return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        sequence += 1;
        const id = sequence;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error("no answer"));
        }, data.request_timeout_ms);
        pending.set(id, (json) => {
          clearTimeout(timer);
          if (json === null && state === "ready") reject(new Error("no answer"));
          else resolve(json);
        });
        worker.postMessage(runMessage(id, name, payload));
      });
    },
  };
}
