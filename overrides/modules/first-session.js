// The script of the first-session page: the session plan calculator and its timer, bundled by
// hooks/bundles.py into one content-hashed file with everything it imports. The timer starts
// first, so that the numbers handed on from the load calculator are in the form before the
// calculators read it (as when the two were separate scripts in this order).
import { startCalculators } from "./page.js";
import { startSessionTimer } from "./timer/start.js";

startSessionTimer();
startCalculators();
