// The calculators of a page: every form on it, the reader's state restored, and the runtime that
// answers them. It collects what the reader typed, asks the Python core (running in Pyodide in a
// worker) and renders the core's codes and numbers as words in the page's language. It computes
// nothing itself. Every word comes from calculators/strings.json, rendered into the page at build
// time (#bfr-calculator-data).
import { Calculator } from "./form.js";
import { DATA } from "./page-data.js";
import { startRuntime } from "./runtime.js";
import { forms, keepFormsForReturn, keepState, keepStateOnLeaving, offerToLanguageSwitch, restoreState } from "./state.js";

export function startCalculators() {
  const runtime = startRuntime(DATA);
  offerToLanguageSwitch();
  for (const form of document.querySelectorAll("form[data-calculator]")) forms.push(new Calculator(form, runtime));
  restoreState();
  forms.forEach((calculator) => calculator.sync());
  keepStateOnLeaving();
  keepFormsForReturn(() => {
    keepState();
    forms.forEach((calculator) => {
      calculator.sync();
      calculator.update();
    });
  });
  runtime.onChange((state) => forms.forEach((calculator) => calculator.setState(state)));
  runtime.onChange((state) => {
    if (state === "loading") return; // still coming, only slowly
    // The service worker is registered only now, so its downloads do not compete with Python's
    // (main.html); once Python runs, it is asked to keep the runtime for offline use.
    document.dispatchEvent(new Event("bfr-calculators-settled"));
    if (state === "ready" && navigator.serviceWorker) {
      navigator.serviceWorker.addEventListener("message", ({ data }) => {
        if (data === "runtime-cached") document.documentElement.dataset.offlineReady = "";
      });
      navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("cache-runtime"));
    }
  });
}
