// ESLint for every script under overrides/ and the JS unit tests (tests/quality/test_lint.py runs
// it). Each kind of script gets the globals of where it runs.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    // the page modules (bundled by hooks/bundles.py); the worker's own are below
    files: ["overrides/modules/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    files: ["overrides/modules/calculators-worker.js", "overrides/modules/worker/**/*.js"],
    languageOptions: { globals: globals.worker },
  },
  {
    // loaded as they are by every page (classic scripts)
    files: ["overrides/assets/javascripts/**/*.js"],
    languageOptions: { sourceType: "script", globals: globals.browser },
  },
  {
    // a template: offline.py puts the build's lists in place of the __NAMES__
    files: ["overrides/hooks/service-worker.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.serviceworker, __CACHES__: "readonly", __PRECACHE__: "readonly", __RUNTIME__: "readonly" },
    },
  },
  {
    files: ["overrides/hooks/**/*.mjs", "tests/js/**/*.mjs", "eslint.config.js", "stylelint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
